"""The hostile record corpus through ``icpspec match``: wall time and peak memory per file.

Issue 7: every hostile record file (tests/records_hostile/, and the large ones
its make_corpus.py builds) gets a clear report and no traceback within 2
seconds and 200 MB, interpreter start-up included. This script runs
``python -m icpspec match hostile.icp.yaml FILE -o OUT`` in a fresh process on
each, with the same wrapper as bench_hostile.py, and prints one row per file.
Run from the repository root:

    python benchmarks/bench_records_hostile.py [--runs 3] [--only NAME]

The exit status is 1 when any file is over budget, shows a traceback, or
exits with a status other than the one tests/records_hostile/cases.yaml expects.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bench_hostile import _WRAPPER, Run

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "records_hostile"


def generated() -> dict[str, bytes]:
    """The large members of the corpus, from the tests' own builder."""
    sys.path.insert(0, str(ROOT))
    from tests.records_hostile.make_corpus import generated_cases

    return generated_cases()


def measure(path: Path, out: Path, runs: int, timeout: float) -> Run:
    """The worst of ``runs`` fresh runs (slowest wall time, highest peak RSS)."""
    results = []
    for _ in range(runs):
        out.unlink(missing_ok=True)
        cmd = [
            sys.executable,
            "-m",
            "icpspec",
            "match",
            str(HOSTILE / "hostile.icp.yaml"),
            str(path),
            "-o",
            str(out),
        ]
        printed = subprocess.run(
            [sys.executable, "-c", _WRAPPER, str(timeout), *cmd], capture_output=True, text=True, check=True
        ).stdout
        results.append(Run(**json.loads(printed)))
    worst = max(results, key=lambda r: r.wall)
    worst.rss_kb = max(r.rss_kb for r in results)
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", default="")
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    expected = {
        c["file"]: c["exit"] for c in yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
    }
    header = f"{'file':28} {'bytes':>10} {'exit':>4} {'wall s':>6} {'cpu s':>6} {'peak MB':>7}  verdict"
    print(header)
    print("-" * len(header))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="icpspec-bench-records-") as tmp:
        folder = Path(tmp)
        files = sorted(p for p in HOSTILE.iterdir() if p.suffix in (".csv", ".jsonl"))
        for name, data in generated().items():
            (folder / name).write_bytes(data)
            files.append(folder / name)
        for path in files:
            if args.only not in path.name:
                continue
            r = measure(path, folder / ("out" + path.suffix), args.runs, args.timeout)
            # bench_hostile's verdict on time, memory and output; the exit status is match's own.
            problems = [p for p in r.verdict().split(", ") if p != "ok" and not p.startswith("EXIT")]
            if r.exit != expected.get(path.name):
                problems.append(f"EXIT {r.exit}, expected {expected.get(path.name)}")
            verdict = ", ".join(problems) or "ok"
            failures += verdict != "ok"
            print(
                f"{path.name:28} {path.stat().st_size:>10} {r.exit!s:>4} {r.wall:>6.2f} {r.cpu:>6.2f} "
                f"{r.rss_kb / 1024:>7.1f}  {verdict}",
                flush=True,
            )
    print(f"\n{failures} file(s) over budget or wrong" if failures else "\nevery file within budget")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
