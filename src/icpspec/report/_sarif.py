"""SARIF 2.1.0, as GitHub code scanning reads it.

Every registered rule is listed in the driver (so ``ruleIndex`` is stable),
with the rule's docstring as its full description and help. Result
locations are URIs relative to ``%SRCROOT%`` (the directory the command ran
in), with 1-based regions, and the JSON pointer in ``properties``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote as url_quote

from icpspec import __version__
from icpspec.diagnostics import Severity
from icpspec.lint import RULES

from ._model import LintReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = Path(os.path.relpath(path))
        except ValueError:
            return path.as_uri()
    return url_quote(PurePosixPath(path).as_posix(), safe="/")


def _rules() -> list[dict[str, Any]]:
    out = []
    for code, r in RULES.items():
        out.append(
            {
                "id": code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc, "markdown": r.doc},
                "help": {"text": r.doc, "markdown": r.doc},
                "helpUri": r.url,
                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                "properties": {"tags": [r.stage]},
            }
        )
    return out


def as_sarif(report: LintReport) -> dict[str, Any]:
    """The report as a SARIF log (JSON-compatible data)."""
    index = {code: i for i, code in enumerate(RULES)}
    results = []
    for d in report.diagnostics:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(d.file), "uriBaseId": "%SRCROOT%"}}
        if d.line > 0:
            region = {"startLine": d.line, "startColumn": max(d.column, 1)}
            if d.end_line >= d.line and d.end_line > 0:
                region["endLine"] = d.end_line
                region["endColumn"] = max(d.end_column, 1)
            physical["region"] = region
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": physical}],
            "properties": {"pointer": d.pointer},
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "icpspec",
                        "version": __version__,
                        "informationUri": "https://github.com/icpspec/icpspec",
                        "rules": _rules(),
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def render_sarif(report: LintReport) -> str:
    """The report as SARIF 2.1.0 JSON."""
    return json.dumps(as_sarif(report), indent=2, ensure_ascii=False) + "\n"
