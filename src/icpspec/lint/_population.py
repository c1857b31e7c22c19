"""A population of accounts to lint a spec against (``icpspec lint --population FILE``).

The rule ``population-too-broad`` (ICP103) scores every account of the
population against every active profile and counts how many land in the
profile's top tier. Records come from a CSV or JSON Lines file, read by
:func:`icpspec.records.read_records` (so columns are found by field name and
alias, and unreadable records are skipped and reported, never dropped in
silence), or from any iterable of records given in Python.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from icpspec.diagnostics import quote
from icpspec.model import Spec
from icpspec.records import (
    DEFAULT_RECORD_LIMITS,
    Columns,
    ColumnsError,
    ReadReport,
    RecordFileError,
    RecordLimits,
    RecordReader,
    VaryingColumns,
    missing_readers,
    read_records,
    spec_fields,
)

__all__ = ["Population", "TopTierCounts"]


@attrs.frozen
class TopTierCounts:
    """How many of ``records`` accounts each profile puts in its top tier.

    ``missing`` maps each field no column of the file holds to the
    ``profile/criterion`` ids it makes unknown in every record (a count made
    without them says little).
    """

    records: int
    top: Mapping[str, int]
    missing: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


class Population:
    """The accounts a spec is linted against: a record file, or records in memory.

    ``source`` is the path of a CSV or JSON Lines file (read afresh for each
    spec, in constant memory, with the fields that spec's profiles read), or an
    iterable of records (mappings, or anything :func:`icpspec.engine.as_record`
    adapts), kept in a list so that several specs can use it. Records in
    memory are read by field id, as the engine reads them; given ``columns``,
    mappings are read as a file's rows are (names, aliases, ``map``,
    ``constants``, ``units``), a mistake raising
    :class:`~icpspec.records.ColumnsError`.

    A file that cannot be read at all raises
    :class:`~icpspec.records.RecordFileError` (call :meth:`check` to find out
    before linting); records that cannot be read are skipped and counted in
    :attr:`report`.

    >>> import datetime, icpspec
    >>> accounts = [{"employees": 20, "country": "US", "technologies": ["HubSpot"]}] * 60
    >>> found = icpspec.lint(
    ...     "examples/minimal.icp.yaml", today=datetime.date(2026, 11, 1), population=accounts
    ... )
    >>> (d,) = [d for d in found if d.code == "ICP103"]
    >>> d.line, d.column, d.pointer
    (37, 5, '/profiles/us-saas-growth/tiers')
    >>> print(d.message)  # doctest: +NORMALIZE_WHITESPACE
    60 of 60 accounts of the population (100.0%) land in the top tier 'A'
    of profile 'us-saas-growth'; at most 40% should
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | Iterable[object],
        *,
        columns: Columns | Mapping[str, str] | None = None,
        limits: RecordLimits = DEFAULT_RECORD_LIMITS,
    ) -> None:
        self.path: str | None = None
        self._records: list[object] | None = None
        if isinstance(source, str | os.PathLike):
            self.path = os.fspath(source)
        else:
            self._records = list(source)
        #: Whether records in memory are mapped by column (``columns`` given) or read by field id.
        self._mapped = columns is not None
        self._columns = columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))
        self._limits = limits
        #: What reading the file found the first time it was read (``None`` before, or for records in memory).
        self.report: ReadReport | None = None

    def check(self) -> None:
        """Raise :class:`~icpspec.records.RecordFileError` if the file cannot be read at all.

        Opens the file and reads its header (CSV) or first bytes (JSON Lines);
        records in memory always pass. The file must be a regular file: it is
        read once per spec, and a pipe or a device (``/dev/zero``) cannot be
        read twice, or may never end.
        """
        if self.path is None:
            return
        try:
            mode = Path(self.path).stat().st_mode
        except OSError:
            mode = stat.S_IFREG  # let the reader say why it cannot open it
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # the reader names a folder itself
            raise RecordFileError(
                self.path, 0, 0, "not a regular file: a pipe or device cannot be read per spec"
            )
        RecordReader(self.path, {}, limits=self._limits).close()

    def _records_for(
        self, spec: Spec, profiles: Sequence[str], missing: dict[str, tuple[str, ...]]
    ) -> Iterator[object]:
        """The records, for ``profiles`` of ``spec``; fills ``missing`` with the fields no column holds."""
        if self._records is not None:
            if not self._mapped:
                yield from self._records
                return
            # Given columns, records are read as a file's rows are: names, aliases, maps.
            varying = VaryingColumns(spec_fields(spec, profiles), self._columns)
            for record in self._records:
                if isinstance(record, Mapping):
                    varying.see(record.keys())
                    yield varying.record(record)
                else:
                    yield record
            if varying.mapping is not None:
                missing.update(missing_readers(varying.mapping.missing, spec.profiles, profiles))
            for field, column, why in varying.unheld("record"):
                raise ColumnsError(f"--map {field}={quote(column)}: {why}")
            return
        assert self.path is not None
        with read_records(
            self.path, spec, profiles=profiles, columns=self._columns, limits=self._limits
        ) as r:
            yield from r
            if r.mapping is not None:
                missing.update(missing_readers(r.mapping.missing, spec.profiles, profiles))
            if self.report is None:
                self.report = r.report

    def top_tier_counts(self, spec: Spec, top: Mapping[str, str]) -> TopTierCounts:
        """Score every record against the profiles ``top`` names (profile id → its top tier).

        Uses :meth:`icpspec.engine.Matcher.score`, the engine's fastest path,
        in one pass over the records for all the profiles.
        """
        from icpspec.engine import Matcher

        scorers = [(pid, tier, Matcher(spec.profiles[pid], spec=spec).score) for pid, tier in top.items()]
        counts = dict.fromkeys(top, 0)
        missing: dict[str, tuple[str, ...]] = {}
        n = 0
        for record in self._records_for(spec, list(top), missing):
            n += 1
            for pid, tier, score in scorers:
                if score(record)[1] == tier:
                    counts[pid] += 1
        return TopTierCounts(n, counts, missing)
