"""How fast ``icpspec lint`` is on one spec: cold CLI wall time and warm lint time.

Run from the repository root:

    python benchmarks/bench_lint.py [--runs 21] [SPEC ...]

Prints medians (and min/max), in milliseconds, of:
- ``icpspec lint SPEC --today 2026-11-01`` in a fresh process, interpreter
  start-up included (target: under 500 ms, the pre-commit budget);
- ``python -c pass``, the interpreter's own start-up, for comparison;
- ``icpspec.lint(SPEC)`` in a warm process (load + every rule + suppressions).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

# The shared helpers of the benchmarks (this script's folder is on sys.path when it runs).
from bench_validate import _stats, baseline_python_ms

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-01"


def cold_cli_ms(spec: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "icpspec", "lint", str(spec), "--today", TODAY, "--isolated"],
            capture_output=True,
            check=False,
        )
        out.append((time.perf_counter() - start) * 1000)
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr.decode())
    return out


def warm_lint_ms(spec: Path, runs: int) -> list[float]:
    import icpspec

    today = dt.date.fromisoformat(TODAY)
    icpspec.lint(spec, today=today)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        icpspec.lint(spec, today=today)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path, default=[ROOT / "examples" / "acme.icp.yaml"])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(f"python -c pass                      {_stats(baseline_python_ms(args.runs))} ms")
    for spec in args.specs:
        print(f"icpspec lint {spec.name:<22} {_stats(cold_cli_ms(spec, args.runs))} ms (cold process)")
        print(f"icpspec.lint {spec.name:<22} {_stats(warm_lint_ms(spec, args.runs))} ms (warm)")


if __name__ == "__main__":
    main()
