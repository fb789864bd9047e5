//! `POST /sim/facebook/webhook`: what Facebook posts to a Messenger app's webhook, in
//! Facebook's own shapes. A real CRM backend learns of new messages, deliveries, reads,
//! handovers, reactions, edits and Page restrictions only this way, so the simulated Facebook
//! drives the world through it too (the receipts after a send included). A Page whose
//! subscription was dropped sends nothing.

use contract::{
    Attachment, AttachmentKind, ConversationId, Direction, ErrorCode, MessageId, MessageStatus, PageId, Restriction,
    UpdateEvent,
};
use serde::{Deserialize, Deserializer};

use crate::attachments::Sample;
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
    /// What this app hears while another app owns the thread (Conversation Routing): the
    /// customer's messages still reach the inbox.
    #[serde(default)]
    pub standby: Vec<Messaging>,
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
    /// `messaging_handovers`: another app passed the thread on.
    pub pass_thread_control: Option<Handover>,
    /// `messaging_handovers`: an app took the thread.
    pub take_thread_control: Option<Handover>,
    /// `message_reactions`.
    pub reaction: Option<Reaction>,
    /// `message_edits`: the customer changed a message's text.
    pub message_edit: Option<MessageEdit>,
}

#[derive(Debug, Deserialize)]
pub struct Party {
    pub id: String,
}

#[derive(Debug, Deserialize)]
pub struct IncomingMessage {
    /// Facebook's message id, which reactions and edits name later.
    pub mid: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub attachments: Vec<FacebookAttachment>,
    /// Set on a sticker; `contract::LIKE_STICKER_ID` is the like button.
    pub sticker_id: Option<u64>,
}

/// Facebook's `message.attachments[]`: `type` and a `payload` with a `url` (an image, video,
/// audio or file), a `sticker_id`, or a location's `title` and `coordinates`, or a shared link.
#[derive(Debug, Deserialize)]
pub struct FacebookAttachment {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub payload: FacebookPayload,
}

#[derive(Debug, Default, Deserialize)]
pub struct FacebookPayload {
    pub url: Option<String>,
    pub sticker_id: Option<u64>,
    pub title: Option<String>,
    pub coordinates: Option<contract::Coordinates>,
}

#[derive(Debug, Deserialize)]
pub struct Watermark {
    pub watermark: i64,
}

#[derive(Debug, Default, Deserialize)]
pub struct Handover {
    /// Absent or `null` when the thread was idle.
    #[serde(default, deserialize_with = "app_id")]
    pub previous_owner_app_id: Option<String>,
    #[serde(default, deserialize_with = "app_id")]
    pub new_owner_app_id: Option<String>,
    pub metadata: Option<String>,
}

/// An app id, a string in Facebook's examples and a number in some: either is taken.
fn app_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[derive(Debug, Deserialize)]
pub struct Reaction {
    /// `smile`, `angry`, `sad`, `wow`, `love`, `like`, `dislike` or `other`.
    pub reaction: Option<String>,
    pub emoji: Option<String>,
    /// `react` or `unreact`.
    pub action: String,
    /// The message reacted to.
    pub mid: String,
}

#[derive(Debug, Deserialize)]
pub struct MessageEdit {
    pub mid: String,
    pub text: String,
    /// How many times it was edited; Facebook sends it as a number or a string. Not kept.
    #[serde(default)]
    pub num_edit: Option<serde_json::Value>,
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
        let entry = Entry { id: page, messaging: vec![event], standby: Vec::new() };
        let _ = self.webhook(Notification { object: "page".into(), entry: vec![entry] });
    }

    /// Applies a notification; answers how many events it applied. Events about a Page or a
    /// customer the world does not know are skipped, as a real backend would log and drop them.
    pub fn webhook(&mut self, notification: Notification) -> ApiResult<usize> {
        if notification.object != "page" {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Only Page notifications are handled."));
        }
        let mut applied = 0;
        for entry in notification.entry {
            if self.page(&entry.id).is_none() || self.webhook_dropped(&entry.id) {
                continue;
            }
            for event in entry.messaging.into_iter().chain(entry.standby) {
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
            let attachments = message
                .attachments
                .iter()
                .map(|a| self.facebook_attachment(a, message.sticker_id))
                .collect::<Result<Vec<_>, _>>();
            let Ok(stored) = attachments.and_then(|a| self.inbound(&name, &message.text, a)) else { return false };
            if let Some(mid) = message.mid {
                self.mids.insert(mid, stored.id);
            }
            return true;
        }
        if let Some(reaction) = event.reaction {
            let emoji = match reaction.action.as_str() {
                "react" => match reaction.emoji.or_else(|| reaction_emoji(reaction.reaction.as_deref())) {
                    Some(emoji) => Some(emoji),
                    None => return false,
                },
                "unreact" => None,
                _ => return false,
            };
            return self.update_message(index, &reaction.mid, |m| {
                m.reaction = emoji;
                true
            });
        }
        if let Some(edit) = event.message_edit {
            // Only the customer's own messages can be edited by them.
            return self.update_message(index, &edit.mid, |m| {
                if m.direction != Direction::Inbound {
                    return false;
                }
                m.text = edit.text;
                m.edited_at = Some(at);
                true
            });
        }
        if let Some(handover) = event.pass_thread_control.or(event.take_thread_control) {
            let Handover { new_owner_app_id, previous_owner_app_id, .. } = handover;
            return self.handover(index, new_owner_app_id.as_deref(), previous_owner_app_id.as_deref());
        }
        if let Some(Watermark { watermark }) = event.delivery {
            return self.watermark(index, watermark, false);
        }
        if let Some(Watermark { watermark }) = event.read {
            return self.watermark(index, watermark, true);
        }
        false
    }

    /// Changes the message Facebook's `mid` names (ours for an agent's message) if `change`
    /// says so, and tells every agent; the list's preview too when it is the last message.
    fn update_message(&mut self, index: usize, mid: &str, change: impl FnOnce(&mut contract::Message) -> bool) -> bool {
        let id = self.mids.get(mid).cloned().unwrap_or_else(|| MessageId::new(mid));
        let conversation = &mut self.conversations[index];
        let last = conversation.messages.len().saturating_sub(1);
        let Some(at) = conversation.messages.iter().position(|m| m.id == id) else { return false };
        if !change(&mut conversation.messages[at]) {
            return false;
        }
        let (conversation_id, message) = (conversation.id.clone(), conversation.messages[at].clone());
        self.push_event(UpdateEvent::Message { conversation_id, message });
        if at == last {
            self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        }
        true
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

/// The emoji of a reaction Facebook names without one.
fn reaction_emoji(name: Option<&str>) -> Option<String> {
    let emoji = match name? {
        "love" => "❤️",
        "like" => "👍",
        "dislike" => "👎",
        "smile" => "😆",
        "wow" => "😮",
        "sad" => "😢",
        "angry" => "😠",
        _ => return None,
    };
    Some(emoji.into())
}

impl World {
    /// One of Facebook's attachment shapes, as the CRM stores it. The backend fetches nothing
    /// from outside: the payload's URL only names the file, and the sample of its kind stands
    /// in for the bytes.
    pub fn facebook_attachment(&mut self, a: &FacebookAttachment, sticker_id: Option<u64>) -> ApiResult<Attachment> {
        let sticker = a.payload.sticker_id.or(sticker_id);
        // A URL's last path segment, without its query, as the file's name.
        let name_in_url = a.payload.url.as_deref().and_then(|u| {
            let path = u.split(['?', '#']).next()?;
            let last = path.rsplit('/').next()?;
            (!last.is_empty()).then(|| last.to_owned())
        });
        let kind = match (a.kind.as_str(), sticker) {
            // A sticker came as an image with a `sticker_id` until Meta's `sticker` type (2026-06).
            ("image", Some(_)) | ("sticker", _) => {
                let like = sticker == Some(contract::LIKE_STICKER_ID);
                return self.sample_attachment(&Sample { kind: "sticker".into(), like, ..Sample::default() });
            }
            ("image" | "video" | "audio" | "file", _) => a.kind.as_str(),
            ("location", _) => {
                return Ok(Attachment {
                    title: a.payload.title.clone(),
                    coordinates: a.payload.coordinates,
                    ..self.attachments.describe(AttachmentKind::Location)
                });
            }
            ("fallback", _) => {
                return Ok(Attachment {
                    title: a.payload.title.clone(),
                    url: a.payload.url.clone(),
                    ..self.attachments.describe(AttachmentKind::Fallback)
                });
            }
            _ => return Ok(self.attachments.describe(AttachmentKind::Unknown)),
        };
        // Only a file keeps the name in its URL (pictures and voice notes have none worth showing).
        let name = if kind == "file" { name_in_url.filter(|n| n.ends_with(".pdf")) } else { None };
        self.sample_attachment(&Sample { kind: kind.into(), name, like: false, title: None, url: None })
    }
}
