"""Reading the records of a CSV file: its header, its delimiter, its rows and their problems."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator

from icpspec.diagnostics import quote

from ._columns import scale
from ._convert import compile_converter
from ._reading import _Reading

_CSV_MESSAGES = {
    "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?": (
        "a carriage return outside quotes (old Mac line endings? save the file with Windows or Unix ones)"
    ),
    "unexpected end of data": "a quote that is never closed",
    "',' expected after '\"'": "text after a closing quote (',' expected after '\"')",
}


def csv_delimiter(head: bytes) -> str:
    """The cell separator of a CSV file: ``,`` unless its header line holds ``;`` or tabs and no comma.

    European spreadsheets write ``;`` (the comma is their decimal mark); a
    header with a comma outside quotes keeps ``,``.

    >>> csv_delimiter(b"Product;Seller;Status\\r\\nA;B;Won\\r\\n"), csv_delimiter(b'"a;b",c\\n')
    (';', ',')
    """
    line = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    outside = re.sub(rb'"[^"]*"', b"", line)
    if b"," in outside:
        return ","
    counts = {sep: outside.count(sep.encode()) for sep in (";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


class _CsvReading(_Reading):
    """The CSV side of :class:`RecordReader`."""

    def _start_csv(self) -> None:
        csv.field_size_limit(self._limits.max_field_chars)
        src = self._source
        # The source gives RESET (None) to make the reader drop a record: see LineSource.
        self.delimiter = csv_delimiter(self._head)
        self._csv = csv.reader(src.lines(), strict=True, delimiter=self.delimiter)  # type: ignore[arg-type]
        try:
            header = next(self._csv)
        except StopIteration:
            raise self._fatal(1, 1, "the file is empty: a CSV file starts with a header line") from None
        except csv.Error as exc:
            reason = src.reset_reason[2] if src.reset_reason else self._csv_message(exc)
            raise self._fatal(1, 1, f"cannot read the header line: {reason}") from None
        if src.bad:
            line = min(src.bad)
            column, reason = src.bad[line]
            raise self._fatal(line, column, f"cannot read the header line: {reason}")
        src.row_end = src.lineno
        if not header:
            raise self._fatal(1, 1, "the header line is empty")
        seen: dict[str, int] = {}
        for i, name in enumerate(header):
            if name in seen:
                raise self._fatal(
                    1, 1, f"duplicate column {quote(name)} (columns {seen[name] + 1} and {i + 1})"
                )
            seen[name] = i
        self.columns = tuple(header)
        self._header = header
        self.mapping = self._map(self.columns)

    def _csv_message(self, exc: csv.Error) -> str:
        text = str(exc)
        if text.startswith("field larger than field limit"):
            return f"a field longer than {self._limits.max_field_chars:,} characters"
        return _CSV_MESSAGES.get(text, text)

    def _bad_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        bad = self._source.bad
        found = None
        for line in [n for n in bad if n <= end]:
            if found is None and line >= start:
                found = (line, *bad[line])
            del bad[line]
        return found

    def _check_row(self, row: list[str], start: int, end: int) -> tuple[int, int, str] | None:
        """Why ``row`` cannot be read, or ``None``; only called when a quick test fails."""
        problem = self._bad_in(start, end) if self._source.bad else None
        if problem is not None:
            return problem
        header = self._header
        first = row[0] if row else ""
        if row == header or (first.startswith("\ufeff") and [first[1:], *row[1:]] == header):
            return (start, 1, "the header line again (files joined together?)")
        if len(row) != len(header):
            return (
                start,
                1,
                f"{len(row)} cell{'s' if len(row) != 1 else ''}, but the header has {len(header)}",
            )
        return None

    def _csv_rows(self) -> Iterator[tuple[int, list[str], dict[str, object], str | None]]:
        src = self._source
        reader = self._csv
        header = self._header
        width = len(header)
        bad = src.bad
        report = self.report
        assert self.mapping is not None
        index = {c: i for i, c in enumerate(self.columns)}
        mapped = list(self.mapping.fields)
        blanks = [0] * len(mapped)
        units = self.mapping.units
        convert = compile_converter(
            [(f, index[self.mapping.fields[f]], self._fields[f].type) for f in mapped],
            self._unknown,
            blanks,
            scales={
                n: functools.partial(scale, multiplier=units[f]) for n, f in enumerate(mapped) if f in units
            },
            constants=self._constants,
        )
        matched = 0
        try:
            while True:
                try:
                    for row in reader:
                        start = src.row_end + 1
                        end = src.row_end = src.lineno
                        if len(row) != width or bad or row[0] == header[0]:
                            if not row:
                                report.blank_lines += 1
                                continue
                            problem = self._check_row(row, start, end)
                            if problem is not None:
                                self._skip(*problem)
                                continue
                        matched += 1
                        yield start, row, convert(row), src.text if start == end else None
                    return
                except csv.Error as exc:
                    self._csv_error(exc)
        finally:
            report.records += matched
            for field, count in zip(mapped, blanks, strict=True):
                if count:
                    report.blank[field] = report.blank.get(field, 0) + count

    def _csv_error(self, exc: csv.Error) -> None:
        """Skip the record that ``exc`` broke off; read its later lines again."""
        src = self._source
        start = src.row_end + 1
        if src.reset_reason is not None:
            _, column, reason = src.reset_reason
            src.reset_reason = None
        else:
            column, reason = 1, self._csv_message(exc)
        if src.lineno > start and "lines" not in reason:
            if "never closed" not in reason:
                reason += ": a quote that is never closed?"
            reason += f" (lines {start}-{src.lineno})"
        src.reread_after_first()
        self._bad_in(start, start)
        self._skip(start, column, reason)
