"""The large members of the hostile corpus, built from the limits instead of committed.

``tests/test_hostile.py`` writes these into a temporary folder;
``benchmarks/bench_hostile.py`` times them. Run as a script to write them into
a folder of your choice:

    python tests/hostile/make_corpus.py OUT_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from icpspec.loader import DEFAULT_LIMITS, Limits

VALID = "icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {field: country, in: [NO]}\n"


def _padded(size: int) -> bytes:
    """A valid spec followed by a comment that brings it to exactly ``size`` bytes."""
    head = VALID.encode() + b"#"
    return head + b"x" * (size - len(head) - 1) + b"\n"


def oversize(limits: Limits) -> bytes:
    """One byte over the file size limit: refused before it is parsed."""
    return _padded(limits.max_file_bytes + 1)


def far_oversize(limits: Limits) -> bytes:
    """Three times the file size limit: the message must not claim the size of the part read."""
    return _padded(3 * limits.max_file_bytes)


def at_size_limit(limits: Limits) -> bytes:
    """Exactly at the file size limit, and valid."""
    return _padded(limits.max_file_bytes)


def long_line(limits: Limits) -> bytes:
    """A whole valid spec on one line of about 900 KB: long words in an ``in`` list."""
    width = limits.max_string_chars - 1
    words = ", ".join(chr(ord("a") + i) * width for i in range(14))
    return f"{{icpspec: 1, profiles: {{p: {{criteria: [{{field: industry, in: [{words}]}}]}}}}}}\n".encode()


def string_70000(limits: Limits) -> bytes:
    """A 70 000-character text value, over the string limit."""
    assert limits.max_string_chars < 70_000
    return (VALID + "evidence:\n  e:\n    source: crm\n    summary: " + "s" * 70_000 + "\n").encode()


def string_70000_json(limits: Limits) -> bytes:
    """The same in JSON."""
    assert limits.max_string_chars < 70_000
    return ('{"icpspec": 1, "version": "' + "v" * 70_000 + '"}\n').encode()


def too_many_nodes(limits: Limits) -> bytes:
    """A flow list with as many values as the node limit: one over, with the rest of the document."""
    ints = ",".join(str(i % 10) for i in range(limits.max_nodes))
    return (
        f"icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {{field: employees, in: [{ints}]}}\n".encode()
    )


GENERATORS: dict[str, Callable[[Limits], bytes]] = {
    "oversize.yaml": oversize,
    "oversize_3mib.yaml": far_oversize,
    "at_size_limit.yaml": at_size_limit,
    "long_line.yaml": long_line,
    "string_70000.yaml": string_70000,
    "string_70000.json": string_70000_json,
    "too_many_nodes.yaml": too_many_nodes,
}


def generated_cases(limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every generated member of the corpus, by file name."""
    return {name: make(limits) for name, make in GENERATORS.items()}


def write_corpus(folder: Path, limits: Limits = DEFAULT_LIMITS) -> list[Path]:
    """Write the generated members into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in generated_cases(limits).items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_corpus.py OUT_DIR")
    for written in write_corpus(Path(sys.argv[1])):
        print(written)
