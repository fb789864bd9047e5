//! What the wizard keeps in `sessionStorage`: the purpose of each flow, by its OAuth `state`.
//! Storage may be blocked: the wizard then works as before, without the full-page fallback's
//! memory of a reconnect.

use contract::InstallStartRequest;
use leptos::prelude::window;

use crate::domain::flow_purpose;

/// The purpose of the flow a `state` belongs to, kept for the full-page fallback: Facebook
/// sends the user back to `/complete?state=` only, and a reconnect must not resume as an install.
pub fn remember_purpose(state: &str, purpose: &InstallStartRequest) {
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.set_item(&format!("{PURPOSE_KEY}{state}"), &flow_purpose::purpose_query(purpose));
    }
}

pub fn remembered_purpose(state: &str) -> Option<InstallStartRequest> {
    let query = window().session_storage().ok().flatten()?.get_item(&format!("{PURPOSE_KEY}{state}")).ok()??;
    Some(flow_purpose::purpose_from_query_string(&query))
}

const PURPOSE_KEY: &str = "msg_ui_flow_purpose:";
