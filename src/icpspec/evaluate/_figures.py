"""From counts to figures: groups, the top and bottom, MadKudu's check, ranking, criteria."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import NamedTuple

from ._layout import Layout
from ._result import (
    LEAKAGE_AUC,
    MIN_POSITIVES,
    MIN_RECORDS,
    Bottom,
    Check,
    CheckStatus,
    CheckThresholds,
    CriterionFigures,
    Figures,
    Group,
    Ranking,
    Top,
    VerdictCell,
)
from ._stats import Interval, auc_from_counts, kish, rate_ratio, wilson
from ._tally import MATCHED, MISSED, UNKNOWN, Cell, Marginals

__all__ = ["compute_figures"]


def _div(a: float, b: float) -> float | None:
    return a / b if b else None


def _too_few(records: int, positives: int) -> bool:
    return records < MIN_RECORDS or positives < MIN_POSITIVES


def _too_few_of(n: int, k: int, units: Accounts | None) -> bool:
    """Too few to judge: by rows and positives, or with units by accounts and accounts with one."""
    return _too_few(units.accounts, units.with_pos) if units is not None else _too_few(n, k)


class Accounts(NamedTuple):
    """The accounts behind some rows (``--account``), counted two ways.

    ``accounts``, ``with_pos`` and ``with_neg`` count them: the tables show these, and the
    too-few rules read them. ``rows``, ``pos`` and ``neg`` are Kish's effective sizes
    (``(sum n)^2 / sum n^2`` over the accounts' rows, positives, negatives): the sizes the
    intervals take.
    """

    accounts: int
    with_pos: int
    with_neg: int
    rows: float
    pos: float
    neg: float


def _units(maps: Sequence[Mapping[Hashable, list[int]]]) -> Accounts:
    """The accounts of the union of ``maps`` (each account's ``[negatives, positives]``)."""
    if len(maps) == 1:
        merged: Mapping[Hashable, list[int]] = maps[0]
    else:
        union: dict[Hashable, list[int]] = {}
        for m in maps:
            for k, (neg, pos) in m.items():
                c = union.get(k)
                if c is None:
                    union[k] = [neg, pos]
                else:
                    c[0] += neg
                    c[1] += pos
        merged = union
    counts = merged.values()
    return Accounts(
        accounts=len(merged),
        with_pos=sum(1 for _, pos in counts if pos),
        with_neg=sum(1 for neg, _ in counts if neg),
        rows=kish(neg + pos for neg, pos in counts),
        pos=kish(pos for _, pos in counts),
        neg=kish(neg for neg, _ in counts),
    )


def _rate(k: int, n: int, effective: float | None) -> Interval:
    """A rate with its Wilson interval; with units, over Kish's effective size, not the rows.

    The point is the rows' (``k / n``); the interval is Wilson's for that rate over
    ``effective`` trials, so it always holds the point. Every interval under ``--account`` is
    made so: a share (rate, precision, base rate) over the effective size of its rows'
    accounts, ``(sum n_i)^2 / sum n_i^2`` with ``n_i`` the rows of account ``i`` among them
    (Kish 1965); the recall over that of their positives. It is the number of accounts when
    accounts are of one size, and less when they differ: one account of 40 deals beside 40 of
    one deal is worth 3.9 independent deals when an account's deals go alike, and the 41 the
    accounts number would cover a true rate only 44-77 % of the time (95 % asked; 99-100 %
    with Kish's size, simulated). It is the design effect of a worst case, deals of one
    account all alike; the price where they are not is a wider interval.
    """
    if effective is None or n == 0:
        return wilson(k, n)
    point = wilson(k, n)
    scaled = wilson(k / n * effective, effective)
    return Interval(point.value, scaled.low, scaled.high)


class _Calc:
    def __init__(self, layout: Layout, m: Marginals, bad: bool) -> None:
        self.layout = layout
        self.m = m
        self.bad = bad
        by_group: list[Cell] = [Cell() for _ in layout.groups]
        for (g, _), cell in m.ranks.items():
            by_group[g].add(cell)
        self.by_group = by_group
        self.n = sum(c.neg + c.pos for c in by_group)
        self.pos = sum(c.pos for c in by_group)
        self.value_total = sum(c.value_sum for c in by_group)
        #: With units: every account.
        self.all_units = self.units_of(layout.groups)
        self.base = _rate(self.pos, self.n, self.all_units.rows if self.all_units else None)
        #: With units: accounts ranked, and those with a good and with a bad outcome.
        self.rank_units: tuple[int, int, int] | None = None

    def units_of(self, names: Sequence[str]) -> Accounts | None:
        gu = self.m.group_units
        if gu is None:
            return None
        return _units([gu.get(self.layout.groups.index(g), {}) for g in names])

    def span(self, names: Sequence[str]) -> tuple[int, int, Interval]:
        """Records, positives and rate of the groups ``names`` together."""
        cells = [self.by_group[self.layout.groups.index(g)] for g in names]
        n = sum(c.neg + c.pos for c in cells)
        k = sum(c.pos for c in cells)
        units = self.units_of(names)
        return n, k, _rate(k, n, units.rows if units else None)

    def recall(self, k: int) -> Interval:
        """The share of positives that ``k`` is; with units, over the effective size of the positives.

        (Kish's, of each account's positives. Not the share of accounts with a positive in the
        group: that is another quantity, which a large account's many positives would leave far
        from the point.)
        """
        return _rate(k, self.pos, self.all_units.pos if self.all_units else None)

    def groups(self) -> tuple[Group, ...]:
        out = []
        cum_n = cum_k = 0
        base = self.base.value
        names = self.layout.groups
        for i, (name, cell) in enumerate(zip(names, self.by_group, strict=True)):
            n, k = cell.neg + cell.pos, cell.pos
            cum_n += n
            cum_k += k
            units = self.units_of([name])
            cum_units = self.units_of(names[: i + 1])
            rate = _rate(k, n, units.rows if units else None)
            cum_rate = _rate(cum_k, cum_n, cum_units.rows if cum_units else None)
            out.append(
                Group(
                    name=name,
                    records=n,
                    share=_div(n, self.n),
                    positives=k,
                    rate=rate,
                    lift=_div(rate.value, base) if rate.value is not None and base else None,
                    capture=_div(k, self.pos),
                    cumulative_records=cum_n,
                    cumulative_positives=cum_k,
                    cumulative_rate=cum_rate,
                    cumulative_lift=(
                        _div(cum_rate.value, base) if cum_rate.value is not None and base else None
                    ),
                    cumulative_capture=_div(cum_k, self.pos),
                    too_few=_too_few_of(n, k, units),
                    accounts=units.accounts if units else None,
                    value_sum=cell.value_sum if cell.value_n else None,
                    value_share=_div(cell.value_sum, self.value_total) if cell.value_n else None,
                    value_mean=_div(cell.value_sum, cell.value_n) if cell.value_n else None,
                )
            )
        return tuple(out)

    def ranking(self) -> Ranking:
        cells: dict[float, list[float]] = {}
        left_out = 0
        for (_, rank), cell in self.m.ranks.items():
            if rank is None:
                left_out += cell.neg + cell.pos
                continue
            c = cells.setdefault(rank, [0.0, 0.0])
            c[0] += cell.pos
            c[1] += cell.neg
        # The ranking's "good" records: positives, or negatives when the outcome is bad.
        good = [(r, (c[1] if self.bad else c[0]), (c[0] if self.bad else c[1])) for r, c in cells.items()]
        effective = None
        if self.m.group_units is not None:
            ranked_groups = sorted({gi for (gi, r) in self.m.ranks if r is not None})
            acc = _units([self.m.group_units.get(gi, {}) for gi in ranked_groups])
            # DeLong's variance over Kish's effective numbers of good and bad records.
            effective = (acc.neg, acc.pos) if self.bad else (acc.pos, acc.neg)
            good_n, bad_n = (acc.with_neg, acc.with_pos) if self.bad else (acc.with_pos, acc.with_neg)
            self.rank_units = (acc.accounts, good_n, bad_n)
        auc = auc_from_counts(good, effective=effective)
        total = sum(g + b for _, g, b in good)
        total_good = sum(g for _, g, _ in good)
        gains = [(0.0, 0.0)]
        seen: float = 0.0
        seen_good: float = 0.0
        for _, g, b in sorted(good, key=lambda c: -c[0]):
            seen += g + b
            seen_good += g
            gains.append((seen / total, seen_good / total_good if total_good else 0.0))
        ranks = tuple((r, int(c[0]), int(c[1])) for r, c in sorted(cells.items(), key=lambda kv: -kv[0]))
        return Ranking(auc, tuple(gains), int(total), left_out, ranks)

    def verdict_units(self, *cells: tuple[int, int]) -> Accounts | None:
        """With units: the accounts of criterion verdicts ``(criterion, code)`` together."""
        if self.m.verdict_units is None:
            return None
        return _units([self.m.verdict_units.get(cell, {}) for cell in cells])

    def verdict_cell(self, ci: int, code: int) -> VerdictCell:
        cell = self.m.verdicts.get((ci, code), Cell())
        n, k = cell.neg + cell.pos, cell.pos
        units = self.verdict_units((ci, code))
        rate = _rate(k, n, units.rows if units else None)
        return VerdictCell(n, k, rate, units.accounts if units else None)

    def criterion(self, ci: int) -> CriterionFigures:
        layout = self.layout
        matched, missed, unknown = (self.verdict_cell(ci, c) for c in (MATCHED, MISSED, UNKNOWN))
        total = matched.records + missed.records + unknown.records
        m_acc, x_acc = self.verdict_units((ci, MATCHED)), self.verdict_units((ci, MISSED))
        # With units, Katz's interval over each side's effective size (fractional cells).
        m_n = m_acc.rows if m_acc is not None else matched.records
        x_n = x_acc.rows if x_acc is not None else missed.records
        ratio = rate_ratio((matched.rate.value or 0.0) * m_n, m_n, (missed.rate.value or 0.0) * x_n, x_n)
        # The criterion's effect as the score sees it: matched against everything else.
        rest_n = missed.records + unknown.records
        rest_rate = _div(missed.positives + unknown.positives, rest_n)
        unknown_effect = None
        if matched.rate.value is not None and rest_rate is not None and missed.rate.value is not None:
            gap = matched.rate.value - rest_rate
            if abs(gap) > 1e-12:
                unknown_effect = (missed.rate.value - rest_rate) / gap
        findings: list[str] = []
        unknown_share = _div(unknown.records, total)
        if unknown_share is not None and unknown_share > 0.5:
            findings.append("mostly_unknown")
        # Too few: under MIN_RECORDS records (accounts) on either side, or under MIN_POSITIVES
        # of either outcome in the two sides together (with units: accounts with a positive,
        # accounts with a negative, as the verdict counts them; an account with both counts
        # for both). Not 5 positives on each side: the records of a disqualifier that works
        # rarely win (2 of 100, against 60 %), by design.
        both = self.verdict_units((ci, MATCHED), (ci, MISSED))
        if m_acc is not None and x_acc is not None and both is not None:
            sides = [m_acc.accounts, x_acc.accounts]
            positives, negatives = both.with_pos, both.with_neg
        else:
            sides = [matched.records, missed.records]
            positives = matched.positives + missed.positives
            negatives = sides[0] + sides[1] - positives
        small = any(n < MIN_RECORDS for n in sides) or min(positives, negatives) < MIN_POSITIVES
        disqualifier = layout.kinds[ci] == "disqualifier"
        if small:
            findings.append("too_few_to_judge")
        elif ratio.low is not None and ratio.high is not None:
            # Matching a criterion should raise the rate of good outcomes; a disqualifier lower it.
            wants_higher = not disqualifier
            if self.bad:
                wants_higher = not wants_higher
            if ratio.low <= 1 <= ratio.high:
                findings.append("does_not_separate")
            elif (ratio.high < 1) if wants_higher else (ratio.low > 1):
                findings.append("works_against_you")
        if unknown_effect is not None and unknown_effect > 0.5 and not small:
            findings.append("effect_mostly_from_unknowns")
        if (
            disqualifier
            and not _too_few(matched.records if matched.accounts is None else matched.accounts, 0)
            and matched.rate.low is not None
            and self.base.value is not None
            and (
                matched.rate.low > self.base.value
                if not self.bad
                else (matched.rate.high or 1.0) < self.base.value
            )
        ):
            findings.append(
                "disqualifier_above_base_rate" if not self.bad else "disqualifier_below_base_rate"
            )
        return CriterionFigures(
            id=layout.criteria[ci],
            kind=layout.kinds[ci],
            field=layout.fields[ci],
            matched=matched,
            missed=missed,
            unknown=unknown,
            unknown_share=unknown_share,
            ratio=ratio,
            unknown_effect=unknown_effect,
            findings=tuple(findings),
        )


def _check(
    calc: _Calc, top: Top, bottom: Bottom, thresholds: CheckThresholds, bad: bool, *, too_few: bool
) -> Check:
    """MadKudu's check; ``too_few`` (too few ranked records or outcomes) comes before any judgement."""
    base = calc.base.value
    if bad:
        catching, share, catch_n, catch_k = "bottom", bottom.share, bottom.records, bottom.positives
        recall = calc.recall(bottom.positives)
        ratio_parts = (bottom.rate, bottom.records, top.precision, top.records)
        other_n, other_k = top.records, top.positives
    else:
        catching, share, catch_n, catch_k = "top", top.share, top.records, top.positives
        recall = top.recall
        ratio_parts = (top.precision, top.records, bottom.rate, bottom.records)
        other_n, other_k = bottom.records, bottom.positives
    r1, rows1, r2, rows2 = ratio_parts
    n1, n2 = float(rows1), float(rows2)
    # With units, the ratio's interval takes each end's effective size, as every other does.
    catch_groups, other_groups = (bottom.groups, top.groups) if bad else (top.groups, bottom.groups)
    u1, u2 = calc.units_of(catch_groups), calc.units_of(other_groups)
    if u1 is not None and u2 is not None:
        n1, n2 = u1.rows, u2.rows
    ratio = rate_ratio((r1.value or 0.0) * n1, n1, (r2.value or 0.0) * n2, n2)
    share_ok = None if share is None else thresholds.min_share <= share <= thresholds.max_share
    recall_ok = None if recall.value is None else recall.value >= thresholds.min_recall
    ratio_ok = None if ratio.low is None else ratio.low >= thresholds.min_ratio
    ceiling = min(1.0, thresholds.max_share / base) if base else None
    label = "bottom" if bad else "top"
    what = "bad outcomes" if bad else "positives"
    if too_few:
        # Before the ceiling: on one record the base rate, and so the ceiling, says nothing.
        status = CheckStatus.TOO_FEW
        message = f"too few to judge: {_too_few_words(calc.all_units is not None)}"
    elif ceiling is not None and ceiling < thresholds.min_recall:
        status = CheckStatus.CANNOT_BE_MET
        message = (
            f"cannot be met on this data: at a base rate of {base:.0%}, {thresholds.max_share:.0%} of "
            f"records hold at most {ceiling:.0%} of the {what}, below the {thresholds.min_recall:.0%} asked"
        )
    elif _too_few_of(catch_n, catch_k, u1) or (u2.accounts if u2 is not None else other_n) < MIN_RECORDS:
        status = CheckStatus.TOO_FEW
        if u1 is None:
            message = f"too few to judge: the {label} or the other end holds too few records or {what}"
        else:
            message = (
                f"too few to judge: the {label} or the other end holds too few accounts "
                f"or accounts with {'a bad outcome' if bad else 'a positive'}"
            )
    elif share_ok and recall_ok and ratio_ok:
        status = CheckStatus.PASSED
        message = f"passed: the {label} holds {share:.0%} of records and {recall.value:.0%} of the {what}"
    else:
        status = CheckStatus.FAILED
        failed = [
            name for name, ok in (("share", share_ok), ("recall", recall_ok), ("ratio", ratio_ok)) if not ok
        ]
        message = f"failed on {', '.join(failed)} (the bar is a yardstick, rarely met by fit data alone)"
    del other_k
    return Check(
        status, message, catching, share, share_ok, recall, recall_ok, ratio, ratio_ok, ceiling, thresholds
    )


def _too_few_words(accounts: bool) -> str:
    """What the verdict's *too few to judge* counts: ranked records, or with units accounts."""
    if accounts:
        return f"fewer than {MIN_RECORDS} ranked accounts or {MIN_POSITIVES} accounts with each outcome"
    return f"fewer than {MIN_RECORDS} ranked records or {MIN_POSITIVES} of each outcome"


def _verdict(ranking: Ranking, too_few: bool, bad: bool, *, accounts: bool = False) -> tuple[str, str]:
    auc = ranking.auc
    if too_few or auc.value is None:
        return "too_few_to_judge", f"Too few to judge: {_too_few_words(accounts)}."
    text = f"AUC {auc.value:.2f} (95 % interval {auc.low:.2f}-{auc.high:.2f})"
    if auc.value >= LEAKAGE_AUC:
        return "leakage_suspected", (
            f"Suspiciously perfect: {text}. "
            "A criterion may know the outcome (a field filled in after the sale)."
        )
    if auc.interval.holds(0.5):
        what = "good" if not bad else "bad"
        return "no_signal", f"No signal: {text}; the profile ranks {what} outcomes no better than chance."
    if auc.high is not None and auc.high < 0.5:
        return "reversed", f"Reversed: {text}; the profile ranks the better records lower."
    return "separates", f"The profile separates the outcomes: {text}."


def compute_figures(
    layout: Layout,
    m: Marginals,
    *,
    top: Sequence[str] | None,
    thresholds: CheckThresholds,
    bad: bool,
) -> Figures:
    """Every figure of one population from its counts."""
    calc = _Calc(layout, m, bad)
    top_names = tuple(top) if top else layout.top_default()
    n, k, precision = calc.span(top_names)
    top_fig = Top(top_names, n, _div(n, calc.n), k, precision, calc.recall(k))
    bottom_names = layout.bottom(top_names)
    bn, bk, brate = calc.span(bottom_names)
    bottom_fig = Bottom(bottom_names, bn, _div(bn, calc.n), bk, brate)
    ranking = calc.ranking()
    good = ranking.auc.positives
    ranked, bad_n = float(ranking.ranked), ranking.auc.negatives
    if calc.rank_units is not None:  # with units, accounts
        ranked, good, bad_n = calc.rank_units
    too_few = ranked < MIN_RECORDS or good < MIN_POSITIVES or bad_n < MIN_POSITIVES
    verdict, text = _verdict(ranking, too_few, bad, accounts=calc.rank_units is not None)
    return Figures(
        records=calc.n,
        positives=calc.pos,
        base_rate=calc.base,
        groups=calc.groups(),
        top=top_fig,
        bottom=bottom_fig,
        check=_check(calc, top_fig, bottom_fig, thresholds, bad, too_few=too_few),
        ranking=ranking,
        criteria=tuple(calc.criterion(i) for i in range(len(layout.criteria))),
        too_few=too_few,
        verdict=verdict,
        verdict_text=text,
        accounts=calc.all_units[0] if calc.all_units else None,
    )
