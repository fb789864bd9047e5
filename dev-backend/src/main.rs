//! `dev-backend [--port N] [--static DIR] [--host-demo DIR] [--host-page /PREFIX=DIR]... [--csp] [--sim] [--scenario NAME] [--fixed-time MS]
//! [--customers N [--seed S]] [--break ID,…] [--state-secret S]`

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::Parser;
use dev_backend::{router, Options, Scenario};

/// The reference backend of the Messenger UI: it implements the API contract and simulates the
/// CRM and Facebook, on 127.0.0.1.
#[derive(Debug, Parser)]
#[command(name = "dev-backend", args_override_self = true)]
struct Args {
    /// The port to listen on (0: any free one; the address is printed)
    #[arg(long, value_name = "N", default_value_t = 8081)]
    port: u16,
    /// Serve a built app (dist/); unknown paths get its index.html, so client routes reload
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Serve the fake CRM page (host-demo/) at /host-demo/ and at every path under it
    #[arg(long = "host-demo", value_name = "DIR")]
    host_demo_dir: Option<PathBuf>,
    /// Serve another host page the same way at /PREFIX/ (repeatable), e.g. the React host built
    /// by e2e/tests/react-host.spec.ts: --host-page /react-host=target/hosts/react
    #[arg(long = "host-page", value_name = "/PREFIX=DIR", value_parser = dev_backend::parse_host_page)]
    host_pages: Vec<(String, PathBuf)>,
    /// Send the strict Content-Security-Policy of docs/embedding.md on every response, as a CRM does
    #[arg(long)]
    csp: bool,
    /// Answer /sim/* (scenarios, faults, the simulated Facebook dialog), only for a loopback Host
    #[arg(long)]
    sim: bool,
    /// The scenario loaded at start (POST /sim/reset switches at run time)
    #[arg(long, value_name = "NAME", default_value = Scenario::DEFAULT.name(), value_parser = scenarios())]
    scenario: Scenario,
    /// Repeatable runs, for screenshots: the clock starts at this instant (ms since the epoch)
    /// with each scenario, and error references and OAuth states repeat
    #[arg(long, value_name = "MS")]
    fixed_time: Option<i64>,
    /// Adds N made-up customers to the scenario at start, as POST /sim/customers does (a
    /// scenario with connected Pages only; /sim/reset drops them)
    #[arg(long, value_name = "N")]
    customers: Option<usize>,
    /// The seed of --customers: the same seed, the same customers
    #[arg(long, value_name = "S", default_value_t = 1, requires = "customers")]
    seed: u64,
    /// Breaks the behaviour behind these conformance requirements (ids from
    /// `messenger-conformance --list`), to prove the kit fails them. Never for anything else
    #[arg(long = "break", value_name = "ID,…", value_parser = dev_backend::breaks::Breaks::parse)]
    breaks: Option<dev_backend::breaks::Breaks>,
    /// With --sim: answers the conformance kit's test-state hook at POST /sim/state, for
    /// requests that carry `Authorization: Bearer S`
    #[arg(long, value_name = "S", requires = "sim")]
    state_secret: Option<String>,
}

/// Every scenario, with its description for `--help`.
fn scenarios() -> impl TypedValueParser<Value = Scenario> {
    let names = Scenario::ALL.map(|s| PossibleValue::new(s.name()).help(s.description()));
    PossibleValuesParser::new(names).map(|name| Scenario::parse(&name).expect("only the scenarios' names parse"))
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let options = Options {
        static_dir: args.static_dir,
        scenario: args.scenario.name().into(),
        csp: args.csp,
        host_demo_dir: args.host_demo_dir,
        host_pages: args.host_pages,
        sim: args.sim,
        fixed_time: args.fixed_time,
        customers: args.customers.map(|count| (count, args.seed)),
        breaks: args.breaks.unwrap_or_default(),
        state_secret: args.state_secret,
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap_or_else(|e| {
        eprintln!("dev-backend: cannot listen on {addr}: {e}");
        std::process::exit(1)
    });
    let addr = listener.local_addr().unwrap_or(addr);
    let serving = options.static_dir.as_ref().map_or(String::new(), |d| format!(", serving {}", d.display()));
    let csp = if options.csp { ", strict CSP" } else { "" };
    let fixed = options.fixed_time.map_or(String::new(), |ms| format!(", clock fixed at {ms}"));
    let demo = options.host_demo_dir.is_some();
    let scenario = Scenario::parse(&options.scenario).expect("parsed from the scenarios' names");
    if let Some((count, _)) = options.customers {
        if let Err(why) = dev_backend::check_customers(scenario, count) {
            eprintln!("dev-backend: --customers {count}: {why}");
            std::process::exit(2)
        }
    }
    let customers = options.customers.map_or(String::new(), |(n, seed)| format!(", {n} more customers (seed {seed})"));
    if !options.breaks.is_empty() {
        eprintln!("dev-backend: BROKEN on purpose: {:?}", options.breaks);
    }
    println!("dev-backend listening on http://{addr} (scenario {}{serving}{csp}{fixed}{customers})", options.scenario);
    if demo {
        println!("host demo on http://{addr}/host-demo/");
    }
    axum::serve(listener, router(options)).await.expect("server error");
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
