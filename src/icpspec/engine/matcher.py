"""Matching records against profiles: one, many, and the best of several."""

from __future__ import annotations

import warnings
from collections.abc import Container, Iterable, Iterator, Mapping

import attrs

from icpspec.diagnostics import IcpspecError
from icpspec.model import FieldDefinition, MatchStatus, Profile, ProfileStatus, Spec

from ._cache import IdentityCache
from .best import BestMatch, rank_results, tier_places
from .record import as_record
from .result import MatchResult
from .target import Target, target

__all__ = ["BestMatch", "ExampleCheck", "Matcher", "SpecMatcher", "as_record", "best_match", "check_examples"]


def _in_spec(profile: Profile, spec: Spec) -> Target:
    """The target of ``profile`` read in ``spec`` (the old ``Matcher(profile, spec=spec)``)."""
    if spec.profiles.get(profile.id) == profile:
        return target(spec, profile.id)
    # A profile the spec does not hold as it is: the spec with it in, so that the
    # stamp names what was really matched.
    return target(attrs.evolve(spec, profiles={**spec.profiles, profile.id: profile}), profile.id)


class Matcher:
    """A profile compiled once, to match many records.

    >>> import icpspec
    >>> spec = icpspec.load("examples/minimal.icp.yaml")
    >>> matcher = Matcher(spec)
    >>> result = matcher.match({"employees": 20, "country": "United States", "technologies": ["HubSpot"]})
    >>> result.score, result.tier, result.status.value
    (100.0, 'A', 'scored')

    Give a :class:`~icpspec.Target`, or a spec and the ``profile`` id (a spec
    with one live profile needs none). A :class:`~icpspec.Profile` taken
    from a spec is that spec's profile; one built alone stands for a spec
    holding only it. ``Matcher(profile, spec=spec)`` is the same as
    ``Matcher(spec, profile=profile.id)``: results and stamps agree whichever
    way the matcher was made.
    """

    def __init__(
        self, target_or_spec: Target | Spec | Profile, *, profile: str | None = None, spec: Spec | None = None
    ) -> None:
        if spec is not None:
            if not isinstance(target_or_spec, Profile) or profile is not None:
                raise TypeError("Matcher(..., spec=...) takes a Profile; give the Spec as the first argument")
            resolved = _in_spec(target_or_spec, spec)
        else:
            resolved = target(target_or_spec, profile)
        #: The resolved target: the profile, its spec, fields and version stamp.
        self.target = resolved
        compiled = self.target.compiled
        # The generated functions are the methods: no wrapper between the caller and them.
        self.match = compiled.match  # type: ignore[method-assign,assignment]
        self.score = compiled.score  # type: ignore[method-assign,assignment]
        #: The generated Python source, for the curious and for debugging.
        self.source = compiled.source

    @property
    def profile(self) -> Profile:
        """The profile this matcher was compiled from."""
        return self.target.profile

    @property
    def fields(self) -> Mapping[str, FieldDefinition]:
        """The field definitions the matcher reads records with."""
        return self.target.fields

    @property
    def version(self) -> str:
        """The version stamp every result carries (:attr:`MatchResult.spec_version`)."""
        return self.target.version

    def match(self, record: object) -> MatchResult:
        """Match one record (a mapping, or anything :func:`as_record` adapts)."""
        raise NotImplementedError  # pragma: no cover - replaced per instance by generated code

    def score(self, record: object) -> tuple[float, str | None]:
        """Only the score and the tier (``None`` unless scored): the fastest path."""
        raise NotImplementedError  # pragma: no cover - replaced per instance by generated code

    def match_many(self, records: Iterable[object]) -> Iterator[MatchResult]:
        """Match records one by one as they come (any iterable, consumed lazily)."""
        match = self.match
        for record in records:
            yield match(record)


class SpecMatcher:
    """Every live profile of a spec compiled once (retired profiles are left out)."""

    __slots__ = ("_matches", "_places", "matchers", "spec")

    def __init__(self, spec: Spec | Target) -> None:
        if isinstance(spec, Target):
            spec = spec.spec
        if not isinstance(spec, Spec):
            raise TypeError(f"expected a Spec or a Target, not {type(spec).__name__}")
        #: The spec matched against.
        self.spec = spec
        #: One matcher per live profile, in the spec's order.
        self.matchers = {
            pid: Matcher(target(spec, pid))
            for pid, p in spec.profiles.items()
            if p.status != ProfileStatus.RETIRED
        }
        if not self.matchers:
            raise IcpspecError("the spec has no profile to match against (none, or all retired)")
        self._matches = tuple(m.match for m in self.matchers.values())
        self._places = tuple(tier_places(m.profile) for m in self.matchers.values())

    def match_all(self, record: object) -> tuple[MatchResult, ...]:
        """The record's result against every profile, in the spec's order."""
        r = record if type(record) is dict else as_record(record)
        return tuple(match(r) for match in self._matches)

    def best_match(self, record: object) -> BestMatch:
        """Every profile's result ranked, and the best fitting one (``None`` when none fits)."""
        return rank_results(self.match_all(record), self._places)


_SPEC_MATCHERS: IdentityCache[SpecMatcher] = IdentityCache(32)


def spec_matcher(spec: Spec | Target) -> SpecMatcher:
    """The spec's :class:`SpecMatcher`, compiled once and kept (for the last few specs used)."""
    owner = spec.spec if isinstance(spec, Target) else spec
    return _SPEC_MATCHERS.get(owner, lambda: SpecMatcher(owner))


def best_match(record: object, spec: Spec | Target) -> BestMatch:
    """Match ``record`` against every live profile of ``spec`` and rank the results.

    >>> import icpspec
    >>> spec = icpspec.load("examples/sp500/sp500.icp.yaml")
    >>> found = best_match({"industry": "Health Care", "sub_industry": "Managed Health Care"}, spec)
    >>> found.profile, found.tier, found.status.value
    ('health-services', 'A', 'scored')

    ``found.best`` is ``None`` (status ``no_fit``) when no profile fits;
    ``found.why_not()`` says why each profile lost. The spec is compiled on
    the first call and reused by the next ones; a :class:`SpecMatcher` built
    once does the same explicitly. ``best_match(spec, record)`` (the old
    order) still works, with a :class:`DeprecationWarning`.
    """
    if isinstance(record, Spec | Target):
        other: object = spec
        if not isinstance(other, Spec | Target):  # the old order: best_match(spec, record)
            warnings.warn(
                "best_match(spec, record) is deprecated: give the record first, best_match(record, spec)",
                DeprecationWarning,
                stacklevel=2,
            )
            return spec_matcher(record).best_match(other)
    return spec_matcher(spec).best_match(record)


@attrs.frozen
class ExampleCheck:
    """A golden example and what the engine made of it."""

    profile: str
    index: int
    name: str | None
    expected_tier: str | None
    expected_status: MatchStatus
    result: MatchResult

    @property
    def passed(self) -> bool:
        """Whether the result is the outcome the example declares."""
        if self.result.status != self.expected_status:
            return False
        return self.expected_tier is None or self.result.tier == self.expected_tier


def check_examples(spec: Spec, *, skip: Container[tuple[str, int]] = ()) -> tuple[ExampleCheck, ...]:
    """Run every profile's golden examples through the engine (but those in ``skip``, as (profile, index)).

    >>> import icpspec
    >>> checks = check_examples(icpspec.load("examples/acme.icp.yaml"))
    >>> [c.passed for c in checks]
    [True, True, True]
    """
    out = []
    for pid, profile in spec.profiles.items():
        if not profile.examples:
            continue
        matcher = Matcher(target(spec, pid))
        for i, ex in enumerate(profile.examples):
            if (pid, i) in skip:
                continue
            expected = ex.status or MatchStatus.SCORED
            out.append(ExampleCheck(pid, i, ex.name, ex.tier, expected, matcher.match(dict(ex.record))))
    return tuple(out)
