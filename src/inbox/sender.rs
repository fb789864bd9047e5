//! The sender: one outbox entry at a time, in the order written, while the browser is online.
//! [`deliver`] is the one place that turns an entry into requests; [`classify`] is the one
//! retry policy. Stops on cleanup: the tick is cleared, and an answer arriving after it is
//! dropped (the entry stays in storage for the next mount or another tab).

use contract::{ErrorCode, Message, SendFailure, SendMessageRequest};
use leptos::prelude::*;

use super::file_store;
use super::state::{browser_now, Inbox};
use crate::api::{Api, HttpError};
use crate::domain::outbox::{self, Action, Attempt, OutboxItem};

const TICK_MS: u64 = 500;

pub(super) fn start(api: Api, inbox: Inbox) {
    let sending = StoredValue::new(false);
    let tick = move || {
        // The browser's word, read each tick: an `online` event that fired before this
        // mount listened (or never fired) must not strand the queue.
        let online = window().navigator().on_line();
        if online != inbox.online.get_untracked() {
            inbox.online.set(online);
        }
        if sending.get_value() || !online {
            return;
        }
        let now = browser_now();
        let Some(item) = inbox.outbox.with_untracked(|items| outbox::next_due(items, now).cloned()) else {
            return;
        };
        sending.set_value(true);
        inbox.dispatch(Action::Sending { client_message_id: item.client_message_id.clone() });
        leptos::task::spawn_local(async move {
            let attempt = match deliver(api, inbox, &item).await {
                Ok(message) => {
                    inbox.upsert(&item.conversation_id, message);
                    file_store::forget(api, &item);
                    Attempt::Delivered
                }
                Err(Undelivered::Http(error)) => {
                    react(api, inbox, &error);
                    classify(&error)
                }
                // This browser lost the bytes (storage cleared): nothing can send it any more.
                Err(Undelivered::FileGone) => Attempt::Permanent(SendFailure::Unknown),
            };
            inbox.uploads.try_update(|u| u.retain(|id, _| item.files.iter().all(|f| f.client_attachment_id != *id)));
            // Gone with the page: the entry is settled by whoever sends it next.
            if sending.try_set_value(false).is_some() {
                return;
            }
            let client_message_id = item.client_message_id.clone();
            // As the outbox holds it now: with the files uploaded meanwhile, so none goes up twice.
            let current =
                inbox.outbox.with_untracked(|o| o.iter().find(|i| i.client_message_id == client_message_id).cloned());
            let next = current.unwrap_or(item).after(attempt, browser_now(), crate::retry::jitter_unit());
            inbox.dispatch(Action::Settle { client_message_id, next });
        });
    };
    if let Ok(sender) = set_interval_with_handle(tick, std::time::Duration::from_millis(TICK_MS)) {
        on_cleanup(move || sender.clear());
    }
}

enum Undelivered {
    Http(HttpError),
    FileGone,
}

impl From<HttpError> for Undelivered {
    fn from(error: HttpError) -> Self {
        Undelivered::Http(error)
    }
}

/// The requests that put one outbox entry on the server: each file not uploaded yet, in
/// order (each remembered in the outbox once the server has it), then the message. Idempotent
/// on `client_attachment_id` and `client_message_id`, so a retry, a reload or a second tab
/// never stores a file or sends a message twice.
async fn deliver(api: Api, inbox: Inbox, item: &OutboxItem) -> Result<Message, Undelivered> {
    let mut files = item.files.clone();
    for file in files.iter_mut().filter(|f| f.uploaded.is_none()) {
        // Not known yet who is signed in: wait, the bytes are theirs.
        let owner = api.owner_now().ok_or(HttpError::UserChanged)?;
        let blob = file_store::get(&owner, &file.client_attachment_id).await.ok_or(Undelivered::FileGone)?;
        let id = file.client_attachment_id.clone();
        // Shown from the start: nothing sent yet.
        inbox.uploads.try_update(|u| {
            u.insert(id.clone(), (0.0, file.size as f64));
        });
        let progress = move |loaded: f64, total: f64| {
            inbox.uploads.try_update(|u| {
                u.insert(id.clone(), (loaded, total));
            });
        };
        let attachment = api.upload(file, &blob, progress).await?;
        inbox.dispatch(Action::Uploaded {
            client_message_id: item.client_message_id.clone(),
            client_attachment_id: file.client_attachment_id.clone(),
            attachment_id: attachment.id.clone(),
        });
        file.uploaded = Some(attachment.id);
    }
    let request = SendMessageRequest {
        client_message_id: item.client_message_id.clone(),
        text: item.text.clone(),
        attachment_ids: files.into_iter().filter_map(|f| f.uploaded).collect(),
    };
    Ok(api.send_message(&item.conversation_id, &request).await?)
}

/// What a refusal changes beside the message: a stale token is dropped, a Page's health refetched.
fn react(api: Api, inbox: Inbox, error: &HttpError) {
    let HttpError::Api { error, .. } = error else { return };
    match error.code {
        ErrorCode::CsrfTokenInvalid => api.forget_csrf_token(),
        ErrorCode::PageRestricted | ErrorCode::TokenExpired | ErrorCode::MissingPermissions => {
            inbox.refresh_integration(api)
        }
        _ => {}
    }
}

/// How a failed send should be treated: retried by itself, or left to the user. What
/// `HttpError::is_transient` calls transient is retried, plus a refused CSRF token, which
/// [`react`] renews before the retry. A message interrupted because someone else signed in
/// stays queued for its owner.
fn classify(error: &HttpError) -> Attempt {
    let transient = |retry_after_ms, rate_limited| Attempt::Transient { retry_after_ms, rate_limited };
    if *error == HttpError::UserChanged {
        return transient(None, false);
    }
    let HttpError::Api { error: api, .. } = error else {
        return if error.is_transient() { transient(None, false) } else { Attempt::Permanent(SendFailure::Unknown) };
    };
    let retry_after_ms = api.details.retry_after_seconds.map(|s| contract::EpochMs::from(s) * 1000);
    match api.code {
        ErrorCode::ReplyWindowClosed => Attempt::Permanent(SendFailure::ReplyWindowClosed),
        ErrorCode::PageRestricted => Attempt::Permanent(SendFailure::PageRestricted),
        ErrorCode::TokenExpired => Attempt::Permanent(SendFailure::TokenExpired),
        ErrorCode::RecipientUnavailable => Attempt::Permanent(SendFailure::RecipientUnavailable),
        ErrorCode::MissingPermissions => Attempt::Permanent(SendFailure::PermissionMissing),
        ErrorCode::ThreadOwnedByOtherApp => Attempt::Permanent(SendFailure::ThreadOwnedByOtherApp),
        ErrorCode::AttachmentRefused | ErrorCode::AttachmentTooLarge | ErrorCode::AttachmentTypeRefused => {
            Attempt::Permanent(SendFailure::AttachmentRefused)
        }
        ErrorCode::RateLimited => transient(retry_after_ms, true),
        ErrorCode::CsrfTokenInvalid => transient(retry_after_ms, false),
        _ if error.is_transient() => transient(retry_after_ms, false),
        // Signed out, not found, refused: kept, with Retry and Delete for the user.
        _ => Attempt::Permanent(SendFailure::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use contract::{ApiError, ErrorDetails};

    use super::*;

    fn api(code: ErrorCode, status: u16) -> HttpError {
        let error =
            ApiError { code, message: String::new(), reference: "REF".into(), details: ErrorDetails::default() };
        HttpError::Api { status, error: Box::new(error) }
    }

    #[test]
    fn a_send_is_retried_exactly_when_the_error_is_transient_or_a_stale_token() {
        for error in [HttpError::Status(408), HttpError::Status(503), HttpError::Network, HttpError::Timeout] {
            assert!(error.is_transient(), "{error:?}");
            assert!(matches!(classify(&error), Attempt::Transient { .. }), "{error:?}");
        }
        for error in [HttpError::Status(400), HttpError::Status(404), api(ErrorCode::NotFound, 404)] {
            assert!(!error.is_transient(), "{error:?}");
            assert_eq!(classify(&error), Attempt::Permanent(SendFailure::Unknown), "{error:?}");
        }
        assert!(matches!(classify(&api(ErrorCode::CsrfTokenInvalid, 403)), Attempt::Transient { .. }));
        assert!(matches!(classify(&HttpError::UserChanged), Attempt::Transient { .. }), "kept for its owner");
        assert!(matches!(classify(&api(ErrorCode::Internal, 500)), Attempt::Transient { .. }));
        assert!(matches!(classify(&api(ErrorCode::RateLimited, 429)), Attempt::Transient { rate_limited: true, .. }));
        assert_eq!(classify(&api(ErrorCode::PageRestricted, 403)), Attempt::Permanent(SendFailure::PageRestricted));
        // Kept as the named refusal, never a generic failure: the thread's banner offers Take over.
        assert_eq!(
            classify(&api(ErrorCode::ThreadOwnedByOtherApp, 409)),
            Attempt::Permanent(SendFailure::ThreadOwnedByOtherApp)
        );
        assert_eq!(
            classify(&api(ErrorCode::RecipientUnavailable, 422)),
            Attempt::Permanent(SendFailure::RecipientUnavailable)
        );
    }
}
