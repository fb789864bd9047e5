//! The settings part's screens: compiled only in a build with its feature.
#![cfg(feature = "settings")]

pub mod check_row;
pub mod confirm_dialog;
pub mod connected_page_row;
pub mod disconnect_page_dialog;
pub mod installation_panel;
pub mod messaging_settings_page;
pub mod not_installed_panel;
pub mod private_install_notice;
pub mod subscribe_again_button;
pub mod troubleshooter;
pub mod uninstall_dialog;
pub mod visibility_control;
