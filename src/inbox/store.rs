//! The outbox and drafts in `localStorage`: one entry per queued message, one per draft, each
//! under its owner's scope (`domain::owner`). Every tab of the origin shares them; the keys are
//! documented in `docs/embedding.md`.

use std::collections::HashMap;

use leptos::prelude::*;

use contract::{ClientMessageId, ConversationId, EpochMs};

use crate::domain::outbox::{self, OutboxItem};
use crate::domain::storage_scope::StorageScope;

/// One localStorage entry per queued message: `msg_ui_outbox:<company>/<user>:<client_message_id>`.
pub const OUTBOX_PREFIX: &str = "msg_ui_outbox:";
const DRAFT_PREFIX: &str = "msg_ui_draft:";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn load_draft(owner: &StorageScope, conversation: &ConversationId) -> String {
    storage()
        .and_then(|s| s.get_item(&owner.key(DRAFT_PREFIX, conversation.as_str())).ok().flatten())
        .unwrap_or_default()
}

pub fn save_draft(owner: &StorageScope, conversation: &ConversationId, text: &str) {
    if let Some(s) = storage() {
        let key = owner.key(DRAFT_PREFIX, conversation.as_str());
        let _ = if text.is_empty() { s.remove_item(&key) } else { s.set_item(&key, text) };
    }
}

/// The owner's queued messages, from every tab, as stored now.
pub fn stored_outbox(owner: &StorageScope) -> Vec<OutboxItem> {
    let Some(s) = storage() else { return Vec::new() };
    let len = s.length().unwrap_or(0);
    let entries: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| owner.id_in(OUTBOX_PREFIX, k).is_some())
        .filter_map(|k| s.get_item(&k).ok().flatten())
        .collect();
    outbox::restore(entries.iter().map(String::as_str), js_sys::Date::now() as EpochMs)
}

/// Writes the owner's entries that changed since `written` (id → JSON) and removes the ones gone.
pub fn save_outbox(owner: &StorageScope, items: &[OutboxItem], written: &mut HashMap<ClientMessageId, String>) {
    let Some(s) = storage() else { return };
    let mut now = HashMap::with_capacity(items.len());
    for item in items {
        let Ok(json) = serde_json::to_string(item) else { continue };
        if written.get(&item.client_message_id) != Some(&json) {
            let _ = s.set_item(&owner.key(OUTBOX_PREFIX, item.client_message_id.as_str()), &json);
        }
        now.insert(item.client_message_id.clone(), json);
    }
    for gone in written.keys().filter(|id| !now.contains_key(*id)) {
        let _ = s.remove_item(&owner.key(OUTBOX_PREFIX, gone.as_str()));
    }
    *written = now;
}
