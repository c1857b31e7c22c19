"""``icpspec lint``, ``icpspec rules`` and ``icpspec rule``: argument parsing around plain functions."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from icpspec.diagnostics import Code, Diagnostic, SpecError, escape, quote

from ._match import column_options, parse_columns
from ._output import write_output

if TYPE_CHECKING:
    from icpspec.lint import LintConfig, Population
    from icpspec.records import Columns

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
#: The ``--format`` choices of lint and validate: the keys of icpspec.report.REPORTERS (a test
#: holds them equal), spelled out so that building the command line imports no renderer.
FORMATS = ("text", "json", "sarif", "github")
NO_SPECS = "icpspec: no spec files found (*.icp.yaml, *.icp.yml, *.icp.json, icp.yaml)"


class Configs:
    """The lint configuration of each path, found as ``lint`` finds it, each file read once."""

    def __init__(
        self,
        config_path: str | None = None,
        *,
        isolated: bool = False,
        overrides: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.config_path, self.isolated, self.overrides = config_path, isolated, overrides or {}
        self._configs: dict[Path | None, LintConfig] = {}

    def __call__(self, path: str) -> LintConfig:
        """The configuration that governs ``path`` (raises icpspec.lint.ConfigError)."""
        from icpspec.lint import LintConfig, find_config, load_config

        if self.config_path is not None:
            key: Path | None = Path(self.config_path)
        elif self.isolated:
            key = None
        else:
            key = find_config(path if Path(path).is_dir() else str(Path(path).parent))
        if key not in self._configs:
            base = load_config(key) if key is not None else LintConfig()
            if self.overrides:
                extend = self.overrides.get("extend_select", ())
                base = base.evolve(**{**self.overrides, "extend_select": base.extend_select + extend})
            self._configs[key] = base
        return self._configs[key]


def spec_paths(paths: Sequence[str], config_for: Callable[[str], LintConfig]) -> list[str]:
    """The spec files that ``paths`` name: a folder is walked, no path is the current folder.

    ``lint`` and ``validate`` both read their paths so; files and folders the
    configuration's ``exclude`` names are left out.
    """
    from icpspec.lint import walk_specs

    out: list[str] = []
    for p in paths or (".",):
        if Path(p).is_dir():
            out.extend(walk_specs(p, config_for(p).excluded))
        elif not config_for(p).excluded(p):
            out.append(p)
    return out


def emit(text: str, output_file: str | os.PathLike[str] | None) -> None:
    """Print ``text``, or write it atomically to ``output_file`` (exit 2 if it cannot be written)."""
    path = None if output_file is None else os.fspath(output_file)
    write_output(None if path == "-" else path, text, "icpspec")


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
@click.option("-o", "--output-file", type=click.Path(path_type=str), help="Write the output here.")
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
    output_file: str | None,
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
    from icpspec.lint import ConfigError, fails, lint_source
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
    config_for = Configs(config_path, isolated=isolated, overrides=overrides)

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
        for file in spec_paths(paths, config_for):
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
    emit(render(LintReport.of(diagnostics, files), output_format), output_file)
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
        click.echo(NO_SPECS, err=True)
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
