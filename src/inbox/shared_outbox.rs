//! The outbox as its owner's, in storage, shared by the tabs: loaded once `GET /me` says who
//! is signed in, swapped whole when someone else is, persisted before anything is sent, and
//! joined by other tabs' messages so none is stranded when a tab closes.

use std::collections::HashMap;

use leptos::prelude::*;

use super::state::{browser_now, Inbox};
use super::store::{save_outbox, stored_outbox, OUTBOX_PREFIX};
use crate::api::Api;
use crate::domain::outbox;
use crate::domain::storage_scope::StorageScope;

pub(super) fn start(api: Api, inbox: Inbox) {
    let owner = StoredValue::new(None::<StorageScope>);
    // Each entry's JSON as last written, so a save writes only what changed.
    let written = StoredValue::new(HashMap::new());
    Effect::new(move || {
        let Some(signed_in) = api.owner() else { return };
        if owner.with_value(|o| o.as_ref() == Some(&signed_in)) {
            return;
        }
        let mut items = stored_outbox(&signed_in);
        // Written here before `/me` answered: this tab's user's, so they join (and are stored).
        if owner.with_value(Option::is_none) {
            inbox.outbox.with_untracked(|typed| {
                let new: Vec<_> = typed
                    .iter()
                    .filter(|t| items.iter().all(|i| i.client_message_id != t.client_message_id))
                    .cloned()
                    .collect();
                items.extend(new);
            });
        }
        written.set_value(HashMap::new());
        owner.set_value(Some(signed_in));
        inbox.outbox.set(items);
    });
    // Persist before anything is sent: a reload never loses a queued message.
    let save = move || {
        owner.with_value(|o| {
            if let Some(o) = o {
                inbox.outbox.with_untracked(|items| written.update_value(|w| save_outbox(o, items, w)));
            }
        })
    };
    Effect::new(move || {
        inbox.outbox.track();
        save();
    });
    let other_tabs = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else {
            // Another tab (or the host) called localStorage.clear(): write the whole queue back.
            written.update_value(HashMap::clear);
            save();
            return;
        };
        let Some(id) = owner.with_value(|o| o.as_ref().and_then(|o| o.id_in(OUTBOX_PREFIX, &key).map(str::to_owned)))
        else {
            return;
        };
        let mut held = None;
        inbox.outbox.try_update(|items| held = outbox::merge(items, &id, ev.new_value().as_deref(), browser_now()));
        // Recorded as written, so this tab does not echo the change back.
        written.update_value(|w| {
            let id = contract::ClientMessageId::new(id);
            match held.and_then(|i| serde_json::to_string(&i).ok()) {
                Some(json) => w.insert(id, json),
                None => w.remove(&id),
            };
        });
    });
    on_cleanup(move || other_tabs.remove());
}
