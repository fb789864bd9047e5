use serde::{Deserialize, Serialize};

use crate::Person;

/// `GET /api/me`: who is signed in, their company, and the CSRF token for mutating requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: Person,
    pub role: Role,
    pub company: Company,
    /// Everyone a regular user can ask to install or change the integration.
    pub admins: Vec<Person>,
    /// Send it back in the `X-CSRF-Token` header of every POST, PUT and DELETE.
    pub csrf_token: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Regular,
    #[serde(other)]
    Unknown,
}

impl Role {
    /// Unknown roles get no admin actions: the safe default.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

/// A company account of the CRM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    pub id: String,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_trip;
    use serde_json::json;

    #[test]
    fn me_round_trips() {
        let haruto =
            Person { id: "u-haruto".into(), name: "Haruto Sato".into(), email: Some("haruto@example.com".into()) };
        let me = Me {
            user: haruto.clone(),
            role: Role::Admin,
            company: Company { id: "c-sakura".into(), name: "Sakura Trading".into() },
            admins: vec![haruto],
            csrf_token: "t".into(),
        };
        round_trip(
            &me,
            json!({
                "user": {"id": "u-haruto", "name": "Haruto Sato", "email": "haruto@example.com"},
                "role": "admin",
                "company": {"id": "c-sakura", "name": "Sakura Trading"},
                "admins": [{"id": "u-haruto", "name": "Haruto Sato", "email": "haruto@example.com"}],
                "csrf_token": "t"
            }),
        );
    }

    #[test]
    fn unknown_role_is_not_admin() {
        let role: Role = serde_json::from_value(json!("owner")).unwrap();
        assert_eq!(role, Role::Unknown);
        assert!(!role.is_admin());
    }
}
