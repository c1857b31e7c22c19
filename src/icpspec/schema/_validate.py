"""Checking located plain data against the published JSON Schema.

The validator is built deliberately: an explicit, empty ``referencing``
registry (no ``$ref`` is ever fetched from the network or the file system),
and a format checker with exactly the formats the schema uses. Messages are
written here from each error's keyword and path, never from jsonschema's
defaults (which print a ``repr`` of the whole instance).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from icpspec.diagnostics import Code, Diagnostic, did_you_mean, make_pointer, pointer_to_path, quote
from icpspec.loader import LocatedDocument, Path, PlainData

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "icpspec-1.schema.json"
SCHEMA_ID = "https://icpspec.dev/schemas/icpspec-1.schema.json"

_OPERATORS = (
    "equals", "in", "not_in", "min", "max", "between", "contains_any", "contains_all",
    "matches", "exists", "all", "any", "not",
)  # fmt: skip


@functools.cache
def schema_text() -> str:
    """The published JSON Schema (draft-07), exactly as shipped."""
    return resources.files("icpspec.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@functools.cache
def schema() -> Mapping[str, Any]:
    """The published JSON Schema as a mapping."""
    data: dict[str, Any] = json.loads(schema_text())
    return data


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(value: object) -> bool:
    """An ISO 8601 calendar date, ``YYYY-MM-DD``, that exists."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme == "mailto")


@functools.cache
def validator() -> Draft7Validator:
    """The one schema validator: no remote or file references, deliberate formats."""
    from jsonschema import Draft7Validator, FormatChecker
    from referencing import Registry

    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    checker.checks("uri")(_is_uri)
    return Draft7Validator(schema(), registry=Registry(), format_checker=checker)


def _kind(value: object) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "an empty value",
}


def _types(expected: object) -> str:
    items = expected if isinstance(expected, list) else [expected]
    names = [_TYPE_NAMES.get(str(t), str(t)) for t in items]
    return " or ".join(names)


#: What each checked ``format`` asks for, in words.
_FORMATS: Mapping[str, str] = {
    "date": "a date as YYYY-MM-DD",
    "uri": "an absolute URI such as https://example.com",
}


class _Messages:
    """Writes one diagnostic (or several, for unknown keys) per schema error."""

    def __init__(self, doc: LocatedDocument) -> None:
        self.doc = doc

    def shown(self, path: Path, value: object) -> str:
        """The value as the user wrote it (never a value they did not write)."""
        raw = self.doc.raw_text.get(path)
        if raw is not None:
            return raw
        if isinstance(value, str):
            return quote(value)
        if isinstance(value, bool | int | float) or value is None:
            return json.dumps(value)
        return _kind(value)

    def at(self, path: Path, message: str, *, on_key: bool = False) -> Diagnostic:
        return self.doc.diagnostic(Code.SCHEMA_VIOLATION, message, path, on_key=on_key)

    def convert(self, error: ValidationError) -> Iterator[Diagnostic]:
        path: Path = tuple(error.absolute_path)
        kw = error.validator
        value: Any = error.instance
        rule: Any = error.validator_value
        schema_node = error.schema if isinstance(error.schema, Mapping) else {}
        title = _name(path, schema_node)
        if kw in ("anyOf", "oneOf") and isinstance(value, dict) and _is_condition_schema(error):
            yield self.at(path, _operator_message(value), on_key=True)
            return
        if kw in ("anyOf", "oneOf"):
            branches = [b for b in rule if isinstance(b, Mapping)]
            if branches and all(list(b) == ["required"] for b in branches):
                keys = " or ".join(quote(b["required"][0]) for b in branches)
                yield self.at(path, f"{title} needs {keys}", on_key=True)
                return
            # Errors from branches whose type fits the value say what is wrong
            # with it; the most specific (deepest) of them is the one to show.
            fitting = [
                e
                for e in error.context or ()
                if e.validator != "type" or e.absolute_path != error.absolute_path
            ]
            best = max(fitting, key=lambda e: len(e.absolute_path)) if fitting else None
            others = [_types(b["type"]) for b in branches if "type" in b and "format" not in b]
            if best is not None and best.validator == "format" and others:
                # Text that is no date where a number would also do: name both.
                expected = " or ".join([*others, _FORMATS.get(str(best.validator_value), "another value")])
                yield self.at(path, f"expected {expected} for {title}, found {self.shown(path, value)}")
                return
            if best is not None:
                yield from self.convert(best)
                return
            kinds = sorted({_types(b["type"]) for b in branches if "type" in b})
            yield self.at(
                path,
                f"expected {' or '.join(kinds) or 'another value'} for {title}, found {_kind(value)}",
            )
            return
        if kw == "additionalProperties":
            allowed = list(schema_node.get("properties", {}))
            for key in value:
                if key not in allowed:
                    hint = did_you_mean(key, allowed)
                    if not hint and allowed:
                        hint = (
                            "; allowed here: "
                            + ", ".join(allowed[:12])
                            + (", …" if len(allowed) > 12 else "")
                        )
                    yield self.at((*path, key), f"unknown key {quote(key)} in {title}{hint}", on_key=True)
            return
        if kw == "required":
            missing = [k for k in rule if k not in value]
            if missing == ["id"] and "field" not in value:
                if not any(k in value for k in ("all", "any", "not")):
                    return  # no operator at all: the oneOf error says so, once
                message = "a combinator ('all', 'any', 'not') needs an 'id'"
            else:
                message = f"{title} is missing the required key {quote(missing[0] if missing else '?')}"
            yield self.at(path, message, on_key=True)
            return
        if kw == "not":
            # The schema uses "not" only in the dependencies of combinators:
            # `{"all": {"not": {"required": ["field"]}}}` fails on the object itself.
            op = next((k for k in value if k in ("all", "any", "not")), "?")
            yield self.at(
                (*path, "field"), f"{quote(op)} combines conditions and takes no 'field'", on_key=True
            )
            return
        if kw == "dependencies":
            op = next((k for k in value if k in _OPERATORS), "?")
            if op in ("all", "any", "not"):
                yield self.at(
                    (*path, "field"),
                    f"{quote(op)} combines conditions and takes no 'field'",
                    on_key=True,
                )
            else:
                yield self.at(path, f"the operator {quote(op)} needs a 'field' to read", on_key=True)
            return
        if kw == "type":
            yield self.at(path, f"expected {_types(rule)} for {title}, found {_kind(value)}")
            return
        if kw == "enum":
            choices = [str(c) for c in rule]
            hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
            hint = hint or "; expected one of " + ", ".join(choices)
            yield self.at(path, f"{self.shown(path, value)} is not a valid {title}{hint}")
            return
        if kw == "const":
            yield self.at(
                path,
                f"expected {json.dumps(rule)} for {title}, found {self.shown(path, value)}",
            )
            return
        if kw == "format":
            yield self.at(path, f"{self.shown(path, value)} is not {_FORMATS[rule]}")
            return
        if "propertyNames" in error.absolute_schema_path:
            # jsonschema reports a bad key of an id-keyed mapping on the mapping,
            # with the key itself as the instance: point at the key.
            key = value if isinstance(value, str) else ""
            yield self.at((*path, key), f"{quote(key)} is not a valid key here: {_KEY_RULES}", on_key=True)
            return
        if kw == "pattern":
            expected = _PATTERN_MEANS.get(
                str(schema_node.get("title", "")), "does not have the expected form"
            )
            yield self.at(path, f"{self.shown(path, value)} {expected}")
            return
        if kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            words = {
                "minimum": "at least",
                "maximum": "at most",
                "exclusiveMinimum": "more than",
                "exclusiveMaximum": "less than",
            }
            yield self.at(
                path,
                f"{title} must be {words[kw]} {rule}, found {self.shown(path, value)}",
            )
            return
        if kw in ("minItems", "maxItems"):
            n = rule
            if n == schema_node.get("maxItems") == schema_node.get("minItems"):
                count = f"exactly {n}"
            else:
                count = f"at least {n}" if kw == "minItems" else f"at most {n}"
            yield self.at(path, f"{title} needs {count} item{'s' if n != 1 else ''}, found {len(value)}")
            return
        if kw in ("minLength", "maxLength"):
            n = rule
            length = (
                "must not be empty"
                if kw == "minLength" and n == 1
                else (
                    f"must be at least {n} characters"
                    if kw == "minLength"
                    else f"must be at most {n} characters"
                )
            )
            yield self.at(path, f"{title} {length}")
            return
        if kw == "minProperties":
            yield self.at(path, f"{title} must not be empty")
            return
        if kw == "if":  # pragma: no cover - 'if' itself never fails; 'then' does
            return
        yield self.at(path, f"{title} is not valid here ({kw})")


_KEY_RULES = "ids are at most 64 letters, digits, '_', '.' and '-', starting with a letter or digit"

#: What a value failing each titled pattern should have been.
_PATTERN_MEANS = {
    "Id": "is not a valid id: " + _KEY_RULES.removeprefix("ids are "),
    "Field name": "is not a valid field name: lower-case letters, digits and '_', starting with a letter",
    "Duration": "is not a duration such as 90d, 12w, 6m or 1y",
    "Currency": "is not an ISO 4217 currency code such as USD or EUR",
}


def _name(path: Path, schema_node: Mapping[str, Any]) -> str:
    """What to call the value at ``path``: its schema title, else where it is."""
    if not path:
        return "the spec"
    title = schema_node.get("title")
    if title:
        return str(title).lower()
    # Untitled nodes are items of lists and values of id-keyed mappings.
    return pointer_to_path(make_pointer(path[-2:])) if len(path) > 1 else str(path[0])


def _is_condition_schema(error: ValidationError) -> bool:
    branches: Any = error.validator_value
    return error.validator == "oneOf" and all(
        isinstance(b, Mapping) and list(b) == ["required"] and b["required"][0] in _OPERATORS
        for b in branches
    )


def _operator_message(value: Mapping[str, Any]) -> str:
    ops = [k for k in value if k in _OPERATORS]
    if not ops:
        return "a condition needs one operator: " + ", ".join(_OPERATORS)
    hint = " (use 'between' for a range)" if set(ops) == {"min", "max"} else ""
    return f"a condition has exactly one operator, found {len(ops)}: {', '.join(ops)}{hint}"


def _set(data: PlainData, path: Path, value: PlainData) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _text_fixes(error: ValidationError, doc: LocatedDocument) -> Iterator[Path]:
    """Paths where text was expected and the user wrote a plain 0777, 2026.3 or true."""
    stack = [error]
    while stack:
        e = stack.pop()
        stack.extend(e.context or ())
        if e.validator != "type":
            continue
        expected = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
        path = tuple(e.absolute_path)
        if "string" in expected and path in doc.raw_text and e.instance is not None:
            yield path


#: Problems reported per file; a document this broken says enough by then.
MAX_DIAGNOSTICS = 100


_TOO_MANY = f"stopped after {MAX_DIAGNOSTICS} problems; fix these first"


def too_many(at: Diagnostic) -> Diagnostic:
    """The last diagnostic of a file that had more problems than are reported."""
    return attrs.evolve(at, message=_TOO_MANY)


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """By position in the file; the line saying the report stopped stays last."""
    items = list(diagnostics)
    stop = [d for d in items if d.message == _TOO_MANY]
    rest = [d for d in items if d.message != _TOO_MANY]
    return sorted(rest, key=lambda d: (d.line, d.column, d.code, d.message)) + stop[:1]


def validate_document(doc: LocatedDocument) -> list[Diagnostic]:
    """Check ``doc`` against the schema; return every problem, located (at most MAX_DIAGNOSTICS).

    Where the schema expects text and the user wrote a plain scalar that YAML
    reads as a number or boolean (``version: 2026.3``, ``zip: 0777``), the
    text as written is used instead: it is text where text is expected.
    Errors are streamed, never kept: each becomes its messages at once.
    """
    v = validator()
    messages = _Messages(doc)
    for _ in range(8):  # each pass restores every such value it sees; nesting needs few
        fixes: set[Path] = set()
        found: dict[tuple[int, int, str], Diagnostic] = {}
        for err in v.iter_errors(doc.data):
            fixable = set(_text_fixes(err, doc))
            if fixable:
                fixes |= fixable
                continue
            for d in messages.convert(err):
                found.setdefault((d.line, d.column, d.message), d)
                if len(found) >= MAX_DIAGNOSTICS:
                    break
            if len(found) >= MAX_DIAGNOSTICS and not fixes:
                found[(0, 0, "")] = too_many(doc.diagnostic(Code.SCHEMA_VIOLATION, "", ()))
                break
        if not fixes:
            break
        for path in fixes:
            _set(doc.data, path, doc.raw_text.pop(path))
    return ordered(found.values())
