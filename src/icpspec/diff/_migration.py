"""Where each record of a population lands under the old and the new profile."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import BinaryIO

import attrs

from icpspec.diagnostics import quote
from icpspec.engine import Matcher
from icpspec.engine.compile import fields_read
from icpspec.model import Entity, FieldDefinition, MatchStatus, Profile, ProfileStatus, Spec, resolve_fields
from icpspec.records import Columns, ColumnsError, RecordReader

from ._load import DiffError

__all__ = ["Migration", "Mover", "choose_profiles", "group_order", "migrate"]

#: Records listed as the top movers.
TOP_MOVERS = 10
NO_TIER = "no tier"
_STATUS_GROUPS = (
    MatchStatus.DISQUALIFIED.value,
    MatchStatus.REQUIRED_FAILED.value,
    MatchStatus.INSUFFICIENT_DATA.value,
)


@attrs.frozen
class Mover:
    """A record whose score changed most: its line in the file, name, and both results."""

    line: int
    name: str | None
    old_group: str
    new_group: str
    old_score: float
    new_score: float


@attrs.frozen
class Migration:
    """The migration matrix: ``cells[(old_group, new_group)]`` records; cells add up to ``records``."""

    records: int
    old_groups: tuple[str, ...]
    new_groups: tuple[str, ...]
    cells: Mapping[tuple[str, str], int]
    movers: tuple[Mover, ...]
    skipped: int

    def moved(self) -> int:
        """Records whose group changed."""
        return sum(n for (a, b), n in self.cells.items() if a != b)


def group_order(profile: Profile) -> tuple[str, ...]:
    """A profile's groups, best first: its tiers, ``no tier``, then the statuses."""
    tiers = sorted(profile.tiers.items(), key=lambda t: -t[1])
    return (*(name for name, _ in tiers), NO_TIER, *_STATUS_GROUPS)


def choose_profiles(old: Spec, new: Spec, profile: str | None) -> tuple[str, str]:
    """The profile compared in each version: the named one, or each version's only live one."""
    if profile is not None:
        for name, spec in (("old", old), ("new", new)):
            if profile not in spec.profiles:
                raise DiffError(f"the {name} spec has no profile {quote(profile)}")
        return profile, profile
    chosen = []
    for name, spec in (("old", old), ("new", new)):
        live = [p for p, v in spec.profiles.items() if v.status != ProfileStatus.RETIRED]
        if len(live) != 1:
            raise DiffError(
                f"the {name} spec has {len(live)} live profiles: name the one to compare with --profile"
            )
        chosen.append(live[0])
    return chosen[0], chosen[1]


def _group(status: MatchStatus, tier: str | None) -> str:
    if status == MatchStatus.SCORED:
        return tier if tier is not None else NO_TIER
    return status.value


def migrate(
    population: str | os.PathLike[str] | BinaryIO,
    old: Spec,
    new: Spec,
    profiles: tuple[str, str],
    *,
    columns: Columns | Mapping[str, str] | None = None,
) -> Migration:
    """Match every record of ``population`` against both profiles and count where it lands."""
    old_profile, new_profile = old.profiles[profiles[0]], new.profiles[profiles[1]]
    fields: dict[str, FieldDefinition] = {}
    for spec, profile in ((old, old_profile), (new, new_profile)):
        known = resolve_fields(spec.fields, Entity.ACCOUNT)
        for name in sorted(fields_read(profile)):
            if name in known:
                fields.setdefault(name, known[name])
    before, after = Matcher(old_profile, spec=old), Matcher(new_profile, spec=new)
    cells: dict[tuple[str, str], int] = {}
    movers: list[tuple[float, int, Mover]] = []
    given = columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))
    if "name" in fields:
        reader = RecordReader(population, fields, columns=given)
    else:
        # Movers are shown by name, when one column holds it: two (Company, Account Name) are
        # no error here, the movers are then known by their line. Decided on the header (the
        # first line's keys) before any record is read, so a stream is read once.
        without = {k: v for k, v in given.map.items() if k != "name"}
        reader = RecordReader(population, fields, columns=attrs.evolve(given, map=without))
        name_field = {"name": resolve_fields({}, Entity.ACCOUNT)["name"]}
        only_name = Columns(map={"name": given.map["name"]} if "name" in given.map else {})
        try:
            only_name.resolve(reader.first_keys(), name_field)
        except ColumnsError:
            pass
        else:
            reader.use_fields({**fields, **name_field}, given)
    with reader:
        for line, _, record in reader.rows():
            a, b = before.match(record), after.match(record)
            key = (_group(a.status, a.tier), _group(b.status, b.tier))
            cells[key] = cells.get(key, 0) + 1
            change = abs(b.score - a.score) + (1000 if key[0] != key[1] else 0)
            if change:
                label = record.get("name")
                shown = None if label is None else str(label)
                movers.append((-change, line, Mover(line, shown, key[0], key[1], a.score, b.score)))
                if len(movers) > 4 * TOP_MOVERS:
                    movers.sort(key=lambda m: m[:2])
                    del movers[TOP_MOVERS:]
        skipped = reader.report.skipped
    movers.sort(key=lambda m: m[:2])
    return Migration(
        records=sum(cells.values()),
        old_groups=_present(group_order(old_profile), (k[0] for k in cells)),
        new_groups=_present(group_order(new_profile), (k[1] for k in cells)),
        cells=dict(sorted(cells.items())),
        movers=tuple(m for _, _, m in movers[:TOP_MOVERS]),
        skipped=skipped,
    )


def _present(order: Sequence[str], seen: object) -> tuple[str, ...]:
    """Every tier of the profile, and the other groups only where a record landed."""
    found = set(seen)  # type: ignore[call-overload]
    tiers = [g for g in order if g not in (NO_TIER, *_STATUS_GROUPS)]
    return (*tiers, *(g for g in order[len(tiers) :] if g in found))
