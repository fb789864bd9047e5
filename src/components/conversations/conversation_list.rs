use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::reply_window::WindowState;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// Each customer with the last message and a reply-window badge. The router marks the open one.
#[component]
pub fn ConversationList() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let items = move || inbox.conversations.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <nav class="msg-inbox__list" aria-label=move || t_string!(i18n, conversations.list_label)>
            <ul>
                <For each=items key=|c| (c.id.clone(), c.last_message.as_ref().map(|m| m.id.clone()), c.reply_window.reply_by) let:c>
                    {
                        let href = format!("/messaging/{}", c.id);
                        let reply_by = c.reply_window.reply_by;
                        let badge = move || match WindowState::at(reply_by, inbox.server_now()) {
                            WindowState::Open { .. } => ("open", t!(i18n, conversations.badge_open).into_any()),
                            WindowState::ClosesSoon { .. } => ("soon", t!(i18n, conversations.badge_soon).into_any()),
                            WindowState::Closed | WindowState::Never => ("closed", t!(i18n, conversations.badge_closed).into_any()),
                        };
                        let preview = c.last_message.map(|m| {
                            let mine = m.direction == contract::Direction::Outbound;
                            view! { {mine.then_some(t!(i18n, conversations.you))}{m.text} }
                        });
                        view! {
                            <li>
                                <A href=href attr:class="msg-inbox__item">
                                    <span class="msg-inbox__name">{c.customer.name}</span>
                                    {move || { let (modifier, label) = badge(); view! { <span class=format!("msg-badge msg-badge--window-{modifier}")>{label}</span> } }}
                                    <span class="msg-inbox__preview">{preview}</span>
                                </A>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || items().is_empty()>
                <p>{t!(i18n, conversations.empty)}</p>
            </Show>
        </nav>
    }
}
