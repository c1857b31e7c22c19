"""``icpspec lint``: the known ICP mistakes, found with stable codes.

Rules live in :mod:`icpspec.lint.rules`, one module per family, registered
in :mod:`icpspec.lint._registry`; configuration in ``_config``; suppression
comments in ``_noqa``; running them in ``_linter``. Output formats are the
next layer up, :mod:`icpspec.report`.
"""

from __future__ import annotations

from ._config import ConfigError, LintConfig, find_config, load_config
from ._linter import fails, lint, lint_source, lint_spec
from ._registry import (
    LOAD_CODES,
    RULES,
    Finding,
    Option,
    Rule,
    RuleContext,
    lookup,
    register_load_code,
    rule_url,
)

for _code, (_name, _summary) in LOAD_CODES.items():
    if _code not in RULES:  # ICP022 (empty-range) is also a lint rule
        register_load_code(_code, _name, _summary)
_ordered = dict(sorted(RULES.items()))
RULES.clear()
RULES.update(_ordered)

__all__ = [
    "RULES",
    "ConfigError",
    "Finding",
    "LintConfig",
    "Option",
    "Rule",
    "RuleContext",
    "fails",
    "find_config",
    "lint",
    "lint_source",
    "lint_spec",
    "load_config",
    "lookup",
    "rule_url",
]
