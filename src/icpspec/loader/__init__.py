"""Bytes to located plain data: the first, untrusting stage of reading a spec.

Everything here follows ``RELIABILITY.md`` (section "Spec files"): strict
decoding, size and depth limits checked before anything is built, YAML 1.2
core scalars, no tags, anchors or aliases, duplicate keys refused, one
mapping document, finite numbers only. Nothing here knows what a spec means.
"""

from __future__ import annotations

from typing import Literal

from ._decode import decode
from ._document import (
    DocumentBuilder,
    LoadError,
    LocatedDocument,
    Location,
    Path,
    PathPart,
    PlainData,
    Scalar,
    Span,
)
from ._json import parse_json
from ._limits import DEFAULT_LIMITS, Limits
from ._yaml import parse_yaml

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "LoadError",
    "LocatedDocument",
    "Location",
    "Path",
    "PathPart",
    "PlainData",
    "Scalar",
    "Span",
    "decode",
    "read_document",
    "sniff_format",
]

Format = Literal["yaml", "json"]


def sniff_format(file: str, text: str) -> Format:
    """JSON for ``*.json`` files and text starting with ``{`` outside YAML files; else YAML."""
    lower = file.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if text.lstrip(" \t\r\n").startswith("{") else "yaml"


def read_document(
    data: bytes | str,
    *,
    file: str = "<string>",
    format: Format | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LocatedDocument:
    """Parse one spec document from ``data``; raise :class:`LoadError` on any problem."""
    if isinstance(data, bytes):
        text = decode(data, file, limits)
    else:
        text = decode(data.encode("utf-8", "surrogatepass"), file, limits)
    fmt = format or sniff_format(file, text)
    builder = DocumentBuilder(file, limits)
    if fmt == "json":
        parse_json(text, builder)
    else:
        parse_yaml(text, builder)
    lines = text.count("\n") + 1
    return builder.document(Span(1, 1, lines, 1))
