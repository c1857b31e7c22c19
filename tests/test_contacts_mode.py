"""Issue 17: a file with a job-title column is a contacts file; persona values get hints."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.diagnostics import SpecError
from icpspec.records import contacts_mode

# A profile that reads the account's name (to rule out test accounts), as many do.
SPEC_TEXT = """\
icpspec: 1
profiles:
  smb:
    criteria:
      - {field: employees, between: [5, 500]}
      - {field: country, in: [US, CA]}
    disqualifiers:
      - {id: test-account, field: name, matches: "(?i)^test", reason: A test account}
personas:
  cto:
    seniority: [c_level, vp]
    departments: [engineering]
    titles: [CTO]
  head-of-sales:
    seniority: [head, vp]
    departments: [sales]
  head-of-support:
    seniority: [head, director]
    departments: [customer_success]
"""
SPEC = icpspec.loads(SPEC_TEXT)


def test_name_job_title_country_is_scored_against_personas_without_flags(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Job Title,Country\nAna Ruiz,Chief Technology Officer,US\nBen Okafor,VP Sales,US\n"
        "Cleo Park,Head of Customer Support,CA\n",
        encoding="utf-8",
    )
    spec = tmp_path / "icp.yaml"
    spec.write_text(SPEC_TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["match", str(spec), str(path)])
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert err.startswith(
        "mode: contacts against the personas (job-title column 'Job Title', though 'Name' is also "
        "account field 'name'; --accounts to choose accounts)"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["icp_persona"] for r in rows] == ["cto", "head-of-sales", "head-of-support"]
    assert "icp_profile" not in rows[0]


@pytest.mark.parametrize(
    ("headers", "contacts", "why"),
    [
        (["Name", "Job Title", "Country"], True, "job-title column 'Job Title'"),
        (["Vorname", "Nachname", "Titel", "Firma"], True, "job-title column 'Titel'"),
        (["Nom", "Poste", "Pays"], True, "job-title column 'Poste'"),
        (["Nombre", "Puesto", "País"], True, "job-title column 'Puesto'"),
        (["Company", "Position", "Employees"], True, "job-title column 'Position'"),
        (["title", "seniority", "department", "country"], True, "job-title column 'title'"),
        (["Seniority", "Department", "Country"], True, "contact fields 'seniority', 'department'"),
        (["Company", "Employees", "Country"], False, "account fields 'employees', 'name'"),
        (["Seniority", "Employees"], False, "account field 'employees'"),
        (["Notes"], False, "no contact field"),
    ],
)
def test_the_mode_a_file_s_columns_choose(headers: list[str], contacts: bool, why: str) -> None:
    choice = contacts_mode(SPEC, headers)
    assert choice.contacts is contacts
    assert why in choice.reason


def test_a_mapped_title_column_decides_too() -> None:
    choice = contacts_mode(SPEC, ["Company", "Rolle"], {"title": "Rolle"})
    assert choice.contacts is True
    assert "job-title column 'Rolle'" in choice.reason


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("seniority: [VP]", "did you mean 'vp'"),
        ("seniority: [C-Level]", "did you mean 'c_level'"),
        ("seniority: [Senior Manager]", "did you mean 'manager'"),
        ("departments: [IT]", "did you mean 'information_technology'"),
        ("departments: [HR]", "did you mean 'human_resources'"),
        ("departments: [Sales Ops]", "did you mean 'operations'"),
        ("departments: [Vertrieb]", "did you mean 'sales'"),
    ],
)
def test_persona_values_get_a_hint(value: str, hint: str) -> None:
    with pytest.raises(SpecError, match=hint):
        icpspec.loads(f"icpspec: 1\npersonas:\n  p:\n    {value}\n")


def test_a_title_row_value_gets_the_same_hint() -> None:
    with pytest.raises(SpecError, match="did you mean 'information_technology'"):
        icpspec.loads("icpspec: 1\ntitles:\n  Platform Tsar: {department: IT}\n")
