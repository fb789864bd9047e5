//! The REST API between the Messenger UI and the CRM backend, as serde types.
//!
//! No web dependencies: the wasm app and the dev backend both compile it.

use serde::{Deserialize, Serialize};

/// `GET /api/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub ok: bool,
}
