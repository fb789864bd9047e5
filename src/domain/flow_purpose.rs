//! Why a Facebook sign-in runs (install, reconnect, add a Page, re-request), as it travels in the wizard's
//! address and in what is kept for the same-window fallback. Pure, so every screen that links
//! to the wizard builds its address here.

use contract::{InstallStartRequest, Permission};

use super::safe_url::percent_encode;

/// `?purpose=reconnect`, `?purpose=add-page` or `?purpose=rerequest&permissions=a,b`; a first
/// install otherwise.
/// Only the integration's own scopes are kept: the address is anyone's to write, and what it
/// names ends up in Facebook's URL and on the wizard's screen.
pub fn purpose_from_query(purpose: Option<String>, permissions: Option<String>) -> InstallStartRequest {
    match purpose.as_deref() {
        Some("reconnect") => InstallStartRequest::Reconnect,
        Some("add-page") => InstallStartRequest::AddPage,
        Some("rerequest") => {
            let asked = permissions.unwrap_or_default();
            let permissions: Vec<Permission> = Permission::required()
                .into_iter()
                .filter(|known| asked.split(',').any(|scope| scope == known.scope()))
                .collect();
            if permissions.is_empty() {
                InstallStartRequest::Install
            } else {
                InstallStartRequest::Rerequest { permissions }
            }
        }
        _ => InstallStartRequest::Install,
    }
}

/// The wizard's address for a purpose: where Reconnect and Grant buttons lead.
pub fn wizard_href(purpose: &InstallStartRequest) -> String {
    match purpose_query(purpose).strip_prefix('&') {
        Some(query) => format!("{WIZARD_PATH}?{query}"),
        None => WIZARD_PATH.to_owned(),
    }
}

const WIZARD_PATH: &str = "/settings/messaging/facebook/connect";

/// The purpose in what `purpose_query` wrote.
pub fn purpose_from_query_string(query: &str) -> InstallStartRequest {
    let param = |name: &str| {
        query.split('&').find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(|v| v.replace("%2C", ",")))
    };
    purpose_from_query(param("purpose"), param("permissions"))
}

/// `&purpose=...` for the wizard's address, or nothing for a first install.
pub fn purpose_query(purpose: &InstallStartRequest) -> String {
    match purpose {
        InstallStartRequest::Install => String::new(),
        InstallStartRequest::Reconnect => "&purpose=reconnect".into(),
        InstallStartRequest::AddPage => "&purpose=add-page".into(),
        InstallStartRequest::Rerequest { permissions } => {
            let scopes: Vec<String> = permissions.iter().map(|p| percent_encode(p.scope(), b"")).collect();
            format!("&purpose=rerequest&permissions={}", scopes.join(","))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_round_trips_through_the_address() {
        for purpose in [
            InstallStartRequest::Install,
            InstallStartRequest::Reconnect,
            InstallStartRequest::AddPage,
            InstallStartRequest::Rerequest {
                permissions: vec![Permission::PagesShowList, Permission::BusinessManagement],
            },
        ] {
            assert_eq!(purpose_from_query_string(&purpose_query(&purpose)), purpose);
        }
        assert_eq!(purpose_from_query(Some("rerequest".into()), None), InstallStartRequest::Install);
        assert_eq!(wizard_href(&InstallStartRequest::Install), "/settings/messaging/facebook/connect");
        assert_eq!(
            wizard_href(&InstallStartRequest::Rerequest { permissions: vec![Permission::PagesMessaging] }),
            "/settings/messaging/facebook/connect?purpose=rerequest&permissions=pages_messaging"
        );
    }

    #[test]
    fn an_address_cannot_add_scopes_or_parameters() {
        // What the router hands over, decoded, for the hostile link of issue 12.
        let hostile = "pages_messaging&redirect_uri=https://evil.example/&response_type=token";
        assert_eq!(purpose_from_query(Some("rerequest".into()), Some(hostile.into())), InstallStartRequest::Install);
        let mixed = "instagram_basic,pages_show_list,pages_messaging,pages_messaging";
        assert_eq!(
            purpose_from_query(Some("rerequest".into()), Some(mixed.into())),
            InstallStartRequest::Rerequest { permissions: vec![Permission::PagesMessaging, Permission::PagesShowList] }
        );
        let other = InstallStartRequest::Rerequest { permissions: vec![Permission::Other("x&redirect_uri=y".into())] };
        assert_eq!(purpose_query(&other), "&purpose=rerequest&permissions=x%26redirect_uri%3Dy");
    }
}
