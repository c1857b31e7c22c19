"""``icpspec sql SPEC`` on a spec with several profiles: each row's best match, ranked as Python ranks.

Issue 18: ``icpspec sql`` needed ``--profile`` with several profiles, though
``match --engine duckdb`` ranks profiles: no SQL gave the best match. The
best-match query runs on DuckDB, PostgreSQL (when ``ICPSPEC_TEST_POSTGRES_DSN``
names a server) and Spark (tests/test_spark.py), over random specs of two or
three profiles and random records, and each row's best profile, score, tier,
status (``no_fit`` when none fits) and coverage equal :func:`icpspec.best_match`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.model import Spec

from .conftest import EXAMPLES
from .test_frame_sql_equivalence import EXAMPLES as SQL_EXAMPLES
from .test_frame_sql_equivalence import FIELDS, POSTGRES_DSN, sql_profiles, text_rows

duckdb = pytest.importorskip("duckdb")

RESULT = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage")


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    """A spec of two or three random profiles, some of whose tiers are named alike."""
    n = draw(st.integers(2, 3))
    profiles = [attrs.evolve(draw(sql_profiles), id=f"p{i}") for i in range(n)]
    return Spec(icpspec=1, profiles={p.id: p for p in profiles})


def expected(spec: Spec, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    out = []
    for row in rows:
        best = icpspec.best_match({k: v for k, v in row.items() if v is not None}, spec)
        out.append((best.profile, best.score, best.tier, best.status.value, best.coverage))
    return out


def by_row(got: Sequence[Any], names: Sequence[str]) -> list[tuple[Any, ...]]:
    index = {n: i for i, n in enumerate(names)}
    ordered = sorted(got, key=lambda r: r[index["row_no"]])
    return [tuple(r[index[c]] for c in RESULT) for r in ordered]


def _rows_table(rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    return [[i, *(r[f] for f in FIELDS)] for i, r in enumerate(rows)]


@pytest.fixture(scope="module")
def duck() -> Any:
    con = duckdb.connect()
    yield con
    con.close()


@given(specs(), text_rows(times=False))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], parent=SQL_EXAMPLES)
def test_duckdb_best_match_equals_python(duck: Any, spec: Spec, rows: list[dict[str, Any]]) -> None:
    duck.execute(
        "CREATE OR REPLACE TEMP TABLE accounts (row_no INTEGER, "
        + ", ".join(f'"{f}" VARCHAR' for f in FIELDS)
        + ")"
    )
    duck.executemany(
        f"INSERT INTO accounts VALUES ({', '.join('?' for _ in range(len(FIELDS) + 1))})", _rows_table(rows)
    )
    cursor = duck.execute(icpspec.to_sql(spec, dialect="duckdb"))
    names = [d[0] for d in cursor.description]
    assert by_row(cursor.fetchall(), names) == expected(spec, rows)


@pytest.fixture(scope="module")
def pg() -> Any:
    if not POSTGRES_DSN:
        pytest.skip("no PostgreSQL server: set ICPSPEC_TEST_POSTGRES_DSN (.ci/run starts one)")
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as con:
        con.execute(
            "CREATE TEMP TABLE accounts (row_no INTEGER, " + ", ".join(f'"{f}" TEXT' for f in FIELDS) + ")"
        )
        yield con


@given(specs(), text_rows(times=False))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], parent=SQL_EXAMPLES)
def test_postgres_best_match_equals_python(pg: Any, spec: Spec, rows: list[dict[str, Any]]) -> None:
    pg.execute("DELETE FROM accounts")
    with pg.cursor() as cur:
        cur.executemany(
            f"INSERT INTO accounts VALUES ({', '.join('%s' for _ in range(len(FIELDS) + 1))})",
            _rows_table(rows),
        )
        cur.execute(icpspec.to_sql(spec, dialect="postgres"))
        names = [d.name for d in cur.description]
        got = cur.fetchall()
    assert by_row(got, names) == expected(spec, rows)


def test_the_example_scores_its_best_match_and_no_fit_in_duckdb() -> None:
    spec = icpspec.load(EXAMPLES / "sp500" / "sp500.icp.yaml")
    con = duckdb.connect()
    with icpspec.read_records(EXAMPLES / "sp500" / "sp500_constituents.csv", spec) as reader:
        records = list(reader)
    fields = sorted({f for r in records for f in r})
    con.execute("CREATE TABLE accounts (row_no INTEGER, " + ", ".join(f'"{f}" VARCHAR' for f in fields) + ")")
    rows = [{f: (None if r.get(f) is None else str(r[f])) for f in fields} for r in records]
    con.executemany(
        f"INSERT INTO accounts VALUES ({', '.join('?' for _ in range(len(fields) + 1))})",
        [[i, *(r[f] for f in fields)] for i, r in enumerate(rows)],
    )
    cursor = con.execute(icpspec.to_sql(spec, dialect="duckdb"))
    got = by_row(cursor.fetchall(), [d[0] for d in cursor.description])
    assert got == expected(spec, rows)
    statuses = {g[3] for g in got}
    assert {"scored", "no_fit"} <= statuses, statuses


def test_sql_without_profile_prints_the_best_match_query() -> None:
    result = CliRunner().invoke(cli, ["sql", str(EXAMPLES / "sp500" / "sp500.icp.yaml")])
    assert result.exit_code == 0, result.stderr
    assert "no_fit" in result.stdout
    for pid in icpspec.load(EXAMPLES / "sp500" / "sp500.icp.yaml").profiles:
        assert f'"icp_{pid}_score"' in result.stdout


def test_the_best_match_query_reads_the_columns_it_is_given() -> None:
    """``to_sql(spec, columns=...)`` with several profiles wrote the best-match query with the
    mapping left out: every mapped field read from a column named like the field (unknown)."""
    spec = icpspec.loads(
        """
icpspec: 1
profiles:
  big:
    criteria: [{id: size, field: employees, min: 1000}]
    tiers: {A: 100}
  small:
    criteria: [{id: size, field: employees, max: 50}, {id: where, field: country, in: [US]}]
    tiers: {A: 100}
"""
    )
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE crm AS SELECT * FROM (VALUES ('a', '5000'), ('b', '12'), ('c', 'n/a')) t(name, workers)"
    )
    columns = icpspec.Columns(map={"employees": "workers"}, constants={"country": "US"})
    cursor = con.execute(icpspec.to_sql(spec, table="crm", columns=columns))
    names = [d[0] for d in cursor.description]
    got = {
        r[names.index("name")]: (r[names.index("icp_profile")], r[names.index("icp_status")])
        for r in cursor.fetchall()
    }
    assert got == {"a": ("big", "scored"), "b": ("small", "scored"), "c": (None, "no_fit")}
    # A field no column holds is reported once, naming every profile that reads it.
    with pytest.warns(icpspec.ColumnsWarning, match="employees") as caught:
        icpspec.to_sql(
            spec, table="crm", table_columns=["name"], columns=icpspec.Columns(constants={"country": "US"})
        )
    (warning,) = caught
    assert "big/size" in str(warning.message)
    assert "small/size" in str(warning.message)


def test_sql_maps_columns_for_every_profile_of_the_best_match() -> None:
    """``icpspec sql SPEC --map`` with several profiles printed the query with the mapping left out."""
    spec_file = str(EXAMPLES / "sp500" / "sp500.icp.yaml")
    field = sorted(icpspec.records.spec_fields(icpspec.load(spec_file)))[0]
    result = CliRunner().invoke(cli, ["sql", spec_file, "--map", f"{field}=the_column"])
    assert result.exit_code == 0, result.stderr
    assert '"the_column"' in result.stdout
    assert "no_fit" in result.stdout
