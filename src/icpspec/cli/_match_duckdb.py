"""``icpspec match --engine duckdb``: a CSV or Parquet file scored inside DuckDB.

The same columns, mapping, output and summary as the Python engine; the
scoring is the generated SQL of :mod:`icpspec.sql`. What only the Python
engine does (``--explain``, contacts, JSON Lines, stdin) is a usage error
that says so. With several profiles and no ``--profile``, each record gets its
best match, ranked as :meth:`icpspec.SpecMatcher.best_match` ranks.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from icpspec.diagnostics import escape, quote

from ._match import EXIT_OK, NEW_COLUMNS, _announce, _fail, _output, _summary, fold_tally

if TYPE_CHECKING:
    from icpspec.model import Spec

__all__ = ["match_duckdb"]


def _profiles(spec: Spec, profile_id: str | None) -> list[str]:
    """The profiles DuckDB scores with: ``--profile``, or every live one (each record's best)."""
    from icpspec.model import ProfileStatus
    from icpspec.schema._validate import did_you_mean

    if profile_id is not None:
        if profile_id not in spec.profiles:
            _fail(f"--profile {quote(profile_id)}: no such profile{did_you_mean(profile_id, spec.profiles)}")
        return [profile_id]
    live = [pid for pid, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED]
    if not live:
        _fail("the spec has no profile to match against (none, or all retired); nothing matched")
    return live


def match_duckdb(
    spec: Spec,
    records: str,
    *,
    output: str | None,
    profile_id: str | None,
    out_format: str | None,
    overrides: Mapping[str, str],
    refused: Mapping[str, bool],
) -> None:
    """Score ``records`` (CSV or Parquet) against ``spec`` in DuckDB; exits.

    ``refused`` names the options given that only the Python engine has.
    """
    for option, given in refused.items():
        if given:
            _fail(f"{option} needs --engine python: --engine duckdb scores accounts, without explanations")
    if records == "-":
        _fail("--engine duckdb reads a CSV or Parquet file, not stdin: name the file, or use --engine python")
    from icpspec.records import ColumnMappingError, map_columns, record_format, spec_fields

    is_parquet = records.lower().endswith(".parquet")
    if not is_parquet:
        try:
            with Path(records).open("rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            _fail(f"{escape(records, limit=1000)}: cannot read it: {exc.strerror or exc}; nothing matched")
            return
        if record_format(records, head) == "jsonl":
            _fail(
                f"{escape(records, limit=1000)}: JSON Lines: --engine duckdb reads CSV or Parquet; "
                "use --engine python"
            )
    try:
        import duckdb  # noqa: F401 - only whether it is there
    except ImportError:
        _fail("--engine duckdb needs DuckDB: pip install 'icpspec[sql]'")
    from icpspec.diagnostics import IcpspecError
    from icpspec.engine.target import resolve_target
    from icpspec.records import ReadReport
    from icpspec.sql._duckdb import DuckDBFile, write_scored

    ids = _profiles(spec, profile_id)
    try:
        targets = [resolve_target(spec, pid) for pid in ids]
        file = DuckDBFile(records)
    except IcpspecError as exc:
        _fail(f"{escape(str(exc), limit=1000)}; nothing matched")
        return
    with file:
        try:
            mapping = map_columns(file.columns, spec_fields(spec, ids), overrides)
        except ColumnMappingError as exc:
            _fail(f"{exc}; nothing matched")
            return
        keep = [c for c in file.columns if c not in NEW_COLUMNS]
        _announce(mapping, spec.profiles, ids, [c for c in file.columns if c in NEW_COLUMNS])
        tally: dict[tuple[str, str, str | None], int] = {}
        n = 0
        start = time.perf_counter()
        try:
            with _output(output) as out:
                batches = file.score_best(targets, mapping.fields, keep)
                for pid, _, tier, status, _, _ in write_scored(batches, out, keep, out_format or "csv"):
                    key = (pid, status, tier)
                    tally[key] = tally.get(key, 0) + 1
                    n += 1
        except IcpspecError as exc:
            _fail(f"{escape(str(exc), limit=1000)}; nothing written")
        seconds = time.perf_counter() - start
    statuses, tiers, best = fold_tally(tally, spec.profiles, ids)
    _summary(
        name=records,
        mapping=mapping,
        report=ReadReport(records=n),
        statuses=statuses,
        tiers=tiers,
        profiles=best if len(ids) > 1 else {},
        seconds=seconds,
        dropped_keys=0,
    )
    click.echo("  engine: duckdb", err=True)
    raise SystemExit(EXIT_OK)
