//! A screen's read of the server, in place of `LocalResource`.

use std::future::{Future, IntoFuture};

use leptos::prelude::*;
use leptos::reactive::computed::AsyncDerivedFuture;

/// What `LocalResource` is, without its wait of a tick before any value: an answer already in
/// hand (one the loader fetched while the wasm compiled, see `api::adopt`) is there as the read is
/// made, so the screen draws with it at once, never its loading state first. The wait protects
/// hydration, and this app is never server-rendered.
pub struct Read<T: 'static> {
    data: AsyncDerived<T, LocalStorage>,
    again: Trigger,
}

impl<T: 'static> Clone for Read<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Read<T> {}

impl<T: 'static> Read<T> {
    pub fn new<F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Self {
        let again = Trigger::new();
        let data = AsyncDerived::new_unsync(move || {
            again.track();
            fetch()
        });
        Read { data, again }
    }

    /// Reads again; the screen keeps what it shows until the answer comes.
    pub fn refetch(&self) {
        self.again.notify();
    }

    /// The last answer, if any, without subscribing.
    pub fn with_untracked<U>(&self, f: impl FnOnce(&Option<T>) -> U) -> U {
        self.data.with_untracked(f)
    }
}

impl<T: Clone + 'static> IntoFuture for Read<T> {
    type Output = T;
    type IntoFuture = AsyncDerivedFuture<T>;

    fn into_future(self) -> Self::IntoFuture {
        self.data.into_future()
    }
}
