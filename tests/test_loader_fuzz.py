"""Property tests: whatever the input, a clear error or a valid result, never another exception.

Random bytes, random text, YAML-ish and JSON-ish token soup, random plain
documents, and byte-level mutations of the bundled examples go through
``read_document`` (the loader), ``load_located`` and ``icpspec.loads`` (loader,
schema and semantics). The only exception allowed is ``SpecError``, and each
of its diagnostics must be usable: the file name given, a line and column,
an ``ICPnnn`` code and a one-line message with no raw control character.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import icpspec
from icpspec.diagnostics import SpecError
from icpspec.loader import LocatedDocument, _yaml, read_document
from icpspec.schema import load_located

from .conftest import EXAMPLES

CODE = re.compile(r"ICP\d{3}")
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FILES = ("fuzz.yaml", "fuzz.json", "<string>")


def check_error(err: SpecError, filename: str) -> None:
    assert err.diagnostics, "a SpecError carries at least one diagnostic"
    for d in err.diagnostics:
        assert d.file == filename
        assert d.line >= 0
        assert d.column >= 0
        assert CODE.fullmatch(d.code), d.code
        assert d.message
        assert RAW_CONTROL.search(d.message) is None, repr(d.message)


def check_document(doc: LocatedDocument) -> None:
    assert isinstance(doc.data, dict)
    assert () in doc.locations
    for loc in doc.locations.values():
        assert loc.value.line >= 1
        assert loc.value.column >= 1
    for path in doc.raw_text:
        assert path in doc.locations


def read_all_ways(data: bytes | str, filename: str) -> None:
    """The loader alone, then the whole pipeline: SpecError or a result, nothing else."""
    try:
        doc = read_document(data, file=filename)
    except SpecError as err:
        check_error(err, filename)
    else:
        check_document(doc)
    try:
        spec = icpspec.loads(data, filename=filename)
    except SpecError as err:
        check_error(err, filename)
    else:
        assert isinstance(spec, icpspec.Spec)
        spec_again, doc = load_located(data, filename=filename)
        assert spec_again == spec
        check_document(doc)


@contextlib.contextmanager
def yaml_parser(pure_python: bool) -> Iterator[None]:
    """Use PyYAML's pure-Python parser, as on a platform whose PyYAML has no libyaml."""
    saved = _yaml._Loader
    if pure_python:
        _yaml._Loader = yaml.SafeLoader
    try:
        yield
    finally:
        _yaml._Loader = saved


# -- random bytes and text ----------------------------------------------------------------------------


@given(data=st.binary(max_size=300), filename=st.sampled_from(FILES))
@example(data=b"\xef\xbb\xbf", filename="fuzz.yaml")
@example(data=b"\xff\xfe", filename="fuzz.yaml")
@example(data=b"\xfe\xff\x00", filename="fuzz.json")
@example(data=b'{"a": "\\ud800"}', filename="fuzz.json")
@example(data=b"x: [" * 50, filename="fuzz.yaml")
def test_random_bytes(data: bytes, filename: str) -> None:
    read_all_ways(data, filename)


@given(text=st.text(max_size=200), filename=st.sampled_from(FILES), pure_python=st.booleans())
@example(text="\ud800", filename="fuzz.yaml", pure_python=False)
@example(text="icpspec: 1\nx: '\udfff'", filename="fuzz.yaml", pure_python=False)
def test_random_text(text: str, filename: str, pure_python: bool) -> None:
    with yaml_parser(pure_python):
        read_all_ways(text, filename)


# -- token soup ------------------------------------------------------------------------------------------

YAML_TOKENS = [
    "icpspec", "profiles", "criteria", "field", "country", "in", "employees", "between", "status",
    "fields", "type", "evidence", "personas", "role", "$ref", "$schema", "<<",
    ":", ": ", " ", "  ", "\n", "\r\n", "\r", "- ", "-", "[", "]", "{", "}", ",", "? ",
    "&a ", "*a", "!!str ", "!!python/object/apply:os.system ", "!x ", "! ", "%TAG ! tag:x:\n", "%YAML 1.2\n",
    "---\n", "...\n", "'", '"', "# c", "\t", "|", ">", "|-\n  ",
    "NO", "0777", "0o17", "0x1F", ".inf", "-.inf", ".nan", "1e999", "9" * 40, "~", "null", "true", "yes",
    "12:30", "1_000", "2026-09-30", "1", "1.5", "-1",
    "\\", "\\e", "\\x1b", "\\u202e", "\\ud800", "\\N", "\x1b", "\x00", "\x85", "\ufeff", "\u202e", "é", "😀",
]  # fmt: skip
JSON_TOKENS = [
    "{", "}", "[", "]", ",", ":", " ", "\n", '"', "\\",
    '"a"', '"icpspec"', '"profiles"', '"criteria"', '"field"', '"in"', '"country"', '"NO"',
    "1", "-", "0", "01", "1.", ".5", "1e5", "1e999", "-0", "9" * 40,
    "NaN", "Infinity", "-Infinity", "true", "false", "null", "tru",
    '"\\ud800"', '"\\u001b[31m"', '"\\u202e"', '"\\"', '"\x01"', "\ufeff",
]  # fmt: skip


@given(
    tokens=st.lists(st.sampled_from(YAML_TOKENS), max_size=60),
    filename=st.sampled_from(["fuzz.yaml", "<string>"]),
    as_bytes=st.booleans(),
    pure_python=st.booleans(),
)
@example(tokens=["a", ": ", "\x1b"], filename="fuzz.yaml", as_bytes=False, pure_python=True)
def test_yaml_token_soup(tokens: list[str], filename: str, as_bytes: bool, pure_python: bool) -> None:
    text = "".join(tokens)
    with yaml_parser(pure_python):
        read_all_ways(text.encode("utf-8", "surrogatepass") if as_bytes else text, filename)


@given(tokens=st.lists(st.sampled_from(JSON_TOKENS), max_size=60), as_bytes=st.booleans())
def test_json_token_soup(tokens: list[str], as_bytes: bool) -> None:
    text = "".join(tokens)
    read_all_ways(text.encode() if as_bytes else text, "fuzz.json")


# -- random documents: well-formed YAML/JSON, arbitrary content ---------------------------------------------

KEYS = st.sampled_from(
    [
        "icpspec", "version", "company", "name", "offering", "fields", "type", "evidence", "source",
        "summary", "sample_size", "collected", "audiences", "segments", "audience", "profiles", "segment",
        "status", "criteria", "disqualifiers", "reason", "tiers", "A", "min_coverage", "field", "id",
        "weight", "required", "equals", "in", "not_in", "min", "max", "between", "contains_any",
        "matches", "exists", "all", "any", "not", "personas", "role", "titles", "examples", "record",
        "tier", "country", "employees", "$ref",
    ]
) | st.text(max_size=8)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.sampled_from(["NO", "US", "0777", "2026-09-30", "validated", "decision_maker", "crm", "employees"])
    | st.text(max_size=12)
)
DOCUMENTS = st.dictionaries(
    KEYS,
    st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
        max_leaves=25,
    ),
    max_size=6,
)


def _dump(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data)
    return yaml.safe_dump(data, allow_unicode=True)


@given(data=DOCUMENTS, fmt=st.sampled_from(["yaml", "json"]), with_header=st.booleans())
def test_random_documents(data: dict[str, Any], fmt: str, with_header: bool) -> None:
    if with_header:
        data = {"icpspec": 1, **data}
    read_all_ways(_dump(data, fmt), f"fuzz.{fmt}")


# -- mutated examples -------------------------------------------------------------------------------------

EXAMPLE_BYTES = {p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.icp.*"))}
INSERTS = [
    b"&a ", b"*a", b"!!python/object/apply:os.system ", b"!!binary ", b"\x00", b"\xff", b"\xc3", b"{", b"[",
    b"}", b"]", b"- ", b": ", b"\t", b"\n", b"---\n", b".nan", b"1e999", b"0777", b"NO", b'"', b"'",
    b"\\u", b"\\ud800", b"#", b",", b"  ", b"\x1b[31m", b"\xe2\x80\xae", b"9" * 40,
]  # fmt: skip


@st.composite
def mutated_example(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(EXAMPLE_BYTES)))
    data = bytearray(EXAMPLE_BYTES[name])
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "duplicate"]))
        at = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(min_value=0, max_value=7))
        elif op == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS) | st.binary(min_size=1, max_size=4))
        else:  # copy a slice elsewhere: repeated keys, lines and brackets
            start = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
            data[at:at] = data[start : start + draw(st.integers(min_value=1, max_value=80))]
    return name, bytes(data)


@given(case=mutated_example())
def test_mutated_examples(case: tuple[str, bytes]) -> None:
    name, data = case
    read_all_ways(data, name)


def test_the_examples_themselves_load() -> None:
    for name, data in EXAMPLE_BYTES.items():
        assert isinstance(icpspec.loads(data, filename=name), icpspec.Spec)
    assert {Path(n).suffix for n in EXAMPLE_BYTES} == {".yaml", ".json"}
