"""Regenerate the parts of the docs that are generated from the code.

    python docs/gen_reference.py           # rewrite the generated blocks in place
    python docs/gen_reference.py --check   # exit 1 if a generated block is out of date

A generated block sits between two marker comments in a page,
``<!-- generated:NAME:start -->`` and ``<!-- generated:NAME:end -->``; only
the text between them is rewritten. The sources are the published JSON Schema
(key tables), ``icpspec.model.ACCOUNT_FIELDS`` and ``CONTACT_FIELDS`` (the
field catalogue) and ``icpspec.schema.ALLOWED_OPERATORS`` (which operator reads
which field type). ``tests/test_docs.py`` fails when a block is out of date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from icpspec.model import ACCOUNT_FIELDS, CONTACT_FIELDS, OPERATORS, FieldDefinition, FieldType
from icpspec.schema import ALLOWED_OPERATORS, schema, strict_schema

DOCS = Path(__file__).resolve().parent

_BLOCK = re.compile(
    r"(?P<start><!-- generated:(?P<name>[a-z0-9-]+):start -->\n)"
    r"(?P<body>.*?)"
    r"(?P<end><!-- generated:(?P=name):end -->)",
    re.S,
)

# -- helpers -------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(value: object) -> str:
    """A value as inline code, written as in a YAML spec."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    elif isinstance(value, list):
        text = "[" + ", ".join(_flow(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    else:
        text = json.dumps(value)
    return f"`{text}`"


def _flow(value: object) -> str:
    return _code(value)[1:-1]


def _join(words: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _anchor(title: str) -> str:
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


# -- key tables from the schema --------------------------------------------------------------

_ROOT = "#"
_SCALAR_NAMES = {
    "id": "id",
    "field_name": "field name",
    "duration": "duration",
    "number_text": "number as text (`12k`, `$5M`, `1B`)",
}


class _Reference:
    """Renders the key tables of every object in the schema."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.defs: Mapping[str, Any] = root["definitions"]
        self.condition_keys = set(self.defs["condition"]["properties"])

    def title(self, name: str) -> str:
        return "The document" if name == _ROOT else str(self.defs[name]["title"])

    def node(self, name: str) -> Mapping[str, Any]:
        if name == _ROOT:
            return self.root
        if name == "claim":  # text, or this mapping
            return next(b for b in self.defs["claim"]["anyOf"] if b.get("type") == "object")
        node: Mapping[str, Any] = self.defs[name]
        return node

    def is_object(self, name: str) -> bool:
        return name == "claim" or "properties" in self.defs[name]

    def link(self, name: str) -> str:
        return f"[{self.title(name)}](#{_anchor(self.title(name))})"

    def refs(self, node: Any) -> Iterator[str]:
        """Object definitions ``node`` refers to, in the order they appear."""
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/definitions/"):
                yield ref.rsplit("/", 1)[1]
            for key, value in node.items():
                if key != "definitions":
                    yield from self.refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from self.refs(item)

    def order(self) -> list[str]:
        """Objects breadth first from the document, so the top-level ones come first."""
        seen: set[str] = set()
        queue, out = [_ROOT], []
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if current == _ROOT or self.is_object(current):
                out.append(current)
            source = self.root["properties"] if current == _ROOT else self.defs[current]
            queue.extend(n for n in self.refs(source) if n not in seen)
        return out

    # type descriptions

    def type_of(self, node: Mapping[str, Any]) -> str:
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[1]
            if name in _SCALAR_NAMES:
                return _SCALAR_NAMES[name] + self._length(self.defs[name], unit_only=True)
            if name.startswith("op_") or name == "condition":
                return self.type_of(self.defs[name]) if name != "condition" else self.link("condition")
            return self.link(name)
        if "const" in node:
            return _code(node["const"])
        if "enum" in node:
            return "one of " + ", ".join(_code(v) for v in node["enum"])
        if "anyOf" in node and "type" not in node:
            return _join([self.type_of(b) for b in node["anyOf"]])
        kind = node.get("type")
        if isinstance(kind, list):
            return _join([self._simple(k) for k in kind])
        if kind == "string":
            fmt = node.get("format")
            if fmt == "date":
                return "date (`YYYY-MM-DD`)"
            if fmt == "uri":
                return "URI" + self._length(node)
            if "pattern" in node:
                return f"text matching `{node['pattern']}`"
            return "text" + self._length(node)
        if kind in ("number", "integer"):
            return self._simple(kind) + self._range(node)
        if kind in ("boolean", "null"):
            return self._simple(kind)
        if kind == "array":
            return self._array(node) if "items" in node else "list"
        if kind == "object":
            return self._mapping(node)
        return "any value"  # pragma: no cover - the schema types every value

    def _simple(self, kind: str) -> str:
        return {
            "string": "text",
            "number": "number",
            "integer": "whole number",
            "boolean": "`true`/`false`",
            "null": "empty (`null`)",
            "array": "list",
            "object": "mapping",
        }[kind]

    def _length(self, node: Mapping[str, Any], *, unit_only: bool = False) -> str:
        low, high = node.get("minLength", 0), node.get("maxLength")
        if high is None:
            return " (not empty)" if low == 1 else ""
        if unit_only or low == 0:
            return f" (≤ {high} chars)"
        return f" ({low} to {high} chars)"

    def _range(self, node: Mapping[str, Any]) -> str:
        parts = []
        if "minimum" in node and "maximum" in node:
            return f" ({node['minimum']} to {node['maximum']})"
        if "exclusiveMinimum" in node:
            parts.append(f"> {node['exclusiveMinimum']}")
        if "minimum" in node:
            parts.append(f"≥ {node['minimum']}")
        if "maximum" in node:
            parts.append(f"≤ {node['maximum']}")
        return f" ({', '.join(parts)})" if parts else ""

    def _array(self, node: Mapping[str, Any]) -> str:
        items = self.type_of(node.get("items", {}))
        low, high = node.get("minItems"), node.get("maxItems")
        if low is not None and low == high:
            return f"list of exactly {low}: {items}"
        suffix = f" (at least {low})" if low else ""
        return f"list of {items}{suffix}"

    def _mapping(self, node: Mapping[str, Any]) -> str:
        keys = self.type_of(node.get("propertyNames", {"type": "string"}))
        values = self.type_of(node.get("additionalProperties", {}))
        suffix = " (at least 1 entry)" if node.get("minProperties") else ""
        return f"mapping of {keys} → {values}{suffix}"

    # tables

    def rows(self, name: str) -> list[str]:
        node = self.node(name)
        props: Mapping[str, Any] = node.get("properties", {})
        required = set(node.get("required", ()))
        collapse = name not in ("condition",) and self.condition_keys <= set(props)
        out = [
            "| Key | Title | Type | Required | Default | Description |",
            "|---|---|---|---|---|---|",
        ]
        if collapse:
            out.append(
                f"| `field` and one operator | Condition | see {self.link('condition')} | yes | | "
                "The condition this entry checks: a `field` with one operator, or a combinator. |"
            )
        for key, prop in props.items():
            if collapse and key in self.condition_keys:
                continue
            description = str(prop.get("description", ""))
            examples = [e for e in prop.get("examples", ()) if not isinstance(e, dict)]
            if examples and not self.type_of(prop).startswith("one of"):
                description += " Example: " + ", ".join(_code(e) for e in examples[:2]) + "."
            default = _code(prop["default"]) if "default" in prop else ""
            out.append(
                "| "
                + " | ".join(
                    _cell(c)
                    for c in (
                        f"`{key}`",
                        str(prop.get("title", "")),
                        self.type_of(prop),
                        "yes" if key in required else "",
                        default,
                        description,
                    )
                )
                + " |"
            )
        return out

    def notes(self, name: str) -> list[str]:
        node = self.node(name)
        notes = []
        one_of = node.get("oneOf", ())
        if one_of and all(list(b) == ["required"] for b in one_of):
            ops = ", ".join(f"`{b['required'][0]}`" for b in one_of)
            notes.append(f"Exactly one operator key: {ops}.")
        deps: Mapping[str, Any] = node.get("dependencies", {})
        needs = [k for k, v in deps.items() if isinstance(v, list)]
        takes_none = [k for k, v in deps.items() if isinstance(v, Mapping)]
        if needs:
            notes.append(
                f"{', '.join(f'`{k}`' for k in needs)} read the record field named by `field`; "
                f"the combinators {', '.join(f'`{k}`' for k in takes_none)} take no `field`."
            )
        condition = node.get("if", {}).get("not", {}).get("required")
        then = node.get("then", {}).get("required")
        if condition and then:
            notes.append(f"`{then[0]}` is required when there is no `{condition[0]}` (a combinator).")
        any_of = node.get("anyOf", ())
        if any_of and all(list(b) == ["required"] for b in any_of):
            keys = " or ".join(f"`{b['required'][0]}`" for b in any_of)
            notes.append(f"Needs {keys}.")
        if node.get("additionalProperties") is False:
            notes.append("No other keys are allowed.")
        return notes

    def section(self, name: str) -> list[str]:
        source = self.root if name == _ROOT else self.defs[name]
        lines = [f"### {self.title(name)}", "", str(source.get("description", ""))]
        if name == "claim":
            lines += ["", "Written as plain text, or as a mapping with these keys:"]
        lines += ["", *self.rows(name)]
        notes = self.notes(name)
        if notes:
            lines += ["", *notes]
        return lines


def keys_reference() -> str:
    """Key tables for every object in the published schema."""
    # The strict form: the reference says 'text' where text is meant (a plain 2026.3 is read as text).
    ref = _Reference(strict_schema(schema()))
    lines: list[str] = []
    for name in ref.order():
        if lines:
            lines.append("")
        lines += ref.section(name)
    return "\n".join(lines) + "\n"


# -- the field catalogue ------------------------------------------------------------------


def _field_table(fields: Mapping[str, FieldDefinition]) -> str:
    lines = [
        "| Field | Type | Category | Description | Aliases |",
        "|---|---|---|---|---|",
    ]
    for f in fields.values():
        aliases = ", ".join(f"`{a}`" for a in f.aliases)
        cells = (f"`{f.id}`", f"`{f.type.value}`", f.category.value, f.description or "", aliases)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def account_fields() -> str:
    """The standard account fields."""
    return _field_table(ACCOUNT_FIELDS)


def contact_fields() -> str:
    """The standard contact fields."""
    return _field_table(CONTACT_FIELDS)


# -- operators by field type -----------------------------------------------------------------


def operators() -> str:
    """Which operator may read a field of which type."""
    types = list(FieldType)
    lines = [
        "| Operator | " + " | ".join(f"`{t.value}`" for t in types) + " |",
        "|---|" + "---|" * len(types),
    ]
    for op in OPERATORS:
        if op in ("all", "any", "not"):
            continue
        marks = ["✓" if op in ALLOWED_OPERATORS[t] else "" for t in types]
        lines.append(f"| `{op}` | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"


# -- pages ---------------------------------------------------------------------------------

GENERATORS: dict[str, dict[str, Callable[[], str]]] = {
    "spec-format.md": {
        "keys": keys_reference,
        "account-fields": account_fields,
        "contact-fields": contact_fields,
        "operators": operators,
    },
}


def render(text: str, generators: Mapping[str, Callable[[], str]], page: str) -> str:
    """``text`` with every generated block rewritten; every generator must have its block."""
    found: list[str] = []

    def replace(m: re.Match[str]) -> str:
        name = m["name"]
        if name not in generators:
            raise SystemExit(f"{page}: no generator for the block {name!r}")
        found.append(name)
        return m["start"] + generators[name]() + m["end"]

    out = _BLOCK.sub(replace, text)
    missing = set(generators) - set(found)
    if missing:
        raise SystemExit(f"{page}: missing generated blocks: {', '.join(sorted(missing))}")
    return out


def outdated_pages(docs: Path = DOCS) -> list[str]:
    """The pages whose generated blocks differ from what the code generates now."""
    stale = []
    for page, generators in GENERATORS.items():
        text = (docs / page).read_text(encoding="utf-8")
        if render(text, generators, page) != text:
            stale.append(page)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the generated blocks (or, with ``--check``, report stale ones); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated block is out of date")
    parser.add_argument("--docs", type=Path, default=DOCS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        stale = outdated_pages(args.docs)
        for page in stale:
            print(f"{page}: generated blocks are out of date; run `python docs/gen_reference.py`")
        return 1 if stale else 0
    for page, generators in GENERATORS.items():
        path = args.docs / page
        text = path.read_text(encoding="utf-8")
        new = render(text, generators, page)
        if new != text:
            path.write_text(new, encoding="utf-8", newline="\n")
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
