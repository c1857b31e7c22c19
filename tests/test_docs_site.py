"""The documentation site: pages agree with what ships, the generated references are complete.

``.ci/run`` builds the site with ``mkdocs build --strict``; these tests check
what that build cannot: that no page calls a shipped feature missing, that
the generated CLI and API references cover every command and public name,
and that the changelog, the extras and the version policy hold together.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import click
import pytest
import yaml
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli

from .conftest import ROOT, load_script
from .test_docs import GENERATED

DOCS = ROOT / "docs"


def _hooks() -> ModuleType:
    return load_script(DOCS / "hooks" / "reference.py", "docs_reference_hook")


# Sentences that were true once and are not any more: each names a feature that ships.
STALE = [
    ("docs/index.md", "Still to come, and not part of icpspec yet"),
    ("docs/spec-format.md", "is not part of icpspec yet"),
    ("README.md", "Next: scoring DataFrames and warehouse tables"),
    ("docs/lint.md", "pip install icpspec\n"),
    ("docs/lint.md", "rev: v0.1.0"),
]


@pytest.mark.parametrize(("page", "sentence"), STALE, ids=[f"{p}:{s[:30]}" for p, s in STALE])
def test_no_page_calls_a_shipped_feature_missing(page: str, sentence: str) -> None:
    assert sentence not in (ROOT / page).read_text(encoding="utf-8")


def test_cli_reference_has_every_command_and_option() -> None:
    page = _hooks().cli_reference()
    for name, command in cli.commands.items():
        section = page.split(f"## icpspec {name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"Usage: icpspec {name}" in section
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.opts[-1] in section, f"{name}: {param.opts}"
        assert "-h, --help" in section  # as `icpspec NAME -h` says


def test_building_the_reference_leaves_the_commands_help_as_it_was() -> None:
    """The reference was built with contexts that lacked the group's -h, and click keeps the help
    option of the first context that asks: afterwards `icpspec --help` no longer listed -h (and
    tests/test_docs.py's cli.md failed when run after this file)."""
    _hooks().cli_reference()
    result = CliRunner().invoke(cli, ["--help"])
    assert "-h, --help" in result.stdout
    assert CliRunner().invoke(cli, ["-h"]).exit_code == 0


def test_api_reference_has_every_public_name_from_a_module_that_defines_it() -> None:
    page = _hooks().api_reference()
    targets = dict(re.findall(r"^## `icpspec\.(\w+)`\n\n::: ([\w.]+)$", page, flags=re.M))
    assert set(targets) == {n for n in icpspec.__all__ if not n.startswith("_")}
    for name, target in targets.items():
        module, _, attr = target.rpartition(".")
        if name == "lint":  # the callable package
            assert target == "icpspec.lint"
            continue
        assert getattr(importlib.import_module(module), attr) is getattr(icpspec, name), target


def test_mkdocs_nav_lists_the_generated_pages() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [next(iter(item.values())) for item in config["nav"]]
    generated = set(_hooks().GENERATORS)
    assert generated == GENERATED
    assert generated <= set(nav)
    assert not any((DOCS / page).exists() for page in generated), "a generated page would be shadowed"


def test_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, flags=re.M)
    assert headings[0] == "Unreleased"
    assert icpspec.__version__ in headings
    for heading in headings:  # every version heading has its link
        assert re.search(rf"^\[{re.escape(heading)}\]: https://", text, flags=re.M), heading
    sections = set(re.findall(r"^### (\w+)$", text, flags=re.M))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    assert _hooks().changelog().startswith("# Changelog")


def test_all_extra_installs_every_optional_engine() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    engines = set(extras) - {"all", "test", "dev", "docs", "bench"}  # bench: the benchmarks' peers, no engine
    (line,) = extras["all"]
    named = set(re.fullmatch(r"icpspec\[([\w,]+)\]", line)[1].split(","))  # type: ignore[index]
    assert named == engines


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="the docs extra is not installed")
def test_site_builds_strict(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    assert mkdocs is not None
    run = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(Path(sys.executable).parent), "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    cli_page = (tmp_path / "site" / "cli-reference" / "index.html").read_text(encoding="utf-8")
    assert "Usage: icpspec validate" in cli_page
    api_page = (tmp_path / "site" / "api-reference" / "index.html").read_text(encoding="utf-8")
    assert "Compile a profile" in api_page or "class" in api_page
