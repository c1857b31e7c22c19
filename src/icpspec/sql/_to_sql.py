"""``to_sql``: the one entry point that picks the query a spec asks for.

A profile's scoring ``SELECT`` (:mod:`._compile`), each row's best match over
several profiles (:mod:`._best`), or the aggregate counts an evaluation starts
from (:mod:`._evaluate`). Kept apart from the compiler so that the queries
built on it do not import it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target, resolve_target
from icpspec.model import Profile, ProfileStatus, Spec
from icpspec.records import (
    Columns,
    MissingPolicy,
    missing_readers,
    report_missing,
    spec_fields,
    target_columns,
)

from ._best import best_match_sql
from ._compile import select_expression
from ._evaluate import EvaluationColumns, evaluation_expression

__all__ = ["to_sql"]


def to_sql(
    spec_or_profile: Target | Spec | Profile,
    *,
    dialect: str = "duckdb",
    table: str = "accounts",
    profile: str | None = None,
    pretty: bool = False,
    columns: Columns | None = None,
    table_columns: Sequence[str] | None = None,
    missing: MissingPolicy = "warn",
    evaluate: str | EvaluationColumns | None = None,
) -> str:
    """One ``SELECT`` that scores every row of ``table`` inside the database.

    The result has the table's columns, then one column per criterion and
    disqualifier (``icp_c_<id>``, ``icp_d_<id>``: TRUE matched, FALSE
    missed, NULL unknown), then ``icp_score``, ``icp_coverage``,
    ``icp_status``, ``icp_profile``, ``icp_tier`` and ``icp_spec_version``.
    ``table`` is a (possibly dotted) table name. ``dialect`` is one of
    :data:`DIALECTS`.

    Each field is read from the column named like it, unless ``columns``
    (a :class:`~icpspec.Columns`) maps it to another, gives it a constant, or
    a unit (a power of ten: thousands, millions, billions). Given the
    table's ``table_columns``, fields are also found by catalogue alias, as
    ``icpspec match`` finds them, and a field no column holds is read as
    NULL (unknown) and reported per ``missing``: ``"warn"`` (a
    :class:`~icpspec.ColumnsWarning`), ``"raise"`` (:class:`~icpspec.ColumnsError`)
    or ``"ignore"``.

    A spec with several live profiles and no ``profile`` gives each row's best
    match instead, ranked as :func:`icpspec.best_match` ranks (with ``no_fit``
    when no profile fits): see :func:`icpspec.sql._best.best_match_sql`.

    With ``evaluate`` (the outcome column, or an
    :class:`~icpspec.sql.EvaluationColumns` with a value and a by column), it
    is instead the one aggregate query whose rows
    :func:`icpspec.evaluate.evaluate_counts` turns into an evaluation.
    """
    if isinstance(spec_or_profile, Spec) and profile is None and evaluate is None:
        spec = spec_or_profile
        ids = [pid for pid, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED]
        if len(ids) > 1:  # several profiles: each row's best match (sql/_best.py)
            resolved = None
            if columns is not None or table_columns is not None:
                # One mapping for every profile, and each field no column holds reported once.
                fields = spec_fields(spec, ids)
                resolved = (columns or Columns()).resolve(_headers(table_columns, columns, fields), fields)
                report_missing(missing_readers(resolved.missing, spec.profiles, ids), missing, _MISSING_HINT)
            return best_match_sql(spec, dialect=dialect, table=table, pretty=pretty, columns=resolved)
    target = resolve_target(spec_or_profile, profile)
    resolved = None
    if columns is not None or table_columns is not None:
        headers = _headers(table_columns, columns, fields_read(target.profile))
        resolved = target_columns(target, headers, columns, missing, _MISSING_HINT)
    if evaluate is not None:
        wanted = EvaluationColumns(evaluate) if isinstance(evaluate, str) else evaluate
        query = evaluation_expression(target, dialect, table, wanted, resolved)
        return str(query.sql(dialect=dialect, pretty=pretty))
    return str(select_expression(target, dialect, table, resolved).sql(dialect=dialect, pretty=pretty))


def _headers(
    table_columns: Sequence[str] | None, columns: Columns | None, fields: Iterable[str]
) -> list[str]:
    """The table's columns; when not given, those the SELECT reads: the mapped ones, the fields' own names."""
    if table_columns is not None:
        return list(table_columns)
    given = columns.map.values() if columns is not None else ()
    return list(dict.fromkeys([*given, *fields]))


#: How :func:`to_sql` says where to name a column that is missing.
_MISSING_HINT = "map one: columns=Columns(map={{'{field}': COLUMN}}), or missing='ignore'"
