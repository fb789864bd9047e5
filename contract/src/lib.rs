//! The REST API between the Messenger UI and the CRM backend, as serde types.
//!
//! No web dependencies: the wasm app and the dev backend both compile it. `docs/api.md`
//! explains the conventions; the dev backend serves the OpenAPI document generated from
//! these types at `GET /api/openapi.json`.
//!
//! Every enum the server may grow has an `Unknown` variant, so an older app keeps working
//! (and shows a clear screen) when a newer backend sends a value it does not know.

mod attachments;
mod conversations;
mod diagnostics;
mod error;
mod ids;
mod install;
mod integration;
mod me;
pub mod requirements;

pub use attachments::*;
pub use conversations::*;
pub use diagnostics::*;
pub use error::*;
pub use ids::*;
pub use install::*;
pub use integration::*;
pub use me::*;

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, on the server's clock.
pub type EpochMs = i64;

/// Header that carries the server's clock on every response, in [`EpochMs`].
pub const SERVER_TIME_HEADER: &str = "x-server-time";
/// Header every mutating request must carry, with the token from `GET /api/me`.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// `GET /api/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub ok: bool,
}

/// A person of the company account, named so the UI can say who to ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// Present when the CRM may share it, so the UI can offer a `mailto:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[cfg(test)]
pub(crate) mod testing {
    use serde::{de::DeserializeOwned, Serialize};
    use std::fmt::Debug;

    /// Serializes, checks the JSON is as documented, and parses it back to an equal value.
    pub fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, json: serde_json::Value) {
        assert_eq!(serde_json::to_value(value).unwrap(), json, "wire shape");
        let back: T = serde_json::from_value(json).unwrap();
        assert_eq!(&back, value, "round trip");
    }
}
