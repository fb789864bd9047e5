pub mod connect_wizard_page;
pub mod not_renewed_notice;
pub mod oauth_complete_page;
pub mod page_picker;
pub mod wizard_stepper;
