//! Reading a bank file: the parser's tree (its syntax errors and limits),
//! unknown keys (each with the closest valid one) and the typed form, in
//! words a bank author can act on.

use std::cell::OnceCell;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use super::context::{Ctx, SourceFile};
use super::{MAX_PROBLEMS, SETTINGS_FILE};
use crate::error::Problem;
use crate::yaml::{Node, Value};

/// A bank file read: its typed form, and the parser's tree it was read
/// from, which knows where each entry stands.
pub(super) struct Parsed<T> {
    pub(super) typed: T,
    pub(super) node: Node,
}

/// Reads a file: the parser's tree (within what is left of the bank's
/// `budget`, which this file's nodes and text are taken from), then the
/// typed form. The raw types refuse unknown fields, so only a file whose
/// typed read fails is searched for unknown keys (the fields are those of
/// `T`'s JSON Schema, made into `schema` the first time it is needed);
/// each is reported with the closest valid one and left out, and the rest
/// is read again. With none, the wrong type is reported, at its place.
pub(super) fn parse_file<T: DeserializeOwned + JsonSchema>(
    f: &SourceFile,
    budget: &mut crate::yaml::Allowance,
    problems: &mut Vec<Problem>,
    schema: &OnceCell<Json>,
) -> Option<Parsed<T>> {
    let ctx = Ctx::new(f);
    let mut node = match crate::yaml::parse(&f.text, budget) {
        Ok(node) => node,
        Err(e) => {
            let hint = if e.limit {
                "is this a bank file? a question set nests a few levels deep and writes its values out"
            } else {
                "fix the YAML syntax (indentation, quotes, colons)"
            };
            problems.push(ctx.problem(e.message, e.pos).hint(hint));
            return None;
        }
    };
    match &node.value {
        Value::Map(_) => {}
        Value::Null => {
            let hint = "fill it in, or remove it from the bank folder";
            problems.push(Problem::new(&f.name, "the file is empty").hint(hint));
            return None;
        }
        other => {
            // A file that is not YAML at all may be anything (a key, a
            // password file): quote only its start.
            let found = match other {
                Value::Str(t) => format!(
                    "text starting \"{}\"",
                    crate::yaml::shorten(&crate::sanitize::inline(t.trim()), 9)
                ),
                _ => crate::yaml::describe(&node),
            };
            let why = format!("a bank file holds a mapping of fields, found {found}");
            let hint = "start the file with `title:` (bank.yaml) or `id:` (a question set)";
            problems.push(ctx.problem(why, Some(node.pos)).hint(hint));
            return None;
        }
    }
    if let Ok(typed) = crate::yaml::typed::<T>(&node) {
        return Some(Parsed { typed, node });
    }
    let schema = schema.get_or_init(|| schemars::schema_for!(T).to_value());
    let mut found = Vec::new();
    unknown_keys(
        &mut node,
        schema,
        schema,
        words(&T::schema_name()),
        &ctx,
        &mut found,
    );
    let unknown = !found.is_empty();
    problems.append(&mut found);
    match crate::yaml::typed::<T>(&node) {
        Ok(typed) => Some(Parsed { typed, node }),
        Err(e) => {
            // An unknown key already reported may also upset the typed read.
            if !unknown {
                let (message, id) = type_error(&e, &node);
                // Where to read what a field may hold: a command that works when pasted.
                let kind = if f.file_name == SETTINGS_FILE {
                    "bank"
                } else {
                    "set"
                };
                let hint = format!(
                    "`mommytrack schema {kind}` lists every field this file may have and what it takes"
                );
                problems.push(ctx.problem(message, e.pos).id_opt(id.as_deref()).hint(hint));
            }
            None
        }
    }
}

/// A typed-read error in words: the field's path, what was found and what
/// the field takes (not Rust type names), and the id of the question,
/// advice entry or flag it belongs to, read from the file's tree.
fn type_error(e: &crate::yaml::TypeError, root: &Node) -> (String, Option<String>) {
    let mut text = e.message.clone();
    for (rust, words) in [
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected a borrowed string", "expected text"),
        ("expected a string", "expected text"),
        ("expected struct ", "expected a mapping of fields: "),
        ("expected a map", "expected a mapping of fields"),
        (
            "data did not match any variant of untagged enum OneOrMany",
            "expected a text or a list of texts",
        ),
    ] {
        text = text.replace(rust, words);
    }
    // `questions[3].weight` → the id of questions[3]; `flags.x.title` → x.
    let id = match e.path.as_slice() {
        [list, n, ..] if n.parse::<usize>().is_ok() => root
            .get(list)
            .and_then(|l| l.items().get(n.parse::<usize>().ok()?))
            .and_then(|entry| entry.get("id")?.as_str())
            .map(str::to_string),
        [flags, id, ..] if flags == "flags" => Some(id.clone()),
        _ => None,
    };
    let mut path = String::new();
    for step in &e.path {
        if step.parse::<usize>().is_ok() {
            path += &format!("[{step}]");
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path += &crate::sanitize::id(step);
        }
    }
    let message = if path.is_empty() {
        text
    } else {
        format!("`{path}`: {text}")
    };
    (message, id)
}

/// What problems call the mappings of a bank file, by their raw types.
const WHAT: &[(&str, &str)] = &[
    ("RawSettings", "bank.yaml"),
    ("RawBand", "band"),
    ("RawFlag", "flag"),
    ("RawAdvice", "advice entry"),
    ("RawRetired", "retired entry"),
    ("RawRetiredValue", "retired value"),
    ("RawTogether", "together entry"),
    ("RawRights", "rights section"),
    ("RawTopic", "rights topic"),
    ("RawRightsEntry", "rights entry"),
    ("RawSet", "question set"),
    ("RawQuestion", "question"),
    ("RawOption", "option"),
    ("RawScale", "scale"),
    ("RawScores", "scores"),
    ("RawListenFor", "listen_for"),
    ("RawProspective", "prospective"),
];

/// What problems call the raw type `name`.
fn words(name: &str) -> &str {
    WHAT.iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, w)| w)
}

/// Reports, in file order, the keys of `node` and below that no field of
/// their raw type names, each with the closest valid one, and takes them
/// out of `node` (a key that is not a name stays, for the typed read to
/// refuse). The fields come from the raw types' JSON Schema (`root`;
/// `schema` is the part for `node`, whose type problems call `what`), so
/// this check and `mommytrack schema` cannot disagree. At most
/// [`MAX_PROBLEMS`] a file are reported (past them, keys are only taken
/// out), so a file of nothing but unknown keys costs no more than one with 100.
fn unknown_keys(
    node: &mut Node,
    schema: &Json,
    root: &Json,
    what: &str,
    ctx: &Ctx,
    p: &mut Vec<Problem>,
) {
    if let Some(name) = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return unknown_keys(node, &root["$defs"][name], root, words(name), ctx, p);
    }
    if let Some(shapes) = schema["anyOf"].as_array() {
        return shapes
            .iter()
            .for_each(|s| unknown_keys(node, s, root, what, ctx, p));
    }
    let id = node.get("id").and_then(Node::as_str).map(str::to_string);
    let entries = match &mut node.value {
        Value::Seq(items) => {
            items
                .iter_mut()
                .for_each(|i| unknown_keys(i, &schema["items"], root, what, ctx, p));
            return;
        }
        Value::Map(entries) => entries,
        _ => return,
    };
    let Some(fields) = schema["properties"].as_object() else {
        // A mapping of ids to entries (flags, topics).
        for (_, v) in entries {
            unknown_keys(v, &schema["additionalProperties"], root, what, ctx, p);
        }
        return;
    };
    entries.retain_mut(|(k, v)| {
        let Some(name) = k.as_str() else {
            if p.len() < MAX_PROBLEMS {
                let found = crate::yaml::describe(k);
                let why = format!("a {what} has a key that is not a name: {found}");
                p.push(ctx.problem(why, Some(k.pos)));
            }
            return true;
        };
        if let Some(field) = fields.get(name) {
            unknown_keys(v, field, root, what, ctx, p);
            return true;
        }
        if p.len() < MAX_PROBLEMS {
            let known: Vec<&str> = fields.keys().map(String::as_str).collect();
            let why = format!("unknown field `{}` in a {what}", crate::sanitize::id(name));
            let near = crate::error::did_you_mean(name, known.iter().copied());
            let hint = format!("{near}valid fields: {}", known.join(", "));
            let at = Some(k.pos);
            p.push(ctx.problem(why, at).id_opt(id.as_deref()).hint(hint));
        }
        false
    });
}
