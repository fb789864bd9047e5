//! The conversations part's wasm. `index.html` builds it with
//! `--no-default-features --features conversations`.
msg_ui::export_mount!();

fn main() {}
