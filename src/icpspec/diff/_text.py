"""Conditions and values as one line of text, for the changes a diff lists."""

from __future__ import annotations

import datetime as dt

from icpspec.model import AllOf, AnyOf, Between, Condition, Exists, Matches, Not

__all__ = ["condition_text", "value_text"]


def value_text(value: object) -> str:
    """``3``, ``0.5``, ``US``, ``[a, b]``, ``2026-10-01``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple | list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def condition_text(condition: Condition) -> str:
    """``employees between [5, 50]``, ``all(country in [US], not(is_public equals true))``.

    >>> from icpspec.model import In
    >>> condition_text(In("country", ("US", "CA")))
    'country in [US, CA]'
    """
    if isinstance(condition, AllOf | AnyOf):
        return f"{condition.operator}(" + ", ".join(condition_text(c) for c in condition.conditions) + ")"
    if isinstance(condition, Not):
        return f"not({condition_text(condition.condition)})"
    if isinstance(condition, Between):
        return f"{condition.field} between [{value_text(condition.low)}, {value_text(condition.high)}]"
    if isinstance(condition, Matches):
        return f"{condition.field} matches {condition.pattern}"
    if isinstance(condition, Exists):
        return f"{condition.field} exists {value_text(condition.value)}"
    operand = getattr(condition, "values", None)
    if operand is None:
        operand = getattr(condition, "value", None)
    return f"{condition.field} {condition.operator} {value_text(operand)}"
