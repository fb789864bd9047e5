//! How an attachment is named where there is no room to show it (the conversation list), and
//! how its size reads, and how large a chosen picture's preview is drawn. Pure; the thread's
//! views are in `components/conversations`.

use contract::{Attachment, AttachmentKind, Message, MAX_FILE_BYTES, MAX_PICTURE_BYTES, SENDABLE_TYPES};

/// What the conversation list says came, when a message is an attachment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preview {
    Photo,
    Video,
    VoiceMessage,
    /// "File: invoice-0193.pdf".
    File(String),
    Sticker,
    Like,
    Location,
    Link,
    /// A kind this app cannot show yet.
    Attachment,
}

impl Preview {
    pub fn of(attachment: &Attachment) -> Preview {
        match attachment.kind {
            AttachmentKind::Image => Preview::Photo,
            AttachmentKind::Video => Preview::Video,
            AttachmentKind::Audio => Preview::VoiceMessage,
            AttachmentKind::File => match &attachment.name {
                Some(name) => Preview::File(name.clone()),
                None => Preview::Attachment,
            },
            AttachmentKind::Sticker if attachment.like => Preview::Like,
            AttachmentKind::Sticker => Preview::Sticker,
            AttachmentKind::Location => Preview::Location,
            AttachmentKind::Fallback => Preview::Link,
            AttachmentKind::Unknown => Preview::Attachment,
        }
    }
}

/// The list's preview of a message with no text: its first attachment.
pub fn preview(message: &Message) -> Option<Preview> {
    message.text.trim().is_empty().then(|| message.attachments.first().map(Preview::of)).flatten()
}

/// A size's unit: decimal, as Facebook states its limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeUnit {
    Byte,
    Kilobyte,
    Megabyte,
}

impl SizeUnit {
    /// Its name in `Intl.NumberFormat`'s `unit`.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeUnit::Byte => "byte",
            SizeUnit::Kilobyte => "kilobyte",
            SizeUnit::Megabyte => "megabyte",
        }
    }
}

/// A size in tenths of its unit, rounded up: bytes and kilobytes whole, megabytes to a tenth.
pub fn size_in_tenths(bytes: u64) -> (u64, SizeUnit) {
    match bytes {
        0..1_000 => (bytes * 10, SizeUnit::Byte),
        1_000..1_000_000 => (bytes.div_ceil(1_000) * 10, SizeUnit::Kilobyte),
        _ => (bytes.div_ceil(100_000), SizeUnit::Megabyte),
    }
}

/// "182 KB", "2.4 MB", "640 B", as English and Japanese write them (`format::size` has the other
/// languages), in integers: formatting an `f64` would pull float printing into the wasm.
pub fn size_label(bytes: u64) -> String {
    let (tenths, unit) = size_in_tenths(bytes);
    let unit = match unit {
        SizeUnit::Byte => "B",
        SizeUnit::Kilobyte => "KB",
        SizeUnit::Megabyte => "MB",
    };
    match tenths % 10 {
        0 => format!("{} {unit}", tenths / 10),
        d => format!("{}.{d} {unit}", tenths / 10),
    }
}

/// The longer side of a chosen picture's preview, in pixels: sharp at 48 px on any screen,
/// and a `data:` URL of a few KB instead of the whole picture.
pub const THUMBNAIL_MAX_PX: u32 = 256;

/// The size to draw a `width` x `height` picture at so that neither side exceeds `max`: the
/// aspect ratio kept, a small picture never enlarged, and no side under 1 px (a canvas of
/// width 0 cannot be drawn).
pub fn thumbnail_size(width: u32, height: u32, max: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max {
        return (width.max(1), height.max(1));
    }
    // Rounded to the nearest pixel, in u64 so that no product overflows.
    let scale = |side: u32| ((u64::from(side) * u64::from(max) + u64::from(longer) / 2) / u64::from(longer)) as u32;
    (scale(width).max(1), scale(height).max(1))
}

/// The type a chosen picture's preview is encoded as: JPEG for a JPEG, which has no
/// transparency to lose; WebP for the others, which keeps it (a browser that cannot encode
/// WebP makes a PNG instead, still at most [`THUMBNAIL_MAX_PX`] a side).
pub fn thumbnail_type(picture_type: &str) -> &'static str {
    if picture_type == "image/jpeg" {
        "image/jpeg"
    } else {
        "image/webp"
    }
}

/// Why a file cannot go to Facebook, found before a byte of it is uploaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRefusal {
    /// Over Facebook's limit for its kind, in MB: 25 for any file, 8 for a picture.
    TooLarge { limit_mb: u64 },
    /// A type Facebook's Send API does not take.
    NotTaken,
}

/// The type to send `name` as, or why it cannot be sent. `browser_type` is what the browser
/// says (`File.type`, often empty); the extension decides when it says nothing.
pub fn check_file(name: &str, size: u64, browser_type: &str) -> Result<&'static str, FileRefusal> {
    let mime = SENDABLE_TYPES
        .iter()
        .copied()
        .find(|t| *t == browser_type)
        .or_else(|| contract::mime_of_name(name))
        .ok_or(FileRefusal::NotTaken)?;
    if size > MAX_FILE_BYTES {
        return Err(FileRefusal::TooLarge { limit_mb: MAX_FILE_BYTES / 1_000_000 });
    }
    if mime.starts_with("image/") && size > MAX_PICTURE_BYTES {
        return Err(FileRefusal::TooLarge { limit_mb: MAX_PICTURE_BYTES / 1_000_000 });
    }
    Ok(mime)
}

#[cfg(test)]
mod tests {
    use contract::{Direction, MessageStatus};

    use super::*;

    fn with(text: &str, attachments: Vec<Attachment>) -> Message {
        Message {
            id: "m1".into(),
            seq: 1,
            client_message_id: None,
            direction: Direction::Inbound,
            text: text.into(),
            attachments,
            sent_by: None,
            created_at: 0,
            status: MessageStatus::Delivered { at: 0 },
            reaction: None,
            edited_at: None,
        }
    }

    #[test]
    fn the_preview_names_what_came_when_there_is_no_text() {
        let file =
            Attachment { name: Some("invoice-0193.pdf".into()), ..Attachment::new("a".into(), AttachmentKind::File) };
        let like = Attachment { like: true, ..Attachment::new("b".into(), AttachmentKind::Sticker) };
        assert_eq!(preview(&with("", vec![file.clone()])), Some(Preview::File("invoice-0193.pdf".into())));
        assert_eq!(preview(&with(" ", vec![like])), Some(Preview::Like));
        assert_eq!(
            preview(&with("", vec![Attachment::new("c".into(), AttachmentKind::Audio)])),
            Some(Preview::VoiceMessage)
        );
        assert_eq!(
            preview(&with("", vec![Attachment::new("d".into(), AttachmentKind::Unknown)])),
            Some(Preview::Attachment)
        );
        assert_eq!(preview(&with("Here it is", vec![file])), None, "the text says more");
        assert_eq!(preview(&with("", vec![])), None);
    }

    #[test]
    fn facebooks_limits_are_checked_before_a_byte_is_uploaded() {
        assert_eq!(
            check_file("brochure.pdf", 26_000_000, "application/pdf"),
            Err(FileRefusal::TooLarge { limit_mb: 25 })
        );
        assert_eq!(check_file("shelf.jpg", 9_000_000, "image/jpeg"), Err(FileRefusal::TooLarge { limit_mb: 8 }));
        assert_eq!(check_file("shelf.jpg", 8_000_000, "image/jpeg"), Ok("image/jpeg"));
        assert_eq!(
            check_file("clip.mp4", 24_000_000, ""),
            Ok("video/mp4"),
            "the name decides when the browser says nothing"
        );
        assert_eq!(check_file("notes.txt", 10, "text/plain"), Err(FileRefusal::NotTaken));
        assert_eq!(check_file("setup.exe", 10, ""), Err(FileRefusal::NotTaken));
        assert_eq!(check_file("scan.PDF", 10, "application/octet-stream"), Ok("application/pdf"));
    }

    #[test]
    fn sizes_read_in_decimal_units_rounded_up() {
        assert_eq!(size_label(640), "640 B");
        assert_eq!(size_label(182_000), "182 KB");
        assert_eq!(size_label(181_001), "182 KB");
        assert_eq!(size_label(2_400_000), "2.4 MB");
        assert_eq!(size_label(26_000_000), "26 MB");
        assert_eq!(size_label(9_000_001), "9.1 MB");
    }

    #[test]
    fn a_preview_is_at_most_256_px_a_side_in_the_pictures_proportions() {
        assert_eq!(thumbnail_size(4000, 3000, THUMBNAIL_MAX_PX), (256, 192));
        assert_eq!(thumbnail_size(3000, 4000, THUMBNAIL_MAX_PX), (192, 256));
        assert_eq!(thumbnail_size(2000, 1500, THUMBNAIL_MAX_PX), (256, 192));
        assert_eq!(thumbnail_size(1000, 333, THUMBNAIL_MAX_PX), (256, 85), "85.25 rounds to 85");
        assert_eq!(thumbnail_size(1000, 335, THUMBNAIL_MAX_PX), (256, 86), "85.76 rounds to 86");
        assert_eq!(thumbnail_size(257, 257, THUMBNAIL_MAX_PX), (256, 256));
        assert_eq!(thumbnail_size(256, 256, THUMBNAIL_MAX_PX), (256, 256));
        assert_eq!(thumbnail_size(100, 50, THUMBNAIL_MAX_PX), (100, 50), "never enlarged");
        assert_eq!(thumbnail_size(1, 10_000, THUMBNAIL_MAX_PX), (1, 256), "at least 1 px");
        assert_eq!(thumbnail_size(10_000, 1, THUMBNAIL_MAX_PX), (256, 1));
        assert_eq!(thumbnail_size(u32::MAX, u32::MAX / 2, THUMBNAIL_MAX_PX), (256, 128), "no overflow");
        assert_eq!(thumbnail_size(0, 0, THUMBNAIL_MAX_PX), (1, 1));
    }

    #[test]
    fn only_a_jpeg_preview_drops_transparency() {
        assert_eq!(thumbnail_type("image/jpeg"), "image/jpeg");
        for kept in ["image/png", "image/gif", "image/webp"] {
            assert_eq!(thumbnail_type(kept), "image/webp", "{kept}");
        }
    }
}
