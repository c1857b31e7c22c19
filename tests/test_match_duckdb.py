"""``icpspec match --engine duckdb``: the Python engine's files, through DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import icpspec
from icpspec.engine import Matcher

from .test_match_cli import DATA, SPEC, csv_rows, run

duckdb = pytest.importorskip("duckdb")

NEW = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")
MINIMAL = "examples/minimal.icp.yaml"


def python_cells(record: dict[str, object]) -> list[str]:
    """The new cells the Python engine gives ``record`` against the minimal spec, as CSV text."""
    spec = icpspec.load(MINIMAL)
    result = Matcher(spec.profiles["us-saas-growth"], spec=spec).match(record)
    return [
        result.profile,
        repr(result.score),
        result.tier or "",
        result.status.value,
        repr(result.coverage),
        result.spec_version,
    ]


@pytest.mark.parametrize("profile", [None, "software", "health-services"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_sp500_duckdb_gives_the_python_engines_file(tmp_path: Path, profile: str | None, fmt: str) -> None:
    # No --profile: each record's best match over the two profiles.
    python, db = tmp_path / f"py.{fmt}", tmp_path / f"db.{fmt}"
    chosen = ["--profile", profile] if profile else []
    code, _, _ = run(str(SPEC), str(DATA), *chosen, "--format", fmt, "-o", str(python))
    assert code == 0
    code, out, err = run(str(SPEC), str(DATA), *chosen, "--format", fmt, "-o", str(db), "--engine", "duckdb")
    assert (code, out) == (0, "")
    if fmt == "csv":
        got, want = csv_rows(db.read_text("utf-8")), csv_rows(python.read_text("utf-8"))
    else:
        got = [json.loads(line) for line in db.read_text("utf-8").splitlines()]
        want = [json.loads(line) for line in python.read_text("utf-8").splitlines()]
    assert len(got) == len(want) == 503
    assert [[g[c] for c in NEW] for g in got] == [[w[c] for c in NEW] for w in want]
    assert got == want  # the input's cells too
    if fmt == "csv":  # byte for byte, escaping and line ends included
        assert db.read_bytes() == python.read_bytes()
    assert "industry <- 'GICS Sector' (alias)" in err
    assert "503 records read: 503 matched, 0 skipped" in err
    assert "  status: " in err
    assert "  tier: " in err
    if profile is None:
        assert "  best profile: software 76, health-services 59, no fit 368" in err
        assert {g["icp_profile"] or "" for g in got} == {"software", "health-services", ""}  # no fit


def test_parquet_input_and_map(tmp_path: Path) -> None:
    src = tmp_path / "accounts.parquet"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES ('=cmd()', 'United States', '1,200', 5), ('Beta', 'DE', '20', 7))"
        ' AS t(name, "HQ", "Head count", employees)) TO \'' + str(src) + "' (FORMAT parquet)"
    )
    con.close()
    # employees is also a column's name: --map says which column holds it.
    code, out, err = run(
        MINIMAL, str(src), "--engine", "duckdb", "--map", "employees=Head count", "--map", "country=HQ"
    )
    assert code == 0, err
    rows = csv_rows(out)
    assert [r["name"] for r in rows] == ["'=cmd()", "Beta"]  # no live formula
    assert rows[0]["employees"] == "5"  # the input's columns are kept as they are
    want = [
        python_cells({"name": "=cmd()", "country": "United States", "employees": "1,200"}),
        python_cells({"name": "Beta", "country": "DE", "employees": "20"}),
    ]
    assert [[r[c] for c in NEW] for r in rows] == want
    assert want[0][3] == "scored"
    assert want[1][3] == "required_failed"
    assert "employees <- 'Head count' (map)" in err
    # without the --map, the column named employees is read
    code, out, _ = run(MINIMAL, str(src), "--engine", "duckdb", "--map", "country=HQ", "--format", "jsonl")
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert first["employees"] == 5
    assert [str(first[c] or "") for c in NEW] == python_cells({"country": "United States", "employees": 5})


def test_a_missing_field_is_unknown_and_said_once(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("Company,Employees\nAcme,30\n", encoding="utf-8")
    code, out, err = run(MINIMAL, str(src), "--engine", "duckdb")
    assert code == 0
    assert "warning: no column holds field 'country'" in err
    (row,) = csv_rows(out)
    assert [row[c] for c in NEW] == python_cells({"name": "Acme", "employees": "30"})
    assert row["icp_coverage"] != "1.0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--explain"], "--explain needs --engine python"),
        (["--personas"], "--personas needs --engine python"),
        (["--map", "nope=Company"], "--map 'nope': no such field"),
        (["--map", "employees=Nope"], "no such column"),
        (["--profile", "nope"], "--profile 'nope': no such profile"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    src = tmp_path / "a.csv"
    src.write_text("Company,Employees\nAcme,300\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, err = run(MINIMAL, str(src), "--engine", "duckdb", "-o", str(out), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("icpspec: ")
    assert stdout == ""
    assert not out.exists()


def test_what_duckdb_does_not_read_is_a_usage_error(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"name": "Acme"}\n', encoding="utf-8")
    code, _, err = run(MINIMAL, str(jsonl), "--engine", "duckdb")
    assert code == 2
    assert "JSON Lines: --engine duckdb reads CSV or Parquet" in err
    code, _, err = run(MINIMAL, "-", "--engine", "duckdb", stdin=b"name\nAcme\n")
    assert code == 2
    assert "not stdin" in err


def test_no_output_file_when_it_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    out = tmp_path / "out.csv"
    code, stdout, err = run(MINIMAL, str(bad), "--engine", "duckdb", "-o", str(out))
    assert code == 2
    assert err.startswith("icpspec: ")
    assert "bad.parquet" in err
    assert "Traceback" not in err
    assert stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.parquet"]
    # a CSV with a record the Python reader would skip is refused before anything is written
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("name,employees\n" + "a,1\n" * 50_000 + "b,2,3\n", encoding="utf-8")
    code, _, err = run(MINIMAL, str(ragged), "--engine", "duckdb", "-o", str(out))
    assert code == 2, err
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith(f"icpspec: {ragged}:50002:1: 3 cells, but the header has 2; --engine duckdb"), last
    assert last.endswith("; nothing matched")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.parquet", "ragged.csv"]


def test_rows_keep_the_files_order_past_duckdbs_chunks(tmp_path: Path) -> None:
    # A file large enough for DuckDB to read in parallel (some MB), with country names (the
    # SQL looks them up in a scalar subquery, which DuckDB joins on): byte for byte the Python
    # engine's file, rows in the input's order.
    src = tmp_path / "many.csv"
    techs = ["hubspot", "salesforce; slack", "", "notion", "HubSpot; stripe"]
    countries = ["US", "Germany", "u.s.", "DE", "n/a", "United States", "US"]
    note = "x" * 100
    lines = [f"Acme {i},{i % 97},{countries[i % 7]},{techs[i % 5]},{note}" for i in range(100_000)]
    src.write_text("name,employees,country,technologies,notes\n" + "\n".join(lines) + "\n", encoding="utf-8")
    # Two profiles: each record's best match, the two SELECTs read in step.
    spec = tmp_path / "two.icp.yaml"
    spec.write_text(
        "icpspec: 1\nversion: t\nprofiles:\n"
        "  small:\n    criteria:\n"
        "      - {id: size, field: employees, between: [5, 50], weight: 3}\n"
        "      - {id: us, field: country, in: [US], required: true}\n"
        "      - {id: crm, field: technologies, contains_any: [hubspot, salesforce]}\n"
        "    tiers: {A: 75, B: 50}\n"
        "  big:\n    criteria:\n"
        "      - {id: size, field: employees, min: 40}\n"
        "      - {id: tools, field: technologies, contains_any: [slack, stripe]}\n"
        "    tiers: {A: 90}\n",
        encoding="utf-8",
    )
    python, db = tmp_path / "py.csv", tmp_path / "db.csv"
    assert run(str(spec), str(src), "-o", str(python))[0] == 0
    code, _, err = run(str(spec), str(src), "-o", str(db), "--engine", "duckdb")
    assert code == 0, err
    assert "best profile: small " in err
    assert db.read_bytes() == python.read_bytes()


def test_a_folder_named_like_a_partition_is_no_column(tmp_path: Path) -> None:
    """Found (review of ab5c839): DuckDB reads a file in a folder 'country=US' as a Hive
    partition: a Parquet file's own country column read 'US' on every row (Acme, in France,
    scored A), a CSV file in 'c1=x' read 'x' for its second column, and a Parquet file in
    'c1=x' was an error (the partition's column against the columns read by place)."""
    folder = tmp_path / "country=US"
    folder.mkdir()
    parquet, csv_file = folder / "accounts.parquet", folder / "accounts.csv"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES ('Acme', 10, 'FR'), ('Beta', 20, 'US')) AS t(name, employees, country))"
        f" TO '{parquet}' (FORMAT parquet)"
    )
    con.close()
    csv_file.write_text("name,employees,country\nAcme,10,FR\nBeta,20,US\n", encoding="utf-8")
    expected = [python_cells({"name": "Acme", "employees": 10, "country": "FR"})[3], "scored"]
    for source in (parquet, csv_file):
        code, out, err = run(MINIMAL, str(source), "--engine", "duckdb")
        assert code == 0, err
        rows = csv_rows(out)
        assert [r["country"] for r in rows] == ["FR", "US"], source
        assert [r["icp_status"] for r in rows] == expected, source
    places = tmp_path / "c1=x"
    places.mkdir()
    (places / "a.csv").write_text("name,employees,country\nAcme,10,US\n", encoding="utf-8")
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES ('Acme', 10, 'US')) AS t(name, employees, country))"
        f" TO '{places / 'a.parquet'}' (FORMAT parquet)"
    )
    con.close()
    for source in (places / "a.csv", places / "a.parquet"):
        code, out, err = run(MINIMAL, str(source), "--engine", "duckdb")
        assert code == 0, err
        assert csv_rows(out)[0]["employees"] == "10", source


def test_a_semicolon_separated_file_is_read_as_python_reads_it(tmp_path: Path) -> None:
    """Found (review of ab5c839): a ';'-separated CSV passed the header check, then DuckDB
    read it with ',' and failed after the header was written."""
    src = tmp_path / "a.csv"
    src.write_text("name;employees;country\nAcme;10;US\nBeta;20;FR\n", encoding="utf-8")
    code, out, err = run(MINIMAL, str(src), "--engine", "duckdb")
    python_code, python_out, _ = run(MINIMAL, str(src))
    assert (code, out) == (python_code, python_out), err
