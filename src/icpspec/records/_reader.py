"""Reading records from CSV and JSON Lines files, as the spec's fields, in constant memory."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Literal, TypeVar

import attrs

from icpspec.diagnostics import quote
from icpspec.engine.values import UNKNOWN, read_raw_text, reader_for
from icpspec.model import FieldDefinition, FieldType, normalize_column_name

from ._columns import Columns, ColumnsError, ResolvedColumns, scale
from ._convert import compile_converter, read_list_value
from ._limits import DEFAULT_RECORD_LIMITS, RecordLimits
from ._source import RESET, LineSource, RecordFileError

_Row = TypeVar("_Row")

__all__ = ["ReadReport", "RecordFormat", "RecordReader", "SkippedRecord", "csv_delimiter", "record_format"]

RecordFormat = Literal["csv", "jsonl"]

#: Skipped records kept, with their reasons, for the report; the rest are only counted.
MAX_SKIPPED_KEPT = 100

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonlines")
_CSV_MESSAGES = {
    "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?": (
        "a carriage return outside quotes (old Mac line endings? save the file with Windows or Unix ones)"
    ),
    "unexpected end of data": "a quote that is never closed",
    "',' expected after '\"'": "text after a closing quote (',' expected after '\"')",
}


@attrs.frozen
class SkippedRecord:
    """A record that was not read: where it starts and why."""

    line: int
    column: int
    reason: str


@attrs.define
class ReadReport:
    """What reading a file found: counts, skipped records, unknown values per field.

    ``records`` counts every record met, read or skipped; ``skipped_first``
    keeps the first skipped ones (up to 100). ``unreadable`` and ``blank``
    count, per field, the values that are unknown because they are outside
    the field type's grammar, or empty or absent; ``examples`` holds the first
    unreadable value of each field.
    """

    records: int = 0
    skipped: int = 0
    blank_lines: int = 0
    skipped_first: list[SkippedRecord] = attrs.field(factory=list)
    unreadable: dict[str, int] = attrs.field(factory=dict)
    blank: dict[str, int] = attrs.field(factory=dict)
    examples: dict[str, str] = attrs.field(factory=dict)


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


def record_format(name: str, head: bytes) -> RecordFormat:
    """``jsonl`` for ``.jsonl``/``.ndjson``/``.json`` files or text starting with ``{``; else ``csv``."""
    if name.lower().endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.lower().endswith((".csv", ".txt")):
        return "csv"
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def _value_reader(field_type: FieldType) -> Callable[[object], object]:
    """How a record value becomes the value handed to the engine: typed, or UNKNOWN.

    Text keeps its case (``matches`` reads it as written); lists become lists.
    Every engine reads these values exactly as it reads the raw ones.
    """
    if field_type == FieldType.STRING:
        return read_raw_text
    if field_type == FieldType.STRING_LIST:
        return read_list_value
    return reader_for(field_type)


def _scaled(read: Callable[[object], object], multiplier: object) -> Callable[[object], object]:
    """``read``, then the known value times ``multiplier`` (a unit: see :func:`scale`)."""

    def read_scaled(raw: object) -> object:
        value = read(raw)
        return value if value is UNKNOWN else scale(value, multiplier)  # type: ignore[arg-type]

    return read_scaled


def _as_columns(columns: Columns | Mapping[str, str] | None) -> Columns:
    return columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {quote(key)}")
            seen.add(key)
    return out


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        # 1e309 reads as infinity, which no strict JSON writer can write back.
        raise ValueError(f"{text[:40]} is too large for a number")
    return value


_JSON = json.JSONDecoder(
    object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant, parse_float=_finite_float
)
#: A ``\u`` escape of a UTF-16 surrogate (high or low), which may stand alone.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _json_problem(text: str, obj: object, max_depth: int) -> str | None:
    """Why a decoded JSON Lines record cannot be written back as UTF-8 JSON or CSV, or ``None``."""
    if "\\u0000" in text:
        return "a NUL character (\\u0000)"
    if text.count("[") + text.count("{") > max_depth and _deeper_than(obj, max_depth):
        return f"nested more than {max_depth} levels deep"
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return "a lone surrogate (a \\ud800-\\udfff escape that is half of a character)"
    return None


def _deeper_than(obj: object, limit: int) -> bool:
    stack: list[tuple[object, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return False


class RecordReader:
    """The records of a CSV or JSON Lines file, keyed by the spec's fields.

    ``fields`` are the fields wanted (usually those a spec's profiles read);
    columns are matched to them through names and aliases (see
    :class:`Columns`), with ``columns`` (a :class:`Columns`, or a mapping
    of field to column) taking precedence. Each record is a ``dict`` of every wanted field that has a
    column to its value read as the field's type, or ``None`` when that value
    is unknown. Records that cannot be read (ragged rows, bad bytes, broken
    quotes, JSON that is no object, lines over a limit) are skipped and
    reported in :attr:`report`; the rest of the file is still read.

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
        head = stream.peek(512)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise RecordFileError(self.name, 1, 1, "the file is UTF-16; save it as UTF-8")
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

    def _fatal(self, line: int, column: int, message: str) -> RecordFileError:
        return RecordFileError(self.name, line, column, message)

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

    def _map(self, columns: Sequence[str]) -> ResolvedColumns:
        try:
            mapping = self._columns.resolve(columns, self._fields)
        except ColumnsError as exc:
            raise self._fatal(1, 1, str(exc)) from None
        read = {f: _value_reader(self._fields[f].type) for f in mapping.constants}
        self._constants = [(f, read[f](v)) for f, v in mapping.constants.items()]
        return mapping

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

    def _csv_message(self, exc: csv.Error) -> str:
        text = str(exc)
        if text.startswith("field larger than field limit"):
            return f"a field longer than {self._limits.max_field_chars:,} characters"
        return _CSV_MESSAGES.get(text, text)

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

    def _skip(self, line: int, column: int, reason: str) -> None:
        report = self.report
        report.records += 1
        report.skipped += 1
        if len(report.skipped_first) < MAX_SKIPPED_KEPT:
            report.skipped_first.append(SkippedRecord(line, column, reason))

    def _unknown(self, field: str, raw: object) -> None:
        report = self.report
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            report.blank[field] = report.blank.get(field, 0) + 1
        else:
            report.unreadable[field] = report.unreadable.get(field, 0) + 1
            if field not in report.examples:
                text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
                report.examples[field] = text[:200]

    def _converters(self, mapping: ResolvedColumns) -> list[tuple[str, str, Callable[[object], object]]]:
        """``(field, column, reader)`` for every field a column holds, in its unit."""
        out = []
        for field, column in mapping.fields.items():
            read = _value_reader(self._fields[field].type)
            multiplier = mapping.units.get(field)
            if multiplier is not None:
                read = _scaled(read, multiplier)
            out.append((field, column, read))
        return out

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

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, object], dict[str, object]]]:
        src = self._source
        bad = src.bad
        decode = _JSON.decode
        report = self.report
        unknown = self._unknown
        seen: dict[str, None] = {}
        converters: list[tuple[str, str, Callable[[object], object]]] = []
        constants: list[tuple[str, object]] = []
        # The normalized names a field can be read from: its name, its aliases, an override.
        wanted = {
            normalize_column_name(name)
            for field, definition in self._fields.items()
            for name in (field, *definition.aliases)
        } | {normalize_column_name(c) for c in self._columns.map.values()}
        for text in src.lines():
            line = src.row_end = src.lineno
            if text is RESET:
                assert src.reset_reason is not None
                self._skip(*src.reset_reason)
                src.reset_reason = None
                continue
            if bad and line in bad:
                self._skip(line, *bad.pop(line))
                continue
            try:
                obj = decode(text)
            except json.JSONDecodeError as exc:
                if not text.strip():
                    report.blank_lines += 1
                else:
                    self._skip(line, exc.colno, f"not JSON: {exc.msg}")
                continue
            except (ValueError, RecursionError) as exc:
                reason = (
                    "nested too deeply"
                    if isinstance(exc, RecursionError)
                    else "a number with too many digits"
                    if "digits" in str(exc)
                    else str(exc)
                )
                self._skip(line, 1, f"not JSON: {reason}")
                continue
            problem = _json_problem(text, obj, self._limits.max_json_depth)
            if problem is not None:
                self._skip(line, 1, problem)
                continue
            if type(obj) is not dict:
                kind = {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
                    type(obj), "a number"
                )
                self._skip(line, 1, f"{kind}, not a JSON object")
                continue
            if not seen.keys() >= obj.keys():
                new = [k for k in obj if k not in seen]
                seen.update(dict.fromkeys(new))
                # A key no field can be read from (a new key a line is common in enrichment
                # exports) changes no mapping: mapping again each time would be quadratic.
                remap = self.mapping is None or any(normalize_column_name(k) in wanted for k in new)
            else:
                remap = False
            if remap:
                self.columns = tuple(seen)
                # Keys vary from line to line: a key named by an override may come later.
                keys = (*self.columns, *(c for c in self._columns.map.values() if c not in seen))
                if self.mapping is None:
                    self.mapping = self._map(keys)
                else:
                    # A later key that would make a field ambiguous: keep the mapping in use.
                    with contextlib.suppress(ColumnsError):
                        self.mapping = self._columns.resolve(keys, self._fields)
                converters = self._converters(self.mapping)
                constants = self._constants
            record: dict[str, object] = {}
            for field, key, read in converters:
                raw = obj.get(key)
                value = read(raw)
                if value is UNKNOWN:
                    unknown(field, raw)
                    value = None
                record[field] = value
            for field, value in constants:
                record[field] = value[:] if type(value) is list else value
            report.records += 1
            yield line, obj, record
        self.columns = tuple(seen)
