"""Scoring a whole file, by either engine: the one function the command line and embedding tools call.

:func:`score_file` reads a CSV or JSON Lines file (or Parquet, with DuckDB),
maps its columns to the spec's fields (:class:`~icpspec.Columns`), scores
every record, writes them back with the result columns (atomically), and
returns a :class:`~icpspec.records.ScoreSummary`. It prints nothing: the
column mapping goes to ``on_columns`` before the first record is written,
and progress to ``progress``.

It sits above both engines it chooses between: the Python engine
(:mod:`icpspec.records`) and the DuckDB one (:mod:`icpspec.sql`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import BinaryIO, Literal, TextIO

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine import Target
from icpspec.model import Spec
from icpspec.records import ColumnReport, Columns, ProgressCallback, ScoreSummary, score_records

__all__ = ["ENGINES", "score_file"]

#: The engines :func:`score_file` scores with.
ENGINES = ("python", "duckdb")


def score_file(
    source: str | os.PathLike[str] | BinaryIO,
    out: str | os.PathLike[str] | TextIO,
    target_or_spec: Target | Spec,
    *,
    profile: str | None = None,
    columns: Columns | None = None,
    explain: bool = False,
    format: Literal["csv", "jsonl"] | None = None,
    progress: ProgressCallback | None = None,
    engine: Literal["python", "duckdb"] = "python",
    mode: Literal["accounts", "contacts"] | None = None,
    titles: Sequence[str | os.PathLike[str]] = (),
    on_columns: Callable[[ColumnReport], None] | None = None,
) -> ScoreSummary:
    """Score every record of ``source`` and write them, with the results, to ``out``.

    ``target_or_spec`` is an :func:`icpspec.target` (one profile) or a spec.

    ``source`` is a CSV file with a header line, a JSON Lines file, ``"-"``
    for stdin or a binary stream (Python engine), or a Parquet file (DuckDB
    engine). ``out`` is a
    path (written atomically: a temporary file, then a rename) or an open
    text stream. Every input column is kept and ``icp_profile``,
    ``icp_score``, ``icp_tier``, ``icp_status``, ``icp_coverage``,
    ``icp_spec_version`` are added (``explain`` adds ``icp_matched``,
    ``icp_missed``, ``icp_unknown``, ``icp_disqualified_by``, ``icp_reason``);
    cells a spreadsheet would run as a formula get a leading ``'``.
    ``format`` is the output's (default: the input's; ``csv`` for Parquet).

    ``profile`` scores against one profile; without it each record gets its
    best match over the spec's live profiles. ``columns`` maps columns to
    fields (aliases, ``map``, ``constants``, ``units``: see
    :class:`~icpspec.Columns`). ``mode`` chooses accounts (profiles) or
    contacts (personas; ``titles`` adds title tables); by default contacts
    when the columns hold contact fields and no account field.
    ``on_columns(report)`` is called once, before the first record is
    written, with the mapping and the fields nothing holds;
    ``progress(done, total)`` now and then with the bytes (Python) or rows
    (DuckDB) done.

    >>> import io, icpspec
    >>> spec = icpspec.load("examples/sp500/sp500.icp.yaml")
    >>> out = io.StringIO()
    >>> summary = icpspec.score_file("examples/sp500/sp500_constituents.csv", out, spec)
    >>> summary.records, summary.skipped, dict(summary.best)
    (503, 0, {'software': 76, 'health-services': 59, 'no fit': 368})
    >>> {status.value: n for status, n in summary.statuses.items()}
    {'scored': 135, 'no_fit': 368}
    >>> summary.columns.describe()[0]
    "industry <- 'GICS Sector' (alias)"

    Raises :class:`~icpspec.records.RecordFileError` (a file that cannot be
    read at all), :class:`~icpspec.ColumnsError` (a mapping that cannot be
    made) or :class:`~icpspec.IcpspecError` (a profile, mode or option that
    does not fit); nothing is written then. Records that cannot be read are
    skipped and counted in the summary, with their lines.
    """
    if isinstance(target_or_spec, Target):  # one profile, resolved already
        if profile is not None and profile != target_or_spec.profile.id:
            raise IcpspecError(
                f"profile={quote(profile)} with a target of profile {quote(target_or_spec.profile.id)}"
            )
        spec, profile = target_or_spec.spec, target_or_spec.profile.id
    else:
        spec = target_or_spec
    if engine == "python":
        return score_records(
            source,
            out,
            spec,
            profile=profile,
            columns=columns,
            explain=explain,
            format=format,
            mode=mode,
            titles=titles,
            progress=progress,
            on_columns=on_columns,
        )
    if engine != "duckdb":
        raise IcpspecError(f"unknown engine {quote(str(engine))}; choose one of: {', '.join(ENGINES)}")
    for option, given in (
        ("--explain", explain),
        ("--personas", mode == "contacts"),
        ("--tables", bool(titles)),
    ):
        if given:
            raise IcpspecError(
                f"{option} needs --engine python: --engine duckdb scores accounts, without explanations"
            )
    from icpspec.sql import score_records_duckdb

    if not isinstance(source, str | os.PathLike):
        raise IcpspecError("--engine duckdb reads a CSV or Parquet file by its name, not a stream")

    return score_records_duckdb(
        source,
        out,
        spec,
        profile=profile,
        columns=columns,
        format=format,
        progress=progress,
        on_columns=on_columns,
    )
