"""The spec document and everything in it, from the company to the golden examples.

Order of narrowing, broadest first: a :class:`TargetAudience` (the broad
market), a :class:`Segment` inside it, one :class:`Profile` (the ICP) per
segment, and the :class:`BuyerPersona` people inside such companies.
Collections referred to by id are mappings keyed by id in the file; each
object also carries its ``id``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TypeAlias

import attrs

from .conditions import Criterion, Disqualifier
from .duration import Duration
from .fields import FieldDefinition

__all__ = [
    "DEFAULT_TIERS",
    "Budget",
    "BudgetPeriod",
    "BuyerPersona",
    "BuyingProcess",
    "Claim",
    "Company",
    "Competitor",
    "DecisionStyle",
    "Department",
    "Evidence",
    "EvidenceSource",
    "Goals",
    "GoldenExample",
    "Job",
    "JobKind",
    "MatchStatus",
    "PersonaRole",
    "Profile",
    "ProfileStatus",
    "Psychographics",
    "RecordValue",
    "Segment",
    "Seniority",
    "Spec",
    "TargetAudience",
    "TitleRow",
]


class EvidenceSource(enum.StrEnum):
    """Where a claim comes from; ``assumption`` means from nowhere yet."""

    CUSTOMER_DATA = "customer_data"
    CRM = "crm"
    INTERVIEW = "interview"
    SURVEY = "survey"
    CUSTOMER_FEEDBACK = "customer_feedback"
    WIN_LOSS = "win_loss"
    MARKET_RESEARCH = "market_research"
    COMPETITOR_ANALYSIS = "competitor_analysis"
    ANALYTICS = "analytics"
    ASSUMPTION = "assumption"


class ProfileStatus(enum.StrEnum):
    """Lifecycle of a profile: ``hypothesis`` → ``draft`` → ``validated`` → ``retired``."""

    HYPOTHESIS = "hypothesis"
    DRAFT = "draft"
    VALIDATED = "validated"
    RETIRED = "retired"


class JobKind(enum.StrEnum):
    """The kind of a job to be done."""

    FUNCTIONAL = "functional"
    EMOTIONAL = "emotional"
    SOCIAL = "social"


class DecisionStyle(enum.StrEnum):
    """How a buying decision is made."""

    INDIVIDUAL = "individual"
    CONSENSUS = "consensus"
    COMMITTEE = "committee"
    TOP_DOWN = "top_down"
    BOTTOM_UP = "bottom_up"


class BudgetPeriod(enum.StrEnum):
    """What period a budget covers."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    ONE_TIME = "one_time"


class PersonaRole(enum.StrEnum):
    """A persona's role in the purchase."""

    DECISION_MAKER = "decision_maker"
    ECONOMIC_BUYER = "economic_buyer"
    CHAMPION = "champion"
    INFLUENCER = "influencer"
    USER = "user"
    BLOCKER = "blocker"


class Seniority(enum.StrEnum):
    """Job level, highest first."""

    OWNER = "owner"
    C_LEVEL = "c_level"
    VP = "vp"
    DIRECTOR = "director"
    HEAD = "head"
    MANAGER = "manager"
    SENIOR = "senior"
    ENTRY = "entry"
    INTERN = "intern"


class Department(enum.StrEnum):
    """Job function."""

    EXECUTIVE = "executive"
    SALES = "sales"
    MARKETING = "marketing"
    BUSINESS_DEVELOPMENT = "business_development"
    CUSTOMER_SUCCESS = "customer_success"
    ENGINEERING = "engineering"
    INFORMATION_TECHNOLOGY = "information_technology"
    PRODUCT = "product"
    DATA = "data"
    FINANCE = "finance"
    HUMAN_RESOURCES = "human_resources"
    OPERATIONS = "operations"
    LEGAL = "legal"
    PURCHASING = "purchasing"
    PROJECT_MANAGEMENT = "project_management"
    CONSULTING = "consulting"
    ADMINISTRATIVE = "administrative"
    OTHER = "other"


class MatchStatus(enum.StrEnum):
    """The status of a match, and the outcome a golden example expects."""

    SCORED = "scored"
    DISQUALIFIED = "disqualified"
    REQUIRED_FAILED = "required_failed"
    INSUFFICIENT_DATA = "insufficient_data"
    #: Only for the best match over several profiles (or personas): none of them fits
    #: (a profile fits when it is ``scored`` and reaches a tier). Never a golden example's.
    NO_FIT = "no_fit"


#: Tiers a profile gets when it names none: highest threshold first.
DEFAULT_TIERS: Mapping[str, float] = {"A": 75.0, "B": 50.0, "C": 0.0}

#: A value in a golden example's record: a scalar, or a list (the schema's shape).
#: A value in a golden example's record: a scalar or a list, as the schema allows
#: (a mapping is no field value).
RecordValue: TypeAlias = "str | int | float | bool | list[object] | None"


def _default_tiers() -> dict[str, float]:
    return dict(DEFAULT_TIERS)


@attrs.frozen
class Claim:
    """A qualitative statement (a value, goal, pain point…) and the evidence for it.

    In a file, a claim without evidence may be written as plain text.
    """

    statement: str
    evidence: tuple[str, ...] = ()


@attrs.frozen
class Job:
    """A job to be done: what the customer is trying to get done, and of which kind."""

    statement: str
    kind: JobKind = JobKind.FUNCTIONAL
    evidence: tuple[str, ...] = ()


@attrs.frozen
class Evidence:
    """A source of evidence that claims and criteria cite by id."""

    id: str
    source: EvidenceSource
    summary: str | None = None
    sample_size: int | None = None
    collected: dt.date | None = None
    link: str | None = None


@attrs.frozen
class Company:
    """The company whose ICP this is."""

    name: str
    offering: str | None = None
    website: str | None = None
    description: str | None = None


@attrs.frozen
class TargetAudience:
    """The broad market that could buy; criteria only."""

    id: str
    name: str | None = None
    description: str | None = None
    criteria: tuple[Criterion, ...] = ()


@attrs.frozen
class Segment:
    """One market segment inside an audience; each segment gets its own profile."""

    id: str
    name: str | None = None
    audience: str | None = None
    description: str | None = None
    criteria: tuple[Criterion, ...] = ()


@attrs.frozen
class Psychographics:
    """Values, preferences and culture of the ideal customer."""

    values: tuple[Claim, ...] = ()
    preferences: tuple[Claim, ...] = ()
    culture: tuple[Claim, ...] = ()


@attrs.frozen
class Goals:
    """What the ideal customer wants to achieve, soon and in the long run."""

    short_term: tuple[Claim, ...] = ()
    long_term: tuple[Claim, ...] = ()


@attrs.frozen
class Budget:
    """A budget range in one currency (ISO 4217) per period."""

    min: float | None = None
    max: float | None = None
    currency: str = "USD"
    per: BudgetPeriod = BudgetPeriod.YEAR


@attrs.frozen
class BuyingProcess:
    """How the ideal customer buys: who decides, on what, how, with what budget."""

    decision_makers: tuple[str, ...] = ()
    influencers: tuple[str, ...] = ()
    evaluation_criteria: tuple[str, ...] = ()
    decision_style: DecisionStyle | None = None
    budget: Budget | None = None
    steps: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    sales_cycle: Duration | None = None
    evidence: tuple[str, ...] = ()


@attrs.frozen
class Competitor:
    """A competitor the ideal customer also considers."""

    name: str
    website: str | None = None
    notes: str | None = None
    evidence: tuple[str, ...] = ()


@attrs.frozen
class GoldenExample:
    """A record with the outcome the profile must give it: the ICP's regression test.

    Give ``tier`` for a record that must score into that tier, or ``status``
    for any other outcome (``disqualified``, ``required_failed``,
    ``insufficient_data``).
    """

    record: dict[str, RecordValue]
    tier: str | None = None
    status: MatchStatus | None = None
    name: str | None = None


@attrs.frozen
class Profile:
    """The ideal customer profile (ICP) of one segment.

    Criteria, disqualifiers and tiers score accounts; the qualitative picture
    (psychographics, goals, pain points, jobs, buying process, competitors)
    sits beside them, every claim able to cite evidence.
    """

    id: str
    name: str | None = None
    description: str | None = None
    segment: str | None = None
    status: ProfileStatus = ProfileStatus.DRAFT
    owner: str | None = None
    reviewed: dt.date | None = None
    review_every: Duration | None = None
    criteria: tuple[Criterion, ...] = ()
    disqualifiers: tuple[Disqualifier, ...] = ()
    tiers: dict[str, float] = attrs.field(factory=_default_tiers)
    min_coverage: float = 0.0
    psychographics: Psychographics | None = None
    goals: Goals | None = None
    pain_points: tuple[Claim, ...] = ()
    jobs_to_be_done: tuple[Job, ...] = ()
    buying_process: BuyingProcess | None = None
    competitors: tuple[Competitor, ...] = ()
    personas: tuple[str, ...] = ()
    test_plan: str | None = None
    examples: tuple[GoldenExample, ...] = ()
    # The spec this profile was built in, set by that spec (see Spec.__attrs_post_init__).
    # Not part of the profile's value: excluded from init, eq, repr, and so from the
    # converter, the file format and the schema.
    _spec: Spec | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def spec(self) -> Spec | None:
        """The spec this profile belongs to; ``None`` for a profile built on its own.

        A profile read from a file, or put in a :class:`Spec`, knows its spec,
        so an engine given only the profile still reads the spec's declared
        ``fields:`` and stamps results with the spec's version. A copy made
        with :func:`attrs.evolve` is a new profile and belongs to no spec.
        """
        return self._spec


@attrs.frozen
class BuyerPersona:
    """An ideal person inside such a company, and their role in the purchase."""

    id: str
    name: str | None = None
    description: str | None = None
    role: PersonaRole | None = None
    seniority: tuple[Seniority, ...] = ()
    departments: tuple[Department, ...] = ()
    titles: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    goals: tuple[Claim, ...] = ()
    pain_points: tuple[Claim, ...] = ()
    channels: tuple[str, ...] = ()
    objections: tuple[Claim, ...] = ()
    evidence: tuple[str, ...] = ()


@attrs.frozen
class TitleRow:
    """One row of the spec's own job-title table: a phrase and what it says about a title.

    The columns of the shipped tables (``phrase | seniority | department |
    flags``): ``role`` marks a generic role noun whose department counts only
    when no other word names one, ``stop`` a phrase after which the words
    describe someone else (``assistant to``), ``junior`` a phrase that lowers
    ``manager`` to ``entry``. A row extends the shipped tables; a row whose
    phrase (case- and accent-folded) is also a shipped one replaces it.
    """

    phrase: str
    seniority: Seniority | None = None
    department: Department | None = None
    role: bool = False
    stop: bool = False
    junior: bool = False


@attrs.frozen
class Spec:
    """A whole spec document (``icpspec: 1``)."""

    icpspec: int = 1
    version: str | None = None
    company: Company | None = None
    fields: dict[str, FieldDefinition] = attrs.field(factory=dict)
    evidence: dict[str, Evidence] = attrs.field(factory=dict)
    audiences: dict[str, TargetAudience] = attrs.field(factory=dict)
    segments: dict[str, Segment] = attrs.field(factory=dict)
    profiles: dict[str, Profile] = attrs.field(factory=dict)
    personas: dict[str, BuyerPersona] = attrs.field(factory=dict)
    titles: dict[str, TitleRow] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        # Each profile learns its spec. A profile that belongs to another spec
        # already (shared between specs, or a spec made by attrs.evolve) is
        # copied, so that every spec's profiles point back at that spec.
        profiles = {}
        for key, given in self.profiles.items():
            owner = given._spec
            profile = attrs.evolve(given) if owner is not None and owner is not self else given
            object.__setattr__(profile, "_spec", self)
            profiles[key] = profile
        object.__setattr__(self, "profiles", profiles)
