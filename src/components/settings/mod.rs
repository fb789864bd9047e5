pub mod messaging_settings_page;
