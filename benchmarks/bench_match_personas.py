"""``icpspec match --personas`` on 100,000 contacts, beside the plain ``csv`` read-and-write ceiling.

Generates contacts deterministically (the ``realistic`` title stream of
``bench_titles_speed.py``: labelled titles drawn with a Zipf-like skew, one in
five made unique by a region, team or employer; a seniority and department
column filled in one row in ten; names, countries, emails) to a temporary CSV
file, then, in turns:

1. the ceiling: the ``csv`` module reads every row and writes it back out;
2. ``python -m icpspec match examples/acme.icp.yaml contacts.csv -o scored.csv``
   in a fresh process (the columns make it contacts: three personas), for its
   wall time, CPU time and peak RSS (interpreter start-up included).

No target is set by the issue; the figure is reported. Run from the
repository root:

    python benchmarks/bench_match_personas.py [--rows 100000] [--explain] [--unique] [--repeat 3]

``--unique`` makes every title different (a made-up word added, the
``unique`` stream of ``bench_titles_speed.py``), so no cache helps.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_match import ceiling, run_match
from bench_titles_speed import streams

SPEC = Path(__file__).resolve().parent.parent / "examples" / "acme.icp.yaml"
COLUMNS = ["Contact ID", "Full Name", "Job Title", "Seniority", "Department", "Country", "Email", "Notes"]
COUNTRIES = ["US", "United States", "DE", "Germany", "FR", "ES", "Mexico", "UK", ""]
SENIORITY = ["VP", "C-Level", "Director", "Manager", "Head", "entry"]
DEPARTMENTS = ["Sales", "Engineering", "Marketing", "Vertrieb", "Customer Success", "IT"]


def generate(path: Path, rows: int, seed: int = 11, stream: str = "realistic") -> None:
    """Write ``rows`` contacts to ``path``, the same every time for the same seed."""
    rng = random.Random(seed)
    titles = streams(rows)[stream]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for i, title in enumerate(titles):
            own = i % 10 == 0
            w.writerow([
                f"C-{i:07d}", f"Person {i}", title if i % 50 else "",
                rng.choice(SENIORITY) if own else "", rng.choice(DEPARTMENTS) if own else "",
                rng.choice(COUNTRIES), f"p{i}@example.com", rng.choice(["", "", "Met at SaaStr", "n/a"]),
            ])  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--explain", action="store_true", help="also add the --explain columns")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, in turns; the best counts")
    parser.add_argument(
        "--unique", action="store_true", help="every title different: no cache helps (the worst case)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="icpspec-bench-personas-") as tmp:
        folder = Path(tmp)
        src = folder / "contacts.csv"
        generate(src, args.rows, stream="unique" if args.unique else "realistic")
        bases, runs = [], []
        for _ in range(args.repeat):
            bases.append(ceiling(src, folder / "copy.csv"))
            runs.append(run_match(SPEC, src, folder / "scored.csv", args.explain))
        base = min(b[0] for b in bases)
        m = min(runs, key=lambda r: float(r["wall"]))  # type: ignore[arg-type]
        cpu = min(float(r["cpu"]) for r in runs)  # type: ignore[arg-type]
        rss_mb = max(int(r["rss_kb"]) for r in runs) / 1024  # type: ignore[call-overload]
        rows = args.rows
        wall = float(m["wall"])  # type: ignore[arg-type]
        kind = "every title different" if args.unique else "realistic titles"
        print(f"{rows:,} contacts ({kind}), best of {args.repeat} runs each (interpreter start-up included)")
        print(f"{'':34} {'wall s':>8} {'records/s':>11} {'cpu s':>8} {'peak MB':>8}")
        print(f"{'csv read+write (ceiling)':34} {base:>8.2f} {rows / base:>11,.0f} {'-':>8} {'-':>8}")
        label = "icpspec match (contacts)" + (" --explain" if args.explain else "")
        print(f"{label:34} {wall:>8.2f} {rows / wall:>11,.0f} {cpu:>8.2f} {rss_mb:>8.1f}")
        print(f"per CPU second: {rows / cpu:,.0f} contacts; exit status {m['exit']}")
        print("its summary:\n" + "\n".join("  " + line for line in str(m["stderr"]).splitlines()))
        return 0 if m["exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
