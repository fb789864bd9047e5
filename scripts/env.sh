# Sourced by the other scripts: the pinned tool versions and a PATH that finds them.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="132"
# Formats the view! blocks (scripts/test checks them); see .leptosfmt.toml.
LEPTOSFMT_VERSION="0.1.33"
# scripts/fuzz-api: the API fuzzer, from PyPI, in target/fuzz-venv (scripts/setup installs it).
SCHEMATHESIS_VERSION="4.32.5"
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"

# wasm-opt comes from the pinned npm package in e2e/; Debian's binaryen 108 breaks the app.
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NO_COLOR=true  # trunk parses it as a bool

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
