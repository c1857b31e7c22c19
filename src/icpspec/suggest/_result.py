"""What suggest returns: the draft spec, the figures behind each criterion, and its evaluations."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from icpspec.diagnostics import IcpspecError
from icpspec.evaluate import Evaluation
from icpspec.model import Spec

from ._stats import RateRatio
from ._table import RefusedColumn
from ._write import ratio_number

__all__ = ["OutcomeCounts", "SuggestError", "SuggestedCriterion", "SuggestedDisqualifier", "Suggestion"]


class SuggestError(IcpspecError):
    """Arguments or records suggest cannot work from (no outcome column, nothing left to learn from)."""


#: Why a record with no positive or negative reading is left out, in an outcome column.
NEITHER = "their outcome neither positive nor negative"
#: Left-out values named in the report line; the rest as "…".
NAMED = 5


@attrs.frozen
class OutcomeCounts:
    """One part of the records (searched, or held out of the search): how many, how many read as
    positive and as negative, and how many were left out (``reason``), with the values they held
    (``(blank)`` for none), commonest first."""

    records: int = 0
    positive: int = 0
    negative: int = 0
    left_out: int = 0
    left_out_values: tuple[tuple[str, int], ...] = ()
    reason: str = NEITHER

    def describe(self) -> str:
        """``170 positive, 252 negative; 68 left out, their outcome neither positive nor negative
        (Open: 60, (blank): 8)``."""
        line = f"{self.positive:,} positive, {self.negative:,} negative"
        if self.left_out:
            named = ", ".join(f"{v}: {n:,}" for v, n in self.left_out_values[:NAMED])
            more = ", …" if len(self.left_out_values) > NAMED else ""
            line += f"; {self.left_out:,} left out, {self.reason} ({named}{more})"
        return line


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
    #: The second column of a pair criterion (two fields that matter together), else ``None``.
    partner: str | None = None


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
    search (``None`` without a held-out part); ``searched`` and ``held_out``
    account for every record of each part (positive, negative, left out and
    why); ``training_records`` and ``holdout_records`` count those evaluated
    (positive or negative); ``skipped`` the records of the file that could not
    be read.
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
    searched: OutcomeCounts = OutcomeCounts()
    held_out: OutcomeCounts = OutcomeCounts()
    skipped: int = 0
    skipped_first: tuple[str, ...] = ()

    def describe(self) -> list[str]:
        """The report, one line each: every record accounted for (searched or held out;
        positive, negative or left out, and why), what was refused and chosen. The evaluations
        (:attr:`training`, :attr:`holdout`) are rendered as ``icpspec evaluate`` renders them:
        ``icpspec suggest`` prints them side by side after these lines."""
        lines = [
            f"{self.records:,} records; {self.searched.records:,} searched, "
            f"{self.held_out.records:,} held out of the search",
            f"searched: {self.searched.describe()}",
        ]
        if self.held_out.records:
            lines.append(f"held out: {self.held_out.describe()}")
        lines.append(f"positive: {self.positive}")
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
                f"criterion {c.id} (weight {c.weight}): {c.text}; rate ratio {ratio_number(c.ratio.ratio)}, "
                f"{ratio_number(c.given_chosen.ratio)} given those above; {blanks}"
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
        return lines


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f} %"
