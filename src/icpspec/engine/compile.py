"""Compiling a profile into Python code, once, the way attrs and cattrs generate theirs.

The generated function reads each field once, computes every outcome with
inline expressions, and returns a compact tuple. Every value that comes from
the spec (field names, texts, numbers, dates, patterns) is bound as a named
constant in the function's globals; the source holds only generated names,
operators and numbers of our own, so no spec can put code into it.
"""

from __future__ import annotations

import datetime as dt
import functools
import linecache
import math
from collections.abc import Callable, Mapping
from typing import Any

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
    MatchStatus,
    Max,
    Min,
    Not,
    NotIn,
    Profile,
)

from . import values as _values
from .reference import _const, tier_order
from .values import MAX_MATCH_INPUT, UNKNOWN

__all__ = ["CompiledProfile", "compile_profile"]

MatchTuple = tuple[float, str | None, MatchStatus, float, tuple[int, ...], tuple[object, ...]]


@functools.cache
def _regex_search(pattern: str) -> Callable[[str], object]:
    import re2

    options = re2.Options()
    options.log_errors = False
    search: Callable[[str], object] = re2.compile(pattern, options).search
    return search


def _number(x: object) -> object:
    return _values.read_number(x)


def _folded_list(x: object) -> object:
    items = _values.read_list(x)
    return UNKNOWN if items is UNKNOWN else frozenset(i.casefold() for i in items)  # type: ignore[union-attr]


def _match_list(search: Callable[[str], object], x: object) -> int:
    items = _values.read_list(x)
    if items is UNKNOWN:
        return 2
    outcome = 0
    for text in items:  # type: ignore[union-attr]
        if len(text) > MAX_MATCH_INPUT:
            outcome = 2
        elif search(text):
            return 1
    return outcome


_RUNTIME: Mapping[str, object] = {
    "_U": UNKNOWN,
    "_date": dt.date,
    "_num": _number,
    "_text": _values.read_text,
    "_rawtext": _values.read_raw_text,
    "_bool": _values.read_bool,
    "_rdate": _values.read_date,
    "_country": _values.read_country,
    "_flist": _folded_list,
    "_match_list": _match_list,
    "_MAXIN": MAX_MATCH_INPUT,
}


class _Codegen:
    """Emits the body of one profile's match function."""

    def __init__(self, fields: Mapping[str, FieldDefinition]) -> None:
        self.fields = fields
        self.globs: dict[str, object] = dict(_RUNTIME)
        self.lines: list[str] = []
        self.raw_vars: dict[str, str] = {}  # field -> variable holding the raw value
        self.typed_vars: dict[tuple[str, str], str] = {}  # (field, form) -> variable
        self.counter = 0

    def const(self, value: object) -> str:
        name = f"_k{len(self.globs)}"
        self.globs[name] = value
        return name

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def raw(self, field: str) -> str:
        if field not in self.raw_vars:
            var = f"x{len(self.raw_vars)}"
            self.lines.append(f"{var} = _get({self.const(field)})")
            self.raw_vars[field] = var
        return self.raw_vars[field]

    def typed(self, field: str, form: str) -> str:
        """A variable holding the field read in ``form``: typed, raw text, or folded list."""
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
            expr = f"({x} if type({x}) is int else ({x} if {finite_float} else _num({x})))"
        elif t == FieldType.STRING:
            expr = f"(({x}.strip().casefold() or _U) if type({x}) is str else _text({x}))"
        elif t == FieldType.BOOLEAN:
            expr = f"({x} if type({x}) is bool else _bool({x}))"
        elif t == FieldType.DATE:
            expr = f"({x} if type({x}) is _date else _rdate({x}))"
        elif t == FieldType.COUNTRY:
            codes = self.const(_values._country_codes())
            expr = f"({x} if type({x}) is str and {x} in {codes} else _country({x}))"
        else:
            expr = f"_flist({x})"
        self.lines.append(f"{var} = _U if {x} is None else {expr}")
        self.typed_vars[key] = var
        return var

    def condition(self, cond: Condition) -> str:
        """Emit statements computing ``cond``; return the variable holding its code."""
        out = self.fresh("o")
        if isinstance(cond, AllOf | AnyOf):
            parts = [self.condition(c) for c in cond.conditions]
            first, then, otherwise = ("0", "1", "2") if isinstance(cond, AllOf) else ("1", "0", "2")
            hit = " or ".join(f"{p} == {first}" for p in parts)
            unknown = " or ".join(f"{p} == 2" for p in parts)
            self.lines.append(f"{out} = {first} if ({hit}) else ({otherwise} if ({unknown}) else {then})")
            return out
        if isinstance(cond, Not):
            part = self.condition(cond.condition)
            self.lines.append(f"{out} = 2 if {part} == 2 else 1 - {part}")
            return out
        t = self.fields[cond.field].type
        if isinstance(cond, Matches):
            search = self.const(_regex_search(cond.pattern))
            if t == FieldType.STRING_LIST:
                self.lines.append(f"{out} = _match_list({search}, {self.raw(cond.field)})")
            else:
                m = self.typed(cond.field, "rawtext")
                self.lines.append(
                    f"{out} = 2 if {m} is _U or len({m}) > _MAXIN else (1 if {search}({m}) else 0)"
                )
            return out
        v = self.typed(cond.field, "typed")
        if isinstance(cond, Exists):
            hit, miss = ("1", "0") if cond.value else ("0", "1")
            self.lines.append(f"{out} = {miss} if {v} is _U else {hit}")
            return out
        is_list = t == FieldType.STRING_LIST
        if isinstance(cond, Equals):
            test = f"{v} == {self.const(_const(cond.value, t))}"
        elif isinstance(cond, In | NotIn):
            k = self.const(frozenset(_const(x, t) for x in cond.values))
            found = f"not {k}.isdisjoint({v})" if is_list else f"{v} in {k}"
            test = found if isinstance(cond, In) else f"not ({found})"
        elif isinstance(cond, Min):
            test = f"{v} >= {self.const(cond.value)}"
        elif isinstance(cond, Max):
            test = f"{v} <= {self.const(cond.value)}"
        elif isinstance(cond, Between):
            test = f"{self.const(cond.low)} <= {v} <= {self.const(cond.high)}"
        elif isinstance(cond, ContainsAny):
            test = f"not {self.const(frozenset(_const(x, t) for x in cond.values))}.isdisjoint({v})"
        else:
            assert isinstance(cond, ContainsAll)
            test = f"{self.const(frozenset(_const(x, t) for x in cond.values))} <= {v}"
        self.lines.append(f"{out} = 2 if {v} is _U else (1 if {test} else 0)")
        return out


@attrs.frozen
class CompiledProfile:
    """A profile's generated functions and the source they came from."""

    match: Callable[[Mapping[str, object]], MatchTuple]
    score: Callable[[Mapping[str, object]], tuple[float, str | None]]
    fields: tuple[str, ...]
    source: str


def _finish(gen: _Codegen, profile: Profile, crit: list[str], disq: list[str]) -> list[str]:
    """Statements that turn outcome codes into score, coverage, status and tier."""
    total = 0.0
    for c in profile.criteria:
        total += c.weight  # the same order and arithmetic as the reference
    lines = ["sm = 0.0", "sk = 0.0"]
    for c, var in zip(profile.criteria, crit, strict=True):
        w = gen.const(c.weight)
        lines += [f"if {var} == 1:", f"    sm += {w}", f"    sk += {w}"]
        lines += [f"elif {var} == 0:", f"    sk += {w}"]
    if total:
        tot = gen.const(total)
        lines += [f"score = sm / {tot} * 100.0", f"cov = sk / {tot}"]
    else:
        lines += ["score = 0.0", "cov = 1.0"]
    required = [var for c, var in zip(profile.criteria, crit, strict=True) if c.required]
    tier_expr = "None"
    # Built inside out: the reference's last tier is the innermost test.
    for name, threshold in tier_order(profile.tiers)[::-1]:
        tier_expr = f"({gen.const(name)} if score >= {gen.const(threshold)} else {tier_expr})"
    branches = [
        (" or ".join(f"{d} == 1" for d in disq), "_DISQ", "None"),
        (" or ".join(f"{r} == 0" for r in required), "_REQF", "None"),
        (
            " or ".join([f"{r} == 2" for r in required] + [f"cov < {gen.const(profile.min_coverage)}"]),
            "_INSUF",
            "None",
        ),
    ]
    gen.globs.update(
        _DISQ=MatchStatus.DISQUALIFIED,
        _REQF=MatchStatus.REQUIRED_FAILED,
        _INSUF=MatchStatus.INSUFFICIENT_DATA,
        _SCORED=MatchStatus.SCORED,
    )
    keyword = "if"
    for cond, status, tier in branches:
        if cond:
            lines += [f"{keyword} {cond}:", f"    st = {status}", f"    tier = {tier}"]
            keyword = "elif"
    scored = ["    st = _SCORED", f"    tier = {tier_expr}"]
    lines += ["else:", *scored] if keyword == "elif" else [s.strip() for s in scored]
    return lines


def compile_profile(profile: Profile, fields: Mapping[str, FieldDefinition]) -> CompiledProfile:
    """Generate and compile the match and score functions of ``profile``.

    ``fields`` maps every field the profile reads to its definition.
    """
    gen = _Codegen(fields)
    crit = [gen.condition(c.condition) for c in profile.criteria]
    disq = [gen.condition(d.condition) for d in profile.disqualifiers]
    body = list(gen.lines)
    finish = _finish(gen, profile, crit, disq)
    codes = "(" + "".join(f"{v}, " for v in crit + disq) + ")"
    seen = "(" + "".join(f"{v}, " for v in gen.raw_vars.values()) + ")"
    indent = "    "
    source = "\n".join(
        [
            "def match(r):",
            f"{indent}_get = r.get",
            *(indent + line for line in body + finish),
            f"{indent}return (score, tier, st, cov, {codes}, {seen})",
            "",
            "def score(r):",
            f"{indent}_get = r.get",
            *(indent + line for line in body + finish),
            f"{indent}return (score, tier)",
            "",
        ]
    )
    filename = f"<icpspec profile {profile.id!r} {id(gen):x}>"
    namespace: dict[str, Any] = dict(gen.globs)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own generated source, see module doc
    # Tracebacks and debuggers can show the generated lines, as attrs does.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    assert not any(isinstance(v, float) and not math.isfinite(v) for v in gen.globs.values())
    return CompiledProfile(namespace["match"], namespace["score"], tuple(gen.raw_vars), source)
