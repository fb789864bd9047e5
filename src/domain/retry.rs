//! The one retry policy: for each kind of request, how many times it is tried again, how long
//! it waits before each retry, and when it gives up. `crate::retry` carries it out, and
//! `docs/retries.md` is this table in words (a test below holds the two equal). No retry loop
//! runs inside another: a kind's requests go out once each under its own loop.

use super::backoff::Backoff;

/// Every kind of request that is ever tried again by itself, or whose Try again waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// A GET a screen waits for (who is signed in, the integration, a thread, a check): a
    /// passing hiccup is asked again a few times before an error screen shows.
    Read,
    /// The inbox's updates loop (the list, then `GET /updates` long polls): as long as the inbox
    /// is on screen. A first list that fails is shown when a `Read` would give up on it.
    Updates,
    /// A message in the outbox, with its uploads: until it is sent or refused for good. A
    /// `Retry-After` from the server is the wait instead, up to `MAX_WAIT_MS`.
    Outbox,
    /// A screen whose read failed (the network, the server) reads again by itself while it shows.
    FailedScreen,
    /// Try again after the install flow failed: the button waits longer after each failure.
    TryAgain,
}

/// How a kind of request is tried again. The wait before retry `n` (0 is the first) is
/// `fixed_ms` plus a full-jitter pick from `jitter`, and never under `floor_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many retries follow a failure; `None` keeps trying.
    pub retries: Option<u32>,
    pub fixed_ms: u32,
    pub jitter: Backoff,
    pub floor_ms: u32,
    /// Whether a timeout is tried again: after one the request has already waited long enough
    /// for a screen the user is looking at.
    pub after_timeout: bool,
}

/// The longest any request waits before it is tried again, a server's `Retry-After` included.
pub const MAX_WAIT_MS: u32 = 60 * 60 * 1000;

impl RequestKind {
    pub const ALL: [RequestKind; 5] = [
        RequestKind::Read,
        RequestKind::Updates,
        RequestKind::Outbox,
        RequestKind::FailedScreen,
        RequestKind::TryAgain,
    ];

    pub const fn policy(self) -> RetryPolicy {
        const fn every(fixed_ms: u32, base_ms: u32, max_ms: u32, floor_ms: u32) -> RetryPolicy {
            RetryPolicy { retries: None, fixed_ms, jitter: Backoff { base_ms, max_ms }, floor_ms, after_timeout: true }
        }
        match self {
            RequestKind::Read => RetryPolicy { retries: Some(3), after_timeout: false, ..every(0, 1_000, 4_000, 0) },
            RequestKind::Updates => every(0, 500, 30_000, 250),
            RequestKind::Outbox => every(0, 500, 30_000, 0),
            // 3 to 13 seconds, so many open pages do not return to a recovering server at once.
            RequestKind::FailedScreen => RetryPolicy { after_timeout: false, ..every(3_000, 10_000, 10_000, 0) },
            RequestKind::TryAgain => every(0, 500, 30_000, 1_000),
        }
    }

    /// Whether the kind has given up by retry `attempt` (0 is the first).
    pub fn gives_up(self, attempt: u32) -> bool {
        self.policy().retries.is_some_and(|retries| attempt >= retries)
    }

    /// The wait before retry `attempt` (0 is the first), given a uniform random `unit` in
    /// `[0, 1)`; `None` once the kind gives up.
    pub fn wait_ms(self, attempt: u32, unit: f64) -> Option<u32> {
        if self.gives_up(attempt) {
            return None;
        }
        let policy = self.policy();
        let wait = policy.fixed_ms.saturating_add(policy.jitter.delay_ms(attempt, unit));
        Some(wait.max(policy.floor_ms).min(MAX_WAIT_MS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_is_asked_again_three_times_within_seven_seconds() {
        let waits: Vec<_> = (0..5).map(|n| RequestKind::Read.wait_ms(n, 1.0)).collect();
        assert_eq!(waits, [Some(1_000), Some(2_000), Some(4_000), None, None]);
        assert!(!RequestKind::Read.gives_up(2) && RequestKind::Read.gives_up(3));
        assert!(!RequestKind::Updates.gives_up(u32::MAX));
        assert!(!RequestKind::Read.policy().after_timeout);
    }

    #[test]
    fn the_loops_keep_trying_up_to_their_ceiling() {
        for kind in [RequestKind::Updates, RequestKind::Outbox, RequestKind::TryAgain] {
            assert_eq!(kind.wait_ms(u32::MAX, 1.0), Some(30_000), "{kind:?}");
        }
        assert_eq!(RequestKind::Updates.wait_ms(0, 0.0), Some(250));
        assert_eq!(RequestKind::Outbox.wait_ms(0, 0.0), Some(0));
        assert_eq!(RequestKind::TryAgain.wait_ms(0, 0.0), Some(1_000));
    }

    #[test]
    fn a_failed_screen_comes_back_after_three_to_thirteen_seconds() {
        assert_eq!(RequestKind::FailedScreen.wait_ms(0, 0.0), Some(3_000));
        assert_eq!(RequestKind::FailedScreen.wait_ms(0, 0.999_999), Some(13_000));
        assert_eq!(RequestKind::FailedScreen.wait_ms(40, 0.5), Some(8_000));
    }

    /// docs/retries.md states each kind's retries and waits; a change to one without the other fails.
    #[test]
    fn the_documented_table_is_the_policy() {
        let doc = include_str!("../../docs/retries.md");
        for kind in RequestKind::ALL {
            let p = kind.policy();
            let retries = p.retries.map_or("until it succeeds".to_owned(), |n| n.to_string());
            let row = format!(
                "| `{kind:?}` | {retries} | {} + up to {}–{} ms | {} ms | {} |",
                p.fixed_ms,
                p.jitter.base_ms,
                p.jitter.max_ms,
                p.floor_ms,
                if p.after_timeout { "yes" } else { "no" }
            );
            assert!(doc.contains(&row), "docs/retries.md lacks the row\n{row}");
        }
    }
}
