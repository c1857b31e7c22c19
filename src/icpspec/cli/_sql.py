"""``icpspec sql``: print the SELECT that scores a table inside a database."""

from __future__ import annotations

import sys

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape

from ._main import _echo_diagnostic

EXIT_FINDINGS, EXIT_USAGE = 1, 2

DIALECTS = ("duckdb", "postgres", "snowflake", "bigquery", "spark")


@click.command()
@click.argument("spec_file", type=click.Path(path_type=str))
@click.option("--dialect", type=click.Choice(DIALECTS), default="duckdb", show_default=True)
@click.option("--table", default="accounts", show_default=True, help="The table (or view) to score.")
@click.option("--profile", "profile_id", default=None, help="The profile, when the spec has several.")
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
    evaluate: bool,
    outcome: str | None,
    value: str | None,
    by: str | None,
) -> None:
    """Print one SQL SELECT that scores every row of TABLE against a profile.

    The result has the table's columns, one column per criterion and
    disqualifier (TRUE matched, FALSE missed, NULL unknown), then icp_score,
    icp_coverage, icp_status, icp_profile, icp_tier and icp_spec_version.

    \b
    With --evaluate --outcome COLUMN it prints instead one aggregate query
    whose rows (counts per verdict pattern and outcome) icpspec.evaluate's
    evaluate_counts() turns into the evaluation of the table, in place.

    \b
    Examples:
      icpspec sql icp.yaml --dialect postgres --table crm.accounts
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
        click.echo(
            to_sql(spec, dialect=dialect, table=table, profile=profile_id, pretty=True, evaluate=wanted)
        )
    except SpecError as exc:
        for d in exc.diagnostics:
            _echo_diagnostic(d)
        sys.exit(EXIT_FINDINGS)
    except IcpspecError as exc:
        click.echo(f"icpspec: {escape(str(exc), limit=1000)}", err=True)
        sys.exit(EXIT_USAGE)
