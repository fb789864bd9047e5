use contract::{CheckResult, ErrorCode, InstallStartRequest, PageId};
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::shared::connect_button::ConnectButton;
use crate::components::shared::failure_alert::failure_alert;
use crate::components::status_region::use_status;
use crate::domain::flow_purpose::wizard_href;
use crate::i18n::*;

/// The troubleshooter's one-click fix for a Page whose webhook subscription was lost: the
/// backend subscribes it again with the Page's token. A token that expired needs a reconnect.
#[component]
pub fn SubscribeAgainButton(page_id: PageId, on_fixed: Callback<CheckResult>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = use_status();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    let token_expired = RwSignal::new(false);
    let page_id = StoredValue::new(page_id);
    // Not an `Action` (STYLE.md's way for writes): here it does no more, and costs 1.6 KiB
    // brotli of the settings part (measured).
    let subscribe = move |_| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api.subscribe_page(&page_id.get_value()).await {
                Ok(result) => {
                    status.announce(td_string!(i18n.get_locale_untracked(), troubleshooter.subscribed));
                    // `try_`: a new run may have replaced the rows meanwhile, and this one with them.
                    on_fixed.try_run(result);
                }
                Err(e) => {
                    token_expired.try_set(e.code() == Some(ErrorCode::TokenExpired));
                    error.try_set(Some(e.into()));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <div class="msg-actions">
            <button type="button" class="msg-button msg-button--primary" disabled=move || busy.get() on:click=subscribe>
                {move || {
                    if busy.get() {
                        t!(i18n, troubleshooter.subscribing).into_any()
                    } else {
                        t!(i18n, troubleshooter.subscribe_again).into_any()
                    }
                }}
            </button>
        </div>
        {move || {
            if token_expired.get() {
                view! {
                    <p class="msg-inline-error" role="alert">
                        {t!(i18n, troubleshooter.subscribe_needs_reconnect)}
                    </p>
                    <ConnectButton href=wizard_href(
                        &InstallStartRequest::Reconnect,
                    )>{t!(i18n, settings.fix_reconnect)}</ConnectButton>
                }
                    .into_any()
            } else {
                failure_alert(error).into_any()
            }
        }}
    }
}
