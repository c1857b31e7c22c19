"""The counts an evaluation starts from, computed where the data lives: one aggregate query.

:func:`evaluation_sql` wraps the scoring ``SELECT`` of :func:`to_sql` in one
``GROUP BY``: a row per stratum, verdict pattern (every criterion's and
disqualifier's ``TRUE``/``FALSE``/``NULL``, with the status, tier, score and
coverage they give) and outcome text, with the number of records and the sum
and count of the value column read as a number by the same grammar as the
Python engine. :mod:`icpspec.evaluate` turns these rows into the same
figures as a file read in Python: the outcome text is classified there, by
the same labels, so the left-out values are reported alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from icpspec.diagnostics import IcpspecError, did_you_mean, escape, quote
from icpspec.engine.target import Target
from icpspec.records import Columns, ColumnsError, ResolvedColumns

from ._compile import _outcome_names, select_expression
from ._conditions import _Compiler
from ._duckdb import DuckDBFile

__all__ = ["COUNT_COLUMNS", "EvaluationColumns", "evaluation_counts_duckdb", "evaluation_expression"]

#: The columns of the aggregate query after the verdict columns (``icp_c_<id>``, ``icp_d_<id>``).
COUNT_COLUMNS = (
    "icp_status",
    "icp_tier",
    "icp_score",
    "icp_coverage",
    "icp_outcome",
    "icp_records",
    "icp_value_sum",
    "icp_value_n",
)


@attrs.frozen
class EvaluationColumns:
    """The columns an evaluation reads besides the spec's fields: outcome, and optionally value and by."""

    outcome: str
    value: str | None = None
    by: str | None = None


def evaluation_expression(
    target: Target,
    dialect: str,
    table: str,
    evaluation: EvaluationColumns,
    columns: ResolvedColumns | None = None,
) -> Any:
    """The sqlglot expression of the aggregate query (see the module's docstring).

    Its columns: ``icp_stratum`` (the ``by`` column as trimmed text, NULL
    when blank or absent), the verdict columns, then :data:`COUNT_COLUMNS`.
    """
    scoring = select_expression(target, dialect, table, columns)
    comp = _Compiler(target, dialect)
    comp.layered = False  # read the table's own columns as t."name", computed inline
    exp = comp.exp

    def cell(name: str) -> Any:
        return exp.cast(exp.column(name, table="t", quoted=True), "TEXT")

    stratum = (
        exp.Nullif(this=exp.Trim(this=cell(evaluation.by)), expression=comp.s(""))
        if evaluation.by is not None
        else exp.cast(exp.null(), "TEXT")
    )
    keys = [
        exp.alias_(stratum, "icp_stratum", quoted=True),
        *(
            exp.alias_(exp.column(n, table="t", quoted=True), n, quoted=True)
            for n in _outcome_names(target.profile)
        ),
        *(exp.alias_(exp.column(n, table="t", quoted=True), n, quoted=True) for n in COUNT_COLUMNS[:4]),
        exp.alias_(cell(evaluation.outcome), "icp_outcome", quoted=True),
    ]
    if evaluation.value is not None:
        number = comp.number(evaluation.value)
        sums = [exp.Sum(this=number), exp.Count(this=number.copy())]
    else:
        sums = [exp.cast(exp.null(), "DOUBLE"), exp.Literal.number(0)]
    aggregates = [
        exp.alias_(exp.Count(this=exp.Star()), "icp_records", quoted=True),
        exp.alias_(sums[0], "icp_value_sum", quoted=True),
        exp.alias_(sums[1], "icp_value_n", quoted=True),
    ]
    query = exp.select(*keys, *aggregates).from_(scoring.subquery("t", copy=False), copy=False)
    return query.group_by(*(exp.Literal.number(i + 1) for i in range(len(keys))), copy=False)


def evaluation_counts_duckdb(
    source: str | os.PathLike[str],
    target: Target,
    evaluation: EvaluationColumns | Callable[[str, Sequence[str]], EvaluationColumns],
    columns: Columns | None = None,
) -> tuple[list[str], ResolvedColumns, Iterator[Sequence[Any]]]:
    """The aggregate query's rows for a CSV or Parquet file, computed by DuckDB.

    ``evaluation`` names the columns, or says them given the file's name and
    columns (a caller that finds them by its own rules, and raises its own
    error). Returns the file's columns, the column mapping used and the rows.
    Raises :class:`~icpspec.diagnostics.IcpspecError` for a column that is
    not in the file, or a file DuckDB cannot read.
    """
    with DuckDBFile(source) as file:
        # The mapping first, then the named columns, as the Python engine meets them.
        try:
            resolved = (columns or Columns()).resolve(file.columns, fields_of(target))
        except ColumnsError as exc:
            shown = escape(file.name, limit=1000)
            raise ColumnsError(f"{shown}:1:1: {exc}", field=exc.field, columns=exc.columns) from None
        if not isinstance(evaluation, EvaluationColumns):
            evaluation = evaluation(file.name, file.columns)
        for option, name in (
            ("--outcome", evaluation.outcome),
            ("--value", evaluation.value),
            ("--by", evaluation.by),
        ):
            if name is not None and name not in file.columns:
                raise IcpspecError(
                    f"{file.name}: {option} {quote(name)}: no such column{did_you_mean(name, file.columns)}"
                )
        # Read by the view's own names (c0, c1… for CSV): DuckDB ignores case in a quoted
        # name, so of a header 'outcome,Outcome' the names would both read 'outcome'.
        own = dict(zip(file.columns, file.names, strict=True))
        by_own = attrs.evolve(resolved, fields={f: own[c] for f, c in resolved.fields.items()})
        named = EvaluationColumns(
            own[evaluation.outcome],
            value=None if evaluation.value is None else own[evaluation.value],
            by=None if evaluation.by is None else own[evaluation.by],
        )
        sql = evaluation_expression(target, "duckdb", "source", named, by_own).sql(dialect="duckdb")
        try:
            rows = file._con.execute(sql).fetchall()
        except file._error as exc:
            raise file._failure(exc) from None
    return file.columns, resolved, iter(rows)


def fields_of(target: Target) -> dict[str, Any]:
    """The field definitions the target's profile reads."""
    from icpspec.engine.compile import fields_read

    return {name: target.fields[name] for name in fields_read(target.profile) if name in target.fields}
