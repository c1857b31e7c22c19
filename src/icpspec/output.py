"""Output files written atomically: a temporary file in the same folder, renamed into place.

The ground layer: every command and library function that writes a file uses
:func:`atomic_writer`, so the safety rules (what a target may be, what survives
an interrupted run) live in one place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_writer"]


@contextlib.contextmanager
def atomic_writer(path: Path, *, newline: str = "\n") -> Iterator[TextIO]:
    """A UTF-8 text file that appears at ``path`` whole, or not at all.

    Everything is written to a temporary file next to ``path``; it is renamed
    to ``path`` only when the block ends without an exception, and removed
    otherwise, so an interrupted or failed run leaves no half-written file.
    """
    directory = path.parent if str(path.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
        # mkstemp creates the file 0600; give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
