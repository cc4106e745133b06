use mommytrack_engine::bank::schema::{ID_PATTERN, SchemaKind, schema};
use serde_json::{Value, json};

#[test]
fn every_rule_names_a_field_of_the_generated_schema() {
    // `patch` asserts this in debug builds: generating them is the test.
    for kind in [SchemaKind::Bank, SchemaKind::Set] {
        let v = schema(kind);
        let mut found = Vec::new();
        objects(&v, String::new(), &mut found);
        assert!(!found.is_empty());
    }
}

#[test]
fn required_fields_are_never_null() {
    let v = schema(SchemaKind::Set);
    let q = &v["$defs"]["RawQuestion"];
    assert_eq!(q["required"], json!(["id", "prompt", "kind"]));
    assert_eq!(q["properties"]["id"]["pattern"], ID_PATTERN);
    assert!(q["properties"]["id"].get("anyOf").is_none());
    assert!(q["properties"]["help"].to_string().contains("null"));
}

/// Every object schema in `v` that names its properties, with the path to it.
fn objects(v: &Value, path: String, out: &mut Vec<(String, serde_json::Map<String, Value>)>) {
    match v {
        Value::Object(o) => {
            if o.contains_key("properties") {
                out.push((path.clone(), o.clone()));
            }
            for (k, c) in o {
                objects(c, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                objects(c, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}
