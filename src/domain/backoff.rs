//! Retry delays: full-jitter exponential backoff.
//!
//! Full jitter (a uniform pick in `0..=cap(attempt)`) spreads retries of many clients
//! apart, so a recovering server is not hit by all of them at once.

/// The ceiling of the delay for each attempt, doubling from `base_ms` up to `max_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base_ms: u32,
    pub max_ms: u32,
}

impl Backoff {
    /// The largest delay allowed before retry number `attempt` (0 is the first retry).
    pub fn cap_ms(self, attempt: u32) -> u32 {
        let factor = 1u64.checked_shl(attempt.min(31)).unwrap_or(u64::MAX);
        (u64::from(self.base_ms) * factor).min(u64::from(self.max_ms)) as u32
    }

    /// The delay before retry number `attempt`, given a uniform random `unit` in `[0, 1)`.
    /// The randomness is passed in so the schedule is testable.
    pub fn delay_ms(self, attempt: u32, unit: f64) -> u32 {
        let unit = if unit.is_finite() { unit.clamp(0.0, 1.0) } else { 0.0 };
        (f64::from(self.cap_ms(attempt)) * unit).round() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Backoff = Backoff { base_ms: 500, max_ms: 30_000 };

    #[test]
    fn cap_doubles_then_stops_at_max() {
        let b = B;
        let caps: Vec<u32> = (0..8).map(|a| b.cap_ms(a)).collect();
        assert_eq!(caps, [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    }

    #[test]
    fn huge_attempt_numbers_do_not_overflow() {
        assert_eq!(B.cap_ms(u32::MAX), 30_000);
        assert_eq!(B.cap_ms(64), 30_000);
    }

    #[test]
    fn delay_spans_zero_to_cap() {
        let b = B;
        assert_eq!(b.delay_ms(3, 0.0), 0);
        assert_eq!(b.delay_ms(3, 0.5), 2_000);
        assert_eq!(b.delay_ms(3, 0.999_999), 4_000);
    }

    #[test]
    fn bad_random_input_is_clamped() {
        let b = B;
        assert_eq!(b.delay_ms(1, -3.0), 0);
        assert_eq!(b.delay_ms(1, 7.0), 1_000);
        assert_eq!(b.delay_ms(1, f64::NAN), 0);
    }
}
