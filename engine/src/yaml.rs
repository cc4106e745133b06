//! Reading YAML: the parser and the typed view are the `mommytrack_yaml`
//! crate (engine/yaml), so that the parser's generic code is compiled
//! there, optimised, apart from the rest of the engine; here, how a value
//! is named in a message.
pub use mommytrack_yaml::*;

/// A short description of a value for messages.
pub fn describe(v: &Node) -> String {
    match &v.value {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Int(n) => format!("the number {n}"),
        Value::Float(n) => format!("the number {}", Number(*n)),
        Value::Str(s) => format!("\"{}\"", crate::sanitize::id(&shorten(s, 40))),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
    }
}
