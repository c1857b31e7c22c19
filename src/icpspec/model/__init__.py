"""The domain model: typed, frozen ``attrs`` classes for everything in a spec."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .conditions import (
    OPERATORS,
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Criterion,
    Disqualifier,
    Equals,
    Exists,
    In,
    Matches,
    Max,
    Min,
    Not,
    NotIn,
    Value,
)
from .duration import Duration
from .fields import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    Entity,
    FieldCategory,
    FieldDefinition,
    FieldType,
    normalize_column_name,
    resolve_fields,
)
from .spec import (
    DEFAULT_TIERS,
    Budget,
    BudgetPeriod,
    BuyerPersona,
    BuyingProcess,
    Claim,
    Company,
    Competitor,
    DecisionStyle,
    Department,
    Evidence,
    EvidenceSource,
    Goals,
    GoldenExample,
    Job,
    JobKind,
    MatchStatus,
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


def to_plain(spec: Spec) -> dict[str, Any]:
    """The JSON-compatible data a spec is written as (what ``icpspec.dump`` writes)."""
    from ._converter import to_plain as unstructure

    return unstructure(spec)


def from_plain(data: Mapping[str, Any]) -> Spec:
    """Build a spec from schema-valid plain data (``$schema`` is ignored); no checks beyond types."""
    from ._converter import from_plain as structure

    return structure(data)


__all__ = [
    "ACCOUNT_FIELDS",
    "CONTACT_FIELDS",
    "DEFAULT_TIERS",
    "OPERATORS",
    "AllOf",
    "AnyOf",
    "Between",
    "Budget",
    "BudgetPeriod",
    "BuyerPersona",
    "BuyingProcess",
    "Claim",
    "Company",
    "Competitor",
    "Condition",
    "ContainsAll",
    "ContainsAny",
    "Criterion",
    "DecisionStyle",
    "Department",
    "Disqualifier",
    "Duration",
    "Entity",
    "Equals",
    "Evidence",
    "EvidenceSource",
    "Exists",
    "FieldCategory",
    "FieldDefinition",
    "FieldType",
    "Goals",
    "GoldenExample",
    "In",
    "Job",
    "JobKind",
    "MatchStatus",
    "Matches",
    "Max",
    "Min",
    "Not",
    "NotIn",
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
    "Value",
    "from_plain",
    "normalize_column_name",
    "resolve_fields",
    "to_plain",
]
