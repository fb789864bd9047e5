//! A chosen picture's preview: a small `data:` URL whatever the picture's size (the strict CSP
//! allows `data:` images only), and no preview, but a working list, for what cannot be decoded.

use leptos::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use msg_ui::components::conversations::chosen_files::{Chosen, ChosenFiles};
use msg_ui::i18n::*;

use crate::support::*;

fn mount(files: Vec<Chosen>) -> web_sys::HtmlElement {
    let root = fresh_root();
    leptos::mount::mount_to(root.clone(), move || {
        provide_i18n(Some(Locale::En), false);
        let chosen = RwSignal::new_local(files);
        let refusals = RwSignal::new(Vec::new());
        view! { <ChosenFiles chosen refusals /> }
    })
    .forget();
    root
}

fn chosen(file: web_sys::File, mime_type: &str) -> Chosen {
    Chosen { id: file.name(), name: file.name(), size: file.size() as u64, mime_type: mime_type.into(), file }
}

/// A `width` x `height` PNG: a gradient with noise in it, so that it compresses about as
/// badly as a photo does.
async fn png(name: &str, width: u32, height: u32) -> web_sys::File {
    let mut seed = 0x2545_f491_u32;
    let mut pixels = vec![0u8; (width * height * 4) as usize];
    for (i, pixel) in pixels.chunks_exact_mut(4).enumerate() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let (x, y) = (i as u32 % width, i as u32 / width);
        let noise = (seed % 48) as u8;
        pixel.copy_from_slice(&[(x * 200 / width) as u8 + noise, (y * 200 / height) as u8 + noise, 120 + noise, 255]);
    }
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), width, height).unwrap();
    context.put_image_data(&image, 0.0, 0.0).unwrap();
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _| canvas.to_blob(&resolve).unwrap())).await.unwrap();
    web_sys::File::new_with_blob_sequence(&js_sys::Array::of1(&blob), name).unwrap()
}

/// The previews shown, once `count` of them have loaded (or after 10 s, to fail on).
async fn previews(root: &web_sys::Element, count: u32) -> Vec<web_sys::HtmlImageElement> {
    for _ in 0..200 {
        let found = root.query_selector_all(".msg-composer__file img").unwrap();
        if found.length() >= count {
            let mut images = Vec::new();
            for img in (0..found.length()).filter_map(|i| found.item(i)) {
                let img: web_sys::HtmlImageElement = img.unchecked_into();
                JsFuture::from(img.decode()).await.expect("the preview decodes");
                images.push(img);
            }
            return images;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    panic!("fewer than {count} previews after 10 s");
}

#[wasm_bindgen_test]
async fn a_large_picture_is_previewed_as_a_small_data_url() {
    let file = png("shelf.png", 2000, 1500).await;
    assert!(file.size() > 1_000_000.0, "the picture is large: {} bytes", file.size());
    let root = mount(vec![chosen(file, "image/png")]);
    let images = previews(&root, 1).await;
    let img = &images[0];
    assert_eq!((img.natural_width(), img.natural_height()), (256, 192), "the longer side is 256 px, in proportion");
    let src = img.get_attribute("src").unwrap();
    assert!(src.starts_with("data:image/"), "{}", &src[..40.min(src.len())]);
    assert!(src.len() < 100_000, "the preview's data: URL is {} bytes", src.len());
    assert_eq!(img.get_attribute("alt").as_deref(), Some(""), "decorative: the name says what it is");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_small_picture_is_not_enlarged_and_what_cannot_be_decoded_gets_no_preview() {
    let bytes = js_sys::Uint8Array::from(&b"not a picture at all"[..]);
    let broken = web_sys::File::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes), "broken.png").unwrap();
    let small = png("icon.png", 100, 50).await;
    let root = mount(vec![chosen(broken, "image/png"), chosen(small, "image/png")]);
    let images = previews(&root, 1).await;
    assert_eq!((images[0].natural_width(), images[0].natural_height()), (100, 50));
    // The broken file failed to decode long before the good one was encoded; wait a little more.
    gloo_timers::future::TimeoutFuture::new(300).await;
    let items = root.query_selector_all(".msg-composer__file").unwrap();
    assert_eq!(items.length(), 2, "both files stay listed");
    let with_preview: Vec<String> = (0..items.length())
        .filter_map(|i| items.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .filter(|li| li.query_selector("img").unwrap().is_some())
        .map(|li| text_of(&li, ".msg-composer__file-name"))
        .collect();
    assert_eq!(with_preview, ["icon.png"]);
    button_named(&root, "Remove").click();
    settle().await;
    assert_eq!(root.query_selector_all(".msg-composer__file").unwrap().length(), 1, "the list still works");
    root.remove();
}
