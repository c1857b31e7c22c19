"""Conditions, criteria and disqualifiers: the machine-checkable part of a spec.

In a spec file a condition is a mapping with a ``field`` and exactly one
operator key (``{field: employees, between: [5, 50]}``), or a combinator
(``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``). Each operator is one
class here; :data:`Condition` is their union.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, TypeAlias

import attrs

__all__ = [
    "OPERATORS",
    "AllOf",
    "AnyOf",
    "Between",
    "Condition",
    "ContainsAll",
    "ContainsAny",
    "Criterion",
    "Disqualifier",
    "Equals",
    "Exists",
    "In",
    "Matches",
    "Max",
    "Min",
    "Not",
    "NotIn",
    "Value",
]

#: A value a condition compares with. Dates appear once the spec is validated
#: against its fields (a date in a date field becomes a ``datetime.date``).
Value: TypeAlias = str | int | float | bool | dt.date
Bound: TypeAlias = int | float | dt.date


@attrs.frozen
class Equals:
    """The field equals ``value`` (text compared case-insensitively, trimmed)."""

    operator: ClassVar[str] = "equals"
    field: str
    value: Value


@attrs.frozen
class In:
    """The field is one of ``values``; on a list field, any element is."""

    operator: ClassVar[str] = "in"
    field: str
    values: tuple[Value, ...]


@attrs.frozen
class NotIn:
    """The field is none of ``values``; on a list field, no element is."""

    operator: ClassVar[str] = "not_in"
    field: str
    values: tuple[Value, ...]


@attrs.frozen
class Min:
    """The field is at least ``value`` (inclusive)."""

    operator: ClassVar[str] = "min"
    field: str
    value: Bound


@attrs.frozen
class Max:
    """The field is at most ``value`` (inclusive)."""

    operator: ClassVar[str] = "max"
    field: str
    value: Bound


@attrs.frozen
class Between:
    """The field lies between ``low`` and ``high``, both inclusive."""

    operator: ClassVar[str] = "between"
    field: str
    low: Bound
    high: Bound


@attrs.frozen
class ContainsAny:
    """The list field holds at least one of ``values``."""

    operator: ClassVar[str] = "contains_any"
    field: str
    values: tuple[str, ...]


@attrs.frozen
class ContainsAll:
    """The list field holds every one of ``values``."""

    operator: ClassVar[str] = "contains_all"
    field: str
    values: tuple[str, ...]


@attrs.frozen
class Matches:
    """The field matches the regular expression ``pattern`` (RE2 syntax, searched)."""

    operator: ClassVar[str] = "matches"
    field: str
    pattern: str


@attrs.frozen
class Exists:
    """The field has a value (``value: true``) or has none (``value: false``).

    The one operator for which a missing value is a plain miss, not unknown.
    """

    operator: ClassVar[str] = "exists"
    field: str
    value: bool = True


@attrs.frozen
class AllOf:
    """Every part holds (three-valued: missed if any part misses)."""

    operator: ClassVar[str] = "all"
    conditions: tuple[Condition, ...]


@attrs.frozen
class AnyOf:
    """At least one part holds (three-valued: matched if any part matches)."""

    operator: ClassVar[str] = "any"
    conditions: tuple[Condition, ...]


@attrs.frozen
class Not:
    """The part does not hold (unknown stays unknown)."""

    operator: ClassVar[str] = "not"
    condition: Condition


Comparison: TypeAlias = (
    Equals | In | NotIn | Min | Max | Between | ContainsAny | ContainsAll | Matches | Exists
)
Condition: TypeAlias = Comparison | AllOf | AnyOf | Not

#: Operator key in a spec file → condition class.
OPERATORS: dict[str, type[Condition]] = {
    cls.operator: cls
    for cls in (
        Equals,
        In,
        NotIn,
        Min,
        Max,
        Between,
        ContainsAny,
        ContainsAll,
        Matches,
        Exists,
        AllOf,
        AnyOf,
        Not,
    )
}


@attrs.frozen
class Criterion:
    """A weighted condition an account (or contact) should meet.

    ``id`` defaults to the field name in a spec file and is unique within its
    profile. A ``required`` criterion that misses fails the record outright.
    """

    id: str
    condition: Condition
    weight: float = 1.0
    required: bool = False
    evidence: tuple[str, ...] = ()
    description: str | None = None


@attrs.frozen
class Disqualifier:
    """A condition that rules a record out when it holds, with the reason why."""

    id: str
    condition: Condition
    reason: str
    evidence: tuple[str, ...] = ()
