//! The wasm entry: nothing starts on load; a host mounts the app through this export.

use wasm_bindgen::prelude::*;

/// `mount(element, options)`, as `embed/messenger-integration.js` calls it.
// Exported from the bin, not the library: a bin target's build drops the library's own
// exports (wasm-bindgen: "failed to find intrinsics"), and a cdylib instead costs 40 KiB brotli.
#[wasm_bindgen(js_name = mount)]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> msg_ui::MountHandle {
    msg_ui::mount_element(element, options)
}

fn main() {}
