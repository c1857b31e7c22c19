"""Golden examples: the ICP's own regression test."""

from __future__ import annotations

from collections.abc import Iterator

from icpspec.diagnostics import Code, quote
from icpspec.engine import check_examples
from icpspec.lint._registry import Finding, RuleContext, rule


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
    for check in check_examples(ctx.spec):
        if check.passed:
            continue
        ex = ctx.spec.profiles[check.profile].examples[check.index]
        name = quote(check.name) if check.name else f"#{check.index + 1}"
        expected = f"tier {quote(check.expected_tier)}" if check.expected_tier else str(check.expected_status)
        got = check.result
        actual = (
            f"tier {quote(got.tier)} (score {got.score:.4g})"
            if got.status == "scored" and got.tier
            else f"{got.status}" + (f" (score {got.score:.4g}, no tier)" if got.status == "scored" else "")
        )
        key = "tier" if ex.tier is not None else "status" if ex.status is not None else None
        path: tuple[str | int, ...] = ("profiles", check.profile, "examples", check.index)
        yield Finding(
            (*path, key) if key else path,
            f"golden example {name} of profile {quote(check.profile)} expects {expected}, gets {actual}",
        )
