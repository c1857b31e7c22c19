"""The evaluation counted by a database's aggregate query equals the Python evaluation.

``to_sql(spec, evaluate=...)`` is run on DuckDB and, when
``ICPSPEC_TEST_POSTGRES_DSN`` names a server (``.ci/run`` starts one), on
PostgreSQL; ``evaluate_counts`` turns its rows into an evaluation whose
figures must equal ``evaluate`` on the same records, for random records full
of gaps, junk and odd outcome labels (hypothesis).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.diagnostics import IcpspecError
from icpspec.evaluate import EvaluationError, evaluate, evaluate_counts

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

from icpspec.records import ColumnsError  # noqa: E402
from icpspec.sql import EvaluationColumns, to_sql  # noqa: E402

SPEC = icpspec.loads(
    """
icpspec: 1
profiles:
  smb:
    criteria:
      - {id: size, field: employees, between: [10, 200], weight: 3}
      - {id: us, field: country, in: [US, CA], weight: 2}
      - {id: saas, field: industry, in: [software, saas], weight: 1, required: true}
    disqualifiers:
      - {id: public, field: is_public, equals: true, reason: too slow}
    tiers: {A: 80, B: 50, C: 10}
"""
)
COLUMNS = ("employees", "country", "industry", "is_public", "outcome", "deal", "region")
EXAMPLES = settings(max_examples=min(settings.default.max_examples, 25), deadline=None)

rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "employees": st.sampled_from(["", "12", "150", "5000", "1,200", "n/a", "75.5", "-3"]),
            "country": st.sampled_from(["", "US", "Canada", "France", "U.S.", "xx"]),
            "industry": st.sampled_from(["", "software", " SaaS ", "retail"]),
            "is_public": st.sampled_from(["", "true", "false", "yes", "maybe"]),
            "outcome": st.sampled_from(["won", "lost", "Won", " closed  won", "1", "0", "open", ""]),
            "deal": st.sampled_from(["", "1000", "$2,500", "3.5k", "junk"]),
            "region": st.sampled_from(["north", "south", ""]),
        }
    ),
    min_size=1,
    max_size=60,
)

KEYS = ("figures", "strata", "left_out")
#: Found by hypothesis on Spark: no record's outcome reads as won or lost, and both paths refuse.
OPEN_ONLY = [
    dict.fromkeys(("employees", "country", "industry", "is_public", "deal", "region"), "")
    | {"outcome": "open"}
]


def _same(a: Any, b: Any) -> None:
    da, db = a.to_dict(), b.to_dict()
    for key in KEYS:
        assert da[key] == db[key], key


def same_outcome(python: Callable[[], Any], other: Callable[[], Any]) -> None:
    """Both evaluations alike, or both refused with the same message (no outcome read as won or
    lost: one record whose outcome is 'open')."""
    try:
        expected = python()
    except EvaluationError as exc:
        message = str(exc)
    else:
        _same(expected, other())
        return
    with pytest.raises(EvaluationError) as elsewhere:
        other()
    assert str(elsewhere.value) == message


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        w.writeheader()
        w.writerows(rows)


@given(rows_strategy)
@example(OPEN_ONLY)
@settings(EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_duckdb_engine_equals_python(tmp_path: Path, rows: list[dict[str, str]]) -> None:
    path = tmp_path / "accounts.csv"
    _write(path, rows)
    options = {"outcome": "outcome", "value": "deal", "by": "region"}
    try:
        python = evaluate(path, SPEC, **options)
    except EvaluationError as exc:  # no outcome read as won or lost: the same error from both
        error = str(exc)
    else:
        _same(python, evaluate(path, SPEC, engine="duckdb", **options))
        return
    with pytest.raises(EvaluationError) as in_duckdb:
        evaluate(path, SPEC, engine="duckdb", **options)
    assert str(in_duckdb.value) == error


def test_the_query_and_evaluate_counts_from_any_connection(tmp_path: Path) -> None:
    rows = [
        {
            "employees": "20",
            "country": "US",
            "industry": "saas",
            "is_public": "",
            "outcome": o,
            "deal": "10",
            "region": "north",
        }
        for o in ["won"] * 20 + ["lost"] * 5 + ["open"] * 2
    ]
    path = tmp_path / "a.csv"
    _write(path, rows)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE crm AS SELECT * FROM read_csv('{path}', all_varchar = true)")
    sql = to_sql(SPEC, table="crm", evaluate=EvaluationColumns("outcome", value="deal"))
    ev = evaluate_counts(con.execute(sql).fetchall(), SPEC, outcome="outcome", value="deal")
    assert ev.figures.records == 25
    assert ev.left_out.outcome_values == (("open", 2),)
    assert ev.figures.groups[0].value_sum == 250.0
    # A plain outcome column name works as well.
    assert "GROUP BY" in to_sql(SPEC, evaluate="outcome")


def test_duckdb_engine_refuses_what_needs_each_record(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    _write(path, [dict.fromkeys(COLUMNS, "")])
    with pytest.raises(EvaluationError, match="--account needs each record"):
        evaluate(path, SPEC, outcome="outcome", account="region", engine="duckdb")
    with pytest.raises(IcpspecError, match="--outcome 'Outcome2': no such column; did you mean 'outcome'"):
        evaluate(path, SPEC, outcome="Outcome2", engine="duckdb")


def test_duckdb_finds_the_named_columns_as_python_does(tmp_path: Path) -> None:
    """Reproduction: Python finds --outcome 'Outcome' in a column 'outcome' (case, spaces and
    punctuation ignored, as fields' columns are); DuckDB wanted the exact name, so the same
    call worked with one engine and failed with the other; its error was an IcpspecError,
    not the EvaluationError Python raises; and a --id naming no column passed silently."""
    path = tmp_path / "a.csv"
    rows = [
        dict.fromkeys(COLUMNS, "") | {"outcome": o, "region": r} for o in ("won", "lost") for r in ("n", "s")
    ]
    _write(path, rows * 10)
    options = {"outcome": "Outcome", "value": "DEAL", "by": "Region"}
    _same(evaluate(path, SPEC, **options), evaluate(path, SPEC, engine="duckdb", **options))
    for option in ("outcome", "value", "by", "id"):
        wrong = {"outcome": "outcome", option: "nope"}
        with pytest.raises(EvaluationError) as python:
            evaluate(path, SPEC, **wrong)  # type: ignore[arg-type]
        with pytest.raises(EvaluationError) as in_duckdb:
            evaluate(path, SPEC, engine="duckdb", **wrong)  # type: ignore[arg-type]
        assert str(in_duckdb.value) == str(python.value)


def test_review_of_cbaa1df(tmp_path: Path) -> None:
    """Reproductions (review of cbaa1df): DuckDB reads a quoted name regardless of case, so
    of a header 'outcome,Outcome' it read 'outcome' for --outcome Outcome (and likewise
    for --by, --value and a map); --top naming no group was an internal error with DuckDB;
    with two wrong options DuckDB named another first; its evaluation did not record --id;
    its mapping errors named no file."""
    path = tmp_path / "cd.csv"
    path.write_text(
        "outcome,Outcome,country,Country,employees,industry\n"
        + "lost,won,FR,US,50,software\n" * 12
        + "won,lost,US,FR,50,software\n" * 8,
        encoding="utf-8",
    )
    for options in (
        {"outcome": "Outcome", "columns": {"country": "country"}},
        {"outcome": "outcome", "by": "Country", "columns": {"country": "country"}},
        {"outcome": "outcome", "columns": {"country": "Country"}},
    ):
        python, duck = evaluate(path, SPEC, **options), evaluate(path, SPEC, engine="duckdb", **options)  # type: ignore[arg-type]
        _same(python, duck)
    for wrong in ({"top": ["Z"]}, {"outcome": "nope", "id": "nope2"}, {"value": "v", "id": "nope2"}):
        options = {"outcome": "outcome", "columns": {"country": "country"}, **wrong}
        with pytest.raises(EvaluationError) as python_error:
            evaluate(path, SPEC, **options)  # type: ignore[arg-type]
        with pytest.raises(EvaluationError) as duck_error:
            evaluate(path, SPEC, engine="duckdb", **options)  # type: ignore[arg-type]
        assert str(duck_error.value) == str(python_error.value)
    with_id = evaluate(
        path, SPEC, outcome="outcome", id="industry", columns={"country": "country"}, engine="duckdb"
    )
    assert with_id.to_dict()["options"]["id"] == "industry"
    with pytest.raises(
        ColumnsError, match=rf"^{re.escape(str(path))}:1:1: --map employees='staff': no such column"
    ):
        evaluate(
            path,
            SPEC,
            outcome="outcome",
            columns={"employees": "staff", "country": "country"},
            engine="duckdb",
        )


def test_parquet_columns_spelt_alike_are_read_by_place(tmp_path: Path) -> None:
    """Reproduction (review of 5c5d7c6): a Parquet file was still read by name, and DuckDB
    names a column that differs from an earlier one only in case 'Outcome_1': its header said
    'Outcome_1', a column the file does not hold, and --outcome Outcome read 'outcome'."""
    pl = pytest.importorskip("polars")
    csv_path, parquet = tmp_path / "cd.csv", tmp_path / "cd.parquet"
    csv_path.write_text(
        "outcome,Outcome,country,Country,employees,industry\n"
        + "lost,won,FR,US,50,software\n" * 12
        + "won,lost,US,FR,50,software\n" * 8,
        encoding="utf-8",
    )
    pl.read_csv(csv_path, infer_schema=False).write_parquet(parquet)
    from icpspec.sql._duckdb import DuckDBFile

    with DuckDBFile(parquet) as opened:
        assert opened.columns == ["outcome", "Outcome", "country", "Country", "employees", "industry"]
    for options in (
        {"outcome": "Outcome", "columns": {"country": "country"}},
        {"outcome": "outcome", "by": "Country", "columns": {"country": "country"}},
        {"outcome": "outcome", "columns": {"country": "Country"}},
    ):
        python = evaluate(csv_path, SPEC, **options)  # type: ignore[arg-type]
        _same(python, evaluate(parquet, SPEC, engine="duckdb", **options))  # type: ignore[arg-type]
    # A nested column is one column; a name twice is an error, as in a CSV header.
    pl.DataFrame({"a": [1], "s": [{"x": 1, "y": {"z": 2}}], "l": [[1, 2]], "b": ["p"]}).write_parquet(
        tmp_path / "nested.parquet"
    )
    with DuckDBFile(tmp_path / "nested.parquet") as opened:
        assert opened.columns == ["a", "s", "l", "b"]
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(
        pa.Table.from_arrays([pa.array([1]), pa.array([2])], names=["a", "a"]), tmp_path / "d.parquet"
    )
    with pytest.raises(IcpspecError, match=r"d\.parquet: duplicate column 'a' \(columns 1 and 2\)$"):
        DuckDBFile(tmp_path / "d.parquet")


POSTGRES_DSN = os.environ.get("ICPSPEC_TEST_POSTGRES_DSN")


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    if not POSTGRES_DSN:
        pytest.skip("no PostgreSQL server: set ICPSPEC_TEST_POSTGRES_DSN (.ci/run starts one)")
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as con:
        con.execute("CREATE TEMP TABLE deals (" + ", ".join(f'"{c}" TEXT' for c in COLUMNS) + ")")
        yield con


@given(rows_strategy)
@example(OPEN_ONLY)
@settings(EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_postgres_aggregate_query_equals_python(pg: Any, rows: list[dict[str, str]]) -> None:
    pg.execute("DELETE FROM deals")
    with pg.cursor() as cur:
        cur.executemany(
            "INSERT INTO deals VALUES (" + ", ".join("%s" for _ in COLUMNS) + ")",
            # An empty CSV cell is NULL in a table.
            [[r[c] if r[c] != "" else None for c in COLUMNS] for r in rows],
        )
    sql = to_sql(
        SPEC, dialect="postgres", table="deals", evaluate=EvaluationColumns("outcome", "deal", "region")
    )
    counted = pg.execute(sql).fetchall()
    mapped = [{k: (v if v != "" else None) for k, v in r.items()} for r in rows]
    same_outcome(
        lambda: evaluate(mapped, SPEC, outcome="outcome", value="deal", by="region"),
        lambda: evaluate_counts(counted, SPEC, outcome="outcome", value="deal", by="region"),
    )


def test_the_aggregate_query_reads_the_columns_it_is_given() -> None:
    """``to_sql(spec, evaluate=..., columns=...)`` left the mapping out of the aggregate query."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE crm AS SELECT * FROM (VALUES ('20', 'US', 'saas', 'won'), ('5000', 'FR', 'retail', 'lost'))"
        " t(workers, land, sector, outcome)"
    )
    columns = icpspec.Columns(map={"employees": "workers", "country": "land", "industry": "sector"})
    headers = ["workers", "land", "sector", "outcome"]
    sql = to_sql(
        SPEC, table="crm", evaluate="outcome", columns=columns, table_columns=headers, missing="ignore"
    )
    ev = evaluate_counts(con.execute(sql).fetchall(), SPEC, outcome="outcome")
    expected = evaluate(
        [
            {"employees": "20", "country": "US", "industry": "saas", "outcome": "won"},
            {"employees": "5000", "country": "FR", "industry": "retail", "outcome": "lost"},
        ],
        SPEC,
        outcome="outcome",
    )
    assert ev.figures.groups == expected.figures.groups
    assert ev.figures.groups[0].records == 1  # the won deal is in the first group, not unknown


def test_duckdb_lists_the_fields_a_compound_criterion_reads(tmp_path: Path) -> None:
    """Found (review of b9260c9): the DuckDB path listed the fields read from each criterion's
    own field only, so a criterion `any: [country, industry]` read nothing there: columns_read
    and the 'fit columns only' warning differed from Python's."""
    spec = icpspec.loads(
        """
icpspec: 1
profiles:
  p:
    criteria:
      - {id: big, field: employees, min: 100, weight: 2}
      - id: where
        any: [{field: country, in: [US]}, {field: industry, in: [software]}]
        weight: 1
    tiers: {A: 50}
"""
    )
    path = tmp_path / "d.csv"
    path.write_text(
        "employees,country,industry,won\n"
        + "".join(
            f"{50 + 10 * i},{'US' if i % 2 else 'FR'},software,{'yes' if i % 3 else 'no'}\n"
            for i in range(40)
        ),
        encoding="utf-8",
    )
    python, duck = evaluate(path, spec, outcome="won"), evaluate(path, spec, outcome="won", engine="duckdb")
    assert python.columns_read == {"firmographic": ("employees", "industry"), "geographic": ("country",)}
    assert duck.columns_read == python.columns_read
    assert duck.warnings == python.warnings
