"""Scoring a CSV or Parquet file through DuckDB with the generated SQL."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.best import rank_key, tier_places
from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target, resolve_target
from icpspec.model import Profile, Spec
from icpspec.output import atomic_writer
from icpspec.records import CsvWriter, JsonlWriter, escape_formula, map_columns

from ._compile import OUTPUT_COLUMNS, select_expression

__all__ = ["DuckDBFile", "score_file_duckdb"]

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


class DuckDBFile:
    """A CSV or Parquet file opened in DuckDB: its ``columns``, then :meth:`score` rows.

    CSV is read as text (every column a string, as the Python engine reads
    it); Parquet keeps its types. Use it as a context manager. Errors are
    :class:`~icpspec.diagnostics.IcpspecError` naming the file.
    """

    def __init__(self, source: str | os.PathLike[str]) -> None:
        import duckdb

        self.name = str(source)
        self._error = duckdb.Error
        # One thread: the rows come back in the file's order, which the cursors of several
        # profiles read in step (the SQL's country tables are scalar subqueries that DuckDB
        # joins on, and with several threads a join may give rows back out of order).
        self._con = duckdb.connect(config={"threads": 1})
        path = "'" + self.name.replace("'", "''") + "'"  # a DuckDB string literal
        try:
            if Path(source).suffix.lower() == ".parquet":
                self._con.execute(f"CREATE VIEW source AS SELECT * FROM read_parquet({path})")  # noqa: S608
            else:
                self._con.execute(
                    f"CREATE VIEW source AS SELECT * FROM read_csv({path}, all_varchar = true, header = true)"  # noqa: S608
                )
            #: The file's columns, in order.
            self.columns: list[str] = [row[0] for row in self._con.execute("DESCRIBE source").fetchall()]
        except duckdb.Error as exc:
            self.close()
            raise self._failure(exc) from None

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
        self, target: Target, fields: Mapping[str, str], keep: Sequence[str] | None = None
    ) -> Iterator[Sequence[tuple[Any, ...]]]:
        """Batches of rows: the cells of the input's columns ``keep`` (all), then :data:`OUTPUT_COLUMNS`.

        ``fields`` says which column holds each field (``fields[field] =
        column``, as :func:`icpspec.records.map_columns` finds it); a field
        the profile reads that no column holds is unknown on every row, as in
        the Python engine.
        """
        return self.score_best([target], fields, keep)

    def score_best(
        self, targets: Sequence[Target], fields: Mapping[str, str], keep: Sequence[str] | None = None
    ) -> Iterator[Sequence[tuple[Any, ...]]]:
        """Like :meth:`score`, with each row's best result over ``targets``, as ``best_match`` ranks them.

        Ranked as :class:`icpspec.BestMatch` ranks (fitting profiles by tier,
        score, coverage; ties go to the first target); a row no profile fits
        gets ``no_fit`` and empty profile, score, tier and coverage. Each profile's
        ``SELECT`` runs on its own cursor over the same file, in step.
        """
        # The input's columns under names of their own, and each field under its name: a column
        # named like a field but mapped elsewhere (--map) then reads as the user said.
        cells = [f"{_ident(c)} AS {_ident(f'icp_in_{i}')}" for i, c in enumerate(self.columns)]
        for field in dict.fromkeys(f for t in targets for f in fields_read(t.profile)):
            column = fields.get(field)
            value = "NULL::VARCHAR" if column is None else _ident(column)
            cells.append(f"{value} AS {_ident(field)}")
        kept = set(self.columns if keep is None else keep)
        inputs = [_ident(f"icp_in_{i}") for i, c in enumerate(self.columns) if c in kept]
        outputs = [_ident(c) for c in OUTPUT_COLUMNS]
        cursors: list[Any] = []
        try:
            self._con.execute(f"CREATE OR REPLACE VIEW accounts AS SELECT {', '.join(cells)} FROM source")  # noqa: S608
            for n, target in enumerate(targets):
                query = select_expression(target, "duckdb", "accounts").sql(dialect="duckdb")
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
