"""SARIF 2.1.0, as GitHub code scanning reads it.

Every registered rule is listed in the driver (so ``ruleIndex`` is stable),
with the rule's docstring as its full description and help. Result
locations are URIs relative to ``%SRCROOT%`` (the root of the git work tree
the command ran in, else the folder it ran in: see :mod:`._paths`), with
1-based regions, and the JSON pointer in ``properties``.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote as url_quote

from icpspec import __version__
from icpspec.diagnostics import Severity
from icpspec.lint import RULES

from ._model import LintReport
from ._paths import from_root, repository_root

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(file: str, root: Path) -> str:
    relative = from_root(file, root)
    if relative is None:  # outside the repository: an absolute URI, no base
        return Path(file).absolute().as_uri()
    return url_quote(PurePosixPath(relative).as_posix(), safe="/")


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
    root = repository_root()
    results = []
    for d in report.diagnostics:
        uri = _uri(d.file, root)
        artifact = {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}
        physical: dict[str, Any] = {"artifactLocation": artifact}
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
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def render_sarif(report: LintReport) -> str:
    """The report as SARIF 2.1.0 JSON."""
    return json.dumps(as_sarif(report), indent=2, ensure_ascii=False) + "\n"
