"""The contract: the published JSON Schema, the semantic checks, load and dump."""

from __future__ import annotations

from ._api import dump, load, load_located, loads, read_spec_bytes
from ._semantics import (
    ALLOWED_OPERATORS,
    MAX_PATTERNS,
    RE2_MAX_MEM,
    alpha2_codes,
    check_semantics,
    compile_pattern,
)
from ._validate import SCHEMA_FILE, SCHEMA_ID, schema, schema_text, validate_document

__all__ = [
    "ALLOWED_OPERATORS",
    "MAX_PATTERNS",
    "RE2_MAX_MEM",
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "alpha2_codes",
    "check_semantics",
    "compile_pattern",
    "dump",
    "load",
    "load_located",
    "loads",
    "read_spec_bytes",
    "schema",
    "schema_text",
    "validate_document",
]
