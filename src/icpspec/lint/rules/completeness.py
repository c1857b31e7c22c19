"""Profiles that leave out half the picture: people, segments, qualitative traits."""

from __future__ import annotations

from collections.abc import Iterator

from icpspec.diagnostics import Code, quote
from icpspec.lint._registry import Finding, RuleContext, rule

from ._common import active_profiles, profile_anchor


@rule(Code.FIRMOGRAPHICS_ONLY)
def firmographics_only(ctx: RuleContext) -> Iterator[Finding]:
    """A profile with criteria but no qualitative picture.

    ## What it does

    Reports a profile with no psychographics, pain points, jobs to be done
    or buying process: only criteria.

    ## Why is this bad?

    Size, industry and country say who *could* buy; values, pains, jobs and
    how they buy say who *will*, and what to tell them. A firmographic list
    is a target audience, not an ICP.

    ## Example

    ```yaml title="fragment: only firmographics"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50]}
          - {field: industry, in: [software]}
    ```

    ## Use instead

    ```yaml title="fragment: the whole picture"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50]}
          - {field: industry, in: [software]}
        pain_points: [High customer churn]
        jobs_to_be_done: [{statement: Spot accounts about to churn, kind: functional}]
        buying_process: {decision_makers: [CTO], decision_style: consensus}
    ```

    ## Options

    None.
    """
    for pid, p in active_profiles(ctx.spec):
        if not (p.psychographics or p.pain_points or p.jobs_to_be_done or p.buying_process):
            yield Finding(
                profile_anchor(pid),
                f"profile {quote(pid)} has no psychographics, pain points, jobs to be done or buying process",
                on_key=True,
            )


@rule(Code.NO_PERSONAS)
def no_personas(ctx: RuleContext) -> Iterator[Finding]:
    """A profile that names no buyer personas.

    ## What it does

    Reports a profile that names no buyer `personas`.

    ## Why is this bad?

    Companies do not buy; people in them do. A profile without the people who
    decide, pay, champion and use leaves sales without anyone to talk to.

    ## Example

    ```yaml title="fragment: nobody buys"
    profiles:
      us-saas:
        criteria: [{field: employees, between: [5, 50]}]
    ```

    ## Use instead

    ```yaml title="fragment: the people who buy"
    profiles:
      us-saas:
        criteria: [{field: employees, between: [5, 50]}]
        personas: [cto]
    personas:
      cto: {role: decision_maker, titles: [CTO]}
    ```

    ## Options

    None.
    """
    for pid, p in active_profiles(ctx.spec):
        if not p.personas:
            yield Finding(profile_anchor(pid), f"profile {quote(pid)} names no personas", on_key=True)


@rule(Code.PERSONA_WITHOUT_ROLE)
def persona_without_role(ctx: RuleContext) -> Iterator[Finding]:
    """A persona with no role in the purchase.

    ## What it does

    Reports a persona with no `role` in the purchase (`decision_maker`,
    `economic_buyer`, `champion`, `influencer`, `user` or `blocker`).

    ## Why is this bad?

    Knowing a person's title is not knowing what they do in the deal. The
    role decides the message: ROI for the economic buyer, ease for the user.

    ## Example

    ```yaml title="fragment: a title without a role"
    personas:
      cto: {titles: [CTO]}
    ```

    ## Use instead

    ```yaml title="fragment: a role in the purchase"
    personas:
      cto: {role: decision_maker, titles: [CTO]}
    ```

    ## Options

    None.
    """
    for name, persona in ctx.spec.personas.items():
        if persona.role is None:
            yield Finding(
                ("personas", name), f"persona {quote(name)} has no role in the purchase", on_key=True
            )


@rule(Code.ONE_ICP_FOR_ALL_SEGMENTS)
def one_icp_for_all_segments(ctx: RuleContext) -> Iterator[Finding]:
    """One profile stretched over several segments.

    ## What it does

    In a spec with segments, reports each segment that no profile describes;
    when there are two segments or more, also each profile that names no
    `segment`, and a profile that is the only one.

    ## Why is this bad?

    Each segment gets its own ICP. One profile stretched over US SaaS
    start-ups and European banks fits neither; a segment without a profile
    is scored against the ICP of another.

    ## Example

    ```yaml title="fragment: one ICP, two segments"
    segments:
      us-saas: {name: US SaaS}
      eu-fintech: {name: EU fintech}
    profiles:
      everyone:
        segment: us-saas
    ```

    ## Use instead

    ```yaml title="fragment: one ICP per segment"
    segments:
      us-saas: {name: US SaaS}
      eu-fintech: {name: EU fintech}
    profiles:
      us-saas-growth: {segment: us-saas}
      eu-fintech-growth: {segment: eu-fintech, status: hypothesis, test_plan: Ten discovery calls}
    ```

    ## Options

    None.
    """
    spec = ctx.spec
    if not spec.segments or not spec.profiles:
        return
    active = dict(active_profiles(spec))
    covered = {p.segment for p in active.values()}
    if len(spec.segments) >= 2:
        for pid, p in active.items():
            if p.segment is None:
                yield Finding(
                    profile_anchor(pid),
                    f"profile {quote(pid)} names no segment, but the spec has {len(spec.segments)}; "
                    "give each segment its own profile",
                    on_key=True,
                )
            elif len(active) == 1:
                yield Finding(
                    profile_anchor(pid),
                    f"profile {quote(pid)} is the only ICP for {len(spec.segments)} segments",
                    on_key=True,
                )
    for sid in spec.segments:
        if sid not in covered:
            yield Finding(("segments", sid), f"segment {quote(sid)} has no profile of its own", on_key=True)


@rule(Code.NO_DISQUALIFIERS)
def no_disqualifiers(ctx: RuleContext) -> Iterator[Finding]:
    """A profile with no disqualifiers.

    ## What it does

    Reports a profile (other than a retired one) with no `disqualifiers`.

    ## Why is this bad?

    Knowing who is *not* a fit saves as much time as knowing who is: public
    companies with long procurement, regulated industries you cannot serve,
    competitors. Without disqualifiers, a near-fit scores high.

    ## Example

    ```yaml title="fragment: no way out"
    profiles:
      us-saas:
        criteria: [{field: employees, between: [5, 50]}]
    ```

    ## Use instead

    ```yaml title="fragment: with disqualifiers"
    profiles:
      us-saas:
        criteria: [{field: employees, between: [5, 50]}]
        disqualifiers:
          - {id: public, field: is_public, equals: true, reason: Procurement cycle too long}
    ```

    ## Options

    None.
    """
    for pid, p in active_profiles(ctx.spec):
        if not p.disqualifiers:
            yield Finding(profile_anchor(pid), f"profile {quote(pid)} has no disqualifiers", on_key=True)


@rule(Code.NO_COMPETITORS)
def no_competitors(ctx: RuleContext) -> Iterator[Finding]:
    """A profile that ignores the competition.

    ## What it does

    Reports a profile that names no `competitors`.

    ## Why is this bad?

    Ideal customers are ideal for your competitors too. Ignoring the
    competition hides why deals are lost and which accounts are already
    taken.

    ## Example

    ```yaml title="fragment: alone in the market"
    profiles:
      us-saas:
        criteria: [{field: employees, between: [5, 50]}]
    ```

    ## Use instead

    ```yaml title="fragment: who else they consider"
    profiles:
      us-saas:
        criteria: [{field: employees, between: [5, 50]}]
        competitors:
          - {name: ChurnZero, notes: Wins on breadth; loses on price}
    ```

    ## Options

    None.
    """
    for pid, p in active_profiles(ctx.spec):
        if not p.competitors:
            yield Finding(profile_anchor(pid), f"profile {quote(pid)} names no competitors", on_key=True)
