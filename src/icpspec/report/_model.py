"""What every format renders: the diagnostics of a run and the files it checked."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from icpspec.diagnostics import Diagnostic, Severity, code_name, printable_name
from icpspec.lint import RULES, Rule, lookup, rule_url

__all__ = ["LintReport", "Summary", "rule_of"]


@attrs.frozen
class Summary:
    """Counts of a run."""

    files: int
    errors: int
    warnings: int
    info: int

    @property
    def total(self) -> int:
        """All diagnostics."""
        return self.errors + self.warnings + self.info


@attrs.frozen
class LintReport:
    """The diagnostics of a run, in order, and the files it checked."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[str, ...]

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> LintReport:
        """A report from lists; file names made printable UTF-8 (see :func:`printable_name`)."""
        if any(_UNDECODED.search(f) for f in (*files, *(d.file for d in diagnostics))):
            diagnostics = [attrs.evolve(d, file=printable_name(d.file)) for d in diagnostics]
            files = [printable_name(f) for f in files]
        return cls(tuple(diagnostics), tuple(files))

    @property
    def summary(self) -> Summary:
        """The counts."""
        count = dict.fromkeys(Severity, 0)
        for d in self.diagnostics:
            count[d.severity] += 1
        return Summary(len(self.files), count[Severity.ERROR], count[Severity.WARNING], count[Severity.INFO])


# What os.fsdecode makes of bytes that are not UTF-8 in a file name: lone surrogates.
_UNDECODED = re.compile("[\ud800-\udfff]")


def rule_of(code: str) -> Rule | None:
    """The registered rule (or load code) behind ``code``."""
    return RULES.get(code) or lookup(code)


def name_of(code: str) -> str:
    """The kebab-case name of ``code`` ('' for a code not in :data:`icpspec.diagnostics.CODES`)."""
    return code_name(code)


def url_of(code: str) -> str:
    """The documentation address of ``code``."""
    return rule_url(code)
