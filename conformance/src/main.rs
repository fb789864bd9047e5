//! `messenger-conformance`: see `conformance::cli`.

fn main() -> std::process::ExitCode {
    conformance::cli::main()
}
