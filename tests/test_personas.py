"""Contacts matched against buyer personas, with the engine that scores accounts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.diagnostics import IcpspecError
from icpspec.engine import ContactMatcher, MatchResult, PersonaMatcher, Verdict, contact_record
from icpspec.engine.reference import reference_match
from icpspec.titles import TitleNormalizer, parse_table

SPEC = icpspec.loads(
    """
icpspec: 1
version: "1"
profiles:
  smb:
    criteria:
      - {field: employees, between: [5, 50]}
      - {field: country, in: [US]}
personas:
  cto:
    role: decision_maker
    seniority: [c_level, vp]
    departments: [engineering]
    titles: [CTO, VP Engineering]
  revops:
    role: champion
    seniority: [head, manager]
    departments: [operations, sales]
    titles: [RevOps Lead]
    criteria:
      - {field: country, in: [US, CA], required: true}
"""
)


def test_a_persona_result_is_a_match_result_that_explains_itself() -> None:
    result = PersonaMatcher(SPEC.personas["cto"], spec=SPEC).match({"title": "VP of Engineering"})
    assert isinstance(result, MatchResult)
    assert (result.profile, result.score, result.tier, result.status.value) == ("cto", 100.0, "A", "scored")
    assert [(o.id, o.field, o.verdict, o.value) for o in result.outcomes] == [
        ("seniority", "seniority", Verdict.MATCHED, "vp"),
        ("departments", "departments", Verdict.MATCHED, ["engineering"]),
        ("titles", None, Verdict.MATCHED, None),
    ]
    assert result.spec_version.startswith("1+")


def test_the_best_persona_and_the_runners_up() -> None:
    lead = icpspec.match_contact({"title": "Head of RevOps", "country": "US"}, SPEC)
    assert lead.persona.profile == "revops"
    # Level, department and country match; the title is not "RevOps Lead" (a senior, not a head).
    assert lead.persona.score == 75.0
    assert [o.id for o in lead.persona.outcomes if o.verdict == Verdict.MISSED] == ["titles"]
    assert [r.profile for r in lead.personas.runners_up] == ["cto"]
    assert lead.account is None


def test_a_record_s_own_seniority_and_department_win_over_the_title() -> None:
    r = contact_record({"title": "Software Engineer", "seniority": "VP", "department": "Vertrieb"})
    assert (r["seniority"], r["department"], r["departments"]) == ("vp", "sales", ["sales"])
    r = contact_record({"title": "Software Engineer", "seniority": "c_level", "department": "Engineering"})
    assert (r["seniority"], r["departments"]) == ("c_level", ["engineering"])


def test_missing_data_is_unknown_never_a_match() -> None:
    found = ContactMatcher(SPEC).match({"email": "x@example.com"})
    assert (found.persona, found.personas.status.value) == (None, "no_fit")  # fits no persona
    for result in found.personas.results:
        assert (result.coverage, result.status.value, result.tier) == (0.0, "insufficient_data", None)
        assert {o.verdict for o in result.outcomes} == {Verdict.UNKNOWN}
    revops = PersonaMatcher(SPEC.personas["revops"], spec=SPEC).match({"title": "Head of RevOps"})
    assert revops.status.value == "insufficient_data"  # the required country is unknown


def test_the_lead_view_keeps_account_and_person_side_by_side() -> None:
    lead = icpspec.match_contact(
        {"title": "CTO"}, SPEC, account={"employees": 20, "country": "United States"}
    )
    assert (lead.persona.profile, lead.persona.score) == ("cto", 100.0)
    assert lead.account is not None
    assert (lead.account.best.profile, lead.account.best.score) == ("smb", 100.0)
    data = lead.to_dict()
    assert set(data) == {
        "persona",
        "persona_status",
        "persona_runners_up",
        "account",
        "account_status",
        "account_runners_up",
    }
    json.dumps(data)


def test_persona_titles_are_keywords_too() -> None:
    spec = icpspec.loads("icpspec: 1\npersonas:\n  ninja:\n    titles: [Growth Ninja]\n")
    m = PersonaMatcher(spec.personas["ninja"], spec=spec)
    # The words themselves (a chief is not entry level, so only the keyword matches) ...
    assert m.match({"title": "Chief Growth Ninja (EMEA)"}).score == 100.0
    # ... or what the title means: entry level in marketing, as "Growth Ninja" is read.
    assert m.match({"title": "Growth Hacker"}).score == 100.0
    assert m.match({"title": "Sales Manager"}).score == 0.0


def test_a_user_table_changes_what_personas_see() -> None:
    ours = TitleNormalizer(parse_table("platform tsar | c_level | engineering\n", "ours.tsv"))
    contact = {"title": "Platform Tsar"}
    assert icpspec.match_contact(contact, SPEC).persona.score < 50
    lead = icpspec.match_contact(contact, SPEC, normalizer=ours)
    assert (lead.persona.profile, lead.persona.score) == ("cto", 100.0)


def test_a_spec_without_personas_is_a_clear_error() -> None:
    with pytest.raises(IcpspecError, match="no persona"):
        ContactMatcher(icpspec.loads("icpspec: 1\n"))


_MATCHER = ContactMatcher(SPEC)


@given(
    title=st.one_of(
        st.none(), st.text(max_size=60), st.sampled_from(["CTO", "Head of RevOps", "Vertriebsleiter"])
    ),
    seniority=st.one_of(st.none(), st.sampled_from(["vp", "VP", "", "Senior", "nonsense"])),
    country=st.one_of(st.none(), st.sampled_from(["US", "Canada", "DE", ""])),
)
def test_the_compiled_persona_agrees_with_the_reference_semantics(
    title: str | None, seniority: str | None, country: str | None
) -> None:
    contact = {"title": title, "seniority": seniority, "country": country}
    for matcher in _MATCHER.matchers.values():
        record = matcher.record(contact)
        got = matcher.match_record(record)
        want = reference_match(matcher.profile, record, got._plan.fields)
        assert (got.score, got.tier, got.status, got.coverage) == (
            want.score,
            want.tier,
            want.status,
            want.coverage,
        )
        assert 0 <= got.score <= 100


def test_icpspec_title_prints_what_the_normaliser_sees() -> None:
    out = CliRunner().invoke(cli, ["title", "Sr. VP, Sales & Marketing"])
    assert out.exit_code == 0
    assert out.output.splitlines()[:3] == [
        "Sr. VP, Sales & Marketing",
        "  seniority:  vp",
        "  department: sales (also: marketing)",
    ]
    out = CliRunner().invoke(cli, ["title", "--format", "json", "-"], input="Leiterin Einkauf\n\nCTO\n")
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [(r["seniority"], r["department"]) for r in rows] == [
        ("head", "purchasing"),
        ("c_level", "engineering"),
    ]


def test_icpspec_title_with_a_bad_table_exits_2(tmp_path: object) -> None:
    out = CliRunner().invoke(cli, ["title", "--tables", "missing.tsv", "CEO"])
    assert out.exit_code == 2
    assert "missing.tsv: cannot read" in out.output


def test_icpspec_title_escapes_control_characters() -> None:
    out = CliRunner().invoke(cli, ["title", "CEO\x1b[31m"])
    assert "\x1b" not in out.output


def test_a_huge_title_is_read_by_its_start_only() -> None:
    contact = {"title": "CTO " + "x" * 5_000_000}
    result = ContactMatcher(SPEC).match(contact).persona
    assert (result.profile, result.score) == ("cto", 100.0)
