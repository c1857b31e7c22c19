"""``icpspec evaluate`` on 1,000,000 deals, beside ``icpspec match`` on the same file.

Generates the accounts of ``bench_match.py`` (formatted numbers, blanks,
country names, technology lists, quoted notes) plus a ``Stage`` outcome
(won / lost / open, with a planted signal) and a ``Region`` column, then runs
in fresh processes, each for its wall time and peak RSS (interpreter start-up
included):

1. ``python -m icpspec match SPEC deals.csv -o scored.csv``;
2. ``python -m icpspec evaluate SPEC deals.csv --outcome Stage --format json -o ev.json``;
3. the same with ``--by Region --id "Account ID"`` (strata and the missed list);
4. the same with ``--engine duckdb`` (when DuckDB is installed).

Targets (issue 15): evaluate's peak RSS under 200 MB, and at least half the
speed of ``icpspec match`` on the same file. Run from the repository root:

    python benchmarks/bench_evaluate.py [--rows 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("bench_match", HERE / "bench_match.py")
assert _spec is not None
assert _spec.loader is not None
bench_match = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_match)


def generate(path: Path, rows: int, seed: int = 11) -> None:
    """The accounts of bench_match.py, with a Stage whose win rate rises with fit, and a Region."""
    plain = path.with_suffix(".accounts.csv")
    bench_match.generate(plain, rows)
    rng = random.Random(seed)
    with (
        plain.open(encoding="utf-8", newline="") as fin,
        path.open("w", encoding="utf-8", newline="") as fout,
    ):
        reader, writer = csv.reader(fin), csv.writer(fout)
        header = next(reader)
        writer.writerow([*header, "Stage", "Region"])
        us = {"United States", "USA", "U.S.", "US"}
        for row in reader:
            fit = (row[6] in us) + (row[5] in {"Software", "SaaS", "Internet"}) + ("hubspot" in row[9])
            p = 0.08 + 0.18 * fit
            stage = "open" if rng.random() < 0.1 else ("Closed Won" if rng.random() < p else "Closed Lost")
            writer.writerow([*row, stage, rng.choice(["EMEA", "AMER", "APAC"])])
    plain.unlink()


def run(args: list[str]) -> dict[str, object]:
    cmd = [sys.executable, "-m", "icpspec", *args]
    out = subprocess.run(
        [sys.executable, "-c", bench_match._WRAPPER, *cmd], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    if result["exit"] not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {result['stderr']}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        spec, data = folder / "bench.icp.yaml", folder / "deals.csv"
        spec.write_text(bench_match.SPEC, encoding="utf-8")
        if not data.exists():
            generate(data, args.rows)
        runs = {
            "match": run(["match", str(spec), str(data), "-o", str(folder / "scored.csv")]),
            "evaluate": run(
                [
                    "evaluate",
                    str(spec),
                    str(data),
                    "--outcome",
                    "Stage",
                    "--format",
                    "json",
                    "-o",
                    str(folder / "ev.json"),
                ]
            ),
            "evaluate --by --id": run(
                [
                    "evaluate",
                    str(spec),
                    str(data),
                    "--outcome",
                    "Stage",
                    "--by",
                    "Region",
                    "--id",
                    "Account ID",
                    "--format",
                    "json",
                    "-o",
                    str(folder / "ev-by.json"),
                ]
            ),
        }
        if importlib.util.find_spec("duckdb") is not None:
            runs["evaluate --engine duckdb"] = run(
                [
                    "evaluate",
                    str(spec),
                    str(data),
                    "--outcome",
                    "Stage",
                    "--engine",
                    "duckdb",
                    "--format",
                    "json",
                    "-o",
                    str(folder / "ev-duckdb.json"),
                ]
            )
        base = float(runs["match"]["wall"])  # type: ignore[arg-type]
        print(f"{args.rows:,} rows")
        for name, r in runs.items():
            wall = float(r["wall"])  # type: ignore[arg-type]
            rss = int(r["rss_kb"]) / 1024  # type: ignore[call-overload]
            print(
                f"{name:26} {wall:7.1f} s  {args.rows / wall:10,.0f} rows/s  peak RSS {rss:6.0f} MB  "
                f"speed vs match {base / wall:4.2f}x"
            )
        ev = json.loads((folder / "ev.json").read_text(encoding="utf-8"))
        print(
            f"AUC {ev['figures']['ranking']['auc']['value']:.3f}, {ev['left_out']['outcome']:,} open deals left out"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
