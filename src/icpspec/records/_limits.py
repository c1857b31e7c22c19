"""The fixed limits of record files (documented in docs/limits.md and docs/match.md)."""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_RECORD_LIMITS", "RecordLimits"]


@attrs.frozen
class RecordLimits:
    """Bounds on one record of a CSV or JSON Lines file.

    A record over a limit is reported with its line number and skipped; the
    rest of the file is still read. The limits keep memory flat whatever the
    file holds (a 100 MB line without a newline is read 1 MiB at a time and
    thrown away), and they are far above real CRM exports: Excel's own limit
    on a cell is 32,767 characters.
    """

    #: Bytes in one physical line (to its newline).
    max_line_bytes: int = 1024 * 1024
    #: Bytes in one record, all its physical lines together (quoted fields may hold newlines).
    max_record_bytes: int = 1024 * 1024
    #: Physical lines in one record.
    max_record_lines: int = 10_000
    #: Characters in one CSV field: the ``csv`` module's own default, set deliberately.
    max_field_chars: int = 131_072
    #: Levels of nested objects and lists in one JSON Lines record (the record itself is one).
    max_json_depth: int = 64


DEFAULT_RECORD_LIMITS = RecordLimits()
