"""``icpspec suggest``: a draft profile from records, judged on records it did not see."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from icpspec.diagnostics import IcpspecError, escape
from icpspec.report.evaluation import pct, rate_text, rows_text

from ._evaluate import comma_list, outcome_label_options
from ._output import output_path, write_output

if TYPE_CHECKING:
    from icpspec.evaluate import Evaluation

EXIT_FINDINGS, EXIT_USAGE = 1, 2


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out = {}
    for item in values:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise click.UsageError(f"{option} {item!r}: expected FIELD=COLUMN")
        out[field.strip()] = column.strip()
    return out


def _classes(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        one, two = (float(p) for p in parts)
    except ValueError:
        raise click.UsageError(f"--classes {text!r}: expected two shares, such as 0.1,0.1") from None
    if not (one > 0 and two >= 0 and one + two < 1):
        raise click.UsageError(f"--classes {text!r}: the shares must be positive and add up to less than 1")
    return one, two


def _names(values: tuple[str, ...]) -> list[str] | None:
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    return names or None


@click.command()
@click.argument("records", type=click.Path(path_type=str, allow_dash=True))
@click.option("--outcome", default=None, help="The won/lost column: won against lost.")
@click.option("--bad", is_flag=True, help="The outcome is one to avoid (churned, defaulted).")
@outcome_label_options
@click.option("--value", default=None, help="The value column: Class 1-2 (the top 20 %) against the rest.")
@click.option(
    "--classes",
    default="0.1,0.1",
    show_default=True,
    metavar="C1,C2",
    help="With --value: the shares of Class 1 and Class 2 (both positive).",
)
@click.option(
    "--holdout",
    default=0.3,
    show_default=True,
    type=click.FloatRange(0, 1, max_open=True),
    help="Share of records kept out of the search and evaluated at the end.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the held-out draw.")
@click.option("--stratify", default=None, help="Measure lifts within the values of this column.")
@click.option(
    "--account",
    metavar="COLUMN",
    default=None,
    help="The column naming each row's account: its rows count once.",
)
@click.option(
    "--max-criteria",
    default=10,
    show_default=True,
    type=click.IntRange(0, 50),
    help="At most this many criteria on one field each; the folds choose how many (often fewer).",
)
@click.option(
    "--max-pairs",
    default=6,
    show_default=True,
    type=click.IntRange(0, 50),
    help="At most this many more criteria on two of those fields together (0: none).",
)
@click.option(
    "--min-support",
    default=30,
    show_default=True,
    type=click.IntRange(1),
    help="Records a condition must match to be kept.",
)
@click.option(
    "--min-positives",
    default=5,
    show_default=True,
    type=click.IntRange(1),
    help="Positives a condition must match to be kept.",
)
@click.option(
    "--leak-auc",
    default=0.96,
    show_default=True,
    type=click.FloatRange(0.5, 1),
    help="Refuse a column that alone orders the records with this AUC or more (a leak).",
)
@click.option("--fields", "fields", multiple=True, help="Only these columns (comma-separated, repeatable).")
@click.option("--exclude", multiple=True, help="Not these columns (comma-separated, repeatable).")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="The column holding a catalogue field (repeatable).",
)
@click.option(
    "--collected",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="When the records were collected (default: the latest date in them).",
)
@click.option("--profile", "profile_id", default="suggested", show_default=True, help="The profile's id.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=str),
    default=None,
    help="Write the spec here, atomically (default: standard output).",
)
def suggest(  # noqa: PLR0917 - one parameter per option, as click passes them
    records: str,
    outcome: str | None,
    bad: bool,
    positive: str | None,
    negative: str | None,
    value: str | None,
    classes: str,
    holdout: float,
    seed: int,
    stratify: str | None,
    account: str | None,
    max_criteria: int,
    max_pairs: int,
    min_support: int,
    min_positives: int,
    leak_auc: float,
    fields: tuple[str, ...],
    exclude: tuple[str, ...],
    maps: tuple[str, ...],
    collected: dt.datetime | None,
    profile_id: str,
    output: str | None,
) -> None:
    """Suggest a draft profile from RECORDS (CSV or JSON Lines): what sets the won apart from
    the lost (--outcome), or the best customers by value apart from the rest (--value).

    The spec goes to -o (or standard output), each criterion citing the figures
    it came from; the report goes to standard error, ending with the profile's
    evaluation on the records searched and on those held out of the search.
    Outcomes are read as evaluate reads them (won, closed won, yes, 1… against
    lost, closed lost, no, 0…; --positive and --negative replace the lists);
    every record is accounted for, searched or held out, positive, negative or
    left out. Same records and seed, same spec, byte for byte. Exit 0; 1 when records
    were skipped as unreadable (the spec is still written); 2 for a usage
    error or unreadable file.

    \b
    Examples:
      icpspec suggest deals.csv --outcome Status -o suggested.icp.yaml
      icpspec suggest deals.csv --outcome Stage --positive "6 - Closed Won" --negative "7 - Closed Lost"
      icpspec suggest customers.csv --value ARR --exclude Owner,Region
    """
    from icpspec.suggest import suggest as run

    if (outcome is None) == (value is None):
        raise click.UsageError("give --outcome COLUMN or --value COLUMN (one of them)")
    shares = _classes(classes)
    output = output_path(output, "icpspec suggest")  # before a search that may take minutes
    try:
        found = run(
            records,
            outcome=outcome,
            value=value,
            classes=shares,
            bad=bad,
            positive=comma_list(positive),
            negative=comma_list(negative),
            holdout=holdout,
            seed=seed,
            stratify=stratify,
            account=account,
            max_criteria=max_criteria,
            max_pairs=max_pairs,
            min_support=min_support,
            min_positives=min_positives,
            leak=leak_auc,
            fields=_names(fields),
            exclude=_names(exclude),
            columns=_pairs(maps, "--map") or None,
            collected=collected.date() if collected else None,
            profile=profile_id,
        )
    except IcpspecError as exc:
        click.echo(f"icpspec suggest: {escape(str(exc), limit=1000)}", err=True)
        sys.exit(EXIT_USAGE)
    for line in [*found.describe(), *evaluation_lines(found.training, found.holdout)]:
        click.echo(escape(line, limit=2000), err=True)
    write_output(output, found.text, "icpspec suggest")
    if output is not None:
        click.echo(f"wrote {escape(output)}", err=True)
    if found.skipped:
        sys.exit(EXIT_FINDINGS)


def evaluation_lines(training: Evaluation | None, holdout: Evaluation | None) -> list[str]:
    """The profile's evaluation on the records searched and, beside it, on those held out, each
    rate with its n and 95 % interval in ``icpspec evaluate``'s words, so overfitting shows."""
    if training is None:
        return []
    parts = (training, holdout)

    def auc(e: Evaluation | None) -> str:
        a = None if e is None else e.figures.ranking.auc
        if e is None or a is None or a.value is None:
            return "-"
        if e.figures.too_few:
            return f"{a.value:.3f} (too few to judge)"
        return f"{a.value:.3f} ({a.low:.3f}-{a.high:.3f})"

    def top(e: Evaluation | None, what: str) -> str:
        if e is None:
            return "-"
        f = e.figures
        if what == "share":
            return f"{pct(f.top.share)} ({f.top.records:,} of {f.records:,})"
        if what == "precision":
            return f"{rate_text(f.top.precision)} n={f.top.records:,}"
        return f"{rate_text(f.top.recall)} n={f.positives:,}"

    rows: list[Sequence[str]] = [
        ("evaluation", "searched", "held out"),
        # With --account, the accounts the intervals count (over Kish's effective size).
        (
            "records evaluated",
            *(rows_text(e.figures.records, e.figures.accounts) if e else "-" for e in parts),
        ),
        # With --bad, evaluate's positive is the outcome to avoid: said so, as evaluate says it.
        (
            "positive (bad outcomes)" if training.bad else "positive",
            *(f"{e.figures.positives:,}" if e else "-" for e in parts),
        ),
        ("AUC (95% interval, DeLong)", auc(training), auc(holdout)),
        ("top: share of records", top(training, "share"), top(holdout, "share")),
        ("top: precision (95% interval)", top(training, "precision"), top(holdout, "precision")),
        ("top: recall (95% interval)", top(training, "recall"), top(holdout, "recall")),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = [f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}".rstrip() for r in rows]
    for name, e in (("searched", training), ("held out", holdout)):
        if e is not None:
            out.append(f"MadKudu's check, {name}: {e.figures.check.message}")
    if holdout is None:
        out.append("no held-out records: the figures above are on the records searched, and flatter it")
    return out
