//! A reference implementation of the contract that simulates the CRM backend and Facebook.
//!
//! State lives in one [`World`] behind a mutex, for the life of the process. Handlers are thin:
//! the rules are methods on the world, by topic (`install.rs`, `integration.rs`,
//! `diagnostics.rs`, `messaging.rs`, `routing.rs`, `webhook.rs`), each told which user the
//! request acts for (its session's).

pub mod api;
pub mod attachments;
pub mod breaks;
pub mod clock;
pub mod customers;
pub mod diagnostics;
pub mod dialog;
pub mod failure;
pub mod faults;
pub mod inbox;
pub mod install;
pub mod integration;
pub mod listing;
pub mod messaging;
pub mod provider_state;
pub mod routing;
pub mod scenarios;
pub mod session;
pub mod sim;
pub mod state;
pub mod webhook;
pub mod world;

use std::path::PathBuf;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

pub use scenarios::Scenario;
pub use state::AppState;
pub use world::World;

/// How the server starts.
#[derive(Clone, Debug)]
pub struct Options {
    /// A built app (`dist/`) to serve; unknown paths get its `index.html` so client routes reload.
    pub static_dir: Option<PathBuf>,
    /// The scenario loaded at start.
    pub scenario: String,
    /// Send [`STRICT_CSP`] on every response, as a CRM does.
    pub csp: bool,
    /// A fake CRM page (`host-demo/`) to serve at `/host-demo/` and every path under it.
    pub host_demo_dir: Option<PathBuf>,
    /// More host pages, `(prefix, dir)`, each served as the host demo is: a built React host at
    /// `/react-host`, a page that imports the package with no bundler at `/plain-host`.
    pub host_pages: Vec<(String, PathBuf)>,
    /// Answer `/sim/*` (scenarios, faults, the simulated Facebook dialog), and only for a
    /// loopback `Host`. Off, those routes do not exist.
    pub sim: bool,
    /// Repeatable runs (scripts/screens): the clock starts at this instant with each scenario,
    /// and error references and OAuth states repeat.
    pub fixed_time: Option<contract::EpochMs>,
    /// `(count, seed)`: made-up customers added to the scenario at start (`/sim/customers`).
    pub customers: Option<(usize, u64)>,
    /// `--break`: conformance requirements whose behaviour is turned off, to prove the kit fails them.
    pub breaks: breaks::Breaks,
    /// `--state-secret`: with `sim`, the conformance kit's test-state hook at `POST /sim/state`.
    pub state_secret: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            static_dir: None,
            scenario: Scenario::DEFAULT.name().into(),
            csp: false,
            host_demo_dir: None,
            host_pages: Vec::new(),
            sim: false,
            fixed_time: None,
            customers: None,
            breaks: breaks::Breaks::default(),
            state_secret: None,
        }
    }
}

/// Whether `--customers count` can be added to `scenario`: it needs a connected Page.
pub fn check_customers(scenario: Scenario, count: usize) -> Result<(), String> {
    scenario.world().add_customers(count.min(1), 0).map(|_| ()).map_err(|f| f.0.message)?;
    if count > customers::MAX_CUSTOMERS {
        return Err(format!("at most {}", customers::MAX_CUSTOMERS));
    }
    Ok(())
}

/// The Content-Security-Policy a strict CRM sends; `--csp` sends exactly this.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; \
    form-action 'self'; object-src 'none'";

/// The whole HTTP surface: `/api/*`, `/sim/*`, and the static app.
pub fn router(options: Options) -> Router {
    let scenario = Scenario::parse(&options.scenario).unwrap_or_else(|| {
        let names: Vec<_> = Scenario::ALL.iter().map(|s| s.name()).collect();
        panic!("unknown scenario {:?}; one of: {}", options.scenario, names.join(", "))
    });
    let clock = options.fixed_time.map_or_else(clock::Clock::default, clock::Clock::starting_at);
    let mut world = scenario.world_with(clock);
    if let Some((count, seed)) = options.customers {
        world.add_customers(count, seed).unwrap_or_else(|f| panic!("--customers {count}: {}", f.0.message));
    }
    let state = AppState::testing(world, options.breaks.clone(), options.state_secret.clone());
    let mut api = api::router(state.clone())
        .layer(middleware::from_fn_with_state(state.clone(), broken_answers))
        .layer(middleware::from_fn_with_state(state.clone(), inject_faults))
        .layer(middleware::from_fn_with_state(state.clone(), server_time));
    if options.fixed_time.is_some() {
        api = api.layer(middleware::from_fn(failure::references_by_route));
    }
    // An unknown API route is a 404 in the error shape, not the app's index.html.
    let mut app = Router::new().merge(api).route("/api/{*rest}", axum::routing::any(unknown_api_route));
    app = if options.sim {
        app.nest("/sim", sim::router(state.clone()).layer(middleware::from_fn(loopback_only)))
    } else {
        app.route("/sim", axum::routing::any(unknown_api_route))
            .route("/sim/{*rest}", axum::routing::any(unknown_api_route))
    };
    let pages = middleware::from_fn_with_state(state.clone(), sign_in_on_page);
    let hosts = options.host_demo_dir.map(|dir| ("/host-demo".to_owned(), dir)).into_iter().chain(options.host_pages);
    for (prefix, dir) in hosts {
        app = app.nest_service(&prefix, host_page(dir).layer(pages.clone()));
    }
    if let Some(dir) = options.static_dir {
        let index = dir.join("index.html");
        // `scripts/embed.mjs` writes a `.br` beside every file: sent as-is to browsers that accept it.
        let part_pages = middleware::from_fn_with_state(dir.join(MESSAGING_PAGE).exists(), part_page);
        let files = ServeDir::new(dir).precompressed_br().fallback(ServeFile::new(index).precompressed_br());
        let files = Router::new()
            .fallback_service(files)
            .layer(part_pages)
            .layer(pages)
            .layer(middleware::from_fn(cache_policy));
        app = app.fallback_service(files);
    }
    if options.csp {
        app = app.layer(middleware::from_fn(strict_csp));
    }
    app
}

/// A host page's files as they are; any other path under its prefix is its `index.html`, so the
/// app's client routes reload there.
fn host_page(dir: PathBuf) -> Router {
    let index = dir.join("index.html");
    Router::new().fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)))
}

/// `/react-host=DIR`: a host page's prefix (`/` and a name, as `nest_service` takes it) and its files.
pub fn parse_host_page(arg: &str) -> Result<(String, PathBuf), String> {
    let (prefix, dir) = arg.split_once('=').ok_or("expected /PREFIX=DIR")?;
    let name = prefix.strip_prefix('/').ok_or("the prefix starts with /")?;
    let first = name.split('/').next().unwrap_or_default();
    if name.is_empty() || name.ends_with('/') || matches!(first, "api" | "sim") || dir.is_empty() {
        return Err(format!("expected /PREFIX=DIR with a prefix other than /, /api and /sim, not {arg:?}"));
    }
    Ok((prefix.to_owned(), PathBuf::from(dir)))
}

/// Every response, API and pages alike. The opener policy lets the OAuth popup report back
/// to the page that opened it, which is what docs/embedding.md asks a host to send.
async fn strict_csp(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Appended: an attachment's own `sandbox` policy stays, and both apply.
    headers.append("content-security-policy", HeaderValue::from_static(STRICT_CSP));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin-allow-popups"));
    response
}

/// The standalone page that preloads the conversations part (scripts/embed.mjs, release only).
const MESSAGING_PAGE: &str = "messaging.html";

/// As docs/embedding.md asks of a CRM: the page of the part an address opens. `/messaging` and
/// below get `messaging.html`, which starts downloading the conversations part with the page;
/// every other client route gets `index.html`, which does the same for the settings part.
async fn part_page(State(has_page): State<bool>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if has_page && (path == "/messaging" || path.starts_with("/messaging/")) {
        let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
        if let Ok(uri) = format!("/{MESSAGING_PAGE}{query}").parse() {
            *request.uri_mut() = uri;
        }
    }
    next.run(request).await
}

/// As docs/embedding.md asks of a CRM's CDN: a file whose name carries its content's hash
/// (`msg-settings-<16 hex>_bg.wasm`) never changes, so a revisit takes it from the cache without
/// asking; every other file (the page, the module, which name the hashed ones) is asked again.
async fn cache_policy(request: Request, next: Next) -> Response {
    let hashed = request.uri().path().rsplit('/').next().is_some_and(has_content_hash);
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// `name-0123456789abcdef.ext` or `name-0123456789abcdef_bg.wasm`: the hash trunk and
/// scripts/embed.mjs put in a name. Trunk writes a u64 in hex without leading zeros, so its
/// hash may be shorter than 16 digits; 8 or more tell it from a word.
pub fn has_content_hash(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A CRM serves its pages to a signed-in browser, so the app's first API requests can all go
/// out at once. An HTML page without a session signs in as `GET /api/me` would.
async fn sign_in_on_page(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let mut response = next.run(request).await;
    let html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if html && response.status().is_success() {
        if let Some((_, Some(cookie))) = session::sign_in(&mut state.world(), &headers, true) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    response
}

/// `/sim` drives the whole world, so a page on another site that has rebound its own name to
/// 127.0.0.1 (DNS rebinding) must not reach it: only a loopback `Host` may.
async fn loopback_only(request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if is_loopback_host(host) {
        next.run(request).await
    } else {
        failure::Failure::new(contract::ErrorCode::NotFound, "No such route.").into_response()
    }
}

/// `127.0.0.1`, `localhost` or `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map(|(name, _)| name).unwrap_or(""),
        None => host
            .rsplit_once(':')
            .map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host }),
    };
    matches!(name.to_ascii_lowercase().as_str(), "127.0.0.1" | "localhost" | "::1")
}

async fn unknown_api_route() -> failure::Failure {
    failure::Failure::new(contract::ErrorCode::NotFound, "No such API route.")
}

/// `--break`: the breaks that only change an answer once it is made; nothing without one.
async fn broken_answers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.breaks().is_empty() {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    breaks::mangle(state.breaks(), &path, response).await
}

/// Fault injection for `/api/*` (health excepted), as `POST /sim/faults` set it.
async fn inject_faults(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let fault = if request.uri().path() == "/api/health" {
        None
    } else {
        let mut world = state.world();
        let world = &mut *world;
        world.faults.draw(&mut world.fault_rng)
    };
    match fault {
        Some(fault) => faults::inject(fault, request, next).await,
        None => next.run(request).await,
    }
}

/// Every API response carries the server's clock, so the app never uses the browser's.
async fn server_time(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let now = state.world().now();
    if !state.breaks().has("TIME-01") {
        response.headers_mut().insert(contract::SERVER_TIME_HEADER, HeaderValue::from(now));
    }
    response
}
