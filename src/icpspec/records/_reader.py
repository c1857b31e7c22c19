"""Reading records from CSV and JSON Lines files, as the spec's fields, in constant memory."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from icpspec.model import FieldDefinition

from ._columns import Columns, ResolvedColumns
from ._csv_reader import _CsvReading, csv_delimiter
from ._jsonl_reader import _JSON, _JsonlReading
from ._limits import DEFAULT_RECORD_LIMITS, RecordLimits
from ._reading import (
    ReadReport,
    RecordFormat,
    SkippedRecord,
    _as_columns,
    _value_reader,  # noqa: F401 - tests read it from this module
)
from ._source import LineSource, RecordFileError

_Row = TypeVar("_Row")

__all__ = ["ReadReport", "RecordFormat", "RecordReader", "SkippedRecord", "csv_delimiter", "record_format"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonlines")

#: Files that are no text, by their first bytes, and what to do with them. Read as CSV, a
#: Parquet file was 'a carriage return outside quotes (old Mac line endings?)'.
_BINARY_FORMATS = (
    (
        b"PAR1",
        "a Parquet file, not CSV or JSON Lines: `icpspec match` and `icpspec evaluate` read "
        "Parquet with --engine duckdb (a file named *.parquet); elsewhere, save it as CSV",
    ),
    (b"\x1f\x8b", "a gzip-compressed file: decompress it first (gunzip)"),
    (b"BZh", "a bzip2-compressed file: decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz-compressed file: decompress it first (unxz)"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file: decompress it first (unzstd)"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?): save the sheet as CSV, or unzip it"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook: save the sheet as CSV"),
    (b"SQLite format 3\x00", "an SQLite database: export the table as CSV"),
    (b"ARROW1", "an Arrow IPC file: save it as CSV"),
)


def record_format(name: str, head: bytes) -> RecordFormat:
    """``jsonl`` for ``.jsonl``/``.ndjson``/``.json`` files or text starting with ``{``; else ``csv``."""
    if name.lower().endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.lower().endswith((".csv", ".txt")):
        return "csv"
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


#: Bytes looked at to tell a binary file from text.
_HEAD = 512


def _read_head(stream: BinaryIO) -> bytes:
    """Up to :data:`_HEAD` bytes of ``stream``, fewer at its end or at a read error (which the
    records meet again, and report by their line, when they are read on)."""
    chunks: list[bytes] = []
    size = 0
    read = getattr(stream, "read1", stream.read)
    with contextlib.suppress(OSError):
        while size < _HEAD:
            chunk = read(_HEAD - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def _text(head: bytes) -> bool:
    """Whether ``head`` may start a text file: no NUL, and UTF-8 (its last character may be cut)."""
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


class _Prefixed(io.RawIOBase):
    """``prefix``, then the rest of ``stream``: bytes read to look at, given out again."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._read(len(buffer))  # what is there: a line from a slow pipe is not held back
        buffer[: len(data)] = data
        return len(data)

    def fileno(self) -> int:
        return self._stream.fileno()


class RecordReader(_CsvReading, _JsonlReading):
    """The records of a CSV or JSON Lines file, keyed by the spec's fields.

    ``fields`` are the fields wanted (usually those a spec's profiles read);
    columns are matched to them through names and aliases (see
    :class:`Columns`), with ``columns`` (a :class:`Columns`, or a mapping
    of field to column) taking precedence. Each record is a ``dict`` of every wanted field that has a
    column to its value read as the field's type, or ``None`` when that value
    is unknown. Records that cannot be read (ragged rows, bad bytes, broken
    quotes, JSON that is no object, lines over a limit) are skipped and
    reported in :attr:`report`; the rest of the file is still read.
    :attr:`columns` is a CSV file's header, or the keys of a JSON Lines file
    met so far (its lines need not share them): every key of the first line,
    then further keys up to 10,000 in all, and every key that may hold a field.

    Use it as a context manager, or call :meth:`close`:

    >>> from icpspec.model import ACCOUNT_FIELDS
    >>> import io
    >>> data = b"Company,Employees,Country\\nAcme,\\"1,200\\",U.S.\\nBad,row\\nZed,n/a,France\\n"
    >>> with RecordReader(io.BytesIO(data), ACCOUNT_FIELDS, name="accounts.csv") as reader:
    ...     records = list(reader)
    >>> for record in records:
    ...     print(record)
    {'name': 'Acme', 'employees': 1200, 'country': 'US'}
    {'name': 'Zed', 'employees': None, 'country': 'FR'}
    >>> reader.report.skipped_first
    [SkippedRecord(line=3, column=1, reason='2 cells, but the header has 3')]
    >>> reader.report.unreadable
    {'employees': 1}
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | BinaryIO,
        fields: Mapping[str, FieldDefinition],
        *,
        columns: Columns | Mapping[str, str] | None = None,
        format: RecordFormat | None = None,
        limits: RecordLimits = DEFAULT_RECORD_LIMITS,
        name: str | None = None,
    ) -> None:
        self._fields = fields
        self._columns = _as_columns(columns)
        self._limits = limits
        self._close: Callable[[], None] = lambda: None
        if isinstance(source, str | os.PathLike):
            path = os.fspath(source)
            self.name = name or path
            if path == "-":
                stream: BinaryIO = sys.stdin.buffer
            else:
                try:
                    stream = Path(path).open("rb")  # noqa: SIM115 - closed by close()
                except FileNotFoundError:
                    raise RecordFileError(self.name, 0, 0, "no such file") from None
                except IsADirectoryError:
                    raise RecordFileError(self.name, 0, 0, "a folder, not a file") from None
                except OSError as exc:
                    raise RecordFileError(self.name, 0, 0, f"cannot read: {exc.strerror or exc}") from None
                self._close = stream.close
                mode = os.fstat(stream.fileno()).st_mode
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                    # /dev/zero never ends and holds no line: a device is no record file.
                    stream.close()
                    raise RecordFileError(self.name, 0, 0, "a device, not a file")
        else:
            stream = source
            self.name = name or str(getattr(source, "name", "<records>"))
        try:
            self._start(stream, format)
        except BaseException:
            self.close()
            raise

    def _start(self, stream: BinaryIO, format: RecordFormat | None) -> None:
        if not hasattr(stream, "peek"):
            stream = io.BufferedReader(stream)  # type: ignore[type-var]
        head = stream.peek(_HEAD)
        if len(head) < _HEAD:
            # A pipe gives what one read got: read on to _HEAD bytes (or the end), then give
            # them out again before the rest.
            head = _read_head(stream)
            stream = io.BufferedReader(_Prefixed(head, stream), buffer_size=65_536)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise RecordFileError(self.name, 1, 1, "the file is UTF-16; save it as UTF-8")
        for magic, what in _BINARY_FORMATS:
            # The signature, then a NUL or bytes that are no UTF-8: a header 'PAR1,PK' is text.
            if head.startswith(magic) and not _text(head):
                raise RecordFileError(self.name, 1, 1, what)
        self.format: RecordFormat = format or record_format(self.name, head)
        self._head = bytes(head[:65536])
        self.report = ReadReport()
        self._source = LineSource(stream, self._limits)
        self.columns: tuple[str, ...] = ()
        self.mapping: ResolvedColumns | None = None
        self._constants: list[tuple[str, object]] = []
        if self.format == "csv":
            self._start_csv()

    # -- the file as a whole ------------------------------------------------------------------

    def first_keys(self) -> tuple[str, ...]:
        """The keys of a JSON Lines file's first object, when the start of the file holds it whole.

        What :attr:`columns` says of a CSV file, known before any record is
        read (a guess: later lines may have other keys); ``()`` when the first
        line is not in the bytes already buffered, or not a JSON object.
        """
        if self.format != "jsonl":
            return self.columns
        for line in self._head.lstrip(b"\xef\xbb\xbf").split(b"\n")[:-1]:
            if line.strip():
                with contextlib.suppress(ValueError, RecursionError):
                    obj = _JSON.decode(line.decode("utf-8"))
                    if type(obj) is dict:
                        return tuple(obj)
                return ()
        return ()

    def use_fields(
        self, fields: Mapping[str, FieldDefinition], columns: Columns | Mapping[str, str] | None = None
    ) -> None:
        """Read ``fields`` instead (through ``columns``), before any record is read.

        A caller that chooses what to read from the header (contacts or
        accounts) opens the file once, looks at :attr:`columns`, then says.
        Raises :class:`RecordFileError` when the new mapping cannot be made.
        """
        self._fields = fields
        self._columns = _as_columns(columns)
        if self.format == "csv":
            self.mapping = self._map(self.columns)

    def close(self) -> None:
        """Close the file (not a stream passed in)."""
        self._close()

    def __enter__(self) -> RecordReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def bytes_read(self) -> int:
        """Bytes read from the file so far (for progress)."""
        return self._source.bytes_read

    # -- records ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[dict[str, object]]:
        for _, _, record in self.rows():
            yield record

    def rows(self) -> Iterator[tuple[int, list[str] | dict[str, object], dict[str, object]]]:
        """``(line, raw, record)`` per record read: its first line, the row (CSV) or object
        (JSON Lines) as read, and the record for the engine.

        A read error part way (a disk or network file system failing) raises
        :class:`RecordFileError` with the line it stopped at.
        """
        if self.format == "csv":
            return ((start, row, record) for start, row, record, _ in self.csv_rows())
        return self._guarded(self._jsonl_rows())

    def csv_rows(self) -> Iterator[tuple[int, list[str], dict[str, object], str | None]]:
        """``(line, row, record, text)`` per record of a CSV file: :meth:`rows`, with the text of
        a record that is one line as read (line ending included), ``None`` for one of several.

        A writer that keeps the input's cells writes that line back as it is,
        instead of quoting every cell again.
        """
        if self.format != "csv":
            raise ValueError("csv_rows() reads a CSV file")
        return self._guarded(self._csv_rows())

    def _guarded(self, rows: Iterator[_Row]) -> Iterator[_Row]:
        """``rows``, with a read error part way turned into a :class:`RecordFileError` naming the line."""
        try:
            yield from rows
        except OSError as exc:
            line = self._source.lineno + 1
            raise RecordFileError(self.name, line, 1, f"cannot read it: {exc.strerror or exc}") from None
