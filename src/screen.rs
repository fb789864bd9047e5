//! Whether the screen is drawn, as the app's own state: `messenger:ready`, the focus on a new
//! screen's heading and the scroll to a `#fragment` follow it, instead of timers that look at
//! the DOM. A screen is drawn once no loading notice is up; in the frame after that, what its
//! data renders is in the DOM.

use leptos::prelude::*;

/// How many loading notices are up: each `LoadingNotice` counts itself while it is mounted.
#[derive(Clone, Copy)]
pub struct Loading(RwSignal<u32>);

pub fn provide_loading() -> Loading {
    let loading = Loading(RwSignal::new(0));
    provide_context(loading);
    loading
}

/// `None` for a component mounted on its own, in tests.
pub fn use_loading() -> Option<Loading> {
    use_context()
}

impl Loading {
    /// Counts a loading notice until its owner is cleaned up.
    pub fn notice_shown(self) {
        self.0.update(|n| *n += 1);
        on_cleanup(move || self.0.try_update(|n| *n = n.saturating_sub(1)).unwrap_or(()));
    }

    /// Whether no loading notice is up (tracked).
    pub fn drawn(self) -> bool {
        self.0.get() == 0
    }

    pub fn drawn_untracked(self) -> bool {
        self.0.try_get_untracked() == Some(0)
    }
}
