"""The repository's pre-commit hook, run by pre-commit itself (``pre-commit try-repo``).

Slow (pre-commit builds a virtualenv and installs icpspec into it), so it
runs only when ``ICPSPEC_TEST_PRECOMMIT=1``; ``.ci/run`` runs it once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(
        os.environ.get("ICPSPEC_TEST_PRECOMMIT") != "1" or shutil.which("pre-commit") is None,
        reason="set ICPSPEC_TEST_PRECOMMIT=1 with pre-commit installed (.ci/run does)",
    ),
]

BAD = """\
icpspec: 1
profiles:
  p:
    criteria:
      - {field: employees, between: [5, 50]}
    tiers: {A: 75, B: 50}
"""


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_runs_the_lint_hook_on_a_folder_of_specs(tmp_path: Path) -> None:
    repo = tmp_path / "specs-repo"
    (repo / "specs").mkdir(parents=True)
    shutil.copy(EXAMPLES / "acme.icp.yaml", repo / "specs" / "acme.icp.yaml")
    (repo / "specs" / "bad.icp.yaml").write_text(BAD, encoding="utf-8")
    (repo / "notes.yaml").write_text("not: a spec\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t"}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pre-commit", "try-repo", str(ROOT), "icpspec-lint", "--all-files", "--verbose"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )

    failing = try_repo()
    out = failing.stdout + failing.stderr
    assert failing.returncode == 1, out
    assert "specs/bad.icp.yaml:6:23: ICP502 [error]" in out
    assert "notes.yaml" not in out.split("icpspec lint", 1)[-1]

    (repo / "specs" / "bad.icp.yaml").unlink()
    _git(repo, "add", "-A")
    passing = try_repo()
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_the_recipe_config_pinned_to_a_commit_runs_both_hooks(tmp_path: Path) -> None:
    """docs/recipes.md's .pre-commit-config.yaml, its repo this clone and its rev this commit."""
    import re

    import yaml

    page = (ROOT / "docs" / "recipes.md").read_text(encoding="utf-8")
    block = re.search(r'^```yaml title="fragment: \.pre-commit-config\.yaml"\n(.*?)^```', page, re.M | re.S)
    assert block is not None
    config = yaml.safe_load(block[1])
    (repo_entry,) = config["repos"]
    assert repo_entry["repo"] == "https://github.com/icpspec/icpspec"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    repo_entry["repo"], repo_entry["rev"] = str(ROOT), head.stdout.strip()

    repo = tmp_path / "specs-repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs" / "bad.icp.yaml").write_text(BAD, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    run = subprocess.run(
        ["pre-commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert re.search(r"icpspec validate\.+Passed", out), out
    assert re.search(r"icpspec lint\.+Failed", out), out
    assert "specs/bad.icp.yaml:6:23: ICP502 [error]" in out
