//! `POST /sim/facebook/webhook`: what Facebook posts to a Messenger app's webhook, in
//! Facebook's own shapes. A real CRM backend learns of new messages, deliveries, reads and
//! Page restrictions only this way, so the simulated Facebook drives the world through it
//! too (the receipts after a send included).

use contract::{ConversationId, ErrorCode, MessageId, MessageStatus, PageId, Restriction, UpdateEvent};
use serde::Deserialize;

use crate::failure::{ApiResult, Failure};
use crate::world::World;

/// `{"object": "page", "entry": [...]}`.
#[derive(Debug, Deserialize)]
pub struct Notification {
    pub object: String,
    pub entry: Vec<Entry>,
}

/// One Page's batch.
#[derive(Debug, Deserialize)]
pub struct Entry {
    /// The Page's id.
    pub id: PageId,
    #[serde(default)]
    pub messaging: Vec<Messaging>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Messaging {
    /// The customer's page-scoped id (PSID), or the Page for echoes.
    pub sender: Option<Party>,
    pub recipient: Option<Party>,
    pub timestamp: Option<i64>,
    /// `messages`: the customer wrote.
    pub message: Option<IncomingMessage>,
    /// `message_deliveries`: everything sent up to `watermark` was delivered.
    pub delivery: Option<Watermark>,
    /// `message_reads`: everything sent up to `watermark` was read.
    pub read: Option<Watermark>,
    /// `messaging_policy_enforcement`.
    #[serde(rename = "policy-enforcement", alias = "policy_enforcement")]
    pub policy_enforcement: Option<PolicyEnforcement>,
}

#[derive(Debug, Deserialize)]
pub struct Party {
    pub id: String,
}

#[derive(Debug, Deserialize)]
pub struct IncomingMessage {
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct Watermark {
    pub watermark: i64,
}

#[derive(Debug, Deserialize)]
pub struct PolicyEnforcement {
    /// `block` or `unblock`.
    pub action: String,
    #[serde(default)]
    pub reason: String,
}

impl World {
    /// The simulated Facebook's receipt for a message it accepted, posted to the webhook as a
    /// watermark at the message's time. A customer who blocked the Page sends none (seed mode 5).
    pub fn facebook_receipt(&mut self, conversation_id: &ConversationId, message_id: &MessageId, read: bool) {
        let Some(c) = self.conversations.iter().find(|c| c.id == *conversation_id && !c.blocked_page) else { return };
        let Some(m) = c.messages.iter().find(|m| m.id == *message_id) else { return };
        let page = c.page_id.clone();
        let watermark = Some(Watermark { watermark: m.created_at });
        let (delivery, read) = if read { (None, watermark) } else { (watermark, None) };
        let event = Messaging {
            sender: Some(Party { id: c.customer.id.clone() }),
            recipient: Some(Party { id: page.to_string() }),
            delivery,
            read,
            ..Messaging::default()
        };
        let _ = self
            .webhook(Notification { object: "page".into(), entry: vec![Entry { id: page, messaging: vec![event] }] });
    }

    /// Applies a notification; answers how many events it applied. Events about a Page or a
    /// customer the world does not know are skipped, as a real backend would log and drop them.
    pub fn webhook(&mut self, notification: Notification) -> ApiResult<usize> {
        if notification.object != "page" {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Only Page notifications are handled."));
        }
        let mut applied = 0;
        for entry in notification.entry {
            if self.page(&entry.id).is_none() {
                continue;
            }
            for event in entry.messaging {
                applied += usize::from(self.webhook_event(&entry.id, event));
            }
        }
        Ok(applied)
    }

    fn webhook_event(&mut self, page_id: &PageId, event: Messaging) -> bool {
        let at = event.timestamp.unwrap_or_else(|| self.now());
        if let Some(policy) = event.policy_enforcement {
            return self.policy_enforcement(page_id, policy, at);
        }
        let Some(customer) = event.sender.map(|s| s.id) else { return false };
        let Some(index) = self.conversations.iter().position(|c| c.customer.id == customer && c.page_id == *page_id)
        else {
            return false;
        };
        if let Some(message) = event.message {
            let name = self.conversations[index].customer.name.clone();
            return self.inbound(&name, &message.text).is_ok();
        }
        if let Some(Watermark { watermark }) = event.delivery {
            return self.watermark(index, watermark, false);
        }
        if let Some(Watermark { watermark }) = event.read {
            return self.watermark(index, watermark, true);
        }
        false
    }

    /// Every outbound message sent up to `watermark` is delivered (or read): Facebook's
    /// receipts name a time, not messages.
    fn watermark(&mut self, index: usize, watermark: i64, read: bool) -> bool {
        let conversation_id = self.conversations[index].id.clone();
        let mut changed = Vec::new();
        for m in &mut self.conversations[index].messages {
            if m.created_at > watermark {
                continue;
            }
            let next = match (&m.status, read) {
                (MessageStatus::Sent { .. }, false) => MessageStatus::Delivered { at: watermark },
                (MessageStatus::Sent { .. } | MessageStatus::Delivered { .. }, true) => {
                    MessageStatus::Read { at: watermark }
                }
                _ => continue,
            };
            m.status = next;
            changed.push(m.clone());
        }
        let any = !changed.is_empty();
        for message in changed {
            self.push_event(UpdateEvent::Message { conversation_id: conversation_id.clone(), message });
        }
        any
    }

    fn policy_enforcement(&mut self, page_id: &PageId, policy: PolicyEnforcement, at: i64) -> bool {
        let Some(page) = self.page_mut(page_id) else { return false };
        page.restriction = match policy.action.as_str() {
            "block" => {
                let appeal_url = page.support_url();
                Some(Restriction { reason: policy.reason, since: at, appeal_url })
            }
            "unblock" => None,
            _ => return false,
        };
        self.push_event(UpdateEvent::Integration);
        true
    }
}
