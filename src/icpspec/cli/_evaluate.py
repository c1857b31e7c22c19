"""``icpspec evaluate``: parse the options, call :func:`icpspec.evaluate.evaluate`, render."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape, quote

from ._match import column_options
from ._output import output_path, write_output

EXIT_OK, EXIT_REQUIRE, EXIT_USAGE = 0, 1, 2

#: What ``--require`` can ask for: name -> (what it reads, a description).
REQUIREMENTS = ("auc", "auc_low", "recall", "precision", "lift", "ratio")


def _fail(message: str) -> None:
    click.echo(f"icpspec: {escape(message, limit=1000)}", err=True)
    sys.exit(EXIT_USAGE)


def _pairs(option: str, items: Sequence[str], example: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        for part in item.split(","):
            key, sep, value = part.partition("=")
            if not sep or not key.strip() or not value.strip():
                _fail(f"{option} {quote(part)}: write it as {example}")
            out[key.strip()] = value.strip()
    return out


def comma_list(text: str | None) -> list[str] | None:
    """``A,B`` as ``["A", "B"]`` (``None`` stays ``None``)."""
    return None if text is None else [x.strip() for x in text.split(",") if x.strip()]


def outcome_label_options(command: Any) -> Any:
    """``--positive`` and ``--negative``: the outcome values read as won and lost, for every
    command that reads an outcome column (evaluate, suggest, diff)."""
    for option in reversed(
        [
            click.option(
                "--positive", metavar="A,B", help="Outcome values read as positive (replaces the defaults)."
            ),
            click.option(
                "--negative", metavar="A,B", help="Outcome values read as negative (replaces the defaults)."
            ),
        ]
    ):
        command = option(command)
    return command


def parse_requirements(items: Sequence[str]) -> dict[str, float]:
    """``auc=0.7,recall=0.6`` as ``{"auc": 0.7, "recall": 0.6}``; exits 2 on a bad one."""
    out = {}
    for key, value in _pairs("--require", items, "NAME=NUMBER, e.g. --require auc=0.7,recall=0.6").items():
        if key not in REQUIREMENTS:
            _fail(f"--require {quote(key)}: not a figure (choose from {', '.join(REQUIREMENTS)})")
        try:
            out[key] = float(value)
        except ValueError:
            _fail(f"--require {key}={quote(value)}: not a number")
    return out


def unmet(ev: object, required: dict[str, float]) -> list[str]:
    """The requirements the evaluation does not meet, as sentences."""
    from icpspec.evaluate import Evaluation

    assert isinstance(ev, Evaluation)
    f = ev.figures
    base = f.base_rate.value
    got = {
        "auc": f.ranking.auc.value,
        "auc_low": f.ranking.auc.low,
        "recall": f.top.recall.value,
        "precision": f.top.precision.value,
        "lift": (f.top.precision.value / base) if f.top.precision.value is not None and base else None,
        "ratio": f.check.ratio.value,
    }
    out = []
    for key, floor in required.items():
        value = got[key]
        if value is None or value < floor:
            shown = "nothing to measure" if value is None else f"{value:.3f}"
            out.append(f"required {key} >= {floor:g}: {shown}")
    return out


@click.command()
@click.argument("spec_file", metavar="SPEC", type=click.Path(path_type=str))
@click.argument("records", metavar="RECORDS", type=click.Path(path_type=str))
@click.option("--outcome", required=True, metavar="COLUMN", help="The column holding each record's outcome.")
@click.option("--profile", "profile_id", metavar="ID", help="Evaluate this profile (default: the best fit).")
@click.option("--bad", is_flag=True, help="The positive outcome is one to avoid (churn, default, lost).")
@outcome_label_options
@click.option("--value", metavar="COLUMN", help="A deal size or lifetime value column: sums per group.")
@click.option(
    "--id", "id_column", metavar="COLUMN", help="A column naming each record, for missed positives."
)
@click.option(
    "--account",
    metavar="COLUMN",
    help="Rows of one account share this column: intervals count accounts, not rows.",
)
@click.option(
    "--by", metavar="COLUMN", help="Every figure within each value of this column (a year, a region)."
)
@click.option("--top", metavar="A,B", help="The groups forming the top (default: the first tier).")
@click.option("--date", metavar="COLUMN", help="The column holding each record's date (with --after).")
@click.option("--after", metavar="DATE", help="Evaluate only records dated after DATE (a backtest).")
@column_options
@click.option(
    "--engine",
    type=click.Choice(["python", "duckdb"]),
    default="python",
    show_default=True,
    help="python (streams any file), or duckdb (counts a CSV or Parquet file in one query; the sql extra).",
)
@click.option("--missed", default=20, show_default=True, help="How many missed positives to list.")
@click.option(
    "--format", "out_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--html", "html_path", type=click.Path(path_type=str), help="Also write a self-contained HTML report."
)
@click.option(
    "--require",
    "requires",
    multiple=True,
    metavar="NAME=MIN,…",
    help=f"Exit 1 unless each figure reaches its minimum ({', '.join(REQUIREMENTS)}).",
)
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file (atomically).")
def evaluate(  # noqa: PLR0917 - click passes every option
    spec_file: str,
    records: str,
    outcome: str,
    profile_id: str | None,
    bad: bool,
    positive: str | None,
    negative: str | None,
    value: str | None,
    id_column: str | None,
    account: str | None,
    by: str | None,
    top: str | None,
    date: str | None,
    after: str | None,
    maps: Sequence[str],
    sets: Sequence[str],
    units: Sequence[str],
    engine: str,
    missed: int,
    out_format: str,
    html_path: str | None,
    requires: Sequence[str],
    output: str | None,
) -> None:
    """Test a profile against real outcomes: how well does it separate won from lost?

    RECORDS is a CSV or JSON Lines file with an outcome column (won/lost,
    1/0, yes/no, converted…; anything else is left out and counted). Prints
    the group table (every tier, then the statuses) with each group's rate,
    its 95% interval, lift and capture; the verdict; MadKudu's check with the
    ceiling the data allows; the ROC AUC with its interval; per-criterion
    rates with findings; and the positives the profile ranks lowest.

    Exit status: 0 evaluated, 1 a --require is not met, 2 usage error,
    invalid spec or unreadable file.

    \b
    Examples:
      icpspec evaluate icp.yaml deals.csv --outcome Status
      icpspec evaluate icp.yaml deals.csv --outcome stage --positive "closed won" --html report.html
      icpspec evaluate icp.yaml loans.csv --outcome default --bad --by year --require auc=0.7
    """
    from icpspec.evaluate import evaluate as run
    from icpspec.report.evaluation import render_html, render_text
    from icpspec.schema import load

    required = parse_requirements(requires)
    from icpspec.records import Columns

    try:
        columns = Columns.parse(maps, sets, units)
    except IcpspecError as exc:
        _fail(str(exc))
        return
    try:
        spec = load(spec_file)
    except SpecError as exc:
        for d in exc.diagnostics:
            click.echo(f"{escape(d.file, limit=1000)}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
        _fail(f"{spec_file}: not a valid spec; nothing evaluated")
        return
    # Checked before reading what may be millions of records; '-' is standard output.
    output = output_path(output, "icpspec")
    html_out = html_path == "-"  # the HTML on standard output; the report then needs -o FILE
    if html_out and output is None:
        _fail("--html - and the report would both go to standard output: write the report with -o FILE")
    html_file = output_path(html_path, "icpspec")
    try:
        ev = run(
            records,
            spec,
            outcome=outcome,
            profile=profile_id,
            bad=bad,
            value=value,
            id=id_column,
            account=account,
            by=by,
            columns=columns,
            top=comma_list(top),
            positive=comma_list(positive),
            negative=comma_list(negative),
            date=date,
            after=after,
            missed=missed,
            engine=engine,
        )
    except IcpspecError as exc:
        _fail(str(exc))
        return
    text = (
        json.dumps(ev.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        if out_format == "json"
        else render_text(ev, source=records)
    )
    if html_file is not None:
        write_output(html_file, render_html(ev, source=records), "icpspec")
    write_output(output, text, "icpspec")
    if html_out:
        click.echo(render_html(ev, source=records), nl=False)
    failures = unmet(ev, required)
    for line in failures:
        click.echo(f"icpspec: {line}", err=True)
    sys.exit(EXIT_REQUIRE if failures else EXIT_OK)
