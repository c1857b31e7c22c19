"""The published schema is well made, shipped as published, and matches the model.

- Documents generated from the schema itself (its structure walked here, its
  scalars from hypothesis-jsonschema) load, or fail with located diagnostics:
  never with another exception, and alike as YAML and as JSON.
- The packaged schema is the published file byte for byte; ``icpspec schema``
  prints exactly it.
- The schema is valid draft-07, closed (``additionalProperties: false``) and
  documented (``title`` and ``description`` on every property), and written so
  that every draft-07 validator reads it alike.
- Model ⇄ schema, by introspection: every attrs class of the model has a schema
  definition whose keys are the class's keys in the file and whose types are
  the fields' types, every enum the same members, every default the same value,
  every operator its definition. Adding a field, a member or an operator to
  one side only fails here.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

import attrs
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft7Validator

import icpspec
import icpspec.model
from icpspec.cli import cli
from icpspec.model import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    OPERATORS,
    Budget,
    BuyerPersona,
    BuyingProcess,
    Claim,
    Company,
    Competitor,
    Criterion,
    Disqualifier,
    Duration,
    Evidence,
    FieldDefinition,
    Goals,
    GoldenExample,
    Job,
    Profile,
    Psychographics,
    Segment,
    Spec,
    TargetAudience,
    TitleRow,
)
from icpspec.model._converter import converter
from icpspec.schema import SCHEMA_FILE, SCHEMA_ID
from icpspec.schema._api import _Dumper
from icpspec.schema._validate import validator as icpspec_validator

from .conftest import ROOT

PUBLISHED = ROOT / "schemas" / SCHEMA_FILE
SCHEMA: dict[str, Any] = json.loads(PUBLISHED.read_text(encoding="utf-8"))
DEFS: dict[str, Any] = SCHEMA["definitions"]

# Keywords that only annotate: the only ones allowed beside a "$ref" (draft-07
# validators ignore a $ref's siblings; Ajv applies them: they must not matter).
ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$comment"})


# --- walking the schema ----------------------------------------------------------------

_SCHEMA_MAPS = ("properties", "patternProperties", "definitions", "dependencies")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_VALUES = ("additionalProperties", "propertyNames", "items", "additionalItems", "contains", "not")
_SCHEMA_VALUES += ("if", "then", "else")


def walk(node: Any, pointer: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in ``node`` (itself included), with its JSON pointer."""
    if not isinstance(node, dict):
        return
    yield pointer, node
    for kw in _SCHEMA_MAPS:
        for name, sub in node.get(kw, {}).items():
            yield from walk(sub, f"{pointer}/{kw}/{name}")
    for kw in _SCHEMA_LISTS:
        for i, sub in enumerate(node.get(kw, ())):
            yield from walk(sub, f"{pointer}/{kw}/{i}")
    for kw in _SCHEMA_VALUES:
        if kw in node:
            sub = node[kw]
            for i, item in enumerate(sub) if isinstance(sub, list) else [(None, sub)]:
                yield from walk(item, f"{pointer}/{kw}" + ("" if i is None else f"/{i}"))


def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` (local definitions only) to the schema it names."""
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/definitions/"), ref
        node = DEFS[ref.removeprefix("#/definitions/")]
    return node


def _required_problems(node: Any, pointer: str, defined: frozenset[str]) -> Iterator[str]:
    """``required`` names not defined in ``properties`` at the same instance level."""
    if not isinstance(node, dict):
        return
    here = defined | frozenset(node.get("properties", {}))
    for name in node.get("required", ()):
        if name not in here:
            yield f"{pointer}/required: {name!r}"
    for kw in _SCHEMA_LISTS:
        for i, sub in enumerate(node.get(kw, ())):
            yield from _required_problems(sub, f"{pointer}/{kw}/{i}", here)
    for kw in ("not", "if", "then", "else"):
        if kw in node:
            yield from _required_problems(node[kw], f"{pointer}/{kw}", here)
    for name, dep in node.get("dependencies", {}).items():
        if isinstance(dep, list):
            yield from (f"{pointer}/dependencies/{name}: {d!r}" for d in [name, *dep] if d not in here)
        else:
            yield from _required_problems(dep, f"{pointer}/dependencies/{name}", here)
    for kw in ("properties", "patternProperties", "definitions"):
        for name, sub in node.get(kw, {}).items():
            yield from _required_problems(sub, f"{pointer}/{kw}/{name}", frozenset())
    for kw in ("additionalProperties", "propertyNames", "items", "additionalItems", "contains"):
        if isinstance(node.get(kw), dict):
            yield from _required_problems(node[kw], f"{pointer}/{kw}", frozenset())


# --- (b) the schema as shipped ---------------------------------------------------------------


def test_packaged_schema_is_the_published_file_byte_for_byte() -> None:
    packaged = resources.files("icpspec.schema").joinpath(SCHEMA_FILE).read_bytes()
    assert packaged == PUBLISHED.read_bytes()


def test_cli_prints_exactly_the_published_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == PUBLISHED.read_bytes()


# --- (c) the schema is well made --------------------------------------------------------------


def test_schema_is_valid_draft_07_with_a_permanent_id() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["$id"] == SCHEMA_ID
    assert "icpspec-1" in SCHEMA["$id"]


def test_every_object_schema_with_properties_is_closed() -> None:
    open_ = [
        p
        for p, node in walk(SCHEMA)
        if "properties" in node and node.get("additionalProperties") is not False
    ]
    assert open_ == []


def test_every_property_has_a_title_and_a_description() -> None:
    missing = [
        f"{pointer}/properties/{name}"
        for pointer, node in walk(SCHEMA)
        for name, prop in node.get("properties", {}).items()
        if not (isinstance(prop.get("title"), str) and prop["title"].strip())
        or not (isinstance(prop.get("description"), str) and prop["description"].strip())
    ]
    assert missing == []


def test_every_ref_resolves_and_has_only_annotations_beside_it() -> None:
    refs = {node["$ref"] for _, node in walk(SCHEMA) if "$ref" in node}
    assert {r for r in refs if r.removeprefix("#/definitions/") not in DEFS} == set()
    siblings = {p: sorted(set(node) - ANNOTATIONS - {"$ref"}) for p, node in walk(SCHEMA) if "$ref" in node}
    assert {p: s for p, s in siblings.items() if s} == {}
    unused = set(DEFS) - {r.removeprefix("#/definitions/") for r in refs}
    assert unused == set()


def test_every_required_name_is_a_defined_property() -> None:
    # What Ajv's strictRequired is for; Ajv itself cannot see properties defined beside an
    # anyOf/oneOf/if/not holding the `required` (see tests/ajv_check.js), so it is checked here.
    assert list(_required_problems(SCHEMA, "#", frozenset())) == []


def test_types_are_single_and_formats_are_ones_icpspec_checks() -> None:
    unions = [p for p, node in walk(SCHEMA) if isinstance(node.get("type"), list)]
    assert unions == []  # Ajv's strictTypes refuses union types; anyOf says the same
    formats = {node["format"] for _, node in walk(SCHEMA) if "format" in node}
    checker = icpspec_validator().format_checker
    assert checker is not None
    checked = set(checker.checkers)
    assert formats <= checked


# --- (d) model ⇄ schema -------------------------------------------------------------------------

#: Each object of the model → its schema. Classes kept in mappings keyed by id drop "id".
KEYED: dict[type, str] = {
    FieldDefinition: "field_definition",
    Evidence: "evidence",
    TargetAudience: "audience",
    Segment: "segment",
    Profile: "profile",
    BuyerPersona: "persona",
}
PLAIN: dict[type, str] = {
    Company: "company",
    Psychographics: "psychographics",
    Goals: "goals",
    Budget: "budget",
    BuyingProcess: "buying_process",
    Competitor: "competitor",
    GoldenExample: "example",
    Job: "job",
    TitleRow: "title_row",
}
#: Classes written as something other than an object.
NOT_OBJECTS: dict[type, str] = {Duration: "duration"}


def _object_schema(cls: type) -> Mapping[str, Any]:
    """The schema of the mapping an instance of ``cls`` is written as."""
    if cls is Spec:
        return SCHEMA
    if cls is Claim:  # text, or a mapping: the mapping branch
        (branch,) = (b for b in DEFS["claim"]["anyOf"] if b.get("type") == "object")
        return typing.cast("Mapping[str, Any]", branch)
    names = {**KEYED, **PLAIN, Criterion: "criterion", Disqualifier: "disqualifier"}
    return typing.cast("Mapping[str, Any]", DEFS[names[cls]])


def _file_keys(cls: type) -> set[str]:
    """The keys an instance of ``cls`` is written with, from its attrs fields."""
    names = {f.name for f in attrs.fields(cls) if f.init}  # a profile's link to its spec is not written
    if cls in KEYED:
        return names - {"id"}
    if cls is TitleRow:  # keyed by its phrase
        return names - {"phrase"}
    if cls in (Criterion, Disqualifier):
        return (names - {"condition"}) | {"field"} | set(OPERATORS)
    return names


def _model_classes() -> set[type]:
    return {obj for obj in vars(icpspec.model).values() if isinstance(obj, type) and attrs.has(obj)}


def test_every_model_class_has_a_schema() -> None:
    condition_classes = set(OPERATORS.values())
    mapped = {Spec, Claim, Criterion, Disqualifier, *KEYED, *PLAIN, *NOT_OBJECTS, *condition_classes}
    assert _model_classes() - mapped == set(), "map the new class to its schema definition here"


@pytest.mark.parametrize(
    "cls", [Spec, Claim, Criterion, Disqualifier, *KEYED, *PLAIN], ids=lambda c: c.__name__
)
def test_schema_properties_are_the_class_keys(cls: type) -> None:
    properties = set(_object_schema(cls)["properties"]) - ({"$schema"} if cls is Spec else set())
    assert properties == _file_keys(cls)


def test_condition_schema_has_the_operators_and_each_its_definition() -> None:
    assert set(DEFS["condition"]["properties"]) == {"field"} | set(OPERATORS)
    for name in ("condition", "criterion", "disqualifier"):
        schema = DEFS[name]
        branches = [b["required"] for b in schema["oneOf"]]
        assert branches == [[op] for op in OPERATORS], name  # exactly one operator
        for op, cls in OPERATORS.items():
            assert schema["properties"][op]["$ref"] == f"#/definitions/op_{op}"
            dependency = schema["dependencies"][op]
            if "field" in attrs.fields_dict(cls):  # a comparison reads a field
                assert dependency == ["field"], (name, op)
            else:  # a combinator takes none
                assert dependency == {"not": {"required": ["field"]}}, (name, op)
    assert {k.removeprefix("op_") for k in DEFS if k.startswith("op_")} == set(OPERATORS)
    # icpspec's own validator names the operators in its messages: the same list.
    from icpspec.schema._validate import _OPERATORS

    assert list(_OPERATORS) == list(OPERATORS)


def _enum_of(hint: Any) -> type[enum.Enum] | None:
    """The enum a field holds, alone, optional or as the items of a tuple."""
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) in (tuple, typing.Union):
        found = {e for arg in typing.get_args(hint) if (e := _enum_of(arg)) is not None}
        assert len(found) <= 1, hint
        return found.pop() if found else None
    return None


def _enum_fields() -> Iterator[tuple[type, str, type[enum.Enum]]]:
    for cls in (*KEYED, *PLAIN):
        for name, hint in typing.get_type_hints(cls).items():
            if (e := _enum_of(hint)) is not None:
                yield cls, name, e


@pytest.mark.parametrize(
    ("cls", "name", "enum_cls"), list(_enum_fields()), ids=lambda v: getattr(v, "__name__", v)
)
def test_enum_members_are_the_schema_enum(cls: type, name: str, enum_cls: type[enum.Enum]) -> None:
    prop = resolve(_object_schema(cls)["properties"][name])
    node = prop.get("items", prop) if prop.get("type") == "array" else prop
    # A golden example is one profile's outcome: never the no_fit of a best match over several.
    members = [m for m in enum_cls if m is not icpspec.model.MatchStatus.NO_FIT]
    assert node["enum"] == [m.value for m in members]


def _kind(hint: Any) -> set[str]:
    """The JSON types a field of type ``hint`` is written as."""
    if isinstance(hint, types.UnionType):
        return set().union(*(_kind(a) for a in typing.get_args(hint) if a is not type(None)))
    origin = typing.get_origin(hint)
    if origin is tuple:
        return {"array"}
    if origin is dict:
        return {"object"}
    if hint is Claim:
        return {"string", "object"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum"}
    if isinstance(hint, type) and attrs.has(hint):
        return {"string"} if hint in NOT_OBJECTS else {"object"}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number", dt.date: "string"}
    return {simple[hint]}


def _schema_kind(schema: Mapping[str, Any]) -> set[str]:
    schema = resolve(schema)
    if "enum" in schema:
        return {"enum"}
    if "const" in schema:
        const = schema["const"]
        return {"integer" if isinstance(const, int) else "string" if isinstance(const, str) else "other"}
    if "anyOf" in schema:
        return set().union(*(_schema_kind(b) for b in schema["anyOf"]))
    return {schema["type"]}


@pytest.mark.parametrize("cls", [Spec, Claim, *KEYED, *PLAIN], ids=lambda c: c.__name__)
def test_schema_types_are_the_field_types(cls: type) -> None:
    schema = _object_schema(cls)
    hints = typing.get_type_hints(cls)
    for name in _file_keys(cls):
        assert _schema_kind(schema["properties"][name]) == _kind(hints[name]), f"{cls.__name__}.{name}"


@pytest.mark.parametrize("op", list(OPERATORS))
def test_operator_schemas_are_the_condition_types(op: str) -> None:
    cls = OPERATORS[op]
    hints = typing.get_type_hints(cls)
    values = [f.name for f in attrs.fields(cls) if f.name != "field"]
    schema = resolve(DEFS[f"op_{op}"])

    def json_kinds(kinds: set[str]) -> set[str]:  # JSON has numbers; whole ones are numbers too
        return {"number" if k == "integer" else k for k in kinds}

    if len(values) == 2:  # a range, written [low, high]
        assert (schema["type"], schema["minItems"], schema["maxItems"]) == ("array", 2, 2)
        for name in values:
            assert json_kinds(_schema_kind(schema["items"])) == json_kinds(_kind(hints[name])), name
    else:
        (name,) = values
        assert json_kinds(_schema_kind(schema)) == json_kinds(_kind(hints[name])), name


def _unstructured_default(cls: type, name: str) -> Any:
    field = attrs.fields_dict(cls)[name]
    default = field.default.factory() if isinstance(field.default, attrs.Factory) else field.default
    return converter.unstructure(default)


@pytest.mark.parametrize("cls", [Criterion, *KEYED, *PLAIN], ids=lambda c: c.__name__)
def test_schema_defaults_are_the_model_defaults(cls: type) -> None:
    for name, prop in _object_schema(cls)["properties"].items():
        if "default" in prop:
            assert prop["default"] == _unstructured_default(cls, name), f"{cls.__name__}.{name}"


# --- (a) documents generated from the schema load, or fail with located diagnostics ---------------


class SchemaDocuments:
    """Strategies for the documents a draft-07 schema allows, read off the schema itself.

    ``hypothesis_jsonschema.from_schema`` on the whole document is not usable here:
    it cannot follow the recursive ``condition`` reference, it merges and
    re-canonicalises every subschema on every draw (over a second per document for
    this schema, even unrolled and inlined), and its object generation fails on
    Hypothesis 6.170 (``'many' object has no attribute 'more'``). So the structure
    (objects, mappings, lists, ``anyOf``, the ``oneOf`` of ``required`` branches,
    ``dependencies``, ``$ref``) is walked here, every scalar comes from
    ``from_schema`` of its own schema (patterns, formats, bounds, enums), and what
    is left (``if``/``then``) is a filter with a validator of the node. Recursion
    through a ``$ref`` stops after ``depth`` levels, sizes are capped, and
    ``steer`` may offer extra valid values for a node (the test offers standard
    field names, so that some documents also pass the semantic checks).
    """

    def __init__(
        self,
        schema: Mapping[str, Any],
        *,
        depth: int = 2,
        max_items: int = 2,
        max_properties: int = 3,
        max_length: int = 16,
        steer: Mapping[str, st.SearchStrategy[Any]] | None = None,
    ) -> None:
        self.schema = schema
        self.depth, self.max_items, self.max_properties, self.max_length = (
            depth,
            max_items,
            max_properties,
            max_length,
        )
        self.steer = dict(steer or {})

    def document(self) -> st.SearchStrategy[Any]:
        strategy = self.node(self.schema, "#", ())
        assert strategy is not None
        return strategy

    def _validator(self, node: Mapping[str, Any]) -> Draft7Validator:
        # The node with the root's definitions, so that its $refs resolve.
        return Draft7Validator(
            {**node, "definitions": self.schema.get("definitions", {})},
            format_checker=Draft7Validator.FORMAT_CHECKER,
        )

    def node(self, node: Any, pointer: str, refs: tuple[str, ...]) -> st.SearchStrategy[Any] | None:
        """A strategy for ``node``, or None when it cannot be met within the depth limit."""
        if node is True or node == {}:
            strategy = self._leaf({}, pointer)
        elif "$ref" in node:
            ref = node["$ref"]
            if refs.count(ref) > self.depth:
                return None
            target = self.schema["definitions"][ref.removeprefix("#/definitions/")]
            strategy = self.node(target, ref, (*refs, ref))
        else:
            strategy = self._structure(node, pointer, refs)
        if pointer in self.steer and strategy is not None:
            strategy = st.one_of(self.steer[pointer], strategy)
        return strategy

    def _structure(self, node: Mapping[str, Any], pointer: str, refs: tuple[str, ...]) -> Any:
        if "properties" in node:
            return self._object(node, pointer, refs)
        if node.get("type") == "object":
            return self._mapping(node, pointer, refs)
        if node.get("type") == "array":
            return self._array(node, pointer, refs)
        if "anyOf" in node:
            branches = [self.node(b, f"{pointer}/anyOf/{i}", refs) for i, b in enumerate(node["anyOf"])]
            found = [b for b in branches if b is not None]
            return st.one_of(found) if found else None
        return self._leaf(node, pointer)

    def _leaf(self, node: Mapping[str, Any], pointer: str) -> st.SearchStrategy[Any]:
        leaf = {k: v for k, v in node.items() if k not in ANNOTATIONS}
        if leaf.get("type") == "string" and "enum" not in leaf:
            leaf["maxLength"] = min(leaf.get("maxLength", self.max_length), self.max_length)
        return from_schema(leaf)

    def _array(self, node: Mapping[str, Any], pointer: str, refs: tuple[str, ...]) -> Any:
        low = node.get("minItems", 0)
        high = max(low, min(node.get("maxItems", self.max_items), self.max_items))
        items = self.node(node.get("items", {}), f"{pointer}/items", refs)
        if items is None:
            return st.just([]) if low == 0 else None
        return st.lists(items, min_size=low, max_size=high)

    def _mapping(self, node: Mapping[str, Any], pointer: str, refs: tuple[str, ...]) -> Any:
        keys = self.node(node.get("propertyNames", {"type": "string"}), f"{pointer}/propertyNames", refs)
        values = self.node(node.get("additionalProperties", {}), f"{pointer}/additionalProperties", refs)
        low = node.get("minProperties", 0)
        if keys is None or values is None:
            return st.just({}) if low == 0 else None
        return st.dictionaries(keys, values, min_size=low, max_size=max(low, self.max_properties))

    def _object(self, node: Mapping[str, Any], pointer: str, refs: tuple[str, ...]) -> Any:
        properties = {
            name: self.node(sub, f"{pointer}/properties/{name}", refs)
            for name, sub in node["properties"].items()
        }
        possible = {name: s for name, s in properties.items() if s is not None}
        required = set(node.get("required", ()))
        if not required <= set(possible):
            return None
        # A oneOf (or anyOf) of `required` branches: pick the branch, so the rest need not be guessed.
        choices: list[set[str]] = [set()]
        exclusive: set[str] = set()  # keys of the oneOf branches not picked: absent
        for keyword in ("oneOf", "anyOf"):
            branches = node.get(keyword, ())
            if branches and all(set(b) == {"required"} for b in branches):
                choices = [set(b["required"]) for b in branches if set(b["required"]) <= set(possible)]
                if keyword == "oneOf":
                    exclusive = set().union(*choices)
        dependencies = node.get("dependencies", {})
        # Whatever else the node says (if/then, and the rare case the above misses) is a filter.
        plain = {"type", "properties", "required", "additionalProperties", *ANNOTATIONS}
        validator = None if set(node) <= plain else self._validator(node)

        @st.composite
        def build(draw: st.DrawFn) -> dict[str, Any]:
            chosen = draw(st.sampled_from(choices))
            optional = sorted(set(possible) - required - chosen - exclusive)
            keys = required | chosen | set(draw(st.lists(st.sampled_from(optional), unique=True, max_size=5)))
            forbidden: set[str] = set()
            for key in sorted(keys):  # a key's dependencies: keys it brings, or keys it rules out
                dep = dependencies.get(key)
                if isinstance(dep, list):
                    keys |= set(dep)
                elif isinstance(dep, dict) and set(dep) == {"not"} and set(dep["not"]) == {"required"}:
                    forbidden |= set(dep["not"]["required"])
            return {key: draw(possible[key]) for key in sorted(keys - forbidden)}

        strategy = build()
        return strategy.filter(validator.is_valid) if validator is not None else strategy


_STANDARD_FIELDS = sorted(set(ACCOUNT_FIELDS) | set(CONTACT_FIELDS))
_GENERATOR = SchemaDocuments(
    SCHEMA,
    steer={
        **{
            f"#/definitions/{name}/properties/field": st.sampled_from(_STANDARD_FIELDS)
            for name in ("condition", "criterion", "disqualifier")
        },
        "#/definitions/example/properties/record/propertyNames": st.sampled_from(sorted(ACCOUNT_FIELDS)),
    },
)


def _one_entry(collection: str) -> st.SearchStrategy[dict[str, Any]]:
    """A document holding one entry of ``collection`` (so deep parts get drawn often too)."""
    prop = SCHEMA["properties"][collection]
    pointer = f"#/properties/{collection}"
    ids = _GENERATOR.node(prop["propertyNames"], f"{pointer}/propertyNames", ())
    entry = _GENERATOR.node(prop["additionalProperties"], f"{pointer}/additionalProperties", ())
    assert ids is not None
    assert entry is not None
    return st.builds(lambda key, value: {"icpspec": 1, collection: {key: value}}, ids, entry)


#: Whole documents, and documents with one profile, persona, segment… each.
DOCUMENTS = st.one_of(
    _GENERATOR.document(),
    *(_one_entry(name) for name, prop in SCHEMA["properties"].items() if "propertyNames" in prop),
)
VALIDATOR = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)


def _check_located(exc: icpspec.SpecError, filename: str) -> list[tuple[str, str]]:
    assert exc.diagnostics, "a SpecError carries at least one diagnostic"
    for d in exc.diagnostics:
        assert d.code.startswith("ICP"), d
        assert d.code[3:].isdigit(), d
        assert d.file == filename, d
        assert d.line >= 1, d
        assert d.column >= 1, d
        assert d.pointer.startswith("/"), d
    return sorted((d.code, d.pointer) for d in exc.diagnostics)


def _load(text: str, filename: str) -> Spec | list[tuple[str, str]]:
    try:
        return icpspec.loads(text, filename=filename)
    except icpspec.SpecError as exc:
        return _check_located(exc, filename)


@given(DOCUMENTS)
def test_schema_valid_documents_load_or_fail_located(document: dict[str, Any]) -> None:
    assert [e.message for e in VALIDATOR.iter_errors(document)] == []  # the generator's own promise
    as_json = json.dumps(document, ensure_ascii=False)
    as_yaml = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    from_json = _load(as_json, "doc.json")
    from_yaml = _load(as_yaml, "doc.yaml")
    # The same data loads alike in either form, except that YAML is kinder: a plain
    # scalar such as 0.0 where text is expected is the text as written, in JSON an
    # error. That text may still be wrong (a country 0.0): YAML then reports it at
    # the same place under another code, never at a place JSON found nothing wrong.
    if isinstance(from_json, Spec):
        assert from_yaml == from_json
    else:
        yaml_places = {pointer for _, pointer in from_yaml} if isinstance(from_yaml, list) else set()
        assert yaml_places <= {pointer for _, pointer in from_json}
    for spec in (from_json, from_yaml):
        if isinstance(spec, Spec):
            assert icpspec.loads(icpspec.dump(spec), filename="again.yaml") == spec
