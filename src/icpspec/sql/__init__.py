"""Scoring inside a database: one generated ``SELECT`` per profile (sqlglot), and DuckDB files.

Needs the ``sql`` extra (sqlglot; DuckDB for :func:`score_file_duckdb`).
"""

from __future__ import annotations

from ._compile import DIALECTS, to_sql
from ._duckdb import score_file_duckdb, score_records_duckdb

__all__ = ["DIALECTS", "score_file_duckdb", "score_records_duckdb", "to_sql"]
