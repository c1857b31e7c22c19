"""``icpspec evaluate`` through the real entry point: output, schema, exit codes, files."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from icpspec.cli._main import cli

ROOT = Path(__file__).resolve().parent.parent
SPEC = str(ROOT / "examples" / "salvirt" / "salvirt.icp.yaml")
DATA = str(ROOT / "examples" / "salvirt" / "salvirt_b2b_sales.csv")
SCHEMA = json.loads((ROOT / "schemas" / "evaluation-1.schema.json").read_text(encoding="utf-8"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["evaluate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_shows_the_groups_first_then_the_verdict_and_the_criteria() -> None:
    code, out, _ = run(SPEC, DATA, "--outcome", "Status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("icpspec evaluate: warm-accounts")
    assert "448 records evaluated, 227 positive" in lines[1]
    header = next(i for i, line in enumerate(lines) if line.startswith("group"))
    verdict = next(i for i, line in enumerate(lines) if line.startswith("Verdict:"))
    criteria = next(i for i, line in enumerate(lines) if line.startswith("criterion"))
    assert header < verdict < criteria
    assert "MadKudu's check" in out
    assert "Missed: the lowest-ranked positives" in out


def test_json_validates_against_the_published_schema() -> None:
    code, out, _ = run(
        SPEC, DATA, "--outcome", "Status", "--format", "json", "--by", "Comp_size", "--account", "Seller"
    )
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    assert data["figures"]["records"] == 448
    assert [s["name"] for s in data["strata"]] == ["Big", "Mid", "Small"]


def test_json_of_a_best_match_over_several_profiles_validates(tmp_path: Path) -> None:
    spec = tmp_path / "two.icp.yaml"
    spec.write_text(
        "icpspec: 1\nfields:\n  client: {type: string, aliases: [Client]}\n"
        "  lead_source: {type: string, aliases: [Source]}\nprofiles:\n"
        "  current:\n    criteria: [{field: client, equals: Current}]\n    tiers: {A: 100}\n"
        "  referred:\n    criteria: [{field: lead_source, equals: Referral}]\n    tiers: {Hot: 100}\n",
        encoding="utf-8",
    )
    code, out, err = run(str(spec), DATA, "--outcome", "Status", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    assert [g["name"] for g in data["figures"]["groups"]] == ["A", "Hot", "no_fit", "insufficient_data"]


def test_require_not_met_exits_1_and_says_which() -> None:
    code, _, err = run(SPEC, DATA, "--outcome", "Status", "--require", "auc=0.99,recall=0.5")
    assert code == 1
    assert "required auc >= 0.99" in err
    assert "recall" not in err
    assert run(SPEC, DATA, "--outcome", "Status", "--require", "auc=0.6")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--outcome", "Stauts"], "--outcome 'Stauts': no such column; did you mean 'Status'?"),
        (["--outcome", "Status", "--require", "auc"], "--require 'auc': write it as NAME=NUMBER"),
        (["--outcome", "Status", "--require", "f1=0.5"], "--require 'f1': not a figure"),
        (["--outcome", "Status", "--require", "auc=high"], "--require auc='high': not a number"),
        (["--outcome", "Status", "--top", "Z"], "--top 'Z': no such group"),
        (
            ["--outcome", "Status", "--positive", "Won", "--negative", "won"],
            "is both a positive and a negative",
        ),
        (["--outcome", "Status", "--map", "client"], "--map 'client': write it as FIELD=COLUMN"),
        (["--outcome", "Status", "--set", "nope=1"], "--set 'nope': no such field"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    code, out, err = run(SPEC, DATA, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_file_and_invalid_spec_exit_2(tmp_path: Path) -> None:
    code, _, err = run(SPEC, str(tmp_path / "nope.csv"), "--outcome", "Status")
    assert code == 2
    assert "no such file" in err
    bad = tmp_path / "bad.icp.yaml"
    bad.write_text("icpspec: 1\nprofiles: 3\n", encoding="utf-8")
    code, _, err = run(str(bad), DATA, "--outcome", "Status")
    assert code == 2
    assert "not a valid spec" in err


def test_output_file_and_html_report(tmp_path: Path) -> None:
    out, html = tmp_path / "ev.json", tmp_path / "report.html"
    code, stdout, _ = run(
        SPEC, DATA, "--outcome", "Status", "--format", "json", "-o", str(out), "--html", str(html)
    )
    assert code == 0
    assert stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["figures"]["positives"] == 227
    page = html.read_text(encoding="utf-8")
    for chart in ("chart-gains", "chart-groups", "chart-scores", "chart-ratios"):
        assert f'id="{chart}"' in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert "<script" not in page


def test_html_stays_small_for_any_input(tmp_path: Path) -> None:
    # Many distinct scores (twelve weighted criteria), a hundred strata, a long missed list.
    fields = "\n".join(f"  f{i}: {{type: number}}" for i in range(12))
    criteria = "\n".join(f"      - {{field: f{i}, min: 50, weight: {i + 1}}}" for i in range(12))
    spec = tmp_path / "wide.icp.yaml"
    spec.write_text(
        f"icpspec: 1\nfields:\n{fields}\nprofiles:\n  wide:\n    criteria:\n{criteria}\n", encoding="utf-8"
    )
    rng = random.Random(0)
    data = tmp_path / "wide.csv"
    with data.open("w", encoding="utf-8") as fh:
        fh.write(",".join(f"f{i}" for i in range(12)) + ",stratum,outcome,id\n")
        for n in range(20_000):
            cells = [str(rng.randint(0, 100)) for _ in range(12)]
            fh.write(",".join(cells) + f",s{n % 100},{rng.choice(['won', 'lost'])},{'x' * 60}{n}\n")
    html = tmp_path / "wide.html"
    code, _, err = run(
        str(spec),
        str(data),
        "--outcome",
        "outcome",
        "--by",
        "stratum",
        "--id",
        "id",
        "--missed",
        "5000",
        "--html",
        str(html),
        "-o",
        str(tmp_path / "out.txt"),
    )
    assert code == 0, err
    assert html.stat().st_size < 200_000


def test_real_subprocess_exit_code() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "icpspec",
            "evaluate",
            SPEC,
            DATA,
            "--outcome",
            "Status",
            "--require",
            "auc=0.99",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    assert "required auc >= 0.99" in proc.stderr


def test_engine_duckdb_gives_the_same_json() -> None:
    pytest.importorskip("duckdb")
    code, py, _ = run(SPEC, DATA, "--outcome", "Status", "--format", "json", "--by", "Comp_size")
    code2, db, _ = run(
        SPEC, DATA, "--outcome", "Status", "--format", "json", "--by", "Comp_size", "--engine", "duckdb"
    )
    assert code == code2 == 0
    assert json.loads(py)["figures"] == json.loads(db)["figures"]
    assert json.loads(py)["strata"] == json.loads(db)["strata"]


def test_sql_evaluate_prints_the_aggregate_query() -> None:
    pytest.importorskip("sqlglot")
    result = CliRunner().invoke(cli, ["sql", SPEC, "--evaluate", "--outcome", "Status", "--table", "deals"])
    assert result.exit_code == 0
    assert "GROUP BY" in result.stdout
    assert '"icp_records"' in result.stdout
    lonely = CliRunner().invoke(cli, ["sql", SPEC, "--outcome", "Status"])
    assert lonely.exit_code == 2
    assert "--evaluate and --outcome COLUMN go together" in lonely.stderr


def test_an_unwritable_report_names_its_path(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.html"
    code, _, err = run(SPEC, DATA, "--outcome", "Status", "--html", str(target))
    assert code == 2
    assert f"cannot write {target}" in err


@pytest.mark.parametrize("command", ["evaluate", "match"])
def test_duckdb_not_installed_says_which_extra(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found: after a plain `pip install .`, `evaluate --engine duckdb` was an internal error
    (ModuleNotFoundError) where `match --engine duckdb` named the extra."""
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb raises ImportError
    args = [command, SPEC, DATA, "--engine", "duckdb", "-o", "-"]
    if command == "evaluate":
        args += ["--outcome", "Status"]
    result = CliRunner().invoke(cli, args)
    code, err = result.exit_code, result.stderr
    assert code == 2
    assert err.startswith("icpspec: --engine duckdb needs DuckDB: pip install 'icpspec[sql]'"), err
    assert "internal error" not in err


def test_unit_reads_a_field_in_thousands_as_match_and_diff_do(tmp_path: Path) -> None:
    """Found (review of e4ca77c): `diff --outcome` took `--unit FIELD=UNIT` for its evaluations
    and `icpspec evaluate` had no such option, so it could not give the same figures."""
    spec = tmp_path / "s.icp.yaml"
    spec.write_text(
        "icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {id: size, field: employees, between: [10, 200], weight: 1}\n"
        "    tiers: {A: 50}\n",
        encoding="utf-8",
    )
    data = tmp_path / "d.csv"
    data.write_text(
        "Employees,Status\n"
        + "".join(f"{0.05 if i % 2 else 5},{'won' if i % 3 else 'lost'}\n" for i in range(60)),
        encoding="utf-8",
    )
    plain = CliRunner().invoke(
        cli, ["evaluate", str(spec), str(data), "--outcome", "Status", "--format", "json"]
    )
    scaled = CliRunner().invoke(
        cli,
        [
            "evaluate",
            str(spec),
            str(data),
            "--outcome",
            "Status",
            "--format",
            "json",
            "--unit",
            "employees=thousands",
        ],
    )
    assert plain.exit_code == scaled.exit_code == 0, scaled.stderr
    groups = {g["name"]: g["records"] for g in json.loads(scaled.stdout)["figures"]["groups"]}
    assert groups["A"] == 30  # 0.05 thousand is 50 employees: in range; 5 thousand is not
    assert {g["name"]: g["records"] for g in json.loads(plain.stdout)["figures"]["groups"]}["A"] == 0


def test_html_to_standard_output(tmp_path: Path) -> None:
    """Found (review of 15c9515): `--html -` wrote a file named '-' where `-o -` is standard
    output. The HTML goes to standard output when the report goes to a file; with both on
    standard output it is a usage error."""
    report = tmp_path / "r.txt"
    result = CliRunner().invoke(
        cli, ["evaluate", SPEC, DATA, "--outcome", "Status", "--html", "-", "-o", str(report)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    assert report.read_text(encoding="utf-8").startswith("icpspec evaluate:")
    both = CliRunner().invoke(cli, ["evaluate", SPEC, DATA, "--outcome", "Status", "--html", "-"])
    assert both.exit_code == 2
    assert "write the report with -o FILE" in both.stderr
    assert not Path("-").exists()
