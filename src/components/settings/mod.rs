pub mod connected_page_row;
pub mod installation_panel;
pub mod messaging_settings_page;
pub mod not_installed_panel;
pub mod private_install_notice;
pub mod troubleshooter;
pub mod uninstall_dialog;
pub mod visibility_control;
