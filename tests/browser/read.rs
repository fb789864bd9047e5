use leptos::prelude::*;
use msg_ui::read::Read;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{fresh_root, settle};

#[wasm_bindgen_test]
async fn an_answer_already_in_is_there_as_the_read_is_made_and_a_refetch_reads_again() {
    // The async executor is set up by mounting, as in the app.
    let _app = leptos::mount::mount_to(fresh_root(), || ());
    let owner = Owner::new();
    let read = owner.with(|| {
        let reads = StoredValue::new(0);
        Read::new(move || {
            reads.update_value(|n| *n += 1);
            let n = reads.get_value();
            async move { n }
        })
    });
    // `LocalResource` would still be empty here: it waits a tick before any value.
    assert_eq!(read.with_untracked(|v| *v), Some(1));
    read.refetch();
    settle().await;
    assert_eq!(read.with_untracked(|v| *v), Some(2));
    assert_eq!(read.await, 2);
}
