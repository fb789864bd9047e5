//! What comes with a message beside its text: photos, files, voice notes, stickers, places and
//! shared links. The backend serves every attachment's bytes itself, at
//! `GET /api/attachments/{id}`, so the app never puts a third-party address in a `src`.

use serde::{Deserialize, Deserializer, Serialize};

use crate::AttachmentId;

/// Facebook's limits (Meta's "saving assets" page, 2026-04-22), in the decimal units it
/// states them in: any file at most 25 MB,
pub const MAX_FILE_BYTES: u64 = 25_000_000;
/// pictures at most 8 MB,
pub const MAX_PICTURE_BYTES: u64 = 8_000_000;
/// and this app sends at most 10 attachments in one message.
pub const MAX_ATTACHMENTS: usize = 10;

/// The types an agent may send: those Facebook's Send API takes and whose bytes the backend
/// can tell apart (a `.docx` is a zip to a byte check).
pub const SENDABLE_TYPES: [&str; 10] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "audio/wav",
    "audio/ogg",
    "application/pdf",
];

/// The type a file's name claims, for the extensions of [`SENDABLE_TYPES`]. The app uses it
/// when the browser names no type; the backend refuses bytes that contradict it.
pub fn mime_of_name(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" | "oga" => "audio/ogg",
        "pdf" => "application/pdf",
        _ => return None,
    })
}

/// Facebook's `like` sticker (the thumbs-up), as the Send API and webhooks name it.
pub const LIKE_STICKER_ID: u64 = 369_239_263_222_822;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Image,
    Video,
    Audio,
    File,
    Sticker,
    /// A place the customer shared: `title` and `coordinates`, no bytes.
    Location,
    /// A shared link Facebook could not show as anything else: `title` and `url`, no bytes.
    Fallback,
    /// A kind this app does not know yet, or an attachment it could not read.
    #[serde(other)]
    Unknown,
}

impl AttachmentKind {
    /// Pictures, audio and video are shown inline; everything else is a download.
    pub fn is_media(self) -> bool {
        matches!(self, AttachmentKind::Image | AttachmentKind::Video | AttachmentKind::Audio | AttachmentKind::Sticker)
    }

    /// Whether the backend holds bytes for it at `GET /api/attachments/{id}`.
    pub fn has_bytes(self) -> bool {
        !matches!(self, AttachmentKind::Location | AttachmentKind::Fallback | AttachmentKind::Unknown)
    }
}

/// A place, in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coordinates {
    pub lat: f64,
    pub long: f64,
}

// Compared as values: a NaN never comes from JSON.
impl Eq for Coordinates {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: AttachmentId,
    pub kind: AttachmentKind,
    /// The file's name, where known. User-supplied: render it as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The true content type, as the backend found it in the bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// Pixels, for pictures and video: the thread reserves the space before the bytes arrive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Facebook's like sticker.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub like: bool,
    /// A location's or a shared link's title. User-supplied: render it as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// A shared link's address. Only a link if `safe_url` allows it; never a `src`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Attachment {
    /// An attachment with only an id and a kind; the rest is filled in by who makes it.
    pub fn new(id: AttachmentId, kind: AttachmentKind) -> Self {
        Attachment {
            id,
            kind,
            name: None,
            size: None,
            mime_type: None,
            width: None,
            height: None,
            like: false,
            title: None,
            coordinates: None,
            url: None,
        }
    }
}

/// `Message.attachments`: each element is read on its own from its raw JSON, so a malformed
/// one is an `Unknown` attachment, never an error of the whole message. (Cheaper in the wasm
/// than serde's buffered `untagged`.)
pub(crate) fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Attachment>, D::Error> {
    let items = Vec::<Box<serde_json::value::RawValue>>::deserialize(deserializer)?;
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            serde_json::from_str(raw.get()).unwrap_or_else(|_| {
                Attachment::new(AttachmentId::new(format!("unreadable-{i}")), AttachmentKind::Unknown)
            })
        })
        .collect())
}

/// `POST /api/attachments?client_attachment_id=&name=` answers this. Repeating a
/// `client_attachment_id` answers the same attachment: a retried upload never stores twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Uploaded {
    pub attachment: Attachment,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::testing::round_trip;

    #[test]
    fn a_photo_and_a_like_sticker_have_the_documented_shape() {
        let photo = Attachment {
            name: Some("shelf.png".into()),
            size: Some(1_234),
            mime_type: Some("image/png".into()),
            width: Some(64),
            height: Some(48),
            ..Attachment::new("a1".into(), AttachmentKind::Image)
        };
        round_trip(
            &photo,
            json!({"id": "a1", "kind": "image", "name": "shelf.png", "size": 1234, "mime_type": "image/png",
                   "width": 64, "height": 48}),
        );
        let like = Attachment { like: true, ..Attachment::new("a2".into(), AttachmentKind::Sticker) };
        round_trip(&like, json!({"id": "a2", "kind": "sticker", "like": true}));
        let place = Attachment {
            title: Some("Sakura Outlet".into()),
            coordinates: Some(Coordinates { lat: 35.0, long: 139.5 }),
            ..Attachment::new("a3".into(), AttachmentKind::Location)
        };
        round_trip(
            &place,
            json!({"id": "a3", "kind": "location", "title": "Sakura Outlet", "coordinates": {"lat": 35.0, "long": 139.5}}),
        );
    }

    #[test]
    fn unknown_kinds_and_malformed_attachments_read_as_unknown() {
        #[derive(Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "lenient")]
            attachments: Vec<Attachment>,
        }
        let read: Holder = serde_json::from_value(json!({"attachments": [
            {"id": "a1", "kind": "hologram"},
            {"id": 7, "kind": "image"},
            {"kind": "image"},
            "not an object",
            {"id": "a5", "kind": "image", "width": "wide"},
            {"id": "a6", "kind": "file", "name": "invoice.pdf"},
        ]}))
        .unwrap();
        let kinds: Vec<_> = read.attachments.iter().map(|a| a.kind).collect();
        use AttachmentKind::*;
        assert_eq!(kinds, [Unknown, Unknown, Unknown, Unknown, Unknown, File]);
        assert_eq!(read.attachments[0].id, "a1", "a readable attachment of an unknown kind keeps its id");
    }
}
