//! The install wizard, of the settings part: compiled only in a build with its feature.
#![cfg(feature = "settings")]

pub mod connect_wizard_page;
pub mod done_step;
mod facebook_window;
pub mod in_facebook_step;
pub mod log_in_step;
pub mod not_renewed_notice;
pub mod oauth_complete_page;
pub mod page_fix_step;
pub mod page_picker;
pub mod popup_blocked_step;
pub mod share_pages_help;
pub mod wizard_stepper;
