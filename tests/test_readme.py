"""The README's examples run: its Python blocks execute, its spec snippet loads."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

import icpspec

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    # Blocks may be indented under a list item: drop the common indent.
    out = []
    for indent, body in re.findall(rf"^( *)```{lang}\n(.*?)^\1```", README, flags=re.M | re.S):
        out.append("".join(line[len(indent) :] + "\n" for line in body.splitlines()))
    return out


@pytest.mark.parametrize("code", _blocks("python"))
def test_python_blocks_run(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "README.md", "exec"), {})


def test_the_spec_snippet_loads() -> None:
    (snippet,) = _blocks("yaml")
    spec = icpspec.loads(snippet)
    assert list(spec.profiles) == ["us-saas-growth"]


def test_quickstart_has_exactly_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = [
        line for block in re.findall(r"```sh\n(.*?)```", quickstart, re.S) for line in block.splitlines()
    ]
    assert commands == [
        "pip install . && icpspec validate examples/acme.icp.yaml",
        "pip install -e '.[test]' && pytest",
    ]
