"""``suggest``: a draft profile from records, every criterion backed by the figures it came from."""

from __future__ import annotations

import datetime as dt
import math
import os
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import BinaryIO

import attrs

from icpspec.diagnostics import escape, quote
from icpspec.engine import UNKNOWN
from icpspec.engine.compile import fields_read
from icpspec.engine.values import read_date
from icpspec.evaluate import Evaluation, EvaluationError, OutcomeLabels, evaluate, find_column
from icpspec.model import Entity, resolve_fields
from icpspec.records import Columns, ColumnsError, cell_name

from ._finish import Options, finish
from ._outcome import ValueClasses, read_outcome
from ._result import NEITHER, OutcomeCounts, SuggestError, Suggestion
from ._search import Counter, Search, bits, leak_auc, numeric_text
from ._table import Column, RawTable, RefusedColumn, WithCell, read_table, type_columns
from ._write import percent, with_note

__all__ = ["LEAK_AUC", "suggest"]

#: A column that alone orders the training records this well (AUC) knows the outcome: refused.
LEAK_AUC = 0.96


def _unit_keys(table: RawTable, unit: str | None) -> list[object]:
    if unit is None:
        return list(range(len(table.rows)))
    keys: list[object] = []
    for i, row in enumerate(table.rows):
        name = cell_name(row.get(unit))  # as evaluate names accounts: its figures count them
        keys.append(("", i) if name is None else name)  # a row with no account is its own
    return keys


#: Folds of the training records on which the number of criteria is chosen.
FOLDS = 5


def _folds(keys: Sequence[object], seed: int) -> list[int]:
    """The training rows in ``FOLDS`` seeded folds, as bit sets (rows of one account together)."""
    distinct = sorted(set(keys), key=repr)
    random.Random(seed).shuffle(distinct)  # noqa: S311 - a reproducible split, no secret
    fold_of = {k: i % FOLDS for i, k in enumerate(distinct)}
    folds = [bits((row for row, k in enumerate(keys) if fold_of[k] == f), len(keys)) for f in range(FOLDS)]
    return [f for f in folds if f]


def _split(keys: Sequence[object], holdout: float, seed: int) -> list[bool]:
    """Which rows are held out: a seeded share of the accounts (rows of one account stay together)."""
    distinct = sorted(set(keys), key=repr)
    random.Random(seed).shuffle(distinct)  # noqa: S311 - a reproducible split, no secret
    held = set(distinct[: math.floor(holdout * len(distinct) + 0.5)])
    return [k in held for k in keys]


def _find(table: RawTable, option: str, column: str | None) -> str | None:
    """The column an option names, found as ``icpspec evaluate`` finds it (spelt so, or the one
    column folding alike); the same error, with the columns and a guess, when none is."""
    if column is None:
        return None
    try:
        return find_column(table.name, table.columns, option, column)
    except EvaluationError as exc:
        raise SuggestError(str(exc)) from None


#: A blank outcome, as the report names it (``icpspec evaluate`` names it so).
BLANK = "(blank)"
#: Distinct left-out values named (the commonest); the rest are counted as one.
NAMED_VALUES = 20


def _shown(values: Sequence[tuple[str, int]]) -> str:
    """Left-out outcome values with their counts, the first eight; ``(blank)`` and
    ``(other values)`` unquoted (no value is spelt so)."""
    more = ", …" if len(values) > 8 else ""
    return ", ".join(f"{v if v in (BLANK, _OTHER) else quote(v)}: {n:,}" for v, n in values[:8]) + more


#: Distinct left-out outcome values counted apart while reading; past it, new ones go with
#: the other values.
_TRACKED_VALUES = 10_000
_OTHER = "(other values)"


def _counts(
    cells: Iterable[object], read: Callable[[object], int | None], reason: str = NEITHER
) -> OutcomeCounts:
    """How many of ``cells`` read as positive, negative, or neither (each value named, spelt as
    first met, commonest first)."""
    records = positive = negative = 0
    values: dict[str, tuple[str, int]] = {}
    for cell in cells:
        records += 1
        y = read(cell)
        if y == 1:
            positive += 1
        elif y == 0:
            negative += 1
        else:
            shown = BLANK if cell_name(cell) is None else " ".join(str(cell).split())[:80]  # NaN too
            key = shown.casefold()
            if key not in values and len(values) >= _TRACKED_VALUES:  # memory stays bounded
                key, shown = "", _OTHER
            first, n = values.get(key, (shown, 0))
            values[key] = (first, n + 1)
    # The commonest named (not the first met), the rest counted together.
    ranked = sorted((vn for k, vn in values.items() if k), key=lambda vn: (-vn[1], vn[0]))
    rest = sum(n for _, n in ranked[NAMED_VALUES:]) + values.get("", ("", 0))[1]
    named = (*ranked[:NAMED_VALUES], (_OTHER, rest)) if rest else tuple(ranked[:NAMED_VALUES])
    return OutcomeCounts(records, positive, negative, records - positive - negative, named, reason)


def _wanted(
    table: RawTable, reserved: set[str], fields: Sequence[str] | None, exclude: Sequence[str] | None
) -> list[str]:
    known = {c.casefold(): c for c in table.columns}
    for name in [*(fields or ()), *(exclude or ())]:
        if name.casefold() not in known:
            raise SuggestError(f"no column {quote(name)} in {table.name}")
    wanted = [known[f.casefold()] for f in fields] if fields else list(table.columns)
    dropped = {known[e.casefold()] for e in exclude or ()}
    return [c for c in dict.fromkeys(wanted) if c not in reserved and c not in dropped]


def suggest(
    records: str | os.PathLike[str] | BinaryIO | Iterable[Mapping[str, object]],
    *,
    outcome: str | None = None,
    value: str | None = None,
    bad: bool = False,
    positive: Iterable[str] | None = None,
    negative: Iterable[str] | None = None,
    classes: tuple[float, float] = (0.1, 0.1),
    holdout: float = 0.3,
    seed: int = 0,
    stratify: str | None = None,
    account: str | None = None,
    max_criteria: int = 10,
    max_pairs: int = 6,
    min_support: int = 30,
    min_positives: int = 5,
    fields: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    columns: Columns | Mapping[str, str] | None = None,
    collected: dt.date | None = None,
    profile: str = "suggested",
    max_disqualifiers: int = 3,
    disqualify_below: float = 0.25,
    leak: float = LEAK_AUC,
) -> Suggestion:
    """A draft profile from ``records``: what sets the won apart from the lost, or the best customers
    (Class 1 and 2 by ``value``) apart from the rest (DESIGN §6.2).

    Exactly one of ``outcome`` (a won/lost column; with ``bad``, an outcome to
    avoid) and ``value`` (deal size, lifetime value) is given; ``positive`` and
    ``negative`` replace the outcome values read as won and as lost, as
    ``icpspec evaluate`` reads them (case and spaces ignored). ``holdout`` of
    the records (the rows of one ``account`` together) are kept out of the search,
    drawn with ``seed``; ``stratify`` measures lifts within the values of a
    column; ``columns`` maps catalogue fields to columns. The same records,
    options and seed give the same text, byte for byte.
    """
    if (outcome is None) == (value is None):
        raise SuggestError("give exactly one of outcome (won/lost) and value (rank by value)")
    if bad and value is not None:
        raise SuggestError("bad reads an outcome column; with value the best customers are positive")
    if not (classes[0] > 0 and classes[1] >= 0 and sum(classes) < 1):
        raise SuggestError(f"classes {classes}: shares must be positive and add up to less than 1")
    if not 0 <= holdout < 1:
        raise SuggestError(f"holdout must be at least 0 and below 1, not {holdout}")
    if max_criteria < 0 or max_pairs < 0 or min_support < 1 or min_positives < 1:
        raise SuggestError(
            "max_criteria and max_pairs must be 0 or more; min_support and min_positives 1 or more"
        )
    if value is not None and (positive is not None or negative is not None):
        raise SuggestError(
            "positive and negative name the won and lost values of an outcome column; "
            "with value, Class 1 and 2 are the positives"
        )
    try:
        labels = OutcomeLabels.of(positive, negative)
    except ValueError as exc:
        raise SuggestError(f"--positive/--negative: {exc}") from None
    table = read_table(records)
    target = _find(table, "--outcome" if outcome is not None else "--value", outcome or value)
    stratify = _find(table, "--stratify", stratify)
    unit = _find(table, "--account", account)  # the column naming each row's account
    assert target is not None
    held = _split(_unit_keys(table, unit), holdout, seed)
    train_rows = [row for row, h in zip(table.rows, held, strict=True) if not h]
    if value is not None:
        classes_found = ValueClasses.of(
            [n for n in (_number(row.get(target)) for row in train_rows) if n is not None], classes
        )
        if classes_found is None:
            raise SuggestError(f"--value {quote(target)}: no training record has a number in it")
        read = classes_found.read
        second = numeric_text(classes_found.second)
        described = f"Class 1-2: the top {percent(sum(classes))} by {target} (from {second})"
        reason = f"with no number in {quote(target)}"
    else:
        classes_found = None

        def read(cell: object) -> int | None:
            return read_outcome(cell, bad=bad, labels=labels)

        said = "won" if positive is None else " or ".join(" ".join(str(p).split()) for p in positive)
        described = f"{target} {said}"
        if bad:
            avoided = "" if positive is None else f" ({said})"
            described = f"{target} not the outcome to avoid{avoided}"
        reason = NEITHER
    searched = _counts((row.get(target) for row in train_rows), read, reason)
    held_out = _counts((row.get(target) for row, h in zip(table.rows, held, strict=True) if h), read, reason)
    labelled = [(row, y) for row in train_rows if (y := read(row.get(target))) is not None]
    left_out = len(train_rows) - len(labelled)
    if not table.rows:
        raise SuggestError(f"{escape(table.name, limit=200)}: no records, only a header: nothing to learn")
    if labelled and len({y for _, y in labelled}) == 1:
        only = "positive" if labelled[0][1] else "negative"
        other = "negative" if labelled[0][1] else "positive"
        left = [(v, n) for v, n in searched.left_out_values if v != BLANK]
        hint = (
            f"; the searched records left out hold {_shown(left)}: name the {other} values with --{other}"
            if left
            else ""
        )
        raise SuggestError(
            f"every searched record with an outcome is {only} ({len(labelled):,}): nothing to contrast "
            f"them with; a profile sets positives apart from negatives{hint}"
        )
    if not labelled:
        raise SuggestError(
            f"no searched record has an outcome read as positive or negative in {quote(target)} "
            f"(values seen: {_shown(searched.left_out_values)}); say which values are won and which "
            "lost with --positive and --negative"
        )
    rows = [row for row, _ in labelled]
    train = RawTable(table.name, table.columns, tuple(rows))
    positives = bits((i for i, (_, y) in enumerate(labelled) if y), len(labelled))
    keys = _unit_keys(train, unit)
    sizes: dict[object, int] = {}
    for k in keys:
        sizes[k] = sizes.get(k, 0) + 1
    count = Counter([1 / sizes[k] for k in keys])
    search = Search(positives, count, _strata(train, stratify))
    reserved = {c for c in (target, stratify, unit) if c is not None}
    if isinstance(columns, Columns) and (columns.constants or columns.units):
        raise SuggestError(
            "suggest reads a column per field (map); constants and units have no data to learn from"
        )
    maps = columns.map if isinstance(columns, Columns) else columns
    typed, refused = type_columns(train, _wanted(table, reserved, fields, exclude), maps)
    usable: list[Column] = []
    for column in typed:
        auc = leak_auc(column, positives, count, minimum=min_positives)
        if auc is not None and auc >= leak:
            refused.append(
                RefusedColumn(
                    column.column,
                    "leak",
                    f"predicts the outcome almost perfectly (alone, AUC {auc:.3f} >= {leak}): "
                    "a field filled in after the outcome?",
                )
            )
        else:
            usable.append(column)
    suggestion = finish(
        table=table,
        train=train,
        search=search,
        usable=usable,
        refused=refused,
        held_out=held_out,
        left_out=left_out,
        positive=described,
        folds=_folds(keys, seed),
        options=Options(
            max_criteria=max_criteria,
            max_pairs=max_pairs,
            min_support=min_support,
            min_positives=min_positives,
            max_disqualifiers=max_disqualifiers,
            disqualify_below=disqualify_below,
            profile=profile,
            collected=collected if collected is not None else _latest_date(table, refused),
            stratify=stratify,
            unit=unit,
            seed=seed,
        ),
    )
    if value is not None:
        assert classes_found is not None
        key = f"Class 1-2 by {target}"  # the column as found, not as typed ('amount' for 'Amount')
        rows_all: Sequence[Mapping[str, object]] = [
            WithCell(row, key, classes_found.read(row.get(target))) for row in table.rows
        ]
        outcome_key, evaluated_bad, evaluated_labels = key, False, OutcomeLabels.of()
    else:
        rows_all, outcome_key, evaluated_bad, evaluated_labels = table.rows, target, bad, labels
    mapped, note = _mapping(table, suggestion, maps or {}, typed)
    if note is not None:
        suggestion = attrs.evolve(
            suggestion, notes=(*suggestion.notes, note), text=with_note(suggestion.text, note)
        )
    training, heldout = (
        _evaluate(
            [r for r, h in zip(rows_all, held, strict=True) if h == part],
            suggestion,
            outcome_key,
            bad=evaluated_bad,
            unit=unit,
            columns=mapped,
            labels=evaluated_labels,
        )
        for part in (False, True)
    )
    return attrs.evolve(
        suggestion,
        training=training,
        holdout=heldout,
        searched=searched,
        held_out=held_out,
        skipped=table.skipped,
        skipped_first=table.skipped_first,
    )


def _evaluate(
    rows: Sequence[Mapping[str, object]],
    suggestion: Suggestion,
    outcome: str,
    *,
    bad: bool,
    unit: str | None,
    columns: Columns,
    labels: OutcomeLabels,
) -> Evaluation | None:
    """The evaluation of the suggested profile on ``rows``, reading outcomes with ``labels``;
    ``None`` when no row has an outcome."""
    if not any(labels.read(row.get(outcome)) is not None for row in rows):
        return None
    return evaluate(
        rows,
        suggestion.spec,
        outcome=outcome,
        bad=bad,
        account=unit,
        columns=columns,
        positive=labels.positive,
        negative=labels.negative,
    )


def _mapping(
    table: RawTable, suggestion: Suggestion, maps: Mapping[str, str], typed: Sequence[Column]
) -> tuple[Columns, str | None]:
    """The column mapping ``icpspec match`` needs for the profile on this file, and a note when
    it needs more than the ``--map`` given: a field two columns hold (``Revenue`` and ``Revenue
    ($M)``, read in millions, both hold ``revenue``) is read from the column it was searched in,
    and the note says which ``--map`` will read it so later."""
    profile = suggestion.spec.profiles[suggestion.profile]
    fields = resolve_fields(suggestion.spec.fields, Entity.ACCOUNT)
    read = {name: fields[name] for name in fields_read(profile) if name in fields}
    given = {field: column for field, column in maps.items() if field in read}
    searched = {column.name: column.column for column in typed}
    needed: dict[str, str] = {}
    reasons: list[str] = []
    for field, definition in read.items():
        if field in given or field not in searched:
            continue
        try:  # the field beside those --map names (a map is checked against the fields given)
            Columns(map=given).resolve(table.columns, {**{f: read[f] for f in given}, field: definition})
        except ColumnsError as exc:
            if not exc.columns:
                raise SuggestError(f"the profile could not be matched on this file: {exc}") from None
            needed[field] = searched[field]
            reasons.append(f"field {quote(field)} is in {' and '.join(quote(c) for c in exc.columns)}")
    mapping = Columns(map={**given, **needed})
    try:
        mapping.resolve(table.columns, read)
    except ColumnsError as exc:
        raise SuggestError(f"the profile could not be matched on this file: {exc}") from None
    if not needed:
        return mapping, None
    options = " ".join(f"--map {field}={quote(column)}" for field, column in needed.items())
    return mapping, f"icpspec match and evaluate need {options} on this file ({'; '.join(reasons)})"


def _number(cell: object) -> float | None:
    from icpspec.engine.values import read_number

    n = read_number(cell)
    return None if n is UNKNOWN else n  # type: ignore[return-value]


def _strata(table: RawTable, stratify: str | None) -> list[int]:
    everything = (1 << len(table.rows)) - 1
    if stratify is None:
        return [everything]
    by: dict[str, list[int]] = {}
    for i, row in enumerate(table.rows):
        by.setdefault(cell_name(row.get(stratify)) or "", []).append(i)  # as evaluate --by does
    return [bits(by[k], len(table.rows)) for k in sorted(by)]


def _latest_date(table: RawTable, refused: Sequence[RefusedColumn]) -> dt.date | None:
    """The latest date in the records' date columns: when the data was collected, at the latest."""
    latest: dt.date | None = None
    for r in refused:
        if r.kind != "date":
            continue
        for row in table.rows:
            d = read_date(row.get(r.column))
            if isinstance(d, dt.date) and (latest is None or d > latest):
                latest = d
    return latest
