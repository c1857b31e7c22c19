"""Whether a record file holds contacts or accounts, seen from its columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from icpspec.diagnostics import quote
from icpspec.engine.personas import persona_profile
from icpspec.model import Entity, FieldDefinition, Spec, resolve_fields

from ._columns import ColumnMappingError, map_columns

__all__ = ["ModeChoice", "contacts_mode"]


@attrs.frozen
class ModeChoice:
    """What a file's columns say it holds: ``contacts`` or not, and why, in words for people."""

    contacts: bool
    reason: str


def _listed(items: Sequence[str]) -> str:
    return ", ".join(quote(i) for i in items)


def contacts_mode(
    spec: Spec,
    columns: Sequence[str],
    overrides: Mapping[str, str] | None = None,
    *,
    account_fields: Mapping[str, FieldDefinition] | None = None,
    contact_fields: Mapping[str, FieldDefinition] | None = None,
) -> ModeChoice:
    r"""Whether a file with ``columns`` holds contacts (people) rather than accounts.

    A column that holds a job title (by name or alias: ``Job Title``,
    ``Position``, ``Titel``, ``Poste``, ``Puesto``…, or named by a ``--map``
    of ``title``) decides: companies have no job titles, so each row is a
    person, even when other columns (``Name``, ``Company``, ``Employees``)
    would also do for an account. Without one, contacts when a column holds a
    contact field that is no account field (``seniority``, ``department``)
    and none an account field that is no contact field; accounts otherwise.

    ``account_fields`` and ``contact_fields`` are those the spec's profiles
    and personas read (by default worked out here).

    >>> import icpspec
    >>> spec = icpspec.loads(
    ...     "icpspec: 1\nprofiles:\n  p:\n    criteria: [{field: name, matches: '^Test'}]\n"
    ...     "personas:\n  cto: {titles: [CTO]}\n"
    ... )
    >>> choice = contacts_mode(spec, ["Name", "Job Title", "Country"])
    >>> choice.contacts, choice.reason
    (True, "job-title column 'Job Title', though 'Name' is also account field 'name'")
    """
    from ._fields import contact_fields as read_by_personas
    from ._fields import spec_fields

    overrides = dict(overrides or {})
    if account_fields is None:
        account_fields = spec_fields(spec)
    if contact_fields is None:
        contact_fields = read_by_personas(spec, [persona_profile(p) for p in spec.personas.values()])

    def held(fields: Mapping[str, FieldDefinition], other: Entity) -> dict[str, str]:
        # The fields of one kind only (country is both), and the column holding each.
        others = resolve_fields(spec.fields, other)
        own = {k: v for k, v in fields.items() if k not in others}
        asked = {k: v for k, v in overrides.items() if k in own}
        try:
            return dict(map_columns(columns, own, asked).fields)
        except ColumnMappingError:  # two columns for one field: it is held, whichever is meant
            return dict.fromkeys(own, "")

    contact = held(contact_fields, Entity.ACCOUNT)
    account = held(account_fields, Entity.CONTACT)
    title = contact.get("title")
    if title:
        pairs = [(c, f) for f, c in account.items() if c]
        if len(pairs) == 1:
            (column, field), *_ = pairs
            though = f", though {quote(column)} is also account field {quote(field)}"
        else:
            cols, fields = [c for c, _ in pairs], [f for _, f in pairs]
            though = f", though {_listed(cols)} also hold account fields {_listed(fields)}" if pairs else ""
        return ModeChoice(True, f"job-title column {quote(title)}{though}")
    if contact and not account:
        s = "s" if len(contact) > 1 else ""
        return ModeChoice(True, f"contact field{s} {_listed(list(contact))} and no account field")
    if account:
        shown = list(account)[:3]
        return ModeChoice(False, f"account field{'s' if len(account) > 1 else ''} {_listed(shown)}")
    return ModeChoice(False, "no contact field (title, seniority, department)")
