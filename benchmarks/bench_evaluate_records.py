"""``icpspec.evaluate`` of records in memory: a list of dicts, keyed several ways, and a DataFrame.

Records whose keys vary are mapped as they come (``icpspec.records.VaryingColumns``) and
the named columns (``outcome=``…) are looked for in every record, so how the keys are spelt
costs something. Timed, best of ``--runs``, on ``--rows`` generated accounts (a planted
signal on size and country, blanks, open deals):

* ``as named``: keys spelt as the fields and the outcome are named;
* ``outcome spelt otherwise``: the outcome's key is ``Outcome`` for ``outcome="outcome"``;
* ``alias keys``: ``headcount`` for the field ``employees``;
* ``keys vary``: one record in ten lacks ``country``, one in ten adds a key of its own;
* ``polars DataFrame``: the as-named records as a DataFrame (when polars is installed).

Run from the repository root:

    python benchmarks/bench_evaluate_records.py [--rows 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import icpspec

SPEC = icpspec.loads(
    """
icpspec: 1
profiles:
  smb:
    criteria:
      - {id: size, field: employees, between: [10, 200], weight: 3}
      - {id: us, field: country, in: [US, CA], weight: 2}
      - {id: saas, field: industry, in: [software, saas], weight: 1, required: true}
    tiers: {A: 80, B: 50, C: 10}
"""
)


def accounts(n: int, seed: int = 5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        employees = rng.choice([None, rng.randint(1, 5000), rng.randint(10, 200)])
        country = rng.choice(["US", "Canada", "France", "", None, "Germany"])
        fit = (employees is not None and 10 <= employees <= 200) + (country in ("US", "Canada"))
        won = rng.random() < min(0.95, 0.1 + 0.35 * fit)
        outcome = rng.choice(["open", ""]) if rng.random() < 0.05 else ("won" if won else "lost")
        rows.append(
            {
                "id": f"acct-{i}",
                "employees": employees,
                "country": country,
                "industry": rng.choice(["software", "SaaS", "retail", None]),
                "outcome": outcome,
            }
        )
    return rows


def renamed(rows: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    return [{(new if k == old else k): v for k, v in r.items()} for r in rows]


def varying(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for i, row in enumerate(rows):
        record = dict(row)
        if i % 10 == 3:
            del record["country"]
        if i % 10 == 7:
            record[f"note_{i % 1000}"] = "x"
        out.append(record)
    return out


def best_of(runs: int, call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = accounts(args.rows)
    cases: dict[str, object] = {
        "as named": rows,
        "outcome spelt otherwise": renamed(rows, "outcome", "Outcome"),
        "alias keys": renamed(rows, "employees", "headcount"),
        "keys vary": varying(rows),
    }
    try:
        import polars as pl

        cases["polars DataFrame"] = pl.DataFrame(rows)
    except ImportError:
        pass
    expected = icpspec.evaluate(rows, SPEC, outcome="outcome").figures.records
    print(f"{args.rows:,} records, best of {args.runs}")
    for name, data in cases.items():
        figures = icpspec.evaluate(data, SPEC, outcome="outcome").figures
        assert name == "keys vary" or figures.records == expected, name
        seconds = best_of(args.runs, lambda data=data: icpspec.evaluate(data, SPEC, outcome="outcome"))
        print(f"  {name:<26}{seconds:>7.3f} s  {args.rows / seconds:>12,.0f} records/s")


if __name__ == "__main__":
    main()
