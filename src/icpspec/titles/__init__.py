"""Job titles read as seniority and department, with tables shipped as data.

>>> from icpspec.titles import normalize_title
>>> normalize_title("Geschäftsführer").seniority
'c_level'

The tables are plain text files in ``icpspec/data/titles`` (one
``phrase | seniority | department | flags`` a line), read on first use;
:func:`read_table` reads a user's own file in the same format, and
:class:`TitleNormalizer` combines them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from icpspec.diagnostics import IcpspecError, escape

from ._normalizer import (
    MAX_TITLE_LENGTH,
    TitleInfo,
    TitleMatch,
    TitleNormalizer,
    default_normalizer,
    normalize_title,
)
from ._tables import DEPARTMENTS, SENIORITIES, TableEntry, fold, parse_table, tokens

__all__ = [
    "DEPARTMENTS",
    "MAX_TITLE_LENGTH",
    "SENIORITIES",
    "TableEntry",
    "TitleInfo",
    "TitleMatch",
    "TitleNormalizer",
    "default_normalizer",
    "fold",
    "normalize_title",
    "parse_table",
    "read_as",
    "read_table",
    "tokens",
]

#: Largest user table read, in bytes.
MAX_TABLE_BYTES = 1_000_000


def read_table(path: str | Path) -> tuple[TableEntry, ...]:
    """Read a user's title table file (UTF-8, the shipped tables' format).

    Raises :class:`~icpspec.IcpspecError` naming the file (and line) for an
    unreadable, oversized or malformed file.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IcpspecError(f"{escape(str(p))}: cannot read: {escape(exc.strerror or str(exc))}") from None
    if len(data) > MAX_TABLE_BYTES:
        raise IcpspecError(f"{escape(str(p))}: larger than {MAX_TABLE_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IcpspecError(f"{escape(str(p))}: not UTF-8 (byte {exc.start})") from None
    return tuple(parse_table(text, escape(str(p))))


def read_as(value: str, vocabulary: Iterable[str]) -> str | None:
    """The seniority or department id ``value`` stands for, if ``vocabulary`` is one of them.

    The id itself in any case or spelling (``C-Level`` is ``c_level``), or
    what the title tables read the value as (``IT`` is
    ``information_technology``, ``Sales Ops`` is ``operations``); ``None``
    when it says nothing, or ``vocabulary`` is neither :data:`SENIORITIES`
    nor :data:`DEPARTMENTS`.

    >>> read_as("VP", SENIORITIES), read_as("Sales Ops", DEPARTMENTS)
    ('vp', 'operations')
    """
    choices = frozenset(vocabulary)
    if choices not in (frozenset(SENIORITIES), frozenset(DEPARTMENTS)):
        return None
    as_id = "_".join(fold(value).replace("-", " ").split())
    if as_id in choices:
        return as_id
    info = normalize_title(value)
    said = info.seniority if choices == frozenset(SENIORITIES) else info.department
    return said if said in choices else None
