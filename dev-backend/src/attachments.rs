//! Attachments' bytes, in memory and within bounds, and the small real samples that stand in
//! for what customers send (the dev backend fetches nothing from outside). A file's type is
//! what its bytes say, never its name.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use contract::{Attachment, AttachmentId, AttachmentKind, PersonId};

/// Facebook's Send API takes files up to 25 MB (`contract::MAX_FILE_BYTES`).
pub const MAX_FILE_BYTES: usize = contract::MAX_FILE_BYTES as usize;
/// Beyond this, the oldest attachments are evicted.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub struct Stored {
    pub attachment: Attachment,
    pub bytes: Arc<[u8]>,
}

/// The attachments the backend holds, oldest first.
#[derive(Default)]
pub struct Attachments {
    items: HashMap<AttachmentId, Stored>,
    order: VecDeque<AttachmentId>,
    total: usize,
    next: u64,
    total_cap: Option<usize>,
    /// Who uploaded what under which `client_attachment_id`: a retried upload is answered with
    /// the attachment stored the first time.
    uploads: HashMap<(PersonId, String), AttachmentId>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    /// The bytes are none of the types Facebook's Send API takes.
    UnknownType,
    /// The bytes are a known type, but not the one the name says (a `.png` that is not a PNG).
    NameDisagrees,
}

impl Attachments {
    /// For tests: a smaller total, so eviction can be seen.
    pub fn with_total_cap(cap: usize) -> Self {
        Attachments { total_cap: Some(cap), ..Attachments::default() }
    }

    pub fn get(&self, id: &AttachmentId) -> Option<&Stored> {
        self.items.get(id)
    }

    pub fn total_bytes(&self) -> usize {
        self.total
    }

    /// Stores `bytes` as a file named `name`; its kind and type come from the bytes.
    pub fn store(&mut self, name: Option<&str>, bytes: Vec<u8>) -> Result<Attachment, Refusal> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Refusal::TooLarge);
        }
        let (mime, kind) = sniff(&bytes).ok_or(Refusal::UnknownType)?;
        if let Some(expected) = name.and_then(contract::mime_of_name) {
            if expected != mime {
                return Err(Refusal::NameDisagrees);
            }
        }
        self.next += 1;
        let (width, height) = png_size(&bytes).unzip();
        let attachment = Attachment {
            name: name.map(str::to_owned),
            size: Some(bytes.len() as u64),
            mime_type: Some(mime.to_owned()),
            width,
            height,
            ..Attachment::new(AttachmentId::new(format!("att-{}", self.next)), kind)
        };
        self.total += bytes.len();
        self.order.push_back(attachment.id.clone());
        self.items.insert(attachment.id.clone(), Stored { attachment: attachment.clone(), bytes: bytes.into() });
        let cap = self.total_cap.unwrap_or(MAX_TOTAL_BYTES);
        while self.total > cap && self.order.len() > 1 {
            let Some(oldest) = self.order.pop_front() else { break };
            if let Some(gone) = self.items.remove(&oldest) {
                self.total -= gone.bytes.len();
            }
        }
        Ok(attachment)
    }

    /// Keeps what the message says of a stored attachment (a sticker is a picture that is
    /// shown as a sticker), so `GET` answers it the same way.
    pub fn relabel(&mut self, attachment: &Attachment) {
        if let Some(stored) = self.items.get_mut(&attachment.id) {
            stored.attachment = attachment.clone();
        }
    }

    /// `POST /api/attachments`: stores the file once per `client_attachment_id` and user; a
    /// repeat answers the same attachment (`true`) while it is still held.
    pub fn upload(
        &mut self,
        as_user: &PersonId,
        client_attachment_id: &str,
        name: Option<&str>,
        bytes: Vec<u8>,
    ) -> Result<(Attachment, bool), Refusal> {
        let key = (as_user.clone(), client_attachment_id.to_owned());
        if let Some(stored) = self.uploads.get(&key).and_then(|id| self.items.get(id)) {
            return Ok((stored.attachment.clone(), true));
        }
        let attachment = self.store(name, bytes)?;
        if attachment.kind == AttachmentKind::Image && attachment.size > Some(contract::MAX_PICTURE_BYTES) {
            self.forget(&attachment.id);
            return Err(Refusal::TooLarge);
        }
        self.uploads.insert(key, attachment.id.clone());
        Ok((attachment, false))
    }

    /// Whether this user uploaded this `client_attachment_id` before.
    pub fn has_upload(&self, as_user: &PersonId, client_attachment_id: &str) -> bool {
        self.uploads.contains_key(&(as_user.clone(), client_attachment_id.to_owned()))
    }

    fn forget(&mut self, id: &AttachmentId) {
        if let Some(gone) = self.items.remove(id) {
            self.total -= gone.bytes.len();
            self.order.retain(|o| o != id);
        }
    }

    /// An attachment with no bytes (a place, a shared link).
    pub fn describe(&mut self, kind: AttachmentKind) -> Attachment {
        self.next += 1;
        Attachment::new(AttachmentId::new(format!("att-{}", self.next)), kind)
    }
}

/// The type Facebook's Send API would take for these bytes, and how the thread shows it.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, AttachmentKind)> {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    Some(if at(0, b"\x89PNG\r\n\x1a\n") {
        ("image/png", AttachmentKind::Image)
    } else if at(0, b"\xff\xd8\xff") {
        ("image/jpeg", AttachmentKind::Image)
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        ("image/gif", AttachmentKind::Image)
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        ("image/webp", AttachmentKind::Image)
    } else if at(0, b"RIFF") && at(8, b"WAVE") {
        ("audio/wav", AttachmentKind::Audio)
    } else if at(0, b"OggS") {
        ("audio/ogg", AttachmentKind::Audio)
    } else if at(0, b"ID3") || at(0, b"\xff\xfb") {
        ("audio/mpeg", AttachmentKind::Audio)
    } else if at(0, b"\x1a\x45\xdf\xa3") {
        ("video/webm", AttachmentKind::Video)
    } else if at(4, b"ftyp") {
        ("video/mp4", AttachmentKind::Video)
    } else if at(0, b"%PDF-") {
        ("application/pdf", AttachmentKind::File)
    } else {
        return None;
    })
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.get(12..16) != Some(b"IHDR") {
        return None;
    }
    let word = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    Some((word(16)?, word(20)?))
}

/// How the response names the bytes: pictures, audio and video inline; anything else is a
/// download, sandboxed, so a file can never run as a page of this origin.
pub fn headers(stored: &Stored) -> Vec<(&'static str, String)> {
    let a = &stored.attachment;
    let mime = a.mime_type.clone().unwrap_or_else(|| "application/octet-stream".into());
    let inline = a.kind.is_media();
    let mut headers = vec![("content-type", mime), ("x-content-type-options", "nosniff".into())];
    if inline {
        headers.push(("content-disposition", "inline".into()));
    } else {
        // The name as a quoted string with only safe characters, and in full as RFC 5987.
        let name = a.name.as_deref().unwrap_or("attachment");
        let plain: String =
            name.chars().map(|c| if c.is_ascii_alphanumeric() || "._- ".contains(c) { c } else { '_' }).collect();
        let encoded: String = name
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        headers.push(("content-disposition", format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}")));
        headers.push(("content-security-policy", "sandbox".into()));
    }
    headers.push(("cache-control", "private, max-age=3600".into()));
    headers
}

/// What `/sim/inbound` (and the webhook, for Facebook's shapes) asks for: `{"type": "image" |
/// "video" | "audio" | "file" | "sticker" | "location" | "fallback", "name"?, "like"?,
/// "title"?, "url"?}`. Each kind comes with a small real sample.
#[derive(Default, serde::Deserialize)]
pub struct Sample {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: Option<String>,
    #[serde(default)]
    pub like: bool,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// The shipped samples, a few KB each, that stand in for what customers send.
pub mod samples {
    pub const PHOTO: &[u8] = include_bytes!("../samples/photo.png");
    pub const LIKE: &[u8] = include_bytes!("../samples/like.png");
    pub const STICKER: &[u8] = include_bytes!("../samples/sticker.png");
    pub const VOICE: &[u8] = include_bytes!("../samples/voice.wav");
    pub const CLIP: &[u8] = include_bytes!("../samples/clip.webm");
    pub const INVOICE: &[u8] = include_bytes!("../samples/invoice.pdf");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_what_the_bytes_say() {
        for (bytes, mime, kind) in [
            (samples::PHOTO, "image/png", AttachmentKind::Image),
            (samples::VOICE, "audio/wav", AttachmentKind::Audio),
            (samples::CLIP, "video/webm", AttachmentKind::Video),
            (samples::INVOICE, "application/pdf", AttachmentKind::File),
        ] {
            assert_eq!(sniff(bytes), Some((mime, kind)));
        }
        let mut store = Attachments::default();
        assert_eq!(store.store(Some("photo.png"), b"GIF89a not a png".to_vec()), Err(Refusal::NameDisagrees));
        assert_eq!(store.store(Some("notes.txt"), b"plain text".to_vec()), Err(Refusal::UnknownType));
        let photo = store.store(Some("shelf.PNG"), samples::PHOTO.to_vec()).unwrap();
        assert_eq!((photo.width, photo.height), (Some(160), Some(96)));
        assert_eq!(photo.size, Some(samples::PHOTO.len() as u64));
    }

    #[test]
    fn a_file_over_25_mb_is_refused_and_the_oldest_are_evicted_beyond_the_total() {
        let mut store = Attachments::with_total_cap(2 * samples::INVOICE.len());
        let mut big = samples::INVOICE.to_vec();
        big.resize(MAX_FILE_BYTES + 1, b' ');
        assert_eq!(store.store(None, big), Err(Refusal::TooLarge));
        let first = store.store(None, samples::INVOICE.to_vec()).unwrap();
        let second = store.store(None, samples::INVOICE.to_vec()).unwrap();
        assert!(store.get(&first.id).is_some());
        let third = store.store(None, samples::INVOICE.to_vec()).unwrap();
        assert!(store.get(&first.id).is_none(), "the oldest is evicted");
        assert!(store.get(&second.id).is_some() && store.get(&third.id).is_some());
        assert_eq!(store.total_bytes(), 2 * samples::INVOICE.len());
    }

    #[test]
    fn files_are_sandboxed_downloads_and_pictures_inline() {
        let mut store = Attachments::default();
        let pdf = store.store(Some("invoice \"0193\".pdf"), samples::INVOICE.to_vec()).unwrap();
        let h = headers(store.get(&pdf.id).unwrap());
        let get = |name: &str| h.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
        assert_eq!(get("content-type"), Some("application/pdf"));
        assert_eq!(get("x-content-type-options"), Some("nosniff"));
        assert_eq!(get("content-security-policy"), Some("sandbox"));
        assert_eq!(
            get("content-disposition"),
            Some("attachment; filename=\"invoice _0193_.pdf\"; filename*=UTF-8''invoice%20%220193%22.pdf")
        );
        let png = store.store(Some("p.png"), samples::PHOTO.to_vec()).unwrap();
        let h = headers(store.get(&png.id).unwrap());
        assert!(h.contains(&("content-disposition", "inline".into())));
        assert!(!h.iter().any(|(n, _)| *n == "content-security-policy"));
    }
}
