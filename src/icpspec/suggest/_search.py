"""The search: candidate conditions per field, the greedy choice of criteria, disqualifiers, tiers.

Every count here is a weighted count of the training rows (a row weighs one,
or one over its account's number of rows with ``unit``), kept as Python
integers used as bit sets, so a candidate is tested against any set of strata
with a few ``&`` and ``bit_count()`` operations.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from icpspec.model import Between, Condition, ContainsAny, Equals, FieldType, In, Max, Min

from ._fit import fitted_log_odds, scorecard
from ._stats import Cell, RateRatio, rate_ratio, score_z, z_for
from ._table import Column

__all__ = [
    "Candidate",
    "Counter",
    "Search",
    "Selection",
    "bits",
    "by_pattern",
    "by_points",
    "candidates",
    "flags",
    "leak_auc",
    "members",
    "numeric_text",
    "one_sided",
    "ordered_auc",
    "split",
]

#: The normal quantile of a two-sided 95 % interval.
Z95 = z_for(0.95)
#: Quantile bins a numeric field is cut into; candidate ranges are runs of neighbouring bins.
BINS = 10
#: Values of a text field tried as growing ``in`` lists (best rates first).
MAX_VALUES = 30
#: Prior weight (in records) pulling a value's rate towards the base rate when values are ordered.
SHRINK = 10.0


def bits(rows: Iterable[int], size: int) -> int:
    """The bit set of ``rows`` (indices below ``size``), built in linear time.

    >>> bin(bits([0, 2, 3], 4))
    '0b1101'
    """
    bitmap = bytearray(size // 8 + 1)
    for row in rows:
        bitmap[row >> 3] |= 1 << (row & 7)
    return int.from_bytes(bitmap, "little")


class Counter:
    """Weighted counts of bit sets of rows: rows of an account weigh one over the account's rows."""

    def __init__(self, weights: Sequence[float]) -> None:
        rows: dict[float, list[int]] = {}
        for i, w in enumerate(weights):
            rows.setdefault(w, []).append(i)
        self._groups = sorted((w, bits(r, len(weights))) for w, r in rows.items())
        self._weights = weights if len(self._groups) > 1 else ()
        self.all = (1 << len(weights)) - 1

    def __call__(self, mask: int) -> float:
        if len(self._groups) == 1:
            return self._groups[0][0] * (mask & self._groups[0][1]).bit_count()
        return sum(w * (mask & g).bit_count() for w, g in self._groups)

    def listed(self, rows: Sequence[int]) -> float:
        """What ``self(bits(rows))`` gives, to the last bit, without building the set
        (``rows`` distinct)."""
        if len(self._groups) == 1:
            return self._groups[0][0] * len(rows)
        per: dict[float, int] = {}
        for row in rows:
            weight = self._weights[row]
            per[weight] = per.get(weight, 0) + 1
        return sum(w * per.get(w, 0) for w, _ in self._groups)

    def tallies(self, rows: Sequence[int], won: bytes) -> tuple[float, float]:
        """The weighted records and positives among ``rows`` (``won[row]`` 1 for a positive)."""
        return self.listed(rows), self.listed([row for row in rows if won[row]])


def flags(mask: int, size: int) -> bytes:
    """One byte per row below ``size``: 1 where ``mask`` holds the row.

    >>> list(flags(0b1101, 5))
    [1, 0, 1, 1, 0]
    """
    out = bytearray(size)
    for row in members(mask & ((1 << size) - 1)):
        out[row] = 1
    return bytes(out)


@attrs.frozen
class Candidate:
    """A condition on one field and the training rows it matches (``mask``) and knows (``known``)."""

    column: Column
    condition: Condition
    text: str
    mask: int
    known: int
    #: The second field of a pair criterion (:mod:`~icpspec.suggest._pairs`), else ``None``.
    partner: Column | None = None
    #: A pair's score statistic for mattering more than its halves add up to, and the bar it cleared.
    interaction: tuple[float, float] | None = None
    #: A pair's halves: the masks of the two criteria it pairs (its test held both).
    halves: tuple[int, ...] = ()


def numeric_text(value: float) -> str:
    """A bound as people write it, and exactly the one the condition holds: ``5``, ``2.5``,
    ``1,200``, never ``1.0755e+06`` nor ``280,231`` for 280,231.17 (the shortest digits that
    read back as the same number).

    >>> numeric_text(5.0), numeric_text(2.5), numeric_text(1200), numeric_text(1075500.23)
    ('5', '2.5', '1,200', '1,075,500.23')
    >>> numeric_text(280231.17), numeric_text(-0.5), numeric_text(1e-7), numeric_text(1.5e16)
    ('280,231.17', '-0.5', '0.0000001', '15,000,000,000,000,000')
    """
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    exact = decimal.Decimal(repr(float(value)))
    places = max(0, -exact.as_tuple().exponent)  # type: ignore[operator]
    return f"{exact:,.{places}f}"


def _ordered(
    by_value: Mapping[object, Sequence[int]], won: bytes, count: Counter, base: float
) -> list[object]:
    def shrunk(key: object) -> tuple[float, str]:
        records, positive = count.tallies(by_value[key], won)
        return (-(positive + SHRINK * base) / (records + SHRINK), str(key))

    return sorted(by_value, key=shrunk)


def candidates(column: Column, positives: int, count: Counter) -> list[Candidate]:
    """Every condition tried on ``column``: growing ``in`` lists, value ranges, list members."""
    by_value, known_rows = column.rows_by_value
    if len(by_value) < 2:
        return []
    size = len(column.values)
    known = bits(known_rows, size)
    base = count(positives) / max(count(count.all), 1e-9)
    field = column.name
    kind = column.field.type
    out: list[Candidate] = []
    if kind in (FieldType.INTEGER, FieldType.NUMBER):
        return _ranges(column, by_value, known, count)
    if kind == FieldType.BOOLEAN:
        for value in (True, False):
            if value in by_value:
                text = f"{column.column} is {str(value).lower()}"
                mask = bits(by_value[value], size)
                out.append(Candidate(column, Equals(field, value), text, mask, known))
        return out
    values = _ordered(by_value, flags(positives, size), count, base)[:MAX_VALUES]
    mask = 0
    for k, key in enumerate(values[: len(by_value) - 1]):
        mask |= bits(by_value[key], size)
        chosen = values[: k + 1]
        shown = sorted(column.display.get(str(v), str(v)) for v in chosen)
        if kind == FieldType.STRING_LIST:
            condition: Condition = ContainsAny(field, tuple(shown))
            text = f"{column.column} holds any of {', '.join(shown)}"
        else:
            condition = In(field, tuple(shown))
            text = f"{column.column} in {', '.join(shown)}"
        out.append(Candidate(column, condition, text, mask, known))
    return out


def _bin_values(by_value: Mapping[object, Sequence[int]], count: Counter) -> list[list[object]]:
    """A number's distinct values in ``BINS`` quantile bins by weight, lowest first (a value
    per bin when there are at most ``BINS``)."""
    distinct = sorted(by_value)  # type: ignore[type-var]
    weights = [count.listed(by_value[v]) for v in distinct]
    total = sum(weights)
    bins: list[list[object]] = [[]]
    filled = 0.0
    for value, weight in zip(distinct, weights, strict=True):
        # A value opens the next bin when its middle lies past the current bin's share, so a
        # heavy value is never swallowed by a light neighbour; few values: one bin each.
        if bins[-1] and (len(distinct) <= BINS or filled + weight / 2 > total * len(bins) / BINS):
            bins.append([])
        bins[-1].append(value)
        filled += weight
    return bins


def _ranges(
    column: Column, by_value: Mapping[object, Sequence[int]], known: int, count: Counter
) -> list[Candidate]:
    """Runs of neighbouring quantile bins, as ``min``, ``max`` or ``between``."""
    bins = _bin_values(by_value, count)
    size = len(column.values)
    masks = [bits((row for v in values for row in by_value[v]), size) for values in bins]
    out = []
    field, name = column.name, column.label
    last = len(bins) - 1
    for i in range(len(bins)):
        mask = 0
        for j in range(i, len(bins)):
            mask |= masks[j]
            if i == 0 and j == last:
                continue
            low, high = bins[i][0], bins[j][-1]
            condition: Condition
            if i == 0:
                condition, text = one_sided(column, high, up=False)  # type: ignore[arg-type]
            elif j == last:
                condition, text = one_sided(column, low, up=True)  # type: ignore[arg-type]
            else:
                condition = Between(field, low, high)  # type: ignore[arg-type]
                text = f"{name} between {numeric_text(low)} and {numeric_text(high)}"  # type: ignore[arg-type]
            out.append(Candidate(column, condition, text, mask, known))
    return out


def one_sided(column: Column, value: float, *, up: bool) -> tuple[Condition, str]:
    """``at least value`` (``up``) or ``at most value`` on a number, and how the spec's header
    reads it."""
    if up:
        return Min(column.name, value), f"{column.label} at least {numeric_text(value)}"
    return Max(column.name, value), f"{column.label} at most {numeric_text(value)}"


def leak_auc(column: Column, positives: int, count: Counter, *, minimum: float = 5) -> float | None:
    """How well ``column`` alone orders the training rows (AUC, the better direction), or ``None``.

    Text values are ordered by their own rate (their best possible order),
    numbers by value; blank cells are left out; ``None`` with fewer than
    ``minimum`` positives or negatives, and for list fields. Computed from counts, ties at
    mid-rank.
    """
    if column.field.type == FieldType.STRING_LIST:
        return None  # a record holds several members: no single order of records to judge
    by_value, known_rows = column.rows_by_value
    if len(by_value) < 2:
        return None
    size = len(column.values)
    known = bits(known_rows, size)
    p_total, n_total = count(known & positives), count(known & ~positives)
    if p_total < minimum or n_total < minimum:
        return None  # too few to tell a leak from luck
    won = flags(positives, size)
    # (positives, negatives) of each value, counted as count() counts a bit set
    tally = {
        key: (count.listed([r for r in rows if won[r]]), count.listed([r for r in rows if not won[r]]))
        for key, rows in by_value.items()
    }
    if column.field.type in (FieldType.INTEGER, FieldType.NUMBER):
        keys: list[object] = sorted(by_value)  # type: ignore[type-var]
    else:
        keys = sorted(by_value, key=lambda k: tally[k][0] / count.listed(by_value[k]))
    auc = _area(tally[key] for key in keys)
    return max(auc, 1 - auc)


def ordered_auc(groups: Iterable[int], positives: int, count: Counter) -> float:
    """The AUC of rows ranked group by group, lowest first (rows of one group tie: one half).

    The groups must hold both positive and negative rows between them.
    """
    return _area((count(group & positives), count(group & ~positives)) for group in groups)


def _area(groups: Iterable[tuple[float, float]]) -> float:
    """The AUC of groups of ``(positives, negatives)``, lowest first, ties one half."""
    area = below = above = 0.0
    for pos, neg in groups:
        area += pos * (below + neg / 2)
        below += neg
        above += pos
    return area / (above * below)


@attrs.define
class Search:
    """The training rows' outcome, strata and counter; tests candidates against them."""

    positives: int
    count: Counter
    strata: list[int]

    def cells(self, mask: int, strata: Iterable[int]) -> list[Cell]:
        """The 2x2 counts of ``mask`` against the rest within each of ``strata``."""
        count, positives = self.count, self.positives
        out = []
        for stratum in strata:
            inside = mask & stratum
            a, n1 = count(inside & positives), count(inside)
            m1, total = count(stratum & positives), count(stratum)
            out.append(Cell(a, n1, m1 - a, total - n1))
        return out

    def ratio(self, mask: int, strata: Iterable[int] | None = None) -> RateRatio | None:
        """The Mantel-Haenszel rate ratio of ``mask`` within ``strata`` (default: the base strata)."""
        return rate_ratio(self.cells(mask, self.strata if strata is None else strata))

    def restricted(self, rows: int) -> Search:
        """The same search on ``rows`` only (a cross-validation fold's training part)."""
        return Search(self.positives & rows, self.count, [part for s in self.strata if (part := s & rows)])

    def choose(
        self,
        pool: Sequence[Candidate],
        *,
        max_criteria: int,
        first: Mapping[str, float],
        later: Mapping[str, float] | None = None,
    ) -> list[tuple[Candidate, RateRatio, RateRatio]]:
        """Forward selection: each step takes, among the candidates whose lift given the
        criteria already chosen (as strata) clears the candidate's field's bar, the one with
        the strongest evidence of that lift (the highest Cochran-Mantel-Haenszel statistic,
        :func:`~icpspec.suggest._stats.score_z`).

        Clearing a bar takes both the lift's interval and that statistic past it: Katz's
        interval alone lets a small group whose records are (nearly) all positive through
        (60 of 60 against a base rate of 84 %: a z of 7.8 for what chance does about one time
        in 16,000); with no signal, 600 records and five in six positive, 16 of 120 runs wrote
        a criterion, now 1. The lift's 95 % interval the evidence states must lie above 1 too.

        The first criterion's bar is its field's in ``first``, and so is every later one's
        unless ``later`` gives a bar per field (both from
        :func:`~icpspec.suggest._null.field_bars`). A field's bar pays for the ranges or
        lists tried on it; ranking by the statistic, not by the bound at that bar, makes it
        pay once (ranked by the bound, a number of 54 ranges lost to a yes/no field of
        weaker evidence). The statistic is also the same whichever outcome is called
        positive, where a rate ratio of the commoner outcome is squeezed towards 1.

        A later criterion is judged by its lift given those before it: a trait whose lift
        shows only given a stronger one it goes with (more accounts, more derogatory reports)
        is no weaker for that, and its own lift needs no interval above 1, only to point the
        same way (above 1): a trait whose own rate is lower would be written as a criterion
        while its records are the ones the data says to avoid (a disqualifier of the same
        condition). Its evidence states both lifts. A field may carry several criteria (a
        staircase: 'at least 500', then 'at least 2,000'), each adding lift given the others;
        a condition matching the same records as a chosen one adds nothing and is skipped.
        """
        chosen: list[tuple[Candidate, RateRatio, RateRatio]] = []
        strata = list(self.strata)
        marginal = {id(c): self.ratio(c.mask) for c in pool}
        taken: set[int] = set()
        while len(chosen) < max_criteria:
            best: tuple[float, float, int] | None = None
            pick: tuple[Candidate, RateRatio] | None = None
            for index, candidate in enumerate(pool):
                own = marginal[id(candidate)]
                if candidate.mask in taken or own is None or own.ratio <= 1:
                    continue
                bar = (later if chosen and later is not None else first)[candidate.column.name]
                cells = self.cells(candidate.mask, strata)
                rr = rate_ratio(cells)
                if rr is None or rr.interval(bar)[0] <= 1 or rr.reported(Z95)[0] <= 1:
                    continue
                z = score_z(cells)
                key = (z, rr.ratio, -index)
                if z >= bar and (best is None or key > best):
                    best, pick = key, (candidate, rr)
            if pick is None:
                break
            candidate, rr = pick
            found = marginal[id(candidate)]
            assert found is not None
            chosen.append((candidate, found, rr))
            taken.add(candidate.mask)
            strata = split(strata, candidate.mask)
        return chosen

    def weights(self, masks: Sequence[int], rows: int | None = None) -> list[int]:
        """Scorecard weights of ``masks`` (a logistic regression on ``rows``, default all)."""
        rows = self.count.all if rows is None else rows
        count, positives = self.count, self.positives
        patterns = [(key, count(g & positives), count(g)) for key, g in by_pattern(masks, rows).items()]
        return scorecard(fitted_log_odds(patterns, len(masks)))

    def auc(self, masks: Sequence[int], weights: Sequence[int], rows: int) -> float | None:
        """The AUC on ``rows`` of the score that adds ``weights[i]`` where ``masks[i]`` matches
        (ties count one half); ``None`` without both outcomes."""
        count, positives = self.count, self.positives
        if count(rows & positives) == 0 or count(rows & ~positives) == 0:
            return None
        by_score = by_points(masks, weights, rows)
        return ordered_auc((by_score[points] for points in sorted(by_score)), positives, count)

    def cross_validated(
        self,
        pool: Sequence[Candidate],
        folds: Sequence[int],
        *,
        max_criteria: int,
        first: Mapping[str, float],
        later: Mapping[str, float],
    ) -> Selection | None:
        """What folds of the training rows say of :meth:`choose` (with the ``later`` bars).

        Each fold's rows are left out, the criteria chosen on the rest, and the
        profile made of the first k of them (k from 0 to ``max_criteria``) ranks
        the fold's rows. ``length`` is the k that ranks best on average (the
        fewest within 0.001 of the best); ``fields`` are those chosen in a
        majority of the folds, so that a column that helps one sample by chance
        is not kept. ``None`` when no fold has both outcomes.
        """
        per_fold: list[list[float]] = []
        picked: dict[str, int] = {}
        everything = self.count.all
        for fold in folds:
            baseline = self.auc([], [], fold)  # the fold's own outcomes, not the inner search's
            if baseline is None:
                continue
            inner = self.restricted(everything & ~fold)
            chosen = inner.choose(pool, max_criteria=max_criteria, first=first, later=later)
            for name in {c.column.name for c, _, _ in chosen}:  # a staircase counts once a fold
                picked[name] = picked.get(name, 0) + 1
            masks = [c.mask for c, _, _ in chosen]
            weights = inner.weights(masks, everything & ~fold)
            aucs = []
            for k in range(max_criteria + 1):
                used = min(k, len(chosen))
                found = self.auc(masks[:used], weights[:used], fold)
                aucs.append(baseline if found is None else found)
            per_fold.append(aucs)
        if not per_fold:
            return None
        means = [sum(f[k] for f in per_fold) / len(per_fold) for k in range(max_criteria + 1)]
        best = max(means)
        length = next(k for k, m in enumerate(means) if m >= best - 0.001)
        majority = len(per_fold) // 2 + 1
        return Selection(length, frozenset(name for name, n in picked.items() if n >= majority))


@attrs.frozen
class Selection:
    """What cross-validation says: how many criteria to keep, and the fields chosen consistently."""

    length: int
    fields: frozenset[str]


def split(strata: Iterable[int], mask: int) -> list[int]:
    """Each of ``strata`` cut in two by ``mask`` (the rows it holds, the rest), empty parts left out.

    >>> split([0b1111, 0b110000], 0b0101)
    [5, 10, 48]
    """
    return [part for stratum in strata for part in (stratum & mask, stratum & ~mask) if part]


def by_pattern(masks: Sequence[int], rows: int) -> dict[int, int]:
    """The ``rows`` grouped by which of ``masks`` hold them (bit ``i`` of a key for ``masks[i]``).

    The groups are split mask by mask while there are at most 4,096 of them, a few
    operations per group, not per row; past that the rows are sorted one by one.
    """
    groups = {0: rows} if rows else {}
    for i, mask in enumerate(masks):
        if len(groups) > 4096:
            return _by_pattern_rows(masks, rows)
        split: dict[int, int] = {}
        for key, group in groups.items():
            if inside := group & mask:
                split[key | 1 << i] = inside
            if outside := group & ~mask:
                split[key] = outside
        groups = split
    return groups


def _by_pattern_rows(masks: Sequence[int], rows: int) -> dict[int, int]:
    size = rows.bit_length()
    keys = [0] * size
    for i, mask in enumerate(masks):
        for row in members(mask & rows):
            keys[row] |= 1 << i
    grouped: dict[int, list[int]] = {}
    for row in members(rows):
        grouped.setdefault(keys[row], []).append(row)
    return {key: bits(found, size) for key, found in grouped.items()}


def by_points(masks: Sequence[int], weights: Sequence[int], rows: int) -> dict[int, int]:
    """The ``rows`` by score, where a row scores ``weights[i]`` for each ``masks[i]`` it is in."""
    out: dict[int, int] = {}
    for key, group in by_pattern(masks, rows).items():
        points = sum(w for i, w in enumerate(weights) if key >> i & 1)
        out[points] = out.get(points, 0) | group
    return out


def members(mask: int) -> Iterator[int]:
    """The indices of the bits set in ``mask``, in order, in linear time."""
    for index, byte in enumerate(mask.to_bytes((mask.bit_length() + 7) // 8, "little")):
        rest = byte
        while rest:
            low = rest & -rest
            yield index * 8 + low.bit_length() - 1
            rest ^= low
