"""Calendar durations such as ``90d``, ``12w``, ``6m`` or ``1y``."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

import attrs

__all__ = ["Duration"]

_DURATION = re.compile(r"([1-9][0-9]{0,3})([dwmy])")

Unit = Literal["d", "w", "m", "y"]


@attrs.frozen
class Duration:
    """A whole number of days, weeks, months or years.

    >>> Duration.parse("6m").after(dt.date(2026, 8, 31))
    datetime.date(2027, 2, 28)
    >>> str(Duration(90, "d"))
    '90d'
    """

    count: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read ``<count><unit>`` (unit ``d``, ``w``, ``m`` or ``y``); raise ValueError otherwise."""
        m = _DURATION.fullmatch(text.strip())
        if m is None:
            raise ValueError(f"not a duration such as 90d, 12w, 6m or 1y: {text!r}")
        unit: Unit = m.group(2)  # type: ignore[assignment]
        return cls(int(m.group(1)), unit)

    def after(self, start: dt.date) -> dt.date:
        """The date this long after ``start`` (months clamp to the month's last day).

        A date past the calendar's end (year 9999) is ``date.max``: never reached.
        """
        try:
            if self.unit == "d":
                return start + dt.timedelta(days=self.count)
            if self.unit == "w":
                return start + dt.timedelta(weeks=self.count)
            months = self.count * (12 if self.unit == "y" else 1)
            year, month0 = divmod(start.month - 1 + months, 12)
            year += start.year
            day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
            return dt.date(year, month0 + 1, day)
        except (OverflowError, ValueError):
            return dt.date.max

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"
