"""Scoring a whole CSV or JSON Lines file in Python: read, map, score, write, count; in constant memory.

:func:`score_records` is the Python engine of :func:`icpspec.score_file`: it
streams the records through the compiled matcher and writes every input
column back with the new ones (``icp_profile`` … ``icp_spec_version``, and
the explanation with ``explain``). Nothing here prints: the column mapping
goes to ``on_columns`` before the first record is written, the progress to
``progress``, and what was found comes back as a :class:`ScoreSummary`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

import attrs

from icpspec.diagnostics import IcpspecError, did_you_mean, quote
from icpspec.engine import Verdict
from icpspec.model import Profile, Spec
from icpspec.output import atomic_writer

from ._columns import Columns, ResolvedColumns
from ._fields import contact_fields, missing_readers, spec_fields
from ._limits import DEFAULT_RECORD_LIMITS, RecordLimits
from ._mode import contacts_mode
from ._personas import PERSONA_COLUMNS, PERSONA_EXPLAIN_COLUMNS, PersonaScorer
from ._reader import RecordReader
from ._summary import ColumnReport, Mode, ProgressCallback, ScoreSummary, tally_counts, unknown_values
from ._writer import CsvWriter, JsonlWriter, escape_formula, escape_row, line_may_hold_formula

if TYPE_CHECKING:
    from icpspec.engine import BestMatch, MatchResult

__all__ = ["EXPLAIN_COLUMNS", "NEW_COLUMNS", "score_records"]

#: The columns scoring adds, in order.
NEW_COLUMNS = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")
#: The columns ``explain`` adds after them.
EXPLAIN_COLUMNS = ("icp_matched", "icp_missed", "icp_unknown", "icp_disqualified_by", "icp_reason")
#: The contact fields read from the title when no column holds them.
TITLE_FIELDS = ("seniority", "department")
#: Distinct outcomes whose new cells are kept (made once, counted there).
KEPT_OUTCOMES = 4096

#: A record's result; with several profiles (or personas) and none fitting, their BestMatch (no fit).
Score = Callable[[dict[str, object]], "MatchResult | BestMatch"]
Cells = tuple[list[str], list[str], list[str], list[str], list[str]]


class _Explainer:
    """The ``explain`` cells of one profile's results, from their verdicts."""

    def __init__(self, profile: Profile) -> None:
        self.criteria = [c.id for c in profile.criteria]
        self.disqualifiers = [d.id for d in profile.disqualifiers]
        self.reasons = [d.reason or "" for d in profile.disqualifiers]

    def values(self, result: MatchResult, record: dict[str, object]) -> Cells:
        del record  # an account's explanation is all in its result
        verdicts = result.verdicts
        n = len(self.criteria)
        groups: dict[Verdict, list[str]] = {v: [] for v in Verdict}
        for cid, verdict in zip(self.criteria, verdicts, strict=False):
            groups[verdict].append(cid)
        hit = [i for i, v in enumerate(verdicts[n:]) if v is Verdict.MATCHED]
        return (
            groups[Verdict.MATCHED],
            groups[Verdict.MISSED],
            groups[Verdict.UNKNOWN],
            [self.disqualifiers[i] for i in hit],
            [self.reasons[i] for i in hit if self.reasons[i]],
        )


class _PersonaExplainer(_Explainer):
    """A persona's criteria as an account's, then the seniority and departments the contact was read as."""

    def __init__(self, profile: Profile, scorer: PersonaScorer) -> None:
        super().__init__(profile)
        self.scorer = scorer

    def values(self, result: MatchResult, record: dict[str, object]) -> Cells:
        matched, missed, unknown, _, _ = super().values(result, record)
        return (matched, missed, unknown, *self.scorer.reading(record))


def account_scorer(spec: Spec, profile: str | None) -> tuple[Score, list[str]]:
    """The function that gives each record its result, and the ids of the profiles it tries.

    With several profiles, a record's result is its best match, or (when
    no profile fits it) the :class:`~icpspec.BestMatch` that says ``no_fit``.
    """
    from icpspec.engine import Matcher, SpecMatcher, target

    if profile is not None:
        if profile not in spec.profiles:
            hint = did_you_mean(profile, spec.profiles)
            raise IcpspecError(f"--profile {quote(profile)}: no such profile{hint}")
        return Matcher(target(spec, profile)).match, [profile]
    matchers = SpecMatcher(spec)
    ids = list(matchers.matchers)
    if len(ids) == 1:
        return matchers.matchers[ids[0]].match, ids
    best = matchers.best_match

    def best_or_no_fit(record: dict[str, object]) -> MatchResult | BestMatch:
        found = best(record)
        return found if found.best is None else found.best

    return best_or_no_fit, ids


class _Plan:
    """What one run scores with, chosen from the spec, the options and the file's header."""

    def __init__(
        self,
        spec: Spec,
        reader: RecordReader,
        *,
        profile: str | None,
        mode: Mode | None,
        columns: Columns,
        titles: Sequence[str | os.PathLike[str]],
    ) -> None:
        if mode == "contacts" and profile is not None:
            raise IcpspecError("--profile chooses an account profile: it does not go with --personas")
        if mode is None and (profile is not None or not spec.personas):
            mode = "accounts"  # nothing to choose
        if mode == "accounts" and titles:
            raise IcpspecError("--tables reads job titles: it goes with contacts (--personas)")
        scorer = _persona_scorer(spec, titles) if mode != "accounts" else None
        self.reason: str | None = None
        if scorer is not None and mode is None:
            choice = contacts_mode(
                spec,
                reader.first_keys(),
                columns.map,
                account_fields=spec_fields(spec),
                contact_fields=contact_fields(spec, scorer.profiles.values()),
            )
            chosen, why = choice.contacts, choice.reason
            self.reason = why + (" in the first line" if reader.format == "jsonl" else "")
            if not chosen:
                if titles:
                    raise IcpspecError("--tables reads job titles: it goes with contacts (--personas)")
                scorer = None
        self.mode: Mode = "contacts" if scorer is not None else "accounts"
        self.persona: PersonaScorer | None = scorer
        if scorer is not None:
            self.score: Score = scorer
            self.ids = list(scorer.profiles)
            self.profiles: Mapping[str, Profile] = scorer.profiles
            reader.use_fields(contact_fields(spec, self.profiles.values()), columns)
        else:
            self.score, self.ids = account_scorer(spec, profile)
            self.profiles = spec.profiles
            reader.use_fields(spec_fields(spec, self.ids), columns)

    def report(self, mapping: ResolvedColumns | None, replaced: Sequence[str]) -> ColumnReport:
        contacts = self.persona is not None
        from_title: tuple[str, ...] = ()
        missing: dict[str, tuple[str, ...]] = {}
        if mapping is not None:
            if contacts and "title" in mapping.fields:
                from_title = TITLE_FIELDS
            gaps = [f for f in mapping.missing if f not in from_title]
            missing = missing_readers(gaps, self.profiles, self.ids, contacts)
        return ColumnReport(self.mode, self.reason, mapping, missing, from_title, tuple(replaced))


def _persona_scorer(spec: Spec, titles: Sequence[str | os.PathLike[str]]) -> PersonaScorer:
    from icpspec.titles import TitleNormalizer, read_table

    extra = [entry for path in titles for entry in read_table(os.fspath(path))]
    return PersonaScorer(spec, TitleNormalizer(extra) if extra else None)


def _size(name: str) -> int | None:
    """The size of a regular file, for progress; ``None`` for a pipe, stdin or a device."""
    if name == "-":
        return None
    with contextlib.suppress(OSError):
        info = Path(name).stat()
        return info.st_size if stat.S_ISREG(info.st_mode) else None
    return None


def score_records(
    source: str | os.PathLike[str] | BinaryIO,
    out: str | os.PathLike[str] | TextIO,
    spec: Spec,
    *,
    profile: str | None = None,
    columns: Columns | None = None,
    explain: bool = False,
    format: str | None = None,
    mode: Mode | None = None,
    titles: Sequence[str | os.PathLike[str]] = (),
    progress: ProgressCallback | None = None,
    on_columns: Callable[[ColumnReport], None] | None = None,
    limits: RecordLimits = DEFAULT_RECORD_LIMITS,
) -> ScoreSummary:
    """The Python engine of :func:`icpspec.score_file` (see there); ``mode`` chooses accounts or contacts.

    Raises :class:`~icpspec.records.RecordFileError` for a file that cannot
    be read at all, :class:`~icpspec.records.ColumnsError` for a mapping that
    cannot be made, :class:`~icpspec.IcpspecError` for a profile or mode that
    does not fit; nothing is written then.
    """
    columns = columns or Columns()
    # The header first: which fields to read may depend on it.
    with RecordReader(source, {}, limits=limits) as reader:
        plan = _Plan(spec, reader, profile=profile, mode=mode, columns=columns, titles=titles)
        out_format = format or reader.format
        if out_format not in ("csv", "jsonl"):
            raise IcpspecError(f"unknown output format {quote(out_format)}; choose csv or jsonl")
        run = _Run(reader, plan, explain=explain, as_csv=out_format == "csv", on_columns=on_columns)
        start = time.perf_counter()
        with _opened(out) as stream:
            run.write(stream, _Progress(progress, _size(reader.name)))
        seconds = time.perf_counter() - start
    report = reader.report
    statuses, tiers, best = tally_counts(run.tally, plan.profiles, plan.ids)
    return ScoreSummary(
        source=reader.name,
        engine="python",
        columns=run.column_report or plan.report(reader.mapping, ()),
        records=report.records,
        skipped=report.skipped,
        skipped_first=tuple(report.skipped_first),
        blank_lines=report.blank_lines,
        statuses=statuses,
        tiers=tiers,
        best=best if len(plan.ids) > 1 else {},
        unknown=unknown_values(report, reader.mapping),
        dropped_keys=run.dropped_keys,
        seconds=seconds,
    )


@contextlib.contextmanager
def _opened(out: str | os.PathLike[str] | TextIO) -> Iterator[TextIO]:
    if isinstance(out, str | os.PathLike):
        with atomic_writer(out, newline="") as fh:
            yield fh
    else:
        yield out


class _Progress:
    """Calls ``progress(done, total)`` every 8,192 records, and once at the end."""

    def __init__(self, callback: ProgressCallback | None, total: int | None) -> None:
        self.callback = callback
        self.total = total

    def __call__(self, done: int) -> None:
        if self.callback is not None:
            self.callback(done, self.total)


class _Run:
    """One pass over the records: the writer, the tally, the explanation."""

    def __init__(
        self,
        reader: RecordReader,
        plan: _Plan,
        *,
        explain: bool,
        as_csv: bool,
        on_columns: Callable[[ColumnReport], None] | None,
    ) -> None:
        self.reader = reader
        self.plan = plan
        self.explain = explain
        self.as_csv = as_csv
        self.on_columns = on_columns
        self.tally: dict[tuple[str, str, str | None], int] = {}
        self.column_report: ColumnReport | None = None
        self.dropped_keys = 0
        if plan.persona is None:
            self.extra = [*NEW_COLUMNS, *(EXPLAIN_COLUMNS if explain else ())]
            self.explainers: dict[str, _Explainer] = (
                {pid: _Explainer(plan.profiles[pid]) for pid in plan.ids} if explain else {}
            )
        else:
            scorer = plan.persona
            self.extra = [*PERSONA_COLUMNS, *(PERSONA_EXPLAIN_COLUMNS if explain else ())]
            self.explainers = (
                {pid: _PersonaExplainer(plan.profiles[pid], scorer) for pid in plan.ids} if explain else {}
            )

    def _writer(self, out: TextIO) -> CsvWriter | JsonlWriter:
        """The writer, once the columns are known: the mapping is told first."""
        reader = self.reader
        extra = self.extra
        input_columns = [c for c in reader.columns if c not in extra]
        self.column_report = attrs.evolve(self._report(), settled=reader.format == "csv")
        if self.on_columns is not None:
            self.on_columns(self.column_report)
        return (CsvWriter if self.as_csv else JsonlWriter)(out, input_columns, extra)

    def write(self, out: TextIO, progress: _Progress) -> None:
        reader = self.reader
        plan = self.plan
        writer = self._writer(out) if reader.format == "csv" else None
        if (
            isinstance(writer, CsvWriter)
            and not self.explain
            and len(plan.ids) == 1
            and not any(c in self.extra for c in reader.columns)
        ):
            self._fast_csv(writer, progress, plan.ids[0])
        else:
            writer = self._general(out, writer, progress)
        progress(reader.bytes_read)
        self.dropped_keys = writer.dropped_keys
        if reader.format == "jsonl":
            self.column_report = self._report()  # keys vary by line: the columns as read to the last

    def _report(self) -> ColumnReport:
        """The columns as the reader maps them now, and the input columns named like an output one."""
        reader = self.reader
        return self.plan.report(reader.mapping, [c for c in reader.columns if c in self.extra])

    def _count(self, pid: str, status: str, tier: str | None, n: int = 1) -> None:
        key = (pid, status, tier)
        self.tally[key] = self.tally.get(key, 0) + n

    def _fast_csv(self, writer: CsvWriter, progress: _Progress, pid: str) -> None:
        """The common case, CSV to CSV against one profile, with no per-row work to spare."""
        # One candidate never says no fit: its results are MatchResults.
        score = cast("Callable[[dict[str, object]], MatchResult]", self.plan.score)
        writerow = writer.writerow
        write = writer.out.write
        # A result's outcomes decide its score, coverage, status and tier: the new cells of
        # each distinct set of outcomes are made once, and counted there.
        seen: dict[tuple[int, ...], tuple[str, list[Any], list[int]]] = {}
        version = ""
        pending: list[str] = []  # lines written a thousand at a time: one write call each
        add = pending.append
        # A line as read is written as it is only when its cells are separated as the output's.
        as_read = self.reader.delimiter == ","
        for n, (_, row, record, line) in enumerate(self.reader.csv_rows(), 1):
            result = score(record)
            entry = seen.get(result.codes)
            if entry is None:
                if not version:
                    version = escape_formula(result.spec_version)
                tier = result.tier
                cells = [pid, repr(result.score), tier or "", result.status, repr(result.coverage), version]
                text = io.StringIO()
                csv.writer(text, lineterminator="\r\n").writerow(["", *cells])
                entry = (text.getvalue(), cells, [0])
                if len(seen) < KEPT_OUTCOMES:
                    seen[result.codes] = entry
                else:  # counted here, as it is not kept
                    self._count(pid, result.status, tier)
                    entry[2][0] -= 1
            entry[2][0] += 1
            if as_read and line is not None and (not line_may_hold_formula(line) or escape_row(row) is row):
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
                    progress(self.reader.bytes_read)
        write("".join(pending))
        for _, cells, (count,) in seen.values():
            self._count(pid, cells[3], cells[2] or None, count)

    def _general(self, out: TextIO, writer: CsvWriter | JsonlWriter | None, progress: _Progress) -> Any:
        from icpspec.engine import BestMatch

        reader = self.reader
        score = self.plan.score
        extra = self.extra
        keep = None
        if writer is not None and len(writer.columns) != len(reader.columns):
            keep = [i for i, c in enumerate(reader.columns) if c not in extra]
        versions: dict[str, tuple[str, str]] = {}
        for n, (_, row, record) in enumerate(reader.rows(), 1):
            raw = row
            result = score(record)
            if type(result) is BestMatch:  # several candidates, and none fits
                cells = self._no_fit_cells(result, record)
            else:
                cells = self._cells(result, record, versions)  # type: ignore[arg-type]
            if type(raw) is list:
                if keep is not None:
                    raw = [raw[i] for i in keep]
                writer.write(raw, cells)  # type: ignore[union-attr]
            else:
                if writer is None:
                    writer = self._writer(out)
                if any(k in raw for k in extra):
                    raw = {k: v for k, v in raw.items() if k not in extra}  # type: ignore[union-attr]
                writer.write_object(raw, cells)  # type: ignore[arg-type]
            if not n & 0x1FFF:
                progress(reader.bytes_read)
        if writer is None:
            writer = self._writer(out)
        return writer

    def _cells(
        self, result: MatchResult, record: dict[str, object], versions: dict[str, tuple[str, str]]
    ) -> list[Any]:
        """The new cells of one record's result (counted); ``versions`` keeps the stamps, escaped."""
        pid = result.profile
        tier = result.tier
        version = versions.get(pid)
        if version is None:
            version = versions[pid] = (result.spec_version, escape_formula(result.spec_version))
        self._count(pid, result.status, tier)
        cells: list[Any]
        if self.as_csv:
            cells = [pid, repr(result.score), tier or "", result.status, repr(result.coverage), version[1]]
            if self.explain:
                cells += ["; ".join(v) for v in self.explainers[pid].values(result, record)]
                cells[-1] = escape_formula(cells[-1])
        else:
            cells = [pid, result.score, tier, result.status, result.coverage, version[0]]
            if self.explain:
                cells += self.explainers[pid].values(result, record)
        return cells

    def _no_fit_cells(self, found: BestMatch, record: dict[str, object]) -> list[Any]:
        """The new cells of a record no candidate fits (counted): its status and stamp, nothing else.

        With ``explain``: no candidate's outcomes, but why each profile lost
        (accounts) or how the contact was read (contacts).
        """
        self._count("", found.status.value, None)
        scorer = self.plan.persona
        if not self.as_csv:
            cells: list[Any] = [None, None, None, found.status.value, None, found.spec_version]
            if self.explain:
                reasons = scorer.reading(record) if scorer else ([], list(found.why_not().values()))
                cells += [[], [], [], *reasons]
            return cells
        cells = ["", "", "", found.status.value, "", escape_formula(found.spec_version)]
        if self.explain:
            tail = ["; ".join(v) for v in scorer.reading(record)] if scorer else ["", found.explain()]
            cells += ["", "", "", *tail]
            cells[-1] = escape_formula(cells[-1])
        return cells
