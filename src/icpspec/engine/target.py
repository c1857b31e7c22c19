"""The one input of every engine: a profile resolved in its spec, stamped, compiled on demand.

:func:`target` is the one place a profile is chosen, its fields resolved and
its version stamp made. :class:`~icpspec.Matcher`, the persona matcher,
``score_frame``, ``to_sql`` and the DuckDB scorer all take a :class:`Target`
(or a spec and a profile id, which they turn into one here), so the same
record gets the same answer and the same stamp whichever way it was asked.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping

import attrs

from icpspec.diagnostics import IcpspecError, quote
from icpspec.model import Entity, FieldDefinition, Profile, ProfileStatus, Spec, resolve_fields, to_plain

from ._cache import IdentityCache
from .compile import CompiledProfile, compile_profile, fields_read
from .record import as_record
from .reference import ScoreArithmetic
from .result import MatchPlan, result_builder

__all__ = ["Target", "exact_arithmetic", "resolve_target", "spec_version", "target"]


def _stamp(spec: Spec) -> str:
    canonical = json.dumps(to_plain(spec), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    return f"{spec.version}+{digest}" if spec.version else digest


_STAMPS: IdentityCache[str] = IdentityCache(64)


def spec_version(spec: Spec) -> str:
    """``version+hash``: the spec's version and 12 hex digits of its canonical form's SHA-256.

    Just the hash when the spec has no ``version``. Every result carries it,
    whichever engine made it and however it was asked, so a result traces
    back to the exact spec that produced it.
    """
    return _STAMPS.get(spec, lambda: _stamp(spec))


@attrs.frozen
class Target:
    """A profile resolved in its spec: what every engine scores with.

    Made by :func:`target` only. ``fields`` are the field definitions records
    are read with (the catalogue plus the spec's own ``fields:``), ``version``
    the stamp every result carries. The generated functions are compiled on
    first use and shared by everything given this target: ``Matcher(target)``
    costs nothing more.
    """

    spec: Spec
    profile: Profile
    fields: Mapping[str, FieldDefinition]
    version: str

    @functools.cached_property
    def plan(self) -> MatchPlan:
        """What every result of this target shares: the profile, its fields and the stamp."""
        return MatchPlan(self.profile, self.fields, fields_read(self.profile), self.version)

    @functools.cached_property
    def compiled(self) -> CompiledProfile:
        """The profile's generated ``match`` and ``score`` functions, compiled once."""
        return compile_profile(self.profile, self.fields, result_builder(self.plan), as_record)


def _alone(profile: Profile) -> Spec:
    """The spec a profile built on its own stands for: one holding only (a copy of) it."""
    return Spec(profiles={profile.id: attrs.evolve(profile)})


def _choose(spec: Spec, profile: str | None) -> Profile:
    if profile is not None:
        if not isinstance(profile, str):
            raise TypeError(f"profile is a profile id (str), not {type(profile).__name__}")
        if profile not in spec.profiles:
            raise IcpspecError(f"the spec has no profile {quote(profile)}")
        return spec.profiles[profile]
    live = [p for p in spec.profiles.values() if p.status != ProfileStatus.RETIRED]
    if len(live) == 1:
        return live[0]
    if not live:
        raise IcpspecError("the spec has no profile to match against (none, or all retired)")
    names = ", ".join(quote(p.id) for p in live)
    raise IcpspecError(f"the spec has {len(live)} profiles: name one ({names})")


_TARGETS: IdentityCache[Target] = IdentityCache(256)


def target(spec: Spec | Target | Profile, profile: str | None = None) -> Target:
    """Resolve the profile to score with: the one place every engine's input is made.

    ``profile`` is a profile id; a spec with one live (not retired) profile
    needs none. A :class:`~icpspec.Profile` taken from a spec stands for that
    spec and its id; one built on its own, for a spec holding only it.

    >>> import icpspec
    >>> spec = icpspec.load("examples/minimal.icp.yaml")
    >>> t = icpspec.target(spec)
    >>> t.profile.id, t.version == icpspec.target(spec.profiles["us-saas-growth"]).version
    ('us-saas-growth', True)

    Raises :class:`~icpspec.IcpspecError` when a spec has several profiles and
    none is named, names an unknown one, or the profile reads a field nobody
    defines. The same spec and id give the same target (compiled once).
    """
    if isinstance(spec, Target):
        if profile is None or profile == spec.profile.id:
            return spec
        return target(spec.spec, profile)
    if isinstance(spec, Profile):
        if profile is not None and profile != spec.id:
            raise IcpspecError(f"profile {quote(profile)} given with profile {quote(spec.id)}")
        owner = spec.spec
        if owner is None:
            return target(_alone(spec), spec.id)
        return target(owner, spec.id)
    if not isinstance(spec, Spec):
        raise TypeError(f"expected a Spec, a Target or a Profile, not {type(spec).__name__}")
    chosen = _choose(spec, profile)
    return _TARGETS.get_pair(spec, chosen, lambda: _resolve(spec, chosen))


#: The name the DataFrame and SQL engines knew :func:`target` by.
resolve_target = target


def _resolve(spec: Spec, chosen: Profile) -> Target:
    fields = resolve_fields(spec.fields, Entity.ACCOUNT)
    for name in fields_read(chosen):
        if name not in fields:
            raise IcpspecError(f"profile {quote(chosen.id)} reads the unknown field {quote(name)}")
    return Target(spec, chosen, fields, spec_version(spec))


def exact_arithmetic(profile: Profile) -> ScoreArithmetic:
    """The profile's exact integer arithmetic, for engines whose numbers are 64-bit floats.

    Raises :class:`~icpspec.diagnostics.IcpspecError` when its integers reach
    2**53, where a float no longer holds every integer: weights with many
    decimals of different lengths (``0.1234567`` beside ``0.3``) and a
    thousand criteria can get there. Python scores such profiles exactly.
    """
    arithmetic = ScoreArithmetic.of(profile)
    if arithmetic.largest() >= 2**53:
        raise IcpspecError(
            f"profile {quote(profile.id)}: its weights and thresholds need integers beyond 2**53 "
            "to be scored exactly; round them to fewer decimals, or score it in Python"
        )
    return arithmetic
