"""What every command prints the same way: diagnostics, the exit codes, files written whole.

One function prints diagnostics for every command
(:func:`~icpspec.report.diagnostic_line`: ``path:line:col: CODE [severity]
message (name)``). Where a command's stdout is data (``match``, ``sql``) they
go to stderr; where the diagnostics are what the command reports
(``validate``; ``lint`` through its reporters) to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import NoReturn

import click

from icpspec.diagnostics import Diagnostic, escape
from icpspec.output import atomic_writer, check_writable

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "cannot_write",
    "echo_diagnostics",
    "output_path",
    "write_atomically",
    "write_output",
]

#: The exit codes of every command (docs/cli.md, "Exit codes"): nothing found, findings (or
#: skipped records), and a usage error, a bad configuration, an unreadable path or input.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def echo_diagnostics(diagnostics: Iterable[Diagnostic], *, err: bool) -> int:
    """Print one line per diagnostic (to stderr with ``err``); how many were printed."""
    from icpspec.report import diagnostic_line

    n = 0
    for d in diagnostics:
        click.echo(diagnostic_line(d), err=err)
        n += 1
    return n


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    with atomic_writer(path) as fh:
        fh.write(text)


def cannot_write(prefix: str, path: str, exc: OSError) -> NoReturn:
    """``PREFIX: cannot write PATH: reason`` on stderr, and exit 2."""
    click.echo(f"{prefix}: cannot write {escape(path, limit=1000)}: {exc.strerror or exc}", err=True)
    sys.exit(EXIT_USAGE)


def output_path(path: str | None, prefix: str) -> str | None:
    """``-o PATH`` checked before the work (``None`` for standard output, ``-`` included), so a
    command that works for minutes fails at once on a folder that is not there; exit 2 if it
    cannot be written."""
    if path is None or path == "-":
        return None
    try:
        check_writable(path)
    except OSError as exc:
        cannot_write(prefix, path, exc)
    return path


def write_output(path: str | None, text: str, prefix: str) -> None:
    """``text`` to standard output, or whole to ``path`` (exit 2 if it cannot be written)."""
    if path is None:
        click.echo(text, nl=False)
        return
    try:
        with atomic_writer(path) as fh:
            fh.write(text)
    except OSError as exc:
        cannot_write(prefix, path, exc)
