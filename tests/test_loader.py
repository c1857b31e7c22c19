"""The loader (bytes -> located plain data), unit by unit.

YAML 1.2 core scalar resolution, exact spans, duplicate keys, the limits at
their exact boundaries, raw text bookkeeping and strict decoding.
"""

from __future__ import annotations

import codecs
import contextlib
import pickle
from collections.abc import Iterator

import pytest
import yaml

import icpspec
from icpspec.diagnostics import SpecError
from icpspec.loader import (
    DEFAULT_LIMITS,
    Limits,
    LoadError,
    LocatedDocument,
    Location,
    Span,
    _yaml,
    read_document,
    sniff_format,
)


def load_error(text: str | bytes, *, file: str = "t.yaml", limits: Limits = DEFAULT_LIMITS) -> LoadError:
    with pytest.raises(LoadError) as info:
        read_document(text, file=file, limits=limits)
    return info.value


def where(err: LoadError) -> tuple[str, int, int]:
    d = err.diagnostic
    return d.code, d.line, d.column


# -- YAML 1.2 core scalar resolution ---------------------------------------------------------------

RESOLUTION = [
    # null
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("", None),
    # booleans: only these six spellings
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    # YAML 1.1 booleans are text in 1.2
    ("yes", "yes"),
    ("Yes", "Yes"),
    ("YES", "YES"),
    ("no", "no"),
    ("No", "No"),
    ("NO", "NO"),
    ("on", "on"),
    ("On", "On"),
    ("ON", "ON"),
    ("off", "off"),
    ("OFF", "OFF"),
    ("y", "y"),
    ("Y", "Y"),
    ("n", "n"),
    ("N", "N"),
    ("tRUE", "tRUE"),
    ("nULL", "nULL"),
    # integers: decimal (a leading zero is still decimal), 0o octal, 0x hexadecimal
    ("0", 0),
    ("-0", 0),
    ("+12", 12),
    ("-12", -12),
    ("0777", 777),
    ("007", 7),
    ("0o17", 15),
    ("0o777", 511),
    ("0x1F", 31),
    ("0xff", 255),
    # YAML 1.1 or other-language integer forms are text
    ("0X1F", "0X1F"),
    ("0O17", "0O17"),
    ("0b101", "0b101"),
    ("+0x1F", "+0x1F"),
    ("-0o17", "-0o17"),
    ("0o8", "0o8"),
    ("0x", "0x"),
    ("1_000", "1_000"),
    ("1,000", "1,000"),
    ("12:30", "12:30"),
    ("1:20:30", "1:20:30"),
    ("190:20:30", "190:20:30"),
    # floats
    ("1.5", 1.5),
    ("-1.5", -1.5),
    ("+.5", 0.5),
    (".5", 0.5),
    ("5.", 5.0),
    ("1e3", 1000.0),
    ("1E3", 1000.0),
    ("1.5e-3", 0.0015),
    ("-2.5E+2", -250.0),
    ("2026.3", 2026.3),
    # not floats
    ("1.2.3", "1.2.3"),
    ("1e", "1e"),
    ("e3", "e3"),
    ("1_000.5", "1_000.5"),
    ("inf", "inf"),
    ("nan", "nan"),
    ("Infinity", "Infinity"),
    ("+.nan", "+.nan"),
    # dates and timestamps are text (the schema and semantics decide what a date is)
    ("2026-09-30", "2026-09-30"),
    ("2026-09-30T10:00:00Z", "2026-09-30T10:00:00Z"),
    ("2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10 -5"),
    # YAML 1.1 specials
    ("=", "="),
    ("<<", "<<"),
    ("NO way", "NO way"),
]


@pytest.mark.parametrize(("written", "expected"), RESOLUTION, ids=[repr(w) for w, _ in RESOLUTION])
def test_plain_scalars_resolve_as_yaml_1_2_core(written: str, expected: object) -> None:
    doc = read_document(f"x: {written}\n", file="t.yaml")
    value = doc.data["x"]
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(expected, str):
        assert ("x",) not in doc.raw_text
    else:
        assert doc.raw_text[("x",)] == written


@pytest.mark.parametrize(
    "written", [".inf", "-.inf", "+.inf", ".Inf", "-.INF", ".nan", ".NaN", ".NAN", "1e999", "-1e999"]
)
def test_non_finite_numbers_are_refused(written: str) -> None:
    err = load_error(f"icpspec: 1\nx: {written}\n")
    assert where(err) == ("ICP007", 2, 4)
    assert err.diagnostic.pointer == ""  # the key is pending; the containing mapping is the document


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"true"', "true"),
        ("'0777'", "0777"),
        ('"~"', "~"),
        ("'NO'", "NO"),
        ('".inf"', ".inf"),
        ("|-\n  true", "true"),
        (">-\n  0777", "0777"),
    ],
)
def test_quoted_and_block_scalars_are_text(written: str, expected: str) -> None:
    doc = read_document(f"x: {written}\n", file="t.yaml")
    assert doc.data["x"] == expected
    assert doc.raw_text == {}


def test_keys_are_text_as_written() -> None:
    doc = read_document("0777: a\non: b\n~: c\n1.0: d\ntrue: e\nNO: f\n", file="t.yaml")
    assert list(doc.data) == ["0777", "on", "~", "1.0", "true", "NO"]
    assert doc.raw_text == {}


def test_raw_text_bookkeeping() -> None:
    doc = read_document('x: [1, true, ~, "q", text, 0x1F, 2026.10]\ny:\nz: {a: 0777}\n', file="t.yaml")
    assert doc.data == {"x": [1, True, None, "q", "text", 31, 2026.1], "y": None, "z": {"a": 777}}
    assert doc.raw_text == {
        ("x", 0): "1",
        ("x", 1): "true",
        ("x", 2): "~",
        ("x", 5): "0x1F",
        ("x", 6): "2026.10",
        ("y",): "",
        ("z", "a"): "0777",
    }


def test_json_keeps_the_text_of_numbers_and_literals() -> None:
    # Where free text is expected, "version": 2026.10 is the text written, as in YAML.
    doc = read_document('{"x": [1, true, null, 2026.10]}', file="t.json")
    assert doc.data == {"x": [1, True, None, 2026.1]}
    assert doc.raw_text == {("x", 0): "1", ("x", 1): "true", ("x", 3): "2026.10"}


def test_raw_text_gives_text_fields_the_text_as_written() -> None:
    spec = icpspec.loads("icpspec: 1\nversion: 2026.10\ncompany: {name: 0777, offering: on}\n")
    assert spec.version == "2026.10"
    assert spec.company is not None
    assert (spec.company.name, spec.company.offering) == ("0777", "on")


# -- exact spans ------------------------------------------------------------------------------------

BLOCK = """\
icpspec: 1
profiles:
  p:
    criteria:
      - field: country
        in: [NO, SE]
"""


def test_block_yaml_spans() -> None:
    doc = read_document(BLOCK, file="t.yaml")
    loc = doc.locations
    crit = ("profiles", "p", "criteria", 0)
    assert loc[("icpspec",)] == Location(Span(1, 10, 1, 11), key=Span(1, 1, 1, 8))
    assert loc[("profiles",)].key == Span(2, 1, 2, 9)
    assert loc[("profiles", "p")].key == Span(3, 3, 3, 4)
    assert loc[("profiles", "p", "criteria")].key == Span(4, 5, 4, 13)
    assert (loc[crit].value.line, loc[crit].value.column) == (5, 9)
    assert loc[crit].key is None
    assert loc[(*crit, "field")] == Location(Span(5, 16, 5, 23), key=Span(5, 9, 5, 14))
    assert loc[(*crit, "in")] == Location(Span(6, 13, 6, 21), key=Span(6, 9, 6, 11))
    assert loc[(*crit, "in", 0)] == Location(Span(6, 14, 6, 16))
    assert loc[(*crit, "in", 1)] == Location(Span(6, 18, 6, 20))
    assert loc[()].value.line == 1


def test_flow_yaml_spans() -> None:
    doc = read_document("{a: [1, x], b: {c: ~}}", file="t.yaml")
    assert doc.locations == {
        (): Location(Span(1, 1, 1, 23)),
        ("a",): Location(Span(1, 5, 1, 11), key=Span(1, 2, 1, 3)),
        ("a", 0): Location(Span(1, 6, 1, 7)),
        ("a", 1): Location(Span(1, 9, 1, 10)),
        ("b",): Location(Span(1, 16, 1, 22), key=Span(1, 13, 1, 14)),
        ("b", "c"): Location(Span(1, 20, 1, 21), key=Span(1, 17, 1, 18)),
    }


def test_json_spans() -> None:
    doc = read_document('{"a": [1, "x"],\n "b": {"c": null}}', file="t.json")
    assert doc.locations == {
        (): Location(Span(1, 1, 2, 19)),
        ("a",): Location(Span(1, 7, 1, 15), key=Span(1, 2, 1, 5)),
        ("a", 0): Location(Span(1, 8, 1, 9)),
        ("a", 1): Location(Span(1, 11, 1, 14)),
        ("b",): Location(Span(2, 7, 2, 18), key=Span(2, 2, 2, 5)),
        ("b", "c"): Location(Span(2, 13, 2, 17), key=Span(2, 8, 2, 11)),
    }


def test_json_spans_count_columns_in_characters_after_crlf() -> None:
    doc = read_document('{\r\n  "é": "ü",\r\n  "b": 2\r\n}', file="t.json")
    assert doc.locations[("é",)] == Location(Span(2, 8, 2, 11), key=Span(2, 3, 2, 6))
    assert doc.locations[("b",)] == Location(Span(3, 8, 3, 9), key=Span(3, 3, 3, 6))


def test_locate_falls_back_to_the_nearest_ancestor_and_points_at_keys() -> None:
    doc = read_document(BLOCK, file="t.yaml")
    found, loc = doc.locate(("profiles", "p", "criteria", 0, "between", 1))
    assert found == ("profiles", "p", "criteria", 0)
    assert (loc.value.line, loc.value.column) == (5, 9)
    d = doc.diagnostic("ICP010", "m", ("profiles", "p", "criteria", 0, "in"), on_key=True)
    assert (d.file, d.line, d.column, d.end_column) == ("t.yaml", 6, 9, 11)
    assert d.pointer == "/profiles/p/criteria/0/in"
    d = doc.diagnostic("ICP010", "m", ("profiles", "p", "criteria", 0, "in"))
    assert (d.line, d.column) == (6, 13)


# -- duplicate keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "file", "key", "first_line", "second"),
    [
        ("icpspec: 1\nversion: a\nx: 1\nversion: b\n", "t.yaml", "version", 2, (4, 1, "")),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", "t.yaml", "b", 2, (4, 3, "/a")),
        ("a: {b: 1, c: 2,\n  b: 3}\n", "t.yaml", "b", 1, (2, 3, "/a")),
        ("a: 1\n'a': 2\n", "t.yaml", "a", 1, (2, 1, "")),
        ('{\n"a": 1,\n"b": {"x": 1,\n "x": 2}}', "t.json", "x", 3, (4, 2, "/b")),
        ('{"a": 1, "a": 1}', "t.json", "a", 1, (1, 10, "")),
    ],
)
def test_duplicate_keys_name_the_first_line_and_point_at_the_second(
    text: str, file: str, key: str, first_line: int, second: tuple[int, int, str]
) -> None:
    d = load_error(text, file=file).diagnostic
    assert (d.code, d.line, d.column, d.pointer) == ("ICP004", *second)
    assert d.message == f"duplicate key '{key}' (first defined at line {first_line})"


def test_the_same_key_in_two_mappings_is_no_duplicate() -> None:
    doc = read_document("a: {x: 1}\nb: {x: 2}\n", file="t.yaml")
    assert doc.data == {"a": {"x": 1}, "b": {"x": 2}}


# -- limits at their exact boundary -----------------------------------------------------------------


def _yaml_flow(depth: int) -> str:
    # the document's mapping is level 1; each '[' one more
    return "x: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


def _yaml_block(depth: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(depth - 1)) + "  " * (depth - 1) + "a: 1\n"


def _json(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize(
    ("make", "file", "at_65"),
    [(_yaml_flow, "t.yaml", (1, 67)), (_yaml_block, "t.yaml", (65, 129)), (_json, "t.json", (1, 385))],
    ids=["yaml-flow", "yaml-block", "json"],
)
def test_depth_limit_boundary(make: object, file: str, at_65: tuple[int, int]) -> None:
    assert callable(make)
    assert DEFAULT_LIMITS.max_depth == 64
    read_document(make(64), file=file)
    err = load_error(make(65), file=file)
    assert where(err) == ("ICP005", *at_65)
    assert err.diagnostic.message == "values are nested more than 64 levels deep (limit)"


def test_depth_limit_is_configurable() -> None:
    small = Limits(max_depth=3)
    read_document("a: {b: [1]}", file="t.yaml", limits=small)
    assert where(load_error("a: {b: [[1]]}", limits=small)) == ("ICP005", 1, 9)


def test_depth_far_beyond_the_limit_is_the_same_clear_error() -> None:
    # libyaml's own bound (1000) trips first while its scanner looks ahead
    err = load_error("x: " + "[" * 20_000)
    assert err.diagnostic.code == "ICP005"
    assert err.diagnostic.message == "values are nested more than 64 levels deep (limit)"
    err = load_error('{"x": ' + "[" * 20_000, file="t.json")
    assert where(err) == ("ICP005", 1, 7 + 63)


def test_node_limit_boundary() -> None:
    five = Limits(max_nodes=5)
    read_document("a: [1, 2, 3]\n", file="t.yaml", limits=five)  # mapping, list, three items
    err = load_error("a: [1, 2, 3, 4]\n", limits=five)
    assert where(err) == ("ICP005", 1, 14)
    assert err.diagnostic.message == "the document has more than 5 values (limit)"
    read_document('{"a": [1, 2, 3]}', file="t.json", limits=five)
    assert where(load_error('{"a": [1, 2, 3, 4]}', file="t.json", limits=five)) == ("ICP005", 1, 17)


@pytest.mark.parametrize(
    ("ok", "too_long", "file"),
    [
        ("x: abcde", "x: abcdef", "t.yaml"),
        ("x: 'abcde'", "x: 'abcdef'", "t.yaml"),
        ('{"x": "abcde"}', '{"x": "abcdef"}', "t.json"),
    ],
)
def test_string_limit_boundary(ok: str, too_long: str, file: str) -> None:
    limits = Limits(max_string_chars=5)
    read_document(ok, file=file, limits=limits)
    err = load_error(too_long, file=file, limits=limits)
    assert err.diagnostic.code == "ICP005"
    assert err.diagnostic.message == "a text value is longer than 5 characters (limit)"


@pytest.mark.parametrize(
    ("ok", "too_long", "file"), [("abc: 1", "abcd: 1", "t.yaml"), ('{"abc": 1}', '{"abcd": 1}', "t.json")]
)
def test_key_limit_boundary(ok: str, too_long: str, file: str) -> None:
    limits = Limits(max_key_chars=3)
    read_document(ok, file=file, limits=limits)
    assert where(load_error(too_long, file=file, limits=limits))[0] == "ICP005"


@pytest.mark.parametrize("file", ["t.yaml", "t.json"])
@pytest.mark.parametrize("sign", ["", "-"])
def test_integer_digit_limit_boundary(file: str, sign: str) -> None:
    assert DEFAULT_LIMITS.max_integer_digits == 30
    ok = sign + "9" * 30
    doc = read_document(f'{{"x": {ok}}}', file=file)
    assert doc.data["x"] == int(ok)
    for digits in (31, 5000, 100_000):  # past Python's own int() digit limit too
        err = load_error(f'{{"x": {sign}{"9" * digits}}}', file=file)
        assert err.diagnostic.code == "ICP005"
        assert err.diagnostic.message == "a number has more than 30 digits (limit)"


def test_hex_and_octal_digits_are_bounded() -> None:
    assert read_document("x: 0x" + "f" * 30, file="t.yaml").data["x"] == 16**30 - 1
    assert where(load_error("x: 0x" + "f" * 31)) == ("ICP005", 1, 4)
    assert where(load_error("x: 0o" + "7" * 31)) == ("ICP005", 1, 4)


@pytest.mark.parametrize("file", ["t.yaml", "t.json"])
def test_number_length_limit_boundary(file: str) -> None:
    ok = "1." + "5" * 62  # 64 characters
    assert read_document(f'{{"x": {ok}}}', file=file).data["x"] == float(ok)
    err = load_error(f'{{"x": {ok}5}}', file=file)
    assert err.diagnostic.code == "ICP005"
    assert err.diagnostic.message == "a number is longer than 64 characters (limit)"


# -- document shape ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the document is empty"),
        ("# nothing\n", "the document is empty"),
        ("---\n...\n", "the document is empty"),
        ("null\n", "the document is empty"),
        ("--- 1\n", "the document is a single value"),
        ("'icpspec: 1'\n", "the document is a single value"),
        ("[icpspec]\n", "the document is a list"),
        ("icpspec: 1\n---\nicpspec: 1\n", "more than one YAML document"),
        ("icpspec: 1\n...\n---\n", "more than one YAML document"),
    ],
)
def test_document_shape(text: str, message: str) -> None:
    err = load_error(text)
    assert err.diagnostic.code == "ICP006"
    assert message in err.diagnostic.message


def test_a_single_document_with_markers_is_fine() -> None:
    assert read_document("%YAML 1.2\n---\nicpspec: 1\n...\n", file="t.yaml").data == {"icpspec": 1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: &a 1", "anchors"),
        ("x: *a", "aliases"),
        ("x: !!str 1", "tags"),
        ("x: !custom 1", "tags"),
        ("x: ! 12", "tags"),  # the non-specific tag too (RELIABILITY rule 1)
        ("x: !!map {}", "tags"),
        ("x: !<tag:yaml.org,2002:str> 1", "tags"),
        ("%TAG !e! tag:e.example,2000:\n---\nx: 1", "%TAG"),
    ],
)
def test_tags_anchors_and_aliases_are_refused(text: str, message: str) -> None:
    err = load_error(text)
    assert err.diagnostic.code == "ICP003"
    assert message in err.diagnostic.message


# -- decoding ---------------------------------------------------------------------------------------

SPEC = "icpspec: 1\nversion: 'é'\n"


@pytest.mark.parametrize(
    "data",
    [
        SPEC.encode(),
        codecs.BOM_UTF8 + SPEC.encode(),
        codecs.BOM_UTF16_LE + SPEC.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SPEC.encode("utf-16-be"),
        SPEC,
        "\ufeff" + SPEC,
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "str", "str-bom"],
)
def test_accepted_encodings(data: bytes | str) -> None:
    assert read_document(data, file="t.yaml").data == {"icpspec": 1, "version": "é"}


@pytest.mark.parametrize(
    ("data", "expected", "message"),
    [
        (b"a: 1\nb: 2\nc: \xff\n", ("ICP001", 3, 4), "not valid UTF-8 at byte offset 13"),
        (codecs.BOM_UTF8 + b"a: \xe9\n", ("ICP001", 1, 4), "not valid UTF-8 at byte offset 6"),
        (codecs.BOM_UTF32_LE + "a: 1".encode("utf-32-le"), ("ICP001", 1, 1), "UTF-32"),
        (codecs.BOM_UTF32_BE + "a: 1".encode("utf-32-be"), ("ICP001", 1, 1), "UTF-32"),
        (codecs.BOM_UTF16_LE + b"a\x00:", ("ICP001", 1, 1), "invalid UTF-16-LE"),
        ("a: 1\n".encode("utf-16-le"), ("ICP001", 1, 2), "NUL character"),
        (b"a: 1\nb: '\x00'\n", ("ICP001", 2, 5), "NUL character"),
        ("a: '\ud800'", ("ICP001", 1, 5), "not valid UTF-8"),
    ],
)
def test_refused_encodings(data: bytes | str, expected: tuple[str, int, int], message: str) -> None:
    err = load_error(data)
    assert where(err) == expected
    assert message in err.diagnostic.message


def test_the_size_limit_is_checked_before_decoding() -> None:
    limits = Limits(max_file_bytes=10)
    read_document(b"a: 1234567", file="t.yaml", limits=limits)
    err = load_error(b"\xffa: 1234567", limits=limits)
    assert err.diagnostic.code == "ICP005"
    assert err.diagnostic.message == "the file is larger than the limit of 10 bytes"


@pytest.mark.parametrize("text", ['{"a": "\\ud800"}', '{"\\udc00": 1}', '{"a": ["x\\udfffy"]}'])
def test_json_lone_surrogate_escapes_are_refused(text: str) -> None:
    err = load_error(text, file="t.json")
    assert err.diagnostic.code == "ICP001"
    assert "lone UTF-16 surrogate" in err.diagnostic.message


def test_json_surrogate_pairs_are_characters() -> None:
    assert read_document('{"a": "\\ud83d\\ude00"}', file="t.json").data == {"a": "\U0001f600"}


@pytest.mark.parametrize(
    ("text", "at"),
    [("a: '\x1b[31m'", (1, 5)), ("a: 1\nb: \x07", (2, 4)), ("a: '\x85'", None), ("a: '\u009b'", (1, 5))],
)
def test_yaml_refuses_raw_control_characters(text: str, at: tuple[int, int] | None) -> None:
    if at is None:  # NEL is a line break in YAML 1.1 and allowed
        read_document(text, file="t.yaml")
        return
    assert where(load_error(text)) == ("ICP001", *at)


# -- formats and errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        ("a.json", "x: 1", "json"),
        ("a.JSON", "x: 1", "json"),
        ("a.yaml", "{}", "yaml"),
        ("a.YML", "{}", "yaml"),
        ("<string>", ' \n\t{"a": 1}', "json"),
        ("<string>", "a: {}", "yaml"),
        ("spec.txt", "", "yaml"),
    ],
)
def test_sniff_format(file: str, text: str, expected: str) -> None:
    assert sniff_format(file, text) == expected


def test_load_error_is_a_spec_error_with_one_diagnostic() -> None:
    err = load_error("x: *a", file="f.yaml")
    assert isinstance(err, SpecError)
    assert isinstance(err, ValueError)
    assert err.diagnostics == (err.diagnostic,)
    assert (
        str(err) == "f.yaml:1:4: ICP003 YAML aliases ('*name') are not allowed in a spec; write the value out"
    )
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is LoadError
    assert again.diagnostic == err.diagnostic
    assert again.diagnostics == err.diagnostics


@pytest.mark.parametrize(
    ("text", "file", "at", "message"),
    [
        ("a: [1, 2", "t.yaml", (2, 1), "YAML syntax error"),
        ("a:\n\tb: 1", "t.yaml", (2, 1), "a tab character where YAML expects spaces"),
        ("? [a]\n: 1", "t.yaml", (1, 3), "a key must be text, not a list"),
        ("? {a: 1}\n: 1", "t.yaml", (1, 3), "a key must be text, not a mapping"),
        ('{"a": 1,}', "t.json", (1, 9), "expected a key in double quotes"),
        ('{"a" 1}', "t.json", (1, 6), "expected ':' after a key"),
        ('{"a": [1 2]}', "t.json", (1, 10), "expected ',' or a closing bracket"),
        ('{"a": [1]', "t.json", (1, 10), "ends inside an unclosed object"),
        ('{"a": 01}', "t.json", (1, 8), "expected ',' or a closing bracket"),
        ('{"a": -}', "t.json", (1, 7), "invalid number"),
        ('{"a": "x\ny"}', "t.json", (1, 9), "invalid control character"),
        ('{"a": tru}', "t.json", (1, 7), "expected a value"),
        ('{"a": 1}}', "t.json", (1, 9), "extra data after the document"),
        ('{"a": [}', "t.json", (1, 8), "expected a value"),
        ('{"a": {]}', "t.json", (1, 8), "expected a key in double quotes"),
    ],
)
def test_syntax_errors_are_located(text: str, file: str, at: tuple[int, int], message: str) -> None:
    err = load_error(text, file=file)
    assert where(err) == ("ICP002", *at)
    assert message in err.diagnostic.message


def test_a_located_document_is_plain_data() -> None:
    doc = read_document(BLOCK, file="t.yaml")
    assert isinstance(doc, LocatedDocument)
    assert doc.file == "t.yaml"
    assert doc.data == {
        "icpspec": 1,
        "profiles": {"p": {"criteria": [{"field": "country", "in": ["NO", "SE"]}]}},
    }


# -- the pure-Python parser (PyYAML without libyaml) behaves the same ---------------------------------


@contextlib.contextmanager
def pure_python_yaml() -> Iterator[None]:
    saved = _yaml._Loader
    _yaml._Loader = yaml.SafeLoader
    try:
        yield
    finally:
        _yaml._Loader = saved


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: '\x1b[31m'", ("ICP001", 1, 5)),  # the pure-Python reader refuses it before parsing starts
        ("a: 1\nb: '\u009b'", ("ICP001", 2, 5)),
        ("a:\n\tb: 1", ("ICP002", 2, 1)),
        ("a: &x 1", ("ICP003", 1, 4)),
        ("a: *x", ("ICP003", 1, 4)),
        ("a: !!python/object/apply:os.system [ls]", ("ICP003", 1, 4)),
        ("a: 1\na: 2", ("ICP004", 2, 1)),
        ("x: " + "[" * 100, ("ICP005", 1, 67)),
        ("a: " + "9" * 31, ("ICP005", 1, 4)),
        ("a: 1\n---\nb: 1", ("ICP006", 2, 1)),
        ("a: .nan", ("ICP007", 1, 4)),
    ],
)
def test_the_pure_python_parser_gives_the_same_errors(text: str, expected: tuple[str, int, int]) -> None:
    code = where(load_error(text))[0]
    with pure_python_yaml():
        err = load_error(text)
    assert err.diagnostic.code == code
    assert where(err) == expected


def test_a_yaml_surrogate_escape_is_refused_by_both_parsers() -> None:
    if hasattr(yaml, "CSafeLoader"):
        assert where(load_error('a: "\\ud800"')) == ("ICP002", 1, 7)  # libyaml: an invalid escape
    with pure_python_yaml():
        assert where(load_error('a: "\\ud800"')) == ("ICP001", 1, 4)  # PyYAML decodes it; the builder refuses


def test_the_pure_python_parser_reads_the_same_document() -> None:
    text = BLOCK + "  q: {a: [0777, NO, ~, 12:30, .5, 0x1F]}\n"
    expected = read_document(text, file="t.yaml")
    with pure_python_yaml():
        again = read_document(text, file="t.yaml")
    assert again.data == expected.data
    assert again.locations == expected.locations
    assert again.raw_text == expected.raw_text
