"""``evaluate()``: read records with their outcomes, match them, count, compute the figures."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from icpspec.diagnostics import quote
from icpspec.engine import Matcher, parse_number
from icpspec.engine.compile import fields_read
from icpspec.engine.values import UNKNOWN, read_date
from icpspec.model import Entity, FieldDefinition, Profile, ProfileStatus, Spec, resolve_fields
from icpspec.records import Columns

from ._figures import compute_figures
from ._layout import PLACE_STEP as _PLACE_STEP
from ._layout import Layout, PatternInfo, column_kinds
from ._outcome import OutcomeLabels, fold
from ._result import (
    LEAKAGE_AUC,
    CheckThresholds,
    Evaluation,
    LeftOut,
    MissedRecord,
    Stratum,
)
from ._source import EvaluationError, Source, open_source
from ._stats import pooled_auc
from ._tally import MATCHED, Tally

__all__ = ["MAX_STRATA", "evaluate", "evaluation_from_tally", "resolve_profiles"]

#: Distinct values of the ``by`` column an evaluation accepts (each stratum holds its own counts).
MAX_STRATA = 100
#: Distinct left-out outcome values named in the report; the rest are counted together.
_LEFT_OUT_NAMED = 20
BLANK = "(blank)"
OTHER = "(other values)"


def resolve_profiles(
    spec_or_profile: Spec | Profile, profile: str | None
) -> tuple[Spec | None, tuple[Profile, ...], dict[str, FieldDefinition]]:
    """The profiles to evaluate: the named or only live one, or every live one (best match)."""
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


def _value_reader() -> Callable[[object], float | None]:
    def read(cell: object) -> float | None:
        if cell is None or isinstance(cell, bool):
            return None
        if isinstance(cell, int | float):
            return float(cell) if math.isfinite(cell) else None
        if isinstance(cell, str):
            number = parse_number(cell)
            return float(number) if number is not None and math.isfinite(number) else None
        return None

    return read


def _stratum_name(cell: object) -> str:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return BLANK
    return str(cell).strip()


def evaluate(
    records: object,
    target_or_spec: Spec | Profile,
    *,
    outcome: str,
    profile: str | None = None,
    bad: bool = False,
    value: str | None = None,
    id: str | None = None,
    unit: str | None = None,
    by: str | None = None,
    columns: Columns | Mapping[str, str] | None = None,
    top: Sequence[str] | None = None,
    positive: Iterable[str] | None = None,
    negative: Iterable[str] | None = None,
    date: str | None = None,
    after: dt.date | str | None = None,
    thresholds: CheckThresholds | None = None,
    missed: int = 20,
) -> Evaluation:
    """How well a profile separates good outcomes from bad ones on real records (DESIGN §6.1).

    ``records`` is a CSV or JSON Lines file path, a polars or pandas
    DataFrame, or an iterable of mappings; ``outcome`` the column holding
    each record's outcome (``won``/``lost``, ``1``/``0``, …; anything else is
    left out and counted). ``columns`` says which columns hold the spec's
    fields (a :class:`icpspec.records.Columns`, or a mapping of field to
    column, as ``--map``). With a spec of several live profiles and no
    ``profile``, each record is evaluated on its best fit (``no_fit`` when
    none fits). Memory stays flat however many records there are.

    >>> import icpspec
    >>> spec = icpspec.load("examples/salvirt/salvirt.icp.yaml")
    >>> ev = evaluate("examples/salvirt/salvirt_b2b_sales.csv", spec, outcome="Status")
    >>> ev.figures.records, ev.figures.positives, round(ev.auc, 3)
    (448, 227, 0.738)
    """
    spec, profiles, fields = resolve_profiles(target_or_spec, profile)
    layout = Layout.of(profiles)
    if top:
        unknown = [g for g in top if g not in layout.groups]
        if unknown:
            raise EvaluationError(
                f"--top {quote(unknown[0])}: no such group (groups: {', '.join(map(quote, layout.groups))})"
            )
    if date is None and after is not None:
        raise EvaluationError("--after needs --date COLUMN: the column holding each record's date")
    after_date = _after(after)
    try:
        labels = OutcomeLabels.of(positive, negative)
    except ValueError as exc:
        raise EvaluationError(f"--positive/--negative: {exc}") from None
    wanted = {name: fields[name] for p in profiles for name in fields_read(p) if name in fields}
    matchers = [Matcher(p, spec=spec) for p in profiles]
    source = open_source(records, wanted, columns)
    try:
        get = {
            opt: source.getter(opt, col)
            for opt, col in (
                ("--outcome", outcome),
                ("--value", value),
                ("--id", id),
                ("--unit", unit),
                ("--by", by),
                ("--date", date),
            )
            if col is not None
        }
        tally = Tally(layout, units=unit is not None, missed=missed, bad=bad)
        left = _consume(
            source, get=get, labels=labels, tally=tally, layout=layout, matchers=matchers, after=after_date
        )
    finally:
        source.close()
    mapping = source.reader.mapping if source.reader is not None else source.mapping
    missing = tuple(mapping.missing) if mapping is not None else ()
    options = {
        "outcome": outcome,
        "profile": profile,
        "value": value,
        "id": id,
        "unit": unit,
        "by": by,
        "top": list(top) if top else None,
        "date": date,
        "after": after_date.isoformat() if after_date else None,
        "missed": missed,
    }
    return evaluation_from_tally(
        tally,
        spec=spec,
        layout=layout,
        fields=[wanted[f] for f in wanted],
        labels=labels,
        bad=bad,
        top=top,
        thresholds=thresholds or CheckThresholds(),
        left_out=left,
        missing=missing,
        options=options,
        version=matchers[0].match({}).spec_version,
    )


def _after(after: dt.date | str | None) -> dt.date | None:
    if after is None or isinstance(after, dt.date):
        return after
    parsed = read_date(after)
    if parsed is UNKNOWN:
        raise EvaluationError(f"--after {quote(str(after))}: not a date (write it as 2026-01-31)")
    assert isinstance(parsed, dt.date)
    return parsed


def _consume(
    source: Source,
    *,
    get: Mapping[str, Callable[[Any], object]],
    labels: OutcomeLabels,
    tally: Tally,
    layout: Layout,
    matchers: Sequence[Matcher],
    after: dt.date | None,
) -> dict[str, Any]:
    """Count every record of ``source``; returns what was left out, by reason."""
    get_outcome = get["--outcome"]
    get_value, get_id = get.get("--value"), get.get("--id")
    get_unit, get_by, get_date = get.get("--unit"), get.get("--by"), get.get("--date")
    read_value = _value_reader()
    read_y = labels.read
    left_values: Counter[str] = Counter()
    left_outcome = before = no_date = value_bad = 0
    strata: set[str] = set()
    infos: dict[Hashable, PatternInfo] = {}
    several = len(matchers) > 1
    match = matchers[0].match
    add = tally.add
    seq = 0
    for line, raw, record in source.rows:
        cell = get_outcome(raw)
        y = read_y(cell)
        if y is None:
            left_outcome += 1
            name = _label(cell)
            left_values[name if name in left_values or len(left_values) < _LEFT_OUT_NAMED else OTHER] += 1
            continue
        if get_date is not None:
            when = read_date(get_date(raw))
            if when is UNKNOWN:
                no_date += 1
                continue
            if after is not None and when <= after:  # type: ignore[operator]
                before += 1
                continue
        if several:
            results = [m.match(record) for m in matchers]
            key: Hashable = tuple(r.codes for r in results)
            info = infos.get(key)
            if info is None:
                info = infos[key] = tally.learn(
                    key,
                    layout.info(
                        [r.status for r in results],
                        [r.tier for r in results],
                        [r.score for r in results],
                        [r.coverage for r in results],
                        tuple(c for r in results for c in r.codes),
                    ),
                )
        else:
            result = match(record)
            key = result.codes
            info = infos.get(key)
            if info is None:
                info = infos[key] = tally.learn(
                    key, layout.info([result.status], [result.tier], [result.score], [result.coverage], key)
                )
        stratum: str | None = None
        if get_by is not None:
            stratum = _stratum_name(get_by(raw))
            if stratum not in strata:
                if len(strata) >= MAX_STRATA:
                    raise EvaluationError(
                        f"{source.name}: --by has more than {MAX_STRATA} distinct values; "
                        "stratify by a column with fewer (a year, a region)"
                    )
                strata.add(stratum)
        if get_value is not None:
            v = read_value(get_value(raw))
            if v is None:
                value_bad += 1
                add(stratum, key, y)
            else:
                add(stratum, key, y, value_sum=v, value_n=1)
        else:
            add(stratum, key, y)
        if get_unit is not None:
            u = get_unit(raw)
            tally.add_unit(stratum, info, y, _stratum_name(u) if u is not None else ("row", seq))
        if y:
            tally.consider_missed(info, seq, line, get_id(raw) if get_id is not None else None)
        seq += 1
    return {
        "outcome": left_outcome,
        "outcome_values": tuple(left_values.most_common()),
        "skipped": source.skipped,
        "before_date": before,
        "no_date": no_date,
        "value_unreadable": value_bad,
    }


def _label(cell: object) -> str:
    if cell is None:
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
    if left.outcome:
        named = ", ".join(f"{v}: {n:,}" for v, n in left.outcome_values[:5])
        out.append(
            f"{left.outcome:,} record{'s' if left.outcome != 1 else ''} with an outcome that is neither "
            f"positive nor negative {'were' if left.outcome != 1 else 'was'} left out ({named})"
        )
    if left.skipped:
        out.append(f"{left.skipped:,} unreadable records were skipped (see `icpspec match` for where)")
    if left.no_date:
        out.append(f"{left.no_date:,} records without a readable date were left out")
    if left.before_date:
        out.append(f"{left.before_date:,} records dated on or before the backtest date were left out")
    if left.value_unreadable:
        out.append(f"{left.value_unreadable:,} records have no readable value (left out of value sums)")
    for name in missing:
        out.append(f"field {quote(name)} has no column: every criterion on it is unknown")
    if figures.ranking.left_out:
        out.append(
            f"{figures.ranking.left_out:,} insufficient_data records are not ranked (left out of the AUC)"
        )
    if figures.too_few:
        out.append("too few records or outcomes to judge: every figure below is indicative only")
    auc = figures.ranking.auc.value
    if auc is not None and auc >= LEAKAGE_AUC:
        out.append(
            f"AUC {auc:.3f} >= {LEAKAGE_AUC}: a criterion may know the outcome "
            "(leakage: a field filled in after the sale)"
        )
    kinds = column_kinds(fields)
    if "behavioral" not in kinds:
        out.append(
            "the profile reads fit columns only (" + ", ".join(kinds) + "): MadKudu's bar is a yardstick, "
            "rarely met by fit data alone"
        )
    if layout.several and figures.groups[-1].records:
        out.append(f"{figures.groups[-1].records:,} records fit no profile (no_fit)")
    del bad
    return tuple(out)
