"""Human-written numbers (``1,200``, ``$5M``, ``1.2B``, ``12k``): the one grammar.

Record cells and spec bounds (``min: 1B``) are read by the same function, so a
bound means what the same text means in a record; the published JSON Schema
accepts number texts with :data:`NUMBER_TEXT_PATTERN`, built here from the
same parts, so an editor accepts exactly what ``icpspec validate`` does.

The grammar (RELIABILITY.md rule 15) is small and explicit: ASCII digits,
one decimal point, a sign, thousands separators, a currency sign, a
magnitude suffix, and spaces between them. It refuses what ``int()`` and
``float()`` also take but people do not mean: ``1_000``, other scripts'
digits, ``nan``, ``inf``, exponents. It sits on the ground floor: the schema,
the engine and the records read numbers, and none of them owns the grammar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

__all__ = ["MAX_NUMBER_TEXT", "NUMBER_TEXT_PATTERN", "SUFFIXES", "parse_number"]

#: Longest number text read; longer is no number (and never reaches ``int()``'s digit limit).
MAX_NUMBER_TEXT: Final = 100

#: Magnitude suffixes (case-insensitive) and the power of ten each stands for.
SUFFIXES: Mapping[str, int] = {
    "k": 3, "thousand": 3,
    "m": 6, "mm": 6, "mn": 6, "mio": 6, "million": 6, "millions": 6,
    "b": 9, "bn": 9, "billion": 9, "billions": 9,
    "t": 12, "tn": 12, "trillion": 12,
}  # fmt: skip

# The parts, shared by the Python regular expression and the schema's pattern.
_SPACE = r"[ \t\n\r\f\v]*"  # Python's ASCII \s; ECMAScript's \s has more
_SIGN, _CURRENCY = r"[-+]", r"[$€£¥]"
_WHOLE = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"

NUMBER = re.compile(
    rf"{_SPACE}(?P<sign>{_SIGN})?{_SPACE}(?P<cur>{_CURRENCY})?{_SPACE}"
    rf"(?P<int>{_WHOLE})(?:\.(?P<frac>[0-9]+))?{_SPACE}(?P<suffix>[A-Za-z]+)?{_SPACE}",
    re.ASCII,
)


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


#: An ECMAScript (and Python) regular expression for exactly the texts :func:`parse_number`
#: reads, but for their length (the schema says ``maxLength`` :data:`MAX_NUMBER_TEXT`).
NUMBER_TEXT_PATTERN: Final = (
    f"^{_SPACE}(?:{_SIGN})?{_SPACE}(?:{_CURRENCY})?{_SPACE}(?:{_WHOLE})(?:\\.[0-9]+)?{_SPACE}"
    f"(?:{'|'.join(_any_case(s) for s in sorted(SUFFIXES, key=lambda s: (-len(s), s)))})?{_SPACE}$"
)


def parse_number(text: str) -> int | float | None:
    """Read a human-written number strictly; ``None`` if it is not one.

    >>> [parse_number(t) for t in ["1,200", "$648,125,000", "36.9 Million", "1.2B", "12k", "-3.5"]]
    [1200, 648125000, 36900000, 1200000000, 12000, -3.5]
    >>> [parse_number(t) for t in ["1_000", "nan", "1e3", "\\uff11\\uff12", "12,34", ""]]
    [None, None, None, None, None, None]
    """
    if len(text) > MAX_NUMBER_TEXT:
        return None
    m = NUMBER.fullmatch(text)
    if m is None:
        return None
    sign, _, whole, frac, suffix = m.groups()
    if frac is None and suffix is None:  # a whole number: no decimal arithmetic needed
        n = int(whole.replace(",", ""))
        return -n if sign == "-" else n
    exponent = 0
    if suffix is not None:
        found = SUFFIXES.get(suffix.casefold())
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
