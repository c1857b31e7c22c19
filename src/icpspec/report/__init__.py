"""Output formats for lint results: one renderer per format over one diagnostic model.

:data:`REPORTERS` is the single source of truth for ``--format`` choices.
Every renderer takes a :class:`LintReport` and returns the whole output as
text; nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ._github import render_github
from ._json import render_json
from ._model import LintReport, Summary
from ._sarif import render_sarif
from ._text import diagnostic_line, render_text

__all__ = ["REPORTERS", "LintReport", "Summary", "diagnostic_line", "render"]

#: Format name → renderer.
REPORTERS: Mapping[str, Callable[[LintReport], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
}


def render(report: LintReport, format: str = "text") -> str:
    """The report in ``format`` (one of :data:`REPORTERS`)."""
    try:
        renderer = REPORTERS[format]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(REPORTERS)}, not {format!r}") from None
    return renderer(report)
