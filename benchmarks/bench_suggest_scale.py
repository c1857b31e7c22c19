"""``icpspec suggest`` on growing files: wall time and peak memory should grow with the rows, not
their square.

Generates the deals of ``bench_evaluate.py`` (the accounts of ``bench_match.py`` with a
``Stage`` outcome and a ``Region``) plus an ``Amount`` to the cent, a number with a distinct
value on nearly every row, then runs ``python -m icpspec suggest deals.csv --outcome Stage``
in a fresh process per size, for its wall time and peak RSS (interpreter start-up
included), and prints each size's time and memory per 100,000 rows: flat figures mean
linear growth. Before the search kept rows per value instead of a bit set per value, a
column of distinct numbers cost the square of the rows (200,000 rows: 47.3 s and 1.5 GB,
against 25.0 s and 305 MB after; typing each distinct cell once since: 26.4 s and 239 MB).
Run from the repository root:

    python benchmarks/bench_suggest_scale.py [--rows 100000 --rows 200000 --rows 400000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name: str) -> object:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench_evaluate = _load("bench_evaluate")


def generate(path: Path, rows: int, seed: int = 13) -> None:
    """bench_evaluate's deals with an ``Amount`` to the cent (won deals somewhat larger)."""
    plain = path.with_suffix(".deals.csv")
    bench_evaluate.generate(plain, rows)  # type: ignore[attr-defined]
    rng = random.Random(seed)

    def amount(won: bool) -> str:
        return f"{rng.lognormvariate(10.5 if won else 10.2, 1.0):.2f}"

    with plain.open(encoding="utf-8", newline="") as source:
        deals = list(csv.reader(source))
    stage = deals[0].index("Stage")
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(
            [*deals[0], "Amount"] if i == 0 else [*deal, amount(deal[stage] == "Closed Won")]
            for i, deal in enumerate(deals)
        )
    plain.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, action="append", help="a size (repeatable; default 100k, 200k, 400k)"
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the files")
    args = parser.parse_args()
    sizes = args.rows or [100_000, 200_000, 400_000]
    with tempfile.TemporaryDirectory(prefix="icpspec-bench-suggest-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'rows':>10} {'wall':>8} {'peak RSS':>9} {'s / 100k rows':>14} {'MB / 100k rows':>15}")
        for rows in sizes:
            data = folder / f"deals-{rows}.csv"
            if not data.exists():
                generate(data, rows)
            r = bench_evaluate.run(  # type: ignore[attr-defined]
                ["suggest", str(data), "--outcome", "Stage", "-o", str(folder / f"suggested-{rows}.yaml")]
            )
            wall, rss = float(r["wall"]), int(r["rss_kb"]) / 1024  # type: ignore[arg-type, call-overload]
            print(
                f"{rows:>10,} {wall:7.1f}s {rss:6.0f} MB {wall / rows * 1e5:14.2f} {rss / rows * 1e5:15.0f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
