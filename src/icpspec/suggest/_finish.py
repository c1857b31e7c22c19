"""From the kept candidates to the written spec: criteria, disqualifiers, tiers, evidence."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from icpspec.diagnostics import escape
from icpspec.model import (
    AllOf,
    Condition,
    ContainsAny,
    Criterion,
    Disqualifier,
    Equals,
    Evidence,
    FieldDefinition,
    FieldType,
    In,
    Max,
    Min,
    Not,
    normalize_column_name,
)

from ._null import field_bars
from ._pairs import pairs
from ._result import OutcomeCounts, SuggestedCriterion, SuggestedDisqualifier, Suggestion
from ._search import Candidate, Search, bits, by_points, candidates
from ._stats import RateRatio, z_for
from ._steps import Step, given_lifts, staircase
from ._table import Column, RawTable, RefusedColumn
from ._write import evidence_entry, percent, rate_text, ratio_text, spec_text

__all__ = ["Options", "finish"]

Z95 = z_for(0.95)
#: The longest criterion or disqualifier id written: 'data-' and it make the evidence's id, and
#: the schema allows 64 characters.
MAX_ID = 59


@attrs.frozen
class Options:
    """The choices of one run that the search and the writing need."""

    max_criteria: int
    max_pairs: int
    min_support: int
    min_positives: int
    max_disqualifiers: int
    disqualify_below: float
    profile: str
    collected: dt.date | None
    stratify: str | None
    unit: str | None
    seed: int


def finish(
    *,
    table: RawTable,
    train: RawTable,
    search: Search,
    usable: list[Column],
    refused: list[RefusedColumn],
    held_out: OutcomeCounts,
    left_out: int,
    positive: str,
    options: Options,
    folds: Sequence[int] = (),
) -> Suggestion:
    count, positives = search.count, search.positives
    n = count(count.all)
    pool = [c for column in usable for c in candidates(column, positives, count)]
    tested = []
    for candidate in pool:
        matched, wins = count(candidate.mask), count(candidate.mask & positives)
        if matched >= options.min_support and wins >= options.min_positives and matched < n:
            tested.append(candidate)
    # The first criterion: Bonferroni over every split tested (a text field at its
    # share of that, on its own null's tail), so that with no signal in the data at most
    # one run in twenty writes any. Each later one: its own field's bar (Bonferroni over a
    # number's splits, the null's percentile for a text field's lists), chosen in most
    # folds of the training records, and as many as rank those folds best (DESIGN §6.2;
    # docs/suggest.md, "How it decides").
    bars = field_bars(
        tested, positives, count, min_support=options.min_support, min_positives=options.min_positives
    )
    first, later = bars.first, bars.later
    chosen = search.choose(tested, max_criteria=options.max_criteria, first=first, later=later)
    if len(chosen) > 1:
        selection = search.cross_validated(
            tested, folds, max_criteria=options.max_criteria, first=first, later=later
        )
        if selection is None:
            # Too few records to judge on folds: every criterion at the first one's bar.
            chosen = search.choose(tested, max_criteria=options.max_criteria, first=first)
        else:
            lead = chosen[0][0].column.name
            steady = [c for c in tested if c.column.name == lead or c.column.name in selection.fields]
            chosen = search.choose(steady, max_criteria=options.max_criteria, first=first, later=later)
            chosen = chosen[: max(selection.length, 1)]
    # A number whose criteria score it in one direction, redrawn as a staircase (_steps.py).
    chosen = staircase(
        search,
        chosen,
        max_criteria=options.max_criteria,
        min_support=options.min_support,
        min_positives=options.min_positives,
    )
    # Two chosen fields that matter together (_pairs.py).
    chosen, pairs_tested = pairs(
        search,
        chosen,
        max_pairs=options.max_pairs,
        min_support=options.min_support,
        min_positives=options.min_positives,
    )
    found = [c.text for c, _, _ in chosen]
    chosen, weights = _weighed(search, chosen)
    ids: set[str] = set()
    criteria = []
    for i, ((c, marginal, given), weight) in enumerate(zip(chosen, weights, strict=True)):
        criteria.append(_criterion(search, c, marginal, given, id_=_id(c, ids), weight=weight, later=i > 0))
    disqualifiers = _disqualifiers(search, usable, options)
    ruled_out = 0
    for candidate, _ in disqualifiers:
        ruled_out |= candidate.mask
    tiers, shares = _tiers(search, criteria, [c for c, _, _ in chosen], ruled_out)
    notes = []
    if not criteria and found:
        notes.append(
            f"no criterion written: {'; '.join(found)} cleared the search's bars, but weighed "
            "as a scorecard, each raises the odds of a positive by less than a fifth (under half "
            "a point): too little to score"
        )
    elif not criteria:
        notes.append(
            f"no usable signal: no condition on any of {len(usable)} column(s) has a lift whose interval "
            f"(widened for the {len(tested)} conditions tested, one and its complement counted once) "
            f"lies above 1 with at least "
            f"{options.min_support} records and {options.min_positives} positives; no criterion written"
        )
    return _assemble(
        table=table,
        train=train,
        search=search,
        criteria=criteria,
        chosen=[c for c, _, _ in chosen],
        disqualifiers=disqualifiers,
        refused=refused,
        held_out=held_out,
        left_out=left_out,
        positive=positive,
        tiers=tiers,
        shares=shares,
        notes=notes,
        options=options,
        tried=len(tested),
        pairs_tried=pairs_tested,
    )


def _pairs_text(tried: int) -> str:
    """The pairs tested, as the spec's description counts them beside the conditions.

    >>> _pairs_text(0), _pairs_text(1), _pairs_text(1200)
    ('', ' and 1 pair', ' and 1,200 pairs')
    """
    return f" and {tried:,} pair{'s' if tried != 1 else ''}" if tried else ""


def _id(candidate: Candidate, used: set[str]) -> str:
    """A criterion's id: its field's (``balance``, then ``balance_2``), or its two fields'
    for a pair (``calls_and_minutes``; ``calls_and_not_minutes`` with a half's ``not``)."""
    base = candidate.column.name
    if candidate.partner is not None and isinstance(candidate.condition, AllOf):
        names = (candidate.column.name, candidate.partner.name)
        room = (MAX_ID - len("_and_") - 3) // 2  # each half cut alike: both stay in the id
        base = "_and_".join(
            f"not_{name[: room - 4]}" if isinstance(part, Not) else name[:room]
            for name, part in zip(names, candidate.condition.conditions, strict=True)
        )
    base = base[:MAX_ID]  # its evidence's id, 'data-' and this, within the schema's 64 characters
    id_, n = base, 1
    while id_ in used:
        n += 1
        id_ = f"{base[: MAX_ID - len(str(n)) - 1]}_{n}"
    used.add(id_)
    return id_


def _weighed(search: Search, chosen: Sequence[Step]) -> tuple[list[Step], list[int]]:
    """The criteria kept and their weights, a scorecard's points: one logistic regression of
    the outcome on the criteria.

    A criterion the others explain (no points) is dropped and the rest refitted; a pair one of
    whose halves is dropped is then judged as any criterion is. Each one's
    lift given those above it is then measured again, as its evidence states it, and one whose
    95 % interval given them no longer lies above 1 is dropped too (the weakest first; it had
    its lift given a criterion now gone), until every criterion has points and that lift.
    """
    kept = list(chosen)
    dropped = False
    while True:
        # A pair whose half is gone was tested against a model that held it: it stays only as
        # any criterion does, by its lift given those before it (measured below).
        singles = {c.mask for c, _, _ in kept if c.interaction is None}
        if any(c.halves and not set(c.halves) <= singles for c, _, _ in kept):
            kept = [
                (attrs.evolve(c, interaction=None, halves=()), m, g)
                if c.halves and not set(c.halves) <= singles
                else (c, m, g)
                for c, m, g in kept
            ]
            dropped = True
            continue
        weights = search.weights([c.mask for c, _, _ in kept])
        if not all(weights):
            kept = [c for c, w in zip(kept, weights, strict=True) if w]
            dropped = True
            continue
        if not dropped:
            return kept, weights
        kept, dropped = given_lifts(search, kept), False
        # A pair has no lift given its halves (its records are whole strata of them): its
        # interaction's test stands instead, made when it was chosen.
        failing = [
            i for i, (c, _, given) in enumerate(kept) if c.interaction is None and given.reported(Z95)[0] <= 1
        ]
        if not failing:
            return kept, weights
        del kept[min(failing, key=lambda i: kept[i][2].reported(Z95)[0])]
        dropped = True


def _criterion(
    search: Search, c: Candidate, marginal: RateRatio, given: RateRatio, *, id_: str, weight: int, later: bool
) -> SuggestedCriterion:
    count, positives = search.count, search.positives
    matched, wins = count(c.mask), count(c.mask & positives)
    rest = count(count.all) - matched
    rest_wins = count(positives) - wins
    blanks = count(count.all & ~c.known)
    known_only = search.ratio(c.mask, [s & c.known for s in search.strata]) if blanks else None
    blank_share: float | None = None
    if blanks:
        blank_share = 0.0
        if known_only is not None and marginal.ratio > 1 and known_only.ratio < marginal.ratio:
            kept = math.log(known_only.ratio) if known_only.ratio > 1 else 0.0  # a ratio of 0 keeps none
            blank_share = min(1.0, 1 - kept / math.log(marginal.ratio))
    summary = (
        f"{c.text}: {rate_text(wins, matched)} positive, against {rate_text(rest_wins, rest)} of the "
        f"others; rate ratio {ratio_text(marginal, Z95)}"
    )
    if len(search.strata) > 1:
        summary += " within strata (Mantel-Haenszel)"
    if c.interaction is not None:
        z, bar = c.interaction
        summary += (
            f"; together they raise the odds more than their halves add up to (score test z = {z:.2f}, "
            f"past the bar of {bar:.2f} for the pairs tried)"
        )
    elif later:
        summary += f"; {ratio_text(given, Z95)} given the criteria chosen before it"
    if blank_share is None:
        summary += "; no blank answers"
    else:
        blank = count(count.all & ~c.known)
        summary += f"; {blank:,.0f} blank answers, which make {percent(blank_share)} of the lift"
    return SuggestedCriterion(
        id=id_,
        column=c.column.column,
        partner=None if c.partner is None else c.partner.column,
        text=c.text,
        weight=weight,
        matched=matched,
        positives=wins,
        rest=rest,
        rest_positives=rest_wins,
        ratio=marginal,
        given_chosen=given,
        known_only=known_only,
        blank_share=blank_share,
        summary=summary,
    )


def _slug(text: str) -> str:
    slug = "-".join(normalize_column_name(text).split("_"))
    return slug[:40] or "value"


def _disqualifier_pool(column: Column, search: Search, min_support: float) -> list[Candidate]:
    """Single values (text, booleans, list members) with ``min_support`` records or more on
    either side, and the low or high end of numbers."""
    if column.field.type in (FieldType.INTEGER, FieldType.NUMBER):
        pool = candidates(column, search.positives, search.count)
        return [c for c in pool if isinstance(c.condition, Min | Max)]
    by_value, known_rows = column.rows_by_value
    size = len(column.values)
    known = bits(known_rows, size)
    out = []
    field, name = column.name, column.column
    everything = search.count(search.count.all)
    for key in sorted(by_value, key=str):
        # Both sides need support (see _disqualifiers): no bit set for a value without it.
        if not min_support <= search.count.listed(by_value[key]) <= everything - min_support:
            continue
        condition: Condition
        if column.field.type == FieldType.BOOLEAN:
            condition, text = Equals(field, bool(key)), f"{name} is {str(key).lower()}"
        else:
            shown = column.display.get(str(key), str(key))
            if column.field.type == FieldType.STRING_LIST:
                condition, text = ContainsAny(field, (shown,)), f"{name} holds {shown}"
            else:
                condition, text = In(field, (shown,)), f"{name} is {shown}"
        out.append(Candidate(column, condition, text, bits(by_value[key], size), known))
    return out


def _disqualifiers(
    search: Search, usable: Sequence[Column], options: Options
) -> list[tuple[Candidate, SuggestedDisqualifier]]:
    """Values whose rate lies far below the others': the upper end of the rate ratio's interval
    (widened for the values tried) under ``disqualify_below``; at most one per field."""
    count, positives = search.count, search.positives
    n = count(count.all)
    pool = [c for column in usable for c in _disqualifier_pool(column, search, options.min_support)]
    # Both sides need support: a rate far below that of a handful of others is no evidence.
    tested = [c for c in pool if options.min_support <= count(c.mask) <= n - options.min_support]
    z = z_for(1 - 0.05 / max(len(tested), 1))
    found = []
    for candidate in tested:
        rr = search.ratio(candidate.mask)
        if rr is None:
            continue
        high = rr.interval(z)[1]
        if high < options.disqualify_below and rr.reported(Z95)[1] < 1:  # as its reason states it
            found.append((high, candidate.text, candidate, rr))
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[tuple[Candidate, SuggestedDisqualifier]] = []
    used: set[str] = set()
    ids: set[str] = set()
    for _, _, candidate, rr in found:
        if len(out) >= options.max_disqualifiers or candidate.column.name in used:
            continue
        used.add(candidate.column.name)
        matched, wins = count(candidate.mask), count(candidate.mask & positives)
        rest, rest_wins = n - matched, count(positives) - wins
        condition = candidate.condition
        if isinstance(condition, Max | Min):
            suffix = "low" if isinstance(condition, Max) else "high"
        elif isinstance(condition, Equals):  # a yes/no field: 'false' (a falsy value, named all the same)
            suffix = _slug(str(condition.value).lower())
        else:
            assert isinstance(condition, In | ContainsAny)
            suffix = _slug(str(condition.values[0]))
        base = f"{candidate.column.name.replace('_', '-')}-{suffix}"[:MAX_ID]
        id_, k = base, 1
        while id_ in ids:
            k += 1
            id_ = f"{base[: MAX_ID - len(str(k)) - 1]}-{k}"
        ids.add(id_)
        reason = (
            f"Rarely positive: {rate_text(wins, matched)}, "
            f"against {rate_text(rest_wins, rest)} of the others (rate ratio {ratio_text(rr, Z95)})"
        )
        out.append(
            (
                candidate,
                SuggestedDisqualifier(
                    id=id_,
                    column=candidate.column.column,
                    text=candidate.text,
                    matched=matched,
                    positives=wins,
                    ratio=rr,
                    reason=reason,
                ),
            )
        )
    return out


def _evidence_id(id_: str, used: Mapping[str, object]) -> str:
    """``data-`` and ``id_`` (``_`` read ``-``), within the schema's 64 characters, and none in
    ``used``: a criterion's and a disqualifier's ids cut to their length may read alike."""
    base = f"data-{id_.replace('_', '-')}"
    eid, n = base, 1
    while eid in used:
        n += 1
        eid = f"{base[: 64 - len(str(n)) - 1]}-{n}"
    return eid


def _threshold(score: float) -> float:
    """The largest two-decimal number at most ``score``: a threshold people can read."""
    return math.floor(score * 100 + 1e-9) / 100


def _tiers(
    search: Search,
    criteria: Sequence[SuggestedCriterion],
    chosen: Sequence[Candidate],
    disqualified: int,
) -> tuple[dict[str, float], dict[str, float]]:
    """Tier thresholds: A holds about a fifth of the training records, A and B about half, C the rest."""
    count = search.count
    n = count(count.all)
    total = sum(c.weight for c in criteria)
    if n == 0:
        return {"A": 75.0, "B": 50.0, "C": 0.0}, {}
    # No criterion: every record scores alike, so one tier C (A and B would be out of reach).
    by_sum = by_points([c.mask for c in chosen], [c.weight for c in criteria], count.all & ~disqualified)
    sums = sorted((s for s in by_sum if s > 0), reverse=True) if total else []
    reach: dict[int, float] = {}
    mask = 0
    for s in sums:
        mask |= by_sum[s]
        reach[s] = count(mask) / n
    tiers: dict[str, float] = {}
    shares: dict[str, float] = {}
    if sums:
        a = min(sums, key=lambda s: (abs(reach[s] - 0.2), -s))
        tiers["A"] = _threshold(100 * a / total)
        shares["A"] = reach[a]
        lower = [s for s in sums if s < a and reach[s] - reach[a] >= 0.05]
        if lower:
            b = min(lower, key=lambda s: (abs(reach[s] - 0.5), -s))
            tiers["B"] = _threshold(100 * b / total)
            shares["B"] = reach[b] - reach[a]
    tiers["C"] = 0.0
    # What A, B and the disqualified leave, never below 0 for rounding (a '-0 %' in the report).
    shares["C"] = max(0.0, 1 - sum(shares.values()) - count(disqualified) / n)
    if disqualified:
        shares["disqualified"] = count(disqualified) / n
    return tiers, shares


def _assemble(
    *,
    table: RawTable,
    train: RawTable,
    search: Search,
    criteria: Sequence[SuggestedCriterion],
    chosen: Sequence[Candidate],
    disqualifiers: Sequence[tuple[Candidate, SuggestedDisqualifier]],
    refused: Sequence[RefusedColumn],
    held_out: OutcomeCounts,
    left_out: int,
    positive: str,
    tiers: dict[str, float],
    shares: dict[str, float],
    notes: list[str],
    options: Options,
    tried: int,
    pairs_tried: int,
) -> Suggestion:
    n = search.count(search.count.all)
    evidence: dict[str, Evidence] = {}
    fields: dict[str, FieldDefinition] = {}
    spec_criteria = []
    for figures, candidate in zip(criteria, chosen, strict=True):
        eid = _evidence_id(figures.id, evidence)
        evidence[eid] = evidence_entry(eid, figures.summary, n, options.collected)
        spec_criteria.append(
            Criterion(
                id=figures.id, condition=candidate.condition, weight=float(figures.weight), evidence=(eid,)
            )
        )
        for column in (candidate.column, candidate.partner):
            if column is not None and not column.standard:
                fields[column.name] = column.field
    spec_disqualifiers = []
    for candidate, ruling in disqualifiers:
        eid = _evidence_id(ruling.id, evidence)
        evidence[eid] = evidence_entry(eid, f"{ruling.text}: {ruling.reason}", n, options.collected)
        spec_disqualifiers.append(
            Disqualifier(id=ruling.id, condition=candidate.condition, reason=ruling.reason, evidence=(eid,))
        )
        if not candidate.column.standard:
            fields[candidate.column.name] = candidate.column.field
    # The file's name as text: a name that is no UTF-8 ('d\udcff.csv') cannot be written or hashed.
    source = escape(Path(table.name).name, limit=200)
    held_count = held_out.positive + held_out.negative
    unread = left_out + held_out.left_out
    header = [
        f"Drafted by `icpspec suggest` from {source}: {len(train.rows):,} records searched, "
        f"{held_count:,} held out (seed {options.seed})"
        + (f"; {unread:,} left out, {held_out.reason}." if unread else "."),
        f"Positive: {positive}.",
        "A draft: every criterion cites the figures it came from; check each one, then fill in the TODOs.",
    ]
    if refused:
        header.append("Columns refused: " + "; ".join(f"{r.column} ({r.kind})" for r in refused) + ".")
    header += [f"Note: {note}." for note in notes]
    spec, text = spec_text(
        profile_id=options.profile,
        name=f"Suggested from {source}",
        description=(
            f"What sets apart {positive}, found in {len(train.rows):,} records of {source} "
            f"({tried:,} conditions{_pairs_text(pairs_tried)} tested). "
            "Review before use."
        ),
        criteria=spec_criteria,
        disqualifiers=spec_disqualifiers,
        evidence=dict(sorted(evidence.items())),
        fields=dict(sorted(fields.items())),
        tiers=tiers,
        header=header,
    )
    return Suggestion(
        spec=spec,
        text=text,
        profile=options.profile,
        positive=positive,
        criteria=tuple(criteria),
        disqualifiers=tuple(f for _, f in disqualifiers),
        refused=tuple(refused),
        tiers=tiers,
        tier_shares=shares,
        records=len(table.rows),
        training_records=len(train.rows),
        holdout_records=held_count,
        left_out=left_out,
        notes=tuple(notes),
    )
