"""``icpspec match``: parses the options, calls :func:`icpspec.score_file`, renders what it says."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, TextIO

import click

from icpspec.diagnostics import escape, quote

if TYPE_CHECKING:
    from icpspec.records import ColumnReport, Columns, ScoreSummary, SkippedRecord

__all__ = ["column_options", "match", "parse_columns", "render_columns", "render_skipped", "render_summary"]

from ._output import EXIT_FINDINGS as EXIT_SKIPPED
from ._output import EXIT_OK, EXIT_USAGE, echo_diagnostics

#: 128 + SIGPIPE, what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141
#: Skipped records shown one by one on stderr; the rest are counted.
SHOWN_SKIPPED = 10


def _fail(message: str) -> None:
    click.echo(f"icpspec: {message}", err=True)
    sys.exit(EXIT_USAGE)


def column_options(command: Any) -> Any:
    """``--map``, ``--set`` and ``--unit``: the column mapping options of every command that reads records."""
    for option in reversed(
        [
            click.option(
                "--map",
                "maps",
                multiple=True,
                metavar="FIELD=COLUMN",
                help="Read FIELD from COLUMN (repeatable); other fields are found by name and alias.",
            ),
            click.option(
                "--set",
                "sets",
                multiple=True,
                metavar="FIELD=VALUE",
                help="Give FIELD this value in every record, e.g. --set country=US (repeatable).",
            ),
            click.option(
                "--unit",
                "units",
                multiple=True,
                metavar="FIELD=UNIT",
                help="Read a numeric FIELD in thousands, millions, billions or times a number "
                "(repeatable); a header such as 'Revenue ($M)' says its own.",
            ),
        ]
    ):
        command = option(command)
    return command


def parse_columns(maps: Sequence[str], sets: Sequence[str], units: Sequence[str]) -> Columns:
    """The :class:`~icpspec.Columns` of ``--map``/``--set``/``--unit``; a usage error when malformed."""
    from icpspec.records import Columns, ColumnsError

    try:
        return Columns.parse(maps, sets, units)
    except ColumnsError as exc:
        _fail(str(exc))
        raise  # _fail exits; this is for type checkers


def _hint(field: str) -> str:
    return f"name a column with --map {field}=COLUMN"


def render_columns(report: ColumnReport) -> None:
    """On stderr: the mode when it was chosen from the columns, the mapping, then each gap, once."""
    if report.mode_reason is not None:
        if report.mode == "contacts":
            said = "contacts against the personas ({}; --accounts to choose accounts)"
        else:
            said = "accounts against the profiles ({}; --personas to choose contacts)"
        click.echo(f"mode: {said.format(report.mode_reason)}", err=True)
    lines = report.describe()
    if lines:
        click.echo("columns:", err=True)
        for line in lines:
            click.echo(f"  {line}", err=True)
    if report.settled:  # else once every line is read: see render_later_columns
        for warning in report.warnings(_hint):
            click.echo(f"warning: {warning}", err=True)


def render_later_columns(first: ColumnReport, final: ColumnReport) -> None:
    """On stderr, after a JSON Lines file is read: the columns later lines brought, then the gaps."""
    shown = set(first.describe())
    later = [line for line in final.describe() if line not in shown]
    if later:
        click.echo("columns found on later lines:", err=True)
        for line in later:
            click.echo(f"  {line}", err=True)
    for warning in final.warnings(_hint):
        click.echo(f"warning: {warning}", err=True)


def _counts(tally: Any) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in tally.items() if v)


def render_skipped(file: str, first: Sequence[SkippedRecord], skipped: int) -> None:
    """On stderr, the first skipped records of a record file, one per line, then how many more."""
    name = escape(file, limit=1000)
    for s in first[:SHOWN_SKIPPED]:
        click.echo(f"{name}:{s.line}:{s.column}: skipped: {s.reason}", err=True)
    if skipped > SHOWN_SKIPPED:
        click.echo(f"{name}: … and {skipped - SHOWN_SKIPPED:,} more skipped records", err=True)


def render_summary(summary: ScoreSummary) -> None:
    """On stderr: the skipped records, the counts, the unknown values per field."""
    echo = click.echo
    render_skipped(summary.source, summary.skipped_first, summary.skipped)
    scored, seconds = summary.scored, summary.seconds
    rate = f", {scored / seconds:,.0f} records/s" if seconds > 0 and scored else ""
    echo(
        f"{summary.records:,} record{'s' if summary.records != 1 else ''} read: {scored:,} matched, "
        f"{summary.skipped:,} skipped, in {seconds:.2f} s{rate}",
        err=True,
    )
    if scored:
        echo(f"  status: {_counts({s.value: n for s, n in summary.statuses.items()})}", err=True)
        echo(f"  tier: {_counts(summary.tiers)}", err=True)
        if summary.best:
            kind = "persona" if summary.mode == "contacts" else "profile"
            echo(f"  best {kind}: {_counts(summary.best)}", err=True)
    from_title = summary.columns.from_title
    for field, unknown in summary.unknown.items():
        parts = []
        if unknown.unreadable:
            parts.append(f"{unknown.unreadable:,} unreadable (e.g. {quote(unknown.example or '', limit=40)})")
        if unknown.blank:
            parts.append(
                f"{unknown.blank:,} blank" + (" (read from the title)" if field in from_title else "")
            )
        echo(f"  unknown {field} ({quote(unknown.column or '?', limit=40)}): {', '.join(parts)}", err=True)
    if summary.blank_lines:
        plural = "s" if summary.blank_lines != 1 else ""
        echo(f"  {summary.blank_lines:,} blank line{plural} ignored", err=True)
    if summary.dropped_keys:
        echo(
            f"  {summary.dropped_keys:,} record{'s' if summary.dropped_keys != 1 else ''} had keys that the "
            "first record has not: not in the CSV output (use --format jsonl to keep them)",
            err=True,
        )
    if summary.engine == "duckdb":
        echo("  engine: duckdb", err=True)


@contextmanager
def _stdout() -> Iterator[TextIO]:
    """stdout as a text stream for CSV (no newline translation); a closed pipe ends the run quietly."""
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`icpspec match … | head`): stop quietly, as a shell pipeline does.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_BROKEN_PIPE)
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.detach()


class _Bar:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise.

    It appears with the first update (after some thousands of records), so
    the column mapping printed before it never mixes with it.
    """

    def __init__(self) -> None:
        self._bar: Any = None
        self._on = sys.stderr.isatty()

    def __call__(self, done: int, total: int | None) -> None:
        if not self._on:
            return
        if self._bar is None:
            from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

            self._bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                transient=True,
            )
            self._task = self._bar.add_task("matching", total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@click.command()
@click.argument("spec_file", metavar="SPEC", type=click.Path(path_type=str))
@click.argument("records", metavar="RECORDS", type=click.Path(path_type=str))
@click.option(
    "-o", "--output", type=click.Path(path_type=str), help="Write to this file (atomically), not stdout."
)
@click.option("--profile", "profile_id", metavar="ID", help="Match against this profile only.")
@click.option(
    "--explain", is_flag=True, help="Add the matched, missed and unknown criteria, and why disqualified."
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["csv", "jsonl"]),
    help="Output format (default: the input's).",
)
@column_options
@click.option(
    "--engine",
    type=click.Choice(["python", "duckdb"]),
    default="python",
    show_default=True,
    help="The engine: python (streaming), or duckdb (CSV or Parquet files; the sql extra).",
)
@click.option(
    "--personas/--accounts",
    "personas",
    default=None,
    help="Score contacts against the spec's personas, or accounts against its profiles "
    "(default: contacts when the columns hold contact fields such as title and no account field).",
)
@click.option(
    "--tables",
    multiple=True,
    type=click.Path(path_type=str),
    help="A title table of your own, added to the shipped ones (contacts; repeatable; see icpspec title). "
    "The spec's own 'titles:' rows are always read, and win over it.",
)
def match(  # noqa: PLR0917 - click passes every option
    spec_file: str,
    records: str,
    output: str | None,
    profile_id: str | None,
    explain: bool,
    out_format: Literal["csv", "jsonl"] | None,
    maps: Sequence[str],
    sets: Sequence[str],
    units: Sequence[str],
    engine: Literal["python", "duckdb"],
    personas: bool | None,
    tables: Sequence[str],
) -> None:
    """Score every record of a CSV or JSON Lines file against a spec.

    RECORDS is a CSV file (with a header line) or a JSON Lines file
    ('.jsonl', or '-' for stdin). Columns are matched to fields by name and
    alias ('Number of employees' is employees); --map names a column,
    --set gives a field one value (a list of US companies with no country
    column: --set country=US), --unit reads a number in thousands or
    millions. The mapping and a summary go to stderr. Every input column is
    kept and icp_profile, icp_score, icp_tier, icp_status, icp_coverage and
    icp_spec_version are added (and, with --explain, icp_matched,
    icp_missed, icp_unknown, icp_disqualified_by, icp_reason). With several
    profiles and no --profile, each record gets its best match. CSV cells
    that a spreadsheet would run as a formula are written with a leading "'".

    Contacts (--personas, or a file whose columns hold title, seniority or
    department and no account field) are scored against the spec's buyer
    personas instead: icp_persona replaces icp_profile, and --explain adds
    icp_matched, icp_missed, icp_unknown, then icp_seniority and
    icp_departments, how each title was read (with the spec's 'titles:'
    rows; --tables adds title tables of your own).

    Exit status: 0 every record matched, 1 some records were skipped (each is
    reported with its line), 2 nothing matched: a usage error, an invalid
    spec, or a file that cannot be read.

    \b
    Examples:
      icpspec match icp.yaml accounts.csv -o scored.csv
      icpspec match icp.yaml accounts.jsonl --profile us-saas --explain
      icpspec match icp.yaml crm.csv --map employees='Head count' --format jsonl
      icpspec match icp.yaml us-companies.csv --set country=US --unit annual_revenue=thousands
      icpspec match icp.yaml contacts.csv --personas --explain
    """
    from icpspec.batch import score_file
    from icpspec.diagnostics import IcpspecError, SpecError
    from icpspec.schema import load

    columns = parse_columns(maps, sets, units)
    try:
        spec = load(spec_file)
    except SpecError as exc:
        echo_diagnostics(exc.diagnostics, err=True)
        _fail(f"{escape(spec_file, limit=1000)}: not a valid spec; nothing matched")
        return
    started = False
    first: ColumnReport | None = None

    def on_columns(report: ColumnReport) -> None:
        nonlocal started, first
        started = True
        first = report
        render_columns(report)

    bar = _Bar()
    mode: Literal["accounts", "contacts"] | None = (
        None if personas is None else "contacts" if personas else "accounts"
    )
    try:
        with contextlib.ExitStack() as stack:
            out: str | TextIO = stack.enter_context(_stdout()) if output in (None, "-") else output
            try:
                summary = score_file(
                    records,
                    out,
                    spec,
                    profile=profile_id,
                    columns=columns,
                    explain=explain,
                    format=out_format,
                    progress=bar,
                    engine=engine,
                    mode=mode,
                    titles=tables,
                    on_columns=on_columns,
                )
            finally:
                bar.stop()
    except OSError as exc:
        name = escape(getattr(exc, "filename", None) or output or "-", limit=1000)
        _fail(f"cannot write {name}: {exc.strerror or exc}")
        return
    except IcpspecError as exc:
        # Written to a file, a run that fails leaves nothing; to stdout, what was sent stays.
        to_stdout = output in (None, "-")
        done = (
            "nothing matched" if not started else "stdout is incomplete" if to_stdout else "nothing written"
        )
        _fail(f"{escape(str(exc), limit=1000)}; {done}")
        return
    if first is not None and not first.settled:
        render_later_columns(first, summary.columns)
    render_summary(summary)
    sys.exit(EXIT_SKIPPED if summary.skipped else EXIT_OK)
