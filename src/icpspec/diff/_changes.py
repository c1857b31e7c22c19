"""What changed between two specs, by id: criteria, weights, disqualifiers, tiers, personas…"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

import attrs

from icpspec.model import BuyerPersona, Criterion, Disqualifier, Evidence, Profile, Spec

from ._text import condition_text, value_text

__all__ = ["Change", "changes"]

Kind = Literal["added", "removed", "changed"]
T = TypeVar("T")


@attrs.frozen
class Change:
    """One change: ``where`` (``profile us-saas criterion size``), what (``weight``), old and new."""

    kind: Kind
    where: str
    what: str = ""
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.kind == "added":
            return f"{self.where} added" + (f": {self.new}" if self.new else "")
        if self.kind == "removed":
            return f"{self.where} removed" + (f" (was: {self.old})" if self.old else "")
        return f"{self.where}: {self.what} {self.old} -> {self.new}"


def _criterion_text(c: Criterion) -> str:
    extra = f", weight {value_text(c.weight)}" + (", required" if c.required else "")
    return condition_text(c.condition) + extra


def _criterion_parts(c: Criterion) -> dict[str, str]:
    return {
        "condition": condition_text(c.condition),
        "weight": value_text(c.weight),
        "required": value_text(c.required),
        "evidence": value_text(c.evidence),
        "description": c.description or "-",
    }


def _disqualifier_parts(d: Disqualifier) -> dict[str, str]:
    return {"condition": condition_text(d.condition), "reason": d.reason, "evidence": value_text(d.evidence)}


def _plain_parts(obj: Any) -> dict[str, str]:
    """Every attribute as text (tuples of claims counted), for evidence, personas and fields."""
    out = {}
    for a in attrs.fields(type(obj)):
        if a.name == "id":
            continue
        value = getattr(obj, a.name)
        if isinstance(value, tuple) and value and attrs.has(type(value[0])):
            out[a.name] = f"{len(value)} item{'s' if len(value) != 1 else ''}"
        elif attrs.has(type(value)):
            out[a.name] = "set" if value is not None else "-"
        else:
            out[a.name] = "-" if value is None or value == () else value_text(value)
    return out


def _keyed(
    where: str,
    old: Mapping[str, T],
    new: Mapping[str, T],
    parts: Callable[[T], dict[str, str]],
    text: Callable[[T], str],
) -> list[Change]:
    out: list[Change] = []
    for key in old:
        if key not in new:
            out.append(Change("removed", f"{where} {key}", old=text(old[key])))
    for key, item in new.items():
        if key not in old:
            out.append(Change("added", f"{where} {key}", new=text(item)))
            continue
        if old[key] == item:
            continue
        before, after = parts(old[key]), parts(item)
        for name in after:
            if before.get(name) != after[name]:
                out.append(Change("changed", f"{where} {key}", name, before.get(name, "-"), after[name]))
    return out


def _ids(items: Sequence[T], key: Callable[[T], str]) -> dict[str, T]:
    return {key(i): i for i in items}


#: Profile attributes compared one by one (the rest are compared as wholes).
_PROFILE_VALUES = ("status", "segment", "owner", "reviewed", "review_every", "min_coverage", "test_plan")
_PROFILE_HANDLED = {"id", "criteria", "disqualifiers", "tiers", "personas", *_PROFILE_VALUES}


def _profile_changes(pid: str, old: Profile, new: Profile) -> list[Change]:
    where = f"profile {pid}"
    out = _keyed(
        f"{where} criterion",
        _ids(old.criteria, lambda c: c.id),
        _ids(new.criteria, lambda c: c.id),
        _criterion_parts,
        _criterion_text,
    )
    out += _keyed(
        f"{where} disqualifier",
        _ids(old.disqualifiers, lambda d: d.id),
        _ids(new.disqualifiers, lambda d: d.id),
        _disqualifier_parts,
        lambda d: f"{condition_text(d.condition)} ({d.reason})",
    )
    out += _keyed(
        f"{where} tier",
        old.tiers,
        new.tiers,
        lambda t: {"threshold": value_text(t)},
        lambda t: f"from {value_text(t)}",
    )
    for name in _PROFILE_VALUES:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            shown = [
                "-" if v is None else value_text(str(v) if not isinstance(v, float) else v)
                for v in (before, after)
            ]
            out.append(Change("changed", where, name, shown[0], shown[1]))
    gone = [p for p in old.personas if p not in new.personas]
    came = [p for p in new.personas if p not in old.personas]
    out += [Change("removed", f"{where} persona {p}") for p in gone]
    out += [Change("added", f"{where} persona {p}") for p in came]
    for a in attrs.fields(Profile):
        if a.name in _PROFILE_HANDLED or not a.init:
            continue
        before, after = getattr(old, a.name), getattr(new, a.name)
        if before != after:
            out.append(Change("changed", where, a.name, _count(before), _count(after)))
    return out


def _scalar(value: object) -> str:
    if value is None:
        return "-"
    return value_text(value) if isinstance(value, float | int | dt.date) else str(value)


def _count(value: object) -> str:
    if isinstance(value, tuple):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return "-" if value is None else "set"


def changes(old: Spec, new: Spec) -> list[Change]:
    """Every change from ``old`` to ``new``, by id, in the order of the spec's sections."""
    out: list[Change] = []
    if old.version != new.version:
        out.append(Change("changed", "spec", "version", old.version or "-", new.version or "-"))
    out += _keyed("field", old.fields, new.fields, _plain_parts, lambda f: f.type.value)
    out += _keyed("evidence", old.evidence, new.evidence, _plain_parts, _evidence_text)
    for pid, profile in old.profiles.items():
        if pid not in new.profiles:
            out.append(Change("removed", f"profile {pid}", old=f"{len(profile.criteria)} criteria"))
    for pid, profile in new.profiles.items():
        if pid not in old.profiles:
            out.append(Change("added", f"profile {pid}", new=f"{len(profile.criteria)} criteria"))
        else:
            out += _profile_changes(pid, old.profiles[pid], profile)
    out += _keyed("persona", old.personas, new.personas, _plain_parts, _persona_text)
    return out


def _evidence_text(e: Evidence) -> str:
    return e.source.value + (f", n={e.sample_size}" if e.sample_size is not None else "")


def _persona_text(p: BuyerPersona) -> str:
    return p.role.value if p.role is not None else "no role"
