pub mod ask_admin_actions;
pub mod connect_button;
pub mod copy_button;
pub mod failure_alert;
pub mod load_failure_boundary;
pub mod loading_notice;
pub mod notice;
pub mod visibility_choice;
