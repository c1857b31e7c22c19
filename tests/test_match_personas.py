"""``icpspec match --personas``: contacts scored against personas, end to end, as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.engine import ContactMatcher, contact_record
from icpspec.titles import TitleNormalizer, read_table

from .conftest import EXAMPLES
from .test_records_hostile import (  # generated_dir: the corpus's generated files, a fixture
    CASES,
    RAW_CONTROL,
    assert_no_live_formula,
    case_path,
    check_run,
    generated_dir,  # noqa: F401
)

ACME = EXAMPLES / "acme.icp.yaml"
CONTACTS = EXAMPLES / "contacts.csv"
PERSONA_COLUMNS = ["icp_persona", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version"]
EXPLAIN = ["icp_matched", "icp_missed", "icp_unknown", "icp_seniority", "icp_departments"]

# A spec with one profile and two personas, one of which reads the contact's country.
PERSONAS_SPEC = """\
icpspec: 1
profiles:
  smb:
    criteria:
      - {id: size, field: employees, between: [5, 500]}
personas:
  buyer:
    seniority: [c_level, vp, head]
    departments: [sales, purchasing]
    titles: [Head of Sales, Einkaufsleiter]
    criteria:
      - {id: us, field: country, in: [US]}
  user:
    seniority: [entry, senior]
    departments: [engineering]
"""


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["match", *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def personas_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("personas") / "personas.icp.yaml"
    path.write_text(PERSONAS_SPEC, encoding="utf-8")
    return path


def assert_same(cells: dict[str, Any], found: icpspec.BestMatch) -> None:
    result = found.best
    if result is None:  # a contact fitting no persona says so, and claims none
        assert [cells[c] for c in ("icp_persona", "icp_score", "icp_tier", "icp_coverage")] == [""] * 4
        assert (cells["icp_status"], cells["icp_spec_version"]) == ("no_fit", found.spec_version)
        return
    assert cells["icp_persona"] == result.profile
    assert float(cells["icp_score"]) == result.score
    assert (cells["icp_tier"] or None) == result.tier
    assert cells["icp_status"] == result.status.value
    assert float(cells["icp_coverage"]) == result.coverage
    assert cells["icp_spec_version"] == result.spec_version


def test_contacts_csv_is_detected_and_scored_exactly_as_the_engine_does() -> None:
    code, out, err = run(str(ACME), str(CONTACTS))
    assert code == 0, err
    assert "mode: contacts against the personas (contact fields 'title', 'seniority', 'department'" in err
    assert "--accounts to choose accounts" in err
    rows = csv_rows(out)
    with CONTACTS.open(encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh))
    assert len(rows) == len(raw) == 8
    assert list(rows[0])[-6:] == PERSONA_COLUMNS
    matcher = ContactMatcher(icpspec.load(ACME))
    for row, contact in zip(rows, raw, strict=True):
        assert {k: row[k] for k in contact} == contact  # every input column kept as it was
        assert_same(row, matcher.match(contact).personas)
    assert [r["icp_persona"] for r in rows[:3]] == ["cto", "head-of-sales", "head-of-support"]
    assert rows[-1]["icp_status"] == "no_fit"  # Hiro: no title, nothing known, so no persona fits
    assert "8 records read: 8 matched, 0 skipped" in err
    assert "best persona: cto 3, head-of-sales 2, head-of-support 2, no fit 1" in err
    assert "unknown seniority ('seniority'): 7 blank (read from the title)" in err


def test_explain_columns_show_the_criteria_and_how_the_title_was_read() -> None:
    code, out, err = run(str(ACME), str(CONTACTS), "--personas", "--explain")
    assert code == 0, err
    assert "mode:" not in err  # asked for, not guessed
    rows = csv_rows(out)
    assert list(rows[0])[-11:] == PERSONA_COLUMNS + EXPLAIN
    matcher = ContactMatcher(icpspec.load(ACME))
    with CONTACTS.open(encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh))
    for row, contact in zip(rows, raw, strict=True):
        result = matcher.match(contact).persona
        outcomes = () if result is None else result.outcomes  # no fit: no persona's outcomes
        for column, verdict in zip(EXPLAIN, ("matched", "missed", "unknown"), strict=False):
            assert row[column] == "; ".join(o.id for o in outcomes if o.verdict.value == verdict)
        completed = contact_record(contact)
        assert row["icp_seniority"] == (completed.get("seniority") or "")
        assert row["icp_departments"] == "; ".join(completed.get("departments") or [])  # type: ignore[arg-type]
    ben = rows[1]
    assert (ben["icp_seniority"], ben["icp_departments"]) == ("vp", "sales; marketing")
    assert ben["icp_matched"] == "seniority; departments; titles"
    dev = rows[3]
    assert (dev["icp_missed"], dev["icp_seniority"]) == ("seniority; titles", "entry")
    gabriela = rows[6]  # her own VP / Sales columns win over her title
    assert (gabriela["icp_seniority"], gabriela["icp_departments"]) == ("vp", "sales")
    assert (rows[7]["icp_status"], rows[7]["icp_unknown"]) == ("no_fit", "")  # nothing known fits no one


def test_jsonl_contacts_with_personas_keep_lists(tmp_path: Path) -> None:
    path = tmp_path / "contacts.jsonl"
    path.write_text(
        '{"Job Title": "VP Engineering", "id": 1}\n{"Job Title": "Leiterin Einkauf", "id": 2}\n',
        encoding="utf-8",
    )
    code, out, err = run(str(ACME), str(path), "--personas", "--explain")
    assert code == 0, err
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["id"] for o in objs] == [1, 2]
    assert objs[0]["icp_persona"] == "cto"
    assert objs[0]["icp_score"] == 100.0
    assert objs[0]["icp_departments"] == ["engineering"]
    assert objs[1]["icp_seniority"] == ["head"]
    assert objs[1]["icp_departments"] == ["purchasing"]


@pytest.mark.parametrize(
    ("lines", "mode"),
    [
        ('{"title": "CTO"}\n{"employees": 5}\n', "contacts against the personas (contact field 'title'"),
        ('\ufeff\n{"Job Title": "CTO", "id": 1}\n', "contacts against the personas (contact field 'title'"),
        ('{"title": "CTO", "employees": 5}\n', "accounts against the profiles (account field 'employees'"),
        ('[1]\n{"title": "CTO"}\n', "accounts against the profiles (no contact field"),
        ('{"title": "CTO"\n{"title": "CTO"}\n', "accounts against the profiles (no contact field"),
    ],
)
def test_jsonl_is_guessed_from_its_first_line(lines: str, mode: str, tmp_path: Path) -> None:
    path = tmp_path / "contacts.jsonl"
    path.write_text(lines, encoding="utf-8")
    code, out, err = run(str(ACME), str(path))
    assert code in (0, 1), err
    assert f"mode: {mode}" in err
    assert "in the first line" in err
    column = "icp_persona" if "contacts" in mode else "icp_profile"
    assert all(column in json.loads(line) for line in out.splitlines())


def test_a_long_first_jsonl_line_is_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "contacts.jsonl"
    path.write_text(json.dumps({"title": "CTO", "notes": "x" * 100_000}) + "\n", encoding="utf-8")
    code, out, err = run(str(ACME), str(path))
    assert code == 0, err
    assert "mode: accounts against the profiles (no contact field" in err
    code, out, err = run(str(ACME), str(path), "--personas")
    assert json.loads(out)["icp_persona"] == "cto"


def test_an_accounts_file_stays_accounts_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text("Company,Employees,Country,Title\nAcme,20,US,CTO\n", encoding="utf-8")
    code, out, err = run(str(ACME), str(path))
    assert code == 0, err
    assert "mode: accounts against the profiles (account field 'employees'" in err
    assert "icp_profile" in csv_rows(out)[0]
    # --personas overrides what the columns say.
    code, out, err = run(str(ACME), str(path), "--personas")
    assert code == 0, err
    assert csv_rows(out)[0]["icp_persona"] == "cto"


def test_accounts_flag_scores_a_contacts_file_as_accounts() -> None:
    code, out, err = run(str(ACME), str(CONTACTS), "--accounts")
    assert code == 0, err
    assert "mode:" not in err
    assert all(r["icp_profile"] == "ca-saas-analytics" for r in csv_rows(out))


def test_a_spec_without_personas_never_guesses_contacts() -> None:
    spec = EXAMPLES / "sp500" / "sp500.icp.yaml"
    code, out, err = run(str(spec), str(CONTACTS))
    assert code == 0, err
    assert "mode:" not in err
    assert "icp_profile" in csv_rows(out)[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--personas", "--profile", "ca-saas-analytics"], "--profile chooses an account profile"),
        (["--accounts", "--tables", "x.tsv"], "--tables reads job titles"),
        (["--personas", "--map", "employees=title"], "--map 'employees': no such field"),
        (["--personas", "--map", "title=Position"], "--map title='Position': no such column"),
        (["--personas", "--tables", "no-such-table.tsv"], "no-such-table.tsv: cannot read"),
    ],
)
def test_usage_errors_write_nothing(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    code, _, err = run(str(ACME), str(CONTACTS), *args, "-o", str(out))
    assert code == 2, err
    assert message in err
    assert err.count("\n") <= 2
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_personas_with_a_spec_without_personas_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    code, _, err = run(
        str(EXAMPLES / "sp500" / "sp500.icp.yaml"), str(CONTACTS), "--personas", "-o", str(out)
    )
    assert code == 2
    assert "the spec has no persona to match contacts against; nothing matched" in err
    assert not out.exists()


def test_map_names_a_title_column_and_makes_the_file_contacts(tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("Who,Rolle\nA,Vertriebsleiterin\nB,Werkstudent Softwareentwicklung\n", encoding="utf-8")
    code, out, err = run(str(ACME), str(path), "--map", "title=Rolle", "--explain")
    assert code == 0, err
    assert "mode: contacts against the personas (contact field 'title'" in err
    assert "title <- 'Rolle' (map)" in err
    rows = csv_rows(out)
    assert [(r["icp_persona"], r["icp_seniority"], r["icp_departments"]) for r in rows] == [
        ("head-of-sales", "head", "sales"),
        ("cto", "intern", "engineering"),
    ]


def test_tables_extend_the_title_reading(tmp_path: Path) -> None:
    table = tmp_path / "ours.tsv"
    table.write_text("# ours\nrevenue architect | vp | sales\n", encoding="utf-8")
    path = tmp_path / "contacts.csv"
    path.write_text("title\nRevenue Architect\n", encoding="utf-8")
    code, out, err = run(str(ACME), str(path), "--explain")
    assert code == 0, err
    before = csv_rows(out)[0]
    code, out, err = run(str(ACME), str(path), "--explain", "--tables", str(table))
    assert code == 0, err
    after = csv_rows(out)[0]
    assert before["icp_seniority"] != "vp"
    assert (after["icp_persona"], after["icp_seniority"], after["icp_departments"]) == (
        "head-of-sales",
        "vp",
        "sales",
    )
    matcher = ContactMatcher(icpspec.load(ACME), normalizer=TitleNormalizer(read_table(table)))
    assert_same(after, matcher.match({"title": "Revenue Architect"}).personas)


def test_a_bad_table_is_one_line_naming_its_file_and_line(tmp_path: Path) -> None:
    table = tmp_path / "bad.tsv"
    table.write_text("ok | vp | sales\nrevenue architect | general | sales\n", encoding="utf-8")
    code, _, err = run(str(ACME), str(CONTACTS), "--tables", str(table), "-o", str(tmp_path / "o.csv"))
    assert code == 2
    assert f"{table}:2" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o.csv").exists()


def test_formula_titles_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text('title,name\n=HYPERLINK("http://x"),a\n@SUM(1),b\nCTO,+c\n', encoding="utf-8")
    code, out, err = run(str(ACME), str(path), "--explain")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert_no_live_formula(rows)
    assert [r[0] for r in rows[1:]] == ['\'=HYPERLINK("http://x")', "'@SUM(1)", "CTO"]
    assert rows[3][1] == "'+c"


def test_one_persona_takes_the_fast_path_with_the_same_cells(tmp_path: Path) -> None:
    spec = tmp_path / "one.icp.yaml"
    spec.write_text(PERSONAS_SPEC.split("  user:", maxsplit=1)[0], encoding="utf-8")
    code, out, err = run(str(spec), str(CONTACTS))
    assert code == 0, err
    matcher = ContactMatcher(icpspec.load(spec))
    with CONTACTS.open(encoding="utf-8", newline="") as fh:
        for row, contact in zip(csv_rows(out), csv.DictReader(fh), strict=True):
            assert_same(row, matcher.match(contact).personas)


# The corpus's cases, less what is about the account fields its spec reads (which columns hold them,
# their unreadable values): reading the file is the same code whatever is matched.
HOSTILE_FOR_CONTACTS = [
    {**c, "stderr": [m for m in c.get("stderr", []) if not any(w in m for w in ("field", " <- ", "e.g."))]}
    for c in CASES
    if c["file"] != "ambiguous_columns.csv"
]


@pytest.mark.parametrize("case", HOSTILE_FOR_CONTACTS, ids=[c["file"] for c in HOSTILE_FOR_CONTACTS])
def test_hostile_record_files_as_contacts(
    case: dict[str, Any],
    personas_spec: Path,
    tmp_path: Path,
    generated_dir: Path,  # noqa: F811 - the fixture imported above
) -> None:
    path = case_path(case, generated_dir)
    out = tmp_path / ("scored.jsonl" if path.suffix == ".jsonl" else "scored.csv")
    result = CliRunner().invoke(cli, ["match", str(personas_spec), str(path), "--personas", "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    check_run(case, result.exit_code, result.stderr, out, columns=PERSONA_COLUMNS)


_TITLES = st.one_of(
    st.sampled_from(
        ["CTO", "Head of Sales", "Einkaufsleiterin", "Software Engineer", "=1+1", "", " ", "VP, Sales"]
    ),
    st.text(max_size=30),
)


@given(st.lists(st.tuples(_TITLES, st.sampled_from(["US", "DE", "", "n/a"])), max_size=12))
def test_any_titles_give_the_engines_result(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]]
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["title", "country"])
    writer.writerows(rows)
    folder = tmp_path_factory.mktemp("titles")
    spec_path = folder / "p.icp.yaml"
    spec_path.write_text(PERSONAS_SPEC, encoding="utf-8")
    path = folder / "c.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    code, out, err = run(str(spec_path), str(path))
    assert code in (0, 1), err
    assert not RAW_CONTROL.search(err)
    assert_no_live_formula(list(csv.reader(io.StringIO(out, newline=""))))
    scored = csv_rows(out)
    if code == 0:
        assert "mode: contacts against the personas" in err
        matcher = ContactMatcher(icpspec.loads(PERSONAS_SPEC))
        read_back = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
        assert len(scored) == len(read_back)
        for cells, contact in zip(scored, read_back, strict=True):
            assert_same(cells, matcher.match(contact).personas)


@pytest.mark.parametrize("kept", [1, 2, 65536])
def test_repeated_contacts_share_results_without_changing_them(
    kept: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("icpspec.records._personas.RESULTS_KEPT", kept)
    titles = ["CTO", "Head of Sales", "CTO", "Leiterin Einkauf", "Head of Sales", "CTO", ""]
    countries = ["US", "US", "DE", "US", "", "US", "US"]
    path = tmp_path / "contacts.csv"
    path.write_text(
        "title,country\n" + "".join(f"{t},{c}\n" for t, c in zip(titles, countries, strict=True)),
        encoding="utf-8",
    )
    spec = tmp_path / "p.icp.yaml"
    spec.write_text(PERSONAS_SPEC, encoding="utf-8")
    code, out, err = run(str(spec), str(path), "--explain")
    assert code == 0, err
    matcher = ContactMatcher(icpspec.loads(PERSONAS_SPEC))
    rows = csv_rows(out)
    for row, title, country in zip(rows, titles, countries, strict=True):
        contact = {"title": title or None, "country": country or None}
        assert_same(row, matcher.match(contact).personas)
        assert row["icp_seniority"] == (contact_record(contact).get("seniority") or "")


def test_a_persona_criterion_on_a_contact_field_of_the_spec_s_own(tmp_path: Path) -> None:
    spec = tmp_path / "langs.icp.yaml"
    spec.write_text(
        "icpspec: 1\n"
        "fields:\n"
        '  languages: {type: "list[string]", entity: contact, aliases: [Sprachen]}\n'
        "profiles:\n"
        "  p:\n"
        "    criteria: [{id: size, field: employees, min: 5}]\n"
        "personas:\n"
        "  polyglot:\n"
        "    seniority: [head]\n"
        "    criteria: [{id: german, field: languages, contains_any: [de]}]\n",
        encoding="utf-8",
    )
    path = tmp_path / "contacts.csv"
    path.write_text('title,Sprachen\nLeiterin Einkauf,"de; en"\nCTO,fr\nCTO,fr\n,\n', encoding="utf-8")
    code, out, err = run(str(spec), str(path), "--explain")
    assert code == 0, err
    assert "contact fields 'title', 'languages' and no account field" in err
    assert "languages <- 'Sprachen' (alias)" in err
    rows = csv_rows(out)
    assert [(r["icp_matched"], r["icp_missed"], r["icp_unknown"]) for r in rows] == [
        ("seniority; german", "", ""),
        ("", "seniority; german", ""),
        ("", "seniority; german", ""),
        ("", "", "seniority; german"),
    ]


def test_contacts_in_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "icpspec", "match", str(ACME), str(CONTACTS), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("mode: contacts against the personas")
    assert [r["icp_persona"] for r in csv_rows(out.read_text(encoding="utf-8"))][:3] == [
        "cto",
        "head-of-sales",
        "head-of-support",
    ]
