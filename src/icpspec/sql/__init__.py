"""Scoring inside a database: one generated ``SELECT`` per profile (sqlglot), and DuckDB files.

Needs the ``sql`` extra (sqlglot; DuckDB for :func:`score_file_duckdb`).
"""

from __future__ import annotations

from ._compile import DIALECTS
from ._duckdb import score_file_duckdb, score_records_duckdb
from ._evaluate import COUNT_COLUMNS, EvaluationColumns, evaluation_counts_duckdb, evaluation_expression
from ._to_sql import to_sql

__all__ = [
    "COUNT_COLUMNS",
    "DIALECTS",
    "EvaluationColumns",
    "evaluation_counts_duckdb",
    "evaluation_expression",
    "score_file_duckdb",
    "score_records_duckdb",
    "to_sql",
]
