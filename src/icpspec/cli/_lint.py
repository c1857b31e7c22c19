"""``icpspec lint``, ``icpspec rules`` and ``icpspec rule``: argument parsing around plain functions."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from icpspec.diagnostics import Code, Diagnostic, SpecError, escape, quote

from ._match import column_options, parse_columns

if TYPE_CHECKING:
    from icpspec.lint import Population
    from icpspec.records import Columns

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github")


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{quote(value)} is not a date as YYYY-MM-DD") from None


def _selectors(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _population(path: str, columns: Columns) -> Population:
    """The population of ``--population``, checked readable, or exit 2 with a one-line message."""
    from icpspec.lint import Population
    from icpspec.records import RecordFileError

    if path == "-":
        click.echo(
            "icpspec: --population: '-' (standard input) cannot be read once per spec; name a file", err=True
        )
        sys.exit(EXIT_USAGE)
    pop = Population(path, columns=columns)
    try:
        pop.check()
    except RecordFileError as exc:
        click.echo(f"icpspec: --population: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    return pop


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    envvar="ICPSPEC_OUTPUT_FORMAT",
    help="Output format (also ICPSPEC_OUTPUT_FORMAT).",
)
@click.option(
    "-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write the output here."
)
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD", help="Judge staleness as of this date.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=str, dir_okay=False),
    help="Use this configuration file.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--select", multiple=True, help="Rules to run (codes, names, prefixes, ALL), replacing the config's."
)
@click.option("--extend-select", multiple=True, help="Rules to run in addition.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option(
    "--population",
    type=click.Path(path_type=str),
    metavar="FILE",
    help="A CSV or JSON Lines file of accounts, for population-too-broad (ICP103).",
)
@column_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
def lint(  # noqa: PLR0917  (click passes every option)
    paths: Sequence[str],
    output_format: str,
    output_file: Path | None,
    today: dt.date | None,
    config_path: str | None,
    isolated: bool,
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    population: str | None,
    maps: Sequence[str],
    sets: Sequence[str],
    units: Sequence[str],
    exit_zero: bool,
    strict: bool,
) -> None:
    """Check spec files for known ICP mistakes (default PATH: the current folder).

    Folders are searched for *.icp.yaml, *.icp.yml, *.icp.json and icp.yaml.
    Exit status: 0 no error (no warning either with --strict), 1 findings
    (a spec that does not load is one), 2 usage error, bad configuration or
    unreadable path (a --population file that cannot be read is one too;
    its skipped records are listed on stderr). The population's columns are
    found as icpspec match finds them: by name and alias, --map, --set and
    --unit; a field that no column holds is a finding.

    \b
    Examples:
      icpspec lint examples/acme.icp.yaml --today 2026-11-01
      icpspec lint . --format sarif -o icpspec.sarif
      icpspec lint specs/ --select ICP2 --strict
      icpspec lint icp.yaml --population accounts.csv
      icpspec lint icp.yaml --population crm.csv --map employees=workers --set country=US
    """
    from icpspec.lint import ConfigError, LintConfig, fails, find_config, lint_source, load_config, walk_specs
    from icpspec.records import RecordFileError
    from icpspec.report import LintReport, render
    from icpspec.schema import read_spec_bytes

    overrides: dict[str, tuple[str, ...]] = {}
    if select:
        overrides["select"] = _selectors(select)
    if extend_select:
        overrides["extend_select"] = _selectors(extend_select)
    if ignore:
        overrides["ignore"] = _selectors(ignore)
    configs: dict[Path | None, LintConfig] = {}

    def config_for(path: str) -> LintConfig:
        if config_path is not None:
            key: Path | None = Path(config_path)
        elif isolated:
            key = None
        else:
            start = path if Path(path).is_dir() else str(Path(path).parent)
            key = find_config(start)
        if key not in configs:
            base = load_config(key) if key is not None else LintConfig()
            if overrides:
                extend = overrides.get("extend_select", ())
                base = base.evolve(**{**overrides, "extend_select": base.extend_select + extend})
            configs[key] = base
        return configs[key]

    inputs: dict[str, object] = {}
    columns = parse_columns(maps, sets, units)
    if population is None and (maps or sets or units):
        click.echo("icpspec: --map, --set and --unit read the --population file: name one", err=True)
        sys.exit(EXIT_USAGE)
    pop = _population(population, columns) if population is not None else None
    if pop is not None:
        inputs["population"] = pop
    diagnostics: list[Diagnostic] = []
    files: list[str] = []
    unreadable = False
    try:
        targets: list[str] = []
        for p in paths or (".",):
            if Path(p).is_dir():
                targets.extend(walk_specs(p, config_for(p).excluded))
            elif not config_for(p).excluded(p):
                targets.append(p)
        for file in targets:
            files.append(file)
            try:
                data = read_spec_bytes(file)
            except SpecError as exc:
                diagnostics.extend(exc.diagnostics)
                # Too large or not text is a finding (1); only a path that cannot be read is 2.
                unreadable = unreadable or any(d.code == Code.UNREADABLE_PATH for d in exc.diagnostics)
                continue
            diagnostics.extend(
                lint_source(data, file=file, today=today, config=config_for(file), inputs=inputs)
            )
    except ConfigError as exc:
        click.echo(f"icpspec: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except RecordFileError as exc:  # a population whose columns do not fit a spec's fields
        click.echo(f"icpspec: --population: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    text = render(LintReport.of(diagnostics, files), output_format)
    if output_file is not None:
        from ._output import write_atomically

        try:
            write_atomically(output_file, text)
        except OSError as exc:
            click.echo(
                f"icpspec: cannot write {escape(str(output_file), limit=1000)}: {exc.strerror or exc}",
                err=True,
            )
            sys.exit(EXIT_USAGE)
    else:
        click.echo(text, nl=False)
    if pop is not None and pop.report is not None:
        from ._match import render_skipped

        render_skipped(population or "", pop.report.skipped_first, pop.report.skipped)
        r = pop.report
        click.echo(
            f"population {escape(population or '', limit=1000)}: {r.records:,} record"
            f"{'s' if r.records != 1 else ''} read, {r.skipped:,} skipped",
            err=True,
        )

    if not files:
        click.echo("icpspec: no spec files found (*.icp.yaml, *.icp.yml, *.icp.json, icp.yaml)", err=True)
    if unreadable:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if fails(diagnostics, strict=strict) and not exit_zero else EXIT_OK)


@click.command()
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def rules(output_format: str) -> None:
    """List every lint rule: code, name, default severity and what it reports.

    \b
    Examples:
      icpspec rules
      icpspec rule stale-review
    """
    from icpspec.lint import RULES

    if output_format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "stage": r.stage,
                "summary": r.summary,
                "options": {o.name: o.default for o in r.options},
                "url": r.url,
            }
            for r in RULES.values()
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for r in RULES.values():
        click.echo(f"{r.code}  {r.name:<28} {r.severity!s:<8} {r.summary}")


@click.command()
@click.argument("code")
def rule(code: str) -> None:
    """Explain one rule, by code or name.

    \b
    Examples:
      icpspec rule ICP201
      icpspec rule stale-review
    """
    import difflib

    from icpspec.lint import RULES, lookup

    r = lookup(code)
    if r is None:
        names = [x.name for x in RULES.values()] + list(RULES)
        close = difflib.get_close_matches(code, names, n=1, cutoff=0.6)
        hint = f"; did you mean {quote(close[0])}?" if close else "; 'icpspec rules' lists them"
        click.echo(f"icpspec: no rule {quote(code)}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"# {r.code} {r.name} (default severity: {r.severity})\n\n{r.summary}\n\n{r.doc}")
    if r.options:
        click.echo("\nDefaults: " + ", ".join(f"{o.name} = {o.default!r}" for o in r.options))
