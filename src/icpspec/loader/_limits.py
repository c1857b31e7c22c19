"""The fixed limits every spec reader enforces (documented in docs/limits.md)."""

from __future__ import annotations

import attrs


@attrs.frozen
class Limits:
    """Bounds on what a spec file may contain.

    The defaults are far above any real ICP (the bundled DESIGN §9 example is
    about 8 KiB with a nesting depth of 8) and low enough that any input is
    read within the pre-commit budget of 2 seconds and 200 MB.
    """

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 100_000
    max_string_chars: int = 65_536
    max_key_chars: int = 256
    max_integer_digits: int = 30
    max_number_chars: int = 64


DEFAULT_LIMITS = Limits()
