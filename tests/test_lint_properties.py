"""Lint on any valid spec: never an exception, every finding located, the same with or without lines."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
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


@given(
    st.lists(
        st.tuples(
            st.one_of(st.integers(1, 20), st.sampled_from([0.5, 1.5, 2.25, 1e-3])),
            st.booleans(),
        ),
        min_size=0,
        max_size=7,
    ),
    st.dictionaries(
        st.sampled_from(["A", "B", "C", "D"]), st.integers(0, 100) | st.floats(0, 100), min_size=1
    ),
)
# Float sums must be the engine's own: rounding them made 18 + 0.001 + 14 miss a tier at 100.
@example(weights=[(18, False), (0.001, False), (14, False)], tiers={"A": 100})
def test_reachable_tiers_match_every_subset_through_the_engine(weights, tiers) -> None:  # type: ignore[no-untyped-def]
    import itertools

    from icpspec.engine import Matcher
    from icpspec.lint.rules.contradictions import _reachable_tiers
    from icpspec.model import Criterion, FieldDefinition, FieldType, Profile, Spec
    from icpspec.model.conditions import Exists

    criteria = tuple(
        Criterion(id=f"f{i}", condition=Exists(f"f{i}"), weight=float(w), required=req)
        for i, (w, req) in enumerate(weights)
    )
    profile = Profile(id="p", criteria=criteria, tiers={k: float(v) for k, v in tiers.items()})
    own = {f"f{i}": FieldDefinition(id=f"f{i}", type=FieldType.INTEGER) for i in range(len(weights))}
    matcher = Matcher(profile, spec=Spec(fields=own, profiles={"p": profile}))
    seen = set()
    optional = [c.id for c in criteria if not c.required]
    required = [c.id for c in criteria if c.required]
    for n in range(len(optional) + 1):
        for subset in itertools.combinations(optional, n):
            result = matcher.match(dict.fromkeys([*required, *subset], 1))
            if result.tier is not None:
                seen.add(result.tier)
    assert _reachable_tiers(profile) == seen
