use leptos::prelude::*;

/// Announces progress and "saved" notices to assistive technology through the one live region.
#[derive(Clone, Copy)]
pub struct Status(RwSignal<String>);

impl Status {
    /// Empties the region first, so the same notice twice ("Copied", then "Copied") is read twice.
    pub fn announce(self, message: impl Into<String>) {
        let message = message.into();
        self.0.set(String::new());
        set_timeout(move || self.0.try_set(message).map_or((), drop), std::time::Duration::from_millis(REPEAT_GAP_MS));
    }
}

const REPEAT_GAP_MS: u64 = 100;

pub fn provide_status() -> Status {
    let status = Status(RwSignal::new(String::new()));
    provide_context(status);
    status
}

pub fn use_status() -> Status {
    expect_context::<Status>()
}

/// The always-mounted `role="status"` region. Visually hidden; screen readers read its changes.
#[component]
pub fn StatusRegion() -> impl IntoView {
    let status = use_status();
    view! {
        <div class="msg-visually-hidden" role="status" aria-live="polite">
            {move || status.0.get()}
        </div>
    }
}
