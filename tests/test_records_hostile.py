"""The hostile record corpus (tests/records_hostile/), run through the real ``icpspec match``.

Each case in ``tests/records_hostile/cases.yaml`` names a file, the exit status,
the messages and the counts it must produce. Every run must also keep the
contract of RELIABILITY.md: no traceback, no raw control character on stderr,
no output file when nothing matched, and in the output no live spreadsheet
formula, no BOM in the header and no record lost silently.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from icpspec.cli import cli

from .records_hostile.make_corpus import generated_cases

HOSTILE = Path(__file__).resolve().parent / "records_hostile"
SPEC = HOSTILE / "hostile.icp.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SUMMARY = re.compile(r"^([\d,]+) records? read: ([\d,]+) matched, ([\d,]+) skipped", re.M)
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("records-hostile")
    for name, data in generated_cases().items():
        (folder / name).write_bytes(data)
    return folder


def case_path(case: dict[str, Any], generated_dir: Path) -> Path:
    return (generated_dir if case.get("generated") else HOSTILE) / case["file"]


def output_rows(path: Path) -> list[dict[str, Any]] | list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_live_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert PLAIN_NUMBER.fullmatch(cell), f"a live formula: {cell!r}"


ACCOUNT_COLUMNS = ["icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version"]


def check_run(
    case: dict[str, Any], code: int, stderr: str, out: Path, columns: list[str] = ACCOUNT_COLUMNS
) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert not RAW_CONTROL.search(stderr), f"raw control character in: {stderr!r}"
    assert code == case["exit"], stderr
    at = 0
    for expected in case.get("stderr", []):
        found = stderr.find(expected, at)
        assert found >= 0, f"{expected!r} not in:\n{stderr}"
        at = found + len(expected)
    if code == 2:
        assert not out.exists(), "nothing matched, yet an output file was written"
        assert not list(out.parent.glob(f".{out.name}.*")), "a temporary file was left behind"
        return
    summary = SUMMARY.search(stderr)
    assert summary is not None, stderr
    read, matched, skipped = (int(g.replace(",", "")) for g in summary.groups())
    assert read == matched + skipped
    assert (matched, skipped) == (case["matched"], case["skipped"])
    rows = output_rows(out)
    if out.suffix == ".jsonl":
        assert len(rows) == matched
        return
    header, data = rows[0], rows[1:]
    assert len(data) == matched, "a record was lost"
    assert not any(c.startswith("\ufeff") for c in header)
    assert header[-len(columns) :] == columns
    assert all(len(r) == len(header) for r in data)
    assert_no_live_formula(rows)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_hostile_record_file(case: dict[str, Any], generated_dir: Path, tmp_path: Path) -> None:
    path = case_path(case, generated_dir)
    out = tmp_path / ("scored.jsonl" if path.suffix == ".jsonl" else "scored.csv")
    result = CliRunner().invoke(cli, ["match", str(SPEC), str(path), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    check_run(case, result.exit_code, result.stderr, out)


@pytest.mark.parametrize(
    "name",
    [
        "formula_cells.csv",
        "runaway_quote.csv",
        "bad_json.jsonl",
        "utf16_bom.csv",
        # Never a hang: both took minutes (a mapping redone per line, a regular expression
        # backtracking), where a second is enough.
        "respelt_key_per_line.jsonl",
        "spaced_header.csv",
    ],
)
def test_hostile_record_file_in_a_real_process(name: str, generated_dir: Path, tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c["file"] == name]
    out = tmp_path / ("scored.jsonl" if name.endswith(".jsonl") else "scored.csv")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "icpspec",
            "match",
            str(SPEC),
            str(case_path(case, generated_dir)),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.stdout == ""
    check_run(case, proc.returncode, proc.stderr, out)


def test_every_file_of_the_corpus_has_a_case(generated_dir: Path) -> None:
    files = {p.name for p in HOSTILE.iterdir() if p.suffix in (".csv", ".jsonl", ".gz")}
    files |= set(generated_cases())
    assert files == {c["file"] for c in CASES}


def test_formula_cells_are_escaped_and_numbers_are_not(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    CliRunner().invoke(cli, ["match", str(SPEC), str(HOSTILE / "formula_cells.csv"), "-o", str(out)])
    rows = output_rows(out)
    assert rows[0][0] == '\'=HYPERLINK("http://x")'
    assert [r[0] for r in rows[1:]] == [
        "'=cmd|' /C calc'!A0",
        "'+SUM(1+1)",
        "'-2+3+cmd|' /C calc'!A0",
        "'\rCR",
        "Safe Co",
    ]
    assert [r[1] for r in rows[1:]] == ["12", "-12", "1,200", "-12.5", "20"]
    assert [r[3] for r in rows[1:]] == ["hubspot", "'@evil", "'\tTAB", "+1", "x\n=not a formula"]


_PIECES = st.sampled_from(
    [
        b"Company,Employees,Country\n",
        b"Acme,12,US\n",
        b'"',
        b",",
        b"\n",
        b"\r\n",
        b"\r",
        b"\x00",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xe9",
        b"=1+1",
        b"{",
        b"}",
        b'{"company": "x"}\n',
        b"[1]\n",
        b"NaN",
        b"\\",
        b" ",
    ]
)


@given(
    st.lists(st.one_of(_PIECES, st.binary(max_size=8)), max_size=25),
    st.sampled_from(["a.csv", "a.jsonl", "a"]),
)
def test_any_bytes_give_a_clear_result(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes], name: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(b"".join(pieces))
    out = folder / "out"
    result = CliRunner().invoke(cli, ["match", str(SPEC), str(path), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr
    assert not RAW_CONTROL.search(result.stderr)
    if result.exit_code == 2:
        assert not out.exists()
        return
    summary = SUMMARY.search(result.stderr)
    assert summary is not None, result.stderr
    read, matched, skipped = (int(g.replace(",", "")) for g in summary.groups())
    assert read == matched + skipped
    if name == "a.csv":
        rows = output_rows(out)
        assert len(rows) - 1 == matched
        assert_no_live_formula(rows)  # type: ignore[arg-type]
