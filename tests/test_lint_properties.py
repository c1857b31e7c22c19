"""Lint on any valid spec: never an exception, every finding located, the same with or without lines."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from icpspec.diagnostics import Severity
from icpspec.lint import RULES, lint_source, lint_spec
from icpspec.schema import dump

from .strategies import specs


@given(
    specs(),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["yaml", "json"]),
)
def test_lint_any_valid_spec(spec, today, fmt) -> None:  # type: ignore[no-untyped-def]
    text = dump(spec, format=fmt)
    found = lint_source(text, file=f"s.icp.{fmt}", today=today)
    for d in found:
        rule = RULES[d.code]
        assert rule.stage == "lint", str(d)  # a dumped spec always loads
        assert d.severity == rule.severity
        assert d.line >= 1, str(d)
        assert d.column >= 1, str(d)
        assert (d.end_line, d.end_column) >= (d.line, d.column), str(d)
        assert d.pointer.startswith("/"), str(d)
        assert isinstance(d.severity, Severity)
    # The same findings from the spec in memory (no comments in a dumped spec: no suppression).
    in_memory = lint_spec(spec, today=today)
    assert sorted((d.code, d.pointer, d.message) for d in found) == sorted(
        (d.code, d.pointer, d.message) for d in in_memory
    )
