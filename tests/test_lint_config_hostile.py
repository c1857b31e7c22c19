"""Configuration and file names that ended in "internal error": each now one clear line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from icpspec.cli import cli

SPEC = (Path(__file__).resolve().parent / "records_hostile" / "hostile.icp.yaml").read_bytes()


def lint(folder: Path, *args: str) -> tuple[int, str, bytes]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["lint", *args])
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "internal error" not in result.stderr
    return result.exit_code, result.stderr, result.stdout_bytes


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('exclude = ["!"]', "exclude: '!' is not a valid glob"),
        (
            '[tool.icpspec.per-file-ignores]\n"[z-a]" = ["ICP100"]',
            "per-file-ignores: '[z-a]' is not a valid glob",
        ),
        (
            "[tool.icpspec.too-broad]\nmax-vocabulary-share = nan",
            "max-vocabulary-share must be a finite number",
        ),
        ("[tool.icpspec.too-broad]\nmax-range-ratio = inf", "max-range-ratio must be a finite number"),
        ("exclude = " + "[" * 5000 + "]" * 5000, "not valid TOML: nested too deeply"),
    ],
)
def test_a_bad_config_is_one_line(config: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.icpspec]\n{config}\n", encoding="utf-8")
    (tmp_path / "a.icp.yaml").write_bytes(SPEC)
    code, err, _ = lint(tmp_path, "a.icp.yaml")
    assert code == 2
    assert message in err, err
    assert len(err.strip().splitlines()) == 1, err


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names must be UTF-8")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8_is_written_as_utf8(fmt: str, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/s\xff.icp.yaml"
    with open(raw, "wb") as fh:  # noqa: PTH123 - a bytes path
        fh.write(SPEC)
    code, _, out = lint(tmp_path, "--format", fmt, os.fsdecode(raw))
    assert code in (0, 1)
    text = out.decode("utf-8")  # strict
    if fmt in ("json", "sarif"):
        json.loads(text)
    assert "xff.icp.yaml" in text
