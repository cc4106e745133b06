//! The bank as a reader sees it before answering: the question list
//! (`questions`, as text or JSON, with the bank's counts) and the answers
//! file skeleton (`template`).

use std::path::Path;

use crate::bank::{self, Bank, Kind};
use crate::export;
use crate::scoring::Mode;

#[derive(Debug, serde::Serialize)]
struct Counts {
    sets: usize,
    questions: usize,
    core: usize,
    scored: usize,
    conditional: usize,
    by_kind: indexmap::IndexMap<&'static str, usize>,
    red_flags: usize,
    green_flags: usize,
    capping_flags: usize,
    advice: usize,
}

impl Counts {
    fn of(bank: &Bank) -> Self {
        let kinds = ["choice", "multi", "scale", "yesno", "text"];
        let mut by_kind = indexmap::IndexMap::from(kinds.map(|k| (k, 0)));
        for q in &bank.questions {
            *by_kind.entry(q.kind.name()).or_insert(0) += 1;
        }
        let flags = |s| bank.flags.iter().filter(|f| f.severity == s).count();
        Counts {
            sets: bank.sets.len(),
            questions: bank.questions.len(),
            core: bank.questions.iter().filter(|q| q.core).count(),
            scored: bank.questions.iter().filter(|q| q.is_scored()).count(),
            conditional: bank.questions.iter().filter(|q| q.when.is_some()).count(),
            by_kind,
            red_flags: flags(bank::Severity::Red),
            green_flags: flags(bank::Severity::Green),
            capping_flags: (bank.flags.iter())
                .filter(|f| f.caps_verdict.is_some())
                .count(),
            advice: bank.advice.len(),
        }
    }
}

pub fn questions_text(bank: &Bank) -> String {
    use std::fmt::Write as _;
    let c = Counts::of(bank);
    let n = export::count;
    let mut out = format!(
        "{}\n{}, {} ({} core, {} scored), {} red and {} green {}, {}\n",
        bank.title,
        n(c.sets, "set", "sets"),
        n(c.questions, "question", "questions"),
        c.core,
        c.scored,
        c.red_flags,
        c.green_flags,
        export::plural(c.green_flags, "flag", "flags"),
        n(c.advice, "advice entry", "advice entries"),
    );
    let tags_of = |q: &bank::Question| {
        let mut tags = vec![q.kind.name().to_string()];
        if q.core {
            tags.push("core".into());
        }
        if q.when.is_some() {
            tags.push("conditional".into());
        }
        if !q.is_scored() {
            tags.push("unscored".into());
        }
        tags.join(", ")
    };
    // The columns as wide as their widest entry, in display columns.
    let width = crate::wrap::width_of;
    let (id_width, tags_width) = (bank.questions.iter()).fold((0, 0), |(i, t), q| {
        (i.max(width(&q.id)), t.max(width(&tags_of(q))))
    });
    let pad =
        |text: &str, to: usize| format!("{text}{}", " ".repeat(to.saturating_sub(width(text))));
    for set in &bank.sets {
        let _ = writeln!(out, "\n{} [{}] weight {}", set.title, set.id, set.weight);
        for q in bank.set_questions(set) {
            let _ = writeln!(
                out,
                "  {}  {}  {}",
                pad(&q.id, id_width),
                pad(&tags_of(q), tags_width),
                export::terminal_safe(&q.prompt)
            );
        }
    }
    out
}

pub fn questions_json(bank: &Bank) -> serde_json::Value {
    use serde_json::json;
    let question = |q: &bank::Question| {
        let mut v = json!({
            "id": q.id,
            "kind": q.kind.name(),
            "prompt": q.prompt,
            "help": q.help,
            "core": q.core,
            "weight": q.weight,
            "scored": q.is_scored(),
            "conditional": q.when.is_some(),
            "source": q.source,
        });
        match &q.kind {
            Kind::Choice(opts) | Kind::Multi(opts) => {
                v["options"] = opts
                    .iter()
                    .map(|o| json!({ "id": o.id, "label": o.label, "score": o.score, "flag": o.flag.map(|f| &bank.flags[f].id) }))
                    .collect();
            }
            Kind::Scale(s) => {
                v["scale"] =
                    json!({ "min": s.min, "max": s.max, "labels": s.labels, "reverse": s.reverse });
            }
            Kind::YesNo(scores) => {
                v["scores"] = scores.map_or(
                    serde_json::Value::Null,
                    |(y, n)| json!({ "yes": y, "no": n }),
                );
            }
            Kind::Text => {}
        }
        v
    };
    json!({
        "title": bank.title,
        "counts": Counts::of(bank),
        "sets": bank.sets.iter().map(|s| json!({
            "id": s.id,
            "title": s.title,
            "description": s.description,
            "weight": s.weight,
            "min_answered": s.min_answered,
            "shared": s.shared,
            "source": s.source,
            "questions": bank.set_questions(s).iter().map(question).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "flags": bank.flags.iter().map(|f| json!({
            "id": f.id, "severity": f.severity.as_str(), "title": f.title,
            "caps_verdict": f.caps_verdict.map(|b| &bank.bands[b].verdict),
            "source": f.source,
        })).collect::<Vec<_>>(),
        "advice": bank.advice.iter().map(|a| json!({
            "id": a.id, "title": a.title, "priority": a.priority, "group": a.group,
            "source": a.source,
        })).collect::<Vec<_>>(),
    })
}

/// An answers file skeleton: every question's id set to `null` (skipped),
/// with its prompt and valid values as comments. Filled in or not, it is
/// accepted by `assess --answers` as it is.
pub fn template(bank: &Bank, mode: Mode, bank_dir: Option<&Path>) -> String {
    use std::fmt::Write as _;
    let comment = |out: &mut String, text: &str, indent: &str| {
        // Made inert, a lone CR (a line break to YAML) included, so no
        // prompt can end its comment and smuggle in an answer.
        for line in crate::sanitize::text(text).lines() {
            let _ = writeln!(out, "# {indent}{}", line.trim_end());
        }
    };
    // One option a line, the labels in a column two spaces after the
    // longest id of the question (at least 14 wide, so short ids line up
    // across questions).
    let options = |out: &mut String, opts: &[bank::Choice]| {
        let width = (opts.iter()).fold(14, |w, o| w.max(o.id.chars().count() + 1));
        for o in opts {
            comment(
                out,
                &format!("{:<width$} {}", o.id, crate::sanitize::inline(&o.label)),
                "  ",
            );
        }
    };
    let mut out = String::new();
    comment(&mut out, &format!("Answers for: {}", bank.title), "");
    let _ = writeln!(
        out,
        "# Replace each `null` with your answer, then run (with this file's name\n# if you saved it under another):\n#   mommytrack assess{}{} --answers answers.yaml\n# `null` skips a question (\"{}\"). Answers stay on your computer.",
        bank_dir.map_or(String::new(), |d| format!(
            " --bank {}",
            shell_quote(&d.display().to_string())
        )),
        match mode {
            Mode::Quick => " --quick",
            Mode::Prospective => " --prospective",
            Mode::Full => "",
        },
        if mode == Mode::Prospective {
            "don't know yet"
        } else {
            "prefer not to say"
        }
    );
    for set in &bank.sets {
        let qs = bank.set_questions(set).iter().filter(|q| mode.includes(q));
        let qs: Vec<&bank::Question> = qs.collect();
        if qs.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n# ==== {} ====",
            crate::sanitize::inline(set.titled(mode == Mode::Prospective).trim())
        );
        for q in qs {
            let q = &*q.worded(mode == Mode::Prospective);
            let _ = writeln!(out);
            comment(&mut out, &q.prompt, "");
            if q.when.is_some() {
                let _ = writeln!(
                    out,
                    "# (Asked only when your earlier answers make it relevant; otherwise ignored.)"
                );
            }
            let valid = match &q.kind {
                Kind::Choice(_) => "One of:".to_string(),
                Kind::Multi(opts) => {
                    format!(
                        "A list of any of these, e.g. [{}]; [] for none:",
                        opts[0].id
                    )
                }
                Kind::Scale(s) => {
                    let end = |x: i64| s.label(x).map_or(x.to_string(), |l| format!("{x} = {l}"));
                    format!("A whole number from {} to {}.", end(s.min), end(s.max))
                }
                Kind::YesNo(_) => "true or false.".to_string(),
                Kind::Text => "Any text, in quotes.".to_string(),
            };
            let _ = writeln!(out, "# {valid}");
            options(&mut out, q.kind.options());
            let quote = match crate::input::yaml11_reads_specially(&q.id) {
                true => "\"",
                false => "",
            };
            let _ = writeln!(out, "{quote}{}{quote}: null", q.id);
        }
    }
    out
}

/// A path as a shell word that works when pasted: bare when it holds only
/// safe characters, else in single quotes. A path with control characters
/// (which could end a YAML comment line) becomes `DIR`.
pub fn shell_quote(s: &str) -> String {
    if s.chars().any(char::is_control) {
        return "DIR".into();
    }
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:,@%=".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
