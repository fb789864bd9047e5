use contract::{CheckId, CheckResult, CheckStatus, PageId, PageRef};
use leptos::prelude::*;

use super::check_row::{CheckRow, Row};
use crate::api::use_api;
use crate::components::status_region::use_status;
use crate::i18n::*;

/// The checks of one Page. Each row's state is a signal of its own: a check that answers
/// redraws its row alone, so a fix under way in another row (Subscribe again) keeps its state.
#[derive(Clone, PartialEq)]
struct Group {
    page: Option<PageRef>,
    rows: Vec<(CheckId, RwSignal<Row>)>,
}

/// "Check connection": runs the seed's checks one by one, showing each as it completes,
/// with the fix for each that fails. With several Pages it asks which to check, or checks
/// each in turn.
#[component]
pub fn Troubleshooter(
    /// May run the connection flow again (Reconnect, Grant); others are told what to ask for.
    can_manage: bool,
    /// The connected Pages.
    pages: Vec<PageRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = use_status();
    let groups = RwSignal::new(Vec::<Group>::new());
    let running = RwSignal::new(false);
    let several = pages.len() > 1;
    // `None`: every Page, one after another.
    let chosen = RwSignal::new(None::<PageId>);
    let all_pages = StoredValue::new(pages.clone());
    // A run's row signals belong to the troubleshooter, not to the click that made them: they
    // go when it goes.
    let owner = Owner::current();
    let waiting = move || match &owner {
        Some(owner) => owner.with(|| RwSignal::new(Row::Waiting)),
        None => RwSignal::new(Row::Waiting),
    };
    let run = move |_| {
        let targets: Vec<Option<PageRef>> = all_pages.with_value(|pages| match chosen.get_untracked() {
            Some(id) => pages.iter().filter(|p| p.id == id).cloned().map(Some).collect(),
            None if pages.is_empty() => vec![None],
            None => pages.iter().cloned().map(Some).collect(),
        });
        running.set(true);
        let run_groups: Vec<Group> = targets
            .iter()
            .map(|page| Group { page: page.clone(), rows: CheckId::ALL.iter().map(|c| (*c, waiting())).collect() })
            .collect();
        // The run works on these rows; the list shows them.
        let rows: Vec<Vec<(CheckId, RwSignal<Row>)>> = run_groups.iter().map(|g| g.rows.clone()).collect();
        groups.set(run_groups);
        status.announce(td_string!(i18n.get_locale_untracked(), troubleshooter.running));
        leptos::task::spawn_local(async move {
            for (page, rows) in targets.iter().zip(&rows) {
                let page_id = page.as_ref().map(|p| &p.id);
                for &(check, row) in rows {
                    row.try_set(Row::Running);
                    let answer = match api.diagnostic(check, page_id).await {
                        Ok(result) => Row::Done(Box::new(result)),
                        Err(_) => Row::Error,
                    };
                    row.try_set(answer);
                }
            }
            running.try_set(false);
            // From the rows as they stand now: a fix done in place while the rest ran
            // ("Subscribe again") counts, and the summary never repeats a failure it fixed.
            let passed = |row: &Row| matches!(row, Row::Done(r) if r.status != CheckStatus::Fail);
            // `None` once the troubleshooter is gone: nothing is announced then.
            let Some(all_passed) =
                rows.iter().flatten().try_fold(true, |all, (_, row)| Some(row.try_with_untracked(passed)? && all))
            else {
                return;
            };
            let locale = i18n.get_locale_untracked();
            status.announce(if all_passed {
                td_string!(locale, troubleshooter.all_passed)
            } else {
                td_string!(locale, troubleshooter.some_failed)
            });
        });
    };
    let picker = several.then(|| {
        let options =
            pages.iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view();
        view! {
            <label class="msg-field">
                <span class="msg-field__label">{t!(i18n, troubleshooter.which_page)}</span>
                <select
                    class="msg-field__input"
                    disabled=move || running.get()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        chosen.set((!value.is_empty()).then(|| PageId::new(value)));
                    }
                >
                    <option value="">{t!(i18n, troubleshooter.every_page)}</option>
                    {options}
                </select>
            </label>
        }
    });
    let group_view = move |group: Group| {
        let heading = group.page.filter(|_| several).map(|p| view! { <h3 class="msg-checks__page">{p.name}</h3> });
        let rows = group
            .rows
            .into_iter()
            .map(|(check, row)| {
                // A fix done in place ("Subscribe again") answers the check anew.
                let on_fixed = Callback::new(move |result: CheckResult| {
                    row.try_set(Row::Done(Box::new(result)));
                });
                view! { <CheckRow check row=row.read_only() can_manage on_fixed /> }
            })
            .collect_view();
        view! {
            {heading}
            <ol class="msg-checks">{rows}</ol>
        }
    };
    view! {
        <div class="msg-panel" id="msg-troubleshooter">
            <h2 class="msg-panel__title">{t!(i18n, troubleshooter.title)}</h2>
            <p>{t!(i18n, troubleshooter.intro)}</p>
            {picker}
            <div class="msg-actions">
                <button
                    type="button"
                    class="msg-button msg-button--primary"
                    disabled=move || running.get()
                    on:click=run
                >
                    {move || {
                        if running.get() {
                            t!(i18n, troubleshooter.running).into_any()
                        } else {
                            t!(i18n, troubleshooter.run).into_any()
                        }
                    }}
                </button>
            </div>
            {move || groups.get().into_iter().map(group_view).collect_view()}
        </div>
    }
}
