//! A reference implementation of the contract that simulates the CRM backend and Facebook.

use std::path::PathBuf;

use axum::routing::get;
use axum::{Json, Router};
use tower_http::services::{ServeDir, ServeFile};

/// How the server starts.
#[derive(Clone, Debug)]
pub struct Options {
    /// A built app (`dist/`) to serve; unknown paths get its `index.html` so client routes reload.
    pub static_dir: Option<PathBuf>,
    /// The scenario loaded at start.
    pub scenario: String,
}

impl Default for Options {
    fn default() -> Self {
        Self { static_dir: None, scenario: "installed".into() }
    }
}

/// The whole HTTP surface: `/api/*`, `/sim/*`, and the static app.
pub fn router(options: Options) -> Router {
    let api = Router::new().route("/health", get(health));
    let app = Router::new().nest("/api", api);
    match options.static_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            app.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)))
        }
        None => app,
    }
}

async fn health() -> Json<contract::Health> {
    Json(contract::Health { ok: true })
}
