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
