"""Suggest a draft profile from records: what sets the won apart from the lost (DESIGN §6.2).

:func:`suggest` searches conditions on every usable column and chooses at most a
few greedily, each one's lift given those already chosen lying above 1 past its
field's bar (the first one's lift alone), weighs them as a scorecard's points,
places tiers, finds disqualifiers, and writes a ``draft`` spec in which every
criterion cites the figures it came from. Records held out of the search judge it.
"""

from __future__ import annotations

import sys as _sys
import types as _types
from typing import Any as _Any

from ._result import OutcomeCounts, SuggestedCriterion, SuggestedDisqualifier, SuggestError, Suggestion
from ._suggest import LEAK_AUC, suggest
from ._table import RefusedColumn

__all__ = [
    "LEAK_AUC",
    "OutcomeCounts",
    "RefusedColumn",
    "SuggestError",
    "SuggestedCriterion",
    "SuggestedDisqualifier",
    "Suggestion",
    "suggest",
]


class _CallableModule(_types.ModuleType):
    """``icpspec.suggest`` is both this package and the :func:`suggest` function (as ``icpspec.lint`` is).

    Importing the package sets ``icpspec.suggest`` to it, hiding the function
    ``icpspec.__init__`` exports under the same name; calling the package
    calls the function, so ``icpspec.suggest(...)`` works either way.
    """

    def __call__(self, *args: _Any, **kwargs: _Any) -> Suggestion:
        return suggest(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
