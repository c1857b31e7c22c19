"""What a change to a spec does, before it is merged (DESIGN §6.3).

:func:`diff` lists the changes between two versions by id (criteria,
weights, required, disqualifiers, tiers, coverage, personas, evidence,
review dates); over a population, the migration matrix (old group by new
group) and the top movers; with outcomes, both evaluations side by side.
:func:`render` writes it as text, JSON or Markdown (for a pull-request
comment).
"""

from __future__ import annotations

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
