"""Human text: ``path:line:col: CODE [severity] message (name)`` and a summary line."""

from __future__ import annotations

from icpspec.diagnostics import Diagnostic, code_name, escape

from ._model import LintReport


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def diagnostic_line(d: Diagnostic) -> str:
    """One diagnostic as people read it, the same for every command.

    ``path:line:col: CODE [severity] message (name)``; the file name is
    escaped (it comes from the command line and could hold anything; the
    message quotes user values escaped already).

    >>> from icpspec.diagnostics import Code
    >>> d = Diagnostic(Code.SYNTAX_ERROR, "YAML syntax error", file="a.icp.yaml", line=3, column=1)
    >>> diagnostic_line(d)
    'a.icp.yaml:3:1: ICP002 [error] YAML syntax error (syntax-error)'
    """
    name = code_name(d.code)
    return f"{escape(d.file, limit=1000)}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}" + (
        f" ({name})" if name else ""
    )


def render_text(report: LintReport) -> str:
    """One line per diagnostic, then the summary."""
    lines = [diagnostic_line(d) for d in report.diagnostics]
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
