"""The fixed limits every spec reader enforces (documented in docs/limits.md)."""

from __future__ import annotations

import attrs


@attrs.frozen
class Limits:
    """Bounds on what a spec file may contain.

    The defaults are far above any real ICP (the bundled DESIGN §9 example is
    about 8 KiB, 409 values and a nesting depth of 8) and low enough that any
    input is read within the pre-commit budget of 2 seconds and 200 MB
    (``benchmarks/bench_hostile.py`` measures it).

    ``max_nodes`` bounds the time of the later stages: a valid document costs
    about 0.07 ms per value to check, and at most 100 problems are reported
    per file, so 10 000 values (25 times the example) take under a second on a
    2-core machine, interpreter start-up included.
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 10_000
    max_string_chars: int = 65_536
    max_key_chars: int = 256
    max_integer_digits: int = 30
    max_number_chars: int = 64


DEFAULT_LIMITS = Limits()
