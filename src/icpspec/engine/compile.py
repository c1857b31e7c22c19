"""Compiling a profile into Python code, once, the way attrs and cattrs generate theirs.

Two functions are generated per profile: ``match`` reads each field once,
computes every outcome with inline expressions and builds the result;
``score`` computes only what the score and tier need. Every value from the
spec (field names, texts, dates, patterns, sets) is bound as a closure
constant; the source holds only generated names, operators and numbers
written by ``repr`` of a finite ``int`` or ``float``, so no spec can put code
into it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
from .reference import ScoreArithmetic, comparable, pattern_search
from .values import UNKNOWN

__all__ = ["CompiledProfile", "ResultBuilder", "compile_profile", "fields_read"]


def _folded_list(x: object) -> object:
    """``read_list`` case-folded into a set; one pass for the common list of texts."""
    if type(x) is list:
        out = set()
        for item in x:
            if type(item) is not str:
                break
            text = item.strip()
            if text:
                out.add(text.casefold())
        else:
            return out or UNKNOWN
    items = _values.read_list(x)
    return UNKNOWN if items is UNKNOWN else {i.casefold() for i in items}  # type: ignore[union-attr]


def _list_element(item: object) -> str | None:
    """One element of a list field, folded for comparison; ``None`` when it is no text."""
    text = _values.read_raw_text(item)
    return None if text is UNKNOWN else text.casefold()  # type: ignore[union-attr]


def _match_list(search: Callable[[str], int], x: object) -> int:
    items = _values.read_list(x)
    if items is UNKNOWN:
        return 2
    outcome = 0
    for text in items:  # type: ignore[union-attr]
        code = search(text)
        if code == 1:
            return 1
        outcome = max(outcome, code)
    return outcome


_RUNTIME: Mapping[str, object] = {
    "_U": UNKNOWN,
    "_date": dt.date,
    "_num": _values.read_number,
    "_text": _values.read_text,
    "_rawtext": _values.read_raw_text,
    "_bool": _values.read_bool,
    "_rdate": _values.read_date,
    "_country": _values.read_country,
    "_flist": _folded_list,
    "_elem": _list_element,
    "_match_list": _match_list,
    "_DISQ": MatchStatus.DISQUALIFIED,
    "_REQF": MatchStatus.REQUIRED_FAILED,
    "_INSUF": MatchStatus.INSUFFICIENT_DATA,
    "_SCORED": MatchStatus.SCORED,
}


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
    gen: _Codegen
    #: ``fast`` and ``test_x`` for :meth:`matched` where they differ.
    matched_fast: tuple[str, str] | None = None

    def _slow_test(self) -> str:
        return self.gen._compare(self.cond, self.w, self.type)

    def matched(self) -> str:
        fast, test_x = self.matched_fast or (self.fast, self.test_x)
        slow = f"{self.x} is not None and ({self.w} := {self.reader}({self.x})) is not _U"
        return f"({test_x} if {fast} else ({slow} and {self._slow_test()}))"

    def code(self) -> str:
        """The outcome code: 1 matched, 0 missed, 2 unknown."""
        unknown = f"{self.x} is None or ({self.w} := {self.reader}({self.x})) is _U"
        return (
            f"((1 if {self.test_x} else 0) if {self.fast} else "
            f"(2 if {unknown} else (1 if {self._slow_test()} else 0)))"
        )


class _Codegen:
    """Emits the statements of one profile's functions."""

    def __init__(self, fields: Mapping[str, FieldDefinition]) -> None:
        self.fields = fields
        self.consts: dict[str, object] = dict(_RUNTIME)
        self.lines: list[str] = []
        self.raw_vars: dict[str, str] = {}  # field -> variable holding the raw value
        self.typed_vars: dict[tuple[str, str], str] = {}  # (field, form) -> variable
        self.counter = 0

    def const(self, value: object) -> str:
        if type(value) in (int, float):
            return _literal(value)  # type: ignore[arg-type]
        name = f"_k{len(self.consts)}"
        self.consts[name] = value
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
            folded = self.fresh("f")
            fast, reader = f"type({x}) is str and ({folded} := {x}.strip().casefold())", "_text"
            leaf = _Leaf(x, fast, self._compare(cond, folded, t), self.fresh("w"), reader, t, cond, self)
            matched_fast = (f"type({x}) is str", self._compare(cond, f"{x}.strip().casefold()", t))
            return attrs.evolve(leaf, matched_fast=matched_fast)
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
            w = self.fresh("w")
            self.lines += [
                f"if type({x}) is list:",
                f"    for t in {x}:",
                f"        if (t.strip().casefold() if type(t) is str else _elem(t)) in {k}:",
                *("            " + b for b in body),
                "            break",
                f"elif {x} is not None and ({w} := _flist({x})) is not _U and not {k}.isdisjoint({w}):",
                *("    " + b for b in body),
            ]
            return
        met = self.matched(cond) or f"{self.code(cond)} == 1"
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
        elif (leaf := self._leaf(cond)) is not None:
            self.lines.append(f"{out} = {leaf.code()}")
        else:
            v, test = self.test(cond)
            self.lines.append(f"{out} = 2 if {v} is _U else (1 if {test} else 0)")
        return out


def _weighted_sum(terms: list[tuple[str, int]]) -> str:
    """``(w if cond else 0) + ...``: a sum of integer weights, exact in any order."""
    if not terms:
        return "0"
    return " + ".join(f"({_literal(w)} if {cond} else 0)" for cond, w in terms)


def _score(arithmetic: ScoreArithmetic) -> str:
    """``score`` from the matched weight ``s``."""
    return f"s * 100 / {_literal(arithmetic.total)}" if arithmetic.total else "0.0"


def _coverage(arithmetic: ScoreArithmetic) -> str:
    """``cov`` from the known weight ``k``."""
    return f"k / {_literal(arithmetic.total)}" if arithmetic.total else "1.0"


def _coverage_short(arithmetic: ScoreArithmetic) -> str:
    """A test of ``k``, true when coverage is below the minimum; empty when it never is."""
    if arithmetic.coverage_bound <= 0:
        return ""
    return f"k * {_literal(arithmetic.coverage_scale)} < {_literal(arithmetic.coverage_bound)}"


def _tier_expr(gen: _Codegen, arithmetic: ScoreArithmetic) -> str:
    """The tier a scored record gets, as one expression of ``s``."""
    expr = "None"
    # Built inside out: the reference's last tier is the innermost test. A
    # bound of 0 or less is always reached (s is never negative).
    for name, bound in arithmetic.tiers[::-1]:
        if bound <= 0:
            expr = gen.const(name)
        else:
            scaled = f"s * {_literal(arithmetic.score_scale)}"
            expr = f"({gen.const(name)} if {scaled} >= {_literal(bound)} else {expr})"
    return expr


def _status_lines(
    gen: _Codegen, arithmetic: ScoreArithmetic, disq: list[str], required: list[str], coverage: str
) -> list[str]:
    """Statements setting ``st`` and ``tier`` from the outcomes, DESIGN §5's order."""
    tier_expr = _tier_expr(gen, arithmetic)
    branches = [
        (" or ".join(disq), "_DISQ"),
        (" or ".join(f"{r} == 0" for r in required), "_REQF"),
        (" or ".join([f"{r} == 2" for r in required] + ([coverage] if coverage else [])), "_INSUF"),
    ]
    lines: list[str] = []
    for cond, status in branches:
        if cond:
            lines += [f"{'elif' if lines else 'if'} {cond}:", f"    st = {status}", "    tier = None"]
    scored = ["st = _SCORED", f"tier = {tier_expr}"]
    return [*lines, "else:", *("    " + s for s in scored)] if lines else scored


@attrs.frozen
class ResultBuilder:
    """How generated code builds a result: its type, one setter per slot, and the shared plan.

    The slots are, in order: score, tier, status, coverage, codes (one outcome
    code per criterion then disqualifier), the record, and the plan.
    """

    type: type
    setters: tuple[Callable[[object, object], None], ...]
    plan: object


@attrs.frozen
class CompiledProfile:
    """A profile's generated functions and their source."""

    match: Callable[[object], Any]
    score: Callable[[object], tuple[float, str | None]]
    fields: tuple[str, ...]
    source: str


def _compiled(source: str) -> Callable[..., tuple[Callable[[object], Any], Callable[[object], Any]]]:
    """The ``_make`` function of ``source``, registered in :mod:`linecache` once per distinct source.

    As attrs does (``_linecache_and_compile``): the file name comes from the
    source itself, and an entry is only ever added, never replaced, so
    compiling the same profile again, however often, adds nothing. The source
    holds no spec text (see the module doc): equal profiles give equal source.
    """
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
    filename = f"<icpspec generated {digest}>"
    # Tracebacks and debuggers can show the generated lines, as attrs does.
    linecache.cache.setdefault(filename, (len(source), None, source.splitlines(True), filename))
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own generated source, see module doc
    make: Callable[..., tuple[Callable[[object], Any], Callable[[object], Any]]] = namespace["_make"]
    return make


def fields_read(profile: Profile) -> tuple[str, ...]:
    """The fields ``profile`` reads, in the order its ``match`` function first reads them."""
    out: dict[str, None] = {}

    def walk(cond: Condition) -> None:
        if isinstance(cond, AllOf | AnyOf):
            for c in cond.conditions:
                walk(c)
        elif isinstance(cond, Not):
            walk(cond.condition)
        else:
            out.setdefault(cond.field)

    for criterion in profile.criteria:
        walk(criterion.condition)
    for disqualifier in profile.disqualifiers:
        walk(disqualifier.condition)
    return tuple(out)


def compile_profile(
    profile: Profile,
    fields: Mapping[str, FieldDefinition],
    result: ResultBuilder,
    as_record: Callable[[object], Mapping[str, object]],
) -> CompiledProfile:
    """Generate and compile the ``match`` and ``score`` functions of ``profile``.

    ``fields`` maps every field the profile reads to its definition;
    ``match`` builds its results with ``result`` (see :class:`ResultBuilder`);
    ``as_record`` adapts non-dict records.
    """
    arithmetic = ScoreArithmetic.of(profile)

    # match: every outcome code, then score, coverage, status and tier.
    gen = _Codegen(fields)
    crit = [gen.code(c.condition) for c in profile.criteria]
    disq = [gen.code(d.condition) for d in profile.disqualifiers]
    match_body = list(gen.lines)
    weights = arithmetic.weights
    match_body += [
        f"s = {_weighted_sum([(f'{o} == 1', w) for o, w in zip(crit, weights, strict=True)])}",
        f"k = {_weighted_sum([(f'{o} != 2', w) for o, w in zip(crit, weights, strict=True)])}",
        f"score = {_score(arithmetic)}",
        f"cov = {_coverage(arithmetic)}",
    ]
    required = [o for c, o in zip(profile.criteria, crit, strict=True) if c.required]
    coverage_test = _coverage_short(arithmetic)
    match_body += _status_lines(gen, arithmetic, [f"{d} == 1" for d in disq], required, coverage_test)
    codes = "(" + "".join(f"{v}, " for v in crit + disq) + ")"
    # As attrs' own generated code does: create the object, set its slots. A
    # result holds no container of its own but the codes (ints only, which the
    # garbage collector stops tracking): kept by the million, results stay cheap.
    values = ["score", "tier", "st", "cov", codes, "r", "_plan"]
    match_body += ["res = _new(_result_type)"]
    match_body += [f"_set{i}(res, {value})" for i, value in enumerate(values)]
    match_body.append("return res")
    seen_fields = tuple(gen.raw_vars)
    assert seen_fields == fields_read(profile)

    # score: only what the score, the status and the tier need.
    sgen = _Codegen(fields)
    sgen.consts = gen.consts  # one closure for both functions
    # Statements, not one expression: a criterion that misses costs one test.
    not_met: list[str] = []  # a required criterion that did not match: no tier
    known_terms: list[tuple[str, int]] = []
    sgen.lines.append("s = 0")
    for c, weight in zip(profile.criteria, weights, strict=True):
        add = [f"s += {_literal(weight)}"]
        if c.required:
            var = sgen.fresh("m")
            sgen.lines.append(f"{var} = False")
            add.insert(0, f"{var} = True")
            not_met.append(f"not {var}")
        if coverage_test:  # coverage needs every outcome's code
            code = sgen.code(c.condition)
            known_terms.append((f"{code} != 2", weight))
            sgen.lines += [f"if {code} == 1:", *("    " + a for a in add)]
        else:  # missed and unknown are alike here: only "matched" counts
            sgen.when_matched(c.condition, add)
    disq_matched = [
        sgen.matched(d.condition) or f"{sgen.code(d.condition)} == 1" for d in profile.disqualifiers
    ]
    score_body = list(sgen.lines)
    score_body.append(f"score = {_score(arithmetic)}")
    if coverage_test:
        score_body.append(f"k = {_weighted_sum(known_terms)}")
    # No status is returned, so every way of getting none is one test.
    no_tier = [*disq_matched, *not_met, *([coverage_test] if coverage_test else [])]
    if no_tier:
        score_body += [f"if {' or '.join(no_tier)}:", "    return (score, None)"]
    score_body.append(f"return (score, {_tier_expr(sgen, arithmetic)})")

    consts = gen.consts
    consts.update({f"_set{i}": setter for i, setter in enumerate(result.setters)})
    consts.update(
        _new=object.__new__,
        _result_type=result.type,
        _plan=result.plan,
        _as_record=as_record,
    )
    params = ", ".join(consts)
    indent = "        "
    head = ["if type(r) is not dict:", "    r = _as_record(r)", "_get = r.get"]
    source = "\n".join(
        [
            f"def _make({params}):",
            "    def match(r):",
            *(indent + line for line in head + match_body),
            "    def score(r):",
            *(indent + line for line in head + score_body),
            "    return match, score",
            "",
        ]
    )
    match, score = _compiled(source)(**consts)
    return CompiledProfile(match, score, seen_fields, source)
