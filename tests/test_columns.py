"""One column mapping for every engine and command (icpspec.Columns): issue 13, "What was found".

Each engine (the Python file scorer and ``icpspec match``, ``score_frame``,
``to_sql`` and the DuckDB file scorer) and ``lint --population`` finds a
field's column the same way (catalogue aliases, ``--map``), takes constants
(``--set``) and units (``--unit``, ``Revenue ($M)``), and reports a field
with no column up front, in the same words.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.records import Columns, ColumnsError, ColumnsWarning, header_unit, scale
from icpspec.records._columns import _HINT_WORDS

pl = pytest.importorskip("polars")

SPEC = """\
icpspec: 1
version: "2026.1"
profiles:
  us-enterprise:
    criteria:
      - {id: size, field: employees, min: 1000, weight: 2}
      - {id: us, field: country, in: [US], required: true}
      - {id: revenue, field: annual_revenue, min: 100000000000}
    tiers: {A: 75, B: 50}
"""
#: A real enterprise export's headers, which are not the catalogue's names; revenue in thousands.
EXPORT = (
    "Company,Employees,Country,Revenue\n"
    'Walmart,"2,100,000",United States,"$648,125,000"\n'
    'Acme,40,US,"$1,200"\n'
    'Siemens,"320,000",Germany,"$77,800,000"\n'
    "Blank,,,\n"
)
OUT = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    spec = tmp_path / "ent.icp.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    data = tmp_path / "export.csv"
    data.write_text(EXPORT, encoding="utf-8")
    return spec, data


def match(*args: str) -> tuple[int, list[dict[str, str]], str]:
    result = CliRunner().invoke(cli, ["match", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, list(csv.DictReader(io.StringIO(result.stdout, newline=""))), result.stderr


def cells(row: dict[str, object]) -> tuple[object, ...]:
    """A result row as comparable values, whichever engine (CSV text or typed) wrote it."""
    profile, score, tier, status, coverage, version = (row[c] for c in OUT)
    return (profile, float(score), tier or None, status, float(coverage), version)  # type: ignore[arg-type]


def test_score_frame_finds_columns_by_alias_and_scores_like_the_cli(files: tuple[Path, Path]) -> None:
    """Found: score_frame matched exact, case-sensitive names only, so 'Employees' was unknown."""
    spec_path, data = files
    code, rows, err = match(str(spec_path), str(data))
    assert code == 0, err
    assert "  employees <- 'Employees' (name)" in err
    assert "  annual_revenue <- 'Revenue' (alias)" in err
    frame = icpspec.score_frame(pl.read_csv(data, infer_schema_length=0), icpspec.load(spec_path))
    assert [cells(r) for r in frame.iter_rows(named=True)] == [cells(r) for r in rows]
    assert frame["icp_coverage"].to_list()[0] == 1.0  # every field found: nothing silently unknown


def test_a_column_in_thousands_reads_as_its_unit_in_every_engine(files: tuple[Path, Path]) -> None:
    """Found: '$648,125,000' for a company with $648 billion of revenue, read as 648 million."""
    spec_path, data = files
    spec = icpspec.load(spec_path)
    thousands = Columns(units={"annual_revenue": "thousands"})
    code, rows, err = match(str(spec_path), str(data), "--unit", "annual_revenue=thousands")
    assert code == 0, err
    assert "  annual_revenue <- 'Revenue' (alias), in thousands" in err
    assert [r["icp_score"] for r in rows] == ["100.0", "25.0", "50.0", "0.0"]
    code, plain, _ = match(str(spec_path), str(data))
    assert plain[0]["icp_score"] == "75.0"  # without the unit: $648 million, missed
    frame = icpspec.score_frame(pl.read_csv(data, infer_schema_length=0), spec, columns=thousands)
    assert [cells(r) for r in frame.iter_rows(named=True)] == [cells(r) for r in rows]
    out = io.StringIO()
    icpspec.score_file(data, out, spec, columns=thousands)
    assert [cells(r) for r in csv.DictReader(io.StringIO(out.getvalue(), newline=""))] == [
        cells(r) for r in rows
    ]


def test_duckdb_and_to_sql_read_units_constants_and_maps_as_python(files: tuple[Path, Path]) -> None:
    duckdb = pytest.importorskip("duckdb")
    spec_path, data = files
    spec = icpspec.load(spec_path)
    columns = Columns(map={"employees": "Employees"}, units={"annual_revenue": "thousands"})
    code, rows, err = match(str(spec_path), str(data), "--unit", "annual_revenue=thousands")
    assert code == 0, err
    code, in_duckdb, err = match(
        str(spec_path), str(data), "--unit", "annual_revenue=thousands", "--engine", "duckdb"
    )
    assert code == 0, err
    assert [cells(r) for r in in_duckdb] == [cells(r) for r in rows]
    con = duckdb.connect()
    con.execute(f"CREATE TABLE export AS SELECT * FROM read_csv('{data}', all_varchar = true)")
    sql = icpspec.to_sql(
        spec, table="export", columns=columns, table_columns=["Company", "Employees", "Country", "Revenue"]
    )
    got = con.execute(f"SELECT {', '.join(OUT)} FROM ({sql})").fetchall()
    assert [cells(dict(zip(OUT, r, strict=True))) for r in got] == [cells(r) for r in rows]
    constant = icpspec.to_sql(spec, table="export", columns=Columns(constants={"country": "US"}))
    assert "'US'" in constant


def test_a_header_that_says_its_unit_is_read_in_it(tmp_path: Path) -> None:
    spec = icpspec.loads(SPEC)
    data = tmp_path / "crm.csv"
    data.write_text('Employees,Country,Revenue ($M)\n5000,US,"648,125"\n', encoding="utf-8")
    out = io.StringIO()
    summary = icpspec.score_file(data, out, spec)
    assert (
        "annual_revenue <- 'Revenue ($M)' (alias), in millions (from the header)"
        in summary.columns.describe()
    )
    assert next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))["icp_score"] == "100.0"
    # --unit says otherwise, and wins over the header.
    out = io.StringIO()
    icpspec.score_file(data, out, spec, columns=Columns(units={"annual_revenue": "1"}))
    assert next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))["icp_score"] == "75.0"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Revenue ($M)", ("Revenue", 10**6)),
        ("Revenue (USD bn)", ("Revenue", 10**9)),
        ("Sales (in thousands)", ("Sales", 10**3)),
        ("Annual revenue, in millions", ("Annual revenue", 10**6)),
        ("Revenue ($000s)", ("Revenue", 10**3)),
        ("Revenue", None),
        ("Revenue (2024)", None),
        ("(M)", None),
    ],
)
def test_header_units(header: str, expected: tuple[str, int] | None) -> None:
    assert header_unit(header) == expected


# The unit pattern as first written: a whole-header match, whose lazy base backtracked over
# every space from every space (a header of 130,000 spaces took minutes).
_FIRST_HINT = re.compile(
    r"""^(?P<base>.*?)[\s,;-]*
    (?:\(\s*(?:in\s+)?(?:[$€£¥]|usd|eur|gbp)?\s*(?P<paren>[a-z0-9]+)\s*\)
      |\bin\s+(?P<words>thousands|millions|billions)
    )\s*$""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,  # DOTALL: see test_a_header_may_span_lines
)


def _first_header_unit(header: str) -> tuple[str, int] | None:
    m = _FIRST_HINT.match(header)
    if m is None or not m["base"].strip():
        return None
    multiplier = _HINT_WORDS.get((m["paren"] or m["words"]).casefold())
    return None if multiplier is None else (m["base"].strip(), multiplier)


_HEADER_PARTS = ["Revenue", "sales", " ", "  ", ",", ";", "-", "(", ")", "$", "USD", "in", "k", "M", "mio", "bn",
                 "000s", "billions", "\t", "\n", "x1", "é"]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_HEADER_PARTS), max_size=10).map("".join))
def test_header_units_read_as_the_first_pattern_did(header: str) -> None:
    assert header_unit(header) == _first_header_unit(header)


def test_a_header_may_span_lines() -> None:
    # A header cell wrapped in a spreadsheet ('Annual' Alt+Enter 'Revenue ($M)') says its unit
    # as one on a line does; the first pattern, without DOTALL, did not cross the line break.
    assert header_unit("Annual\nRevenue ($M)") == ("Annual\nRevenue", 10**6)
    assert _FIRST_HINT.flags & re.DOTALL


def test_a_long_header_says_its_unit_at_its_end() -> None:
    assert header_unit(" " * 130_000 + "Revenue ($M)") == ("Revenue", 10**6)
    assert header_unit("Revenue" + " " * 130_000 + "(in thousands)") == ("Revenue", 10**3)
    assert header_unit(" " * 130_000 + "x") is None
    # Found (review of 6f1e72c): padding after the unit pushed it out of the part looked at.
    assert header_unit("Revenue ($M)" + " " * 61) == ("Revenue", 10**6)


@pytest.mark.parametrize(
    ("value", "multiplier", "expected"),
    [(648_125_000, 1000, 648_125_000_000), (1.1, 10**6, 1_100_000), (2.5, 1000, 2500), (0.5, 3, 1.5)],
)
def test_scale_is_exact(value: float, multiplier: int, expected: float) -> None:
    got = scale(value, multiplier)
    assert got == expected
    assert type(got) is type(expected)


def test_set_gives_a_file_without_a_country_column_its_country(tmp_path: Path) -> None:
    """Found: a list of US companies often has no country column."""
    spec = tmp_path / "ent.icp.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    data = tmp_path / "us.csv"
    data.write_text("Company,Employees,Revenue\nBig,5000,1\n", encoding="utf-8")
    code, rows, err = match(str(spec), str(data))
    assert code == 0
    assert (
        "warning: no column holds field 'country'; unknown in every record: us-enterprise/us "
        "(name a column with --map country=COLUMN)"
    ) in err
    assert rows[0]["icp_status"] == "insufficient_data"
    code, rows, err = match(str(spec), str(data), "--set", "country=US")
    assert code == 0, err
    assert "  country <- 'US' (set)" in err
    assert "warning" not in err
    assert (rows[0]["icp_status"], rows[0]["icp_score"]) == ("scored", "75.0")
    assert "country" not in rows[0]  # a constant adds no column


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "employees=many"], "--set employees='many': not an integer (field 'employees')"),
        (["--set", "employes=5"], "--set 'employes': no such field; did you mean 'employees'?"),
        (["--set", "country"], "--set 'country': write it as FIELD=VALUE, e.g. --set country=US"),
        (
            ["--unit", "country=thousands"],
            "--unit country='thousands': field 'country' is a country, not a number",
        ),
        (["--unit", "employees=dozens"], "--unit employees='dozens': not a unit; write thousands, millions"),
        (["--unit", "employees=-3"], "not a unit"),
    ],
)
def test_bad_set_and_unit_are_usage_errors(files: tuple[Path, Path], args: list[str], message: str) -> None:
    spec, data = files
    code, _, err = match(str(spec), str(data), *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


def test_score_frame_says_which_field_has_no_column_as_the_cli_does(files: tuple[Path, Path]) -> None:
    """Found: 1000/1000 insufficient_data with no warning."""
    spec_path, data = files
    spec = icpspec.load(spec_path)
    frame = pl.read_csv(data, infer_schema_length=0).rename({"Employees": "workers"})
    words = "no column holds field 'employees'; unknown in every record: us-enterprise/size"
    with pytest.warns(ColumnsWarning, match=r"^" + words.replace("(", r"\(")) as caught:
        icpspec.score_frame(frame, spec)
    assert len(caught) == 1
    with pytest.raises(ColumnsError, match=words):
        icpspec.score_frame(frame, spec, missing="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mapped = icpspec.score_frame(frame, spec, columns=Columns(map={"employees": "workers"}))
        icpspec.score_frame(frame, spec, missing="ignore")
    assert mapped["icp_coverage"].to_list()[0] == 1.0
    with pytest.warns(ColumnsWarning, match=words):
        icpspec.to_sql(spec, table_columns=frame.columns)
    # The command line says it in the same words.
    path = data.with_name("workers.csv")
    frame.write_csv(path)
    _, _, err = match(str(spec_path), str(path))
    assert f"warning: {words} (name a column with --map employees=COLUMN)" in err
    with pytest.raises(ValueError, match="missing='sometimes'"):
        icpspec.score_frame(frame, spec, missing="sometimes")  # type: ignore[arg-type]


POPULATION_SPEC = """\
icpspec: 1
profiles:
  us-saas:
    criteria:
      - {id: size, field: employees, between: [10, 500], weight: 3}
      - {id: us, field: country, in: [US], weight: 1}
    tiers: {A: 75, B: 25}
"""


def lint(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["lint", *args, "--isolated", "--select", "ICP103", "--format", "json"])
    return result.exit_code, json.loads(result.stdout)["diagnostics"], result.stderr


def test_lint_population_reports_a_field_with_no_column(tmp_path: Path) -> None:
    """Found: 99.9 % of accounts in tier A passed as 'All checks passed': headcount was 'workers'."""
    spec = tmp_path / "p.icp.yaml"
    spec.write_text(POPULATION_SPEC, encoding="utf-8")
    data = tmp_path / "crm.csv"
    data.write_text("Company,workers\n" + "".join(f"C{i},{5000 + i}\n" for i in range(60)), encoding="utf-8")
    code, found, err = lint(str(spec), "--population", str(data))
    messages = [d["message"] for d in found]
    assert (
        "the population: no column holds field 'employees'; unknown in every record: us-saas/size "
        "(name a column with --map employees=COLUMN, or --set employees=VALUE)"
    ) in messages
    assert any("field 'country'" in m for m in messages)
    assert {d["code"] for d in found} == {"ICP103"}
    # Mapped and set, the population is read whole: nobody is in the top tier (5,000 employees).
    code, found, err = lint(
        str(spec), "--population", str(data), "--map", "employees=workers", "--set", "country=US"
    )
    assert found == [], found
    assert code == 0, err
    # With every account in range, the crowded top tier is found once the column is named.
    data.write_text("Company,workers\n" + "".join(f"C{i},{50 + i}\n" for i in range(60)), encoding="utf-8")
    _, found, _ = lint(
        str(spec), "--population", str(data), "--map", "employees=workers", "--set", "country=US"
    )
    assert [d["message"] for d in found] == [
        "60 of 60 accounts of the population (100.0%) land in the top tier 'A' of profile 'us-saas'; "
        "at most 40% should"
    ]


def test_lint_column_options_need_a_population(tmp_path: Path) -> None:
    spec = tmp_path / "p.icp.yaml"
    spec.write_text(POPULATION_SPEC, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(spec), "--isolated", "--map", "employees=workers"])
    assert result.exit_code == 2
    assert "--map, --set and --unit read the --population file" in result.stderr


UNIT_SPEC = """\
icpspec: 1
profiles:
  p:
    criteria:
      - {{id: revenue, field: annual_revenue, min: {threshold}}}
"""
numbers = st.builds(
    lambda whole, frac, suffix, money: f"{money}{whole:,}{frac}{suffix}",
    st.integers(0, 10**7),
    st.sampled_from(["", ".5", ".25", ".001", ".1"]),
    st.sampled_from(["", "k", " M", "B"]),
    st.sampled_from(["", "$"]),
)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(numbers, min_size=1, max_size=8),
    unit=st.sampled_from(["thousands", "millions", "billions", "10", "0.01"]),
    threshold=st.sampled_from(["1000", "2500000", "1e9", "12345.5", "0.5"]),
)
def test_units_read_alike_in_python_polars_and_duckdb(values: list[str], unit: str, threshold: str) -> None:
    """The same unit, the same values: every engine scores each record alike, to the threshold."""
    duckdb = pytest.importorskip("duckdb")
    spec = icpspec.loads(UNIT_SPEC.format(threshold=threshold))
    columns = Columns(units={"annual_revenue": unit})
    text = "Revenue\n" + "".join(f'"{v}"\n' for v in values)
    out = io.StringIO()
    icpspec.score_file(io.BytesIO(text.encode()), out, spec, columns=columns)
    python = [r["icp_score"] for r in csv.DictReader(io.StringIO(out.getvalue(), newline=""))]
    frame = icpspec.score_frame(pl.DataFrame({"Revenue": values}), spec, columns=columns)
    assert [repr(s) for s in frame["icp_score"].to_list()] == python
    con = duckdb.connect()
    con.execute("CREATE TABLE t (Revenue VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[v] for v in values])
    sql = icpspec.to_sql(spec, table="t", columns=columns, table_columns=["Revenue"])
    got = [repr(r[0]) for r in con.execute(f"SELECT icp_score FROM ({sql})").fetchall()]
    assert got == python


def test_sql_command_takes_the_column_options(files: tuple[Path, Path]) -> None:
    spec, _ = files
    result = CliRunner().invoke(
        cli,
        [
            "sql",
            str(spec),
            "--map",
            "employees=Head count",
            "--set",
            "country=US",
            "--unit",
            "annual_revenue=millions",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert '"Head count"' in result.stdout
    assert "'US'" in result.stdout
    assert "'e6'" in result.stdout
    bad = CliRunner().invoke(cli, ["sql", str(spec), "--unit", "annual_revenue=2.5"])
    assert bad.exit_code == 2
    assert "the SQL engines read units that are powers of ten" in bad.stderr


_AMBIGUOUS = [
    {"headcount": 5, "staff_count": 6, "won": "yes"},
    {"headcount": 7, "staff_count": 8, "won": "no"},
]


def _ambiguous_runs(tmp_path: Path, mapped: dict[str, str] | None = None) -> dict[str, Any]:
    """Every way to meet a file or frame whose two columns hold one field, by name (with ``mapped``: ``--map``)."""
    import polars as pl

    spec = icpspec.load("examples/acme.icp.yaml")
    csv_path, jsonl_path = tmp_path / "a.csv", tmp_path / "a.jsonl"
    csv_path.write_text("headcount,staff_count,won\n5,6,yes\n7,8,no\n", encoding="utf-8")
    jsonl_path.write_text("".join(json.dumps(r) + "\n" for r in _AMBIGUOUS), encoding="utf-8")
    frame = pl.DataFrame(_AMBIGUOUS)
    columns = Columns(map=mapped) if mapped else None
    return {
        "score_file csv": lambda: icpspec.score_file(csv_path, io.StringIO(), spec, columns=columns),
        "score_file jsonl": lambda: icpspec.score_file(jsonl_path, io.StringIO(), spec, columns=columns),
        "score_file duckdb": lambda: icpspec.score_file(
            csv_path, io.StringIO(), spec, engine="duckdb", columns=columns
        ),
        "score_frame": lambda: icpspec.score_frame(frame, spec, columns=columns),
        "evaluate csv": lambda: icpspec.evaluate(csv_path, spec, outcome="won", columns=columns),
        "evaluate jsonl": lambda: icpspec.evaluate(jsonl_path, spec, outcome="won", columns=columns),
        "evaluate duckdb": lambda: icpspec.evaluate(
            csv_path, spec, outcome="won", engine="duckdb", columns=columns
        ),
        "evaluate list": lambda: icpspec.evaluate(_AMBIGUOUS, spec, outcome="won", columns=columns),
        "evaluate frame": lambda: icpspec.evaluate(frame, spec, outcome="won", columns=columns),
    }


@pytest.mark.filterwarnings("ignore::icpspec.records.ColumnsWarning")
def test_two_columns_for_one_field_raise_one_error_from_every_source(tmp_path: Path) -> None:
    # Found: the same mistake raised ColumnsError (score_frame), RecordFileError (score_file,
    # evaluate of a file; score_file's docstring promised ColumnsError) or EvaluationError
    # (evaluate of a list or DataFrame), and only ColumnsError said which columns, so a caller
    # could not choose one without reading the message.
    import pickle

    for name, run in _ambiguous_runs(tmp_path).items():
        with pytest.raises(ColumnsError) as caught:
            run()
        error = caught.value
        assert (error.field, error.columns) == ("employees", ("headcount", "staff_count")), name
        assert str(error).endswith(
            "columns 'headcount' and 'staff_count' both hold field 'employees'; "
            "choose one with --map employees=COLUMN"
        ), name
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), str(back), back.field, back.columns) == (
            type(error),
            str(error),
            error.field,
            error.columns,
        ), name


@pytest.mark.filterwarnings("ignore::icpspec.records.ColumnsWarning")
def test_two_columns_for_one_field_come_before_a_map_to_no_column_from_every_source(tmp_path: Path) -> None:
    # Found: with both mistakes, a list and a JSON Lines file named the two columns (records
    # whose keys vary cannot know a map's column is missing until the last one), and a CSV
    # file, a DataFrame and DuckDB the map ("--map country='nope': no such column").
    for name, run in _ambiguous_runs(tmp_path, {"country": "nope"}).items():
        with pytest.raises(ColumnsError) as caught:
            run()
        assert (caught.value.field, caught.value.columns) == ("employees", ("headcount", "staff_count")), name
    # A field mapped to no column is not also ambiguous: the map is the mistake named.
    for run in _ambiguous_runs(tmp_path, {"employees": "nope"}).values():
        with pytest.raises(ColumnsError, match=r"--map employees='nope': no (such column|record|line)"):
            run()


def test_a_map_to_a_name_two_columns_spell_alike_names_them(tmp_path: Path) -> None:
    # Found (review of 0f160f2): '--map employees=Staff' over columns 'staff' and 'STAFF' said
    # "no such column; did you mean 'staff'?", of a column that is there twice.
    fields = {"employees": icpspec.model.ACCOUNT_FIELDS["employees"]}
    with pytest.raises(
        ColumnsError, match=r"columns 'staff' and 'STAFF' are both spelt like it, none as it is"
    ):
        Columns(map={"employees": "Staff"}).resolve(["staff", "STAFF"], fields)
    assert Columns(map={"employees": "Staff"}).resolve(["staff", "STAFF", "Staff"], fields).fields == {
        "employees": "Staff"
    }


@pytest.mark.filterwarnings("ignore::icpspec.records.ColumnsWarning")
def test_a_map_column_no_record_holds_yet_is_no_other_fields_name(tmp_path: Path) -> None:
    # Found (review of ab5c839): records whose keys vary counted a map's column that no record
    # held yet as there, for every field: 'Size' (an alias of employees) made employees
    # ambiguous with 'Headcount' ("columns 'Headcount' and 'Size' both hold field
    # 'employees'"), where a CSV file, a DataFrame and DuckDB named the map.
    import polars as pl

    spec = icpspec.load("examples/minimal.icp.yaml")
    rows = [{"name": "Acme", "Headcount": 10, "country": "US"}]
    csv_path, jsonl_path = tmp_path / "a.csv", tmp_path / "a.jsonl"
    csv_path.write_text("name,Headcount,country\nAcme,10,US\n", encoding="utf-8")
    jsonl_path.write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    columns = Columns(map={"is_public": "Size"})
    runs = {
        "csv": lambda: icpspec.score_file(csv_path, io.StringIO(), spec, columns=columns),
        "jsonl": lambda: icpspec.score_file(jsonl_path, io.StringIO(), spec, columns=columns),
        "frame": lambda: icpspec.score_frame(pl.DataFrame(rows), spec, columns=columns),
        "list": lambda: icpspec.evaluate([{**rows[0], "won": "yes"}], spec, outcome="won", columns=columns),
    }
    for name, run in runs.items():
        with pytest.raises(ColumnsError, match=r"--map is_public='Size': no (such column|record|line)"):
            run()
        del name
    # A later key that makes a field ambiguous maps field by field: the outcome's column is
    # still no field's there.
    later = [
        {"headcount": 50, "last_funding_type": "won"},
        {"headcount": 60, "employee_count": 60, "last_funding_type": "lost"},
    ]
    from icpspec.records import VaryingColumns

    fields = {f: icpspec.model.ACCOUNT_FIELDS[f] for f in ("employees", "funding_stage")}
    varying = VaryingColumns(fields, Columns(reserved={"last_funding_type": "--outcome"}))
    for record in later:
        varying.see(record.keys())
    assert varying.mapping is not None
    assert varying.mapping.fields == {"employees": "headcount"}
