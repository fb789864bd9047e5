//! `dev-backend [--port N] [--static DIR] [--host-demo DIR] [--csp] [--sim] [--scenario NAME]`

use std::net::SocketAddr;
use std::path::PathBuf;

use dev_backend::{router, Options};

fn usage() -> ! {
    eprintln!("usage: dev-backend [--port N] [--static DIR] [--host-demo DIR] [--csp] [--sim] [--scenario NAME]");
    std::process::exit(2)
}

fn parse_args() -> (u16, Options) {
    let mut port = 8081;
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--port" => port = value().parse().unwrap_or_else(|_| usage()),
            "--static" => options.static_dir = Some(PathBuf::from(value())),
            "--scenario" => options.scenario = value(),
            "--host-demo" => options.host_demo_dir = Some(PathBuf::from(value())),
            "--csp" => options.csp = true,
            "--sim" => options.sim = true,
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    (port, options)
}

#[tokio::main]
async fn main() {
    let (port, options) = parse_args();
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap_or_else(|e| {
        eprintln!("dev-backend: cannot listen on {addr}: {e}");
        std::process::exit(1)
    });
    let addr = listener.local_addr().unwrap_or(addr);
    let serving = options.static_dir.as_ref().map_or(String::new(), |d| format!(", serving {}", d.display()));
    let csp = if options.csp { ", strict CSP" } else { "" };
    let demo = options.host_demo_dir.is_some();
    println!("dev-backend listening on http://{addr} (scenario {}{serving}{csp})", options.scenario);
    if demo {
        println!("host demo on http://{addr}/host-demo/");
    }
    axum::serve(listener, router(options)).await.expect("server error");
}
