"""``icpspec sql``: print the SELECT that scores a table inside a database."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape

from ._match import column_options, parse_columns
from ._output import EXIT_USAGE, echo_diagnostics

DIALECTS = ("duckdb", "postgres", "snowflake", "bigquery", "spark")


@click.command()
@click.argument("spec_file", type=click.Path(path_type=str))
@click.option("--dialect", type=click.Choice(DIALECTS), default="duckdb", show_default=True)
@click.option("--table", default="accounts", show_default=True, help="The table (or view) to score.")
@click.option("--profile", "profile_id", default=None, help="The profile, when the spec has several.")
@column_options
def sql(  # noqa: PLR0917 - click passes every option
    spec_file: str,
    dialect: str,
    table: str,
    profile_id: str | None,
    maps: Sequence[str],
    sets: Sequence[str],
    units: Sequence[str],
) -> None:
    """Print one SQL SELECT that scores every row of TABLE against a profile.

    The result has the table's columns, one column per criterion and
    disqualifier (TRUE matched, FALSE missed, NULL unknown), then icp_score,
    icp_coverage, icp_status, icp_profile, icp_tier and icp_spec_version.
    Each field is read from the column named like it; --map names another,
    --set gives it a constant, --unit a power-of-ten unit (thousands...).

    \b
    Examples:
      icpspec sql icp.yaml --dialect postgres --table crm.accounts
      icpspec sql icp.yaml --map employees=headcount --set country=US
    """
    from icpspec.schema import load
    from icpspec.sql import to_sql

    try:
        spec = load(spec_file)
        columns = parse_columns(maps, sets, units) if maps or sets or units else None
        text = to_sql(spec, dialect=dialect, table=table, profile=profile_id, pretty=True, columns=columns)
        click.echo(text)
    except SpecError as exc:
        # stdout is for the SQL: the diagnostics go to stderr, and nothing was made (as `match`).
        echo_diagnostics(exc.diagnostics, err=True)
        click.echo(f"icpspec: {escape(spec_file, limit=1000)}: not a valid spec; no SQL written", err=True)
        sys.exit(EXIT_USAGE)
    except IcpspecError as exc:
        click.echo(f"icpspec: {escape(str(exc), limit=1000)}", err=True)
        sys.exit(EXIT_USAGE)
