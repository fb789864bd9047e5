//! A typed error that becomes `{"error": {...}}` with the code's HTTP status.

use axum::http::{HeaderValue, StatusCode};
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

/// A reference support can find in the logs: unique for the life of the process.
pub fn next_reference() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("REF-{:06X}", n.wrapping_mul(0x9E37_79B9) & 0xFF_FFFF)
}

pub type ApiResult<T> = Result<T, Failure>;
