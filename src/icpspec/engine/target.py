"""Which profile a batch engine scores with: shared by the DataFrame and SQL engines."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from icpspec.diagnostics import IcpspecError, quote
from icpspec.model import Entity, FieldDefinition, Profile, ProfileStatus, Spec, resolve_fields

from .compile import fields_read
from .matcher import spec_version
from .reference import ScoreArithmetic

__all__ = ["Target", "exact_arithmetic", "resolve_target"]


@attrs.frozen
class Target:
    """A profile, the field definitions it reads records with, and the spec's version."""

    profile: Profile
    fields: Mapping[str, FieldDefinition]
    version: str


def resolve_target(spec_or_profile: Spec | Profile, profile: str | None = None) -> Target:
    """The profile to score with: the given one, or the spec's only (or named) profile.

    Raises :class:`~icpspec.diagnostics.IcpspecError` when a spec has several
    profiles and none is named, names an unknown one, or the profile reads a
    field nobody defines.
    """
    spec: Spec | None
    if isinstance(spec_or_profile, Profile):
        spec, chosen = None, spec_or_profile
    elif isinstance(spec_or_profile, Spec):
        spec = spec_or_profile
        live = {k: p for k, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED}
        if profile is not None:
            if profile not in spec.profiles:
                raise IcpspecError(f"the spec has no profile {quote(profile)}")
            chosen = spec.profiles[profile]
        elif len(live) == 1:
            chosen = next(iter(live.values()))
        elif not live:
            raise IcpspecError("the spec has no profile to match against (none, or all retired)")
        else:
            raise IcpspecError(f"the spec has {len(live)} profiles: name one ({', '.join(map(quote, live))})")
    else:
        raise TypeError(f"expected a Spec or a Profile, not {type(spec_or_profile).__name__}")
    fields = resolve_fields(spec.fields if spec is not None else {}, Entity.ACCOUNT)
    for name in fields_read(chosen):
        if name not in fields:
            raise IcpspecError(f"profile {quote(chosen.id)} reads the unknown field {quote(name)}")
    return Target(chosen, fields, spec_version(spec, chosen))


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
