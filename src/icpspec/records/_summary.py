"""What scoring a whole file found: the columns it read, then the counts, as data."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import attrs

from icpspec.diagnostics import quote
from icpspec.model import MatchStatus, Profile

from ._columns import ResolvedColumns, missing_field_message
from ._reader import ReadReport, SkippedRecord

__all__ = ["ColumnReport", "ProgressCallback", "ScoreSummary", "UnknownValues", "tally_counts"]

Mode = Literal["accounts", "contacts"]

#: ``progress(done, total)``: bytes read so far, and the file's size (``None`` for a pipe).
ProgressCallback = Callable[[int, int | None], None]

#: The order statuses are counted in.
STATUS_ORDER = (
    MatchStatus.SCORED,
    MatchStatus.DISQUALIFIED,
    MatchStatus.REQUIRED_FAILED,
    MatchStatus.INSUFFICIENT_DATA,
    MatchStatus.NO_FIT,
)
#: The key :attr:`ScoreSummary.best` counts the records that fit no profile (or persona) under.
NO_FIT = "no fit"


@attrs.frozen
class ColumnReport:
    """What a file scorer knows before it writes the first record: the mode, the columns, the gaps.

    ``mode`` is ``accounts`` (profiles) or ``contacts`` (personas); ``mode_reason``
    says why, in words, when it was chosen from the columns (``None`` when
    asked for). ``columns`` is the mapping (``None`` for a file with no record).
    ``missing`` maps each field no column holds to the ``profile/criterion``
    ids it makes unknown (fields no criterion reads are left out);
    ``from_title`` lists the contact fields read from the title when blank
    or without a column (contacts with a title column);
    ``replaced`` the input columns named like an output column. ``settled``
    is ``False`` for the mapping a JSON Lines file's first line gives: later
    lines may hold more columns, and the run's :class:`ScoreSummary` has the
    mapping as read to the last line.
    """

    mode: Mode
    mode_reason: str | None
    columns: ResolvedColumns | None
    missing: Mapping[str, tuple[str, ...]]
    from_title: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    settled: bool = True

    def describe(self) -> list[str]:
        """One line per field, as :meth:`ResolvedColumns.describe`, with the fields read from the title."""
        if self.columns is None:
            return []
        lines = []
        for line in self.columns.describe():
            field = line.partition(" ")[0]
            title = field in self.from_title and field in self.columns.missing
            lines.append(f"{field} <- no column: read from the title" if title else line)
        return lines

    def warnings(self, hint: Callable[[str], str] | None = None) -> list[str]:
        """One sentence per field no column holds (:func:`missing_field_message`), then per replaced column.

        ``hint(field)`` is added in parentheses: how to name a column in the
        caller's words (``--map employees=COLUMN``, or ``columns=``).
        """
        out = []
        for field, readers in self.missing.items():
            message = missing_field_message(field, readers)
            out.append(f"{message} ({hint(field)})" if hint is not None else message)
        out += [f"the input column {quote(c)} is replaced by this run's" for c in self.replaced]
        return out


@attrs.frozen
class UnknownValues:
    """The unknown values of one field: ``unreadable`` ones (with an ``example``), ``blank`` ones."""

    column: str | None
    unreadable: int
    blank: int
    example: str | None = None


@attrs.frozen
class ScoreSummary:
    """What :func:`icpspec.score_file` did: records read, skipped, and how they came out.

    ``records`` counts every record met, ``skipped`` those that could not be
    read (the first are in ``skipped_first``, with their lines); the rest
    were scored and written. ``statuses`` and ``tiers`` count them (a record
    with no tier under ``"none"``); ``best`` counts each profile's (or
    persona's) best matches when there were several to choose from.
    ``unknown`` lists, per field, the values that could not be read.
    ``dropped_keys`` counts JSON objects with keys the CSV output has no
    column for.
    """

    source: str
    engine: Literal["python", "duckdb"]
    columns: ColumnReport
    records: int
    skipped: int
    skipped_first: tuple[SkippedRecord, ...]
    blank_lines: int
    statuses: Mapping[MatchStatus, int]
    tiers: Mapping[str, int]
    best: Mapping[str, int]
    unknown: Mapping[str, UnknownValues]
    dropped_keys: int
    seconds: float

    @property
    def scored(self) -> int:
        """Records scored and written: every record read but the skipped ones."""
        return self.records - self.skipped

    @property
    def mode(self) -> Mode:
        """``accounts`` or ``contacts``."""
        return self.columns.mode

    def to_dict(self) -> dict[str, object]:
        """A JSON-compatible mapping."""
        return {
            "source": self.source,
            "engine": self.engine,
            "mode": self.mode,
            "records": self.records,
            "scored": self.scored,
            "skipped": self.skipped,
            "skipped_first": [attrs.asdict(s) for s in self.skipped_first],
            "statuses": {s.value: n for s, n in self.statuses.items()},
            "tiers": dict(self.tiers),
            "best": dict(self.best),
            "unknown": {f: attrs.asdict(u) for f, u in self.unknown.items()},
            "columns": dict(self.columns.columns.fields) if self.columns.columns else {},
            "missing": {f: list(r) for f, r in self.columns.missing.items()},
            "seconds": self.seconds,
        }


Tally = Mapping[tuple[str, str, str | None], int]


def tally_counts(
    tally: Tally, profiles: Mapping[str, Profile], ids: Sequence[str]
) -> tuple[dict[MatchStatus, int], dict[str, int], dict[str, int]]:
    """Counts per ``(profile, status, tier)`` as counts per status, per tier and per profile, in order.

    A record that fits no profile is counted under :data:`NO_FIT` (``"no fit"``).
    """
    statuses: dict[str, int] = {}
    tiers: dict[str, int] = {}
    best: dict[str, int] = dict.fromkeys(ids, 0)
    for (pid, status, tier), count in tally.items():
        statuses[status] = statuses.get(status, 0) + count
        tiers[tier or "none"] = tiers.get(tier or "none", 0) + count
        best[pid or NO_FIT] = best.get(pid or NO_FIT, 0) + count
    tier_names = [*dict.fromkeys(t for pid in ids for t in profiles[pid].tiers), "none"]
    return (
        {s: statuses[s.value] for s in STATUS_ORDER if s.value in statuses},
        {t: tiers[t] for t in tier_names if t in tiers},
        best,
    )


def unknown_values(report: ReadReport, columns: ResolvedColumns | None) -> dict[str, UnknownValues]:
    """The unknown values per field of a reader's report, with the column each was read from."""
    out = {}
    for field in dict.fromkeys([*report.unreadable, *report.blank]):
        out[field] = UnknownValues(
            column=columns.fields.get(field) if columns is not None else None,
            unreadable=report.unreadable.get(field, 0),
            blank=report.blank.get(field, 0),
            example=report.examples.get(field),
        )
    return out
