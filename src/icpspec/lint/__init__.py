"""``icpspec lint``: the known ICP mistakes, found with stable codes.

Rules live in :mod:`icpspec.lint.rules`, one module per family, registered
in :mod:`icpspec.lint._registry`; configuration in ``_config``; suppression
comments in ``_noqa``; running them in ``_linter``. Output formats are the
next layer up, :mod:`icpspec.report`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys as _sys
import types as _types
from collections.abc import Iterable

from icpspec.diagnostics import Diagnostic
from icpspec.model import Spec

from ._config import ConfigError, LintConfig, find_config, load_config
from ._files import is_spec_name, walk_specs
from ._linter import fails, lint, lint_source, lint_spec
from ._population import Population
from ._registry import (
    RULES,
    Finding,
    Option,
    Rule,
    RuleContext,
    lookup,
    rule_url,
)

__all__ = [
    "RULES",
    "ConfigError",
    "Finding",
    "LintConfig",
    "Option",
    "Population",
    "Rule",
    "RuleContext",
    "fails",
    "find_config",
    "is_spec_name",
    "lint",
    "lint_source",
    "lint_spec",
    "load_config",
    "lookup",
    "rule_url",
    "walk_specs",
]


class _CallableModule(_types.ModuleType):
    """``icpspec.lint`` is both this package and the :func:`lint` function.

    Importing the package sets ``icpspec.lint`` to it, hiding the function
    that ``icpspec.__init__`` exports under the same name; calling the
    package calls the function, so ``icpspec.lint(path)`` works either way.
    """

    def __call__(
        self,
        spec_or_path: Spec | str | os.PathLike[str],
        *,
        today: dt.date | None = None,
        config: LintConfig | str | os.PathLike[str] | None = None,
        population: Population | str | os.PathLike[str] | Iterable[object] | None = None,
    ) -> list[Diagnostic]:
        return lint(spec_or_path, today=today, config=config, population=population)


_sys.modules[__name__].__class__ = _CallableModule
