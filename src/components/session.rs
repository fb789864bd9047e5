//! The signed-in user, loaded once and shared: role, company, admins.

use contract::Me;
use leptos::prelude::*;

use crate::api::{use_api, HttpError};

#[derive(Clone, Copy)]
pub struct MeResource(pub LocalResource<Result<Me, HttpError>>);

pub fn provide_me() {
    let api = use_api();
    provide_context(MeResource(LocalResource::new(move || api.me())));
}

pub fn use_me() -> LocalResource<Result<Me, HttpError>> {
    expect_context::<MeResource>().0
}
