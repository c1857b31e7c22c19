"""What the generated matcher calls at run time: the readers and constants of its namespace.

Every compiled profile's functions start from :data:`_RUNTIME` as their
globals (see :mod:`icpspec.engine.compile`); the helpers here are the calls
its generated statements make where no inline expression does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from icpspec.model import MatchStatus

from . import values as _values
from .values import UNKNOWN


def _folded_list(x: object) -> object:
    """``read_list`` case-folded into a set; one pass for the common list of texts."""
    if type(x) is list:
        out = set()
        for item in x:
            if type(item) is not str:
                break
            text = item.strip()
            if text:
                out.add(text.casefold())
        else:
            return out or UNKNOWN
    items = _values.read_list(x)
    return UNKNOWN if items is UNKNOWN else {i.casefold() for i in items}  # type: ignore[union-attr]


def _list_element(item: object) -> str | None:
    """One element of a list field, folded for comparison; ``None`` when it is no text."""
    text = _values.read_raw_text(item)
    return None if text is UNKNOWN else text.casefold()  # type: ignore[union-attr]


def _match_list(search: Callable[[str], int], x: object) -> int:
    items = _values.read_list(x)
    if items is UNKNOWN:
        return 2
    outcome = 0
    for text in items:  # type: ignore[union-attr]
        code = search(text)
        if code == 1:
            return 1
        outcome = max(outcome, code)
    return outcome


_RUNTIME: Mapping[str, object] = {
    "_U": UNKNOWN,
    "_date": dt.date,
    "_num": _values.read_number,
    "_text": _values.read_text,
    "_rawtext": _values.read_raw_text,
    "_bool": _values.read_bool,
    "_rdate": _values.read_date,
    "_country": _values.read_country,
    "_flist": _folded_list,
    "_elem": _list_element,
    "_match_list": _match_list,
    "_DISQ": MatchStatus.DISQUALIFIED,
    "_REQF": MatchStatus.REQUIRED_FAILED,
    "_INSUF": MatchStatus.INSUFFICIENT_DATA,
    "_SCORED": MatchStatus.SCORED,
}
