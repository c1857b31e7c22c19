"""Writing the suggestion as a spec: every criterion with its evidence, and TODOs for people."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

from icpspec.model import (
    Criterion,
    Disqualifier,
    Evidence,
    EvidenceSource,
    FieldDefinition,
    Profile,
    ProfileStatus,
    Spec,
)
from icpspec.schema import dump

from ._stats import RateRatio, wilson

__all__ = ["TODO", "evidence_entry", "percent", "rate_text", "ratio_text", "spec_text"]

#: What only people can write: left as marked TODOs in the profile.
TODO = (
    "personas: who decides, pays and uses (titles, seniority, department, role in the purchase)",
    "pain_points: what hurts these customers, in their words, with interview or survey evidence",
    "jobs_to_be_done: what they hire the product to do (functional, emotional, social)",
    "competitors: whom they compare you with, from win/loss reviews",
    "buying_process and psychographics: how they decide, budget, channels, values",
)


def percent(x: float) -> str:
    """``0.4567`` as ``46 %``; under 10 % with one decimal."""
    value = 100 * x
    return f"{value:.1f} %" if 0 < value < 10 else f"{value:.0f} %"


def ratio_text(rr: RateRatio, z: float) -> str:
    """``2.31 (95 % CI 1.62-3.29)``: the interval :meth:`RateRatio.reported` states; a bound
    that is not 1 is never shown as ``1.00`` (``1.003``), so an interval kept for lying above 1
    does not read as reaching it."""
    low, high = rr.reported(z)
    if math.isinf(high):  # no record of the rest, or none of the group, holds the other outcome
        return f"{ratio_number(rr.ratio)} (95 % CI {_bound(low)} or more)"
    return f"{rr.ratio:.2f} (95 % CI {_bound(low)}-{_bound(high)})"


def ratio_number(ratio: float) -> str:
    """``2.31``, or ``unbounded`` where no record of the others is positive."""
    return "unbounded" if math.isinf(ratio) else f"{ratio:.2f}"


def _bound(value: float) -> str:
    """An interval's bound to two places, or to as many more (up to six) as it takes not to
    read ``1.00`` when it is not 1.

    >>> _bound(1.00258), _bound(0.9996), _bound(1.0), _bound(2.345)
    ('1.003', '0.9996', '1.00', '2.35')
    """
    places = 2
    text = f"{value:.{places}f}"
    while text == "1." + "0" * places and value != 1 and places < 6:
        places += 1
        text = f"{value:.{places}f}"
    return text


def rate_text(positives: float, n: float) -> str:
    """``70 % of 120 (95 % CI 61-77 %)``."""
    low, high = wilson(positives, n)
    rate = positives / n if n else 0.0
    return f"{percent(rate)} of {n:,.0f} (95 % CI {100 * low:.0f}-{100 * high:.0f} %)"


_COMMENT_SAFE = re.compile(r"[^\x20-\x7e\u00a0-\uffff]")


def _comment(text: str) -> str:
    return _COMMENT_SAFE.sub("?", text)


def with_note(text: str, note: str) -> str:
    """``text`` (a spec :func:`spec_text` wrote) with ``note`` as the last line of its header."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if i and not line.startswith("#"))
    return "\n".join([*lines[:at], f"# Note: {_comment(note)}.", *lines[at:]])


def spec_text(
    *,
    profile_id: str,
    name: str,
    description: str,
    criteria: Sequence[Criterion],
    disqualifiers: Sequence[Disqualifier],
    evidence: dict[str, Evidence],
    fields: dict[str, FieldDefinition],
    tiers: dict[str, float],
    header: Sequence[str],
) -> tuple[Spec, str]:
    """The suggested spec and its YAML text, with the header and TODO comments in place."""
    profile = Profile(
        id=profile_id,
        name=name,
        description=description,
        status=ProfileStatus.DRAFT,
        criteria=tuple(criteria),
        disqualifiers=tuple(disqualifiers),
        tiers=tiers,
    )
    spec = Spec(fields=fields, evidence=evidence, profiles={profile_id: profile})
    text = dump(spec)
    lines = text.splitlines()
    out = [lines[0], *(f"# {_comment(h)}" if h else "#" for h in header)]
    # `status: draft` is the default, which the dumper leaves out: a suggestion says it outright.
    key = f"  {profile_id}:"
    at = lines.index(key, lines.index("profiles:"))
    out += lines[1 : at + 1]
    out.append("    status: draft")
    out.append("    # TODO (only people can write these; the data cannot):")
    out += [f"    # TODO {item}" for item in TODO]
    out += lines[at + 1 :]
    return spec, "\n".join(out) + "\n"


def evidence_entry(id: str, summary: str, sample_size: float, collected: dt.date | None) -> Evidence:
    """Evidence computed from the records: ``customer_data``, with the sample size and date."""
    return Evidence(
        id=id,
        source=EvidenceSource.CUSTOMER_DATA,
        summary=summary,
        sample_size=round(sample_size),
        collected=collected,
    )
