"""One docstring per rule feeds `icpspec rule`, `icpspec rules`, docs/rules.md and SARIF."""

from __future__ import annotations

import re
import subprocess
import sys

from icpspec.lint import RULES
from icpspec.lint._docs import rules_markdown
from icpspec.lint._registry import HEADINGS

from .conftest import ROOT


def test_rules_page_is_generated_and_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), "run `python docs/gen_rules.py`"
    check = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "gen_rules.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_every_rule_doc_has_the_headings_in_order_and_names_its_options() -> None:
    for code, rule in RULES.items():
        if rule.stage != "lint":
            continue
        positions = [rule.doc.index(f"## {h}") for h in HEADINGS]
        assert positions == sorted(positions), code
        options_text = rule.doc.split("## Options", 1)[1]
        for option in rule.options:
            assert f"`{option.name}`" in options_text, f"{code} does not document {option.name}"
        if not rule.options:
            assert options_text.strip() == "None.", code
        assert rule.summary, code
        assert not rule.summary.startswith("#"), code


def test_codes_and_names_are_permanent_and_well_formed() -> None:
    # The registry's identity: changing a line here is changing a public contract.
    assert {c: r.name for c, r in RULES.items() if r.stage == "lint"} == {
        "ICP022": "empty-range",
        "ICP101": "too-broad",
        "ICP102": "broader-than-audience",
        "ICP103": "population-too-broad",
        "ICP201": "stale-review",
        "ICP202": "missing-review-date",
        "ICP203": "stale-evidence",
        "ICP301": "assumption-only",
        "ICP302": "small-sample",
        "ICP303": "hypothesis-without-test-plan",
        "ICP304": "no-customer-feedback",
        "ICP401": "firmographics-only",
        "ICP402": "no-personas",
        "ICP403": "persona-without-role",
        "ICP404": "one-icp-for-all-segments",
        "ICP405": "no-disqualifiers",
        "ICP406": "no-competitors",
        "ICP501": "disqualifier-excludes-all",
        "ICP502": "unreachable-tier",
        "ICP503": "duplicate-criterion",
        "ICP504": "example-mismatch",
        "ICP901": "unused-noqa",
        "ICP902": "blanket-noqa",
    }
    assert RULES["ICP023"].name == "unknown-reference"
    assert all(re.fullmatch(r"ICP\d{3}", c) for c in RULES)
    assert list(RULES) == sorted(RULES)
