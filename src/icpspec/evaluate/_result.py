"""What an evaluation returns: frozen attrs results, each with ``to_dict()``.

The dictionary is the JSON the CLI prints and the HTML report draws; its
schema is ``schemas/evaluation-1.schema.json``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from icpspec.records import SkippedRecord

from ._stats import Auc, Interval

__all__ = [
    "Bottom",
    "Check",
    "CheckStatus",
    "CheckThresholds",
    "CriterionFigures",
    "Evaluation",
    "Figures",
    "Group",
    "LeftOut",
    "MissedRecord",
    "Ranking",
    "Stratum",
    "Top",
    "VerdictCell",
]

#: Fewer records (or positives) than these in a group, and it earns no verdict.
MIN_RECORDS, MIN_POSITIVES = 30, 5
#: An AUC this high suggests a criterion knows the outcome.
LEAKAGE_AUC = 0.98

MADKUDU_SOURCE = (
    "MadKudu's customer-fit model check: the best segment holds 15-35 % of leads and "
    "captures at least 60 % of conversions, converting at least 10 times better than "
    "the lowest segment (MadKudu help center, 'How to evaluate a customer fit model')"
)


class CheckStatus(enum.StrEnum):
    """How MadKudu's check came out."""

    PASSED = "passed"
    FAILED = "failed"
    CANNOT_BE_MET = "cannot_be_met"
    TOO_FEW = "too_few_to_judge"


def _plain(_inst: object, _field: object, value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _interval(i: Interval | Auc) -> dict[str, Any]:
    return {"value": i.value, "low": i.low, "high": i.high}


@attrs.frozen
class CheckThresholds:
    """MadKudu's bar, as options: the top's share of records, its recall, its rate over the bottom's."""

    min_share: float = 0.15
    max_share: float = 0.35
    min_recall: float = 0.60
    min_ratio: float = 10.0
    source: str = MADKUDU_SOURCE


@attrs.frozen
class Group:
    """One row of the group table: a tier, ``no tier``, or a status, with cumulative figures.

    ``accounts`` is its number of accounts with ``--account``: its interval and ``too_few`` count them.
    """

    name: str
    records: int
    share: float | None
    positives: int
    rate: Interval
    lift: float | None
    capture: float | None
    cumulative_records: int
    cumulative_positives: int
    cumulative_rate: Interval
    cumulative_lift: float | None
    cumulative_capture: float | None
    too_few: bool
    accounts: int | None = None
    value_sum: float | None = None
    value_share: float | None = None
    value_mean: float | None = None


@attrs.frozen
class Top:
    """The top of the profile: its records, precision (rate) and recall (share of positives)."""

    groups: tuple[str, ...]
    records: int
    share: float | None
    positives: int
    precision: Interval
    recall: Interval


@attrs.frozen
class Bottom:
    """The bottom of the profile: lowest scored group, disqualified and required_failed."""

    groups: tuple[str, ...]
    records: int
    share: float | None
    positives: int
    rate: Interval


@attrs.frozen
class Check:
    """MadKudu's check under plain names; ``catching`` is ``top`` (or ``bottom`` for bad outcomes)."""

    status: CheckStatus
    message: str
    catching: str
    share: float | None
    share_ok: bool | None
    recall: Interval
    recall_ok: bool | None
    ratio: Interval
    ratio_ok: bool | None
    ceiling: float | None
    thresholds: CheckThresholds


@attrs.frozen
class Ranking:
    """The order the profile puts records in: its AUC and cumulative gains curve.

    ``gains`` are ``(share of ranked records, share of positives)`` from the
    top, one point per distinct rank, starting at ``(0, 0)``; ``left_out``
    counts the ``insufficient_data`` records the profile does not rank;
    ``ranks`` holds ``(rank, positives, negatives)`` per distinct rank, best
    first (the score; -1 for disqualified and required_failed; with several
    profiles, 1000 per tier place above the score).
    """

    auc: Auc
    gains: tuple[tuple[float, float], ...]
    ranked: int
    left_out: int
    ranks: tuple[tuple[float, int, int], ...] = ()


@attrs.frozen
class VerdictCell:
    """The records of one criterion verdict (matched, missed or unknown) and their rate."""

    records: int
    positives: int
    rate: Interval
    accounts: int | None = None


@attrs.frozen
class CriterionFigures:
    """How records that match, miss and are unknown on one criterion (or disqualifier) convert.

    ``ratio`` is the matched rate over the missed rate; ``unknown_effect`` the
    share of the criterion's effect (matched against everything else) that
    comes from unknown records converting unlike missed ones.
    """

    id: str
    kind: str
    field: str | None
    matched: VerdictCell
    missed: VerdictCell
    unknown: VerdictCell
    unknown_share: float | None
    ratio: Interval
    unknown_effect: float | None
    findings: tuple[str, ...]


@attrs.frozen
class Figures:
    """Every figure of one population (all records, or one stratum).

    ``accounts`` is the number of accounts with ``--account`` (else ``None``); then every
    interval and every *too few to judge* counts accounts, not rows.
    """

    records: int
    positives: int
    base_rate: Interval
    groups: tuple[Group, ...]
    top: Top
    bottom: Bottom
    check: Check
    ranking: Ranking
    criteria: tuple[CriterionFigures, ...]
    too_few: bool
    verdict: str
    verdict_text: str
    accounts: int | None = None


@attrs.frozen
class Stratum:
    """The figures within one value of the ``by`` column."""

    name: str
    figures: Figures


@attrs.frozen
class MissedRecord:
    """A record of interest the profile ranks on the wrong end, and which criteria failed it."""

    id: object
    line: int
    group: str
    score: float | None
    failed: tuple[str, ...]


@attrs.frozen
class LeftOut:
    """Records read but not evaluated, by reason, never dropped silently."""

    outcome: int = 0
    outcome_values: tuple[tuple[str, int], ...] = ()
    skipped: int = 0
    #: Where the first unreadable record starts, and why (``None`` when none was skipped).
    first_skipped: SkippedRecord | None = None
    before_date: int = 0
    no_date: int = 0
    value_unreadable: int = 0


@attrs.frozen
class Evaluation:
    """How well a profile separates good from bad records (DESIGN §6.1).

    ``figures`` covers every evaluated record; ``strata`` the same within
    each value of ``by``, with ``pooled_auc`` comparing only records of one
    stratum. ``to_dict()`` gives the JSON of ``schemas/evaluation-1.schema.json``.
    """

    profiles: tuple[str, ...]
    spec_version: str
    outcome: str
    bad: bool
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    records_read: int
    left_out: LeftOut
    figures: Figures
    strata: tuple[Stratum, ...]
    pooled_auc: Auc | None
    missed: tuple[MissedRecord, ...]
    columns_read: Mapping[str, tuple[str, ...]]
    missing_fields: tuple[str, ...]
    warnings: tuple[str, ...]
    options: Mapping[str, Any]

    @property
    def auc(self) -> float | None:
        """The AUC of all records (shortcut)."""
        return self.figures.ranking.auc.value

    @property
    def recall(self) -> float | None:
        """The recall of the top (shortcut)."""
        return self.figures.top.recall.value

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible mapping (format ``evaluation-1``)."""
        out: dict[str, Any] = attrs.asdict(
            self,
            value_serializer=_plain,
            filter=lambda a, _v: a.name not in {"figures", "strata", "pooled_auc"},
        )
        out = {"format": "icpspec-evaluation-1", **out}
        out["figures"] = figures_dict(self.figures)
        out["strata"] = [{"name": s.name, "figures": figures_dict(s.figures)} for s in self.strata]
        out["pooled_auc"] = auc_dict(self.pooled_auc) if self.pooled_auc is not None else None
        out["left_out"]["outcome_values"] = [
            {"value": v, "records": n} for v, n in self.left_out.outcome_values
        ]
        out["missed"] = [{**m, "id": _json_id(m["id"])} for m in out["missed"]]
        out["columns_read"] = {k: list(v) for k, v in self.columns_read.items()}
        return _lists(out)  # type: ignore[no-any-return]


def _lists(value: Any) -> Any:
    """Tuples as lists, all the way down: what JSON (and JSON Schema's ``array``) expects."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def _json_id(value: object) -> object:
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def auc_dict(a: Auc) -> dict[str, Any]:
    """An AUC as JSON: value, interval, standard error and the counts it rests on."""
    return {**_interval(a), "se": a.se, "positives": a.positives, "negatives": a.negatives}


def figures_dict(f: Figures) -> dict[str, Any]:
    """One population's figures as JSON (intervals as ``{value, low, high}``)."""

    def conv(inst: object, a: Any, value: Any) -> Any:
        if isinstance(value, Auc):
            return auc_dict(value)
        if isinstance(value, Interval):
            return _interval(value)
        return _plain(inst, a, value)

    out: dict[str, Any] = attrs.asdict(f, value_serializer=conv)
    out["ranking"]["gains"] = [list(p) for p in f.ranking.gains]
    return out
