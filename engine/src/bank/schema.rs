//! The JSON Schemas of `mommytrack schema bank|set|answers`: generated
//! from the raw bank types ([`super::raw`]) and the answers-file types here by
//! schemars, then tightened with what validation requires of a single file,
//! so that an editor using the schema flags what `mommytrack validate`
//! refuses: required fields (never `null`), the `kind` and `severity`
//! enums, the id pattern, number ranges, which fields each `kind` takes,
//! and the condition grammar of `when`.
//!
//! What no schema can say is left to `validate`: references between files
//! (unknown or duplicate ids, forward references in `when`), band order,
//! scale labels against its points, options that cannot differ in score.

use serde_json::{Value, json};

use super::raw::{RawSet, RawSettings};
use super::validate::{MAX_COUNT, MAX_NUMBER};

/// What an id must look like (docs/question-banks.md, "Ids").
pub const ID_PATTERN: &str = "^[a-z][a-z0-9_]*$";

/// Each kind of question, the fields it needs and the fields it refuses:
/// what the schema says and validation checks.
pub const KIND_FIELDS: [(&str, &[&str], &[&str]); 5] = [
    ("choice", &["options"], &["scale", "reverse", "scores"]),
    ("multi", &["options"], &["scale", "reverse", "scores"]),
    ("scale", &["scale"], &["options", "scores"]),
    ("yesno", &[], &["options", "scale", "reverse"]),
    ("text", &[], &["options", "scale", "reverse", "scores"]),
];

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    Bank,
    Set,
    Answers,
    /// A result, as `assess --format json` writes it (docs/reports.md).
    Result,
    /// A comparison, as `compare --format json` writes it.
    Comparison,
    /// A summary, as `summarize --format json` writes it (docs/summaries.md).
    Summary,
    /// A history, as `history --format json` writes it (docs/reports.md).
    History,
}

/// The schema of one kind of file.
pub fn schema(kind: SchemaKind) -> Value {
    let generated = match kind {
        SchemaKind::Bank => schemars::schema_for!(RawSettings),
        SchemaKind::Set => schemars::schema_for!(RawSet),
        SchemaKind::Answers => schemars::schema_for!(AnswersFile),
        // What the tool writes: the types it serializes, as they are.
        SchemaKind::Result => schemars::schema_for!(crate::result::AssessmentResult),
        SchemaKind::Comparison => schemars::schema_for!(crate::compare::Comparison),
        SchemaKind::Summary => schemars::schema_for!(crate::summarize::Summary),
        SchemaKind::History => schemars::schema_for!(crate::history::History),
    };
    let mut v = serde_json::to_value(generated).unwrap_or(Value::Null);
    match kind {
        SchemaKind::Bank => tighten_bank(&mut v),
        SchemaKind::Set => tighten_set(&mut v),
        SchemaKind::Answers => {
            if let Some(o) = v.as_object_mut() {
                o.insert("propertyNames".into(), json!({ "pattern": ID_PATTERN }));
            }
        }
        SchemaKind::Result | SchemaKind::Comparison | SchemaKind::Summary | SchemaKind::History => {
        }
    }
    v
}

fn id() -> Value {
    json!({ "type": "string", "pattern": ID_PATTERN })
}

/// Text that is not blank.
fn text() -> Value {
    json!({ "type": "string", "pattern": "\\S" })
}

/// A day written `YYYY-MM-DD` (whether it exists is left to `validate`).
fn day() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}

fn number(min: f64, max: f64) -> Value {
    json!({ "type": "number", "minimum": min, "maximum": max })
}

fn count(min: i64) -> Value {
    json!({ "type": "integer", "minimum": min, "maximum": MAX_COUNT })
}

/// A non-null value of the given schema, or `null` (= left out).
fn optional(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// Sets an object schema's required fields and replaces the schemas of
/// some properties (required ones as they are, others also allowing
/// `null`, which the loader reads as "left out"). Panics in tests if a
/// property is not in the generated schema, so a renamed field cannot
/// leave its rule behind.
fn patch(obj: &mut Value, required: &[&str], props: Vec<(&str, Value)>) {
    let Some(o) = obj.as_object_mut() else {
        return;
    };
    if !required.is_empty() {
        o.insert("required".into(), json!(required));
    }
    let Some(Value::Object(properties)) = o.get_mut("properties") else {
        return;
    };
    for (name, mut schema) in props {
        debug_assert!(properties.contains_key(name), "no property `{name}`");
        let description = properties
            .get(name)
            .and_then(|p| p.get("description"))
            .cloned();
        if !required.contains(&name) {
            schema = optional(schema);
        }
        if let (Some(d), Some(s)) = (description, schema.as_object_mut()) {
            s.insert("description".into(), d);
        }
        properties.insert(name.into(), schema);
    }
}

fn def<'a>(v: &'a mut Value, name: &str) -> &'a mut Value {
    &mut v["$defs"][name]
}

fn list_of(def_name: &str, min_items: usize) -> Value {
    json!({ "type": "array", "items": { "$ref": format!("#/$defs/{def_name}") }, "minItems": min_items })
}

/// A mapping of ids to entries of type `def_name` (flags, topics).
fn by_id(def_name: &str) -> Value {
    json!({
        "type": "object",
        "propertyNames": { "pattern": ID_PATTERN },
        "additionalProperties": { "$ref": format!("#/$defs/{def_name}") }
    })
}

/// A list of bands: at least one, and one of them with `min: 0`.
fn bands() -> Value {
    json!({
        "type": "array",
        "items": { "$ref": "#/$defs/RawBand" },
        "minItems": 1,
        "contains": { "type": "object", "properties": { "min": { "const": 0 } }, "required": ["min"] }
    })
}

fn tighten_band(v: &mut Value) {
    patch(
        def(v, "RawBand"),
        &["verdict", "min"],
        vec![
            ("verdict", id()),
            ("min", number(0.0, 100.0)),
            ("label", text()),
        ],
    );
}

fn tighten_bank(v: &mut Value) {
    patch(
        v,
        &["title", "bands"],
        vec![
            ("title", text()),
            ("bands", bands()),
            ("flags", by_id("RawFlag")),
            ("advice", list_of("RawAdvice", 0)),
            ("min_coverage", number(0.0, 1.0)),
            ("max_next_steps", count(1)),
            ("start_here", count(0)),
            ("overall", json!({ "enum": ["dimensions", "items"] })),
            ("rights", json!({ "$ref": "#/$defs/RawRights" })),
        ],
    );
    tighten_band(v);
    patch(
        def(v, "RawRights"),
        &["question", "entries"],
        vec![
            ("question", id()),
            ("general", id()),
            ("topics", by_id("RawTopic")),
            ("entries", list_of("RawRightsEntry", 0)),
        ],
    );
    patch(
        def(v, "RawTopic"),
        &[],
        vec![
            ("priority", count(1)),
            ("when", json!({ "$ref": "#/$defs/AdviceCondition" })),
        ],
    );
    patch(
        def(v, "RawRightsEntry"),
        &["id", "topic", "region", "title", "detail", "source"],
        vec![
            ("id", id()),
            ("topic", id()),
            (
                "region",
                json!({ "anyOf": [id(), { "type": "array", "items": id(), "minItems": 1 }] }),
            ),
            ("title", text()),
            ("detail", text()),
            ("when", json!({ "$ref": "#/$defs/AdviceCondition" })),
            ("checked", day()),
        ],
    );
    patch(
        def(v, "RawFlag"),
        &["severity", "title"],
        vec![
            ("severity", json!({ "enum": ["red", "green"] })),
            ("title", text()),
            ("caps_verdict", id()),
        ],
    );
    patch(
        def(v, "RawAdvice"),
        &["id", "title"],
        vec![
            ("id", id()),
            ("title", text()),
            ("group", id()),
            ("when", json!({ "$ref": "#/$defs/AdviceCondition" })),
            ("checked", day()),
        ],
    );
    conditions(v, true);
}

fn tighten_set(v: &mut Value) {
    patch(
        v,
        &["id", "title", "questions"],
        vec![
            ("id", id()),
            ("title", text()),
            ("weight", number(0.0, MAX_NUMBER)),
            ("min_answered", count(0)),
            ("bands", bands()),
            ("questions", list_of("RawQuestion", 1)),
        ],
    );
    tighten_band(v);
    let question = def(v, "RawQuestion");
    patch(
        question,
        &["id", "prompt", "kind"],
        vec![
            ("id", id()),
            ("prompt", text()),
            (
                "kind",
                json!({ "enum": ["choice", "multi", "scale", "yesno", "text"] }),
            ),
            (
                "weight",
                json!({ "type": "number", "exclusiveMinimum": 0, "maximum": MAX_NUMBER }),
            ),
            ("when", json!({ "$ref": "#/$defs/QuestionCondition" })),
            ("options", list_of("RawOption", 1)),
            ("checked", day()),
        ],
    );
    // Which fields each kind takes, and needs.
    let kind_rule = |kind: &str, needs: &[&str], refuses: &[&str]| {
        let mut then = json!({ "required": needs, "properties": {} });
        for f in refuses {
            then["properties"][*f] = json!(false);
        }
        json!({ "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] }, "then": then })
    };
    let mut rules: Vec<Value> = KIND_FIELDS
        .iter()
        .map(|(kind, needs, refuses)| kind_rule(kind, needs, refuses))
        .collect();
    // A choice needs two options to choose between.
    rules[0]["then"]["properties"]["options"] = json!({ "minItems": 2 });
    if let Some(q) = question.as_object_mut() {
        q.insert("allOf".into(), Value::Array(rules));
    }
    patch(
        def(v, "RawOption"),
        &["id", "label"],
        vec![
            ("id", id()),
            ("label", text()),
            ("score", number(-MAX_NUMBER, MAX_NUMBER)),
            ("flag", id()),
        ],
    );
    let whole = json!({ "type": "integer" });
    patch(
        def(v, "RawScale"),
        &["min", "max"],
        vec![("min", whole.clone()), ("max", whole)],
    );
    let score = number(-MAX_NUMBER, MAX_NUMBER);
    patch(
        def(v, "RawScores"),
        &[],
        vec![("yes", score.clone()), ("no", score)],
    );
    conditions(v, false);
}

/// The condition grammar (docs/question-banks.md, "Conditions"): a question's `when`
/// may only test answers; an advice entry's may also test flags,
/// dimensions and the overall score.
fn conditions(v: &mut Value, advice: bool) {
    let name = if advice {
        "AdviceCondition"
    } else {
        "QuestionCondition"
    };
    let me = format!("#/$defs/{name}");
    let closed = |props: Value, required: &[&str]| json!({ "type": "object", "properties": props, "required": required, "additionalProperties": false });
    let value = json!({ "type": ["string", "number", "boolean"] });
    let mut forms = vec![
        closed(json!({ "answer": id(), "is": value }), &["answer", "is"]),
        closed(
            json!({ "answer": id(), "in": { "type": "array", "items": value } }),
            &["answer", "in"],
        ),
        closed(
            json!({ "answer": id(), "includes": { "type": "string" } }),
            &["answer", "includes"],
        ),
        closed(
            json!({ "answer": id(), "answered": { "type": "boolean" } }),
            &["answer", "answered"],
        ),
    ];
    for list in ["all", "any"] {
        let items = json!({ "type": "array", "items": { "$ref": me }, "minItems": 1 });
        forms.push(closed(json!({ list: items }), &[list]));
    }
    forms.push(closed(json!({ "not": { "$ref": me } }), &["not"]));
    if advice {
        let bound = json!({ "type": "number" });
        let mut dim = closed(
            json!({ "dimension": id(), "below": bound, "at_least": bound }),
            &["dimension"],
        );
        dim["anyOf"] = json!([{ "required": ["below"] }, { "required": ["at_least"] }]);
        let mut overall = closed(json!({ "below": bound, "at_least": bound }), &[]);
        overall["anyOf"] = json!([{ "required": ["below"] }, { "required": ["at_least"] }]);
        forms.push(closed(json!({ "flag": id() }), &["flag"]));
        forms.push(dim);
        forms.push(closed(json!({ "overall": overall }), &["overall"]));
    }
    v["$defs"][name] = json!({
        "description": "A condition: see \"Conditions\" in docs/question-banks.md.",
        "oneOf": forms
    });
}

/// One answer as an answers file may write it, for the file's JSON Schema.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    /// choice: an option id; text: any text.
    Text(String),
    /// multi: option ids ([] for none).
    Options(Vec<String>),
    /// scale: a whole number in the question's range.
    Number(i64),
    /// yesno.
    YesNo(bool),
}

/// An answers file: question id → answer; `null` skips the question.
#[derive(serde::Serialize, schemars::JsonSchema)]
#[schemars(title = "mommytrack answers file")]
pub struct AnswersFile(pub std::collections::BTreeMap<String, Option<AnswerValue>>);
