"""Issue 17: personas take tiers and min_coverage like profiles; a contact may fit no persona."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.diagnostics import SpecError
from icpspec.engine import PersonaMatcher
from icpspec.lint import lint_source
from icpspec.model import DEFAULT_PERSONA_TIERS, BuyerPersona

SPEC = """\
icpspec: 1
personas:
  data-engineer:
    role: user
    seniority: [professional, senior]
    departments: [data]
    titles: [Data Engineer]
  head-of-data:
    role: decision_maker
    seniority: [head, director]
    departments: [data]
    tiers: {A: 90, B: 60}
    min_coverage: 0.75
"""


@pytest.fixture
def spec() -> icpspec.Spec:
    return icpspec.loads(SPEC)


def test_personas_load_tiers_and_min_coverage(spec: icpspec.Spec) -> None:
    head = spec.personas["head-of-data"]
    assert (head.tiers, head.min_coverage) == ({"A": 90.0, "B": 60.0}, 0.75)
    # A persona's tiers default to A and B: a contact must meet half of what it asks.
    assert spec.personas["data-engineer"].tiers == dict(DEFAULT_PERSONA_TIERS) == {"A": 75.0, "B": 50.0}
    assert BuyerPersona("x").min_coverage == 0.0


def test_default_persona_tiers_are_left_out_of_the_dump(spec: icpspec.Spec) -> None:
    text = icpspec.dump(spec)
    assert text.count("tiers") == 1
    assert icpspec.loads(text) == spec


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("tiers: {A: 120}", "120"),
        ("tiers: {}", "tiers"),
        ("min_coverage: 2", "2"),
    ],
)
def test_bad_persona_tiers_are_schema_errors(fragment: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        icpspec.loads(f"icpspec: 1\npersonas:\n  p:\n    departments: [data]\n    {fragment}\n")


def test_the_persona_is_matched_with_its_own_tiers_and_coverage(spec: icpspec.Spec) -> None:
    head = PersonaMatcher(spec.personas["head-of-data"], spec=spec)
    assert head.profile.tiers == {"A": 90.0, "B": 60.0}
    # Three quarters of the weight must be known: a department alone is insufficient data.
    only = head.match({"department": "Data"})
    assert (only.status.value, only.tier) == ("insufficient_data", None)
    engineer = PersonaMatcher(spec.personas["data-engineer"], spec=spec)
    # An account executive meets none of it; a working student in data one of three: no tier, not C.
    assert engineer.match({"title": "Account Executive"}).tier is None
    student = engineer.match({"title": "Werkstudent Data Science"})
    assert (round(student.score, 1), student.status.value, student.tier) == (33.3, "scored", None)
    assert engineer.match({"title": "Data Engineer"}).tier == "A"
    # Nothing known at all is still insufficient data, whatever min_coverage says.
    assert engineer.match({"email": "x@example.com"}).status.value == "insufficient_data"


def test_an_unreachable_persona_tier_is_a_lint_error() -> None:
    text = "icpspec: 1\npersonas:\n  p:\n    role: user\n    departments: [data]\n    tiers: {A: 75, B: 40}\n"
    codes = [(d.code, d.line, d.message) for d in lint_source(text, file="p.icp.yaml") if d.code == "ICP502"]
    assert [(c, line) for c, line, _ in codes] == [("ICP502", 6)]
    assert "tier 'B'" in codes[0][2]
    assert "persona 'p'" in codes[0][2]
    # Default tiers are not the user's choice: not reported.
    default = "icpspec: 1\npersonas:\n  p:\n    role: user\n    departments: [data]\n"
    assert [d for d in lint_source(default, file="p.icp.yaml") if d.code == "ICP502"] == []


def test_a_contact_who_fits_no_persona_is_no_fit_everywhere(spec: icpspec.Spec, tmp_path: Path) -> None:
    from icpspec.engine import ContactMatcher
    from icpspec.model import MatchStatus

    matcher = ContactMatcher(spec)
    for title in ("Account Executive", "Werkstudent Data Science"):
        found = matcher.match({"title": title})
        assert found.persona is None
        assert (found.personas.status, found.personas.tier) == (MatchStatus.NO_FIT, None)
        # Every persona's result is still there, ranked, none with a tier.
        assert [r.tier for r in found.personas.results] == [None, None]
    fits = matcher.match({"title": "Senior Data Engineer"})
    assert fits.persona is not None
    assert (fits.persona.profile, fits.persona.tier) == ("data-engineer", "A")
    # The command line says the same.
    spec_file = tmp_path / "icp.yaml"
    spec_file.write_text(SPEC, encoding="utf-8")
    contacts = tmp_path / "people.csv"
    contacts.write_text("Name,Job Title\nA,Account Executive\nB,Senior Data Engineer\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["match", str(spec_file), str(contacts)])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["icp_persona"], r["icp_tier"], r["icp_status"]) for r in rows] == [
        ("", "", "no_fit"),
        ("data-engineer", "A", "scored"),
    ]
