"""Human text: ``path:line:col: CODE [severity] message (name)`` and a summary line."""

from __future__ import annotations

from icpspec.diagnostics import escape

from ._model import LintReport, name_of


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def render_text(report: LintReport) -> str:
    """One line per diagnostic, then the summary."""
    lines = []
    for d in report.diagnostics:
        name = name_of(d.code)
        lines.append(
            f"{escape(d.file, limit=1000)}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}"
            + (f" ({name})" if name else "")
        )
    s = report.summary
    files = _plural(s.files, "file")
    if s.total:
        lines.append(
            f"Found {_plural(s.total, 'problem')} ({_plural(s.errors, 'error')}, "
            f"{_plural(s.warnings, 'warning')}, {_plural(s.info, 'info')}) in {files}."
        )
    else:
        lines.append(f"All checks passed ({files}).")
    return "\n".join(lines) + "\n"
