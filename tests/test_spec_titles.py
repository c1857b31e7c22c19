"""A spec's own title-table rows (top-level ``titles:``): format, checks, and use by persona matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.engine import ContactMatcher, PersonaMatcher, contact_record, spec_normalizer, spec_title_entries
from icpspec.model import Department, Seniority, TitleRow
from icpspec.titles import DEPARTMENTS, SENIORITIES, TitleNormalizer, default_normalizer, parse_table

from .strategies import title_tables

SPEC = """\
icpspec: 1
titles:
  Revenue Architect: {seniority: director, department: sales}
  Partner: {seniority: c_level, department: consulting}
  growth hacker: {department: marketing, role: true}
personas:
  sales-leader:
    seniority: [c_level, vp, director]
    departments: [sales, consulting]
  marketer:
    departments: [marketing]
"""


@pytest.fixture
def spec() -> icpspec.Spec:
    return icpspec.loads(SPEC)


def test_rows_load_as_the_model_and_dump_back(spec: icpspec.Spec) -> None:
    row = spec.titles["Revenue Architect"]
    assert row == TitleRow("Revenue Architect", Seniority.DIRECTOR, Department.SALES)
    assert spec.titles["growth hacker"].role is True
    again = icpspec.loads(icpspec.dump(spec))
    assert again == spec
    assert "phrase" not in icpspec.dump(spec)  # keyed by phrase, as ids key collections


def test_rows_become_table_entries_like_a_shipped_line(spec: icpspec.Spec) -> None:
    (revenue, partner, growth) = spec_title_entries(spec)
    (line,) = parse_table("Revenue Architect | director | sales", "x")
    assert (revenue.key, revenue.seniority, revenue.department) == (line.key, line.seniority, line.department)
    assert revenue.source == "spec titles: 'Revenue Architect'"
    assert partner.key == "partner"
    assert (growth.role, growth.stop, growth.junior) == (True, False, False)


def test_a_row_overrides_the_shipped_entry_with_its_phrase(spec: icpspec.Spec) -> None:
    shipped = default_normalizer().normalize("Partner")
    assert (shipped.seniority, shipped.department) == ("owner", "executive")
    n = spec_normalizer(spec)
    mine = n.normalize("Partner")
    assert (mine.seniority, mine.department) == ("c_level", "consulting")
    # The shipped normaliser is left as it was.
    assert default_normalizer().normalize("Partner").seniority == "owner"
    # Every other shipped entry is still there.
    assert set(default_normalizer().entries) <= set(n.entries)


def test_a_spec_without_rows_uses_the_normaliser_itself() -> None:
    plain = icpspec.loads("icpspec: 1\npersonas:\n  p: {seniority: [vp]}\n")
    assert spec_normalizer(plain) is default_normalizer()
    own = TitleNormalizer(parse_table("flux | vp | -", "t"))
    assert spec_normalizer(plain, own) is own


def test_persona_matching_uses_the_rows_without_any_option(spec: icpspec.Spec) -> None:
    contact = {"title": "Revenue Architect"}
    result = ContactMatcher(spec).match(contact)
    assert (result.persona.profile, result.persona.score) == ("sales-leader", 100.0)
    assert icpspec.match_contact(contact, spec).persona.score == 100.0
    assert PersonaMatcher(spec.personas["sales-leader"], spec=spec).match(contact).score == 100.0
    # Without the row the title is a senior individual contributor, not a director.
    plain = icpspec.loads("icpspec: 1\npersonas:" + SPEC.split("personas:", maxsplit=1)[1])
    assert ContactMatcher(plain).match(contact).persona.score < 100.0
    assert contact_record(contact, ContactMatcher(spec).normalizer)["seniority"] == "director"


def test_spec_rows_are_added_last_over_a_given_normaliser(spec: icpspec.Spec) -> None:
    own = TitleNormalizer(parse_table("revenue architect | head | operations\nflux capacitor | vp | -", "t"))
    n = ContactMatcher(spec, normalizer=own).normalizer
    assert n.normalize("Revenue Architect").seniority == "director"  # the spec wins
    assert n.normalize("Flux Capacitor").seniority == "vp"  # the given tables stay


def test_changing_a_row_changes_the_spec_version(spec: icpspec.Spec) -> None:
    other = icpspec.loads(SPEC.replace("seniority: director, department: sales", "seniority: head"))
    a = ContactMatcher(spec).match({"title": "x"}).personas.spec_version
    b = ContactMatcher(other).match({"title": "x"}).personas.spec_version
    assert a != b


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{seniority: directr}", "'directr' is not a valid seniority; did you mean 'director'?"),
        ("{department: sale}", "did you mean 'sales'?"),
        ("{seniority: vp, color: red}", "ICP010"),
        ("{role: maybe}", "ICP010"),
    ],
)
def test_bad_values_are_located_schema_errors(row: str, message: str) -> None:
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads(f"icpspec: 1\ntitles:\n  Revenue Architect: {row}\n", filename="t.icp.yaml")
    text = str(info.value)
    assert text.startswith("t.icp.yaml:3:")
    assert message in text


@pytest.mark.parametrize("phrase", ["(m/w/d)", "営業部長", "'123'", "'&'"])
def test_a_phrase_with_no_words_is_a_located_error(phrase: str) -> None:
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads(f"icpspec: 1\ntitles:\n  {phrase}: {{seniority: vp}}\n", filename="t.icp.yaml")
    (d,) = info.value.diagnostics
    assert (d.code, d.line, d.column) == ("ICP024", 3, 3)
    assert "has no words" in d.message


def test_two_phrases_that_fold_alike_are_a_located_error() -> None:
    text = (
        "icpspec: 1\ntitles:\n  Geschäftsführer: {seniority: c_level}\n  GESCHAFTSFUHRER: {seniority: vp}\n"
    )
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads(text, filename="t.icp.yaml")
    (d,) = info.value.diagnostics
    assert (d.code, d.line, d.column) == ("ICP024", 4, 3)
    assert "'Geschäftsführer' again" in d.message


@given(title_tables(), st.sampled_from(SENIORITIES), st.sampled_from(DEPARTMENTS))
def test_every_generated_row_is_what_its_phrase_reads_as(
    rows: dict[str, TitleRow], seniority: str, department: str
) -> None:
    # A row (without flags) is found from its own phrase, whatever the shipped tables said.
    rows = {p: TitleRow(p, Seniority(seniority), Department(department)) for p in rows}
    spec = icpspec.Spec(titles=rows)
    n = spec_normalizer(spec)
    for entry in spec_title_entries(spec):
        assert n.entries[entry.key] == entry
        info = n.normalize(entry.key)
        assert any(m.entry == entry for m in info.matched)
        assert info.seniority == seniority


def test_title_command_reads_a_spec_s_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.icp.yaml"
    path.write_text(SPEC, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["title", "--format", "json", "--spec", str(path), "Partner"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert (info["seniority"], info["department"]) == ("c_level", "consulting")
    assert info["matched"][0]["source"] == "spec titles: 'Partner'"
    plain = runner.invoke(cli, ["title", "--format", "json", "Partner"])
    assert json.loads(plain.output)["seniority"] == "owner"


def test_title_command_with_a_bad_spec_is_a_located_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.icp.yaml"
    path.write_text("icpspec: 1\ntitles:\n  Partner: {seniority: boss}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["title", "--spec", str(path), "Partner"])
    assert result.exit_code == 2
    assert f"{path}:3:" in result.output
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["title", "--spec", str(tmp_path / "nope.yaml"), "Partner"])
    assert missing.exit_code == 2
    assert "ICP008" in missing.output


def test_match_personas_uses_the_rows(tmp_path: Path) -> None:
    spec_path = tmp_path / "t.icp.yaml"
    spec_path.write_text(SPEC, encoding="utf-8")
    contacts = tmp_path / "c.csv"
    contacts.write_text("name,title\nAna,Revenue Architect\nBo,Growth Hacker\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        cli, ["match", str(spec_path), str(contacts), "--personas", "--explain", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    assert (rows[0]["icp_persona"], rows[0]["icp_score"], rows[0]["icp_seniority"]) == (
        "sales-leader",
        "100.0",
        "director",
    )
    assert (rows[1]["icp_persona"], rows[1]["icp_departments"]) == ("marketer", "marketing")
