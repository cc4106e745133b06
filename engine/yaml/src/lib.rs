//! Reading YAML: the one way a bank file, an answers file or a draft's
//! answers are parsed. The parser (serde-saphyr) builds a tree of
//! [`Node`]s, each with the line and column it was written at, within a
//! budget that bounds the work any file can cause: nodes (aliases
//! expanded), nesting, documents. Problems found later name the place the
//! parser recorded; nothing here scans the text itself. It sits below the
//! engine's bank and answers file, which both read values with it (as
//! `mommytrack_engine::yaml`): a crate of its own so that the parser's
//! generic code is compiled here, optimised, and not with the rest of the
//! engine (see the workspace's `Cargo.toml`).
use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Where a node was written: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn pair(self) -> (usize, usize) {
        (self.line, self.column)
    }
}

/// A parsed value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    /// The bytes of the text the parser read this node from (an alias
    /// reads as its anchor's), as `start..end`; empty when unknown.
    pub span: std::ops::Range<usize>,
    pub value: Value,
}

/// A YAML value. Mapping entries keep their order and their keys' places.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }
    /// The key node and value of `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }
    /// Where `key` is written in a mapping.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entry(key).map(|(k, _)| k.pos)
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// The items of a sequence; none for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }
    pub fn is_null(&self) -> bool {
        self.value == Value::Null
    }
    /// How many nodes this one holds, itself and mapping keys included.
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|(k, v)| k.count() + v.count()).sum(),
            _ => 0,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// What an input may still hold once its aliases are expanded: nodes
/// (scalars, sequences and mappings) and bytes of text (scalars and keys).
/// A bank's files share one allowance; [`parse`] takes what a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub nodes: usize,
    pub text: usize,
    /// The text and the nodes the whole input may hold, for the message
    /// that refuses it.
    text_cap: usize,
    nodes_cap: usize,
}

impl Allowance {
    pub fn new(nodes: usize, text: usize) -> Self {
        Allowance {
            nodes,
            text,
            text_cap: text,
            nodes_cap: nodes,
        }
    }
}

thread_local! {
    /// The bytes of text the parse under way may still hand over, aliases
    /// expanded, and whether it asked for more (see [`parse`]). The parser
    /// counts an alias as the nodes it stands for but not as their bytes:
    /// this counts them as the tree is built. `None` outside a parse.
    static TEXT_LEFT: Cell<Option<(usize, bool)>> = const { Cell::new(None) };
}

/// Takes `n` bytes of text from the parse under way; an error once it
/// holds more than its allowance (before the text is copied).
fn take_text<E: de::Error>(n: usize) -> Result<(), E> {
    TEXT_LEFT.with(|left| match left.get() {
        Some((l, _)) if n > l => {
            left.set(Some((0, true)));
            Err(E::custom("too much text once aliases are expanded"))
        }
        Some((l, _)) => {
            left.set(Some((l - n, false)));
            Ok(())
        }
        None => Ok(()),
    })
}

/// What the parser may do for one input of at most `nodes` scalars,
/// sequences and mappings. Every limit counts what the parser hands over
/// after expanding aliases, so a small file cannot stand for a large one
/// (the bytes of text it hands over are counted by [`take_text`]).
fn options(nodes: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: nodes,
            max_events: nodes * 2 + 16,
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_documents: 1,
            max_recorded_anchor_events: nodes,
            max_recorded_anchor_bytes: 8 * 1024 * 1024,
            simple_key_max_lookahead: MAX_KEY,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: nodes * 2,
        },
        with_snippet: false,
        strict_booleans: true,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    }
}

/// The longest key the parser reads (YAML's own limit is 1,024
/// characters): a longer id is read, then refused in words with its
/// place, where a key past this limit is a syntax error. It also bounds
/// what the parser holds while it finds where a key ends.
pub const MAX_KEY: usize = 64 * 1024;

/// The deepest nesting of lists and mappings any file may have: a bank
/// file nests a few levels deep, an answers file two.
pub const MAX_DEPTH: usize = 32;

/// A YAML file that could not be read: what the parser said, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub pos: Option<Pos>,
    /// The file went past a limit (nesting, size, aliases, documents)
    /// rather than breaking a rule of YAML.
    pub limit: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses one YAML document within what is left of `allowance` (aliases
/// expanded), and takes from it the nodes and text the document holds.
pub fn parse(text: &str, allowance: &mut Allowance) -> Result<Node, SyntaxError> {
    TEXT_LEFT.with(|left| left.set(Some((allowance.text, false))));
    let parsed = serde_saphyr::from_str_with_options::<Node>(text, options(allowance.nodes));
    let (text_left, too_much_text) = TEXT_LEFT.with(|left| left.take()).unwrap_or((0, false));
    let e = match parsed {
        Ok(node) => {
            allowance.nodes = allowance.nodes.saturating_sub(node.count());
            allowance.text = text_left;
            return Ok(node);
        }
        Err(e) => e,
    };
    let pos = e.location().filter(|l| l.line() > 0).map(|l| Pos {
        line: l.line() as usize,
        column: l.column().max(1) as usize,
    });
    let (message, limit) = if too_much_text {
        const MIB: usize = 1024 * 1024;
        let cap = match allowance.text_cap {
            c if c % MIB == 0 => format!("{} MiB", c / MIB),
            c => format!("{c} bytes"),
        };
        (
            format!(
                "its aliases (`*name`) expand to more than {cap} of text, the most it may hold"
            ),
            true,
        )
    } else {
        message(&e, allowance.nodes_cap)
    };
    Err(SyntaxError {
        message,
        pos,
        limit,
    })
}

/// `n` with a comma every three digits, as the docs write it: `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The parser's own words for a problem, without the place (which
/// [`SyntaxError::pos`] holds); a limit in words a person can act on, and
/// whether it was one.
fn message(e: &serde_saphyr::Error, nodes: usize) -> (String, bool) {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::{MessageFormatter, UserMessageFormatter};
    let mut e = e.without_snippet();
    while let serde_saphyr::Error::AliasError { error, .. } = e {
        e = error.without_snippet();
    }
    let limit = match e {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            BudgetBreach::Documents { .. } => "the file holds more than one YAML document (a line `---` or `...` starts another); keep one".into(),
            BudgetBreach::Depth { .. } => format!("the data is nested too deeply (more than {MAX_DEPTH} levels of lists and mappings); no bank or answers file needs that much"),
            BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => "it uses aliases (`*name`) far more than any bank or answers file needs; write the values out instead".into(),
            _ => format!("it passes the {} YAML values (keys, values, lists and mappings, an alias `*name` counting as all it stands for) that an answers file, or all the files of a bank together, may hold", thousands(nodes)),
        },
        serde_saphyr::Error::AliasReplayLimitExceeded { .. } | serde_saphyr::Error::AliasExpansionLimitExceeded { .. } | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } =>
            "its aliases (`*name`) expand to more data than any bank or answers file holds; write the values out instead".into(),
        other => return (UserMessageFormatter.format_message(other).into_owned(), false),
    };
    (limit, true)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        let s = serde_saphyr::Spanned::<Value>::deserialize(d)?;
        let l = s.referenced;
        let span = l.span();
        let span = match (span.byte_offset(), span.byte_len()) {
            (Some(o), Some(n)) => o as usize..(o + n) as usize,
            _ => 0..0,
        };
        Ok(Node {
            pos: Pos {
                line: l.line() as usize,
                column: l.column() as usize,
            },
            span,
            value: s.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Int(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
                Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
            }
            fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
                Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
            }
            fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
                Ok(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
                Ok(Value::Float(n))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
                take_text(s.len())?;
                Ok(Value::Str(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
                take_text(s.len())?;
                Ok(Value::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(n) = seq.next_element()? {
                    items.push(n);
                }
                Ok(Value::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Value::Map(entries))
            }
        }
        d.deserialize_any(Any)
    }
}

/// A problem met while reading a typed form from a [`Node`]: serde's
/// words, the node it is about, and the path of keys and list positions
/// that leads there from the top of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeError {
    pub message: String,
    pub pos: Option<Pos>,
    /// Keys and list positions, outermost first.
    pub path: Vec<String>,
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TypeError {}

impl de::Error for TypeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TypeError {
            message: msg.to_string(),
            pos: None,
            path: Vec::new(),
        }
    }
}

impl TypeError {
    fn at(mut self, pos: Pos) -> Self {
        self.pos.get_or_insert(pos);
        self
    }
    fn under(mut self, step: String) -> Self {
        self.path.insert(0, step);
        self
    }
}

/// Reads a typed form from a node: the typed view of a file that has
/// already been parsed once, with a wrong type's place and path.
pub fn typed<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, TypeError> {
    T::deserialize(node)
}

impl<'de> Deserializer<'de> for &'de Node {
    type Error = TypeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TypeError> {
        let out = match &self.value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Int(n) => v.visit_i64(*n),
            Value::Float(n) => v.visit_f64(*n),
            Value::Str(s) => v.visit_borrowed_str(s),
            Value::Seq(items) => v.visit_seq(Items {
                items: items.iter(),
                at: 0,
            }),
            Value::Map(entries) => v.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        };
        out.map_err(|e| e.at(self.pos))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TypeError> {
        match self.value {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, TypeError> {
        v.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Items<'de> {
    items: std::slice::Iter<'de, Node>,
    at: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = TypeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TypeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let at = self.at;
        self.at += 1;
        seed.deserialize(node)
            .map(Some)
            .map_err(|e| e.under(at.to_string()))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'de> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    value: Option<&'de (Node, Node)>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = TypeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TypeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        seed.deserialize(&entry.0).map(Some)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TypeError> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| <TypeError as de::Error>::custom("a value without a key"))?;
        let step = key.as_str().map_or_else(|| "?".to_string(), str::to_string);
        seed.deserialize(value).map_err(|e| e.under(step))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// `true`/`false`, and the YAML 1.1 spellings people still write.
pub fn as_yes_no(v: &Node) -> Option<bool> {
    match &v.value {
        Value::Bool(b) => Some(*b),
        Value::Str(s) => match s.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "on" => Some(true),
            "no" | "n" | "false" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A whole number, also when written as `4.0`.
pub fn as_integer(v: &Node) -> Option<i64> {
    match v.value {
        Value::Int(i) => Some(i),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
        _ => None,
    }
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A number as a message shows it: `1e308`, not 309 digits.
pub struct Number(pub f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_finite() && x.abs() >= 1e7 {
            write!(f, "{x:e}")
        } else if x.is_finite() && x.fract() == 0.0 {
            write!(f, "{x:.1}")
        } else {
            write!(f, "{x}")
        }
    }
}

impl Node {
    /// A node for a value that has no place in a file (a draft's answer,
    /// saved as JSON).
    pub fn from_json(v: &serde_json::Value) -> Node {
        use serde_json::Value as J;
        let value = match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => n
                .as_i64()
                .map_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
            J::String(s) => Value::Str(s.clone()),
            J::Array(items) => Value::Seq(items.iter().map(Node::from_json).collect()),
            J::Object(map) => Value::Map(
                map.iter()
                    .map(|(k, v)| (Node::from_json(&J::String(k.clone())), Node::from_json(v)))
                    .collect(),
            ),
        };
        Node {
            pos: Pos { line: 0, column: 0 },
            span: 0..0,
            value,
        }
    }
}
