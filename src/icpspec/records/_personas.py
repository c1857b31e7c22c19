"""Contacts scored against the spec's buyer personas, as :func:`score_file` scores them.

What differs from accounts lives here: which mode a file is read in (asked
for, or seen from its columns), the persona matcher, and the fields it reads
from a contact's title. Reading, writing and the summary are the account
path's own (``_score.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from icpspec.diagnostics import quote

if TYPE_CHECKING:
    from icpspec.engine import BestMatch, ContactMatcher, MatchResult
    from icpspec.model import FieldDefinition, Profile, Spec
    from icpspec.titles import TitleNormalizer

    from ._columns import Columns

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

T = TypeVar("T")

#: Distinct contact records whose results are kept for the contacts that repeat them.
RESULTS_KEPT = 65536


class PersonaScorer:
    """A contact record's best persona result; called like the account path's matcher.

    ``profiles`` are the personas as the profiles they are matched as (for
    the explanation and the summary).
    """

    def __init__(self, spec: Spec, normalizer: TitleNormalizer | None) -> None:
        from icpspec.engine import ContactMatcher

        self._matcher: ContactMatcher = ContactMatcher(spec, normalizer=normalizer)
        self._normalizer = self._matcher.normalizer
        self.profiles: dict[str, Profile] = {pid: m.profile for pid, m in self._matcher.matchers.items()}
        self._results: dict[tuple[object, ...], MatchResult | BestMatch] = {}
        self._readings: dict[tuple[object, ...], tuple[list[str], list[str]]] = {}

    def __call__(self, record: dict[str, object]) -> MatchResult | BestMatch:
        """The best persona's result, or the :class:`BestMatch` when the contact fits none (``no_fit``)."""
        return _kept(self._results, record, lambda: self._best(record))

    def _best(self, record: dict[str, object]) -> MatchResult | BestMatch:
        found = self._matcher.match(record).personas
        return found if found.best is None else found.best

    def reading(self, record: dict[str, object]) -> tuple[list[str], list[str]]:
        """How the contact's level and function were read: ``([seniority], departments)``."""
        return _kept(self._readings, record, lambda: self._read(record))

    def _read(self, record: dict[str, object]) -> tuple[list[str], list[str]]:
        from icpspec.engine import contact_record

        completed = contact_record(record, self._normalizer)
        seniority = completed.get("seniority")
        departments = completed.get("departments")
        return (
            [seniority] if isinstance(seniority, str) else [],
            [d for d in departments if isinstance(d, str)] if isinstance(departments, list) else [],
        )


def _kept(kept: dict[tuple[object, ...], T], record: dict[str, object], make: Callable[[], T]) -> T:
    """``make()``, kept for records with the same values.

    What a contact gives is a function of its record's values (typed by the
    reader, in the same order every time), so contacts that repeat one (the
    same title, level and country) share it, as the account path shares the
    cells of equal outcome codes.
    """
    try:
        key = tuple(record.values())
        hit = kept.get(key)
    except TypeError:  # a list value: not hashable, made every time
        return make()
    if hit is None:
        hit = make()
        if len(kept) >= RESULTS_KEPT:
            kept.clear()
        kept[key] = hit
    return hit


def choose_mode(
    spec: Spec,
    columns: Sequence[str],
    account_fields: Mapping[str, FieldDefinition],
    contact_fields: Mapping[str, FieldDefinition],
    given: Columns,
) -> tuple[bool, str]:
    """Whether a file with ``columns`` holds contacts, and why, in words for stderr.

    Contacts when a column (or a ``--map``, or a ``--set``) holds a contact field that is no
    account field (``title``, ``seniority``, ``department``) and none holds an
    account field that is no contact field (``country`` is both); accounts
    otherwise.
    """
    from icpspec.model import Entity, resolve_fields

    from ._columns import Columns, ColumnsError

    def mapped(fields: Mapping[str, FieldDefinition], entity: Entity) -> list[str]:
        others = resolve_fields(spec.fields, entity)
        own = {k: v for k, v in fields.items() if k not in others}
        asked = Columns(
            map={k: v for k, v in given.map.items() if k in own},
            constants={k: v for k, v in given.constants.items() if k in own},
        )
        try:
            resolved = asked.resolve(columns, own)
            return [*resolved.fields, *resolved.constants]
        except ColumnsError:  # two columns for one field: it is held, whichever is meant
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
