"""``icpspec match`` end to end, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.engine import Matcher, SpecMatcher

from .conftest import EXAMPLES

SP500 = EXAMPLES / "sp500"
SPEC = SP500 / "sp500.icp.yaml"
DATA = SP500 / "sp500_constituents.csv"
# The columns the S&P file holds each field in, as a user would map them by hand.
COLUMNS = {
    "industry": "GICS Sector",
    "sub_industry": "GICS Sub-Industry",
    "founded_year": "Founded",
    "headquarters": "Headquarters Location",
}


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["match", *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def raw_records() -> list[dict[str, str]]:
    """The S&P rows as plain records of the raw cell text, keyed by field: no parsing by icpspec."""
    with DATA.open(encoding="utf-8", newline="") as fh:
        return [{f: row[c] for f, c in COLUMNS.items()} for row in csv.DictReader(fh)]


def assert_same(cells: dict[str, Any], result: icpspec.MatchResult) -> None:
    score, coverage = cells["icp_score"], cells["icp_coverage"]
    assert cells["icp_profile"] == result.profile
    assert float(score) == result.score
    assert (cells["icp_tier"] or None) == result.tier
    assert cells["icp_status"] == result.status.value
    assert float(coverage) == result.coverage
    assert cells["icp_spec_version"] == result.spec_version


def test_sp500_best_match_is_exactly_the_engines() -> None:
    code, out, err = run(str(SPEC), str(DATA))
    assert code == 0, err
    spec = icpspec.load(SPEC)
    matcher = SpecMatcher(spec)
    rows = csv_rows(out)
    records = raw_records()
    assert len(rows) == len(records) == 503
    statuses = set()
    for row, record in zip(rows, records, strict=True):
        found = matcher.best_match(record)
        statuses.add(found.status.value)
        if found.best is not None:
            assert_same(row, found.best)
        else:  # no profile fits: the status says so, and nothing claims a profile
            assert [row[c] for c in ("icp_profile", "icp_score", "icp_tier", "icp_coverage")] == [""] * 4
            assert (row["icp_status"], row["icp_spec_version"]) == ("no_fit", found.spec_version)
    assert statuses == {"scored", "no_fit"}  # both kinds of row were checked


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_sp500_one_profile_is_exactly_matcher_match(fmt: str) -> None:
    code, out, _ = run(str(SPEC), str(DATA), "--profile", "software", "--format", fmt, "--explain")
    assert code == 0
    spec = icpspec.load(SPEC)
    matcher = Matcher(spec.profiles["software"], spec=spec)
    rows = csv_rows(out) if fmt == "csv" else [json.loads(line) for line in out.splitlines()]
    for written, record in zip(rows, raw_records(), strict=True):
        result = matcher.match(record)
        row = {k: "" if v is None else v for k, v in written.items()}
        assert_same(row, result)
        verdicts = {o.id: o.verdict.value for o in result.outcomes if o.kind == "criterion"}
        for verdict, column in [
            ("matched", "icp_matched"),
            ("missed", "icp_missed"),
            ("unknown", "icp_unknown"),
        ]:
            ids = row[column] if fmt == "jsonl" else [i for i in row[column].split("; ") if i]
            assert ids == [i for i, v in verdicts.items() if v == verdict]
        disqualified = row["icp_disqualified_by"]
        assert (disqualified if fmt == "jsonl" else [d for d in disqualified.split("; ") if d]) == list(
            result.disqualified_by
        )


def test_sp500_summary_and_mapping_on_stderr() -> None:
    code, _, err = run(str(SPEC), str(DATA), "--profile", "software")
    assert code == 0
    assert err.splitlines()[:5] == [
        "columns:",
        "  industry <- 'GICS Sector' (alias)",
        "  sub_industry <- 'GICS Sub-Industry' (alias)",
        "  founded_year <- 'Founded' (alias)",
        "  headquarters <- 'Headquarters Location' (alias)",
    ]
    assert "503 records read: 503 matched, 0 skipped" in err
    assert "  unknown founded_year ('Founded'): 39 unreadable (e.g. '2013 (1888)')" in err


def test_input_columns_are_kept_as_written() -> None:
    _, out, _ = run(str(SPEC), str(DATA))
    with DATA.open(encoding="utf-8", newline="") as fh:
        original = list(csv.reader(fh))
    scored = list(csv.reader(io.StringIO(out, newline="")))
    assert [row[: len(original[0])] for row in scored] == original


def test_a_map_no_json_line_holds_stops_the_run_and_says_what_stdout_got(tmp_path: Path) -> None:
    """Reproduction (review): a JSON Lines map to a column no line holds is found wrong only
    after the last line; to stdout the records were already sent, and the message said
    'nothing written'. With -o, nothing is written and a file already there is kept."""
    spec = str(EXAMPLES / "minimal.icp.yaml")
    records = tmp_path / "a.jsonl"
    records.write_text('{"name": "a"}\n{"name": "b", "Staff": 20}\n', encoding="utf-8")
    code, out, err = run(spec, str(records), "--map", "employees=Stafff")
    assert code == 2
    assert len(out.splitlines()) == 2
    assert (
        "--map employees='Stafff': no line has such a column; did you mean 'Staff'?; stdout is incomplete"
        in err
    )
    kept = tmp_path / "out.jsonl"
    kept.write_text("old\n", encoding="utf-8")
    code, _, err = run(spec, str(records), "--map", "employees=Stafff", "-o", str(kept))
    assert code == 2
    assert err.rstrip().endswith("; nothing written")
    assert kept.read_text(encoding="utf-8") == "old\n"


def test_a_column_a_later_json_line_holds_is_reported_as_read(tmp_path: Path) -> None:
    """Reproduction (review of 82e326c): the columns of a JSON Lines file were reported from
    its first line, so a 'country' key first met on line 2 was said to be 'no column' and
    'unknown in every record', though it was read (line 2 scored 80 with it). The mapping
    the first line gives is shown first; the columns later lines brought, and the warnings,
    once every line is read; the summary holds the mapping as read."""
    spec = EXAMPLES / "minimal.icp.yaml"
    records = tmp_path / "a.jsonl"
    records.write_text(
        '{"company": "a", "employees": 20}\n{"company": "b", "employees": 30, "country": "US"}\n',
        encoding="utf-8",
    )
    code, _, err = run(str(spec), str(records), "-o", str(tmp_path / "out.jsonl"))
    assert code == 0
    assert "no column holds field 'country'" not in err
    later = err.index("columns found on later lines:\n  country <- 'country' (name)\n")
    assert err.index("warning: no column holds field 'technologies'") > later
    summary = icpspec.score_file(records, io.StringIO(), icpspec.load(spec))
    assert "country" not in summary.columns.missing
    assert summary.columns.columns is not None
    assert summary.columns.columns.fields["country"] == "country"


def test_output_file_is_written_atomically_and_only_when_something_matched(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    out.write_text("keep me", encoding="utf-8")
    bad = tmp_path / "bad.icp.yaml"
    bad.write_text("icpspec: 1\nprofiles: {p: {criteria: [{field: employes, min: 1}]}}\n", encoding="utf-8")
    code, stdout, err = run(str(bad), str(DATA), "-o", str(out))
    assert (code, stdout) == (2, "")
    assert "ICP020" in err
    assert "nothing matched" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    code, stdout, _ = run(str(SPEC), str(DATA), "-o", str(out))
    assert (code, stdout) == (0, "")
    assert len(csv_rows(out.read_text(encoding="utf-8"))) == 503
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.icp.yaml",
        "scored.csv",
    ]  # no temporary file left


def test_skipped_records_give_exit_status_1(tmp_path: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_bytes(DATA.read_bytes() + b"Broken,row\n")
    code, out, err = run(str(SPEC), str(data))
    assert code == 1
    assert f"{data}:505:1: skipped: 2 cells, but the header has 8" in err
    assert "504 records read: 503 matched, 1 skipped" in err
    assert len(csv_rows(out)) == 503


def test_map_names_a_column_the_aliases_miss(tmp_path: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_text("Company,Staff,Land\nAcme,20,United States\nBeta,2000,Germany\n", encoding="utf-8")
    spec = tmp_path / "s.icp.yaml"
    spec.write_text(
        "icpspec: 1\nprofiles:\n  p:\n    criteria:\n"
        "      - {id: size, field: employees, between: [5, 50]}\n"
        "      - {id: us, field: country, in: [US]}\n",
        encoding="utf-8",
    )
    code, out, err = run(str(spec), str(data))
    assert code == 0
    assert "warning: no column holds field 'employees'; unknown in every record: p/size" in err
    assert [r["icp_coverage"] for r in csv_rows(out)] == ["0.0", "0.0"]
    code, out, err = run(str(spec), str(data), "--map", "employees=Staff", "--map", "country=land")
    assert code == 0
    assert "  employees <- 'Staff' (map)" in err
    assert "  country <- 'Land' (map)" in err
    assert [(r["icp_score"], r["icp_tier"]) for r in csv_rows(out)] == [("100.0", "A"), ("0.0", "C")]
    for bad, message in [
        ("employees", "--map 'employees': write it as FIELD=COLUMN"),
        ("employes=Staff", "--map 'employes': no such field; did you mean 'employees'?"),
        ("employees=Stuff", "--map employees='Stuff': no such column; did you mean 'Staff'?"),
    ]:
        code, _, err = run(str(spec), str(data), "--map", bad)
        assert code == 2
        assert message in err


def test_records_from_stdin_and_json_lines_to_csv() -> None:
    lines = b'{"company": "Acme", "sector": "Information Technology", "founded": 1999}\n'
    lines += b'{"company": "Beta", "sector": "Health Care", "extra": [1, 2]}\n'
    code, out, err = run(str(SPEC), "-", "--format", "csv", stdin=lines)
    assert code == 0, err
    rows = csv_rows(out)
    assert [r["icp_profile"] for r in rows] == ["software", "health-services"]
    assert list(rows[0])[:3] == ["company", "sector", "founded"]
    assert "1 record had keys that the first record has not" in err


def test_rescoring_an_output_replaces_its_columns(tmp_path: Path) -> None:
    first = tmp_path / "scored.csv"
    run(str(SPEC), str(DATA), "-o", str(first))
    code, out, err = run(str(SPEC), str(first), "--profile", "software")
    assert code == 0
    assert "warning: the input column 'icp_profile' is replaced by this run's" in err
    header = next(csv.reader(io.StringIO(out)))
    assert header.count("icp_score") == 1
    assert {r["icp_profile"] for r in csv_rows(out)} == {"software"}


def test_usage_errors() -> None:
    code, _, err = run(str(SPEC), str(DATA), "--profile", "sofware")
    assert code == 2
    assert "icpspec: --profile 'sofware': no such profile; did you mean 'software'?" in err
    code, _, err = run(str(EXAMPLES / "minimal.icp.yaml").replace("minimal", "no-such"), str(DATA))
    assert code == 2
    assert "ICP008 [error] no such file (unreadable-path)" in err
    code, _, err = run(str(SPEC), "no-such.csv")
    assert code == 2
    assert "icpspec: no-such.csv:0:0: no such file; nothing matched" in err
    code, _, err = run(str(SPEC), str(SP500))
    assert code == 2
    assert "a folder, not a file" in err
    # A device such as /dev/zero never ends and holds no line: refused, never read.
    code, _, err = run(str(SPEC), "/dev/zero")
    assert code == 2
    assert "icpspec: /dev/zero:0:0: a device, not a file; nothing matched" in err


def test_a_spec_without_profiles_is_a_usage_error(tmp_path: Path) -> None:
    spec = tmp_path / "empty.icp.yaml"
    spec.write_text("icpspec: 1\n", encoding="utf-8")
    code, _, err = run(str(spec), str(DATA))
    assert code == 2
    assert (
        err == "icpspec: the spec has no profile to match against (none, or all retired); nothing matched\n"
    )


def test_a_closed_pipe_ends_the_run_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "icpspec", "match", str(SPEC), str(DATA)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 141)  # 0 when the whole output fitted in the pipe before it closed
    assert b"Traceback" not in err
    assert b"internal error" not in err


@pytest.mark.parametrize("explain", [False, True], ids=["fast-path", "explain"])
def test_generated_accounts_with_formatted_numbers_and_blanks_score_as_the_engine(
    tmp_path: Path, explain: bool
) -> None:
    """The benchmark's realistic accounts: `$1.2M`, `36.9 Million`, `1,200`, blanks, `n/a`, country names.

    Without --explain, one profile and CSV in and out take the fast path that
    writes each line as read; with it, the general one.
    """
    from .conftest import ROOT, load_script

    bench = load_script(ROOT / "benchmarks" / "bench_match.py", "bench_match")
    data, spec_file = tmp_path / "accounts.csv", tmp_path / "bench.icp.yaml"
    bench.generate(data, 3000, seed=11)
    spec_file.write_text(bench.SPEC, encoding="utf-8")
    code, out, err = run(str(spec_file), str(data), *(["--explain"] if explain else []))
    assert code == 0, err
    spec = icpspec.load(spec_file)
    matcher = Matcher(spec.profiles["us-saas"], spec=spec)
    columns = {
        "employees": "Number of Employees",
        "annual_revenue": "Annual Revenue",
        "industry": "Industry",
        "country": "HQ Country",
        "technologies": "Technologies",
        "founded_year": "Founded",
        "is_public": "Is Public",
    }
    with data.open(encoding="utf-8", newline="") as fh:
        raw = [{f: row[c] for f, c in columns.items()} for row in csv.DictReader(fh)]
    rows = csv_rows(out)
    assert len(rows) == len(raw) == 3000
    for row, record in zip(rows, raw, strict=True):
        result = matcher.match(record)
        assert_same(row, result)
        if explain:
            unknown = [o.id for o in result.outcomes[:6] if o.verdict.value == "unknown"]
            assert row["icp_unknown"] == "; ".join(unknown)
    with data.open(encoding="utf-8", newline="") as fh:
        original = list(csv.reader(fh))
    assert [r[: len(original[0])] for r in csv.reader(io.StringIO(out, newline=""))] == original


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_semicolon_separated_file_is_written_comma_separated(separator: str, tmp_path: Path) -> None:
    """Found (review of ab5c839): match of a ';'-separated file wrote each record's line as
    read ('Acme;10;US') before the new cells, under a ','-separated header: one cell where
    the header has three."""
    src = tmp_path / "a.csv"
    src.write_text(
        separator.join(["name", "employees", "country"]) + "\n" + separator.join(["Acme", "10", "US"]) + "\n",
        encoding="utf-8",
    )
    code, out, err = run("examples/minimal.icp.yaml", str(src))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["name", "employees", "country"]
    assert rows[1][:3] == ["Acme", "10", "US"]
    assert len(rows[1]) == len(rows[0])
