"""Checks the JSON Schema cannot express, and the values they normalise.

After the schema, a spec is checked against what it means: every criterion
reads a known field with an operator and values that fit the field's type,
ranges are ordered, references resolve, ids are unique, country codes are
ISO 3166-1 alpha-2 and ``matches`` patterns compile in RE2. Values are
normalised on the way: a date in a date field becomes a ``datetime.date``,
and a plain ``0777`` in a text field stays the text the user wrote.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import attrs

from icpspec.diagnostics import Code, Diagnostic, did_you_mean, make_pointer, quote
from icpspec.loader import LocatedDocument, Path, PathPart
from icpspec.model import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Criterion,
    Disqualifier,
    Entity,
    Equals,
    Exists,
    FieldDefinition,
    FieldType,
    In,
    Matches,
    Max,
    Min,
    Not,
    NotIn,
    Spec,
    Value,
    resolve_fields,
)
from icpspec.model.conditions import Bound
from icpspec.titles import tokens

from ._validate import MAX_DIAGNOSTICS, is_date, too_many

#: Which operators may read a field of each type.
ALLOWED_OPERATORS: Mapping[FieldType, frozenset[str]] = {
    FieldType.INTEGER: frozenset({"equals", "in", "not_in", "min", "max", "between", "exists"}),
    FieldType.NUMBER: frozenset({"equals", "in", "not_in", "min", "max", "between", "exists"}),
    FieldType.DATE: frozenset({"equals", "in", "not_in", "min", "max", "between", "exists"}),
    FieldType.STRING: frozenset({"equals", "in", "not_in", "matches", "exists"}),
    FieldType.COUNTRY: frozenset({"equals", "in", "not_in", "exists"}),
    FieldType.BOOLEAN: frozenset({"equals", "exists"}),
    FieldType.STRING_LIST: frozenset({"in", "not_in", "contains_any", "contains_all", "matches", "exists"}),
}

MAX_PATTERN_CHARS = 1000

# Codes people write that are not ISO 3166-1 alpha-2, and the code they mean.
_COUNTRY_HINTS = {"UK": "GB", "EL": "GR"}
# User-assigned codes in wide use: Kosovo.
_EXTRA_COUNTRIES = frozenset({"XK"})


@functools.cache
def alpha2_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code a spec may name (and ``XK``, Kosovo)."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | _EXTRA_COUNTRIES


def country_hint(code: str) -> str | None:
    """The alpha-2 code a non-code most likely means (``UK`` → ``GB``, ``USA`` → ``US``)."""
    import pycountry

    upper = code.strip().upper()
    if upper in _COUNTRY_HINTS:
        return _COUNTRY_HINTS[upper]
    try:
        found = pycountry.countries.lookup(code.strip())
    except LookupError:
        return None
    alpha2: str = found.alpha_2
    return alpha2


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code (any case)."""
    return code.strip().upper() in alpha2_codes()


#: Patterns compile with at most this much memory; a pattern that needs more is
#: refused ("pattern too large"). It also bounds the time one compile takes
#: (about 3 ms at most here), so MAX_PATTERNS of them fit the pre-commit budget.
RE2_MAX_MEM = 256 << 10
#: Distinct ``matches`` patterns one spec may hold (each compile is milliseconds).
MAX_PATTERNS = 100
#: "Did you mean" hints per spec: each compares a name with every candidate.
MAX_HINTS = 50


@functools.lru_cache(maxsize=MAX_PATTERNS * 2)
def compile_pattern(pattern: str) -> Any:
    """The compiled RE2 regular expression of a ``matches`` pattern; raises ``re2.error``.

    Checking a spec and matching records both compile through here, with the
    same options, so a pattern that validates is exactly the one that runs.
    """
    import re2

    options = re2.Options()
    options.log_errors = False
    options.max_mem = RE2_MAX_MEM
    return re2.compile(pattern, options)


@functools.lru_cache(maxsize=MAX_PATTERNS * 2)  # failures too: lru_cache does not cache raising calls
def regex_problem(pattern: str) -> str | None:
    """Why RE2 cannot compile ``pattern``, or ``None`` when it can."""
    import re2

    try:
        compile_pattern(pattern)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else "invalid pattern"
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        return str(detail)
    return None


class _Checker:
    def __init__(self, spec: Spec, doc: LocatedDocument | None, file: str) -> None:
        self.spec = spec
        self.doc = doc
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.hints_left = MAX_HINTS
        self.patterns: set[str] = set()
        # A spec field named like a standard one is an error (see run()); the standard one stays in force.
        self.fields: dict[Entity, dict[str, FieldDefinition]] = {
            entity: resolve_fields(spec.fields, entity) for entity in Entity
        }

    # -- reporting ---------------------------------------------------------------

    def error(self, code: str, message: str, path: Sequence[PathPart], *, on_key: bool = False) -> None:
        if len(self.diagnostics) >= MAX_DIAGNOSTICS:
            if len(self.diagnostics) == MAX_DIAGNOSTICS:
                self.diagnostics.append(too_many(self.diagnostics[-1]))
            return
        if self.doc is not None:
            self.diagnostics.append(self.doc.diagnostic(code, message, path, on_key=on_key))
        else:
            self.diagnostics.append(Diagnostic(code, message, file=self.file, pointer=make_pointer(path)))

    def hint(self, word: str, choices: Iterable[str]) -> str:
        """A "did you mean" hint while the spec's budget of them lasts (each costs a scan)."""
        if self.hints_left <= 0 or len(self.diagnostics) >= MAX_DIAGNOSTICS:
            return ""
        self.hints_left -= 1
        return did_you_mean(word, choices)

    def raw(self, path: Path) -> str | None:
        return self.doc.raw_text.get(path) if self.doc is not None else None

    # -- fields and values ---------------------------------------------------------

    def field(self, name: str, entity: Entity, path: Path) -> FieldDefinition | None:
        fields = self.fields[entity]
        found = fields.get(name)
        if found is None:
            other = Entity.CONTACT if entity == Entity.ACCOUNT else Entity.ACCOUNT
            whose = (
                f"; {quote(name)} is {'an' if other.value[0] in 'aeiou' else 'a'} {other.value} field"
                if name in self.fields[other]
                else self.hint(name, fields)
            )
            self.error(
                Code.UNKNOWN_FIELD, f"unknown {entity.value} field {quote(name)}{whose}", (*path, "field")
            )
        return found

    def value(self, v: Value, f: FieldDefinition, path: Path) -> Value:
        """Check one comparison value against the field's type; return it normalised."""
        t = f.type
        shown = self.raw(path) or (quote(v) if isinstance(v, str) else str(v))
        if t in (FieldType.INTEGER, FieldType.NUMBER):
            if isinstance(v, bool) or not isinstance(v, int | float):
                self.error(
                    Code.TYPE_MISMATCH, f"field {quote(f.id)} holds numbers; {shown} is not a number", path
                )
            elif t == FieldType.INTEGER and not float(v).is_integer():
                self.error(
                    Code.TYPE_MISMATCH, f"field {quote(f.id)} holds whole numbers; {shown} is not one", path
                )
            return v
        if t == FieldType.DATE:
            if isinstance(v, dt.date):
                return v
            if isinstance(v, str) and is_date(v):
                return dt.date.fromisoformat(v)
            self.error(
                Code.TYPE_MISMATCH,
                f"field {quote(f.id)} holds dates; {shown} is not a date as YYYY-MM-DD",
                path,
            )
            return v
        if t == FieldType.BOOLEAN:
            if not isinstance(v, bool):
                hint = (
                    " (YAML 1.2 reads yes/no/on/off as text: write true or false)"
                    if isinstance(v, str)
                    else ""
                )
                self.error(
                    Code.TYPE_MISMATCH, f"field {quote(f.id)} holds true or false; found {shown}{hint}", path
                )
            return v
        # Text types: a plain 0777 or 2026.3 is the text the user wrote.
        if not isinstance(v, str):
            raw = self.raw(path)
            if raw is None:
                self.error(Code.TYPE_MISMATCH, f"field {quote(f.id)} holds text; found {shown}", path)
                return v
            v = raw
        if t == FieldType.COUNTRY and not is_country_code(v):
            code = country_hint(v)
            suggestion = f"; did you mean {quote(code)}?" if code else ""
            self.error(
                Code.INVALID_COUNTRY,
                f"{quote(v)} is not an ISO 3166-1 alpha-2 country code{suggestion}",
                path,
            )
        return v

    def condition(self, cond: Condition, path: Path, entity: Entity) -> Condition:
        """Check one condition (recursively through combinators); return it normalised."""
        if isinstance(cond, AllOf | AnyOf):
            parts = tuple(
                self.condition(c, (*path, cond.operator, i), entity) for i, c in enumerate(cond.conditions)
            )
            return attrs.evolve(cond, conditions=parts)
        if isinstance(cond, Not):
            return Not(self.condition(cond.condition, (*path, "not"), entity))
        f = self.field(cond.field, entity, path)
        op = cond.operator
        op_path = (*path, op)
        if f is None:
            return cond
        allowed = ALLOWED_OPERATORS[f.type]
        if op not in allowed:
            hint = " (use contains_any)" if op == "equals" and f.type == FieldType.STRING_LIST else ""
            self.error(
                Code.TYPE_MISMATCH,
                f"{quote(op)} cannot read field {quote(f.id)} of type {f.type.value}{hint}; "
                f"it takes: {', '.join(sorted(allowed))}",
                op_path,
                on_key=True,
            )
            return cond
        if isinstance(cond, Equals):
            return Equals(cond.field, self.value(cond.value, f, op_path))
        if isinstance(cond, Min | Max):
            # Only numeric and date fields take min/max; value() keeps their type.
            bound = cast("Bound", self.value(cond.value, f, op_path))
            return attrs.evolve(cond, value=bound)
        if isinstance(cond, In | NotIn):
            values = tuple(self.value(v, f, (*op_path, i)) for i, v in enumerate(cond.values))
            return attrs.evolve(cond, values=values)
        if isinstance(cond, ContainsAny | ContainsAll):
            return cond
        if isinstance(cond, Between):
            low = self.value(cond.low, f, (*op_path, 0))
            high = self.value(cond.high, f, (*op_path, 1))
            comparable = type(low) is type(high) or {type(low), type(high)} <= {int, float}
            if comparable and low > high:  # type: ignore[operator]
                self.error(
                    Code.EMPTY_RANGE,
                    f"'between' bounds are reversed: {self.raw((*op_path, 0)) or low} is more than "
                    f"{self.raw((*op_path, 1)) or high}",
                    op_path,
                )
            return Between(cond.field, low, high)  # type: ignore[arg-type]
        if isinstance(cond, Matches):
            self.patterns.add(cond.pattern)
            if len(self.patterns) > MAX_PATTERNS:
                if len(self.patterns) == MAX_PATTERNS + 1:
                    self.error(
                        Code.LIMIT_EXCEEDED,
                        f"a spec holds at most {MAX_PATTERNS} distinct patterns (limit)",
                        op_path,
                    )
                return cond
            problem = regex_problem(cond.pattern)
            if problem:
                self.error(Code.INVALID_PATTERN, f"the pattern does not compile in RE2: {problem}", op_path)
            return cond
        assert isinstance(cond, Exists)
        return cond

    def criteria(
        self, items: Sequence[Criterion], path: Path, entity: Entity, seen: dict[str, Path]
    ) -> tuple[Criterion, ...]:
        out = []
        for i, c in enumerate(items):
            p = (*path, i)
            self.unique_id(c.id, p, seen)
            self.evidence_refs(c.evidence, p)
            out.append(attrs.evolve(c, condition=self.condition(c.condition, p, entity)))
        return tuple(out)

    def disqualifiers(
        self, items: Sequence[Disqualifier], path: Path, seen: dict[str, Path]
    ) -> tuple[Disqualifier, ...]:
        out = []
        for i, d in enumerate(items):
            p = (*path, i)
            self.unique_id(d.id, p, seen)
            self.evidence_refs(d.evidence, p)
            out.append(attrs.evolve(d, condition=self.condition(d.condition, p, Entity.ACCOUNT)))
        return tuple(out)

    def unique_id(self, id_: str, path: Path, seen: dict[str, Path]) -> None:
        if id_ in seen:
            first = seen[id_]
            where = ""
            if self.doc is not None:
                where = f" (first used at line {self.doc.locate(first)[1].value.line})"
            self.error(
                Code.DUPLICATE_ID,
                f"duplicate id {quote(id_)}{where}; give each criterion and disqualifier its own 'id'",
                path,
            )
        else:
            seen[id_] = path

    # -- references ------------------------------------------------------------------

    def ref(self, kind: str, id_: str | None, known: Mapping[str, object], path: Path) -> None:
        if id_ is not None and id_ not in known:
            self.error(Code.UNKNOWN_REFERENCE, f"unknown {kind} {quote(id_)}{self.hint(id_, known)}", path)

    def evidence_refs(self, ids: Iterable[str], path: Path) -> None:
        for i, e in enumerate(ids):
            self.ref("evidence", e, self.spec.evidence, (*path, "evidence", i))

    def claims(self, claims: Sequence[Any], path: Path) -> None:
        for i, c in enumerate(claims):
            self.evidence_refs(c.evidence, (*path, i))

    # -- the whole spec ---------------------------------------------------------------

    def run(self) -> Spec:
        spec = self.spec
        for name in spec.fields:
            if name in ACCOUNT_FIELDS or name in CONTACT_FIELDS:
                self.error(
                    Code.DUPLICATE_ID,
                    f"{quote(name)} is a standard field; a spec's own fields need other names",
                    ("fields", name),
                    on_key=True,
                )
        audiences = {
            aid: attrs.evolve(
                a,
                criteria=self.criteria(a.criteria, ("audiences", aid, "criteria"), Entity.ACCOUNT, {}),
            )
            for aid, a in spec.audiences.items()
        }
        segments = {}
        for sid, s in spec.segments.items():
            self.ref("audience", s.audience, spec.audiences, ("segments", sid, "audience"))
            crit = self.criteria(s.criteria, ("segments", sid, "criteria"), Entity.ACCOUNT, {})
            segments[sid] = attrs.evolve(s, criteria=crit)
        profiles = {pid: self.profile(pid) for pid in spec.profiles}
        personas = {}
        for pid, persona in spec.personas.items():
            base: Path = ("personas", pid)
            self.evidence_refs(persona.evidence, base)
            for key in ("goals", "pain_points", "objections"):
                self.claims(getattr(persona, key), (*base, key))
            crit = self.criteria(persona.criteria, (*base, "criteria"), Entity.CONTACT, {})
            personas[pid] = attrs.evolve(persona, criteria=crit)
        self.titles()
        return attrs.evolve(
            spec, audiences=audiences, segments=segments, profiles=profiles, personas=personas
        )

    def titles(self) -> None:
        """Each title-table phrase has words, and no two are one phrase once folded."""
        seen: dict[str, str] = {}
        for phrase in self.spec.titles:
            key = " ".join(tokens(phrase))
            path: Path = ("titles", phrase)
            if not key:
                self.error(
                    Code.DUPLICATE_ID,
                    f"the title phrase {quote(phrase)} has no words once case, accents and marks are"
                    " folded away; write it in Latin letters",
                    path,
                    on_key=True,
                )
            elif key in seen:
                self.error(
                    Code.DUPLICATE_ID,
                    f"the title phrase {quote(phrase)} is {quote(seen[key])} again once case and accents"
                    " are folded; keep one row",
                    path,
                    on_key=True,
                )
            else:
                seen[key] = phrase

    def profile(self, pid: str) -> Any:
        p = self.spec.profiles[pid]
        base: Path = ("profiles", pid)
        self.ref("segment", p.segment, self.spec.segments, (*base, "segment"))
        for i, persona in enumerate(p.personas):
            self.ref("persona", persona, self.spec.personas, (*base, "personas", i))
        seen: dict[str, Path] = {}
        criteria = self.criteria(p.criteria, (*base, "criteria"), Entity.ACCOUNT, seen)
        disqualifiers = self.disqualifiers(p.disqualifiers, (*base, "disqualifiers"), seen)
        self.claims(p.pain_points, (*base, "pain_points"))
        self.claims(p.jobs_to_be_done, (*base, "jobs_to_be_done"))
        if p.psychographics is not None:
            for key in ("values", "preferences", "culture"):
                self.claims(getattr(p.psychographics, key), (*base, "psychographics", key))
        if p.goals is not None:
            for key in ("short_term", "long_term"):
                self.claims(getattr(p.goals, key), (*base, "goals", key))
        for i, comp in enumerate(p.competitors):
            self.evidence_refs(comp.evidence, (*base, "competitors", i))
        bp = p.buying_process
        if bp is not None:
            self.evidence_refs(bp.evidence, (*base, "buying_process"))
            b = bp.budget
            if b is not None and b.min is not None and b.max is not None and b.min > b.max:
                self.error(
                    Code.EMPTY_RANGE,
                    "the budget's min is more than its max",
                    (*base, "buying_process", "budget"),
                )
        known = {**self.fields[Entity.ACCOUNT]}
        for i, ex in enumerate(p.examples):
            ex_path = (*base, "examples", i)
            if ex.tier is not None and ex.tier not in p.tiers:
                tiers = ", ".join(p.tiers)
                self.error(
                    Code.UNKNOWN_REFERENCE,
                    f"unknown tier {quote(ex.tier)}; the profile's tiers are {tiers}",
                    (*ex_path, "tier"),
                )
            for key in ex.record:
                if key not in known:
                    self.error(
                        Code.UNKNOWN_FIELD,
                        f"unknown account field {quote(key)} in the example record{self.hint(key, known)}",
                        (*ex_path, "record", key),
                        on_key=True,
                    )
        return attrs.evolve(p, criteria=criteria, disqualifiers=disqualifiers)


def check_semantics(
    spec: Spec, doc: LocatedDocument | None = None, *, file: str = "<spec>"
) -> tuple[Spec, list[Diagnostic]]:
    """Check ``spec`` against its meaning; return it normalised, and every problem found.

    With ``doc`` (the document it was loaded from), problems carry lines and
    columns; without, only JSON pointers.
    """
    checker = _Checker(spec, doc, doc.file if doc is not None else file)
    normalised = checker.run()
    return normalised, checker.diagnostics
