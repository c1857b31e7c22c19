"""``icpspec match --personas``: contacts scored against the spec's buyer personas.

What differs from accounts lives here: which mode a file is read in (asked
for, or seen from its columns), the persona matcher, and the ``--explain``
cells that show how the title was read. Reading, writing, the summary and the
exit status are the account path's own (``_match.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from icpspec.diagnostics import quote

if TYPE_CHECKING:
    from icpspec.engine import ContactMatcher, MatchResult
    from icpspec.model import FieldDefinition, Profile, Spec
    from icpspec.titles import TitleNormalizer

__all__ = ["PERSONA_COLUMNS", "PERSONA_EXPLAIN_COLUMNS", "PERSONA_READS", "PersonaScorer", "choose_mode"]

#: The columns ``icpspec match --personas`` adds, in order.
PERSONA_COLUMNS = (
    "icp_persona",
    "icp_score",
    "icp_tier",
    "icp_status",
    "icp_coverage",
    "icp_spec_version",
)
#: The columns ``--explain`` adds after them for contacts: the criteria, then how the title was read.
PERSONA_EXPLAIN_COLUMNS = ("icp_matched", "icp_missed", "icp_unknown", "icp_seniority", "icp_departments")

#: The fields a persona's criteria read that the matcher makes of a contact column (engine/personas.py).
PERSONA_READS: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "title_roles", "title_words"),
    "department": ("department", "departments"),
}


class PersonaScorer:
    """A contact record's best persona result; called like the account path's matcher.

    ``profiles`` are the personas as the profiles they are matched as (for
    the explanation and the summary).
    """

    def __init__(self, spec: Spec, normalizer: TitleNormalizer | None) -> None:
        from icpspec.engine import ContactMatcher

        self._matcher: ContactMatcher = ContactMatcher(spec, normalizer=normalizer)
        self._normalizer = normalizer
        self.profiles: dict[str, Profile] = {pid: m.profile for pid, m in self._matcher.matchers.items()}

    def __call__(self, record: dict[str, object]) -> MatchResult:
        return self._matcher.match(record).persona

    def reading(self, record: dict[str, object]) -> tuple[list[str], list[str]]:
        """How the contact's level and function were read: ``([seniority], departments)``."""
        from icpspec.engine import contact_record

        # The normaliser caches each title, so this reads it again for free.
        completed = contact_record(record, self._normalizer)
        seniority = completed.get("seniority")
        departments = completed.get("departments")
        return (
            [seniority] if isinstance(seniority, str) else [],
            [d for d in departments if isinstance(d, str)] if isinstance(departments, list) else [],
        )


def choose_mode(
    spec: Spec,
    columns: Sequence[str],
    account_fields: Mapping[str, FieldDefinition],
    contact_fields: Mapping[str, FieldDefinition],
    overrides: Mapping[str, str],
) -> tuple[bool, str]:
    """Whether a file with ``columns`` holds contacts, and why, in words for stderr.

    Contacts when a column (or a ``--map``) holds a contact field that is no
    account field (``title``, ``seniority``, ``department``) and none holds an
    account field that is no contact field (``country`` is both); accounts
    otherwise.
    """
    from icpspec.model import Entity, resolve_fields
    from icpspec.records import ColumnMappingError, map_columns

    def mapped(fields: Mapping[str, FieldDefinition], entity: Entity) -> list[str]:
        others = resolve_fields(spec.fields, entity)
        own = {k: v for k, v in fields.items() if k not in others}
        asked = {k: v for k, v in overrides.items() if k in own}
        try:
            return list(map_columns(columns, own, asked).fields)
        except ColumnMappingError:  # two columns for one field: it is held, whichever is meant
            return list(own)

    contact = mapped(contact_fields, Entity.ACCOUNT)
    account = mapped(account_fields, Entity.CONTACT)
    if contact and not account:
        held = ", ".join(quote(f) for f in contact)
        return True, f"contact field{'s' if len(contact) > 1 else ''} {held} and no account field"
    if account:
        held = ", ".join(quote(f) for f in account[:3])
        return False, f"account field{'s' if len(account) > 1 else ''} {held}"
    return False, "no contact field (title, seniority, department)"
