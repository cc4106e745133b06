#!/usr/bin/env python3
"""Issue 11, class 3: inputs within the 4 MiB caps that once made commands
run away, timed end to end with /usr/bin/time -v on the release binary.

Usage: python3 benches/hostile.py [BINARY] [WORKDIR]
  BINARY   default: $CARGO_TARGET_DIR/release/mommytrack or target/release/mommytrack
  WORKDIR  default: a fresh temporary folder

Prints one line per case: wall seconds, peak memory (MiB), exit code.
REPEAT=N takes the fastest of N runs; ONLY=TEXT runs the cases whose name
holds TEXT; LIMIT=S ends a case after S seconds (default 60).
The 10k/100k generated banks come from the criterion bench's writer:
  MOMMYTRACK_BENCH_WRITE=DIR cargo bench --bench engine -- --list
and are timed when DIR/10000 and DIR/100000 exist (set GENBANKS=DIR).
"""

import json
import os
import re
import subprocess
import sys
import tempfile

CAP = 4 * 1024 * 1024

BANK_YAML = """title: Hostile bench
bands:
  - { verdict: positive, min: 70, label: "Positive", summary: "Good." }
  - { verdict: mixed, min: 45, label: "Mixed", summary: "Mixed." }
  - { verdict: sidelined, min: 0, label: "Sidelined", summary: "Careful." }
flags:
  red_one: { severity: red, title: "A red flag", caps_verdict: mixed }
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    assert len(text.encode()) <= CAP, f"{path} is over the cap: {len(text)}"


def multi_bank(root, n):
    """One multi question with n options, all ticked."""
    d = os.path.join(root, f"multi{n}")
    write(os.path.join(d, "bank.yaml"), BANK_YAML)
    opts = "".join(
        f"      - {{ id: o{i}, label: \"Option {i}\", score: {i % 5 - 2} }}\n" for i in range(n)
    )
    write(
        os.path.join(d, "10_m.yaml"),
        "id: m\ntitle: Many\nquestions:\n  - id: many\n    kind: multi\n    prompt: \"Tick all\"\n"
        "    options:\n" + opts
        + "  - id: other\n    kind: yesno\n    prompt: \"Other?\"\n    scores: { yes: 1, no: 0 }\n",
    )
    answers = os.path.join(root, f"multi{n}.answers.yaml")
    write(answers, "many: [" + ", ".join(f"o{i}" for i in range(n)) + "]\nother: false\n")
    return d, answers


def chain_bank(root, n, per_file=2000):
    """n yes/no questions, each asked only when the one before is yes."""
    d = os.path.join(root, f"chain{n}")
    write(os.path.join(d, "bank.yaml"), BANK_YAML)
    for f in range(0, n, per_file):
        lines = [f"id: s{f}\ntitle: Part {f}\nquestions:\n"]
        for i in range(f, min(n, f + per_file)):
            when = f"    when: {{ answer: c{i - 1}, is: true }}\n" if i else ""
            lines.append(
                f"  - id: c{i}\n    kind: yesno\n    prompt: \"Q{i}\"\n    scores: {{ yes: 1, no: 0 }}\n{when}"
            )
        write(os.path.join(d, f"s{f:06}.yaml"), "".join(lines))
    answers = os.path.join(root, f"chain{n}.answers.yaml")
    write(answers, "".join(f"c{i}: true\n" for i in range(n)))
    return d, answers


def options_bank(root, n, options=200, per_file=400):
    """n choice and multi questions (alternately) with the most options a
    question may have: every answered one is a lever with `options`
    alternatives. Half the options of each multi are ticked."""
    d = os.path.join(root, f"options{n}")
    write(os.path.join(d, "bank.yaml"), BANK_YAML)
    answers = []
    for f in range(0, n, per_file):
        lines = [f"id: s{f}\ntitle: Part {f}\nquestions:\n"]
        for i in range(f, min(n, f + per_file)):
            kind = "multi" if i % 2 else "choice"
            lines.append(f"  - id: q{i}\n    kind: {kind}\n    prompt: \"Q{i}\"\n    options:\n")
            lines.extend(
                f"      - {{ id: o{o}, label: \"Option {o}\", score: {o % 5 - 2} }}\n" for o in range(options)
            )
            ticked = "[" + ", ".join(f"o{o}" for o in range(0, options, 2)) + "]"
            answers.append(f"q{i}: {ticked if kind == 'multi' else 'o3'}\n")
        write(os.path.join(d, f"s{f:06}.yaml"), "".join(lines))
    a = os.path.join(root, f"options{n}.answers.yaml")
    write(a, "".join(answers))
    return d, a


def escaped_bank(root, n, per_file=5000):
    """n questions whose ids are written with YAML escapes, so the text
    never holds them as typed; one duplicate id makes validation report."""
    d = os.path.join(root, f"escaped{n}")
    write(os.path.join(d, "bank.yaml"), BANK_YAML)
    esc = lambda s: "".join(f"\\x{ord(c):02x}" for c in s)
    for f in range(0, n, per_file):
        lines = [f"id: e{f}\ntitle: Part {f}\nquestions:\n"]
        for i in range(f, min(n, f + per_file)):
            lines.append(f"  - {{ id: \"{esc(f'e{i}')}\", kind: yesno, prompt: \"P\" }}\n")
        write(os.path.join(d, f"s{f:06}.yaml"), "".join(lines))
    return d


def big_result(n_questions, n_flags=0, n_capped=0, bank_title="Bench"):
    per_dim = 100
    dims = []
    for d in range(max(1, n_questions // per_dim)):
        qs = [
            {"id": f"q{d * per_dim + i}", "prompt": "P", "kind": "yesno", "answer": True,
             "score": 100.0, "weight": 1.0, "scored": True}
            for i in range(per_dim if n_questions else 0)
        ]
        dims.append({"id": f"d{d}", "title": f"D{d}", "score": 100.0, "answered": len(qs),
                     "asked": len(qs), "weight": 1.0, "questions": qs})
    flags = [{"id": f"f{i}", "severity": "red", "title": "F", "caps_verdict": "mixed",
              "because": []} for i in range(n_flags)]
    return {
        "schema_version": 1,
        "tool": {"name": "mommytrack", "version": "0.1.0"},
        "bank": {"title": bank_title},
        "mode": "full",
        "overall": {"score": 100.0, "verdict": "mixed", "label": "Mixed",
                    "capped_by": [f"f{i % max(1, n_flags)}" for i in range(n_capped)]},
        "coverage": {"answered": n_questions, "asked": n_questions},
        "dimensions": dims,
        "flags": flags,
        "next_steps": [],
        "levers": [],
        "answers": {},
    }


def write_json(path, value):
    text = json.dumps(value, separators=(",", ":"))
    write(path, text)
    return path


LIMIT = int(os.environ.get("LIMIT", "60"))


def timed(binary, args, stdin=None):
    # `timeout` ends a runaway case; its figures then read as "over LIMIT".
    cmd = ["/usr/bin/time", "-v", "timeout", str(LIMIT), binary] + args
    p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=LIMIT + 30)
    err = p.stderr.decode(errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", err)
    secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else -1
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    mib = int(rss.group(1)) / 1024 if rss else -1
    code = re.search(r"Exit status: (\d+)", err)
    return secs, mib, int(code.group(1)) if code else p.returncode


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def main():
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "release", "mommytrack")
    root = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="mt-hostile-")
    cases = []
    for n in (200, 2000, 4500):
        d, a = multi_bank(root, n)
        cases.append((f"assess: multi question, {n} options all ticked", ["assess", "--bank", d, "--answers", a], d))
    r = write_json(os.path.join(root, "capped.json"), big_result(100, n_flags=20000, n_capped=60000))
    cases.append(("report: 20k flags, 60k capped_by ids", ["report", r], r))
    v = big_result(20000, n_flags=1000, n_capped=1000)
    for f in v["flags"]:
        f["because"] = [f"q{i}" for i in range(0, 20000, 100)]
    r = write_json(os.path.join(root, "at_cap.json"), v)
    cases.append(("report: 20k questions, 1000 flags of 200 reasons", ["report", r], r))
    cases.append(("compare: the same, with itself", ["compare", r, r], r))
    a = write_json(os.path.join(root, "r40k_a.json"), big_result(40000))
    b = write_json(os.path.join(root, "r40k_b.json"), big_result(40000, bank_title="Other"))
    cases.append(("compare: two 40k-question results", ["compare", a, b], a))
    d = escaped_bank(root, 40000)
    cases.append(("validate: 40k escaped ids", ["validate", d], d))
    d, ans = chain_bank(root, 50000)
    cases.append(("validate: 50k-question when chain", ["validate", d], d))
    cases.append(("assess: 50k-question when chain", ["assess", "--bank", d, "--answers", ans], d))
    d, ans = chain_bank(root, 100000, per_file=20000)
    cases.append(("assess: 100k-question when chain", ["assess", "--bank", d, "--answers", ans], d))
    d, ans = options_bank(root, 2800)
    cases.append(("assess: 2,800 questions of 200 options (28 MB)", ["assess", "--bank", d, "--answers", ans], d))
    gen = os.environ.get("GENBANKS")
    if gen:
        for n in (10000, 100000):
            d = os.path.join(gen, str(n))
            if os.path.isdir(d):
                cases.append((f"validate: generated {n}", ["validate", d], d))
                cases.append((f"assess: generated {n}", ["assess", "--bank", d, "--answers",
                                                         os.path.join(gen, f"{n}.answers.yaml")], d))
    print(f"{'case':48} {'wall s':>8} {'peak MiB':>9} {'input MiB':>9} {'x input':>7} exit")
    repeat = int(os.environ.get("REPEAT", "1"))
    only = os.environ.get("ONLY", "")
    for name, args, size_of in cases:
        if only not in name:
            continue
        # The fastest of REPEAT runs: the machine may be shared.
        secs, mib, code = min(timed(binary, args) for _ in range(repeat))
        size = du(size_of) / (1024 * 1024)
        shown = f">{LIMIT}" if code == 124 else f"{secs:.2f}"
        print(f"{name:48} {shown:>8} {mib:9.1f} {size:9.2f} {mib / size if size else 0:7.1f} {code}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
