"""The reference semantics of matching (DESIGN §5), written to be obviously right.

This evaluator walks the condition tree for one record, reading each value
afresh. It is the definition the compiled engine, the DataFrame engine and the
SQL compiler are tested against, and it explains results: a
:class:`~icpspec.engine.MatchResult` builds its outcomes from it on demand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

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
    Value,
)
from icpspec.schema import compile_pattern

from .values import MAX_MATCH_INPUT, UNKNOWN, read_list, read_raw_text, reader_for

__all__ = [
    "MATCHED",
    "MISSED",
    "UNKNOWN_OUTCOME",
    "ReferenceResult",
    "ScoreArithmetic",
    "comparable",
    "evaluate",
    "exact",
    "pattern_outcome",
    "pattern_search",
    "reference_match",
    "tier_for",
    "tier_order",
]

#: Outcome codes, compact for the hot path: matched, missed, unknown.
MISSED, MATCHED, UNKNOWN_OUTCOME = 0, 1, 2


def comparable(value: Value, field_type: FieldType) -> object:
    """A spec value in the form the read record value is compared with."""
    if field_type in (FieldType.STRING, FieldType.STRING_LIST) and isinstance(value, str):
        return value.strip().casefold()
    if field_type == FieldType.COUNTRY and isinstance(value, str):
        return value.strip().upper()
    return value


def pattern_search(pattern: str) -> Callable[[str], int]:
    """The outcome code of ``pattern`` searched in one trimmed text.

    Unknown when the text is longer than :data:`MAX_MATCH_INPUT` or holds
    what RE2 cannot read (a lone surrogate, which has no UTF-8 form).
    """
    search = compile_pattern(pattern).search

    def outcome(text: str) -> int:
        if len(text) > MAX_MATCH_INPUT:
            return UNKNOWN_OUTCOME
        try:
            return MATCHED if search(text) else MISSED
        except UnicodeEncodeError:
            return UNKNOWN_OUTCOME

    return outcome


def pattern_outcome(pattern: str, raw: object, field_type: FieldType) -> int:
    """The outcome code of a ``matches`` condition on one raw record value (any list item matching)."""
    texts = read_list(raw) if field_type == FieldType.STRING_LIST else read_raw_text(raw)
    if texts is UNKNOWN:
        return UNKNOWN_OUTCOME
    items = (texts,) if isinstance(texts, str) else texts
    assert isinstance(items, tuple)
    search = pattern_search(pattern)
    outcome = MISSED
    for text in items:
        code = search(text)
        if code == MATCHED:
            return MATCHED
        outcome = max(outcome, code)  # unknown (2) outranks missed (0)
    return outcome


def evaluate(cond: Condition, record: Mapping[str, object], fields: Mapping[str, FieldDefinition]) -> int:
    """The outcome code (MATCHED, MISSED, UNKNOWN_OUTCOME) of ``cond`` on ``record``."""
    if isinstance(cond, AllOf):
        parts = [evaluate(c, record, fields) for c in cond.conditions]
        if MISSED in parts:
            return MISSED
        return UNKNOWN_OUTCOME if UNKNOWN_OUTCOME in parts else MATCHED
    if isinstance(cond, AnyOf):
        parts = [evaluate(c, record, fields) for c in cond.conditions]
        if MATCHED in parts:
            return MATCHED
        return UNKNOWN_OUTCOME if UNKNOWN_OUTCOME in parts else MISSED
    if isinstance(cond, Not):
        part = evaluate(cond.condition, record, fields)
        return {MATCHED: MISSED, MISSED: MATCHED}.get(part, UNKNOWN_OUTCOME)
    field_type = fields[cond.field].type
    raw = record.get(cond.field)
    if isinstance(cond, Matches):
        return pattern_outcome(cond.pattern, raw, field_type)
    value = reader_for(field_type)(raw)
    if isinstance(cond, Exists):
        return MATCHED if (value is not UNKNOWN) == cond.value else MISSED
    if value is UNKNOWN:
        return UNKNOWN_OUTCOME
    # A list field's elements compare case-insensitively, like text.
    elements = {e.casefold() for e in value} if field_type == FieldType.STRING_LIST else None  # type: ignore[attr-defined]
    holds: bool
    if isinstance(cond, Equals):
        holds = value == comparable(cond.value, field_type)
    elif isinstance(cond, In | NotIn):
        consts = {comparable(v, field_type) for v in cond.values}
        found = bool(elements & consts) if elements is not None else value in consts
        holds = found if isinstance(cond, In) else not found
    elif isinstance(cond, Min):
        holds = value >= cond.value  # type: ignore[operator]
    elif isinstance(cond, Max):
        holds = value <= cond.value  # type: ignore[operator]
    elif isinstance(cond, Between):
        holds = cond.low <= value <= cond.high  # type: ignore[operator]
    elif isinstance(cond, ContainsAny):
        assert elements is not None
        holds = any(comparable(v, field_type) in elements for v in cond.values)
    else:
        assert isinstance(cond, ContainsAll)
        assert elements is not None
        holds = all(comparable(v, field_type) in elements for v in cond.values)
    return MATCHED if holds else MISSED


def tier_order(tiers: Mapping[str, float]) -> list[tuple[str, float]]:
    """Tiers highest threshold first; tiers with equal thresholds keep the spec's order."""
    return sorted(tiers.items(), key=lambda item: -item[1])


def exact(number: float) -> Fraction:
    """A weight, threshold or coverage as the decimal number the spec wrote.

    A float's shortest ``repr`` is the text it was read from (for up to 15
    significant digits), so ``0.1`` is exactly one tenth, not the binary
    fraction nearest to it. Scores, coverages and their comparisons are made
    with these exact values: weights of 0.1, 0.2 and 0.3 give exactly 50 when
    0.3 of them match, and a tier at 50 is reached.
    """
    return Fraction(repr(number)) if type(number) is float else Fraction(number)


def tier_for(score: float | Fraction, tiers: Mapping[str, float]) -> str | None:
    """The first tier, highest threshold first, whose threshold ``score`` reaches (compared exactly)."""
    for name, threshold in tier_order(tiers):
        if score >= exact(threshold):
            return name
    return None


@attrs.frozen
class ScoreArithmetic:
    """A profile's score arithmetic in integers, for engines that cannot use fractions.

    The weights are scaled by the least common multiple of their exact
    denominators, so ``s`` (the matched weight) and ``k`` (the known weight)
    are integer sums. Then, exactly as the reference says:

    - score = ``s * 100 / total`` (0.0 without criteria), and a tier is
      reached when ``s * score_scale >= bound``;
    - coverage = ``k / total`` (1.0 without criteria), and it is below
      ``min_coverage`` when ``k * coverage_scale < coverage_bound``.

    An integer division of integers below 2**53 is the float nearest the
    exact ratio in Python, IEEE float division, polars and SQL alike.
    """

    weights: tuple[int, ...]
    total: int
    score_scale: int
    #: Tier names, highest threshold first, each with its bound on ``s * score_scale``.
    tiers: tuple[tuple[str, int], ...]
    coverage_scale: int
    coverage_bound: int

    @classmethod
    def of(cls, profile: Profile) -> ScoreArithmetic:
        fractions = [exact(c.weight) for c in profile.criteria]
        scale = math.lcm(*(f.denominator for f in fractions)) if fractions else 1
        weights = tuple(int(f * scale) for f in fractions)
        total = sum(weights)
        thresholds = [(name, exact(t)) for name, t in tier_order(profile.tiers)]
        tier_scale = math.lcm(*(t.denominator for _, t in thresholds)) if thresholds else 1
        tiers = tuple(
            (name, int(t * tier_scale * total) if total else (0 if t <= 0 else 1)) for name, t in thresholds
        )
        mc = exact(profile.min_coverage)
        coverage_bound = mc.numerator * total if total else (1 if mc > 1 else 0)
        return cls(weights, total, 100 * tier_scale, tiers, mc.denominator, coverage_bound)

    def tier_scores(self) -> tuple[tuple[str, float], ...]:
        """Each tier (highest first) with the least score, as a float, that reaches it.

        For engines that hold the score as the float ``s * 100 / total``, not
        ``s``: a tier is reached exactly when ``score >=`` its float. The least
        ``s`` reaching it is ``m = ceil(bound / score_scale)``. As floats,
        ``s * 100`` and ``total`` are exact (below 2**53, see :meth:`largest`)
        and their quotient is correctly rounded, so it never decreases as ``s``
        grows; and ``(m - 1) * 100 / total`` and ``m * 100 / total`` differ by
        ``100 / total``, more than the rounding of either moves them while
        ``m < 2**52`` (``m`` is at most ``largest() / 100``). So ``s >= m``
        exactly when the floats compare so. The float's ``repr`` reads back as
        the same float, in SQL as in Python. Needs ``total > 0``.
        """
        assert self.total > 0
        return tuple((name, -(-bound // self.score_scale) * 100 / self.total) for name, bound in self.tiers)

    def least_coverage(self) -> float:
        """The least coverage, as the float ``k / total``, that is not below ``min_coverage``.

        Coverage is below the minimum exactly when ``coverage <`` this float,
        by the reasoning of :meth:`tier_scores` (the least ``k`` is at most
        ``total``). Needs ``total > 0``.
        """
        assert self.total > 0
        return -(-self.coverage_bound // self.coverage_scale) / self.total

    def largest(self) -> int:
        """The largest integer the arithmetic handles: below 2**53, every engine is exact."""
        return max(
            max(self.total, 1) * max(self.score_scale, self.coverage_scale, 100),
            self.coverage_bound,
            *(bound for _, bound in self.tiers),
        )


@attrs.frozen
class ReferenceResult:
    """What the reference semantics say of one record."""

    score: float
    tier: str | None
    status: MatchStatus
    coverage: float
    criteria: tuple[int, ...]
    disqualifiers: tuple[int, ...]


def reference_match(
    profile: Profile, record: Mapping[str, object], fields: Mapping[str, FieldDefinition]
) -> ReferenceResult:
    """Match ``record`` against ``profile`` by the letter of DESIGN §5."""
    crit = tuple(evaluate(c.condition, record, fields) for c in profile.criteria)
    disq = tuple(evaluate(d.condition, record, fields) for d in profile.disqualifiers)
    total = matched = known = Fraction(0)
    for c, outcome in zip(profile.criteria, crit, strict=True):
        weight = exact(c.weight)
        total += weight
        if outcome != UNKNOWN_OUTCOME:
            known += weight
            if outcome == MATCHED:
                matched += weight
    # Exact ratios; the reported numbers are the floats nearest to them.
    score = matched / total * 100 if total else Fraction(0)
    coverage = known / total if total else Fraction(1)
    required: Sequence[int] = [o for c, o in zip(profile.criteria, crit, strict=True) if c.required]
    tier = None
    if MATCHED in disq:
        status = MatchStatus.DISQUALIFIED
    elif MISSED in required:
        status = MatchStatus.REQUIRED_FAILED
    elif UNKNOWN_OUTCOME in required or coverage < exact(profile.min_coverage):
        status = MatchStatus.INSUFFICIENT_DATA
    else:
        status = MatchStatus.SCORED
        tier = tier_for(score, profile.tiers)
    return ReferenceResult(float(score), tier, status, float(coverage), crit, disq)
