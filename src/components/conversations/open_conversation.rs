use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::conversation_thread::ConversationThread;
use crate::domain::safe_url::conversation_id;

/// `/messaging/:conversation_id`: a fresh thread view for each conversation opened.
#[component]
pub fn OpenConversation() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("conversation_id").map(|segment| conversation_id(&segment)));
    move || id.get().map(|conversation_id| view! { <ConversationThread conversation_id /> })
}
