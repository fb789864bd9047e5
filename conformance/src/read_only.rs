//! The default tier, safe against a staging backend: reads, and requests that are refused.
//! Each check reads only what it is about (a paging check reads ids, not whole summaries), so
//! a broken shape fails its SHAPE id and nothing else.

use std::collections::HashSet;
use std::time::Duration;

use contract::{ConversationDetail, ConversationList, Health, IntegrationState, Me, Updates};
use serde_json::Value;

use crate::client::{Answer, Req, Who};
use crate::kit::{ensure, Checked, Failed, Kit};
use crate::report::Verdict;
use crate::schema::differences;

pub async fn run(kit: &mut Kit) {
    let me = kit.send(Req::get("/api/me")).await;
    kit.client.set_csrf(Who::A, csrf_token(&me));
    if kit.client.has_b() {
        let me_b = kit.send(Req::get("/api/me").who(Who::B)).await;
        kit.client.set_csrf(Who::B, csrf_token(&me_b));
    }
    let checked = kit.shape::<Me>(&me);
    kit.record("SHAPE-01", checked);
    let integration = kit.send(Req::get("/api/integrations/facebook")).await;
    let checked = kit.shape::<IntegrationState>(&integration);
    kit.record("SHAPE-02", checked);
    let list = kit.send(Req::get("/api/conversations")).await;
    let checked = kit.shape::<ConversationList>(&list);
    kit.record("SHAPE-03", checked);
    let conversation = kit.options.conversation.clone().or_else(|| ids(&list).into_iter().next());
    let checked = match &conversation {
        Some(id) => {
            kit.shape::<ConversationDetail>(&kit.send(Req::get("/api/conversations/{id}").param("id", id)).await)
        }
        None => Err(Failed::plain("no conversation to read: the list is empty and no --conversation was given")),
    };
    kit.record("SHAPE-04", checked);
    let updates = kit.send(Req::get("/api/updates").query("since", 0).query("wait", 0)).await;
    let checked = kit.shape::<Updates>(&updates);
    kit.record("SHAPE-05", checked);

    let checked = unauthenticated(kit, conversation.as_deref()).await;
    kit.record("AUTH-01", checked);
    let checked = health(kit).await;
    kit.record("AUTH-02", checked);
    let verdict = served_document(kit).await;
    kit.record("SPEC-01", verdict);
    let checked = parameters(kit).await;
    kit.record("ERR-03", checked);
    let probe = Req::get("/api/conversations/{id}").param("id", &format!("{}-no-such-conversation", kit.run));
    kit.not_found_probe = Some(kit.send(probe).await);
    // A parameter that does not read must be refused in the envelope too (ERR-01 reads it).
    kit.send(Req::get("/api/updates").query("since", "not-a-number").query("wait", 0)).await;
    let checked = stale_cursor(kit).await;
    kit.record("POLL-02", checked);
    let checked = long_poll_waits(kit).await;
    kit.record("POLL-01", checked);
    let forged =
        Req::get("/api/integrations/facebook/install/{state}").param("state", &format!("{}-forged-state", kit.run));
    let answer = kit.send(forged).await;
    kit.record(
        "OAUTH-01",
        answer.expect_error(400, "oauth_state_invalid").map(|()| "refused".into()).map_err(Failed::on(&answer)),
    );
    let verdict = paging(kit).await;
    kit.record("PAGE-01", verdict);
    let answer = kit.send(Req::get("/api/conversations").query("cursor", format!("{}-forged-cursor", kit.run))).await;
    kit.record(
        "PAGE-02",
        answer.expect_error(400, "invalid_request").map(|()| "refused".into()).map_err(Failed::on(&answer)),
    );
    let checked = unread_filter(kit).await;
    kit.record("PAGE-03", checked);
    let answer = kit.send(Req::get("/api/conversations").query("limit", 0)).await;
    let checked = listed(&answer).and_then(|rows| {
        ensure(rows.len() <= 1, &answer, || format!("limit=0 gave {} rows", rows.len()))?;
        Ok("clamped".to_owned())
    });
    kit.record("PAGE-04", checked);
}

fn csrf_token(me: &Answer) -> Option<String> {
    me.json()?.get("csrf_token")?.as_str().map(str::to_owned)
}

/// The conversations' ids of a list answer, read leniently.
pub fn ids(list: &Answer) -> Vec<String> {
    rows(list).iter().filter_map(|row| row.get("id")?.as_str().map(str::to_owned)).collect()
}

pub fn rows(list: &Answer) -> Vec<Value> {
    listed(list).unwrap_or_default()
}

/// The rows of a `200` list answer; an answer without them fails.
fn listed(list: &Answer) -> Result<Vec<Value>, Failed> {
    let rows = list.json().and_then(|v| v.get("conversations")?.as_array().cloned()).filter(|_| list.status == 200);
    rows.ok_or_else(|| Failed::on(list)(format!("the list answered {} without conversations", list.status)))
}

fn next_cursor(list: &Answer) -> Option<String> {
    list.json()?.get("next_cursor")?.as_str().map(str::to_owned)
}

/// The `cursor` of an `/api/updates` answer.
pub fn cursor(updates: &Answer) -> Option<u64> {
    updates.json()?.get("cursor")?.as_u64()
}

async fn unauthenticated(kit: &Kit, conversation: Option<&str>) -> Checked {
    let mut routes = vec![
        Req::get("/api/integrations/facebook"),
        Req::get("/api/conversations"),
        Req::get("/api/updates").query("wait", 0),
    ];
    if let Some(id) = conversation {
        routes.push(Req::get("/api/conversations/{id}").param("id", id));
    }
    let count = routes.len();
    for req in routes {
        let answer = kit.send(req.who(Who::Nobody)).await;
        answer.expect_error(401, "unauthenticated").map_err(Failed::on(&answer))?;
    }
    Ok(format!("{count} routes answered 401 unauthenticated"))
}

async fn health(kit: &Kit) -> Checked {
    let answer = kit.send(Req::get("/api/health").who(Who::Nobody)).await;
    let health: Health = answer.read().map_err(Failed::on(&answer))?;
    ensure(answer.status == 200 && health.ok, &answer, || format!("{} {health:?}", answer.status))?;
    Ok("ok".into())
}

/// SPEC-01: each difference from the kit's copy is a warning, never a failure.
async fn served_document(kit: &Kit) -> Verdict {
    let answer = kit.send(Req::get("/api/openapi.json").who(Who::Nobody)).await;
    let Some(served) = answer.json().filter(|_| answer.status == 200) else {
        return Verdict::Skip(format!("no /api/openapi.json to compare ({})", answer.status));
    };
    let found = differences(kit.spec.doc(), &served, 20);
    if found.is_empty() {
        return Verdict::Pass("the served document is the kit's".into());
    }
    let version = served["info"]["version"].as_str().unwrap_or("none");
    let reason = format!(
        "the served document (version {version}; the kit's is {}) differs: {}",
        kit.spec.doc()["info"]["version"].as_str().unwrap_or("none"),
        found.join("; ")
    );
    Verdict::Warn(reason, None)
}

/// ERR-03: a refused query parameter is named.
async fn parameters(kit: &Kit) -> Checked {
    for (parameter, value) in [("filter", "conformance-no-such-filter"), ("limit", "ten")] {
        let answer = kit.send(Req::get("/api/conversations").query(parameter, value)).await;
        answer.expect_error(400, "invalid_request").map_err(Failed::on(&answer))?;
        let named = answer.error_detail("parameter");
        ensure(named.as_ref().and_then(Value::as_str) == Some(parameter), &answer, || {
            format!("{parameter}={value} refused with details.parameter {named:?}")
        })?;
    }
    Ok("filter and limit were named".into())
}

async fn stale_cursor(kit: &Kit) -> Checked {
    let now = kit.send(Req::get("/api/updates").query("wait", 0)).await;
    let cursor = cursor(&now).ok_or_else(|| Failed::on(&now)("no cursor to start from".into()))?;
    let answer = kit.send(Req::get("/api/updates").query("since", cursor + 1_000_000).query("wait", 5)).await;
    let reset = answer.json().and_then(|v| v.get("reset")?.as_bool()) == Some(true);
    ensure(answer.status == 200 && reset, &answer, || "a cursor from the future did not answer reset: true".into())?;
    ensure(answer.elapsed < Duration::from_millis(2_500), &answer, || {
        format!("reset came after {} ms, not at once", answer.elapsed.as_millis())
    })?;
    Ok(format!("reset: true after {} ms", answer.elapsed.as_millis()))
}

/// POLL-01: tried again when something really happened meanwhile (a staging inbox moves).
async fn long_poll_waits(kit: &Kit) -> Checked {
    let mut last = None;
    for _ in 0..3 {
        let now = kit.send(Req::get("/api/updates").query("wait", 0)).await;
        let cursor = cursor(&now).ok_or_else(|| Failed::on(&now)("no cursor to start from".into()))?;
        let answer = kit.send(Req::get("/api/updates").query("since", cursor).query("wait", 2)).await;
        let events = answer.json().and_then(|v| v.get("events")?.as_array().map(Vec::len));
        let ms = answer.elapsed.as_millis();
        ensure(answer.status == 200, &answer, || format!("answered {}", answer.status))?;
        if events.unwrap_or(0) > 0 {
            last = Some(answer);
            continue;
        }
        ensure((1_500..7_000).contains(&ms), &answer, || format!("with nothing new, wait=2 answered after {ms} ms"))?;
        return Ok(format!("held {ms} ms"));
    }
    let answer = last.expect("three answers with events");
    Err(Failed::on(&answer)("events came on each of three tries; nothing showed the wait".into()))
}

/// PAGE-01: pages of two rows, against one page of all (up to 200 rows, 10 pages).
async fn paging(kit: &Kit) -> Verdict {
    let all = kit.send(Req::get("/api/conversations").query("limit", 200)).await;
    match listed(&all) {
        Ok(rows) if rows.len() < 3 => Verdict::Skip(format!("{} conversations: paging needs 3", rows.len())),
        Ok(_) => paged(kit).await.into(),
        Err(f) => Verdict::Fail(f.reason, f.transcript),
    }
}

async fn paged(kit: &Kit) -> Checked {
    let mut last = Failed::plain("not tried");
    for _ in 0..2 {
        let all = kit.send(Req::get("/api/conversations").query("limit", 200)).await;
        listed(&all)?;
        let expected = ids(&all);
        let mut seen: Vec<String> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut answer = None;
        for _ in 0..10 {
            let mut req = Req::get("/api/conversations").query("limit", 2);
            if let Some(c) = &cursor {
                req = req.query("cursor", c);
            }
            let page = kit.send(req).await;
            listed(&page)?;
            seen.extend(ids(&page));
            cursor = next_cursor(&page);
            let done = cursor.is_none() || page.status != 200;
            answer = Some(page);
            if done {
                break;
            }
        }
        let answer = answer.expect("one page at least");
        let unique: HashSet<_> = seen.iter().collect();
        let complete = cursor.is_none() && expected.len() < 200;
        let agrees = unique.len() == seen.len()
            && expected.get(..seen.len()) == Some(&seen[..])
            && (!complete || seen.len() == expected.len());
        if agrees {
            return Ok(format!("{} rows in pages of 2, as in one page", seen.len()));
        }
        last = Failed::on(&answer)(format!("pages of 2 gave {seen:?}; one page gave {expected:?}"));
    }
    Err(last)
}

/// PAGE-03: exactly the rows with `unread` > 0.
async fn unread_filter(kit: &Kit) -> Checked {
    let all = kit.send(Req::get("/api/conversations").query("limit", 200)).await;
    let unread = kit.send(Req::get("/api/conversations").query("filter", "unread").query("limit", 200)).await;
    listed(&unread)?;
    let expected: HashSet<String> = listed(&all)?
        .iter()
        .filter(|r| r.get("unread").and_then(Value::as_u64).unwrap_or(0) > 0)
        .filter_map(|r| r.get("id")?.as_str().map(str::to_owned))
        .collect();
    let got: HashSet<String> = ids(&unread).into_iter().collect();
    let everything = ids(&all).len() < 200;
    let agrees = got.is_subset(&expected) && (!everything || got == expected);
    ensure(agrees, &unread, || {
        format!("filter=unread listed {got:?}; the rows with unread messages are {expected:?}")
    })?;
    Ok(format!("{} conversations with unread messages", got.len()))
}
