//! Whose stored outbox and drafts these are: the scope of every key this browser stores. A browser may be shared: every stored key names
//! the company and the user (from `GET /api/me`), so one person's queued messages are never
//! sent or shown under another's session, and wait for their owner's next sign-in.

use contract::Me;

use super::safe_url::percent_encode;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageScope {
    company: String,
    user: String,
}

impl StorageScope {
    pub fn new(company: &str, user: &str) -> StorageScope {
        StorageScope { company: company.to_owned(), user: user.to_owned() }
    }

    pub fn of(me: &Me) -> StorageScope {
        StorageScope::new(&me.company.id, me.user.id.as_str())
    }

    /// `<prefix><company>/<user>:<id>`. Both names are percent-encoded, so neither can contain
    /// the separators and one owner's scope is never a prefix of another's.
    pub fn key(&self, prefix: &str, id: &str) -> String {
        format!("{prefix}{}/{}:{id}", percent_encode(&self.company, &[]), percent_encode(&self.user, &[]))
    }

    /// The id of one of this owner's keys; `None` for anyone else's, or another kind of key.
    pub fn id_in<'k>(&self, prefix: &str, key: &'k str) -> Option<&'k str> {
        key.strip_prefix(&self.key(prefix, ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_belong_to_exactly_one_owner() {
        let haruto = StorageScope::new("c-sakura", "u-haruto");
        let key = haruto.key("msg_ui_outbox:", "c-1");
        assert_eq!(key, "msg_ui_outbox:c-sakura/u-haruto:c-1");
        assert_eq!(haruto.id_in("msg_ui_outbox:", &key), Some("c-1"));
        assert_eq!(haruto.id_in("msg_ui_draft:", &key), None);
        for other in [
            StorageScope::new("c-sakura", "u-aiko"),
            StorageScope::new("c-kitami", "u-haruto"),
            // A user id that tries to reach into another scope.
            StorageScope::new("c-sakura", "u-haruto:c"),
            StorageScope::new("c-sakura/u-haruto", ""),
        ] {
            assert_eq!(other.id_in("msg_ui_outbox:", &key), None, "{other:?}");
        }
        // Ids from before scoping belong to nobody.
        assert_eq!(haruto.id_in("msg_ui_outbox:", "msg_ui_outbox:c-1"), None);
    }
}
