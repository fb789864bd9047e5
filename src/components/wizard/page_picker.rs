use contract::{PageAvailability, PageChoice, Visibility};
use leptos::prelude::*;

use crate::components::shared::visibility_choice::VisibilityChoice;
use crate::domain::install_failure::InstallFailure;
use crate::domain::safe_url::followable;
use crate::i18n::*;

/// Why a Page cannot be connected, as the failure screen that explains the fix.
fn blocked_because(page: &PageChoice) -> Option<InstallFailure> {
    match &page.availability {
        PageAvailability::Connectable => None,
        PageAvailability::ConnectedPrivatelyByOtherAdmin { admin } => {
            Some(InstallFailure::InstalledPrivatelyByOtherAdmin { admin: Some(admin.clone()) })
        }
        PageAvailability::ConnectedToOtherCompany { company_name } => Some(InstallFailure::PageOnOtherCompany {
            company: Some(company_name.clone()),
            page: Some(page.name.clone()),
            settings_url: followable(&page.settings_url).map(str::to_owned),
        }),
        PageAvailability::Unknown => None,
    }
}

/// Step 3: every Page Facebook shared, connectable or not; those that are not say why.
#[component]
pub fn PagePicker(
    pages: Vec<PageChoice>,
    /// Connecting is under way: the controls wait.
    #[prop(into)]
    busy: Signal<bool>,
    /// The chosen Page and visibility.
    on_connect: Callback<(String, Visibility)>,
    /// Shows the fix for a Page that cannot be connected.
    on_explain: Callback<InstallFailure>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = pages.iter().find(|p| p.availability == PageAvailability::Connectable).map(|p| p.id.clone());
    let selected = RwSignal::new(first);
    let visibility = RwSignal::new(Visibility::Shared);
    if pages.is_empty() {
        return view! { <p>{t!(i18n, wizard.no_pages)}</p> }.into_any();
    }
    let rows = pages
        .into_iter()
        .map(|page| {
            let connectable = page.availability == PageAvailability::Connectable;
            let why = blocked_because(&page);
            let reason = match page.availability {
                PageAvailability::Connectable => t!(i18n, wizard.page_connectable).into_any(),
                PageAvailability::ConnectedPrivatelyByOtherAdmin { admin } => {
                    t!(i18n, wizard.page_private_other, name = admin.name).into_any()
                }
                PageAvailability::ConnectedToOtherCompany { company_name } => {
                    t!(i18n, wizard.page_other_company, company = company_name).into_any()
                }
                PageAvailability::Unknown => t!(i18n, wizard.page_unknown).into_any(),
            };
            let id = page.id.clone();
            let reason_id = format!("msg-page-reason-{}", page.id);
            let is_selected = {
                let id = id.clone();
                move || selected.get().as_deref() == Some(id.as_str())
            };
            view! {
                <li class="msg-page-choice" class:msg-page-choice--blocked=!connectable>
                    <label class="msg-choice">
                        <input
                            type="radio"
                            name="msg-page"
                            disabled=!connectable
                            aria-describedby=reason_id.clone()
                            prop:checked=is_selected
                            on:change=move |_| selected.set(Some(id.clone()))
                        />
                        <span class="msg-page-choice__name">{page.name.clone()}</span>
                    </label>
                    <span id=reason_id class="msg-page-choice__reason">{reason}</span>
                    {why.map(|failure| {
                        let name = page.name.clone();
                        view! {
                            <button
                                type="button"
                                class="msg-button msg-button--small msg-page-choice__fix"
                                aria-label=move || td_string!(i18n.get_locale(), wizard.how_to_fix_page).replace("%page%", &name)
                                disabled=move || busy.get()
                                on:click=move |_| on_explain.run(failure.clone())
                            >
                                {t!(i18n, wizard.how_to_fix)}
                            </button>
                        }
                    })}
                </li>
            }
        })
        .collect_view();
    let choose = Callback::new(move |value| visibility.set(value));
    let visibility_option = move |value: Visibility| {
        let checked = Signal::derive(move || visibility.get() == value);
        view! { <VisibilityChoice group="msg-new-visibility" value checked on_choose=choose/> }
    };
    view! {
        <p>{t!(i18n, wizard.choose_body)}</p>
        <fieldset class="msg-fieldset">
            <legend>{t!(i18n, wizard.pages_legend)}</legend>
            <ul class="msg-page-list">{rows}</ul>
        </fieldset>
        <fieldset class="msg-fieldset">
            <legend>{t!(i18n, settings.visibility_legend)}</legend>
            {visibility_option(Visibility::Shared)}
            {visibility_option(Visibility::Private)}
        </fieldset>
        <div class="msg-actions">
            <button
                type="button"
                class="msg-button msg-button--connect"
                disabled=move || busy.get() || selected.get().is_none()
                on:click=move |_| {
                    if let Some(id) = selected.get_untracked() {
                        on_connect.run((id, visibility.get_untracked()));
                    }
                }
            >
                {move || if busy.get() { t!(i18n, wizard.connecting).into_any() } else { t!(i18n, wizard.connect_page).into_any() }}
            </button>
        </div>
    }
    .into_any()
}
