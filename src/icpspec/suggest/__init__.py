"""Suggest a draft profile from records: what sets the won apart from the lost (DESIGN §6.2).

:func:`suggest` searches conditions on every usable column, keeps those whose
lift's interval lies above 1, chooses at most a few greedily (each must add
lift given those already chosen), weighs them by their lift, places tiers,
finds disqualifiers, and writes a ``draft`` spec in which every criterion
cites the figures it came from. Records held out of the search judge it.
"""

from __future__ import annotations

from ._result import SuggestedCriterion, SuggestedDisqualifier, SuggestError, Suggestion
from ._suggest import LEAK_AUC, suggest
from ._table import RefusedColumn

__all__ = [
    "LEAK_AUC",
    "RefusedColumn",
    "SuggestError",
    "SuggestedCriterion",
    "SuggestedDisqualifier",
    "Suggestion",
    "suggest",
]
