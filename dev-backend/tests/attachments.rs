//! Attachments: what `/sim/inbound` and Facebook's webhook bring, and how
//! `GET /api/attachments/{id}` serves their bytes.
mod common;

use common::*;
use contract::*;
use serde_json::json;

fn kinds(m: &Message) -> Vec<AttachmentKind> {
    m.attachments.iter().map(|a| a.kind).collect()
}

#[tokio::test]
async fn every_kind_arrives_and_its_bytes_are_served_from_the_api_origin_with_safe_headers() {
    let server = start("installed").await;
    let every = json!({"customer": "Ken Watanabe", "text": "", "attachments": [
        {"type": "image"}, {"type": "video"}, {"type": "audio"}, {"type": "file", "name": "invoice-0193.pdf"},
        {"type": "sticker", "like": true}, {"type": "sticker"}, {"type": "location"}, {"type": "fallback"},
    ]});
    let res = server.post("/sim/inbound", every).await;
    assert_eq!(res.status(), 201);
    let m: Message = res.json().await.unwrap();
    use AttachmentKind::*;
    assert_eq!(kinds(&m), [Image, Video, Audio, File, Sticker, Sticker, Location, Fallback]);
    assert_eq!(m.text, "");
    let photo = &m.attachments[0];
    assert_eq!((photo.width, photo.height, photo.mime_type.as_deref()), (Some(160), Some(96), Some("image/png")));
    assert!(m.attachments[4].like && !m.attachments[5].like);
    assert_eq!(m.attachments[3].name.as_deref(), Some("invoice-0193.pdf"));

    // The thread has it too, after a reload.
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    assert_eq!(ken.messages.last().unwrap().attachments, m.attachments);

    for (a, inline) in m.attachments.iter().zip([true, true, true, false, true, true]) {
        let res = server.get(&format!("/api/attachments/{}", a.id)).await;
        assert_eq!(res.status(), 200, "{:?}", a.kind);
        let header = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(header("content-type"), a.mime_type.clone());
        assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
        let disposition = header("content-disposition").unwrap();
        if inline {
            assert_eq!(disposition, "inline");
            assert_eq!(header("content-security-policy"), None);
        } else {
            assert!(disposition.starts_with("attachment; filename=\"invoice-0193.pdf\""), "{disposition}");
            assert_eq!(header("content-security-policy").as_deref(), Some("sandbox"));
        }
        assert_eq!(res.bytes().await.unwrap().len() as u64, a.size.unwrap());
    }
    // Places and links have no bytes; an unknown id is a contract 404.
    expect_error(server.get(&format!("/api/attachments/{}", m.attachments[6].id)).await, 404, ErrorCode::NotFound)
        .await;
    expect_error(server.get("/api/attachments/nope").await, 404, ErrorCode::NotFound).await;
    // Another browser with no session gets nothing.
    let anonymous = client().get(server.url(&format!("/api/attachments/{}", photo.id))).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn a_message_needs_text_or_attachments_and_an_unknown_type_is_refused() {
    let server = start("installed").await;
    let empty = server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": ""})).await;
    expect_error(empty, 400, ErrorCode::InvalidRequest).await;
    let odd = json!({"customer": "Ken Watanabe", "attachments": [{"type": "hologram"}]});
    expect_error(server.post("/sim/inbound", odd).await, 400, ErrorCode::InvalidRequest).await;
    // A name whose extension the bytes contradict is refused, as an upload would be.
    let lying = json!({"customer": "Ken Watanabe", "attachments": [{"type": "file", "name": "invoice.png"}]});
    expect_error(server.post("/sim/inbound", lying).await, 400, ErrorCode::InvalidRequest).await;
}

#[tokio::test]
async fn facebook_attachment_shapes_become_attachments_without_fetching_anything() {
    let server = start("installed").await;
    let event = json!({"sender": {"id": "cust-ken"}, "recipient": {"id": "p-sakura-official"}, "timestamp": 1,
    "message": {"mid": "m_x", "attachments": [
        {"type": "image", "payload": {"url": "https://scontent.example/photo.jpg?oh=1"}},
        {"type": "image", "payload": {"url": "https://scontent.example/like.png", "sticker_id": 369239263222822u64}},
        {"type": "file", "payload": {"url": "https://cdn.example/files/invoice-0193.pdf?dl=1"}},
        {"type": "audio", "payload": {"url": "https://cdn.example/audioclip.mp4"}},
        {"type": "location", "payload": {"title": "Sakura Outlet", "coordinates": {"lat": 35.1, "long": 139.2}}},
        {"type": "fallback", "payload": {"title": "Catalogue", "url": "https://sakura.example/c"}},
        {"type": "sticker", "payload": {"url": "https://scontent.example/s.png", "sticker_id": 1}},
        {"type": "ephemeral", "payload": {}},
    ]}});
    let body = json!({"object": "page", "entry": [{"id": "p-sakura-official", "time": 1, "messaging": [event]}]});
    let applied: serde_json::Value = ok_json(server.post("/sim/facebook/webhook", body).await).await;
    assert_eq!(applied["applied"], 1);
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    let m = ken.messages.last().unwrap();
    use AttachmentKind::*;
    assert_eq!(kinds(m), [Image, Sticker, File, Audio, Location, Fallback, Sticker, Unknown]);
    assert!(!m.attachments[6].like, "Meta's own sticker type, not the like button");
    assert!(m.attachments[1].like, "sticker 369239263222822 is the like button");
    assert_eq!(m.attachments[2].name.as_deref(), Some("invoice-0193.pdf"));
    assert_eq!(m.attachments[4].title.as_deref(), Some("Sakura Outlet"));
    assert_eq!(m.attachments[4].coordinates, Some(Coordinates { lat: 35.1, long: 139.2 }));
    assert_eq!(m.attachments[5].url.as_deref(), Some("https://sakura.example/c"));
    // The photo is the shipped sample, served from here, never the CDN's URL.
    assert!(m.attachments.iter().all(|a| a.kind == Fallback || a.url.is_none()));
    let photo = server.get(&format!("/api/attachments/{}", m.attachments[0].id)).await;
    assert_eq!(photo.status(), 200);
}

const PNG: &[u8] = include_bytes!("../samples/photo.png");
const PDF: &[u8] = include_bytes!("../samples/invoice.pdf");

async fn upload(server: &Server, client_id: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let url = server.url(&format!("/api/attachments?client_attachment_id={client_id}&name={name}"));
    server.client.post(url).header(contract::CSRF_HEADER, &server.csrf).body(bytes).send().await.unwrap()
}

#[tokio::test]
async fn an_upload_is_stored_once_per_client_attachment_id_and_its_type_is_what_its_bytes_say() {
    let server = start("installed").await;
    let first = upload(&server, "ca-1", "shelf.png", PNG.to_vec()).await;
    assert_eq!(first.status(), 201);
    let first: Uploaded = first.json().await.unwrap();
    assert_eq!(first.attachment.kind, AttachmentKind::Image);
    assert_eq!(first.attachment.mime_type.as_deref(), Some("image/png"));
    let again = upload(&server, "ca-1", "shelf.png", PNG.to_vec()).await;
    assert_eq!(again.status(), 200, "a retried upload is not stored twice");
    assert_eq!(again.json::<Uploaded>().await.unwrap(), first);

    // A GIF that calls itself a PNG, and bytes that are no type Facebook takes.
    let gif = b"GIF89a\x01\x00\x01\x00".to_vec();
    let error =
        expect_error(upload(&server, "ca-2", "fake.png", gif).await, 415, ErrorCode::AttachmentTypeRefused).await;
    assert_eq!(error.details.file_name.as_deref(), Some("fake.png"));
    expect_error(upload(&server, "ca-3", "notes.txt", b"hello".to_vec()).await, 415, ErrorCode::AttachmentTypeRefused)
        .await;

    // Over Facebook's limits: 25 MB for any file, 8 MB for a picture.
    let mut big = PDF.to_vec();
    big.resize(MAX_FILE_BYTES as usize + 1, b' ');
    let error =
        expect_error(upload(&server, "ca-4", "brochure.pdf", big).await, 413, ErrorCode::AttachmentTooLarge).await;
    assert_eq!(error.details.file_name.as_deref(), Some("brochure.pdf"));
    let mut picture = PNG.to_vec();
    picture.resize(MAX_PICTURE_BYTES as usize + 1, 0);
    expect_error(upload(&server, "ca-5", "huge.png", picture).await, 413, ErrorCode::AttachmentTooLarge).await;
    // Without the CSRF header, nothing is stored.
    let url = server.url("/api/attachments?client_attachment_id=ca-6&name=a.png");
    let res = server.client.post(url).body(PNG.to_vec()).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn a_photo_with_no_text_is_sent_once_and_facebook_may_refuse_it_by_name() {
    let server = start("installed").await;
    let photo: Uploaded = upload(&server, "ca-1", "shelf.png", PNG.to_vec()).await.json().await.unwrap();
    let request = json!({"client_message_id": "c-photo", "text": "", "attachment_ids": [photo.attachment.id]});
    let sent = server.post("/api/conversations/ken/messages", request.clone()).await;
    assert_eq!(sent.status(), 201);
    let sent: Message = sent.json().await.unwrap();
    assert_eq!(sent.attachments, std::slice::from_ref(&photo.attachment));
    assert_eq!(server.post("/api/conversations/ken/messages", request).await.status(), 200, "a repeat");
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    let with_photo: Vec<_> = ken.messages.iter().filter(|m| !m.attachments.is_empty()).collect();
    assert_eq!(with_photo.len(), 1, "exactly one message with one attachment");

    let never = json!({"client_message_id": "c-2", "text": "", "attachment_ids": ["att-nope"]});
    expect_error(server.post("/api/conversations/ken/messages", never).await, 400, ErrorCode::InvalidRequest).await;
    let eleven =
        json!({"client_message_id": "c-3", "text": "x", "attachment_ids": vec![photo.attachment.id.clone(); 11]});
    expect_error(server.post("/api/conversations/ken/messages", eleven).await, 400, ErrorCode::InvalidRequest).await;

    // Facebook: "(#100) Upload attachment failure". The message is kept, failed, naming the file.
    server.post("/sim/faults", json!({"rate": 1, "kinds": ["upload_refused"]})).await;
    let refused = json!({"client_message_id": "c-4", "text": "The shelf", "attachment_ids": [photo.attachment.id]});
    let error =
        expect_error(server.post("/api/conversations/ken/messages", refused).await, 422, ErrorCode::AttachmentRefused)
            .await;
    assert_eq!(error.details.file_name.as_deref(), Some("shelf.png"));
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    let kept = ken.messages.iter().find(|m| m.text == "The shelf").unwrap();
    assert_eq!(kept.status, MessageStatus::Failed { reason: SendFailure::AttachmentRefused });
    // Text alone is not an upload: it goes through.
    let plain = json!({"client_message_id": "c-5", "text": "Just text"});
    assert_eq!(server.post("/api/conversations/ken/messages", plain).await.status(), 201);
}
