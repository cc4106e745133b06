use mommytrack_engine::bank::raw::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The field lists drive the unknown-field check: `fields` must give,
/// for every raw struct, exactly the fields serde reads and writes, in the
/// struct's order (the order "valid fields:" lists them in).
#[test]
fn field_lists_are_the_structs_fields() {
    fn check<T: Serialize + DeserializeOwned + Default>() {
        let written = match serde_json::to_value(T::default()).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect::<Vec<_>>(),
            _ => unreachable!(),
        };
        assert!(!written.is_empty());
        assert_eq!(fields::<T>(), written, "{}", std::any::type_name::<T>());
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
    // Not a struct: no fields.
    assert!(fields::<String>().is_empty());
}
