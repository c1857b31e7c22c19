"""Throughput of the job-title normaliser: titles per second.

Run from the repository root:

    python benchmarks/bench_titles_speed.py [--titles 200000] [--repeat 3]

Two streams, both built deterministically from the labelled titles in
``tests/data/titles_labelled.txt``:

- ``realistic``: titles drawn with a Zipf-like skew, as in a CRM export where
  "Sales Manager" appears thousands of times, with one title in five made
  unique by a suffix (region, team, employer). Served partly by the LRU cache.
- ``unique``: every title different (a numbered suffix), so the cache never
  helps: the cost of reading a title from scratch.

Every result is kept alive (the collector stays on), as in a real batch job.
Printed: titles per second, best of ``--repeat``, each on a fresh normaliser
(a cold cache).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from icpspec.titles import TitleInfo, TitleNormalizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_titles_accuracy import DEFAULT, read_labelled

SUFFIXES = ["EMEA", "DACH", "North America", "@ Acme GmbH", "| Growth", "(m/w/d)", "- Remote", "Iberia"]


def streams(n: int) -> dict[str, list[str]]:
    rng = random.Random(6)
    base = [title for *_, title in read_labelled(DEFAULT)]
    weights = [1 / (i + 1) for i in range(len(base))]
    realistic = []
    for i, title in enumerate(rng.choices(base, weights=weights, k=n)):
        realistic.append(f"{title} {rng.choice(SUFFIXES)} {i}" if i % 5 == 0 else title)
    unique = [f"{base[i % len(base)]} {rng.choice(SUFFIXES)} {i}" for i in range(n)]
    return {"realistic": realistic, "unique": unique}


def run(titles: list[str]) -> tuple[float, list[TitleInfo]]:
    normalize = TitleNormalizer().normalize
    start = time.perf_counter()
    out = [normalize(t) for t in titles]
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, titles in streams(args.titles).items():
        best = min(run(titles)[0] for _ in range(args.repeat))
        distinct = len(set(titles))
        rate = len(titles) / best
        print(f"{name:10} {len(titles):8d} titles ({distinct:7d} distinct): {rate:12,.0f} titles/s")


if __name__ == "__main__":
    main()
