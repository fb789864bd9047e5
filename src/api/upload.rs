//! Attachments: uploads through XHR, not fetch (only XHR reports how much of the body has
//! gone up), and where the bytes are served.

use contract::*;
use leptos::prelude::*;

use super::{encode, Answer, Api, HttpError};

impl Api {
    /// Where an attachment's bytes are: on the API origin, whatever its `url` says.
    pub fn attachment_url(self, id: &AttachmentId) -> String {
        let base = self.base.try_get_value().unwrap_or_default();
        format!("{base}/attachments/{}", encode(id.as_str()))
    }

    /// Uploads one file of the outbox (`POST /api/attachments`), idempotent on its
    /// `client_attachment_id`. Through XHR, not fetch: only XHR reports upload progress, which
    /// `progress(loaded, total)` hears. Aborted when dropped.
    pub async fn upload(
        self,
        file: &crate::domain::outbox::OutboxFile,
        blob: &web_sys::Blob,
        progress: impl Fn(f64, f64) + 'static,
    ) -> Result<Attachment, HttpError> {
        self.ensure_csrf_token().await?;
        let base = self.base.try_get_value().ok_or(HttpError::Network)?;
        let url = format!(
            "{base}/attachments?client_attachment_id={}&name={}",
            encode(&file.client_attachment_id),
            encode(&file.name)
        );
        let token = self.csrf.try_get_untracked().flatten().unwrap_or_default();
        let answer = xhr_upload(&url, &token, blob, progress).await?;
        let error = answer.error_body();
        // A stale token is renewed before the sender's retry.
        if error.as_ref().is_some_and(|b| b.error.code == ErrorCode::CsrfTokenInvalid) {
            self.csrf.try_set(None);
        }
        let text = self.settle(answer, error)?;
        serde_json::from_str::<Uploaded>(&text).map(|u| u.attachment).map_err(|_| HttpError::Malformed)
    }
}

/// Aborts the upload when the future that owns it is dropped.
struct AbortXhrOnDrop(web_sys::XmlHttpRequest);

impl Drop for AbortXhrOnDrop {
    fn drop(&mut self) {
        if self.0.ready_state() != web_sys::XmlHttpRequest::DONE {
            let _ = self.0.abort();
        }
    }
}

/// One upload: its status and body, or `Network` when it never completed.
async fn xhr_upload(
    url: &str,
    token: &str,
    blob: &web_sys::Blob,
    progress: impl Fn(f64, f64) + 'static,
) -> Result<Answer, HttpError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| HttpError::Network)?;
    xhr.open("POST", url).map_err(|_| HttpError::Network)?;
    let _ = xhr.set_request_header(CSRF_HEADER, token);
    let _ = xhr.set_request_header("content-type", "application/octet-stream");
    let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
        progress(ev.loaded(), ev.total());
    });
    if let Ok(upload) = xhr.upload() {
        // `load` too: a small body may be sent whole before any `progress` event.
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        upload.set_onload(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        let on_load = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        let on_fail = Closure::<dyn Fn()>::new(move || {
            let _ = reject.call0(&JsValue::NULL);
        })
        .into_js_value();
        xhr.set_onerror(Some(on_fail.unchecked_ref()));
        xhr.set_onabort(Some(on_fail.unchecked_ref()));
    });
    let guard = AbortXhrOnDrop(xhr.clone());
    xhr.send_with_opt_blob(Some(blob)).map_err(|_| HttpError::Network)?;
    let finished = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(on_progress);
    finished.map_err(|_| HttpError::Network)?;
    let answer =
        Answer { status: xhr.status().unwrap_or(0), text: xhr.response_text().ok().flatten().unwrap_or_default() };
    drop(guard);
    Ok(answer)
}
