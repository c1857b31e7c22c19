"""The function that turns one CSV row into one record, generated once per column mapping.

Like the engine's matcher (see :mod:`icpspec.engine.compile`), the code is
generated as straight-line Python with an inline fast path per field type and
the engine's own readers (:mod:`icpspec.engine.values`) for everything else,
so a row costs a few dict stores, not a call per cell. Field names are bound
as closure constants, never written into the source; the only values written
are column positions, which are ``int``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from icpspec.engine import values as _values
from icpspec.engine.values import UNKNOWN
from icpspec.model import FieldType

__all__ = ["compile_converter", "read_list_value"]

LIST_SEPARATORS = _values.LIST_SEPARATORS


def read_list_value(value: object) -> object:
    """:func:`~icpspec.engine.values.read_list` as a list (which the engine reads fastest)."""
    items = _values.read_list(value)
    return UNKNOWN if items is UNKNOWN else list(items)  # type: ignore[arg-type]


def _split_list(text: str) -> list[str]:
    """``read_list`` of a text, as a list: pieces trimmed, empty ones dropped."""
    return [p for p in map(str.strip, LIST_SEPARATORS.split(text)) if p]


_FAST: dict[FieldType, str] = {
    # Each: statements reading the cell in `v` into `t`, or setting `t = _U`.
    FieldType.STRING: "t = v",  # not blank: known
    FieldType.INTEGER: "t = int(v) if v.isdigit() and v.isascii() and len(v) <= 100 else _num(v)",
    FieldType.NUMBER: "t = int(v) if v.isdigit() and v.isascii() and len(v) <= 100 else _num(v)",
    FieldType.COUNTRY: "t = v if v in _codes else _country(v)",
    FieldType.BOOLEAN: "t = _bools.get(v)\nif t is None:\n    t = _bool(v)",
    FieldType.DATE: "t = _date(v)",
    FieldType.STRING_LIST: "t = tuple(_split(v)) or _U",
}

_BOOLS = {
    spelled: value
    for word, value in (
        ("true", True), ("false", False), ("yes", True), ("no", False), ("y", True), ("n", False),
        ("t", True), ("f", False), ("1", True), ("0", False),
    )
    for spelled in (word, word.upper(), word.capitalize())
}  # fmt: skip
#: Cells of at most this many characters are remembered with what they read as …
_CACHED_CHARS = 64
#: … up to this many distinct cells per column.
_CACHED_VALUES = 4096
_MISS = object()
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def compile_converter(
    columns: Sequence[tuple[str, int, FieldType]],
    unknown: Callable[[str, object], None],
    blanks: list[int],
    *,
    scales: Mapping[int, Callable[[object], object]] | None = None,
    constants: Sequence[tuple[str, object]] = (),
) -> Callable[[list[str]], dict[str, object]]:
    """A function from a row of cells to ``{field: value or None}``.

    ``columns`` holds ``(field, position, type)`` per field. A blank cell
    (empty, or only whitespace: unknown in every type) adds one to
    ``blanks[n]`` for the ``n``-th field; ``unknown(field, cell)`` is called
    for every other cell that is unknown. Each value is what
    :func:`~icpspec.engine.values.reader_for` reads, except that text keeps
    its case and lists are lists: the engine reads both exactly as the raw
    cell. ``scales[n]`` (a unit: thousands, millions…) turns the ``n``-th
    field's known value into the value the record holds; ``constants`` are
    ``(field, value)`` pairs set in every record (``--set``).
    """
    scales = scales or {}
    consts: dict[str, object] = {
        "_U": UNKNOWN,
        "_num": _values.read_number,
        "_country": _values.read_country,
        "_codes": _values.country_codes(),
        "_bool": _values.read_bool,
        "_bools": _BOOLS,
        "_date": _values.read_date,
        "_split": _split_list,
        "_unknown": unknown,
        "_blanks": blanks,
        "_MISS": _MISS,
    }
    lines = ["def convert(row):", "    r = {}"]
    for n, (field, position, field_type) in enumerate(columns):
        assert type(position) is int
        name = f"_f{n}"
        consts[name] = field
        read = ["        " + s for s in _FAST[field_type].splitlines()]
        if n in scales:
            consts[f"_s{n}"] = scales[n]
            read += ["        if t is not _U:", f"            t = _s{n}(t)"]
        if field_type != FieldType.STRING:
            # Columns repeat their values (countries, years, "1-10"): each short cell is read
            # once and remembered, up to a bound, so memory stays flat.
            cache = f"_c{n}"
            consts[cache] = {}
            read = [
                f"        t = {cache}.get(v, _MISS)",
                "        if t is _MISS:",
                *("    " + s for s in read),
                f"            if len(v) <= {_CACHED_CHARS} and len({cache}) < {_CACHED_VALUES}:",
                f"                {cache}[v] = t",
            ]
            if field_type == FieldType.STRING_LIST:  # each record gets a list of its own
                read += ["        if t is not _U:", "            t = list(t)"]
        lines += [
            f"    v = row[{position}]",
            "    if not v or v.isspace():",
            f"        _blanks[{n}] += 1",
            f"        r[{name}] = None",
            "    else:",
            *read,
            "        if t is _U:",
            f"            _unknown({name}, v)",
            "            t = None",
            f"        r[{name}] = t",
        ]
    for n, (field, value) in enumerate(constants):
        consts[f"_k{n}"], consts[f"_v{n}"] = field, value
        # A list is the record's own: copied, as the cells' lists are made per record.
        lines.append(f"    r[_k{n}] = _v{n}[:]" if type(value) is list else f"    r[_k{n}] = _v{n}")
    lines.append("    return r")
    params = ", ".join(consts)
    assert all(_IDENT.fullmatch(p) for p in consts)
    source = "\n".join(
        [f"def _make({params}):", *("    " + line for line in lines), "    return convert", ""]
    )
    namespace: dict[str, object] = {}
    exec(compile(source, "<icpspec row converter>", "exec"), namespace)  # noqa: S102 - our own source, see above
    make: Callable[..., Callable[[list[str]], dict[str, object]]] = namespace["_make"]  # type: ignore[assignment]
    return make(**consts)
