"""Testing a profile against real outcomes: how well does it separate good from bad? (DESIGN §6.1)

:func:`evaluate` reads records with an outcome column (won/lost, converted,
churned…), matches them against a profile (or the best fit of several),
counts them per verdict pattern and outcome in constant memory, and returns
an :class:`Evaluation`: the groups with Wilson intervals, lift and capture,
the top's precision and recall, MadKudu's check with its ceiling, the ROC AUC
with a DeLong interval and the gains curve, per-criterion rates and
ratios with plain findings, and the missed positives. Every figure comes from
counts, so the same evaluation can start from a database's aggregate query.
"""

from __future__ import annotations

import sys as _sys
import types as _types
from typing import Any as _Any

from ._api import evaluate
from ._build import MAX_STRATA, evaluation_from_tally, resolve_profiles
from ._counts import evaluate_counts, evaluate_file_duckdb
from ._layout import NO_FIT, NO_TIER, Layout, PatternInfo
from ._outcome import DEFAULT_NEGATIVE, DEFAULT_POSITIVE, OutcomeLabels
from ._result import (
    LEAKAGE_AUC,
    MADKUDU_SOURCE,
    MIN_POSITIVES,
    MIN_RECORDS,
    Bottom,
    Check,
    CheckStatus,
    CheckThresholds,
    CriterionFigures,
    Evaluation,
    Figures,
    Group,
    LeftOut,
    MissedRecord,
    Ranking,
    Stratum,
    Top,
    VerdictCell,
)
from ._source import EvaluationError, find_column
from ._stats import Auc, Interval, auc_from_counts, pooled_auc, rate_ratio, wilson
from ._tally import Tally

__all__ = [
    "DEFAULT_NEGATIVE",
    "DEFAULT_POSITIVE",
    "LEAKAGE_AUC",
    "MADKUDU_SOURCE",
    "MAX_STRATA",
    "MIN_POSITIVES",
    "MIN_RECORDS",
    "NO_FIT",
    "NO_TIER",
    "Auc",
    "Bottom",
    "Check",
    "CheckStatus",
    "CheckThresholds",
    "CriterionFigures",
    "Evaluation",
    "EvaluationError",
    "Figures",
    "Group",
    "Interval",
    "Layout",
    "LeftOut",
    "MissedRecord",
    "OutcomeLabels",
    "PatternInfo",
    "Ranking",
    "Stratum",
    "Tally",
    "Top",
    "VerdictCell",
    "auc_from_counts",
    "evaluate",
    "evaluate_counts",
    "evaluate_file_duckdb",
    "evaluation_from_tally",
    "find_column",
    "pooled_auc",
    "rate_ratio",
    "resolve_profiles",
    "wilson",
]


class _CallableModule(_types.ModuleType):
    """``icpspec.evaluate`` is both this package and the :func:`evaluate` function.

    Importing the package sets ``icpspec.evaluate`` to it, hiding the function
    ``icpspec.__init__`` exports under the same name (as with ``icpspec.lint``);
    calling the package calls the function, so ``icpspec.evaluate(...)`` works
    either way.
    """

    def __call__(self, *args: _Any, **kwargs: _Any) -> Evaluation:
        return evaluate(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
