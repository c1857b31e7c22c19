"""What the Python and the DuckDB evaluation share: profiles chosen, labels, the result built from a tally."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from icpspec.diagnostics import quote
from icpspec.engine.target import Target
from icpspec.model import Entity, FieldDefinition, Profile, ProfileStatus, Spec, resolve_fields
from icpspec.records import cell_name

from ._figures import compute_figures
from ._layout import NO_FIT, Layout, column_kinds
from ._layout import PLACE_STEP as _PLACE_STEP
from ._outcome import OutcomeLabels, fold
from ._result import (
    LEAKAGE_AUC,
    CheckThresholds,
    Evaluation,
    LeftOut,
    MissedRecord,
    Stratum,
)
from ._source import EvaluationError
from ._stats import pooled_auc
from ._tally import MATCHED, Tally

__all__ = [
    "BLANK",
    "LEFT_OUT_NAMED",
    "MAX_STRATA",
    "OTHER",
    "evaluation_from_tally",
    "label",
    "left_out_key",
    "named_left_out",
    "resolve_profiles",
    "stratum_name",
]

#: Distinct values of the ``by`` column an evaluation accepts (each stratum holds its own counts).
MAX_STRATA = 100
#: Distinct left-out outcome values named in the report (the commonest); the rest are counted
#: together.
LEFT_OUT_NAMED = 20
#: Distinct left-out values counted apart while reading (a bound on memory): past it, a value
#: not met before is counted with the other values.
LEFT_OUT_TRACKED = 10_000


def left_out_key(counted: Mapping[str, int], name: str) -> str:
    """The key ``name`` is counted under among the left-out values: itself while few are tracked."""
    return name if name in counted or len(counted) < LEFT_OUT_TRACKED else OTHER


def named_left_out(counted: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The commonest :data:`LEFT_OUT_NAMED` left-out values, commonest first, then the rest
    counted together as :data:`OTHER`."""
    ranked = sorted(((v, n) for v, n in counted.items() if v != OTHER), key=lambda vn: (-vn[1], vn[0]))
    named = ranked[:LEFT_OUT_NAMED]
    rest = sum(n for _, n in ranked[LEFT_OUT_NAMED:]) + counted.get(OTHER, 0)
    return (*named, (OTHER, rest)) if rest else tuple(named)


BLANK = "(blank)"
OTHER = "(other values)"


def resolve_profiles(
    spec_or_profile: Spec | Profile | Target, profile: str | None
) -> tuple[Spec | None, tuple[Profile, ...], dict[str, FieldDefinition]]:
    """The profiles to evaluate: the named or only live one, or every live one (best match).

    A :class:`~icpspec.engine.target.Target` is its one profile, read with its fields.
    """
    if isinstance(spec_or_profile, Target):
        spec_of = getattr(spec_or_profile, "spec", None)
        return (
            spec_of if isinstance(spec_of, Spec) else None,
            (spec_or_profile.profile,),
            dict(spec_or_profile.fields),
        )
    if isinstance(spec_or_profile, Profile):
        fields = resolve_fields({}, Entity.ACCOUNT)
        return None, (spec_or_profile,), fields
    if not isinstance(spec_or_profile, Spec):
        raise TypeError(f"expected a Spec or a Profile, not {type(spec_or_profile).__name__}")
    spec = spec_or_profile
    fields = resolve_fields(spec.fields, Entity.ACCOUNT)
    if profile is not None:
        if profile not in spec.profiles:
            raise EvaluationError(f"the spec has no profile {quote(profile)}")
        return spec, (spec.profiles[profile],), fields
    live = tuple(p for p in spec.profiles.values() if p.status != ProfileStatus.RETIRED)
    if not live:
        raise EvaluationError("the spec has no profile to evaluate (none, or all retired)")
    return spec, live, fields


def stratum_name(cell: object) -> str:
    """A ``by`` cell as a stratum's name (:func:`cell_name`), ``(blank)`` when blank."""
    return cell_name(cell) or BLANK


def label(cell: object) -> str:
    """How a left-out outcome value is named in the report: folded, at most 80 characters;
    :data:`BLANK` when blank (``None``, spaces, a DataFrame's NaN)."""
    if cell_name(cell) is None:
        return BLANK
    text = fold(cell)
    return text[:80] if text else BLANK


def evaluation_from_tally(
    tally: Tally,
    *,
    spec: Spec | None,
    layout: Layout,
    fields: Sequence[FieldDefinition],
    labels: OutcomeLabels,
    bad: bool,
    top: Sequence[str] | None,
    thresholds: CheckThresholds,
    left_out: Mapping[str, Any],
    missing: Sequence[str],
    options: Mapping[str, Any],
    version: str,
) -> Evaluation:
    """The evaluation of counted records (shared by the Python and the SQL paths)."""
    everything, strata = tally.marginals()
    figures = compute_figures(layout, everything, top=top, thresholds=thresholds, bad=bad)
    stratum_figures = tuple(
        Stratum(str(name), compute_figures(layout, m, top=top, thresholds=thresholds, bad=bad))
        for name, m in sorted(strata.items(), key=lambda kv: str(kv[0]))
    )
    pooled = pooled_auc([s.figures.ranking.auc for s in stratum_figures]) if stratum_figures else None
    missed_records = tuple(_missed(layout, m) for m in tally.missed())
    left = LeftOut(**left_out)
    read = figures.records + left.outcome + left.before_date + left.no_date
    named = [(v, n) for v, n in left.outcome_values if v != BLANK]
    if not figures.records and named:
        # Records a backtest's date leaves out were read as won or lost first: said apart.
        dated = left.before_date + left.no_date
        where = f"; {dated:,} that do were left out by their date (--date/--after)" if dated else ""
        raise EvaluationError(
            f"no record's {quote(str(options['outcome']))} reads as positive or negative"
            f"{' among those dated in' if dated else ''}: {_values(named)}{where}; "
            "name the values with --positive and --negative"
        )
    warnings = _warnings(layout, figures=figures, left=left, missing=missing, fields=fields, bad=bad)
    return Evaluation(
        profiles=tuple(p.id for p in layout.profiles),
        spec_version=version,
        outcome=str(options["outcome"]),
        bad=bad,
        positive=labels.positive,
        negative=labels.negative,
        records_read=read + left.skipped,
        left_out=left,
        figures=figures,
        strata=stratum_figures,
        pooled_auc=pooled,
        missed=missed_records,
        columns_read={k: tuple(v) for k, v in column_kinds(fields).items()},
        missing_fields=tuple(missing),
        warnings=warnings,
        options=dict(options),
    )


def _missed(layout: Layout, m: Any) -> MissedRecord:
    failed = []
    for name, kind, code in zip(layout.criteria, layout.kinds, m.codes, strict=True):
        if kind == "criterion" and code != MATCHED:
            failed.append(name if code == 0 else f"{name} (unknown)")
        elif kind == "disqualifier" and code == MATCHED:
            failed.append(f"{name} (disqualifier)")
    score = None
    if m.rank is not None and m.rank >= 0:
        score = m.rank % _PLACE_STEP if layout.several else m.rank
    return MissedRecord(m.id, m.line, layout.groups[m.group], score, tuple(failed))


#: The kinds of field that say who an account is, not what it does (DESIGN §6.1: MadKudu's bar
#: is rarely met by them alone).
_FIT_KINDS = frozenset({"firmographic", "geographic", "technographic", "demographic"})


def _values(named: Sequence[tuple[str, int]]) -> str:
    """Left-out outcome values with their counts, the first five."""
    more = ", …" if len(named) > 5 else ""
    return ", ".join(f"{v if v in (BLANK, OTHER) else quote(v)}: {n:,}" for v, n in named[:5]) + more


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _warnings(
    layout: Layout,
    *,
    figures: Any,
    left: LeftOut,
    missing: Sequence[str],
    fields: Sequence[FieldDefinition],
    bad: bool,
) -> tuple[str, ...]:
    out: list[str] = []
    named = [(v, n) for v, n in left.outcome_values if v != BLANK]
    negatives = figures.records - figures.positives
    if figures.records and named and not (figures.positives and negatives):
        missing_side = "negative" if figures.positives else "positive"
        dated = left.before_date + left.no_date  # read as won or lost, then left out by date
        also = f" ({dated:,} more were left out by their date)" if dated else ""
        out.append(
            f"no evaluated record is {missing_side}{also}: the records left out hold {_values(named)}; "
            f"name the {missing_side} values with --{missing_side}"
        )
    if left.outcome:
        named_text = ", ".join(f"{v}: {n:,}" for v, n in left.outcome_values[:5])
        out.append(
            f"{left.outcome:,} record{'s' if left.outcome != 1 else ''} with an outcome that is neither "
            f"positive nor negative {'were' if left.outcome != 1 else 'was'} left out ({named_text})"
        )
    if left.skipped:
        read = figures.records + left.outcome + left.before_date + left.no_date + left.skipped
        where = ""
        if left.first_skipped is not None:
            first = left.first_skipped
            where = f", the first on line {first.line}, column {first.column}: {first.reason}"
        share = f"{left.skipped / read:.0%} of {read:,} read"
        out.append(f"{_n(left.skipped, 'unreadable record')} skipped ({share}){where}")
    if left.no_date:
        out.append(f"{_n(left.no_date, 'record')} without a readable date left out")
    if left.before_date:
        out.append(f"{_n(left.before_date, 'record')} dated on or before the backtest date left out")
    if left.value_unreadable:
        out.append(f"{_n(left.value_unreadable, 'record')} with no readable value (left out of value sums)")
    for name in missing:
        out.append(f"field {quote(name)} has no column: every criterion on it is unknown")
    if figures.ranking.left_out:
        out.append(
            f"{figures.ranking.left_out:,} insufficient_data records are not ranked (left out of the AUC)"
        )
    if figures.too_few:
        out.append("too few records or outcomes to judge: every figure here is indicative only")
    auc = figures.ranking.auc.value
    # On too few records a perfect AUC is what chance gives (3 won above 1 lost), no sign of leakage.
    if auc is not None and auc >= LEAKAGE_AUC and not figures.too_few:
        out.append(
            f"AUC {auc:.3f} >= {LEAKAGE_AUC}: a criterion may know the outcome "
            "(leakage: a field filled in after the sale)"
        )
    kinds = column_kinds(fields)
    # Fit data: who the account is. A field of no known kind ('other', as suggest writes
    # them) may be anything, a deal's own traits too: nothing is claimed of it.
    if kinds and set(kinds) <= _FIT_KINDS:
        out.append(
            "the profile reads fit columns only (" + ", ".join(kinds) + "): MadKudu's bar is a yardstick, "
            "rarely met by fit data alone"
        )
    no_fit = figures.groups[layout.groups.index(NO_FIT)].records if layout.several else 0
    if no_fit:
        out.append(f"{no_fit:,} records fit no profile (no_fit)")
    del bad
    return tuple(out)


def check_top(layout: Layout, top: Sequence[str] | None) -> None:
    """Raise :class:`EvaluationError` when ``top`` (``--top``) names a group the layout has not."""
    unknown = [g for g in top or () if g not in layout.groups]
    if unknown:
        groups = ", ".join(map(quote, layout.groups))
        raise EvaluationError(f"--top {quote(unknown[0])}: no such group (groups: {groups})")
