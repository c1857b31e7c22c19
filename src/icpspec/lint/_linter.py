"""Running the rules on one spec: load, check, locate, suppress."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping

import yaml

from icpspec.diagnostics import Code, Diagnostic, Severity, SpecError, make_pointer, quote
from icpspec.loader import DEFAULT_LIMITS, LocatedDocument, decode, sniff_format
from icpspec.model import Spec
from icpspec.schema import load_located, read_spec_bytes

from . import rules as _rules  # noqa: F401  (registers every rule)
from ._config import LintConfig
from ._noqa import Suppression, suppressions
from ._population import Population
from ._registry import RULES, Finding, RuleContext, lookup

__all__ = ["lint", "lint_source", "lint_spec"]

UNUSED_NOQA = Code.UNUSED_NOQA
BLANKET_NOQA = Code.BLANKET_NOQA


def _sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column, d.code, d.message))


def _run_rules(
    spec: Spec,
    *,
    today: dt.date,
    config: LintConfig,
    enabled: set[str],
    inputs: Mapping[str, object],
) -> list[tuple[str, Finding]]:
    found: list[tuple[str, Finding]] = []
    for code, r in RULES.items():
        if r.check is None or code not in enabled or not all(i in inputs for i in r.requires):
            continue
        ctx = RuleContext(spec=spec, today=today, options=config.rule_options(r), inputs=inputs)
        found.extend((code, f) for f in r.check(ctx))
    return found


def _diagnostic(doc: LocatedDocument | None, code: str, f: Finding, file: str) -> Diagnostic:
    severity = RULES[code].severity
    if doc is None:
        return Diagnostic(code, f.message, file=file, pointer=make_pointer(f.path), severity=severity)
    return doc.diagnostic(code, f.message, f.path, on_key=f.on_key, severity=severity)


def _suppress(
    diagnostics: list[Diagnostic], marks: list[Suppression], enabled: set[str], file: str
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add one for every bare or unused suppression."""
    used: set[tuple[int, int, str]] = set()
    kept: list[Diagnostic] = []
    for d in diagnostics:
        hit = None
        for m in marks:
            if m.bare or not (m.file_level or m.line == d.line):
                continue
            for sel in m.selectors:
                r = lookup(sel)
                if r is not None and r.code == d.code:
                    hit = (m.line, m.column, sel)
                    break
            if hit:
                break
        if hit:
            used.add(hit)
        else:
            kept.append(d)
    for m in marks:
        where = {
            "file": file,
            "line": m.line,
            "column": m.column,
            "end_line": m.line,
            "end_column": m.end_column,
        }
        if m.bare:
            if BLANKET_NOQA in enabled:
                kind = "'# icpspec: noqa'" if m.file_level else "'# noqa'"
                kept.append(
                    Diagnostic(
                        BLANKET_NOQA,
                        f"{kind} without a code suppresses nothing; name the rules, as in '# noqa: ICP201'",
                        severity=RULES[BLANKET_NOQA].severity,
                        **where,  # type: ignore[arg-type]
                    )
                )
            continue
        if UNUSED_NOQA not in enabled:
            continue
        for sel in m.selectors:
            r = lookup(sel)
            if r is None:
                message = f"noqa names {quote(sel)}, which is no rule"
            elif (m.line, m.column, sel) in used or r.code not in enabled:
                continue
            else:
                scope = "in this file" if m.file_level else "on this line"
                message = f"unused noqa: no {r.code} ({r.name}) finding {scope}"
            kept.append(
                Diagnostic(UNUSED_NOQA, message, severity=RULES[UNUSED_NOQA].severity, **where)  # type: ignore[arg-type]
            )
    return kept


def lint_source(
    data: bytes | str,
    *,
    file: str = "<string>",
    today: dt.date | None = None,
    config: LintConfig | None = None,
    inputs: Mapping[str, object] | None = None,
) -> list[Diagnostic]:
    """Lint the text (or bytes) of one spec; a spec that does not load gives its load diagnostics."""
    config = config or LintConfig()
    try:
        spec, doc = load_located(data, filename=file)
    except SpecError as exc:
        return _sort(exc.diagnostics)
    enabled = config.enabled(file)
    found = _run_rules(
        spec, today=today or dt.date.today(), config=config, enabled=enabled, inputs=inputs or {}
    )
    diagnostics = [_diagnostic(doc, code, f, file) for code, f in found]
    text = decode(data if isinstance(data, bytes) else data.encode("utf-8"), file, DEFAULT_LIMITS)
    if sniff_format(file, text) == "yaml":
        try:
            marks = suppressions(text)
        except yaml.YAMLError:  # pragma: no cover - the text parsed a moment ago
            marks = []
        diagnostics = _suppress(diagnostics, marks, enabled, file)
    return _sort(diagnostics)


def lint_spec(
    spec: Spec,
    *,
    today: dt.date | None = None,
    config: LintConfig | None = None,
    inputs: Mapping[str, object] | None = None,
    file: str = "<spec>",
) -> list[Diagnostic]:
    """Lint a spec already in memory: diagnostics carry pointers but no lines (0:0)."""
    config = config or LintConfig()
    enabled = config.enabled(file)
    found = _run_rules(
        spec, today=today or dt.date.today(), config=config, enabled=enabled, inputs=inputs or {}
    )
    return sorted((_diagnostic(None, code, f, file) for code, f in found), key=lambda d: (d.pointer, d.code))


def lint(
    spec_or_path: Spec | str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    config: LintConfig | str | os.PathLike[str] | None = None,
    population: Population | str | os.PathLike[str] | Iterable[object] | None = None,
) -> list[Diagnostic]:
    """Lint a spec file (a path) or a :class:`~icpspec.Spec`; return every finding.

    ``today`` is the date staleness is judged on (default: the current date).
    ``config`` is a :class:`LintConfig`, or the path of a configuration file;
    ``None`` uses the defaults (every rule, default options) and reads no
    configuration file. A spec that does not load gives its load diagnostics
    (``ICP0xx``); an unreadable path gives ``ICP008``. ``severity`` tells
    errors from warnings.

    ``population`` (a :class:`~icpspec.lint.Population`, the path of a CSV
    or JSON Lines file of accounts, or an iterable of records) turns on the
    rules that need one (``population-too-broad``). A population file that
    cannot be read raises :class:`~icpspec.records.RecordFileError`.

    >>> import datetime, icpspec
    >>> icpspec.lint("examples/acme.icp.yaml", today=datetime.date(2026, 11, 1))
    []
    """
    from ._config import load_config

    cfg = load_config(config) if isinstance(config, str | os.PathLike) else config
    inputs: dict[str, object] = {}
    if population is not None:
        pop = population if isinstance(population, Population) else Population(population)
        pop.check()
        inputs["population"] = pop
    if isinstance(spec_or_path, Spec):
        return lint_spec(spec_or_path, today=today, config=cfg, inputs=inputs)
    name = os.fspath(spec_or_path)
    try:
        data = read_spec_bytes(name)
    except SpecError as exc:
        return list(exc.diagnostics)
    return lint_source(data, file=name, today=today, config=cfg, inputs=inputs)


def fails(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether any diagnostic is at or above the fail level (errors; warnings too when ``strict``)."""
    levels = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in levels for d in diagnostics)
