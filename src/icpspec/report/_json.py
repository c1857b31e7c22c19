"""JSON: ``{"version": 1, "diagnostics": [...], "summary": {...}}`` (schemas/lint-output-1.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from ._model import LintReport, name_of, url_of

#: The version of the JSON output format; it changes only when a key changes meaning or goes away.
JSON_VERSION = 1


def as_data(report: LintReport) -> dict[str, Any]:
    """The report as JSON-compatible data."""
    s = report.summary
    return {
        "version": JSON_VERSION,
        "diagnostics": [
            {
                "code": d.code,
                "name": name_of(d.code),
                "severity": str(d.severity),
                "message": d.message,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "end_line": d.end_line,
                "end_column": d.end_column,
                "pointer": d.pointer,
                "url": url_of(d.code),
            }
            for d in report.diagnostics
        ],
        "summary": {
            "files": s.files,
            "problems": s.total,
            "errors": s.errors,
            "warnings": s.warnings,
            "info": s.info,
        },
    }


def render_json(report: LintReport) -> str:
    """The report as indented JSON (non-ASCII kept as is)."""
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"
