"""The column mapping of records whose keys vary from one to the next: JSON Lines, mappings.

A CSV file or a DataFrame says its columns once; the lines of a JSON Lines
file and a list of dicts need not share their keys (an export leaves out the
keys of empty fields). :class:`VaryingColumns` takes each record's keys and
keeps the mapping :meth:`Columns.resolve` would give over every key met so
far, in memory and time bounded by the fields' names, not by the keys the
records hold. The JSON Lines reader and ``evaluate`` of mappings both read
through it, so the same records map alike from either.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, KeysView, Mapping, Sequence, Set
from decimal import Decimal
from typing import Any

import attrs

from icpspec.diagnostics import did_you_mean, quote
from icpspec.engine.values import UNKNOWN, reader_for
from icpspec.model import FieldDefinition, normalize_column_name

from ._columns import Columns, ColumnsError, How, ResolvedColumns, header_unit, scale

__all__ = ["MAX_LISTED_KEYS", "CellReader", "VaryingColumns", "cell_readers"]

_DICT_KEYS: type[KeysView[Any]] = type({}.keys())

#: How a field's value is read from a raw record (a mapping of column to value).
CellReader = Callable[[Mapping[Any, object]], object]

#: Distinct keys :attr:`VaryingColumns.listed` holds past the first record's: the first met,
#: and every key that may hold a field read. Remembering every one would grow memory with
#: the records when each brings a key of its own.
MAX_LISTED_KEYS = 10_000


class _KeyNames:
    """The keys met that may hold a field read: few, however many keys and spellings there are.

    A key may hold a field when it folds (case, spaces and punctuation ignored)
    to a field's name, an alias or a column a map names, or when its header
    says a unit (``Revenue ($M)``) and the rest folds so. Once two keys fold to
    a name, every rule that reads the name is ambiguous, and stays so: a third
    spelling cannot change the mapping, so it is not kept (unless a map names
    it exactly). The keys mapped, and the times the records are mapped again,
    are bounded by the names the fields have, not by the keys the records hold.
    """

    def __init__(self, fields: Mapping[str, FieldDefinition], mapped: Iterable[str]) -> None:
        self._mapped = tuple(dict.fromkeys(mapped))
        self._wanted = {
            normalize_column_name(name)
            for field, definition in fields.items()
            for name in (field, *definition.aliases)
        } | {normalize_column_name(c) for c in self._mapped}
        self._kept: dict[str, None] = {}
        self._as_name: dict[str, list[str]] = {}  # a name: the keys kept that fold to it
        self._by_name: dict[str, int] = {}  # a name: those, and the keys whose unit header's rest does

    def add(self, key: str) -> bool:
        """Keep ``key`` if it may change the mapping; whether it was kept."""
        if key in self._kept:
            return False
        wanted = self._wanted
        folded = normalize_column_name(key)
        as_name = folded in wanted
        unit = header_unit(key)
        base = normalize_column_name(unit[0]) if unit is not None else ""
        as_base = unit is not None and base in wanted and base != folded
        if not (
            key in self._mapped
            or (as_name and len(self._as_name.get(folded, ())) < 2)
            or (as_base and self._by_name.get(base, 0) < 2)
        ):
            return False
        self._kept[key] = None
        if as_name:
            self._as_name.setdefault(folded, []).append(key)
            self._by_name[folded] = self._by_name.get(folded, 0) + 1
        if as_base:
            self._by_name[base] = self._by_name.get(base, 0) + 1
        return True

    def keys(self) -> list[str]:
        """The keys kept, then :meth:`later`."""
        return [*self._kept, *self.later()]

    def later(self) -> list[str]:
        """Each column a map names that no key holds yet (it may come later)."""
        return [c for c in self._mapped if not self.holds(c)]

    def holds(self, column: str) -> bool:
        """Whether a key met folds as ``column`` does."""
        return normalize_column_name(column) in self._as_name

    def kept(self, key: str) -> bool:
        """Whether ``key`` was met and kept."""
        return key in self._kept

    def spellings(self, column: str) -> list[str]:
        """The keys kept that fold as ``column`` does (the first few)."""
        return self._as_name.get(normalize_column_name(column), [])


class VaryingColumns:
    """The mapping of records whose keys vary: feed each record's keys to :meth:`see`.

    :attr:`mapping` is what ``columns.resolve`` gives over every key met so
    far, a column ``columns.map`` names that no record has held yet counted
    as there (it may come later). The first record's keys must map (else
    :class:`ColumnsError`); when a later key makes a field ambiguous, that
    field keeps the column it had (or none), and the others are mapped anew.
    A key that is not text is named by its ``str()`` (``5`` for ``'5'``), a
    text key of that name winning: :meth:`key` gives the key to read a
    column's cell by.
    """

    def __init__(self, fields: Mapping[str, FieldDefinition], columns: Columns) -> None:
        self._fields = fields
        self._columns = columns
        self._names = _KeyNames(fields, columns.map.values())
        self._met: dict[object, None] = {}  # the keys listed: the first record's, then up to the limit
        self._unlisted: dict[object, None] = {}  # keys past the limit that hold no field (the first)
        self._key_of: dict[str, object] = {}  # a kept name: the key it stands for, if not itself
        self._limit = MAX_LISTED_KEYS
        self._reads: list[tuple[str, CellReader]] = []
        self._moved: list[tuple[str, CellReader]] = []
        self._unmapped: tuple[str, ...] = ()
        self.mapping: ResolvedColumns | None = None
        #: Whether the keys last seen held one not met before (``True`` when it cannot tell):
        #: a record of keys all met before can teach nothing new of them.
        self.fresh = True

    def see(self, keys: Iterable[object]) -> bool:
        """Take one record's keys; whether :attr:`mapping` changed (always on the first record).

        Raises :class:`ColumnsError` when the first record's keys cannot be mapped.
        """
        met = self._met
        if type(keys) is not _DICT_KEYS and not isinstance(keys, Set):
            keys = dict.fromkeys(keys).keys()  # a list, a generator: once, as a set
        if self.mapping is not None and met.keys() >= keys:
            self.fresh = False
            return False
        self.fresh = True
        first = self.mapping is None
        if first:
            # The first record's keys are all listed: a CSV written of it has them.
            self._limit = max(self._limit, len(keys))
        remap = first
        for key in keys:
            if key in met or key in self._unlisted:
                continue
            name = key if type(key) is str else str(key)
            kept = self._names.add(name)
            if kept:
                if name is not key:
                    self._key_of[name] = key
                remap = True
            elif type(key) is str and name in self._key_of:
                del self._key_of[name]  # '5' over 5
            if kept or len(met) < self._limit:
                met[key] = None
            elif len(self._unlisted) < MAX_LISTED_KEYS:
                self._unlisted[key] = None  # no field's: not looked at again
        if remap:
            self._resolve()
        return remap

    def _resolve(self) -> None:
        keys, later = self._names.keys(), self._names.later()
        if self.mapping is None:
            mapping = self._columns.resolve(keys, self._fields, map_only=later)
        else:
            try:
                mapping = self._columns.resolve(keys, self._fields, map_only=later)
            except ColumnsError:
                mapping = self._field_by_field(keys, self.mapping, later)
        # Mapped from the keys that may hold a field; the columns are every key listed.
        self.mapping = attrs.evolve(mapping, columns=(*self.listed(), *self._names.later()))
        self._reads = cell_readers(self.mapping, self._fields, key=self.key, every=True)
        # What a record holding no key named like a field the mapping leaves needs on top of
        # its own keys (nothing, when every field is read from the key named like it).
        self._moved = cell_readers(self.mapping, self._fields, key=self.key)
        self._unmapped = tuple(f for f in self._fields if f not in self.mapping.fields)

    def record(self, raw: Mapping[Any, object]) -> Mapping[Any, object]:
        """The record the engine reads of ``raw`` (whose keys :meth:`see` has taken): every
        field the mapping reads, from its column (in its unit), and the constants. Nothing
        else: a key named like a field that the mapping leaves (one of two spellings of it,
        say) is not read behind the mapping's back."""
        if not self._unmapped or not any(f in raw for f in self._unmapped):
            moved = self._moved
            return {**raw, **{field: read(raw) for field, read in moved}} if moved else raw
        return {field: read(raw) for field, read in self._reads}

    def _field_by_field(
        self, keys: Sequence[str], previous: ResolvedColumns, later: Sequence[str]
    ) -> ResolvedColumns:
        """The mapping when a later key makes a field ambiguous: each field mapped on its own,
        one that its rules cannot tell keeping the column it had (or none), the rest taking
        the columns the new keys give them."""
        given = self._columns
        fields: dict[str, str] = {}
        how: dict[str, How] = {}
        units: dict[str, int | Decimal] = {}
        header_units: list[str] = []
        for field, definition in self._fields.items():
            own = Columns(
                map={field: given.map[field]} if field in given.map else {},
                constants={field: given.constants[field]} if field in given.constants else {},
                units={field: given.units[field]} if field in given.units else {},
                reserved=given.reserved,
            )
            try:
                one = own.resolve(keys, {field: definition}, map_only=later)
            except ColumnsError:
                one = previous  # this field's columns are ambiguous: it keeps what it had
            if field in one.fields:
                fields[field], how[field] = one.fields[field], one.how[field]
                if field in one.units:
                    units[field] = one.units[field]
                if field in one.header_units:
                    header_units.append(field)
        return ResolvedColumns(
            columns=tuple(keys),
            fields=fields,
            how=how,
            missing=tuple(f for f in self._fields if f not in fields and f not in previous.constants),
            constants=previous.constants,
            units=units,
            header_units=tuple(header_units),
        )

    def listed(self) -> tuple[str, ...]:
        """The keys met, as text: every one of the first record's, then further ones up to
        :data:`MAX_LISTED_KEYS` in all, and every one that may hold a field."""
        return tuple(k if type(k) is str else str(k) for k in self._met)

    def key(self, column: str) -> object:
        """The key a column (by name) is read from: ``5`` for ``'5'`` when that is what was met."""
        return self._key_of.get(column, column)

    def unheld(self, word: str = "record") -> list[tuple[str, str, str]]:
        """``(field, column, why)`` for each column ``columns.map`` names that no key met holds:
        none folds as it (``no record has such a column; did you mean…``), or several
        (``records spell it several ways ('staff' and 'STAFF'): name one exactly``)."""
        out = []
        for field, column in self._columns.map.items():
            read = self.mapping.fields.get(field) if self.mapping is not None else None
            if read is not None and self._names.kept(read):
                continue
            spelt = self._names.spellings(column)
            if len(spelt) > 1:
                shown = " and ".join(quote(k) for k in spelt[:3])
                out.append((field, column, f"{word}s spell it several ways ({shown}): name one exactly"))
            else:
                out.append(
                    (field, column, f"no {word} has such a column{did_you_mean(column, self.listed())}")
                )
        return out


def cell_readers(
    mapping: ResolvedColumns,
    fields: Mapping[str, FieldDefinition],
    *,
    key: Callable[[str], object] = str,
    every: bool = False,
) -> list[tuple[str, CellReader]]:
    """``(field, reader)`` for the fields of ``mapping`` that a record keyed by column does
    not hold under the field's own name: another column, a constant (``--set``, as text, as
    a cell would hold it), a number in a unit (thousands, millions…), or a key that is not
    text (``key`` names the key a column is read by: ``5`` for ``'5'``); with ``every``,
    for every field ``mapping`` reads. The engine reads the values as it reads a cell."""

    def cell(column: str) -> CellReader:
        if key(column) == column:
            return operator.methodcaller("get", column)
        return lambda raw: raw.get(key(column))

    out: list[tuple[str, CellReader]] = []
    for field, column in mapping.fields.items():
        multiplier = mapping.units.get(field)
        if multiplier is not None:
            out.append((field, _scaled(cell(column), reader_for(fields[field].type), multiplier)))
        elif every or field != column or key(column) != column:
            out.append((field, cell(column)))
    for field, text in mapping.constants.items():
        out.append((field, _constant(text)))
    return out


def _constant(text: str) -> CellReader:
    def get(_raw: Mapping[Any, object]) -> object:
        return text

    return get


def _scaled(cell: CellReader, read: Callable[[object], object], multiplier: int | Decimal) -> CellReader:
    def get(raw: Mapping[Any, object]) -> object:
        value = read(cell(raw))
        return None if value is UNKNOWN else scale(value, multiplier)

    return get
