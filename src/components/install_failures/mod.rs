//! One screen per way connecting can fail. `InstallFailureScreen` picks it with a `match`
//! that has no catch-all arm, so a new failure does not compile until it has a screen.

pub mod app_installed_by_other_page_admin_screen;
pub mod failure_layout;
pub mod failure_screen;
pub mod install_failure_screen;
pub mod missing_permissions_screen;
pub mod not_admin_screen;
pub mod other_company_screen;
pub mod private_install_screen;
pub mod something_went_wrong_screen;
pub mod try_again_button;
