"""The contract: the published JSON Schema, the semantic checks, load and dump."""

from __future__ import annotations

from ._api import dump, load, load_located, loads, read_spec_bytes
from ._semantics import ALLOWED_OPERATORS, check_semantics
from ._validate import SCHEMA_FILE, SCHEMA_ID, schema, schema_text, validate_document

__all__ = [
    "ALLOWED_OPERATORS",
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "check_semantics",
    "dump",
    "load",
    "load_located",
    "loads",
    "read_spec_bytes",
    "schema",
    "schema_text",
    "validate_document",
]
