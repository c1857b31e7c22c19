"""What DuckDB may read, and how: one local file, read exactly as the Python reader reads it.

DuckDB reads far more than files: glob patterns (``*.parquet`` joins every
match), URLs (``http://``, ``s3://``, installing an extension from the
network to do so) and CSV in a forgiving mode that guesses the delimiter and
reads a broken file as one column. The DuckDB engine must give the same
answer as the Python engine for the same file, and must touch nothing else,
so:

- the path must name one existing regular file, with no URL scheme and no
  pattern character; the connection may then read that file and nothing
  else (external access off, extensions neither installed nor loaded, and
  the configuration locked);
- a CSV file is first read through :class:`icpspec.records.RecordReader`:
  its header is the one the Python engine sees (BOM, duplicate, empty and
  over-long names judged alike), and a file with any record the Python
  reader would skip (a ragged row, a quote never closed, a NUL byte, bytes
  that are not UTF-8, a line over a limit, the header again) is refused with
  that record's line, rather than read differently; DuckDB then reads it
  with every dialect setting given (no sniffing) and in strict mode.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from icpspec.diagnostics import IcpspecError, escape, printable_name
from icpspec.records import RecordFileError, RecordReader

__all__ = [
    "MAX_DUCKDB_COLUMNS",
    "connect_to_file",
    "csv_header",
    "local_file",
    "parquet_schema_sql",
    "read_csv_sql",
    "read_parquet_sql",
]

#: Columns DuckDB is given to read; DuckDB's CSV reader slows down quadratically past a few thousand.
MAX_DUCKDB_COLUMNS = 4096

# Characters DuckDB's file readers expand as patterns (glob, and {a,b} alternatives).
_PATTERN = frozenset("*?[]{}")


def local_file(name: str) -> Path:
    """``name`` as an absolute path, when it names one existing regular file; else :class:`IcpspecError`."""
    shown = escape(name, limit=1000)
    if "://" in name:
        raise IcpspecError(f"{shown}: --engine duckdb reads a local file, not a URL; nothing is fetched")
    if printable_name(name) != name:
        raise IcpspecError(
            f"{shown}: a file name that is no UTF-8, which DuckDB cannot open; "
            "rename the file, or use --engine python"
        )
    if _PATTERN.intersection(name):
        raise IcpspecError(
            f"{shown}: a path with * ? [ ] {{ or }}, which DuckDB reads as a pattern of many files; "
            "name one file (rename it if its name holds one of these)"
        )
    try:
        mode = Path(name).stat().st_mode
    except FileNotFoundError:
        raise IcpspecError(f"{shown}: no such file") from None
    except OSError as exc:
        raise IcpspecError(f"{shown}: cannot read it: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise IcpspecError(f"{shown}: not a regular file")
    return Path(name).resolve()


def connect_to_file(path: Path) -> Any:
    """A DuckDB connection that may read ``path`` and nothing else, with one thread."""
    import duckdb

    # One thread: the rows come back in the file's order, which the cursors of several
    # profiles read in step (the SQL's country tables are scalar subqueries that DuckDB
    # joins on, and with several threads a join may give rows back out of order).
    con = duckdb.connect(
        config={
            "threads": 1,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
    )
    try:
        # In this order: allowed_paths cannot change once external access is off.
        con.execute(f"SET allowed_paths = [{_literal(str(path))}]")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def csv_header(path: Path, name: str) -> tuple[list[str], str]:
    """The header and the cell separator of a CSV file every record of which the Python reader
    reads; else :class:`IcpspecError`."""
    try:
        with RecordReader(path, {}, format="csv", name=name) as reader:
            for _ in reader.rows():
                pass
    except RecordFileError as exc:
        raise IcpspecError(str(exc)) from None
    report = reader.report
    if report.skipped:
        first = report.skipped_first[0]
        more = f" (and {report.skipped - 1:,} more records)" if report.skipped > 1 else ""
        raise IcpspecError(
            f"{escape(name, limit=1000)}:{first.line}:{first.column}: {first.reason}{more}; "
            "--engine duckdb reads a CSV file only when it can read every record: "
            "--engine python skips such records and scores the rest"
        )
    if len(reader.columns) > MAX_DUCKDB_COLUMNS:
        raise IcpspecError(
            f"{escape(name, limit=1000)}: {len(reader.columns):,} columns; --engine duckdb reads at most "
            f"{MAX_DUCKDB_COLUMNS:,}: use --engine python"
        )
    return list(reader.columns), reader.delimiter


def read_csv_sql(path: Path, width: int, delimiter: str = ",") -> str:
    """The ``read_csv`` call that reads ``width`` text columns ``c0``… as Python's ``csv`` module
    does, cells separated by ``delimiter``. A folder named like ``country=US`` is no column (no
    Hive partitioning): the file's cells are read, whatever folder holds it."""
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    return (
        f"read_csv({_literal(str(path))}, header = true, auto_detect = false, delim = {_literal(delimiter)}, "
        f"quote = '\"', escape = '\"', columns = {{{columns}}}, strict_mode = true, "
        "null_padding = false, encoding = 'utf-8', hive_partitioning = false)"
    )


def read_parquet_sql(path: Path) -> str:
    """The ``read_parquet`` call that reads the one file ``path`` (no Hive partitioning, as CSV)."""
    return f"read_parquet({_literal(str(path))}, hive_partitioning = false)"


def parquet_schema_sql(path: Path) -> str:
    """The query listing the Parquet file ``path``'s schema: each element's name and number of
    children, depth first from the root."""
    return f"SELECT name, num_children FROM parquet_schema({_literal(str(path))})"  # noqa: S608


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
