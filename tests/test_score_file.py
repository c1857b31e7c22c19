"""icpspec.score_file: the library file scorer the CLI calls (issue 13, "What to build" 2)."""

from __future__ import annotations

import csv
import doctest
import io
from pathlib import Path

import pytest

import icpspec
import icpspec.batch
import icpspec.records._columns
from icpspec.model import MatchStatus
from icpspec.records import ColumnReport, RecordFileError, ScoreSummary

from .conftest import EXAMPLES

SP500 = EXAMPLES / "sp500"
SPEC = SP500 / "sp500.icp.yaml"
DATA = SP500 / "sp500_constituents.csv"


@pytest.mark.parametrize("module", [icpspec.batch, icpspec.records._columns])
def test_docstring_examples_run(module: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert tried
    assert not failed


def test_the_summary_counts_what_was_written(tmp_path: Path) -> None:
    spec = icpspec.load(SPEC)
    out = tmp_path / "scored.csv"
    summary = icpspec.score_file(DATA, out, spec)
    assert isinstance(summary, ScoreSummary)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert summary.records == summary.scored == len(rows) == 503
    assert all(isinstance(s, MatchStatus) for s in summary.statuses)
    for status, n in summary.statuses.items():
        assert n == sum(r["icp_status"] == status.value for r in rows)
    for profile, n in summary.best.items():
        assert n == sum((r["icp_profile"] or "no fit") == profile for r in rows)
    assert summary.best["no fit"] == summary.statuses[MatchStatus.NO_FIT] > 0
    assert sum(summary.tiers.values()) == 503
    assert summary.unknown["founded_year"].unreadable == 39
    assert summary.unknown["founded_year"].column == "Founded"
    data = summary.to_dict()
    assert data["statuses"] == {s.value: n for s, n in summary.statuses.items()}
    assert data["columns"]["industry"] == "GICS Sector"


def test_the_mapping_comes_before_the_first_record_and_progress_ends_at_the_size() -> None:
    spec = icpspec.load(SPEC)
    out = io.StringIO()
    seen: list[tuple[str, object]] = []

    def on_columns(report: ColumnReport) -> None:
        seen.append(("columns", out.getvalue()))
        assert report.mode == "accounts"
        assert report.columns is not None
        assert report.columns.fields["industry"] == "GICS Sector"

    icpspec.score_file(
        DATA, out, spec, on_columns=on_columns, progress=lambda d, t: seen.append(("p", (d, t)))
    )
    assert seen[0] == ("columns", "")  # nothing written yet
    size = DATA.stat().st_size
    assert seen[-1] == ("p", (size, size))


def test_explain_cells_are_the_results_verdicts() -> None:
    spec = icpspec.load(SPEC)
    out = io.StringIO()
    icpspec.score_file(DATA, out, spec, profile="software", explain=True)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    matcher = icpspec.Matcher(spec.profiles["software"], spec=spec)
    with icpspec.read_records(DATA, spec, profiles=["software"]) as reader:
        records = list(reader)
    criteria = [c.id for c in spec.profiles["software"].criteria]
    for row, record in zip(rows, records, strict=True):
        result = matcher.match(record)
        by = {
            v: [c for c, w in zip(criteria, result.verdicts, strict=False) if w is v] for v in icpspec.Verdict
        }
        assert row["icp_matched"] == "; ".join(by[icpspec.Verdict.MATCHED])
        assert row["icp_missed"] == "; ".join(by[icpspec.Verdict.MISSED])
        assert row["icp_unknown"] == "; ".join(by[icpspec.Verdict.UNKNOWN])


def test_a_file_that_cannot_be_read_writes_nothing(tmp_path: Path) -> None:
    spec = icpspec.load(SPEC)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfeU\x00")
    out = tmp_path / "out.csv"
    with pytest.raises(RecordFileError, match="UTF-16"):
        icpspec.score_file(bad, out, spec)
    with pytest.raises(icpspec.IcpspecError, match="no such profile"):
        icpspec.score_file(DATA, out, spec, profile="sofware")
    with pytest.raises(icpspec.IcpspecError, match="unknown engine"):
        icpspec.score_file(DATA, out, spec, engine="spark")  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_both_engines_give_the_same_summary(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    spec = icpspec.load(SPEC)
    python = icpspec.score_file(DATA, tmp_path / "p.csv", spec)
    target = icpspec.score_file(DATA, tmp_path / "t.csv", icpspec.target(spec, "software"))
    alone = icpspec.score_file(DATA, tmp_path / "s.csv", spec, profile="software")
    assert (tmp_path / "t.csv").read_bytes() == (tmp_path / "s.csv").read_bytes()
    assert dict(target.statuses) == dict(alone.statuses)
    duckdb = icpspec.score_file(DATA, tmp_path / "d.csv", spec, engine="duckdb")
    assert (duckdb.engine, python.engine) == ("duckdb", "python")
    assert dict(duckdb.statuses) == dict(python.statuses)
    assert dict(duckdb.tiers) == dict(python.tiers)
    assert dict(duckdb.best) == dict(python.best)
    assert duckdb.columns.columns == python.columns.columns
    with pytest.raises(icpspec.IcpspecError, match="--explain needs --engine python"):
        icpspec.score_file(DATA, tmp_path / "x.csv", spec, engine="duckdb", explain=True)


def test_the_cli_holds_no_pipeline() -> None:
    """Found: cli/_match.py was 694 lines with the reader's private state and a result cache."""
    cli = Path(icpspec.__file__).parent / "cli"
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in cli.glob("*.py")}
    assert max(sizes.values()) < 400, sizes
    text = (cli / "_match.py").read_text(encoding="utf-8")
    for private in ("._source", "result.codes", "RecordReader", "Matcher("):
        assert private not in text
