//! A run: the tiers in order, then the checks that hold for every answer of the run.

use contract::requirements::{Tier, REQUIREMENTS};
use contract::{ErrorBody, ErrorCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{Answer, Client, Req};
use crate::report::{KnownGaps, Report, Verdict};
use crate::schema::Spec;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub base_url: String,
    /// `msg_session=…`, sent as the `Cookie` header.
    pub cookie: String,
    /// A second session, for the checks that one session cannot see another's tokens.
    pub cookie_b: Option<String>,
    pub allow_writes: bool,
    /// The test conversation that writes go to.
    pub conversation: Option<String>,
    pub state_url: Option<String>,
    pub state_secret: Option<String>,
    pub known_gaps: KnownGaps,
}

/// Why a check failed, and the exchange that shows it.
#[derive(Debug)]
pub struct Failed {
    pub reason: String,
    pub transcript: Option<String>,
}

impl Failed {
    pub fn on(answer: &Answer) -> impl FnOnce(String) -> Failed + '_ {
        move |reason| Failed { reason, transcript: Some(answer.transcript.clone()) }
    }

    pub fn plain(reason: impl Into<String>) -> Failed {
        Failed { reason: reason.into(), transcript: None }
    }
}

/// What a check returns: why it passed, or why not.
pub type Checked = Result<String, Failed>;

/// `Err` with `answer` unless `ok`.
pub fn ensure(ok: bool, answer: &Answer, reason: impl FnOnce() -> String) -> Result<(), Failed> {
    if ok {
        Ok(())
    } else {
        Err(Failed::on(answer)(reason()))
    }
}

impl From<Checked> for Verdict {
    fn from(checked: Checked) -> Verdict {
        match checked {
            Ok(reason) => Verdict::Pass(reason),
            Err(f) => Verdict::Fail(f.reason, f.transcript),
        }
    }
}

pub struct Kit {
    pub client: Client,
    pub spec: Spec,
    pub options: Options,
    pub report: Report,
    /// Unique to this run, in every id the kit makes, so runs never meet each other's writes.
    pub run: String,
    /// The answer to a conversation id that does not exist; `ERR-02` reads it.
    pub not_found_probe: Option<Answer>,
}

impl Kit {
    pub fn record(&mut self, id: &str, verdict: impl Into<Verdict>) {
        self.report.record(id, verdict.into());
    }

    /// SKIP for every requirement of a tier that cannot run.
    pub fn skip_all(&mut self, tier: Tier, reason: &str) {
        for r in REQUIREMENTS.iter().filter(|r| r.tier == tier) {
            self.report.record(r.id, Verdict::Skip(reason.to_owned()));
        }
    }

    pub async fn send(&self, req: Req) -> Answer {
        self.client.send(req).await
    }

    /// A `200` the UI reads with `T` and that matches its schema.
    pub fn shape<T: DeserializeOwned>(&self, answer: &Answer) -> Checked {
        ensure(answer.status == 200, answer, || format!("expected 200, got {}", answer.status))?;
        answer.read::<T>().map_err(Failed::on(answer))?;
        let body = answer.json().unwrap_or(Value::Null);
        self.spec.check(answer.method.as_str(), answer.template, 200, &body).map_err(Failed::on(answer))?;
        Ok(format!("{} {} reads as {}", answer.method, answer.template, short_type::<T>()))
    }

    /// The checks that hold for every answer of the run.
    fn every_answer(&mut self) {
        let seen = self.client.seen();
        let time = time_header(&seen);
        self.record("TIME-01", time);
        let agree = body_time(&seen);
        self.record("TIME-02", agree);
        let envelope = envelopes(&self.spec, &seen);
        self.record("ERR-01", envelope);
        let statuses = statuses(&seen, self.not_found_probe.as_ref());
        self.record("ERR-02", statuses);
    }
}

fn short_type<T>() -> &'static str {
    std::any::type_name::<T>().rsplit("::").next().unwrap_or_default()
}

pub async fn run(options: Options) -> Report {
    let client = Client::new(&options.base_url, options.cookie.clone(), options.cookie_b.clone());
    let run = format!(
        "conf-{:x}",
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    );
    let report = Report::new(options.known_gaps.clone());
    let mut kit = Kit { client, spec: Spec::own(), options, report, run, not_found_probe: None };
    crate::read_only::run(&mut kit).await;
    let writes = match (&kit.options.allow_writes, &kit.options.conversation) {
        (true, Some(_)) => true,
        (true, None) => {
            kit.skip_all(Tier::Writes, "--allow-writes needs --conversation ID, a test conversation");
            false
        }
        (false, _) => {
            kit.skip_all(Tier::Writes, "read-only run: give --allow-writes --conversation ID");
            false
        }
    };
    if writes {
        crate::writes::run(&mut kit).await;
    }
    match (&kit.options.state_url, writes) {
        (Some(_), true) => crate::state::run(&mut kit).await,
        (Some(_), false) => kit.skip_all(Tier::State, "the test states send messages: give --allow-writes too"),
        (None, _) => kit.skip_all(Tier::State, "no test-state hook: give --state-url URL --state-secret S"),
    }
    kit.every_answer();
    let order = |id: &str| REQUIREMENTS.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    kit.report.findings.sort_by_key(|f| order(f.requirement.id));
    kit.report
}

/// TIME-01: an `X-Server-Time` of epoch milliseconds on every answer.
fn time_header(seen: &[Answer]) -> Checked {
    let answered: Vec<_> = seen.iter().filter(|a| a.status != 0).collect();
    if answered.is_empty() {
        return Err(Failed::plain("no answer came to check"));
    }
    for a in &answered {
        let value = a.header(contract::SERVER_TIME_HEADER);
        // Epoch milliseconds: after 2001 and before 2286.
        let ok = value
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|ms| (1_000_000_000_000..10_000_000_000_000).contains(&ms));
        ensure(ok, a, || format!("{} {} answered X-Server-Time {:?}", a.method, a.template, value))?;
    }
    Ok(format!("all {} answers carried it", answered.len()))
}

/// TIME-02: a body's `server_time` within 5 s of the header.
fn body_time(seen: &[Answer]) -> Verdict {
    let mut compared = 0;
    for a in seen {
        let Some(body) = a.json().and_then(|v| v.get("server_time").and_then(Value::as_i64)) else { continue };
        let Some(header) = a.header(contract::SERVER_TIME_HEADER).and_then(|v| v.parse::<i64>().ok()) else { continue };
        compared += 1;
        if (body - header).abs() > 5_000 {
            return Verdict::Fail(
                format!("server_time {body} and X-Server-Time {header} differ"),
                Some(a.transcript.clone()),
            );
        }
    }
    if compared == 0 {
        return Verdict::Skip("no answer had both to compare".into());
    }
    Verdict::Pass(format!("{compared} bodies agree with their header"))
}

/// ERR-01: every error reads as `ErrorBody`, with a reference, and matches its schema.
fn envelopes(spec: &Spec, seen: &[Answer]) -> Checked {
    let errors: Vec<_> = seen.iter().filter(|a| a.status >= 400).collect();
    if errors.is_empty() {
        return Err(Failed::plain("no error answer came to check, though the kit asks for 401, 400 and 404"));
    }
    for a in &errors {
        let body: ErrorBody = a.read().map_err(Failed::on(a))?;
        ensure(!body.error.reference.is_empty(), a, || "error.reference is empty".into())?;
        spec.check_component("ErrorBody", &a.json().unwrap_or_default()).map_err(Failed::on(a))?;
    }
    Ok(format!("all {} error answers", errors.len()))
}

/// ERR-02: each code with its documented status; the unknown conversation is `404 not_found`.
fn statuses(seen: &[Answer], probe: Option<&Answer>) -> Checked {
    let mut checked = 0;
    for a in seen.iter().filter(|a| a.status >= 400) {
        let Some(code) = a.error_code() else { continue };
        let parsed: ErrorCode = serde_json::from_value(Value::from(code.clone())).unwrap_or(ErrorCode::Unknown);
        ensure(parsed != ErrorCode::Unknown, a, || format!("{code} is not a code of the contract"))?;
        ensure(a.status == parsed.http_status(), a, || {
            format!("{code} came with {}, the contract says {}", a.status, parsed.http_status())
        })?;
        checked += 1;
    }
    if let Some(probe) = probe {
        probe.expect_error(404, "not_found").map_err(Failed::on(probe))?;
    }
    if checked == 0 {
        return Err(Failed::plain("no error code came to check"));
    }
    Ok(format!("{checked} error answers had their code's status"))
}
