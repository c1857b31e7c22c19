"""The records suggest learns from: read once, each column typed, named as a field, or refused.

A column becomes a *field*: the catalogue's (``employees`` from ``Number of
employees``) when its name or an alias says so, else a field of the spec's own
named after the column (``Comp_size`` becomes ``comp_size``, with the column's
name as its alias so ``icpspec match`` finds it again). Its values are read
exactly as the engine reads them, so a condition found here holds for the same
records when the written spec is matched. Columns no criterion should use are
*refused*, with the reason: ids, free text, dates, a single value.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import math
import operator
import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from typing import BinaryIO, Literal

import attrs

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine import UNKNOWN
from icpspec.engine.values import read_bool, read_date, read_number, read_raw_text, reader_for
from icpspec.model import ACCOUNT_FIELDS, FieldDefinition, FieldType, normalize_column_name
from icpspec.records import RecordReader, header_unit, map_columns, scale

__all__ = ["Column", "RawTable", "RefusedColumn", "WithCell", "read_table", "type_columns"]

Refusal = Literal["id", "free_text", "date", "constant", "empty", "leak"]

_ID_NAME = re.compile(r"(?:^|[^a-z0-9])(?:id|uuid|guid|pk|key)$|[a-z0-9]Id$|^ID[A-Z_]")
_SLASH_DATE = re.compile(r"\s*\d{1,4}[/.]\d{1,2}[/.]\d{1,4}(?:[ T]\S*)?\s*", re.ASCII)
_MONTH_DATE = re.compile(
    r"\s*(?:(?:MONTH)[a-z]*\.?[ -]\d{1,2},?[ -]\d{2,4}|\d{1,2}[ -](?:MONTH)[a-z]*\.?[ -]\d{2,4})\s*".replace(
        "MONTH", "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    ),
    re.IGNORECASE | re.ASCII,
)

_NUMBERS = (FieldType.INTEGER, FieldType.NUMBER)

#: Share of a column's filled cells that must read as numbers (dates) for it to be one.
TYPE_SHARE = 0.95
#: A text column whose filled cells are at least this share of distinct values is an id or free text.
UNIQUE_SHARE = 0.5
#: Distinct cells of a file kept once however many rows repeat them; past these, each as read.
SHARED_CELLS = 1 << 16


@attrs.frozen
class RawTable:
    """Every record of the input, as written: its columns, and one mapping per record."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, object], ...]
    skipped: int = 0
    skipped_first: tuple[str, ...] = ()


@attrs.frozen
class Column:
    """A column read as a field: its typed values (``None`` where the engine sees *unknown*)."""

    column: str
    field: FieldDefinition
    standard: bool
    values: tuple[object, ...]
    display: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def name(self) -> str:
        """The field's id, as criteria name it."""
        return self.field.id

    @property
    def label(self) -> str:
        """The column as a bound's text names it: ``Balance`` for ``Balance (k)``, whose numbers
        are read in thousands, as the engine reads them (:func:`~icpspec.records.header_unit`)."""
        hint = header_unit(self.column) if self.field.type in _NUMBERS else None
        return self.column if hint is None else hint[0]

    @functools.cached_property
    def rows_by_value(self) -> tuple[dict[object, array[int]], array[int]]:
        """The rows holding each value (each list member for lists, case-folded as the
        engine compares them), and the rows holding any, in order; read-only.

        Arrays of row numbers, not bit sets: a bit set as long as its last row, built for
        every one of a column's distinct values, costs the square of the records (200,000
        deals with amounts to the cent: 1.5 GB). The search builds only the sets it uses.
        """
        rows: dict[object, array[int]] = {}
        known_rows = array("I")
        lists = self.field.type == FieldType.STRING_LIST
        for i, value in enumerate(self.values):
            if value is None:
                continue
            known_rows.append(i)
            for item in value if isinstance(value, tuple) else (value,):
                # Lists keep their case; text arrives case-folded; country codes stay codes.
                key = item.casefold() if lists and isinstance(item, str) else item
                found = rows.get(key)
                if found is None:
                    found = rows[key] = array("I")
                if not found or found[-1] != i:  # a member named twice counts once
                    found.append(i)
        return rows, known_rows


@attrs.frozen
class RefusedColumn:
    """A column no criterion uses, and why, in words that name it."""

    column: str
    kind: Refusal
    reason: str

    def __str__(self) -> str:
        return f"{quote(self.column)}: {self.reason}"


def read_table(records: str | os.PathLike[str] | BinaryIO | Iterable[Mapping[str, object]]) -> RawTable:
    """Read ``records``: a CSV or JSON Lines file (path or binary stream), or mappings.

    Files go through the record reader, so every reading rule (encodings,
    limits, ragged rows reported and skipped) is the one ``icpspec match``
    follows; the values stay as written.
    """
    if isinstance(records, str | os.PathLike) or hasattr(records, "read"):
        with RecordReader(records, {}) as reader:  # type: ignore[arg-type]
            rows: list[Mapping[str, object]] = []
            index = {name: i for i, name in enumerate(reader.columns)}
            # A value written on many rows (an industry, a country) is kept once: the first
            # SHARED_CELLS distinct cells are shared, in this read only (sys.intern would keep
            # every cell of every file read for the life of the process on Python 3.12).
            shared: dict[str, str] = {}

            def once(cell: str) -> str:
                found = shared.get(cell)
                if found is None:
                    found = cell
                    if len(shared) < SHARED_CELLS:
                        shared[cell] = cell
                return found

            for _, raw, _ in reader.rows():
                rows.append(_CsvRow(index, tuple(map(once, raw))) if isinstance(raw, list) else raw)
            report = reader.report
            first = tuple(f"{reader.name}:{r.line}:{r.column}: {r.reason}" for r in report.skipped_first[:5])
            # A JSON Lines file's keys vary by line, and its reader lists only the first
            # MAX_LISTED_KEYS: every row is held here, so every key is.
            columns = reader.columns if reader.format == "csv" else tuple(_keys(rows))
            return RawTable(reader.name, tuple(columns), tuple(rows), report.skipped, first)
    rows = []
    for i, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise IcpspecError(f"record {i + 1} is a {type(record).__name__}, not a mapping")
        rows.append(record)
    return RawTable("<records>", tuple(_keys(rows)), tuple(rows))


def _keys(rows: Iterable[Mapping[str, object]]) -> dict[str, None]:
    """Every key of ``rows`` as text, in the order met."""
    seen: dict[str, None] = {}
    for row in rows:
        keys: Iterable[object] = row.keys()  # a list, for some Mapping classes: no quick check then
        if not (isinstance(keys, Set) and seen.keys() >= keys):
            seen.update(dict.fromkeys(str(k) for k in row))
    return seen


class _CsvRow(Mapping[str, object]):
    """One row of a CSV file as a mapping of column to cell: the cells in a tuple, the
    columns' positions shared by every row (a dict per row cost three times as much)."""

    __slots__ = ("_cells", "_index")

    def __init__(self, index: Mapping[str, int], cells: tuple[str, ...]) -> None:
        self._index = index
        self._cells = cells

    def __getitem__(self, key: str) -> object:
        return self._cells[self._index[key]]

    def get(self, key: str, default: object = None) -> object:
        at = self._index.get(key)
        return default if at is None else self._cells[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"_CsvRow({dict(self)!r})"


class WithCell(Mapping[str, object]):
    """``row`` with one more cell, ``key`` holding ``value``, without copying the row."""

    __slots__ = ("_key", "_row", "_value")

    def __init__(self, row: Mapping[str, object], key: str, value: object) -> None:
        self._row, self._key, self._value = row, key, value

    def __getitem__(self, key: str) -> object:
        return self._value if key == self._key else self._row[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._row
        if self._key not in self._row:
            yield self._key

    def __len__(self) -> int:
        return len(self._row) + (self._key not in self._row)

    def __repr__(self) -> str:
        return f"WithCell({dict(self)!r})"


def _blank(value: object) -> bool:
    """Empty: ``None``, spaces, or a float's NaN (a DataFrame's blank, which the engine reads as
    unknown)."""
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and math.isnan(value))
    )


def _looks_like_date(value: object) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    if read_date(value) is not UNKNOWN:
        return True
    return bool(_SLASH_DATE.fullmatch(value) or _MONTH_DATE.fullmatch(value))


Cells = Sequence[tuple[object, int]]
"""A column's cells, each distinct one with the number of rows holding it (a cell that cannot be
a dict key, a list say, once per row): whatever is read of a cell is read once, however many
rows repeat it."""


def _column(rows: Sequence[Mapping[str, object]], name: str) -> list[object]:
    """The cell of column ``name`` in each of ``rows`` (``None`` where a row has none)."""
    if rows and isinstance(rows[0], _CsvRow):
        at = rows[0]._index.get(name)  # the rows of one file share their columns' positions
        try:
            if at is not None:
                return list(map(operator.itemgetter(at), map(operator.attrgetter("_cells"), rows)))
        except AttributeError:  # rows of more than one kind
            pass
    return [row.get(name) for row in rows]


def _remembered(read: Callable[[object], object]) -> Callable[[object], object]:
    """``read``, remembering its answer for each text cell it is asked again (``read`` must
    depend on the cell alone)."""
    seen: dict[str, object] = {}

    def remembered(cell: object) -> object:
        if type(cell) is not str:
            return read(cell)
        found = seen.get(cell, seen)
        if found is seen:
            found = seen[cell] = read(cell)
        return found

    return remembered


def _distinct(raw: Sequence[object]) -> Cells:
    """``raw`` as :data:`Cells`: counted when every cell is text or blank (a file's are), else one
    by one (``1``, ``1.0`` and ``True`` are one dict key, but not one number)."""
    try:
        counts = collections.Counter(raw)
    except TypeError:  # a list (or dict) cell
        return [(cell, 1) for cell in raw]
    if all(type(cell) is str or cell is None for cell in counts):
        return list(counts.items())
    return [(cell, 1) for cell in raw]


def _infer_type(filled: Cells, number: Callable[[object], object]) -> FieldType | Literal["date"]:
    """The type of a column's ``filled`` cells: yes/no (some JSON or Python ``true`` or
    ``false``, the rest any spelling the engine reads as one), dates, or numbers (whole or
    not), when ``TYPE_SHARE`` of them read so; text lists when any is a list; else text."""
    if any(isinstance(v, list | tuple) for v, _ in filled):
        return FieldType.STRING_LIST
    if not filled:
        return FieldType.STRING
    allowed = (1 - TYPE_SHARE) * sum(n for _, n in filled)  # cells that may read otherwise
    if any(isinstance(v, bool) for v, _ in filled) and _mostly(
        filled, lambda v: read_bool(v) is not UNKNOWN, allowed
    ):
        # Some true or false as JSON spells them, the rest yes/no as the engine reads them
        # ('yes', 'false', 0): a file's text alone stays text, as it always has.
        return FieldType.BOOLEAN
    if _mostly(filled, _looks_like_date, allowed):
        return "date"
    if not _mostly(filled, lambda v: number(v) is not UNKNOWN, allowed):
        return FieldType.STRING
    whole = all(isinstance(n, int) for v, _ in filled if (n := number(v)) is not UNKNOWN)
    return FieldType.INTEGER if whole else FieldType.NUMBER


def _mostly(filled: Cells, test: Callable[[object], bool], allowed: float) -> bool:
    """Whether the cells failing ``test`` weigh ``allowed`` at most (stops once they weigh more)."""
    failed = 0
    for value, n in filled:
        if not test(value):
            failed += n
            if failed > allowed:
                return False
    return True


def _field_name(column: str, taken: set[str]) -> str:
    base = normalize_column_name(column)[:60] or "column"
    if not base[0].isalpha():
        base = f"f_{base}"[:60]
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _yes_no_text(cell: object) -> str:
    """A yes/no cell as the spec spells its value (``true``, ``false``), else as written."""
    value = read_bool(cell)
    return str(value).lower() if isinstance(value, bool) else str(cell).strip().casefold()


def _refusal(
    column: str, field: FieldDefinition, filled: Cells, number: Callable[[object], object]
) -> RefusedColumn | None:
    if not filled:
        return RefusedColumn(column, "empty", "every cell is blank")
    if field.type == FieldType.DATE:
        return RefusedColumn(
            column, "date", "holds dates: when a record was made says nothing about who the customer is"
        )
    total = sum(n for _, n in filled)
    texts = [
        (str(v).strip().casefold() if not isinstance(v, list | tuple) else repr(sorted(map(str, v))), n)
        for v, n in filled
    ]
    if field.type == FieldType.BOOLEAN:  # as the engine reads it: True and 'yes' are one value
        texts = [(_yes_no_text(v), n) for v, n in filled]
    distinct = len({text for text, _ in texts})
    if distinct == 1:
        shown = texts[0][0] if field.type == FieldType.BOOLEAN else str(filled[0][0]).strip()
        return RefusedColumn(column, "constant", f"one value only ({quote(shown)})")
    share = distinct / total
    if _ID_NAME.search(column.strip()) and share > UNIQUE_SHARE:
        return RefusedColumn(column, "id", f"an id: named like one, {share:.0%} of its values are distinct")
    if field.type in (FieldType.INTEGER, FieldType.NUMBER):
        if distinct == total and total >= 20:
            numbers = [number(v) for v, _ in filled]
            if all(isinstance(n, int) for n in numbers):
                whole: list[int] = sorted(numbers)  # type: ignore[arg-type]
                if whole[-1] - whole[0] + 1 <= 2 * len(whole):
                    return RefusedColumn(
                        column, "id", "an id: every value is a distinct whole number, nearly consecutive"
                    )
        return None
    if field.type in (FieldType.STRING, FieldType.STRING_LIST) and share > UNIQUE_SHARE and distinct >= 20:
        spaced = sum(n for text, n in texts if " " in text) / total
        if spaced < 0.5:
            return RefusedColumn(column, "id", f"an id: {share:.0%} of its values are distinct")
        return RefusedColumn(column, "free_text", f"free text: {share:.0%} of its values are distinct")
    return None


def type_columns(
    table: RawTable,
    wanted: Sequence[str],
    overrides: Mapping[str, str] | None = None,
) -> tuple[list[Column], list[RefusedColumn]]:
    """Type the ``wanted`` columns of ``table`` as fields, and refuse those no criterion may use.

    ``overrides`` maps catalogue fields to columns (``--map employees=Staff``).
    """
    standard: dict[str, str] = {}  # column -> catalogue field
    asked: dict[str, str] = {}  # column -> the catalogue field --map gave it
    # Bound among every column, as icpspec match binds them: 'Sector' (an alias of industry) is
    # no industry where an 'Industry' column, left out of the search, holds it.
    searched = set(wanted)
    for field, definition in ACCOUNT_FIELDS.items():
        chosen = {k: v for k, v in (overrides or {}).items() if k == field}
        try:
            mapping = map_columns(table.columns, {field: definition}, chosen)
        except IcpspecError:
            if chosen:
                raise
            continue  # two columns could hold it: both stay fields of their own
        for f, c in mapping.fields.items():
            if c in searched:
                standard.setdefault(c, f)
                if chosen:
                    asked[c] = f  # the header --map found ('staff' finds 'Staff')
    unknown_maps = set(overrides or {}) - set(ACCOUNT_FIELDS)
    if unknown_maps:
        raise IcpspecError(f"--map {quote(sorted(unknown_maps)[0])}: not a catalogue field")
    taken = set(ACCOUNT_FIELDS)
    columns: list[Column] = []
    refused: list[RefusedColumn] = []
    for name in wanted:
        raw = _column(table.rows, name)
        cells = _distinct(raw)
        filled = [(v, n) for v, n in cells if not _blank(v)]
        number = _remembered(read_number)  # a column is read as numbers for its type, a refusal, its values
        catalogue = ACCOUNT_FIELDS[standard[name]] if name in standard else None
        if name in asked and catalogue is not None and not _reads_as(catalogue, filled, number, name):
            holds = (
                "whole numbers" if catalogue.type == FieldType.INTEGER else f"{catalogue.type.value} values"
            )
            raise IcpspecError(
                f"--map {asked[name]}={quote(name)}: field {quote(asked[name])} holds {holds}, "
                f"and most cells of {quote(name)} are not"
            )
        if catalogue is not None and (name in asked or _reads_as(catalogue, filled, number, name)):
            definition = catalogue
        else:
            # Named like a catalogue field whose type its cells are not ('Company size': Small,
            # Mid, Big is no head count): a field of the spec's own, read as what it holds.
            standard.pop(name, None)
            inferred = _infer_type(filled, number)
            field_id = _field_name(name, taken)
            aliases = () if normalize_column_name(name) == field_id else (name,)
            definition = FieldDefinition(
                id=field_id,
                type=FieldType.DATE if inferred == "date" else inferred,
                description=f"Column {name!r} of the records the profile was suggested from.",
                aliases=aliases,
            )
        refusal = _refusal(name, definition, filled, number)
        if refusal is not None:
            refused.append(refusal)
            continue
        read = reader_for(definition.type)
        if read is read_number:
            read = number
        if len(cells) < len(raw) or not raw:  # cells repeat: each distinct one read once
            value_of = {cell: None if (v := read(cell)) is UNKNOWN else v for cell, _ in cells}
            values = tuple(map(value_of.__getitem__, raw))
        else:
            values = tuple(None if (v := read(x)) is UNKNOWN else v for x in raw)
        hint = header_unit(name) if definition.type in _NUMBERS else None
        if hint is not None:  # "Revenue ($M)": read in millions, as the engine reads it
            values = tuple(None if v is None else scale(v, hint[1]) for v in values)
        display: dict[str, str] = {}
        if definition.type in (FieldType.STRING, FieldType.STRING_LIST):
            display = _display_forms(cells, split=definition.type == FieldType.STRING_LIST)
        columns.append(Column(name, definition, name in standard, values, display))
    return columns, refused


def _reads_as(field: FieldDefinition, filled: Cells, number: Callable[[object], object], column: str) -> bool:
    """Whether most ``filled`` cells read as ``field``'s type (lists always do; JSON's true and
    false, or a 1.5, are no text the engine reads); for whole
    numbers, every number read is whole in the unit ``column``'s header says (a head count of
    2.5231 thousand is no head count: the spec could not hold its bounds)."""
    if not filled or field.type == FieldType.STRING_LIST:
        return True
    read = reader_for(field.type)
    if read is read_number:
        read = number
    total = sum(n for _, n in filled)
    if sum(n for v, n in filled if read(v) is not UNKNOWN) < TYPE_SHARE * total:
        return False
    if field.type != FieldType.INTEGER:
        return True
    hint = header_unit(column)
    multiplier = 1 if hint is None else hint[1]
    numbers = (read(v) for v, _ in filled)
    return all(_whole(scale(n, multiplier)) for n in numbers if n is not UNKNOWN)


def _whole(value: object) -> bool:
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _display_forms(cells: Cells, *, split: bool) -> dict[str, str]:
    """For each case-folded text, the form most often written (ties: the first in sort order)."""
    counts: dict[str, dict[str, int]] = {}
    for value, n in cells:
        items = value if isinstance(value, list | tuple) else [value]
        if split and isinstance(value, str):
            items = re.split(r"[;,|]", value)
        for item in items:
            text = read_raw_text(item)
            if isinstance(text, str):
                forms = counts.setdefault(text.casefold(), {})
                forms[text] = forms.get(text, 0) + n
    return {key: min(forms, key=lambda f: (-forms[f], f)) for key, forms in counts.items()}
