"""Record readers, column mapping and value parsing (icpspec.records)."""

from __future__ import annotations

import csv
import io
import json
import pickle
import re
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icpspec.engine import UNKNOWN, Matcher
from icpspec.model import ACCOUNT_FIELDS, Profile
from icpspec.records import (
    ColumnMappingError,
    RecordFileError,
    RecordLimits,
    RecordReader,
    SkippedRecord,
    escape_formula,
    map_columns,
    read_records,
)
from icpspec.records._convert import compile_converter
from icpspec.records._reader import _value_reader

from .test_engine_properties import FIELDS, junk, profiles, values


def reader(data: bytes, name: str = "accounts.csv", **kwargs: Any) -> RecordReader:
    return RecordReader(io.BytesIO(data), ACCOUNT_FIELDS, name=name, **kwargs)


# -- column mapping ------------------------------------------------------------------------------


def test_aliases_match_ignoring_case_spaces_and_punctuation() -> None:
    for column in ["Number of employees", "employee_count", "Employees", "EMPLOYEE-COUNT", "# Employees"]:
        assert map_columns(["Company", column], ACCOUNT_FIELDS).fields["employees"] == column


def test_a_column_named_like_the_field_beats_an_alias() -> None:
    m = map_columns(["Headcount", "employees"], ACCOUNT_FIELDS)
    assert (m.fields["employees"], m.how["employees"]) == ("employees", "name")


def test_two_aliases_of_one_field_are_an_error_naming_the_fix() -> None:
    with pytest.raises(
        ColumnMappingError,
        match=r"columns 'Headcount' and 'Staff Count' both hold field 'employees'; choose one with --map employees=COLUMN",
    ):
        map_columns(["Headcount", "Staff Count"], ACCOUNT_FIELDS)


def test_two_columns_of_one_field_are_named_on_the_error() -> None:
    """The field and its columns, as data (suggest says which --map match needs without
    reading the message), and they survive pickling (a worker process's error)."""
    with pytest.raises(ColumnMappingError) as caught:
        map_columns(["Headcount", "Staff Count"], ACCOUNT_FIELDS)
    error = pickle.loads(pickle.dumps(caught.value))
    for e in (caught.value, error):
        assert (e.field, e.columns) == ("employees", ("Headcount", "Staff Count"))
    assert str(error) == str(caught.value)
    with pytest.raises(ColumnMappingError) as other:
        map_columns(["Headcount"], ACCOUNT_FIELDS, {"employees": "Staff"})
    assert (other.value.field, other.value.columns) == (None, ())


def test_map_overrides_win_and_unknown_names_are_errors() -> None:
    m = map_columns(["Headcount", "Staff Count"], ACCOUNT_FIELDS, {"employees": "staff count"})
    assert (m.fields["employees"], m.how["employees"]) == ("Staff Count", "map")
    with pytest.raises(
        ColumnMappingError, match=r"--map 'employes': no such field; did you mean 'employees'\?"
    ):
        map_columns(["Headcount"], ACCOUNT_FIELDS, {"employes": "Headcount"})
    with pytest.raises(
        ColumnMappingError, match=r"--map employees='Headcont': no such column; did you mean 'Headcount'\?"
    ):
        map_columns(["Headcount"], ACCOUNT_FIELDS, {"employees": "Headcont"})


def test_missing_fields_are_listed() -> None:
    fields = {k: ACCOUNT_FIELDS[k] for k in ["employees", "country"]}
    m = map_columns(["Employees"], fields)
    assert m.missing == ("country",)
    assert m.describe() == [
        "employees <- 'Employees' (name)",
        "country <- no column: its outcomes are unknown",
    ]


# -- reading -------------------------------------------------------------------------------------


def test_values_are_read_as_their_field_type() -> None:
    data = (
        b"Company,Employees,Annual Revenue,Country,Is Public,Technologies,Last Funding Date\n"
        b'Acme,"1,200","$648,125,000",United States,yes,hubspot; Salesforce,2024-05-01\n'
        b"Beta,12k,36.9 Million,U.S.,0,,\n"
        b"Gamma,n/a,1.2B,USA,maybe,slack|notion,someday\n"
    )
    with reader(data) as r:
        records = list(r)
    assert records[0] == {
        "name": "Acme",
        "employees": 1200,
        "annual_revenue": 648125000,
        "last_funding_date": records[0]["last_funding_date"],
        "is_public": True,
        "country": "US",
        "technologies": ["hubspot", "Salesforce"],
    }
    assert str(records[0]["last_funding_date"]) == "2024-05-01"
    assert records[1]["employees"] == 12000
    assert records[1]["annual_revenue"] == 36_900_000
    assert (records[1]["country"], records[1]["is_public"], records[1]["technologies"]) == ("US", False, None)
    assert records[2]["employees"] is None
    assert records[2]["annual_revenue"] == 1_200_000_000
    assert (records[2]["country"], records[2]["is_public"]) == ("US", None)
    assert r.report.unreadable == {"employees": 1, "is_public": 1, "last_funding_date": 1}
    assert r.report.blank == {"technologies": 1, "last_funding_date": 1}
    assert r.report.examples == {"employees": "n/a", "is_public": "maybe", "last_funding_date": "someday"}


def test_a_bad_record_is_skipped_with_its_line_and_the_rest_is_read() -> None:
    data = b'Company,Employees\nAcme,1\n"Broken,2\nZed,3\nShort\n\xff\xfe,4\nYak,5\n'
    with reader(data) as r:
        names = [rec["name"] for rec in r]
    assert names == ["Acme", "Zed", "Yak"]
    assert r.report.records == 6
    assert r.report.skipped_first == [
        SkippedRecord(3, 1, "a quote that is never closed (lines 3-7)"),
        SkippedRecord(5, 1, "1 cell, but the header has 2"),
        SkippedRecord(6, 1, "not UTF-8 (byte 0xff, 'ÿ' in Windows-1252); save the file as UTF-8"),
    ]


def test_the_header_must_be_readable_and_unique() -> None:
    for data, message in [
        (b"", "accounts.csv:1:1: the file is empty: a CSV file starts with a header line"),
        (b"a,b,a\n1,2,3\n", "accounts.csv:1:1: duplicate column 'a' (columns 1 and 3)"),
        (b"\xff\xfea\x00,\x00b\x00\n\x00", "accounts.csv:1:1: the file is UTF-16; save it as UTF-8"),
        (
            b"Comp\xe9ny,b\n",
            "accounts.csv:1:5: cannot read the header line: not UTF-8 (byte 0xe9, 'é' in Windows-1252)",
        ),
    ]:
        with pytest.raises(RecordFileError) as info:
            reader(data)
        assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("head", "name", "message"),
    [
        (b"PAR1\x15\x04\x15", "deals.parquet", "a Parquet file, not CSV or JSON Lines"),
        (b"PAR1\x15\x04\x15", "deals.csv", "a Parquet file, not CSV or JSON Lines"),
        (b"\x1f\x8b\x08\x00", "deals.csv.gz", "a gzip-compressed file: decompress it first"),
        (b"BZh91AY&SY", "deals.csv.bz2", "a bzip2-compressed file: decompress it first"),
        (b"\xfd7zXZ\x00\x00", "deals.csv.xz", "an xz-compressed file: decompress it first"),
        (b"\x28\xb5\x2f\xfd\x00", "deals.csv.zst", "a Zstandard-compressed file: decompress it first"),
        (b"PK\x03\x04\x14\x00", "deals.xlsx", "a ZIP archive (an Excel .xlsx workbook?)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "deals.xls", "an Excel 97-2003 workbook"),
        (b"SQLite format 3\x00", "deals.db", "an SQLite database"),
        (b"ARROW1\x00\x00", "deals.arrow", "an Arrow IPC file"),
    ],
)
def test_binary_formats_are_named_not_read_as_text(head: bytes, name: str, message: str) -> None:
    """A Parquet, compressed or spreadsheet file said what it is: it was read as CSV and reported as
    'a carriage return outside quotes (old Mac line endings?)' or a NUL byte."""
    data = head + bytes(range(256)) * 4
    with pytest.raises(RecordFileError) as info:
        reader(data, name=name)
    assert str(info.value).startswith(f"{name}:1:1: {message}")
    assert "\n" not in str(info.value)
    # Named .jsonl, read as JSON Lines by its name, the same.
    with pytest.raises(RecordFileError, match=re.escape(message)):
        reader(data, name="deals.jsonl")


@pytest.mark.parametrize(
    "data",
    [
        b"PAR1,PK\n1,2\n",
        b"BZh_id,employees\nAcme\x1b[1m,10\nBeta,20\n",  # an escape sequence in a cell
        b"PAR1,employees\nAcme\x08,10\n",
        b"ARROW1,x\n\x7f,2\n",
    ],
)
def test_text_that_starts_like_a_magic_number_is_read(data: bytes) -> None:
    """Found (review of ab5c839): a text file starting 'BZh' or 'PAR1' with any control byte
    in its first bytes was refused as bzip2 or Parquet. A signature counts only before a NUL
    or bytes that are no UTF-8."""
    with reader(data, name="a.csv") as r:
        rows = list(r.rows())
    assert r.columns[0] == data.split(b",")[0].decode()
    assert len(rows) == data.count(b"\n") - 1


def test_a_binary_file_through_a_pipe_is_named_however_its_bytes_come() -> None:
    """Found (review of ab5c839): on a pipe, the first look gets what one read got; a gzip
    or Parquet file whose first chunk ended after its signature was read as CSV."""
    import gzip
    import os
    import threading

    data = gzip.compress(b"name,employees\nAcme,10\n" * 50)
    for cut in (2, 4, 300):
        read_end, write_end = os.pipe()

        def feed(cut: int = cut, write_end: int = write_end) -> None:
            os.write(write_end, data[:cut])
            time.sleep(0.05)
            os.write(write_end, data[cut:])
            os.close(write_end)

        thread = threading.Thread(target=feed)
        thread.start()
        with (
            os.fdopen(read_end, "rb") as stream,
            pytest.raises(RecordFileError, match="a gzip-compressed file"),
        ):
            RecordReader(stream, ACCOUNT_FIELDS, name="-")
        thread.join()
    # Text through a slow pipe is read whole, each line once.
    read_end, write_end = os.pipe()
    text = b"name,employees\n" + b"".join(b"A%d,%d\n" % (i, i) for i in range(3000))

    def slow() -> None:
        os.write(write_end, text[:7])
        time.sleep(0.05)
        os.write(write_end, text[7:])
        os.close(write_end)

    thread = threading.Thread(target=slow)
    thread.start()
    with os.fdopen(read_end, "rb") as stream, RecordReader(stream, ACCOUNT_FIELDS, name="-") as r:
        names = [rec["name"] for rec in r]
    thread.join()
    assert names == [f"A{i}" for i in range(3000)]


def test_limits_are_enforced_per_record() -> None:
    limits = RecordLimits(max_line_bytes=100, max_record_bytes=200, max_record_lines=3, max_field_chars=50)
    data = b"Company,Notes\nA,ok\nB," + b"x" * 300 + b"\nC," + b"y" * 60 + b'\nD,"1\n2\n3\n4\n5"\nE,ok\n'
    with reader(data, limits=limits) as r:
        names = [rec["name"] for rec in r]
    assert names[0] == "A"
    assert names[-1] == "E"
    reasons = [s.reason for s in r.report.skipped_first]
    assert reasons[0] == "the line is longer than 100 bytes"
    assert reasons[1] == "a field longer than 50 characters"
    assert reasons[2].startswith("the record runs over 200 bytes or 3 lines")


def test_json_lines_records() -> None:
    data = b'{"company": "Acme", "employee_count": "1,200", "hq_country": "Germany"}\n[1]\n\n{"company": "Zed"}\n'
    with reader(data, name="a.jsonl") as r:
        records = list(r)
    assert r.format == "jsonl"
    assert records == [
        {"name": "Acme", "employees": 1200, "country": "DE"},
        {"name": "Zed", "employees": None, "country": None},
    ]
    assert r.report.skipped_first == [SkippedRecord(2, 1, "a list, not a JSON object")]
    assert r.report.blank_lines == 1


def test_json_lines_keys_may_come_late() -> None:
    data = b'{"company": "Acme"}\n{"company": "Beta", "Staff": 40, "headcount": 7}\n'
    with reader(data, name="a.jsonl", columns={"employees": "Staff"}) as r:
        records = list(r)
    assert [rec["employees"] for rec in records] == [None, 40]


def test_read_records_reads_the_fields_a_spec_uses() -> None:
    import icpspec

    spec = icpspec.load("examples/sp500/sp500.icp.yaml")
    with read_records("examples/sp500/sp500_constituents.csv", spec) as r:
        first = next(iter(r))
    assert set(first) == {"industry", "sub_industry", "founded_year", "headquarters"}


def test_formula_escaping() -> None:
    assert [escape_formula(c) for c in ["=1", "+1", "-1", "@a", "\t1", "\r1", "-1.5e3", "+1,000", "a=b", ""]] == [
        "'=1", "+1", "-1", "'@a", "'\t1", "'\r1", "-1.5e3", "+1,000", "a=b", "",
    ]  # fmt: skip


# -- every value the reader hands to the engine gives the engine's result on the raw value ---------

cells = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "007",
            "1,200",
            "12k",
            "$1.2M",
            "36.9 Million",
            "1_000",
            "nan",
            "1e3",
            "-5",
            "+7",
            "US",
            "us",
            "U.S.",
            "United States",
            "Norway",
            "NO",
            "yes",
            "No",
            "TRUE",
            "1",
            "maybe",
            "2024-05-01",
            "2023-02-30",
            "2024-05-01T10:00:00Z",
            "hubspot; Salesforce",
            "slack,notion|x",
            " ; ",
            "Software",
            " SaaS ",
            "٣",
            "\uff11\uff12",
            "0" * 101,
        ]
    ),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=8),
)


def _same(a: Any, b: Any) -> None:
    assert (a.score, a.tier, a.status, a.coverage, a.codes) == (
        b.score,
        b.tier,
        b.status,
        b.coverage,
        b.codes,
    )


@given(profiles(), st.fixed_dictionaries(dict.fromkeys(FIELDS, cells)))
def test_converted_cells_match_like_raw_cells(profile: Profile, row_values: dict[str, str]) -> None:
    matcher = Matcher(profile)
    columns = [(f, i, ACCOUNT_FIELDS[f].type) for i, f in enumerate(FIELDS)]
    blanks = [0] * len(FIELDS)
    unknown: list[str] = []
    convert = compile_converter(columns, lambda f, v: unknown.append(f), blanks)
    row = [row_values[f] for f in FIELDS]
    record = convert(row)
    _same(matcher.match(record), matcher.match(dict(row_values)))
    # A value is unknown to the reader exactly when the engine finds it unknown.
    for f in FIELDS:
        assert (record[f] is None) == (_value_reader(ACCOUNT_FIELDS[f].type)(row_values[f]) is UNKNOWN)
    assert sum(blanks) + len(unknown) == sum(1 for f in FIELDS if record[f] is None)


json_values = st.one_of(junk.filter(lambda v: not isinstance(v, float)), *(s for s in values.values()))


@given(
    profiles(), st.dictionaries(st.sampled_from(FIELDS), json_values.filter(lambda v: not hasattr(v, "year")))
)
def test_json_values_match_like_raw_values(profile: Profile, obj: dict[str, Any]) -> None:
    line = json.dumps(obj).encode() + b"\n"
    with reader(line, name="a.jsonl") as r:
        (record,) = list(r)
    matcher = Matcher(profile)
    _same(matcher.match(record), matcher.match(obj))


@given(
    st.lists(
        st.lists(
            st.text(
                st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\ufeff\r"), max_size=6
            ),
            min_size=2,
            max_size=2,
        ),
        max_size=5,
    )
)
def test_csv_cells_come_back_as_written(rows: list[list[str]]) -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Company", "Notes"])
    w.writerows(rows)
    with reader(out.getvalue().encode()) as r:
        got = [raw for _, raw, _ in r.rows()]
    expected = [row for row in rows if row != ["Company", "Notes"]]
    assert got == expected
    assert r.report.skipped == len(rows) - len(expected)


def test_the_limits_table_of_the_docs_matches_the_defaults() -> None:
    import re

    import attrs

    from .conftest import ROOT

    page = (ROOT / "docs" / "match.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(max_[a-z_]+)` \| ([\d,]+) ", page, flags=re.M))
    assert {k: int(v.replace(",", "")) for k, v in table.items()} == attrs.asdict(RecordLimits())


@given(st.lists(st.text(st.sampled_from('=+-@\t\r"a1,. \n'), max_size=5), min_size=1, max_size=4))
def test_a_line_said_to_hold_no_formula_holds_none(row: list[str]) -> None:
    from icpspec.records import escape_row, line_may_hold_formula

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(row)
    if not line_may_hold_formula(out.getvalue()) and "\n" not in "".join(row):  # a one-line record
        assert escape_row(row) is row
    assert (escape_row(row) is row) == all(escape_formula(c) == c for c in row)
