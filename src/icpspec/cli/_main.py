"""The ``icpspec`` command line: parses arguments and calls plain functions."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import click

from icpspec import __version__
from icpspec.diagnostics import Code, SpecError, escape

from ._diff import diff
from ._evaluate import evaluate
from ._lint import lint, rule, rules
from ._match import match
from ._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, echo_diagnostics, write_atomically
from ._sql import sql
from ._suggest import suggest
from ._title import title


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
        except Exception as exc:
            if ctx.obj and ctx.obj.get("traceback"):
                traceback.print_exc()
            else:
                click.echo(
                    f"icpspec: internal error: {escape(type(exc).__name__)}: {escape(str(exc))} "
                    "(run with --traceback and report it)",
                    err=True,
                )
            ctx.exit(EXIT_USAGE)


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
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
def validate(files: Sequence[str]) -> None:
    """Check spec files against the schema, their fields, types and references.

    Prints one line per problem, as FILE:LINE:COLUMN: CODE [severity]
    message (name), and a summary on stderr. Exit status: 0 all valid, 1 a spec is invalid,
    2 a path cannot be read.

    \b
    Examples:
      icpspec validate icp.yaml
      icpspec validate examples/*.icp.yaml
    """
    from icpspec.schema import load

    invalid = unreadable = problems = 0
    for name in files:
        try:
            load(name)
        except SpecError as exc:
            problems += echo_diagnostics(exc.diagnostics, err=False)
            if any(d.code == Code.UNREADABLE_PATH for d in exc.diagnostics):
                unreadable += 1
            else:
                invalid += 1
    n = len(files)
    valid = n - invalid - unreadable
    summary = f"{n} file{'s' if n != 1 else ''} checked: {valid} valid"
    if invalid:
        summary += f", {invalid} invalid"
    if unreadable:
        summary += f", {unreadable} unreadable"
    if problems:
        summary += f" ({problems} problem{'s' if problems != 1 else ''})"
    click.echo(summary, err=True)
    sys.exit(EXIT_USAGE if unreadable else EXIT_FINDINGS if invalid else EXIT_OK)


@cli.command()
def schema() -> None:
    """Print the published JSON Schema (draft-07) of the spec format.

    \b
    Example:
      icpspec schema > icpspec-1.schema.json
    """
    from icpspec.schema import schema_text

    click.echo(schema_text(), nl=False)


def starter_text() -> str:
    """The commented starter spec that ``icpspec init`` writes."""
    return resources.files("icpspec.cli").joinpath("starter.icp.yaml").read_text(encoding="utf-8")


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
    target = Path(path)
    if target.exists() and not force:
        click.echo(f"icpspec: {escape(path, limit=1000)} exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_USAGE)
    try:
        write_atomically(target, text)
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
    cli.main(args=list(argv) if argv is not None else None, prog_name="icpspec")
