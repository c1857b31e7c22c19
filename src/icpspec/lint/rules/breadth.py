"""Profiles too broad to tell a good fit from anyone."""

from __future__ import annotations

from collections.abc import Iterator

from icpspec.diagnostics import Code, quote
from icpspec.lint._conditions import conjunction, implies, walk
from icpspec.lint._registry import Finding, Option, RuleContext, rule
from icpspec.model import (
    DEFAULT_TIERS,
    Between,
    Condition,
    Department,
    Entity,
    FieldCategory,
    In,
    Profile,
    Seniority,
    Spec,
    resolve_fields,
)

from ._common import active_profiles, profile_anchor

PathPart = str | int
#: The kinds of field that count as firmographic constraints (location is one).
_NARROWING = frozenset({FieldCategory.FIRMOGRAPHIC, FieldCategory.GEOGRAPHIC})
#: Condition pairs compared per profile before broader-than-audience gives up (reporting nothing).
MAX_COMPARISONS = 10_000


def _vocabulary(field: str, entity: Entity) -> frozenset[str] | None:
    """The known values of a field, where there is a closed list of them."""
    if field == "country":
        from icpspec.schema import alpha2_codes

        return alpha2_codes()
    if entity == Entity.CONTACT and field == "seniority":
        return frozenset(s.value for s in Seniority)
    if entity == Entity.CONTACT and field == "department":
        return frozenset(d.value for d in Department)
    return None


def _criteria_anchor(pid: str, profile: Profile) -> tuple[tuple[PathPart, ...], bool]:
    return ((*profile_anchor(pid), "criteria"), True) if profile.criteria else (profile_anchor(pid), True)


def _broad_conditions(
    cond: Condition, path: tuple[PathPart, ...], entity: Entity, ratio: float, share: float
) -> Iterator[Finding]:
    for here, c in walk(cond, path):
        if isinstance(c, Between) and isinstance(c.low, int | float) and not isinstance(c.low, bool):
            # A range from 0 spans as many orders of magnitude as one from 1.
            low, high = max(c.low, 1), c.high
            if isinstance(high, int | float) and high / low > ratio:
                yield Finding(
                    (*here, "between"),
                    f"the range of {quote(c.field)} spans a factor of {high / low:g} "
                    f"(more than {ratio:g}); split it or narrow it",
                )
        elif isinstance(c, In):
            vocab = _vocabulary(c.field, entity)
            if vocab:
                chosen = {
                    str(v).strip().upper() if c.field == "country" else str(v).strip().lower()
                    for v in c.values
                }
                covered = len(chosen & vocab)
                if covered > share * len(vocab):
                    yield Finding(
                        (*here, "in"),
                        f"'in' on {quote(c.field)} lists {covered} of its {len(vocab)} known values",
                    )


@rule(
    Code.TOO_BROAD,
    options=[
        Option("min-firmographic", 2, "Fewest firmographic fields a profile's criteria must read."),
        Option("max-range-ratio", 100, "Largest high/low ratio of a `between` range."),
        Option("max-vocabulary-share", 0.5, "Largest share of a known vocabulary an `in` list may cover."),
    ],
)
def too_broad(ctx: RuleContext) -> Iterator[Finding]:
    """A profile too broad to tell a good fit from anyone.

    ## What it does

    Reports a profile whose criteria read fewer firmographic fields (size,
    revenue, industry, funding, location…) than the `min-firmographic`
    option (2), a `between` range whose high end is more
    than `max-range-ratio` (100) times its low end, and an `in` list that
    covers more than `max-vocabulary-share` (half) of a field's known values
    (countries; a contact's seniority and department), in profiles and
    personas. A persona's own `seniority` and `departments` lists are
    checked the same way. A `between` from 0 counts as one from 1.

    ## Why is this bad?

    "Companies with 10 to 10,000 employees in any of 150 countries" is
    everyone. A profile that does not narrow the market scores everyone as a
    fit, and sales chase accounts that will never buy.

    ## Example

    ```yaml title="fragment: everyone"
    profiles:
      everyone:
        criteria:
          - {field: employees, between: [10, 10000]}
    ```

    ## Use instead

    ```yaml title="fragment: a real profile"
    profiles:
      us-saas:
        criteria:
          - {field: employees, between: [5, 50]}
          - {field: industry, in: [software, saas]}
    ```

    ## Options

    - `min-firmographic` (default `2`): the fewest distinct firmographic
      fields (size, revenue, industry, funding, location…) a profile's
      criteria read; technographic and custom fields of other categories
      do not count.
    - `max-range-ratio` (default `100`): the largest high/low ratio of a
      numeric `between` (two orders of magnitude).
    - `max-vocabulary-share` (default `0.5`): the largest share of a known
      vocabulary an `in` list may cover.
    """
    spec: Spec = ctx.spec
    minimum = int(ctx.option("min-firmographic"))
    ratio = float(ctx.option("max-range-ratio"))
    share = float(ctx.option("max-vocabulary-share"))
    account_fields = resolve_fields(spec.fields, Entity.ACCOUNT)
    for pid, profile in active_profiles(spec):
        firmographic = {
            getattr(c, "field", None)
            for crit in profile.criteria
            for _, c in walk(crit.condition, ())
            if getattr(c, "field", None) in account_fields
            and account_fields[getattr(c, "field")].category in _NARROWING  # noqa: B009
        }
        if len(firmographic) < minimum:
            path, on_key = _criteria_anchor(pid, profile)
            yield Finding(
                path,
                f"profile {quote(pid)} reads {len(firmographic)} firmographic field"
                f"{'s' if len(firmographic) != 1 else ''} (at least {minimum} expected)",
                on_key=on_key,
            )
        for i, crit in enumerate(profile.criteria):
            yield from _broad_conditions(
                crit.condition, ("profiles", pid, "criteria", i), Entity.ACCOUNT, ratio, share
            )
    for name, persona in spec.personas.items():
        for i, crit in enumerate(persona.criteria):
            yield from _broad_conditions(
                crit.condition, ("personas", name, "criteria", i), Entity.CONTACT, ratio, share
            )
        if len(persona.seniority) > share * len(Seniority):
            yield Finding(
                ("personas", name, "seniority"),
                f"persona {quote(name)} lists {len(persona.seniority)} "
                f"of the {len(Seniority)} seniority levels",
            )
        if len(persona.departments) > share * len(Department):
            yield Finding(
                ("personas", name, "departments"),
                f"persona {quote(name)} lists {len(persona.departments)} "
                f"of the {len(Department)} departments",
            )


@rule(Code.BROADER_THAN_AUDIENCE)
def broader_than_audience(ctx: RuleContext) -> Iterator[Finding]:
    """A profile no narrower than its segment and audience.

    ## What it does

    Reports a profile that is no narrower than its segment and audience:
    every account that meets the audience's and segment's criteria meets all
    of the profile's criteria too (or the profile has none).

    ## Why is this bad?

    The audience is the market that *could* buy; the ICP is the part of it
    that buys best. A profile that admits the whole audience scores every
    account in the market alike and tells sales nothing.

    ## Example

    ```yaml title="fragment: as broad as the audience"
    audiences:
      smb-software:
        criteria: [{field: employees, max: 1000}]
    segments:
      us-saas: {audience: smb-software}
    profiles:
      us-saas-growth:
        segment: us-saas
        criteria: [{field: employees, max: 5000}]
    ```

    ## Use instead

    ```yaml title="fragment: narrower than the audience"
    profiles:
      us-saas-growth:
        segment: us-saas
        criteria: [{field: employees, between: [5, 50]}]
    ```

    ## Options

    None.
    """
    spec = ctx.spec
    for pid, profile in active_profiles(spec):
        segment = spec.segments.get(profile.segment) if profile.segment else None
        if segment is None:
            continue
        audience = spec.audiences.get(segment.audience) if segment.audience else None
        outer = [c.condition for c in segment.criteria] + (
            [c.condition for c in audience.criteria] if audience else []
        )
        if not outer:
            continue
        if len(outer) * len(profile.criteria) > MAX_COMPARISONS:
            continue  # too costly to reason about; a real profile is far smaller
        whole = conjunction(outer)
        if all(implies(whole, c.condition) for c in profile.criteria):
            path, on_key = _criteria_anchor(pid, profile)
            what = (
                f"audience {quote(segment.audience or '')}"
                if audience
                else f"segment {quote(profile.segment or '')}"
            )
            yield Finding(
                path,
                f"profile {quote(pid)} is no narrower than its {what}: "
                "every account there meets all its criteria",
                on_key=on_key,
            )


@rule(
    Code.POPULATION_TOO_BROAD,
    options=[
        Option("max-top-tier-share", 0.4, "Largest share of the population a profile's top tier may hold."),
        Option("min-population", 50, "Fewest accounts read below which the rule says nothing."),
    ],
    requires=["population"],
)
def population_too_broad(ctx: RuleContext) -> Iterator[Finding]:
    """A profile that puts too much of a real population in its top tier.

    ## What it does

    Runs only with a population of accounts (`icpspec lint --population
    accounts.csv`, or `population=` in Python): scores every account against
    every active profile with the matching engine and reports a profile whose
    top tier (the tier with the highest threshold) holds more than
    `max-top-tier-share` (40 %) of the accounts read. The finding is on the
    profile's `tiers` key (or the profile's key when it has none written) and
    gives the share, the count and the threshold. With fewer than
    `min-population` (50) accounts read it says nothing: a share of a handful
    of accounts says little about a market. A field that a profile reads and
    no column of the file holds (name one with `--map FIELD=COLUMN`, or give
    it a value with `--set FIELD=VALUE`) is reported too, on the first
    profile that reads it: its outcomes are unknown in every account, so the
    share says little about the profile as written.

    ## Why is this bad?

    The top tier is where sales spend their time first. When most of your
    market (or of your CRM) is "tier A", the profile does not rank anyone
    above anyone else, however narrow its criteria look on paper. The
    population shows what the spec does to real accounts.

    ## Example

    ```yaml title="fragment: nearly everyone is tier A"
    profiles:
      us-saas:
        criteria:
          - {field: country, in: [US], weight: 3}
          - {field: employees, min: 1}
        tiers: {A: 50, B: 25}
    ```

    ## Use instead

    Tighten the criteria or raise the top threshold until the top tier is the
    few accounts that buy best:

    ```yaml title="fragment: a top tier that ranks"
    profiles:
      us-saas:
        criteria:
          - {field: country, in: [US], weight: 3}
          - {field: employees, between: [5, 50], weight: 3}
        tiers: {A: 90, B: 50}
    ```

    ## Options

    - `max-top-tier-share` (default `0.4`): the largest share (0 to 1) of
      the accounts read that a profile's top tier may hold.
    - `min-population` (default `50`): the fewest accounts read (skipped
      records do not count) for the rule to judge; below it, it reports
      nothing.
    """
    from icpspec.engine.reference import tier_order
    from icpspec.lint._population import Population
    from icpspec.records import missing_field_message

    population = ctx.inputs["population"]
    assert isinstance(population, Population)
    share = float(ctx.option("max-top-tier-share"))
    minimum = int(ctx.option("min-population"))
    top = {pid: tier_order(p.tiers)[0][0] for pid, p in active_profiles(ctx.spec) if p.tiers}
    if not top:
        return
    counts = population.top_tier_counts(ctx.spec, top)
    for field, readers in counts.missing.items():
        yield Finding(
            profile_anchor(readers[0].partition("/")[0]),
            f"the population: {missing_field_message(field, readers)} "
            f"(name a column with --map {field}=COLUMN, or --set {field}=VALUE)",
            on_key=True,
        )
    if counts.records < max(minimum, 1):
        return
    for pid, tier in top.items():
        n = counts.top[pid]
        if n > share * counts.records:
            # Default tiers are not written out (as `dump` leaves them out): point at the profile.
            written = dict(ctx.spec.profiles[pid].tiers) != dict(DEFAULT_TIERS)
            yield Finding(
                (*profile_anchor(pid), "tiers") if written else profile_anchor(pid),
                f"{n:,} of {counts.records:,} accounts of the population ({n / counts.records:.1%}) land in "
                f"the top tier {quote(tier)} of profile {quote(pid)}; at most {share * 100:g}% should",
                on_key=True,
            )
