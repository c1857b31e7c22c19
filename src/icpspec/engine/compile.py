"""Compiling a profile into Python code, once, the way attrs and cattrs generate theirs.

Two functions are generated per profile: ``match`` reads each field once,
computes every outcome with inline expressions and builds the result;
``score`` computes only what the score and tier need. Every value from the
spec (texts, dates, patterns, sets; field names other than plain ones) is
bound as a global of the functions' own namespace (one per compiled profile:
globals are read through a cached lookup, where closure cells would be
copied into every call's frame). The source holds only generated names,
operators, numbers written by ``repr`` of a finite ``int`` or ``float``,
``True``/``False``, and field names of the form ``[a-z][a-z0-9_]*`` written
as string literals (read as constants, a little faster than globals), so no
spec can put code into it.
"""

from __future__ import annotations

import functools
import hashlib
import linecache
from collections.abc import Callable, Mapping
from types import CodeType
from typing import Any

import attrs

from icpspec.model import AllOf, AnyOf, Condition, FieldDefinition, Not, Profile

from ._conditions import MEMO_LIMIT, _literal  # noqa: F401 - MEMO_LIMIT is read from this module too
from ._weighed import _Codegen
from .reference import ScoreArithmetic

__all__ = ["CompiledProfile", "ResultBuilder", "compile_profile", "fields_read"]


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
    """How generated code builds a result: a tuple type and the plan every result shares.

    A result is ``type((score, tier, status, coverage, record, plan, *codes))``:
    ``codes`` are one outcome code per criterion then disqualifier.
    """

    type: type
    plan: object


@attrs.frozen
class CompiledProfile:
    """A profile's generated functions and their source."""

    match: Callable[[object], Any]
    score: Callable[[object], tuple[float, str | None]]
    fields: tuple[str, ...]
    source: str


@functools.lru_cache(maxsize=256)
def _code(source: str) -> CodeType:
    """``source`` compiled, and registered in :mod:`linecache`, once per distinct source.

    As attrs does (``_linecache_and_compile``): the file name comes from the
    source itself, and an entry is only ever added, never replaced, so
    compiling the same profile again, however often, adds nothing. The source
    holds no spec text but plain field names (see the module doc): equal profiles give equal source.
    """
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
    filename = f"<icpspec generated {digest}>"
    # Tracebacks and debuggers can show the generated lines, as attrs does.
    linecache.cache.setdefault(filename, (len(source), None, source.splitlines(True), filename))
    return compile(source, filename, "exec")


def _functions(source: str, consts: Mapping[str, object]) -> tuple[Callable[[object], Any], ...]:
    """The ``match`` and ``score`` functions of ``source``, with ``consts`` as their globals."""
    namespace: dict[str, Any] = dict(consts)
    exec(_code(source), namespace)  # noqa: S102 - our own generated source, see module doc
    return namespace["match"], namespace["score"]


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
    weights = arithmetic.weights
    gen.lines.append("s = k = 0")  # the matched and the known weight, added as outcomes are found
    crit = [gen.weighed(c.condition, _literal(w)) for c, w in zip(profile.criteria, weights, strict=True)]
    disq = [gen.code(d.condition) for d in profile.disqualifiers]
    match_body = list(gen.lines)
    match_body += [
        f"score = {_score(arithmetic)}",
        f"cov = {_coverage(arithmetic)}",
    ]
    required = [o for c, o in zip(profile.criteria, crit, strict=True) if c.required]
    coverage_test = _coverage_short(arithmetic)
    match_body += _status_lines(gen, arithmetic, [f"{d} == 1" for d in disq], required, coverage_test)
    codes = "".join(f", {v}" for v in crit + disq)
    # One call builds the result: the tuple constructor on the values, the codes flat
    # (no slot set one by one, no container of its own): kept by the million, stays cheap.
    match_body.append(f"return _result_type((score, tier, st, cov, r, _plan{codes}))")
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
    consts.update(
        _result_type=result.type,
        _plan=result.plan,
        _as_record=as_record,
    )
    indent = "    "
    head = ["if type(r) is not dict:", "    r = _as_record(r)", "_get = r.get"]
    memos = [f"global {', '.join(gen.memos)}"] if gen.memos else []
    smemos = [f"global {', '.join(sgen.memos)}"] if sgen.memos else []
    source = "\n".join(
        [
            "def match(r):",
            *(indent + line for line in memos + head + match_body),
            "def score(r):",
            *(indent + line for line in smemos + head + score_body),
            "",
        ]
    )
    match, score = _functions(source, consts)
    return CompiledProfile(match, score, seen_fields, source)
