use contract::{PageAvailability, PageChoice, PageId, Visibility};
use leptos::prelude::*;

use super::share_pages_help::SharePagesHelp;
use crate::components::shared::visibility_choice::VisibilityChoice;
use crate::domain::install_failure::InstallFailure;
use crate::domain::safe_url::followable;
use crate::i18n::*;

/// Why a Page cannot be connected, as the failure screen that explains the fix.
fn blocked_because(page: &PageChoice) -> Option<InstallFailure> {
    match &page.availability {
        PageAvailability::Connectable | PageAvailability::AlreadyConnected => None,
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

/// What the admin has ticked and chosen so far. The wizard owns it, so a look at a Page's fix
/// and back keeps it; `ticked` is `None` until the picker first shows a list.
#[derive(Clone, Debug, PartialEq)]
pub struct PickerChoice {
    pub ticked: Option<Vec<PageId>>,
    pub visibility: Visibility,
}

impl Default for PickerChoice {
    fn default() -> Self {
        Self { ticked: None, visibility: Visibility::Shared }
    }
}

/// Step 3: every Page Facebook shared, connectable or not; those that are not say why. One or
/// more can be ticked; the first that can be connected starts ticked.
#[component]
pub fn PagePicker(
    pages: Vec<PageChoice>,
    /// The ticks and the visibility, kept by the caller across a look at a fix.
    choice: RwSignal<PickerChoice>,
    /// Connecting is under way: the controls wait.
    #[prop(into)]
    busy: Signal<bool>,
    /// A first install chooses its visibility; adding a Page keeps the install's.
    choose_visibility: bool,
    /// The ticked Pages, in the order shown; the visibility is in `choice`.
    on_connect: Callback<Vec<PageId>>,
    /// Shows the fix for a Page that cannot be connected.
    on_explain: Callback<InstallFailure>,
    /// A new sign-in, when nothing offered here can be connected.
    on_start_again: Callback<()>,
    /// Facebook's window again at its Page choice, for Pages left unshared.
    on_share_more: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let order: Vec<PageId> = pages.iter().map(|p| p.id.clone()).collect();
    let connectable: Vec<PageId> =
        pages.iter().filter(|p| p.availability == PageAvailability::Connectable).map(|p| p.id.clone()).collect();
    let any_connectable = !connectable.is_empty();
    // Ticks kept from before stay, for the Pages this list can still connect.
    choice.update_untracked(|c| {
        let ticked = c.ticked.get_or_insert_with(|| connectable.first().cloned().into_iter().collect());
        ticked.retain(|id| connectable.contains(id));
    });
    let is_ticked = move |id: &PageId| choice.with(|c| c.ticked.as_ref().is_some_and(|t| t.contains(id)));
    let count = move || choice.with(|c| c.ticked.as_ref().map_or(0, Vec::len));
    let start_again = move || {
        view! {
            <div class="msg-actions">
                <button type="button" class="msg-button msg-button--connect" on:click=move |_| on_start_again.run(())>
                    {t!(i18n, wizard.start_again)}
                </button>
            </div>
        }
    };
    if pages.is_empty() {
        return view! {
            <p>{t!(i18n, wizard.no_pages)}</p>
            <SharePagesHelp on_share_more busy />
            {start_again()}
        }
        .into_any();
    }
    let rows = pages
        .into_iter()
        .map(|page| {
            let connectable = page.availability == PageAvailability::Connectable;
            let already = page.availability == PageAvailability::AlreadyConnected;
            let why = blocked_because(&page);
            let reason = match page.availability {
                PageAvailability::Connectable => t!(i18n, wizard.page_connectable).into_any(),
                PageAvailability::AlreadyConnected => t!(i18n, wizard.page_already_connected).into_any(),
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
            let checked = {
                let id = id.clone();
                move || already || is_ticked(&id)
            };
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                choice.update(|c| {
                    let t = c.ticked.get_or_insert_with(Vec::new);
                    t.retain(|x| *x != id);
                    if on {
                        t.push(id.clone());
                    }
                });
            };
            view! {
                <li class="msg-page-choice" class:msg-page-choice--blocked=!connectable && !already>
                    <label class="msg-choice">
                        <input
                            type="checkbox"
                            name="msg-page"
                            disabled=!connectable
                            aria-describedby=reason_id.clone()
                            prop:checked=checked
                            on:change=toggle
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
                                aria-label=move || interpolate(td_string!(i18n.get_locale(), wizard.how_to_fix_page), &[("page", &name)])
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
    let choose = Callback::new(move |value| choice.update(|c| c.visibility = value));
    let visibility_option = move |value: Visibility| {
        let checked = Signal::derive(move || choice.with(|c| c.visibility == value));
        view! { <VisibilityChoice group="msg-new-visibility" value checked on_choose=choose /> }
    };
    let label = move || match (busy.get(), count()) {
        (true, _) => t!(i18n, wizard.connecting).into_any(),
        (false, 0 | 1) => t!(i18n, wizard.connect_page).into_any(),
        (false, count) => counted(i18n.get_locale(), t_string!(i18n, wizard.connect_pages), count, &[]).into_any(),
    };
    let connect = move |_| {
        // In the order shown, whatever order they were ticked in.
        let ids: Vec<PageId> = order.iter().filter(|id| is_ticked(id)).cloned().collect();
        if !ids.is_empty() {
            on_connect.run(ids);
        }
    };
    view! {
        <p>
            {if choose_visibility {
                t!(i18n, wizard.choose_body).into_any()
            } else {
                t!(i18n, wizard.choose_body_add).into_any()
            }}
        </p>
        <fieldset class="msg-fieldset">
            <legend>{t!(i18n, wizard.pages_legend)}</legend>
            <ul class="msg-page-list">{rows}</ul>
        </fieldset>
        <SharePagesHelp on_share_more busy />
        {choose_visibility
            .then(|| {
                view! {
                    <fieldset class="msg-fieldset">
                        <legend>{t!(i18n, settings.visibility_legend)}</legend>
                        {visibility_option(Visibility::Shared)}
                        {visibility_option(Visibility::Private)}
                    </fieldset>
                }
            })}
        {move || {
            (count() == 0)
                .then(|| {
                    view! {
                        <p class="msg-hint">
                            {if any_connectable {
                                t!(i18n, wizard.tick_one).into_any()
                            } else {
                                t!(i18n, wizard.nothing_to_connect).into_any()
                            }}
                        </p>
                    }
                })
        }}
        {if any_connectable {
            view! {
                <div class="msg-actions">
                    <button
                        type="button"
                        class="msg-button msg-button--connect"
                        disabled=move || busy.get() || count() == 0
                        on:click=connect
                    >
                        {label}
                    </button>
                </div>
            }
                .into_any()
        } else {
            start_again().into_any()
        }}
    }
    .into_any()
}
