//! Benchmarks of the engine (issue 6): loading and validating a bank, and
//! reading answers and scoring them, on the built-in bank (when the build
//! has one), the mini test bank, and generated banks of 100 to 10,000
//! questions (the most a bank may have). Every group reports throughput per question, so linear cost
//! shows as a flat `thrpt` across sizes.
//!
//! Run: `cargo bench -p mommytrack-bench` (its own package, outside the
//! default members, so that `cargo test` does not build criterion).
//! Only the small sizes: `MOMMYTRACK_BENCH_MAX=1000 cargo bench -p mommytrack-bench`
//! Also write the banks and answers to a folder, to time the binary:
//! `MOMMYTRACK_BENCH_WRITE=/tmp/banks cargo bench -p mommytrack-bench -- --list`

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mommytrack_engine::answers;
use mommytrack_engine::bank::{self, Bank, BankSource, Kind, SourceFile};
use mommytrack_engine::result;
use mommytrack_engine::scoring::{self, Mode};

#[path = "../tests/support/genbank.rs"]
mod genbank;

const SIZES: &[usize] = &[100, 1_000, 10_000];

struct Case {
    name: String,
    files: Vec<SourceFile>,
    answers: String,
}

fn cases() -> Vec<Case> {
    let max: usize = std::env::var("MOMMYTRACK_BENCH_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let mut out = Vec::new();
    if let Ok(files) = BankSource::BuiltIn.files()
        && !files.is_empty()
    {
        let bank = check(&files);
        out.push(Case {
            name: "builtin".into(),
            answers: answers_for(&bank),
            files,
        });
    }
    let mini = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini");
    let files = BankSource::Dir(mini).files().expect("the mini bank");
    let bank = check(&files);
    out.push(Case {
        name: "mini".into(),
        answers: answers_for(&bank),
        files,
    });
    for &n in SIZES.iter().filter(|&&n| n <= max) {
        out.push(Case {
            name: n.to_string(),
            files: genbank::bank_files(n),
            answers: genbank::answers_text(n, 1),
        });
    }
    if let Some(dir) = std::env::var_os("MOMMYTRACK_BENCH_WRITE") {
        write_cases(Path::new(&dir), &out);
    }
    out
}

/// Writes each case as `DIR/NAME/*.yaml` and `DIR/NAME.answers.yaml`, for
/// timing the binary end to end (e.g. with hyperfine).
fn write_cases(dir: &Path, cases: &[Case]) {
    for case in cases {
        let bank = dir.join(&case.name);
        std::fs::create_dir_all(&bank).expect("create the bank folder");
        for f in &case.files {
            std::fs::write(bank.join(&f.file_name), &f.text).expect("write a bank file");
        }
        std::fs::write(
            dir.join(format!("{}.answers.yaml", case.name)),
            &case.answers,
        )
        .expect("write the answers");
    }
    eprintln!("wrote the benchmark banks to {}", dir.display());
}

fn check(files: &[SourceFile]) -> Bank {
    let (bank, problems) = bank::check(files);
    bank.unwrap_or_else(|| panic!("the bench bank is invalid: {problems:#?}"))
}

/// An answers file for any bank: a middling answer to every question.
fn answers_for(bank: &Bank) -> String {
    let mut t = String::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let v = match &q.kind {
            Kind::Choice(o) => o[i % o.len()].id.clone(),
            Kind::Multi(o) => format!("[{}]", o[i % o.len()].id),
            Kind::Scale(s) => ((s.min + s.max) / 2).to_string(),
            Kind::YesNo(_) => (i % 2 == 0).to_string(),
            Kind::Text => "\"notes\"".into(),
        };
        t += &format!("{}: {v}\n", q.id);
    }
    t
}

fn engine(c: &mut Criterion) {
    let cases = cases();

    let mut g = c.benchmark_group("load_validate");
    for case in &cases {
        let bank = check(&case.files);
        g.throughput(Throughput::Elements(bank.questions.len() as u64));
        if bank.questions.len() >= 10_000 {
            g.sample_size(10);
        }
        g.bench_with_input(
            BenchmarkId::from_parameter(&case.name),
            &case.files,
            |b, f| b.iter(|| bank::check(black_box(f))),
        );
    }
    g.finish();

    let mut g = c.benchmark_group("answers_parse");
    for case in &cases {
        let bank = check(&case.files);
        g.throughput(Throughput::Elements(bank.questions.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(&case.name), |b| {
            b.iter(|| answers::parse(&bank, black_box(&case.answers), Path::new("a.yaml")))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("evaluate");
    for case in &cases {
        let bank = check(&case.files);
        let sheet = answers::parse(&bank, &case.answers, Path::new("a.yaml")).expect("answers");
        g.throughput(Throughput::Elements(bank.questions.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(&case.name), |b| {
            b.iter(|| scoring::evaluate(&bank, black_box(&sheet), Mode::Full))
        });
    }
    g.finish();

    // result::assess: evaluate, the what-if levers and the result model.
    let mut g = c.benchmark_group("assess");
    for case in &cases {
        let bank = check(&case.files);
        let sheet = answers::parse(&bank, &case.answers, Path::new("a.yaml")).expect("answers");
        g.throughput(Throughput::Elements(bank.questions.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(&case.name), |b| {
            b.iter(|| result::assess(&bank, black_box(&sheet), Mode::Full))
        });
    }
    g.finish();

    // What `assess --answers FILE --format json` does after reading its
    // files: load the bank, parse the answers, assess, write pretty JSON
    // (the binary's JSON exporter also escapes `<`, `>` and `&`).
    let mut g = c.benchmark_group("pipeline_json");
    for case in &cases {
        let n = check(&case.files).questions.len();
        g.throughput(Throughput::Elements(n as u64));
        if n >= 10_000 {
            g.sample_size(10);
        }
        g.bench_function(BenchmarkId::from_parameter(&case.name), |b| {
            b.iter(|| {
                let (bank, _) = bank::check(black_box(&case.files));
                let bank = bank.expect("valid");
                let sheet =
                    answers::parse(&bank, &case.answers, Path::new("a.yaml")).expect("answers");
                let (r, _) = result::assess(&bank, &sheet, Mode::Full);
                serde_json::to_string_pretty(&r).expect("JSON")
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    targets = engine
}
criterion_main!(benches);
