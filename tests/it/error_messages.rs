//! Error quality (issue 6): every problem names its file, line and column,
//! the id concerned, and says how to fix it; unknown names suggest the
//! closest valid one. Each case below breaks the mini bank or an answers
//! file in one way and checks the one message that results.

use std::path::Path;

use mommytrack_engine::answers;
use mommytrack_engine::bank::{self, SourceFile};
use mommytrack_engine::error::Problem;

use crate::harness::mini_files as mini;

/// The mini bank with `from` replaced by `to` in `file`.
fn broken(file: &str, from: &str, to: &str) -> Vec<Problem> {
    let mut files = mini();
    let f = files
        .iter_mut()
        .find(|f| f.file_name == file)
        .unwrap_or_else(|| panic!("no {file}"));
    assert!(f.text.contains(from), "{file} has no {from:?}");
    f.text = f.text.replacen(from, to, 1);
    let (bank, problems) = bank::check(&files);
    assert!(bank.is_none(), "{file}: {from:?} → {to:?} was accepted");
    problems.into_iter().filter(|p| !p.warning).collect()
}

/// Exactly one error, located, with the id and a fix that says `fix`.
fn one_error(problems: &[Problem], file: &str, line: usize, id: &str, fix: &str) {
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems.len(),
        1,
        "expected one error:\n{}",
        shown.join("\n")
    );
    let p = &problems[0];
    assert!(p.file.ends_with(file), "{}", shown[0]);
    assert_eq!(p.line, Some(line), "{}", shown[0]);
    assert!(p.column.is_some(), "no column: {}", shown[0]);
    assert_eq!(p.id.as_deref(), Some(id), "{}", shown[0]);
    let hint = p.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains(fix),
        "the fix does not say {fix:?}: {}",
        shown[0]
    );
}

#[test]
fn unknown_field_names_suggest_the_closest() {
    let p = broken(
        "10_boss.yaml",
        "    prompt: \"Do you",
        "    promt: \"Do you",
    );
    // The missing prompt that follows from the typo is reported too.
    let typo = p
        .iter()
        .find(|p| p.message.contains("promt"))
        .expect("typo");
    one_error(
        std::slice::from_ref(typo),
        "10_boss.yaml",
        7,
        "has_manager",
        "did you mean `prompt`?",
    );
}

#[test]
fn unknown_kinds_flags_and_severities_suggest_the_closest() {
    let p = broken("20_flex.yaml", "kind: multi", "kind: mutli");
    one_error(
        &p,
        "20_flex.yaml",
        5,
        "flex_options",
        "did you mean `multi`?",
    );
    let p = broken(
        "10_boss.yaml",
        "flag: boss_penalizes_parents",
        "flag: boss_penalise_parents",
    );
    one_error(
        &p,
        "10_boss.yaml",
        17,
        "boss_early_leave.counted",
        "did you mean `boss_penalizes_parents`?",
    );
    let p = broken("bank.yaml", "severity: green", "severity: gren");
    one_error(
        &p,
        "bank.yaml",
        14,
        "flexible_team",
        "did you mean `green`?",
    );
    let p = broken("bank.yaml", "caps_verdict: mixed", "caps_verdict: mixd");
    one_error(
        &p,
        "bank.yaml",
        12,
        "boss_penalizes_parents",
        "did you mean `mixed`?",
    );
}

#[test]
fn unknown_names_in_conditions_suggest_the_closest() {
    let p = broken(
        "10_boss.yaml",
        "{ answer: has_manager, is: true }",
        "{ answer: has_manger, is: true }",
    );
    one_error(
        &p,
        "10_boss.yaml",
        13,
        "boss_early_leave",
        "did you mean `has_manager`?",
    );
    let p = broken(
        "bank.yaml",
        "{ dimension: boss, below: 40 }",
        "{ dimension: bos, below: 40 }",
    );
    one_error(&p, "bank.yaml", 21, "seek_transfer", "did you mean `boss`?");
    let p = broken(
        "10_boss.yaml",
        "{ answer: has_manager, is: true }",
        "{ answer: has_manager, iss: true }",
    );
    assert!(
        p.iter()
            .any(|x| x.hint.as_deref().unwrap_or("").contains("`is`")),
        "{p:#?}"
    );
}

#[test]
fn wrong_types_name_the_question_and_say_what_is_expected_in_words() {
    let p = broken("10_boss.yaml", "    weight: 2", "    weight: heavy");
    one_error(
        &p,
        "10_boss.yaml",
        11,
        "boss_early_leave",
        "`mommytrack schema set`",
    );
    assert!(p[0].message.contains("expected a number"), "{}", p[0]);
    assert!(!p[0].message.contains("f64"), "{}", p[0]);
    let p = broken("20_flex.yaml", "core: true", "core: sometimes");
    one_error(
        &p,
        "20_flex.yaml",
        7,
        "flex_options",
        "`mommytrack schema set`",
    );
    assert!(p[0].message.contains("true or false"), "{}", p[0]);
}

/// A set file that cannot be read does not make bank.yaml's advice look
/// wrong for naming its questions and dimension.
#[test]
fn an_unreadable_set_file_is_not_blamed_on_bank_yaml() {
    let p = broken("10_boss.yaml", "    weight: 2", "    weight: [2");
    assert!(
        p.iter().all(|x| x.file.ends_with("10_boss.yaml")),
        "{:#?}",
        p.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
}

#[test]
fn answers_problems_are_located_and_capped() {
    let (bank, _) = bank::check(&mini());
    let bank = bank.unwrap();
    let text = "has_manager: true\nboss_erly_leave: explain\n";
    let err = answers::parse(&bank, text, Path::new("a.yaml")).unwrap_err();
    let p = &err.problems[0];
    assert_eq!((p.line, p.column), (Some(2), Some(1)));
    assert_eq!(p.id.as_deref(), Some("boss_erly_leave"));
    assert!(p.hint.as_deref().unwrap().contains("`boss_early_leave`"));

    // Thousands of bad lines: quick, and the list stays readable.
    let mut text = String::new();
    for i in 0..20_000 {
        text += &format!("unknown_{i}: 1\n");
    }
    let err = answers::parse(&bank, &text, Path::new("a.yaml")).unwrap_err();
    assert_eq!(err.problems.len(), answers::MAX_PROBLEMS + 1);
    let last = err.problems.last().unwrap().to_string();
    assert!(last.contains("19900 more problems not shown"), "{last}");
    // Each listed one is located even though keys repeat as prefixes.
    assert_eq!(err.problems[99].line, Some(100));
}

/// A bank with thousands of broken questions: the check lists the first
/// errors, in file order, and says it stopped; the work it does is that of
/// a bank with that many errors (see `MAX_PROBLEMS`).
#[test]
fn many_problems_in_a_large_bank_file_stop_the_check_after_the_first() {
    let mut files = mini();
    let mut text = String::from("id: many\ntitle: Many\nquestions:\n");
    for i in 0..5_000 {
        text += &format!(
            "  - id: q{i}\n    kind: choise\n    weight: -1\n    when: {{ answer: nowhere_{i}, is: true }}\n"
        );
    }
    files.push(SourceFile::new("many.yaml", "30_many.yaml", text));
    let (bank, problems) = bank::check(&files);
    assert!(bank.is_none());
    let errors = problems.iter().filter(|p| !p.warning).count();
    assert!(
        (bank::MAX_PROBLEMS..bank::MAX_PROBLEMS + 5).contains(&errors),
        "{errors}"
    );
    // The first question's problems come first, each where it stands.
    let first = &problems[0];
    assert_eq!(
        (first.id.as_deref(), first.line),
        (Some("q0"), Some(4)),
        "{first}"
    );
    let last = problems.last().unwrap().to_string();
    assert!(
        last.contains("the check stopped after 100 errors"),
        "{last}"
    );
}

/// The messages of issue 22, through the binary: a missing answers file
/// gets the nearby name; standard input is `<stdin>` in warnings as in
/// errors, with the line of the answer; `--output DIR` suggests a file
/// with the format's extension; the `questions` columns line up.
mod consistent {
    use crate::harness::{MINI, Test};

    #[test]
    fn a_missing_answers_file_gets_the_nearby_name() {
        let mut t = Test::new();
        t.file("answers.yaml", "boss_understands: 3\n");
        let err = t
            .again()
            .args(["assess", "--answers", "answer.yaml"])
            .code(66)
            .stderr();
        assert!(err.contains("did you mean answers.yaml?"), "{err}");
        let err = t
            .again()
            .args(["assess", "--answers", "answers.yml"])
            .code(66)
            .stderr();
        assert!(err.contains("did you mean answers.yaml?"), "{err}");
        let err = t
            .again()
            .args(["assess", "--answers", "zzz.yaml"])
            .code(66)
            .stderr();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn warnings_name_standard_input_as_errors_do_and_carry_the_line() {
        let answers = "has_manager: false\nboss_early_leave: explain\nboss_understands: 3\n";
        let mut t = Test::new();
        t.mini();
        let err = t
            .again()
            .args(["assess", "--bank", MINI, "--answers", "-"])
            .stdin(answers)
            .success()
            .stderr();
        assert!(
            err.contains("<stdin>:2:1: warning: [boss_early_leave]"),
            "{err}"
        );
        t.file("a.yaml", answers);
        let err = t
            .again()
            .args(["assess", "--bank", MINI, "--answers", "a.yaml"])
            .success()
            .stderr();
        assert!(
            err.contains("a.yaml:2:1: warning: [boss_early_leave]"),
            "{err}"
        );
        let err = t
            .again()
            .args(["assess", "--bank", MINI, "--answers", "-"])
            .stdin("nope: 1\n")
            .code(65)
            .stderr();
        assert!(err.contains("<stdin>:1:1:"), "{err}");
    }

    #[test]
    fn output_a_folder_suggests_a_file_with_the_formats_extension() {
        let mut t = Test::new();
        t.mini().file("a.yaml", "boss_understands: 3\n");
        std::fs::create_dir(t.path().join("out")).unwrap();
        for (format, ext) in [
            ("json", "json"),
            ("html", "html"),
            ("markdown", "md"),
            ("text", "txt"),
        ] {
            let err = t
                .again()
                .args([
                    "assess",
                    "--bank",
                    MINI,
                    "--answers",
                    "a.yaml",
                    "--format",
                    format,
                    "--output",
                    "out",
                ])
                .code(73)
                .stderr();
            assert!(
                err.contains(&format!("out/report.{ext}")),
                "{format}: {err}"
            );
        }
    }

    #[test]
    fn the_questions_columns_line_up() {
        let out = Test::new().args(["questions"]).success().stdout();
        let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
        assert!(rows.len() > 40);
        // The prompt starts in the same column on every row.
        // Ids and tags are lower case; a prompt starts with a capital.
        let column = |l: &str| {
            l.char_indices()
                .find(|&(i, c)| c.is_uppercase() && l[..i].ends_with("  "))
                .map(|(i, _)| l[..i].chars().count())
        };
        let first = column(rows[0]).unwrap();
        for r in &rows {
            assert_eq!(column(r), Some(first), "{r}");
        }
    }
}
