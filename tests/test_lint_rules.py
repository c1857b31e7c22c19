"""Every lint rule against its data-driven cases: tests/cases/lint/<rule-name>.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from icpspec.lint import RULES, LintConfig, Population, lint_source, lookup

from .conftest import ROOT

CASE_DIR = ROOT / "tests" / "cases" / "lint"
DEFAULT_TODAY = dt.date(2026, 11, 1)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


FILES = sorted(CASE_DIR.glob("*.yaml"))
CASES = [
    pytest.param(_load(f)["rule"], case, id=f"{f.stem}: {case['name']}")
    for f in FILES
    for case in _load(f)["cases"]
]


@pytest.mark.parametrize(("rule_name", "case"), CASES)
def test_rule_case(rule_name: str, case: dict[str, Any]) -> None:
    rule = lookup(rule_name)
    assert rule is not None, rule_name
    select = tuple(case.get("select", [rule_name]))
    config = LintConfig(select=select, options={rule.name: case.get("options", {})})
    today = case.get("today", DEFAULT_TODAY)
    # `population:` names a record file beside the case file, for the rules that require one.
    inputs = {"population": Population(CASE_DIR / case["population"])} if "population" in case else {}
    found = lint_source(case["spec"], file="case.icp.yaml", today=today, config=config, inputs=inputs)
    codes = {lookup(s).code for s in select}  # type: ignore[union-attr]
    got = [f"{d.line}:{d.column}" for d in found if d.code in codes]
    assert got == case["expect"], "\n".join(str(d) for d in found)
    assert all(d.code in codes for d in found), "a spec that does not load: " + "\n".join(map(str, found))


def test_every_lint_rule_has_failing_and_passing_cases() -> None:
    by_rule = {_load(f)["rule"]: _load(f)["cases"] for f in FILES}
    for code, rule in RULES.items():
        if rule.stage != "lint":
            continue
        assert rule.name in by_rule, f"{code} {rule.name} has no case file"
        cases = by_rule[rule.name]
        assert any(c["expect"] for c in cases), f"{rule.name}: no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.name}: no passing case"
        assert (CASE_DIR / f"{rule.name}.yaml").exists()
