"""Emitting the code of conditions: each condition's outcome code, or a test that it matched.

:class:`_ConditionCodegen` writes the statements and expressions one
condition becomes in the generated source (see :mod:`icpspec.engine.compile`
for what may be written into it); :class:`_Leaf` is one comparison on a raw
value, with its inline fast path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TypeGuard

import attrs

from icpspec.model import (
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Equals,
    Exists,
    FieldDefinition,
    FieldType,
    In,
    Matches,
    Max,
    Min,
    Not,
    NotIn,
)

from . import values as _values
from ._runtime import _RUNTIME
from .reference import comparable, pattern_search

#: Distinct texts whose outcome one criterion remembers (see :meth:`_ConditionCodegen.memo`): the
#: values of a category column, not free text, which fills it and is then folded as before.
MEMO_LIMIT = 1024

#: A field name as a spec file may write it: safe to write into source as a literal.
_PLAIN_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")


def _literal(value: float) -> str:
    """Source text for a finite number: the only spec values written into code."""
    assert type(value) is int or (type(value) is float and math.isfinite(value))
    return repr(value)


@attrs.frozen
class _Leaf:
    """A comparison on one raw value: tested as it is when ``fast`` holds, else read first."""

    x: str  # the variable holding the raw value
    fast: str  # when the raw value can be tested as it is
    test_x: str  # the test on it then
    w: str  # the variable the reader's answer goes into
    reader: str
    type: FieldType
    cond: Condition
    gen: _ConditionCodegen
    #: ``fast`` and ``test_x`` for :meth:`matched` where they differ.
    matched_fast: tuple[str, str] | None = None
    #: For text: the variable ``fast`` puts the trimmed, folded text in.
    folded: str | None = None

    def _slow_test(self) -> str:
        return self.gen._compare(self.cond, self.w, self.type)

    def unknown(self) -> str:
        """True when the raw value, not taken by the fast path, reads as unknown.

        Blank text (CSV's empty cell) is unknown for every type without a call:
        text that the fast path did not take is blank; other types' readers
        would only say so after a call.
        """
        x = self.x
        blank = f"type({x}) is str" if self.type == FieldType.STRING else f"type({x}) is str and not {x}"
        return f"{x} is None or {blank} or ({self.w} := {self.reader}({x})) is _U"

    def matched(self) -> str:
        fast, test_x = self.matched_fast or (self.fast, self.test_x)
        slow = f"not ({self.unknown()})"
        return f"({test_x} if {fast} else ({slow} and {self._slow_test()}))"

    def code(self) -> str:
        """The outcome code: 1 matched, 0 missed, 2 unknown."""
        unknown = self.unknown()
        return (
            f"((1 if {self.test_x} else 0) if {self.fast} else "
            f"(2 if {unknown} else (1 if {self._slow_test()} else 0)))"
        )


class _ConditionCodegen:
    """Emits the statements and expressions of conditions: outcome codes and "matched" tests."""

    def __init__(self, fields: Mapping[str, FieldDefinition]) -> None:
        self.fields = fields
        self.consts: dict[str, object] = dict(_RUNTIME)
        self.lines: list[str] = []
        self.raw_vars: dict[str, str] = {}  # field -> variable holding the raw value
        self.typed_vars: dict[tuple[str, str], str] = {}  # (field, form) -> variable
        self.counter = 0
        #: Fields whose trimmed, folded text a statement already run holds (when it is text).
        self.folded: dict[str, str] = {}
        #: The memos the statements use (globals the function rebinds: see :meth:`memo`).
        self.memos: list[str] = []

    def const(self, value: object) -> str:
        if type(value) in (int, float):
            return _literal(value)  # type: ignore[arg-type]
        if type(value) is bool:
            return repr(value)
        name = f"_k{len(self.consts)}"
        self.consts[name] = value
        return name

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def memo(self) -> str:
        """A new memo: a dict from a raw text to the outcome code a condition gives it.

        Text conditions (``equals``, ``in``, list members) are pure functions
        of the text, and a category column holds few distinct texts: looking
        one up costs one dict probe where trimming, folding and testing cost
        two method calls and a set probe. A memo that reaches
        :data:`MEMO_LIMIT` texts is dropped (its global set to ``None``):
        a column of mostly distinct texts is then tested as it was before,
        for the cost of one ``is not None``.
        """
        name = f"_m{len(self.consts)}"  # consts are shared by both functions' generators
        self.consts[name] = {}
        self.memos.append(name)
        return name

    def memoised(self, x: str, out: str, memo: str, hit: list[str], miss: list[str]) -> list[str]:
        """``hit`` when the memo knows the text in ``x`` (its code in ``out``), else ``miss``
        (which sets ``out``), remembering a text's code while the memo has room."""
        return [
            f"if {memo} is not None and type({x}) is str and ({out} := {memo}.get({x})) is not None:",
            *("    " + line for line in hit),
            "else:",
            *("    " + line for line in miss),
            f"    if {memo} is not None and type({x}) is str:",
            *("        " + line for line in self._remember(memo, x, out)),
        ]

    @staticmethod
    def _remember(memo: str, key: str, value: str) -> list[str]:
        """Keep ``key``'s ``value`` in ``memo`` while it has room; drop the memo once full."""
        return [
            f"if len({memo}) < {MEMO_LIMIT}:",
            f"    {memo}[{key}] = {value}",
            "else:",
            f"    {memo} = None",
        ]

    def _is_text_leaf(self, cond: Condition) -> TypeGuard[Equals | In]:
        """A text ``equals``/``in`` that folds the text itself (none before it did)."""
        return (
            isinstance(cond, Equals | In)
            and self.fields[cond.field].type == FieldType.STRING
            and cond.field not in self.folded
        )

    def raw(self, field: str) -> str:
        if field not in self.raw_vars:
            var = f"x{len(self.raw_vars)}"
            # A field named as spec files name them is written as it is (read as a constant,
            # not a global); any other name is bound as a global.
            key = repr(field) if _PLAIN_NAME.fullmatch(field) else self.const(field)
            self.lines.append(f"{var} = _get({key})")
            self.raw_vars[field] = var
        return self.raw_vars[field]

    def typed(self, field: str, form: str = "typed") -> str:
        """A variable holding the field read in ``form``: ``typed`` or ``rawtext`` (for patterns)."""
        key = (field, form)
        if key in self.typed_vars:
            return self.typed_vars[key]
        x = self.raw(field)
        var = f"v{len(self.typed_vars)}"
        t = self.fields[field].type
        if form == "rawtext":
            expr = f"(({x}.strip() or _U) if type({x}) is str else _rawtext({x}))"
        elif t in (FieldType.INTEGER, FieldType.NUMBER):
            # x - x == 0.0 holds for finite floats only (inf - inf and nan - nan are nan).
            finite_float = f"type({x}) is float and {x} - {x} == 0.0"
            expr = f"({x} if type({x}) is int or {finite_float} else _num({x}))"
        elif t == FieldType.STRING:
            expr = f"(({x}.strip().casefold() or _U) if type({x}) is str else _text({x}))"
        elif t == FieldType.BOOLEAN:
            expr = f"({x} if type({x}) is bool else _bool({x}))"
        elif t == FieldType.DATE:
            expr = f"({x} if type({x}) is _date else _rdate({x}))"
        elif t == FieldType.COUNTRY:
            codes = self.const(_values.country_codes())
            expr = f"({x} if type({x}) is str and {x} in {codes} else _country({x}))"
        else:
            expr = f"_flist({x})"
        self.lines.append(f"{var} = _U if {x} is None else {expr}")
        self.typed_vars[key] = var
        return var

    def test(self, cond: Condition) -> tuple[str, str]:
        """For a comparison: the variable it reads, and the test that holds when it matches.

        The test is only evaluated when the variable is known.
        """
        assert not isinstance(cond, AllOf | AnyOf | Not | Exists | Matches)
        t = self.fields[cond.field].type
        v = self.typed(cond.field)
        is_list = t == FieldType.STRING_LIST
        if isinstance(cond, Equals):
            return v, f"{v} == {self.const(comparable(cond.value, t))}"
        if isinstance(cond, In | NotIn):
            k = self.const(frozenset(comparable(x, t) for x in cond.values))
            found = f"not {k}.isdisjoint({v})" if is_list else f"{v} in {k}"
            return v, found if isinstance(cond, In) else f"not ({found})"
        if isinstance(cond, Min):
            return v, f"{v} >= {self.const(cond.value)}"
        if isinstance(cond, Max):
            return v, f"{v} <= {self.const(cond.value)}"
        if isinstance(cond, Between):
            return v, f"{self.const(cond.low)} <= {v} <= {self.const(cond.high)}"
        if isinstance(cond, ContainsAny):
            return v, f"not {self.const(frozenset(comparable(x, t) for x in cond.values))}.isdisjoint({v})"
        assert isinstance(cond, ContainsAll)
        return v, f"{self.const(frozenset(comparable(x, t) for x in cond.values))} <= {v}"

    def _leaf(self, cond: Condition) -> _Leaf | None:
        """The parts of a comparison that reads the raw value with an inline fast path.

        Ints, finite floats, booleans, dates, country codes and texts are
        tested as they are; anything else goes through the field's reader
        first. ``None`` where no such form exists.
        """
        if not isinstance(cond, Equals | In | Min | Max | Between):
            return None
        t = self.fields[cond.field].type
        x = self.raw(cond.field)
        if t in (FieldType.INTEGER, FieldType.NUMBER):
            # x - x == 0.0 holds for finite floats only (inf - inf and nan - nan are nan).
            fast, reader = f"type({x}) is int or type({x}) is float and {x} - {x} == 0.0", "_num"
            if isinstance(cond, Between | Equals | In):
                # Only "matched" asked: an infinity or nan is outside every finite range and
                # equal to no finite number, so it misses as its unknown would; no test for it.
                leaf = _Leaf(x, fast, self._compare(cond, x, t), self.fresh("w"), reader, t, cond, self)
                number = f"type({x}) is int or type({x}) is float"
                return attrs.evolve(leaf, matched_fast=(number, leaf.test_x))
        elif t == FieldType.DATE:
            fast, reader = f"type({x}) is _date", "_rdate"
        elif isinstance(cond, Min | Max | Between):
            return None
        elif t == FieldType.BOOLEAN:
            fast, reader = f"type({x}) is bool", "_bool"
        elif t == FieldType.COUNTRY:
            fast, reader = f"type({x}) is str and {x} in {self.const(_values.country_codes())}", "_country"
        elif t == FieldType.STRING:
            # Text is tested trimmed and folded; empty text falls to the reader, which says unknown.
            # For "matches", no constant is empty once trimmed, so empty text needs no test.
            # A field folded by an earlier statement (a criterion and a disqualifier on the
            # same field) is not folded again.
            done = self.folded.get(cond.field)
            folded = done or self.fresh("f")
            fold = done or f"({folded} := {x}.strip().casefold())"
            fast, reader = f"type({x}) is str and {fold}", "_text"
            leaf = _Leaf(x, fast, self._compare(cond, folded, t), self.fresh("w"), reader, t, cond, self)
            matched_fast = (f"type({x}) is str", self._compare(cond, f"{x}.strip().casefold()", t))
            return attrs.evolve(leaf, matched_fast=matched_fast, folded=folded)
        else:
            return None
        return _Leaf(x, fast, self._compare(cond, x, t), self.fresh("w"), reader, t, cond, self)

    def fused(self, cond: Condition) -> str | None:
        """A one-expression "matches" test with an inline fast path (see :meth:`_leaf`)."""
        t = self.fields[cond.field].type if not isinstance(cond, AllOf | AnyOf | Not) else None
        if t == FieldType.STRING_LIST and isinstance(cond, In | ContainsAny | ContainsAll):
            return self._fused_list(cond)
        leaf = self._leaf(cond)
        return None if leaf is None else leaf.matched()

    def when_matched(self, cond: Condition, body: list[str]) -> None:
        """Emit statements that run ``body`` exactly when ``cond`` matches.

        A list field tested for any of some values is walked until the first
        hit: no list built, no element folded after it.
        """
        field_type = None if isinstance(cond, AllOf | AnyOf | Not) else self.fields[cond.field].type
        if field_type == FieldType.STRING_LIST and isinstance(cond, In | ContainsAny):
            x = self.raw(cond.field)
            k = self.const(frozenset(c for c in (comparable(v, field_type) for v in cond.values) if c != ""))
            w, memo = self.fresh("w"), self.memo()
            self.lines += [
                f"if type({x}) is list:",
                f"    for t in {x}:",
                "        if type(t) is str:",
                f"            if {memo} is None or (c := {memo}.get(t)) is None:",
                f"                c = t.strip().casefold() in {k}",
                f"                if {memo} is not None:",
                *("                    " + line for line in self._remember(memo, "t", "c")),
                "            if c:",
                *("                " + b for b in body),
                "                break",
                f"        elif _elem(t) in {k}:",
                *("            " + b for b in body),
                "            break",
                f"elif {x} is not None and ({w} := _flist({x})) is not _U and not {k}.isdisjoint({w}):",
                *("    " + b for b in body),
            ]
            return
        met = self.matched(cond) or f"{self.code(cond)} == 1"
        if self._is_text_leaf(cond):
            x, c = self.raw(cond.field), self.fresh("c")
            self.lines += self.memoised(x, c, self.memo(), ["pass"], [f"{c} = {met}"])
            met = c
        self.lines += [f"if {met}:", *("    " + b for b in body)]

    def _fused_list(self, cond: In | ContainsAny | ContainsAll) -> str:
        """A list field tested as it streams: its elements folded, never a set built.

        Matches exactly when ``read_list`` would give a known list meeting the
        test: empty elements are dropped by no constant ever being empty.
        """
        x = self.raw(cond.field)
        consts = frozenset(c for c in (comparable(v, FieldType.STRING_LIST) for v in cond.values) if c != "")
        k = self.const(consts)
        folded = f"[t.strip().casefold() if type(t) is str else _elem(t) for t in {x}]"
        w = self.fresh("w")  # the folded set, when the value is not a list
        if isinstance(cond, ContainsAll):
            fast = f"{k}.issubset({folded})" if consts else "False"
            slow = f"{k} <= {w}" if consts else "False"
        else:
            fast = f"not {k}.isdisjoint({folded})"
            slow = f"not {k}.isdisjoint({w})"
        slow = f"{x} is not None and ({w} := _flist({x})) is not _U and {slow}"
        return f"({fast} if type({x}) is list else ({slow}))"

    def _compare(self, cond: Condition, v: str, t: FieldType) -> str:
        if isinstance(cond, Equals):
            const = comparable(cond.value, t)
            return "False" if const == "" else f"{v} == {self.const(const)}"
        if isinstance(cond, In):
            values = frozenset(c for c in (comparable(x, t) for x in cond.values) if c != "")
            return f"{v} in {self.const(values)}"
        if isinstance(cond, Min):
            return f"{v} >= {self.const(cond.value)}"
        if isinstance(cond, Max):
            return f"{v} <= {self.const(cond.value)}"
        assert isinstance(cond, Between)
        return f"{self.const(cond.low)} <= {v} <= {self.const(cond.high)}"

    def matched(self, cond: Condition) -> str | None:
        """An expression true exactly when ``cond`` matches, for leaves; ``None`` for combinators."""
        if isinstance(cond, AllOf | AnyOf | Not):
            return None
        fused = self.fused(cond)
        if fused is not None:
            return fused
        if isinstance(cond, Exists):
            v = self.typed(cond.field)
            return f"{v} is not _U" if cond.value else f"{v} is _U"
        if isinstance(cond, Matches):
            return f"{self.code(cond)} == 1"
        v, test = self.test(cond)
        return f"({v} is not _U and {test})"

    def _ran(self, leaf: _Leaf) -> None:
        """Note the folded text a leaf emitted as a statement holds from now on (when it is text).

        Its fast test runs first, unconditionally, and assigns the folded text
        exactly when the value is text: a later test of the same field asks
        ``type(x) is str`` before reading it.
        """
        if leaf.folded is not None:
            self.folded.setdefault(leaf.cond.field, leaf.folded)  # type: ignore[union-attr]

    def code(self, cond: Condition) -> str:
        """Emit statements computing the outcome code of ``cond``; return its variable."""
        out = self.fresh("o")
        if isinstance(cond, AllOf | AnyOf):
            parts = [self.code(c) for c in cond.conditions]
            first, then = ("0", "1") if isinstance(cond, AllOf) else ("1", "0")
            hit = " or ".join(f"{p} == {first}" for p in parts)
            unknown = " or ".join(f"{p} == 2" for p in parts)
            self.lines.append(f"{out} = {first} if ({hit}) else (2 if ({unknown}) else {then})")
        elif isinstance(cond, Not):
            part = self.code(cond.condition)
            self.lines.append(f"{out} = 2 if {part} == 2 else 1 - {part}")
        elif isinstance(cond, Matches):
            search = self.const(pattern_search(cond.pattern))
            if self.fields[cond.field].type == FieldType.STRING_LIST:
                self.lines.append(f"{out} = _match_list({search}, {self.raw(cond.field)})")
            else:
                m = self.typed(cond.field, "rawtext")
                self.lines.append(f"{out} = 2 if {m} is _U else {search}({m})")
        elif isinstance(cond, Exists):
            v = self.typed(cond.field)
            hit, miss = ("1", "0") if cond.value else ("0", "1")
            self.lines.append(f"{out} = {miss} if {v} is _U else {hit}")
        elif (leaf := self._leaf(cond)) is not None and self._is_text_leaf(cond):
            self.lines += self.memoised(leaf.x, out, self.memo(), ["pass"], [f"{out} = {leaf.code()}"])
        elif leaf is not None:
            self.lines.append(f"{out} = {leaf.code()}")
            self._ran(leaf)
        else:
            v, test = self.test(cond)
            self.lines.append(f"{out} = 2 if {v} is _U else (1 if {test} else 0)")
        return out
