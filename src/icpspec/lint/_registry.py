"""The rule registry: every lint rule's identity, options and documentation.

A rule is a plain function decorated with :func:`rule`. Its code (``ICP`` and
three digits) and kebab-case name are permanent; its docstring, written under
the fixed headings *What it does / Why is this bad? / Example / Use instead /
Options*, is the one text behind ``icpspec rule CODE``, ``icpspec rules``,
``docs/rules.md`` and the SARIF rule descriptions.

A rule receives a :class:`RuleContext` (the loaded spec as model objects, the
date of the run, its options and any extra inputs such as a population of
records) and yields :class:`Finding` objects that point into the document by
path. Rules never see YAML: the linter maps each path to a line and column.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeAlias

import attrs

from icpspec.diagnostics import CODES, CodeInfo, Severity
from icpspec.model import Spec

__all__ = [
    "DOCS_URL",
    "LOAD_CODES",
    "RULES",
    "Finding",
    "Option",
    "Rule",
    "RuleContext",
    "lookup",
    "rule",
    "rule_url",
]

#: Where the rule and validation-code pages are published.
DOCS_URL = "https://github.com/icpspec/icpspec/blob/main/docs/"

OptionValue: TypeAlias = int | float | str
PathPart: TypeAlias = str | int

HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options")


@attrs.frozen
class Option:
    """A rule option: its kebab-case name (as written in the config), default and meaning."""

    name: str
    default: OptionValue
    description: str


@attrs.frozen
class Finding:
    """What a rule reports: a message and the document path it concerns.

    With ``on_key`` the finding points at the key of ``path`` (the
    ``reviewed:`` of a profile, say) rather than at its value.
    """

    path: tuple[PathPart, ...]
    message: str
    on_key: bool = False


@attrs.frozen
class RuleContext:
    """Everything a rule may look at.

    ``inputs`` holds extra inputs given to the run by name (``population``:
    records from ``--population``); a rule that ``requires`` an input not
    given is skipped.
    """

    spec: Spec
    today: dt.date
    options: Mapping[str, OptionValue]
    inputs: Mapping[str, object] = attrs.field(factory=dict)

    def option(self, name: str) -> OptionValue:
        """The value of option ``name`` (kebab-case) in this run."""
        return self.options[name]


Check: TypeAlias = Callable[[RuleContext], Iterable[Finding]]


@attrs.frozen
class Rule:
    """One lint rule, or (with ``stage="load"``) one code the loader reports."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None
    options: tuple[Option, ...] = ()
    requires: tuple[str, ...] = ()
    stage: str = "lint"

    @property
    def url(self) -> str:
        """The rule's documentation page."""
        return rule_url(self.code)

    def defaults(self) -> dict[str, OptionValue]:
        """Option name → default value."""
        return {o.name: o.default for o in self.options}


_CODE = re.compile(r"ICP[0-9]{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _load_rule(info: CodeInfo) -> Rule:
    """The rule of a code reported by loading (``icpspec validate``): always on, an error."""
    doc = (
        f"## What it does\n\n{info.summary}\n\n"
        "This problem is found while loading the spec, by `icpspec validate` and "
        "`icpspec lint` alike; the rules cannot run on a spec that does not load, so "
        "it cannot be ignored or suppressed.\n\n"
        f"See [the validation codes]({DOCS_URL}validation.md#{info.code.lower()}) for examples."
    )
    return Rule(info.code.value, info.name, info.severity, info.summary, doc, stage="load")


def _placeholder(info: CodeInfo) -> Rule:
    """A lint code's entry until its rule module registers its check (``check`` is ``None``)."""
    return Rule(info.code.value, info.name, info.severity, info.summary, "", stage="lint")


#: Every code's rule, in code order: :data:`icpspec.diagnostics.CODES` read as rules. The load
#: codes are complete here; each lint code's check is filled in by its rule module's
#: :func:`rule` decorator, in place (so the order is the table's, never sorted again).
RULES: dict[str, Rule] = {
    code: (_load_rule(info) if info.stage == "load" else _placeholder(info)) for code, info in CODES.items()
}
_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES.values()}


def _register(r: Rule) -> Rule:
    info = CODES.get(r.code)
    assert info is not None, f"{r.code}: add it to icpspec.diagnostics.CODES, the one table of codes"
    assert (r.name, r.severity) == (info.name, info.severity), f"{r.code}: the table says {info}"
    assert RULES[r.code].check is None, f"{r.code} registered twice"
    RULES[r.code] = r
    _BY_NAME[r.name] = r
    return r


def _summary(doc: str) -> str:
    """The docstring's summary: the text before *What it does*."""
    head = doc.split("## What it does", 1)[0].strip()
    assert head, "a rule docstring starts with a one-line summary"
    return head.replace("\n", " ")


def rule(
    code: str,
    name: str | None = None,
    severity: Severity | None = None,
    *,
    options: Sequence[Option] = (),
    requires: Sequence[str] = (),
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule; its docstring is the rule's doc.

    ``code`` must be in :data:`icpspec.diagnostics.CODES`, which gives its
    name and default severity (``name`` and ``severity``, when given, must
    say the same). The docstring is a one-line summary, then the sections
    *What it does*, *Why is this bad?*, *Example*, *Use instead* and *Options*.
    """
    info = CODES.get(code)
    assert info is not None, f"{code}: add it to icpspec.diagnostics.CODES, the one table of codes"

    def decorate(fn: Check) -> Check:
        doc = inspect.cleandoc(fn.__doc__ or "")
        summary = _summary(doc)
        doc = doc[doc.find("## What it does") :]
        missing = [h for h in HEADINGS if f"## {h}" not in doc]
        assert not missing, f"{code} docstring lacks the headings {missing}"
        _register(
            Rule(
                code=code,
                name=info.name if name is None else name,
                severity=info.severity if severity is None else severity,
                summary=summary,
                doc=doc,
                check=fn,
                options=tuple(options),
                requires=tuple(requires),
            )
        )
        return fn

    return decorate


#: The codes of loading and validation (docs/validation.md), with their rule names and meanings.
LOAD_CODES: Mapping[str, tuple[str, str]] = {
    code: (info.name, info.summary) for code, info in CODES.items() if info.summary
}


def rule_url(code: str) -> str:
    """The documentation address of ``code``."""
    info = CODES.get(code)
    if info is not None and info.stage == "load":
        return f"{DOCS_URL}validation.md#{code.lower()}"
    return f"{DOCS_URL}rules.md#{code.lower()}"


def lookup(selector: str) -> Rule | None:
    """The rule with this code or name (case-insensitive code), or ``None``."""
    return RULES.get(selector.upper()) or _BY_NAME.get(selector.lower())
