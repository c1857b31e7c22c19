"""What suggest learns to recognise: won against lost, or the best customers by value.

With an outcome column, a record is positive when the outcome reads as won
(the labels of ``icpspec evaluate``); with ``bad``, when it does *not* read as
the outcome to avoid (a profile of the customers who stay). With a value
column, seed 001's classes: Class 1 the top 10 % by value, Class 2 the next
10 %, Class 3 the rest; Class 1 and 2 are positive. The value thresholds come
from the training part alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from icpspec.engine import UNKNOWN
from icpspec.engine.values import read_number
from icpspec.evaluate import OutcomeLabels

__all__ = ["ValueClasses", "read_outcome"]

_LABELS = OutcomeLabels.of()


def read_outcome(cell: object, *, bad: bool = False, labels: OutcomeLabels = _LABELS) -> int | None:
    """1 for a positive outcome, 0 for a negative one, ``None`` for anything else (``labels``:
    by default those of ``icpspec evaluate``); with ``bad`` the outcome is one to avoid, so it
    reads as 0.

    >>> read_outcome(" Closed  Won"), read_outcome("lost"), read_outcome("open")
    (1, 0, None)
    >>> read_outcome("won", bad=True)
    0
    """
    found = labels.read(cell)
    if found is None or not bad:
        return found
    return 1 - found


@attrs.frozen
class ValueClasses:
    """Thresholds of the value classes: Class 1 from ``first``, Class 2 from ``second``."""

    first: float
    second: float
    shares: tuple[float, float]

    @classmethod
    def of(cls, values: Iterable[float], shares: Sequence[float] = (0.1, 0.1)) -> ValueClasses | None:
        """The thresholds that put the top ``shares[0]`` in Class 1 and the next ``shares[1]`` in
        Class 2 (ties at a threshold go to the higher class); ``None`` without values.

        >>> ValueClasses.of(range(1, 101))
        ValueClasses(first=91, second=81, shares=(0.1, 0.1))
        """
        ordered = sorted(values, reverse=True)
        if not ordered:
            return None
        one, two = shares
        k1 = max(1, round(one * len(ordered)))
        k2 = max(k1, min(len(ordered), round((one + two) * len(ordered))))
        return cls(ordered[k1 - 1], ordered[k2 - 1], (one, two))

    def read(self, cell: object) -> int | None:
        """1 in Class 1 or 2, 0 in Class 3, ``None`` when the value is blank or no number."""
        number = read_number(cell)
        if number is UNKNOWN:
            return None
        return 1 if number >= self.second else 0  # type: ignore[operator]

    def name(self, cell: object) -> int | None:
        """The class (1, 2 or 3) of a value, ``None`` when it is none."""
        number = read_number(cell)
        if number is UNKNOWN:
            return None
        return 1 if number >= self.first else 2 if number >= self.second else 3  # type: ignore[operator]
