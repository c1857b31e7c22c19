"""``icpspec lint`` as users run it: formats, exit codes, configuration, discovery, suppression."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from icpspec.cli import cli
from icpspec.lint import RULES, ConfigError, LintConfig, load_config

from .conftest import EXAMPLES, ROOT

TODAY = "2026-11-01"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
OUTPUT_SCHEMA = json.loads((ROOT / "schemas" / "lint-output-1.schema.json").read_text(encoding="utf-8"))

BAD = """\
icpspec: 1
evidence:
  crm: {source: customer_data, sample_size: 3, collected: 2026-09-30}
profiles:
  p:
    status: hypothesis
    reviewed: 2025-01-01
    criteria:
      - {field: employees, between: [5, 50], evidence: [crm]}
    tiers: {A: 75, B: 50}
"""


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["lint", *args], env=env)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a bad spec, the example, a JSON spec and a file that is no spec."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "bad.icp.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "specs" / "acme.icp.yaml").write_text(
        (EXAMPLES / "acme.icp.yaml").read_text(encoding="utf-8")
    )
    (tmp_path / "specs" / "minimal.icp.json").write_text(
        (EXAMPLES / "minimal.icp.json").read_text(encoding="utf-8")
    )
    (tmp_path / "specs" / "other.yaml").write_text("not: a spec\n", encoding="utf-8")
    return tmp_path


def _findings(fmt: str, out: str) -> set[tuple[str, str, int, int]]:
    """(file, code, line, column) of every finding, read back from each format."""
    found: set[tuple[str, str, int, int]] = set()
    if fmt == "json":
        for d in json.loads(out)["diagnostics"]:
            found.add((d["file"], d["code"], d["line"], d["column"]))
    elif fmt == "sarif":
        for r in json.loads(out)["runs"][0]["results"]:
            loc = r["locations"][0]["physicalLocation"]
            region = loc.get("region", {"startLine": 0, "startColumn": 0})
            found.add(
                (loc["artifactLocation"]["uri"], r["ruleId"], region["startLine"], region["startColumn"])
            )
    elif fmt == "github":
        for line in out.splitlines():
            props = dict(p.split("=", 1) for p in line.split(" ", 1)[1].split("::", 1)[0].split(","))
            found.add(
                (
                    props["file"],
                    props["title"].split("%20")[0].split()[0],
                    int(props["line"]),
                    int(props["col"]),
                )
            )
    else:
        for line in out.splitlines()[:-1]:
            file, ln, col, rest = line.split(":", 3)
            found.add((file, rest.split()[0], int(ln), int(col)))
    return found


def test_every_format_carries_the_same_findings(project: Path) -> None:
    results = {
        fmt: run("specs", "--format", fmt, "--today", TODAY) for fmt in ("text", "json", "sarif", "github")
    }
    assert {r.exit_code for r in results.values()} == {1}
    sets = {fmt: _findings(fmt, r.stdout) for fmt, r in results.items()}
    assert sets["json"] == sets["text"] == sets["sarif"] == sets["github"]
    codes = {c for _f, c, _l, _c in sets["json"]}
    assert {"ICP201", "ICP302", "ICP303", "ICP502", "ICP402"} <= codes
    files = {f for f, *_ in sets["json"]}
    assert "specs/acme.icp.yaml" not in files
    assert files == {"specs/bad.icp.yaml", "specs/minimal.icp.json"}


def test_text_format(project: Path) -> None:
    result = run("specs/bad.icp.yaml", "--today", TODAY, "--select", "stale-review,ICP303")
    assert result.stdout == (
        "specs/bad.icp.yaml:6:13: ICP303 [error] profile 'p' is a hypothesis without a 'test_plan' "
        "saying how it will be tested (hypothesis-without-test-plan)\n"
        "specs/bad.icp.yaml:7:15: ICP201 [warning] profile 'p' was due for review on 2025-04-01 "
        "(reviewed 2025-01-01, every 90d) (stale-review)\n"
        "Found 2 problems (1 error, 1 warning, 0 info) in 1 file.\n"
    )
    assert result.exit_code == 1


def test_json_output_follows_its_published_schema(project: Path) -> None:
    out = json.loads(run("specs", "--format", "json", "--today", TODAY).stdout)
    jsonschema.Draft7Validator(OUTPUT_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(out)
    assert out["summary"]["files"] == 3
    assert out["summary"]["problems"] == len(out["diagnostics"])
    d = next(d for d in out["diagnostics"] if d["code"] == "ICP201")
    assert d == {
        "code": "ICP201",
        "name": "stale-review",
        "severity": "warning",
        "message": "profile 'p' was due for review on 2025-04-01 (reviewed 2025-01-01, every 90d)",
        "file": "specs/bad.icp.yaml",
        "line": 7,
        "column": 15,
        "end_line": 7,
        "end_column": 25,
        "pointer": "/profiles/p/reviewed",
        "url": "https://github.com/icpspec/icpspec/blob/main/docs/rules.md#icp201",
    }


def _sarif_validator() -> Any:
    return jsonschema.Draft4Validator(SARIF_SCHEMA)


def test_sarif_validates_against_the_official_schema(project: Path) -> None:
    (project / "specs" / "broken.icp.yaml").write_text("icpspec: 1\nprofiles: [\n", encoding="utf-8")
    out = json.loads(run("specs", "--format", "sarif", "--today", TODAY).stdout)
    _sarif_validator().validate(out)
    run_ = out["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert all(r["fullDescription"]["text"].startswith("## What it does") for r in rules)
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert "pointer" in result["properties"]
    assert any(r["ruleId"] == "ICP002" for r in run_["results"])


def test_sarif_of_a_clean_run_validates_too(project: Path) -> None:
    result = run("specs/acme.icp.yaml", "--format", "sarif", "--today", TODAY)
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    _sarif_validator().validate(out)
    assert out["runs"][0]["results"] == []


def test_github_annotations_cannot_be_injected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    evil = 'icpspec: 1\nprofiles:\n  p:\n    reviewed: 2025-01-01\n    pain_points: ["x\\n::error file=a.py::pwned %0A, done"]\n'
    name = "e,v:il%0A.icp.yaml"
    (tmp_path / name).write_text(evil, encoding="utf-8")
    result = run(name, "--format", "github", "--today", TODAY)
    lines = result.stdout.splitlines()
    assert lines
    assert all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines)
    # The injected text stays inside the message of one annotation, escaped.
    assert not any(line.startswith("::error file=a.py") for line in lines)
    assert "\\n::error file=a.py::pwned" in result.stdout
    first = lines[0]
    assert first.startswith("::warning file=e%2Cv%3Ail%250A.icp.yaml,line=")
    assert len(lines) == len(
        json.loads(run(name, "--format", "json", "--today", TODAY).stdout)["diagnostics"]
    )
    assert "%250A" in result.stdout  # a literal %0A in the input stays literal


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["specs/acme.icp.yaml"], 0),
        (["specs/bad.icp.yaml"], 1),
        (["specs/bad.icp.yaml", "--exit-zero"], 0),
        (["specs/bad.icp.yaml", "--select", "stale-review"], 0),
        (["specs/bad.icp.yaml", "--select", "stale-review", "--strict"], 1),
        (["specs/missing.icp.yaml"], 2),
        (["specs/bad.icp.yaml", "--select", "no-such-rule"], 2),
        (["specs/bad.icp.yaml", "--today", "2026-13-01"], 2),
        (["specs/bad.icp.yaml", "--format", "xml"], 2),
    ],
)
def test_exit_codes(project: Path, args: list[str], status: int) -> None:
    assert (
        run(*args, "--today", TODAY).exit_code == status
        if "--today" not in args
        else run(*args).exit_code == status
    )


def test_a_spec_that_does_not_load_is_a_finding(project: Path) -> None:
    (project / "broken.icp.yaml").write_text(
        "icpspec: 1\nprofiles:\n  p: {status: valid}\n", encoding="utf-8"
    )
    result = run("broken.icp.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "broken.icp.yaml:3:15: ICP010 [error] 'valid' is not a valid status; did you mean 'validated'? "
        "(schema-violation)\n"
    )


def test_unknown_rule_hint_and_bad_config(project: Path) -> None:
    result = run("specs", "--select", "stale-reviw")
    assert result.exit_code == 2
    assert "unknown rule 'stale-reviw'; did you mean 'stale-review'?" in result.stderr
    (project / "pyproject.toml").write_text("[tool.icpspec]\nselct = ['ALL']\n", encoding="utf-8")
    result = run("specs")
    assert result.exit_code == 2
    assert "pyproject.toml: unknown key 'selct'; did you mean 'select'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_configuration_is_found_upward_and_applied(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.icpspec]\n"
        "ignore = ['ICP4', 'too-broad']\n"
        "per-file-ignores = {'specs/*.json' = ['ALL']}\n"
        "[tool.icpspec.stale-review]\n"
        "review-every = '2y'\n"
        "[tool.icpspec.small-sample]\n"
        "min-sample-size = 2\n",
        encoding="utf-8",
    )
    codes = {
        d["code"]
        for d in json.loads(run("specs", "--format", "json", "--today", TODAY).stdout)["diagnostics"]
    }
    assert codes == {"ICP303", "ICP304", "ICP502"}
    isolated = {
        d["code"]
        for d in json.loads(run("specs", "--isolated", "--format", "json", "--today", TODAY).stdout)[
            "diagnostics"
        ]
    }
    assert {"ICP201", "ICP302", "ICP402", "ICP406"} <= isolated


def test_icpspec_toml_wins_over_pyproject_and_config_flag(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.icpspec]\nselect = ['ICP201']\n", encoding="utf-8")
    (project / "specs" / ".icpspec.toml").write_text("select = ['ICP303']\n", encoding="utf-8")
    codes = {
        d["code"]
        for d in json.loads(run("specs/bad.icp.yaml", "--format", "json", "--today", TODAY).stdout)[
            "diagnostics"
        ]
    }
    assert codes == {"ICP303"}
    codes = {
        d["code"]
        for d in json.loads(
            run(
                "specs/bad.icp.yaml", "--config", "pyproject.toml", "--format", "json", "--today", TODAY
            ).stdout
        )["diagnostics"]
    }
    assert codes == {"ICP201"}


def test_exclude_when_walking(project: Path) -> None:
    (project / "icpspec.toml").write_text("exclude = ['specs/bad.icp.yaml', '*.json']\n", encoding="utf-8")
    out = json.loads(run(".", "--format", "json", "--today", TODAY).stdout)
    assert out["summary"]["files"] == 1
    assert out["diagnostics"] == []


def test_directory_walk_finds_spec_names_only(project: Path) -> None:
    (project / "specs" / "icp.yaml").write_text("icpspec: 1\n", encoding="utf-8")
    (project / "node_modules").mkdir()
    (project / "node_modules" / "x.icp.yaml").write_text("icpspec: 1\n", encoding="utf-8")
    out = json.loads(run("--format", "json", "--today", TODAY).stdout)
    files = {d["file"] for d in out["diagnostics"]}
    assert out["summary"]["files"] == 4
    assert not any("other.yaml" in f or "node_modules" in f for f in files)


def test_output_file_and_environment_format(project: Path) -> None:
    result = run("specs", "-o", "out.sarif", "--today", TODAY, env={"ICPSPEC_OUTPUT_FORMAT": "sarif"})
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0"
    assert not list(project.glob(".out.sarif.*"))


def test_json_specs_are_suppressed_by_config_only(project: Path) -> None:
    """JSON has no comments; per-file-ignores is how its findings are silenced."""
    cfg = LintConfig(per_file_ignores=(("*.json", ("ICP304",)),), root=str(project))
    assert "ICP304" not in cfg.enabled("specs/minimal.icp.json")
    assert "ICP304" in cfg.enabled("specs/bad.icp.yaml")


def test_config_errors_are_clear() -> None:
    from icpspec.lint._config import config_from_mapping

    with pytest.raises(ConfigError, match="unknown option 'max-ag'; did you mean 'max-age'"):
        config_from_mapping({"stale-evidence": {"max-ag": "1y"}}, source="x.toml", root=".")
    with pytest.raises(ConfigError, match="'no-personas' takes no options"):
        config_from_mapping({"no-personas": {"x": 1}}, source="x.toml", root=".")
    with pytest.raises(ConfigError, match="must be a whole number"):
        config_from_mapping({"small-sample": {"min-sample-size": 2.5}}, source="x.toml", root=".")

    with pytest.raises(ConfigError, match="not a duration"):
        config_from_mapping({"stale-review": {"review-every": "3 months"}}, source="x.toml", root=".")
    with pytest.raises(ConfigError, match="cannot be selected or ignored"):
        LintConfig(ignore=("ICP002",))


def test_load_config_reads_pyproject_table(tmp_path: Path) -> None:
    p = tmp_path / "pyproject.toml"
    p.write_text("[project]\nname='x'\n[tool.icpspec]\nextend-select = ['ICP2']\n", encoding="utf-8")
    assert load_config(p).extend_select == ("ICP2",)
    p.write_text("[tool.icpspec\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(p)


def test_rules_and_rule_commands() -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"])
    assert listing.exit_code == 0
    assert "ICP201  stale-review" in listing.stdout
    assert len(listing.stdout.splitlines()) == len(RULES)
    by_json = json.loads(runner.invoke(cli, ["rules", "--format", "json"]).stdout)
    assert {r["code"] for r in by_json} == set(RULES)
    for selector in ("ICP201", "stale-review", "icp201"):
        page = runner.invoke(cli, ["rule", selector])
        assert page.exit_code == 0
        assert page.stdout.startswith(
            "# ICP201 stale-review (default severity: warning)\n\nA profile whose review date has passed.\n\n"
            "## What it does"
        )
        assert "Defaults: review-every = '90d'" in page.stdout
    missing = runner.invoke(cli, ["rule", "stale-reveiw"])
    assert missing.exit_code == 2
    assert "did you mean 'stale-review'?" in missing.stderr


def test_real_process_exit_status_and_streams(project: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "icpspec", "lint", "specs/bad.icp.yaml", "--format", "json", "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert json.loads(proc.stdout)["version"] == 1


def test_sarif_result_and_rule_shape(project: Path) -> None:
    out = json.loads(
        run("specs/bad.icp.yaml", "--format", "sarif", "--today", TODAY, "--select", "ICP201").stdout
    )
    (result,) = out["runs"][0]["results"]
    index = list(RULES).index("ICP201")
    assert result == {
        "ruleId": "ICP201",
        "ruleIndex": index,
        "level": "warning",
        "message": {"text": "profile 'p' was due for review on 2025-04-01 (reviewed 2025-01-01, every 90d)"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "specs/bad.icp.yaml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 7, "startColumn": 15, "endLine": 7, "endColumn": 25},
                }
            }
        ],
        "properties": {"pointer": "/profiles/p/reviewed"},
    }
    rule = out["runs"][0]["tool"]["driver"]["rules"][index]
    assert rule["name"] == "stale-review"
    assert rule["shortDescription"] == {"text": "A profile whose review date has passed."}
    assert rule["helpUri"].endswith("docs/rules.md#icp201")
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert out["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.as_uri() + "/"
