"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``.

Values are escaped as GitHub's own toolkit escapes them (``%``, CR and LF in
the message; also ``:`` and ``,`` in properties), after control characters
are made visible, so no input can start or smuggle a workflow command.
"""

from __future__ import annotations

from icpspec.diagnostics import Severity, escape

from ._model import LintReport, name_of
from ._paths import from_root, repository_root

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: LintReport) -> str:
    """One workflow command per diagnostic, its file named from the repository's root."""
    root = repository_root()
    lines = []
    for d in report.diagnostics:
        file = from_root(d.file, root) or d.file
        props = [f"file={escape_property(escape(file, limit=1000))}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
            if d.end_line:
                props += [f"endLine={d.end_line}", f"endColumn={d.end_column}"]
        name = name_of(d.code)
        props.append(f"title={escape_property(f'{d.code} {name}'.strip())}")
        message = escape(d.message, limit=2000)
        lines.append(f"::{_LEVEL[d.severity]} {','.join(props)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
