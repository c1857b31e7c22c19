"""validate and lint agree: formats, what no path and a folder mean, paths from the repository root.

Issue 18, "CLI consistency": ``validate`` had no ``--format``; bare
``validate`` was a usage error while bare ``lint`` linted the current folder;
``validate DIR`` refused a folder ``lint DIR`` walks; ``init`` wrote a fixed
review date that went stale; SARIF and GitHub output run from a subfolder
named ``../x.icp.yaml``, where code scanning wants paths from the root.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from icpspec.cli import cli
from icpspec.lint import lint
from icpspec.report import REPORTERS

from .conftest import EXAMPLES

BROKEN = "icpspec: 1\nprofiles: {p: {criteria: [{field: employes, min: 5}]}}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository: the example at the root, a broken spec in specs/, a non-spec YAML file."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "acme.icp.yaml").write_bytes((EXAMPLES / "acme.icp.yaml").read_bytes())
    (tmp_path / "specs" / "broken.icp.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "specs" / "notes.yaml").write_text("not: a spec\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_offers_lints_formats() -> None:
    validate = cli.commands["validate"]
    (fmt,) = [p for p in validate.params if p.name == "output_format"]
    assert tuple(fmt.type.choices) == tuple(REPORTERS)  # type: ignore[attr-defined]


def test_bare_validate_validates_the_current_folder_like_lint(specs: Path) -> None:
    code, out, err = run("validate")
    assert code == 1
    assert (
        out == "specs/broken.icp.yaml:2:35: ICP020 [error] unknown account field 'employes'; "
        "did you mean 'employees'? (unknown-field)\n"
    )
    assert err == "2 files checked: 1 valid, 1 invalid (1 problem)\n"
    lint_code, lint_out, _ = run("lint", "--select", "ICP502")
    assert lint_code == 1
    assert lint_out.startswith("specs/broken.icp.yaml:2:35: ICP020 [error]")


def test_validate_walks_a_folder_as_lint_does(specs: Path) -> None:
    code, out, err = run("validate", "specs", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert [(d["code"], d["file"], d["line"]) for d in data["diagnostics"]] == [
        ("ICP020", "specs/broken.icp.yaml", 2)
    ]
    assert data["summary"]["files"] == 1
    assert err == ""


def test_validate_finds_nothing_in_a_folder_without_specs(tmp_path: Path) -> None:
    code, out, err = run("validate", str(tmp_path))
    assert (code, out) == (0, "")
    assert "no spec files found" in err


def test_validate_github_and_sarif(specs: Path) -> None:
    code, out, _ = run("validate", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=specs/broken.icp.yaml,line=2,col=35,")
    assert "title=ICP020 " in out
    code, out, _ = run("validate", "--format", "sarif", "-o", "v.sarif")
    assert (code, out) == (1, "")
    sarif = json.loads((specs / "v.sarif").read_text(encoding="utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "ICP020"


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_paths_are_from_the_repository_root_when_run_in_a_subfolder(
    specs: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(specs / "specs")
    for command in ("lint", "validate"):
        extra = ("--select", "ICP502") if command == "lint" else ()
        code, out, _ = run(command, "..", "--format", fmt, *extra)
        assert code == 1, out
        if fmt == "github":
            assert "file=specs/broken.icp.yaml," in out
            assert ".." not in out
        else:
            sarif = json.loads(out)
            run0 = sarif["runs"][0]
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run0["results"]}
            assert uris == {"specs/broken.icp.yaml"}
            assert run0["originalUriBaseIds"]["%SRCROOT%"]["uri"] == specs.as_uri() + "/"


def test_paths_outside_any_repository_are_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.icp.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    _, out, _ = run("validate", "x.icp.yaml", "--format", "github")
    assert "file=x.icp.yaml," in out


def test_init_writes_todays_review_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init")[0] == 0
    text = (tmp_path / "icp.yaml").read_text(encoding="utf-8")
    assert f"reviewed: {dt.date.today().isoformat()}" in text
    stale = [d for d in lint("icp.yaml", today=dt.date.today() + dt.timedelta(days=60)) if d.code == "ICP201"]
    assert stale == []
    _, printed, _ = run("init", "-")
    assert printed == text
