"""Scoring a CSV or Parquet file through DuckDB with the generated SQL."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from icpspec.diagnostics import IcpspecError, escape, quote
from icpspec.engine.best import rank_key, tier_places
from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target, resolve_target
from icpspec.model import Profile, Spec
from icpspec.output import atomic_writer
from icpspec.records import (
    ColumnReport,
    Columns,
    CsvWriter,
    JsonlWriter,
    ProgressCallback,
    ResolvedColumns,
    ScoreSummary,
    escape_formula,
    map_columns,
    missing_readers,
    record_format,
    spec_fields,
    tally_counts,
)

from ._compile import OUTPUT_COLUMNS, select_expression
from ._source import (
    connect_to_file,
    csv_header,
    local_file,
    parquet_schema_sql,
    read_csv_sql,
    read_parquet_sql,
)

__all__ = ["DuckDBFile", "score_file_duckdb", "score_records_duckdb"]

_CSV_LINE = re.compile(r"CSV Error on Line: ([0-9]+)")

#: Rows fetched from DuckDB at a time.
BATCH = 10_000


def _ident(name: str) -> str:
    """``name`` as a quoted DuckDB identifier."""
    return '"' + name.replace('"', '""') + '"'


def _text(value: object) -> str:
    """An input cell as CSV text: ``NULL`` empty, a float as Python writes it, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _rank(result: Sequence[Any], places: Mapping[str, int]) -> tuple[int, int, float, float]:
    """The sort key of one profile's :data:`OUTPUT_COLUMNS`, best first, as the Python engine's."""
    _, score, tier, status, coverage, _ = result
    return rank_key(status, tier, score, coverage, places)


def _number(value: float | None) -> str:
    """A score or coverage as the Python engine writes it; empty on no fit."""
    return "" if value is None else repr(value)


def _json(value: object) -> object:
    """An input cell as a JSON value: what JSON has as it is, the rest (dates, decimals...) as text."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, date | datetime | Decimal):
        return str(value)
    return str(value)


#: What a DuckDB engine says when DuckDB is not installed.
NEEDS_DUCKDB = "--engine duckdb needs DuckDB: pip install 'icpspec[sql]'"


class DuckDBFile:
    """A CSV or Parquet file opened in DuckDB: its ``columns``, then :meth:`score` rows.

    CSV is read as text (every column a string, as the Python engine reads
    it); Parquet keeps its types. Use it as a context manager. Errors are
    :class:`~icpspec.diagnostics.IcpspecError` naming the file.
    """

    def __init__(self, source: str | os.PathLike[str]) -> None:
        try:
            import duckdb
        except ImportError:
            raise IcpspecError(NEEDS_DUCKDB) from None

        self.name = os.fspath(source)
        self._error = duckdb.Error
        path = local_file(self.name)
        parquet = path.suffix.lower() == ".parquet"
        #: The file's columns, in order (for CSV, the header as the Python reader reads it).
        delimiter = ","
        self.columns: list[str] = []
        if not parquet:
            self.columns, delimiter = csv_header(path, self.name)
        self._con = connect_to_file(path)
        try:
            if parquet:
                self.columns = self._parquet_columns(path)
                places = ", ".join(f"c{i}" for i in range(len(self.columns)))
                self._con.execute(
                    f"CREATE VIEW source AS SELECT * FROM {read_parquet_sql(path)} AS file({places})"  # noqa: S608
                )
            else:
                read = read_csv_sql(path, len(self.columns), delimiter)
                self._con.execute(f"CREATE VIEW source AS SELECT * FROM {read}")  # noqa: S608
        except duckdb.Error as exc:
            self.close()
            raise self._failure(exc) from None
        except IcpspecError:
            self.close()
            raise
        # The view's own names: c0, c1…, each column read by its place, as Python reads it (a CSV
        # header may name a column ""; DuckDB ignores case in a quoted name, and calls a Parquet
        # column spelt like an earlier one but for case 'Outcome_1').
        self._names = [f"c{i}" for i in range(len(self.columns))]

    def _parquet_columns(self, path: Path) -> list[str]:
        """The top-level column names of a Parquet file, as written in it; a name twice is an error."""
        rows = self._con.execute(parquet_schema_sql(path)).fetchall()
        names: list[str] = []
        at = 1  # rows[0] is the schema's root; each column's nested fields follow it
        while at < len(rows):
            name, children = rows[at]
            names.append(str(name))
            at += 1
            pending = children or 0
            while pending:  # skip a nested column's fields, depth first
                pending += (rows[at][1] or 0) - 1
                at += 1
        first: dict[str, int] = {}
        for place, name in enumerate(names, 1):
            if name in first:
                raise IcpspecError(
                    f"{escape(self.name, limit=1000)}: duplicate column {quote(name)} "
                    f"(columns {first[name]} and {place})"
                )
            first[name] = place
        return names

    @property
    def names(self) -> list[str]:
        """The names of the ``source`` view's columns, in the order of :attr:`columns`."""
        return self._names

    def _failure(self, exc: BaseException) -> IcpspecError:
        """DuckDB's error in one line, ``file:line:`` first when it names a CSV line."""
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        first = lines[0] if lines else type(exc).__name__
        where = _CSV_LINE.search(first)
        if where and len(lines) > 2 and lines[1].startswith("Original Line"):
            # "CSV Error on Line: 7", "Original Line: <the line>", then the reason.
            return IcpspecError(f"{self.name}:{where[1]}: DuckDB cannot read it: {lines[2]}")
        return IcpspecError(f"{self.name}: DuckDB cannot read it: {first}")

    def score(
        self,
        target: Target,
        fields: ResolvedColumns | Mapping[str, str],
        keep: Sequence[str] | None = None,
    ) -> Iterator[Sequence[tuple[Any, ...]]]:
        """Batches of rows: the cells of the input's columns ``keep`` (all), then :data:`OUTPUT_COLUMNS`.

        ``fields`` says which column holds each field: a
        :class:`~icpspec.records.ResolvedColumns` (with its constants and
        units), or a mapping ``fields[field] = column``; a field the profile
        reads that nothing holds is unknown on every row, as in the Python
        engine.
        """
        return self.score_best([target], fields, keep)

    def score_best(
        self,
        targets: Sequence[Target],
        fields: ResolvedColumns | Mapping[str, str],
        keep: Sequence[str] | None = None,
    ) -> Iterator[Sequence[tuple[Any, ...]]]:
        """Like :meth:`score`, with each row's best result over ``targets``, as ``best_match`` ranks them.

        Ranked as :class:`icpspec.BestMatch` ranks (fitting profiles by tier,
        score, coverage; ties go to the first target); a row no profile fits
        gets ``no_fit`` and empty profile, score, tier and coverage. Each profile's
        ``SELECT`` runs on its own cursor over the same file, in step.
        """
        # The input's columns under names of their own, and each field under its name: a column
        # named like a field but mapped elsewhere (--map) then reads as the user said.
        cells = [f"{_ident(c)} AS {_ident(f'icp_in_{i}')}" for i, c in enumerate(self._names)]
        resolved = fields if isinstance(fields, ResolvedColumns) else None
        held: Mapping[str, str] = resolved.fields if resolved is not None else fields  # type: ignore[assignment]
        constants = resolved.constants if resolved is not None else {}
        for field in dict.fromkeys(f for t in targets for f in fields_read(t.profile)):
            column = held.get(field)
            if field in constants:  # a DuckDB string literal
                value = "'" + constants[field].replace("'", "''") + "'::VARCHAR"
            else:
                value = "NULL::VARCHAR" if column is None else _ident(self._names[self.columns.index(column)])
            cells.append(f"{value} AS {_ident(field)}")
        # Every field is now a column named like it; what is left for the SQL is the units.
        units = ResolvedColumns((), {}, {}, (), units=resolved.units) if resolved is not None else None
        kept = set(self.columns if keep is None else keep)
        inputs = [_ident(f"icp_in_{i}") for i, c in enumerate(self.columns) if c in kept]
        outputs = [_ident(c) for c in OUTPUT_COLUMNS]
        cursors: list[Any] = []
        try:
            self._con.execute(f"CREATE OR REPLACE VIEW accounts AS SELECT {', '.join(cells)} FROM source")  # noqa: S608
            for n, target in enumerate(targets):
                query = select_expression(target, "duckdb", "accounts", units).sql(dialect="duckdb")
                wanted = ", ".join([*inputs, *outputs] if n == 0 else outputs)
                con = self._con if n == 0 else self._con.cursor()
                cursors.append(con)
                con.execute(f"SELECT {wanted} FROM ({query}) AS scored")  # noqa: S608
            if len(cursors) == 1:
                while rows := cursors[0].fetchmany(BATCH):
                    yield rows
                return
            places = [tier_places(t.profile) for t in targets]
            width = len(inputs)
            while rows := cursors[0].fetchmany(BATCH):
                others = [c.fetchmany(len(rows)) for c in cursors[1:]]
                if any(len(o) != len(rows) for o in others):  # pragma: no cover - DuckDB's promise
                    raise IcpspecError(f"{self.name}: DuckDB gave the profiles different numbers of rows")
                out = []
                for j, row in enumerate(rows):
                    results = [row[width:], *(o[j] for o in others)]
                    best = results[min(range(len(results)), key=lambda k: _rank(results[k], places[k]))]
                    if best[2] is None or best[3] != "scored":  # no profile fits
                        best = (None, None, None, "no_fit", None, best[5])
                    out.append(row[:width] + tuple(best))
                yield out
        except self._error as exc:
            raise self._failure(exc) from None
        finally:
            for con in cursors[1:]:
                con.close()

    def close(self) -> None:
        """Close the DuckDB connection."""
        self._con.close()

    def __enter__(self) -> DuckDBFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def write_scored(
    batches: Iterator[Sequence[tuple[Any, ...]]], out: TextIO, columns: Sequence[str], output_format: str
) -> Iterator[tuple[Any, ...]]:
    """Write scored rows as ``icpspec match`` does; yields each row's :data:`OUTPUT_COLUMNS` values.

    CSV cells that a spreadsheet would run as a formula get a leading ``'``
    (through :mod:`icpspec.records`' writers, the Python engine's).
    """
    width = len(columns)
    if output_format == "csv":
        writer = CsvWriter(out, columns, OUTPUT_COLUMNS)
        versions: dict[str, str] = {}
        for rows in batches:
            for row in rows:
                pid, score, tier, status, coverage, version = row[width:]
                safe = versions.get(version)
                if safe is None:
                    safe = versions[version] = escape_formula(version)
                new = [pid or "", _number(score), tier or "", status, _number(coverage), safe]
                writer.write([_text(v) for v in row[:width]], new)
                yield row[width:]
    else:
        jsonl = JsonlWriter(out, columns, OUTPUT_COLUMNS)
        for rows in batches:
            for row in rows:
                jsonl.write([_json(v) for v in row[:width]], list(row[width:]))  # type: ignore[misc]
                yield row[width:]


def score_file_duckdb(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    spec_or_profile: Target | Spec | Profile,
    *,
    profile: str | None = None,
    output_format: str = "csv",
    columns: Mapping[str, str] | None = None,
) -> int:
    """Score a CSV or Parquet file with DuckDB and write CSV or JSON Lines; the row count.

    The output has the input's columns (CSV read as text, every column a
    string) and ``icp_profile``, ``icp_score``, ``icp_tier``, ``icp_status``,
    ``icp_coverage``, ``icp_spec_version``, like ``icpspec match``. Columns are
    matched to fields as ``icpspec match`` matches them (names and aliases,
    see :func:`icpspec.records.map_columns`); ``columns`` names more
    (``{"employees": "Head count"}``, like ``--map``). Cells that a
    spreadsheet would run as a formula get a leading ``'``. The file is
    written atomically (a temporary file, then a rename).
    """
    if output_format not in ("csv", "jsonl"):
        raise IcpspecError(f"unknown output format {quote(output_format)}; choose csv or jsonl")
    src, out = Path(source), Path(output)
    target = resolve_target(spec_or_profile, profile)
    with DuckDBFile(src) as file:
        clash = [c for c in file.columns if c in OUTPUT_COLUMNS]
        if clash:
            raise IcpspecError(f"{src}: the input already has a column {quote(clash[0])}")
        read = {f: target.fields[f] for f in fields_read(target.profile)}
        mapping = map_columns(file.columns, read, columns)
        return _write(file.score(target, mapping.fields), out, file.columns, output_format)


def _write(
    batches: Iterator[Sequence[tuple[Any, ...]]], out: Path, header: list[str], output_format: str
) -> int:
    n = 0
    with atomic_writer(out, newline="") as fh:
        for _ in write_scored(batches, fh, header, output_format):
            n += 1
    return n


def _live_profiles(spec: Spec, profile: str | None) -> list[str]:
    """The profiles DuckDB scores with: ``profile``, or every live one (each record's best)."""
    from icpspec.diagnostics import did_you_mean
    from icpspec.model import ProfileStatus

    if profile is not None:
        if profile not in spec.profiles:
            hint = did_you_mean(profile, spec.profiles)
            raise IcpspecError(f"--profile {quote(profile)}: no such profile{hint}")
        return [profile]
    live = [pid for pid, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED]
    if not live:
        raise IcpspecError("the spec has no profile to match against (none, or all retired)")
    return live


def _refuse_json_lines(source: str) -> None:
    if source == "-":
        raise IcpspecError(
            "--engine duckdb reads a CSV or Parquet file, not stdin: name the file, or use --engine python"
        )
    if source.lower().endswith(".parquet"):
        return
    try:
        with Path(source).open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise IcpspecError(f"{source}: cannot read it: {exc.strerror or exc}") from None
    if record_format(source, head) == "jsonl":
        raise IcpspecError(f"{source}: JSON Lines: --engine duckdb reads CSV or Parquet; use --engine python")


def score_records_duckdb(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str] | TextIO,
    spec: Spec,
    *,
    profile: str | None = None,
    columns: Columns | None = None,
    format: str | None = None,
    progress: ProgressCallback | None = None,
    on_columns: Callable[[ColumnReport], None] | None = None,
) -> ScoreSummary:
    """The DuckDB engine of :func:`icpspec.score_file`: a CSV or Parquet file scored by the generated SQL.

    The same columns, mapping, output and summary as the Python engine;
    with several profiles and no ``profile``, each record gets its best
    match, ranked as :meth:`icpspec.SpecMatcher.best_match` ranks.
    """
    name = os.fspath(source)
    _refuse_json_lines(name)
    try:
        import duckdb  # noqa: F401 - only whether it is there
    except ImportError:
        raise IcpspecError(NEEDS_DUCKDB) from None
    out_format = format or "csv"
    if out_format not in ("csv", "jsonl"):
        raise IcpspecError(f"unknown output format {quote(out_format)}; choose csv or jsonl")
    ids = _live_profiles(spec, profile)
    targets = [resolve_target(spec, pid) for pid in ids]
    tally: dict[tuple[str, str, str | None], int] = {}
    n = 0
    with DuckDBFile(name) as file:
        mapping = (columns or Columns()).resolve(file.columns, spec_fields(spec, ids))
        keep = [c for c in file.columns if c not in OUTPUT_COLUMNS]
        report = ColumnReport(
            "accounts",
            None,
            mapping,
            missing_readers(mapping.missing, spec.profiles, ids),
            replaced=tuple(c for c in file.columns if c in OUTPUT_COLUMNS),
        )
        if on_columns is not None:
            on_columns(report)
        start = time.perf_counter()
        with _opened(out) as fh:
            batches = file.score_best(targets, mapping, keep)
            for pid, _, tier, status, _, _ in write_scored(batches, fh, keep, out_format):
                key = (pid, status, tier)
                tally[key] = tally.get(key, 0) + 1
                n += 1
                if progress is not None and not n & 0x1FFF:
                    progress(n, None)
        seconds = time.perf_counter() - start
    statuses, tiers, best = tally_counts(tally, spec.profiles, ids)
    return ScoreSummary(
        source=name,
        engine="duckdb",
        columns=report,
        records=n,
        skipped=0,
        skipped_first=(),
        blank_lines=0,
        statuses=statuses,
        tiers=tiers,
        best=best if len(ids) > 1 else {},
        unknown={},
        dropped_keys=0,
        seconds=seconds,
    )


@contextlib.contextmanager
def _opened(out: str | os.PathLike[str] | TextIO) -> Iterator[TextIO]:
    if isinstance(out, str | os.PathLike):
        with atomic_writer(out, newline="") as fh:
            yield fh
    else:
        yield out
