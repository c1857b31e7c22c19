"""Scoring a CSV or Parquet file through DuckDB with the generated SQL."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.compile import fields_read
from icpspec.engine.target import resolve_target
from icpspec.model import Profile, Spec

from ._compile import OUTPUT_COLUMNS, select_expression

__all__ = ["escape_formula", "score_file_duckdb"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell: str) -> str:
    """``cell`` made safe for a spreadsheet (RELIABILITY rule 16): ``'`` before a formula."""
    if cell.startswith(_FORMULA_START):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return escape_formula(str(value))


def score_file_duckdb(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    spec_or_profile: Spec | Profile,
    *,
    profile: str | None = None,
    output_format: str = "csv",
) -> int:
    """Score a CSV or Parquet file with DuckDB and write CSV or JSON Lines; the row count.

    The output has the input's columns (CSV read as text, every column a
    string) and ``icp_profile``, ``icp_score``, ``icp_tier``, ``icp_status``,
    ``icp_coverage``, ``icp_spec_version``, like ``icpspec match``. Cells that
    a spreadsheet would run as a formula get a leading ``'``. The file is
    written atomically (a temporary file, then a rename).
    """
    import duckdb

    if output_format not in ("csv", "jsonl"):
        raise IcpspecError(f"unknown output format {quote(output_format)}; choose csv or jsonl")
    src, out = Path(source), Path(output)
    target = resolve_target(spec_or_profile, profile)
    suffix = src.suffix.lower()
    con = duckdb.connect()
    try:
        path = "'" + str(src).replace("'", "''") + "'"  # a DuckDB string literal
        if suffix == ".parquet":
            con.execute(f"CREATE VIEW source AS SELECT * FROM read_parquet({path})")  # noqa: S608 - quoted
        else:
            con.execute(
                f"CREATE VIEW source AS SELECT * FROM read_csv({path}, all_varchar = true, header = true)"  # noqa: S608
            )
        inputs = [row[0] for row in con.execute("DESCRIBE source").fetchall()]
        # A field with no column is unknown on every row, as in the Python engine.
        absent = [f for f in fields_read(target.profile) if f not in inputs]
        nulls = "".join(f', NULL::VARCHAR AS "{f}"' for f in absent)  # field names are [a-z0-9_]
        con.execute(f"CREATE VIEW accounts AS SELECT *{nulls} FROM source")  # noqa: S608
        clash = [c for c in inputs if c.startswith("icp_")]
        if clash:
            raise IcpspecError(f"{src}: the input already has a column {quote(clash[0])}")
        query = select_expression(target, "duckdb", "accounts").sql(dialect="duckdb")
        cols = ", ".join('"' + c.replace('"', '""') + '"' for c in (*inputs, *OUTPUT_COLUMNS))
        cursor = con.execute(f"SELECT {cols} FROM ({query}) AS scored")  # noqa: S608 - identifiers quoted
        n = _write(cursor, out, [*inputs, *OUTPUT_COLUMNS], output_format)
    except duckdb.Error as exc:
        raise IcpspecError(f"{src}: DuckDB cannot read it: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    return n


def _write(cursor: Any, out: Path, header: list[str], output_format: str) -> int:
    directory = out.parent if str(out.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=directory)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if output_format == "csv":
                writer = csv.writer(fh)
                writer.writerow([escape_formula(h) for h in header])
                while rows := cursor.fetchmany(10_000):
                    writer.writerows([_cell(v) for v in row] for row in rows)
                    n += len(rows)
            else:
                while rows := cursor.fetchmany(10_000):
                    for row in rows:
                        fh.write(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) + "\n")
                    n += len(rows)
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
