//! How an attachment is named where there is no room to show it (the conversation list), and
//! how its size reads. Pure; the thread's views are in `components/conversations`.

use contract::{Attachment, AttachmentKind, Message};

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

/// "182 KB", "2.4 MB", "640 B": decimal units, as Facebook states its limits, in integers
/// (formatting an `f64` would pull float printing into the wasm).
pub fn size_label(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{} KB", bytes.div_ceil(1_000)),
        _ => {
            let tenths = bytes.div_ceil(100_000);
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
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
    fn sizes_read_in_decimal_units_rounded_up() {
        assert_eq!(size_label(640), "640 B");
        assert_eq!(size_label(182_000), "182 KB");
        assert_eq!(size_label(181_001), "182 KB");
        assert_eq!(size_label(2_400_000), "2.4 MB");
        assert_eq!(size_label(26_000_000), "26.0 MB");
    }
}
