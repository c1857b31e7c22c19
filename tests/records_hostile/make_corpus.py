"""The large members of the hostile record corpus, built on demand (too big to commit).

``generated_cases()`` returns ``{file name: bytes}``; tests/test_records_hostile.py
writes them to a temporary folder and benchmarks/bench_records_hostile.py measures them.
"""

from __future__ import annotations

HEADER = b"Company,Employees,Country,Technologies\n"
ROW = b"Acme,12,US,hubspot\n"


def spelling(i: int, word: str = "employees") -> str:
    """The ``i``-th spelling of ``word`` that folds to it: case, then trailing punctuation."""
    cased = "".join(c.upper() if (i >> k) & 1 else c for k, c in enumerate(word))
    i >>= len(word)
    tail = ""
    while i:
        tail += "-./ +*#!"[i % 8]
        i //= 8
    return cased + tail


def _nested(levels: int) -> bytes:
    """A record line nested ``levels`` deep, the record itself the first level."""
    return b'{"company": "Deep", "x": ' + b"[" * (levels - 1) + b"]" * (levels - 1) + b"}\n"


def generated_cases() -> dict[str, bytes]:
    """Every generated file, by name."""
    return {
        # One field of 200,000 characters: over the CSV field limit.
        "huge_field.csv": HEADER + ROW + b"Big," + b"9" * 200_000 + b",US,\n" + ROW,
        # 5 MB without a newline: read and thrown away 1 MiB at a time.
        "huge_line.csv": HEADER + ROW + b"x," * 2_500_000 + b"\n" + ROW,
        # The same, as the last line of the file, with no newline at all.
        "huge_last_line.csv": HEADER + ROW + b"y" * 5_000_000,
        # A header of 100,000 columns (within the line limit), and a row to match.
        "wide_header.csv": b",".join(b"c%d" % i for i in range(100_000)) + b"\n" + b"," * 99_999 + b"\n",
        # A header over the line limit.
        "too_wide_header.csv": b",".join(b"c%d" % i for i in range(200_000)) + b"\n" + ROW,
        # A quote opened and never closed, then 20,000 good lines: one record lost, not 20,000.
        "runaway_quote.csv": HEADER + ROW + b'"Never closed,5,US,\n' + ROW * 20_000,
        # A quoted field holding 50,000 newlines: over the lines-per-record limit.
        "many_line_record.csv": HEADER + b'"' + b"\n" * 50_000 + b'",5,US,\n' + ROW,
        # 1,000,000 empty lines between two records.
        "million_blank_lines.csv": HEADER + ROW + b"\n" * 1_000_000 + ROW,
        # A JSON Lines line of 3 MB.
        "huge_line.jsonl": b'{"company": "Acme", "employees": 12}\n{"company": "'
        + b"z" * 3_000_000
        + b'"}\n'
        + b'{"company": "Zed", "employees": 7}\n',
        # 100,000 lines of a JSON list each.
        "many_non_objects.jsonl": b"[1, 2, 3]\n" * 100_000,
        # A new key on every line: mapping the columns again each time was quadratic (27 s).
        "new_key_per_line.jsonl": b"".join(
            b'{"company": "A%d", "k%d": %d}\n' % (i, i, i) for i in range(8000)
        ),
        # A new spelling of 'employees' on every line ('EMployees!'…): each mapped the file
        # again over every key met, 238 s for 20,000 lines.
        "respelt_key_per_line.jsonl": b"".join(
            b'{"company": "A%d", "%s": %d}\n' % (i, spelling(i).encode(), i) for i in range(20_000)
        ),
        # A header cell of 130,000 spaces: finding a unit in it ('Revenue ($M)') backtracked
        # over every space from every space, minutes for one header.
        "spaced_header.csv": b"Company," + b" " * 130_000 + b"x,Employees\nAcme,1,12\n",
        # Nested 986 levels: the JSON reader took it, the JSON writer then ran out of stack.
        "nested_986.jsonl": _nested(986) + b'{"company": "Acme"}\n',
        # One level over the record depth limit (64), one at it.
        "nested_65.jsonl": _nested(65) + _nested(64) + b'{"company": "Acme"}\n',
    }
