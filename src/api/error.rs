//! Every way a request can fail, typed, and what each means for the screens.

use contract::{ApiError, ErrorCode};

#[derive(Clone, Debug, PartialEq)]
pub enum HttpError {
    /// The request never got an answer: offline, DNS, a dropped connection.
    Network,
    /// No answer within [`TIMEOUT_MS`](super::TIMEOUT_MS).
    Timeout,
    /// The server answered with the contract's error body.
    Api { status: u16, error: Box<ApiError> },
    /// An error status without the contract's error body (a proxy, a crash).
    Status(u16),
    /// A success status whose body is not what the contract says.
    Malformed,
    /// Renewing the session found someone else signed in (a shared browser): the request was
    /// not repeated under their session.
    UserChanged,
}

/// What a page throws to its `LoadFailureBoundary`; the screen, not this text, is what users
/// see. A plain name: formatting the whole error would pull `Debug` of every contract type
/// into the wasm.
impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HttpError::Network => "network",
            HttpError::Timeout => "timeout",
            HttpError::Api { .. } => "api error",
            HttpError::Status(_) => "error status",
            HttpError::Malformed => "malformed answer",
            HttpError::UserChanged => "user changed",
        })
    }
}

impl std::error::Error for HttpError {}

impl HttpError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            HttpError::Api { error, .. } => Some(error.code),
            _ => None,
        }
    }

    /// Worth retrying unchanged: the network, timeouts (ours and a proxy's 408), 5xx, 429 and
    /// unreadable answers.
    pub fn is_transient(&self) -> bool {
        match self {
            HttpError::Network | HttpError::Timeout | HttpError::Malformed => true,
            HttpError::UserChanged => false,
            HttpError::Status(status) => *status >= 500 || *status == 429 || *status == 408,
            HttpError::Api { error, .. } => error.code.is_transient(),
        }
    }
}

impl From<HttpError> for crate::domain::install_failure::InstallFailure {
    fn from(error: HttpError) -> Self {
        use crate::domain::install_failure::InstallFailure;
        match error {
            HttpError::Network => InstallFailure::Network,
            HttpError::Timeout => InstallFailure::Timeout,
            HttpError::Api { error, .. } => InstallFailure::from_api(&error),
            HttpError::Status(401) => InstallFailure::SessionExpired,
            HttpError::Status(_) => InstallFailure::Server { reference: None },
            HttpError::Malformed => InstallFailure::Malformed,
            HttpError::UserChanged => InstallFailure::SessionExpired,
        }
    }
}
