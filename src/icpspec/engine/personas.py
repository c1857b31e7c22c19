"""Matching contacts against buyer personas, with the same engine and results as accounts.

A persona becomes a profile whose criteria read contact fields: its
``seniority`` and ``departments`` (each one weighted criterion), its
``titles`` (one criterion: the contact's title names one of them), then its
own ``criteria``. The profile is compiled by the engine that scores accounts,
so a persona result is a :class:`~icpspec.MatchResult` with the same score,
status, coverage and outcomes, and the same three-valued semantics.

The contact record is read once and completed before matching: seniority and
departments come from the record's own ``seniority``/``department`` columns
when it has them (free text is read with the title normaliser:
``VP``, ``Vertrieb``), otherwise from its ``title``.

Titles are read with the shipped tables plus the spec's own ``titles:``
rows (:func:`spec_normalizer`); a spec row replaces a shipped entry with the
same phrase.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from icpspec.diagnostics import IcpspecError, quote
from icpspec.model import (
    AnyOf,
    BuyerPersona,
    ContainsAny,
    Criterion,
    Entity,
    FieldCategory,
    FieldDefinition,
    FieldType,
    In,
    Matches,
    Profile,
    Spec,
    resolve_fields,
)
from icpspec.titles import (
    DEPARTMENTS,
    MAX_TITLE_LENGTH,
    SENIORITIES,
    TableEntry,
    TitleNormalizer,
    default_normalizer,
    fold,
    tokens,
)

from ._cache import IdentityCache
from .best import BestMatch, rank_results, tier_places
from .compile import compile_profile, fields_read
from .matcher import SpecMatcher, spec_matcher
from .record import as_record
from .result import MatchPlan, MatchResult, result_builder
from .target import Target, spec_version

__all__ = [
    "ContactMatch",
    "ContactMatcher",
    "PersonaMatcher",
    "contact_record",
    "match_contact",
    "spec_normalizer",
    "spec_title_entries",
]

#: Fields the persona matcher adds to a contact record, beside the standard contact fields.
DERIVED_FIELDS: Mapping[str, FieldDefinition] = {
    f.id: f
    for f in (
        FieldDefinition(
            "departments",
            FieldType.STRING_LIST,
            "Every department the contact's department column or title names, the primary one first.",
            entity=Entity.CONTACT,
            category=FieldCategory.DEMOGRAPHIC,
        ),
        FieldDefinition(
            "title_roles",
            FieldType.STRING_LIST,
            "What the title says, as seniority/department pairs (vp/sales, vp/marketing).",
            entity=Entity.CONTACT,
            category=FieldCategory.DEMOGRAPHIC,
        ),
        FieldDefinition(
            "title_words",
            FieldType.STRING,
            "The title's words, case- and accent-folded, one space apart.",
            entity=Entity.CONTACT,
            category=FieldCategory.DEMOGRAPHIC,
        ),
    )
}

#: The coverage below which a persona result is ``insufficient_data``: anything known at all.
PERSONA_MIN_COVERAGE = 1e-9

_SENIORITY_IDS = frozenset(SENIORITIES)
_DEPARTMENT_IDS = frozenset(DEPARTMENTS)


def _as_id(text: str) -> str:
    return "_".join(fold(text).split()).replace("-", "_")


def _present(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    return None


def spec_title_entries(spec: Spec) -> tuple[TableEntry, ...]:
    """The spec's own title-table rows (its ``titles:``) as table entries.

    >>> import icpspec
    >>> spec = icpspec.loads(
    ...     "icpspec: 1\\ntitles:\\n  Revenue Architect: {seniority: director, department: sales}\\n"
    ... )
    >>> (e,) = spec_title_entries(spec)
    >>> e.key, e.seniority, e.department, e.source
    ('revenue architect', 'director', 'sales', "spec titles: 'Revenue Architect'")
    """
    entries = []
    for phrase, row in spec.titles.items():
        key = " ".join(tokens(phrase))
        if not key:
            raise IcpspecError(f"the spec's title phrase {quote(phrase)} has no words")
        entries.append(
            TableEntry(
                phrase,
                key,
                row.seniority.value if row.seniority is not None else None,
                row.department.value if row.department is not None else None,
                role=row.role,
                stop=row.stop,
                junior=row.junior,
                source=f"spec titles: {quote(phrase)}",
            )
        )
    return tuple(entries)


def spec_normalizer(spec: Spec, normalizer: TitleNormalizer | None = None) -> TitleNormalizer:
    """The title normaliser persona matching uses for ``spec``.

    ``normalizer`` (the shipped tables when ``None``) with the spec's own
    ``titles:`` rows added; a spec row whose phrase is already in those tables
    replaces that entry (an override, not an error). Without rows, the
    normaliser itself.
    """
    base = normalizer or default_normalizer()
    entries = spec_title_entries(spec)
    if all(base.entries.get(e.key) == e for e in entries):
        return base  # no rows, or this normaliser has them already
    return _extended(base, entries)


@functools.lru_cache(maxsize=32)
def _extended(base: TitleNormalizer, entries: tuple[TableEntry, ...]) -> TitleNormalizer:
    # Built once per (tables, rows): match_contact builds a matcher per call.
    return base.extended(entries)


def contact_record(contact: object, normalizer: TitleNormalizer | None = None) -> dict[str, object]:
    """The contact as the persona matcher reads it: its own fields plus what the title says.

    >>> r = contact_record({"title": "Sr. VP, Sales & Marketing"})
    >>> r["seniority"], r["department"], r["departments"], r["title_roles"]
    ('vp', 'sales', ['sales', 'marketing'], ['vp/sales', 'vp/marketing'])

    A record's own ``seniority`` and ``department`` win over the title's; free
    text in them is read like a title (``"VP"`` is ``vp``, ``"Vertrieb"`` is
    ``sales``).
    """
    n = normalizer or default_normalizer()
    record = dict(as_record(contact))
    title = _present(record.get("title"))
    info = n.normalize(title) if title is not None else None
    seniority: str | None = None
    own_seniority = _present(record.get("seniority"))
    if own_seniority is not None:
        sid = _as_id(own_seniority)
        seniority = sid if sid in _SENIORITY_IDS else n.normalize(own_seniority).seniority
    elif info is not None:
        seniority = info.seniority
    departments: tuple[str, ...] = ()
    own_department = _present(record.get("department"))
    if own_department is not None:
        did = _as_id(own_department)
        departments = (did,) if did in _DEPARTMENT_IDS else n.normalize(own_department).departments
    elif info is not None:
        departments = info.departments
    if seniority is not None:
        record["seniority"] = seniority
    if departments:
        record["department"] = departments[0]
        record["departments"] = list(departments)
    if info is not None:
        if info.seniority is not None:
            record["title_roles"] = [f"{info.seniority}/{d}" for d in info.departments]
        record["title_words"] = " ".join(tokens((title or "")[:MAX_TITLE_LENGTH]))
    return record


def persona_profile(persona: BuyerPersona, normalizer: TitleNormalizer | None = None) -> Profile:
    """The profile a persona is matched as (see the module docstring)."""
    n = normalizer or default_normalizer()
    criteria: list[Criterion] = []
    if persona.seniority:
        criteria.append(Criterion("seniority", In("seniority", tuple(s.value for s in persona.seniority))))
    if persona.departments:
        criteria.append(
            Criterion("departments", In("departments", tuple(d.value for d in persona.departments)))
        )
    if persona.titles:
        roles: list[str] = []
        for t in persona.titles:
            info = n.normalize(t)
            if info.seniority is not None:
                roles += [f"{info.seniority}/{d}" for d in info.departments[:1]]
        words = sorted({w for w in (" ".join(tokens(t)) for t in persona.titles) if w}, key=len, reverse=True)
        # The title's own words: a persona's titles are also plain keywords.
        pattern = r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s|$)"
        parts: list[Any] = [Matches("title_words", pattern)] if words else []
        if roles:
            parts.insert(0, ContainsAny("title_roles", tuple(dict.fromkeys(roles))))
        if parts:
            criteria.append(Criterion("titles", parts[0] if len(parts) == 1 else AnyOf(tuple(parts))))
    criteria += persona.criteria
    # A contact about whom nothing is known is not a poor fit but an unknown one:
    # coverage 0 is insufficient_data (accounts keep the profile's own min_coverage).
    return Profile(
        id=persona.id, name=persona.name, criteria=tuple(criteria), min_coverage=PERSONA_MIN_COVERAGE
    )


class PersonaMatcher:
    """One persona compiled once, to match many contacts.

    >>> import icpspec
    >>> spec = icpspec.load("examples/acme.icp.yaml")
    >>> m = PersonaMatcher(spec.personas["cto"], spec=spec)
    >>> r = m.match({"title": "Chief Technology Officer"})
    >>> r.profile, r.score, r.status.value
    ('cto', 100.0, 'scored')
    """

    def __init__(
        self,
        persona: BuyerPersona,
        *,
        spec: Spec | Target | None = None,
        normalizer: TitleNormalizer | None = None,
    ) -> None:
        if isinstance(spec, Target):
            spec = spec.spec
        if spec is not None:
            self._normalizer = spec_normalizer(spec, normalizer)
        else:
            self._normalizer = normalizer or default_normalizer()
        profile = persona_profile(persona, self._normalizer)
        fields = {**resolve_fields(spec.fields if spec is not None else {}, Entity.CONTACT), **DERIVED_FIELDS}
        for name in fields_read(profile):
            if name not in fields:
                raise IcpspecError(f"persona {quote(persona.id)} reads the unknown field {quote(name)}")
        # A persona matched on its own stands for a spec holding only it, as a profile does.
        version = spec_version(spec if spec is not None else Spec(personas={persona.id: persona}))
        self._plan = MatchPlan(profile, fields, fields_read(profile), version)
        compiled = compile_profile(profile, fields, result_builder(self._plan), self.record)
        self._match = compiled.match
        #: The persona compiled.
        self.persona = persona
        #: The profile the persona is matched as.
        self.profile = profile

    def record(self, contact: object) -> dict[str, object]:
        """The contact completed by the title normaliser (:func:`contact_record`)."""
        return contact_record(contact, self._normalizer)

    def match(self, contact: object) -> MatchResult:
        """Match one contact (a mapping, or anything :func:`~icpspec.engine.as_record` adapts)."""
        return self.match_record(self.record(contact))

    def match_record(self, record: dict[str, object]) -> MatchResult:
        """Match a record :meth:`record` has completed already."""
        result: MatchResult = self._match(record)
        return result


@attrs.frozen
class ContactMatch:
    """A contact's best persona and the runners-up, and, for a lead, its account's best profile.

    The two are kept side by side, never folded into one number: ``persona``
    says whether this is the right person, ``account`` whether it is the
    right company.
    """

    personas: BestMatch
    account: BestMatch | None = None

    @property
    def persona(self) -> MatchResult | None:
        """The best persona's result; ``None`` when the contact fits no persona (``no_fit``)."""
        return self.personas.best

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible mapping: the persona results, and the account's when there is one."""
        best = self.personas.best
        out: dict[str, Any] = {
            "persona": None if best is None else best.to_dict(),
            "persona_status": self.personas.status.value,
            "persona_runners_up": [r.to_dict() for r in self.personas.runners_up],
        }
        if self.account is not None:
            account = self.account.best
            out["account"] = None if account is None else account.to_dict()
            out["account_status"] = self.account.status.value
            out["account_runners_up"] = [r.to_dict() for r in self.account.runners_up]
        return out


class ContactMatcher:
    """Every persona of a spec compiled once (and its profiles, for leads).

    The entry point for scoring contact records one by one::

        matcher = ContactMatcher(spec)
        for row in rows:
            result = matcher.match(row)          # ContactMatch
            result.persona.score, result.persona.profile
    """

    __slots__ = ("_accounts", "_normalizer", "_places", "matchers", "spec")

    def __init__(self, spec: Spec | Target, *, normalizer: TitleNormalizer | None = None) -> None:
        if isinstance(spec, Target):
            spec = spec.spec
        self._normalizer = spec_normalizer(spec, normalizer)
        self.spec = spec
        self.matchers = {
            pid: PersonaMatcher(p, spec=spec, normalizer=self._normalizer) for pid, p in spec.personas.items()
        }
        if not self.matchers:
            raise IcpspecError("the spec has no persona to match contacts against")
        self._places = tuple(tier_places(m.profile) for m in self.matchers.values())
        self._accounts: SpecMatcher | None = None

    @property
    def normalizer(self) -> TitleNormalizer:
        """The title normaliser contacts are read with: the tables given, plus the spec's ``titles:``."""
        return self._normalizer

    def match_all(self, contact: object) -> tuple[MatchResult, ...]:
        """The contact's result against every persona, in the spec's order."""
        record = contact_record(contact, self._normalizer)
        return tuple(m.match_record(record) for m in self.matchers.values())

    def match(self, contact: object, *, account: object = None) -> ContactMatch:
        """The best persona, ranked as profiles are (none on no fit); with ``account``, its best profile."""
        personas = rank_results(self.match_all(contact), self._places)
        if account is None:
            return ContactMatch(personas)
        if self._accounts is None:
            self._accounts = spec_matcher(self.spec)
        return ContactMatch(personas, self._accounts.best_match(account))

    def match_many(self, contacts: Iterable[object]) -> Iterable[ContactMatch]:
        """Match contacts one by one as they come (any iterable, consumed lazily)."""
        for contact in contacts:
            yield self.match(contact)


_CONTACT_MATCHERS: IdentityCache[ContactMatcher] = IdentityCache(32)


def match_contact(
    contact: object,
    spec: Spec | Target,
    *,
    account: object = None,
    normalizer: TitleNormalizer | None = None,
) -> ContactMatch:
    """Match a contact against every persona of ``spec``; with ``account``, the lead view.

    >>> import icpspec
    >>> spec = icpspec.load("examples/acme.icp.yaml")
    >>> lead = match_contact({"title": "VP of Engineering"}, spec)
    >>> lead.persona.profile, lead.persona.score
    ('cto', 100.0)

    The spec is compiled on the first call and reused by the next ones (for
    the last few specs and normalisers used); a :class:`ContactMatcher`
    built once does the same explicitly.
    """
    owner = spec.spec if isinstance(spec, Target) else spec
    matcher = _CONTACT_MATCHERS.get_pair(
        owner, normalizer, lambda: ContactMatcher(owner, normalizer=normalizer)
    )
    return matcher.match(contact, account=account)
