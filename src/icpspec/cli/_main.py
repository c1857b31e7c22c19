"""The ``icpspec`` command line: parses arguments and calls plain functions."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sys
import traceback
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import NoReturn

import click

from icpspec import __version__
from icpspec.diagnostics import Code, Diagnostic, SpecError, escape

from ._diff import diff
from ._evaluate import evaluate
from ._lint import FORMATS, NO_SPECS, Configs, emit, lint, rule, rules, spec_paths
from ._match import match
from ._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, write_atomically
from ._sql import sql
from ._suggest import suggest
from ._title import title

#: A shell's status for a process ended by SIGPIPE: the reader of its output went away.
EXIT_BROKEN_PIPE = 141


def _stdout_gone(exc: OSError) -> NoReturn:
    """Stop after standard output failed: quietly for a closed pipe, with one line otherwise."""
    # Point stdout at /dev/null so that the flush at exit does not fail again.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if isinstance(exc, BrokenPipeError):
        sys.exit(EXIT_BROKEN_PIPE)  # `icpspec rules | head -1`: stop, as a shell pipeline does
    with contextlib.suppress(OSError):
        click.echo(f"icpspec: cannot write the output: {exc.strerror or exc}", err=True)
    sys.exit(EXIT_USAGE)


# Errors of writing the output (a closed pipe, a full disk), not bugs.
_OUTPUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


class _Group(click.Group):
    """Turns unexpected exceptions into a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("icpspec: interrupted", err=True)
            ctx.exit(130)
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise self._internal(ctx, exc) from None
            _stdout_gone(exc)
        except Exception as exc:
            raise self._internal(ctx, exc) from None

    @staticmethod
    def _internal(ctx: click.Context, exc: Exception) -> click.exceptions.Exit:
        if ctx.obj and ctx.obj.get("traceback"):
            traceback.print_exception(exc)
        else:
            click.echo(
                f"icpspec: internal error: {escape(type(exc).__name__)}: {escape(str(exc))} "
                "(run with --traceback and report it)",
                err=True,
            )
        return click.exceptions.Exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="icpspec")
@click.option("--traceback", is_flag=True, hidden=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Ideal Customer Profiles as versioned, validated, testable specs.

    \b
    Examples:
      icpspec init                       # write a commented starter spec to icp.yaml
      icpspec validate examples/*.icp.yaml
      icpspec schema > icpspec-1.schema.json
    """
    ctx.obj = {"traceback": traceback}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    envvar="ICPSPEC_OUTPUT_FORMAT",
    help="Output format, as lint's (also ICPSPEC_OUTPUT_FORMAT).",
)
@click.option(
    "-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write the output here."
)
def validate(paths: Sequence[str], output_format: str, output_file: Path | None) -> None:
    """Check spec files against the schema, their fields, types and references.

    PATHS are files and folders, as for lint (default: the current folder);
    a folder is searched for *.icp.yaml, *.icp.yml, *.icp.json and icp.yaml.
    Text output is one line per problem, FILE:LINE:COLUMN: CODE [severity] message (name), and
    a summary on stderr; json, sarif and github are lint's formats.
    Exit status: 0 all valid, 1 a spec is invalid, 2 a path cannot be read.

    \b
    Examples:
      icpspec validate icp.yaml
      icpspec validate                     # every spec under the current folder
      icpspec validate specs/ --format sarif -o validate.sarif
    """
    from icpspec.lint import ConfigError
    from icpspec.report import diagnostic_line
    from icpspec.schema import load

    try:
        files = spec_paths(paths, Configs())
    except ConfigError as exc:
        click.echo(f"icpspec: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    diagnostics: list[Diagnostic] = []
    invalid = unreadable = 0
    for name in files:
        try:
            load(name)
        except SpecError as exc:
            diagnostics.extend(exc.diagnostics)
            if any(d.code == Code.UNREADABLE_PATH for d in exc.diagnostics):
                unreadable += 1
            else:
                invalid += 1
    if output_format == "text":
        emit("".join(diagnostic_line(d) + "\n" for d in diagnostics), output_file)
        click.echo(_summary(len(files), invalid, unreadable, len(diagnostics)), err=True)
    else:
        from icpspec.report import LintReport, render

        emit(render(LintReport.of(diagnostics, files), output_format), output_file)
    if not files:
        click.echo(NO_SPECS, err=True)
    sys.exit(EXIT_USAGE if unreadable else EXIT_FINDINGS if invalid else EXIT_OK)


def _summary(n: int, invalid: int, unreadable: int, problems: int) -> str:
    valid = n - invalid - unreadable
    summary = f"{n} file{'s' if n != 1 else ''} checked: {valid} valid"
    if invalid:
        summary += f", {invalid} invalid"
    if unreadable:
        summary += f", {unreadable} unreadable"
    if problems:
        summary += f" ({problems} problem{'s' if problems != 1 else ''})"
    return summary


@cli.command()
def schema() -> None:
    """Print the published JSON Schema (draft-07) of the spec format.

    \b
    Example:
      icpspec schema > icpspec-1.schema.json
    """
    from icpspec.schema import schema_text

    click.echo(schema_text(), nl=False)


#: The starter's review date, replaced by the day ``init`` runs.
_STARTER_REVIEWED = "reviewed: 2026-01-01"


def starter_text(today: dt.date | None = None) -> str:
    """The commented starter spec that ``icpspec init`` writes, reviewed ``today`` (default: today).

    A fixed date would make a fresh spec fail ``stale-review`` once its
    review window has passed; the day it is written is when it was reviewed.
    """
    text = resources.files("icpspec.cli").joinpath("starter.icp.yaml").read_text(encoding="utf-8")
    assert text.count(_STARTER_REVIEWED) == 1, "starter.icp.yaml must hold the review date once"
    return text.replace(_STARTER_REVIEWED, f"reviewed: {(today or dt.date.today()).isoformat()}")


@cli.command()
@click.argument("path", default="icp.yaml", type=click.Path(path_type=str))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path: str, force: bool) -> None:
    """Write a commented starter spec to PATH (default: icp.yaml; '-' for stdout).

    \b
    Examples:
      icpspec init
      icpspec init specs/acme.icp.yaml
      icpspec init - | less
    """
    text = starter_text()
    if path == "-":
        click.echo(text, nl=False)
        return
    if os.path.lexists(path) and not force:
        click.echo(f"icpspec: {escape(path, limit=1000)} exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_USAGE)
    try:
        write_atomically(path, text)
    except OSError as exc:
        click.echo(f"icpspec: cannot write {escape(path, limit=1000)}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(
        f"Wrote {escape(path, limit=1000)}; next: icpspec validate {escape(path, limit=1000)}",
        err=True,
    )


# Commands of their own modules.
for _command in (diff, evaluate, lint, match, rule, rules, sql, suggest, title):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the ``icpspec`` console script)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="icpspec")
    except OSError as exc:  # writing --help or a usage message (`icpspec --help > /dev/full`)
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        _stdout_gone(exc)
