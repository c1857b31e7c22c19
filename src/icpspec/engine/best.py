"""The best of several results: which profile (or persona) fits a record, and why the others lost.

A profile *fits* a record when its result is ``scored`` and reaches a tier.
Results rank fitting ones first, by the tier's place in its own profile
(profiles may name and number their tiers differently), then score, then
coverage; then the ones that do not fit: scored without a tier,
``insufficient_data``, ``required_failed``, ``disqualified``, each by score
and coverage. Ties keep the spec's order. When nothing fits, the best match
is *no fit* (:attr:`MatchStatus.NO_FIT <icpspec.MatchStatus.NO_FIT>`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from icpspec.model import MatchStatus, Profile

from .reference import MATCHED, MISSED, tier_order
from .result import MatchResult

__all__ = ["BestMatch", "rank_key", "rank_results", "tier_places", "why_not"]

#: Where each status that does not fit ranks, after every fitting result.
_UNFIT_ORDER: Mapping[MatchStatus, int] = {
    MatchStatus.SCORED: 1,  # scored, but reaching no tier
    MatchStatus.INSUFFICIENT_DATA: 2,
    MatchStatus.REQUIRED_FAILED: 3,
    MatchStatus.DISQUALIFIED: 4,
}


def tier_places(profile: Profile) -> dict[str, int]:
    """Each tier's place in ``profile``, highest threshold first (0 is the top tier)."""
    return {name: i for i, (name, _) in enumerate(tier_order(profile.tiers))}


def rank_key(
    status: MatchStatus | str, tier: str | None, score: float, coverage: float, places: Mapping[str, int]
) -> tuple[int, int, float, float]:
    """The sort key of one result, best first (a stable sort keeps the spec's order on ties).

    Shared by every engine that ranks: the Python engine's results and the
    DuckDB engine's rows rank the same way.
    """
    if tier is not None and status == MatchStatus.SCORED:
        return (0, places[tier], -score, -coverage)
    return (_UNFIT_ORDER[status], 0, -score, -coverage)  # type: ignore[index]


def rank_results(results: Sequence[MatchResult], places: Sequence[Mapping[str, int]]) -> BestMatch:
    """The best match of ``results`` (one per profile, in the spec's order; ``places`` likewise).

    A single result is always the best, whatever its status: only a choice
    among several can find that none fits.
    """
    keys = [rank_key(r.status, r.tier, r.score, r.coverage, p) for r, p in zip(results, places, strict=True)]
    ranked = tuple(results[i] for i in sorted(range(len(results)), key=keys.__getitem__))
    top = ranked[0]
    # One candidate is one target: its result is the answer, whatever its status (DESIGN §5).
    fits = len(ranked) == 1 or (top.tier is not None and top.status == MatchStatus.SCORED)
    best = top if fits else None
    return BestMatch(best, ranked)


def _number(value: float) -> str:
    return f"{value:.1f}"


def why_not(result: MatchResult, best: MatchResult | None = None) -> str:
    """Why ``result`` is not the best match, in a few words (``best`` is the one that won, if any).

    >>> import icpspec
    >>> spec = icpspec.load("examples/minimal.icp.yaml")
    >>> r = icpspec.Matcher(icpspec.target(spec)).match({"employees": 20, "country": "DE"})
    >>> why_not(r)
    'required criterion country missed'
    """
    profile = result._plan.profile
    criteria = profile.criteria
    codes = result.codes
    if result.status == MatchStatus.DISQUALIFIED:
        return f"disqualified by {', '.join(result.disqualified_by)}"
    required = [(c.id, code) for c, code in zip(criteria, codes, strict=False) if c.required]
    if result.status == MatchStatus.REQUIRED_FAILED:
        missed = [cid for cid, code in required if code == MISSED]
        return f"required criterion {', '.join(missed)} missed"
    if result.status == MatchStatus.INSUFFICIENT_DATA:
        unknown = [cid for cid, code in required if code not in (MATCHED, MISSED)]
        if unknown:
            return f"required criterion {', '.join(unknown)} unknown"
        return f"coverage {result.coverage:.2f} below the minimum {profile.min_coverage:g}"
    if result.tier is None:
        return f"score {_number(result.score)} reaches no tier"
    assert best is not None
    return f"tier {result.tier} (score {_number(result.score)}) ranks below {best.profile}"


@attrs.frozen
class BestMatch:
    """Every profile's result for one record, ranked, and the best one if any profile fits.

    ``best`` is ``None`` when, of several profiles, none fits (none is
    ``scored`` with a tier): :attr:`status` then says ``no_fit``. With one
    profile, its result is the best whatever its status.
    ``results`` holds every profile's result, best first.
    """

    best: MatchResult | None
    results: tuple[MatchResult, ...]

    @property
    def status(self) -> MatchStatus:
        """``scored`` when a profile fits, else ``no_fit``."""
        return MatchStatus.NO_FIT if self.best is None else self.best.status

    @property
    def profile(self) -> str | None:
        """The best profile's id; ``None`` on no fit."""
        return None if self.best is None else self.best.profile

    @property
    def tier(self) -> str | None:
        """The best profile's tier; ``None`` on no fit."""
        return None if self.best is None else self.best.tier

    @property
    def score(self) -> float | None:
        """The best profile's score; ``None`` on no fit."""
        return None if self.best is None else self.best.score

    @property
    def coverage(self) -> float | None:
        """The best profile's coverage; ``None`` on no fit."""
        return None if self.best is None else self.best.coverage

    @property
    def spec_version(self) -> str:
        """The version stamp of the spec every result comes from."""
        return self.results[0].spec_version

    @property
    def runners_up(self) -> tuple[MatchResult, ...]:
        """Every result but the best, ranked (all of them on no fit)."""
        return self.results if self.best is None else self.results[1:]

    def why_not(self) -> dict[str, str]:
        """Why each profile but the best lost, by profile id, in ranking order.

        >>> import icpspec
        >>> spec = icpspec.load("examples/sp500/sp500.icp.yaml")
        >>> chip_maker = {"industry": "Information Technology", "sub_industry": "Semiconductors"}
        >>> found = icpspec.best_match(chip_maker, spec)
        >>> found.status.value
        'no_fit'
        >>> found.why_not()
        {'health-services': 'required criterion health-sector missed', 'software': 'disqualified by chips'}
        """
        return {r.profile: why_not(r, self.best) for r in self.runners_up}

    def explain(self) -> str:
        """:meth:`why_not` on one line: ``a: disqualified by public; b: score 40.0 reaches no tier``."""
        return "; ".join(f"{pid}: {reason}" for pid, reason in self.why_not().items())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible mapping: the best profile's fields (empty on no fit) and every result."""
        return {
            "profile": self.profile,
            "score": self.score,
            "tier": self.tier,
            "status": self.status.value,
            "why_not": self.why_not(),
            "results": [r.to_dict() for r in self.results],
        }
