"""Small helpers the rule modules share."""

from __future__ import annotations

from collections.abc import Iterator

from icpspec.model import Profile, ProfileStatus, Spec

__all__ = ["active_profiles", "profile_anchor"]


def active_profiles(spec: Spec) -> Iterator[tuple[str, Profile]]:
    """The profiles in use: every one but the retired."""
    for pid, profile in spec.profiles.items():
        if profile.status != ProfileStatus.RETIRED:
            yield pid, profile


def profile_anchor(pid: str) -> tuple[str, ...]:
    """The path of a profile (report it on its key)."""
    return ("profiles", pid)
