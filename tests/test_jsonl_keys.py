"""The keys of a JSON Lines file vary by line: how the reader maps them, in flat memory and linear time."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icpspec.model import ACCOUNT_FIELDS, normalize_column_name
from icpspec.records import Columns, ColumnsError, RecordFileError, RecordReader
from icpspec.records._varying import MAX_LISTED_KEYS

from .records_hostile.make_corpus import spelling
from .strategies import ListKeys

FIELDS = {f: ACCOUNT_FIELDS[f] for f in ("name", "employees", "annual_revenue")}


def jsonl(objects: Sequence[Mapping[str, object]]) -> bytes:
    return "".join(json.dumps(o) + "\n" for o in objects).encode()


def test_a_key_new_on_every_line_is_listed_up_to_the_limit_and_fields_are_still_found() -> None:
    # Found: 1,000,000 lines each with a key of its own took 246 MB to match (35 MB with
    # one key repeated): every key met was kept for the whole read.
    lines: list[dict[str, object]] = [
        {"company": f"c{i}", f"custom_{i}": 1} for i in range(MAX_LISTED_KEYS + 50)
    ]
    lines.append({"company": "late", "custom_x": 1, "Employees": 40})
    with RecordReader(io.BytesIO(jsonl(lines)), FIELDS, name="a.jsonl") as reader:
        records = list(reader)
    assert len(reader.columns) == MAX_LISTED_KEYS + 1  # the key that holds a field is listed too
    assert reader.columns[:2] == ("company", "custom_0")
    assert "Employees" in reader.columns
    assert records[-1] == {"name": "late", "employees": 40}
    assert reader.mapping is not None
    assert reader.mapping.fields["employees"] == "Employees"


def test_the_first_line_lists_every_key_it_has_and_keys_past_the_limit_are_looked_at_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # Found (review of 6f1e72c): a first line of 10,000 other keys lost 'company' and 'website'
    # from the CSV written of it (its header is the first line's keys), and each later line
    # looked again at every key past the limit (1.65 times as slow).
    import icpspec
    from icpspec.records._varying import _KeyNames

    first = {f"k{i}": 1 for i in range(MAX_LISTED_KEYS)} | {
        "company": "Acme",
        "Employees": 50,
        "website": "a.com",
    }
    lines = [first, *({"company": f"c{i}", "Employees": i, "x1": 1, "x2": 2} for i in range(1000))]
    added = []
    add = _KeyNames.add

    def counted(self: _KeyNames, key: str) -> bool:
        added.append(key)
        return add(self, key)

    monkeypatch.setattr(_KeyNames, "add", counted)
    with RecordReader(io.BytesIO(jsonl(lines)), FIELDS, name="a.jsonl") as reader:
        records = list(reader)
    assert reader.columns == tuple(first)  # x1, x2: past the limit
    assert reader.mapping is not None
    assert reader.mapping.columns == reader.columns
    assert records[-1] == {"name": "c999", "employees": 999}
    assert len(added) == len(first) + 2
    path = tmp_path / "wide.jsonl"
    path.write_bytes(jsonl(lines[:2]))
    out = io.StringIO()
    icpspec.score_file(path, out, icpspec.load("examples/acme.icp.yaml"), format="csv")
    header = out.getvalue().split("\r\n", 1)[0].split(",")
    assert header[: len(first)] == list(first)


def test_new_spellings_of_a_field_on_every_line_map_the_file_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Found: 20,000 lines, each spelling 'employees' anew ('EMployees!', 'employees#-'…),
    # took 238 s to match: each new spelling mapped the file again over every key met.
    calls = []
    resolve = Columns.resolve

    def counted(self: Columns, headers: Sequence[str], fields: Any, **options: Any) -> Any:
        calls.append(len(headers))
        return resolve(self, headers, fields, **options)

    monkeypatch.setattr(Columns, "resolve", counted)
    lines = [{spelling(i): i, "company": "x"} for i in range(3000)]
    with RecordReader(io.BytesIO(jsonl(lines)), FIELDS, name="a.jsonl") as reader:
        records = list(reader)
    assert len(calls) <= 10  # a full mapping, then one per field when one is ambiguous
    assert max(calls) <= 4
    # Once two spellings hold the field, which one is meant is the user's choice (--map):
    # the mapping in use (the first spelling) is kept, as before.
    assert [r["employees"] for r in records[:3]] == [0, None, None]


# -- the mapping in use at each line is the one every key met so far gives ------------------------

_KEYS = [
    "employees", "Employees", "EMPLOYEES", "EMPLOYEES!", "headcount", "Head Count", "Staff",
    "Employees (k)", "employees ($M)", "revenue", "REVENUE", "Revenue ($M)", "sales (in thousands)",
    "company", "Company", "other", "Other key",
]  # fmt: skip
_MAPS = [{}, {"employees": "Staff"}, {"employees": "EMPLOYEES"}, {"annual_revenue": "REVENUE"}]


def _reference(lines: list[dict[str, int]], columns: Columns) -> list[Any]:
    """The mapping per line, simply: every key met so far mapped again on every line; when
    that fails past the first line, each field on its own, one its rules cannot tell keeping
    the column it had."""
    seen: dict[str, None] = {}
    out: list[Any] = []
    fields: dict[str, str] = {}
    units: dict[str, Any] = {}
    for n, obj in enumerate(lines):
        seen.update(dict.fromkeys(obj))
        held = {normalize_column_name(k) for k in seen}
        later = [c for c in columns.map.values() if normalize_column_name(c) not in held]
        keys = [*seen, *later]
        try:
            mapping = columns.resolve(keys, FIELDS)
            fields, units = dict(mapping.fields), dict(mapping.units)
        except ColumnsError:
            if n == 0:
                return [*out, "error"]
            for field, definition in FIELDS.items():
                own = Columns(map={field: columns.map[field]} if field in columns.map else {})
                try:
                    one = own.resolve(keys, {field: definition})
                except ColumnsError:
                    continue
                fields.pop(field, None)
                units.pop(field, None)
                if field in one.fields:
                    fields[field] = one.fields[field]
                if field in one.units:
                    units[field] = one.units[field]
            fields = {f: fields[f] for f in FIELDS if f in fields}
        out.append((dict(fields), dict(units)))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_KEYS), max_size=4, unique=True), min_size=1, max_size=12),
    st.sampled_from(_MAPS),
)
def test_the_mapping_at_each_line_is_that_of_every_key_met_so_far(
    keys: list[list[str]], given_map: dict[str, str]
) -> None:
    lines = [dict.fromkeys(k, 1) for k in keys]
    columns = Columns(map=given_map)
    expected = _reference(lines, columns)
    got: list[Any] = []
    reader = RecordReader(io.BytesIO(jsonl(lines)), FIELDS, name="a.jsonl", columns=columns)
    try:
        for _ in reader.rows():
            assert reader.mapping is not None
            got.append((dict(reader.mapping.fields), dict(reader.mapping.units)))
    except RecordFileError as exc:
        if "no line has such a column" not in str(exc) and "spell it several ways" not in str(exc):
            got.append("error")
    assert got == expected


def test_suggest_reads_every_key_of_a_json_lines_file(tmp_path: Any) -> None:
    # suggest holds every row, so it lists every key, past the reader's limit too.
    from icpspec.suggest._table import read_table

    path = tmp_path / "deals.jsonl"
    path.write_bytes(jsonl([{"company": f"c{i}", f"custom_{i}": 1} for i in range(MAX_LISTED_KEYS + 5)]))
    table = read_table(path)
    assert len(table.columns) == MAX_LISTED_KEYS + 6
    assert table.columns[-1] == f"custom_{MAX_LISTED_KEYS + 4}"
    # Found (review of the whole change): a mapping whose keys() is a list broke the fast path.
    assert read_table([ListKeys({"a": 1}), ListKeys({"b": 2, "a": 3})]).columns == ("a", "b")


def test_two_columns_for_one_field_are_reported_on_the_line_of_the_first_object() -> None:
    # Found (review of 82e326c): the error said line 1 when blank and skipped lines came first.
    data = b'\n[1]\n{"headcount": 5, "staff_count": 6}\n'
    with (
        RecordReader(io.BytesIO(data), FIELDS, name="a.jsonl") as reader,
        pytest.raises(
            RecordFileError, match=r"^a\.jsonl:3:1: columns 'headcount' and 'staff_count' both hold"
        ),
    ):
        list(reader)
