//! A typed error that becomes `{"error": {...}}` with the code's HTTP status.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use contract::{ApiError, ErrorBody, ErrorCode, ErrorDetails};

#[derive(Clone, Debug, PartialEq)]
pub struct Failure(pub Box<ApiError>);

impl Failure {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure(Box::new(ApiError {
            code,
            message: message.into(),
            reference: String::new(),
            details: ErrorDetails::default(),
        }))
    }

    pub fn with(mut self, edit: impl FnOnce(&mut ErrorDetails)) -> Self {
        edit(&mut self.0.details);
        self
    }

    pub fn reference(mut self, reference: String) -> Self {
        self.0.reference = reference;
        self
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut error = *self.0;
        if error.reference.is_empty() {
            error.reference = next_reference();
        }
        let status = StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = error.details.retry_after_seconds;
        let mut response = (status, Json(ErrorBody { error })).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert("retry-after", HeaderValue::from(seconds));
        }
        response
    }
}

static NEXT_REFERENCE: AtomicU64 = AtomicU64::new(1);

tokio::task_local! {
    /// `--fixed-time`: the request being answered ("GET /api/me"), which names its failures.
    static ROUTE: String;
}

/// `--fixed-time`: how many failures each route has answered in this scenario.
static ROUTE_FAILURES: LazyLock<Mutex<HashMap<String, u64>>> = LazyLock::new(Default::default);

/// A reference support can find in the logs: unique for the life of the process, unless
/// [`restart_references`] was called.
pub fn next_reference() -> String {
    if let Ok(reference) = ROUTE.try_with(|route| route_reference(route)) {
        return reference;
    }
    let n = NEXT_REFERENCE.fetch_add(1, Ordering::Relaxed);
    format!("REF-{:06X}", n.wrapping_mul(0x9E37_79B9) & 0xFF_FFFF)
}

/// The route's nth failure in this scenario: the same in any order parallel requests are answered.
fn route_reference(route: &str) -> String {
    let mut failures = ROUTE_FAILURES.lock().unwrap_or_else(PoisonError::into_inner);
    let n = failures.entry(route.to_owned()).or_default();
    *n += 1;
    // FNV-1a
    let hash = route
        .bytes()
        .chain(n.to_le_bytes())
        .fold(0xCBF2_9CE4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3));
    format!("REF-{:06X}", hash & 0xFF_FFFF)
}

/// `--fixed-time`: the references of a request's failures come from its route (method and path).
pub async fn references_by_route(request: Request, next: Next) -> Response {
    let route = format!("{} {}", request.method(), request.uri().path());
    ROUTE.scope(route, next.run(request)).await
}

/// `--fixed-time`: each scenario counts its references from the first again, so the same test
/// shows the same reference whatever ran before it on this server.
pub fn restart_references() {
    NEXT_REFERENCE.store(1, Ordering::Relaxed);
    ROUTE_FAILURES.lock().unwrap_or_else(PoisonError::into_inner).clear();
}

pub type ApiResult<T> = Result<T, Failure>;
