"""Which fields a spec's profiles (or personas) read: what a record file is read for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target
from icpspec.model import (
    Criterion,
    Disqualifier,
    Entity,
    FieldDefinition,
    Profile,
    ProfileStatus,
    Spec,
    resolve_fields,
)

from ._columns import Columns, MissingPolicy, ResolvedColumns, report_missing
from ._personas import PERSONA_READS

__all__ = ["CONTACT_SOURCE_FIELDS", "contact_fields", "missing_readers", "spec_fields", "target_columns"]


def spec_fields(spec: Spec, profiles: Iterable[str] | None = None) -> dict[str, FieldDefinition]:
    """The fields that ``profiles`` of ``spec`` read (default: every profile not retired)."""
    ids = (
        list(profiles)
        if profiles is not None
        else [pid for pid, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED]
    )
    known = resolve_fields(spec.fields, Entity.ACCOUNT)
    out: dict[str, FieldDefinition] = {}
    for pid in ids:
        for name in fields_read(spec.profiles[pid]):
            if name in known:
                out.setdefault(name, known[name])
    return out


#: The contact fields a persona matcher reads from every contact, whatever its personas say.
CONTACT_SOURCE_FIELDS = ("title", "seniority", "department")


def contact_fields(spec: Spec, personas: Iterable[Profile]) -> dict[str, FieldDefinition]:
    """The contact fields read to match ``personas`` (profiles made from a spec's personas).

    ``title``, ``seniority`` and ``department`` always (the persona matcher
    reads a contact's level and function from them), then every field the
    personas' own criteria read.

    >>> import icpspec
    >>> from icpspec.engine import ContactMatcher
    >>> spec = icpspec.load("examples/acme.icp.yaml")
    >>> list(contact_fields(spec, [m.profile for m in ContactMatcher(spec).matchers.values()]))
    ['title', 'seniority', 'department']
    """
    known = resolve_fields(spec.fields, Entity.CONTACT)
    out = {name: known[name] for name in CONTACT_SOURCE_FIELDS}
    for profile in personas:
        for name in fields_read(profile):
            if name in known:
                out.setdefault(name, known[name])
    return out


def _reads(condition: object, field: str) -> bool:
    """Whether ``condition`` (a leaf or a combinator) reads ``field``."""
    if getattr(condition, "field", None) == field:
        return True
    parts = getattr(condition, "conditions", None) or (
        (condition.condition,) if hasattr(condition, "condition") else ()
    )
    return any(_reads(part, field) for part in parts)


def missing_readers(
    missing: Sequence[str], profiles: Mapping[str, Profile], ids: Sequence[str], contacts: bool = False
) -> dict[str, tuple[str, ...]]:
    """Each field of ``missing`` that a criterion or disqualifier reads, with their ``profile/id``s.

    For contacts, a field stands also for those the persona matcher makes of
    it (``title`` for ``title_roles``…).
    """
    out: dict[str, tuple[str, ...]] = {}
    for field in missing:
        reads = PERSONA_READS.get(field, (field,)) if contacts else (field,)
        users = []
        for pid in ids:
            profile = profiles[pid]
            items: list[Criterion | Disqualifier] = [*profile.criteria, *profile.disqualifiers]
            users += [f"{pid}/{item.id}" for item in items if any(_reads(item.condition, f) for f in reads)]
        if users:
            out[field] = tuple(users)
    return out


def target_columns(
    target: Target,
    headers: Sequence[str],
    columns: Columns | None,
    missing: MissingPolicy,
    hint: str,
) -> ResolvedColumns:
    """``columns`` met with ``headers`` for the fields ``target``'s profile reads.

    Each field that nothing holds is reported per ``missing`` (see
    :func:`report_missing`, whose ``hint`` says how to name a column), in
    the words every engine uses.
    """
    profile = target.profile
    read = {f: target.fields[f] for f in fields_read(profile)}
    resolved = (columns or Columns()).resolve(headers, read)
    gaps = missing_readers(resolved.missing, {profile.id: profile}, [profile.id])
    report_missing(gaps, missing, hint, stacklevel=4)
    return resolved
