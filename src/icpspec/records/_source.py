"""Physical lines of a record file: bounded, numbered and strictly decoded.

RELIABILITY.md rules 12 and 18: a file is read one physical line at a time,
each decoded strictly as UTF-8 on its own, so a bad line is reported by its
number and the rest of the file is still read; no line or record is ever held
beyond its limit, so memory stays flat however large the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from icpspec.diagnostics import IcpspecError, escape

from ._limits import RecordLimits

__all__ = ["RESET", "LineSource", "RecordFileError"]

#: What the source yields to make ``csv.reader`` drop the record in progress:
#: a non-string, which the reader refuses with ``csv.Error`` before starting afresh.
RESET = None


class RecordFileError(IcpspecError):
    """A record file that cannot be read at all (no header, duplicate columns, not text…).

    ``str()`` is one line: ``FILE:LINE:COLUMN: message``.
    """

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        super().__init__(f"{escape(file, limit=1000)}:{line}:{column}: {message}")

    def __reduce__(self) -> tuple[type[RecordFileError], tuple[str, int, int, str]]:
        return (type(self), (self.file, self.line, self.column, self.message))


def _decode_problem(line: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    """The column and the message for a line that is not UTF-8."""
    column = len(line[: exc.start].decode("utf-8", "replace")) + 1
    byte = line[exc.start]
    # What the byte is in the other encoding a CSV file is most often saved in (Excel's on
    # Windows): the user sees the letter, and which encoding the file is in.
    try:
        other = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        other = ""
    hint = f", {escape(other)!r} in Windows-1252" if other.isprintable() and other.strip() else ""
    return column, f"not UTF-8 (byte 0x{byte:02x}{hint}); save the file as UTF-8"


class LineSource:
    """The physical lines of ``stream``, for ``csv.reader`` or a JSON Lines loop.

    ``lineno`` is the number of the line last given out. The CSV reader sets
    ``row_end`` to it after each complete row: a line asked for while
    ``row_end != lineno`` continues a record (a quoted field with a newline),
    so the source keeps that record's lines, bounds their bytes and, when the
    record turns out malformed, can give its later lines out again
    (:meth:`reread_after_first`): an unterminated quote costs one record, not
    the rest of the file.

    Lines that are not UTF-8 or hold a NUL byte are given out anyway (so a
    quoted field spanning them stays whole) and noted in ``bad`` by line
    number; the reader skips the record that holds them. A line or a record
    over its limit is thrown away, noted in ``reset_reason``, and :data:`RESET`
    is given out in its place.
    """

    __slots__ = (
        "_current",
        "_limits",
        "_pending",
        "_stream",
        "bad",
        "bytes_read",
        "lineno",
        "reset_reason",
        "row_end",
        "text",
    )

    def __init__(self, stream: BinaryIO, limits: RecordLimits) -> None:
        self._stream = stream
        self._limits = limits
        self.lineno = 0
        #: The line last given out, as decoded (a one-line record's whole text).
        self.text = ""
        self.row_end = 0
        self.bytes_read = 0
        self.bad: dict[int, tuple[int, str]] = {}
        self.reset_reason: tuple[int, int, str] | None = None
        self._current: list[tuple[int, str]] = []
        self._pending: list[tuple[int, str]] = []

    def reread_after_first(self) -> None:
        """Drop the record in progress but give its lines after the first out again."""
        current = self._current
        if len(current) > 1:
            # Kept last-first: the next line to give out is at the end.
            self._pending.extend(reversed(current[1:]))
            self.lineno = self.row_end = current[0][0]
        else:
            self.row_end = self.lineno
        current.clear()

    def _skip_rest_of_line(self) -> None:
        readline = self._stream.readline
        while True:
            chunk = readline(65_536)
            self.bytes_read += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                return

    def lines(self) -> Iterator[str | None]:
        """Decoded lines, with their line endings; :data:`RESET` where a record is dropped."""
        readline = self._stream.readline
        limit = self._limits.max_line_bytes
        max_record = self._limits.max_record_bytes
        max_lines = self._limits.max_record_lines
        current = self._current
        pending = self._pending
        bad = self.bad
        physical = 0
        record_bytes = 0
        last: tuple[int, str] = (0, "")
        while True:
            if pending:
                number, text = pending.pop()
                n = len(text)
            else:
                line = readline(limit + 1)
                if not line:
                    if self.row_end != self.lineno:
                        # The file ends inside a record (a quote never closed): drop it, so
                        # that its later lines can be read again, before ending.
                        self.reset_reason = (self.row_end + 1, 1, "a quote that is never closed")
                        yield RESET
                        continue
                    return
                physical += 1
                number = physical
                n = len(line)
                self.bytes_read += n
                if n > limit and not line.endswith(b"\n"):
                    self._skip_rest_of_line()
                    self.lineno = number
                    self.reset_reason = (number, 1, f"the line is longer than {limit:,} bytes")
                    current.clear()
                    yield RESET
                    continue
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    bad[number] = _decode_problem(line, exc)
                    text = line.decode("utf-8", "surrogateescape")
                else:
                    if text.startswith("\ufeff"):  # a BOM: the file's start, or files joined together
                        text = text[1:]
                if b"\x00" in line:
                    column = len(line[: line.index(b"\x00")].decode("utf-8", "replace")) + 1
                    bad.setdefault(number, (column, "a NUL byte: the file is binary, or UTF-16"))
            if self.row_end != self.lineno:  # this line continues the record in progress
                if not current:
                    current.append(last)
                current.append((number, text))
                record_bytes += n
                if record_bytes > max_record or len(current) > max_lines:
                    start = current[0][0]
                    self.lineno = number
                    self.reset_reason = (
                        start,
                        1,
                        f"the record runs over {max_record:,} bytes or {max_lines:,} lines "
                        f"(lines {start}-{number}): "
                        "a quote that is never closed?",
                    )
                    yield RESET
                    continue
            else:
                if current:
                    current.clear()
                record_bytes = n
            last = (number, text)
            self.lineno = number
            self.text = text
            yield text
