"""YAML reading over parser events, with YAML 1.2 core scalar resolution.

PyYAML's constructors are never used: they implement YAML 1.1 (``NO`` is
``False``, ``0777`` is octal, ``12:30`` is sexagesimal), expand aliases, and
keep the last of duplicate keys silently. Reading the event stream instead
lets every rule be checked before anything is built, and iteratively.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from icpspec.diagnostics import Code

from ._document import DocumentBuilder, LoadError, Scalar, Span, file_diagnostic

# libyaml's parser when the wheel has it (every mainstream platform); the
# pure-Python one otherwise. Both produce the same events and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NONFINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


class _TooLong(Exception):
    """A plain scalar that reads as a number longer than the limits allow."""


def resolve_plain(text: str, max_digits: int, max_chars: int) -> Scalar:
    """Resolve a plain scalar as the YAML 1.2 core schema does.

    >>> [resolve_plain(t, 30, 64) for t in ["NO", "on", "0777", "12:30", "1_000", "0x1f", "true"]]
    ['NO', 'on', 777, '12:30', '1_000', 31, True]
    """
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        if len(text.lstrip("+-")) > max_digits:
            raise _TooLong(f"a number has more than {max_digits} digits (limit)")
        return int(text)
    if _OCT.fullmatch(text) or _HEX.fullmatch(text):
        if len(text) - 2 > max_digits:
            raise _TooLong(f"a number has more than {max_digits} digits (limit)")
        return int(text[2:], 8 if text[1] == "o" else 16)
    if _FLOAT.fullmatch(text):
        if len(text) > max_chars:
            raise _TooLong(f"a number is longer than {max_chars} characters (limit)")
        return float(text)
    if _NONFINITE.fullmatch(text):
        return float("nan")  # the builder refuses it with a located message
    return text


def _span(event: yaml.Event) -> Span:
    s, e = event.start_mark, event.end_mark
    assert s is not None  # the parser marks every event
    assert e is not None
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


def _syntax_error(exc: yaml.YAMLError, text: str, builder: DocumentBuilder) -> LoadError:
    file = builder.file
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        line, col = mark.line + 1, mark.column + 1
        problem = exc.problem or "invalid YAML"
        if "maximum nesting depth" in problem:
            # libyaml's own bound (1000 levels), hit while its scanner looks
            # ahead in a run of '[' or '{', before the builder sees level 65.
            return file_diagnostic(
                Code.LIMIT_EXCEEDED,
                f"values are nested more than {builder.limits.max_depth} levels deep (limit)",
                file,
                line,
                col,
            )
        index = mark.index
        if 0 <= index < len(text) and text[index] == "\t":
            problem = "a tab character where YAML expects spaces (indent with spaces)"
        elif exc.context:
            problem = f"{problem} ({exc.context})"
        return file_diagnostic(Code.SYNTAX_ERROR, f"YAML syntax error: {problem}", file, line, col)
    if isinstance(exc, yaml.reader.ReaderError):
        offset = exc.position
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return file_diagnostic(
            Code.UNREADABLE_ENCODING,
            f"the file contains the control character U+{exc.character:04X}, not allowed in YAML"
            if isinstance(exc.character, int)
            else "the file contains a character not allowed in YAML",
            file,
            line,
            col,
        )
    return file_diagnostic(Code.SYNTAX_ERROR, "YAML syntax error", file, 1, 1)


def parse_yaml(text: str, builder: DocumentBuilder) -> None:
    """Feed the events of ``text`` into ``builder``; raise LoadError on any problem."""
    try:
        loader: Any = _Loader(text)  # PyYAML's loaders are untyped
    except yaml.YAMLError as exc:  # the pure-Python reader checks every character up front
        raise _syntax_error(exc, text, builder) from None
    documents = 0
    file = builder.file
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            span = _span(event)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise file_diagnostic(
                        Code.NOT_ONE_MAPPING,
                        "the file holds more than one YAML document ('---'); a spec is one document",
                        file,
                        span.line,
                        span.column,
                    )
                if getattr(event, "tags", None):
                    raise file_diagnostic(
                        Code.YAML_TAG_OR_ALIAS,
                        "%TAG directives are not allowed",
                        file,
                        span.line,
                        span.column,
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                raise builder._fail(
                    Code.YAML_TAG_OR_ALIAS,
                    "YAML aliases ('*name') are not allowed in a spec; write the value out",
                    span,
                )
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise builder._fail(
                    Code.YAML_TAG_OR_ALIAS,
                    "YAML anchors ('&name') are not allowed in a spec; write the value out",
                    span,
                )
            # Every explicit tag, the non-specific "!" included (RELIABILITY rule 1).
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and event.tag is not None:
                raise builder._fail(
                    Code.YAML_TAG_OR_ALIAS, "YAML tags ('!!type' or '!name') are not allowed in a spec", span
                )
            if isinstance(event, yaml.ScalarEvent):
                is_key = builder.expecting_key()
                plain = not event.style and event.tag is None and event.implicit[0]
                if is_key:
                    builder.key(event.value, span)
                elif plain:
                    try:
                        value = resolve_plain(
                            event.value,
                            builder.limits.max_integer_digits,
                            builder.limits.max_number_chars,
                        )
                    except _TooLong as exc:
                        raise builder._fail(Code.LIMIT_EXCEEDED, str(exc), span) from None
                    builder.scalar(value, span, None if isinstance(value, str) else event.value)
                else:
                    builder.scalar(event.value, span)
            elif isinstance(event, yaml.MappingStartEvent):
                if builder.expecting_key():
                    raise builder._fail(Code.SYNTAX_ERROR, "a key must be text, not a mapping", span)
                builder.start({}, span)
            elif isinstance(event, yaml.SequenceStartEvent):
                if builder.expecting_key():
                    raise builder._fail(Code.SYNTAX_ERROR, "a key must be text, not a list", span)
                builder.start([], span)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                builder.end(span.end_line, span.end_column)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, builder) from None
    finally:
        loader.dispose()
