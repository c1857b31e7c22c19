"""The hostile corpus (tests/hostile/), run through the real command line.

Each case in ``tests/hostile/cases.yaml`` names a file, the exit status and the
diagnostic it must produce. Every output, whatever the case, must also keep
the contract of RELIABILITY.md: one ``path:line:col: CODE message`` line per
problem, no traceback, no raw control character or terminal escape, no value
the user did not write, and no file or network access the input asked for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from icpspec.cli import cli

from .hostile.make_corpus import generated_cases

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
SUBPROCESS_CASES = [c for c in CASES if c.get("subprocess")]

# C0 controls but newline, DEL and the C1 controls (0x9b is CSI, an 8-bit ESC[), and the
# bidirectional overrides and isolates that reorder what a terminal shows.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SUMMARY = re.compile(
    r"^(\d+) files? checked: (\d+) valid(?:, (\d+) invalid)?(?:, (\d+) unreadable)?(?: \((\d+) problems?\))?$"
)


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-generated")
    for name, data in generated_cases().items():
        (folder / name).write_bytes(data)
    return folder


def case_path(case: dict[str, Any], generated_dir: Path) -> Path:
    return (generated_dir if case.get("generated") else HOSTILE) / case["file"]


# -- what the process may touch -------------------------------------------------------------------

_RECORDING: list[list[tuple[str, tuple[Any, ...]]]] = []
_WATCHED = ("socket.", "urllib.", "http.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "open")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING and event.startswith(_WATCHED):
        _RECORDING[-1].append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only records while asked to


@pytest.fixture
def audit() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    events: list[tuple[str, tuple[Any, ...]]] = []
    _RECORDING.append(events)
    try:
        yield events
    finally:
        _RECORDING.pop()


def assert_no_forbidden_access(events: list[tuple[str, tuple[Any, ...]]], spec_file: Path) -> None:
    for event, args in events:
        assert not event.startswith(("socket.", "urllib.", "http.")), f"network access: {event} {args!r}"
        assert not event.startswith(("subprocess.", "os.system", "os.exec", "os.posix_spawn")), (
            f"a process was started: {event} {args!r}"
        )
        if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            opened = os.fsdecode(args[0])
            assert "passwd" not in opened, f"opened {opened}"
            assert "evil" not in opened, f"opened {opened}"


# -- what every output must look like ---------------------------------------------------------------


def check_output(case: dict[str, Any], shown: str, exit_code: int, stdout: str, stderr: str) -> None:
    """The checks every case gets, for CliRunner and subprocess runs alike."""
    everything = stdout + stderr
    assert "Traceback" not in everything
    assert "internal error" not in everything
    raw = RAW_CONTROL.search(everything)
    assert raw is None, f"raw control character {raw.group()!r} in the output" if raw else ""
    for pattern in case.get("forbid", ()):
        assert re.search(pattern, everything) is None, f"the output shows {pattern!r}: {everything}"

    assert exit_code == case["exit"], everything
    line_re = re.compile(rf"^{re.escape(shown)}:(\d+):(\d+): (ICP\d{{3}}) (\S.*)$")
    lines = stdout.splitlines()
    parsed = []
    for line in lines:
        m = line_re.match(line)
        assert m, f"not a located diagnostic line: {line!r}"
        parsed.append(m)

    summary = [s for s in stderr.splitlines() if SUMMARY.match(s)]
    assert len(summary) == 1, stderr
    reported = int(SUMMARY.match(summary[0]).group(5) or 0)  # type: ignore[union-attr]
    assert reported == len(parsed), "one line per problem"

    code = case.get("code")
    if code is None:
        assert parsed == [], stdout
        return
    codes = code if isinstance(code, list) else [code]
    assert len(parsed) == case.get("count", 1), stdout
    assert {m.group(3) for m in parsed} <= set(codes), stdout
    first = parsed[0]
    assert first.group(3) == codes[0]
    if "message" in case:
        assert case["message"] in first.group(4), first.group(4)
    if "at" in case:
        assert f"{first.group(1)}:{first.group(2)}" == case["at"]
    for m in parsed:
        assert int(m.group(1)) >= 0
        assert int(m.group(2)) >= 0


# -- the corpus, through click's runner -----------------------------------------------------------------


def test_the_manifest_lists_every_file() -> None:
    listed = {c["file"] for c in CASES if not c.get("generated")}
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_file() and not p.name.startswith(".")}
    on_disk -= {"cases.yaml", "make_corpus.py"}
    assert listed == on_disk
    assert {c["file"] for c in CASES if c.get("generated")} == set(generated_cases())
    assert len(SUBPROCESS_CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_hostile_case(
    case: dict[str, Any],
    generated_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    audit: list[tuple[str, tuple[Any, ...]]],
) -> None:
    path = case_path(case, generated_dir)
    monkeypatch.chdir(tmp_path)  # where `touch hostile-pwned` would land
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    check_output(case, str(path), result.exit_code, result.stdout, result.stderr)
    assert_no_forbidden_access(audit, path)
    assert list(tmp_path.iterdir()) == []


def test_every_file_in_one_run(generated_dir: Path) -> None:
    """One bad file does not stop the others; the summary counts them all."""
    paths = [str(case_path(c, generated_dir)) for c in CASES]
    result = CliRunner().invoke(cli, ["validate", *paths], catch_exceptions=False)
    assert result.exit_code == 1
    valid = sum(1 for c in CASES if c["exit"] == 0)
    problems = sum(c.get("count", 1) for c in CASES if c["exit"] != 0)
    assert result.stderr.splitlines()[-1] == (
        f"{len(CASES)} files checked: {valid} valid, {len(CASES) - valid} invalid ({problems} problems)"
    )
    assert len(result.stdout.splitlines()) == problems
    assert RAW_CONTROL.search(result.stdout + result.stderr) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.icp.yaml", "no such file"), ("a-folder", "is a directory, not a spec file")],
)
def test_unreadable_path_exits_2(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    if name == "a-folder":
        path.mkdir()
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == f"{path}:0:0: ICP008 [error] {message} (unreadable-path)\n"
    assert result.stderr.endswith("1 file checked: 0 valid, 1 unreadable (1 problem)\n")


def test_an_unreadable_path_wins_over_an_invalid_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["validate", str(HOSTILE / "alias_bomb.yaml"), str(tmp_path / "missing.yaml")]
    )
    assert result.exit_code == 2


# -- a few as real processes: exit status, stderr and encoding as a shell sees them ------------------------


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=[c["file"] for c in SUBPROCESS_CASES])
def test_hostile_case_in_a_subprocess(case: dict[str, Any], generated_dir: Path, tmp_path: Path) -> None:
    path = case_path(case, generated_dir)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "icpspec", "validate", str(path)],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,  # a hang guard, not a timing assertion: the budget is measured by benchmarks/
        check=False,
    )
    stdout = proc.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    stderr = proc.stderr.decode("utf-8")
    check_output(case, str(path), proc.returncode, stdout, stderr)
    assert list(tmp_path.iterdir()) == []  # nothing ran `touch hostile-pwned`
