"""Golden examples: the ICP's own regression test."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icpspec.diagnostics import Code, quote
from icpspec.engine import MatchResult, Outcome, Verdict, check_examples
from icpspec.engine.reference import tier_order
from icpspec.engine.values import MAX_MATCH_INPUT
from icpspec.lint._registry import Finding, RuleContext, rule
from icpspec.model import AllOf, AnyOf, Condition, Matches, Not, Profile, Spec
from icpspec.schema import compile_pattern

#: The work the golden examples' ``matches`` patterns may cost one lint run: the sum, over
#: every example value a pattern reads, of RE2's program size times the value's length.
#: RE2 is linear, at up to ~4 ns a unit measured here: this keeps examples within ~0.2 s.
MAX_PATTERN_WORK = 50_000_000


def _patterns(cond: Condition) -> Iterator[Matches]:
    if isinstance(cond, Matches):
        yield cond
    elif isinstance(cond, AllOf | AnyOf):
        for c in cond.conditions:
            yield from _patterns(c)
    elif isinstance(cond, Not):
        yield from _patterns(cond.condition)


def _ids(outcomes: Sequence[Outcome]) -> str:
    return ", ".join(quote(o.id) for o in outcomes)


def _why(profile: Profile, expected_tier: str | None, expected_status: str, got: MatchResult) -> str:
    """The criteria (or disqualifiers) whose verdicts stand between the result and the one declared."""
    outcomes = got.outcomes
    criteria = [o for o in outcomes if o.kind == "criterion"]
    disqualifiers = [o for o in outcomes if o.kind == "disqualifier"]
    if got.status == "disqualified" and expected_status != "disqualified":
        return f": disqualified by {_ids([o for o in disqualifiers if o.verdict == Verdict.MATCHED])}"
    if expected_status == "disqualified" and got.status != "disqualified":
        return (
            f": no disqualifier matched ({_ids(disqualifiers)})"
            if disqualifiers
            else ": it has no disqualifiers"
        )
    if got.status == "required_failed":
        failed = [o for o in criteria if o.required and o.verdict != Verdict.MATCHED]
        return f": required criteria not matched: {_ids(failed)}"
    if got.status != "scored" or expected_tier is None:
        return ""
    places = {name: i for i, (name, _) in enumerate(tier_order(profile.tiers))}
    if got.tier is None or places.get(expected_tier, 0) < places[got.tier]:
        # A better tier was declared: the criteria not met would have to be.
        missed = [o for o in criteria if o.verdict == Verdict.MISSED]
        unknown = [o for o in criteria if o.verdict == Verdict.UNKNOWN]
        parts = [f"missed {_ids(missed)}" if missed else "", f"unknown {_ids(unknown)}" if unknown else ""]
        return ": " + "; ".join(p for p in parts if p) if missed or unknown else ""
    matched = [o for o in criteria if o.verdict == Verdict.MATCHED]
    return f": matched {_ids(matched)}" if matched else ""


def pattern_work(spec: Spec) -> dict[tuple[str, int], int]:
    """What running each golden example's ``matches`` patterns costs, by (profile, index).

    See :data:`MAX_PATTERN_WORK`; an example whose profile reads no pattern costs nothing.
    """
    work: dict[tuple[str, int], int] = {}
    for pid, profile in spec.profiles.items():
        conds = [c.condition for c in profile.criteria] + [d.condition for d in profile.disqualifiers]
        found = [m for c in conds for m in _patterns(c)]
        for i, ex in enumerate(profile.examples if found else ()):
            cost = 0
            for m in found:
                value = ex.record.get(m.field)
                if isinstance(value, str):
                    cost += compile_pattern(m.pattern).programsize * min(len(value), MAX_MATCH_INPUT)
            work[(pid, i)] = cost
    return work


def _example_name(spec: Spec, pid: str, index: int) -> str:
    name = spec.profiles[pid].examples[index].name
    return quote(name) if name else f"#{index + 1}"


@rule(Code.EXAMPLE_MISMATCH)
def example_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A golden example that gets another outcome than it declares.

    ## What it does

    Runs every golden example of every profile through the matching engine
    and reports an example whose outcome differs from the `tier` or `status`
    it declares.

    ## Why is this bad?

    Golden examples are the accounts everyone agrees on: the ideal customer
    must score tier A, a public company must be disqualified. When a change
    to criteria, weights or tiers moves one of them, the change is wrong or
    the example is out of date, and a reviewer should know before merging.

    ## Example

    ```yaml title="fragment: the ideal customer scores B"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50], weight: 3}
          - {field: country, in: [US]}
        examples:
          - record: {employees: 20, country: DE}
            tier: A
    ```

    ## Use instead

    Fix the criteria, or the example if it no longer describes an ideal
    customer:

    ```yaml title="fragment: the example holds"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50], weight: 3}
          - {field: country, in: [US]}
        examples:
          - record: {employees: 20, country: US}
            tier: A
    ```

    ## Options

    None.
    """
    # The examples run in the spec's order while the budget lasts; one it cannot pay for is
    # skipped and said so, and the cheaper ones after it still run.
    spent, skipped = 0, []
    for (pid, index), cost in pattern_work(ctx.spec).items():
        if spent + cost > MAX_PATTERN_WORK:
            skipped.append((pid, index))
            yield Finding(
                ("profiles", pid, "examples", index),
                f"golden example {_example_name(ctx.spec, pid, index)} of profile {quote(pid)} not run: "
                f"its matches patterns over its values would cost {cost:,} units of work, over what is "
                f"left of the lint budget of {MAX_PATTERN_WORK:,} (shorten the example's values or "
                "simplify the patterns)",
            )
        else:
            spent += cost
    for check in check_examples(ctx.spec, skip=frozenset(skipped)):
        if check.passed:
            continue
        ex = ctx.spec.profiles[check.profile].examples[check.index]
        name = _example_name(ctx.spec, check.profile, check.index)
        expected = f"tier {quote(check.expected_tier)}" if check.expected_tier else str(check.expected_status)
        got = check.result
        actual = (
            f"tier {quote(got.tier)} (score {got.score:.4g})"
            if got.status == "scored" and got.tier
            else f"{got.status}" + (f" (score {got.score:.4g}, no tier)" if got.status == "scored" else "")
        )
        why = _why(ctx.spec.profiles[check.profile], check.expected_tier, str(check.expected_status), got)
        key = "tier" if ex.tier is not None else "status" if ex.status is not None else None
        path: tuple[str | int, ...] = ("profiles", check.profile, "examples", check.index)
        yield Finding(
            (*path, key) if key else path,
            f"golden example {name} of profile {quote(check.profile)} expects {expected}, gets {actual}{why}",
        )
