"""One mistake at a time, made in the real example: lint reports exactly that rule, at that line.

Each case edits ``examples/acme.icp.yaml`` (which lints clean) in one place
and expects the findings named, each on the first line of the edited file
that holds the given text, and nothing else: no spurious finding either.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from icpspec.cli import cli

from .conftest import EXAMPLES

ACME = (EXAMPLES / "acme.icp.yaml").read_text(encoding="utf-8")
TODAY = "2026-11-01"

# (id, pattern, replacement, [(rule name, text on the expected line)])
MISTAKES: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("too-broad", r"between: \[5, 50\]", "between: [5, 5000]", [("too-broad", "id: size")]),
    ("stale-review", r"reviewed: 2026-10-15", "reviewed: 2025-10-15", [("stale-review", "reviewed:")]),
    (
        "missing-review-date",
        r"    reviewed: 2026-10-15\n",
        "",
        [("missing-review-date", "  ca-saas-analytics:")],
    ),
    ("stale-evidence", r"collected: 2026-09-30", "collected: 2024-09-30", [("stale-evidence", "2024-09-30")]),
    (
        "assumption-only",
        r"source: survey",
        "source: assumption",
        [
            ("assumption-only", "Prefers cloud-based tools"),
            ("assumption-only", "Prefers intuitive tools"),
        ],
    ),
    ("small-sample", r"sample_size: 12", "sample_size: 7", [("small-sample", "sample_size: 7")]),
    (
        "hypothesis-without-test-plan",
        r"status: validated",
        "status: hypothesis",
        [("hypothesis-without-test-plan", "status: hypothesis")],
    ),
    (
        "no-customer-feedback",
        r"source: (interview|win_loss|survey)\b",
        "source: market_research",
        [("no-customer-feedback", "evidence:")],
    ),
    (
        "firmographics-only",
        r"\n    psychographics:.*?\n\n    competitors:",
        "\n\n    competitors:",
        [("firmographics-only", "  ca-saas-analytics:")],
    ),
    (
        "no-personas",
        r"    personas: \[cto, head-of-sales, head-of-support\]\n",
        "",
        [("no-personas", "  ca-saas-analytics:")],
    ),
    ("persona-without-role", r"    role: champion\n", "", [("persona-without-role", "  head-of-support:")]),
    (
        "one-icp-for-all-segments",
        r"\nprofiles:",
        "\n  eu-saas: {name: EU SaaS, audience: smb-software}\n\nprofiles:",
        [("one-icp-for-all-segments", "  eu-saas:"), ("one-icp-for-all-segments", "  ca-saas-analytics:")],
    ),
    (
        "no-disqualifiers",
        r"\n    disqualifiers:.*?\n\n",
        "\n\n",
        [("no-disqualifiers", "  ca-saas-analytics:"), ("example-mismatch", "status: disqualified")],
    ),
    ("no-competitors", r"\n    competitors:.*?\n\n", "\n\n", [("no-competitors", "  ca-saas-analytics:")]),
    ("empty-range-in", r"in: \[bootstrapped\]", "in: []", [("empty-range", "field: funding_stage")]),
    ("empty-range-between", r"between: \[5, 50\]", "between: [50, 5]", [("empty-range", "id: size")]),
    (
        "disqualifier-excludes-all",
        r"\n    disqualifiers:\n",
        "\n    disqualifiers:\n      - {id: na, field: country, in: [US, CA], reason: Outside our market, evidence: [crm-2026q3]}\n",
        [
            ("disqualifier-excludes-all", "id: na"),
            ("example-mismatch", "tier: A"),
        ],
    ),
    (
        "unreachable-tier",
        r"tiers: \{A: 75, B: 50, C: 25\}",
        "tiers: {A: 75, B: 74.9, C: 25}",
        [("unreachable-tier", "tiers:")],
    ),
    (
        "duplicate-criterion",
        r"\n      # Technographic",
        "\n      - {id: state-again, field: state, in: [California, CA], evidence: [crm-2026q3]}\n      # Technographic",
        [("duplicate-criterion", "id: state-again")],
    ),
    ("example-mismatch", r"tier: A\n", "tier: B\n", [("example-mismatch", "tier: B")]),
    (
        "unknown-reference",
        r"segment: us-saas\n",
        "segment: us-sass\n",
        [("unknown-reference", "segment: us-sass")],
    ),
    (
        "unused-noqa",
        r"review_every: 90d",
        "review_every: 90d  # noqa: stale-review",
        [("unused-noqa", "# noqa")],
    ),
]


def _lint_json(tmp_path, text: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def, type-arg]
    spec = tmp_path / "mistake.icp.yaml"
    spec.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--format", "json", "--today", TODAY, "--isolated", str(spec)])
    return result.exit_code, json.loads(result.stdout)


def test_the_example_lints_clean(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out = _lint_json(tmp_path, ACME)
    assert (code, out["diagnostics"]) == (0, [])


@pytest.mark.parametrize(
    ("pattern", "replacement", "expected"), [pytest.param(*m[1:], id=m[0]) for m in MISTAKES]
)
def test_one_mistake_one_finding(
    tmp_path, pattern: str, replacement: str, expected: list[tuple[str, str]]
) -> None:  # type: ignore[no-untyped-def]
    text, n = re.subn(pattern, replacement, ACME, count=0 if "source" in pattern else 1, flags=re.DOTALL)
    assert n, "the edit did not apply"
    lines = text.splitlines()
    want = sorted(
        (name, next(i for i, ln in enumerate(lines, 1) if marker in ln)) for name, marker in expected
    )
    _code, out = _lint_json(tmp_path, text)
    got = sorted((d["name"], d["line"]) for d in out["diagnostics"])
    assert got == want, json.dumps(out["diagnostics"], indent=1)
