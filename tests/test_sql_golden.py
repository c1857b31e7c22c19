"""Snowflake and BigQuery SQL: generated, parsed back by sqlglot, not executed.

No Snowflake or BigQuery server runs in the tests, so their SQL is held to
golden files (``tests/sql_golden/``): a change to the generated SQL shows in
review as a diff of these files. Each is also parsed back by sqlglot in its
dialect, which catches SQL the dialect cannot read. DuckDB, PostgreSQL and
Spark SQL are executed instead (tests/test_frame_sql_equivalence.py,
tests/test_spark.py).

After a deliberate change: ``ICPSPEC_UPDATE_GOLDEN=1 pytest tests/test_sql_golden.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import icpspec

from .conftest import EXAMPLES

sqlglot = pytest.importorskip("sqlglot")

GOLDEN = Path(__file__).parent / "sql_golden"
CASES = [
    (spec_file, pid, dialect)
    for spec_file in ("acme.icp.yaml", "sp500/sp500.icp.yaml")
    for pid in icpspec.load(EXAMPLES / spec_file).profiles
    for dialect in ("snowflake", "bigquery")
]


@pytest.mark.parametrize(("spec_file", "pid", "dialect"), CASES, ids=[f"{p}-{d}" for _, p, d in CASES])
def test_generated_sql_is_the_golden_file_and_parses_back(spec_file: str, pid: str, dialect: str) -> None:
    sql = icpspec.to_sql(icpspec.load(EXAMPLES / spec_file), dialect=dialect, profile=pid, pretty=True) + "\n"
    golden = GOLDEN / f"{pid}.{dialect}.sql"
    if os.environ.get("ICPSPEC_UPDATE_GOLDEN") == "1":
        golden.write_text(sql, encoding="utf-8")
    assert golden.exists(), f"no {golden.name}: run ICPSPEC_UPDATE_GOLDEN=1 pytest {__file__}"
    assert sql == golden.read_text(encoding="utf-8"), f"{golden.name} differs: review, then regenerate"
    # sqlglot's recursive-descent parser spends a dozen Python frames on each level of
    # parentheses; the case fold nests some 80 levels deep, which warehouses take as it is.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        parsed = sqlglot.parse_one(sql, read=dialect)
        # Read back and written again, it is the same query (the text of repeated value
        # expressions is spliced in as rendered once, so the layout may differ).
        assert sqlglot.parse_one(parsed.sql(dialect=dialect), read=dialect) == parsed
    finally:
        sys.setrecursionlimit(limit)
