"""Matching records against profiles: one, many, and the best of several."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from icpspec.diagnostics import IcpspecError, quote
from icpspec.model import (
    Entity,
    FieldDefinition,
    MatchStatus,
    Profile,
    ProfileStatus,
    Spec,
    resolve_fields,
)
from icpspec.model._converter import converter, to_plain

from .compile import compile_profile, fields_read
from .reference import tier_order
from .result import MatchPlan, MatchResult, result_builder

__all__ = ["BestMatch", "ExampleCheck", "Matcher", "SpecMatcher", "as_record", "best_match", "check_examples"]


class _AttributeRecord:
    """A read-only mapping view of an object's attributes (``get`` is all the engine uses)."""

    __slots__ = ("_obj",)

    def __init__(self, obj: object) -> None:
        self._obj = obj

    def get(self, name: str, default: object = None) -> object:
        return getattr(self._obj, name, default)


def as_record(record: object) -> Mapping[str, object]:
    """Adapt ``record`` to a mapping of field name to value.

    Takes mappings as they are; attrs instances, dataclasses, pandas Series
    (through ``to_dict``) and any object with attributes are read by name.
    """
    if isinstance(record, Mapping):
        return record
    if record is None or isinstance(record, str | bytes | int | float | list | tuple | set):
        raise TypeError(f"a record is a mapping or an object with attributes, not {type(record).__name__}")
    if attrs.has(type(record)):
        return attrs.asdict(record, recurse=False)  # type: ignore[arg-type]
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    to_dict = getattr(record, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, Mapping):
            return data
    return _AttributeRecord(record)  # type: ignore[return-value]


def spec_version(spec: Spec | None, profile: Profile) -> str:
    """``version+hash``: the spec's version and 12 hex digits of its canonical form's SHA-256."""
    data: Any = (
        to_plain(spec) if spec is not None else {"profile": profile.id, **converter.unstructure(profile)}
    )
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    version = spec.version if spec is not None else None
    return f"{version}+{digest}" if version else digest


class Matcher:
    """A profile compiled once, to match many records.

    >>> import icpspec
    >>> spec = icpspec.load("examples/minimal.icp.yaml")
    >>> matcher = Matcher(spec.profiles["us-saas-growth"], spec=spec)
    >>> result = matcher.match({"employees": 20, "country": "United States", "technologies": ["HubSpot"]})
    >>> result.score, result.tier, result.status.value
    (100.0, 'A', 'scored')

    Pass ``spec`` when the profile reads fields the spec declares under
    ``fields:`` (and to get the spec's version into every result).
    """

    def __init__(self, profile: Profile, *, spec: Spec | None = None) -> None:
        fields = resolve_fields(spec.fields if spec is not None else {}, Entity.ACCOUNT)
        for name in fields_read(profile):
            if name not in fields:
                raise IcpspecError(f"profile {quote(profile.id)} reads the unknown field {quote(name)}")
        self._plan = MatchPlan(profile, fields, fields_read(profile), spec_version(spec, profile))
        compiled = compile_profile(profile, fields, result_builder(self._plan), as_record)
        # The generated functions are the methods: no wrapper between the caller and them.
        self.match = compiled.match  # type: ignore[method-assign,assignment]
        self.score = compiled.score  # type: ignore[method-assign,assignment]
        #: The generated Python source, for the curious and for debugging.
        self.source = compiled.source

    @property
    def profile(self) -> Profile:
        """The profile this matcher was compiled from."""
        return self._plan.profile

    @property
    def fields(self) -> Mapping[str, FieldDefinition]:
        """The field definitions the matcher reads records with."""
        return self._plan.fields

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


def _rank(result: MatchResult) -> tuple[int, int, int, float, float]:
    """Sort key, best first: scored, then having a tier, then the tier's place, score, coverage.

    Tiers are compared by their place in their own profile (first, second…),
    since profiles may name and number their tiers differently.
    """
    tiers = [name for name, _ in tier_order(result._plan.profile.tiers)]
    has_tier = result.tier is not None
    place = tiers.index(result.tier) if result.tier is not None else 0
    scored = result.status == MatchStatus.SCORED
    return (0 if scored else 1, 0 if has_tier else 1, place, -result.score, -result.coverage)


@attrs.frozen
class BestMatch:
    """The best-fitting profile's result and the others', best first."""

    best: MatchResult
    runners_up: tuple[MatchResult, ...]


class SpecMatcher:
    """Every profile of a spec compiled once (retired profiles are left out)."""

    __slots__ = ("matchers",)

    def __init__(self, spec: Spec) -> None:
        self.matchers = {
            pid: Matcher(p, spec=spec)
            for pid, p in spec.profiles.items()
            if p.status != ProfileStatus.RETIRED
        }
        if not self.matchers:
            raise IcpspecError("the spec has no profile to match against (none, or all retired)")

    def match_all(self, record: object) -> tuple[MatchResult, ...]:
        """The record's result against every profile, in the spec's order."""
        r = record if type(record) is dict else as_record(record)
        return tuple(m.match(r) for m in self.matchers.values())

    def best_match(self, record: object) -> BestMatch:
        """The best profile: status ``scored`` first, then tier, score and coverage."""
        ranked = sorted(self.match_all(record), key=_rank)
        return BestMatch(ranked[0], tuple(ranked[1:]))


def best_match(spec: Spec, record: object) -> BestMatch:
    """Match ``record`` against every profile of ``spec`` and rank the results.

    For many records, build a :class:`SpecMatcher` once instead.
    """
    return SpecMatcher(spec).best_match(record)


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


def check_examples(spec: Spec) -> tuple[ExampleCheck, ...]:
    """Run every profile's golden examples through the engine.

    >>> import icpspec
    >>> checks = check_examples(icpspec.load("examples/acme.icp.yaml"))
    >>> [c.passed for c in checks]
    [True, True, True]
    """
    out = []
    for pid, profile in spec.profiles.items():
        if not profile.examples:
            continue
        matcher = Matcher(profile, spec=spec)
        for i, ex in enumerate(profile.examples):
            expected = ex.status or MatchStatus.SCORED
            out.append(ExampleCheck(pid, i, ex.name, ex.tier, expected, matcher.match(dict(ex.record))))
    return tuple(out)
