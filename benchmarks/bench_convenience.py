"""What a convenience call costs beside a matcher built once: best_match and match_contact in a loop.

Run from the repository root:

    python benchmarks/bench_convenience.py [--calls 20000] [--repeat 5]

A tool embedding icpspec often calls ``icpspec.best_match(record, spec)`` or
``icpspec.match_contact(contact, spec)`` per record. Both reuse what they
compiled for the spec (a bounded cache keyed by the spec), so a loop over
them should cost close to a ``SpecMatcher`` or ``ContactMatcher`` built
once. Printed: microseconds per call (best of ``--repeat``) and the ratio.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import icpspec

SPEC = "examples/acme.icp.yaml"
ACCOUNT = {
    "employees": 20,
    "country": "US",
    "state": "CA",
    "industry": "software",
    "technologies": ["HubSpot"],
}
CONTACT = {"title": "VP of Engineering"}


def per_call(fn: Callable[[], object], calls: int, repeat: int) -> float:
    """Best microseconds per call over ``repeat`` runs of ``calls`` calls."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, time.perf_counter() - start)
    return best / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    spec = icpspec.load(SPEC)
    accounts = icpspec.SpecMatcher(spec)
    contacts = icpspec.ContactMatcher(spec)
    rows = [
        (
            "best_match(record, spec)",
            lambda: icpspec.best_match(ACCOUNT, spec),
            "SpecMatcher.best_match",
            lambda: accounts.best_match(ACCOUNT),
        ),
        (
            "match_contact(contact, spec)",
            lambda: icpspec.match_contact(CONTACT, spec),
            "ContactMatcher.match",
            lambda: contacts.match(CONTACT),
        ),
    ]
    print(f"{args.calls:,} calls, best of {args.repeat}; {SPEC}")
    print(f"{'call':32} {'µs/call':>9}   {'built once':24} {'µs/call':>9} {'ratio':>6}")
    for name, convenient, built_name, built in rows:
        a = per_call(convenient, args.calls, args.repeat)
        b = per_call(built, args.calls, args.repeat)
        print(f"{name:32} {a:9.2f}   {built_name:24} {b:9.2f} {a / b:6.2f}")


if __name__ == "__main__":
    main()
