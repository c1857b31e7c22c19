"""Issue 17: levels that mean one thing, and department reading where the errors were."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import icpspec
from icpspec.engine import PersonaMatcher, contact_record
from icpspec.model import Seniority
from icpspec.titles import SENIORITIES, normalize_title

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("title", "seniority"),
    [
        # No level named: an individual contributor, a professional.
        ("Software Developer", "professional"),
        ("Comptable", "professional"),
        ("Buchhalterin", "professional"),
        ("Consultant", "professional"),
        ("Account Executive", "professional"),
        # Explicit junior, trainee and assistant roles: entry level.
        ("Junior Software Developer", "entry"),
        ("Jr. Accountant", "entry"),
        ("Graduate Trainee", "entry"),
        ("Trainee Vertrieb", "entry"),
        ("Executive Assistant to the CEO", "entry"),
        ("Marketing Assistant", "entry"),
        ("Associate Product Manager", "entry"),
        # Interns stay interns, whatever else the title says.
        ("Praktikant Softwareentwicklung", "intern"),
        ("Apprenti développeur", "intern"),
        # A level marker still wins.
        ("Senior Software Developer", "senior"),
        ("Senior Executive Assistant", "senior"),
    ],
)
def test_professional_is_not_entry(title: str, seniority: str) -> None:
    assert normalize_title(title).seniority == seniority


def test_the_level_sits_between_senior_and_entry_everywhere() -> None:
    assert SENIORITIES[SENIORITIES.index("senior") + 1 : SENIORITIES.index("entry")] == ("professional",)
    assert Seniority("professional").value == "professional"
    for path in (ROOT / "schemas" / "icpspec-1.schema.json",):
        schema = json.loads(path.read_text(encoding="utf-8"))
        persona = schema["definitions"]["persona"]["properties"]["seniority"]["items"]["enum"]
        assert persona == list(SENIORITIES)


ENTRY_PERSONA = icpspec.loads(
    "icpspec: 1\npersonas:\n  juniors:\n    seniority: [entry]\n  ics:\n    seniority: [professional]\n"
)


def test_an_entry_persona_does_not_take_every_unmarked_professional() -> None:
    juniors = PersonaMatcher(ENTRY_PERSONA.personas["juniors"], spec=ENTRY_PERSONA)
    ics = PersonaMatcher(ENTRY_PERSONA.personas["ics"], spec=ENTRY_PERSONA)
    assert juniors.match({"title": "Software Developer"}).score == 0.0
    assert juniors.match({"title": "Junior Software Developer"}).score == 100.0
    assert ics.match({"title": "Software Developer"}).score == 100.0
    # A record's own level column is read the same way.
    assert ics.match({"seniority": "Professional"}).score == 100.0


@pytest.mark.parametrize(
    ("column", "seniority"),
    [
        ("Non-Manager", "professional"),  # ZoomInfo
        ("C-Level", "c_level"),
        ("VP-Level", "vp"),
        ("CXO", "c_level"),  # LinkedIn, People Data Labs
        ("Entry Level Manager", "manager"),  # LinkedIn Sales Navigator
        ("In Training", "entry"),
        ("Unpaid", "intern"),
        ("c_suite", "c_level"),  # Apollo
        ("entry", "entry"),
    ],
)
def test_vendor_level_names_in_a_seniority_column(column: str, seniority: str) -> None:
    assert contact_record({"seniority": column})["seniority"] == seniority


def test_the_six_level_scale_the_figures_use_is_the_documented_one() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_titles_accuracy as bench
    finally:
        sys.path.pop(0)
    text = (ROOT / "docs" / "personas.md").read_text(encoding="utf-8")
    table = text.split("| six-level scale | icpspec |", 1)[1].split("\n\n", 1)[0]
    documented = {}
    for row in table.strip().splitlines()[1:]:
        scale, levels = (c.strip() for c in row.strip("|").split("|"))
        for level in re.findall(r"`([a-z_]+)`", levels) if "none" not in levels else ():
            documented[level] = scale.lower()
    assert documented == bench.SIX_LEVELS
    assert set(documented) == set(SENIORITIES)


@pytest.mark.parametrize(
    ("title", "department"),
    [
        # Data and platform titles in German compounds.
        ("Bereichsleiter Datenplattform", "data"),
        ("Teamleiter Datenplattform", "data"),
        # A chief digital officer leads digital transformation, not marketing.
        ("Chief Digital Officer", "information_technology"),
        ("Director de Transformación Digital", "information_technology"),
        ("Bereichsleiter Digitalisierung", "information_technology"),
        # Engineering disciplines that are not IT.
        ("Quality Engineer", "engineering"),
        ("Process Engineer", "engineering"),
        ("Ingénieur qualité", "engineering"),
        ("Ingeniero mecánico", "engineering"),
        ("Qualitätsingenieur", "engineering"),
        ("Ingénieur électricien", "engineering"),
        # Finance and legal.
        ("Referent Steuern", "finance"),
        ("Risikomanager", "finance"),
        ("Analyste risques", "finance"),
        ("Letrado", "legal"),
        # A function named only through Bereich / Abteilung.
        ("Leiter Bereich Finanzen", "finance"),
        ("Mitarbeiter Abteilung Einkauf", "purchasing"),
    ],
)
def test_departments_where_the_errors_were(title: str, department: str) -> None:
    assert normalize_title(title).department == department
