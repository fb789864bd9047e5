use leptos::prelude::*;

use super::conversation_thread::ConversationThread;
use crate::domain::route;
use crate::domain::safe_url::conversation_id;
use crate::nav::use_nav;

/// `/messaging/:conversation_id`: a fresh thread view for each conversation opened.
#[component]
pub fn OpenConversation() -> impl IntoView {
    let nav = use_nav();
    let id = Memo::new(move |_| nav.with_path(|path| route::conversation_segment(path).map(conversation_id)));
    move || id.get().map(|conversation_id| view! { <ConversationThread conversation_id /> })
}
