"""The statistics of an evaluation, from counts: Wilson intervals, rate ratios, AUC.

Every function here takes counts (never records), so an evaluation of ten
million rows costs what one of ten thousand does. The methods are the
textbook ones, named so a statistician can check them:

* a rate's interval is Wilson's score interval (Wilson 1927; Agresti & Coull
  1998 recommend it over the Wald interval for small samples and rates near
  0 or 1);
* a ratio of two rates has Katz's log interval (Katz et al. 1978), with 0.5
  added to each cell when one is zero, a group with no positive or no
  negative (Haldane's correction);
* the ROC AUC counts ties at mid-rank (the Mann-Whitney U statistic divided by
  positives x negatives), and its interval is DeLong's (DeLong, DeLong &
  Clarke-Pearson 1988): a normal approximation whose variance comes from the
  placement values, ties counting one half, so it holds when scores take few
  values (a profile's always do; Hanley & McNeil's 1982 formula assumes no
  ties and overstates the error then), clipped to [0, 1];
* with ``--account``, each interval takes Kish's effective sample size
  (Kish 1965), ``(sum n_i)^2 / sum n_i^2`` over the rows ``n_i`` of each
  account (:func:`kish`), in place of its number of rows: Wilson's over it,
  Katz's with fractional cells (a rate times it), DeLong's with the
  effective numbers of positives and negatives dividing the placements'
  variances.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "Z95",
    "Auc",
    "Interval",
    "auc_from_counts",
    "kish",
    "pooled_auc",
    "rate_ratio",
    "wilson",
]

#: The normal quantile of a two-sided 95 % interval.
Z95 = 1.959963984540054


@attrs.frozen
class Interval:
    """A point estimate with its 95 % interval; all ``None`` when nothing estimates it."""

    value: float | None
    low: float | None
    high: float | None

    def holds(self, x: float) -> bool:
        """Whether ``x`` lies inside the interval (bounds included)."""
        return self.low is not None and self.high is not None and self.low <= x <= self.high

    def percent(self) -> str:
        """A rate and its interval as every report writes them: ``70% (64-75%)``, ``-`` for none.

        >>> Interval(0.7, 0.642, 0.751).percent(), NONE.percent()
        ('70% (64-75%)', '-')
        """
        if self.value is None:
            return "-"
        return f"{100 * self.value:.0f}% ({100 * (self.low or 0):.0f}-{100 * (self.high or 0):.0f}%)"


NONE = Interval(None, None, None)


def wilson(successes: float, n: float, z: float = Z95) -> Interval:
    """Wilson's score interval of ``successes`` out of ``n`` (``n`` may be an effective size).

    >>> i = wilson(8, 10)
    >>> round(i.value, 3), round(i.low, 4), round(i.high, 4)
    (0.8, 0.4902, 0.9433)
    """
    if n <= 0:
        return NONE
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At p = 0 or 1 the formula's bound is that end exactly; rounding must not move it.
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return Interval(p, low, high)


def rate_ratio(k1: float, n1: float, k2: float, n2: float, z: float = Z95) -> Interval:
    """The ratio of rates ``(k1/n1) / (k2/n2)`` with Katz's log interval.

    The interval is ``log(ratio) +- z * se`` with ``se**2 = 1/k1 - 1/n1 + 1/k2 - 1/n2``. A
    zero cell (a group with no positive, or with no negative) gets Haldane's correction (0.5
    added to each of the four cells) in ``se``, without which a group all positive gives an
    interval of width zero; the estimate is corrected only when it would be 0 or infinite, and
    the interval is always centred on the estimate, so it holds it. (It was centred on the
    corrected cells' ratio, which with ``--account``'s fractional cells, a rate times an
    effective size, could lie far from the estimate: 0.005 with an interval of 0.014-2.1.)
    ``None`` when either group is empty or both rates are 0.

    >>> r = rate_ratio(30, 100, 10, 100)
    >>> round(r.value, 2), round(r.low, 2), round(r.high, 2)
    (3.0, 1.55, 5.8)
    >>> r = rate_ratio(31, 31, 29, 29)  # both groups all positive
    >>> r.value, round(r.low, 2), round(r.high, 2)
    (1.0, 0.94, 1.07)
    """
    if n1 <= 0 or n2 <= 0 or (k1 <= 0 and k2 <= 0):
        return NONE
    value = None if k1 <= 0 or k2 <= 0 else (k1 / n1) / (k2 / n2)
    if value is not None and not 0.0 < value < math.inf:  # a fractional cell so small it underflows
        value = None
    if value is None or k1 >= n1 or k2 >= n2:
        k1, n1, k2, n2 = k1 + 0.5, n1 + 1.0, k2 + 0.5, n2 + 1.0
    if value is None:
        value = (k1 / n1) / (k2 / n2)
    se = math.sqrt(max(0.0, 1 / k1 - 1 / n1 + 1 / k2 - 1 / n2))
    log = math.log(value)
    # min and max: exp(log(value)) may round to either side of value. The exponent is kept
    # finite (a fractional cell of 1e-6 gives se ~ 1000), so the JSON holds numbers.
    low = math.exp(max(-_MAX_EXP, log - z * se))
    high = math.exp(min(_MAX_EXP, log + z * se))
    return Interval(value, min(value, low), max(value, high))


#: The largest exponent a ratio's bound is given (e**700 ~ 1e304).
_MAX_EXP = 700.0


def kish(sizes: Iterable[float]) -> float:
    """Kish's effective sample size of clusters of ``sizes`` rows: ``(sum n)^2 / sum n^2``.

    The number of independent rows that a mean over these rows is worth when rows of one cluster
    (an account) are alike: the number of clusters when they are of one size, less when they
    differ (one of 40 rows beside 40 of one row: 3.9, not 41), 1 for one cluster, 0 for none.

    >>> kish([2, 2, 2]), round(kish([40] + [1] * 40), 1), kish([])
    (3.0, 3.9, 0.0)
    """
    total = squares = 0.0
    for n in sizes:
        total += n
        squares += n * n
    return total * total / squares if squares > 0 else 0.0


@attrs.frozen
class Auc:
    """A ROC AUC with its DeLong 95 % interval and standard error."""

    value: float | None
    low: float | None
    high: float | None
    se: float | None
    positives: float
    negatives: float

    @property
    def interval(self) -> Interval:
        """The AUC as an :class:`Interval`."""
        return Interval(self.value, self.low, self.high)


#: The largest variance of a value in [0, 1]: taken for the placements of an outcome with one record.
_MAX_PLACEMENT_VAR = 0.25


def _delong(levels: Sequence[tuple[float, float]], a: float, effective: tuple[float, float]) -> float:
    """DeLong's standard error from ``(positives, negatives)`` per rank, lowest rank first.

    A positive's placement is the share of negatives ranked below it, those
    at its rank counting one half; a negative's, the share of positives
    ranked above it, likewise. The variance is ``S10 / m + S01 / n``, the
    sample variances (``m - 1`` and ``n - 1`` in the denominators) of the
    positives' and the negatives' placements over their numbers; records at
    one rank share one placement, so counts per rank suffice. With one record
    of an outcome, or its records all of one account (an effective size of 1),
    its placements' variance cannot be estimated and is taken at its largest,
    1/4, not 0. ``effective`` replaces ``m`` and ``n`` in the
    divisions (with ``--account``, Kish's effective sizes of the positives'
    and the negatives' accounts).
    """
    total_pos = sum(p for p, _ in levels)
    total_neg = sum(n for _, n in levels)
    below_neg = 0.0
    above_pos = total_pos
    ss10 = ss01 = 0.0
    for pos, neg in levels:
        above_pos -= pos
        if pos:
            ss10 += pos * ((below_neg + neg / 2) / total_neg - a) ** 2
        if neg:
            ss01 += neg * ((above_pos + pos / 2) / total_pos - a) ** 2
        below_neg += neg
    m, n = effective
    # One record of an outcome, or (with --account) one account: the spread of its placements
    # over independent draws is not there to estimate. An account's rows spread as they do
    # inside it, which says nothing of how a second account would place.
    s10 = ss10 / (total_pos - 1) if total_pos > 1 and m > 1 else _MAX_PLACEMENT_VAR
    s01 = ss01 / (total_neg - 1) if total_neg > 1 and n > 1 else _MAX_PLACEMENT_VAR
    return math.sqrt(max(0.0, s10 / m + s01 / n))


def auc_from_counts(
    cells: Iterable[tuple[float, float, float]],
    *,
    effective: tuple[float, float] | None = None,
    z: float = Z95,
) -> Auc:
    """The ROC AUC of a ranking given as ``(rank, positives, negatives)`` per distinct rank.

    Higher ranks are predicted more positive; a positive and a negative at the
    same rank count one half (ties at mid-rank), in the value and in DeLong's
    interval alike; cells of one rank may be given apart. ``effective``
    replaces the numbers of positives and negatives in the interval's
    variance: with ``--account``, Kish's effective sizes (:func:`kish`) of
    each outcome's rows per account. That is DeLong's variance scaled by a
    design effect, chosen over a variance of placements summed per account
    (Obuchowski 1997), which estimates from few accounts when a few hold
    most rows and then understates the error (with one account of 40 deals
    beside 40 of one deal, its 95 % interval held no signal 66-93 % of the
    time, this one 98-100 %), and which would keep each account's counts
    per rank.

    >>> a = auc_from_counts([(2, 3, 1), (1, 1, 3)])
    >>> a.value  # 9 pairs ranked right, 2 x 1.5 tied, of 16
    0.75
    >>> a = auc_from_counts([(1, 20, 5), (0, 80, 95)])  # heavy ties, as a profile's scores make
    >>> round(a.value, 3), round(a.se, 4), round(a.low, 3), round(a.high, 3)
    (0.575, 0.0229, 0.53, 0.62)
    """
    merged: dict[float, list[float]] = {}
    for rank, pos, neg in cells:
        level = merged.setdefault(rank, [0.0, 0.0])
        level[0] += pos
        level[1] += neg
    levels = [(pos, neg) for _, (pos, neg) in sorted(merged.items())]
    below = 0.0
    u = 0.0
    total_pos = total_neg = 0.0
    for pos, neg in levels:
        u += pos * (below + neg / 2)
        below += neg
        total_pos += pos
        total_neg += neg
    if total_pos <= 0 or total_neg <= 0:
        return Auc(None, None, None, None, total_pos, total_neg)
    a = u / (total_pos * total_neg)
    p_eff, n_eff = effective if effective is not None else (total_pos, total_neg)
    se = _delong(levels, a, (max(p_eff, 1.0), max(n_eff, 1.0)))
    return Auc(a, max(0.0, a - z * se), min(1.0, a + z * se), se, total_pos, total_neg)


def pooled_auc(aucs: Sequence[Auc], z: float = Z95) -> Auc:
    """The AUC pooled within strata: only pairs from one stratum are compared.

    It is the mean of the strata's AUCs weighted by their numbers of pairs
    (positives x negatives), which is exactly the share of within-stratum
    pairs ranked right; its variance is the sum of the strata's DeLong
    variances weighted by the squared weights (strata are independent
    samples).
    """
    usable = [a for a in aucs if a.value is not None and a.se is not None]
    pairs = sum(a.positives * a.negatives for a in usable)
    total_pos = sum(a.positives for a in aucs)
    total_neg = sum(a.negatives for a in aucs)
    if pairs <= 0:
        return Auc(None, None, None, None, total_pos, total_neg)
    value = sum(a.value * a.positives * a.negatives for a in usable if a.value is not None) / pairs
    var = sum((a.positives * a.negatives / pairs) ** 2 * (a.se or 0.0) ** 2 for a in usable)
    se = math.sqrt(var)
    return Auc(value, max(0.0, value - z * se), min(1.0, value + z * se), se, total_pos, total_neg)
