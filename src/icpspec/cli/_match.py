"""``icpspec match``: score a CSV or JSON Lines file of accounts, streaming, in constant memory."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import click

from icpspec.diagnostics import escape, quote
from icpspec.output import atomic_writer

from ._personas import PERSONA_COLUMNS, PERSONA_EXPLAIN_COLUMNS, PERSONA_READS, PersonaScorer, choose_mode

if TYPE_CHECKING:
    from icpspec.engine import BestMatch, MatchResult
    from icpspec.model import Criterion, Disqualifier, Profile, Spec
    from icpspec.records import ColumnMapping, CsvWriter, ReadReport, RecordReader

__all__ = ["EXPLAIN_COLUMNS", "NEW_COLUMNS", "fold_tally", "match", "report_skipped"]

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
#: 128 + SIGPIPE, what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141

#: The columns ``icpspec match`` adds, in order.
NEW_COLUMNS = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")
#: The columns ``--explain`` adds after them.
EXPLAIN_COLUMNS = ("icp_matched", "icp_missed", "icp_unknown", "icp_disqualified_by", "icp_reason")
#: What a blank contact column means when the file has titles: the persona matcher reads it there.
_TITLE_NOTES = {"seniority": "read from the title", "department": "read from the title"}
#: Skipped records shown one by one on stderr; the rest are counted.
SHOWN_SKIPPED = 10


def _fail(message: str) -> None:
    click.echo(f"icpspec: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _parse_maps(maps: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in maps:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column:
            _fail(f"--map {quote(item)}: write it as FIELD=COLUMN, e.g. --map employees='Head count'")
        out[field.strip()] = column
    return out


class _Explainer:
    """The ``--explain`` cells of one profile's results, from their outcome codes."""

    def __init__(self, profile: Profile) -> None:
        self.criteria = [c.id for c in profile.criteria]
        self.disqualifiers = [d.id for d in profile.disqualifiers]
        self.reasons = [d.reason or "" for d in profile.disqualifiers]

    def values(
        self, result: MatchResult, record: dict[str, object]
    ) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        del record  # an account's explanation is all in its result
        codes = result.codes
        n = len(self.criteria)
        groups: tuple[list[str], list[str], list[str]] = ([], [], [])  # missed, matched, unknown
        for cid, code in zip(self.criteria, codes, strict=False):
            groups[code].append(cid)
        hit = [i for i, code in enumerate(codes[n:]) if code == 1]
        return (
            groups[1],
            groups[0],
            groups[2],
            [self.disqualifiers[i] for i in hit],
            [self.reasons[i] for i in hit if self.reasons[i]],
        )


class _PersonaExplainer(_Explainer):
    """A persona's criteria as an account's, then the seniority and departments the contact was read as."""

    def __init__(self, profile: Profile, scorer: PersonaScorer) -> None:
        super().__init__(profile)
        self.scorer = scorer

    def values(
        self, result: MatchResult, record: dict[str, object]
    ) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        matched, missed, unknown, _, _ = super().values(result, record)
        return (matched, missed, unknown, *self.scorer.reading(record))


def _matcher(
    spec: Spec, profile_id: str | None
) -> tuple[Callable[[dict[str, object]], MatchResult | BestMatch], list[str]]:
    """The function giving each record its result (or its no fit), and the ids of the profiles it tries."""
    from icpspec.diagnostics import IcpspecError
    from icpspec.engine import Matcher, SpecMatcher
    from icpspec.schema._validate import did_you_mean

    if profile_id is not None:
        if profile_id not in spec.profiles:
            _fail(f"--profile {quote(profile_id)}: no such profile{did_you_mean(profile_id, spec.profiles)}")
        return Matcher(spec.profiles[profile_id], spec=spec).match, [profile_id]
    try:
        matchers = SpecMatcher(spec)
    except IcpspecError as exc:
        _fail(f"{exc}; nothing matched")
        raise  # _fail exits; this is for type checkers
    ids = list(matchers.matchers)
    if len(ids) == 1:
        return matchers.matchers[ids[0]].match, ids
    return _best_or_no_fit(matchers.best_match), ids


def _best_or_no_fit(
    best: Callable[[dict[str, object]], BestMatch],
) -> Callable[[dict[str, object]], MatchResult | BestMatch]:
    """The best result of a record, or its :class:`BestMatch` when no profile fits it (``no_fit``)."""

    def match_one(record: dict[str, object]) -> MatchResult | BestMatch:
        found = best(record)
        return found if found.best is None else found.best

    return match_one


def _result_cells(  # noqa: PLR0917 - the loop's state, passed along
    result: MatchResult,
    record: dict[str, object],
    as_csv: bool,
    explain: bool,
    explainers: Mapping[str, _Explainer],
    tally: dict[tuple[str, str, str | None], int],
    versions: dict[str, tuple[str, str]],
) -> list[Any]:
    """The new cells of one record's result (counted in ``tally``); ``versions`` caches the stamps."""
    from icpspec.records import escape_formula

    pid = result.profile
    tier = result.tier
    stamps = versions.get(pid)
    if stamps is None:
        stamps = versions[pid] = (result.spec_version, escape_formula(result.spec_version))
    key = (pid, result.status, tier)
    tally[key] = tally.get(key, 0) + 1
    cells: list[Any]
    if as_csv:
        cells = [
            pid,
            repr(result.score),
            "" if tier is None else tier,
            result.status,
            repr(result.coverage),
            stamps[1],
        ]
        if explain:
            cells += ["; ".join(v) for v in explainers[pid].values(result, record)]
            cells[-1] = escape_formula(cells[-1])
    else:
        cells = [pid, result.score, tier, result.status, result.coverage, stamps[0]]
        if explain:
            cells += explainers[pid].values(result, record)
    return cells


def _no_fit_cells(  # noqa: PLR0917 - the loop's state, passed along
    found: BestMatch,
    record: dict[str, object],
    as_csv: bool,
    explain: bool,
    scorer: PersonaScorer | None,
    tally: dict[tuple[str, str, str | None], int],
) -> list[Any]:
    """The new cells of a record no profile fits (counted in ``tally``): its status and stamp.

    With ``--explain``: no profile's outcomes, but why each profile lost (accounts) or how
    the contact was read (contacts).
    """
    from icpspec.records import escape_formula

    key = ("", found.status.value, None)
    tally[key] = tally.get(key, 0) + 1
    version = found.spec_version
    if not as_csv:
        cells: list[Any] = [None, None, None, found.status.value, None, version]
        if explain:
            cells += [
                [],
                [],
                [],
                *(scorer.reading(record) if scorer else ([], list(found.why_not().values()))),
            ]
        return cells
    cells = ["", "", "", found.status.value, "", escape_formula(version)]
    if explain:
        tail = ["; ".join(v) for v in scorer.reading(record)] if scorer else ["", found.explain()]
        cells += ["", "", "", *tail]
        cells[-1] = escape_formula(cells[-1])
    return cells


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
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
        return
    try:
        with atomic_writer(Path(path), newline="") as fh:
            yield fh
    except OSError as exc:
        _fail(f"cannot write {escape(path, limit=1000)}: {exc.strerror or exc}")


class _Progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise.

    It appears with the first update (after some thousands of records), so
    the column mapping printed before it never mixes with it.
    """

    def __init__(self, total: int | None) -> None:
        self._total = total
        self._bar: Any = None
        self._on = sys.stderr.isatty()

    def update(self, done: int) -> None:
        if not self._on:
            return
        if self._bar is None:
            try:
                from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
            except ImportError:  # pragma: no cover - rich is a dependency
                self._on = False
                return
            self._bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                transient=True,
            )
            self._task = self._bar.add_task("matching", total=self._total)
            self._bar.start()
        self._bar.update(self._task, completed=done)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _counts(tally: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in tally.items() if v)


def report_skipped(file: str, report: ReadReport) -> None:
    """On stderr, the first skipped records of a record file, one per line, then how many more."""
    name = escape(file, limit=1000)
    for s in report.skipped_first[:SHOWN_SKIPPED]:
        click.echo(f"{name}:{s.line}:{s.column}: skipped: {s.reason}", err=True)
    if report.skipped > SHOWN_SKIPPED:
        click.echo(f"{name}: … and {report.skipped - SHOWN_SKIPPED:,} more skipped records", err=True)


def fold_tally(
    tally: Mapping[tuple[str, str, str | None], int], profiles: Mapping[str, Profile], ids: Sequence[str]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Counts per ``(profile, status, tier)`` as counts per status, per tier and per profile, in order."""
    statuses: dict[str, int] = {}
    tiers: dict[str, int] = {}
    best: dict[str, int] = dict.fromkeys(ids, 0)
    for (pid, status, tier), count in tally.items():
        statuses[status] = statuses.get(status, 0) + count
        tiers[tier or "none"] = tiers.get(tier or "none", 0) + count
        best[pid or "no fit"] = best.get(pid or "no fit", 0) + count
    order = ["scored", "disqualified", "required_failed", "insufficient_data", "no_fit"]
    tier_names = [*dict.fromkeys(t for pid in ids for t in profiles[pid].tiers), "none"]
    return (
        {s: statuses[s] for s in order if s in statuses},
        {t: tiers[t] for t in tier_names if t in tiers},
        best,
    )


def _summary(
    *,
    name: str,
    mapping: ColumnMapping | None,
    report: ReadReport,
    statuses: dict[str, int],
    tiers: dict[str, int],
    profiles: dict[str, int],
    seconds: float,
    dropped_keys: int,
    kind: str = "profile",
    notes: Mapping[str, str] | None = None,
) -> None:
    echo = click.echo
    report_skipped(name, report)
    matched = report.records - report.skipped
    rate = f", {matched / seconds:,.0f} records/s" if seconds > 0 and matched else ""
    echo(
        f"{report.records:,} record{'s' if report.records != 1 else ''} read: {matched:,} matched, "
        f"{report.skipped:,} skipped, in {seconds:.2f} s{rate}",
        err=True,
    )
    if matched:
        echo(f"  status: {_counts(statuses)}", err=True)
        echo(f"  tier: {_counts(tiers)}", err=True)
        if len([v for v in profiles.values() if v]) > 1 or len(profiles) > 1:
            echo(f"  best {kind}: {_counts(profiles)}", err=True)
    for field in dict.fromkeys([*report.unreadable, *report.blank]):
        column = mapping.fields.get(field, "?") if mapping is not None else "?"
        parts = []
        if report.unreadable.get(field):
            parts.append(
                f"{report.unreadable[field]:,} unreadable "
                f"(e.g. {quote(report.examples.get(field, ''), limit=40)})"
            )
        if report.blank.get(field):
            parts.append(f"{report.blank[field]:,} blank")
            if notes and field in notes:
                parts[-1] += f" ({notes[field]})"
        echo(f"  unknown {field} ({quote(column, limit=40)}): {', '.join(parts)}", err=True)
    if report.blank_lines:
        echo(f"  {report.blank_lines:,} blank line{'s' if report.blank_lines != 1 else ''} ignored", err=True)
    if dropped_keys:
        echo(
            f"  {dropped_keys:,} record{'s' if dropped_keys != 1 else ''} had keys that the first record "
            "has not: not in the CSV output (use --format jsonl to keep them)",
            err=True,
        )


def _reads(condition: object, field: str) -> bool:
    """Whether ``condition`` (a leaf or a combinator) reads ``field``."""
    if getattr(condition, "field", None) == field:
        return True
    parts = getattr(condition, "conditions", None) or (
        (condition.condition,) if hasattr(condition, "condition") else ()
    )
    return any(_reads(part, field) for part in parts)


def _announce(
    mapping: ColumnMapping | None,
    profiles: Mapping[str, Profile],
    ids: Sequence[str],
    replaced: Sequence[str],
    contacts: bool = False,
) -> None:
    """The column mapping, and each field no column holds, once, up front.

    For ``contacts``, a field stands also for those the persona matcher makes
    of it (:data:`PERSONA_READS`), and without a seniority or department
    column they are read from the title, when there is one.
    """
    if mapping is None:
        return
    from_title = (
        {f for f in _TITLE_NOTES if f in mapping.missing} if contacts and "title" in mapping.fields else set()
    )
    click.echo("columns:", err=True)
    for described in mapping.describe():
        field = described.partition(" ")[0]
        said = f"{field} <- no column: read from the title" if field in from_title else described
        click.echo(f"  {said}", err=True)
    for field in mapping.missing:
        if field in from_title:
            continue
        users = []
        for pid in ids:
            profile = profiles[pid]
            items: list[Criterion | Disqualifier] = [*profile.criteria, *profile.disqualifiers]
            reads = PERSONA_READS.get(field, (field,)) if contacts else (field,)
            users += [f"{pid}/{item.id}" for item in items if any(_reads(item.condition, f) for f in reads)]
        if not users:
            continue
        click.echo(
            f"warning: no column holds field {quote(field)}; unknown in every record: {', '.join(users)} "
            f"(name a column with --map {field}=COLUMN)",
            err=True,
        )
    for column in replaced:
        click.echo(f"warning: the input column {quote(column)} is replaced by this run's", err=True)


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
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD from COLUMN (repeatable); other fields are found by name and alias.",
)
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
    out_format: str | None,
    maps: Sequence[str],
    engine: str,
    personas: bool | None,
    tables: Sequence[str],
) -> None:
    """Score every record of a CSV or JSON Lines file against a spec.

    RECORDS is a CSV file (with a header line) or a JSON Lines file
    ('.jsonl', or '-' for stdin). Columns are matched to fields by name and
    alias ('Number of employees' is employees); the mapping and a summary go to
    stderr. Every input column is kept and icp_profile, icp_score, icp_tier,
    icp_status, icp_coverage and icp_spec_version are added (and, with
    --explain, icp_matched, icp_missed, icp_unknown, icp_disqualified_by,
    icp_reason). With several profiles and no --profile, each record gets its
    best match. CSV cells that a spreadsheet would run as a formula are
    written with a leading "'".

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
      icpspec match icp.yaml contacts.csv --personas --explain
    """
    from icpspec.diagnostics import SpecError
    from icpspec.records import RecordFileError, RecordReader, contact_fields, spec_fields
    from icpspec.schema import load

    try:
        spec = load(spec_file)
    except SpecError as exc:
        for d in exc.diagnostics:
            click.echo(f"{escape(d.file, limit=1000)}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
        _fail(f"{escape(spec_file, limit=1000)}: not a valid spec; nothing matched")
        return
    overrides = _parse_maps(maps)
    if engine == "duckdb":
        from ._match_duckdb import match_duckdb

        match_duckdb(
            spec,
            records,
            output=output,
            profile_id=profile_id,
            out_format=out_format,
            overrides=overrides,
            refused={"--explain": explain, "--personas": bool(personas), "--tables": bool(tables)},
        )
        return
    if personas and profile_id is not None:
        _fail("--profile chooses an account profile: it does not go with --personas")
    if personas is None and (profile_id is not None or not spec.personas):
        personas = False  # nothing to choose
    if personas is False and tables:
        _fail("--tables reads job titles: it goes with contacts (--personas)")
    scorer = _persona_scorer(spec, tables) if personas is not False else None
    try:
        # The header first: which fields to read may depend on it.
        reader = RecordReader(records, {})
    except RecordFileError as exc:
        _fail(f"{exc}; nothing matched")
        return
    with reader:
        if scorer is not None and personas is None:
            chosen, why = choose_mode(
                spec,
                reader.first_keys(),
                spec_fields(spec),
                contact_fields(spec, scorer.profiles.values()),
                overrides,
            )
            if reader.format == "jsonl":
                why += " in the first line"
            if chosen:
                click.echo(
                    f"mode: contacts against the personas ({why}; --accounts to choose accounts)", err=True
                )
            else:
                click.echo(
                    f"mode: accounts against the profiles ({why}; --personas to choose contacts)", err=True
                )
                if tables:
                    _fail("--tables reads job titles: it goes with contacts (--personas)")
                scorer = None
        if scorer is not None:
            match_one: Callable[[dict[str, object]], MatchResult | BestMatch] = scorer
            ids = list(scorer.profiles)
            profiles: Mapping[str, Profile] = scorer.profiles
            fields = contact_fields(spec, profiles.values())
        else:
            match_one, ids = _matcher(spec, profile_id)
            profiles = spec.profiles
            fields = spec_fields(spec, ids)
        try:
            reader.use_fields(fields, overrides)
        except RecordFileError as exc:
            _fail(f"{exc}; nothing matched")
        _run(
            reader=reader,
            profiles=profiles,
            ids=ids,
            match_one=match_one,
            output=output,
            out_format=out_format or reader.format,
            explain=explain,
            scorer=scorer,
        )


def _persona_scorer(spec: Spec, tables: Sequence[str]) -> PersonaScorer:
    """The persona matcher of ``spec``, with the user's title tables; a usage error when it cannot be."""
    from icpspec.diagnostics import IcpspecError
    from icpspec.titles import TitleNormalizer, read_table

    try:
        extra = [entry for path in tables for entry in read_table(path)]
        return PersonaScorer(spec, TitleNormalizer(extra) if extra else None)
    except IcpspecError as exc:
        _fail(f"{exc}; nothing matched")
        raise  # _fail exits; this is for type checkers


def _score_csv(  # noqa: PLR0917 - the hot loop takes what it needs as locals
    rows: Iterator[tuple[int, Any, dict[str, object]]],
    match_one: Callable[[dict[str, object]], MatchResult | BestMatch],
    writer: CsvWriter,
    tally: dict[tuple[str, str, str | None], int],
    progress: _Progress,
    reader: RecordReader,
    pid: str,
) -> Iterator[tuple[int, Any, dict[str, object]]]:
    """The common case, CSV to CSV against one profile, with no per-row work to spare.

    Writes every row itself; yields nothing (it is a generator only so that
    the caller's loop, which it leaves empty, stays the one loop to read).
    """
    import csv

    from icpspec.records import escape_formula, escape_row, line_may_hold_formula

    writerow = writer.writerow
    write = writer.out.write
    source = reader._source
    # A result's outcome codes decide its score, coverage, status and tier: the new cells of
    # each distinct set of codes are made once, and counted there.
    seen: dict[tuple[int, ...], tuple[str, list[Any], list[int]]] = {}
    version = ""
    pending: list[str] = []  # lines written a thousand at a time: one write call each
    add = pending.append
    n = 0
    for n, (start, row, record) in enumerate(rows, 1):
        result = cast("MatchResult", match_one(record))  # one profile or persona: never "no fit"
        entry = seen.get(result.codes)
        if entry is None:
            if not version:
                version = escape_formula(result.spec_version)
            tier = result.tier
            cells = [pid, repr(result.score), tier or "", result.status, repr(result.coverage), version]
            text = io.StringIO()
            csv.writer(text, lineterminator="\r\n").writerow(["", *cells])
            entry = (text.getvalue(), cells, [0])
            if len(seen) < 4096:
                seen[result.codes] = entry
            else:  # counted here, as it is not kept
                tally[pid, result.status, tier] = tally.get((pid, result.status, tier), 0) + 1
                entry[2][0] -= 1
        entry[2][0] += 1
        line = source.text
        if start == source.lineno and (not line_may_hold_formula(line) or escape_row(row) is row):
            # A one-line record that needs no escaping: its line as read, then the new cells.
            add(line.rstrip("\r\n") + entry[0])
        else:
            write("".join(pending))
            pending.clear()
            writerow([*escape_row(row), *entry[1]])
        if not n & 0x3FF:
            write("".join(pending))
            pending.clear()
            if not n & 0x1FFF:
                progress.update(reader.bytes_read)
    write("".join(pending))
    for _, cells, (count,) in seen.values():
        status, tier = cells[3], cells[2] or None
        tally[pid, status, tier] = tally.get((pid, status, tier), 0) + count
    yield from ()


def _run(
    *,
    reader: RecordReader,
    profiles: Mapping[str, Profile],
    ids: list[str],
    match_one: Callable[[dict[str, object]], MatchResult | BestMatch],
    output: str | None,
    out_format: str,
    explain: bool,
    scorer: PersonaScorer | None = None,
) -> None:
    from icpspec.engine import BestMatch
    from icpspec.records import CsvWriter, JsonlWriter, RecordFileError

    as_csv = out_format == "csv"
    if scorer is None:
        extra_names = [*NEW_COLUMNS, *(EXPLAIN_COLUMNS if explain else ())]
        explainers = {pid: _Explainer(profiles[pid]) for pid in ids} if explain else {}
    else:
        extra_names = [*PERSONA_COLUMNS, *(PERSONA_EXPLAIN_COLUMNS if explain else ())]
        explainers = {pid: _PersonaExplainer(profiles[pid], scorer) for pid in ids} if explain else {}
    total = None  # a pipe or stdin: a bar without an end
    if reader.name != "-":
        with contextlib.suppress(OSError):
            info = Path(reader.name).stat()
            total = info.st_size if stat.S_ISREG(info.st_mode) else None
    tally: dict[tuple[str, str, str | None], int] = {}
    writer: CsvWriter | JsonlWriter | None = None
    progress = _Progress(total)
    start = time.perf_counter()
    try:
        with _output(output) as out:
            writer_type = CsvWriter if as_csv else JsonlWriter
            input_columns = [c for c in reader.columns if c not in extra_names]
            if reader.format == "csv":
                _announce(
                    reader.mapping,
                    profiles,
                    ids,
                    [c for c in reader.columns if c in extra_names],
                    scorer is not None,
                )
                writer = writer_type(out, input_columns, extra_names)
            keep = (
                None
                if len(input_columns) == len(reader.columns)
                else [i for i, c in enumerate(reader.columns) if c not in extra_names]
            )
            versions: dict[str, tuple[str, str]] = {}
            rows = reader.rows()
            if as_csv and isinstance(writer, CsvWriter) and not explain and keep is None and len(ids) == 1:
                rows = _score_csv(rows, match_one, writer, tally, progress, reader, ids[0])
            for n, (_, row, record) in enumerate(rows, 1):
                raw = row
                result = match_one(record)
                if isinstance(result, BestMatch):  # several profiles, and none fits
                    cells = _no_fit_cells(result, record, as_csv, explain, scorer, tally)
                else:
                    cells = _result_cells(result, record, as_csv, explain, explainers, tally, versions)
                if type(raw) is list:
                    if keep is not None:
                        raw = [raw[i] for i in keep]
                    writer.write(raw, cells)  # type: ignore[union-attr]
                else:
                    if writer is None:
                        input_columns = [c for c in reader.columns if c not in extra_names]
                        _announce(
                            reader.mapping,
                            profiles,
                            ids,
                            [c for c in reader.columns if c in extra_names],
                            scorer is not None,
                        )
                        writer = writer_type(out, input_columns, extra_names)
                    if any(k in raw for k in extra_names):
                        raw = {k: v for k, v in raw.items() if k not in extra_names}  # type: ignore[union-attr]
                    writer.write_object(raw, cells)  # type: ignore[arg-type]
                if not n & 0x1FFF:
                    progress.update(reader.bytes_read)
            if writer is None:
                writer = writer_type(out, [], extra_names)
    except RecordFileError as exc:
        progress.stop()
        _fail(f"{exc}; nothing written")
    finally:
        progress.stop()
    seconds = time.perf_counter() - start
    statuses, tiers, best = fold_tally(tally, profiles, ids)
    report = reader.report
    mapping_fields = reader.mapping.fields if reader.mapping is not None else {}
    if len(ids) == 1:
        best = {}
    _summary(
        name=reader.name,
        mapping=reader.mapping,
        report=report,
        statuses=statuses,
        tiers=tiers,
        profiles=best,
        seconds=seconds,
        dropped_keys=writer.dropped_keys if writer else 0,
        kind="profile" if scorer is None else "persona",
        notes=_TITLE_NOTES if scorer is not None and "title" in mapping_fields else None,
    )
    sys.exit(EXIT_SKIPPED if report.skipped else EXIT_OK)
