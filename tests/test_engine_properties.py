"""The compiled engine equals the reference semantics; invariants of matching.

Random profiles over fields of every type, random records full of missing,
empty, unparseable and extreme values.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from icpspec.engine import Matcher
from icpspec.engine.reference import UNKNOWN_OUTCOME, ScoreArithmetic, reference_match, tier_order
from icpspec.model import (
    ACCOUNT_FIELDS,
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Criterion,
    Disqualifier,
    Equals,
    Exists,
    In,
    Matches,
    MatchStatus,
    Max,
    Min,
    Not,
    NotIn,
    Profile,
)

TEXTS = ["software", "SaaS", "retail", " Software ", "fintech"]
COUNTRIES = ["US", "DE", "NO", "GB"]
TECH = ["hubspot", "Salesforce", "slack", "notion"]
DATES = [dt.date(2020, 1, 1), dt.date(2023, 6, 30), dt.date(2025, 12, 31)]

FIELDS = [
    "employees",
    "annual_revenue",
    "industry",
    "country",
    "is_public",
    "last_funding_date",
    "technologies",
]
numbers = st.one_of(st.integers(-5, 2000), st.sampled_from([0, 5, 50, 1000, 10**18, 0.5, 49.999, 1e300]))


def condition_for(field: str, *, with_exists: bool = True) -> st.SearchStrategy[Condition]:
    t = ACCOUNT_FIELDS[field].type.value
    exists = st.builds(Exists, st.just(field), st.booleans()) if with_exists else st.nothing()
    if t in ("integer", "number"):
        bounds = st.tuples(numbers, numbers).map(sorted)
        return st.one_of(
            exists,
            st.builds(Equals, st.just(field), numbers),
            st.builds(In, st.just(field), st.lists(numbers, max_size=3).map(tuple)),
            st.builds(NotIn, st.just(field), st.lists(numbers, max_size=3).map(tuple)),
            st.builds(Min, st.just(field), numbers),
            st.builds(Max, st.just(field), numbers),
            bounds.map(lambda b: Between(field, b[0], b[1])),
        )
    if t == "date":
        dates = st.sampled_from(DATES)
        return st.one_of(
            exists,
            st.builds(Equals, st.just(field), dates),
            st.builds(Min, st.just(field), dates),
            st.tuples(dates, dates).map(sorted).map(lambda b: Between(field, b[0], b[1])),
        )
    if t == "string":
        # Empty constants can never equal a known value; the engine must agree.
        texts = st.sampled_from([*TEXTS, "", "  "])
        return st.one_of(
            exists,
            st.builds(Equals, st.just(field), texts),
            st.builds(In, st.just(field), st.lists(texts, max_size=3).map(tuple)),
            st.builds(NotIn, st.just(field), st.lists(texts, max_size=3).map(tuple)),
            st.builds(Matches, st.just(field), st.sampled_from(["soft", "^S", "(?i)saas$", "x|tech"])),
        )
    if t == "country":
        codes = st.sampled_from(COUNTRIES)
        return st.one_of(
            exists,
            st.builds(Equals, st.just(field), codes),
            st.builds(In, st.just(field), st.lists(codes, max_size=3).map(tuple)),
            st.builds(NotIn, st.just(field), st.lists(codes, max_size=3).map(tuple)),
        )
    if t == "boolean":
        return st.one_of(exists, st.builds(Equals, st.just(field), st.booleans()))
    techs = st.lists(st.sampled_from(TECH), min_size=1, max_size=3).map(tuple)
    return st.one_of(
        exists,
        st.builds(In, st.just(field), techs),
        st.builds(NotIn, st.just(field), techs),
        st.builds(ContainsAny, st.just(field), techs),
        st.builds(ContainsAll, st.just(field), techs),
        st.builds(Matches, st.just(field), st.sampled_from(["^hub", "(?i)SALES"])),
    )


FIELDS = [
    "employees",
    "annual_revenue",
    "industry",
    "country",
    "is_public",
    "last_funding_date",
    "technologies",
]


def conditions_over(fields: list[str], *, with_exists: bool = True) -> st.SearchStrategy[Condition]:
    return st.recursive(
        st.sampled_from(fields).flatmap(lambda f: condition_for(f, with_exists=with_exists)),
        lambda inner: st.one_of(
            st.builds(AllOf, st.lists(inner, min_size=1, max_size=3).map(tuple)),
            st.builds(AnyOf, st.lists(inner, min_size=1, max_size=3).map(tuple)),
            st.builds(Not, inner),
        ),
        max_leaves=5,
    )


conditions = conditions_over(FIELDS)


@st.composite
def profiles(
    draw: st.DrawFn, *, min_criteria: int = 0, conditions: st.SearchStrategy[Condition] = conditions
) -> Profile:
    n = draw(st.integers(min_criteria, 6))
    criteria = tuple(
        Criterion(
            id=f"c{i}",
            condition=draw(conditions),
            weight=draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 0.1, 7.25])),
            required=draw(st.booleans()) and draw(st.booleans()),
        )
        for i in range(n)
    )
    disqualifiers = tuple(
        Disqualifier(id=f"d{i}", condition=draw(conditions), reason="r")
        for i in range(draw(st.integers(0, 2)))
    )
    tiers = draw(
        st.one_of(
            st.just({"A": 75.0, "B": 50.0, "C": 0.0}),
            st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), st.floats(0, 100), min_size=1, max_size=4),
        )
    )
    min_coverage = draw(st.sampled_from([0.0, 0.0, 0.5, 1.0]))
    return Profile(
        id="p", criteria=criteria, disqualifiers=disqualifiers, tiers=tiers, min_coverage=min_coverage
    )


MISSING = object()
junk = st.sampled_from(
    [None, "", "   ", "n/a", "abc", float("nan"), float("inf"), -float("inf"), [], {}, True, 10**40]
)
values: dict[str, st.SearchStrategy[Any]] = {
    "employees": st.one_of(numbers, st.sampled_from(["1,200", "12k", "$5", "36.9 Million", "1_000", "5.0"])),
    "annual_revenue": st.one_of(numbers, st.sampled_from(["$1.2M", "500k", "1e6", "2,000,000"])),
    "industry": st.one_of(st.sampled_from(TEXTS), st.sampled_from(["SOFTWARE", "soft ware", 42])),
    "country": st.sampled_from([*COUNTRIES, "us", "United States", "U.S.", "Norway", "Narnia", "USA"]),
    "is_public": st.sampled_from([True, False, "yes", "no", "TRUE", 0, 1, 2, "maybe"]),
    "last_funding_date": st.one_of(
        st.sampled_from(DATES),
        st.sampled_from(["2023-06-30", "2023-02-30", "yesterday"]),
        st.just(dt.datetime(2023, 6, 30, 12, 0)),
    ),
    "technologies": st.one_of(
        st.lists(st.sampled_from([*TECH, "HubSpot", " ", "x" * 20]), max_size=4),
        st.sampled_from(["hubspot; salesforce", "Slack, Notion", "", "hubspot"]),
    ),
}


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in FIELDS:
        choice = draw(st.sampled_from(["missing", "junk", "value", "value"]))
        if choice == "value":
            out[field] = draw(values[field])
        elif choice == "junk":
            out[field] = draw(junk)
    return out


def same_float(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@given(profiles(), records())
def test_compiled_engine_equals_reference(profile: Profile, record: dict[str, Any]) -> None:
    matcher = Matcher(profile)
    got = matcher.match(record)
    ref = reference_match(profile, record, matcher.fields)
    assert same_float(got.score, ref.score)
    assert same_float(got.coverage, ref.coverage)
    assert (got.tier, got.status) == (ref.tier, ref.status)
    assert got.codes == ref.criteria + ref.disqualifiers
    assert got.disqualified_by == tuple(
        d.id for d, code in zip(profile.disqualifiers, ref.disqualifiers, strict=True) if code == 1
    )
    assert matcher.score(record) == (got.score, got.tier)
    # The explanation agrees with the result it explains.
    verdicts = [o.verdict.value for o in got.outcomes]
    assert verdicts == [("missed", "matched", "unknown")[c] for c in got.codes]


@given(profiles(), st.lists(records(), min_size=1, max_size=6))
def test_a_matcher_used_again_equals_reference(profile: Profile, rows: list[dict[str, Any]]) -> None:
    """Texts seen before are answered from the matcher's memo: twice over, still the reference."""
    matcher = Matcher(profile)
    for record in rows + rows:
        got = matcher.match(record)
        ref = reference_match(profile, record, matcher.fields)
        assert same_float(got.score, ref.score)
        assert (got.tier, got.status) == (ref.tier, ref.status)
        assert got.codes == ref.criteria + ref.disqualifiers
        assert matcher.score(record) == (got.score, got.tier)


@given(profiles(), records())
def test_score_and_coverage_in_range_and_tier_only_when_scored(
    profile: Profile, record: dict[str, Any]
) -> None:
    r = Matcher(profile).match(record)
    assert 0.0 <= r.score <= 100.0
    assert 0.0 <= r.coverage <= 1.0
    if r.status != MatchStatus.SCORED:
        assert r.tier is None
    else:
        assert r.coverage >= profile.min_coverage


def _reads(cond: Condition) -> set[str]:
    if isinstance(cond, AllOf | AnyOf):
        return set().union(*(_reads(c) for c in cond.conditions))
    if isinstance(cond, Not):
        return _reads(cond.condition)
    return {cond.field}


def _known(value: Any) -> bool:
    return not (isinstance(value, str) and not value.strip())


def matching_value(cond: Condition) -> Any:
    """A record value for which a simple comparison matches, or MISSING.

    Empty text is never one: it is unknown, whatever the spec lists.
    """
    if isinstance(cond, Equals):
        return cond.value if _known(cond.value) else MISSING
    if isinstance(cond, In):
        return next((v for v in cond.values if _known(v)), MISSING)
    if isinstance(cond, Min | Max):
        return cond.value
    if isinstance(cond, Between):
        return cond.low
    if isinstance(cond, ContainsAny | ContainsAll):
        return list(cond.values)
    return MISSING


def _tier_rank(profile: Profile, tier: str | None) -> int:
    order = [name for name, _ in tier_order(profile.tiers)]
    return order.index(tier) if tier in order else len(order)


@given(st.sampled_from(FIELDS), st.data())
def test_turning_an_unknown_into_a_match_never_lowers_score_or_tier(field: str, data: st.DataObject) -> None:
    cond = data.draw(condition_for(field).filter(lambda c: matching_value(c) is not MISSING))
    others = [f for f in FIELDS if f != field]
    rest = data.draw(profiles())
    rest_conditions = conditions_over(others)
    profile = attrs.evolve(
        rest,
        criteria=(
            Criterion("target", cond, weight=data.draw(st.sampled_from([0.5, 1.0, 4.0]))),
            *(attrs.evolve(c, condition=data.draw(rest_conditions)) for c in rest.criteria),
        ),
        disqualifiers=tuple(
            attrs.evolve(d, condition=data.draw(rest_conditions)) for d in rest.disqualifiers
        ),
    )
    record = data.draw(records())
    record[field] = data.draw(st.sampled_from([None, "", "   "]))  # unknown for every type
    matcher = Matcher(profile)
    before = matcher.match(record)
    assert before.codes[0] == UNKNOWN_OUTCOME
    after = matcher.match({**record, field: matching_value(cond)})
    assert after.codes[0] == 1
    assert after.score >= before.score
    assert after.coverage >= before.coverage
    if before.status == after.status == MatchStatus.SCORED:
        assert _tier_rank(profile, after.tier) <= _tier_rank(profile, before.tier)


@given(profiles(), records(), conditions)
def test_adding_a_disqualifier_never_raises_a_tier(
    profile: Profile, record: dict[str, Any], cond: Condition
) -> None:
    before = Matcher(profile).match(record)
    stricter = attrs.evolve(profile, disqualifiers=(*profile.disqualifiers, Disqualifier("new", cond, "r")))
    after = Matcher(stricter).match(record)
    assert (after.score, after.coverage) == (before.score, before.coverage)
    if after.status == MatchStatus.SCORED:
        assert (after.status, after.tier) == (before.status, before.tier)
    else:
        assert after.tier is None


def _uses_exists(cond: Condition) -> bool:
    if isinstance(cond, AllOf | AnyOf):
        return any(_uses_exists(c) for c in cond.conditions)
    if isinstance(cond, Not):
        return _uses_exists(cond.condition)
    return isinstance(cond, Exists)


@given(
    profiles().filter(lambda p: not any(_uses_exists(i.condition) for i in (*p.criteria, *p.disqualifiers)))
)
def test_a_record_with_nothing_known_earns_nothing(profile: Profile) -> None:
    r = Matcher(profile).match({})
    assert r.score == 0.0
    assert r.coverage == (1.0 if not profile.criteria else 0.0)
    if r.tier is not None:
        assert profile.tiers[r.tier] <= 0.0
    assert r.disqualified_by == ()  # an unknown disqualifier is reported, never applied


HOSTILE = [
    "'); import os; os.system('echo pwned') #",
    '"""\nraise SystemExit\n"""',
    "\\x00\\n__import__('os')",
    "{__import__('os').system('x')}",
]


@given(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE))
def test_generated_code_never_contains_spec_text(value: str, ident: str) -> None:
    profile = Profile(
        id=ident,
        criteria=(
            Criterion(ident, Equals("industry", value)),
            Criterion(ident + "2", In("industry", (value, "x"))),
            Criterion(ident + "3", Matches("industry", "(?i)import|raise|__import__\\(")),
        ),
        disqualifiers=(Disqualifier(ident + "d", Equals("industry", value + "!"), reason=value),),
        tiers={ident: 10.0},
    )
    matcher = Matcher(profile)
    assert value not in matcher.source
    assert ident not in matcher.source
    assert "import|raise" not in matcher.source
    result = matcher.match({"industry": value})
    assert result.codes[:2] == (1, 1)
    assert result.tier == (ident if result.status == MatchStatus.SCORED else None)


@given(
    weights=st.lists(st.integers(1, 10**6), min_size=1, max_size=6),
    tier_scale=st.sampled_from([1, 10, 1000, 10**6]),
    data=st.data(),
    coverage=st.fractions(min_value=0, max_value=1, max_denominator=10**6),
)
def test_float_thresholds_decide_exactly_as_the_integers(
    weights: list[int], tier_scale: int, data: st.DataObject, coverage: Fraction
) -> None:
    # Engines that hold only the score s * 100 / total and the coverage k / total as
    # floats compare them with ScoreArithmetic's floats: for every s and k, and above
    # all at the least integer that reaches a bound and the one below it.
    total = sum(weights)
    thresholds = data.draw(st.lists(st.integers(0, 100 * tier_scale), min_size=1, max_size=4))
    bounds = tuple((f"T{i}", t * total) for i, t in enumerate(sorted(thresholds, reverse=True)))
    arithmetic = ScoreArithmetic(
        tuple(weights), total, 100 * tier_scale, bounds, coverage.denominator, coverage.numerator * total
    )
    assume(arithmetic.largest() < 2**53)
    least = dict(arithmetic.tier_scores())
    edges = {0, total}
    for _, bound in bounds:
        m = -(-bound // arithmetic.score_scale)
        edges |= {m - 1, m, m + 1}
    kc = -(-arithmetic.coverage_bound // arithmetic.coverage_scale)
    edges |= {kc - 1, kc, kc + 1}
    for s in sorted(e for e in edges if 0 <= e <= total):
        for name, bound in bounds:
            assert (s * arithmetic.score_scale >= bound) == (s * 100 / total >= least[name]), (s, name)
        short = s * arithmetic.coverage_scale < arithmetic.coverage_bound
        assert short == (s / total < arithmetic.least_coverage()), s
