"""What suggest returns: the draft spec, the figures behind each criterion, and its evaluations."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from icpspec.diagnostics import IcpspecError
from icpspec.evaluate import Evaluation
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
    search (``None`` without a held-out part); ``skipped`` the records of the
    file that could not be read.
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
    training: Evaluation | None = None
    holdout: Evaluation | None = None
    skipped: int = 0
    skipped_first: tuple[str, ...] = ()

    def describe(self) -> list[str]:
        """The report, one line each: what was searched, refused, chosen, and how it did held out."""
        lines = [
            f"{self.records:,} records; {self.training_records:,} searched, "
            f"{self.holdout_records:,} held out of the search"
            + (f"; {self.left_out:,} searched records had no readable outcome" if self.left_out else ""),
            f"positive: {self.positive}",
        ]
        if self.skipped:
            lines.append(f"{self.skipped:,} unreadable record(s) skipped, first:")
            lines += [f"  {where}" for where in self.skipped_first]
        lines += [f"refused column {r}" for r in self.refused]
        lines += [f"note: {n}" for n in self.notes]
        for c in self.criteria:
            blanks = (
                "no blank answers"
                if c.blank_share is None
                else f"blank answers make {_pct(c.blank_share)} of it"
            )
            lines.append(
                f"criterion {c.id} (weight {c.weight}): {c.text}; rate ratio {c.ratio.ratio:.2f}, "
                f"{c.given_chosen.ratio:.2f} given those above; {blanks}"
            )
        lines += [f"disqualifier {d.id}: {d.text}; {d.reason}" for d in self.disqualifiers]
        if not self.criteria:
            lines.append("tiers: none worth placing without a criterion")
        else:
            lines.append(
                "tiers: "
                + ", ".join(
                    f"{name} from {threshold:g} ({_pct(self.tier_shares.get(name, 0.0))} of searched records)"
                    for name, threshold in self.tiers.items()
                )
            )
        lines += _side_by_side(self.training, self.holdout)
        return lines


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f} %"


def _side_by_side(training: Evaluation | None, holdout: Evaluation | None) -> list[str]:
    """Training and held-out figures in two columns, so overfitting shows."""
    if training is None:
        return []

    def auc(e: Evaluation | None) -> str:
        if e is None or e.figures.ranking.auc.value is None:
            return "-"
        a = e.figures.ranking.auc
        return f"{a.value:.3f} ({a.low:.2f}-{a.high:.2f})"

    def top(e: Evaluation | None, what: str) -> str:
        if e is None:
            return "-"
        t = e.figures.top
        value = {"share": t.share, "recall": t.recall.value, "precision": t.precision.value}[what]
        return _pct(value)

    rows = [
        ("records evaluated", *(f"{e.figures.records:,}" if e else "-" for e in (training, holdout))),
        ("AUC (95 % CI)", auc(training), auc(holdout)),
        ("top: share of records", top(training, "share"), top(holdout, "share")),
        ("top: recall", top(training, "recall"), top(holdout, "recall")),
        ("top: precision", top(training, "precision"), top(holdout, "precision")),
        (
            "MadKudu's check",
            *((e.figures.check.status.value if e else "-") for e in (training, holdout)),
        ),
    ]
    out = [f"{'evaluation':<24}{'searched':>22}{'held out':>22}"]
    out += [f"{name:<24}{a:>22}{b:>22}" for name, a, b in rows]
    if holdout is None:
        out.append("no held-out records: the figures above are on the records searched, and flatter it")
    return out
