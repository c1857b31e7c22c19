"""Compiling a condition into SQL: the condition tree becomes SQL's three-valued logic.

NULL is *unknown*. List fields are tested on their text, one pattern per
condition; every other field on its value (see :mod:`._values`).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.reference import comparable
from icpspec.engine.values import MAX_MATCH_INPUT
from icpspec.model import (
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Equals,
    Exists,
    FieldType,
    In,
    Matches,
    Max,
    Min,
    Not,
    NotIn,
)

from ._builders import _UNICODE_WS
from ._values import _ValueReader

_SEPARATORS = ";,|"


def _regex_literal(text: str) -> str:
    """``text`` as a regular expression matching it literally in RE2, PostgreSQL and Java."""
    return "".join("\\" + ch if ch in string.punctuation else ch for ch in text)


class _Compiler(_ValueReader):
    """A profile's conditions compiled into SQL expressions over its table's columns."""

    # --- list fields -------------------------------------------------------------------
    def has_element(self, field: str, values: Sequence[str]) -> Any:
        """Whether the list in ``field`` has one of ``values`` as an element (case-insensitively)."""
        consts = []
        for value in values:
            c = comparable(value, FieldType.STRING_LIST)
            assert isinstance(c, str)
            if c and not any(sep in c for sep in _SEPARATORS) and c == c.strip():
                consts.append(_regex_literal(c))  # else no element of a list can be this
        if not consts:
            return self.exp.false()
        ws = f"[{_UNICODE_WS}]*"
        pattern = f"(^|[{_SEPARATORS}]){ws}({'|'.join(consts)}){ws}([{_SEPARATORS}]|$)"
        return self.search(self.fold(self.raw(field)), pattern)

    def list_known(self, field: str) -> Any:
        """TRUE when the list has an element, FALSE when it has none (never NULL)."""
        found = self.search(self.raw(field), f"[^{_SEPARATORS}{_UNICODE_WS}]")
        return self.exp.Coalesce(this=found, expressions=[self.exp.false()])

    # --- conditions --------------------------------------------------------------------
    def compile(self, cond: Condition) -> Any:
        exp = self.exp
        if isinstance(cond, AllOf):
            return exp.paren(exp.and_(*(self.compile(c) for c in cond.conditions)))
        if isinstance(cond, AnyOf):
            return exp.paren(exp.or_(*(self.compile(c) for c in cond.conditions)))
        if isinstance(cond, Not):
            return exp.Not(this=exp.paren(self.compile(cond.condition)))
        field_type = self.target.fields[cond.field].type
        if field_type == FieldType.STRING_LIST:
            return self.compile_list(cond)
        if isinstance(cond, Matches):
            text = self.bind(self.text(cond.field))
            too_long = exp.GT(this=exp.Length(this=text), expression=exp.Literal.number(MAX_MATCH_INPUT))
            return self.case([(too_long, exp.null())], self.search(text, cond.pattern))
        v = self.value(cond.field)
        if isinstance(cond, Exists):
            test = self.known(v)
            return test if cond.value else exp.Is(this=v, expression=exp.null())
        if isinstance(cond, Equals):
            holds = exp.EQ(this=v, expression=self.const(cond.value, field_type))
        elif isinstance(cond, In | NotIn):
            found = self.in_(v, [self.const(c, field_type) for c in cond.values])
            holds = found if isinstance(cond, In) else exp.Not(this=exp.paren(found))
        elif isinstance(cond, Min):
            holds = exp.GTE(this=v, expression=self.const(cond.value, field_type))
        elif isinstance(cond, Max):
            holds = exp.LTE(this=v, expression=self.const(cond.value, field_type))
        elif isinstance(cond, Between):
            holds = exp.Between(
                this=v, low=self.const(cond.low, field_type), high=self.const(cond.high, field_type)
            )
        else:  # pragma: no cover - the schema allows no other operator here
            raise IcpspecError(f"{cond.operator!r} cannot read a field of type {field_type.value}")
        # A comparison with NULL is NULL already; only a constant answer (an empty
        # list) needs the guard that keeps an unknown value unknown.
        if not holds.find(exp.Column, exp.Var):  # (a Var: the value inlined as text)
            return self.case([(self.known(v), holds)])
        return holds

    def compile_list(self, cond: Condition) -> Any:
        exp = self.exp
        field = cond.field  # type: ignore[union-attr]
        known = self.list_known(field)
        if isinstance(cond, Exists):
            return known if cond.value else exp.Not(this=exp.paren(known))
        if isinstance(cond, Matches):
            raise IcpspecError(
                f"'matches' on the list field {quote(field)} has no SQL form; score this profile in Python"
            )
        assert isinstance(cond, In | NotIn | ContainsAny | ContainsAll)
        if isinstance(cond, ContainsAll):
            tests = [self.has_element(field, [str(v)]) for v in cond.values]
            holds = exp.and_(*tests) if tests else exp.true()
        else:  # one pattern for all the values: any of them is an element
            holds = self.has_element(field, [str(v) for v in cond.values])
            if isinstance(cond, NotIn):
                holds = exp.Not(this=exp.paren(holds))
        return self.case([(known, holds)])
