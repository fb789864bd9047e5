//! The settings part's wasm: Messaging settings, the wizard, the OAuth completion page.
//! `index.html` builds it with `--no-default-features --features settings`.
msg_ui::export_mount!();

fn main() {}
