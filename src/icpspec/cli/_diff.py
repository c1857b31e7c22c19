"""``icpspec diff``: what a change to a spec does, before it is merged."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape

from ._evaluate import comma_list, outcome_label_options
from ._match import column_options, parse_columns
from ._output import echo_diagnostics, output_path, write_output

EXIT_FINDINGS, EXIT_USAGE = 1, 2
FORMAT_NAMES = ("text", "json", "markdown")


@click.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--profile", "profile_id", default=None, help="The profile to compare, when a spec has several."
)
@click.option(
    "--population",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Records (CSV or JSON Lines) to score with both versions: the migration matrix.",
)
@click.option("--outcome", default=None, help="With --population: the outcome column, for both evaluations.")
@outcome_label_options
@column_options
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=str),
    default=None,
    help="Write to this file, atomically (default: standard output).",
)
def diff(  # noqa: PLR0917 - click passes every option
    old: str,
    new: str,
    profile_id: str | None,
    population: Path | None,
    outcome: str | None,
    positive: str | None,
    negative: str | None,
    maps: tuple[str, ...],
    sets: tuple[str, ...],
    units: tuple[str, ...],
    fmt: str,
    output: str | None,
) -> None:
    """Show what changes from OLD to NEW, each a spec file or git:REV:path.

    Criteria, weights, required, disqualifiers, tiers, min_coverage,
    personas, evidence and review dates added, removed or changed, by id.
    With --population, where every record lands under each version (old
    group by new group) and the records that move most; with --outcome too,
    both evaluations side by side. --format markdown writes a pull-request
    comment.

    \b
    Examples:
      icpspec diff git:main:icp.yaml icp.yaml
      icpspec diff git:HEAD~1:icp.yaml icp.yaml --population accounts.csv --outcome Status
    """
    from icpspec.diff import diff as run
    from icpspec.diff import render

    columns = parse_columns(maps, sets, units)
    output = output_path(output, "icpspec diff")  # before scoring a population twice
    try:
        found = run(
            old,
            new,
            profile=profile_id,
            population=population,
            outcome=outcome,
            columns=columns,
            positive=comma_list(positive),
            negative=comma_list(negative),
        )
    except SpecError as exc:
        echo_diagnostics(exc.diagnostics, err=True)
        sys.exit(EXIT_USAGE)
    except IcpspecError as exc:
        click.echo(f"icpspec diff: {escape(str(exc), limit=1000)}", err=True)
        sys.exit(EXIT_USAGE)
    text = render(found, fmt)
    write_output(output, text if fmt == "json" else escape_lines(text), "icpspec diff")
    if found.migration is not None and found.migration.skipped:
        click.echo(f"icpspec diff: {found.migration.skipped:,} unreadable records skipped", err=True)
        sys.exit(EXIT_FINDINGS)


def escape_lines(text: str) -> str:
    """Escape control characters from the specs and records, line by line."""
    return "\n".join(escape(line, limit=10_000) for line in text.split("\n"))
