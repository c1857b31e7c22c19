"""The pre-commit budget on hostile input: wall time and peak memory of ``icpspec validate``.

RELIABILITY.md: ``icpspec validate`` on any single input, hostile or not,
finishes within 2 seconds and 200 MB on a 2-core machine, interpreter start-up
included. This script runs ``python -m icpspec validate FILE`` in a fresh
process on every file of the hostile corpus (``tests/hostile/``), on its
generated members, and on the worst inputs it can build within the loader's
limits, and prints one row per input. Run from the repository root:

    python benchmarks/bench_hostile.py [--runs 3] [--only NAME] [--timeout 20] [--keep DIR]

Each run happens inside a fresh wrapper process that starts the CLI, waits for
it and reads ``getrusage(RUSAGE_CHILDREN)``, so the peak RSS is that one run's.
With several runs, the table shows the worst. The budget is judged on wall
time; the CPU time column tells a slow input from a busy machine. Rows in the
last section ("outside") are inputs that break the budget outside the loader
(in the semantic checks); they are kept here so that their fix can be
measured. The exit status is 1 when any row is over budget or shows a
traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib import util
from pathlib import Path

import yaml

from icpspec.loader import DEFAULT_LIMITS, Limits, LoadError, read_document

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"
BUDGET_SECONDS = 2.0
BUDGET_MB = 200.0

# Runs one command, then prints its wall time, peak RSS and what its output looked like.
_WRAPPER = r"""
import json, re, resource, subprocess, sys, time
timeout = float(sys.argv[1])
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[2:], capture_output=True, timeout=timeout)
    code, out, err, timed_out = proc.returncode, proc.stdout, proc.stderr, False
except subprocess.TimeoutExpired as exc:
    code, out, err, timed_out = None, exc.stdout or b"", exc.stderr or b"", True
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
text = out.decode("utf-8", "replace") + err.decode("utf-8", "replace")
lines = out.decode("utf-8", "replace").splitlines()
print(json.dumps({
    "exit": code,
    "timed_out": timed_out,
    "wall": wall,
    "rss_kb": usage.ru_maxrss,
    "cpu": usage.ru_utime + usage.ru_stime,
    "lines": len(lines),
    "first": lines[0] if lines else "",
    "traceback": "Traceback" in text or "internal error" in text,
    "raw_control": re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text) is not None,
}))
"""


# -- the worst inputs within the limits ---------------------------------------------------------------

HEAD = "icpspec: 1\n"
PROFILE = HEAD + "profiles:\n  p:\n    criteria:\n"


def flow_ints_1mib(limits: Limits) -> str:
    """About 1 MiB of small ints in a flow list inside a valid key: stops at the node limit."""
    n = (limits.max_file_bytes - 200) // 2
    return PROFILE + "      - {field: employees, in: [" + ",".join(str(i % 10) for i in range(n)) + "]}\n"


def flow_ints_at_node_limit(limits: Limits) -> str:
    """As many small ints as the node limit allows, valid."""
    n = limits.max_nodes - 8
    return PROFILE + "      - {field: employees, in: [" + ",".join(str(i % 10) for i in range(n)) + "]}\n"


def many_keys_1mib(limits: Limits) -> str:
    """About 1 MiB of top-level keys: stops at the node limit."""
    n = (limits.max_file_bytes - 20) // 12
    return HEAD + "".join(f"k{i:08d}: 1\n" for i in range(n))


def unknown_keys_at_node_limit(limits: Limits) -> str:
    """Each key an unknown-key error with a did-you-mean hint."""
    return HEAD + "".join(f"k{i}: 1\n" for i in range((limits.max_nodes - 2) // 2))


def nodes_100k(limits: Limits) -> str:
    """100 000 values in one flow list."""
    return HEAD + "x: [" + ",".join("1" for _ in range(100_000)) + "]\n"


def depth_64_not_chain(limits: Limits) -> str:
    """A valid criterion nested with 'not' to the deepest level allowed."""
    for levels in range(limits.max_depth, 0, -1):
        text = (
            PROFILE
            + "      - {id: c, not: "
            + "{not: " * levels
            + "{field: employees, min: 1}"
            + "}" * levels
            + "}\n"
        )
        try:
            read_document(text, file="x.yaml", limits=limits)
        except LoadError:
            continue
        return text
    raise AssertionError("unreachable")


def depth_64_lists(limits: Limits) -> str:
    """Lists nested to the deepest level allowed, under an unknown key."""
    return HEAD + "x: " + "[" * (limits.max_depth - 1) + "]" * (limits.max_depth - 1) + "\n"


def valid_criteria_at_node_limit(limits: Limits) -> str:
    """Plain valid criteria, as many as the node limit allows."""
    n = (limits.max_nodes - 5) // 4
    return PROFILE + "".join(f"      - {{id: c{i}, field: employees, min: 1}}\n" for i in range(n))


def combinators_at_node_limit(limits: Limits) -> str:
    """Valid 'any' combinators, as many as the node limit allows."""
    n = (limits.max_nodes - 5) // 6
    return PROFILE + "".join(f"      - {{id: c{i}, any: [{{field: employees, min: 1}}]}}\n" for i in range(n))


def empty_criteria_at_node_limit(limits: Limits) -> str:
    """The costliest value found for the schema check: an empty criterion, reported twice."""
    return HEAD + "profiles: {p: {criteria: [" + ",".join("{}" for _ in range(limits.max_nodes - 5)) + "]}}\n"


def empty_disqualifiers_at_node_limit(limits: Limits) -> str:
    """An empty disqualifier, reported three times."""
    n = limits.max_nodes - 5
    return HEAD + "profiles: {p: {disqualifiers: [" + ",".join("{}" for _ in range(n)) + "]}}\n"


def custom_fields_at_node_limit(limits: Limits) -> str:
    """A spec's own fields, as many as the node limit allows."""
    n = (limits.max_nodes - 3) // 2
    return HEAD + "fields:\n" + "".join(f"  f{i}: {{type: string}}\n" for i in range(n))


def bad_countries_at_node_limit(limits: Limits) -> str:
    """Country values that are no ISO code: one lookup each for a hint."""
    n = limits.max_nodes - 8
    return PROFILE + "      - {field: country, in: [" + ",".join(f"Q{i % 10}Z" for i in range(n)) + "]}\n"


def unknown_record_fields_at_node_limit(limits: Limits) -> str:
    """A golden example whose record keys are all unknown fields, each with a did-you-mean hint."""
    n = (limits.max_nodes - 8) // 2
    keys = ", ".join(f"emplyee{i}: 1" for i in range(n))
    return HEAD + f"profiles:\n  p:\n    examples:\n      - {{record: {{{keys}}}, tier: A}}\n"


def long_texts_1mib(limits: Limits) -> str:
    """About 1 MiB in text values at the string limit."""
    n = (limits.max_file_bytes - 200) // (limits.max_string_chars + 4)
    words = ", ".join(chr(ord("a") + i) * limits.max_string_chars for i in range(n))
    return HEAD + f"personas:\n  x:\n    role: user\n    titles: [{words}]\n"


def newlines_1mib_json(limits: Limits) -> str:
    """A JSON spec followed by about 1 MiB of newlines (one line-start entry each)."""
    return '{"icpspec": 1}' + "\n" * (limits.max_file_bytes - 20)


def escapes_json(limits: Limits) -> str:
    """Text values made only of \\u escapes, at the string limit."""
    text = "\\u0041" * limits.max_string_chars
    return '{"icpspec": 1, "version": "' + text + '", "company": {"name": "' + text[: 6 * 20_000] + '"}}'


def multiline_plain_scalar(limits: Limits) -> str:
    """A plain scalar folded over thousands of lines, just under the string limit."""
    lines = (limits.max_string_chars - 100) // 8
    return HEAD + "version:\n" + "".join("  abcdef\n" for _ in range(lines))


WORST: dict[str, Callable[[Limits], str]] = {
    "flow_ints_1mib.yaml": flow_ints_1mib,
    "flow_ints_at_node_limit.yaml": flow_ints_at_node_limit,
    "many_keys_1mib.yaml": many_keys_1mib,
    "unknown_keys_at_node_limit.yaml": unknown_keys_at_node_limit,
    "nodes_100k.yaml": nodes_100k,
    "depth_64_not_chain.yaml": depth_64_not_chain,
    "depth_64_lists.yaml": depth_64_lists,
    "valid_criteria_at_node_limit.yaml": valid_criteria_at_node_limit,
    "combinators_at_node_limit.yaml": combinators_at_node_limit,
    "empty_criteria_at_node_limit.yaml": empty_criteria_at_node_limit,
    "empty_disqualifiers_at_node_limit.yaml": empty_disqualifiers_at_node_limit,
    "custom_fields_at_node_limit.yaml": custom_fields_at_node_limit,
    "bad_countries_at_node_limit.yaml": bad_countries_at_node_limit,
    "unknown_record_fields_at_node_limit.yaml": unknown_record_fields_at_node_limit,
    "long_texts_1mib.yaml": long_texts_1mib,
    "newlines_1mib.json": newlines_1mib_json,
    "escapes.json": escapes_json,
    "multiline_plain_scalar.yaml": multiline_plain_scalar,
}


# -- known budget breakers outside the loader (schema/_semantics.py) ---------------------------------------


def did_you_mean_over_own_fields(limits: Limits) -> str:
    """Every criterion names an unknown field; each hint compares it with every field the spec declares."""
    n = (limits.max_nodes - 10) // 5
    fields = "".join(f"  fieldname_{i:05d}: {{type: string}}\n" for i in range(n))
    crit = "".join(f"      - {{field: fieldnamx_{i:05d}, exists: true}}\n" for i in range(n))
    return HEAD + "fields:\n" + fields + "profiles:\n  p:\n    criteria:\n" + crit


def did_you_mean_over_evidence(limits: Limits) -> str:
    """Every evidence reference is unknown; each hint compares it with every evidence id."""
    n = (limits.max_nodes - 12) // 3
    evidence = "".join(f"  evidence_{i:05d}: {{source: crm}}\n" for i in range(n))
    refs = ", ".join(f"evidencx_{i:05d}" for i in range(n))
    crit = f"      - {{field: employees, min: 1, evidence: [{refs}]}}\n"
    return HEAD + "evidence:\n" + evidence + "profiles:\n  p:\n    criteria:\n" + crit


def re2_patterns(limits: Limits) -> str:
    """'matches' patterns that are short to write and slow to refuse (about 50 ms each in RE2)."""
    n = (limits.max_nodes - 5) // 4
    return PROFILE + "".join(
        f"      - {{id: m{i}, field: industry, matches: '\\pL{{{1000 - i % 50}}}'}}\n" for i in range(n)
    )


def re2_patterns_at_limit(limits: Limits) -> str:
    """The most distinct patterns a spec may hold, each just under RE2's memory cap (found in review)."""
    from icpspec.schema import MAX_PATTERNS, RE2_MAX_MEM, compile_pattern

    # The largest repetition that still compiles within the cap: the slowest pattern accepted.
    n = max(k for k in range(1, 200) if _compiles(compile_pattern, rf"\pL{{{k}}}x"))
    del RE2_MAX_MEM  # the cap is what compile_pattern applies
    return PROFILE + "".join(
        f"      - {{id: m{i}, field: industry, matches: '\\pL{{{n}}}x{i}'}}\n" for i in range(MAX_PATTERNS)
    )


def _compiles(compile_pattern: Callable[[str], object], pattern: str) -> bool:
    try:
        compile_pattern(pattern)
    except Exception:
        return False
    return True


OUTSIDE: dict[str, Callable[[Limits], str]] = {
    "re2_patterns_at_limit.yaml": re2_patterns_at_limit,
    "did_you_mean_over_own_fields.yaml": did_you_mean_over_own_fields,
    "did_you_mean_over_evidence.yaml": did_you_mean_over_evidence,
    "re2_patterns.yaml": re2_patterns,
}


# -- running and reporting ------------------------------------------------------------------------------


def _generated_corpus() -> dict[str, bytes]:
    spec = util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: dict[str, bytes] = module.generated_cases(DEFAULT_LIMITS)
    return cases


def inputs(folder: Path) -> Iterator[tuple[str, Path]]:
    """(section, path) for every input, written into ``folder`` where needed."""
    for path in sorted(HOSTILE.iterdir()):
        if (
            path.is_file()
            and not path.name.startswith(".")
            and path.name not in ("cases.yaml", "make_corpus.py")
        ):
            yield "corpus", path
    for name, data in _generated_corpus().items():
        path = folder / "generated" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        yield "generated", path
    for section, makers in (("limits", WORST), ("outside", OUTSIDE)):
        for name, make in makers.items():
            data = make(DEFAULT_LIMITS).encode("utf-8")
            if section == "limits" and len(data) > DEFAULT_LIMITS.max_file_bytes:
                data = data[: DEFAULT_LIMITS.max_file_bytes + 1]  # one byte over: the size check
            path = folder / section / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            yield section, path
    if hasattr(os, "mkfifo"):
        # A named pipe nobody writes to: a blocking open would hang; it must be refused at once.
        fifo = folder / "outside" / "named_pipe.yaml"
        fifo.unlink(missing_ok=True)
        os.mkfifo(fifo)
        yield "outside", fifo


@dataclasses.dataclass
class Run:
    """One run of the CLI as the wrapper saw it."""

    exit: int | None
    timed_out: bool
    wall: float
    cpu: float
    rss_kb: int
    lines: int
    first: str
    traceback: bool
    raw_control: bool

    @property
    def code(self) -> str:
        return next((w for w in self.first.split() if w.startswith("ICP")), "-")

    def verdict(self) -> str:
        problems = []
        if self.timed_out:
            problems.append("TIMEOUT")
        elif self.wall > BUDGET_SECONDS:
            problems.append("OVER TIME")
        if self.rss_kb / 1024 > BUDGET_MB:
            problems.append("OVER MEMORY")
        if self.traceback:
            problems.append("TRACEBACK")
        if self.raw_control:
            problems.append("RAW CONTROL CHAR")
        # Exit 2 is right for a path that is no spec file (ICP008), and only for that.
        if self.exit not in (0, 1, None) and not (self.exit == 2 and self.code == "ICP008"):
            problems.append(f"EXIT {self.exit}")
        return ", ".join(problems) or "ok"


def measure(path: Path, runs: int, timeout: float) -> Run:
    """The worst of ``runs`` fresh runs of ``python -m icpspec validate path`` (slowest run, highest peak)."""
    results = []
    for _ in range(runs):
        cmd = [sys.executable, "-m", "icpspec", "validate", str(path)]
        out = subprocess.run(
            [sys.executable, "-c", _WRAPPER, str(timeout), *cmd],
            capture_output=True,
            text=True,
            check=True,
            cwd=path.parent,
        ).stdout
        results.append(Run(**json.loads(out)))
    worst = max(results, key=lambda r: r.wall)
    return dataclasses.replace(worst, rss_kb=max(r.rss_kb for r in results))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per input; the worst is shown")
    parser.add_argument("--only", default="", help="only inputs whose name contains this")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds before a run is killed")
    parser.add_argument("--keep", type=Path, help="write the inputs here instead of a temporary folder")
    args = parser.parse_args()

    libyaml = "yes" if hasattr(yaml, "CSafeLoader") else "no"
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, libyaml {libyaml}, load average "
        f"{os.getloadavg()[0]:.1f}; budget {BUDGET_SECONDS:g} s wall and {BUDGET_MB:g} MB per run; "
        f"worst of {args.runs} run(s)"
    )
    print(f"limits: {DEFAULT_LIMITS}")
    header = (
        f"{'section':9} {'input':40} {'bytes':>9} {'exit':>4} {'lines':>6} {'code':7} "
        f"{'wall s':>6} {'cpu s':>6} {'peak MB':>7}  verdict"
    )
    print(header)
    print("-" * len(header))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="icpspec-bench-") as tmp:
        folder = args.keep or Path(tmp)
        for section, path in inputs(folder):
            if args.only not in path.name:
                continue
            r = measure(path, args.runs, args.timeout)
            verdict = r.verdict()
            failures += verdict != "ok"
            exit_code = "-" if r.exit is None else str(r.exit)
            print(
                f"{section:9} {path.name:40} {path.stat().st_size:>9} {exit_code:>4} {r.lines:>6} {r.code:7} "
                f"{r.wall:>6.2f} {r.cpu:>6.2f} {r.rss_kb / 1024:>7.1f}  {verdict}",
                flush=True,
            )
    print(
        f"\n{failures} input(s) over budget or with a traceback"
        if failures
        else "\nevery input within budget"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
