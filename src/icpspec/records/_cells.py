"""The name a cell gives to the record's account or stratum (``--account``, ``--by``, ``--stratify``)."""

from __future__ import annotations

import math
from decimal import Decimal

__all__ = ["cell_name"]


def cell_name(cell: object) -> str | None:
    """A ``--by``, ``--stratify`` or ``--account`` cell as the name it gives: trimmed text;
    ``None`` when blank (empty, spaces, None, NaN).

    A whole number is named as the integer it is: a DataFrame's column of years that blanks
    turned to floats (``2014.0``), or a database's ``Decimal('2014.0')``, names what a CSV
    file does (``2014``)."""
    if isinstance(cell, float):
        if math.isnan(cell):
            return None
        if cell.is_integer():
            return str(int(cell))
    elif isinstance(cell, Decimal) and cell.is_finite() and cell == cell.to_integral_value():
        return str(int(cell))
    if cell is None:
        return None
    return str(cell).strip() or None
