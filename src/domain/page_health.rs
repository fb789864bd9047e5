//! What the integration's Pages allow, for the conversations: which Pages are connected, and
//! whether a conversation's Page can send at all.

use contract::{IntegrationState, PageHealth, PageId, PageRef};

/// The health of the Page that conversation `page_id` belongs to (the first Page without one).
pub fn health_of(state: Option<IntegrationState>, page_id: Option<&PageId>) -> Option<PageHealth> {
    match state {
        Some(IntegrationState::Installed(i)) => {
            let mut pages = i.pages.into_iter();
            match page_id {
                Some(id) => pages.find(|p| &p.id == id),
                None => pages.next(),
            }
            .map(|p| p.health)
        }
        _ => None,
    }
}

/// The connected Pages: with more than one, each conversation names its Page and a Page's
/// banner shows only on its own conversations.
pub fn connected_pages(state: &Option<IntegrationState>) -> Vec<PageRef> {
    match state {
        Some(IntegrationState::Installed(i)) => {
            i.pages.iter().map(|p| PageRef { id: p.id.clone(), name: p.name.clone() }).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether the Page (`page_id`, or the only one) can send at all right now.
pub fn page_can_send(state: Option<IntegrationState>, page_id: Option<&PageId>) -> bool {
    !matches!(
        health_of(state, page_id),
        Some(
            PageHealth::Restricted(_)
                | PageHealth::TokenExpired
                | PageHealth::AppRemoved
                | PageHealth::PermissionsMissing { .. }
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two Pages: a healthy one and one in `health`, as the API sends them.
    fn two_pages(health: serde_json::Value) -> Option<IntegrationState> {
        let page = |id: &str, health: serde_json::Value| serde_json::json!({"id": id, "name": id.to_uppercase(), "health": health, "settings_url": "https://facebook.example/s"});
        Some(
            serde_json::from_value(serde_json::json!({
                "state": "installed", "installed_by": {"id": "u1", "name": "Haruto Sato"}, "installed_at": 5,
                "visibility": "shared", "granted_permissions": ["pages_messaging"], "can_manage": true,
                "pages": [page("p1", serde_json::json!({"status": "healthy"})), page("p2", health)],
            }))
            .unwrap(),
        )
    }

    #[test]
    fn a_page_that_cannot_send_holds_back_only_its_own_conversations() {
        let p2 = PageId::from("p2".to_owned());
        for broken in [
            serde_json::json!({"status": "token_expired"}),
            serde_json::json!({"status": "app_removed"}),
            serde_json::json!({"status": "permissions_missing", "missing": ["pages_messaging"]}),
            serde_json::json!({"status": "restricted", "since": 1, "reason": "Spam", "appeal_url": "https://facebook.example/a"}),
        ] {
            let state = two_pages(broken.clone());
            assert!(!page_can_send(state.clone(), Some(&p2)), "{broken}");
            assert!(page_can_send(state.clone(), Some(&PageId::from("p1".to_owned()))), "{broken}");
            // A conversation without a Page is the first Page's.
            assert!(page_can_send(state, None), "{broken}");
        }
        // A status this app does not know yet does not lock the composer.
        assert!(page_can_send(two_pages(serde_json::json!({"status": "sunburnt"})), Some(&p2)));
        assert!(page_can_send(None, Some(&p2)));
    }

    #[test]
    fn connected_pages_are_those_of_an_installed_integration() {
        let names: Vec<_> =
            connected_pages(&two_pages(serde_json::json!({"status": "healthy"}))).into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["P1", "P2"]);
        assert!(connected_pages(&Some(IntegrationState::NotInstalled)).is_empty());
        assert!(connected_pages(&None).is_empty());
    }
}
