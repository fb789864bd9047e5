//! `scripts/check-versions`, which `scripts/setup` runs first: it passes on this repository and
//! names the file that is off when one disagrees.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: &[&str] =
    &["Cargo.toml", "Cargo.lock", "Trunk.toml", "scripts/env.sh", "e2e/package.json", "e2e/package-lock.json"];

fn copy_of_the_repository(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("msg-ui-versions-{name}-{}", std::process::id()));
    for file in FILES {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(file), to).unwrap();
    }
    dir
}

fn check(dir: &Path) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-versions");
    let out = Command::new("bash").arg(script).arg(dir).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_versions_agree_here() {
    let (ok, stderr) = check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(ok, "{stderr}");
}

#[test]
fn a_disagreeing_file_is_named() {
    for (file, from, to, named) in [
        ("Trunk.toml", "wasm_opt = \"version_", "wasm_opt = \"version_9", "Trunk.toml ([tools] wasm_opt)"),
        ("e2e/package.json", "\"binaryen\": \"", "\"binaryen\": \"9", "e2e/package.json (binaryen)"),
        ("Trunk.toml", "wasm_bindgen = \"0.", "wasm_bindgen = \"9.", "Trunk.toml ([tools] wasm_bindgen)"),
    ] {
        let dir = copy_of_the_repository(&file.replace('/', "-"));
        edit(&dir, file, from, to);
        let (ok, stderr) = check(&dir);
        assert!(!ok, "{file} edited, yet the check passed");
        assert!(stderr.contains(named), "{named} not named in: {stderr}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
