//! The `dev-backend` command line, run as the binary it builds.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use dev_backend::Scenario;

const FLAGS: [&str; 11] = [
    "--port",
    "--static",
    "--host-demo",
    "--host-page",
    "--csp",
    "--sim",
    "--scenario",
    "--fixed-time",
    "--break",
    "--state-secret",
    "--help",
];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dev-backend")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_lists_every_flag_and_every_scenario_with_what_it_is() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for flag in FLAGS {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    assert!(help.contains("[default: 8081]"), "{help}");
    assert!(help.contains(&format!("[default: {}]", Scenario::DEFAULT.name())), "{help}");
    for scenario in Scenario::ALL {
        let line = help.lines().find(|l| l.trim_start().starts_with(&format!("- {}:", scenario.name())));
        let line = line.unwrap_or_else(|| panic!("{} missing from:\n{help}", scenario.name()));
        assert!(line.trim_end().ends_with(scenario.description()), "{line}");
    }
}

#[test]
fn a_flag_it_does_not_know_exits_2_with_clap_s_message() {
    let out = run(&["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_value_exits_2_and_says_what_was_expected() {
    for (args, says) in [
        (&["--scenario", "nope"][..], "invalid value 'nope' for '--scenario <NAME>'"),
        (&["--port", "eighty"], "invalid value 'eighty' for '--port <N>'"),
        (&["--port"], "a value is required for '--port <N>'"),
        (&["--break", "CSRF-99"], "no requirement CSRF-99"),
        (&["--break", "TIME-02"], "TIME-02 is a SHOULD"),
        (&["--state-secret", "s"], "--sim"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let err = text(&run(&["--scenario", "nope"]).stderr);
    assert!(Scenario::ALL.iter().all(|s| err.contains(s.name())), "the scenarios are named: {err}");
}

/// The flags reach the server; a flag given twice takes its last value, as before clap.
#[test]
fn the_server_starts_with_the_flags_given() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dev-backend"))
        .args(["--port", "8081", "--port", "0", "--scenario", "installed", "--scenario", "fresh", "--csp", "--sim"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(line.starts_with("dev-backend listening on http://127.0.0.1:"), "{line}");
    assert!(!line.contains(":8081 "), "the last --port wins: {line}");
    assert!(line.trim_end().ends_with("(scenario fresh, strict CSP)"), "{line}");
}
