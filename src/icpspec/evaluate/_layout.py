"""What a pattern of verdicts means: its group, its place in the ranking, its criteria.

A record's result against a profile is fully described by its verdict codes
(one per criterion and disqualifier): the score, status and tier follow from
them. The evaluation therefore counts records per *pattern* of codes and
outcome, and this module says, once per pattern, which group and rank it
belongs to. With several profiles a pattern holds every profile's codes and
the best-fitting profile is chosen as the engine chooses it (PLAN decision 2).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from icpspec.engine.reference import tier_order
from icpspec.model import FieldCategory, FieldDefinition, MatchStatus, Profile

__all__ = ["BOTTOM_RANK", "NO_FIT", "NO_TIER", "PLACE_STEP", "Layout", "PatternInfo", "column_kinds"]

NO_TIER = "no tier"
NO_FIT = "no_fit"
#: Rank of records below every scored one: required_failed and disqualified (tied).
BOTTOM_RANK = -1.0
# Ranks of several profiles: tier place first, then score (0 to 100).
PLACE_STEP = 1000.0


@attrs.frozen
class PatternInfo:
    """What one pattern means: group index, rank (``None``: not ranked), flat codes."""

    group: int
    rank: float | None
    codes: tuple[int, ...]


@attrs.frozen
class Layout:
    """The profiles evaluated, their groups in order, and their criteria.

    ``criteria`` names every criterion then disqualifier (``profile/id`` when
    there are several profiles), in the order of the flat codes.
    """

    profiles: tuple[Profile, ...]
    groups: tuple[str, ...]
    criteria: tuple[str, ...]
    kinds: tuple[str, ...]  # "criterion" or "disqualifier", per criterion
    fields: tuple[str | None, ...]
    tiers: tuple[str, ...]

    @classmethod
    def of(cls, profiles: Sequence[Profile]) -> Layout:
        """The layout of one profile (DESIGN §6.1 groups) or of several (best match, ``no_fit``,
        ``insufficient_data``)."""
        several = len(profiles) > 1
        tiers: list[str] = []
        places: dict[str, int] = {}
        for profile in profiles:
            for place, (name, _) in enumerate(tier_order(profile.tiers)):
                if name not in places:
                    places[name] = place
                    tiers.append(name)
        tiers.sort(key=lambda name: places[name])  # stable: spec order within a place
        groups: list[str] = list(tiers)
        if several:
            groups.append(NO_FIT)
        else:
            ordered = tier_order(profiles[0].tiers)
            if not ordered or ordered[-1][1] > 0:
                groups.append(NO_TIER)
            groups += [MatchStatus.DISQUALIFIED.value, MatchStatus.REQUIRED_FAILED.value]
        # Not ranked, in neither the top nor the bottom: with several profiles, a record
        # insufficient in every one (in any other it fits none, or fits one).
        groups.append(MatchStatus.INSUFFICIENT_DATA.value)
        names: list[str] = []
        kinds: list[str] = []
        fields: list[str | None] = []
        for profile in profiles:
            prefix = f"{profile.id}/" if several else ""
            for c in profile.criteria:
                names.append(prefix + c.id)
                kinds.append("criterion")
                fields.append(getattr(c.condition, "field", None))
            for d in profile.disqualifiers:
                names.append(prefix + d.id)
                kinds.append("disqualifier")
                fields.append(getattr(d.condition, "field", None))
        return cls(tuple(profiles), tuple(groups), tuple(names), tuple(kinds), tuple(fields), tuple(tiers))

    @property
    def several(self) -> bool:
        """Whether records are matched against several profiles (best match)."""
        return len(self.profiles) > 1

    def top_default(self) -> tuple[str, ...]:
        """The top of the profile: its first tier."""
        return self.tiers[:1]

    def bottom(self, top: Sequence[str]) -> tuple[str, ...]:
        """The bottom (DESIGN §6.1): the lowest scored group, disqualified and required_failed.

        The lowest scored group is ``no tier`` when the tiers leave one, else
        the last tier; with several profiles, the last tier and ``no_fit``.
        Groups of the top are never in the bottom.
        """
        if self.several:
            out = [*self.tiers[-1:], NO_FIT]
        else:
            lowest = [NO_TIER] if NO_TIER in self.groups else list(self.tiers[-1:])
            out = [*lowest, MatchStatus.DISQUALIFIED.value, MatchStatus.REQUIRED_FAILED.value]
        return tuple(g for g in out if g not in top)

    def info(
        self,
        statuses: Sequence[MatchStatus],
        tiers: Sequence[str | None],
        scores: Sequence[float],
        coverages: Sequence[float],
        codes: tuple[int, ...],
    ) -> PatternInfo:
        """The group and rank of one pattern, from each profile's status, tier, score and coverage.

        With several profiles the best fit is the engine's: tier place in its
        own profile, then score, coverage and spec order; its rank orders by
        place, then score. A record no profile fits is ``no_fit``, ranked at the
        bottom, unless it is ``insufficient_data`` in every profile: then it is
        not ranked, as one profile's insufficient_data is not.
        """
        if not self.several:
            status, tier, score = statuses[0], tiers[0], scores[0]
            if status == MatchStatus.SCORED:
                return PatternInfo(self.groups.index(tier if tier is not None else NO_TIER), score, codes)
            rank = None if status == MatchStatus.INSUFFICIENT_DATA else BOTTOM_RANK
            return PatternInfo(self.groups.index(status.value), rank, codes)
        best: tuple[int, float, float, str] | None = None
        for profile, status, tier, score, coverage in zip(
            self.profiles, statuses, tiers, scores, coverages, strict=True
        ):
            if status == MatchStatus.SCORED and tier is not None:
                place = [name for name, _ in tier_order(profile.tiers)].index(tier)
                if best is None or (place, -score, -coverage) < (best[0], -best[1], -best[2]):
                    best = (place, score, coverage, tier)
        if best is None:
            if all(s == MatchStatus.INSUFFICIENT_DATA for s in statuses):
                return PatternInfo(self.groups.index(MatchStatus.INSUFFICIENT_DATA.value), None, codes)
            return PatternInfo(self.groups.index(NO_FIT), BOTTOM_RANK, codes)
        place, score, _, tier = best
        return PatternInfo(self.groups.index(tier), (len(self.tiers) - place) * PLACE_STEP + score, codes)


def column_kinds(fields: Sequence[FieldDefinition]) -> dict[str, list[str]]:
    """The fields read, by kind of characteristic (firmographic, behavioral…), in catalogue order."""
    out: dict[str, list[str]] = {}
    for category in FieldCategory:
        names = sorted({f.id for f in fields if f.category == category})
        if names:
            out[category.value] = names
    return out
