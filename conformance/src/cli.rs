//! The command line: `messenger-conformance --base-url URL --cookie 'msg_session=…' …`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::report::{catalogue, KnownGaps};
use crate::Options;

/// Checks that a CRM backend implements the API the Messenger UI needs (docs/conformance.md).
/// Exits 1 when a MUST fails, 2 on a usage error, 0 otherwise.
#[derive(Debug, Parser)]
#[command(name = "messenger-conformance", version)]
pub struct Args {
    /// Print the catalogue of requirements and exit
    #[arg(long)]
    list: bool,
    /// The backend, e.g. https://staging.crm.example (the API is under /api)
    #[arg(long, value_name = "URL", required_unless_present = "list")]
    base_url: Option<String>,
    /// A signed-in session's cookie, as the browser sends it: 'msg_session=…'
    #[arg(long, value_name = "COOKIE", required_unless_present = "list")]
    cookie: Option<String>,
    /// A second session's cookie (another login), for CSRF-02 and OAUTH-02
    #[arg(long, value_name = "COOKIE")]
    cookie_b: Option<String>,
    /// Also run the checks that write: sends, uploads and read marks on --conversation
    #[arg(long, requires = "conversation")]
    allow_writes: bool,
    /// The test conversation that writes go to (its window open, its customer reachable)
    #[arg(long, value_name = "ID")]
    conversation: Option<String>,
    /// The backend's test-state hook (Pact provider states): POST {"state", "params", "action"}
    #[arg(long, value_name = "URL", requires = "state_secret")]
    state_url: Option<String>,
    /// The hook's shared secret, sent as `Authorization: Bearer S`
    #[arg(long, value_name = "S")]
    state_secret: Option<String>,
    /// Requirement ids not done yet, one a line: reported as GAP without failing the run
    #[arg(long, value_name = "FILE")]
    known_gaps: Option<PathBuf>,
    /// Also write the report as JUnit XML or JSON
    #[arg(long, num_args = 2, value_names = ["FORMAT", "FILE"])]
    report: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Junit,
    Json,
}

pub fn main() -> ExitCode {
    let args = Args::parse();
    if args.list {
        print!("{}", catalogue());
        return ExitCode::SUCCESS;
    }
    let usage = |why: String| {
        eprintln!("messenger-conformance: {why}");
        ExitCode::from(2)
    };
    let known_gaps = match &args.known_gaps {
        Some(path) => match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|t| KnownGaps::parse(&t))
        {
            Ok(gaps) => gaps,
            Err(e) => return usage(format!("{}: {e}", path.display())),
        },
        None => KnownGaps::default(),
    };
    let report_to = match args.report.as_slice() {
        [] => None,
        [format, file] => match Format::from_str(format, true) {
            Ok(format) => Some((format, PathBuf::from(file))),
            Err(_) => return usage(format!("--report takes junit or json, not {format:?}")),
        },
        _ => return usage("--report takes a format and a file".into()),
    };
    let base_url = args.base_url.unwrap_or_default();
    let options = Options {
        base_url: base_url.clone(),
        cookie: args.cookie.unwrap_or_default(),
        cookie_b: args.cookie_b,
        allow_writes: args.allow_writes,
        conversation: args.conversation,
        state_url: args.state_url,
        state_secret: args.state_secret,
        known_gaps,
    };
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime starts");
    let report = runtime.block_on(crate::run(options));
    print!("{}", report.text());
    if let Some((format, file)) = report_to {
        let text = match format {
            Format::Junit => report.junit(),
            Format::Json => report.json(&base_url),
        };
        if let Err(e) = std::fs::write(&file, text) {
            return usage(format!("cannot write {}: {e}", file.display()));
        }
    }
    if report.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_well_formed() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
