"""icpspec: Ideal Customer Profiles as versioned, validated, testable specs.

>>> import icpspec
>>> spec = icpspec.load("examples/minimal.icp.yaml")  # doctest: +SKIP
>>> print(icpspec.dump(spec))  # doctest: +SKIP

The names below are the public API. They are imported on first use, so
``import icpspec`` costs almost nothing; the model classes and everything
else live in :mod:`icpspec.model`.
"""

from __future__ import annotations

import importlib

from ._version import __version__

# Not `from typing import TYPE_CHECKING`: importing typing alone would triple
# the cost of `import icpspec`. Type checkers treat this constant the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .batch import score_file
    from .diagnostics import Diagnostic, IcpspecError, Severity, SpecError
    from .diff import SpecDiff, diff
    from .engine import (
        BestMatch,
        ContactMatch,
        ContactMatcher,
        Matcher,
        MatchResult,
        Outcome,
        SpecMatcher,
        Target,
        Verdict,
        best_match,
        check_examples,
        match_contact,
        target,
    )
    from .evaluate import Evaluation, evaluate
    from .frame import score_frame
    from .lint import lint
    from .model import (
        BuyerPersona,
        Criterion,
        Disqualifier,
        Evidence,
        MatchStatus,
        Profile,
        Segment,
        Spec,
        TargetAudience,
        TitleRow,
    )
    from .records import Columns, ColumnsError, ColumnsWarning, ScoreSummary, read_records
    from .schema import dump, load, loads
    from .sql import to_sql
    from .suggest import Suggestion, suggest
    from .titles import TitleInfo, normalize_title

__all__ = [
    "BestMatch",
    "BuyerPersona",
    "Columns",
    "ColumnsError",
    "ColumnsWarning",
    "ContactMatch",
    "ContactMatcher",
    "Criterion",
    "Diagnostic",
    "Disqualifier",
    "Evaluation",
    "Evidence",
    "IcpspecError",
    "MatchResult",
    "MatchStatus",
    "Matcher",
    "Outcome",
    "Profile",
    "ScoreSummary",
    "Segment",
    "Severity",
    "Spec",
    "SpecDiff",
    "SpecError",
    "SpecMatcher",
    "Suggestion",
    "Target",
    "TargetAudience",
    "TitleInfo",
    "TitleRow",
    "Verdict",
    "__version__",
    "best_match",
    "check_examples",
    "diff",
    "dump",
    "evaluate",
    "lint",
    "load",
    "loads",
    "match_contact",
    "normalize_title",
    "read_records",
    "score_file",
    "score_frame",
    "suggest",
    "target",
    "to_sql",
]

_LAZY = {
    "Diagnostic": "icpspec.diagnostics",
    "IcpspecError": "icpspec.diagnostics",
    "Severity": "icpspec.diagnostics",
    "SpecError": "icpspec.diagnostics",
    "BuyerPersona": "icpspec.model",
    "Criterion": "icpspec.model",
    "Disqualifier": "icpspec.model",
    "Evidence": "icpspec.model",
    "Profile": "icpspec.model",
    "Segment": "icpspec.model",
    "Spec": "icpspec.model",
    "TargetAudience": "icpspec.model",
    "TitleRow": "icpspec.model",
    "BestMatch": "icpspec.engine",
    "MatchResult": "icpspec.engine",
    "Matcher": "icpspec.engine",
    "Outcome": "icpspec.engine",
    "SpecMatcher": "icpspec.engine",
    "Target": "icpspec.engine",
    "target": "icpspec.engine",
    "Verdict": "icpspec.engine",
    "best_match": "icpspec.engine",
    "check_examples": "icpspec.engine",
    "ContactMatch": "icpspec.engine",
    "ContactMatcher": "icpspec.engine",
    "match_contact": "icpspec.engine",
    "MatchStatus": "icpspec.model",
    "dump": "icpspec.schema",
    "Evaluation": "icpspec.evaluate",
    "evaluate": "icpspec.evaluate",
    "load": "icpspec.schema",
    "loads": "icpspec.schema",
    "lint": "icpspec.lint",
    "read_records": "icpspec.records",
    "TitleInfo": "icpspec.titles",
    "normalize_title": "icpspec.titles",
    "score_frame": "icpspec.frame",
    "score_file": "icpspec.batch",
    "SpecDiff": "icpspec.diff",
    "diff": "icpspec.diff",
    "Suggestion": "icpspec.suggest",
    "suggest": "icpspec.suggest",
    "Columns": "icpspec.records",
    "ColumnsError": "icpspec.records",
    "ColumnsWarning": "icpspec.records",
    "ScoreSummary": "icpspec.records",
    "to_sql": "icpspec.sql",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'icpspec' has no attribute {name!r}")
    imported = importlib.import_module(module)
    # icpspec.lint, .evaluate, .suggest and .diff are packages whose module objects are callable
    # as their functions, so icpspec.lint(path) and icpspec.lint.LintConfig both work.
    value = imported if name in ("diff", "evaluate", "lint", "suggest") else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
