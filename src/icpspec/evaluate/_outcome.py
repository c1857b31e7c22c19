"""Reading an outcome cell: positive, negative, or left out (and counted)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

__all__ = ["DEFAULT_NEGATIVE", "DEFAULT_POSITIVE", "OutcomeLabels"]

#: What reads as a positive outcome unless ``positive=`` says otherwise (DESIGN §6.1).
DEFAULT_POSITIVE = ("1", "true", "yes", "y", "won", "closed won", "converted")
#: What reads as a negative outcome unless ``negative=`` says otherwise.
DEFAULT_NEGATIVE = ("0", "false", "no", "n", "lost", "closed lost")

_SPACES = re.compile(r"\s+")
#: Distinct raw cells remembered by one reader (the lookups of a file's few labels).
_CACHE = 4096


def fold(label: object) -> str:
    """A label as it is compared: case-folded, spaces trimmed and collapsed."""
    if isinstance(label, bool):
        label = "true" if label else "false"
    elif isinstance(label, float) and label.is_integer():
        label = int(label)
    elif isinstance(label, Decimal) and label.is_finite() and label == label.to_integral_value():
        label = int(label)  # a database's or Parquet's 1.0
    return _SPACES.sub(" ", str(label)).strip().casefold()


@attrs.frozen
class OutcomeLabels:
    """Which outcome cells are positive and which negative; anything else is left out.

    Comparison ignores case and surrounding or repeated spaces; a boolean or
    a number is read as its text (``True`` is ``true``, ``1.0`` is ``1``).

    >>> labels = OutcomeLabels.of()
    >>> labels.read("Closed  Won"), labels.read(" lost"), labels.read("open"), labels.read(None)
    (1, 0, None, None)
    """

    positive: tuple[str, ...]
    negative: tuple[str, ...]
    _lookup: dict[str, int] = attrs.field(eq=False, repr=False)
    _cache: dict[object, int | None] = attrs.field(eq=False, repr=False, factory=dict)

    @classmethod
    def of(
        cls, positive: Iterable[str] | None = None, negative: Iterable[str] | None = None
    ) -> OutcomeLabels:
        """Labels from lists (the defaults where ``None``).

        Raises ``ValueError`` when a label is both positive and negative.
        """
        pos = tuple(dict.fromkeys(fold(x) for x in (DEFAULT_POSITIVE if positive is None else positive)))
        neg = tuple(dict.fromkeys(fold(x) for x in (DEFAULT_NEGATIVE if negative is None else negative)))
        both = [x for x in pos if x in neg]
        if both:
            raise ValueError(f"{both[0]!r} is both a positive and a negative outcome")
        if not pos or not neg:
            raise ValueError("an outcome needs at least one positive and one negative label")
        lookup = {**dict.fromkeys(neg, 0), **dict.fromkeys(pos, 1)}
        return cls(pos, neg, lookup)

    def read(self, cell: object) -> int | None:
        """1 positive, 0 negative, ``None`` for anything else (blank, ``open``…)."""
        # True, 1 and 1.0 are one key to a dict but read as 'true', '1' and '1': keyed by type.
        key = cell if type(cell) is str else (type(cell), cell)
        try:
            return self._cache[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable cell (a JSON list): never a label
            return None
        found = None if cell is None else self._lookup.get(fold(cell))
        if len(self._cache) < _CACHE:
            self._cache[key] = found
        return found
