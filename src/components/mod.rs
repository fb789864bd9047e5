//! One component per file, named for what the user sees, nested by feature. A part's build
//! (one cargo feature) compiles only its own screens: each such module's first line gates it, and its strings alone (build.rs).

pub mod app;
pub mod app_header;
pub mod conversations;
pub mod crash_screen;
pub mod install_failures;
pub mod language_switch;
pub mod not_found_page;
pub mod other_part;
pub mod settings;
pub mod shared;
pub mod status_region;
pub mod wizard;
