"""What ``-o PATH`` may do to the thing at PATH, for every command that writes a file.

Devices are made with ``mknod`` in a temporary folder (never the machine's
own ``/dev/null``); the tests that need one are skipped where the process may
not create device nodes.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from icpspec.cli import cli
from icpspec.output import OutputError, atomic_writer

HERE = Path(__file__).resolve().parent
SPEC = HERE / "records_hostile" / "hostile.icp.yaml"
RECORDS = HERE / "records_hostile" / "crlf.csv"
SRC = HERE.parent / "src"
SALVIRT = HERE.parent / "examples" / "salvirt" / "salvirt_b2b_sales.csv"
SALVIRT_SPEC = HERE.parent / "examples" / "salvirt" / "salvirt.icp.yaml"

# Every command that writes a file, as the arguments that write it to `out`.
WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "match": lambda out: ["match", str(SPEC), str(RECORDS), "-o", str(out)],
    "lint": lambda out: ["lint", str(SPEC), "-o", str(out)],
    "sql": lambda out: ["sql", str(SPEC), "-o", str(out)],
    "init": lambda out: ["init", str(out), "--force"],
    "evaluate": lambda out: [
        "evaluate",
        str(SALVIRT_SPEC),
        str(SALVIRT),
        "--outcome",
        "Status",
        "-o",
        str(out),
    ],
    "suggest": lambda out: ["suggest", str(SALVIRT), "--outcome", "Status", "-o", str(out)],
    "diff": lambda out: ["diff", str(SALVIRT_SPEC), str(SPEC), "-o", str(out)],
}


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "internal error" not in result.stderr
    return result.exit_code, result.stderr


def open_files() -> int:
    """How many file descriptors this process holds (Linux)."""
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def make_device(path: Path, major: int, minor: int) -> Path:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("this process may not create device nodes")
    return path


@pytest.mark.parametrize("command", WRITERS)
def test_a_new_file_is_written_whole(command: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    code, err = run(WRITERS[command](out))
    assert code in (0, 1), err
    assert out.stat().st_size > 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_private_file_stays_private(command: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o600)
    code, err = run(WRITERS[command](out))
    assert code in (0, 1), err
    assert out.read_text() != "old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", WRITERS)
def test_a_character_device_stays_a_device(command: str, tmp_path: Path) -> None:
    null = make_device(tmp_path / "null", 1, 3)
    code, err = run(WRITERS[command](null))
    assert code in (0, 1), err
    assert stat.S_ISCHR(null.stat().st_mode)
    assert null.stat().st_rdev == os.makedev(1, 3)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_full_disk_is_a_clear_error(command: str, tmp_path: Path) -> None:
    full = make_device(tmp_path / "full", 1, 7)
    code, err = run(WRITERS[command](full))
    assert code == 2
    assert err.strip().endswith(f": cannot write {full}: No space left on device"), err
    assert err.strip().splitlines()[-1].startswith(("icpspec: ", f"icpspec {command}: ")), err
    assert stat.S_ISCHR(full.stat().st_mode)


@pytest.mark.parametrize("command", ["match", "lint", "sql"])
def test_a_full_disk_while_renaming_leaves_the_old_file(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    code, err = run(WRITERS[command](out))
    assert code == 2
    assert "No space left on device" in err
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_fifo_is_written_through(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, err = run(WRITERS[command](fifo))
    reader.join(timeout=10)
    assert not reader.is_alive(), "the reader of the FIFO still waits"
    assert code in (0, 1), err
    assert received
    assert received[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_symlink_is_followed(command: str, tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.txt"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(Path("data") / "real.txt")
    code, err = run(WRITERS[command](link))
    assert code in (0, 1), err
    assert link.is_symlink()
    assert real.read_text() != "old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == leftovers(real.parent) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_dangling_symlink_creates_its_target(command: str, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("new.txt")
    code, err = run(WRITERS[command](link))
    assert code in (0, 1), err
    assert link.is_symlink()
    assert (tmp_path / "new.txt").stat().st_size > 0


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize(
    ("target", "message"),
    [("", "an empty path is no file name"), (".", "a directory, not a file")],
)
def test_what_is_no_file_is_refused(command: str, target: str, message: str, tmp_path: Path) -> None:
    args = WRITERS[command](tmp_path / "x")
    args[args.index(str(tmp_path / "x"))] = target if target == "" else str(tmp_path)
    code, err = run(args)
    assert code == 2
    assert message in err, err
    assert len(err.strip().splitlines()) == 1 or command == "match", err


@pytest.mark.parametrize("command", WRITERS)
def test_a_missing_folder_is_a_clear_error(command: str, tmp_path: Path) -> None:
    """Found: `suggest -o nodir/x.yaml` ran the whole search, then failed with an internal
    error (FileNotFoundError); now every writer says so in one line, before any work."""
    out = tmp_path / "nodir" / "x.out"
    code, err = run(WRITERS[command](out))
    assert code == 2
    assert "No such file or directory" in err, err
    assert not (tmp_path / "nodir").exists()


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write any file")
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"), atomic_writer(out):
        pass
    assert out.read_text() == "old"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(OutputError, match="a socket"), atomic_writer(path):
            pass
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_an_exception_in_the_block_leaves_the_target(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")

    def fail_half_way() -> None:
        with atomic_writer(out) as fh:
            fh.write("half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


# -- signals ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
@pytest.mark.parametrize("when", ["made", "registered", "opened"])
def test_an_interrupt_right_after_the_temporary_file_is_made_removes_it(
    when: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found (test_a_signal_mid_run_removes_the_temporary_file[SIGINT] failed once under load):
    Ctrl-C between mkstemp and the block that removes the file left the file behind."""
    import tempfile

    import icpspec.output

    out = tmp_path / "out.txt"
    out.write_text("old")
    real_mkstemp, real_path, real_fdopen = tempfile.mkstemp, icpspec.output.Path, os.fdopen

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        if when == "made":
            signal.pthread_kill(
                threading.main_thread().ident or 0, signal.SIGINT
            )  # delivered at once unless blocked
        return made  # type: ignore[no-any-return]

    def fdopen(*args: Any, **kwargs: Any) -> Any:
        opened = real_fdopen(*args, **kwargs)
        if when == "opened":
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
        return opened

    def path(*args: str) -> Path:
        if when == "registered" and args and args[0].endswith(".tmp"):
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
        return real_path(*args)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(icpspec.output, "Path", path)
    monkeypatch.setattr(icpspec.output.os, "fdopen", fdopen)
    fds = open_files()
    with pytest.raises(KeyboardInterrupt) as raised, atomic_writer(out) as fh:
        fh.write("new")
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []
    # The traceback keeps the writer's frame alive: a stream it left open would still hold its
    # file (found: ResourceWarning for an unclosed file, when Ctrl-C landed after fdopen).
    assert raised.traceback
    assert open_files() == fds


@pytest.fixture(scope="module")
def big_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.csv"
    row = "Acme {i},{i},US,hubspot\n"
    with path.open("w") as fh:
        fh.write("Company,Employees,Country,Technologies\n")
        fh.writelines(row.format(i=i) for i in range(400_000))
    return path


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGINT])
def test_a_signal_mid_run_removes_the_temporary_file(signum: int, big_records: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old")
    proc = subprocess.Popen(
        [sys.executable, "-m", "icpspec", "match", str(SPEC), str(big_records), "-o", str(out)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not leftovers(tmp_path):
            assert proc.poll() is None, "the run ended before the test could signal it"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.communicate()
    assert b"Traceback" not in err
    assert leftovers(tmp_path) == []
    assert out.read_text() == "old"
    assert proc.returncode == (130 if signum == signal.SIGINT else -signum), err


@pytest.mark.parametrize("command", [c for c in WRITERS if c != "init"])
def test_a_dash_is_standard_output(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found (review of f717fb5): `-o -` wrote a file named '-' from diff, suggest, evaluate and
    lint, where match and sql write to standard output."""
    monkeypatch.chdir(tmp_path)
    args = WRITERS[command](tmp_path / "x")
    args[args.index(str(tmp_path / "x"))] = "-"
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.strip()
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_a_file_name_that_is_no_utf8_is_written_escaped(fmt: str, tmp_path: Path) -> None:
    """Found (review of f717fb5): a spec or records file whose name holds a byte that is no
    UTF-8 ('old\\xff.yaml') was an internal error (UnicodeEncodeError) from `diff -o` and from
    `suggest`, which wrote the name into the spec and hashed it. The byte is shown as '\\xff'."""
    import os

    old = tmp_path / os.fsdecode(b"old\xff.icp.yaml")
    shutil.copy(SALVIRT_SPEC, old)
    out = tmp_path / "d.out"
    code, err = run(["diff", str(old), str(SALVIRT_SPEC), "--format", fmt, "-o", str(out)])
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    shown = json.loads(text)["old"]["name"] if fmt == "json" else text
    assert "old\\xff.icp.yaml" in shown
    assert "old\\\\xff" not in shown  # no doubled backslash (a Markdown code span shows it as typed)
    records = tmp_path / os.fsdecode(b"d\xff.csv")
    shutil.copy(SALVIRT, records)
    spec = tmp_path / "s.icp.yaml"
    code, err = run(["suggest", str(records), "--outcome", "Status", "-o", str(spec)])
    assert code == 0, err
    assert "d\\xff.csv" in spec.read_text(encoding="utf-8")


def test_evaluate_html_and_duckdb_with_a_file_name_that_is_no_utf8(tmp_path: Path) -> None:
    """Found (review of e35d866): `evaluate --html` of records whose file name holds a byte that
    is no UTF-8 was an internal error (UnicodeEncodeError), and so was `--engine duckdb`
    (DuckDB cannot encode the path)."""
    import os

    records = tmp_path / os.fsdecode(b"d\xff.csv")
    shutil.copy(SALVIRT, records)
    html = tmp_path / "r.html"
    code, err = run(["evaluate", str(SALVIRT_SPEC), str(records), "--outcome", "Status", "--html", str(html)])
    assert code == 0, err
    assert "d\\xff.csv" in html.read_text(encoding="utf-8")
    for command in (
        ["evaluate", str(SALVIRT_SPEC), str(records), "--outcome", "Status"],
        ["match", str(SALVIRT_SPEC), str(records)],
    ):
        code, err = run([*command, "--engine", "duckdb"])
        assert code == 2
        assert "a file name that is no UTF-8, which DuckDB cannot open" in err, err
