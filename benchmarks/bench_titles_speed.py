"""Throughput of the job-title normaliser: titles per second.

Run from the repository root:

    python benchmarks/bench_titles_speed.py [--titles 200000] [--repeat 3]

Two streams, both built deterministically from the labelled titles in
``tests/data/titles_labelled.txt``:

- ``realistic``: titles drawn with a Zipf-like skew, as in a CRM export where
  "Sales Manager" appears thousands of times, with one title in five made
  unique by a suffix (region, team, employer). Served partly by the LRU cache.
- ``unique``: every title different (a made-up word of 5 to 9 letters
  added), so no cache helps: the cost of reading a title from scratch.

Every result is kept alive (the collector stays on), as in a real batch job.
Printed: titles per second, best of ``--repeat``, each on a fresh normaliser
(a cold cache), by the wall clock and per CPU second (the fairer figure on a
machine other jobs share: the wall clock counts their time too).
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
    # A made-up word (an employer, a product) makes each title new to every cache,
    # and sends it through the compound splitter, the slowest path.
    letters = "abcdefghijklmnopqrstuvwxyz"
    unique = [
        f"{base[i % len(base)]} {rng.choice(SUFFIXES)} {''.join(rng.choices(letters, k=rng.randint(5, 9)))}"
        for i in range(n)
    ]
    return {"realistic": realistic, "unique": unique}


def run(titles: list[str]) -> tuple[float, float, list[TitleInfo]]:
    """Wall-clock and CPU seconds to read ``titles`` on a fresh normaliser."""
    normalize = TitleNormalizer().normalize
    wall, cpu = time.perf_counter(), time.process_time()
    out = [normalize(t) for t in titles]
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, titles in streams(args.titles).items():
        runs = [run(titles)[:2] for _ in range(args.repeat)]
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        n = len(titles)
        print(
            f"{name:10} {n:8d} titles ({len(set(titles)):7d} distinct): "
            f"{n / wall:10,.0f} titles/s wall clock, {n / cpu:10,.0f} per CPU second"
        )


if __name__ == "__main__":
    main()
