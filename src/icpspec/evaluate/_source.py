"""Where an evaluation's records come from: a file, a DataFrame, or any iterable of mappings.

Every source becomes the same stream: ``(line, raw, record)`` with ``raw``
what the source holds (a CSV row, a JSON object, a mapping) and ``record``
the spec's fields for the engine; plus a way to read a named column's cell
from ``raw``, for the outcome, value, id, unit, by and date columns, which
are no spec fields.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from icpspec.diagnostics import IcpspecError, did_you_mean, quote
from icpspec.engine.values import UNKNOWN, reader_for
from icpspec.model import FieldDefinition, normalize_column_name
from icpspec.records import ColumnMapping, Columns, ColumnsError, RecordReader, scale

__all__ = ["EvaluationError", "Source", "open_source"]

Row = tuple[int, Any, Mapping[str, object]]


class EvaluationError(IcpspecError):
    """An evaluation that cannot be made: an unknown column, bad options, too many strata."""


class _ColumnsEvaluationError(EvaluationError, ColumnsError):
    """Records whose columns cannot hold the fields as asked: an :class:`EvaluationError` and a
    :class:`~icpspec.records.ColumnsError` (``field``, ``columns``) at once, as a file's is
    both a ``RecordFileError`` and a ``ColumnsError``."""


def _find(columns: Sequence[str], wanted: str) -> str | None:
    if wanted in columns:
        return wanted
    folded = normalize_column_name(wanted)
    found = [c for c in columns if normalize_column_name(c) == folded]
    return found[0] if len(found) == 1 else None


class Source:
    """An opened source: its rows, its column mapping, and cell getters for named columns."""

    def __init__(
        self,
        name: str,
        *,
        rows: Iterator[Row],
        columns: Sequence[str],
        mapping: ColumnMapping | None,
        kind: str,
        reader: RecordReader | None = None,
        varying: bool = False,
    ) -> None:
        self.name = name
        self.columns = tuple(columns)
        self.mapping = mapping
        self.kind = kind  # "csv" (raw rows are lists) or "mapping"
        self.reader = reader
        # Keys vary from record to record (JSON Lines, mappings): ``columns`` are the first's.
        self.varying = varying
        self._late: list[_LateColumn] = []
        self.rows = self._checked(rows) if varying else rows

    def getter(self, option: str, column: str) -> Callable[[Any], object]:
        """How to read ``column``'s cell from a raw row; raises :class:`EvaluationError` if absent.

        Where keys vary from record to record, a column the first record lacks (or spells
        otherwise) is read as a late mapped one is: from the first record that holds it, a
        key spelt exactly as named winning; no record holding it is an error once all are read.
        """
        found = _find(self.columns, column)
        if self.varying and found != column:
            late = _LateColumn(option, column, found)
            self._late.append(late)
            return late
        if found is None:
            shown = ", ".join(quote(c) for c in self.columns[:12])
            more = ", …" if len(self.columns) > 12 else ""
            raise EvaluationError(
                f"{self.name}: {option} {quote(column)}: no such column{did_you_mean(column, self.columns)} "
                f"(columns: {shown}{more})"
            )
        if self.kind == "csv":
            return operator.itemgetter(self.columns.index(found))
        return lambda raw: raw.get(found)

    def _checked(self, rows: Iterator[Row]) -> Iterator[Row]:
        yield from rows
        word = "line" if self.reader is not None else "record"
        for late in self._late:
            if late.key is None:
                hint = did_you_mean(late.column, late.met())
                raise EvaluationError(
                    f"{self.name}: {late.option} {quote(late.column)}: no {word} has such a column{hint}"
                )

    @property
    def skipped(self) -> int:
        """Records the reader could not read (file sources)."""
        return self.reader.report.skipped if self.reader is not None else 0

    def close(self) -> None:
        """Close the file, if one was opened."""
        if self.reader is not None:
            self.reader.close()


class _LateColumn:
    """The cell of a named column where keys vary by record: ``key`` is the one it is read from,
    found in the first record holding the column (as named, or folded as a first record's key
    would be), and switched to the exact spelling once a record holds that."""

    def __init__(self, option: str, column: str, key: object) -> None:
        self.option, self.column, self.key = option, column, key
        self._folded = normalize_column_name(column)
        self._met: dict[object, str] = {}  # keys met while none held the column: how they fold

    def __call__(self, raw: Mapping[object, object]) -> object:
        key = self.key
        if key != self.column:
            if self.column in raw:
                self.key = key = self.column
            elif key is None:
                key = self._find(raw)
        return None if key is None else raw.get(key)

    def _find(self, raw: Mapping[object, object]) -> object:
        met, folded = self._met, self._folded
        found = []
        for key in raw:
            name = met.get(key)
            if name is None:
                name = normalize_column_name(str(key))
                if len(met) < _SEEN_KEYS:
                    met[key] = name
            if name == folded:
                found.append(key)
        if len(found) == 1:
            self.key = found[0]
        return self.key

    def met(self) -> list[str]:
        """The keys met (the first ones), for a suggestion."""
        return [str(k) for k in self._met]


def _frame_rows(frame: Any) -> Iterator[Mapping[str, object]] | None:
    """Rows of a polars or pandas DataFrame as dicts, or ``None`` if ``frame`` is neither."""
    module = type(frame).__module__
    if module.startswith("pandas") and hasattr(frame, "columns"):
        import polars as pl

        frame = pl.from_pandas(frame)
        module = "polars"
    if module.startswith("polars") and hasattr(frame, "iter_rows"):
        rows: Iterator[Mapping[str, object]] = iter(frame.iter_rows(named=True, buffer_size=4096))
        return rows
    return None


#: Keys remembered, while a column a map names has not appeared, for the error's suggestion.
_SEEN_KEYS = 10_000


def _mapping_rows(
    name: str,
    items: Iterable[object],
    fields: Mapping[str, FieldDefinition],
    columns: Columns | Mapping[str, str] | None,
    headers: Sequence[str] | None = None,
) -> Source:
    """Records given as mappings; ``headers`` when every record has them (a DataFrame's columns).

    Otherwise keys vary from record to record, as in JSON Lines: a column a map names may
    first appear after the first record (found as a first record's would be, ignoring case
    and spacing), and one that no record holds is an error once every record is read.
    """
    iterator = iter(items)
    first: object = next(iterator, None)
    if first is not None and not isinstance(first, Mapping):
        raise EvaluationError(f"{name}: a record is a mapping of column to value, not {type(first).__name__}")
    if headers is not None:
        keys = [str(k) for k in headers]
    else:
        keys = [str(k) for k in first] if isinstance(first, Mapping) else []
    wanted = columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))
    held = {normalize_column_name(k) for k in keys}
    later: dict[str, list[str]] = {}  # a column the first record lacks: the fields mapped to it
    if headers is None:
        for field, column in wanted.map.items():
            if normalize_column_name(column) not in held:
                later.setdefault(column, []).append(field)
    try:
        resolved = wanted.resolve([*keys, *later], fields)
    except ColumnsError as exc:
        raise _ColumnsEvaluationError(f"{name}: {exc}", field=exc.field, columns=exc.columns) from None
    # The key a column name stands for: a late column's as the first record holding it spells
    # it, and a key that is not text (5 for '5', unless '5' is there too) as the first holds it.
    bound: dict[str, object] = {}
    # A mapped column the first record spells otherwise ('headcount' for 'HeadCount'): read
    # from the exact spelling once a record holds it, as JSON Lines are.
    respelt: dict[str, str] = {}
    if isinstance(first, Mapping) and headers is None:
        bound.update((str(k), k) for k in first if not isinstance(k, str) and str(k) not in first)
        for field, column in wanted.map.items():
            found = resolved.fields.get(field)
            if column not in later and found is not None and found != column:
                respelt[found] = column

    def cell(column: str) -> Callable[[Mapping[str, object]], object]:
        if column not in later and column not in bound and column not in respelt:
            return operator.methodcaller("get", column)
        return lambda raw: raw.get(bound.get(column, column))  # type: ignore[call-overload]

    # What the engine must be given instead of the record's own keys: other columns,
    # constants (--set), and numbers read in a unit (thousands, millions…).
    moved: list[tuple[str, Callable[[Mapping[str, object]], object]]] = []
    for field, column in resolved.fields.items():
        multiplier = resolved.units.get(field)
        if multiplier is not None:
            read = reader_for(fields[field].type)
            moved.append((field, _scaled(cell(column), read, multiplier)))
        elif field != column or column in later or column in bound or column in respelt:
            moved.append((field, cell(column)))
    for field, text in resolved.constants.items():
        moved.append((field, _constant(text)))

    def rows() -> Iterator[Row]:
        unseen: dict[str, list[str]] = {}  # by the name normalized: the late columns not yet met
        for column in later:
            unseen.setdefault(normalize_column_name(column), []).append(column)
        inexact = list(later)  # as JSON Lines: a key spelt exactly as the map names it wins
        seen: dict[object, None] = {}  # the keys met while a mapped column is unseen
        line = 1
        for raw in () if first is None else _chain(first, iterator):
            if not isinstance(raw, Mapping):
                raise EvaluationError(
                    f"{name}: record {line}: a mapping of column to value, not {type(raw).__name__}"
                )
            if unseen:
                for key in raw:
                    if key in seen:
                        continue
                    if len(seen) < _SEEN_KEYS:
                        seen[key] = None
                    for column in unseen.pop(normalize_column_name(str(key)), ()):
                        bound[column] = key
            if inexact:
                for column in [c for c in inexact if c in raw]:
                    bound[column] = column
                    inexact.remove(column)
            if respelt:
                for column in [c for c, exact in respelt.items() if exact in raw]:
                    bound[column] = respelt.pop(column)
            record = raw if not moved else {**raw, **{f: get(raw) for f, get in moved}}
            yield line, raw, record
            line += 1
        for spellings in unseen.values():
            hint = did_you_mean(spellings[0], [str(k) for k in seen])
            fields_named = ", ".join(f"{f}={quote(c)}" for c in spellings for f in later[c])
            raise _ColumnsEvaluationError(f"{name}: --map {fields_named}: no record has such a column{hint}")

    return Source(name, rows=rows(), columns=keys, mapping=resolved, kind="mapping", varying=headers is None)


def _constant(text: str) -> Callable[[Mapping[str, object]], object]:
    def get(_raw: Mapping[str, object]) -> object:
        return text

    return get


def _scaled(
    cell: Callable[[Mapping[str, object]], object],
    read: Callable[[object], object],
    multiplier: int | Decimal,
) -> Callable[[Mapping[str, object]], object]:
    def get(raw: Mapping[str, object]) -> object:
        value = read(cell(raw))
        return None if value is UNKNOWN else scale(value, multiplier)

    return get


def _chain(first: object, rest: Iterator[object]) -> Iterator[object]:
    yield first
    yield from rest


def open_source(
    records: object,
    fields: Mapping[str, FieldDefinition],
    columns: Columns | Mapping[str, str] | None,
) -> Source:
    """Open ``records``: a path to a CSV or JSON Lines file, a DataFrame, or an iterable of mappings."""
    if isinstance(records, str | os.PathLike):
        reader = RecordReader(records, fields, columns=columns)
        name = reader.name
        if reader.format == "csv":
            rows: Iterator[Row] = reader.rows()
            return Source(
                name, rows=rows, columns=reader.columns, mapping=reader.mapping, kind="csv", reader=reader
            )
        keys = reader.first_keys()
        return Source(
            name,
            rows=reader.rows(),
            columns=keys,
            mapping=reader.mapping,
            kind="mapping",
            reader=reader,
            varying=True,
        )
    frame_rows = _frame_rows(records)
    if frame_rows is not None:
        return _mapping_rows(
            "<DataFrame>", frame_rows, fields, columns, tuple(getattr(records, "columns", ()))
        )
    if isinstance(records, Mapping | str | bytes) or not isinstance(records, Iterable):
        raise TypeError(
            "records are a file path, a polars or pandas DataFrame, or an iterable of mappings, "
            f"not {type(records).__name__}"
        )
    return _mapping_rows("<records>", records, fields, columns)
