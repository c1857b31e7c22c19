"""Lint findings that say why: example-mismatch names the criteria that stand in the way."""

from __future__ import annotations

import pytest

from icpspec.lint import lint_source

SPEC = """\
icpspec: 1
profiles:
  p:
    criteria:
      - {id: size, field: employees, between: [5, 50]}
      - {id: us, field: country, in: [US]}
      - {id: saas, field: industry, in: [software], required: %(required)s}
    disqualifiers:
      - {id: public, field: is_public, equals: true, reason: listed}
    tiers: {A: 75, B: 50, C: 0}
    examples:
      - record: %(record)s
        %(expects)s
"""


@pytest.mark.parametrize(
    ("record", "expects", "required", "why"),
    [
        (
            "{employees: 20, country: DE, industry: software}",
            "tier: A",
            "false",
            "expects tier 'A', gets tier 'B' (score 66.67): missed 'us'",
        ),
        (
            "{employees: 20, industry: software}",
            "tier: A",
            "false",
            "expects tier 'A', gets tier 'B' (score 66.67): unknown 'us'",
        ),
        (
            "{employees: 20, country: US, industry: software}",
            "tier: C",
            "false",
            "expects tier 'C', gets tier 'A' (score 100): matched 'size', 'us', 'saas'",
        ),
        (
            "{employees: 20, country: US, industry: software, is_public: true}",
            "tier: A",
            "false",
            "expects tier 'A', gets disqualified: disqualified by 'public'",
        ),
        (
            "{employees: 20, country: US, industry: software}",
            "status: disqualified",
            "false",
            "expects disqualified, gets tier 'A' (score 100): no disqualifier matched ('public')",
        ),
        (
            "{employees: 20, country: US, industry: retail}",
            "tier: A",
            "true",
            "expects tier 'A', gets required_failed: required criteria not matched: 'saas'",
        ),
    ],
)
def test_example_mismatch_names_the_criteria_in_the_way(
    record: str, expects: str, required: str, why: str
) -> None:
    text = SPEC % {"record": record, "expects": expects, "required": required}
    found = [d.message for d in lint_source(text, file="s.icp.yaml") if d.code == "ICP504"]
    assert found == [f"golden example #1 of profile 'p' {why}"]
