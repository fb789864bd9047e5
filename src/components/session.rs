//! The signed-in user, loaded once and shared: role, company, admins.

use contract::Me;
use leptos::prelude::*;

use crate::api::{use_api, HttpError};
use crate::domain::owner::Owner;

#[derive(Clone, Copy)]
pub struct MeResource(pub LocalResource<Result<Me, HttpError>>);

pub fn provide_me() {
    let api = use_api();
    let me = LocalResource::new(move || api.me());
    // A renewal found someone else signed in (a shared browser): every screen follows them.
    Effect::new(move || {
        let Some(owner) = api.owner() else { return };
        let stale = me.with_untracked(|m| matches!(m, Some(Ok(m)) if Owner::of(m) != owner));
        if stale {
            me.refetch();
        }
    });
    provide_context(MeResource(me));
}

pub fn use_me() -> LocalResource<Result<Me, HttpError>> {
    expect_context::<MeResource>().0
}

/// Renders `content` once the user is known, or the failure screen with a retry if that fails.
pub fn after_sign_in<V: IntoView + 'static>(
    content: impl Fn(Me) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    use crate::components::install_failures::install_failure_screen::InstallFailureScreen;
    use crate::components::shared::loading_notice::LoadingNotice;
    let me = use_me();
    view! {
        <Suspense fallback=LoadingNotice>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(me) => content(me).into_any(),
                        Err(error) => {
                            let retry = Callback::new(move |_| me.refetch());
                            view! { <InstallFailureScreen failure=error.into() on_retry=retry keep_trying=true/> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
