"""What every command prints the same way: diagnostics, the exit codes, files written whole.

One function prints diagnostics for every command
(:func:`~icpspec.report.diagnostic_line`: ``path:line:col: CODE [severity]
message (name)``). Where a command's stdout is data (``match``, ``sql``) they
go to stderr; where the diagnostics are what the command reports
(``validate``; ``lint`` through its reporters) to stdout.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from icpspec.diagnostics import Diagnostic
from icpspec.output import atomic_writer

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "echo_diagnostics", "write_atomically"]

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


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    with atomic_writer(path) as fh:
        fh.write(text)
