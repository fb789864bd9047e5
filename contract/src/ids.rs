//! Ids as types: a conversation id passed where a Page id belongs is a compile error.
//! Each is `#[serde(transparent)]`, so the JSON is the plain string it always was.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        /// Lets a `HashMap<Id, _>` be read with a `&str` from a URL or storage.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// A Facebook Page.
    PageId
);
id_type!(
    /// A conversation with one customer through one Page.
    ConversationId
);
id_type!(
    /// A message, as the server names it.
    MessageId
);
id_type!(
    /// The sender's idempotency key for a message, made by the client before its first attempt.
    ClientMessageId
);
id_type!(
    /// A photo, file or other attachment, as the backend names it.
    AttachmentId
);
id_type!(
    /// A person of the company account (an admin, an agent).
    PersonId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_plain_string_on_the_wire() {
        let id = PageId::new("p1");
        assert_eq!(serde_json::to_value(&id).unwrap(), serde_json::json!("p1"));
        assert_eq!(serde_json::from_value::<PageId>(serde_json::json!("p1")).unwrap(), id);
        assert!(serde_json::from_value::<PageId>(serde_json::json!(1)).is_err());
        assert_eq!(id, "p1");
        assert_eq!(id.to_string(), "p1");
    }
}
