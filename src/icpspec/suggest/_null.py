"""The bar a later criterion must clear on its own field, from the field's null distribution.

A number's candidates are ranges of bins cut by the values alone, so Bonferroni's
correction over the ranges tried is an honest (if cautious) bar. A text field's
values are tried as growing ``in`` lists *best rate first*: ordering the values by
their observed rates is itself a search over the ways of splitting them in two, and
Bonferroni over the lists tried undercounts it (on 224 of Salvirt's deals, 13 products
give 12 lists and a bar of 2.87, where the best list of outcomes drawn at random
clears 3.7 one time in twenty). For text and list fields the bar is therefore the
percentile of the best list's statistic over outcomes drawn independently of the
field at the base rate, each draw run through the same ordering, lists and support
rule as the search. The draws are seeded by the field's name: the same records
give the same bar.
"""

from __future__ import annotations

import math
import random
import zlib
from collections.abc import Sequence

from icpspec.model import FieldType

from ._search import MAX_VALUES, SHRINK, Candidate, Counter, value_masks
from ._stats import Cell, rate_ratio, z_for

__all__ = ["DRAWS", "best_list_z", "field_bars", "ordered_bar"]

#: Outcome draws per text field.
DRAWS = 2000


def field_bars(
    pool: Sequence[Candidate],
    positives: int,
    count: Counter,
    *,
    min_support: float,
    min_positives: float,
    alpha: float = 0.05,
) -> dict[str, float]:
    """The bar (a normal quantile) a later criterion must clear on each field of ``pool``.

    Numbers and booleans: Bonferroni over the field's candidates in ``pool``. Text and
    lists: :func:`ordered_bar` of the field's values, never below Bonferroni's bar.
    """
    tried: dict[str, int] = {}
    columns = {}
    for candidate in pool:
        name = candidate.column.name
        tried[name] = tried.get(name, 0) + 1
        columns[name] = candidate.column
    everything = count.all
    base = count(positives) / max(count(everything), 1e-9)
    bars = {}
    for name, n in tried.items():
        bar = z_for(1 - alpha / n)
        column = columns[name]
        if column.field.type not in (FieldType.INTEGER, FieldType.NUMBER, FieldType.BOOLEAN):
            by_value, _ = value_masks(column)
            sizes = [count(mask) for _, mask in sorted(by_value.items(), key=lambda kv: str(kv[0]))]
            rest = count(everything) - sum(sizes)  # blank cells: never in a list, always "others"
            ordered = ordered_bar(
                sizes,
                base,
                rest=max(rest, 0.0),
                min_support=min_support,
                min_positives=min_positives,
                alpha=alpha,
                seed=zlib.crc32(name.encode()),
            )
            bar = max(bar, ordered)
        bars[name] = bar
    return bars


def ordered_bar(
    sizes: Sequence[float],
    base: float,
    *,
    rest: float = 0.0,
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
    """The highest z (log rate ratio over its standard error) of the growing lists the search
    tries on values with ``sizes`` records and ``wins`` positives (0 when none is tested)."""
    total = sum(sizes) + rest
    won = sum(wins) + rest_positives
    base = won / total if total else 0.0
    order = sorted(range(len(sizes)), key=lambda i: -(wins[i] + SHRINK * base) / (sizes[i] + SHRINK))
    best = 0.0
    matched = positive = 0.0
    for i in order[: min(MAX_VALUES, len(sizes) - 1)]:
        matched += sizes[i]
        positive += wins[i]
        if matched < min_support or positive < min_positives or matched >= total:
            continue
        rr = rate_ratio([Cell(positive, matched, won - positive, total - matched)])
        if rr is not None and rr.ratio > 1 and rr.log_se > 0:
            best = max(best, math.log(rr.ratio) / rr.log_se)
    return best


def _binomial(rng: random.Random, n: float, p: float) -> float:
    """A draw of Binomial(n, p): exact for few expected positives or negatives, else normal."""
    trials = round(n)
    if trials <= 0:
        return 0.0
    if min(p, 1 - p) * trials < 10:
        return float(sum(rng.random() < p for _ in range(trials)))
    draw = round(trials * p + math.sqrt(trials * p * (1 - p)) * rng.gauss(0.0, 1.0))
    return float(min(max(draw, 0), trials))
