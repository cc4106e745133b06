use mommytrack_engine::bank::raw::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The JSON Schemas drive the unknown-field check: for every raw struct,
/// the schema's properties must be exactly the fields serde reads and
/// writes, in the struct's order (the order "valid fields:" lists them in).
#[test]
fn schema_fields_are_the_structs_fields() {
    fn check<T: Serialize + DeserializeOwned + Default + schemars::JsonSchema>() {
        let written = match serde_json::to_value(T::default()).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect::<Vec<_>>(),
            _ => unreachable!(),
        };
        assert!(!written.is_empty());
        let schema = schemars::schema_for!(T).to_value();
        let listed: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(listed, written, "{}", std::any::type_name::<T>());
    }
    check::<RawSettings>();
    check::<RawBand>();
    check::<RawFlag>();
    check::<RawAdvice>();
    check::<RawRights>();
    check::<RawTopic>();
    check::<RawRightsEntry>();
    check::<RawTogether>();
    check::<RawSet>();
    check::<RawQuestion>();
    check::<RawOption>();
    check::<RawScale>();
    check::<RawScores>();
    check::<RawRetired>();
    check::<RawRetiredValue>();
    check::<RawListenFor>();
    check::<RawProspective>();
}
