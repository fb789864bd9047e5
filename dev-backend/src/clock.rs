//! The server's clock: real time plus what `/sim/clock` advanced it by.

use std::time::{SystemTime, UNIX_EPOCH};

use contract::EpochMs;

pub const HOUR_MS: EpochMs = 60 * 60 * 1000;
pub const DAY_MS: EpochMs = 24 * HOUR_MS;

#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset_ms: EpochMs,
}

impl Clock {
    pub fn now(&self) -> EpochMs {
        let real = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as EpochMs);
        real + self.offset_ms
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
