"""Contradictions: conditions nothing can meet, tiers nothing can reach, the same thing twice."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from icpspec.diagnostics import Code, quote
from icpspec.engine.reference import tier_for, tier_order
from icpspec.lint._conditions import conjunction, implies, intersect, interval, is_empty, walk
from icpspec.lint._registry import Finding, RuleContext, rule
from icpspec.model import AllOf, Criterion, Disqualifier, In, Profile

from ._common import active_profiles

PathPart = str | int
#: Subset sums tracked before unreachable-tier gives up (and reports nothing).
MAX_SCORES = 20_000
#: Condition pairs compared per profile before disqualifier-excludes-all gives up (reporting nothing).
MAX_COMPARISONS = 10_000
#: Largest total weight tracked exactly as whole numbers (one bit per possible matched weight).
MAX_INTEGER_TOTAL = 1_000_000


def _condition_lists(
    ctx: RuleContext,
) -> Iterator[tuple[tuple[PathPart, ...], Sequence[Criterion | Disqualifier]]]:
    spec = ctx.spec
    for aid, audience in spec.audiences.items():
        yield ("audiences", aid, "criteria"), audience.criteria
    for sid, segment in spec.segments.items():
        yield ("segments", sid, "criteria"), segment.criteria
    for pid, profile in spec.profiles.items():
        yield ("profiles", pid, "criteria"), profile.criteria
        yield ("profiles", pid, "disqualifiers"), profile.disqualifiers
    for name, persona in spec.personas.items():
        yield ("personas", name, "criteria"), persona.criteria


@rule(Code.EMPTY_RANGE)
def empty_range(ctx: RuleContext) -> Iterator[Finding]:
    """A condition no value can meet: reversed bounds, an empty `in`, bounds that do not overlap.

    ## What it does

    Reports a condition no value can meet: a `between` whose low end is above
    its high end (found when the spec loads, by `icpspec validate` too), an
    empty `in` list, and an `all` whose bounds on one field do not overlap
    (`min: 100` with `max: 50`).

    ## Why is this bad?

    A criterion nothing can meet is a typo that silently costs every account
    its weight; a disqualifier nothing can meet protects nobody.

    ## Example

    ```yaml title="fragment: nothing fits"
    profiles:
      us-saas:
        criteria:
          - {field: country, in: []}
          - id: size
            all:
              - {field: employees, min: 100}
              - {field: employees, max: 50}
    ```

    ## Use instead

    ```yaml title="fragment: ranges that hold values"
    profiles:
      us-saas:
        criteria:
          - {field: country, in: [US]}
          - {id: size, field: employees, between: [50, 100]}
    ```

    ## Options

    None.
    """
    for base, items in _condition_lists(ctx):
        for i, item in enumerate(items):
            for here, c in walk(item.condition, (*base, i)):
                if isinstance(c, In) and not c.values:
                    yield Finding(
                        (*here, "in"), f"'in' on {quote(c.field)} lists no values: nothing can match"
                    )
                elif isinstance(c, AllOf):
                    by_field: dict[str, list[tuple[object, object]]] = {}
                    for part in c.conditions:
                        iv = interval(part)
                        if iv is not None:
                            by_field.setdefault(getattr(part, "field"), []).append(iv)  # noqa: B009
                    for fname, ivs in by_field.items():
                        if len(ivs) > 1 and is_empty(intersect(ivs)):  # type: ignore[arg-type]
                            yield Finding(
                                (*here, "all"),
                                f"the bounds on {quote(fname)} in this 'all' do not overlap: "
                                "nothing can match",
                                on_key=True,
                            )


@rule(Code.DISQUALIFIER_EXCLUDES_ALL)
def disqualifier_excludes_all(ctx: RuleContext) -> Iterator[Finding]:
    """A disqualifier that rules out every account the required criteria admit.

    ## What it does

    Reports a disqualifier that holds for every account the profile's
    required criteria admit: whatever passes the required criteria is
    disqualified, so no account can ever be scored.

    ## Why is this bad?

    It is almost always a slip (a `not` forgotten, a range copied into the
    wrong list), and it turns the whole profile off without a word.

    ## Example

    ```yaml title="fragment: everyone in the US is out"
    profiles:
      us-saas:
        criteria:
          - {field: country, in: [US], required: true}
        disqualifiers:
          - {id: us, field: country, in: [US, CA], reason: Outside our market}
    ```

    ## Use instead

    ```yaml title="fragment: out means outside"
    profiles:
      us-saas:
        criteria:
          - {field: country, in: [US], required: true}
        disqualifiers:
          - {id: public, field: is_public, equals: true, reason: Procurement cycle too long}
    ```

    ## Options

    None.
    """
    for pid, profile in active_profiles(ctx.spec):
        required = [c for c in profile.criteria if c.required]
        if not required:
            continue
        if len(required) * len(profile.disqualifiers) > MAX_COMPARISONS:
            continue  # too costly to reason about; a real profile is far smaller
        whole = conjunction([c.condition for c in required])
        for i, d in enumerate(profile.disqualifiers):
            if not implies(whole, d.condition):
                continue
            single = next((c for c in required if implies(c.condition, d.condition)), None)
            what = f"required criterion {quote(single.id)}" if single else "the required criteria"
            yield Finding(
                ("profiles", pid, "disqualifiers", i),
                f"disqualifier {quote(d.id)} rules out every account that meets {what}",
            )


def _first_sum_reaching(score: float, total: float) -> int:
    """The smallest whole weight whose score (``s / total * 100``, as the engine has it) reaches ``score``."""
    s = max(0, math.floor(score * total / 100.0) - 2)
    while s / total * 100.0 < score:
        s += 1
    return s


def _reachable_tiers(profile: Profile) -> set[str] | None:
    """The tiers some scored record can get, or ``None`` when too costly to tell.

    A scored record meets every required criterion, so its matched weight is
    the required weight plus any subset of the others. Whole-number weights
    (the usual case) are tracked as one bit per possible sum; other weights
    as a set of sums, up to :data:`MAX_SCORES` of them.
    """
    weights = [c.weight for c in profile.criteria]
    total = sum(weights)
    order = tier_order(profile.tiers)
    if not total:  # no criteria: every scored record scores 0
        zero = tier_for(0.0, profile.tiers)
        return {zero} if zero else set()
    optional = [c.weight for c in profile.criteria if not c.required]
    base = total - sum(optional)
    if all(float(w).is_integer() for w in weights) and total <= MAX_INTEGER_TOTAL:
        mask = 1 << int(base)
        for w in optional:
            mask |= mask << int(w)

        def any_between(low: float, high: float | None) -> bool:
            lo = _first_sum_reaching(low, total)
            hi = int(total) + 1 if high is None else _first_sum_reaching(high, total)
            return hi > lo and (mask >> lo) & ((1 << (hi - lo)) - 1) != 0

    else:
        # The engine's own float arithmetic: sums from 0.0, weights added in criterion order.
        sums = {0.0}
        for c in profile.criteria:
            if c.required:
                sums = {s + c.weight for s in sums}
            else:
                sums |= {s + c.weight for s in sums}
            if len(sums) > MAX_SCORES:
                return None
        total = 0.0
        for w in weights:
            total += w
        scores = [s / total * 100.0 for s in sums]

        def any_between(low: float, high: float | None) -> bool:
            return any(low <= sc and (high is None or sc < high) for sc in scores)

    reachable: set[str] = set()
    higher: float | None = None
    for name, threshold in order:
        if any_between(threshold, higher):
            reachable.add(name)
        higher = threshold
    return reachable


@rule(Code.UNREACHABLE_TIER)
def unreachable_tier(ctx: RuleContext) -> Iterator[Finding]:
    """A tier no record can reach, given the weights.

    ## What it does

    Reports a tier that no scored record can get, given the criteria's
    weights: the score of a record is the weight of the criteria it meets
    over the weight of all, so only some scores are possible (all required
    criteria must be met to be scored). A tier whose threshold equals a
    higher tier's is never reached either.

    ## Why is this bad?

    With one criterion of weight 1, every record scores 0 or 100; a tier B at
    50 is dead. Reports and routing rules that wait for tier B wait forever.

    ## Example

    ```yaml title="fragment: tier B cannot happen"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50]}
        tiers: {A: 75, B: 50, C: 0}
    ```

    ## Use instead

    Add criteria or change weights so that the tier's band holds a possible
    score, or drop the tier:

    ```yaml title="fragment: reachable tiers"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50], weight: 2}
          - {field: industry, in: [software]}
          - {field: country, in: [US]}
        tiers: {A: 75, B: 50, C: 0}
    ```

    ## Options

    None.
    """
    for pid, profile in active_profiles(ctx.spec):
        reachable = _reachable_tiers(profile)
        if reachable is None:
            continue
        for tier, threshold in profile.tiers.items():
            if tier not in reachable:
                yield Finding(
                    ("profiles", pid, "tiers", tier),
                    f"no record can reach tier {quote(tier)} (score {threshold:g}) of profile {quote(pid)} "
                    "with these criteria and weights",
                )


def _canonical(value: object) -> object:
    if isinstance(value, str):
        return value.strip().casefold()
    if isinstance(value, tuple):
        return tuple(sorted((_canonical(v) for v in value), key=repr))
    return value


def _key(cond: object) -> object:
    import attrs

    if not attrs.has(type(cond)):
        return _canonical(cond)
    parts: list[object] = [type(cond).__name__]
    for a in attrs.fields(type(cond)):  # type: ignore[arg-type]
        value = getattr(cond, a.name)
        if isinstance(value, tuple) and value and attrs.has(type(value[0])):
            parts.append(tuple(sorted(repr(_key(v)) for v in value)))
        elif attrs.has(type(value)):
            parts.append(_key(value))
        else:
            parts.append(_canonical(value))
    return tuple(parts)


@rule(Code.DUPLICATE_CRITERION)
def duplicate_criterion(ctx: RuleContext) -> Iterator[Finding]:
    """The same condition twice.

    ## What it does

    Reports a criterion (or disqualifier) whose condition is the same as an
    earlier one's in the same list, up to case, spacing and the order of
    values.

    ## Why is this bad?

    The same condition twice counts its weight twice, usually by accident
    after a copy and paste; the score no longer means what the weights say.

    ## Example

    ```yaml title="fragment: counted twice"
    profiles:
      us-saas:
        criteria:
          - {id: stack, field: technologies, contains_any: [hubspot, salesforce]}
          - {id: crm, field: technologies, contains_any: [Salesforce, HubSpot]}
    ```

    ## Use instead

    Keep one, with the weight you mean:

    ```yaml title="fragment: once, weighted"
    profiles:
      us-saas:
        criteria:
          - {id: stack, field: technologies, contains_any: [hubspot, salesforce], weight: 2}
    ```

    ## Options

    None.
    """
    for base, items in _condition_lists(ctx):
        seen: dict[object, str] = {}
        for i, item in enumerate(items):
            key = _key(item.condition)
            if key in seen:
                kind = "disqualifier" if base[-1] == "disqualifiers" else "criterion"
                yield Finding(
                    (*base, i),
                    f"{kind} {quote(item.id)} has the same condition as {quote(seen[key])}",
                )
            else:
                seen[key] = item.id
