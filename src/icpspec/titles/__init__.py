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
