//! The bytes of the files in the outbox, in IndexedDB (localStorage holds strings, and too
//! few of them). Keyed by owner, as the outbox is (`domain::owner`), and `client_attachment_id`;
//! the outbox entry in localStorage refers to them. Written before the message is queued,
//! deleted once it is sent or deleted. Plain `web-sys`: no crate for four calls.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use crate::domain::storage_scope::StorageScope;

const DB: &str = "msg_ui_files";
const STORE: &str = "files";
const KEY_PREFIX: &str = "msg_ui_file:";

/// Settles when `request` does, with its result.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or(JsValue::NULL)?.indexed_db()?.ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DB, 1)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            // Only on the first open of version 1: the store does not exist yet.
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    done(&request).await?.dyn_into::<IdbDatabase>()
}

fn key(owner: &StorageScope, client_attachment_id: &str) -> JsValue {
    owner.key(KEY_PREFIX, client_attachment_id).into()
}

async fn run(
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, JsValue> {
    let db = open().await?;
    let store = db.transaction_with_str_and_mode(STORE, mode)?.object_store(STORE)?;
    let result = done(&op(&store)?).await;
    db.close();
    result
}

/// Keeps a file's bytes; an error when the browser refuses (full, private mode, blocked).
pub async fn put(owner: &StorageScope, client_attachment_id: &str, file: &web_sys::Blob) -> Result<(), JsValue> {
    run(IdbTransactionMode::Readwrite, |s| s.put_with_key(file, &key(owner, client_attachment_id))).await.map(|_| ())
}

/// The bytes, if this browser still has them.
pub async fn get(owner: &StorageScope, client_attachment_id: &str) -> Option<web_sys::Blob> {
    let value = run(IdbTransactionMode::Readonly, |s| s.get(&key(owner, client_attachment_id))).await.ok()?;
    value.dyn_into::<web_sys::Blob>().ok()
}

pub async fn delete(owner: &StorageScope, client_attachment_id: &str) {
    let _ = run(IdbTransactionMode::Readwrite, |s| s.delete(&key(owner, client_attachment_id))).await;
}

/// The bytes of a sent (or deleted) message's files leave this browser.
pub fn forget(api: crate::api::Api, item: &crate::domain::outbox::OutboxItem) {
    let (Some(owner), false) = (api.owner_now(), item.files.is_empty()) else { return };
    let ids: Vec<String> = item.files.iter().map(|f| f.client_attachment_id.clone()).collect();
    leptos::task::spawn_local(async move {
        for id in ids {
            delete(&owner, &id).await;
        }
    });
}
