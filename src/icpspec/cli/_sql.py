"""``icpspec sql``: print the SELECT that scores a table inside a database."""

from __future__ import annotations

import sys

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape

from ._main import _echo_diagnostic, write_atomically

EXIT_FINDINGS, EXIT_USAGE = 1, 2

DIALECTS = ("duckdb", "postgres", "snowflake", "bigquery", "spark")


@click.command()
@click.argument("spec_file", type=click.Path(path_type=str))
@click.option("--dialect", type=click.Choice(DIALECTS), default="duckdb", show_default=True)
@click.option("--table", default="accounts", show_default=True, help="The table (or view) to score.")
@click.option("--profile", "profile_id", default=None, help="The profile, when the spec has several.")
@click.option("-o", "--output", default=None, help="Write the SQL to this file instead of stdout.")
def sql(spec_file: str, dialect: str, table: str, profile_id: str | None, output: str | None) -> None:
    """Print one SQL SELECT that scores every row of TABLE against a profile.

    The result has the table's columns, one column per criterion and
    disqualifier (TRUE matched, FALSE missed, NULL unknown), then icp_score,
    icp_coverage, icp_status, icp_profile, icp_tier and icp_spec_version.

    \b
    Examples:
      icpspec sql icp.yaml --dialect postgres --table crm.accounts
      icpspec sql icp.yaml -o score_accounts.sql
    """
    from icpspec.schema import load
    from icpspec.sql import to_sql

    try:
        spec = load(spec_file)
        text = to_sql(spec, dialect=dialect, table=table, profile=profile_id, pretty=True) + "\n"
    except SpecError as exc:
        for d in exc.diagnostics:
            _echo_diagnostic(d)
        sys.exit(EXIT_FINDINGS)
    except IcpspecError as exc:
        click.echo(f"icpspec: {escape(str(exc), limit=1000)}", err=True)
        sys.exit(EXIT_USAGE)
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    try:
        write_atomically(output, text)
    except OSError as exc:
        click.echo(f"icpspec: cannot write {escape(output, limit=1000)}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
