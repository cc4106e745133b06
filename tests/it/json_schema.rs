//! A JSON Schema (2020-12) validator for the keywords our checked-in
//! schemas use, independent of the program (which never reads them): the
//! tests check what mommytrack writes, and the bank files people edit,
//! against `schema/*.json` the way an editor would. A keyword it does not
//! know fails the test that meets it, so a schema that grows one cannot
//! pass unchecked; `format` is an annotation here, as in 2020-12's default.
//! Its own tests below hold every keyword to a document it must refuse.

use serde_json::{Map, Value};

/// A schema document, checked against documents with [`Validator::errors`].
pub struct Validator {
    root: Value,
}

/// A validator for `schema`, refusing a schema with a keyword or a `$ref`
/// it does not know.
pub fn validator_for(schema: &Value) -> Validator {
    let v = Validator {
        root: schema.clone(),
    };
    // Walk every subschema once, so an unknown keyword fails even where
    // no document reaches it.
    v.known(schema, "#");
    v
}

const ANNOTATIONS: [&str; 7] = [
    "$schema",
    "title",
    "description",
    "default",
    "format",
    "examples",
    "$defs",
];

impl Validator {
    /// Every problem of `doc`, each with the path of the value at fault.
    pub fn errors(&self, doc: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.check(&self.root, doc, "", &mut out);
        out
    }

    /// Whether `doc` is valid.
    pub fn is_valid(&self, doc: &Value) -> bool {
        self.errors(doc).is_empty()
    }

    fn known(&self, schema: &Value, at: &str) {
        let Value::Object(s) = schema else {
            assert!(
                schema.is_boolean(),
                "{at}: a schema is an object or a boolean"
            );
            return;
        };
        for (k, v) in s {
            let at = format!("{at}/{k}");
            match k.as_str() {
                "properties" | "$defs" => {
                    for (name, sub) in v.as_object().expect("an object") {
                        self.known(sub, &format!("{at}/{name}"));
                    }
                }
                "anyOf" | "oneOf" | "allOf" => {
                    for (i, sub) in v.as_array().expect("an array").iter().enumerate() {
                        self.known(sub, &format!("{at}/{i}"));
                    }
                }
                "items"
                | "additionalProperties"
                | "propertyNames"
                | "contains"
                | "if"
                | "then"
                | "else" => self.known(v, &at),
                "$ref" => {
                    self.resolve(v);
                }
                "pattern" => {
                    regex::Regex::new(v.as_str().expect("a string")).expect("a valid pattern");
                }
                "type" | "required" | "const" | "enum" | "minimum" | "maximum"
                | "exclusiveMinimum" | "exclusiveMaximum" | "minItems" | "maxItems" => {}
                k if ANNOTATIONS.contains(&k) => {}
                k => panic!("{at}: the keyword `{k}` is not known to the tests' validator"),
            }
        }
    }

    fn resolve(&self, reference: &Value) -> &Value {
        let r = reference.as_str().expect("a string");
        let name = r
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("$ref {r}: only #/$defs/… is known"));
        &self.root["$defs"][name]
    }

    fn check(&self, schema: &Value, doc: &Value, at: &str, out: &mut Vec<String>) {
        let s: &Map<String, Value> = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return out.push(format!("{at}: no value is allowed here")),
            Value::Object(s) => s,
            _ => unreachable!("checked by `known`"),
        };
        let mut fail = |why: String| out.push(format!("{at}: {why}"));
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                t => t
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .collect(),
            };
            if !types.iter().any(|t| is_type(doc, t)) {
                fail(format!("{doc} is not of type {t}"));
            }
        }
        if let Some(c) = s.get("const")
            && !same(c, doc)
        {
            fail(format!("{doc} is not {c}"));
        }
        if let Some(e) = s.get("enum")
            && !e.as_array().unwrap().iter().any(|e| same(e, doc))
        {
            fail(format!("{doc} is not one of {e}"));
        }
        if let Some(x) = doc.as_f64() {
            let bound = |k: &str| s.get(k).and_then(Value::as_f64);
            if bound("minimum").is_some_and(|m| x < m)
                || bound("maximum").is_some_and(|m| x > m)
                || bound("exclusiveMinimum").is_some_and(|m| x <= m)
                || bound("exclusiveMaximum").is_some_and(|m| x >= m)
            {
                fail(format!("{doc} is out of range"));
            }
        }
        if let (Some(p), Some(text)) = (s.get("pattern"), doc.as_str())
            && !regex::Regex::new(p.as_str().unwrap())
                .unwrap()
                .is_match(text)
        {
            fail(format!("{doc} does not match {p}"));
        }
        if let Some(items) = doc.as_array() {
            let count = |k: &str| s.get(k).and_then(Value::as_u64).map(|n| n as usize);
            if count("minItems").is_some_and(|n| items.len() < n)
                || count("maxItems").is_some_and(|n| items.len() > n)
            {
                fail(format!("{} items is too few or too many", items.len()));
            }
            if let Some(c) = s.get("contains")
                && !items.iter().any(|i| self.valid(c, i))
            {
                fail("no item is of the kind it must contain".to_string());
            }
            if let Some(item) = s.get("items") {
                for (i, d) in items.iter().enumerate() {
                    self.check(item, d, &format!("{at}/{i}"), out);
                }
            }
        }
        if let Some(object) = doc.as_object() {
            let mut fail = |why: String| out.push(format!("{at}: {why}"));
            for r in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !object.contains_key(r.as_str().unwrap()) {
                    fail(format!("{r} is required"));
                }
            }
            let properties = s.get("properties").and_then(Value::as_object);
            for (k, d) in object {
                let at = format!("{at}/{k}");
                if let Some(names) = s.get("propertyNames") {
                    self.check(names, &Value::String(k.clone()), &at, out);
                }
                match properties.and_then(|p| p.get(k)) {
                    Some(sub) => self.check(sub, d, &at, out),
                    None => {
                        if let Some(extra) = s.get("additionalProperties") {
                            self.check(extra, d, &at, out);
                        }
                    }
                }
            }
        }
        if let Some(r) = s.get("$ref") {
            self.check(self.resolve(r), doc, at, out);
        }
        for sub in s
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.check(sub, doc, at, out);
        }
        if let Some(any) = s.get("anyOf").and_then(Value::as_array)
            && !any.iter().any(|sub| self.valid(sub, doc))
        {
            out.push(format!("{at}: {doc} is none of anyOf"));
        }
        if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
            let n = one.iter().filter(|sub| self.valid(sub, doc)).count();
            if n != 1 {
                out.push(format!("{at}: {doc} is {n} of oneOf, not one"));
            }
        }
        if let Some(cond) = s.get("if") {
            let then = if self.valid(cond, doc) {
                "then"
            } else {
                "else"
            };
            if let Some(sub) = s.get(then) {
                self.check(sub, doc, at, out);
            }
        }
    }

    fn valid(&self, schema: &Value, doc: &Value) -> bool {
        let mut out = Vec::new();
        self.check(schema, doc, "", &mut out);
        out.is_empty()
    }
}

fn is_type(doc: &Value, t: &str) -> bool {
    match t {
        "null" => doc.is_null(),
        "boolean" => doc.is_boolean(),
        "string" => doc.is_string(),
        "array" => doc.is_array(),
        "object" => doc.is_object(),
        "number" => doc.is_number(),
        // 2020-12: a number with no fraction, 1.0 as well as 1.
        "integer" => doc.is_i64() || doc.is_u64() || doc.as_f64().is_some_and(|x| x.fract() == 0.0),
        t => panic!("the type `{t}` is not known to the tests' validator"),
    }
}

/// JSON equality, numbers by value (1 and 1.0 are the same).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (a, b) => a == b,
    }
}

/// Each keyword refuses a document that breaks it and takes one that
/// keeps it; an unknown keyword or `$ref` is refused outright.
#[test]
fn every_keyword_can_refuse() {
    use serde_json::json;
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["id"],
        "additionalProperties": false,
        "properties": {
            "id": { "type": "string", "pattern": "^[a-z]+$" },
            "n": { "type": ["integer", "null"], "minimum": 1, "maximum": 5 },
            "x": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
            "kind": { "enum": ["a", "b"] },
            "v": { "const": 2 },
            "list": { "type": "array", "items": { "$ref": "#/$defs/item" },
                      "minItems": 1, "maxItems": 2, "contains": { "const": "z" } },
            "map": { "type": "object", "propertyNames": { "pattern": "^k" },
                     "additionalProperties": { "type": "boolean" } },
            "any": { "anyOf": [{ "type": "string" }, { "type": "boolean" }] },
            "one": { "oneOf": [{ "type": "integer" }, { "type": "number" }] },
            "all": { "allOf": [{ "minimum": 2 }, { "maximum": 3 }] },
            "cond": { "if": { "const": 1 }, "then": { "type": "integer" },
                      "else": { "type": "string" } }
        },
        "$defs": { "item": { "type": "string", "format": "uint" } }
    });
    let v = validator_for(&schema);
    let good = json!({"id": "ab", "n": 5.0, "x": 0.5, "kind": "b", "v": 2.0,
        "list": ["z"], "map": {"k1": true}, "any": false, "one": 1.5, "all": 3, "cond": "s"});
    assert_eq!(v.errors(&good), Vec::<String>::new());
    for (key, bad) in [
        ("id", json!("Ab")),
        ("id", json!(1)),
        ("n", json!(0)),
        ("n", json!(6)),
        ("n", json!(1.5)),
        ("x", json!(0)),
        ("x", json!(1)),
        ("kind", json!("c")),
        ("v", json!(3)),
        ("list", json!([])),
        ("list", json!(["z", "z", "z"])),
        ("list", json!(["y"])),
        ("list", json!(["z", 1])),
        ("map", json!({"j": true})),
        ("map", json!({"k": 1})),
        ("any", json!(1)),
        ("one", json!(1)),
        ("all", json!(4)),
        ("cond", json!(2)),
        ("extra", json!(1)),
    ] {
        let mut doc = good.clone();
        doc[key] = bad.clone();
        assert!(!v.is_valid(&doc), "{key}: {bad} was taken");
    }
    let mut doc = good.clone();
    doc.as_object_mut().unwrap().remove("id");
    assert!(!v.is_valid(&doc), "a missing required field was taken");
    assert!(!v.is_valid(&json!([])), "an array for an object was taken");
    for unknown in [
        json!({ "uniqueItems": true }),
        json!({ "$ref": "other.json#/x" }),
        json!({ "items": { "not": {} } }),
    ] {
        let refused = std::panic::catch_unwind(|| validator_for(&unknown)).is_err();
        assert!(refused, "{unknown} was taken as a known schema");
    }
}
