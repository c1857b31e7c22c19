"""The two rules the linter itself reports, about suppression comments."""

from __future__ import annotations

from collections.abc import Iterator

from icpspec.diagnostics import Code
from icpspec.lint._registry import Finding, RuleContext, rule


@rule(Code.UNUSED_NOQA)
def unused_noqa(ctx: RuleContext) -> Iterator[Finding]:  # pragma: no cover - reported by the linter
    """A suppression comment that suppresses nothing.

    ## What it does

    Reports a `# noqa: CODE` (or `# icpspec: noqa: CODE`) that suppresses
    nothing: no finding of that rule on that line (in that file), or a code
    or name that is no rule. Suppressions of rules that are not selected are
    left alone.

    ## Why is this bad?

    A suppression outlives the problem it hid. Left in place, it will hide
    the next, real problem on that line.

    ## Example

    ```yaml title="fragment: nothing to suppress"
    profiles:
      us-saas:
        reviewed: 2026-10-01  # noqa: ICP201
    ```

    ## Use instead

    Remove the comment once the finding is gone.

    ## Options

    None.
    """
    return iter(())


@rule(Code.BLANKET_NOQA)
def blanket_noqa(ctx: RuleContext) -> Iterator[Finding]:  # pragma: no cover - reported by the linter
    """A `# noqa` that names no rule.

    ## What it does

    Reports a `# noqa` (or `# icpspec: noqa`) that names no rule. It
    suppresses nothing.

    ## Why is this bad?

    A blanket suppression hides every present and future problem on its line,
    including ones nobody has looked at. Name the rule you mean to silence.

    ## Example

    ```yaml title="fragment: silence everything"
    profiles:
      us-saas:
        reviewed: 2025-01-15  # noqa
    ```

    ## Use instead

    ```yaml title="fragment: silence one rule"
    profiles:
      us-saas:
        reviewed: 2025-01-15  # noqa: stale-review
    ```

    ## Options

    None.
    """
    return iter(())
