"""How fast icpspec starts and validates: import time, cold CLI wall time, warm load time.

Run from the repository root:

    python benchmarks/bench_validate.py [--runs 15] [SPEC ...]

Prints medians (and min/max) of:
- ``import icpspec`` as reported by ``python -X importtime`` (cumulative µs);
- the wall time of ``icpspec validate SPEC`` in a fresh process, interpreter
  start-up included (the pre-commit budget of RELIABILITY.md is 2 s);
- ``icpspec.load(SPEC)`` in a warm process (parsing + schema + semantics).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _stats(values: list[float]) -> str:
    return f"median {statistics.median(values):8.1f}  min {min(values):8.1f}  max {max(values):8.1f}"


def import_time_us(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import icpspec"],
            capture_output=True,
            text=True,
            check=True,
        )
        line = [ln for ln in proc.stderr.splitlines() if ln.rstrip().endswith("| icpspec")][-1]
        out.append(float(line.split("|")[1]))
    return out


def cli_wall_ms(spec: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "icpspec", "validate", str(spec)], capture_output=True, check=True
        )
        out.append((time.perf_counter() - start) * 1000)
    return out


def baseline_python_ms(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        out.append((time.perf_counter() - start) * 1000)
    return out


def warm_load_ms(spec: Path, runs: int) -> list[float]:
    import icpspec

    icpspec.load(spec)  # imports and caches (schema validator, country table)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        icpspec.load(spec)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="*", type=Path, default=[ROOT / "examples" / "acme.icp.yaml"])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {args.runs} runs each")
    print(f"{'import icpspec (µs)':44} {_stats(import_time_us(args.runs))}")
    print(f"{'python -c pass, for reference (ms)':44} {_stats(baseline_python_ms(args.runs))}")
    for spec in args.specs:
        name = spec.relative_to(ROOT) if spec.is_relative_to(ROOT) else spec
        print(f"{f'icpspec validate {name} (ms)':44} {_stats(cli_wall_ms(spec, args.runs))}")
        print(f"{f'warm icpspec.load({spec.name}) (ms)':44} {_stats(warm_load_ms(spec, args.runs))}")


if __name__ == "__main__":
    main()
