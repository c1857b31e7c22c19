"""What reading a CSV file and reading a JSON Lines file share.

The report of what reading found (counts, skipped records, unknown values),
how a cell or a JSON value becomes the value handed to the engine, and the
mapping of the file's columns to the spec's fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import attrs

from icpspec.engine.values import UNKNOWN, read_raw_text, reader_for
from icpspec.model import FieldDefinition, FieldType

from ._columns import Columns, ColumnsError, ResolvedColumns, scale
from ._convert import read_list_value
from ._limits import RecordLimits
from ._source import LineSource, RecordFileError

RecordFormat = Literal["csv", "jsonl"]

#: Skipped records kept, with their reasons, for the report; the rest are only counted.
MAX_SKIPPED_KEPT = 100


class _FileColumnsError(RecordFileError, ColumnsError):
    """A file whose columns cannot hold the fields as asked.

    Both errors at once: a :class:`RecordFileError` (``file``, ``line``,
    ``column``: where) and a :class:`ColumnsError` (``field``, ``columns``:
    which field, which columns), so the same mistake is caught by the same
    name whether a file, a DataFrame or a list of records was read.
    """

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        message: str,
        *,
        field: str | None = None,
        columns: Sequence[str] = (),
    ) -> None:
        super().__init__(file, line, column, message)
        self.field = field
        self.columns = tuple(columns)

    def __reduce__(self) -> tuple[type[RecordFileError], tuple[str, int, int, str], dict[str, object]]:  # type: ignore[override]
        return (
            type(self),
            (self.file, self.line, self.column, self.message),
            {"field": self.field, "columns": self.columns},
        )


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


class _Reading:
    """The state and the steps the CSV and the JSON Lines readers of :class:`RecordReader` share.

    :class:`RecordReader` sets the attributes when it opens the file.
    """

    name: str
    format: RecordFormat
    report: ReadReport
    columns: tuple[str, ...]
    mapping: ResolvedColumns | None
    _fields: Mapping[str, FieldDefinition]
    _columns: Columns
    _limits: RecordLimits
    _source: LineSource
    _head: bytes
    _constants: list[tuple[str, object]]

    def _fatal(self, line: int, column: int, message: str) -> RecordFileError:
        return RecordFileError(self.name, line, column, message)

    def _map(self, columns: Sequence[str]) -> ResolvedColumns:
        try:
            mapping = self._columns.resolve(columns, self._fields)
        except ColumnsError as exc:
            raise _FileColumnsError(self.name, 1, 1, str(exc), field=exc.field, columns=exc.columns) from None
        self._use(mapping)
        return mapping

    def _use(self, mapping: ResolvedColumns) -> None:
        """Read ``mapping``'s constants (``--set``) as their fields' types, once."""
        read = {f: _value_reader(self._fields[f].type) for f in mapping.constants}
        self._constants = [(f, read[f](v)) for f, v in mapping.constants.items()]

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
