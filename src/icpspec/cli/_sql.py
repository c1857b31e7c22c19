"""``icpspec sql``: print the SELECT that scores a table inside a database."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape

from ._match import column_options, parse_columns
from ._output import EXIT_USAGE, echo_diagnostics, write_atomically

DIALECTS = ("duckdb", "postgres", "snowflake", "bigquery", "spark")


@click.command()
@click.argument("spec_file", type=click.Path(path_type=str))
@click.option("--dialect", type=click.Choice(DIALECTS), default="duckdb", show_default=True)
@click.option("--table", default="accounts", show_default=True, help="The table (or view) to score.")
@click.option("--profile", "profile_id", default=None, help="The profile, when the spec has several.")
@column_options
@click.option("-o", "--output", default=None, help="Write the SQL to this file instead of stdout.")
@click.option(
    "--evaluate",
    "evaluate",
    is_flag=True,
    help="Print the aggregate query of counts an evaluation starts from (needs --outcome).",
)
@click.option("--outcome", metavar="COLUMN", help="With --evaluate: the column holding each row's outcome.")
@click.option("--value", metavar="COLUMN", help="With --evaluate: a value column summed per group.")
@click.option("--by", metavar="COLUMN", help="With --evaluate: count within each value of this column.")
def sql(  # noqa: PLR0917 - click passes every option
    spec_file: str,
    dialect: str,
    table: str,
    profile_id: str | None,
    maps: Sequence[str],
    sets: Sequence[str],
    units: Sequence[str],
    output: str | None,
    evaluate: bool,
    outcome: str | None,
    value: str | None,
    by: str | None,
) -> None:
    """Print one SQL SELECT that scores every row of TABLE against a profile.

    The result has the table's columns, one column per criterion and
    disqualifier (TRUE matched, FALSE missed, NULL unknown), then icp_score,
    icp_coverage, icp_status, icp_profile, icp_tier and icp_spec_version.
    Each field is read from the column named like it; --map names another,
    --set gives it a constant, --unit a power-of-ten unit (thousands...).

    \b
    With --evaluate --outcome COLUMN it prints instead one aggregate query
    whose rows (counts per verdict pattern and outcome) icpspec.evaluate's
    evaluate_counts() turns into the evaluation of the table, in place.

    \b
    Examples:
      icpspec sql icp.yaml --dialect postgres --table crm.accounts
      icpspec sql icp.yaml --map employees=headcount --set country=US
      icpspec sql icp.yaml -o score_accounts.sql
      icpspec sql icp.yaml --table crm.deals --evaluate --outcome stage
    """
    from icpspec.schema import load
    from icpspec.sql import EvaluationColumns, to_sql

    if evaluate != (outcome is not None) or (not evaluate and (value or by)):
        click.echo(
            "icpspec: --evaluate and --outcome COLUMN go together (--value and --by with them)", err=True
        )
        sys.exit(EXIT_USAGE)
    wanted = EvaluationColumns(outcome, value=value, by=by) if outcome is not None else None
    try:
        spec = load(spec_file)
        columns = parse_columns(maps, sets, units) if maps or sets or units else None
        text = (
            to_sql(
                spec,
                dialect=dialect,
                table=table,
                profile=profile_id,
                pretty=True,
                columns=columns,
                evaluate=wanted,
            )
            + "\n"
        )
    except SpecError as exc:
        # stdout is for the SQL: the diagnostics go to stderr, and nothing was made (as `match`).
        echo_diagnostics(exc.diagnostics, err=True)
        click.echo(f"icpspec: {escape(spec_file, limit=1000)}: not a valid spec; no SQL written", err=True)
        sys.exit(EXIT_USAGE)
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
