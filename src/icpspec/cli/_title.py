"""``icpspec title``: what the job-title normaliser sees in a title."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import click

from icpspec.diagnostics import IcpspecError, SpecError, escape

if TYPE_CHECKING:
    from icpspec.titles import TitleNormalizer

EXIT_USAGE = 2


def _titles(args: Sequence[str]) -> Iterator[str]:
    """The titles, bytes that are not UTF-8 (on stdin or in an argument) read as U+FFFD."""
    for arg in args:
        if arg == "-":
            for raw in sys.stdin.buffer:
                line = raw.decode("utf-8", "replace")
                if line.strip():
                    yield line.rstrip("\r\n")
        else:
            yield arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@click.command()
@click.argument("titles", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json: one object a line.",
)
@click.option(
    "--tables",
    "tables",
    multiple=True,
    type=click.Path(path_type=str),
    help="A title table of your own (phrase | seniority | department | flags), added to the shipped ones; "
    "repeat for several.",
)
@click.option(
    "--spec",
    "spec_path",
    type=click.Path(path_type=str),
    help="Read titles with this spec's own title table (its 'titles:' rows) too, as persona matching does.",
)
def title(titles: Sequence[str], fmt: str, tables: Sequence[str], spec_path: str | None) -> None:
    """Show the seniority and departments a job title is read as, and why.

    Each TITLE is read with the shipped tables (and any --tables of yours,
    then the 'titles:' rows of a --spec, which win over both);
    '-' reads titles from stdin, one a line. The matched words and the table
    line each comes from are listed, so a surprising answer can be traced and
    fixed.

    \b
    Examples:
      icpspec title "Sr. VP, Sales & Marketing"
      icpspec title "Leiterin Einkauf (m/w/d)" "Responsable marketing digital"
      icpspec title --format json - < titles.txt
      icpspec title --tables our-titles.tsv "Revenue Architect"
      icpspec title --spec acme.icp.yaml "Revenue Architect"
    """
    from icpspec.titles import TitleNormalizer, default_normalizer, read_table

    try:
        extra = [entry for path in tables for entry in read_table(path)]
        normalizer = TitleNormalizer(extra) if extra else default_normalizer()
    except IcpspecError as exc:
        click.echo(f"icpspec: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if spec_path is not None:
        normalizer = _with_spec(normalizer, spec_path)
    for text in _titles(titles):
        info = normalizer.normalize(text)
        if fmt == "json":
            click.echo(json.dumps(info.to_dict(), ensure_ascii=False))
            continue
        click.echo(escape(text, limit=300))
        click.echo(f"  seniority:  {info.seniority or '-'}")
        others = f" (also: {', '.join(info.departments[1:])})" if len(info.departments) > 1 else ""
        click.echo(f"  department: {info.department or '-'}{others}")
        if not info.matched:
            click.echo("  matched:    nothing")
        for i, m in enumerate(info.matched):
            e = m.entry
            what = ", ".join(
                x
                for x in (
                    f"seniority {e.seniority}" if e.seniority else "",
                    f"department {e.department}" + (" (if nothing else)" if e.role else "")
                    if e.department
                    else "",
                )
                if x
            )
            label = "  matched:   " if i == 0 else "             "
            click.echo(
                f"{label} {escape(m.text)!r} = {escape(e.phrase)!r}: {what or 'no meaning'} [{e.source}]"
            )
        if info.decided_by is not None:
            d = info.decided_by
            click.echo(f"  decided:    {escape(d.text)!r} [{d.entry.source}] over the level rule")


def _with_spec(normalizer: TitleNormalizer, path: str) -> TitleNormalizer:
    """``normalizer`` with the title rows of the spec at ``path``; a usage error when it cannot be read."""
    from icpspec.engine import spec_normalizer
    from icpspec.schema import load

    try:
        return spec_normalizer(load(path), normalizer)
    except SpecError as exc:
        for d in exc.diagnostics:
            click.echo(f"{escape(d.file, limit=1000)}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
        click.echo(f"icpspec: {escape(path, limit=1000)}: not a valid spec", err=True)
        sys.exit(EXIT_USAGE)
    except IcpspecError as exc:
        click.echo(f"icpspec: {exc}", err=True)
        sys.exit(EXIT_USAGE)
