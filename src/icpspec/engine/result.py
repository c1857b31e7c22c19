"""What a match returns: the result and, on demand, its explanation."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from icpspec.model import (
    AllOf,
    AnyOf,
    Condition,
    Criterion,
    Disqualifier,
    FieldDefinition,
    MatchStatus,
    Not,
    Profile,
)

from .compile import ResultBuilder
from .reference import MATCHED, MISSED, evaluate

__all__ = ["MatchResult", "Outcome", "Verdict"]


class Verdict(enum.StrEnum):
    """The outcome of one condition on one record."""

    MATCHED = "matched"
    MISSED = "missed"
    UNKNOWN = "unknown"


_VERDICTS = {MATCHED: Verdict.MATCHED, MISSED: Verdict.MISSED}


def _verdict(code: int) -> Verdict:
    return _VERDICTS.get(code, Verdict.UNKNOWN)


def _plain(value: object) -> object:
    """A JSON-friendly form of a record value seen."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN or infinity: "nan", "inf"
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


@attrs.frozen
class Outcome:
    """How one criterion, disqualifier or part of a combinator came out on a record.

    ``value`` is the record's value as it was seen (before reading it as the
    field's type); combinators have no field or value but ``parts``.
    """

    id: str
    kind: Literal["criterion", "disqualifier", "part"]
    field: str | None
    verdict: Verdict
    value: object
    weight: float = 0.0
    required: bool = False
    parts: tuple[Outcome, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible mapping."""
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "field": self.field,
            "verdict": self.verdict.value,
            "value": _plain(self.value),
        }
        if self.kind == "criterion":
            out["weight"] = self.weight
        if self.kind == "criterion":
            out["required"] = self.required
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out


@attrs.frozen
class MatchPlan:
    """What every result of one compiled profile shares: ids, weights, fields."""

    profile: Profile
    fields: Mapping[str, FieldDefinition]
    seen_fields: tuple[str, ...]
    spec_version: str


def _parts(
    cond: Condition, record: Mapping[str, object], fields: Mapping[str, FieldDefinition], prefix: str
) -> tuple[Outcome, ...]:
    if isinstance(cond, AllOf | AnyOf):
        children: tuple[Condition, ...] = cond.conditions
    elif isinstance(cond, Not):
        children = (cond.condition,)
    else:
        return ()
    out = []
    for i, child in enumerate(children):
        pid = f"{prefix}[{i}]"
        field = getattr(child, "field", None)
        out.append(
            Outcome(
                id=pid,
                kind="part",
                field=field,
                verdict=_verdict(evaluate(child, record, fields)),
                value=record.get(field) if field else None,
                parts=_parts(child, record, fields, pid),
            )
        )
    return tuple(out)


@attrs.frozen(repr=False, hash=False, weakref_slot=False)
class MatchResult:
    """The result of matching one record against one profile.

    ``score`` is 0 to 100, ``coverage`` 0 to 1; ``tier`` is set only when
    ``status`` is ``scored``; ``codes`` are the outcomes in compact form (1
    matched, 0 missed, 2 unknown; criteria, then disqualifiers).
    ``outcomes`` explains the result, one :class:`Outcome` per criterion then
    per disqualifier, built on first access: a caller who reads only the
    score does not pay for it.

    A result keeps a reference to the record it matched, not a copy (copies
    of millions of records are what makes batch scoring slow), so
    ``outcomes`` shows the record's values as they are when first read. Copy
    a record before changing it if an earlier result must still explain it.
    Results compare equal when they come from equal profiles and records;
    they are not hashable (record values may not be).
    """

    score: float
    tier: str | None
    status: MatchStatus
    coverage: float
    codes: tuple[int, ...]
    _record: Mapping[str, object]
    _plan: MatchPlan

    @property
    def profile(self) -> str:
        """The id of the profile matched against."""
        return self._plan.profile.id

    @property
    def spec_version(self) -> str:
        """The spec's ``version`` and a short hash of its canonical form: ``2026.3+1a2b3c4d5e6f``."""
        return self._plan.spec_version

    @property
    def disqualified_by(self) -> tuple[str, ...]:
        """Ids of the disqualifiers that matched."""
        criteria = len(self._plan.profile.criteria)
        return tuple(
            d.id
            for d, code in zip(self._plan.profile.disqualifiers, self.codes[criteria:], strict=True)
            if code == MATCHED
        )

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """One :class:`Verdict` per criterion, then per disqualifier, without the explanation."""
        return tuple(map(_verdict, self.codes))

    @functools.cached_property
    def outcomes(self) -> tuple[Outcome, ...]:
        """One outcome per criterion, then per disqualifier, with combinators' parts."""
        return _explain(self)

    def __repr__(self) -> str:
        return (
            f"MatchResult(profile={self.profile!r}, score={self.score!r}, tier={self.tier!r}, "
            f"status={self.status.value!r}, coverage={self.coverage!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible mapping of the whole result, explanation included."""
        return {
            "profile": self.profile,
            "score": self.score,
            "tier": self.tier,
            "status": self.status.value,
            "coverage": self.coverage,
            "disqualified_by": list(self.disqualified_by),
            "spec_version": self.spec_version,
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


def _explain(result: MatchResult) -> tuple[Outcome, ...]:
    plan = result._plan
    record = result._record
    profile = plan.profile
    out: list[Outcome] = []
    items: list[tuple[Criterion | Disqualifier, str]] = [(c, "criterion") for c in profile.criteria]
    items += [(d, "disqualifier") for d in profile.disqualifiers]
    for (item, kind), code in zip(items, result.codes, strict=True):
        field = getattr(item.condition, "field", None)
        out.append(
            Outcome(
                id=item.id,
                kind=kind,  # type: ignore[arg-type]
                field=field,
                verdict=_verdict(code),
                value=record.get(field) if field else None,
                weight=getattr(item, "weight", 0.0),
                required=getattr(item, "required", False),
                parts=_parts(item.condition, record, plan.fields, item.id),
            )
        )
    return tuple(out)


def result_builder(plan: MatchPlan) -> ResultBuilder:
    """What generated code needs to build results of ``plan`` without calling ``__init__``.

    Setting the slots directly skips a Python-level call per record; the
    object is the same as ``MatchResult(...)`` makes.
    """
    slots = MatchResult.__dict__
    names = ("score", "tier", "status", "coverage", "codes", "_record", "_plan")
    return ResultBuilder(MatchResult, tuple(slots[n].__set__ for n in names), plan)
