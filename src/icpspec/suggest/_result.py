"""What suggest returns: the draft spec, the figures behind each criterion, and its evaluations."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from icpspec.diagnostics import IcpspecError
from icpspec.model import Spec

from ._stats import RateRatio
from ._table import RefusedColumn

__all__ = ["SuggestError", "SuggestedCriterion", "SuggestedDisqualifier", "Suggestion"]


class SuggestError(IcpspecError):
    """Arguments or records suggest cannot work from (no outcome column, nothing left to learn from)."""


@attrs.frozen
class SuggestedCriterion:
    """A criterion suggest wrote, and the training figures behind it."""

    id: str
    column: str
    text: str
    weight: int
    matched: float
    positives: float
    rest: float
    rest_positives: float
    ratio: RateRatio
    given_chosen: RateRatio
    known_only: RateRatio | None
    blank_share: float | None
    summary: str


@attrs.frozen
class SuggestedDisqualifier:
    """A disqualifier suggest wrote: a value whose rate lies far below the others'."""

    id: str
    column: str
    text: str
    matched: float
    positives: float
    ratio: RateRatio
    reason: str


@attrs.frozen
class Suggestion:
    """A draft spec and what it was made from.

    ``text`` is the spec as written to a file (YAML with its TODO comments),
    ``spec`` the same loaded; ``refused`` the columns no criterion may use,
    with the reason; ``training`` and ``holdout`` the evaluations of the
    profile on the records it was found on and on those held out of the
    search (``None`` without a held-out part).
    """

    spec: Spec
    text: str
    profile: str
    positive: str
    criteria: tuple[SuggestedCriterion, ...]
    disqualifiers: tuple[SuggestedDisqualifier, ...]
    refused: tuple[RefusedColumn, ...]
    tiers: Mapping[str, float]
    tier_shares: Mapping[str, float]
    records: int
    training_records: int
    holdout_records: int
    left_out: int
    notes: tuple[str, ...]
    training: object | None = None
    holdout: object | None = None
