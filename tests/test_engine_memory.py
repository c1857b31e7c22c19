"""An engine embedded in a long-running service keeps its memory flat (issue 13).

Found: ``best_match`` called 10,000 times added 5,460 ``linecache`` entries
(~79 MB) and kept growing, because each call compiled the spec again and
registered the generated source under a name made from ``id()``.
"""

from __future__ import annotations

import gc
import linecache
import sys
import tracemalloc

import attrs

import icpspec

SPEC = icpspec.loads(
    """\
icpspec: 1
profiles:
  us-smb:
    criteria:
      - {field: employees, between: [5, 200]}
      - {field: country, in: [US], required: true}
  us-ent:
    criteria:
      - {field: employees, min: 1000}
      - {field: country, in: [US]}
personas:
  cto:
    seniority: [c_level]
    departments: [engineering]
"""
)


def _generated() -> int:
    return sum(1 for name in linecache.cache if name.startswith("<icpspec"))


def test_100000_best_match_calls_keep_memory_flat() -> None:
    record = {"employees": 50, "country": "US"}
    icpspec.best_match(record, SPEC)  # the first call compiles
    entries = _generated()
    gc.collect()
    blocks = sys.getallocatedblocks()
    for _ in range(100_000):
        icpspec.best_match(record, SPEC)
    gc.collect()
    assert _generated() == entries
    # Memory blocks the interpreter holds: flat, not one more per call (the bound is slack for
    # free lists and caches that settle in the first calls).
    assert sys.getallocatedblocks() - blocks < 1_000


def test_best_match_allocates_nothing_that_stays() -> None:
    record = {"employees": 50, "country": "US"}
    icpspec.best_match(record, SPEC)
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(10_000):
            icpspec.best_match(record, SPEC)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 64 * 1024  # 10,000 calls: a few bytes each at most


def test_match_contact_in_a_loop_adds_nothing() -> None:
    icpspec.match_contact({"title": "CTO"}, SPEC)
    entries = _generated()
    for _ in range(10_000):
        icpspec.match_contact({"title": "CTO"}, SPEC)
    assert _generated() == entries


def test_generated_source_is_registered_once_per_distinct_source() -> None:
    profile = SPEC.profiles["us-smb"]
    icpspec.Matcher(attrs.evolve(profile))
    entries = _generated()
    for _ in range(50):  # a new profile object each time: compiled again, registered once
        icpspec.Matcher(attrs.evolve(profile))
    assert _generated() == entries
    other = attrs.evolve(profile, tiers={"A": 60.0})
    icpspec.Matcher(other)
    assert _generated() == entries + 1  # other source, other entry: tracebacks still show it
