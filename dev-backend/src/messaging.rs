//! Conversations and the Graph-like Send API.

use contract::{
    Attachment, AttachmentKind, ConversationDetail, ConversationId, ConversationSummary, EpochMs, ErrorCode, Message,
    MessageStatus, PageRef, PersonId, ReplyWindow, SendFailure, SendMessageRequest, UpdateEvent, MAX_ATTACHMENTS,
    MAX_TEXT_CHARS,
};

use crate::attachments::{samples, Sample};
use crate::failure::{ApiResult, Failure};
use crate::world::{Author, World, Written};

pub const DEFAULT_PAGE: usize = 200;
pub const MAX_PAGE: usize = 1_000;

/// What a send did: a new message, or the one already sent under this `client_message_id`.
pub enum Sent {
    New(Message),
    Repeat(Message),
}

impl World {
    /// A conversation of a Page connected to the install `as_user` sees, by id.
    pub(crate) fn conversation_index(&self, as_user: &PersonId, id: &ConversationId) -> ApiResult<usize> {
        let connected = self.install_visible_to(as_user).map(|i| i.page_ids.as_slice()).unwrap_or_default();
        self.by_id
            .get(id)
            .copied()
            .filter(|&i| connected.contains(&self.conversations[i].page_id))
            .ok_or_else(|| Failure::new(ErrorCode::NotFound, "No such conversation."))
    }

    /// A conversation by its customer's name (as `/sim` takes it) or by its id.
    pub(crate) fn customer_index(&self, customer: &str) -> ApiResult<usize> {
        // An id at once (no customer's name is another's id); a name by looking, the first of it.
        let by_name = || self.conversations.iter().position(|c| c.customer.name.eq_ignore_ascii_case(customer));
        self.by_id
            .get(customer)
            .copied()
            .or_else(by_name)
            .ok_or_else(|| Failure::new(ErrorCode::NotFound, "No conversation with that customer."))
    }

    pub(crate) fn require_messaging(&self, as_user: &PersonId) -> ApiResult<()> {
        if self.install_visible_to(as_user).is_some() {
            return Ok(());
        }
        match self.install(as_user) {
            Some(_) => self.integration_state_failure(as_user),
            None => Err(Failure::new(ErrorCode::NotInstalled, "The Messenger integration is not installed.")),
        }
    }

    fn integration_state_failure(&self, as_user: &PersonId) -> ApiResult<()> {
        let person = self.install(as_user).map(|i| self.user(&i.installed_by).person.clone());
        Err(Failure::new(
            ErrorCode::InstalledPrivatelyByOtherAdmin,
            "Another admin installed the integration privately.",
        )
        .with(|d| d.person = person))
    }

    pub fn summary(&self, index: usize) -> ConversationSummary {
        let c = &self.conversations[index];
        ConversationSummary {
            id: c.id.clone(),
            customer: c.customer.clone(),
            page: self.page(&c.page_id).map(|p| PageRef { id: p.id.clone(), name: p.name.clone() }),
            last_message: c.messages.last().cloned(),
            reply_window: ReplyWindow::at(c.last_inbound_at(), self.now()),
            cannot_receive_since: c.cannot_receive_since,
            owner_app: c.owner_app.clone(),
            taken_from: c.taken_from.clone(),
            // Each user's own: `summary_for`, and `events_for` as each user polls.
            unread: 0,
            search_hit: None,
        }
    }

    pub fn conversation_detail(
        &self,
        as_user: &PersonId,
        id: &ConversationId,
        before: Option<u64>,
        limit: Option<usize>,
    ) -> ApiResult<ConversationDetail> {
        self.require_messaging(as_user)?;
        let index = self.conversation_index(as_user, id)?;
        let all = &self.conversations[index].messages;
        let end = before.map_or(all.len(), |b| all.partition_point(|m| m.seq < b));
        let limit = limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let start = end.saturating_sub(limit);
        Ok(ConversationDetail {
            server_time: self.now(),
            conversation: self.summary_for(index, as_user),
            messages: all[start..end].to_vec(),
            has_more: start > 0,
            cursor: self.cursor,
        })
    }

    /// Facebook's "(#100) Upload attachment failure", when the `upload_refused` fault says so.
    fn upload_refusal(&mut self, attachments: &[Attachment]) -> Option<(SendFailure, Failure)> {
        let first = attachments.first()?;
        if !self.faults.refuses_upload(&mut self.fault_rng) {
            return None;
        }
        let name = first.name.clone().unwrap_or_else(|| "attachment".into());
        let failure = Failure::new(ErrorCode::AttachmentRefused, "(#100) Upload attachment failure")
            .with(|d| d.file_name = Some(name));
        Some((SendFailure::AttachmentRefused, failure))
    }

    /// Why Facebook would refuse a message to this conversation now, if it would.
    fn refusal(&self, as_user: &PersonId, index: usize) -> Option<(SendFailure, Failure)> {
        // Replies go out through the conversation's own Page: only its health matters.
        let conversation = &self.conversations[index];
        let install = self.install_visible_to(as_user)?;
        let page =
            install.page_ids.contains(&conversation.page_id).then(|| self.page(&conversation.page_id)).flatten()?;
        let window = ReplyWindow::at(conversation.last_inbound_at(), self.now());
        if let Some(r) = &page.restriction {
            let r = r.clone();
            Some((
                SendFailure::PageRestricted,
                Failure::new(ErrorCode::PageRestricted, "Facebook restricted the Page from sending messages.")
                    .with(|d| d.restriction = Some(r)),
            ))
        } else if page.token_expired || page.app_removed {
            Some((SendFailure::TokenExpired, Failure::new(ErrorCode::TokenExpired, "The Page's access token expired.")))
        } else if !self.missing_permissions().is_empty() {
            let missing = self.missing_permissions();
            Some((
                SendFailure::PermissionMissing,
                Failure::new(ErrorCode::MissingPermissions, "A permission needed to send was removed.")
                    .with(|d| d.missing_permissions = missing),
            ))
        } else if let Some(app) = &conversation.owner_app {
            // Conversation Routing gave the thread to another app: Facebook refuses ours until
            // we take it over.
            let app = app.clone();
            let message = format!("{} owns this thread (Conversation Routing); take it over first.", app.name);
            Some((
                SendFailure::ThreadOwnedByOtherApp,
                Failure::new(ErrorCode::ThreadOwnedByOtherApp, message).with(|d| d.app = Some(app)),
            ))
        } else if !window.open {
            Some((
                SendFailure::ReplyWindowClosed,
                Failure::new(ErrorCode::ReplyWindowClosed, "The 7-day reply window has closed.")
                    .with(|d| d.reply_by = window.reply_by),
            ))
        } else {
            // Facebook's words (551 or 200) say which; the app hears one code for both.
            conversation.unreachable.map(|why| {
                let failure = Failure::new(ErrorCode::RecipientUnavailable, why.graph_message());
                (SendFailure::RecipientUnavailable, failure)
            })
        }
    }

    /// Idempotent on `client_message_id`: a repeat of an accepted message returns it unchanged.
    /// A refused message is kept as failed (so every tab sees why) and may be retried. A send
    /// kept either way moves the sender's read mark to the newest message.
    pub fn send(
        &mut self,
        as_user: &PersonId,
        conversation_id: &ConversationId,
        request: SendMessageRequest,
    ) -> ApiResult<Sent> {
        self.require_messaging(as_user)?;
        let index = self.conversation_index(as_user, conversation_id)?;
        let text = request.text.trim();
        let client_message_id = request.client_message_id.as_str();
        if client_message_id.trim().is_empty() || client_message_id.len() > 100 {
            return Err(Failure::new(ErrorCode::InvalidRequest, "client_message_id must be 1 to 100 characters."));
        }
        if text.chars().count() > MAX_TEXT_CHARS || (text.is_empty() && request.attachment_ids.is_empty()) {
            return Err(Failure::new(
                ErrorCode::InvalidRequest,
                format!("The text must be 1 to {MAX_TEXT_CHARS} characters."),
            ));
        }
        if request.attachment_ids.len() > MAX_ATTACHMENTS {
            return Err(Failure::new(ErrorCode::InvalidRequest, "At most 10 attachments a message."));
        }
        // Uploaded first, in the order given; Facebook takes them one a call, the message has one status.
        let attachments = request
            .attachment_ids
            .iter()
            .map(|id| self.attachments.get(id).map(|s| s.attachment.clone()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| Failure::new(ErrorCode::InvalidRequest, "An attachment was never uploaded, or is gone."))?;
        let existing = self.conversations[index]
            .messages
            .iter()
            .position(|m| m.client_message_id.as_ref() == Some(&request.client_message_id));
        if let Some(at) = existing {
            let message = &self.conversations[index].messages[at];
            if !matches!(message.status, MessageStatus::Failed { .. }) {
                return Ok(Sent::Repeat(message.clone()));
            }
        }
        let now = self.now();
        // Per user: one agent sending fast does not hold back the others. A send Facebook refuses
        // still went to Facebook, so it counts too.
        self.recent_sends.retain(|_, times| {
            times.retain(|t| now - t < 60_000);
            !times.is_empty()
        });
        let mine = self.recent_sends.entry(as_user.clone()).or_default();
        if mine.len() >= self.sends_per_minute {
            let seconds = retry_after_seconds(mine[0], now);
            return Err(Failure::new(ErrorCode::RateLimited, "Too many messages; try again shortly.")
                .with(|d| d.retry_after_seconds = Some(seconds)));
        }
        mine.push(now);
        let refusal = self.refusal(as_user, index).or_else(|| self.upload_refusal(&attachments));
        let status = match &refusal {
            Some((reason, _)) => MessageStatus::Failed { reason: *reason },
            None => MessageStatus::Sent { at: now },
        };
        let message = match existing {
            Some(at) => {
                let m = &mut self.conversations[index].messages[at];
                m.status = status;
                m.clone()
            }
            None => {
                let author = Author::Agent(self.user(as_user).person.clone());
                let written = Written { text, attachments };
                self.add_message(index, author, written, now, status, Some(request.client_message_id))
            }
        };
        self.push_event(UpdateEvent::Message { conversation_id: conversation_id.clone(), message: message.clone() });
        self.note_reachability(index, refusal.as_ref().map(|(reason, _)| *reason));
        // Whoever answers was reading the thread, refused or not: it is all read for them.
        let newest = self.conversations[index].messages.last().map_or(0, |m| m.seq);
        self.move_read_mark(as_user, index, newest);
        match refusal {
            Some((_, failure)) => Err(failure),
            None => Ok(Sent::New(message)),
        }
    }

    /// Facebook says nothing of a customer who cannot receive messages until a send fails:
    /// the first such refusal marks the conversation for every agent, and an accepted send
    /// clears it. Other refusals say nothing about the customer and change nothing.
    fn note_reachability(&mut self, index: usize, refusal: Option<SendFailure>) {
        let now = self.now();
        let since = &mut self.conversations[index].cannot_receive_since;
        let changed = match refusal {
            Some(SendFailure::RecipientUnavailable) if since.is_none() => {
                *since = Some(now);
                true
            }
            None => since.take().is_some(),
            Some(_) => false,
        };
        if changed {
            self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        }
    }

    /// Deletes a failed message; messages Facebook accepted cannot be unsent. `message_id` is
    /// what the URL names: the message's id or its `client_message_id`.
    pub fn delete_message(
        &mut self,
        as_user: &PersonId,
        conversation_id: &ConversationId,
        message_id: &str,
    ) -> ApiResult<()> {
        self.require_messaging(as_user)?;
        let index = self.conversation_index(as_user, conversation_id)?;
        let messages = &mut self.conversations[index].messages;
        let at = messages
            .iter()
            .position(|m| m.id == message_id || m.client_message_id.as_ref().is_some_and(|c| c == message_id))
            .ok_or_else(|| Failure::new(ErrorCode::NotFound, "No such message."))?;
        if !matches!(messages[at].status, MessageStatus::Failed { .. }) {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Only failed messages can be deleted."));
        }
        let removed = messages.remove(at);
        self.push_event(UpdateEvent::MessageDeleted {
            conversation_id: conversation_id.clone(),
            message_id: removed.id,
        });
        Ok(())
    }

    /// `/sim/long-thread`: `count` earlier messages, one a minute, before the existing ones. The
    /// answers among them are the default user's (`login_user`, whom a new session signs in as).
    pub fn long_thread(&mut self, customer: &str, count: usize) -> ApiResult<()> {
        let index = self.customer_index(customer)?;
        let start =
            self.conversations[index].messages.first().map_or(self.now(), |m| m.created_at) - count as i64 * 60_000;
        let existing = std::mem::take(&mut self.conversations[index].messages);
        let agent = self.user(&self.login_user).person.clone();
        for i in 0..count {
            let at = start + i as i64 * 60_000;
            let (author, status) = if i % 2 == 0 {
                (Author::Customer, MessageStatus::Delivered { at })
            } else {
                (Author::Agent(agent.clone()), MessageStatus::Read { at: at + 30_000 })
            };
            self.add_message(index, author, format!("Earlier message {i}").as_str().into(), at, status, None);
        }
        // Existing messages keep their place at the end, after the older history.
        for mut m in existing {
            m.seq = self.next_seq;
            self.next_seq += 1;
            self.conversations[index].messages.push(m);
        }
        self.reindex(index);
        Ok(())
    }

    /// `/sim/inbound`: the customer writes, which reopens the reply window, and shows they can
    /// receive messages again.
    pub fn inbound(
        &mut self,
        customer: &str,
        text: &str,
        attachments: Vec<contract::Attachment>,
    ) -> ApiResult<Message> {
        let index = self.customer_index(customer)?;
        let now = self.now();
        let delivered = MessageStatus::Delivered { at: now };
        let written = Written { text, attachments };
        let message = self.add_message(index, Author::Customer, written, now, delivered, None);
        self.conversations[index].cannot_receive_since = None;
        let conversation_id = self.conversations[index].id.clone();
        self.push_event(UpdateEvent::Message { conversation_id, message: message.clone() });
        self.push_event(UpdateEvent::Conversation { conversation: self.summary(index) });
        Ok(message)
    }
}

impl World {
    /// An attachment of `/sim/inbound`, made from the shipped sample of its kind.
    pub fn sample_attachment(&mut self, a: &Sample) -> ApiResult<Attachment> {
        use contract::{Coordinates, ErrorCode};
        let (bytes, default_name) = match a.kind.as_str() {
            "image" => (samples::PHOTO, "photo.png"),
            "video" => (samples::CLIP, "clip.webm"),
            "audio" => (samples::VOICE, "voice-message.wav"),
            "file" => (samples::INVOICE, "invoice-0193.pdf"),
            "sticker" if a.like => (samples::LIKE, "like.png"),
            "sticker" => (samples::STICKER, "sticker.png"),
            "location" => {
                return Ok(Attachment {
                    title: Some(a.title.clone().unwrap_or_else(|| "Sakura Trading, Shibuya".into())),
                    coordinates: Some(Coordinates { lat: 35.6595, long: 139.7005 }),
                    ..self.attachments.describe(AttachmentKind::Location)
                });
            }
            "fallback" => {
                return Ok(Attachment {
                    title: Some(a.title.clone().unwrap_or_else(|| "Spring catalogue".into())),
                    url: Some(a.url.clone().unwrap_or_else(|| "https://sakura-trading.example/catalogue".into())),
                    ..self.attachments.describe(AttachmentKind::Fallback)
                });
            }
            other => {
                return Err(Failure::new(ErrorCode::InvalidRequest, format!("Unknown attachment type {other:?}.")));
            }
        };
        let sticker = a.kind == "sticker";
        let name = if sticker { default_name } else { a.name.as_deref().unwrap_or(default_name) };
        let stored = self.attachments.store(Some(name), bytes.to_vec()).map_err(|refusal| {
            Failure::new(ErrorCode::InvalidRequest, format!("The sample was refused: {refusal:?}."))
        })?;
        if !sticker {
            return Ok(stored);
        }
        // A picture shown as a sticker, with no file name (Facebook gives a sticker none).
        let sticker = Attachment { kind: AttachmentKind::Sticker, like: a.like, name: None, ..stored };
        self.attachments.relabel(&sticker);
        Ok(sticker)
    }
}

/// Whole seconds until the oldest send of the last minute leaves the window: rounded up, so
/// a retry at that time is accepted, and never more than the window (60) or less than 1.
fn retry_after_seconds(oldest: EpochMs, now: EpochMs) -> u32 {
    let left_ms = (60_000 - (now - oldest)).clamp(1, 60_000);
    ((left_ms + 999) / 1000) as u32
}

#[cfg(test)]
mod tests {
    use super::retry_after_seconds;

    #[test]
    fn retry_after_is_the_rest_of_the_minute_rounded_up() {
        // Three sends in one millisecond: the whole minute, not 61 s.
        assert_eq!(retry_after_seconds(1_000, 1_000), 60);
        assert_eq!(retry_after_seconds(1_000, 1_001), 60);
        assert_eq!(retry_after_seconds(0, 58_999), 2);
        assert_eq!(retry_after_seconds(0, 59_000), 1);
        assert_eq!(retry_after_seconds(0, 59_999), 1);
    }
}
