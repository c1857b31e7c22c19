"""``icpspec lint --population`` on 100,000 accounts: the acme example against a CRM-sized file.

Generates accounts shaped for ``examples/acme.icp.yaml`` deterministically
(formatted numbers, blanks, country names, technology lists; about half of
them close to the ideal customer, so that the top tier is crowded and
``population-too-broad`` reports it), then times, in a fresh process each:

    python -m icpspec lint examples/acme.icp.yaml --today 2026-11-01 --isolated --population FILE

Target (the population-too-broad issue): seconds, not minutes; the script
fails (exit 1) above 30 s or when the rule does not report. Run from the
repository root:

    python benchmarks/bench_population.py [--rows 100000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The shared helpers of the benchmarks (this script's folder is on sys.path when it runs).
from bench_match import COUNTRIES, TECH, _employees, _revenue

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "acme.icp.yaml"
LIMIT_S = 30.0

COLUMNS = [
    "Company", "Business Model", "Number of Employees", "Annual Revenue", "Funding Stage",
    "Years in Business", "Legal Form", "Offerings", "HQ Country", "State", "Technologies", "Is Public",
    "IPO plans",
]  # fmt: skip
MODELS = ["saas", "SaaS", "services", "marketplace", ""]
FUNDING = ["bootstrapped", "seed", "series_a", "Series B", ""]
FORMS = ["llc", "LLC", "private_limited", "corporation", ""]
OFFERINGS = ["data analytics", "Data Analytics; BI", "payments", "hr software", ""]
STATES = ["CA", "California", "NY", "TX", "WA", ""]


def _ideal(rng: random.Random, i: int) -> list[str]:
    """An account close to acme's ideal customer: most criteria met, a few blanks."""
    return [
        f"Ideal {i}", "saas", str(rng.randint(5, 50)), f"${rng.randint(500, 2000)}k", "bootstrapped",
        str(rng.randint(3, 5)), "llc", "data analytics", rng.choice(["US", "United States", "USA"]),
        rng.choice(["CA", "California"]), rng.choice(["hubspot", "salesforce; slack", "notion"]),
        rng.choice(["no", "false", ""]), rng.choice(["no", ""]),
    ]  # fmt: skip


def _anyone(rng: random.Random, i: int) -> list[str]:
    return [
        f"Company {i}", rng.choice(MODELS), _employees(rng), _revenue(rng), rng.choice(FUNDING),
        rng.choice([str(rng.randint(0, 40)), "", "n/a"]), rng.choice(FORMS), rng.choice(OFFERINGS),
        rng.choice(COUNTRIES), rng.choice(STATES), "; ".join(rng.sample(TECH, rng.randint(0, 3))),
        rng.choice(["yes", "no", "true", "false", ""]), rng.choice(["yes", "no", ""]),
    ]  # fmt: skip


def generate(path: Path, rows: int, seed: int = 11) -> None:
    """Write ``rows`` accounts to ``path``, the same every time for the same seed."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for i in range(rows):
            w.writerow(_ideal(rng, i) if rng.random() < 0.5 else _anyone(rng, i))


def run_lint(population: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    cmd = [sys.executable, "-m", "icpspec", "lint", str(SPEC), "--today", "2026-11-01", "--isolated"]
    start = time.perf_counter()
    proc = subprocess.run(
        [*cmd, "--population", str(population)], capture_output=True, text=True, check=False
    )
    return time.perf_counter() - start, proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median and the best count")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="icpspec-bench-population-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        src = folder / "population.csv"
        if not src.exists() or sum(1 for _ in src.open("rb")) != args.rows + 1:
            t = time.perf_counter()
            generate(src, args.rows)
            size, took = src.stat().st_size / 1e6, time.perf_counter() - t
            print(f"generated {args.rows:,} accounts ({size:.1f} MB) in {took:.1f} s")
        runs = [run_lint(src) for _ in range(args.repeat)]
        walls = [w for w, _ in runs]
        proc = runs[0][1]
        print(f"icpspec lint {SPEC.relative_to(ROOT)} --population ({args.rows:,} rows), {args.repeat} runs:")
        print(
            f"  wall s: median {statistics.median(walls):.2f}, best {min(walls):.2f}, worst {max(walls):.2f}"
        )
        print(f"  {args.rows / statistics.median(walls):,.0f} accounts/s (interpreter start-up included)")
        print(f"  exit status {proc.returncode}")
        print("stdout:\n" + "\n".join("  " + line for line in proc.stdout.splitlines()))
        print("stderr:\n" + "\n".join("  " + line for line in proc.stderr.splitlines()))
        ok = statistics.median(walls) < LIMIT_S and "ICP103" in proc.stdout and proc.returncode == 0
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
