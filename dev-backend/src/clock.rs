//! The server's clock: real time, or (`--fixed-time`) a fixed instant each new world starts
//! from again; plus what `/sim/clock` advanced it by.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use contract::EpochMs;

pub const HOUR_MS: EpochMs = 60 * 60 * 1000;
pub const DAY_MS: EpochMs = 24 * HOUR_MS;

#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset_ms: EpochMs,
    /// `--fixed-time`: the instant it started at, and when. It still runs from there, so
    /// whatever waits for time to pass still does.
    fixed: Option<(EpochMs, Instant)>,
}

impl Clock {
    /// Starts at `at` now: a scenario built from it repeats its times to the millisecond.
    pub fn starting_at(at: EpochMs) -> Self {
        Clock { offset_ms: 0, fixed: Some((at, Instant::now())) }
    }

    /// The clock of a new world: a fixed one starts again from its instant.
    pub fn restarted(&self) -> Self {
        self.fixed.map_or_else(Clock::default, |(at, _)| Clock::starting_at(at))
    }

    pub fn is_fixed(&self) -> bool {
        self.fixed.is_some()
    }

    pub fn now(&self) -> EpochMs {
        let base = match self.fixed {
            Some((at, since)) => at + since.elapsed().as_millis() as EpochMs,
            None => SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as EpochMs),
        };
        base + self.offset_ms
    }

    pub fn advance(&mut self, ms: EpochMs) {
        self.offset_ms += ms;
    }
}

/// SplitMix64: a tiny seeded generator, so fault injection is reproducible for a given seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A secret: session, CSRF token, OAuth state and code. From the OS, because SplitMix64
/// can be run backwards, and one token must not reveal the next.
/// Compares a secret (CSRF token, OAuth code) without returning early at the first differing
/// byte, so the time taken does not tell an attacker how much of a guess was right.
pub fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn secret(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_starts_at_its_instant_and_again_in_each_new_world() {
        const AT: EpochMs = 1_796_117_400_000;
        let mut clock = Clock::starting_at(AT);
        clock.advance(HOUR_MS);
        assert!((AT + HOUR_MS..AT + HOUR_MS + 1_000).contains(&clock.now()));
        let next = clock.restarted();
        assert!(next.is_fixed());
        assert!((AT..AT + 1_000).contains(&next.now()), "the advance is the old world's");
        let real = Clock::default();
        assert!(!real.restarted().is_fixed());
        assert!(real.now() > 1_700_000_000_000);
    }
}
