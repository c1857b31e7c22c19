"""Validation messages, located exactly: data-driven cases in tests/cases/validation.yaml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import icpspec

from .conftest import ROOT

CASES: list[dict[str, Any]] = yaml.safe_load((ROOT / "tests" / "cases" / "validation.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_validation_case(case: dict[str, Any]) -> None:
    if case.get("valid"):
        icpspec.loads(case["spec"], filename="case.yaml")
        return
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads(case["spec"], filename="case.yaml")
    got = [f"{d.line}:{d.column} {d.code} {d.message}" for d in info.value.diagnostics]
    assert got == case["expect"]


def test_every_diagnostic_carries_a_pointer_and_an_end() -> None:
    spec = "icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {field: employes, min: 5}\n"
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads(spec, filename="case.yaml")
    (d,) = info.value.diagnostics
    assert d.pointer == "/profiles/p/criteria/0/field"
    assert d.path == "profiles.p.criteria[0].field"
    assert (d.end_line, d.end_column) == (5, 25)
    assert str(d) == "case.yaml:5:17: ICP020 unknown account field 'employes'; did you mean 'employees'?"


def test_all_problems_of_a_kind_are_reported_together() -> None:
    spec = "icpspec: 1\nprofiles:\n  p: {status: x, owner: 5, reviewed: soon, tiers: {A: 200}}\n"
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads(spec, filename="case.yaml")
    assert [d.code for d in info.value.diagnostics] == ["ICP010"] * 3
    assert "owner" not in str(info.value)  # a plain 5 where text is expected is the text "5"


def test_dates_in_date_fields_become_dates() -> None:
    import datetime as dt

    spec = icpspec.loads(
        "icpspec: 1\nprofiles:\n  p:\n    criteria:\n"
        "      - {field: last_funding_date, between: [2024-01-01, 2025-06-30]}\n"
    )
    cond = spec.profiles["p"].criteria[0].condition
    assert (cond.low, cond.high) == (dt.date(2024, 1, 1), dt.date(2025, 6, 30))  # type: ignore[union-attr]


def test_the_non_specific_tag_is_refused_like_every_explicit_tag() -> None:
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads("icpspec: 1\ncompany: {name: ! Acme}\n", filename="case.yaml")
    (d,) = info.value.diagnostics
    assert (d.code, d.line, d.column) == ("ICP003", 2, 17)
