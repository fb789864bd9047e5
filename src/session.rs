//! The signed-in user, loaded once and shared: role, company, admins. Data only: screens
//! depend on it, never the other way round.

use contract::Me;
use leptos::prelude::*;

use crate::api::{use_api, HttpError};
use crate::domain::storage_scope::StorageScope;
use crate::read::Read;

#[derive(Clone, Copy)]
pub struct MeResource(pub Read<Result<Me, HttpError>>);

pub fn provide_me() {
    let api = use_api();
    let me = Read::new(move || api.me());
    // A renewal found someone else signed in (a shared browser): every screen follows them.
    Effect::new(move || {
        let Some(owner) = api.owner() else { return };
        let stale = me.with_untracked(|m| matches!(m, Some(Ok(m)) if StorageScope::of(m) != owner));
        if stale {
            me.refetch();
        }
    });
    provide_context(MeResource(me));
}

pub fn use_me() -> Read<Result<Me, HttpError>> {
    expect_context::<MeResource>().0
}
