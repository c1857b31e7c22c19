"""Where an evaluation's records come from: a file, a DataFrame, or any iterable of mappings.

Every source becomes the same stream: ``(line, raw, record)`` with ``raw``
what the source holds (a CSV row, a JSON object, a mapping) and ``record``
the spec's fields for the engine; plus a way to read a named column's cell
from ``raw``, for the outcome, value, id, account, by and date columns, which
are no spec fields.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from typing import Any

from icpspec.diagnostics import IcpspecError, did_you_mean, quote
from icpspec.model import FieldDefinition, normalize_column_name
from icpspec.records import (
    CellReader,
    ColumnMapping,
    Columns,
    ColumnsError,
    RecordReader,
    SkippedRecord,
    VaryingColumns,
    cell_readers,
    column_named,
)

__all__ = ["EvaluationError", "Source", "find_column", "open_source"]

Row = tuple[int, Any, Mapping[str, object]]


class EvaluationError(IcpspecError):
    """An evaluation that cannot be made: an unknown column, bad options, too many strata."""


class _ColumnsEvaluationError(EvaluationError, ColumnsError):
    """Records whose columns cannot hold the fields as asked: an :class:`EvaluationError` and a
    :class:`~icpspec.records.ColumnsError` (``field``, ``columns``) at once, as a file's is
    both a ``RecordFileError`` and a ``ColumnsError``."""


def find_column(source: str, columns: Sequence[str], option: str, column: str) -> str:
    """The column of ``columns`` that an option names: spelt so, or else the one column that
    folds as it does (:func:`~icpspec.model.normalize_column_name`: case ignored, and how words
    are set apart, by spaces, '_' or punctuation; ``Out Come`` is ``out_come``, not
    ``outcome``); :class:`EvaluationError` if none. Every engine finds the outcome, value,
    id, by… columns of a header so."""
    found = column_named(columns, column)
    if found is None:
        shown = ", ".join(quote(c) for c in columns[:12])
        more = ", …" if len(columns) > 12 else ""
        raise EvaluationError(
            f"{source}: {option} {quote(column)}: no such column{did_you_mean(column, columns)} "
            f"(columns: {shown}{more})"
        )
    return found


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
        #: Whether the record just read held a key not met before (``None``: cannot tell).
        self.fresh: Callable[[], bool] | None = None
        self._late: list[_LateColumn] = []
        self.rows = self._checked(rows) if varying else rows

    def getter(self, option: str, column: str) -> Callable[[Any], object]:
        """How to read ``column``'s cell from a raw row; raises :class:`EvaluationError` if absent.

        Where keys vary from record to record, the column is looked for in every record, as
        a column a map names is: read from the first record that holds it (spelt as named,
        or as it folds, ignoring case, spaces and punctuation), a key spelt exactly as named
        winning from the record it first appears on; no record holding it is an error once
        all are read (none at all is not).
        """
        if self.varying:
            late = _LateColumn(option, column)
            self._late.append(late)
            return late
        found = find_column(self.name, self.columns, option, column)
        if self.kind == "csv":
            return operator.itemgetter(self.columns.index(found))
        return lambda raw: raw.get(found)

    def _checked(self, rows: Iterator[Row]) -> Iterator[Row]:
        """``rows``, each record's keys shown to every named column not yet found as named."""
        pending: list[_LateColumn] = []
        read = new = False
        fresh = self.fresh
        for row in rows:
            if not read:
                read, new = True, True  # the first record is always looked at
                pending = list(self._late)
            elif pending:
                new = fresh is None or fresh()
            if pending:
                raw = row[1]
                named = False
                for late in pending:  # every one sees the record (any() would stop at the first)
                    named |= late.see(raw, new)
                if named:
                    pending = [late for late in pending if late.key != late.column]
            yield row
        word = "line" if self.reader is not None else "record"
        for late in self._late if read else ():
            if late.key != late.column:
                if late.several:
                    spelt = " and ".join(quote(str(k)) for k in late.several)
                    raise EvaluationError(
                        f"{self.name}: {late.option} {quote(late.column)}: {word}s spell it "
                        f"several ways ({spelt}): name one exactly"
                    )
                if late.key is not None:
                    continue
                hint = did_you_mean(late.column, late.met())
                raise EvaluationError(
                    f"{self.name}: {late.option} {quote(late.column)}: no {word} has such a column{hint}"
                )

    @property
    def skipped(self) -> int:
        """Records the reader could not read (file sources)."""
        return self.reader.report.skipped if self.reader is not None else 0

    @property
    def first_skipped(self) -> SkippedRecord | None:
        """Where the first record the reader could not read starts, and why."""
        first = self.reader.report.skipped_first if self.reader is not None else []
        return first[0] if first else None

    def close(self) -> None:
        """Close the file, if one was opened."""
        if self.reader is not None:
            self.reader.close()


class _LateColumn:
    """The cell of a named column where keys vary by record: ``key`` is the one it is read
    from, found by :meth:`see` in the first record holding the column (as named, or folded
    as a first record's key would be), switched to the exact spelling once a record holds it.
    A record holding it spelt two ways (and not as named) is noted in ``several``."""

    def __init__(self, option: str, column: str) -> None:
        self.option, self.column = option, column
        self.key: object = None
        self.several: tuple[object, ...] = ()  # spellings one record held together, if any
        self._folded = normalize_column_name(column)
        self._met: dict[object, None] = {}  # keys met (the first ones): each looked at once
        self._spelt: dict[object, None] = {}  # the keys met that fold as the column does

    def see(self, raw: Mapping[object, object], new: bool = True) -> bool:
        """Look for the column among ``raw``'s keys; whether it is now found as named.

        ``new=False`` says every key of ``raw`` was in a record seen before: only the column as
        named, or two spellings met apart and now held together, can then be learnt."""
        if self.column in raw:
            self.key = self.column
            return True
        met, spelt = self._met, self._spelt
        if not new and len(spelt) < 2 and (self.key is not None or not spelt):
            return False
        keys: Iterable[object] = raw.keys()  # a list, for some Mapping classes
        if not (met.keys() >= keys if isinstance(keys, Set) else all(k in met for k in keys)):
            for key in raw:
                if key not in met:
                    if normalize_column_name(str(key)) == self._folded:
                        spelt[key] = None
                    if len(met) < _SEEN_KEYS:
                        met[key] = None
        # One spelling met, and the column found by it: nothing more to learn from this record.
        if len(spelt) > 1 or (spelt and self.key is None):
            held = [k for k in spelt if k in raw]
            if len(held) == 1 and self.key is None:
                self.key = held[0]
            elif len(held) > 1 and not self.several:
                self.several = tuple(held[:3])
        return False

    def __call__(self, raw: Mapping[object, object]) -> object:
        key = self.key
        return None if key is None else raw.get(key)

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


#: Keys a named column (outcome, by…) remembers having looked at: each is folded once, and
#: the first ones give the suggestion when no record holds the column.
_SEEN_KEYS = 10_000


def _mapping_rows(
    name: str,
    items: Iterable[object],
    fields: Mapping[str, FieldDefinition],
    columns: Columns | Mapping[str, str] | None,
    headers: Sequence[str] | None = None,
) -> Source:
    """Records given as mappings; ``headers`` when every record has them (a DataFrame's columns).

    Otherwise keys vary from record to record, and are mapped as the lines of a JSON Lines
    file are (:class:`~icpspec.records.VaryingColumns`): a column may first appear after the
    first record, and one that a map names and no record holds is an error once every
    record is read.
    """
    iterator = iter(items)
    first: object = next(iterator, None)
    if first is not None and not isinstance(first, Mapping):
        raise EvaluationError(f"{name}: a record is a mapping of column to value, not {type(first).__name__}")
    wanted = columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))
    records = () if first is None else _chain(first, iterator)
    if headers is not None:
        keys = [str(k) for k in headers]
        try:
            resolved = wanted.resolve(keys, fields)
        except ColumnsError as exc:
            raise _ColumnsEvaluationError(f"{name}: {exc}", field=exc.field, columns=exc.columns) from None
        moved = cell_readers(resolved, fields)
        return Source(name, rows=_rows(name, records, moved), columns=keys, mapping=resolved, kind="mapping")
    varying = VaryingColumns(fields, wanted)
    if isinstance(first, Mapping):  # no record, no mapping: as an empty JSON Lines file
        try:
            varying.see(first.keys())
        except ColumnsError as exc:
            raise _ColumnsEvaluationError(f"{name}: {exc}", field=exc.field, columns=exc.columns) from None
    source = Source(
        name,
        rows=iter(()),
        columns=[str(k) for k in first] if isinstance(first, Mapping) else [],
        mapping=varying.mapping,
        kind="mapping",
        varying=True,
    )

    def rows() -> Iterator[Row]:
        see, record = varying.see, varying.record
        line = 1
        for raw in records:
            if type(raw) is not dict and not isinstance(raw, Mapping):
                raise EvaluationError(
                    f"{name}: record {line}: a mapping of column to value, not {type(raw).__name__}"
                )
            if see(raw.keys()):
                source.mapping = varying.mapping
            yield line, raw, record(raw)
            line += 1
        for field, column, why in varying.unheld("record"):
            raise _ColumnsEvaluationError(f"{name}: --map {field}={quote(column)}: {why}")

    source.rows = source._checked(rows())
    source.fresh = lambda: varying.fresh
    return source


def _rows(name: str, records: Iterable[object], moved: Sequence[tuple[str, CellReader]]) -> Iterator[Row]:
    """``(line, raw, record)`` of each mapping, ``moved`` read into the record."""
    line = 1
    for raw in records:
        if not isinstance(raw, Mapping):
            raise EvaluationError(
                f"{name}: record {line}: a mapping of column to value, not {type(raw).__name__}"
            )
        yield line, raw, raw if not moved else {**raw, **{f: get(raw) for f, get in moved}}
        line += 1


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
