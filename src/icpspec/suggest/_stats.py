"""Rate ratios with intervals, pooled over strata (Mantel-Haenszel), from weighted counts.

A criterion's *lift* here is the ratio of the positive rate among the records
it matches to the rate among the others. Within strata (the values of
``--stratify``, and during the greedy search the pattern of criteria already
chosen) the ratios are pooled with the Mantel-Haenszel estimator, which needs
no correction for an empty cell: it is computed from the counts as they are
(statsmodels' ``StratifiedTable.riskratio_pooled``), so a stratum with no
positive on one side counts as the data has it. Its interval uses the
Greenland-Robins variance of the log ratio, which stays finite and consistent
with empty cells in some strata (the reason it was made: many sparse strata)
and which for a single stratum is Katz's log interval. Half a record goes into
every cell of a stratum with an empty one (Haldane's correction) for the
*width* only, and only where the uncorrected one fails: when no stratum has a
positive on one side (the ratio is then 0, or infinite, its log variance
infinite; the corrected counts give the finite bound), and for a single
stratum with a side all positive, where Katz's variance loses that side's term
(60 of 60 won would have the width of the others alone).

That width is too narrow far out in the tail: 60 records all positive against
a base rate of 84 % give Katz a z of 7.8 where the chance of it is that of a z
of 3.8. Whether a lift clears a bar is therefore also asked of the
Cochran-Mantel-Haenszel statistic (:func:`score_z`), whose variance is the one
the counts have when the criterion makes no difference, and which no such
group inflates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from statistics import NormalDist

import attrs

__all__ = ["Cell", "RateRatio", "mover_wilson", "rate_ratio", "score_z", "wilson", "z_for"]


def z_for(confidence: float) -> float:
    """The two-sided normal quantile: ``z_for(0.95)`` is 1.96."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(positives: float, n: float, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a rate ``positives / n`` (``(0, 1)`` when ``n`` is 0)."""
    if n <= 0:
        return (0.0, 1.0)
    p = positives / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(max(p * (1 - p) / n + z * z / (4 * n * n), 0.0)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@attrs.frozen
class Cell:
    """One stratum's counts: ``a`` positives of ``n1`` matched, ``c`` positives of ``n0`` not."""

    a: float
    n1: float
    c: float
    n0: float


@attrs.frozen
class RateRatio:
    """A pooled rate ratio (matched against not matched) and its interval on the log scale;
    ``cell`` the counts when one stratum alone compares anything; ``anchor`` the
    Haldane-corrected ratio the log interval is centred on when ``ratio`` is 0 or infinite."""

    ratio: float
    log_se: float
    cell: Cell | None = None
    anchor: float | None = None

    def interval(self, z: float) -> tuple[float, float]:
        """``(low, high)`` at the normal quantile ``z`` (1.96 for 95 %), on the log scale
        (Katz's for one stratum): what the search's bars are read on. A ratio of 0 has no
        lower bound above 0, an infinite one no upper bound."""
        if not math.isfinite(self.log_se):
            return (0.0, math.inf)
        finite = 0 < self.ratio < math.inf
        centre = math.log(self.ratio if finite or self.anchor is None else self.anchor)
        low = 0.0 if self.ratio == 0 else math.exp(centre - z * self.log_se)
        high = math.inf if math.isinf(self.ratio) else math.exp(centre + z * self.log_se)
        return (low, high)

    def reported(self, z: float) -> tuple[float, float]:
        """The interval the evidence states: MOVER-R Wilson's (:func:`mover_wilson`) for
        one stratum, where Katz's covers the lift of a group nearly all positive against
        a large rest as seldom as 90 % of the time; Greenland-Robins' log interval
        (:meth:`interval`) across strata."""
        if self.cell is None:
            return self.interval(z)
        return mover_wilson(self.cell, z)


def mover_wilson(cell: Cell, z: float) -> tuple[float, float]:
    """The MOVER-R Wilson interval of the rate ratio of one stratum (Donner and Zou, 2012):
    each rate's Wilson interval, recombined for their ratio. Fagerland, Lydersen and Laake
    recommend it for the ratio of two proportions; it keeps its level where a rate nears 0
    or 1. The book's example (7 of 34 against 1 of 34):

    >>> [round(x, 4) for x in mover_wilson(Cell(a=7, n1=34, c=1, n0=34), 1.959964)]
    [1.1537, 41.9763]
    """
    p1, p0 = cell.a / cell.n1, cell.c / cell.n0
    l1, u1 = wilson(cell.a, cell.n1, z)
    l0, u0 = wilson(cell.c, cell.n0, z)
    both = p1 * p0
    below = u0 * (2 * p0 - u0)
    low = (both - math.sqrt(max(both * both - l1 * u0 * (2 * p1 - l1) * (2 * p0 - u0), 0.0))) / below
    above = l0 * (2 * p0 - l0)
    if above <= 0:
        return (max(0.0, low), math.inf)
    high = (both + math.sqrt(max(both * both - u1 * l0 * (2 * p1 - u1) * (2 * p0 - l0), 0.0))) / above
    return (max(0.0, low), high if high >= 0 else math.inf)


def _terms(a: float, n1: float, c: float, n0: float) -> tuple[float, float, float]:
    """One stratum's Mantel-Haenszel numerator and denominator and Greenland-Robins' P term."""
    total = n1 + n0
    return a * n0 / total, c * n1 / total, (n1 * n0 * (a + c) - a * c * total) / (total * total)


def _empty(a: float, n1: float, c: float, n0: float) -> bool:
    """Whether a stratum has an empty cell: no positive, or no negative, on either side."""
    return a == 0 or c == 0 or a >= n1 or c >= n0


def rate_ratio(cells: Iterable[Cell]) -> RateRatio | None:
    """The Mantel-Haenszel rate ratio of ``cells`` (uncorrected: 0 when no matched record is
    positive, infinite when no other is), or ``None`` when no stratum compares anything or
    none holds a positive.

    Strata where one side is empty say nothing about the ratio and are left
    out. With one stratum this is the plain ratio and Katz's interval:

    >>> r = rate_ratio([Cell(a=30, n1=50, c=20, n0=100)])
    >>> round(r.ratio, 2), [round(x, 2) for x in r.interval(1.96)]
    (3.0, [1.91, 4.72])

    Twenty strata of 3 of 3 against 1 of 3 pool to 3, as each stratum has it:

    >>> round(rate_ratio([Cell(a=3, n1=3, c=1, n0=3)] * 20).ratio, 6)
    3.0
    """
    numerator = denominator = variance = 0.0
    fixed_numerator = fixed_denominator = fixed_variance = 0.0
    compared: list[Cell] = []
    for cell in cells:
        if cell.n1 <= 0 or cell.n0 <= 0:
            continue
        compared.append(cell)
        a, n1, c, n0 = cell.a, cell.n1, cell.c, cell.n0
        r, s, p = _terms(a, n1, c, n0)
        numerator, denominator, variance = numerator + r, denominator + s, variance + p
        if _empty(a, n1, c, n0):
            # Haldane's correction, for the width only (see the module's docstring).
            r, s, p = _terms(a + 0.5, n1 + 1, c + 0.5, n0 + 1)
        fixed_numerator += r
        fixed_denominator += s
        fixed_variance += p
    if not compared or (numerator <= 0 and denominator <= 0):
        return None
    alone = compared[0] if len(compared) == 1 else None
    degenerate = (
        numerator <= 0
        or denominator <= 0
        or (alone is not None and _empty(alone.a, alone.n1, alone.c, alone.n0))
    )
    if degenerate:
        log_variance = fixed_variance / (fixed_numerator * fixed_denominator)
    else:
        log_variance = variance / (numerator * denominator)
    ratio = numerator / denominator if denominator > 0 else math.inf
    anchor = fixed_numerator / fixed_denominator if not 0 < ratio < math.inf else None
    return RateRatio(ratio, math.sqrt(max(log_variance, 0.0)), alone, anchor)


def score_z(cells: Iterable[Cell]) -> float:
    """The Cochran-Mantel-Haenszel statistic of ``cells`` as a signed z (no continuity
    correction): matched positives above what the strata's rates predict, over their
    hypergeometric standard deviation when matching makes no difference; 0 when no stratum
    compares anything.

    Unlike Katz's interval, it does not shrink as a group's rate nears 0 or 1:

    >>> round(score_z([Cell(a=60, n1=60, c=455, n0=540)]), 2)
    3.31
    >>> r = rate_ratio([Cell(a=60, n1=60, c=455, n0=540)])
    >>> round(math.log(r.ratio) / r.log_se, 1)
    7.8
    """
    excess = variance = 0.0
    for cell in cells:
        n1, n0 = cell.n1, cell.n0
        total = n1 + n0
        if n1 <= 0 or n0 <= 0 or total <= 1:
            continue
        won = cell.a + cell.c
        excess += cell.a - n1 * won / total
        variance += n1 * n0 * won * (total - won) / (total * total * (total - 1))
    return excess / math.sqrt(variance) if variance > 0 else 0.0
