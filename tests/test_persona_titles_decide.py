"""Issue 17: a persona's own titles, and the spec's title rows, decide before the generic level rule."""

from __future__ import annotations

from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.engine import ContactMatcher, PersonaMatcher, Verdict
from icpspec.engine.personas import spec_normalizer

SPEC = icpspec.loads(
    """
icpspec: 1
titles:
  Revenue Architect: {seniority: director, department: sales}
personas:
  cto:
    seniority: [c_level, vp]
    departments: [engineering]
    titles: [CTO, VP Engineering]
  sales-leader:
    seniority: [director, vp]
    departments: [sales]
"""
)


def outcomes(result: icpspec.MatchResult) -> list[tuple[str, str, object]]:
    return [(o.id, o.verdict.value, o.value) for o in result.outcomes]


def test_a_persona_title_decides_over_the_highest_level() -> None:
    # Read alone, the title is the owner's (the co-founder outranks the CTO) ...
    assert icpspec.normalize_title("CTO & Co-Founder").seniority == "owner"
    # ... but for a persona whose titles hold CTO, the contact is its CTO.
    result = PersonaMatcher(SPEC.personas["cto"], spec=SPEC).match({"title": "CTO & Co-Founder"})
    assert result.score == 100.0
    # The explanation shows which title decided, and what it read as.
    assert outcomes(result) == [
        ("seniority", "matched", "c_level"),
        ("departments", "matched", ["engineering"]),
        ("titles", "matched", "CTO"),
    ]


def test_a_title_that_is_none_of_the_persona_s_shows_the_contact_s_own() -> None:
    result = PersonaMatcher(SPEC.personas["cto"], spec=SPEC).match({"title": "Head of Sales"})
    assert outcomes(result)[2] == ("titles", "missed", "Head of Sales")
    # Read as the same role as one of the persona's titles: that title.
    result = PersonaMatcher(SPEC.personas["cto"], spec=SPEC).match({"title": "VP of Engineering"})
    assert outcomes(result)[2] == ("titles", "matched", "VP Engineering")
    unknown = PersonaMatcher(SPEC.personas["cto"], spec=SPEC).match({"country": "US"})
    assert unknown.outcomes[2].verdict == Verdict.UNKNOWN


def test_a_persona_title_does_not_overrule_the_contact_s_own_columns() -> None:
    result = PersonaMatcher(SPEC.personas["cto"], spec=SPEC).match(
        {"title": "CTO & Co-Founder", "seniority": "Owner"}
    )
    assert outcomes(result)[0] == ("seniority", "missed", "owner")


def test_other_personas_still_read_the_title_as_a_whole() -> None:
    results = {r.profile: r for r in ContactMatcher(SPEC).match_all({"title": "CTO & Co-Founder"})}
    assert results["cto"].score == 100.0
    assert results["sales-leader"].outcomes[0].value == "owner"


def test_a_spec_title_row_decides_over_the_highest_level() -> None:
    info = spec_normalizer(SPEC).normalize("Founder & Revenue Architect")
    assert (info.seniority, info.department) == ("director", "sales")
    assert info.decided_by is not None
    assert info.decided_by.entry.source == "spec titles: 'Revenue Architect'"
    # Without the row the founder decides, as the shipped tables say.
    assert icpspec.normalize_title("Founder & Revenue Architect").seniority == "owner"
    assert icpspec.normalize_title("Founder & Revenue Architect").decided_by is None
    lead = icpspec.match_contact({"title": "Founder & Revenue Architect"}, SPEC)
    assert lead.persona is not None
    assert (lead.persona.profile, lead.persona.score) == ("sales-leader", 100.0)


def test_the_title_command_says_which_row_decided(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "s.icp.yaml"
    path.write_text(icpspec.dump(SPEC), encoding="utf-8")
    out = CliRunner().invoke(cli, ["title", "--spec", str(path), "Founder & Revenue Architect"])
    assert out.exit_code == 0, out.output
    assert "  decided:    'revenue architect' [spec titles: 'Revenue Architect'] over the level rule" in (
        out.output.splitlines()
    )
