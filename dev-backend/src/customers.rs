//! `/sim/customers`: a real company's inbox, made up. The same `seed` on the same world gives
//! the same customers, names, messages and times (relative to the clock), so a benchmark or a
//! test can be repeated.

use contract::{
    Attachment, ConversationId, Customer, Direction, EpochMs, ErrorCode, Message, MessageId, MessageStatus, PageId,
    Person, PersonId, SendFailure,
};
use serde::{Deserialize, Serialize};

use crate::attachments::Sample;
use crate::clock::{Rng, DAY_MS, HOUR_MS};
use crate::failure::{ApiResult, Failure};
use crate::world::{Conversation, Unreachable, World, AIKO, HARUTO, YUI};

/// Most customers one call adds.
pub const MAX_CUSTOMERS: usize = 200_000;

#[derive(Debug, Deserialize)]
pub struct CustomersRequest {
    pub count: usize,
    #[serde(default)]
    pub seed: u64,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct CustomersAdded {
    pub added: usize,
    /// Every conversation the world holds now.
    pub conversations: usize,
}

// Given names that none of the fixture's customers (Ken, Mina, Riku, Sora, Hana) has, so
// `/sim` finds those by name as before.
const JA_FAMILY: &[&str] = &[
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
];
const JA_GIVEN: &[&str] =
    &["美咲", "陽菜", "結衣", "大翔", "蓮", "悠真", "湊", "葵", "凛", "さくら", "翔太", "健一", "由美", "直樹", "真央"];
const ROMAJI_GIVEN: &[&str] = &["Yuto", "Haruka", "Daiki", "Naoko", "Kaito", "Emi", "Takumi", "Ayaka", "Shota", "Rina"];
const ROMAJI_FAMILY: &[&str] =
    &["Nakamura", "Kimura", "Hayashi", "Shimizu", "Yamaguchi", "Matsumoto", "Inoue", "Ogawa"];
const EN_GIVEN: &[&str] = &[
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Chloe", "James", "Grace", "Oscar", "Ruby", "Leo",
];
const EN_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Clarke", "Walker", "Wright",
    "Hughes",
];
const PRODUCTS_JA: &[&str] = &["急須", "湯呑み", "抹茶セット", "箸置き", "風呂敷", "扇子", "手ぬぐい", "お弁当箱"];
const PRODUCTS_EN: &[&str] = &["blue teapot", "tea cups", "matcha set", "chopstick rests", "furoshiki", "folding fan"];

/// A customer's message; `{n}` is an order number, `{p}` a product.
const CUSTOMER_JA: &[&str] = &[
    "注文番号{n}の配送状況を教えてください。",
    "{p}の在庫はありますか？",
    "{p}をギフト用に包装できますか。",
    "届いた{p}が割れていました。交換をお願いします。",
    "注文{n}のお届け日を変更したいです。",
    "ありがとうございます！",
    "領収書を発行していただけますか。",
];
const CUSTOMER_EN: &[&str] = &[
    "Where is my order {n}?",
    "Is the {p} in stock?",
    "Could you gift-wrap the {p}?",
    "The {p} arrived broken. Can I get a replacement?",
    "I'd like to change the delivery date of order {n}.",
    "Thank you!",
    "Can I get an invoice for order {n}?",
];
const AGENT_JA: &[&str] = &[
    "お問い合わせありがとうございます。確認いたします。",
    "注文番号{n}は明日発送予定です。",
    "{p}は在庫がございます。",
    "大変申し訳ございません。すぐに交換品をお送りします。",
];
const AGENT_EN: &[&str] = &[
    "Thanks for reaching out, let me check.",
    "Order {n} ships tomorrow.",
    "Yes, the {p} is in stock.",
    "We're sorry! A replacement is on its way.",
];

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[(rng.next_u64() % from.len() as u64) as usize]
}

fn chance(rng: &mut Rng, percent: u64) -> bool {
    rng.next_u64() % 100 < percent
}

impl World {
    /// Adds `count` customers, each with a conversation on one of the connected Pages: names
    /// in Japanese and English, 1 to 20 messages, last activity within 90 days. About half
    /// wrote last (those within 7 days await a reply); each user has a few unread; 1 in 20
    /// messages has an attachment; about 1 in 100 cannot receive and 1 in 100 belongs to another
    /// app. Every client's next poll says `reset`: they appear all over the list, not at its top.
    pub fn add_customers(&mut self, count: usize, seed: u64) -> ApiResult<CustomersAdded> {
        if count > MAX_CUSTOMERS {
            return Err(Failure::new(ErrorCode::InvalidRequest, format!("At most {MAX_CUSTOMERS} customers a call.")));
        }
        let pages: Vec<PageId> = self.installs.iter().flat_map(|i| i.page_ids.iter().cloned()).collect();
        if pages.is_empty() {
            return Err(Failure::new(ErrorCode::NotInstalled, "No Page is connected to take the customers."));
        }
        // One stored sample of each kind with bytes, shared by every message that has one.
        let samples: Vec<Attachment> = ["image", "file", "location", "fallback"]
            .into_iter()
            .map(|kind| {
                let sample = Sample { kind: kind.into(), name: None, like: false, title: None, url: None };
                self.sample_attachment(&sample)
            })
            .collect::<ApiResult<_>>()?;
        let agents: Vec<Person> =
            [HARUTO, AIKO, YUI].iter().map(|id| self.user(&PersonId::new(*id)).person.clone()).collect();
        let users: Vec<PersonId> = self.users.iter().map(|u| u.person.id.clone()).collect();
        let apps: Vec<_> = self.apps.iter().skip(1).cloned().collect();
        let now = self.now();
        let first = self.conversations.len();
        let mut rng = Rng::new(seed ^ 0x5EED_C057_0E45);
        self.conversations.reserve(count);
        for i in 0..count {
            let n = first + i;
            let japanese = chance(&mut rng, 50);
            let name = match rng.next_u64() % 3 {
                _ if japanese => format!("{}{}", pick(&mut rng, JA_FAMILY), pick(&mut rng, JA_GIVEN)),
                0 => format!("{} {}", pick(&mut rng, ROMAJI_GIVEN), pick(&mut rng, ROMAJI_FAMILY)),
                _ => format!("{} {}", pick(&mut rng, EN_GIVEN), pick(&mut rng, EN_FAMILY)),
            };
            let id = ConversationId::new(format!("g{seed:x}-{n}"));
            let page_id = pages[(rng.next_u64() % pages.len() as u64) as usize].clone();
            let messages = 1 + (rng.next_u64() % 20) as usize;
            // The newest message within 90 days; the others before it, minutes to hours apart.
            let last_at = now - (rng.unit() * (90 * DAY_MS) as f64) as EpochMs;
            let mut times: Vec<EpochMs> = Vec::with_capacity(messages);
            let mut at = last_at;
            for _ in 0..messages {
                times.push(at);
                at -= 60_000 + (rng.next_u64() % (6 * HOUR_MS as u64)) as EpochMs;
            }
            times.reverse();
            let customer_last = chance(&mut rng, 50);
            let mut thread = Vec::with_capacity(messages);
            for (k, &created_at) in times.iter().enumerate() {
                // Alternating, ending with whoever writes last; the first is always the customer's.
                let from_customer = k == 0 || (messages - 1 - k) % 2 == usize::from(!customer_last);
                let order = 1000 + rng.next_u64() % 9000;
                let template = match (from_customer, japanese) {
                    (true, true) => pick(&mut rng, CUSTOMER_JA),
                    (true, false) => pick(&mut rng, CUSTOMER_EN),
                    (false, true) => pick(&mut rng, AGENT_JA),
                    (false, false) => pick(&mut rng, AGENT_EN),
                };
                let product = pick(&mut rng, if japanese { PRODUCTS_JA } else { PRODUCTS_EN });
                let mut text = template.replace("{n}", &order.to_string()).replace("{p}", product);
                let mut attachments = Vec::new();
                if from_customer && chance(&mut rng, 5) {
                    attachments.push(samples[(rng.next_u64() % samples.len() as u64) as usize].clone());
                    if chance(&mut rng, 50) {
                        text.clear();
                    }
                }
                let seq = self.next_seq;
                self.next_seq += 1;
                let (direction, sent_by, status) = if from_customer {
                    (Direction::Inbound, None, MessageStatus::Delivered { at: created_at })
                } else {
                    let agent = agents[(rng.next_u64() % agents.len() as u64) as usize].clone();
                    (Direction::Outbound, Some(agent), MessageStatus::Read { at: created_at + 60_000 })
                };
                thread.push(Message {
                    id: MessageId::new(format!("m-{seq}")),
                    seq,
                    client_message_id: None,
                    direction,
                    text,
                    attachments,
                    sent_by,
                    created_at,
                    status,
                    reaction: None,
                    edited_at: None,
                });
            }
            // Each user has read it all, but for a few: the customer's newest 1 to 3 are new to them.
            let read_marks = users
                .iter()
                .map(|u| {
                    let unread = if chance(&mut rng, 4) { 1 + (rng.next_u64() % 3) as usize } else { 0 };
                    let inbound: Vec<u64> =
                        thread.iter().filter(|m| m.direction == Direction::Inbound).map(|m| m.seq).collect();
                    let mark = match unread {
                        0 => thread.last().map_or(0, |m| m.seq),
                        k if k >= inbound.len() => 0,
                        k => inbound[inbound.len() - k] - 1,
                    };
                    (u.clone(), mark)
                })
                .collect();
            let cannot_receive = chance(&mut rng, 1);
            if cannot_receive {
                // A reply that Facebook refused, after the customer's last message.
                if let Some(last) = thread.last_mut() {
                    if last.direction == Direction::Outbound {
                        last.status = MessageStatus::Failed { reason: SendFailure::RecipientUnavailable };
                    }
                }
            }
            let owner_app = chance(&mut rng, 1).then(|| apps[(rng.next_u64() % apps.len() as u64) as usize].clone());
            self.conversations.push(Conversation {
                id: id.clone(),
                customer: Customer { id: format!("cust-{id}"), name },
                page_id,
                blocked_page: false,
                unreachable: cannot_receive.then_some(Unreachable::Unavailable),
                cannot_receive_since: cannot_receive.then_some(last_at),
                owner_app,
                taken_from: None,
                messages: thread,
                read_marks,
            });
            self.by_id.insert(id, n);
            self.reindex(n);
        }
        self.inbox.shrink();
        // They land all over the list, where no event can place them: every client starts again.
        self.cursor += 1;
        self.base_cursor = self.cursor;
        Ok(CustomersAdded { added: count, conversations: self.conversations.len() })
    }
}
