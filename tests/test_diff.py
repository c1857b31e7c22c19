"""icpspec diff: changes by id, the migration matrix equal to two `icpspec match` runs counted by
hand, git:REV:path read safely, Markdown for a pull request (issue 16)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import referencing
import referencing.jsonschema
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.diff import DiffError, diff, render

from .conftest import EXAMPLES

RECORDS = EXAMPLES / "salvirt" / "salvirt_b2b_sales.csv"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


OLD = """\
icpspec: 1
version: "2026.1"
fields:
  client: {type: string, aliases: [Client]}
  lead_source: {type: string, aliases: [Source]}
  company_size: {type: string, aliases: [Comp_size]}
  competitors: {type: string, aliases: [Competitors]}
profiles:
  warm-accounts:
    status: hypothesis
    test_plan: Evaluate on the closed deals before routing leads with it.
    criteria:
      - {id: existing-client, field: client, in: [Current, Past], weight: 3}
      - {id: warm-source, field: lead_source, in: [Joint past, Referral], weight: 2}
      - {id: big-company, field: company_size, equals: Big, weight: 1}
      - {id: no-competition, field: competitors, equals: "No", weight: 2}
    disqualifiers:
      - {id: cold-channel, field: lead_source, in: [Direct mail, Media], reason: Cold channels rarely close}
    tiers: {A: 75, B: 40, C: 0}
"""


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """Salvirt's profile before and after a review: one weight, one tier, one criterion less."""
    old = tmp_path / "old.icp.yaml"
    old.write_text(OLD, encoding="utf-8")
    text = OLD.replace("in: [Current, Past], weight: 3}", "in: [Current, Past], weight: 1}")
    text = text.replace("tiers: {A: 75, B: 40, C: 0}", "tiers: {A: 70, B: 40, C: 0}")
    text = text.replace("      - {id: big-company, field: company_size, equals: Big, weight: 1}\n", "")
    new = tmp_path / "new.icp.yaml"
    new.write_text(text, encoding="utf-8")
    return old, new


def test_changes_are_listed_by_id(versions: tuple[Path, Path]) -> None:
    found = diff(*versions)
    assert [str(c) for c in found.changes] == [
        "profile warm-accounts criterion big-company removed (was: company_size equals Big, weight 1)",
        "profile warm-accounts criterion existing-client: weight 3 -> 1",
        "profile warm-accounts tier A: threshold 75 -> 70",
    ]
    assert diff(versions[0], versions[0]).changes == ()


def test_every_kind_of_change_is_named(tmp_path: Path) -> None:
    old = icpspec.load(EXAMPLES / "minimal.icp.yaml")
    text = (EXAMPLES / "minimal.icp.yaml").read_text(encoding="utf-8")
    text = text.replace("reviewed: 2026-10-01", "reviewed: 2026-12-01").replace(
        "required: true", "required: false"
    )
    text = text.replace("sample_size: 42", "sample_size: 60").replace(
        "personas: [cto]", "personas: []\n    min_coverage: 0.5"
    )
    text = text.replace("reason: Procurement cycle too long", "reason: Too slow to buy")
    new = tmp_path / "new.icp.yaml"
    new.write_text(text, encoding="utf-8")
    found = {str(c) for c in diff(old, new).changes}
    assert {
        "evidence crm-2026q3: sample_size 42 -> 60",
        "profile us-saas-growth criterion country: required true -> false",
        "profile us-saas-growth disqualifier public: reason Procurement cycle too long -> Too slow to buy",
        "profile us-saas-growth: reviewed 2026-10-01 -> 2026-12-01",
        "profile us-saas-growth: min_coverage 0 -> 0.5",
        "profile us-saas-growth persona cto removed",
    } <= found


def _match_groups(spec: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / f"{spec.stem}.scored.csv"
    code, _, stderr = run("match", str(spec), str(RECORDS), "-o", str(out))
    assert code in (0, 1), stderr
    with out.open(encoding="utf-8", newline="") as fh:
        return [
            r["icp_tier"] or ("no tier" if r["icp_status"] == "scored" else r["icp_status"])
            for r in csv.DictReader(fh)
        ]


def test_migration_matrix_equals_two_match_runs_counted_by_hand(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    found = diff(*versions, population=RECORDS)
    assert found.migration is not None
    by_hand = Counter(
        zip(_match_groups(versions[0], tmp_path), _match_groups(versions[1], tmp_path), strict=True)
    )
    assert dict(found.migration.cells) == dict(by_hand)
    assert sum(found.migration.cells.values()) == found.migration.records == 448
    assert found.migration.moved() == sum(n for (a, b), n in by_hand.items() if a != b)
    assert found.migration.movers
    assert all(m.old_group != m.new_group for m in found.migration.movers)


def test_outcome_gives_both_evaluations(versions: tuple[Path, Path]) -> None:
    found = diff(*versions, population=RECORDS, outcome="Status")
    assert found.old_evaluation is not None
    assert found.new_evaluation is not None
    assert found.old_evaluation.figures.records == found.new_evaluation.figures.records == 448
    markdown = render(found, "markdown")
    assert "#### Migration over 448 records" in markdown
    assert "| AUC (95% interval, DeLong) |" in markdown
    data = json.loads(render(found, "json"))
    assert data["format"] == "icpspec-diff-1"
    assert sum(c["records"] for c in data["migration"]["cells"]) == 448
    assert data["evaluations"]["old"]["figures"]["records"] == 448


def test_the_evaluations_give_every_rate_with_its_n_and_interval(versions: tuple[Path, Path]) -> None:
    """Found (a new user): diff's evaluations printed bare rates ('87 % of 99', 'top: precision
    87 %') and MadKudu's check by its internal name ('too_few_to_judge')."""
    import re

    found = diff(*versions, population=RECORDS, outcome="Status")
    assert found.old_evaluation is not None
    for fmt in ("text", "markdown"):
        text = render(found, fmt)
        assert "_" not in "".join(line for line in text.splitlines() if "MadKudu" in line), fmt
        rates = [line for line in text.splitlines() if "rate in " in line or "top: precision" in line]
        assert rates, fmt
        for line in rates:  # each figure a rate, its interval and its n
            assert len(re.findall(r"\d+% \(\d+-\d+%\) n=\d", line)) == 2, line
        assert "AUC (95% interval, DeLong)" in text, fmt


def test_outcome_without_population_is_an_error(versions: tuple[Path, Path]) -> None:
    with pytest.raises(DiffError, match="--outcome needs --population"):
        diff(*versions, outcome="Status")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revisions_are_read_with_git_show(
    versions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    shutil.copy(versions[0], repo / "icp.yaml")
    _git(repo, "add", "icp.yaml")
    _git(repo, "commit", "-qm", "old")
    shutil.copy(versions[1], repo / "icp.yaml")
    monkeypatch.chdir(repo)
    code, stdout, stderr = run("diff", "git:HEAD:icp.yaml", "icp.yaml", "--format", "markdown")
    assert code == 0, stderr
    assert stdout.startswith("### ICP diff: `HEAD:icp.yaml` → `icp.yaml`")
    assert "- profile warm-accounts criterion existing-client: weight 3 -> 1" in stdout
    code, _, stderr = run("diff", "git:nope:icp.yaml", "icp.yaml")
    assert code == 2
    assert "icpspec diff: 'git:nope:icp.yaml':" in stderr
    code, _, stderr = run("diff", "git:--output=x:icp.yaml", "icp.yaml")
    assert code == 2
    assert "a revision cannot start with '-'" in stderr


def test_outside_a_repository_is_a_clear_error(
    versions: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, _, stderr = run("diff", "git:HEAD:old.icp.yaml", str(versions[1]))
    assert code == 2
    assert stderr == "icpspec diff: 'git:HEAD:old.icp.yaml': not inside a git repository\n"


def test_cli_text_and_bad_spec(versions: tuple[Path, Path], tmp_path: Path) -> None:
    code, stdout, _ = run("diff", *map(str, versions), "--population", str(RECORDS))
    assert code == 0
    assert "profile warm-accounts criterion existing-client: weight 3 -> 1" in stdout
    assert "old group" in stdout
    broken = tmp_path / "broken.icp.yaml"
    broken.write_text(
        "icpspec: 1\nprofiles:\n  p:\n    criteria: [{field: nope, equals: 1}]\n", encoding="utf-8"
    )
    code, stdout, stderr = run("diff", str(versions[0]), str(broken))
    assert code == 2
    assert stdout == ""
    assert "broken.icp.yaml:4:" in stderr


SMALL = """\
icpspec: 1
profiles:
  p:
    criteria:
      - {{id: size, field: employees, between: [10, 500], weight: {w1}}}
      - {{id: us, field: country, in: [US], weight: {w2}}}
    disqualifiers:
      - {{id: public, field: is_public, equals: true, reason: Too slow}}
    tiers: {{A: {a}, B: {b}, C: 0}}
"""


@settings(max_examples=30)
@given(
    weights=st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5)),
    tiers=st.tuples(st.integers(51, 100), st.integers(1, 50), st.integers(51, 100), st.integers(1, 50)),
    rows=st.lists(
        st.tuples(
            st.one_of(st.integers(0, 1000).map(str), st.just("")),
            st.sampled_from(["US", "France", "", "de"]),
            st.sampled_from(["true", "false", ""]),
        ),
        max_size=60,
    ),
)
def test_migration_cells_are_each_record_counted_once(
    weights: tuple[int, int, int, int], tiers: tuple[int, int, int, int], rows: list[tuple[str, str, str]]
) -> None:
    old = icpspec.loads(SMALL.format(w1=weights[0], w2=weights[1], a=tiers[0], b=tiers[1]))
    new = icpspec.loads(SMALL.format(w1=weights[2], w2=weights[3], a=tiers[2], b=tiers[3]))
    text = "employees,country,is_public\n" + "".join(f"{e},{c},{p}\n" for e, c, p in rows)
    found = diff(old, new, population=io.BytesIO(text.encode()))
    assert found.migration is not None
    assert sum(found.migration.cells.values()) == found.migration.records == len(rows)

    def group(spec: icpspec.Spec, row: tuple[str, str, str]) -> str:
        result = icpspec.Matcher(spec.profiles["p"], spec=spec).match(
            {"employees": row[0], "country": row[1], "is_public": row[2]}
        )
        if result.status.value == "scored":
            return result.tier or "no tier"
        return result.status.value

    assert dict(found.migration.cells) == dict(Counter((group(old, r), group(new, r)) for r in rows))


def test_skipped_population_records_exit_1(versions: tuple[Path, Path], tmp_path: Path) -> None:
    population = tmp_path / "deals.csv"
    population.write_text("Client,Status\nCurrent,won\nNew\n", encoding="utf-8")
    code, stdout, stderr = run("diff", *map(str, versions), "--population", str(population))
    assert code == 1
    assert "1 unreadable records skipped (not in the matrix)" in stdout
    assert "icpspec diff: 1 unreadable records skipped" in stderr


DIFF_SCHEMA = json.loads((EXAMPLES.parent / "schemas" / "diff-1.schema.json").read_text(encoding="utf-8"))
EVALUATION_SCHEMA = json.loads(
    (EXAMPLES.parent / "schemas" / "evaluation-1.schema.json").read_text(encoding="utf-8")
)


def _diff_validator() -> jsonschema.Draft7Validator:
    """The published diff schema, its evaluations read with the published evaluation schema."""
    registry: referencing.Registry[object] = referencing.Registry().with_resource(
        EVALUATION_SCHEMA["$id"], referencing.jsonschema.DRAFT7.create_resource(EVALUATION_SCHEMA)
    )
    jsonschema.Draft7Validator.check_schema(DIFF_SCHEMA)
    return jsonschema.Draft7Validator(DIFF_SCHEMA, registry=registry)


def test_json_follows_the_published_schema(versions: tuple[Path, Path]) -> None:
    """Found: the diff's JSON had no published schema (evaluate's has one)."""
    validator = _diff_validator()
    for found in (diff(*versions), diff(*versions, population=RECORDS, outcome="Status")):
        validator.validate(json.loads(render(found, "json")))
    code, stdout, _ = run(
        "diff", str(versions[0]), str(versions[1]), "--population", str(RECORDS), "--format", "json"
    )
    assert code == 0
    validator.validate(json.loads(stdout))


def test_the_schema_check_sees_a_wrong_document(versions: tuple[Path, Path]) -> None:
    data = json.loads(render(diff(*versions, population=RECORDS, outcome="Status"), "json"))
    data["evaluations"]["old"]["figures"]["records"] = "448"  # checked through the evaluation schema
    with pytest.raises(jsonschema.ValidationError):
        _diff_validator().validate(data)
    data = json.loads(render(diff(*versions), "json"))
    data["changes"][0]["kind"] = "renamed"
    with pytest.raises(jsonschema.ValidationError):
        _diff_validator().validate(data)


def test_a_population_with_two_name_columns_is_counted_from_csv_json_lines_and_streams(
    tmp_path: Path,
) -> None:
    """Reproduction (review of 82e326c): two columns that could hold the account's name
    ('company' and 'account_name') are no error for diff, whose movers are then known by their
    line; a CSV file fell back so, a JSON Lines file whose first line held both failed (its
    mapping is made at the first line, after the fallback's try), and a CSV stream fell back
    to a reader that had lost the header."""
    old = icpspec.loads(SMALL.format(w1=1, w2=1, a=50, b=10))
    new = icpspec.loads(SMALL.format(w1=3, w2=1, a=50, b=10))
    rows = [
        {"company": f"c{i}", "account_name": f"a{i}", "employees": str(i * 40), "country": "US"}
        for i in range(30)
    ]
    as_csv = "company,account_name,employees,country\n" + "".join(
        f"{r['company']},{r['account_name']},{r['employees']},{r['country']}\n" for r in rows
    )
    jsonl = tmp_path / "pop.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    csv_path = tmp_path / "pop.csv"
    csv_path.write_text(as_csv, encoding="utf-8")
    found = [diff(old, new, population=p).migration for p in (csv_path, jsonl, io.BytesIO(as_csv.encode()))]
    assert all(m is not None and m.records == 30 for m in found)
    assert found[0] == found[2]
    csv_counted, jsonl_counted = found[0], found[1]
    assert csv_counted is not None
    assert jsonl_counted is not None
    assert csv_counted.cells == jsonl_counted.cells
    # The same movers, each known by its line (a CSV file's records start on line 2).
    assert [(m.line, m.name) for m in csv_counted.movers] == [
        (m.line + 1, None) for m in jsonl_counted.movers
    ]
    assert csv_counted.movers


def test_custom_outcome_labels_and_records_left_out(versions: tuple[Path, Path], tmp_path: Path) -> None:
    """Found (review of 053cecc): a CRM's stages could not be evaluated by diff, whose error
    told the user to give --positive and --negative, options diff did not have; and diff's
    evaluations said '7 records evaluated' with nothing on the 593 left out."""
    with RECORDS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    stages = {"won": "6 - Closed Won", "lost": "7 - Closed Lost"}
    path = tmp_path / "stages.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({**row, "Status": "Open" if i % 4 == 0 else stages[row["Status"].lower()]})
    with pytest.raises(icpspec.IcpspecError, match="--positive and --negative"):
        diff(*versions, population=path, outcome="Status")
    found = diff(
        *versions,
        population=path,
        outcome="Status",
        positive=["6 - Closed Won"],
        negative=["7 - Closed Lost"],
    )
    assert found.old_evaluation is not None
    assert found.old_evaluation.figures.records == 336
    text = render(found, "text")
    assert "records evaluated" in text
    assert (
        "records read                                   448" in text
        or "448" in text.split("records read")[1].splitlines()[0]
    )
    result = CliRunner().invoke(
        cli,
        [
            "diff",
            *map(str, versions),
            "--population",
            str(path),
            "--outcome",
            "Status",
            "--positive",
            "6 - Closed Won",
            "--negative",
            "7 - Closed Lost",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "records read" in result.stdout
    with pytest.raises(DiffError, match="--positive/--negative read the --outcome column"):
        diff(*versions, population=path, positive=["won"])


def test_the_matrix_reads_the_records_as_the_evaluations_do(tmp_path: Path) -> None:
    """Found (review of be82fc2): with --outcome, the evaluations held the outcome column out of
    the field mapping and the migration matrix did not, so a field whose alias names the
    outcome column was read by the matrix and unknown in the evaluations: their groups differed."""
    spec = tmp_path / "s.icp.yaml"
    spec.write_text(
        "icpspec: 1\nfields:\n  deal_state: {type: string, aliases: [Status]}\n  client: {type: string}\n"
        "profiles:\n  p:\n    criteria:\n      - {id: won, field: deal_state, in: [won], weight: 3}\n"
        "      - {id: current, field: client, in: [Current], weight: 1}\n    tiers: {A: 75, B: 20}\n",
        encoding="utf-8",
    )
    found = diff(spec, spec, population=RECORDS, outcome="Status")
    assert found.migration is not None
    assert found.old_evaluation is not None
    by_evaluation = {g.name: g.records for g in found.old_evaluation.figures.groups if g.records}
    by_matrix: Counter[str] = Counter()
    for (old_group, _), n in found.migration.cells.items():
        by_matrix[old_group] += n
    assert dict(by_matrix) == by_evaluation
