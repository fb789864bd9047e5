//! `--allow-writes`: read marks, refused writes, uploads and sends, on the test conversation.
//! The read marks go first, while the conversation may still have unread messages.

use std::collections::HashSet;

use contract::{Message, ReadMark, Uploaded};
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::client::{Answer, Csrf, Req, Who};
use crate::kit::{ensure, Checked, Failed, Kit};

/// A 1×1 PNG and a one-page PDF: files whose type their bytes prove.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\x0bIDATx\x9cc`\0\x02\0\0\x05\0\x01z^\xab?\0\0\0\0IEND\xaeB`\x82";
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// How many copies of one request go at once.
const AT_ONCE: usize = 8;

pub async fn run(kit: &mut Kit) {
    let conversation = kit.options.conversation.clone().expect("writes run with a conversation");
    let checked = read_newest(kit, &conversation).await;
    kit.record("READ-01", checked);
    let checked = mark_never_goes_back(kit, &conversation).await;
    kit.record("READ-02", checked);
    let checked = csrf_refused(kit, &conversation).await;
    kit.record("CSRF-01", checked);
    let checked = match kit.client.csrf_of(Who::B) {
        None => Err(Failed::plain("needs --cookie-b, a second session")),
        Some(b) if Some(&b) == kit.client.csrf_of(Who::A).as_ref() => {
            Err(Failed::plain("--cookie and --cookie-b are one session: they have one token"))
        }
        Some(_) => foreign_csrf(kit, &conversation).await,
    };
    record_or_skip(kit, "CSRF-02", checked, kit.client.has_b());
    let checked = state_bound(kit).await;
    record_or_skip(kit, "OAUTH-02", checked, kit.client.has_b());
    let (png, checked) = upload_twice(kit).await;
    kit.record("UPLOAD-IDEMPOTENT-01", checked);
    let checked = match png {
        Some(id) => served_inline(kit, &id).await,
        None => Err(Failed::plain("no picture could be uploaded to fetch")),
    };
    kit.record("ATTACH-01", checked);
    let checked = served_as_download(kit).await;
    kit.record("ATTACH-02", checked);
    let checked = upload_at_once(kit).await;
    kit.record("UPLOAD-IDEMPOTENT-02", checked);
    let checked = send_twice(kit, &conversation).await;
    kit.record("SEND-IDEMPOTENT-01", checked);
    let checked = send_at_once(kit, &conversation).await;
    kit.record("SEND-IDEMPOTENT-02", checked);
}

/// A check that needs `--cookie-b` is SKIP without it.
fn record_or_skip(kit: &mut Kit, id: &str, checked: Checked, has_b: bool) {
    match checked {
        Err(f) if !has_b => kit.record(id, crate::report::Verdict::Skip(f.reason)),
        checked => kit.record(id, checked),
    }
}

/// The thread's messages, read leniently (`seq`, `client_message_id`, `text`).
async fn messages(kit: &Kit, conversation: &str) -> (Answer, Vec<Value>) {
    let answer = kit.send(Req::get("/api/conversations/{id}").param("id", conversation)).await;
    let messages = answer.json().and_then(|v| v.get("messages")?.as_array().cloned()).unwrap_or_default();
    (answer, messages)
}

fn seqs(messages: &[Value]) -> Vec<u64> {
    messages.iter().filter_map(|m| m.get("seq")?.as_u64()).collect()
}

fn mark(conversation: &str, seq: u64) -> Req {
    Req::post("/api/conversations/{id}/read").param("id", conversation).json(json!({ "seq": seq }))
}

/// This user's `unread` for the conversation in the list (its first 200 rows).
async fn listed_unread(kit: &Kit, conversation: &str) -> (Answer, Option<u64>) {
    let list = kit.send(Req::get("/api/conversations").query("limit", 200)).await;
    let unread = crate::read_only::rows(&list)
        .into_iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(conversation))
        .and_then(|r| r.get("unread")?.as_u64());
    (list, unread)
}

async fn read_newest(kit: &Kit, conversation: &str) -> Checked {
    let (detail, messages) = messages(kit, conversation).await;
    let newest =
        seqs(&messages).into_iter().max().ok_or_else(|| Failed::on(&detail)("the thread has no message".into()))?;
    let (_, before) = listed_unread(kit, conversation).await;
    let answer = kit.send(mark(conversation, newest)).await;
    ensure(answer.status == 200, &answer, || format!("answered {}", answer.status))?;
    let mark: ReadMark = answer.read().map_err(Failed::on(&answer))?;
    ensure(mark.unread == 0 && mark.seq == newest, &answer, || format!("answered {mark:?} for seq {newest}"))?;
    let (list, after) = listed_unread(kit, conversation).await;
    ensure(after == Some(0), &list, || format!("the list then says unread {after:?} for {conversation}"))?;
    Ok(format!("unread {before:?} → 0, in the answer and the list"))
}

async fn mark_never_goes_back(kit: &Kit, conversation: &str) -> Checked {
    let (detail, messages) = messages(kit, conversation).await;
    let seqs = seqs(&messages);
    let (Some(&oldest), Some(&newest)) = (seqs.iter().min(), seqs.iter().max()) else {
        return Err(Failed::on(&detail)("the thread has no message".into()));
    };
    ensure(oldest < newest, &detail, || "the thread needs two messages".into())?;
    // Compared with where the newer mark left it, so a mark that never moves is READ-01's.
    let first = kit.send(mark(conversation, newest)).await;
    let first: ReadMark = first.read().map_err(Failed::on(&first))?;
    let answer = kit.send(mark(conversation, oldest)).await;
    let mark: ReadMark = answer.read().map_err(Failed::on(&answer))?;
    ensure(mark.seq == first.seq && mark.unread == first.unread, &answer, || {
        format!("marking seq {oldest} after {newest} (answered {first:?}) answered {mark:?}")
    })?;
    Ok(format!("seq {oldest} after {newest} left the mark at {}", mark.seq))
}

fn send(conversation: &str, client_message_id: &str, text: &str) -> Req {
    Req::post("/api/conversations/{id}/messages")
        .param("id", conversation)
        .json(json!({ "client_message_id": client_message_id, "text": text }))
}

/// CSRF-01: without the header, and with a made-up token; neither is stored.
async fn csrf_refused(kit: &Kit, conversation: &str) -> Checked {
    let ids = [format!("{}-no-csrf", kit.run), format!("{}-made-up-csrf", kit.run)];
    for (csrf, id) in [(Csrf::None, &ids[0]), (Csrf::MadeUp, &ids[1])] {
        let answer = kit.send(send(conversation, id, "Conformance: must be refused").csrf(csrf)).await;
        answer.expect_error(403, "csrf_token_invalid").map_err(Failed::on(&answer))?;
    }
    let (detail, messages) = messages(kit, conversation).await;
    let stored =
        messages.iter().any(|m| ids.iter().any(|id| m.get("client_message_id").and_then(Value::as_str) == Some(id)));
    ensure(!stored, &detail, || "a refused send was stored".into())?;
    Ok("both refused, nothing stored".into())
}

async fn foreign_csrf(kit: &Kit, conversation: &str) -> Checked {
    let id = format!("{}-foreign-csrf", kit.run);
    let answer = kit.send(send(conversation, &id, "Conformance: must be refused").csrf(Csrf::Foreign)).await;
    answer.expect_error(403, "csrf_token_invalid").map_err(Failed::on(&answer))?;
    Ok("refused".into())
}

/// Starts an OAuth flow (a reconnect: it changes nothing until its dialog ends) → its `state`.
pub async fn start_flow(kit: &Kit) -> Result<String, Failed> {
    let start = Req::post("/api/integrations/facebook/install").json(json!({ "purpose": "reconnect" }));
    let answer = kit.send(start).await;
    let state = answer.json().and_then(|v| v.get("state")?.as_str().map(str::to_owned));
    state.filter(|_| answer.status == 200).ok_or_else(|| {
        Failed::on(&answer)(format!("this session could not start a reconnect flow ({})", answer.status))
    })
}

async fn state_bound(kit: &Kit) -> Checked {
    if !kit.client.has_b() {
        return Err(Failed::plain("needs --cookie-b, a second session"));
    }
    let state = start_flow(kit).await?;
    let result = |who| Req::get("/api/integrations/facebook/install/{state}").param("state", &state).who(who);
    let own = kit.send(result(Who::A)).await;
    ensure(own.status == 200, &own, || format!("its own session read it with {}", own.status))?;
    let other = kit.send(result(Who::B)).await;
    other.expect_error(400, "oauth_state_invalid").map_err(Failed::on(&other))?;
    Ok("another session's read was refused".into())
}

fn upload(client_attachment_id: &str, name: &str, bytes: &[u8]) -> Req {
    Req::post("/api/attachments").query("client_attachment_id", client_attachment_id).query("name", name).bytes(bytes)
}

/// → the stored attachment's id, for ATTACH-01, and the check of its repeat.
async fn upload_twice(kit: &Kit) -> (Option<String>, Checked) {
    let id = format!("{}-png", kit.run);
    let first = kit.send(upload(&id, "conformance.png", PNG)).await;
    let stored = first.read::<Uploaded>().ok().map(|u| u.attachment.id.as_str().to_owned());
    let checked = async {
        ensure(first.status == 201, &first, || format!("the first upload answered {}", first.status))?;
        let stored: Uploaded = first.read().map_err(Failed::on(&first))?;
        let again = kit.send(upload(&id, "conformance.png", PNG)).await;
        ensure(again.status == 200, &again, || format!("the repeat answered {}, not 200", again.status))?;
        let repeat: Uploaded = again.read().map_err(Failed::on(&again))?;
        ensure(repeat.attachment.id == stored.attachment.id, &again, || {
            "the repeat answered another attachment".into()
        })?;
        Ok("201, then 200 with the same attachment".into())
    };
    (stored, checked.await)
}

fn fetch(id: &str) -> Req {
    Req::get("/api/attachments/{id}").param("id", id)
}

async fn served_inline(kit: &Kit, id: &str) -> Checked {
    let answer = kit.send(fetch(id)).await;
    ensure(answer.status == 200 && answer.body == PNG, &answer, || {
        format!("answered {} without the bytes", answer.status)
    })?;
    let (kind, sniff, disposition) =
        (answer.header("content-type"), answer.header("x-content-type-options"), answer.header("content-disposition"));
    ensure(kind.is_some_and(|t| t.starts_with("image/png")), &answer, || format!("Content-Type {kind:?}"))?;
    ensure(sniff.is_some_and(|v| v.eq_ignore_ascii_case("nosniff")), &answer, || {
        format!("X-Content-Type-Options {sniff:?}")
    })?;
    ensure(disposition.is_some_and(|d| d.starts_with("inline")), &answer, || {
        format!("Content-Disposition {disposition:?}")
    })?;
    Ok("image/png, nosniff, inline".into())
}

async fn served_as_download(kit: &Kit) -> Checked {
    let uploaded = kit.send(upload(&format!("{}-pdf", kit.run), "conformance.pdf", PDF)).await;
    let stored: Uploaded = uploaded.read().map_err(Failed::on(&uploaded))?;
    let answer = kit.send(fetch(stored.attachment.id.as_str())).await;
    let (kind, disposition, csp) =
        (answer.header("content-type"), answer.header("content-disposition"), answer.header("content-security-policy"));
    ensure(kind.is_some_and(|t| t.starts_with("application/pdf")), &answer, || format!("Content-Type {kind:?}"))?;
    let download = disposition.is_some_and(|d| d.starts_with("attachment") && d.contains("filename="));
    ensure(download, &answer, || format!("Content-Disposition {disposition:?}"))?;
    let sandboxed = answer
        .headers
        .get_all("content-security-policy")
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("sandbox")));
    ensure(sandboxed, &answer, || format!("Content-Security-Policy {csp:?}"))?;
    Ok("application/pdf, attachment with its name, sandbox".into())
}

/// Sends `req` [`AT_ONCE`] times together.
async fn at_once(kit: &Kit, req: Req) -> Vec<Answer> {
    join_all((0..AT_ONCE).map(|_| kit.send(req.clone()))).await
}

/// The distinct values at `pointer` of the answers, all of which must be 2xx.
fn one_of_each(answers: &[Answer], pointer: &str) -> Result<HashSet<String>, Failed> {
    let mut ids = HashSet::new();
    for a in answers {
        ensure((200..300).contains(&a.status), a, || format!("one of {AT_ONCE} at once answered {}", a.status))?;
        let id = a.json().and_then(|v| v.pointer(pointer)?.as_str().map(str::to_owned));
        ids.insert(id.ok_or_else(|| Failed::on(a)(format!("no {pointer} in the answer")))?);
    }
    Ok(ids)
}

async fn upload_at_once(kit: &Kit) -> Checked {
    let answers = at_once(kit, upload(&format!("{}-png-at-once", kit.run), "at-once.png", PNG)).await;
    let ids = one_of_each(&answers, "/attachment/id")?;
    ensure(ids.len() == 1, &answers[0], || {
        format!("{AT_ONCE} uploads at once stored {} attachments: {ids:?}", ids.len())
    })?;
    Ok(format!("{AT_ONCE} at once, one attachment"))
}

async fn send_twice(kit: &Kit, conversation: &str) -> Checked {
    let id = format!("{}-send", kit.run);
    let text = format!("Conformance {}: sent once", kit.run);
    let first = kit.send(send(conversation, &id, &text)).await;
    ensure(first.status == 201, &first, || format!("the send answered {}", first.status))?;
    let sent: Message = first.read().map_err(Failed::on(&first))?;
    let again = kit.send(send(conversation, &id, &text)).await;
    ensure(again.status == 200, &again, || format!("the repeat answered {}, not 200", again.status))?;
    let repeat: Message = again.read().map_err(Failed::on(&again))?;
    ensure(repeat.id == sent.id, &again, || {
        format!("the repeat answered message {}, not {}", repeat.id.as_str(), sent.id.as_str())
    })?;
    Ok("201, then 200 with the same message".into())
}

async fn send_at_once(kit: &Kit, conversation: &str) -> Checked {
    let text = format!("Conformance {}: sent {AT_ONCE} times at once", kit.run);
    let answers = at_once(kit, send(conversation, &format!("{}-at-once", kit.run), &text)).await;
    let ids = one_of_each(&answers, "/id")?;
    let (detail, messages) = messages(kit, conversation).await;
    let stored = messages.iter().filter(|m| m.get("text").and_then(Value::as_str) == Some(&text)).count();
    ensure(ids.len() == 1 && stored == 1, &detail, || {
        format!("{AT_ONCE} sends at once answered {} messages and the thread holds {stored}", ids.len())
    })?;
    Ok(format!("{AT_ONCE} at once, one message"))
}
