pub mod connect_wizard_page;
