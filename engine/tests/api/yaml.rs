use mommytrack_engine::yaml::{Allowance, Pos, Value, parse, typed};

/// A thousand values and 64 KiB of text.
fn budget() -> Allowance {
    Allowance::new(1000, 64 * 1024)
}

/// What a document takes from its allowance: its nodes, and its text with
/// aliases expanded; past the text, a limit at the place.
#[test]
fn a_document_takes_its_nodes_and_its_expanded_text_from_the_allowance() {
    let mut left = Allowance::new(100, 100);
    parse("a: &x abcde\nb: *x\n", &mut left).unwrap();
    assert_eq!((left.nodes, left.text), (100 - 5, 100 - 12));
    let mut left = Allowance::new(100, 20);
    let e = parse("a: &x abcdefghij\nb: *x\nc: *x\n", &mut left).unwrap_err();
    assert!(e.limit, "{e:?}");
    assert!(e.message.contains("expand to more than"), "{e:?}");
    // Where the text passed 20 bytes: `b: *x` (11 + 11).
    assert_eq!(e.pos.map(|p| p.line), Some(2), "{e:?}");
    assert!(e.message.contains("more than 20 bytes of text"), "{e:?}");
}

#[test]
fn keys_and_values_carry_the_place_the_parser_read_them_at() {
    let n = parse("a: 1.10  # c\n\"\\x71\": [x, 'it''s']\n", &mut budget()).unwrap();
    let (k, v) = n.entry("q").unwrap();
    assert_eq!((k.pos.line, k.pos.column), (2, 1));
    assert_eq!(v.items()[1].as_str(), Some("it's"));
    assert_eq!(v.items()[1].pos.column, 13);
    let a = n.get("a").unwrap();
    assert_eq!(a.value, Value::Float(1.1));
    assert_eq!(&"a: 1.10  # c"[a.span.clone()], "1.10");
}

#[test]
fn only_true_and_false_are_truth_values_and_yes_stays_text() {
    let n = parse("a: yes\ny: n\nb: true\n", &mut budget()).unwrap();
    assert_eq!(n.get("a").unwrap().as_str(), Some("yes"));
    assert_eq!(n.get("y").unwrap().as_str(), Some("n"));
    assert_eq!(n.get("b").unwrap().value, Value::Bool(true));
}

#[test]
fn repeated_keys_and_second_documents_are_refused_where_they_stand() {
    let e = parse("a: 1\nb: 2\na: 3\n", &mut budget()).unwrap_err();
    assert_eq!(e.pos.map(Pos::pair), Some((3, 1)));
    assert!(e.message.contains("duplicate"), "{e}");
    // A document end hidden between carriage returns ends the document
    // whatever the file's length.
    for text in ["a: 1\r...\rb: 2\n", "a: 1\n---\nb: 2\n"] {
        let e = parse(text, &mut budget()).unwrap_err();
        assert!(e.message.contains("more than one YAML document"), "{e}");
    }
}

#[test]
fn the_budget_counts_what_aliases_expand_to() {
    let items: Vec<String> = (0..100).map(|i| format!("i{i}")).collect();
    let mut text = format!("a: &x [{}]\n", items.join(", "));
    for i in 0..20 {
        text += &format!("k{i}: *x\n");
    }
    let e = parse(&text, &mut budget()).unwrap_err();
    assert!(
        e.message
            .contains("an alias `*name` counting as all it stands for"),
        "{e}"
    );
    assert!(parse(&text, &mut Allowance::new(5000, 64 * 1024)).is_ok());
}

#[test]
fn nesting_is_bounded_even_after_an_apostrophe() {
    let text = format!("notes: it's\nx: {}\n", "[".repeat(100_000));
    let e = parse(&text, &mut budget()).unwrap_err();
    assert_eq!(e.pos.map(|p| p.line), Some(2), "{e}");
}

#[derive(Debug, serde::Deserialize)]
struct Q {
    #[allow(dead_code)]
    weight: Option<f64>,
    #[allow(dead_code)]
    options: Option<Vec<O>>,
}
#[derive(Debug, serde::Deserialize)]
struct O {
    #[allow(dead_code)]
    score: Option<f64>,
}

#[test]
fn a_wrong_type_is_placed_and_its_path_named() {
    let n = parse(
        "weight: 2\noptions:\n  - {score: 1}\n  - {score: x}\n",
        &mut budget(),
    )
    .unwrap();
    let e = typed::<Q>(&n).unwrap_err();
    assert_eq!(e.pos.map(Pos::pair), Some((4, 13)));
    assert_eq!(e.path, ["options", "1", "score"]);
    assert!(e.message.contains("expected f64"), "{e}");
}
