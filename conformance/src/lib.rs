//! `messenger-conformance`: checks that a CRM backend implements the API the Messenger UI
//! needs, beyond the shapes. Every body is read with the `contract` crate's serde types, the
//! ones the UI reads, and validated against the OpenAPI document. Each check has a requirement
//! id (`contract::requirements`); `docs/conformance.md` explains the tiers and the report.

pub mod cli;
pub mod client;
mod kit;
mod read_only;
pub mod report;
pub mod schema;
mod state;
mod writes;

pub use kit::{run, Options};
