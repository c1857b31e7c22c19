"""Stale profiles: never reviewed, reviewed too long ago, evidence grown old."""

from __future__ import annotations

from collections.abc import Iterator

from icpspec.diagnostics import Code, quote
from icpspec.lint._registry import Finding, Option, RuleContext, rule
from icpspec.model import Duration

from ._common import active_profiles, profile_anchor


@rule(
    Code.STALE_REVIEW,
    options=[Option("review-every", "90d", "Review interval of profiles that give no `review_every`.")],
)
def stale_review(ctx: RuleContext) -> Iterator[Finding]:
    """A profile whose review date has passed.

    ## What it does

    Reports a profile whose last review (`reviewed`) plus its review interval
    (`review_every`, else the `review-every` option) lies before today
    (`--today`, else the current date).

    ## Why is this bad?

    Markets, products and customers move; an ICP nobody has looked at in a
    year describes last year's best customers. A review date that has passed
    is the cheapest reminder there is.

    ## Example

    ```yaml title="fragment: reviewed long ago"
    profiles:
      us-saas:
        reviewed: 2025-01-15
        review_every: 90d
    ```

    ## Use instead

    Review the profile, then move `reviewed` to the date of that review.

    ## Options

    - `review-every` (default `90d`): the interval for profiles without
      `review_every`, as a duration such as `90d`, `12w`, `6m` or `1y`.
    """
    default = Duration.parse(str(ctx.option("review-every")))
    for pid, profile in active_profiles(ctx.spec):
        if profile.reviewed is None:
            continue
        every = profile.review_every or default
        due = every.after(profile.reviewed)
        if due < ctx.today:
            yield Finding(
                (*profile_anchor(pid), "reviewed"),
                f"profile {quote(pid)} was due for review on {due.isoformat()} "
                f"(reviewed {profile.reviewed.isoformat()}, every {every})",
            )


@rule(Code.MISSING_REVIEW_DATE)
def missing_review_date(ctx: RuleContext) -> Iterator[Finding]:
    """A profile with no review date.

    ## What it does

    Reports a profile (other than a retired one) with no `reviewed` date.

    ## Why is this bad?

    Without a review date nobody can tell whether the profile is current, and
    `stale-review` cannot remind anyone to look at it again.

    ## Example

    ```yaml title="fragment: no review date"
    profiles:
      us-saas:
        owner: revops@acme.example
    ```

    ## Use instead

    ```yaml title="fragment: reviewed"
    profiles:
      us-saas:
        owner: revops@acme.example
        reviewed: 2026-10-01
        review_every: 90d
    ```

    ## Options

    None.
    """
    for pid, _profile in active_profiles(ctx.spec):
        if _profile.reviewed is None:
            yield Finding(
                profile_anchor(pid),
                f"profile {quote(pid)} has no review date ('reviewed')",
                on_key=True,
            )


@rule(
    Code.STALE_EVIDENCE,
    options=[Option("max-age", "1y", "How old evidence may be.")],
)
def stale_evidence(ctx: RuleContext) -> Iterator[Finding]:
    """Evidence collected too long ago.

    ## What it does

    Reports evidence whose `collected` date is older than the `max-age`
    option (one year by default) on the day of the run.

    ## Why is this bad?

    A CRM export or an interview round from years ago supports the ICP of
    years ago. Claims that rest on old evidence should be checked again.

    ## Example

    ```yaml title="fragment: old evidence"
    evidence:
      crm-2023:
        source: customer_data
        collected: 2023-03-31
    ```

    ## Use instead

    Collect the evidence again (a fresh export, a new interview round) and
    cite the new entry.

    ## Options

    - `max-age` (default `1y`): the oldest evidence accepted, as a duration
      such as `180d`, `6m` or `2y`.
    """
    max_age = Duration.parse(str(ctx.option("max-age")))
    for eid, evidence in ctx.spec.evidence.items():
        if evidence.collected is not None and max_age.after(evidence.collected) < ctx.today:
            yield Finding(
                ("evidence", eid, "collected"),
                f"evidence {quote(eid)} was collected on {evidence.collected.isoformat()}, "
                f"more than {max_age} ago",
            )
