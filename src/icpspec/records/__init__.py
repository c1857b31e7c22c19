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

from icpspec.model import Spec

from ._cells import cell_name
from ._columns import (
    UNIT_NAMES,
    ColumnMapping,
    ColumnMappingError,
    Columns,
    ColumnsError,
    ColumnsWarning,
    MissingPolicy,
    ResolvedColumns,
    column_named,
    header_unit,
    map_columns,
    missing_field_message,
    report_missing,
    scale,
)
from ._fields import CONTACT_SOURCE_FIELDS, contact_fields, missing_readers, spec_fields, target_columns
from ._limits import DEFAULT_RECORD_LIMITS, RecordLimits
from ._mode import ModeChoice, contacts_mode
from ._personas import PERSONA_COLUMNS, PERSONA_EXPLAIN_COLUMNS, PERSONA_READS, PersonaScorer
from ._reader import ReadReport, RecordFormat, RecordReader, SkippedRecord, record_format
from ._score import EXPLAIN_COLUMNS, NEW_COLUMNS, score_records
from ._source import RecordFileError
from ._summary import ColumnReport, ProgressCallback, ScoreSummary, UnknownValues, tally_counts
from ._varying import MAX_LISTED_KEYS, CellReader, VaryingColumns, cell_readers
from ._writer import CsvWriter, JsonlWriter, escape_formula, escape_row, line_may_hold_formula

__all__ = [
    "CONTACT_SOURCE_FIELDS",
    "DEFAULT_RECORD_LIMITS",
    "EXPLAIN_COLUMNS",
    "MAX_LISTED_KEYS",
    "NEW_COLUMNS",
    "PERSONA_COLUMNS",
    "PERSONA_EXPLAIN_COLUMNS",
    "PERSONA_READS",
    "UNIT_NAMES",
    "CellReader",
    "ColumnMapping",
    "ColumnMappingError",
    "ColumnReport",
    "Columns",
    "ColumnsError",
    "ColumnsWarning",
    "CsvWriter",
    "JsonlWriter",
    "MissingPolicy",
    "ModeChoice",
    "PersonaScorer",
    "ProgressCallback",
    "ReadReport",
    "RecordFileError",
    "RecordFormat",
    "RecordLimits",
    "RecordReader",
    "ResolvedColumns",
    "ScoreSummary",
    "SkippedRecord",
    "UnknownValues",
    "VaryingColumns",
    "cell_name",
    "cell_readers",
    "column_named",
    "contact_fields",
    "contacts_mode",
    "escape_formula",
    "escape_row",
    "header_unit",
    "line_may_hold_formula",
    "map_columns",
    "missing_field_message",
    "missing_readers",
    "read_records",
    "record_format",
    "report_missing",
    "scale",
    "score_records",
    "spec_fields",
    "tally_counts",
    "target_columns",
]


def read_records(
    source: str | os.PathLike[str] | BinaryIO,
    spec: Spec,
    *,
    profiles: Iterable[str] | None = None,
    columns: Columns | Mapping[str, str] | None = None,
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
