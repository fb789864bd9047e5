//! Seed mode 7: how long the agent may still reply, on the server's clock.

use contract::{ConversationSummary, Direction, EpochMs};

/// Below this, the window "closes soon".
pub const CLOSES_SOON_MS: EpochMs = 24 * 60 * 60 * 1000;

/// The server's clock as seen from the browser: the browser's clock is only used to measure
/// time passed since the server last told us its time, so a wrong browser clock does not matter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServerClock {
    offset_ms: EpochMs,
}

impl ServerClock {
    /// From a response's `server_time`, received when the browser's clock said `browser_now`.
    pub fn sync(server_time: EpochMs, browser_now: EpochMs) -> Self {
        ServerClock { offset_ms: server_time - browser_now }
    }

    pub fn now(self, browser_now: EpochMs) -> EpochMs {
        browser_now + self.offset_ms
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowState {
    /// The customer never wrote: there is nothing to reply to.
    Never,
    Open {
        remaining_ms: EpochMs,
    },
    ClosesSoon {
        remaining_ms: EpochMs,
    },
    Closed,
}

impl WindowState {
    pub fn at(reply_by: Option<EpochMs>, server_now: EpochMs) -> WindowState {
        match reply_by {
            None => WindowState::Never,
            Some(by) if server_now >= by => WindowState::Closed,
            Some(by) if by - server_now < CLOSES_SOON_MS => WindowState::ClosesSoon { remaining_ms: by - server_now },
            Some(by) => WindowState::Open { remaining_ms: by - server_now },
        }
    }

    pub fn can_reply(self) -> bool {
        matches!(self, WindowState::Open { .. } | WindowState::ClosesSoon { .. })
    }
}

/// Whole days, hours and minutes left. Rounds down, never overstating the time left,
/// but shows at least 1 min while the window is open.
pub fn remaining_parts(remaining_ms: EpochMs) -> (i64, i64, i64) {
    let minutes = if remaining_ms > 0 { (remaining_ms / 60_000).max(1) } else { 0 };
    (minutes / (24 * 60), minutes / 60 % 24, minutes % 60)
}

/// The units a "3 minutes ago" counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgoUnit {
    Minute,
    Hour,
    Day,
}

impl AgoUnit {
    pub const ALL: [AgoUnit; 3] = [AgoUnit::Minute, AgoUnit::Hour, AgoUnit::Day];

    /// Its name for `Intl.RelativeTimeFormat`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgoUnit::Minute => "minute",
            AgoUnit::Hour => "hour",
            AgoUnit::Day => "day",
        }
    }
}

/// How long ago, in the largest whole unit that fits ("3 minutes", "2 hours", "5 days");
/// `None` under a minute ("just now").
pub fn ago_parts(elapsed_ms: EpochMs) -> Option<(i64, AgoUnit)> {
    let minutes = elapsed_ms.max(0) / 60_000;
    match minutes {
        0 => None,
        1..60 => Some((minutes, AgoUnit::Minute)),
        60..2880 => Some((minutes / 60, AgoUnit::Hour)),
        _ => Some((minutes / (24 * 60), AgoUnit::Day)),
    }
}

/// What the host's unread badge shows (`messenger:awaiting-reply`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AwaitingReply {
    /// Conversations whose last message is the customer's and whose window is open.
    pub count: u32,
    /// Of those, how many close within 24 hours.
    pub closing_within_24h: u32,
}

pub fn awaiting_reply(conversations: &[ConversationSummary], server_now: EpochMs) -> AwaitingReply {
    let mut awaiting = AwaitingReply::default();
    for c in conversations {
        let theirs = c.last_message.as_ref().is_some_and(|m| m.direction == Direction::Inbound);
        match WindowState::at(c.reply_window.reply_by, server_now) {
            WindowState::Open { .. } if theirs => awaiting.count += 1,
            WindowState::ClosesSoon { .. } if theirs => {
                awaiting.count += 1;
                awaiting.closing_within_24h += 1;
            }
            _ => {}
        }
    }
    awaiting
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: EpochMs = 60 * 60 * 1000;

    #[test]
    fn exactly_seven_days_after_the_last_message_the_window_is_closed() {
        let by = 7 * 24 * H;
        assert_eq!(WindowState::at(Some(by), by), WindowState::Closed);
        assert_eq!(WindowState::at(Some(by), by - 1), WindowState::ClosesSoon { remaining_ms: 1 });
        assert!(WindowState::at(Some(by), by - 1).can_reply());
        assert!(!WindowState::at(Some(by), by + 1).can_reply());
    }

    #[test]
    fn closes_soon_below_a_day() {
        assert!(matches!(WindowState::at(Some(30 * H), 0), WindowState::Open { .. }));
        assert!(matches!(WindowState::at(Some(24 * H), 1), WindowState::ClosesSoon { .. }));
        assert_eq!(WindowState::at(None, 0), WindowState::Never);
    }

    #[test]
    fn a_skewed_browser_clock_does_not_move_the_deadline() {
        // The browser is 3 days fast; 10 seconds pass.
        let server_time = 1_000_000_000;
        let browser_at_sync = server_time + 3 * 24 * H;
        let clock = ServerClock::sync(server_time, browser_at_sync);
        assert_eq!(clock.now(browser_at_sync + 10_000), server_time + 10_000);
        let reply_by = server_time + 4 * H;
        assert_eq!(
            WindowState::at(Some(reply_by), clock.now(browser_at_sync + 10_000)),
            WindowState::ClosesSoon { remaining_ms: 4 * H - 10_000 }
        );
    }

    #[test]
    fn remaining_is_split_and_rounded_down_to_the_minute() {
        assert_eq!(remaining_parts(3 * H + 52 * 60_000), (0, 3, 52));
        assert_eq!(remaining_parts(3 * H + 52 * 60_000 + 59_999), (0, 3, 52));
        assert_eq!(remaining_parts(4 * H - 1), (0, 3, 59));
        assert_eq!(remaining_parts(6 * 24 * H + 2 * H), (6, 2, 0));
        assert_eq!(remaining_parts(1), (0, 0, 1));
        assert_eq!(remaining_parts(-5), (0, 0, 0));
    }

    #[test]
    fn ago_names_the_largest_whole_unit() {
        assert_eq!(ago_parts(59_999), None);
        assert_eq!(ago_parts(-5), None, "a clock a little ahead is just now");
        assert_eq!(ago_parts(3 * 60_000 + 59_000), Some((3, AgoUnit::Minute)));
        assert_eq!(ago_parts(59 * 60_000), Some((59, AgoUnit::Minute)));
        assert_eq!(ago_parts(H), Some((1, AgoUnit::Hour)));
        assert_eq!(ago_parts(47 * H), Some((47, AgoUnit::Hour)));
        assert_eq!(ago_parts(48 * H), Some((2, AgoUnit::Day)));
    }

    #[test]
    fn awaiting_reply_counts_open_windows_whose_last_word_is_the_customers() {
        use contract::{Customer, Message, MessageStatus, ReplyWindow};
        let conversation = |id: &str, last: Direction, reply_by: Option<EpochMs>| ConversationSummary {
            id: id.into(),
            customer: Customer { id: id.into(), name: id.into() },
            page: None,
            last_message: Some(Message {
                id: "m".into(),
                seq: 1,
                client_message_id: None,
                direction: last,
                text: String::new(),
                attachments: vec![],
                sent_by: None,
                created_at: 0,
                status: MessageStatus::Sending,
                reaction: None,
                edited_at: None,
            }),
            reply_window: ReplyWindow { last_inbound_at: Some(0), reply_by, open: true },
            cannot_receive_since: None,
            owner_app: None,
            taken_from: None,
            unread: 0,
            search_hit: None,
        };
        let list = [
            conversation("ken", Direction::Inbound, Some(5 * 24 * H)),
            conversation("mina", Direction::Inbound, Some(4 * H)),
            conversation("answered", Direction::Outbound, Some(4 * H)),
            conversation("riku", Direction::Inbound, Some(0)),
            conversation("never", Direction::Inbound, None),
        ];
        assert_eq!(awaiting_reply(&list, 1), AwaitingReply { count: 2, closing_within_24h: 1 });
        assert_eq!(awaiting_reply(&list, 6 * 24 * H), AwaitingReply::default());
    }
}
