//! The kit's CI driver, and its own tests: the dev backend in this process on a free port, and
//! the built `messenger-conformance` run against it, once clean (everything passes), once per
//! `--break` (exactly that id fails), against a server that answers `200 {}` to everything
//! (nothing passes), without a hook (the state checks skip) and with known gaps.
//! `scripts/test` runs this file as its `conform` layer and prints the line it ends with.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;

use contract::requirements::{Level, REQUIREMENTS};
use dev_backend::breaks::Breaks;
use serde_json::Value;

const SECRET: &str = "conformance-test-secret";

/// A dev backend in the `installed` scenario with these breaks → its address.
async fn dev_backend(breaks: &str, hook: bool) -> SocketAddr {
    let options = dev_backend::Options {
        sim: true,
        breaks: Breaks::parse(breaks).expect("known ids"),
        state_secret: hook.then(|| SECRET.to_owned()),
        ..Default::default()
    };
    serve(dev_backend::router(options)).await
}

async fn serve(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let addr = listener.local_addr().expect("bound");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serves") });
    addr
}

/// A new session's cookie, as a browser gets it from `GET /api/me`.
async fn cookie(addr: SocketAddr) -> String {
    let answer = reqwest::get(format!("http://{addr}/api/me")).await.expect("the dev backend answers");
    // The negative control sets none.
    let set = answer.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or("msg_session=none");
    set.split(';').next().unwrap_or_default().to_owned()
}

struct Run {
    code: i32,
    /// id → PASS, FAIL, WARN, SKIP or GAP.
    results: Vec<(String, String)>,
    text: String,
}

impl Run {
    fn with(&self, result: &str) -> BTreeSet<String> {
        self.results.iter().filter(|(_, r)| r == result).map(|(id, _)| id.clone()).collect()
    }
}

/// The kit, every tier, against `addr`.
async fn kit(addr: SocketAddr, extra: &[&str]) -> Run {
    let (a, b) = (cookie(addr).await, cookie(addr).await);
    let base = format!("http://{addr}");
    let hook = format!("{base}/sim/state");
    let report = std::env::temp_dir().join(format!("conformance-{}-{}.json", std::process::id(), addr.port()));
    let mut args: Vec<String> = [
        "--base-url",
        &base,
        "--cookie",
        &a,
        "--cookie-b",
        &b,
        "--allow-writes",
        "--conversation",
        "ken",
        "--state-url",
        &hook,
        "--state-secret",
        SECRET,
        "--report",
        "json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(report.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_messenger-conformance")).args(&args).output().expect("the kit runs")
    })
    .await
    .expect("joined");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).expect("a report")).expect("JSON");
    let _ = std::fs::remove_file(&report);
    let results = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_owned(), f["result"].as_str().unwrap().to_owned()))
        .collect();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    Run { code: output.status.code().unwrap_or(-1), results, text }
}

fn musts() -> Vec<&'static str> {
    REQUIREMENTS.iter().filter(|r| r.level == Level::Must).map(|r| r.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn clean_then_each_break_fails_exactly_its_id() {
    let clean = kit(dev_backend("", true).await, &[]).await;
    assert_eq!(clean.with("PASS").len(), REQUIREMENTS.len(), "{}", clean.text);
    assert_eq!(clean.code, 0);
    let last = clean.text.lines().last().unwrap_or_default().to_owned();

    // Each break on a server of its own; a few at once, since most of a run is waiting.
    let gate = Arc::new(tokio::sync::Semaphore::new(8));
    let runs = musts().into_iter().map(|id| {
        let gate = gate.clone();
        tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.expect("open");
            (id, kit(dev_backend(id, true).await, &[]).await)
        })
    });
    let mut unproven = Vec::new();
    let mut proven = 0;
    for run in runs.collect::<Vec<_>>() {
        let (id, run) = run.await.expect("joined");
        let failed = run.with("FAIL");
        if failed == BTreeSet::from([id.to_owned()]) && run.code == 1 {
            proven += 1;
        } else {
            eprintln!("--break {id}: failed {failed:?}, exit {}\n{}", run.code, run.text);
            unproven.push(id);
        }
    }
    assert!(unproven.is_empty(), "MUSTs that no break fails alone (unproven): {unproven:?}");
    // scripts/test prints this line as the conform layer's summary.
    println!("conform summary: {last}; {proven} breaks each failing exactly its ids");
}

#[tokio::test]
async fn a_server_that_answers_200_to_everything_passes_nothing() {
    let app = axum::Router::new().fallback(|| async { axum::Json(serde_json::json!({})) });
    let run = kit(serve(app).await, &[]).await;
    assert_eq!(run.with("PASS"), BTreeSet::new(), "{}", run.text);
    assert_eq!(run.code, 1);
}

#[tokio::test]
async fn without_a_hook_the_state_checks_skip_and_do_not_fail() {
    let run = kit(dev_backend("", false).await, &[]).await;
    let state: BTreeSet<String> = REQUIREMENTS
        .iter()
        .filter(|r| r.tier == contract::requirements::Tier::State)
        .map(|r| r.id.to_owned())
        .collect();
    assert_eq!(run.with("SKIP"), state, "{}", run.text);
    assert!(run.text.contains("the hook answered 404"), "{}", run.text);
    assert_eq!(run.code, 0);
}

#[tokio::test]
async fn a_known_gap_is_reported_without_failing_and_one_that_passes_is_flagged() {
    let gaps = std::env::temp_dir().join(format!("conformance-gaps-{}", std::process::id()));
    std::fs::write(&gaps, "# not done yet\nCSRF-02\nPAGE-01  # done, but still listed\n").unwrap();
    let run = kit(dev_backend("CSRF-02", true).await, &["--known-gaps", gaps.to_str().unwrap()]).await;
    let _ = std::fs::remove_file(&gaps);
    assert_eq!(run.with("GAP"), BTreeSet::from(["CSRF-02".to_owned()]), "{}", run.text);
    assert_eq!(run.with("WARN"), BTreeSet::from(["PAGE-01".to_owned()]), "{}", run.text);
    assert!(run.text.contains("passes now: remove it from the known-gaps file"));
    assert_eq!(run.code, 0);
}

/// The kit validates against its own copy of the document; it must be the dev backend's.
/// `UPDATE_OPENAPI=1 cargo test -p conformance --test kit` rewrites the copy.
#[tokio::test]
async fn the_kits_openapi_copy_is_the_dev_backends() {
    let addr = dev_backend("", false).await;
    let served: Value = reqwest::get(format!("http://{addr}/api/openapi.json")).await.unwrap().json().await.unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(path, serde_json::to_string_pretty(&served).unwrap() + "\n").unwrap();
    }
    let copy: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(
        copy == served,
        "conformance/openapi.json is stale: run UPDATE_OPENAPI=1 cargo test -p conformance --test kit"
    );
}

/// The kit's version follows the contract's.
#[test]
fn the_kit_has_the_contracts_version() {
    let contract = include_str!("../../contract/Cargo.toml");
    let version = |toml: &str| toml.lines().find(|l| l.starts_with("version")).map(str::to_owned);
    assert_eq!(version(include_str!("../Cargo.toml")), version(contract));
}

#[test]
fn the_list_prints_every_requirement() {
    let output = Command::new(env!("CARGO_BIN_EXE_messenger-conformance")).arg("--list").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for r in REQUIREMENTS {
        assert!(text.contains(r.id) && text.contains(r.text), "{} missing from --list", r.id);
    }
    assert!(output.status.success());
}
