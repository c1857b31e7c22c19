"""Evaluations from the counts of a database's aggregate query (``to_sql(..., evaluate=...)``)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target
from icpspec.model import MatchStatus, Profile, Spec
from icpspec.records import Columns

from ._build import (
    check_top,
    evaluation_from_tally,
    label,
    left_out_key,
    named_left_out,
    resolve_profiles,
    stratum_name,
)
from ._layout import Layout
from ._outcome import OutcomeLabels
from ._result import CheckThresholds, Evaluation
from ._source import EvaluationError, find_column
from ._tally import Tally

__all__ = ["evaluate_counts", "evaluate_file_duckdb"]

_CODES = {True: 1, False: 0, None: 2}


def evaluate_counts(
    rows: Iterable[Sequence[Any]],
    target_or_spec: Spec | Profile | Target,
    *,
    outcome: str,
    profile: str | None = None,
    bad: bool = False,
    value: str | None = None,
    by: str | None = None,
    top: Sequence[str] | None = None,
    positive: Iterable[str] | None = None,
    negative: Iterable[str] | None = None,
    thresholds: CheckThresholds | None = None,
    missing: Sequence[str] = (),
) -> Evaluation:
    """The evaluation of the rows of ``to_sql(spec, evaluate=...)``, run in any database.

    Each row holds, in order: the stratum, one verdict per criterion and
    disqualifier (``True``, ``False`` or ``None``), the status, tier, score
    and coverage, the outcome text, the number of records, and the value
    column's sum and count. The figures equal those of :func:`evaluate` on
    the same records; the list of missed positives needs the records
    themselves, so it is empty here.
    """
    spec, profiles, fields = resolve_profiles(target_or_spec, profile)
    if len(profiles) != 1:
        raise EvaluationError(
            f"an aggregate query evaluates one profile; name it ({', '.join(p.id for p in profiles)})"
        )
    layout = Layout.of(profiles)
    check_top(layout, top)
    try:
        labels = OutcomeLabels.of(positive, negative)
    except ValueError as exc:
        raise EvaluationError(f"--positive/--negative: {exc}") from None
    width = len(layout.criteria)
    tally = Tally(layout, missed=0, bad=bad)
    left: Counter[str] = Counter()
    left_total = value_bad = 0
    for row in rows:
        stratum_cell, verdicts = row[0], row[1 : 1 + width]
        status, tier, score, coverage, cell, count, value_sum, value_n = row[1 + width : 9 + width]
        count = int(count)
        y = labels.read(cell)
        if y is None:
            left_total += count
            name = label(cell)
            left[left_out_key(left, name)] += count
            continue
        if value is not None:
            value_bad += count - int(value_n or 0)
        codes = tuple(_CODES[v] for v in verdicts)
        if tally.info(codes) is None:
            tally.learn(
                codes,
                layout.info([MatchStatus(status)], [tier], [float(score)], [float(coverage)], codes),
            )
        stratum = None if by is None else stratum_name(stratum_cell)
        tally.add(
            stratum,
            codes,
            y,
            count=count,
            value_sum=float(value_sum or 0.0),
            value_n=int(value_n or 0),
        )
    # Every field the profile reads, compound criteria's too, as the Python path lists them.
    read = dict.fromkeys(name for p in layout.profiles for name in fields_read(p))
    wanted = [fields[f] for f in read if f in fields]
    left_out = {
        "outcome": left_total,
        "outcome_values": named_left_out(left),
        "value_unreadable": value_bad,
    }
    options = {
        "outcome": outcome,
        "profile": profile,
        "value": value,
        "id": None,
        "account": None,
        "by": by,
        "top": list(top) if top else None,
        "date": None,
        "after": None,
        "missed": 0,
    }
    from icpspec.engine import Matcher

    version = Matcher(profiles[0], spec=spec).match({}).spec_version
    return evaluation_from_tally(
        tally,
        spec=spec,
        layout=layout,
        fields=wanted,
        labels=labels,
        bad=bad,
        top=top,
        thresholds=thresholds or CheckThresholds(),
        left_out=left_out,
        missing=missing,
        options=options,
        version=version,
    )


def evaluate_file_duckdb(
    source: str | os.PathLike[str],
    target_or_spec: Spec | Profile | Target,
    *,
    outcome: str,
    profile: str | None = None,
    columns: Columns | None = None,
    value: str | None = None,
    by: str | None = None,
    record_id: str | None = None,
    **options: Any,
) -> Evaluation:
    """:func:`evaluate_counts` of a CSV or Parquet file, counted by DuckDB (the ``sql`` extra).

    ``record_id`` is only checked to name a column: counts list no records."""
    from icpspec.engine.target import resolve_target
    from icpspec.sql import EvaluationColumns, evaluation_counts_duckdb

    spec, profiles, _ = resolve_profiles(target_or_spec, profile)
    if len(profiles) != 1:
        raise EvaluationError(
            "--engine duckdb evaluates one profile: name it with --profile "
            f"({', '.join(p.id for p in profiles)})"
        )
    if isinstance(target_or_spec, Target):
        target = target_or_spec
    else:
        target = resolve_target(spec if spec is not None else profiles[0], profiles[0].id if spec else None)

    def found(name: str, header: Sequence[str]) -> EvaluationColumns:
        """The columns, found in ``header`` as the Python engine finds them."""

        def find(option: str, column: str | None) -> str | None:
            return None if column is None else find_column(name, header, option, column)

        # In the Python engine's order: outcome, value, id (only checked: counts list no
        # records), by.
        found_outcome = find_column(name, header, "--outcome", outcome)
        found_value = find("--value", value)
        find("--id", record_id)
        return EvaluationColumns(found_outcome, value=found_value, by=find("--by", by))

    _, resolved, rows = evaluation_counts_duckdb(source, target, found, columns)
    return evaluate_counts(
        rows,
        target_or_spec,
        outcome=outcome,
        profile=profile,
        value=value,
        by=by,
        missing=resolved.missing,
        **options,
    )
