#!/usr/bin/env python3
"""The worst inputs we can build within mommytrack's caps (docs/security.md,
"Caps on work"), run through every command that reads them, each timed end
to end with /usr/bin/time -v on the release binary. The claim under test:
every command on any input within the caps ends in under 1 s and 256 MiB.

Usage: python3 benches/hostile.py [BINARY] [WORKDIR]
  BINARY   default: $CARGO_TARGET_DIR/release/mommytrack or target/release/mommytrack
  WORKDIR  default: a fresh temporary folder

Prints one line per run: wall seconds, peak memory (MiB), input size (MiB),
exit code, and OVER when a run passes 1 s or 256 MiB. REPEAT=N keeps the
fastest of N runs (the machine may be shared); ONLY=TEXT runs the cases
whose name holds TEXT; LIMIT=S ends a run after S seconds (default 60).

The caps (engine/src/input.rs, answers.rs, bank/validate/mod.rs, bank/load.rs):
1 MiB and 100,000 YAML values (aliases expanded) per answers file; 8 MiB,
1,000 files and 250,000 values per bank; 10,000 questions, 200 options per
question, 1,000 flags and advice entries per bank; 16 MiB per saved result;
10,000 files and 128 MiB of results per summarize, 16 MiB per history;
32 levels of nesting, 10 aliases for each anchor; 100 problems listed per bank
or answers file; "did you mean" for names of up to 64 bytes.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

MIB = 1024 * 1024
ANSWERS_CAP = 1 * MIB
BANK_CAP = 8 * MIB
RESULT_CAP = 16 * MIB
RESULT_VALUES = 500_000

BANDS = """bands:
  - { verdict: positive, min: 70, label: "Positive track", summary: "Good." }
  - { verdict: mixed, min: 45, label: "Mixed track", summary: "Mixed." }
  - { verdict: sidelined, min: 0, label: "Sidelining risk", summary: "Careful." }
"""


def write(path, text, cap=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode()
    if cap is not None:
        assert len(data) <= cap, f"{path} is over its cap: {len(data)} > {cap}"
    with open(path, "wb") as f:
        f.write(data)
    return path


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


# --- A 10,000-question bank at the caps -------------------------------------
# The shape of tests/support/genbank.rs (sets of 20 questions cycling through
# every kind, a gate per set that later questions depend on, options that
# raise flags), made as large as the caps allow: 10,000 questions, 1,000
# flags, 1,000 advice entries whose conditions look at answers, flags,
# dimensions and the overall score.

PER_SET = 20
FLAGS = 1000
ADVICE = 1000


def kind_of(n):
    x = n % PER_SET
    if x == 0:
        return "gate"
    return {1: "choice", 2: "multi", 3: "scale", 4: "yesno"}.get(x % 5, "text")


def qid(n):
    return f"q{n}_{kind_of(n)}"


def big_bank(root, questions=10_000):
    d = os.path.join(root, f"bank{questions}")
    sets = (questions + PER_SET - 1) // PER_SET
    t = ["title: Generated bank at the caps\n", BANDS, "flags:\n"]
    for f in range(FLAGS):
        cap = "\n    caps_verdict: mixed" if f % 2 == 0 else ""
        sev = "red" if f % 2 == 0 else "green"
        t.append(f"  flag_{f}:\n    severity: {sev}\n    title: \"Flag {f}\"{cap}\n")
    t.append("advice:\n")
    for a in range(ADVICE):
        s = (a * 7) % sets
        q = s * PER_SET + 1
        when = [
            f"{{ flag: flag_{a % FLAGS} }}",
            f"{{ any: [ {{ dimension: s{s}, below: 40 }}, {{ answer: {qid(q)}, is: bad }} ] }}",
            "{ all: [ { overall: { below: 45 } }, { not: { flag: flag_1 } } ] }",
            f"{{ answer: {qid(q + 1)}, includes: watched }}",
        ][a % 4]
        t.append(
            f"  - id: step_{a}\n    title: \"Step {a}\"\n    detail: \"What to do, {a}.\"\n"
            f"    group: g{a % 50}\n    priority: {a % 5 + 1}\n    when: {when}\n"
        )
    write(os.path.join(d, "bank.yaml"), "".join(t))
    for s in range(sets):
        gate = s * PER_SET
        t = [f"id: s{s}\ntitle: \"Set {s}\"\nweight: {[1.0, 1.5, 2.0, 0.5][s % 4]}\nquestions:\n"]
        for n in range(gate, min(questions, gate + PER_SET)):
            k = kind_of(n)
            t.append(f"  - id: {qid(n)}\n    prompt: \"Question {n}: how is it going?\"\n")
            if n != gate and n % 7 == 0:
                t.append(f"    when: {{ answer: {qid(gate)}, is: true }}\n")
            if k == "gate":
                t.append("    kind: yesno\n" + ("    scores: { yes: 1, no: 0 }\n" if s % 2 else ""))
            elif k == "choice":
                t.append(
                    "    kind: choice\n    options:\n"
                    "      - { id: good, label: \"Good\", score: 2 }\n"
                    "      - { id: fair, label: \"Fair\", score: 0 }\n"
                    f"      - {{ id: bad, label: \"Bad\", score: -2, flag: flag_{n % FLAGS} }}\n"
                )
            elif k == "multi":
                t.append(
                    "    kind: multi\n    options:\n"
                    "      - { id: remote, label: \"Remote days\", score: 2 }\n"
                    "      - { id: hours, label: \"Flexible hours\", score: 1 }\n"
                    "      - { id: watched, label: \"Watched\", score: -2 }\n"
                )
            elif k == "scale":
                t.append("    kind: scale\n    scale: { min: 1, max: 5 }\n")
            elif k == "yesno":
                t.append("    kind: yesno\n    scores: { yes: 1, no: 0 }\n")
            else:
                t.append("    kind: text\n")
        write(os.path.join(d, f"s{s:04}.yaml"), "".join(t))
    assert du(d) <= BANK_CAP, du(d)
    return d


def big_answers(root, questions=10_000, note_to_fill=True):
    """Answers to every question of big_bank (gates yes, so everything is
    asked), the text answers long enough to bring the file to 1 MiB."""
    lines = []
    texts = []
    for n in range(questions):
        k = kind_of(n)
        value = {"gate": "true", "choice": ["good", "fair", "bad"][n % 3],
                 "multi": ["[remote, hours]", "[]", "[watched]"][n % 3], "scale": str(1 + n % 5),
                 "yesno": ["true", "false"][n % 2]}.get(k)
        if value is None:
            texts.append(n)
            value = "NOTE"
        lines.append(f"{qid(n)}: {value}\n")
    text = "".join(lines)
    if note_to_fill and texts:
        room = ANSWERS_CAP - len(text.encode()) - 64
        per = max(1, room // len(texts) - 3)
        note = '"' + ("word " * (per // 5 + 1))[:per] + '"'
        text = text.replace("NOTE", note)
    else:
        text = text.replace("NOTE", '"a note"')
    path = os.path.join(root, f"answers{questions}.yaml")
    return write(path, text, ANSWERS_CAP)


def chain_bank(root, n=10_000, per_file=500):
    """n yes/no questions, each asked only when the one before is yes: the
    deepest chain of conditions (levers and settling see every question
    depend on the first)."""
    d = os.path.join(root, f"chain{n}")
    write(os.path.join(d, "bank.yaml"), "title: Chain\n" + BANDS)
    for f in range(0, n, per_file):
        t = [f"id: c{f}\ntitle: Part {f}\nquestions:\n"]
        for i in range(f, min(n, f + per_file)):
            when = f"    when: {{ answer: c{i - 1}, is: true }}\n" if i else ""
            t.append(f"  - id: c{i}\n    kind: yesno\n    prompt: \"Q{i}\"\n    scores: {{ yes: 1, no: 0 }}\n{when}")
        write(os.path.join(d, f"c{f:06}.yaml"), "".join(t))
    answers = write(os.path.join(root, f"chain{n}.answers.yaml"),
                    "".join(f"c{i}: true\n" for i in range(n)), ANSWERS_CAP)
    return d, answers


def wide_when_bank(root, scales=1000, waiting=90):
    """The red team's shape (bound9, F1): `scales` answered 0-100 scales,
    then `waiting` yes/no questions each asked when any of the scales has
    one value: every change of a scale's answer decides all those
    conditions again (the levers' budget of condition tests)."""
    d = os.path.join(root, f"wide{scales}_{waiting}")
    write(os.path.join(d, "bank.yaml"), "title: Wide\n" + BANDS)
    s = [f"  - {{ id: s{j}, kind: scale, prompt: P, scale: {{ min: 0, max: 100 }} }}\n" for j in range(scales)]
    write(os.path.join(d, "10_s.yaml"), "id: s\ntitle: S\nquestions:\n" + "".join(s))
    t = []
    for i in range(waiting):
        leaves = ", ".join(f"{{answer: s{j}, is: {(i + j) % 100 + 1}}}" for j in range(scales))
        t.append(f"  - {{ id: t{i}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }}, when: {{ any: [{leaves}] }} }}\n")
    write(os.path.join(d, "20_t.yaml"), "id: t\ntitle: T\nquestions:\n" + "".join(t))
    answers = write(os.path.join(root, f"wide{scales}_{waiting}.answers.yaml"),
                    "".join(f"s{j}: 0\n" for j in range(scales)) + "".join(f"t{i}: true\n" for i in range(waiting)),
                    ANSWERS_CAP)
    return d, answers


def options_bank(root, per_file=20):
    """As many questions with the most options (200) as the 250,000 values
    of a bank allow, half choice and half multi with every option ticked:
    every answered question is a lever with 200 alternatives."""
    d = os.path.join(root, "options")
    write(os.path.join(d, "bank.yaml"), "title: Options\n" + BANDS)
    n = 176  # about 1,400 values a question
    answers = []
    for f in range(0, n, per_file):
        t = [f"id: o{f}\ntitle: Part {f}\nquestions:\n"]
        for i in range(f, min(n, f + per_file)):
            kind = "multi" if i % 2 else "choice"
            t.append(f"  - id: q{i}\n    kind: {kind}\n    prompt: \"Q{i}\"\n    options:\n")
            t.extend(f"      - {{ id: o{o}, label: \"Option {o}\", score: {o % 5 - 2} }}\n" for o in range(200))
            answers.append(f"q{i}: " + ("[" + ", ".join(f"o{o}" for o in range(200)) + "]" if i % 2 else "o3") + "\n")
        write(os.path.join(d, f"o{f:04}.yaml"), "".join(t))
    a = write(os.path.join(root, "options.answers.yaml"), "".join(answers), ANSWERS_CAP)
    return d, a


def shared_options_bank(root, questions, per_anchor):
    """Questions sharing lists of 200 options through aliases, each list
    written once for every `per_anchor` questions: small text, large once
    expanded. The parser allows at most 10 aliases for each anchor (once
    a file has 100 aliases), so with per_anchor 10 this is a valid bank
    as large as the 250,000 values allow (170 questions)."""
    d = os.path.join(root, f"shared{questions}")
    write(os.path.join(d, "bank.yaml"), "title: Shared\n" + BANDS)
    opts = ", ".join(f"{{ id: o{i}, label: O, score: {i % 3} }}" for i in range(200))
    t = ["id: shared\ntitle: Shared\nquestions:\n"]
    for i in range(questions):
        a = i // per_anchor
        options = f"&o{a} [{opts}]" if i % per_anchor == 0 else f"*o{a}"
        t.append(f"  - {{ id: q{i}, kind: choice, prompt: P, options: {options} }}\n")
    write(os.path.join(d, "10_shared.yaml"), "".join(t), BANK_CAP)
    return d


def long_ids_bank(root, questions=10_000):
    """10,000 questions whose ids are 63 characters, alike but for their
    last digits, and an answers file of 2,000 unknown ids of 64 characters
    close to them: the most "did you mean" work (100 listed problems, each
    against every id, at the longest names that get a suggestion). And a
    bank whose `when` conditions name 200 such unknown ids."""
    qid = lambda n: ("q" + "abcdefghij" * 6)[:58] + f"{n:05}"
    near = lambda n: qid(n)[:-5] + f"x{n:05}"
    banks = []
    for name, when_every in (("longids", 0), ("longwhen", 50)):
        d = os.path.join(root, name)
        write(os.path.join(d, "bank.yaml"), "title: Long ids\n" + BANDS)
        for f in range(0, questions, 500):
            t = [f"id: s{f}\ntitle: S{f}\nquestions:\n"]
            for n in range(f, f + 500):
                w = f", when: {{ answer: {near(n)}, is: true }}" if when_every and n % when_every == 1 else ""
                t.append(f"  - {{ id: {qid(n)}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }}{w} }}\n")
            write(os.path.join(d, f"s{f:05}.yaml"), "".join(t))
        banks.append(d)
    answers = write(os.path.join(root, "longids.answers.yaml"),
                    "".join(f"{near(n)}: true\n" for n in range(2000)), ANSWERS_CAP)
    return banks[0], banks[1], answers


def mini_bank(root):
    """A small valid bank for the answers-file cases."""
    d = os.path.join(root, "mini")
    write(os.path.join(d, "bank.yaml"), "title: Mini\n" + BANDS)
    write(os.path.join(d, "10_m.yaml"),
          "id: m\ntitle: M\nquestions:\n"
          "  - { id: has_manager, kind: yesno, prompt: \"A manager?\", scores: { yes: 1, no: 0 } }\n"
          "  - { id: boss_understands, kind: scale, prompt: \"Understands?\", scale: { min: 1, max: 5 } }\n"
          "  - { id: notes, kind: text, prompt: \"Notes\" }\n")
    return d


def esc(s):
    return "".join(f"\\x{ord(c):02x}" for c in s)


def answers_cases(root):
    """(name, path) of answers files at the cap that once ran away."""
    out = []
    one = "[" + ", ".join(["x"] * 10_000) + "]"
    text = f"a: &a {one}\nb: [" + ", ".join(["*a"] * 10_000) + "]\n"
    out.append(("alias: one anchor of 10,000 aliased 10,000 times", write(os.path.join(root, "alias.yaml"), text, ANSWERS_CAP)))
    text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    out.append(("alias: a billion laughs", write(os.path.join(root, "laughs.yaml"), text, ANSWERS_CAP)))
    text = "notes: it's\nx: " + "[" * (ANSWERS_CAP - 20) + "\n"
    out.append(("nesting: it's, then 1 MiB of [", write(os.path.join(root, "deep.yaml"), text, ANSWERS_CAP)))
    keys = []
    size = 0
    i = 0
    while True:
        line = f"\"{esc(f'q{i}')}\": true\n"
        if size + len(line) > ANSWERS_CAP or len(keys) >= 49_000:
            break
        keys.append(line)
        size += len(line)
        i += 1
    out.append((f"escaped keys: {len(keys):,} unknown ids", write(os.path.join(root, "escaped.yaml"), "".join(keys), ANSWERS_CAP)))
    n = (ANSWERS_CAP - 100) // 40_010
    text = "".join(f"{chr(97 + i % 26) * 40_000}{i}: true\n" for i in range(n))
    out.append((f"long ids: {n} unknown ids of 40,000 characters", write(os.path.join(root, "long.yaml"), text, ANSWERS_CAP)))
    count = (ANSWERS_CAP - 2) // 5
    text = "[" + ", ".join(["{a}"] * count) + "]"
    text = text[:ANSWERS_CAP - 1] + "]" if len(text) > ANSWERS_CAP else text
    out.append(("small entries: 1 MiB of [{a}, {a}, ...]", write(os.path.join(root, "tiny.yaml"), text[: ANSWERS_CAP], ANSWERS_CAP)))
    text = "".join(f"x{i}: 1\n" for i in range(49_000))
    out.append(("small entries: 49,000 unknown ids", write(os.path.join(root, "many.yaml"), text, ANSWERS_CAP)))
    text = "notes: \"" + "word " * ((ANSWERS_CAP - 40) // 5) + "\"\nhas_manager: true\n"
    out.append(("one text answer of 1 MiB", write(os.path.join(root, "note.yaml"), text, ANSWERS_CAP)))
    return out


def escaped_bank(root):
    """A bank file at 8 MiB of escaped unknown keys in one question."""
    d = os.path.join(root, "escaped_bank")
    write(os.path.join(d, "bank.yaml"), "title: Escaped\n" + BANDS)
    head = "id: e\ntitle: E\nquestions:\n  - id: q\n    kind: yesno\n    prompt: P\n"
    lines = []
    size = len(head)
    i = 0
    while i < 240_000:
        line = f"    \"{esc(f'k{i}')}\": 1\n"
        if size + len(line) > BANK_CAP - 400:
            break
        lines.append(line)
        size += len(line)
        i += 1
    write(os.path.join(d, "10_e.yaml"), head + "".join(lines), BANK_CAP)
    return d, i


def waiting_bank(root, k=3, options=200, pad=500):
    """The settled-verdict search's worst (bound12): `q0`, a 0-100 scale of
    weight 100, answered 100; `k` unscored choice questions of `options`
    options; for each option a yes/no question asked only at it, its
    condition padded with `in` tests of `q0` that never hold. The bounds
    see all of them answered "no" until the search has tried the choices:
    20,000 nodes of 600 conditions of ~500 tests (50 s an answer before)."""
    d = os.path.join(root, f"waiting{k}_{pad}")
    write(os.path.join(d, "bank.yaml"), "title: Waiting\nmin_coverage: 0\n" + BANDS)
    t = ["id: a\ntitle: A\nquestions:\n",
         "  - { id: q0, kind: scale, prompt: P, weight: 100, scale: { min: 0, max: 100 } }\n"]
    opts = ", ".join(f"{{id: o{v}, label: L}}" for v in range(options))
    t += [f"  - {{ id: c{j}, kind: choice, prompt: P, options: [{opts}] }}\n" for j in range(k)]
    never = "{answer: q0, in: [" + ", ".join(str(x) for x in range(100)) + "]}"
    filler = "".join(", " + never for _ in range(pad // 100))
    for j in range(k):
        for v in range(options):
            t.append(f"  - {{ id: d{j}_{v}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }}, "
                     f"when: {{ any: [{{answer: c{j}, is: o{v}}}{filler}] }} }}\n")
    write(os.path.join(d, "10_a.yaml"), "".join(t), BANK_CAP)
    return d


def plain_bank(root, n=10_000, sets=1, interview=False):
    """`n` plain yes/no questions in `sets` parts, `min_coverage: 0` (one
    answer gives a verdict; rev-levers R2), with an interview line each
    when `interview` (all unknown in `assess --prospective`)."""
    d = os.path.join(root, f"plain{n}_{sets}{'_iv' if interview else ''}")
    write(os.path.join(d, "bank.yaml"), "title: Plain\nmin_coverage: 0\n" + BANDS)
    per = (n + sets - 1) // sets
    iv = ', interview: "Ask"' if interview else ""
    for s in range(sets):
        t = [f"id: p{s}\ntitle: P{s}\nquestions:\n"]
        t += [f"  - {{ id: y{i}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }}{iv} }}\n"
              for i in range(s * per, min(n, (s + 1) * per))]
        write(os.path.join(d, f"p{s:04}.yaml"), "".join(t), BANK_CAP)
    return d


def settle_cases(root, add):
    """One answer of a `--plain` session read from a pipe (the settled-
    verdict search runs after it, as on a terminal), and what to find out
    in `assess --prospective`."""
    w = waiting_bank(root)
    add("settle: 600 questions waiting on 3 choices of 200", ["assess", "--plain", "--bank", w], w,
        "session: first answer", b"100\n")
    for sets in (1, 10):
        p = plain_bank(root, 10_000, sets)
        add(f"settle: 10,000 yes/no questions in {sets} part(s)", ["assess", "--plain", "--bank", p], p,
            "session: first answer", b"1\n")
    iv = plain_bank(root, 10_000, 1, interview=True)
    one = write(os.path.join(root, "iv.answers.yaml"), "y0: true\n")
    add("to find out: 10,000 unknowns with interview lines", ["assess", "--prospective", "--bank", iv,
        "--answers", one, "--format", "json"], iv, "assess --prospective")


def session_cases(root, add):
    """Whole `--plain` sessions read from a pipe, a line an answer (round
    10, Z3: each answer scored the bank, worked out the progress line from
    every condition and wrote the draft), and a line that changes the answer
    every later question waits on, again and again."""
    yes = b"1\n" * 10_005
    for sets in (1, 100):
        p = plain_bank(root, 10_000, sets)
        add(f"session: 10,000 yes/no questions in {sets} part(s)", ["assess", "--plain", "--bank", p], p,
            "session: every answer", yes)
    chain, _ = chain_bank(root)
    add("session: 10,000-question when chain", ["assess", "--plain", "--bank", chain], chain,
        "session: every answer", yes)
    iv = plain_bank(root, 10_000, 1, interview=True)
    add("session: 10,000 interview questions", ["assess", "--plain", "--prospective", "--bank", iv], iv,
        "session --prospective", yes)
    # 9,998 questions asked when the first is yes, one that is always asked:
    # no, back, yes, back turns 9,998 questions each time.
    d = os.path.join(root, "flip")
    write(os.path.join(d, "bank.yaml"), "title: Flip\nmin_coverage: 0\n" + BANDS)
    t = ["id: f\ntitle: F\nquestions:\n  - { id: f0, kind: yesno, prompt: P, scores: { yes: 1, no: 0 } }\n"]
    t += [f"  - {{ id: f{i}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }}, when: {{ answer: f0, is: true }} }}\n"
          for i in range(1, 9_999)]
    t += ["  - { id: f9999, kind: yesno, prompt: P, scores: { yes: 1, no: 0 } }\n"]
    write(os.path.join(d, "f.yaml"), "".join(t), BANK_CAP)
    add("session: 1,000 changes turning 9,998 questions", ["assess", "--plain", "--bank", d], d,
        "session: 4,000 lines + all", b"1\nb\n2\nb\n" * 500 + yes)


LIMIT = int(os.environ.get("LIMIT", "60"))


def timed(binary, args, cwd, feed=None):
    """`feed`: what a `--plain` session reads from its standard input (a
    pipe), with no draft left by the run before."""
    cmd = ["/usr/bin/time", "-v", "timeout", str(LIMIT), binary] + args
    if feed is not None:
        draft = os.path.join(os.environ["MOMMYTRACK_STATE_DIR"], "draft.json")
        if os.path.exists(draft):
            os.remove(draft)
    p = subprocess.run(cmd, cwd=cwd, input=feed, stdin=None if feed is not None else subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=LIMIT + 30)
    err = p.stderr.decode(errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", err)
    secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else -1
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", err))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    mib = int(rss.group(1)) / 1024 if rss else -1
    code = re.search(r"Exit status: (\d+)", err)
    return secs, cpu, mib, int(code.group(1)) if code else p.returncode


def copies(src, folder, total, most):
    """Copies of the result `src` in `folder`, as many as fit in `total`
    bytes and `most` files (separate files: each is read)."""
    os.makedirs(folder, exist_ok=True)
    with open(src, "rb") as f:
        data = f.read()
    n = min(most, total // max(len(data), 1))
    for i in range(n):
        with open(os.path.join(folder, f"r{i:05}.json"), "wb") as g:
            g.write(data)


def hand_made_results(persona, root):
    """Results edited by hand from `persona` (red team bound9: gen_m.py,
    gen_m2.py, gen_r.py), each under the 8 MiB cap: what is refused while it
    is parsed (a list longer than any bank gives, an option ticked twice)
    and the worst a result within every cap can hold (as many values as
    the cap on values allows, in 200-option answers of 1-2 letter ids;
    together entries as many as the caps on bytes and values allow)."""
    with open(persona) as f:
        base = json.load(f)
    out = []

    def values(v):
        """Values as a result's reader counts them: keys included."""
        if isinstance(v, dict):
            return 1 + sum(1 + values(x) for x in v.values())
        if isinstance(v, list):
            return 1 + sum(values(x) for x in v)
        return 1

    def fit(d, key):
        """Drops items of `d[key]` until `d` is within the cap on values."""
        over = values(d) - RESULT_VALUES
        while over > 0 and d[key]:
            over -= values(d[key].pop())

    def save(name, d):
        path = os.path.join(root, "hand", name + ".json")
        text = json.dumps(d, separators=(",", ":"))
        write(path, text, RESULT_CAP)
        out.append((name, path))

    first = base["dimensions"][0]["questions"][0]
    n = (RESULT_CAP - len(json.dumps(base)) - 200) // 8
    d = json.loads(json.dumps(base))
    q = d["dimensions"][0]["questions"][0]
    q.update(kind="multi", answer=["a"] * n, answer_label=None)
    d["answers"][first["id"]] = ["a"] * n
    save("1M ticks of one id (gen_m)", d)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    ids = list(letters) + [a + b for a in letters for b in letters]
    d = json.loads(json.dumps(base))
    for k in range(1_100):
        tick = ids[k % 7: k % 7 + 200]
        d["dimensions"][0]["questions"].append(
            {"id": f"q{k}", "prompt": "", "kind": "multi", "answer": tick, "answer_label": "",
             "score": None, "value": None, "weight": 1, "scored": False})
        d["answers"][f"q{k}"] = tick
    save("1,100 answers of 200 ticks each", d)
    d = json.loads(json.dumps(base))
    d["dimensions"][0]["questions"] = [
        {"id": f"q{k}", "prompt": "", "kind": "yesno", "answer": True, "answer_label": "",
         "score": None, "value": None, "weight": 1, "scored": False} for k in range(9_900)]
    d["answers"].update({f"q{k}": True for k in range(9_900)})
    leaves = {"any": [{"differ": f"q{k}"} for k in range(200)]}
    entry = dict(base["together_entries"][0], when=leaves) if base.get("together_entries") else None
    if entry:
        room = RESULT_CAP - len(json.dumps(d, separators=(",", ":"))) - 200
        d["together_entries"] = [entry] * min(1_000, room // len(json.dumps(entry, separators=(",", ":"))))
        fit(d, "together_entries")
    save("9,900 answers, together entries of 200 leaves (gen_r)", d)
    d = json.loads(json.dumps(base))
    d["dimensions"] = [{"id": f"d{k}", "title": "D", "score": 50.0, "answered": 0, "asked": 0, "weight": 1.0,
                        "shared": False, "questions": []} for k in range(10_000)]
    room = RESULT_CAP - len(json.dumps(d, separators=(",", ":"))) - 200
    entries = []
    for i in range(1_000):
        e = {"id": f"t{i}", "title": "T", "detail": "X", "priority": 1, "source": [],
             "when": {"either": {"any": [{"dimension": f"d{(i * 200 + j) % 10_000}", "at_least": 100}
                                         for j in range(200)]}}}
        room -= len(json.dumps(e, separators=(",", ":"))) + 1
        if room < 0:
            break
        entries.append(e)
    d["together_entries"] = entries
    fit(d, "together_entries")
    save("10,000 dimensions, together entries of 200 leaves (gen_r R1)", d)
    return out


# --- Round 8's red team (levers.md): R8, R9, R11, R12 -----------------------
# Each made from a mini-bank result (or bank) by hand, at the caps.

def round8_result(binary, root):
    """A result of the mini bank (tests/fixtures/mini), as a dict."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = subprocess.run([binary, "assess", "--bank", os.path.join(here, "tests/fixtures/mini"),
                        "--answers", "-", "--format", "json"],
                       input=b"has_manager: true\nboss_early_leave: counted\nboss_understands: 2\n",
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    return json.loads(p.stdout)


def round8_steps(base, root, results=90, steps=1000):
    """R9: `results` results of `steps` distinct next steps each (16 MiB cap)."""
    folder = os.path.join(root, "r9-steps")
    os.makedirs(folder, exist_ok=True)
    for i in range(results):
        r = dict(base)
        r["next_steps"] = [{"id": f"s{i}_{k}", "title": f"t{i}_{k}", "detail": "d", "priority": 1,
                            "rank": k + 1, "start_here": False, "group": "g", "because": []}
                           for k in range(steps)]
        write(os.path.join(folder, f"r{i:03}.json"), json.dumps(r), RESULT_CAP)
    return folder


def round8_reasons(base, root):
    """R12: 10,000 questions, 30 steps naming 10,000 ids no question has
    (of the questions' length), within 500,000 values."""
    r = dict(base)
    q = r["dimensions"][0]["questions"][1]
    r["dimensions"] = [dict(r["dimensions"][0]), dict(r["dimensions"][1])]
    r["dimensions"][1]["questions"] = [dict(q, id=f"q{i:07}") for i in range(10_000)]
    step = r["next_steps"][0]
    r["next_steps"] = [dict(step, id=f"s{k}", rank=k + 1, because=[f"b{k:02}{j:05}" for j in range(10_000)])
                       for k in range(30)]
    return write(os.path.join(root, "r12-reasons.json"), json.dumps(r, separators=(",", ":")), RESULT_CAP)


def round8_retired(root, retired=10_000):
    """R11: the mini bank with `retired` ids (10,000: the cap), and answers
    naming every one of them."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bank = os.path.join(root, "r11-retired")
    for name in os.listdir(os.path.join(here, "tests/fixtures/mini")):
        with open(os.path.join(here, "tests/fixtures/mini", name)) as f:
            text = f.read()
        if name == "bank.yaml":
            ids = "".join(f"  - {{ id: r{i:07} }}\n" for i in range(retired))
            text = text.replace("advice:\n", "retired:\n" + ids + "advice:\n", 1)
        write(os.path.join(bank, name), text, BANK_CAP)
    answers = "has_manager: true\n" + "".join(f"r{i:07}: true\n" for i in range(retired))
    return bank, write(os.path.join(root, "r11-answers.yaml"), answers, ANSWERS_CAP)


def round8_together(base, root):
    """R8: a list answer of 200 texts of 5,000 characters and a together
    entry that lists 10,000 values under `in` and tests `includes` of a
    text as long 1,000 times (6 MB, the cap is 8 MiB)."""
    r = dict(base)
    long = lambda i: "x" * 5000 + f"{i:05}"
    r["answers"] = dict(r["answers"], flex_options=[long(i) for i in range(200)])
    r["together_entries"] = [{"id": "t0", "title": "T", "detail": "D", "priority": 1, "when": {"both": {"any": [
        {"answer": "flex_options", "in": [[] for _ in range(10_000)]},
        {"any": [{"answer": "flex_options", "includes": long(999)} for _ in range(1_000)]}]}}}]
    return write(os.path.join(root, "r8-together.json"), json.dumps(r), RESULT_CAP)


def round8_cases(binary, root, add):
    base = round8_result(binary, root)
    steps = round8_steps(base, root)
    add("R9: 90 results of 1,000 next steps", ["history", steps, "--format", "json"], steps, "history")
    reasons = round8_reasons(base, root)
    add("R12: 30 steps naming 10,000 ids each", ["report", reasons, "--no-pager"], reasons, "report")
    add("R12: 30 steps naming 10,000 ids each", ["history", reasons, reasons], reasons, "history")
    bank, answers = round8_retired(root)
    add("R11: 10,000 retired ids, all answered", ["assess", "--bank", bank, "--answers", answers, "--format", "json"],
        answers, "assess")
    together = round8_together(base, root)
    add("R8: a together entry of 11,000 tests", ["compare", together, together, "--format", "json"], together, "compare")



def round9_long_text(root, text=1_000_000, entries=1_000):
    """E5, E7, E12, E19-E21 (explain): a question's prompt, its set's title
    and a flag's title of 1 MB each, quoted by 1,000 next steps and 1,000
    together entries; answers that hold all of them, and answers that hold
    none (for a history in which every step is done)."""
    d = os.path.join(root, "r9-long")
    long = lambda head: head + ("word " * (text // 5)).strip()
    bank = "title: Long\nmin_coverage: 0\nmax_next_steps: 1000\n" + BANDS
    bank += f"flags:\n  f0: {{ severity: red, title: \"{long('F ')}\" }}\nadvice:\n"
    when = "any: [ { answer: q, is: true }, { dimension: s0, at_least: 50 }, { flag: f0 } ]"
    bank += "".join(f"  - {{ id: a{i}, title: A{i}, detail: D, priority: 1, when: {{ {when} }} }}\n"
                    for i in range(entries))
    bank += "together:\n" + "".join(
        f"  - {{ id: t{i}, title: T{i}, detail: D, priority: 1, when: {{ both: {{ answer: q, is: true }} }} }}\n"
        for i in range(entries))
    write(os.path.join(d, "bank", "bank.yaml"), bank, BANK_CAP)
    qs = (f"id: s0\ntitle: \"{long('S ')}\"\nshared: true\nquestions:\n"
          f"  - {{ id: q, kind: yesno, prompt: \"{long('P ')}\", scores: {{ yes: 1, no: 0 }} }}\n"
          "  - { id: c, kind: choice, prompt: C, options: [ { id: a, label: A, score: 1, flag: f0 }, { id: b, label: B, score: 0 } ] }\n")
    write(os.path.join(d, "bank", "s0.yaml"), qs, BANK_CAP)
    return os.path.join(d, "bank"), write(os.path.join(d, "yes.yaml"), "q: yes\nc: a\n"), \
        write(os.path.join(d, "no.yaml"), "q: no\nc: b\n")


def round9_rights(root, specific, tests, general):
    """E15, E16 (explain): rights entries of one topic; each general entry
    would copy every specific entry's condition."""
    d = os.path.join(root, f"r9-rights-{specific}-{tests}-{general}")
    own = ", ".join(["{ answer: q0, is: true }"] * tests)
    entry = 'title: T, detail: D, source: "https://www.gov.example/p", checked: 2026-12-01'
    bank = ("title: D\nmin_coverage: 0\n" + BANDS +
            "rights:\n  question: region\n  general: gen\n  topics:\n    t0: { priority: 2 }\n  entries:\n")
    bank += "".join(f"    - {{ id: s{i}, topic: t0, region: r0, when: {{ all: [ {own} ] }}, {entry} }}\n"
                    for i in range(specific))
    bank += "".join(f"    - {{ id: g{i}, topic: t0, region: gen, {entry} }}\n" for i in range(general))
    write(os.path.join(d, "bank.yaml"), bank, BANK_CAP)
    write(os.path.join(d, "s0.yaml"), "id: s0\ntitle: S0\nquestions:\n"
          "  - { id: q0, kind: yesno, prompt: P, scores: { yes: 1, no: 0 } }\n"
          "  - { id: region, kind: choice, prompt: R, options: [ { id: r0, label: R0 }, { id: gen, label: G } ] }\n",
          BANK_CAP)
    return d


def round9_dimension(root, questions=9_999, steps=20):
    """E1 at the cap (explain): `steps` next steps each testing a dimension
    of `questions` questions with 64-character ids: 199,980 answers named,
    the most a bank's reasons may name is 200,000."""
    d = os.path.join(root, "r9-dimension")
    qid = lambda i: f"q{i}_".ljust(64, "x")
    bank = "title: Dims\nmin_coverage: 0\nmax_next_steps: 1000\n" + BANDS + "advice:\n"
    bank += "".join(f"  - {{ id: a{a}, title: T{a}, detail: D, priority: 1, when: {{ dimension: s0, at_least: 0 }} }}\n"
                    for a in range(steps))
    write(os.path.join(d, "bank", "bank.yaml"), bank, BANK_CAP)
    write(os.path.join(d, "bank", "s0.yaml"), "id: s0\ntitle: S0\nquestions:\n" + "".join(
        f"  - {{ id: {qid(i)}, kind: yesno, prompt: P, scores: {{ yes: 1, no: 0 }} }}\n" for i in range(questions)),
        BANK_CAP)
    return os.path.join(d, "bank"), write(os.path.join(d, "answers.yaml"),
                                          "".join(f"{qid(i)}: yes\n" for i in range(questions)), ANSWERS_CAP)


def round9_ticks(root, questions=150, options=200, steps=1_000):
    """E3 (explain): 30,000 ticks that raise one flag, 1,000 next steps
    (60,000 before a bank held 250,000 values)."""
    d = os.path.join(root, "r9-ticks")
    bank = "title: Ticks\nmin_coverage: 0\nmax_next_steps: 1000\n" + BANDS
    bank += "flags:\n  f0: { severity: red, title: F }\nadvice:\n"
    bank += "".join(f"  - {{ id: a{i}, title: A{i}, detail: D, priority: 1, when: {{ answer: z, is: true }} }}\n"
                    for i in range(steps))
    write(os.path.join(d, "bank", "bank.yaml"), bank, BANK_CAP)
    opts = ", ".join(f"{{ id: o{j}, label: O{j}, flag: f0 }}" for j in range(options))
    write(os.path.join(d, "bank", "s0.yaml"), "id: s0\ntitle: S0\nquestions:\n"
          "  - { id: z, kind: yesno, prompt: Z, scores: { yes: 1, no: 0 } }\n" + "".join(
              f"  - {{ id: m{i}, kind: multi, prompt: M, options: [ {opts} ] }}\n" for i in range(questions)),
          BANK_CAP)
    ticks = "[" + ", ".join(f"o{j}" for j in range(options)) + "]"
    answers = lambda z: f"z: {z}\n" + "".join(f"m{i}: {ticks}\n" for i in range(questions))
    return os.path.join(d, "bank"), write(os.path.join(d, "yes.yaml"), answers("yes")), \
        write(os.path.join(d, "no.yaml"), answers("no"))


def round9_cases(binary, root, add):
    """The explanation paths (reviewer explain's E-findings, round 9)."""
    def result(bank, answers, name):
        out = os.path.join(root, name)
        subprocess.run([binary, "assess", "--bank", bank, "--answers", answers, "--format", "json", "--output", out],
                       stderr=subprocess.DEVNULL, check=False)
        return out
    bank, yes, no = round9_long_text(root)
    ry, rn = result(bank, yes, "r9-long-yes.json"), result(bank, no, "r9-long-no.json")
    case = "1 MB prompt and titles quoted by 1,000 steps"
    add(case, ["assess", "--bank", bank, "--answers", yes, "--format", "text"], bank, "assess --format text")
    for fmt in ["text", "html"]:
        add(case, ["report", ry, "--format", fmt], ry, f"report --format {fmt}")
        add(case, ["compare", ry, ry, "--format", fmt], ry, f"compare --format {fmt}")
    for fmt in ["json", "markdown", "text"]:
        add(case, ["history", "--bank", bank, ry, rn, "--format", fmt], ry, f"history --format {fmt}")
    for general, specific, tests in [(51, 10, 1000), (1000, 1, 1)]:
        d = round9_rights(root, specific, tests, general)
        add(f"rights: {specific} x {tests} tests, {general} general", ["validate", d], d)
    bank, answers = round9_dimension(root)
    case = "20 steps naming 9,999 64-character ids"
    for fmt in ["json", "text"]:
        add(case, ["assess", "--bank", bank, "--answers", answers, "--format", fmt], answers, f"assess --format {fmt}")
    bank, yes, no = round9_ticks(root)
    ry, rn = result(bank, yes, "r9-ticks-yes.json"), result(bank, no, "r9-ticks-no.json")
    hist = os.path.join(root, "r9-ticks-history")
    os.makedirs(hist, exist_ok=True)
    for i, r in enumerate([ry, ry, ry, rn]):
        with open(r, "rb") as f, open(os.path.join(hist, f"r{i}.json"), "wb") as g:
            g.write(f.read())
    add("30,000 ticks raising one flag, 1,000 steps", ["history", "--bank", bank, hist, "--format", "json"], hist,
        "history (4 results)")


def main():
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "release", "mommytrack"))
    root = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="mt-hostile-")
    os.makedirs(root, exist_ok=True)
    state = os.path.join(root, "state")
    os.makedirs(state, exist_ok=True)
    os.environ["MOMMYTRACK_STATE_DIR"] = state
    only = os.environ.get("ONLY", "")
    cases = []  # (case, command, args, input, what a session reads)

    def add(case, args, size_of, command=None, feed=None):
        cases.append((case, command or args[0], args, size_of, feed))

    big = big_bank(root)
    ans = big_answers(root)
    res = os.path.join(root, "big.json")
    res2 = os.path.join(root, "big2.json")
    case = "10,000 questions, 1,000 flags and advice entries"
    add(case, ["validate", big], big)
    add(case, ["questions", "--bank", big], big)
    add(case, ["questions", "--bank", big, "--format", "json"], big)
    add(case, ["template", "--bank", big], big)
    case = "10,000 answers in 1 MiB (bank above)"
    for fmt in ["text", "markdown", "html", "json"]:
        add(case, ["assess", "--bank", big, "--answers", ans, "--format", fmt], ans, f"assess --format {fmt}")
    add(case, ["assess", "--bank", big, "--answers", ans, "--quick"], ans, "assess --quick")
    add(case, ["assess", "--bank", big, "--answers", ans, "--prospective", "--format", "json"], ans, "assess --prospective")
    add(case, ["assess", "--bank", big, "--answers", ans, "--format", "json", "--output", res], ans, "assess --output")
    case = "the saved result of 10,000 answers"
    for fmt in ["text", "html"]:
        add(case, ["report", res, "--format", fmt], res, f"report --format {fmt}")
    add(case, ["compare", res, res2], res, "compare")
    add(case, ["compare", res, res2, "--same-person", "--format", "html"], res, "compare --same-person")
    add(case, ["history", res, res2], res, "history")
    add(case, ["summarize", os.path.join(root, "results")], res, "summarize (2 results)")
    # The caps on a run: summarize 128 MiB of results and 10,000 files,
    # history 16 MiB and 1,000 results (copies: each is read whole).
    capbig, capin, hbig, hin = (os.path.join(root, d) for d in ("cap-big", "cap-builtin", "hist-big", "hist-builtin"))
    add("128 MiB of saved results of 10,000 answers", ["summarize", "--bank", big, capbig], capbig, "summarize")
    add("128 MiB of results of the built-in bank", ["summarize", capin], capin, "summarize")
    add("16 MiB of saved results of 10,000 answers", ["history", "--bank", big, hbig], hbig, "history")
    add("16 MiB of results of the built-in bank", ["history", hin], hin, "history")
    hand = os.path.join(root, "hand")
    for name in ["1M ticks of one id (gen_m)", "1,100 answers of 200 ticks each",
                 "9,900 answers, together entries of 200 leaves (gen_r)",
                 "10,000 dimensions, together entries of 200 leaves (gen_r R1)"]:
        r = os.path.join(hand, name + ".json")
        add(name, ["report", r, "--format", "html"], r, "report --format html")
        add(name, ["compare", r, r], r, "compare")
        add(name, ["compare", r, r, "--format", "html"], r, "compare --format html")
        add(name, ["history", r, r], r, "history")
        add(name, ["interview", "--from", r], r, "interview --from")
        add(name + ": 128 MiB of copies", ["summarize", os.path.join(hand, name)], r, "summarize")
    chain, chain_ans = chain_bank(root)
    case = "10,000-question when chain, all yes"
    add(case, ["validate", chain], chain)
    add(case, ["assess", "--bank", chain, "--answers", chain_ans, "--format", "json"], chain_ans, "assess")
    wide, wide_ans = wide_when_bank(root)
    case = "1,000 scales named by 90 conditions of 1,000 tests"
    add(case, ["assess", "--bank", wide, "--answers", wide_ans, "--format", "json"], wide_ans, "assess --format json")
    add(case, ["assess", "--bank", wide, "--answers", wide_ans, "--redact", "--format", "markdown"], wide_ans, "assess --redact")
    opts, opts_ans = options_bank(root)
    case = "176 questions of 200 options, all ticked"
    add(case, ["validate", opts], opts)
    add(case, ["assess", "--bank", opts, "--answers", opts_ans], opts_ans, "assess")
    shared = shared_options_bank(root, 170, 10)
    add("alias: 170 questions, 17 lists of 200 options (valid)", ["validate", shared], shared)
    add("alias: 170 questions, 17 lists of 200 options (valid)", ["questions", "--bank", shared, "--format", "json"], shared, "questions --format json")
    over = shared_options_bank(root, 25_000, 25_000)
    add("alias: 25,000 questions share 200 options", ["validate", over], over)
    ids, when, ids_answers = long_ids_bank(root)
    add("long ids: 10,000 questions, 63-character ids", ["validate", ids], ids)
    add("long ids: 2,000 unknown 64-character ids", ["assess", "--bank", ids, "--answers", ids_answers, "--format", "json"], ids_answers, "assess (did you mean)")
    add("long ids: 200 unknown 64-character ids in when", ["validate", when], when)
    ebank, ekeys = escaped_bank(root)
    add(f"escaped keys: {ekeys:,} unknown in one bank file", ["validate", ebank], ebank)
    round8_cases(binary, root, add)
    round9_cases(binary, root, add)
    settle_cases(root, add)
    session_cases(root, add)
    mini = mini_bank(root)
    for name, path in answers_cases(root):
        add(name, ["assess", "--bank", mini, "--answers", path], path, "assess (mini bank)")
        add(name, ["assess", "--bank", big, "--answers", path, "--format", "json"], path, "assess (10,000 questions)")

    print(f"{'case':52} {'command':26} {'wall s':>7} {'cpu s':>6} {'peak MiB':>8} {'in MiB':>6} exit")
    repeat = int(os.environ.get("REPEAT", "1"))
    made = False
    for name, command, args, size_of, feed in cases:
        if only not in name and only not in command:
            continue
        if not made and args[0] in ("report", "compare", "history", "summarize"):
            # The saved results: one of 10,000 answers, a second with other answers.
            subprocess.run([binary, "assess", "--bank", big, "--answers", ans, "--format", "json", "--output", res],
                           stderr=subprocess.DEVNULL, check=False)
            other = big_answers(root, note_to_fill=False)
            subprocess.run([binary, "assess", "--bank", big, "--answers", other, "--format", "json", "--output", res2],
                           stderr=subprocess.DEVNULL, check=False)
            os.makedirs(os.path.join(root, "results"), exist_ok=True)
            for r in (res, res2):
                with open(r, "rb") as f, open(os.path.join(root, "results", os.path.basename(r)), "wb") as g:
                    g.write(f.read())
            copies(res, capbig, 128 * MIB, 10_000)
            persona = os.path.join(root, "persona.json")
            here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            subprocess.run([binary, "assess", "--answers",
                            os.path.join(here, "tests/personas/australia_nurse_father_rosters.answers.yaml"),
                            "--format", "json", "--output", persona], stderr=subprocess.DEVNULL, check=False)
            copies(persona, capin, 128 * MIB, 10_000)
            # (Not `name`: the row being run keeps its own.)
            for made_name, path in hand_made_results(persona, root):
                copies(path, os.path.join(hand, made_name), 128 * MIB, 10_000)
            copies(res, hbig, 16 * MIB, 1_000)
            copies(persona, hin, 16 * MIB, 1_000)
            made = True
        runs = [timed(binary, args, root, feed) for _ in range(repeat)]
        secs, cpu, mib, code = min(runs)
        size = du(size_of) / MIB if os.path.exists(size_of) else 0
        over = " OVER" if secs >= 1 or mib >= 256 else ""
        print(f"{name[:52]:52} {command[:26]:26} {secs:7.2f} {cpu:6.2f} {mib:8.1f} {size:6.2f} {code}{over}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
