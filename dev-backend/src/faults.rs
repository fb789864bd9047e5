//! Fault injection for `/api/*` (health excepted), set by `POST /sim/faults`: what to inject
//! and how. The middleware that draws a fault for each request is `inject_faults` in lib.rs.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use contract::ErrorCode;
use serde::{Deserialize, Serialize};

use crate::clock::Rng;
use crate::failure::Failure;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// 500 with an `internal` error body.
    #[serde(rename = "http_500")]
    Http500,
    /// 503 with `Retry-After: 1`.
    #[serde(rename = "http_503")]
    Http503,
    /// Holds the request for 30 s, then answers 504.
    Timeout,
    /// Handles the request, then closes the connection without a complete response.
    Drop,
    /// Handles the request, then answers 200 with a truncated JSON body.
    MalformedJson,
    /// Waits 2.5 s, then handles the request normally.
    Slow,
    /// Not an HTTP fault: Facebook refuses a message's attachment ("(#100) Upload attachment
    /// failure"), at `rate`, for sends with attachments. Only when named in `kinds`.
    UploadRefused,
}

impl FaultKind {
    pub const ALL: [FaultKind; 6] = [
        FaultKind::Http500,
        FaultKind::Http503,
        FaultKind::Timeout,
        FaultKind::Drop,
        FaultKind::MalformedJson,
        FaultKind::Slow,
    ];
}

/// `POST /sim/faults`. `{"rate": 0}` turns injection off.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FaultConfig {
    /// Probability in `[0, 1]` that a request gets a fault.
    pub rate: f64,
    /// Which faults to draw from; empty means all of them.
    #[serde(default)]
    pub kinds: Vec<FaultKind>,
    /// Seeds the draw, so a run can be repeated.
    #[serde(default)]
    pub seed: Option<u64>,
}

impl FaultConfig {
    /// Whether Facebook refuses this send's attachments (`upload_refused`, drawn at `rate`).
    pub fn refuses_upload(&self, rng: &mut Rng) -> bool {
        self.kinds.contains(&FaultKind::UploadRefused) && self.rate > 0.0 && rng.unit() < self.rate
    }

    /// Whether a request gets a fault, and which: drawn from `rng`, so a seed repeats a run.
    pub fn draw(&self, rng: &mut Rng) -> Option<FaultKind> {
        if self.rate <= 0.0 || rng.unit() >= self.rate {
            return None;
        }
        let kinds = if self.kinds.is_empty() { &FaultKind::ALL[..] } else { &self.kinds[..] };
        // `upload_refused` is Facebook's answer to a send, drawn there, not an HTTP fault.
        Some(kinds[(rng.next_u64() % kinds.len() as u64) as usize]).filter(|k| *k != FaultKind::UploadRefused)
    }
}

/// Answers the request as `fault` says: an error instead, a hold, or a broken response.
pub async fn inject(fault: FaultKind, request: Request, next: Next) -> Response {
    match fault {
        FaultKind::Http500 => Failure::new(ErrorCode::Internal, "Injected fault: internal error").into_response(),
        FaultKind::Http503 => Failure::new(ErrorCode::ServiceUnavailable, "Injected fault: unavailable")
            .with(|d| d.retry_after_seconds = Some(1))
            .into_response(),
        FaultKind::Timeout => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        FaultKind::Slow => {
            tokio::time::sleep(Duration::from_millis(2_500)).await;
            next.run(request).await
        }
        FaultKind::UploadRefused => next.run(request).await,
        FaultKind::Drop => {
            let handled = next.run(request).await;
            // A body that fails makes hyper abort the connection mid-response.
            let broken = futures_util::stream::once(async {
                Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("injected drop"))
            });
            let (parts, _) = handled.into_parts();
            Response::from_parts(parts, Body::from_stream(broken))
        }
        FaultKind::MalformedJson => {
            let handled = next.run(request).await;
            let (mut parts, _) = handled.into_parts();
            parts.status = StatusCode::OK;
            parts.headers.insert(header::CONTENT_TYPE, "application/json".parse().expect("static header"));
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(r#"{"state": "installed", "pages": [{"id": "#))
        }
    }
}
