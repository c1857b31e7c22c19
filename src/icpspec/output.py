"""Output files written safely: whole or not at all, and never onto something that is not a file.

The ground layer: every command and library function that writes a file uses
:func:`atomic_writer`, so the rules for what a target may be, and what
survives an interrupted run, live in one place:

- a new or existing **regular file** is written to a temporary file in the
  same folder and renamed into place when the block ends without an error;
  an existing file keeps its permission bits (a ``0600`` export stays
  private) and, where the process may set it, its owner;
- a **symbolic link** is followed: the file it points to is replaced, the
  link stays a link;
- a **character device** (``/dev/null``, a terminal) or a **FIFO** is written
  through, as a shell's ``>`` does: there is no file to rename onto it, and
  replacing it would destroy it;
- a **directory**, **block device** or **socket** is refused;
- an interrupted run leaves the target untouched and no temporary file: an
  exception, Ctrl-C (``SIGINT``), and ``SIGTERM``, ``SIGHUP`` or ``SIGQUIT``
  (the temporary file is removed, then the process ends by that signal).

Every refusal is an :class:`OutputError`, an :class:`OSError` whose
``strerror`` is one plain sentence.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TextIO

__all__ = ["OutputError", "atomic_writer", "check_writable"]

# Signals whose default action ends the process without Python seeing them.
_CLEANED_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


class OutputError(OSError):
    """An output path icpspec will not write to, with the reason in ``strerror``.

    >>> str(OutputError(errno.EISDIR, "a directory, not a file", "out"))
    "[Errno 21] a directory, not a file: 'out'"
    """


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, newline: str = "\n") -> Iterator[TextIO]:
    """A UTF-8 text stream onto ``path`` that appears whole, or not at all.

    See the module documentation for what each kind of target gets.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_writer(out) as fh:
    ...     _ = fh.write("hello\\n")
    >>> out.read_text()
    'hello\\n'

    Raises:
        OutputError: the path is empty, or names a directory, a block device,
            a socket or a file the process may not write.
        OSError: the folder cannot be written, the disk is full, and so on.
    """
    name = os.fspath(path)
    if not name:
        raise OutputError(errno.ENOENT, "an empty path is no file name", name)
    # realpath follows every link in the chain; a dangling link names the file to create.
    target = Path(os.path.realpath(name))
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        with target.open("w", encoding="utf-8", newline=newline) as through:
            yield through
        return
    if st is not None:
        _check_regular(name, target, st)
    tmp: Path | None = None
    stream: TextIO | None = None
    try:
        # No signal between making the file and holding it open and registered for removal:
        # Ctrl-C (or SIGTERM) waits until then, and lands in this try.
        with _signals_blocked():
            fd, name_of_tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            tmp = Path(name_of_tmp)
            _register(tmp)
            try:
                stream = os.fdopen(fd, "w", encoding="utf-8", newline=newline)
            except BaseException:
                os.close(fd)
                raise
        with stream as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _take_over(tmp, st)
        tmp.replace(target)
    except BaseException:
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()  # no-op when the block closed it
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        if tmp is not None:
            _unregister(tmp)


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise what :func:`atomic_writer` would for ``path`` before it writes anything, and
    :class:`OutputError` when the folder it goes in is not there or cannot be written: a
    command that works for minutes checks its output first. Nothing is created.

    >>> check_writable("no/such/folder/out.yaml")
    Traceback (most recent call last):
    ...
    icpspec.output.OutputError: [Errno 2] No such file or directory: 'no/such/folder/out.yaml'
    """
    name = os.fspath(path)
    if not name:
        raise OutputError(errno.ENOENT, "an empty path is no file name", name)
    target = Path(os.path.realpath(name))
    try:
        st = target.stat()
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            return
        _check_regular(name, target, st)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(errno.ENOENT, "No such file or directory", name)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(errno.EACCES, f"the folder {folder} cannot be written", name)


def _check_regular(name: str, target: Path, st: os.stat_result) -> None:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise OutputError(errno.EISDIR, "a directory, not a file", name)
    if not stat.S_ISREG(mode):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise OutputError(
            errno.EINVAL,
            f"{kind}; icpspec writes only files, character devices and FIFOs",
            name,
        )
    if not os.access(target, os.W_OK):
        # A rename would replace a file the user protected from writing.
        raise OutputError(errno.EACCES, "the file is read-only", name)


def _take_over(tmp: Path, st: os.stat_result | None) -> None:
    """Give the temporary file the mode (and owner) the target has, or a new file would get."""
    if st is None:
        # mkstemp creates the file 0600; give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        return
    tmp.chmod(stat.S_IMODE(st.st_mode))
    mine = tmp.stat()
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        # Only root may give a file away; anyone else keeps the file as theirs.
        with contextlib.suppress(PermissionError):
            os.chown(tmp, st.st_uid, st.st_gid)


# The temporary files of the writers open now, for the signal handler. Module state,
# because a signal handler is process-wide; it holds entries only while a block runs.
_PENDING: set[Path] = set()
_INSTALLED: set[int] = set()


#: What is blocked while a temporary file is made: Ctrl-C and the signals cleaned up after.
_BLOCKED = {signal.SIGINT, *_CLEANED_SIGNALS}


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold Ctrl-C and the cleaned signals until the block ends (they are delivered then).

    Python runs signal handlers in the main thread only; elsewhere, and where
    the platform has no ``pthread_sigmask``, nothing is held.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _register(tmp: Path) -> None:
    """Remove ``tmp`` if SIGTERM, SIGHUP or SIGQUIT ends the process before :func:`_unregister`.

    Only signals left at their default action are caught (an ignored signal
    stays ignored, an application's own handler stays in charge), and only in
    the main thread, the one Python delivers signals to.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if not _PENDING:
        for signum in _CLEANED_SIGNALS:
            if signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, _on_signal)
                _INSTALLED.add(signum)
    _PENDING.add(tmp)


def _unregister(tmp: Path) -> None:
    """``tmp`` is renamed or removed: forget it, and restore the default actions when none is left."""
    if threading.current_thread() is not threading.main_thread():
        return
    _PENDING.discard(tmp)
    if not _PENDING:
        for signum in _INSTALLED:
            if signal.getsignal(signum) is _on_signal:
                signal.signal(signum, signal.SIG_DFL)
        _INSTALLED.clear()


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    for tmp in list(_PENDING):
        with contextlib.suppress(OSError):
            tmp.unlink()
    _PENDING.clear()
    # End the process as the signal would have, so the parent sees the real cause.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
