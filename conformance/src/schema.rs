//! The kit's own copy of the OpenAPI document (`conformance/openapi.json`, the dev backend's,
//! checked equal by the conformance tests): bodies are validated against its response schemas,
//! and a backend's served document is compared with it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

pub const OWN_COPY: &str = include_str!("../openapi.json");

type Key = (String, String, u16);

pub struct Spec {
    doc: Value,
    validators: Mutex<HashMap<Key, Arc<jsonschema::Validator>>>,
}

impl Spec {
    pub fn own() -> Spec {
        Spec {
            doc: serde_json::from_str(OWN_COPY).expect("the kit's OpenAPI copy is JSON"),
            validators: Mutex::default(),
        }
    }

    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// Whether `body` matches the schema the document gives for this answer.
    pub fn check(&self, method: &str, template: &'static str, status: u16, body: &Value) -> Result<(), String> {
        let method = method.to_ascii_lowercase();
        let schema = || {
            self.doc["paths"][template][&method]["responses"][status.to_string()]["content"]["application/json"]
                ["schema"]
                .clone()
        };
        self.validate((method.clone(), template.to_owned(), status), schema, body)
            .map_err(|e| e.replace("{where}", &format!("{status} to {method} {template}")))
    }

    /// Whether `body` matches one of the document's named schemas (`ErrorBody`).
    pub fn check_component(&self, name: &str, body: &Value) -> Result<(), String> {
        let schema = || json!({ "$ref": format!("#/components/schemas/{name}") });
        self.validate(("component".into(), name.to_owned(), 0), schema, body).map_err(|e| e.replace("{where}", name))
    }

    fn validate(&self, key: Key, schema: impl FnOnce() -> Value, body: &Value) -> Result<(), String> {
        let cached = self.validators.lock().expect("not poisoned").get(&key).cloned();
        let validator = match cached {
            Some(v) => v,
            None => {
                let schema = schema();
                if schema.is_null() {
                    return Err("the OpenAPI document has no schema for {where}".into());
                }
                // The response's schema, with the components its `$ref`s point into.
                let root = json!({ "allOf": [schema], "components": self.doc["components"] });
                let v = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .build(&root)
                    .map_err(|e| format!("the kit's schema does not build: {e}"))?;
                let v = Arc::new(v);
                self.validators.lock().expect("not poisoned").insert(key, v.clone());
                v
            }
        };
        let errors: Vec<String> =
            validator.iter_errors(body).take(5).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("does not match the OpenAPI schema: {}", errors.join("; ")))
        }
    }
}

/// Where two documents differ, as JSON pointers; at most `limit`.
pub fn differences(ours: &Value, theirs: &Value, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    walk(ours, theirs, String::new(), &mut out, limit);
    out
}

fn walk(ours: &Value, theirs: &Value, at: String, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match b.get(key) {
                    Some(other) => walk(value, other, here, out, limit),
                    None if out.len() < limit => out.push(format!("{here}: missing from the served document")),
                    None => {}
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                if out.len() < limit {
                    out.push(format!("{at}/{key}: only in the served document"));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                walk(x, y, format!("{at}/{i}"), out, limit);
            }
        }
        (a, b) if a != b => out.push(format!("{}: {a} here, {b} served", if at.is_empty() { "/" } else { &at })),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_lacks_a_required_field_fails_its_schema() {
        let spec = Spec::own();
        let me = json!({"user": {"id": "u", "name": "N"}, "role": "admin", "admins": [], "csrf_token": "t"});
        let err = spec.check("GET", "/api/me", 200, &me).unwrap_err();
        assert!(err.contains("company"), "{err}");
    }

    #[test]
    fn differences_name_their_place() {
        let ours = json!({"info": {"version": "1"}, "paths": {"/a": {}}});
        let theirs = json!({"info": {"version": "2"}, "paths": {"/b": {}}});
        let found = differences(&ours, &theirs, 10);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("/info/version"), "{found:?}");
        assert!(found[1].starts_with("/paths/~1a: missing"), "{found:?}");
    }
}
