"""The hostile corpus through ``icpspec lint``: the loading codes, in every format, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from icpspec.cli import cli

from .test_hostile import CASES, RAW_CONTROL, case_path, generated_dir  # noqa: F401  (a fixture)


def _lint(fmt: str, *paths: str) -> Any:
    return CliRunner().invoke(
        cli, ["lint", "--isolated", "--today", "2026-11-01", "--format", fmt, *paths], catch_exceptions=False
    )


def test_every_hostile_file_in_one_lint_run(generated_dir: Path) -> None:  # noqa: F811
    paths = [str(case_path(c, generated_dir)) for c in CASES]
    result = _lint("json", *paths)
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["summary"]["files"] == len(CASES)
    by_file: dict[str, set[str]] = {}
    for d in out["diagnostics"]:
        by_file.setdefault(d["file"], set()).add(d["code"])
    for case, path in zip(CASES, paths, strict=True):
        load_codes = {c for c in by_file.get(path, set()) if c < "ICP100"}
        if case["exit"] == 0:
            assert not load_codes, (case["file"], load_codes)
        else:
            want = case["code"] if isinstance(case["code"], list) else [case["code"]]
            assert load_codes == set(want), (case["file"], by_file.get(path))


@pytest.mark.parametrize("fmt", ["text", "github", "sarif"])
def test_no_raw_control_characters_in_any_format(generated_dir: Path, fmt: str) -> None:  # noqa: F811
    paths = [str(case_path(c, generated_dir)) for c in CASES]
    result = _lint(fmt, *paths)
    assert result.exit_code == 1
    text = result.stdout
    if fmt == "sarif":
        json.loads(text)
    else:
        assert RAW_CONTROL.search(text) is None
    if fmt == "github":
        assert all(re.match(r"::(error|warning|notice) file=", line) for line in text.splitlines())
