"""Claims built on assumptions rather than customer data."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from icpspec.diagnostics import Code, quote
from icpspec.lint._registry import Finding, Option, RuleContext, rule
from icpspec.model import EvidenceSource, Profile, ProfileStatus, Spec

from ._common import active_profiles

PathPart = str | int
_FEEDBACK = frozenset(
    {
        EvidenceSource.INTERVIEW,
        EvidenceSource.SURVEY,
        EvidenceSource.CUSTOMER_FEEDBACK,
        EvidenceSource.WIN_LOSS,
    }
)


def _claims(pid: str, profile: Profile) -> Iterator[tuple[tuple[PathPart, ...], str, Sequence[str], bool]]:
    """(path, what, evidence ids, whether it needs evidence) of every claim a profile makes.

    Criteria, pain points, jobs, values, preferences, the buying process and
    competitors are claims about customers that need evidence. Disqualifiers
    (which state their reason), goals and culture are reported only when they
    cite nothing but assumptions.
    """
    base: tuple[PathPart, ...] = ("profiles", pid)
    for i, c in enumerate(profile.criteria):
        yield (*base, "criteria", i), f"criterion {quote(c.id)}", c.evidence, True
    for i, d in enumerate(profile.disqualifiers):
        yield (*base, "disqualifiers", i), f"disqualifier {quote(d.id)}", d.evidence, False
    if profile.psychographics is not None:
        for key in ("values", "preferences", "culture"):
            for i, claim in enumerate(getattr(profile.psychographics, key)):
                what = f"psychographic {quote(claim.statement)}"
                yield (*base, "psychographics", key, i), what, claim.evidence, key != "culture"
    if profile.goals is not None:
        for key in ("short_term", "long_term"):
            for i, claim in enumerate(getattr(profile.goals, key)):
                yield (*base, "goals", key, i), f"goal {quote(claim.statement)}", claim.evidence, False
    for i, claim in enumerate(profile.pain_points):
        yield (*base, "pain_points", i), f"pain point {quote(claim.statement)}", claim.evidence, True
    for i, job in enumerate(profile.jobs_to_be_done):
        yield (*base, "jobs_to_be_done", i), f"job {quote(job.statement)}", job.evidence, True
    if profile.buying_process is not None:
        yield (*base, "buying_process"), "the buying process", profile.buying_process.evidence, True
    for i, comp in enumerate(profile.competitors):
        yield (*base, "competitors", i), f"competitor {quote(comp.name)}", comp.evidence, True


def _only_assumptions(spec: Spec, evidence: Sequence[str]) -> bool:
    return all(e in spec.evidence and spec.evidence[e].source == EvidenceSource.ASSUMPTION for e in evidence)


@rule(Code.ASSUMPTION_ONLY)
def assumption_only(ctx: RuleContext) -> Iterator[Finding]:
    """A claim supported by assumptions only, or by nothing.

    ## What it does

    Reports a criterion, pain point, job to be done, value, preference,
    buying process or competitor of a profile that cites no evidence, or only
    evidence whose `source` is `assumption`; and a disqualifier, goal or
    culture trait that cites only `assumption` evidence (these may cite
    nothing: a disqualifier states its reason). Profiles with
    `status: hypothesis` are exempt: they have no customers yet (but need a
    `test_plan`, see `hypothesis-without-test-plan`); retired profiles too.

    ## Why is this bad?

    An ICP built on gut feeling instead of customer data is the most common
    mistake in the literature. Every claim should say where it comes from, so
    a reviewer can tell data from belief.

    ## Example

    ```yaml title="fragment: a guess"
    evidence:
      hunch: {source: assumption}
    profiles:
      us-saas:
        status: validated
        criteria:
          - {field: employees, between: [5, 50], evidence: [hunch]}
        pain_points: [High customer churn]
    ```

    ## Use instead

    ```yaml title="fragment: backed by data"
    evidence:
      crm-2026q3: {source: customer_data, sample_size: 42, collected: 2026-09-30}
    profiles:
      us-saas:
        status: validated
        criteria:
          - {field: employees, between: [5, 50], evidence: [crm-2026q3]}
        pain_points:
          - {statement: High customer churn, evidence: [crm-2026q3]}
    ```

    Or mark a profile without customers as `status: hypothesis` with a
    `test_plan`.

    ## Options

    None.
    """
    for pid, profile in active_profiles(ctx.spec):
        if profile.status == ProfileStatus.HYPOTHESIS:
            continue
        for path, what, evidence, needed in _claims(pid, profile):
            if not evidence and needed:
                yield Finding(path, f"{what} of profile {quote(pid)} cites no evidence")
            elif evidence and _only_assumptions(ctx.spec, evidence):
                yield Finding(
                    (*path, "evidence"), f"{what} of profile {quote(pid)} rests on assumptions only"
                )


@rule(
    Code.SMALL_SAMPLE,
    options=[Option("min-sample-size", 10, "The smallest sample size accepted.")],
)
def small_sample(ctx: RuleContext) -> Iterator[Finding]:
    """Evidence from too small a sample.

    ## What it does

    Reports evidence whose `sample_size` is below the `min-sample-size`
    option (10 by default).

    ## Why is this bad?

    Three interviews or five won deals are anecdotes: the traits they share
    may be chance. Claims resting on tiny samples should be read as
    hypotheses.

    ## Example

    ```yaml title="fragment: three interviews"
    evidence:
      interviews:
        source: interview
        sample_size: 3
    ```

    ## Use instead

    Gather more (interview more customers, widen the CRM export), or mark the
    profile `status: hypothesis` until you have.

    ## Options

    - `min-sample-size` (default `10`): the smallest sample accepted.
    """
    minimum = int(ctx.option("min-sample-size"))
    for eid, evidence in ctx.spec.evidence.items():
        if evidence.sample_size is not None and evidence.sample_size < minimum:
            yield Finding(
                ("evidence", eid, "sample_size"),
                f"evidence {quote(eid)} has a sample of {evidence.sample_size}, below {minimum}",
            )


@rule(Code.HYPOTHESIS_WITHOUT_TEST_PLAN)
def hypothesis_without_test_plan(ctx: RuleContext) -> Iterator[Finding]:
    """A hypothesis profile that does not say how it will be tested.

    ## What it does

    Reports a profile with `status: hypothesis` and no `test_plan`.

    ## Why is this bad?

    A hypothesis profile is allowed to rest on assumptions because it is
    going to be tested. Without a plan that says how (and what result would
    validate it), it stays a guess forever.

    ## Example

    ```yaml title="fragment: untested hypothesis"
    profiles:
      eu-fintech:
        status: hypothesis
    ```

    ## Use instead

    ```yaml title="fragment: a hypothesis with a plan"
    profiles:
      eu-fintech:
        status: hypothesis
        test_plan: Outbound to 50 matching accounts; validate if 5 or more book a meeting
    ```

    ## Options

    None.
    """
    for pid, profile in ctx.spec.profiles.items():
        if profile.status == ProfileStatus.HYPOTHESIS and not (profile.test_plan or "").strip():
            yield Finding(
                ("profiles", pid, "status"),
                f"profile {quote(pid)} is a hypothesis without a 'test_plan' saying how it will be tested",
            )


@rule(Code.NO_CUSTOMER_FEEDBACK)
def no_customer_feedback(ctx: RuleContext) -> Iterator[Finding]:
    """No interview, survey, feedback or win/loss evidence anywhere.

    ## What it does

    Reports a spec with profiles but no evidence from customers' own words:
    no `interview`, `survey`, `customer_feedback` or `win_loss` evidence
    anywhere.

    ## Why is this bad?

    CRM data says who bought; only customers say why. An ICP without
    interviews, surveys, feedback or win/loss reviews cannot support its
    pain points, goals and buying process.

    ## Example

    ```yaml title="fragment: data only"
    evidence:
      crm-2026q3: {source: customer_data, sample_size: 42}
    ```

    ## Use instead

    ```yaml title="fragment: data and voices"
    evidence:
      crm-2026q3: {source: customer_data, sample_size: 42}
      interviews-2026q3: {source: interview, sample_size: 12}
    ```

    ## Options

    None.
    """
    spec = ctx.spec
    if not spec.profiles or any(e.source in _FEEDBACK for e in spec.evidence.values()):
        return
    where = ("evidence",) if spec.evidence else ("profiles",)
    yield Finding(
        where,
        "no interview, survey, customer_feedback or win_loss evidence in the spec",
        on_key=True,
    )
