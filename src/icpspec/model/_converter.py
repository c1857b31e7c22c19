"""The one cattrs converter between the model and plain (JSON-compatible) data.

Every hook lives here. cattrs generates the structure and unstructure
functions of each class; the hooks below only cover what the file format
writes differently from the classes:

- collections referred to by id are mappings keyed by id, and each object
  carries its ``id`` (injected on the way in, dropped on the way out);
- a criterion or disqualifier is one flat mapping holding its condition's
  ``field`` and operator key beside ``weight``, ``required`` and so on;
- a claim without evidence may be plain text;
- dates are ISO 8601 text, durations are ``90d``-style text;
- defaults are omitted on the way out, except ``icpspec: 1``.

Input is trusted here: it has passed the JSON Schema. Errors in it are bugs.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

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
    Exists,
    In,
    Matches,
    Not,
    NotIn,
)
from .duration import Duration
from .fields import FieldDefinition
from .spec import (
    DEFAULT_PERSONA_TIERS,
    DEFAULT_TIERS,
    BuyerPersona,
    Claim,
    Evidence,
    GoldenExample,
    Profile,
    Segment,
    Spec,
    TargetAudience,
    TitleRow,
)

T = TypeVar("T")

converter = cattrs.Converter(
    omit_if_default=True,
    forbid_extra_keys=True,
    unstruct_collection_overrides={tuple: list},
)

# --- scalars ---------------------------------------------------------------


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError(f"not a date: {value!r}")


def _unstructure_float(value: float) -> int | float:
    # 3.0 reads better as 3 in a file, and loads back as the same float.
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


converter.register_structure_hook(dt.date, _structure_date)
converter.register_unstructure_hook(dt.date, dt.date.isoformat)
converter.register_structure_hook(float, lambda v, _: float(v))
converter.register_unstructure_hook(float, _unstructure_float)
converter.register_structure_hook(Duration, lambda v, _: v if isinstance(v, Duration) else Duration.parse(v))
converter.register_unstructure_hook(Duration, str)
# StrEnum members are str subclasses, which YAML dumpers refuse: write the value.
# (Registered on StrEnum itself: in its MRO `str`, whose hook is identity, precedes Enum.)
converter.register_unstructure_hook(enum.StrEnum, lambda v: str(v.value))

# --- claims: plain text or a mapping ----------------------------------------

_structure_claim_mapping = make_dict_structure_fn(Claim, converter)
converter.register_structure_hook(
    Claim, lambda v, t: Claim(v) if isinstance(v, str) else _structure_claim_mapping(v, t)
)
_unstructure_claim_mapping = make_dict_unstructure_fn(Claim, converter, _cattrs_omit_if_default=True)
converter.register_unstructure_hook(
    Claim, lambda c: c.statement if not c.evidence else _unstructure_claim_mapping(c)
)

# --- conditions ---------------------------------------------------------------


def _plain_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def structure_condition(obj: Mapping[str, Any]) -> Condition:
    """Build a condition from its mapping (``field`` plus one operator key)."""
    (op,) = (k for k in obj if k in OPERATORS)
    arg = obj[op]
    cls = OPERATORS[op]
    if cls is AllOf or cls is AnyOf:
        return cls(tuple(structure_condition(c) for c in arg))
    if cls is Not:
        return Not(structure_condition(arg))
    field = obj["field"]
    if cls is Between:
        return Between(field, arg[0], arg[1])
    if cls in (In, NotIn, ContainsAny, ContainsAll):
        return cls(field, tuple(arg))
    if cls is Matches:
        return Matches(field, arg)
    if cls is Exists:
        return Exists(field, arg)
    return cls(field, arg)  # type: ignore[call-arg]


def unstructure_condition(cond: Condition) -> dict[str, Any]:
    """The mapping a condition is written as."""
    if isinstance(cond, AllOf | AnyOf):
        return {cond.operator: [unstructure_condition(c) for c in cond.conditions]}
    if isinstance(cond, Not):
        return {"not": unstructure_condition(cond.condition)}
    out: dict[str, Any] = {"field": cond.field}
    if isinstance(cond, Between):
        out["between"] = [_plain_value(cond.low), _plain_value(cond.high)]
    elif isinstance(cond, In | NotIn | ContainsAny | ContainsAll):
        out[cond.operator] = [_plain_value(v) for v in cond.values]
    elif isinstance(cond, Matches):
        out["matches"] = cond.pattern
    else:
        out[cond.operator] = _plain_value(cond.value)
    return out


def condition_field(cond: Condition) -> str | None:
    """The field a comparison reads; ``None`` for combinators."""
    return getattr(cond, "field", None)


def _structure_criterion(obj: Mapping[str, Any], _: type) -> Criterion:
    cond = structure_condition(obj)
    return Criterion(
        id=obj.get("id") or condition_field(cond) or "",
        condition=cond,
        weight=float(obj.get("weight", 1.0)),
        required=bool(obj.get("required", False)),
        evidence=tuple(obj.get("evidence", ())),
        description=obj.get("description"),
    )


def _unstructure_criterion(c: Criterion) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.id != condition_field(c.condition):
        out["id"] = c.id
    out.update(unstructure_condition(c.condition))
    if c.weight != 1.0:
        out["weight"] = _unstructure_float(c.weight)
    if c.required:
        out["required"] = True
    if c.evidence:
        out["evidence"] = list(c.evidence)
    if c.description is not None:
        out["description"] = c.description
    return out


def _structure_disqualifier(obj: Mapping[str, Any], _: type) -> Disqualifier:
    cond = structure_condition(obj)
    return Disqualifier(
        id=obj.get("id") or condition_field(cond) or "",
        condition=cond,
        reason=obj["reason"],
        evidence=tuple(obj.get("evidence", ())),
    )


def _unstructure_disqualifier(d: Disqualifier) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if d.id != condition_field(d.condition):
        out["id"] = d.id
    out.update(unstructure_condition(d.condition))
    out["reason"] = d.reason
    if d.evidence:
        out["evidence"] = list(d.evidence)
    return out


converter.register_structure_hook(Criterion, _structure_criterion)
converter.register_unstructure_hook(Criterion, _unstructure_criterion)
converter.register_structure_hook(Disqualifier, _structure_disqualifier)
converter.register_unstructure_hook(Disqualifier, _unstructure_disqualifier)

# --- golden examples: the record is plain data, kept as written ----------------

converter.register_structure_hook(
    GoldenExample,
    make_dict_structure_fn(GoldenExample, converter, record=override(struct_hook=lambda v, _: dict(v))),
)
converter.register_unstructure_hook(
    GoldenExample,
    make_dict_unstructure_fn(
        GoldenExample, converter, _cattrs_omit_if_default=True, record=override(unstruct_hook=dict)
    ),
)

# --- profiles and personas: tiers are omitted when they are the default ---------

_unstructure_profile_fields = make_dict_unstructure_fn(
    Profile, converter, _cattrs_omit_if_default=True, id=override(omit=True)
)


def _unstructure_profile(p: Profile) -> dict[str, Any]:
    out = _unstructure_profile_fields(p)
    if dict(p.tiers) == dict(DEFAULT_TIERS):
        out.pop("tiers", None)
    else:
        out["tiers"] = {k: _unstructure_float(v) for k, v in p.tiers.items()}
    return out


converter.register_unstructure_hook(Profile, _unstructure_profile)

_unstructure_persona_fields = make_dict_unstructure_fn(
    BuyerPersona, converter, _cattrs_omit_if_default=True, id=override(omit=True)
)


def _unstructure_persona(p: BuyerPersona) -> dict[str, Any]:
    out = _unstructure_persona_fields(p)
    if dict(p.tiers) == dict(DEFAULT_PERSONA_TIERS):
        out.pop("tiers", None)
    else:
        out["tiers"] = {k: _unstructure_float(v) for k, v in p.tiers.items()}
    return out


converter.register_unstructure_hook(BuyerPersona, _unstructure_persona)

# --- collections keyed by id ----------------------------------------------------

_KEYED: tuple[type[Any], ...] = (
    FieldDefinition,
    Evidence,
    TargetAudience,
    Segment,
)
for _cls in _KEYED:
    converter.register_unstructure_hook(
        _cls,
        make_dict_unstructure_fn(_cls, converter, _cattrs_omit_if_default=True, id=override(omit=True)),
    )


def _keyed_structure(cls: type[T]) -> Callable[[Mapping[str, Any], object], dict[str, T]]:
    def structure(value: Mapping[str, Any], _: object) -> dict[str, T]:
        return {key: converter.structure({**item, "id": key}, cls) for key, item in value.items()}

    return structure


def _structure_titles(value: Mapping[str, Any], _: object) -> dict[str, TitleRow]:
    # Keyed by phrase, as the id-keyed collections are by id.
    return {key: converter.structure({**row, "phrase": key}, TitleRow) for key, row in value.items()}


converter.register_unstructure_hook(
    TitleRow,
    make_dict_unstructure_fn(TitleRow, converter, _cattrs_omit_if_default=True, phrase=override(omit=True)),
)


def _keyed_unstructure(value: Mapping[str, Any]) -> dict[str, Any]:
    return {key: converter.unstructure(item) for key, item in value.items()}


converter.register_structure_hook(
    Spec,
    make_dict_structure_fn(
        Spec,
        converter,
        fields=override(struct_hook=_keyed_structure(FieldDefinition)),
        evidence=override(struct_hook=_keyed_structure(Evidence)),
        audiences=override(struct_hook=_keyed_structure(TargetAudience)),
        segments=override(struct_hook=_keyed_structure(Segment)),
        profiles=override(struct_hook=_keyed_structure(Profile)),
        personas=override(struct_hook=_keyed_structure(BuyerPersona)),
        titles=override(struct_hook=_structure_titles),
        _cattrs_forbid_extra_keys=True,
    ),
)
converter.register_unstructure_hook(
    Spec,
    make_dict_unstructure_fn(
        Spec,
        converter,
        _cattrs_omit_if_default=True,
        icpspec=override(omit_if_default=False),
        fields=override(unstruct_hook=_keyed_unstructure),
        evidence=override(unstruct_hook=_keyed_unstructure),
        audiences=override(unstruct_hook=_keyed_unstructure),
        segments=override(unstruct_hook=_keyed_unstructure),
        profiles=override(unstruct_hook=_keyed_unstructure),
        personas=override(unstruct_hook=_keyed_unstructure),
        titles=override(unstruct_hook=_keyed_unstructure),
    ),
)


def to_plain(spec: Spec) -> dict[str, Any]:
    """The JSON-compatible data a spec is written as."""
    data: dict[str, Any] = converter.unstructure(spec, Spec)
    return data


def from_plain(data: Mapping[str, Any]) -> Spec:
    """Build a spec from schema-valid plain data (``$schema`` is ignored)."""
    body = {k: v for k, v in data.items() if k != "$schema"}
    return converter.structure(body, Spec)
