//! Every part's wasm: `scripts/build-part.mjs` builds this once per part, each time with that
//! part's cargo feature alone (`--no-default-features --features <part>`).
msg_ui::export_mount!();

fn main() {}
