"""Hypothesis strategies that build valid :class:`icpspec.model.Spec` objects.

"Valid" means what the loader itself would produce: the spec passes the JSON
Schema once written out, ``check_semantics`` finds nothing wrong with it, and
its values are already in the normalised form the checks return (a date in a
date field is a ``datetime.date``, text in a text field is ``str``, a country
is an ISO 3166-1 alpha-2 code as written). So ``loads(dump(spec)) == spec`` is
the property to test, with no normalisation step between.

Text is deliberately nasty: strings YAML 1.1 or 1.2 would read as something
else (``NO``, ``0777``, ``12:30``, ``1e3``, ``~``, ``2026-09-30``…), YAML
syntax (``#``, ``: ``, ``- x``), quotes, newlines, padding, unicode and emoji.
Sizes are kept small so a few hundred examples run in seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from icpspec.model import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    DEFAULT_PERSONA_TIERS,
    DEFAULT_TIERS,
    AllOf,
    AnyOf,
    Between,
    Budget,
    BudgetPeriod,
    BuyerPersona,
    BuyingProcess,
    Claim,
    Company,
    Competitor,
    Condition,
    ContainsAll,
    ContainsAny,
    Criterion,
    DecisionStyle,
    Department,
    Disqualifier,
    Duration,
    Entity,
    Equals,
    Evidence,
    EvidenceSource,
    Exists,
    FieldCategory,
    FieldDefinition,
    FieldType,
    Goals,
    GoldenExample,
    In,
    Job,
    JobKind,
    Matches,
    MatchStatus,
    Max,
    Min,
    Not,
    NotIn,
    PersonaRole,
    Profile,
    ProfileStatus,
    Psychographics,
    RecordValue,
    Segment,
    Seniority,
    Spec,
    TargetAudience,
    TitleRow,
)
from icpspec.schema import ALLOWED_OPERATORS
from icpspec.titles import tokens

T = TypeVar("T")

__all__ = [
    "NASTY_IDS",
    "NASTY_TEXT",
    "conditions",
    "criteria_lists",
    "dates",
    "ids",
    "record_values",
    "specs",
    "texts",
]

# --- scalars ----------------------------------------------------------------------

#: Strings a YAML 1.1 or 1.2 reader, or a careless emitter, would get wrong.
NASTY_TEXT: tuple[str, ...] = (
    "NO", "no", "No", "n", "N", "y", "Y", "yes", "Yes", "on", "On", "ON", "off", "OFF",
    "true", "True", "TRUE", "false", "False",
    "null", "Null", "NULL", "~", "", " ", "  ",
    "0777", "0o17", "0x1F", "0b101", "012", "+1", "-1", "1_000", "1__0", "1.5", "1.", ".5", "-.5",
    "1e3", "1E3", "1.0e+16", "1e-05", ".inf", "-.inf", "+.INF", ".nan", ".NaN", "Infinity", "NaN",
    "12:30", "190:20:30", "1:20:30.5",
    "2026-09-30", "2026-02-30", "0000-01-01", "2026-9-3", "2026-09-30T12:30:00Z", "2026-09-30 12:30",
    "2026.3", "2026.10",
    "#", "# not a comment", "a #b", "a# b", ": ", "a: b", "a:b", "key:", "- x", "-", "--", "---", "...",
    "? x", "?", "[a, b]", "{a: b}", "[", "}", "&anchor", "*alias", "!tag", "!!str x", "%TAG", "@x", "`x",
    "|", ">", "|-\n x", "=", "<<", ",", "'", '"', "it's", 'say "hi"', "'quoted'", '"double"', "\\", "\\n",
    " leading", "trailing ", " both ", "\ttab", "tab\t", "a\nb", "a\n", "\nb", "a\n\nb", "a\r\nb",
    "\r", "line\u2028sep", "\u0085", "\u00a0nbsp", "\ufeffbom", "\x7f", "\x00", "\x1b[31mred\x1b[0m",
    "é", "Geschäftsführer", "日本語", "مرحبا", "🚀", "👩‍💻", "🏳️‍🌈", "a" * 99, "a " * 45,
)  # fmt: skip

#: Ids (``^[A-Za-z0-9][A-Za-z0-9_.-]*$``) that are also YAML-ambiguous scalars.
NASTY_IDS: tuple[str, ...] = (
    "NO", "no", "on", "off", "yes", "y", "n", "true", "True", "null", "Null", "NULL",
    "0", "00", "0777", "0o17", "0x1F", "0b1", "1_000", "1e3", "1.5", "1.", "1.0e-5",
    "2026-09-30", "2026-02-30", "2026.3", "inf", "nan", "A", "B", "C", "a" * 64,
)  # fmt: skip

_CHARS = st.characters(exclude_categories=("Cs",))  # every code point a str can hold in UTF-8

_any_text = st.text(_CHARS, max_size=12)


# Strategies are built once and shared (functools.cache): building and validating
# fresh strategy objects inside every draw costs more than drawing from them.


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 500) -> st.SearchStrategy[str]:
    """Short text, often nasty, ``min_size`` to ``max_size`` characters (the schema's bounds)."""
    strategy = st.one_of(
        st.sampled_from(NASTY_TEXT),
        _any_text,
        st.tuples(st.sampled_from(NASTY_TEXT), _any_text, st.sampled_from(NASTY_TEXT)).map("".join),
    )
    return strategy.filter(lambda s: min_size <= len(s) <= max_size)


_ID_RE = r"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,20}\Z"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

#: Ids of evidence, audiences, segments, profiles, personas, criteria and tiers.
ids: st.SearchStrategy[str] = st.one_of(st.sampled_from(NASTY_IDS), st.from_regex(_ID_RE))

_STANDARD_FIELDS = frozenset(ACCOUNT_FIELDS) | frozenset(CONTACT_FIELDS)
#: Names for a spec's own fields (``^[a-z][a-z0-9_]*$``), never a standard field's.
field_names: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(("no", "yes", "on", "off", "y", "n", "true", "false", "null", "e1", "x_1", "nan")),
    st.from_regex(r"\A[a-z][a-z0-9_]{0,15}\Z"),
).filter(lambda name: name not in _STANDARD_FIELDS)

#: Whole numbers within the loader's digit limit.
integers: st.SearchStrategy[int] = st.integers(min_value=-(10**18), max_value=10**18)
#: Finite floats, every magnitude.
floats: st.SearchStrategy[float] = st.floats(allow_nan=False, allow_infinity=False)
numbers: st.SearchStrategy[int | float] = st.one_of(integers, floats)
#: Whole numbers as an integer field takes them: ints, or floats with no fraction (``5.0``).
whole_numbers: st.SearchStrategy[int | float] = st.one_of(
    integers, st.integers(min_value=-(2**53), max_value=2**53).map(float)
)
#: Calendar dates, years 1 to 9999.
dates: st.SearchStrategy[dt.date] = st.dates()

_COUNTRIES = ("US", "NO", "GB", "DE", "FR", "ES", "CA", "JP", "BR", "IN", "XK", "CH", "AX", "YE")


def _country_codes() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 codes as a user may write them: any case, padded ("NO" is Norway)."""
    import pycountry

    codes = sorted({c.alpha_2 for c in pycountry.countries} | set(_COUNTRIES))
    code = st.one_of(st.sampled_from(_COUNTRIES), st.sampled_from(codes))
    return st.one_of(
        code,
        code.map(str.lower),
        st.tuples(st.sampled_from(("", " ", "\t")), code, st.sampled_from(("", " "))).map("".join),
    )


country_codes = st.deferred(_country_codes)

_URIS = (
    "https://example.com",
    "https://acme.example/icp?tier=A#NO",
    "http://[::1]:8080/x",
    "mailto:revops@acme.example",
    "https://bücher.example/ü",
    "ftp://ftp.example.org/data.csv",
    "https://example.com/a%20b/'quoted'",
)
uris: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(_URIS),
    st.builds(
        "https://{}.example/{}".format,
        st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\Z"),
        st.from_regex(r"\A[A-Za-z0-9._~/-]{0,16}\Z"),
    ),
)

durations: st.SearchStrategy[Duration] = st.builds(
    Duration, st.integers(min_value=1, max_value=9999), st.sampled_from(("d", "w", "m", "y"))
)

_PATTERNS = (
    "(?i)analytics",
    "^NO$",
    "[0-9]+",
    r"\d{3}-\d{4}",
    "a: b",
    "# x",
    "- x",
    "null",
    "~",
    "12:30",
    "é+|日本",
    "🚀",
    ".*",
    r"\bsaas\b",
    "'\"",
    "(?s)a.b",
)


def _re2_literal(text: str) -> str:
    """A pattern that matches ``text`` literally, in RE2 syntax (always compiles)."""
    out = []
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch.isascii() and ch.isprintable() and ch != " ":
            out.append("\\" + ch)  # RE2 allows escaping any ASCII punctuation
        else:
            out.append(f"\\x{{{ord(ch):X}}}")
    return "".join(out)


#: ``matches`` patterns: 1 to 1000 characters that RE2 compiles.
patterns: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(_PATTERNS),
    texts(min_size=1).map(_re2_literal).filter(lambda p: len(p) <= 1000),
)


@functools.cache
def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` or a value: every optional part present or absent."""
    return st.one_of(st.none(), strategy)


@functools.cache
def small_tuples(
    strategy: st.SearchStrategy[T], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[tuple[T, ...]]:
    """A short tuple (the model's collections are tuples)."""
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)


@functools.cache
def refs(known: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    """Evidence (or other) ids that resolve: a short tuple drawn from ``known``."""
    if not known:
        return st.just(())
    return small_tuples(st.sampled_from(known))


# --- conditions, criteria, disqualifiers --------------------------------------------


def _value(f: FieldDefinition) -> st.SearchStrategy[Any]:
    """A comparison value that fits the field's type, in normalised form."""
    if f.type == FieldType.INTEGER:
        return whole_numbers
    if f.type == FieldType.NUMBER:
        return numbers
    if f.type == FieldType.DATE:
        return dates
    if f.type == FieldType.BOOLEAN:
        return st.booleans()
    if f.type == FieldType.COUNTRY:
        return country_codes
    return texts()  # STRING, and the elements of STRING_LIST


def _bound(f: FieldDefinition) -> st.SearchStrategy[Any]:
    return dates if f.type == FieldType.DATE else _value(f)


def _ordered(pair: tuple[Any, Any]) -> tuple[Any, Any]:
    low, high = pair
    return (low, high) if low <= high else (high, low)


def _comparison(f: FieldDefinition, op: str) -> st.SearchStrategy[Condition]:
    name = f.id
    if op == "equals":
        return st.builds(Equals, st.just(name), _value(f))
    if op in ("in", "not_in"):
        cls = In if op == "in" else NotIn
        return st.builds(cls, st.just(name), small_tuples(_value(f), max_size=4))
    if op in ("min", "max"):
        return st.builds(Min if op == "min" else Max, st.just(name), _bound(f))
    if op == "between":
        return st.tuples(_bound(f), _bound(f)).map(_ordered).map(lambda b: Between(name, *b))
    if op in ("contains_any", "contains_all"):
        cls2 = ContainsAny if op == "contains_any" else ContainsAll
        return st.builds(cls2, st.just(name), small_tuples(texts(min_size=1), min_size=1, max_size=4))
    if op == "matches":
        return st.builds(Matches, st.just(name), patterns)
    assert op == "exists", op
    return st.builds(Exists, st.just(name), st.booleans())


@functools.cache
def field_comparisons(f: FieldDefinition) -> st.SearchStrategy[Condition]:
    """One comparison on field ``f``, with any operator its type allows."""
    return st.one_of([_comparison(f, op) for op in sorted(ALLOWED_OPERATORS[f.type])])


@functools.cache
def conditions(fields: tuple[FieldDefinition, ...]) -> st.SearchStrategy[Condition]:
    """A comparison on one of ``fields``, or ``all`` / ``any`` / ``not`` nested a few levels deep."""
    return st.recursive(
        st.one_of([field_comparisons(f) for f in fields]),
        lambda inner: st.one_of(
            st.builds(AllOf, small_tuples(inner, min_size=1)),
            st.builds(AnyOf, small_tuples(inner, min_size=1)),
            st.builds(Not, inner),
        ),
        max_leaves=5,
    )


def _field_of(cond: Condition) -> str | None:
    return getattr(cond, "field", None)


def _assign_ids(draw: st.DrawFn, conds: Sequence[Condition], used: set[str]) -> list[str]:
    """An id per condition, unique in ``used``: often its field's name (then omitted in files)."""
    out = []
    for cond in conds:
        field = _field_of(cond)
        if field is not None and field not in used and draw(st.booleans()):
            id_ = field
        else:
            id_, base, n = draw(ids), "", 0
            while id_ in used:  # keep it unique, and a valid id of at most 64 characters
                base, n = base or id_[:56], n + 1
                id_ = f"{base}-{n}"
        used.add(id_)
        out.append(id_)
    return out


#: Criterion weights: more than 0, at most 1,000,000 (integral ones are written as ints).
weights: st.SearchStrategy[float] = st.one_of(
    st.just(1.0),
    st.integers(min_value=1, max_value=1000).map(float),
    st.floats(min_value=0, max_value=1_000_000, exclude_min=True),
)


@st.composite
def criteria_lists(
    draw: st.DrawFn,
    fields: tuple[FieldDefinition, ...],
    evidence: tuple[str, ...] = (),
    used: set[str] | None = None,
    max_size: int = 3,
) -> tuple[Criterion, ...]:
    """Criteria on ``fields`` with ids unique within the list (and within ``used``)."""
    conds = draw(st.lists(conditions(fields), max_size=max_size))
    names = _assign_ids(draw, conds, set() if used is None else used)
    return tuple(
        Criterion(
            id=id_,
            condition=cond,
            weight=draw(weights),
            required=draw(st.booleans()),
            evidence=draw(refs(evidence)),
            description=draw(optional(texts())),
        )
        for id_, cond in zip(names, conds, strict=True)
    )


@st.composite
def disqualifier_lists(
    draw: st.DrawFn, fields: tuple[FieldDefinition, ...], evidence: tuple[str, ...], used: set[str]
) -> tuple[Disqualifier, ...]:
    """Disqualifiers whose ids are unique among themselves and the profile's criteria."""
    conds = draw(st.lists(conditions(fields), max_size=2))
    names = _assign_ids(draw, conds, used)
    return tuple(
        Disqualifier(id=id_, condition=cond, reason=draw(texts(min_size=1)), evidence=draw(refs(evidence)))
        for id_, cond in zip(names, conds, strict=True)
    )


# --- the qualitative picture -------------------------------------------------------


@functools.cache
def claims(evidence: tuple[str, ...]) -> st.SearchStrategy[Claim]:
    """A claim with or without evidence (without, it is written as plain text)."""
    return st.builds(Claim, texts(min_size=1), st.one_of(st.just(()), refs(evidence)))


@functools.cache
def _claim_lists(evidence: tuple[str, ...]) -> st.SearchStrategy[tuple[Claim, ...]]:
    return small_tuples(claims(evidence))


_words = small_tuples(texts(min_size=1))


@functools.cache
def buying_processes(evidence: tuple[str, ...]) -> st.SearchStrategy[BuyingProcess]:
    """A buying process with any of its parts, and a budget whose min is at most its max."""
    amounts = st.one_of(
        st.integers(min_value=0, max_value=10**9).map(float), st.floats(min_value=0, max_value=1e12)
    )

    def budget(pair: tuple[float | None, float | None], currency: str, per: BudgetPeriod) -> Budget:
        low, high = pair
        if low is not None and high is not None and low > high:
            low, high = high, low
        return Budget(min=low, max=high, currency=currency, per=per)

    budgets = st.builds(
        budget,
        st.tuples(optional(amounts), optional(amounts)),
        st.one_of(st.just("USD"), st.from_regex(r"\A[A-Z]{3}\Z")),
        st.sampled_from(BudgetPeriod),
    )
    return st.builds(
        BuyingProcess,
        decision_makers=_words,
        influencers=_words,
        evaluation_criteria=_words,
        decision_style=optional(st.sampled_from(DecisionStyle)),
        budget=optional(budgets),
        steps=_words,
        channels=_words,
        sales_cycle=optional(durations),
        evidence=refs(evidence),
    )


# --- golden example records -----------------------------------------------------------

_json_scalars: st.SearchStrategy[RecordValue] = st.one_of(st.none(), st.booleans(), integers, floats, texts())
_json_values: st.SearchStrategy[RecordValue] = st.recursive(
    _json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(texts(max_size=50), inner, max_size=3),
    ),
    max_leaves=6,
)
#: A record value: every JSON type; objects only inside lists (the schema refuses them at the top).
record_values: st.SearchStrategy[RecordValue] = st.one_of(_json_scalars, st.lists(_json_values, max_size=3))


@st.composite
def records(draw: st.DrawFn, fields: tuple[str, ...]) -> dict[str, RecordValue]:
    """A record over known account fields; sometimes one list object shared by two fields."""
    keys = draw(st.lists(st.sampled_from(fields), unique=True, max_size=4))
    record = {key: draw(record_values) for key in keys}
    if len(keys) >= 2 and draw(st.booleans()):
        shared: list[RecordValue] = draw(st.lists(_json_values, max_size=2))
        record[keys[0]] = record[keys[1]] = shared  # the same object twice: no YAML alias may appear
    return record


@st.composite
def golden_examples(draw: st.DrawFn, fields: tuple[str, ...], tiers: tuple[str, ...]) -> GoldenExample:
    """A golden example expecting a tier of the profile, a status, or both."""
    tier = draw(optional(st.sampled_from(tiers)))
    # no_fit is a best match's answer over several profiles, never one profile's: no example expects it.
    statuses = st.sampled_from([s for s in MatchStatus if s != MatchStatus.NO_FIT])
    status = draw(statuses if tier is None else optional(statuses))
    return GoldenExample(
        record=draw(records(fields)), tier=tier, status=status, name=draw(optional(texts(min_size=1)))
    )


# --- the collections keyed by id ----------------------------------------------------------


def keyed(id_strategy: st.SearchStrategy[str], max_size: int = 2) -> st.SearchStrategy[list[str]]:
    """Unique ids for a mapping keyed by id."""
    return st.lists(id_strategy, unique=True, max_size=max_size)


def field_definitions(name: str) -> st.SearchStrategy[FieldDefinition]:
    """A spec's own field named ``name``."""
    return st.builds(
        FieldDefinition,
        id=st.just(name),
        type=st.sampled_from(FieldType),
        description=optional(texts()),
        aliases=small_tuples(texts(min_size=1, max_size=256)),
        entity=st.sampled_from(Entity),
        category=st.sampled_from(FieldCategory),
    )


def evidence_entries(id_: str) -> st.SearchStrategy[Evidence]:
    """An evidence entry with any of its optional parts."""
    return st.builds(
        Evidence,
        id=st.just(id_),
        source=st.sampled_from(EvidenceSource),
        summary=optional(texts()),
        sample_size=optional(st.integers(min_value=0, max_value=10**12)),
        collected=optional(dates),
        link=optional(uris),
    )


_tier_scores = st.one_of(st.integers(0, 100).map(float), st.floats(min_value=0, max_value=100))
_tiers = optional(st.dictionaries(ids, _tier_scores, min_size=1, max_size=3))
_coverages = st.one_of(st.just(0.0), st.just(1.0), st.floats(min_value=0, max_value=1))
_jobs = functools.cache(
    lambda evidence: small_tuples(st.builds(Job, texts(min_size=1), st.sampled_from(JobKind), refs(evidence)))
)
_competitors = functools.cache(
    lambda evidence: small_tuples(
        st.builds(Competitor, texts(min_size=1), optional(uris), optional(texts()), refs(evidence))
    )
)


@st.composite
def profiles(
    draw: st.DrawFn,
    id_: str,
    accounts: tuple[FieldDefinition, ...],
    evidence: tuple[str, ...],
    *,
    segments: tuple[str, ...],
    personas: tuple[str, ...],
) -> Profile:
    """A profile whose references resolve and whose criterion and disqualifier ids are unique."""
    used: set[str] = set()
    criteria = draw(criteria_lists(accounts, evidence, used))
    disqualifiers = draw(disqualifier_lists(accounts, evidence, used))
    tiers = draw(_tiers)
    tier_names = tuple(sorted(tiers if tiers is not None else DEFAULT_TIERS))
    claim_lists = _claim_lists(evidence)
    return Profile(
        id=id_,
        name=draw(optional(texts(min_size=1))),
        description=draw(optional(texts())),
        segment=draw(optional(st.sampled_from(segments))) if segments else None,
        status=draw(st.sampled_from(ProfileStatus)),
        owner=draw(optional(texts(min_size=1))),
        reviewed=draw(optional(dates)),
        review_every=draw(optional(durations)),
        criteria=criteria,
        disqualifiers=disqualifiers,
        tiers=dict(DEFAULT_TIERS) if tiers is None else tiers,
        min_coverage=draw(_coverages),
        psychographics=draw(optional(st.builds(Psychographics, claim_lists, claim_lists, claim_lists))),
        goals=draw(optional(st.builds(Goals, claim_lists, claim_lists))),
        pain_points=draw(claim_lists),
        jobs_to_be_done=draw(_jobs(evidence)),
        buying_process=draw(optional(buying_processes(evidence))),
        competitors=draw(_competitors(evidence)),
        personas=draw(refs(personas)),
        test_plan=draw(optional(texts())),
        examples=draw(small_tuples(golden_examples(tuple(f.id for f in accounts), tier_names), max_size=2)),
    )


@st.composite
def buyer_personas(
    draw: st.DrawFn, id_: str, contacts: tuple[FieldDefinition, ...], evidence: tuple[str, ...]
) -> BuyerPersona:
    """A buyer persona with any of its parts; criteria read contact fields."""
    claim_lists = _claim_lists(evidence)
    return BuyerPersona(
        id=id_,
        name=draw(optional(texts(min_size=1))),
        description=draw(optional(texts())),
        role=draw(optional(st.sampled_from(PersonaRole))),
        seniority=draw(small_tuples(st.sampled_from(Seniority))),
        departments=draw(small_tuples(st.sampled_from(Department))),
        titles=draw(_words),
        criteria=draw(criteria_lists(contacts, evidence, max_size=2)),
        tiers=draw(_tiers.map(lambda t: dict(DEFAULT_PERSONA_TIERS) if t is None else t)),
        min_coverage=draw(_coverages),
        goals=draw(claim_lists),
        pain_points=draw(claim_lists),
        channels=draw(_words),
        objections=draw(claim_lists),
        evidence=draw(refs(evidence)),
    )


#: Title phrases: real ones (some the shipped tables have), and nasty text with a letter in it.
_title_phrases = st.one_of(
    st.sampled_from(("Revenue Architect", "Partner", "Geschäftsführer", "VP", "no", "Leiter*in", "CTO")),
    st.text(alphabet="abcdeéÜß -./&(", min_size=1, max_size=40),
    texts(min_size=1, max_size=200),
).filter(lambda phrase: bool(tokens(phrase)))


@st.composite
def title_tables(draw: st.DrawFn) -> dict[str, TitleRow]:
    """A spec's ``titles:`` rows: phrases distinct once folded, any values and flags."""
    rows: dict[str, TitleRow] = {}
    keys: set[str] = set()
    for phrase in draw(st.lists(_title_phrases, max_size=3)):
        key = " ".join(tokens(phrase))
        if key in keys:
            continue
        keys.add(key)
        rows[phrase] = TitleRow(
            phrase,
            seniority=draw(optional(st.sampled_from(Seniority))),
            department=draw(optional(st.sampled_from(Department))),
            role=draw(st.booleans()),
            stop=draw(st.booleans()),
            junior=draw(st.booleans()),
        )
    return rows


def _pool(own: dict[str, FieldDefinition], entity: Entity) -> tuple[FieldDefinition, ...]:
    standard = ACCOUNT_FIELDS if entity == Entity.ACCOUNT else CONTACT_FIELDS
    return (*standard.values(), *(f for f in own.values() if f.entity == entity))


_companies = optional(
    st.builds(Company, texts(min_size=1), optional(texts()), optional(uris), optional(texts()))
)


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    """A whole valid spec: every optional part present or absent, every reference resolving."""
    own_fields = {name: draw(field_definitions(name)) for name in draw(keyed(field_names, 3))}
    accounts, contacts = _pool(own_fields, Entity.ACCOUNT), _pool(own_fields, Entity.CONTACT)

    evidence = {id_: draw(evidence_entries(id_)) for id_ in draw(keyed(ids, 3))}
    ev = tuple(evidence)

    audiences = {
        id_: TargetAudience(
            id=id_,
            name=draw(optional(texts(min_size=1))),
            description=draw(optional(texts())),
            criteria=draw(criteria_lists(accounts, ev, max_size=2)),
        )
        for id_ in draw(keyed(ids))
    }
    segments = {
        id_: Segment(
            id=id_,
            name=draw(optional(texts(min_size=1))),
            audience=draw(optional(st.sampled_from(tuple(audiences)))) if audiences else None,
            description=draw(optional(texts())),
            criteria=draw(criteria_lists(accounts, ev, max_size=2)),
        )
        for id_ in draw(keyed(ids))
    }
    personas = {id_: draw(buyer_personas(id_, contacts, ev)) for id_ in draw(keyed(ids))}
    profile_map = {
        id_: draw(profiles(id_, accounts, ev, segments=tuple(segments), personas=tuple(personas)))
        for id_ in draw(keyed(ids))
    }
    return Spec(
        icpspec=1,
        # One line without control characters (C0, DEL, C1), as the schema says.
        version=draw(optional(texts(min_size=1, max_size=100).filter(lambda v: not _CONTROL.search(v)))),
        company=draw(_companies),
        fields=own_fields,
        evidence=evidence,
        audiences=audiences,
        segments=segments,
        profiles=profile_map,
        personas=personas,
        titles=draw(title_tables()),
    )


class ListKeys(Mapping[str, object]):
    """A mapping whose keys() is a list, as some Mapping classes have."""

    def __init__(self, d: dict[str, object]) -> None:
        self.d = d

    def __getitem__(self, key: str) -> object:
        return self.d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.d)

    def __len__(self) -> int:
        return len(self.d)

    def keys(self) -> list[str]:  # type: ignore[override]
        return list(self.d)
