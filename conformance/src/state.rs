//! `--state-url`: the backend's test-state hook puts it in a state, in Pact's provider-state wire
//! format: `POST {"state", "params", "action": "setup" | "teardown"}` with
//! `Authorization: Bearer <secret>`. A hook that is absent or answers 404 makes its checks
//! SKIP, never FAIL: the states are documented in docs/conformance.md.

use std::time::{Duration, Instant};

use contract::{InstallResult, Message};
use serde_json::{json, Value};

use crate::client::{Answer, Req};
use crate::kit::{ensure, Checked, Failed, Kit};
use crate::read_only::cursor;
use crate::report::Verdict;
use crate::writes::start_flow;

/// Each refusal, its requirement and its status.
const REFUSALS: &[(&str, &str, u16)] = &[
    ("REFUSAL-01", "page_restricted", 422),
    ("REFUSAL-02", "token_expired", 422),
    ("REFUSAL-03", "missing_permissions", 422),
    ("REFUSAL-04", "recipient_unavailable", 422),
    ("REFUSAL-05", "thread_owned_by_other_app", 409),
    ("REFUSAL-06", "rate_limited", 429),
];

const OUTCOMES: &[(&str, &str)] =
    &[("OAUTH-FLOW-01", "cancelled"), ("OAUTH-FLOW-02", "missing_permissions"), ("OAUTH-FLOW-03", "facebook_error")];

/// How soon a waiting long poll must answer once the customer wrote.
const AT_ONCE: Duration = Duration::from_millis(2_500);

struct Hook {
    http: reqwest::Client,
    url: String,
    secret: String,
}

enum Trouble {
    /// No hook, or no such state: SKIP.
    Absent(String),
    Failed(String),
}

impl From<Trouble> for Verdict {
    fn from(trouble: Trouble) -> Verdict {
        match trouble {
            Trouble::Absent(why) => Verdict::Skip(why),
            Trouble::Failed(why) => Verdict::Fail(why, None),
        }
    }
}

impl Hook {
    async fn call(&self, state: &str, params: &Value, action: &str) -> Result<(), Trouble> {
        let body = json!({ "state": state, "params": params, "action": action });
        let answer = self.http.post(&self.url).bearer_auth(&self.secret).json(&body).send().await;
        match answer.map(|a| a.status().as_u16()) {
            Ok(200..=299) => Ok(()),
            Ok(404) => Err(Trouble::Absent(format!("the hook answered 404 to {action} of {state:?}"))),
            Ok(status) => Err(Trouble::Failed(format!("the hook answered {status} to {action} of {state:?}"))),
            Err(e) => Err(Trouble::Absent(format!("no hook answered at {}: {e}", self.url))),
        }
    }
}

pub async fn run(kit: &mut Kit) {
    let hook = Hook {
        http: reqwest::Client::builder().timeout(Duration::from_secs(20)).build().expect("a plain client builds"),
        url: kit.options.state_url.clone().expect("state runs with a hook"),
        secret: kit.options.state_secret.clone().unwrap_or_default(),
    };
    let conversation = kit.options.conversation.clone().expect("state runs with writes");
    let verdict = customer_writes(kit, &hook, &conversation).await;
    kit.record("INBOUND-01", verdict);
    let params = json!({ "conversation_id": conversation });
    let verdict = staged(&hook, "the reply window is closed", &params, window_closed(kit, &conversation)).await;
    kit.record("WINDOW-01", verdict);
    for &(id, code, status) in REFUSALS {
        let params = json!({ "conversation_id": conversation, "code": code });
        let verdict = staged(&hook, "Facebook refuses sends", &params, refused(kit, &conversation, code, status)).await;
        kit.record(id, verdict);
    }
    for &(id, outcome) in OUTCOMES {
        let verdict = match start_flow(kit).await {
            Ok(state) => {
                let params = json!({ "state": state, "outcome": outcome });
                staged(&hook, "the Facebook dialog ends", &params, flow_failed(kit, &state, outcome)).await
            }
            Err(f) => Verdict::Fail(f.reason, f.transcript),
        };
        kit.record(id, verdict);
    }
}

/// Sets the state up, checks, and tears it down again.
async fn staged(
    hook: &Hook,
    state: &str,
    params: &Value,
    check: impl std::future::Future<Output = Checked>,
) -> Verdict {
    if let Err(trouble) = hook.call(state, params, "setup").await {
        return trouble.into();
    }
    let checked = check.await;
    match (checked, hook.call(state, params, "teardown").await) {
        (checked, Ok(())) => checked.into(),
        (Ok(_), Err(Trouble::Absent(why) | Trouble::Failed(why))) => Verdict::Fail(format!("teardown: {why}"), None),
        (Err(f), Err(_)) => Verdict::Fail(f.reason, f.transcript),
    }
}

fn send(conversation: &str, client_message_id: &str) -> Req {
    Req::post("/api/conversations/{id}/messages")
        .param("id", conversation)
        .json(json!({ "client_message_id": client_message_id, "text": "Conformance: Facebook should refuse this" }))
}

/// INBOUND-01: a poll waits; the customer writes; the poll answers with the message at once.
/// A poll that answers empty (a backend that ignores `wait`) is asked again: that is POLL-01's.
async fn customer_writes(kit: &Kit, hook: &Hook, conversation: &str) -> Verdict {
    let text = format!("Conformance {}: the customer writes", kit.run);
    let start = kit.send(Req::get("/api/updates").query("wait", 0)).await;
    let Some(mut since) = cursor(&start) else {
        return Verdict::Fail("no cursor to start from".into(), Some(start.transcript));
    };
    let poll = async {
        let deadline = Instant::now() + Duration::from_secs(12);
        let mut last = None;
        while Instant::now() < deadline {
            let answer = kit.send(Req::get("/api/updates").query("since", since).query("wait", 10)).await;
            if has_message(&answer, conversation, &text) {
                return (Instant::now(), Some(answer), last);
            }
            match cursor(&answer).filter(|_| answer.status == 200) {
                Some(next) => since = next,
                None => return (Instant::now(), None, Some(answer)),
            }
            last = Some(answer);
        }
        (Instant::now(), None, last)
    };
    let setup = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let params = json!({ "conversation_id": conversation, "text": text });
        (hook.call("a customer writes", &params, "setup").await, Instant::now())
    };
    let ((setup, written), (answered, found, last)) = tokio::join!(setup, poll);
    let params = json!({ "conversation_id": conversation, "text": text });
    if let Err(trouble) = setup {
        return trouble.into();
    }
    let _ = hook.call("a customer writes", &params, "teardown").await;
    let transcript = |a: Option<Answer>| a.map(|a| a.transcript);
    match found {
        Some(_) if answered.saturating_duration_since(written) <= AT_ONCE => Verdict::Pass(format!(
            "the poll answered {} ms after the customer wrote",
            answered.saturating_duration_since(written).as_millis()
        )),
        Some(answer) => Verdict::Fail(
            format!(
                "the poll answered {} ms after the customer wrote",
                answered.saturating_duration_since(written).as_millis()
            ),
            transcript(Some(answer)),
        ),
        None => Verdict::Fail("no poll answered with the customer's message".into(), transcript(last)),
    }
}

fn has_message(answer: &Answer, conversation: &str, text: &str) -> bool {
    let events = answer.json().and_then(|v| v.get("events")?.as_array().cloned()).unwrap_or_default();
    events.iter().any(|e| {
        e.get("type").and_then(Value::as_str) == Some("message")
            && e.get("conversation_id").and_then(Value::as_str) == Some(conversation)
            && e.pointer("/message/text").and_then(Value::as_str) == Some(text)
    })
}

async fn window_closed(kit: &Kit, conversation: &str) -> Checked {
    let id = format!("{}-window", kit.run);
    let answer = kit.send(send(conversation, &id)).await;
    answer.expect_error(422, "reply_window_closed").map_err(Failed::on(&answer))?;
    let reply_by = answer.error_detail("reply_by");
    ensure(reply_by.as_ref().is_some_and(Value::is_i64), &answer, || format!("details.reply_by is {reply_by:?}"))?;
    let detail = kit.send(Req::get("/api/conversations/{id}").param("id", conversation)).await;
    let kept = detail.json().and_then(|v| {
        let messages = v.get("messages")?.as_array()?.clone();
        messages.into_iter().find(|m| m.get("client_message_id").and_then(Value::as_str) == Some(&id))
    });
    let kept: Option<Message> = kept.and_then(|m| serde_json::from_value(m).ok());
    let failed = kept.as_ref().is_some_and(|m| {
        matches!(m.status, contract::MessageStatus::Failed { reason: contract::SendFailure::ReplyWindowClosed })
    });
    ensure(failed, &detail, || format!("the refused message is kept as {:?}", kept.map(|m| m.status)))?;
    Ok("422 with reply_by; kept as failed".into())
}

async fn refused(kit: &Kit, conversation: &str, code: &str, status: u16) -> Checked {
    let answer = kit.send(send(conversation, &format!("{}-refused-{code}", kit.run))).await;
    answer.expect_error(status, code).map_err(Failed::on(&answer))?;
    if code == "thread_owned_by_other_app" {
        let app = answer.error_detail("app");
        ensure(app.as_ref().and_then(|a| a.get("name")).is_some(), &answer, || format!("details.app is {app:?}"))?;
    }
    if code == "rate_limited" {
        let seconds = answer.error_detail("retry_after_seconds");
        let header = answer.header("retry-after");
        ensure(seconds.is_some() && header.is_some(), &answer, || {
            format!("Retry-After {header:?}, details.retry_after_seconds {seconds:?}")
        })?;
    }
    Ok(format!("{status} {code}"))
}

async fn flow_failed(kit: &Kit, state: &str, outcome: &str) -> Checked {
    let code = if outcome == "cancelled" { "install_cancelled" } else { outcome };
    let answer = kit.send(Req::get("/api/integrations/facebook/install/{state}").param("state", state)).await;
    let result: InstallResult = answer.read().map_err(Failed::on(&answer))?;
    let InstallResult::Failed { error } = result else {
        return Err(Failed::on(&answer)(format!("the flow ended as {result:?}, not failed")));
    };
    let got = serde_json::to_value(error.code).unwrap_or_default();
    ensure(got == code, &answer, || format!("failed with {got}, not {code}"))?;
    if code == "missing_permissions" {
        ensure(!error.details.missing_permissions.is_empty(), &answer, || {
            "details.missing_permissions is empty".into()
        })?;
    }
    Ok(format!("failed: {code}"))
}
