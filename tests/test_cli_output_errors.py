"""Standard output that goes away or fills up: a quiet stop or one line, never an internal error.

``icpspec … | head -1`` closes the pipe early (exit status 141, as a shell
pipeline's SIGPIPE gives, and nothing on stderr); ``> /dev/full`` is a full
disk (one line, exit status 2). The full device is made with ``mknod`` in a
temporary folder, never the machine's own.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SPEC = HERE / "records_hostile" / "hostile.icp.yaml"
ENV = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
TITLES = b"VP of Sales\nHead of Marketing\n" * 20_000

COMMANDS: dict[str, tuple[list[str], bytes]] = {
    "title": (["title", "-"], TITLES),
    "title-json": (["title", "--format", "json", "-"], TITLES),
    "rules": (["rules"], b""),
    "rules-json": (["rules", "--format", "json"], b""),
    "validate": (["validate", *[str(HERE / "hostile" / "version_nul.yaml")] * 2000], b""),
    "schema": (["schema"], b""),
    "sql": (["sql", str(SPEC)], b""),
    "help": (["--help"], b""),
    "match-help": (["match", "--help"], b""),
}


def _run(args: list[str], stdin: bytes, stdout: int) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "icpspec", *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=ENV,
        timeout=60,
        check=False,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("name", COMMANDS)
def test_a_closed_pipe_stops_quietly(name: str) -> None:
    args, stdin = COMMANDS[name]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        code, err = _run(args, stdin, write)
    finally:
        os.close(write)
    assert code in (0, 1, 141), err
    lines = [line for line in err.splitlines() if not line.startswith("2000 files checked")]
    assert lines == [], err


@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_is_one_line(name: str, tmp_path: Path) -> None:
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("this process may not create device nodes")
    args, stdin = COMMANDS[name]
    with full.open("wb") as fh:
        code, err = _run(args, stdin, fh.fileno())
    assert code == 2, err
    assert "icpspec: cannot write the output: No space left on device" in err
    assert "Traceback" not in err
    assert "internal error" not in err
    assert "Exception ignored" not in err
