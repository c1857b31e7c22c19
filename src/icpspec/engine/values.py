"""Reading record values as a field's type: the one definition every engine shares.

A value that is absent, ``None``, empty (after trimming), or cannot be read as
the field's type is :data:`UNKNOWN`. Nothing is guessed: a number is read only
from a small, explicit grammar (RELIABILITY.md rule 15), a country only from an
ISO code or a name ISO knows.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import numbers
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final

from icpspec.model import FieldType

__all__ = [
    "COUNTRY_ALIASES",
    "LIST_SEPARATORS",
    "MAX_MATCH_INPUT",
    "SUFFIX_EXPONENTS",
    "UNKNOWN",
    "country_codes",
    "parse_number",
    "read_bool",
    "read_country",
    "read_date",
    "read_list",
    "read_number",
    "read_raw_text",
    "read_text",
    "reader_for",
]


class _Unknown:
    """The sentinel for a value that is missing or unreadable."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()

#: Longest text a ``matches`` pattern is run on; longer values are unknown.
MAX_MATCH_INPUT: Final = 10_000

_NUMBER = re.compile(
    r"""\s*(?P<sign>[-+])?\s*(?P<cur>[$€£¥])?\s*
    (?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?
    \s*(?P<suffix>[A-Za-z]+)?\s*""",
    re.VERBOSE | re.ASCII,
)
#: The power of ten of each magnitude suffix a number may end with (``12k``, ``1.2B``); the SQL
#: compiler reads numbers with the same table.
SUFFIX_EXPONENTS: Mapping[str, int] = {
    "k": 3, "thousand": 3,
    "m": 6, "mm": 6, "mn": 6, "mio": 6, "million": 6, "millions": 6,
    "b": 9, "bn": 9, "billion": 9, "billions": 9,
    "t": 12, "tn": 12, "trillion": 12,
}  # fmt: skip


def parse_number(text: str) -> int | float | None:
    """Read a human-written number strictly; ``None`` if it is not one.

    Accepts ASCII digits, one decimal point, a sign, thousands separators, a
    currency sign and a magnitude suffix. Refuses what ``int()``/``float()``
    would also take but people do not mean: ``1_000``, other scripts' digits,
    ``nan``, ``inf``, exponents.

    >>> [parse_number(t) for t in ["1,200", "$648,125,000", "36.9 Million", "1.2B", "12k", "-3.5"]]
    [1200, 648125000, 36900000, 1200000000, 12000, -3.5]
    >>> [parse_number(t) for t in ["1_000", "nan", "1e3", "\\uff11\\uff12", "12,34", ""]]
    [None, None, None, None, None, None]
    """
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    sign, _, whole, frac, suffix = m.groups()
    if frac is None and suffix is None:  # a whole number: no decimal arithmetic needed
        n = int(whole.replace(",", ""))
        return -n if sign == "-" else n
    exponent = 0
    if suffix is not None:
        found = SUFFIX_EXPONENTS.get(suffix.casefold())
        if found is None:
            return None
        exponent = found
    # Exact integer arithmetic, as a decimal would do it: digits * 10^(exponent - decimals).
    frac = frac or ""
    n = int(whole.replace(",", "") + frac)
    if sign == "-":
        n = -n
    shift = exponent - len(frac)
    if shift >= 0:
        whole_number: int = n * 10**shift
        return whole_number
    scale: int = 10 ** (-shift)
    quotient, remainder = divmod(n, scale)
    if remainder == 0:
        return quotient
    return n / scale  # int / int is correctly rounded, as float(Decimal) is


def read_number(value: object) -> int | float | _Unknown:
    """A finite number from a number or a human-written number text."""
    t = type(value)
    if t is str:  # the common case in files: before the slower checks of number types
        text: str = value  # type: ignore[assignment]
        if len(text) > 100:
            return UNKNOWN
        if text.isdigit() and text.isascii():
            return int(text)
        parsed = parse_number(text)
        return UNKNOWN if parsed is None else parsed
    if t is int:
        return value  # type: ignore[return-value]
    if t is float:
        return value if math.isfinite(value) else UNKNOWN  # type: ignore[arg-type,return-value]
    if isinstance(value, bool) or type(value).__name__ == "bool_":  # numpy's bool is no number either
        return UNKNOWN
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else UNKNOWN
    if isinstance(value, numbers.Real):
        f = float(value)
        return f if math.isfinite(f) else UNKNOWN
    if isinstance(value, str) and len(value) <= 100:  # a str subclass
        parsed = parse_number(value)
        return UNKNOWN if parsed is None else parsed
    return UNKNOWN


_ISO_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9:.+\-Z]*))?\s*", re.ASCII)


def read_date(value: object) -> dt.date | _Unknown:
    """A date from a ``date``, a ``datetime`` (its date) or ISO 8601 text."""
    if isinstance(value, dt.datetime):
        # pandas' NaT is a datetime that equals nothing, itself included: a missing date.
        return value.date() if value == value else UNKNOWN  # noqa: PLR0124
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) <= 40:
        m = _ISO_DATE.fullmatch(value)
        if m:
            try:
                if m[4] is not None:  # a date and time: the whole must be valid
                    return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return UNKNOWN
    return UNKNOWN


_TRUE = frozenset({"true", "yes", "y", "t", "1"})
_FALSE = frozenset({"false", "no", "n", "f", "0"})


def read_bool(value: object) -> bool | _Unknown:
    """A boolean from ``True``/``False``, 0/1 or true/false/yes/no/y/n/t/f text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return UNKNOWN


def read_raw_text(value: object) -> str | _Unknown:
    """Text as written, trimmed; whole numbers count as their digits."""
    if isinstance(value, str):
        text = value.strip()
        return text or UNKNOWN
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            return UNKNOWN
    return UNKNOWN


def read_text(value: object) -> str | _Unknown:
    """Text for comparison: trimmed and case-folded."""
    raw = read_raw_text(value)
    return raw if raw is UNKNOWN else raw.casefold()  # type: ignore[union-attr]


@functools.cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code, and ``XK`` (Kosovo)."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}


#: Names and codes ISO 3166-1 does not list but that name one country and no
#: other. Ambiguous names (``Korea``, ``America``) are left unknown.
COUNTRY_ALIASES: Mapping[str, str] = {
    "UK": "GB", "EL": "GR", "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB", "NORTHERN IRELAND": "GB",
    "GREAT BRITAIN": "GB", "BRITAIN": "GB", "UNITED STATES OF AMERICA": "US",
    "RUSSIA": "RU", "SOUTH KOREA": "KR", "NORTH KOREA": "KP", "VIETNAM": "VN",
    "IRAN": "IR", "SYRIA": "SY", "LAOS": "LA", "BOLIVIA": "BO", "VENEZUELA": "VE", "TANZANIA": "TZ",
    "MOLDOVA": "MD", "TAIWAN": "TW", "CZECHIA": "CZ", "CZECH REPUBLIC": "CZ", "TURKEY": "TR",
    "HOLLAND": "NL", "THE NETHERLANDS": "NL", "IVORY COAST": "CI", "KOSOVO": "XK", "UAE": "AE",
}  # fmt: skip


_NAME_PUNCTUATION = str.maketrans("", "", " -,'\u2019().")  # \u2019: a typographic apostrophe


@functools.cache
def country_names() -> Mapping[str, str]:
    """Every upper-case name and code :func:`read_country` reads, and its alpha-2 code.

    ISO 3166-1's codes, alpha-3 codes and names (official and common ones too,
    as :mod:`pycountry` resolves them), :data:`COUNTRY_ALIASES`, and each name
    with an apostrophe also with a typographic one. Names are letters with some
    punctuation ("Korea, Republic of", "Côte d'Ivoire"): numeric ISO codes and
    flags are not read as countries. One table, so that the SQL engine can look
    names up exactly as Python does.
    """
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for value in country._fields.values():
            key = str(value).upper()
            if key.translate(_NAME_PUNCTUATION).isalpha():
                names[key] = country.alpha_2  # no name or code is two countries
    names.update({code: code for code in country_codes()})
    names.update(COUNTRY_ALIASES)
    for key, code in list(names.items()):
        names.setdefault(key.replace("'", "\u2019"), code)
    return names


@functools.cache
def dotted_country_names() -> Mapping[str, str]:
    """The short forms read with their dots left out ("U.S.A.", "U.K."): codes, ``USA`` and aliases."""
    return {**{code: code for code in country_codes()}, "USA": "US", **COUNTRY_ALIASES}


@functools.lru_cache(maxsize=4096)
def _lookup_country(text: str) -> str | None:
    upper = text.upper()
    if len(upper) != len(text):
        # "ß" upper-cases to "SS", "ﬁ" to "FI": no country is written with one.
        return None
    undotted = upper.replace(".", "").replace(" ", "") if "." in upper else upper
    if len(undotted) <= 3 and not text.isascii():
        # Codes and abbreviations are ASCII: "\u0131t" (a dotless i) upper-cases to "IT", and is no country.
        return None
    code = country_names().get(upper)
    if code is None and "." in upper:
        code = dotted_country_names().get(undotted)
    return code


def read_country(value: object) -> str | _Unknown:
    """An ISO 3166-1 alpha-2 code from a code (any case), an alpha-3 code or a name."""
    if isinstance(value, str):
        text = value.strip()
        if text and len(text) <= 100:
            code = _lookup_country(text)
            if code is not None:
                return code
    return UNKNOWN


#: What separates the items of a list written as text (``HubSpot; Salesforce``).
LIST_SEPARATORS = re.compile(r"[;,|]")


def read_list(value: object) -> tuple[str, ...] | _Unknown:
    """A list of texts (trimmed, not case-folded) from a list or ``a; b, c`` text."""
    if isinstance(value, str):
        items: list[object] = list(LIST_SEPARATORS.split(value))
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return UNKNOWN
    out = tuple(t for t in (read_raw_text(i) for i in items) if isinstance(t, str))
    return out or UNKNOWN


#: The reader of each field type (for comparison: text is case-folded).
_READERS: Mapping[FieldType, Callable[[object], object]] = {
    FieldType.INTEGER: read_number,
    FieldType.NUMBER: read_number,
    FieldType.DATE: read_date,
    FieldType.BOOLEAN: read_bool,
    FieldType.STRING: read_text,
    FieldType.COUNTRY: read_country,
    FieldType.STRING_LIST: read_list,
}


def reader_for(field_type: FieldType) -> Callable[[object], object]:
    """The function that reads a record value as ``field_type`` (or UNKNOWN)."""
    return _READERS[field_type]
