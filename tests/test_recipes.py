"""The recipes of docs/recipes.md, and the GitHub Action, work as written.

Fast checks run everywhere: the workflow recipe uses only inputs the action
has, the action's one step runs ``action/run.sh``, and the script builds the
command line the docs promise. Installing for real (the action into a fresh
virtual environment, pip from a ``git+`` URL, pre-commit from a config pinned
to a commit) is slow, so it runs when ``ICPSPEC_TEST_RECIPES=1`` (.ci/run sets it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from .conftest import EXAMPLES, ROOT

RECIPES = ROOT / "docs" / "recipes.md"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SCRIPT = ROOT / "action" / "run.sh"
slow = pytest.mark.skipif(
    os.environ.get("ICPSPEC_TEST_RECIPES") != "1", reason="installs for real; set ICPSPEC_TEST_RECIPES=1"
)

BAD = """\
icpspec: 1
profiles:
  p:
    criteria:
      - {field: employees, between: [5, 50]}
    tiers: {A: 75, B: 50}
"""


def _block(title: str) -> str:
    text = RECIPES.read_text(encoding="utf-8")
    m = re.search(rf'^```yaml title="{re.escape(title)}"\n(.*?)^```', text, flags=re.M | re.S)
    assert m, title
    return m[1]


def test_workflow_recipe_uses_the_action_with_inputs_it_has() -> None:
    workflow = yaml.safe_load(_block("fragment: .github/workflows/icp.yml"))
    steps = workflow["jobs"]["lint"]["steps"]
    (ours,) = [s for s in steps if s.get("uses", "").startswith("icpspec/icpspec@")]
    assert set(ours["with"]) <= set(ACTION["inputs"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == ours["with"]["output-file"]
    assert ours["with"]["format"] == "sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_the_inputs_table_is_the_actions_inputs() -> None:
    text = RECIPES.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w-]+)` \|\s*([^|]*?)\s*\|", text, flags=re.M))
    assert set(rows) == set(ACTION["inputs"])
    for name, spec in ACTION["inputs"].items():
        if spec["default"]:
            assert rows[name] == f"`{spec['default']}`", name


def test_every_action_step_is_the_script_with_every_input() -> None:
    (step,) = ACTION["runs"]["steps"]
    assert step["run"] == 'bash "$GITHUB_ACTION_PATH/action/run.sh"'
    expected = {f"INPUT_{n.upper().replace('-', '_')}": f"${{{{ inputs.{n} }}}}" for n in ACTION["inputs"]}
    assert step["env"] == expected


def _fake_venv(tmp_path: Path) -> Path:
    """A 'virtual environment' whose icpspec runs this checkout's source with this interpreter."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    shim = bin_dir / "icpspec"
    shim.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" -m icpspec "$@"\n', encoding="utf-8"
    )
    shim.chmod(0o755)
    return tmp_path / "venv"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    shutil.copy(EXAMPLES / "acme.icp.yaml", repo / "specs" / "acme.icp.yaml")
    (repo / "specs" / "bad.icp.yaml").write_text(BAD, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _action(repo: Path, venv_dir: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INPUT_")}
    env |= {f"INPUT_{k.upper()}": v for k, v in inputs.items()}
    env["ICPSPEC_ACTION_VENV"] = str(venv_dir)
    return subprocess.run(
        ["bash", str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=900
    )


def test_action_script_runs_lint_with_the_inputs(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    run = _action(
        repo, _fake_venv(tmp_path), paths="specs", format="github", args="--today 2026-11-01 --select ICP502"
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("::error file=specs/bad.icp.yaml,line=6,col=23"), run.stdout


def test_action_script_refuses_an_unknown_command(tmp_path: Path) -> None:
    run = _action(tmp_path, _fake_venv(tmp_path), command="match")
    assert run.returncode == 2
    assert run.stderr == "icpspec action: command must be lint or validate, not 'match'\n"


def test_action_script_validates_to_a_sarif_file(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "specs" / "broken.icp.yaml").write_text("icpspec: 1\nprofiles: 3\n", encoding="utf-8")
    run = _action(
        repo,
        _fake_venv(tmp_path),
        command="validate",
        paths="specs",
        format="sarif",
        **{"output_file": "v.sarif"},
    )
    assert run.returncode == 1, run.stderr
    sarif = json.loads((repo / "v.sarif").read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    }
    assert uris == {"specs/broken.icp.yaml"}


def _head() -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


@slow
def test_action_installs_from_its_own_checkout_and_writes_sarif(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    run = _action(repo, tmp_path / "action-venv", paths=".", format="sarif", output_file="icpspec.sarif")
    assert run.returncode == 1, run.stderr
    assert (tmp_path / "action-venv" / "bin" / "icpspec").exists()
    results = json.loads((repo / "icpspec.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "specs/bad.icp.yaml"
    }


@slow
def test_pip_installs_from_a_git_url_pinned_to_a_commit(tmp_path: Path) -> None:
    venv.create(tmp_path / "v", with_pip=True)
    py = tmp_path / "v" / "bin" / "python"
    # The recipe's form, 'icpspec @ git+URL@COMMIT', with this clone as the URL. A file URL
    # names its host: the pip that venv bundles refuses an empty one in a 'name @ URL' requirement.
    url = f"icpspec @ git+file://localhost{ROOT}@{_head()}"
    subprocess.run([py, "-m", "pip", "install", "--quiet", url], check=True, timeout=900)
    out = subprocess.run(
        [tmp_path / "v" / "bin" / "icpspec", "validate", str(EXAMPLES / "acme.icp.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
