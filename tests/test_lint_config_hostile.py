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


# -- the pre-commit budget -------------------------------------------------------------------------------


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
seconds = time.perf_counter() - start
sys.stdout.write(proc.stdout + proc.stderr)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"{proc.returncode} {seconds} {peak}")
"""


def _budget_run(path: Path, *args: str) -> tuple[int, str, float, int]:
    """Exit status, output, seconds and peak memory (KiB) of ``icpspec lint``, measured alone.

    A fresh process runs it, so that the peak is of that one child, not of every
    process the test session started before.
    """
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "icpspec", "lint", *args, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
        timeout=60,
        check=False,
    )
    code, seconds, peak_kb = proc.stderr.split()
    return int(code), proc.stdout, float(seconds), int(peak_kb)


def _pattern_spec(tmp_path: Path, length: int, first: str = "") -> Path:
    """A spec whose pattern costs RE2 8,612 units a character, and 8 examples of ``length`` characters."""
    examples = "\n".join(f"      - record: {{name: '{'x' * length}'}}\n        tier: A" for _ in range(8))
    path = tmp_path / "re.icp.yaml"
    path.write_text(
        "icpspec: 1\nprofiles:\n  p:\n    criteria:\n"
        "      - {id: n, field: name, matches: '(.{0,50}){0,19}Q'}\n"
        f"    tiers: {{A: 100}}\n    examples:\n{first}{examples}\n",
        encoding="utf-8",
    )
    return path


def test_patterns_over_long_example_values_stay_within_the_budget(tmp_path: Path) -> None:
    code, out, seconds, peak_kb = _budget_run(_pattern_spec(tmp_path, 10_000))
    assert code == 1
    assert "ICP504 [error] golden example #1 of profile 'p' not run: its matches patterns over its" in out
    assert seconds < 6  # 2 s on an idle 2-core machine; the tests share it
    assert peak_kb < 200 * 1024


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_findings_per_file_are_capped(fmt: str, tmp_path: Path) -> None:
    body = "icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {field: country, in: [US]}\n"
    noqa = "# icpspec: noqa: " + ", ".join(f"ICP{n}" for n in range(100, 400)) + "\n"
    path = tmp_path / "noqa.icp.yaml"
    path.write_text(body + noqa * ((1024 * 1024 - len(body)) // len(noqa)), encoding="utf-8")
    code, out, seconds, peak_kb = _budget_run(path, "--format", fmt)
    assert code == 1
    assert "stopped after 1,000 findings in this file; fix these first" in out
    assert len(out) < 2_000_000
    assert seconds < 6
    assert peak_kb < 200 * 1024


def test_over_the_budget_only_the_costly_examples_are_skipped(tmp_path: Path) -> None:
    """One costly example made lint skip every golden example of the spec: a cheap example that
    no longer holds went unreported. Only the examples the budget cannot pay for are skipped."""
    cheap = "      - name: cheap\n        record: {name: 'Q'}\n        status: disqualified\n"
    code, out, _, _ = _budget_run(_pattern_spec(tmp_path, 2_500, cheap))
    assert code == 1
    assert "golden example 'cheap' of profile 'p' expects disqualified, gets tier 'A'" in out
    skipped = [line for line in out.splitlines() if "not run" in line]
    assert 0 < len(skipped) < 8  # what the budget could pay for ran
    assert all("golden example #" in line for line in skipped)
