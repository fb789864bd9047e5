//! Pure product logic: no web-sys, no leptos views. Tested natively with `cargo test`.

pub mod attachment;
pub mod backoff;
pub mod conversation_list;
pub mod conversations;
pub mod flow_purpose;
pub mod install_failure;
pub mod outbox;
pub mod page_health;
pub mod popup;
pub mod relay;
pub mod reply_window;
pub mod retry;
pub mod route;
pub mod safe_url;
pub mod storage_scope;
pub mod thread;
pub mod wizard;
