"""Counting records in constant memory: per verdict pattern, then per rank and per criterion.

Records arrive one at a time (from a file, a DataFrame, any iterable) or as
counts (from a database's aggregate query). Each is counted once, under its
stratum, its pattern of verdict codes and its outcome. Patterns are few (a
profile's verdicts take finitely many combinations, and real data shows
hundreds at most); should they ever grow past a bound, they are folded into
the marginal counts the figures are made from — counts per (group, rank,
outcome) and per (criterion, verdict, outcome) — which are exact sums, so
folding early changes nothing but memory.

Only two things grow with the data, both bounded by what the caller asks
for: the lowest-ranked positives kept for the *missed positives* list (a heap
of ``missed`` records), and, with ``units``, the rows of each outcome that
every account holds per group and per criterion verdict (bounded by the
number of accounts: the intervals' effective sizes and the too-few rules'
counts of accounts come from them).
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable

import attrs

from ._layout import Layout, PatternInfo

__all__ = ["Cell", "Marginals", "Tally"]

#: Verdict codes as the engine gives them.
MISSED, MATCHED, UNKNOWN = 0, 1, 2
#: Patterns counted before they are folded into marginal counts.
MAX_PATTERNS = 50_000


@attrs.define
class Cell:
    """Counts of one cell: negatives, positives, and the value column's sum and count."""

    neg: int = 0
    pos: int = 0
    value_sum: float = 0.0
    value_n: int = 0

    def add(self, other: Cell) -> None:
        """Add ``other``'s counts to these."""
        self.neg += other.neg
        self.pos += other.pos
        self.value_sum += other.value_sum
        self.value_n += other.value_n


@attrs.define
class Marginals:
    """The counts the figures are computed from, for one stratum (or all records).

    ``ranks[(group, rank)]`` (``rank`` is ``None`` for records left out of the
    ranking); ``verdicts[(criterion, verdict)]``; with units, the distinct
    units per group and per criterion verdict, each mapped to its rows there
    as ``[negatives, positives]``.
    """

    ranks: dict[tuple[int, float | None], Cell] = attrs.field(factory=dict)
    verdicts: dict[tuple[int, int], Cell] = attrs.field(factory=dict)
    group_units: dict[int, dict[Hashable, list[int]]] | None = None
    verdict_units: dict[tuple[int, int], dict[Hashable, list[int]]] | None = None


@attrs.frozen
class Missed:
    """One of the records of interest the profile ranks on the wrong end."""

    id: object
    line: int
    group: int
    rank: float
    codes: tuple[int, ...]


class Tally:
    """Counts of an evaluation, per stratum (``None`` when there are no strata).

    ``bad`` says the outcome of interest is the positive one to avoid: the
    missed list then keeps the positives ranked *highest*.
    """

    def __init__(self, layout: Layout, *, units: bool = False, missed: int = 20, bad: bool = False) -> None:
        self.layout = layout
        self.units = units
        self._patterns: dict[tuple[Hashable, Hashable], Cell] = {}
        self._infos: dict[Hashable, PatternInfo] = {}
        self._marginals: dict[Hashable, Marginals] = {}
        self._missed_k = missed
        self._sign = -1.0 if bad else 1.0
        self._heap: list[tuple[float, int, Missed]] = []

    def info(self, key: Hashable) -> PatternInfo | None:
        """What a pattern means, once :meth:`learn` was told."""
        return self._infos.get(key)

    def learn(self, key: Hashable, info: PatternInfo) -> PatternInfo:
        """Remember what a pattern means (its group, rank and codes)."""
        self._infos[key] = info
        return info

    def add(
        self,
        stratum: Hashable,
        key: Hashable,
        y: int,
        *,
        count: int = 1,
        value_sum: float = 0.0,
        value_n: int = 0,
    ) -> None:
        """Count ``count`` records of ``stratum`` with pattern ``key`` and outcome ``y``."""
        cell = self._patterns.get((stratum, key))
        if cell is None:
            if len(self._patterns) >= MAX_PATTERNS:
                self._fold()
            cell = self._patterns[(stratum, key)] = Cell()
        if y:
            cell.pos += count
        else:
            cell.neg += count
        if value_n:
            cell.value_sum += value_sum
            cell.value_n += value_n

    def add_unit(self, stratum: Hashable, info: PatternInfo, y: int, unit: Hashable) -> None:
        """Count a record of outcome ``y`` in ``info``'s cells for ``unit`` (an account)."""
        slot = 1 if y else 0
        for key in (stratum, _ALL) if stratum is not None else (_ALL,):
            m = self._marginal(key)
            assert m.group_units is not None
            assert m.verdict_units is not None
            counts = m.group_units.setdefault(info.group, {}).get(unit)
            if counts is None:
                counts = m.group_units[info.group][unit] = [0, 0]
            counts[slot] += 1
            for ci, code in enumerate(info.codes):
                units = m.verdict_units.setdefault((ci, code), {})
                counts = units.get(unit)
                if counts is None:
                    counts = units[unit] = [0, 0]
                counts[slot] += 1

    def consider_missed(self, info: PatternInfo, seq: int, line: int, record_id: object) -> None:
        """Keep a record of interest if it is among the ``missed`` worst ranked so far."""
        if info.rank is None or self._missed_k <= 0:
            return
        worst = self._sign * info.rank  # lower is worse
        heap = self._heap
        if len(heap) < self._missed_k:
            heapq.heappush(heap, (-worst, -seq, Missed(record_id, line, info.group, info.rank, info.codes)))
        elif -worst > heap[0][0]:
            item = (-worst, -seq, Missed(record_id, line, info.group, info.rank, info.codes))
            heapq.heapreplace(heap, item)

    def missed(self) -> list[Missed]:
        """The records kept, worst ranked first (file order among ties)."""
        return [m for _, _, m in sorted(self._heap, key=lambda item: (-item[0], -item[1]))]

    def _marginal(self, key: Hashable) -> Marginals:
        m = self._marginals.get(key)
        if m is None:
            m = self._marginals[key] = Marginals()
            if self.units:
                m.group_units, m.verdict_units = {}, {}
        return m

    def _fold(self) -> None:
        for (stratum, key), cell in self._patterns.items():
            info = self._infos[key]
            targets = [self._marginal(_ALL)]
            if stratum is not None:
                targets.append(self._marginal(stratum))
            for m in targets:
                m.ranks.setdefault((info.group, info.rank), Cell()).add(cell)
                for ci, code in enumerate(info.codes):
                    c = m.verdicts.setdefault((ci, code), Cell())
                    c.neg += cell.neg
                    c.pos += cell.pos
        self._patterns.clear()

    def marginals(self) -> tuple[Marginals, dict[Hashable, Marginals]]:
        """The counts of all records, and of each stratum (in the order first seen)."""
        self._fold()
        everything = self._marginal(_ALL)
        strata = {k: m for k, m in self._marginals.items() if k is not _ALL}
        return everything, strata


class _AllRecords:
    """The key of the marginals of every record, whatever the strata are called."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ALL"


_ALL: Hashable = _AllRecords()
