"""Record files: CSV and JSON Lines read safely, in constant memory, as a spec's fields.

:class:`RecordReader` reads a file of accounts (a CRM export, an enrichment
vendor's JSON Lines), matches its columns to the spec's fields through the
field catalogue's aliases, reads each value as its field's type, and reports
every record it cannot read instead of dropping it (RELIABILITY.md, "Record
files"). :func:`read_records` does it for a spec's profiles.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from icpspec.engine.compile import fields_read
from icpspec.model import Entity, FieldDefinition, Profile, ProfileStatus, Spec, resolve_fields

from ._columns import ColumnMapping, ColumnMappingError, map_columns
from ._limits import DEFAULT_RECORD_LIMITS, RecordLimits
from ._mode import ModeChoice, contacts_mode
from ._reader import ReadReport, RecordFormat, RecordReader, SkippedRecord, record_format
from ._source import RecordFileError
from ._writer import CsvWriter, JsonlWriter, escape_formula, escape_row, line_may_hold_formula

__all__ = [
    "DEFAULT_RECORD_LIMITS",
    "ColumnMapping",
    "ColumnMappingError",
    "CsvWriter",
    "JsonlWriter",
    "ModeChoice",
    "ReadReport",
    "RecordFileError",
    "RecordFormat",
    "RecordLimits",
    "RecordReader",
    "SkippedRecord",
    "contact_fields",
    "contacts_mode",
    "escape_formula",
    "escape_row",
    "line_may_hold_formula",
    "map_columns",
    "read_records",
    "record_format",
    "spec_fields",
]


def spec_fields(spec: Spec, profiles: Iterable[str] | None = None) -> dict[str, FieldDefinition]:
    """The fields that ``profiles`` of ``spec`` read (default: every profile not retired)."""
    ids = (
        list(profiles)
        if profiles is not None
        else [pid for pid, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED]
    )
    known = resolve_fields(spec.fields, Entity.ACCOUNT)
    out: dict[str, FieldDefinition] = {}
    for pid in ids:
        for name in fields_read(spec.profiles[pid]):
            if name in known:
                out.setdefault(name, known[name])
    return out


#: The contact fields a persona matcher reads from every contact, whatever its personas say.
CONTACT_SOURCE_FIELDS = ("title", "seniority", "department")


def contact_fields(spec: Spec, personas: Iterable[Profile]) -> dict[str, FieldDefinition]:
    """The contact fields read to match ``personas`` (profiles made from a spec's personas).

    ``title``, ``seniority`` and ``department`` always (the persona matcher
    reads a contact's level and function from them), then every field the
    personas' own criteria read.

    >>> import icpspec
    >>> from icpspec.engine import ContactMatcher
    >>> spec = icpspec.load("examples/acme.icp.yaml")
    >>> list(contact_fields(spec, [m.profile for m in ContactMatcher(spec).matchers.values()]))
    ['title', 'seniority', 'department']
    """
    known = resolve_fields(spec.fields, Entity.CONTACT)
    out = {name: known[name] for name in CONTACT_SOURCE_FIELDS}
    for profile in personas:
        for name in fields_read(profile):
            if name in known:
                out.setdefault(name, known[name])
    return out


def read_records(
    source: str | os.PathLike[str] | BinaryIO,
    spec: Spec,
    *,
    profiles: Iterable[str] | None = None,
    columns: Mapping[str, str] | None = None,
    limits: RecordLimits = DEFAULT_RECORD_LIMITS,
) -> RecordReader:
    """A :class:`RecordReader` of ``source`` for the fields ``spec``'s profiles read.

    Iterate it for the records (plain dicts keyed by field); its ``report``
    then holds the skipped records and the unknown values per field.

    >>> import icpspec
    >>> spec = icpspec.load("examples/sp500/sp500.icp.yaml")
    >>> with read_records("examples/sp500/sp500_constituents.csv", spec) as reader:
    ...     records = list(reader)
    >>> len(records), reader.report.skipped
    (503, 0)
    >>> records[3]
    {'industry': 'Health Care', 'sub_industry': 'Biotechnology', 'founded_year': None, 'headquarters': ...}
    >>> reader.report.unreadable, reader.report.examples["founded_year"]
    ({'founded_year': 39}, '2013 (1888)')
    """
    return RecordReader(source, spec_fields(spec, profiles), columns=columns, limits=limits)
