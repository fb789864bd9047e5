use leptos::prelude::*;

use crate::domain::wizard::Step;
use crate::i18n::*;

fn step_name(strings: &'static Strings, step: Step) -> &'static str {
    match step {
        Step::LogIn => strings.get(keys::wizard::step_log_in),
        Step::Grant => strings.get(keys::wizard::step_grant),
        Step::ChoosePage => strings.get(keys::wizard::step_choose_page),
        Step::Done => strings.get(keys::wizard::step_done),
    }
}

/// The four steps as an ordered list, the current one marked with `aria-current="step"`,
/// and the "Step n of 4" heading, which takes focus whenever the step or its screen changes.
#[component]
pub fn WizardStepper(
    /// The step the wizard is on.
    #[prop(into)]
    step: Signal<Step>,
    /// Which screen of the step is shown. A new one (a failure at the same step) replaces
    /// the focused button, so focus moves to the heading rather than falling to the page.
    #[prop(into, optional)]
    screen: Signal<u8>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |previous: Option<(Step, u8)>| {
        let current = (step.get(), screen.get());
        if previous.is_some_and(|p| p != current) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        current
    });
    view! {
        <ol class="msg-stepper" aria-label=move || t_string!(i18n, wizard.steps_label).to_string()>
            {Step::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <li
                            class=move || {
                                let current = step.get();
                                let modifier = if current == s {
                                    " msg-stepper__step--current"
                                } else if current > s {
                                    " msg-stepper__step--done"
                                } else {
                                    ""
                                };
                                format!("msg-stepper__step{modifier}")
                            }
                            aria-current=move || (step.get() == s).then_some("step")
                        >
                            <span class="msg-stepper__number" aria-hidden="true">
                                {s.number()}
                            </span>
                            {move || step_name(i18n.strings(), s)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <h2 class="msg-wizard__heading" tabindex="-1" node_ref=heading>
            {move || {
                let s = step.get();
                t!(i18n, wizard.step_heading, n = s.number(), name = step_name(i18n.strings(), s))
            }}
        </h2>
    }
}
