"""Writing records back out, as CSV or JSON Lines, never with a live spreadsheet formula."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from typing import TextIO

from icpspec.diagnostics import IcpspecError

from ._limits import DEFAULT_RECORD_LIMITS

__all__ = ["CsvWriter", "JsonlWriter", "escape_formula", "escape_row", "line_may_hold_formula"]

_FORMULA_START = "=+-@\t\r"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
# Any cell but the first of a row joined with newlines that might start with a formula
# character: a quick test for the whole row (a literal first character keeps the regular
# expression fast); cells are checked one by one only when it hits.
_SUSPECT = re.compile("\n[=+\\-@\t\r]")


def escape_formula(cell: str) -> str:
    """``cell`` made safe for spreadsheets (RELIABILITY.md rule 16, OWASP's CSV injection advice).

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return, and is not a plain number, gets a ``'`` in front, so no
    spreadsheet reads it as a formula.

    >>> [escape_formula(c) for c in ["=1+1", "@SUM(A1)", "-2+3", "-12.5", "+1,200", "Acme"]]
    ["'=1+1", "'@SUM(A1)", "'-2+3", '-12.5', '+1,200', 'Acme']
    """
    if cell and cell[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def escape_row(row: Sequence[str]) -> Sequence[str]:
    """Every cell of ``row`` through :func:`escape_formula` (the row itself when none needs it)."""
    joined = "\n".join(row)
    if (joined and joined[0] in _FORMULA_START) or _SUSPECT.search(joined):
        escaped = [escape_formula(c) for c in row]
        return row if escaped == row else escaped
    return row


# A cell starts after a comma, perhaps with an opening quote; a CR before the LF that
# ends the line (an empty last cell) starts no cell.
_SUSPECT_LINE = re.compile(',"?(?:[=+\\-@\t]|\r(?!\n))')


def line_may_hold_formula(line: str) -> bool:
    """Whether the line of a one-line CSV record may hold a cell :func:`escape_formula` would change.

    ``False`` is certain; ``True`` only means the cells must be checked. (A
    record whose quoted fields hold newlines must be checked cell by cell.)
    """
    first = line[:1]
    return (
        not first
        or first in _FORMULA_START
        or (first == '"' and line[1:2] in _FORMULA_START)
        or _SUSPECT_LINE.search(line) is not None
    )


def _cell(value: object) -> str:
    """A JSON value as a CSV cell: text as it is, ``null`` empty, the rest as JSON."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False)


class CsvWriter:
    """Writes a header, then rows of input cells followed by new cells; escapes every cell."""

    def __init__(self, out: TextIO, columns: Sequence[str], extra: Sequence[str]) -> None:
        self.out = out
        # RFC 4180's CRLF: with it, csv quotes a field holding a lone CR too (with "\n" it does not,
        # and a reader would take that CR for the end of the row).
        self._writer = csv.writer(out, lineterminator="\r\n")
        self.columns = list(columns)
        self._width = len(self.columns)
        self.dropped_keys = 0
        self._writer.writerow(escape_row([*self.columns, *extra]))
        #: Writes a row of cells as they are: escape them first (see :func:`escape_row`).
        self.writerow = self._writer.writerow

    def write(self, raw: list[str], extra: list[str]) -> None:
        """Write one input row and its new cells (which must be safe already)."""
        self._writer.writerow(escape_row(raw) + extra)  # type: ignore[operator]

    def write_object(self, raw: dict[str, object], extra: list[str]) -> None:
        """Write one JSON object as a row of the header's columns."""
        cells = [_cell(raw.get(c)) for c in self.columns]
        if len(raw) > self._width or not raw.keys() <= set(self.columns):
            self.dropped_keys += 1
        self._writer.writerow(list(escape_row(cells)) + extra)


class JsonlWriter:
    """Writes one JSON object per line: the input's keys, then the new ones.

    A line longer than ``max_line_bytes`` (what icpspec's reader takes, see
    :class:`~icpspec.records.RecordLimits`) is refused rather than written:
    everything icpspec writes, it can read back. The keys repeat on every
    line, so a row that fits a CSV line may not fit a JSON Lines one.
    """

    def __init__(
        self,
        out: TextIO,
        columns: Sequence[str],
        extra: Sequence[str],
        max_line_bytes: int = DEFAULT_RECORD_LIMITS.max_line_bytes,
    ) -> None:
        self._out = out
        self.columns = list(columns)
        self._extra = list(extra)
        self.dropped_keys = 0
        self._max = max_line_bytes
        self._written = 0

    def write(self, raw: list[str], extra: list[object]) -> None:
        """Write one CSV row (as an object of its columns) and its new values."""
        obj: dict[str, object] = dict(zip(self.columns, raw, strict=True))
        obj.update(zip(self._extra, extra, strict=True))
        self._line(obj)

    def write_object(self, raw: dict[str, object], extra: list[object]) -> None:
        """Write one JSON object with its new values."""
        obj = dict(raw)
        obj.update(zip(self._extra, extra, strict=True))
        self._line(obj)

    def _line(self, obj: dict[str, object]) -> None:
        line = json.dumps(obj, ensure_ascii=False) + "\n"
        self._written += 1
        # A character is at most 4 bytes in UTF-8: only a long line is measured.
        if len(line) * 4 > self._max and (size := len(line.encode("utf-8", "surrogatepass"))) > self._max:
            raise IcpspecError(
                f"output record {self._written:,}: as a JSON Lines line it would be {size:,} bytes, "
                f"over the {self._max:,} a line may have to be read back (docs/limits.md); "
                "write CSV (--format csv), whose lines do not repeat the column names"
            )
        self._out.write(line)
