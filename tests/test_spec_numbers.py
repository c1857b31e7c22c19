"""Human numbers in spec bounds: ``min: 1B`` means what ``1B`` means in a record.

Issue 18: a spec bound ``min: 1B`` was refused while a record cell ``1.2B``
was read. The schema, the semantic checks and the engine read number texts
with one grammar (``icpspec.numbers``), and the published schema's pattern
accepts exactly the texts that grammar reads.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import icpspec
from icpspec import SpecError, loads
from icpspec.engine.values import read_number
from icpspec.numbers import MAX_NUMBER_TEXT, NUMBER_TEXT_PATTERN, SUFFIXES, parse_number
from icpspec.schema import schema
from icpspec.schema._validate import validator


def spec(criteria: str) -> str:
    return f"icpspec: 1\nprofiles:\n  p:\n    criteria:\n{criteria}"


def codes(text: str) -> list[tuple[int, int, str, str]]:
    try:
        loads(text, filename="x.icp.yaml")
    except SpecError as exc:
        return [(d.line, d.column, d.code, d.message) for d in exc.diagnostics]
    return []


def test_bounds_take_human_numbers_as_records_do() -> None:
    s = loads(
        spec(
            "      - {field: annual_revenue, min: 1B}\n"
            "      - {field: employees, between: [12k, '1,200,000']}\n"
            "      - {field: total_funding, max: $5M}\n"
        )
    )
    profile = s.profiles["p"]
    assert [c.condition.value for c in profile.criteria[::2]] == [1_000_000_000, 5_000_000]  # type: ignore[attr-defined]
    between = profile.criteria[1].condition
    assert (between.low, between.high) == (12_000, 1_200_000)  # type: ignore[attr-defined]
    result = icpspec.Matcher(profile).match(
        {"annual_revenue": "1.2B", "employees": "12,000", "total_funding": "$4.5M"}
    )
    assert result.score == 100


def test_reversed_human_bounds_are_caught() -> None:
    assert codes(spec("      - {field: annual_revenue, between: [$5M, 12k]}\n")) == [
        (5, 42, "ICP022", "'between' bounds are reversed: $5M is more than 12k")
    ]


def test_a_number_text_is_no_date_and_no_whole_number_when_it_is_not() -> None:
    assert codes(spec("      - {field: founded_year, min: 1.2345k}\n")) == [
        (5, 36, "ICP021", "field 'founded_year' holds whole numbers; '1.2345k' is not one")
    ]


def test_text_that_is_no_number_still_says_what_a_bound_is() -> None:
    assert codes(spec("      - {field: employees, min: lots}\n")) == [
        (5, 33, "ICP010", "expected a number or a date as YYYY-MM-DD for minimum, found 'lots'")
    ]
    assert codes(spec("      - {field: employees, min: 12 kb}\n"))[0][2] == "ICP010"


def test_the_schema_pattern_is_built_from_the_grammar() -> None:
    definition = schema()["definitions"]["number_text"]
    assert definition["pattern"] == NUMBER_TEXT_PATTERN
    assert definition["maxLength"] == MAX_NUMBER_TEXT
    for suffix in SUFFIXES:
        assert suffix in definition["description"].lower() or suffix in {"millions", "billions"}


_PIECES = st.sampled_from(
    ["", " ", "-", "+", "$", "€", "1", "12", "123", "1,200", ",", ".", ".5", "0", "k", "K", "M", "mm", "Bn",
     "million", "Millions", "b", "t", "x", "e3", "_", "\uff11", "\t", "nan"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=6).map("".join))
def test_the_pattern_accepts_exactly_what_the_grammar_reads(text: str) -> None:
    matched = re.fullmatch(NUMBER_TEXT_PATTERN.strip("^$"), text) is not None
    assert matched == (parse_number(text) is not None)


@given(st.lists(_PIECES, min_size=1, max_size=6).map("".join))
def test_schema_and_validate_agree_on_a_bound(text: str) -> None:
    doc = {"icpspec": 1, "profiles": {"p": {"criteria": [{"field": "employees", "min": text}]}}}
    schema_ok = not any(validator().iter_errors(doc))
    problems: list[str] = []
    try:
        loaded = icpspec.loads(json.dumps(doc), format="json")
    except SpecError as exc:
        problems = [d.code for d in exc.diagnostics]
    # The schema refuses a bound's shape (ICP010); the semantic checks may also refuse a
    # fractional number of employees (ICP021), which no schema can know.
    assert schema_ok == ("ICP010" not in problems), problems
    if not problems:
        assert loaded.profiles["p"].criteria[0].condition.value == read_number(text)  # type: ignore[attr-defined]


def test_a_long_number_text_is_refused_not_a_crash() -> None:
    long = "1" * 5000 + "k"
    assert parse_number(long) is None
    assert codes(spec(f"      - {{field: employees, min: '{long}'}}\n"))[0][2] == "ICP010"


@pytest.mark.parametrize("text", ["1B", "12k", "$5M", "36.9 Million", "-3.5"])
def test_examples_read_the_same_in_a_spec_and_a_record(text: str) -> None:
    s = loads(spec(f"      - {{field: annual_revenue, min: '{text}'}}\n"))
    assert s.profiles["p"].criteria[0].condition.value == read_number(text)  # type: ignore[attr-defined]
