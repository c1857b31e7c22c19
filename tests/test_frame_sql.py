"""score_frame, to_sql, score_file_duckdb and ``icpspec sql``: behaviour beyond equivalence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.cli._sql import DIALECTS as CLI_DIALECTS
from icpspec.model import Condition, Criterion, Disqualifier, Equals, Exists, In, Matches, Min, Profile

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

from icpspec.sql import DIALECTS, score_file_duckdb, to_sql  # noqa: E402

HOSTILE = [
    "it's",
    "'); DROP TABLE accounts; --",
    "\\'; SELECT 1; --",
    'a "quoted" \\ back\\slash',
    "$$ dollar $$",
    "line\nbreak",
    "%_ like wildcards",
]


def test_importing_the_engines_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, icpspec.frame, icpspec.sql\n"
        "print(','.join(m for m in ['polars', 'pandas', 'duckdb', 'sqlglot'] if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_offers_exactly_the_dialects_to_sql_writes() -> None:
    assert CLI_DIALECTS == DIALECTS


@pytest.mark.parametrize("value", HOSTILE)
def test_spec_text_never_escapes_its_literal(value: str) -> None:
    profile = Profile(
        id="p",
        criteria=(
            Criterion("eq", Equals("industry", value)),
            Criterion("in", In("technologies", (value, "x"))),
            Criterion("re", Matches("industry", "(?i)drop|select")),
        ),
        disqualifiers=(Disqualifier("d", Equals("industry", value + "!"), reason=value),),
        tiers={"A": 10.0},
    )
    con = duckdb.connect()
    con.execute("CREATE TABLE accounts (industry TEXT, technologies TEXT)")
    con.execute("INSERT INTO accounts VALUES (?, ?)", [value, "y; " + value])
    for dialect in DIALECTS:
        to_sql(profile, dialect=dialect)  # every dialect writes it
    got = con.execute(to_sql(profile, dialect="duckdb")).fetchall()
    assert con.execute("SELECT count(*) FROM accounts").fetchone() == (1,)
    (row,) = got
    # eq matches (the same text), in matches unless the text splits into several elements.
    assert row[2] is True
    assert row[3] is (not any(sep in value for sep in ";,|"))
    assert row[5] is False


def test_score_frame_keeps_pandas_as_pandas_and_refuses_clashing_columns() -> None:
    pd = pytest.importorskip("pandas")
    spec = icpspec.load("examples/minimal.icp.yaml")
    df = pd.DataFrame({"employees": [20, None], "country": ["US", "DE"]})
    out = icpspec.score_frame(df, spec, missing="ignore")  # no technologies column: unknown, as meant
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns)[-6:] == [
        "icp_profile",
        "icp_score",
        "icp_tier",
        "icp_status",
        "icp_coverage",
        "icp_spec_version",
    ]
    with pytest.raises(icpspec.IcpspecError, match="icp_score"):
        icpspec.score_frame(pl.DataFrame({"icp_score": [1]}), spec)
    with pytest.raises(icpspec.IcpspecError, match="employees"):
        icpspec.score_frame(pl.DataFrame({"employees": [{"a": 1}]}), spec, missing="ignore")


def test_several_profiles_need_one_named(tmp_path: Path) -> None:
    spec = icpspec.load("examples/acme.icp.yaml")
    if len(spec.profiles) > 1:
        with pytest.raises(icpspec.IcpspecError, match="name one"):
            to_sql(spec)
    with pytest.raises(icpspec.IcpspecError, match="no profile"):
        to_sql(spec, profile="nope")
    with pytest.raises(icpspec.IcpspecError, match="dialect"):
        to_sql(icpspec.load("examples/minimal.icp.yaml"), dialect="oracle")


def test_icpspec_sql_command() -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["sql", "examples/minimal.icp.yaml", "--dialect", "postgres", "--table", "crm.x"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("SELECT")
    assert 'FROM "crm"."x" AS t' in ok.output
    # Found: the diagnostics went to stdout, where the SQL goes, with exit 1 (match: stderr, exit 2).
    missing = runner.invoke(cli, ["sql", "no/such.yaml"])
    assert missing.exit_code == 2
    assert missing.stdout == ""
    assert missing.stderr == (
        "no/such.yaml:0:0: ICP008 [error] no such file (unreadable-path)\n"
        "icpspec: no/such.yaml: not a valid spec; no SQL written\n"
    )
    unknown = runner.invoke(cli, ["sql", "examples/minimal.icp.yaml", "--profile", "nope"])
    assert unknown.exit_code == 2
    assert unknown.output.startswith("icpspec: the spec has no profile 'nope'")


def test_score_file_duckdb_writes_csv_and_jsonl_without_formulas(tmp_path: Path) -> None:
    spec = icpspec.load("examples/minimal.icp.yaml")
    src = tmp_path / "in.csv"
    src.write_text(
        'name,employees,country\n=HYPERLINK("x"),20,United States\n-5,"1,200",de\n', encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    assert score_file_duckdb(src, out, spec) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[-6:] == [
        "icp_profile",
        "icp_score",
        "icp_tier",
        "icp_status",
        "icp_coverage",
        "icp_spec_version",
    ]
    assert lines[1].startswith('"\'=HYPERLINK(""x"")",20,')
    assert lines[2].startswith("-5,")  # a plain number is no formula
    jsonl = tmp_path / "out.jsonl"
    score_file_duckdb(src, jsonl, spec, output_format="jsonl")
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert (first["icp_score"], first["icp_tier"], first["icp_status"]) == (80.0, "A", "scored")


def test_score_file_duckdb_leaves_no_file_when_it_fails(tmp_path: Path) -> None:
    spec = icpspec.load("examples/minimal.icp.yaml")
    src = tmp_path / "bad.parquet"
    src.write_bytes(b"not parquet")
    out = tmp_path / "out.csv"
    with pytest.raises(icpspec.IcpspecError, match=r"bad\.parquet"):
        score_file_duckdb(src, out, spec)
    assert [p.name for p in tmp_path.iterdir()] == ["bad.parquet"]


def test_profiles_beyond_exact_64_bit_arithmetic_are_refused_not_rounded() -> None:
    # 0.1234567 beside 0.3 and a threshold of 33.333333333333: exact integers past 2**53.
    profile = Profile(
        id="fine",
        criteria=(
            Criterion("a", In("industry", ("saas",)), weight=0.1234567),
            Criterion("b", In("industry", ("retail",)), weight=0.3),
        ),
        tiers={"A": 33.333333333333, "C": 0.0},
    )
    frame = pl.DataFrame({"industry": ["saas"]})
    with pytest.raises(icpspec.IcpspecError, match=r"beyond 2\*\*53"):
        icpspec.score_frame(frame, profile)
    with pytest.raises(icpspec.IcpspecError, match=r"beyond 2\*\*53"):
        to_sql(profile)
    # Python scores it exactly all the same.
    assert icpspec.Matcher(profile).score({"industry": "saas"})[1] == "C"


def test_country_codes_in_any_case_or_padding_read_as_the_python_engine_reads_them() -> None:
    # The SQL finds a code that is not upper-case and bare in its country table:
    # every code must be a key of that table, mapped to itself.
    from icpspec.engine.values import country_names
    from icpspec.sql._compile import _entries, _table

    table = _table(_entries(country_names()))
    for code in ("US", "DE", "GB", "JP"):
        assert f"|{code}={code}|" in table
    cells = ["de", " De ", "\u3000us\u00a0", "U.S.", "germany", "DE", "zz", "", None, "d e"]
    profile = Profile(
        id="p", criteria=(Criterion(id="c", condition=In(field="country", values=("DE", "US"))),)
    )
    con = duckdb.connect()
    con.execute("CREATE TABLE accounts (rid INTEGER, country TEXT)")
    con.executemany("INSERT INTO accounts VALUES (?, ?)", list(enumerate(cells)))
    got = con.execute(f"SELECT icp_c_c FROM ({to_sql(profile)}) ORDER BY rid").fetchall()
    matcher = icpspec.Matcher(profile)
    for cell, (outcome,) in zip(cells, got, strict=True):
        expected = matcher.match({"country": cell}).outcomes[0].verdict.value
        assert {True: "matched", False: "missed", None: "unknown"}[outcome] == expected, cell


def _duckdb_outcomes(profile: Profile, field: str, cells: list[str | None]) -> list[str]:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE accounts (rid INTEGER, {field} TEXT)")
    con.executemany("INSERT INTO accounts VALUES (?, ?)", list(enumerate(cells)))
    got = con.execute(f"SELECT icp_c_c FROM ({to_sql(profile)}) ORDER BY rid").fetchall()
    return [{True: "matched", False: "missed", None: "unknown"}[outcome] for (outcome,) in got]


def test_text_at_the_edges_of_the_whitespace_fast_path_reads_as_python_strips_it() -> None:
    # DuckDB skips the full trim when both ends are code points 0x21..0x84: the
    # cells here sit on either side of that range, at either end.
    cells = [
        "saas", " saas", "saas ", "\x85saas", "saas\x85", "\x84saas", "saas\x84", "!saas", "saas!",
        "\x1csaas\x1f", "\u3000saas\u2029", "\xa0saas", "saas\u205f", "\x7fsaas", "", " ", "\x85",
        "\x84", "é saas", "saas é", "SaaS\t", "\u1680SAAS", None,
    ]  # fmt: skip
    profile = Profile(id="p", criteria=(Criterion(id="c", condition=In(field="industry", values=("saas",))),))
    matcher = icpspec.Matcher(profile)
    expected = [matcher.match({"industry": cell}).outcomes[0].verdict.value for cell in cells]
    assert _duckdb_outcomes(profile, "industry", cells) == expected


def test_country_cells_that_only_look_like_codes_read_as_python_reads_them() -> None:
    # The code fast path searches "|AD|AE|…|": a cell holding "|", one letter,
    # or a letter that upper-cases to ASCII must not be taken for a code; the
    # dotted short forms and the names with punctuation are read as in Python.
    cells = [
        "US", "us", "U|", "|U", "S|A", "D", "\u0131t", "ß", "SS", "ss", "ﬀ", "US ", "USA", "UK", "XX", "A",
        "D|E", "U.K.", "U.A.E.", "u . s .", "D.E.U.", "Virgin Islands, U.S.", "Côte d\u2019Ivoire", "\u0131taly",
        "\u017fpain", "\u212aenya", "Ger.many", "840", "\U0001f1fa\U0001f1f8", "T\u00fcrkiye", "=US", "US=",
    ]  # fmt: skip
    codes = ("US", "SS", "IT", "GB", "AE", "VI", "CI", "ES", "KE", "DE", "TR")
    profile = Profile(id="p", criteria=(Criterion(id="c", condition=In(field="country", values=codes)),))
    matcher = icpspec.Matcher(profile)
    expected = [matcher.match({"country": cell}).outcomes[0].verdict.value for cell in cells]
    assert _duckdb_outcomes(profile, "country", cells) == expected


def test_the_result_has_the_documented_columns_and_no_helper_column() -> None:
    # The DuckDB SQL computes each field's value in helper columns of its own: none of
    # them reaches the result, whatever the field types (number, text, boolean, date,
    # country, list) and however often a field is read.
    import datetime as dt

    from icpspec.model import Between

    profile = Profile(
        id="p",
        criteria=(
            Criterion("size", Between("employees", 1000, 5000)),
            Criterion("size2", Min("employees", 20)),
            Criterion("ind", In("industry", ("saas",))),
            Criterion("us", In("country", ("US",))),
            Criterion("funded", Min("last_funding_date", dt.date(2015, 1, 1))),
            Criterion("crm", In("technologies", ("hubspot",))),
            Criterion("re", Matches("industry", "^s")),
        ),
        disqualifiers=(Disqualifier("pub", Equals("is_public", True), reason="r"),),
        tiers={"A": 50.0},
    )
    con = duckdb.connect()
    columns = ["rid", "employees", "industry", "country", "last_funding_date", "technologies", "is_public"]
    con.execute(f"CREATE TABLE accounts ({', '.join(c + ' TEXT' for c in columns)})")
    con.execute("INSERT INTO accounts VALUES ('1', '$1.2k', ' SaaS ', 'U.S.', '2016-02-29', 'HubSpot', 'no')")
    result = con.execute(to_sql(profile))
    names = [d[0] for d in result.description]
    outcomes = [f"icp_c_{c.id}" for c in profile.criteria] + ["icp_d_pub"]
    tail = ["icp_score", "icp_coverage", "icp_status", "icp_profile", "icp_tier", "icp_spec_version"]
    assert names == columns + outcomes + tail
    (row,) = result.fetchall()
    record = dict(zip(columns, row, strict=False))
    verdicts = [o.verdict.value for o in icpspec.Matcher(profile).match(record).outcomes]
    sql = [{True: "matched", False: "missed", None: "unknown"}[v] for v in row[len(columns) : -len(tail)]]
    assert sql == verdicts == ["matched"] * 6 + ["missed", "missed"]


def test_a_table_scored_before_is_scored_afresh() -> None:
    # A table with its own icp_score, icp_coverage and icp_status (scored earlier, or
    # hand-made) is scored on its fields alone: those columns are never read for ours.
    profile = Profile(
        id="p",
        criteria=(
            Criterion("de", In("country", ("DE",))),
            Criterion("size", Min("employees", 10)),
        ),
        tiers={"A": 50.0},
        min_coverage=0.9,
    )
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE accounts (country TEXT, employees TEXT, icp_score DOUBLE, icp_coverage DOUBLE, icp_status TEXT)"
    )
    rows = [("FR", "1", 99.0, 1.0, "scored"), ("DE", None, 100.0, 1.0, "scored")]
    con.executemany("INSERT INTO accounts VALUES (?, ?, ?, ?, ?)", rows)
    result = con.execute(to_sql(profile))
    names = [d[0] for d in result.description]
    for row, (country, employees, *_) in zip(result.fetchall(), rows, strict=True):
        got = dict(zip(names[-6:], row[-6:], strict=True))
        want = icpspec.Matcher(profile).match({"country": country, "employees": employees})
        assert (got["icp_tier"], got["icp_status"]) == (want.tier, want.status.value)


def test_large_integer_weights_are_summed_in_64_bits() -> None:
    # Weights 30000 and 0.001 are integers 30000000 and 1 over their denominator: their
    # sum times 100 passes 32 bits.
    profile = Profile(
        id="p",
        criteria=(
            Criterion("a", In("industry", ("saas",)), weight=30000.0),
            Criterion("b", In("country", ("US",)), weight=0.001),
        ),
        tiers={"A": 50.0},
    )
    con = duckdb.connect()
    con.execute("CREATE TABLE accounts (industry TEXT, country TEXT)")
    con.execute("INSERT INTO accounts VALUES ('saas', 'US')")
    ((score, tier),) = con.execute(f"SELECT icp_score, icp_tier FROM ({to_sql(profile)})").fetchall()
    assert (
        (score, tier) == (100.0, "A") == icpspec.Matcher(profile).score({"industry": "saas", "country": "US"})
    )


def test_field_names_of_the_sqls_own_helpers_are_refused() -> None:
    spec = icpspec.loads(
        "icpspec: 1\nversion: x\nfields:\n  icp__0: {type: string, description: d}\n"
        "profiles:\n  p:\n    criteria:\n      - {field: icp__0, in: [a]}\n"
    )
    with pytest.raises(icpspec.IcpspecError, match="icp__0"):
        to_sql(spec)


def _nesting(sql: str) -> int:
    """The deepest nesting of parentheses in ``sql`` outside its string literals."""
    depth = deepest = 0
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch in "()":
            depth += 1 if ch == "(" else -1
            deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("dialect", ["postgres", "spark", "snowflake", "bigquery"])
def test_a_condition_writes_the_value_it_reads_once(dialect: str) -> None:
    """Where values are inlined (all but DuckDB), a condition wrote its value twice (a guard
    that took the inlined value for a constant) and a list of up to 16 values once per value:
    the SQL of three profiles reached 700 KB, and Spark ran out of a 4 GB heap reading it."""

    def sql(*conditions: Condition) -> str:
        criteria = tuple(Criterion(id=f"c{i}", condition=c) for i, c in enumerate(conditions))
        return to_sql(Profile(id="p", criteria=criteria), dialect=dialect, table="accounts")

    once = sql(Exists(field="country"), Exists(field="industry"))  # each value read once
    listed = sql(In(field="country", values=("US", "DE", "FR")), In(field="industry", values=tuple("abcde")))
    for text in ("|UNITED STATES=US|", "TRANSLATE(LOWER("):  # a country table, the case folding
        assert listed.count(text) == once.count(text) > 0


def test_spark_sql_nests_no_deeper_than_its_parser_copes_with() -> None:
    """Spark's parser caches what it learns of each nesting it reads: 75 REPLACEs nested in one
    another per text value grew that cache by gigabytes over a few dozen queries."""
    profile = Profile(
        id="p", criteria=(Criterion(id="what", condition=Equals(field="industry", value="saas")),)
    )
    assert _nesting(to_sql(profile, dialect="spark", table="accounts")) < 20
