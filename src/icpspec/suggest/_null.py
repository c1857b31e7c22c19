"""The bars a criterion must clear on its own field, from the field's null distribution.

A number's candidates are ranges of bins cut by the values alone, so Bonferroni's
correction over the ranges tried is an honest (if cautious) bar, as long as the
statistic it is read on is normal under the null: the search asks it of the
Cochran-Mantel-Haenszel statistic as well as of Katz's interval, whose tail is far
heavier where a small group's rate nears 1 (see :mod:`._stats`). A text field's
values are tried as growing ``in`` lists *best rate first*: ordering the values by
their observed rates is itself a search over the ways of splitting them in two, and
Bonferroni over the lists tried undercounts it (on 224 of Salvirt's deals, 13 products
give 12 lists and a bar of 2.87, where the best list of outcomes drawn at random
clears 3.3 one time in twenty). For text and list fields the bar is therefore the
percentile of the best list's statistic (the smaller of the two) over outcomes drawn
independently of the field at the base rate, each draw run through the same ordering,
lists and support rule as the search. The draws are seeded by the field's name: the same records
give the same bar. The first criterion's bar is Bonferroni's over every candidate (a
condition and its complement counted once: one split of the records, one test);
a text field takes its splits' share of it on the tail of the same null, read as
that of as many independent tests as would put 5 % beyond the simulated percentile.
"""

from __future__ import annotations

import heapq
import math
import random
import zlib
from collections.abc import Sequence
from statistics import NormalDist

import attrs

from icpspec.model import FieldType

from ._search import MAX_VALUES, SHRINK, Candidate, Counter, bits
from ._stats import z_for

_NORMAL = NormalDist()

__all__ = ["DRAWS", "Bars", "best_list_z", "field_bars", "ordered_bar", "share_bar"]

#: Outcome draws per text field.
DRAWS = 2000
#: Past this many values a field gets fewer draws (never under ``MIN_DRAWS``): its bar is
#: far above any lift a real trait shows, and 20,000 values would otherwise take minutes.
MANY_VALUES = 200
MIN_DRAWS = 200


@attrs.frozen
class Bars:
    """The bar (a normal quantile) a criterion must clear on each field: ``first`` for the
    first criterion, ``later`` for each one after it."""

    first: dict[str, float]
    later: dict[str, float]


def field_bars(
    pool: Sequence[Candidate],
    positives: int,
    count: Counter,
    *,
    min_support: float,
    min_positives: float,
    alpha: float = 0.05,
) -> Bars:
    """The bars of every field of ``pool``.

    First criterion: Bonferroni over all ``pool``'s splits, so that with no signal at
    most ``alpha`` of runs write any; a text or list field gets, of that ``alpha``, the
    share of its splits, at its own null's tail. Later criteria: Bonferroni over the
    field's splits for numbers and booleans, :func:`ordered_bar` for text and lists,
    never below Bonferroni's bar.

    A condition and its complement are one split of the records, one two-sided test:
    a boolean's ``is true`` and ``is false``, a number's ``at most 40`` and ``at least
    41``, when no cell is blank. Bonferroni counts splits, not conditions.
    """
    everything = count.all
    splits: dict[str, set[int]] = {}
    columns = {}
    for candidate in pool:
        name = candidate.column.name
        splits.setdefault(name, set()).add(min(candidate.mask, everything & ~candidate.mask))
        columns[name] = candidate.column
    tried = {name: len(found) for name, found in splits.items()}
    every = len(set().union(*splits.values()))
    base = count(positives) / max(count(everything), 1e-9)
    z_first = z_for(1 - alpha / max(every, 1))
    first, later = {}, {}
    for name, n in tried.items():
        bar = z_for(1 - alpha / n)
        first[name] = z_first
        column = columns[name]
        if column.field.type not in (FieldType.INTEGER, FieldType.NUMBER, FieldType.BOOLEAN):
            by_value, known_rows = column.rows_by_value
            known = bits(known_rows, len(column.values))
            # Whole records, as the draws are: with --account a row weighs a fraction of one.
            sizes = [max(1, round(count.listed(by_value[key]))) for key in sorted(by_value, key=str)]
            ordered = ordered_bar(
                sizes,
                base,
                rest=round(count(everything & ~known)),  # blank cells: never in a list
                min_support=min_support,
                min_positives=min_positives,
                alpha=alpha,
                seed=zlib.crc32(name.encode()),
            )
            bar = max(bar, ordered)
            first[name] = max(z_first, share_bar(ordered, n / every))
        later[name] = bar
    return Bars(first, later)


def share_bar(bar: float, share: float) -> float:
    """The bar at ``share`` of the level of ``bar``, reading the null's tail beyond ``bar`` as
    that of as many independent tests as put that level there (their effective number).

    Upper tails are taken as lower ones (``cdf(-z)``), so that a bar of 8 or 30 standard
    errors keeps its precision; a tail too small for a float is a bar out of reach.

    >>> round(share_bar(1.96, 1.0), 2), round(share_bar(1.96, 0.1), 2)
    (1.96, 2.81)
    """
    tail = share * _NORMAL.cdf(-bar)
    # No lower than the bar (a share is at most the whole): inv_cdf(cdf(-7.5)) is 7.49996.
    return max(bar, -_NORMAL.inv_cdf(tail)) if tail > 0 else math.inf


def ordered_bar(
    sizes: Sequence[int],
    base: float,
    *,
    rest: int = 0,
    min_support: float,
    min_positives: float,
    alpha: float = 0.05,
    seed: int = 0,
    draws: int = DRAWS,
) -> float:
    """The ``1 - alpha`` quantile of the best list's z over ``draws`` null draws: the bar a
    field with no signal clears one time in twenty (``alpha`` 0.05).

    ``sizes`` are the records per value (``rest`` those with none); each draw gives every
    value ``Binomial(size, base)`` positives and runs :func:`best_list_z` on them. The
    quantile is one-sided because the ordering has already picked the direction: for two
    values the bar is 1.96, the old Bonferroni bar of the one list tried.
    """
    if len(sizes) > MANY_VALUES:  # each draw costs a few steps per value: bound the whole
        draws = max(MIN_DRAWS, draws * MANY_VALUES // len(sizes))
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, no secret
    found = sorted(
        best_list_z(
            sizes,
            [_binomial(rng, n, base) for n in sizes],
            rest=rest,
            rest_positives=_binomial(rng, rest, base),
            min_support=min_support,
            min_positives=min_positives,
        )
        for _ in range(draws)
    )
    return found[min(draws - 1, math.ceil((1 - alpha) * draws) - 1)]


def best_list_z(
    sizes: Sequence[float],
    wins: Sequence[float],
    *,
    rest: float = 0.0,
    rest_positives: float = 0.0,
    min_support: float,
    min_positives: float,
) -> float:
    """The highest z (the smaller of the log rate ratio over its standard error and the
    Cochran-Mantel-Haenszel statistic) of the growing lists the search tries on values with
    ``sizes`` records and ``wins`` positives (0 when none is tested)."""
    total = sum(sizes) + rest
    won = sum(wins) + rest_positives
    base = won / total if total else 0.0
    shown = min(MAX_VALUES, len(sizes) - 1)
    order = heapq.nsmallest(
        shown, range(len(sizes)), key=lambda i: -(wins[i] + SHRINK * base) / (sizes[i] + SHRINK)
    )
    best = 0.0
    matched = positive = 0.0
    for i in order:
        matched += sizes[i]
        positive += wins[i]
        if matched < min_support or positive < min_positives or matched >= total:
            continue
        best = max(best, _list_z(positive, matched, won, total))
    return best


def _list_z(a: float, n1: float, won: float, total: float) -> float:
    """The z a list must clear, as :meth:`Search.choose <icpspec.suggest._search.Search.choose>`
    asks it: the smaller of Katz's and the Cochran-Mantel-Haenszel statistic (one stratum),
    inlined as :func:`_katz_z` is.

    >>> from icpspec.suggest._stats import Cell, score_z
    >>> round(_list_z(60, 60, 515, 600), 9) == round(score_z([Cell(60, 60, 455, 540)]), 9)
    True
    >>> round(_list_z(30, 50, 50, 150), 9) == round(_katz_z(30, 50, 20, 100), 9)
    True
    """
    katz = _katz_z(a, n1, won - a, total - n1)
    if katz <= 0 or total <= 1:
        return 0.0
    variance = n1 * (total - n1) * won * (total - won) / (total * total * (total - 1))
    return min(katz, (a - n1 * won / total) / math.sqrt(variance)) if variance > 0 else 0.0


def _katz_z(a: float, n1: float, c: float, n0: float) -> float:
    """``rate_ratio`` of one stratum as a z (0 unless the ratio is above 1), inlined: the
    simulation asks for it some 100,000 times a field.

    >>> from icpspec.suggest._stats import Cell, rate_ratio
    >>> r = rate_ratio([Cell(30, 50, 20, 100)])
    >>> round(_katz_z(30, 50, 20, 100), 9) == round(math.log(r.ratio) / r.log_se, 9)
    True
    """
    if a == 0:  # a ratio of 0
        return 0.0
    ratio = (a * n0) / (c * n1) if c > 0 else math.inf
    if c == 0 or a >= n1 or c >= n0:  # Haldane's correction for the width, as rate_ratio
        a, c, n1, n0 = a + 0.5, c + 0.5, n1 + 1, n0 + 1
        if math.isinf(ratio):  # the interval's centre then: the corrected ratio
            ratio = (a * n0) / (c * n1)
    variance = 1 / a - 1 / n1 + 1 / c - 1 / n0
    return math.log(ratio) / math.sqrt(variance) if ratio > 1 and variance > 0 else 0.0


def _binomial(rng: random.Random, n: int, p: float) -> int:
    """A draw of Binomial(n, p): by inversion when few successes or failures are expected
    (a few steps each), else the normal approximation."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if p > 0.5:
        return n - _binomial(rng, n, 1 - p)
    if n * p < 10:
        u = rng.random()
        k, pmf = 0, (1 - p) ** n
        cumulative = pmf
        while cumulative < u and k < n:
            pmf *= (n - k) / (k + 1) * p / (1 - p)
            k += 1
            cumulative += pmf
        return k
    draw = round(n * p + math.sqrt(n * p * (1 - p)) * rng.gauss(0.0, 1.0))
    return min(max(draw, 0), n)
