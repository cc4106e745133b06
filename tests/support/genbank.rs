//! Generated question banks of any size, as YAML text in memory, for the
//! benchmarks (`benches/engine.rs`) and the robustness tests.
//!
//! The shape follows a real bank: sets of [`PER_SET`] questions cycling
//! through every kind, an unscored yes/no "gate" in each set that later
//! questions of the set depend on, options that raise flags, and advice
//! that tests flags, dimensions, the overall score and answers.
#![allow(dead_code)]

use std::fmt::Write as _;

use mommytrack_engine::bank::SourceFile;

/// Questions per set.
pub const PER_SET: usize = 20;
/// Flags in the bank (raised by choice options).
pub const FLAGS: usize = 8;

fn flag_id(i: usize) -> String {
    format!("flag_{}", i % FLAGS)
}

/// The bank's files: `bank.yaml` and one set file per [`PER_SET`] questions.
pub fn bank_files(questions: usize) -> Vec<SourceFile> {
    let sets = questions.div_ceil(PER_SET).max(1);
    let mut files = Vec::with_capacity(sets + 1);
    files.push(SourceFile::new(
        "gen/bank.yaml",
        "bank.yaml",
        settings(sets, questions),
    ));
    for s in 0..sets {
        let first = s * PER_SET;
        let last = questions.min(first + PER_SET).max(first + 1);
        let name = format!("s{s:06}.yaml");
        files.push(SourceFile::new(
            format!("gen/{name}"),
            name,
            set_text(s, first..last),
        ));
    }
    files
}

fn settings(sets: usize, questions: usize) -> String {
    let mut t = String::from(
        "# yaml-language-server: $schema=../schema/bank.schema.json\n\
         title: Generated bank\n\
         description: \"A bank generated for benchmarks.\"\n\
         bands:\n  \
           - { verdict: positive, min: 70, label: \"Positive track\", summary: \"Good.\" }\n  \
           - { verdict: mixed, min: 45, label: \"Mixed track\", summary: \"Mixed.\" }\n  \
           - { verdict: sidelined, min: 0, label: \"Sidelining risk\", summary: \"Careful.\" }\n\
         flags:\n",
    );
    for f in 0..FLAGS {
        let (severity, cap) = if f % 2 == 0 {
            ("red", "\n    caps_verdict: mixed")
        } else {
            ("green", "")
        };
        let _ = write!(
            t,
            "  flag_{f}:\n    severity: {severity}\n    title: \"Flag {f}\"{cap}\n"
        );
    }
    t.push_str("advice:\n");
    for f in 0..FLAGS {
        let _ = write!(
            t,
            "  - id: on_flag_{f}\n    title: \"Because of flag {f}\"\n    detail: \"…\"\n    priority: {}\n    when: {{ flag: flag_{f} }}\n",
            f % 4 + 1
        );
    }
    for s in (0..sets).step_by((sets / 8).max(1)) {
        if s * PER_SET + 1 >= questions {
            continue;
        }
        let _ = write!(
            t,
            "  - id: low_s{s}\n    title: \"Set {s} is low\"\n    priority: 2\n    when: {{ any: [ {{ dimension: s{s}, below: 40 }}, {{ answer: q{}_choice, is: bad }} ] }}\n",
            s * PER_SET + 1
        );
    }
    t.push_str(
        "  - id: doing_well\n    title: \"Keep going\"\n    priority: 3\n    when: { overall: { at_least: 70 } }\n\
         \x20 - id: not_well\n    title: \"Look around\"\n    priority: 1\n    when: { all: [ { overall: { below: 45 } }, { not: { flag: flag_1 } } ] }\n\
         \x20 - id: always\n    title: \"Talk it over\"\n    priority: 5\n",
    );
    t
}

/// The id of question `n`: its number and kind.
pub fn question_id(n: usize) -> String {
    format!("q{n}_{}", kind_of(n))
}

fn kind_of(n: usize) -> &'static str {
    match n % PER_SET {
        0 => "gate",
        x if x % 5 == 1 => "choice",
        x if x % 5 == 2 => "multi",
        x if x % 5 == 3 => "scale",
        x if x % 5 == 4 => "yesno",
        _ => "text",
    }
}

fn set_text(s: usize, questions: std::ops::Range<usize>) -> String {
    let mut t = format!(
        "# yaml-language-server: $schema=../schema/set.schema.json\n\
         id: s{s}\ntitle: \"Set {s}\"\ndescription: \"Generated set {s}.\"\nweight: {}\nquestions:\n",
        [1.0, 1.5, 2.0, 0.5][s % 4]
    );
    let gate = s * PER_SET;
    for n in questions {
        let id = question_id(n);
        let kind = kind_of(n);
        let _ = write!(
            t,
            "  - id: {id}\n    prompt: \"Question {n}: how is it going?\"\n    help: \"Some help for question {n}.\"\n"
        );
        if n % 3 == 0 {
            t.push_str("    core: true\n");
        }
        if n % 4 == 0 {
            t.push_str("    weight: 2\n");
        }
        if n != gate && n % 7 == 0 {
            let _ = writeln!(t, "    when: {{ answer: {}, is: true }}", question_id(gate));
        }
        match kind {
            // Gates of odd sets count too, so that changing a scored
            // answer can change what is asked.
            "gate" if s % 2 == 1 => t.push_str("    kind: yesno\n    scores: { yes: 1, no: 0 }\n"),
            "gate" => t.push_str("    kind: yesno\n"),
            "choice" => {
                let _ = write!(
                    t,
                    "    kind: choice\n    options:\n      \
                     - {{ id: good, label: \"Good\", score: 2 }}\n      \
                     - {{ id: fair, label: \"Fair\", score: 0 }}\n      \
                     - {{ id: bad, label: \"Bad\", score: -2, flag: {} }}\n",
                    flag_id(n)
                );
            }
            "multi" => t.push_str(
                "    kind: multi\n    options:\n      \
                 - { id: remote, label: \"Remote days\", score: 2 }\n      \
                 - { id: hours, label: \"Flexible hours\", score: 1 }\n      \
                 - { id: part_time, label: \"Part-time\", score: 1 }\n      \
                 - { id: watched, label: \"Watched\", score: -2 }\n",
            ),
            "scale" => {
                let reverse = if n % 2 == 0 { "true" } else { "false" };
                let _ = write!(
                    t,
                    "    kind: scale\n    reverse: {reverse}\n    scale: {{ min: 1, max: 5, labels: [\"Never\", \"Rarely\", \"Sometimes\", \"Often\", \"Always\"] }}\n"
                );
            }
            "yesno" => t.push_str("    kind: yesno\n    scores: { yes: 1, no: 0 }\n"),
            _ => t.push_str("    kind: text\n"),
        }
    }
    t
}

/// An answers file (YAML) answering every question of a generated bank of
/// `questions` questions, varied by `seed`; every seventh is skipped.
pub fn answers_text(questions: usize, seed: usize) -> String {
    let mut t = String::with_capacity(questions * 24);
    for n in 0..questions {
        let id = question_id(n);
        let r = n.wrapping_mul(2_654_435_761).wrapping_add(seed) >> 3;
        let value = if n % 7 == 6 {
            "null".to_string()
        } else {
            match kind_of(n) {
                "gate" => (r % 4 != 0).to_string(),
                "choice" => ["good", "fair", "bad"][r % 3].to_string(),
                "multi" => ["[remote, hours]", "[]", "[part_time, watched]", "[watched]"][r % 4]
                    .to_string(),
                "scale" => (1 + r % 5).to_string(),
                "yesno" => (r % 2 == 0).to_string(),
                _ => "\"Some notes\"".to_string(),
            }
        };
        let _ = writeln!(t, "{id}: {value}");
    }
    t
}
