"""Reasoning about conditions without records: walking them, implication, empty ranges.

Every answer here is conservative: :func:`implies` says ``True`` only when
every record that matches one condition certainly matches the other, so the
rules built on it (``broader-than-audience``, ``disqualifier-excludes-all``)
report only what is certain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from icpspec.model import (
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Equals,
    Exists,
    In,
    Max,
    Min,
    Not,
)

__all__ = ["Interval", "conjunction", "excludes", "implies", "intersect", "interval", "is_empty", "walk"]

PathPart = str | int
Number = int | float | dt.date
Interval = tuple[Number | None, Number | None]


def walk(
    condition: Condition, path: tuple[PathPart, ...]
) -> Iterator[tuple[tuple[PathPart, ...], Condition]]:
    """Every condition inside ``condition`` (itself first) with its document path.

    ``path`` is the path of the mapping that holds the condition (a criterion
    item); the parts of a combinator are under its operator key.
    """
    stack: list[tuple[tuple[PathPart, ...], Condition]] = [(path, condition)]
    while stack:
        here, cond = stack.pop()
        yield here, cond
        if isinstance(cond, AllOf | AnyOf):
            key = cond.operator
            stack.extend((((*here, key, i), c) for i, c in reversed(list(enumerate(cond.conditions)))))
        elif isinstance(cond, Not):
            stack.append(((*here, "not"), cond.condition))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | dt.date) and not isinstance(value, bool)


def interval(cond: Condition) -> Interval | None:
    """The closed range of values a numeric or date comparison admits, or ``None``."""
    if isinstance(cond, Min) and _is_number(cond.value):
        return (cond.value, None)
    if isinstance(cond, Max) and _is_number(cond.value):
        return (None, cond.value)
    if isinstance(cond, Between):
        return (cond.low, cond.high)
    if isinstance(cond, Equals) and _is_number(cond.value):
        return (cond.value, cond.value)  # type: ignore[return-value]  # a number or a date
    return None


def _le(a: Number, b: Number) -> bool:
    return a <= b  # type: ignore[operator]  # same kind, checked at load time


def _within(inner: Interval, outer: Interval) -> bool:
    lo_ok = outer[0] is None or (inner[0] is not None and _le(outer[0], inner[0]))
    hi_ok = outer[1] is None or (inner[1] is not None and _le(inner[1], outer[1]))
    return lo_ok and hi_ok


def intersect(intervals: Sequence[Interval]) -> Interval:
    """The intersection of closed intervals (it may be empty: low above high)."""
    lo: Number | None = None
    hi: Number | None = None
    for a, b in intervals:
        if a is not None and (lo is None or _le(lo, a)):
            lo = a
        if b is not None and (hi is None or _le(b, hi)):
            hi = b
    return (lo, hi)


def is_empty(iv: Interval) -> bool:
    """Whether no value lies in ``iv``."""
    return iv[0] is not None and iv[1] is not None and not _le(iv[0], iv[1])


def _norm(value: object) -> object:
    return value.strip().casefold() if isinstance(value, str) else value


def _values(cond: Condition) -> frozenset[object] | None:
    if isinstance(cond, In):
        return frozenset(_norm(v) for v in cond.values)
    if isinstance(cond, Equals) and not _is_number(cond.value):
        return frozenset({_norm(cond.value)})
    return None


def _field(cond: Condition) -> str | None:
    return getattr(cond, "field", None)


def conjunction(conditions: Sequence[Condition]) -> Condition:
    """One condition that holds when all of ``conditions`` do."""
    return conditions[0] if len(conditions) == 1 else AllOf(tuple(conditions))


def implies(a: Condition, b: Condition) -> bool:
    """Whether every record that matches ``a`` certainly matches ``b``."""
    if a == b:
        return True
    if isinstance(b, AllOf):
        return all(implies(a, part) for part in b.conditions)
    if isinstance(a, AnyOf):
        return bool(a.conditions) and all(implies(part, b) for part in a.conditions)
    if isinstance(a, AllOf):
        if any(implies(part, b) for part in a.conditions):
            return True
        # Bounds on one field that only hold together: {min: 10} and {max: 20} imply {between: [5, 50]}.
        target = interval(b)
        if target is not None:
            bounds = [
                iv
                for part in a.conditions
                if _field(part) == _field(b) and (iv := interval(part)) is not None
            ]
            return bool(bounds) and _within(intersect(bounds), target)
        return False
    if isinstance(b, AnyOf):
        return any(implies(a, part) for part in b.conditions)
    if isinstance(a, Not) or isinstance(b, Not):
        return False
    if _field(a) != _field(b):
        return False
    if isinstance(b, Exists):
        # A matched comparison read a value; only "exists: false" matches an absent one.
        return b.value and not (isinstance(a, Exists) and not a.value)
    ia, ib = interval(a), interval(b)
    if ia is not None and ib is not None:
        return _within(ia, ib)
    va, vb = _values(a), _values(b)
    if va is not None and vb is not None:
        return va <= vb
    if isinstance(a, ContainsAny | ContainsAll) and isinstance(b, ContainsAny):
        sa = {_norm(v) for v in a.values}
        sb = {_norm(v) for v in b.values}
        return sa <= sb if isinstance(a, ContainsAny) else bool(sa & sb)
    if isinstance(a, ContainsAll) and isinstance(b, ContainsAll):
        return {_norm(v) for v in b.values} <= {_norm(v) for v in a.values}
    return False


def excludes(a: Condition, b: Condition, *, plain_text: Callable[[str], bool]) -> bool:
    """Whether no record can meet both ``a`` and ``b``: two conditions on one field that cannot hold together.

    Disjoint ranges (``between: [250, 1000]`` and ``max: 100``), an ``equals``
    outside a range, and ``in``/``equals`` lists with no value in common on a
    field ``plain_text`` says is compared as plain text (a country's names and
    codes, or a list's elements, can meet in other spellings).
    """
    field = _field(a)
    if field is None or field != _field(b) or isinstance(a, Not) or isinstance(b, Not):
        return False
    ia, ib = interval(a), interval(b)
    if ia is not None and ib is not None:
        return is_empty(intersect([ia, ib]))
    va, vb = _values(a), _values(b)
    if va is not None and vb is not None and plain_text(field):
        return not va & vb
    return False
