"""Pairs: a criterion met where conditions on two chosen fields hold together (an interaction).

A profile adds a weight per criterion met, so on its own it cannot say that two
traits matter *together*: on a phone company's churn data, many calls to customer
service go with churn when the customer uses the phone little (a complaint nobody
solved), not when they use it a lot. A tree finds such a pair; a sum of single
conditions does not, and on those data trails gradient boosting by 0.040 AUC held
out (``benchmarks/bench_suggest.py``). A pair criterion is ``all`` of two
one-sided conditions (``calls at least 4`` and ``day minutes at most 179.7``),
or ``not`` of that ``all`` where the pair lowers the rate: the profile's weights
are never negative, and a score that loses points where both hold ranks records
as one that gains them everywhere else.

Only fields the search has already chosen are paired, so a pair brings no new
column into the profile: a noise column cannot enter through one. Each field's
conditions are one-sided: a number at least or at most each of its quantile bins'
bounds, a yes/no field's values, a text field's values in order of their rate as
growing ``in`` lists from either end (list fields are not paired: a record holds
several members). For each two fields, every record is put in the cell of its
two levels, and every pair of conditions is a rectangle of cells, so the positives
matched and those the strata of the chosen criteria predict are found from
cumulative sums, for all pairs at once, in time linear in the records. The
strongest are then tested exactly (:meth:`~icpspec.suggest._search.Search.cells`),
as the search tests a single condition, at Bonferroni's bar over every pair of
conditions with enough support: the lift given every criterion chosen before
must clear it, and its 95 % interval lie above 1; and each half must move the
rate the pair's way among the records meeting the other. The strongest is
taken, the strata are split by it, and the search goes on, up to ``max_pairs``.
"""

from __future__ import annotations

import heapq
import itertools
import math
from array import array
from collections.abc import Iterator, Sequence

import attrs

from icpspec.model import AllOf, Condition, Equals, FieldType, In, Not

from ._search import (
    MAX_VALUES,
    Candidate,
    Search,
    bin_values,
    bits,
    flags,
    members,
    one_sided,
    ordered,
    split,
)
from ._stats import rate_ratio, score_z, z_for
from ._steps import Step
from ._table import Column

__all__ = ["EXACT", "pairs"]

Z95 = z_for(0.95)
#: Pairs tested exactly at each step: the strongest by the cumulative sums' statistic.
EXACT = 20
#: One condition of a field: its run of levels ``lo`` to ``hi``, the condition, its text.
_Condition = tuple[int, int, Condition, str]


@attrs.frozen
class _Levels:
    """A field's records in ordered levels (``-1`` for a blank), and its one-sided conditions,
    each a run of levels ``lo`` to ``hi``."""

    column: Column
    level: array[int]
    size: int
    conditions: list[_Condition]
    masks: list[int]  # the rows of each level
    known: int

    def mask(self, lo: int, hi: int) -> int:
        out = 0
        for m in self.masks[lo : hi + 1]:
            out |= m
        return out


def _levels(column: Column, search: Search) -> _Levels | None:
    """``column``'s levels and conditions, or ``None`` for a list field or one with fewer than
    two values."""
    kind = column.field.type
    by_value, known_rows = column.rows_by_value
    if kind == FieldType.STRING_LIST or len(by_value) < 2:
        return None
    rows = len(column.values)
    count = search.count
    conditions: list[_Condition] = []
    if kind in (FieldType.INTEGER, FieldType.NUMBER):
        groups = bin_values(by_value, count)
        last = len(groups) - 1
        for j in range(last):
            condition, text = one_sided(column, groups[j][-1], up=False)  # type: ignore[arg-type]
            conditions.append((0, j, condition, text))
        for i in range(1, last + 1):
            condition, text = one_sided(column, groups[i][0], up=True)  # type: ignore[arg-type]
            conditions.append((i, last, condition, text))
    elif kind == FieldType.BOOLEAN:
        groups = [[v] for v in (True, False) if v in by_value]
        if len(groups) < 2:
            return None
        for i, (value,) in enumerate(groups):
            text = f"{column.column} is {str(value).lower()}"
            conditions.append((i, i, Equals(column.name, bool(value)), text))
    else:
        base = count(search.positives) / max(count(count.all), 1e-9)
        values = ordered(by_value, flags(search.positives, rows), count, base)
        groups = [[v] for v in values]
        last = len(values) - 1
        shown = [column.display.get(str(v), str(v)) for v in values]
        for k in range(min(MAX_VALUES, last)):
            for lo, hi in ((0, k), (last - k, last)):
                names = sorted(shown[lo : hi + 1])
                text = f"{column.column} in {', '.join(names)}"
                conditions.append((lo, hi, In(column.name, tuple(names)), text))
    level = array("i", [-1]) * rows
    masks = []
    for index, group in enumerate(groups):
        found = [row for value in group for row in by_value[value]]
        for row in found:
            level[row] = index
        masks.append(bits(found, rows))
    return _Levels(column, level, len(groups), conditions, masks, bits(known_rows, rows))


@attrs.frozen
class _Grid:
    """Two fields' rows known on both, each in its cell (``x``'s level times ``y``'s levels
    plus ``y``'s level), and the cumulative records and positives of the cells."""

    x: _Levels
    y: _Levels
    rows: array[int]
    cells: array[int]
    counts: list[float]  # records per cell
    records: list[list[float]]
    positives: list[list[float]]


def _grid(x: _Levels, y: _Levels, row_weight: Sequence[float], won: bytes) -> _Grid:
    rows, cells = array("I"), array("I")
    counts = [0.0] * (x.size * y.size)
    wins = [0.0] * (x.size * y.size)
    for row, (lx, ly) in enumerate(zip(x.level, y.level, strict=True)):
        if lx < 0 or ly < 0:
            continue
        cell = lx * y.size + ly
        rows.append(row)
        cells.append(cell)
        counts[cell] += row_weight[row]
        if won[row]:
            wins[cell] += row_weight[row]
    return _Grid(
        x, y, rows, cells, counts, _cumulative(counts, x.size, y.size), _cumulative(wins, x.size, y.size)
    )


def _cumulative(values: Sequence[float], nx: int, ny: int) -> list[list[float]]:
    """``out[i + 1][j + 1]``: the sum of ``values`` over levels ``<= i`` of x and ``<= j`` of y."""
    out = [[0.0] * (ny + 1) for _ in range(nx + 1)]
    for i in range(nx):
        row, above, here = values[i * ny : (i + 1) * ny], out[i], out[i + 1]
        running = 0.0
        for j in range(ny):
            running += row[j]
            here[j + 1] = above[j + 1] + running
    return out


def _sum(table: list[list[float]], xs: tuple[int, int], ys: tuple[int, int]) -> float:
    (x0, x1), (y0, y1) = xs, ys
    return table[x1 + 1][y1 + 1] - table[x0][y1 + 1] - table[x1 + 1][y0] + table[x0][y0]


@attrs.frozen
class _Pair:
    """Two fields' conditions, found together more (``sign`` 1) or less (-1) than expected."""

    z: float
    sign: int
    grid: _Grid
    x: _Condition
    y: _Condition


def pairs(
    search: Search,
    chosen: Sequence[Step],
    *,
    max_pairs: int,
    min_support: float,
    min_positives: float,
    alpha: float = 0.05,
) -> list[Step]:
    """``chosen`` and, after it, up to ``max_pairs`` pair criteria on its fields (see the module)."""
    names = list(dict.fromkeys(c.column.name for c, _, _ in chosen))
    if max_pairs <= 0 or len(names) < 2:
        return list(chosen)
    columns = {c.column.name: c.column for c, _, _ in chosen}
    levels = [found for name in names if (found := _levels(columns[name], search)) is not None]
    count, positives = search.count, search.positives
    size = len(chosen[0][0].column.values)
    row_weight = count.per_row(size)
    won = flags(positives, size)
    grids = [_grid(x, y, row_weight, won) for x, y in itertools.combinations(levels, 2)]
    support = _Support(min_support, min_positives, count(count.all))
    # Bonferroni over every pair of conditions with the support a criterion needs (a pair and
    # its complement are one split: one test).
    tested = sum(
        support.enough(_sum(g.records, (x0, x1), (y0, y1)), _sum(g.positives, (x0, x1), (y0, y1)))
        for g in grids
        for (x0, x1, _, _), (y0, y1, _, _) in itertools.product(g.x.conditions, g.y.conditions)
    )
    out = list(chosen)
    if not tested:
        return out
    bar = z_for(1 - alpha / tested)
    taken = {c.mask for c, _, _ in out}
    for _ in range(max_pairs):
        strata = list(search.strata)
        for c, _, _ in out:
            strata = split(strata, c.mask)
        expected, variance = _expected(strata, search, row_weight, size)
        pick: tuple[tuple[float, int], Step] | None = None
        for order, pair in enumerate(_strongest(grids, expected, variance, support)):
            step = _exact(search, strata, pair, bar=bar, taken=taken, support=support)
            if step is not None:
                key = (score_z(search.cells(step[0].mask, strata)), -order)
                if pick is None or key > pick[0]:
                    pick = (key, step)
        if pick is None:
            break
        out.append(pick[1])
        taken.add(pick[1][0].mask)
    return out


@attrs.frozen
class _Support:
    """What a criterion needs: ``records`` (weighted) matched, ``positives`` among them, and
    not every record."""

    records: float
    positives: float
    everything: float

    def enough(self, records: float, positives: float) -> bool:
        return self.records <= records < self.everything and positives >= self.positives


def _expected(
    strata: Sequence[int], search: Search, row_weight: Sequence[float], size: int
) -> tuple[array[float], array[float]]:
    """Each row's positives expected at its stratum's rate, and their binomial variance (both
    weighed as the row counts)."""
    expected, variance = array("d", [0.0]) * size, array("d", [0.0]) * size
    count, positives = search.count, search.positives
    for stratum in strata:
        total = count(stratum)
        if not total:
            continue
        rate = count(stratum & positives) / total
        for row in members(stratum):
            expected[row] = row_weight[row] * rate
            variance[row] = row_weight[row] * rate * (1 - rate)
    return expected, variance


def _strongest(
    grids: Sequence[_Grid], expected: Sequence[float], variance: Sequence[float], support: _Support
) -> list[_Pair]:
    """The ``EXACT`` pairs of conditions whose positives lie furthest from those the strata
    predict, in standard deviations (binomial: a little above the hypergeometric the exact
    test takes), strongest first."""

    def every() -> Iterator[_Pair]:
        for g in grids:
            cells = len(g.counts)
            e, v = [0.0] * cells, [0.0] * cells
            for row, cell in zip(g.rows, g.cells, strict=True):
                e[cell] += expected[row]
                v[cell] += variance[row]
            ce, cv = _cumulative(e, g.x.size, g.y.size), _cumulative(v, g.x.size, g.y.size)
            for cx, cy in itertools.product(g.x.conditions, g.y.conditions):
                xs, ys = (cx[0], cx[1]), (cy[0], cy[1])
                found = _sum(g.positives, xs, ys)
                spread = _sum(cv, xs, ys)
                if spread > 0 and support.enough(_sum(g.records, xs, ys), found):
                    z = (found - _sum(ce, xs, ys)) / math.sqrt(spread)
                    yield _Pair(abs(z), 1 if z > 0 else -1, g, cx, cy)

    return heapq.nlargest(EXACT, every(), key=lambda pair: pair.z)


def _exact(
    search: Search, strata: Sequence[int], pair: _Pair, *, bar: float, taken: set[int], support: _Support
) -> Step | None:
    """The pair as a criterion (``not`` of it for ``sign`` -1) if it clears ``bar`` given
    ``strata``, exactly as the search tests a single condition; else ``None``."""
    count, positives = search.count, search.positives
    g, (x0, x1, cx, tx), (y0, y1, cy, ty) = pair.grid, pair.x, pair.y
    mx, my = g.x.mask(x0, x1), g.y.mask(y0, y1)
    both = mx & my
    if both in (mx, my):
        return None  # one condition holds wherever the other does: no pair
    # Kleene's 'all': known where both are known, or where either is known to miss.
    known = (g.x.known & g.y.known) | (g.x.known & ~mx) | (g.y.known & ~my)
    condition: Condition = AllOf((cx, cy))
    text, mask = f"{tx} and {ty}", both
    if pair.sign < 0:
        condition, text, mask = Not(condition), f"not both {tx} and {ty}", known & ~both
    if mask in taken or not support.enough(count(mask), count(mask & positives)):
        return None
    cells = search.cells(mask, strata)
    given = rate_ratio(cells)
    marginal = search.ratio(mask)
    if given is None or marginal is None or marginal.ratio <= 1:
        return None
    if score_z(cells) < bar or given.interval(bar)[0] <= 1 or given.reported(Z95)[0] <= 1:
        return None
    # Each half must matter where the other holds: among the records meeting one condition, the
    # other moves the rate the pair's way (at 95 %, within --stratify's strata only: the chosen
    # criteria may hold the very condition). Else the pair is one field's condition in
    # disguise: 'calls at most 8 and minutes at least 243.2' was the minutes' step less the
    # few records with nine calls, who churn more.
    for part in (mx, my):
        if pair.sign * score_z(search.cells(both, [s & part for s in search.strata])) < Z95:
            return None
    return (Candidate(g.x.column, condition, text, mask, known, partner=g.y.column), marginal, given)
