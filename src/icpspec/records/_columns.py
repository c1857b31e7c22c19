"""One column mapping for every engine: which column (or constant) holds each field, in which unit.

:class:`Columns` is what a user asks for (``--map``, ``--set``, ``--unit`` on
the command line; ``columns=`` in Python); :meth:`Columns.resolve` meets it
with a file's or a frame's headers and the fields a profile reads, through
the field catalogue's aliases, and gives a :class:`ResolvedColumns`: the
column of each field, the constants, the units, and the fields nothing holds.
The Python reader, the DataFrame engine, the SQL engines and ``lint
--population`` all read through it, and all report a field with no column in
the words of :func:`missing_field_message`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Literal

import attrs

from icpspec.diagnostics import IcpspecError, did_you_mean, quote
from icpspec.engine.values import UNKNOWN, reader_for
from icpspec.model import FieldDefinition, FieldType, normalize_column_name

__all__ = [
    "UNIT_NAMES",
    "ColumnMapping",
    "ColumnMappingError",
    "Columns",
    "ColumnsError",
    "ColumnsWarning",
    "MissingPolicy",
    "ResolvedColumns",
    "column_named",
    "header_unit",
    "map_columns",
    "missing_field_message",
    "report_missing",
    "scale",
]

How = Literal["map", "name", "alias", "set"]

#: What a Python engine does when a field the profile reads has no column: raise
#: :class:`ColumnsError`, warn with :class:`ColumnsWarning` (the default), or go on silently.
MissingPolicy = Literal["raise", "warn", "ignore"]

#: The unit words ``--unit`` takes, and what each multiplies by.
UNIT_NAMES: Mapping[str, int] = {"thousands": 10**3, "millions": 10**6, "billions": 10**9}

_NUMERIC = (FieldType.INTEGER, FieldType.NUMBER)

# A unit said in a header: "Revenue ($M)", "Revenue (in thousands)", "Revenue, in millions",
# "Revenue (USD bn)". The words are those people write after a number (values.py's suffixes).
_HINT_WORDS: Mapping[str, int] = {
    "k": 10**3, "000s": 10**3, "000": 10**3, "thousand": 10**3, "thousands": 10**3,
    "m": 10**6, "mm": 10**6, "mn": 10**6, "mio": 10**6, "million": 10**6, "millions": 10**6,
    "b": 10**9, "bn": 10**9, "billion": 10**9, "billions": 10**9,
}  # fmt: skip
# The unit at the end of a header (blanks after it aside); searched in its last _HINT_TAIL
# characters only, so that a header of 130,000 spaces is not backtracked over from every space
# (minutes for one header). A header may span lines: "Annual\nRevenue ($M)" says millions.
_HINT = re.compile(
    r"""(?:\(\s*(?:in\s+)?(?:[$€£¥]|usd|eur|gbp)?\s*(?P<paren>[a-z0-9]+)\s*\)
      |\bin\s+(?P<words>thousands|millions|billions)
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_HINT_TAIL = 64


class ColumnsError(IcpspecError):
    """A column mapping that cannot be made: a ``--map``/``--set``/``--unit`` naming no field or
    no column, a constant or unit that is not one, or two columns that hold one field.

    When two or more columns hold one field, ``field`` names it and ``columns`` lists them
    (``None`` and empty otherwise), so a caller can choose one without reading the message.
    """

    field: str | None
    columns: tuple[str, ...]

    def __init__(self, message: str, *, field: str | None = None, columns: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.field = field
        self.columns = tuple(columns)


class ColumnsWarning(UserWarning):
    """A field a profile reads has no column: its outcomes are unknown in every record."""


def report_missing(
    missing: Mapping[str, Sequence[str]], policy: MissingPolicy, hint: str, *, stacklevel: int = 3
) -> None:
    """Say, per ``policy``, that each field of ``missing`` (mapped to its readers) has no column.

    The words are :func:`missing_field_message`'s, then ``hint`` (how the
    caller names a column; ``{field}`` in it is replaced by the field).
    """
    if policy not in ("raise", "warn", "ignore"):
        raise ValueError(f"missing={policy!r}: choose 'raise', 'warn' or 'ignore'")
    if policy == "ignore" or not missing:
        return
    messages = [
        f"{missing_field_message(f, readers)} ({hint.format(field=f)})" for f, readers in missing.items()
    ]
    if policy == "raise":
        raise ColumnsError("; ".join(messages))
    import warnings

    for message in messages:
        warnings.warn(message, ColumnsWarning, stacklevel=stacklevel)


#: The name this error had before :class:`Columns` (kept for callers that catch it).
ColumnMappingError = ColumnsError


def header_unit(header: str) -> tuple[str, int] | None:
    """``(name, multiplier)`` when ``header`` says its unit, as ``Revenue ($M)`` does; else ``None``.

    >>> header_unit("Revenue ($M)"), header_unit("Sales (in thousands)"), header_unit("Revenue")
    (('Revenue', 1000000), ('Sales', 1000), None)
    """
    text = header.rstrip()
    m = _HINT.search(text, max(0, len(text) - _HINT_TAIL))
    if m is None:
        return None
    end = m.start()
    while end and (text[end - 1].isspace() or text[end - 1] in ",;-"):
        end -= 1
    base = text[:end].strip()
    multiplier = _HINT_WORDS.get((m["paren"] or m["words"]).casefold())
    return None if multiplier is None or not base else (base, multiplier)


def scale(value: object, multiplier: int | Decimal) -> object:
    """``value`` (an ``int`` or ``float`` read from a record) times ``multiplier``, exactly.

    Whole results are ``int``; the rest the ``float`` nearest the exact
    product (decimal arithmetic on the value as written, so ``1.1`` million is
    ``1100000``, not ``1100000.0000000002``).

    >>> scale(648_125_000, 1000), scale(1.1, 10**6), scale(2.5, 1000)
    (648125000000, 1100000, 2500)
    """
    if type(value) is int and type(multiplier) is int:
        return value * multiplier
    exact = Decimal(repr(value)) * Decimal(multiplier)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _multiplier(text: str) -> int | Decimal | None:
    word = text.strip().casefold()
    if word in UNIT_NAMES:
        return UNIT_NAMES[word]
    try:
        number = Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or number <= 0:
        return None
    return int(number) if number == number.to_integral_value() else number


def _pairs(option: str, items: Iterable[str], example: str) -> dict[str, str]:
    out: dict[str, str] = {}
    word = {"--map": "COLUMN", "--set": "VALUE", "--unit": "UNIT"}[option]
    for item in items:
        field, sep, value = item.partition("=")
        if not sep or not field.strip() or not value:
            raise ColumnsError(f"{option} {quote(item)}: write it as FIELD={word}, e.g. {option} {example}")
        key = field.strip()
        if key in out and out[key] != value:
            # Found: `--map employees=x --map employees=name` silently kept the last.
            raise ColumnsError(
                f"{option} {quote(key)} is given twice ({quote(out[key])} and {quote(value)}): "
                f"one {word.lower()} for a field"
            )
        out[key] = value
    return out


def _texts(given: Mapping[str, str]) -> dict[str, str]:
    return {str(k): str(v) for k, v in given.items()}


def _units(given: Mapping[str, str | int | float]) -> dict[str, str | int | float]:
    return dict(given)


@attrs.frozen
class Columns:
    """Where a file's or frame's columns hold the fields: the user's side of the column mapping.

    ``map`` names a column per field (``{"employees": "Head count"}``, like
    ``--map``); every other field is found by its name or one of its
    catalogue aliases, ignoring case, spaces and punctuation. ``constants``
    gives a field one value for every record (``{"country": "US"}`` for a
    list of US companies with no country column, like ``--set``). ``units``
    multiplies a numeric field (``{"annual_revenue": "thousands"}``, or a
    number, like ``--unit``); a header that says its unit, such as
    ``Revenue ($M)`` or ``Sales (in thousands)``, is read in that unit
    unless ``units`` says otherwise.

    >>> from icpspec.model import ACCOUNT_FIELDS
    >>> fields = {f: ACCOUNT_FIELDS[f] for f in ["employees", "annual_revenue", "country", "industry"]}
    >>> cols = Columns(constants={"country": "US"}, units={"employees": "thousands"})
    >>> resolved = cols.resolve(["Company", "Employees", "Revenue ($M)"], fields)
    >>> for line in resolved.describe(): print(line)
    employees <- 'Employees' (name), in thousands
    annual_revenue <- 'Revenue ($M)' (alias), in millions (from the header)
    country <- 'US' (set)
    industry <- no column: its outcomes are unknown
    """

    map: Mapping[str, str] = attrs.field(factory=dict, converter=_texts)
    constants: Mapping[str, str] = attrs.field(factory=dict, converter=_texts)
    units: Mapping[str, str | int | float] = attrs.field(factory=dict, converter=_units)
    #: Columns that hold no field, each with the option that names it (``{"Stage": "--outcome"}``):
    #: no name or alias finds them (as a name is found: case and spacing ignored), and a ``map``
    #: to one is an error. :func:`icpspec.evaluate.evaluate` reserves its outcome and value
    #: columns, so that no criterion reads the outcome.
    reserved: Mapping[str, str] = attrs.field(factory=dict, converter=_texts)

    @classmethod
    def parse(cls, maps: Iterable[str] = (), sets: Iterable[str] = (), units: Iterable[str] = ()) -> Columns:
        """The mapping of command-line options: ``--map F=COLUMN``, ``--set F=VALUE``, ``--unit F=UNIT``.

        Raises :class:`ColumnsError` for an item that is not ``FIELD=VALUE``.
        """
        return cls(
            _pairs("--map", maps, "employees='Head count'"),
            _pairs("--set", sets, "country=US"),
            _pairs("--unit", units, "annual_revenue=thousands"),
        )

    def resolve(
        self,
        headers: Sequence[str],
        fields: Mapping[str, FieldDefinition],
        *,
        map_only: Collection[str] = (),
    ) -> ResolvedColumns:
        """Meet ``headers`` with ``fields`` (the fields to read, by id): see :class:`ResolvedColumns`.

        ``map_only`` are headers only a ``map`` may name, no name or alias: columns a map
        names that records whose keys vary have not held yet (they may come later).

        Raises :class:`ColumnsError` when a ``map``, ``constants`` or
        ``units`` entry names no such field (or ``map`` no such column), a
        constant cannot be read as its field's type, a unit is no unit or
        its field is not a number, or two columns hold one field by the same
        rule (which one is meant is the user's choice: ``map`` it).
        """
        for option, given in (("--map", self.map), ("--set", self.constants), ("--unit", self.units)):
            for field in given:
                if field not in fields:
                    raise ColumnsError(
                        f"{option} {quote(field)}: no such field{did_you_mean(field, fields)} "
                        f"(fields read: {', '.join(sorted(fields))})"
                    )
        units = self._units(fields)
        constants: dict[str, str] = {}
        for field, value in self.constants.items():
            if reader_for(fields[field].type)(value) is UNKNOWN:
                raise ColumnsError(
                    f"--set {field}={quote(value)}: not {_article(fields[field].type)} (field {quote(field)})"
                )
            constants[field] = value
        hinted: dict[str, tuple[str, int]] = {}
        for header in headers:
            found = header_unit(header)
            if found is not None:
                hinted[header] = found
        chosen: dict[str, str] = {}
        how: dict[str, How] = {}
        # A map naming no column is reported after two columns holding one field, as records
        # whose keys vary must (a later record may hold the map's column): a list, a JSON Lines
        # file and a CSV file with the same keys give the same first error.
        unmapped: list[ColumnsError] = []
        reserved = {normalize_column_name(c): option for c, option in self.reserved.items()}
        for field, column in self.map.items():
            found_column = column_named(headers, column)
            if found_column is not None and normalize_column_name(found_column) in reserved:
                option = reserved[normalize_column_name(found_column)]
                raise ColumnsError(
                    f"--map {field}={quote(column)}: the {option} column holds no field "
                    "(a criterion reading it would know the outcome)",
                    field=field,
                    columns=(found_column,),
                )
            if found_column is None:
                folded = normalize_column_name(column)
                alike = [h for h in headers if normalize_column_name(h) == folded]
                if len(alike) > 1:
                    spelt = " and ".join(quote(h) for h in alike[:3])
                    both = "both" if len(alike) == 2 else "all"
                    unmapped.append(
                        ColumnsError(
                            f"--map {field}={quote(column)}: columns {spelt} are {both} spelt like it, "
                            "none as it is: name one exactly"
                        )
                    )
                else:
                    unmapped.append(
                        ColumnsError(
                            f"--map {field}={quote(column)}: no such column{did_you_mean(column, headers)}"
                        )
                    )
                continue
            chosen[field], how[field] = found_column, "map"
        by_name: dict[str, list[str]] = {}
        for header in headers:
            if (reserved and normalize_column_name(header) in reserved) or header in map_only:
                continue  # the outcome's column is no field's, by name or alias; nor a map's alone
            by_name.setdefault(normalize_column_name(header), []).append(header)
            if header in hinted:  # "Revenue ($M)" is also found as "Revenue"
                by_name.setdefault(normalize_column_name(hinted[header][0]), []).append(header)
        missing = []
        for field, definition in fields.items():
            if field in chosen or field in constants or field in self.map:
                continue
            for rule, names in (("name", (field,)), ("alias", definition.aliases)):
                hits = [c for name in names for c in by_name.get(normalize_column_name(name), [])]
                unique = list(dict.fromkeys(hits))
                if len(unique) > 1:
                    listed = " and ".join(quote(c) for c in unique[:3])
                    both = "both" if len(unique) == 2 else "all"
                    raise ColumnsError(
                        f"columns {listed} {both} hold field {quote(field)}; "
                        f"choose one with --map {field}=COLUMN",
                        field=field,
                        columns=unique,
                    )
                if unique:
                    chosen[field], how[field] = unique[0], rule  # type: ignore[assignment]
                    break
            else:
                missing.append(field)
        if unmapped:
            raise unmapped[0]
        ordered = {f: chosen[f] for f in fields if f in chosen}
        from_header: dict[str, int] = {}
        for field, column in ordered.items():
            if field not in units and column in hinted and fields[field].type in _NUMERIC:
                from_header[field] = hinted[column][1]
        return ResolvedColumns(
            columns=tuple(headers),
            fields=ordered,
            how={f: how[f] for f in ordered},
            missing=tuple(missing),
            constants={f: constants[f] for f in fields if f in constants},
            units={f: m for f in fields if (m := units.get(f, from_header.get(f))) is not None},
            header_units=tuple(from_header),
        )

    def _units(self, fields: Mapping[str, FieldDefinition]) -> dict[str, int | Decimal]:
        out: dict[str, int | Decimal] = {}
        for field, unit in self.units.items():
            if fields[field].type not in _NUMERIC:
                raise ColumnsError(
                    f"--unit {field}={quote(str(unit))}: field {quote(field)} is "
                    f"{_article(fields[field].type)}, not a number"
                )
            multiplier = _multiplier(str(unit))
            if multiplier is None:
                raise ColumnsError(
                    f"--unit {field}={quote(str(unit))}: not a unit; write thousands, millions, billions "
                    "or a positive number"
                )
            out[field] = multiplier
        return out


def _article(field_type: FieldType) -> str:
    words = {
        FieldType.INTEGER: "an integer",
        FieldType.NUMBER: "a number",
        FieldType.BOOLEAN: "a boolean",
        FieldType.DATE: "a date (YYYY-MM-DD)",
        FieldType.COUNTRY: "a country",
        FieldType.STRING: "a text",
        FieldType.STRING_LIST: "a list",
    }
    return words[field_type]


def _unit_words(multiplier: int | Decimal) -> str:
    for word, value in UNIT_NAMES.items():
        if value == multiplier:
            return f"in {word}"
    return f"times {multiplier}"


@attrs.frozen
class ResolvedColumns:
    """Which column holds each field: ``fields[field] = column``; ``how`` says why.

    ``how`` is ``map`` (asked for), ``name`` (the column is named like the
    field), ``alias`` (one of the field's aliases) or ``set`` (a constant,
    in ``constants``, as text read like a cell). ``units`` holds the
    multiplier of each numeric field read in thousands, millions…
    (``header_units`` lists those the header said). ``missing`` lists the
    fields nothing holds: every outcome that reads them is unknown.
    """

    columns: tuple[str, ...]
    fields: Mapping[str, str]
    how: Mapping[str, How]
    missing: tuple[str, ...]
    constants: Mapping[str, str] = attrs.field(factory=dict)
    units: Mapping[str, int | Decimal] = attrs.field(factory=dict)
    header_units: tuple[str, ...] = ()

    def describe(self) -> list[str]:
        """One line per field, ``employees <- 'Number of employees' (alias)``, for people."""
        lines = []
        for field, column in self.fields.items():
            line = f"{field} <- {quote(column)} ({self.how[field]})"
            if field in self.units:
                line += ", " + _unit_words(self.units[field])
                if field in self.header_units:
                    line += " (from the header)"
            lines.append(line)
        lines += [f"{field} <- {quote(value)} (set)" for field, value in self.constants.items()]
        lines += [f"{field} <- no column: its outcomes are unknown" for field in self.missing]
        return lines


#: The name :class:`ResolvedColumns` had before :class:`Columns` (kept for callers that use it).
ColumnMapping = ResolvedColumns


def missing_field_message(field: str, readers: Sequence[str]) -> str:
    """The one sentence every engine and command says of a field no column holds.

    ``readers`` are the ``profile/criterion`` ids whose outcomes it makes unknown.

    >>> missing_field_message("employees", ["us-saas/size"])
    "no column holds field 'employees'; unknown in every record: us-saas/size"
    """
    return f"no column holds field {quote(field)}; unknown in every record: {', '.join(readers)}"


def column_named(columns: Sequence[str], wanted: str) -> str | None:
    """The column of ``columns`` that ``wanted`` names: spelt so, or else the one column that
    folds as it does (:func:`~icpspec.model.normalize_column_name`); ``None`` when none does, or
    two do. How a ``--map`` column, and evaluate's ``--outcome``, ``--by``… columns, are found.

    >>> column_named(["Outcome", "Stage"], "outcome"), column_named(["a", "A"], "A")
    ('Outcome', 'A')
    >>> column_named(["a", "A"], "a "), column_named(["a"], "b")
    (None, None)
    """
    if wanted in columns:
        return wanted
    folded = normalize_column_name(wanted)
    found = [c for c in columns if normalize_column_name(c) == folded]
    return found[0] if len(found) == 1 else None


def map_columns(
    columns: Sequence[str],
    fields: Mapping[str, FieldDefinition],
    overrides: Mapping[str, str] | None = None,
) -> ResolvedColumns:
    """Map ``columns`` to ``fields``: ``overrides`` first, then names, then aliases.

    ``Columns(map=overrides).resolve(columns, fields)``. Names and aliases
    match ignoring case, spaces and punctuation (``Number of Employees`` is
    ``number_of_employees``).

    >>> from icpspec.model import ACCOUNT_FIELDS
    >>> m = map_columns(["Company", "Number of Employees", "HQ Country"], ACCOUNT_FIELDS)
    >>> dict(m.fields)
    {'name': 'Company', 'employees': 'Number of Employees', 'country': 'HQ Country'}
    """
    return Columns(map=dict(overrides or {})).resolve(columns, fields)
