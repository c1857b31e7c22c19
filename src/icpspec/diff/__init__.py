"""What a change to a spec does, before it is merged (DESIGN §6.3).

:func:`diff` lists the changes between two versions by id (criteria,
weights, required, disqualifiers, tiers, coverage, personas, evidence,
review dates); over a population, the migration matrix (old group by new
group) and the top movers; with outcomes, both evaluations side by side.
:func:`render` writes it as text, JSON or Markdown (for a pull-request
comment).
"""

from __future__ import annotations

import sys as _sys
import types as _types
from typing import Any as _Any

from ._changes import Change
from ._diff import SpecDiff, diff
from ._load import DiffError, load_version
from ._migration import Migration, Mover
from ._render import FORMATS, render

__all__ = [
    "FORMATS",
    "Change",
    "DiffError",
    "Migration",
    "Mover",
    "SpecDiff",
    "diff",
    "load_version",
    "render",
]


class _CallableModule(_types.ModuleType):
    """``icpspec.diff`` is both this package and the :func:`diff` function (as ``icpspec.lint`` is).

    Importing the package sets ``icpspec.diff`` to it, hiding the function
    ``icpspec.__init__`` exports under the same name; calling the package
    calls the function, so ``icpspec.diff(...)`` works either way.
    """

    def __call__(self, *args: _Any, **kwargs: _Any) -> SpecDiff:
        return diff(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
