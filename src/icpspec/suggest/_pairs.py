"""Pairs: a criterion met where two chosen criteria hold together, when together they matter
more than the sum of the two (an interaction).

A profile adds a weight per criterion met, so on its own it cannot say that two
traits matter *together*: on a phone company's churn data, many calls to customer
service go with churn when the customer uses the phone little (a complaint nobody
solved), not when they use it a lot. A tree finds such a pair; a sum of single
conditions does not, and on those data trails gradient boosting by 0.040 AUC held
out (``benchmarks/bench_suggest.py``).

A pair is ``all`` of two chosen criteria on different fields, or of one and the
``not`` of the other, or of both ``not`` (a criterion's ``not`` only where its field
has no blank in the searched records, so that it is the criterion's plain complement):
``calls at least 4`` and ``not (minutes at least 247.5)``. Only chosen criteria are
paired, so a pair brings no new column, nor a new cut of one, into the profile. It is
tested as an interaction should be: by Rao's score test for adding it to the
logistic regression that weighs the chosen criteria (:mod:`~icpspec.suggest._fit`),
which holds both halves already, so a pair whose halves only add up is no
finding. A negative interaction is a positive one of another combination (less
than the sum where both hold is more than it where one holds and the other not),
so only pairs that raise the rate are written. The bar is Bonferroni's over every
combination with ``min_support`` records and ``min_positives`` positives, and the
pair's own lift must point the same way (above 1), as every later criterion's must. The
strongest is taken, the regression refitted, and the search goes on, up to
``max_pairs``. A pair's records are whole strata of the criteria it pairs, so it
has no lift *given* them: its evidence states its own lift and the interaction's
statistic and bar instead. Every statistic comes from the counts per pattern of criteria
met, so a test costs the patterns, not the records.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from icpspec.model import AllOf, Condition, Not

from ._fit import ScoreTest, fit
from ._search import Candidate, Search, by_pattern, members
from ._stats import z_for
from ._steps import Step

__all__ = ["pairs"]


@attrs.frozen
class _Half:
    """A chosen criterion (``index`` among them) or, with ``negated``, its complement."""

    index: int
    candidate: Candidate
    negated: bool

    def mask(self, everything: int) -> int:
        return everything & ~self.candidate.mask if self.negated else self.candidate.mask

    def met(self, signature: int) -> bool:
        return bool(signature >> self.index & 1) != self.negated

    @property
    def condition(self) -> Condition:
        return Not(self.candidate.condition) if self.negated else self.candidate.condition

    @property
    def text(self) -> str:
        return f"not ({self.candidate.text})" if self.negated else self.candidate.text


def pairs(
    search: Search,
    chosen: Sequence[Step],
    *,
    max_pairs: int,
    min_support: float,
    min_positives: float,
    alpha: float = 0.05,
) -> tuple[list[Step], int]:
    """``chosen`` and, after it, up to ``max_pairs`` pair criteria of its criteria (see the
    module); and how many combinations were tested, the count Bonferroni's bar is over."""
    out = list(chosen)
    if max_pairs <= 0:
        return out, 0
    count, positives = search.count, search.positives
    everything = count.all
    n = count(everything)
    halves = []
    for index, (candidate, _, _) in enumerate(chosen):
        halves.append(_Half(index, candidate, False))
        if candidate.known & everything == everything:  # no blank: its 'not' is its complement
            halves.append(_Half(index, candidate, True))
    combos: list[tuple[_Half, _Half, int]] = []
    for a, b in itertools.combinations(halves, 2):
        if a.candidate.column.name == b.candidate.column.name:
            continue
        ma, mb = a.mask(everything), b.mask(everything)
        both = ma & mb
        matched = count(both)
        if both in (ma, mb) or not min_support <= matched < n or count(both & positives) < min_positives:
            continue
        combos.append((a, b, both))
    if not combos:
        return out, 0
    tested = len(combos)
    bar = z_for(1 - alpha / tested)
    while len(out) - len(chosen) < max_pairs:
        masks = [c.mask for c, _, _ in out]
        taken = set(masks)
        groups = by_pattern(masks, everything)
        patterns = [(key, count(g & positives), count(g)) for key, g in groups.items()]
        test = ScoreTest(patterns, len(masks), fit(patterns, len(masks)))
        # The patterns each half is met in, as a bit set over the patterns' places.
        met = {
            (half.index, half.negated): sum(
                1 << place for place, (key, _, _) in enumerate(patterns) if half.met(key)
            )
            for half in halves
        }
        best: tuple[float, int] | None = None
        for order, (a, b, both) in enumerate(combos):
            if both in taken:
                continue
            z = test.z(members(met[a.index, a.negated] & met[b.index, b.negated]))
            if z >= bar and (best is None or (z, -order) > (best[0], -best[1])):
                best = (z, order)
        if best is None:
            break
        a, b, both = combos.pop(best[1])
        marginal = search.ratio(both)
        if marginal is None or marginal.ratio <= 1:
            # As for every criterion after the first, its own lift must point the same way:
            # records less often positive than the others are no trait of the positives.
            continue
        known = (a.candidate.known & b.candidate.known) | (a.candidate.known & ~a.mask(everything))
        known |= b.candidate.known & ~b.mask(everything)
        candidate = Candidate(
            a.candidate.column,
            AllOf((a.condition, b.condition)),
            f"{a.text} and {b.text}",
            both,
            known,
            partner=b.candidate.column,
            interaction=(best[0], bar),
            halves=(a.candidate.mask, b.candidate.mask),
        )
        # A pair's records are whole strata of its halves: no lift given them to state; its
        # evidence states the interaction's test instead (_finish._criterion).
        out.append((candidate, marginal, marginal))
    return out, tested
