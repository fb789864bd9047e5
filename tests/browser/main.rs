//! Component tests in headless Chromium: mount, act, assert the DOM.
#![cfg(target_arch = "wasm32")]

mod support;

mod app_shell;
mod chosen_files;
mod crash_screen;
mod format;
mod install_failures;
mod read;
mod wizard;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
