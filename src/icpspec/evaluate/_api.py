"""``evaluate()``: read records with their outcomes, match them, count, compute the figures."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from icpspec.diagnostics import quote
from icpspec.engine import Matcher, parse_number
from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target
from icpspec.engine.values import UNKNOWN, read_date
from icpspec.model import Profile, Spec
from icpspec.records import Columns, cell_name

from ._build import (
    MAX_STRATA,
    check_top,
    evaluation_from_tally,
    label,
    left_out_key,
    named_left_out,
    resolve_profiles,
    stratum_name,
)
from ._layout import Layout, PatternInfo
from ._outcome import OutcomeLabels
from ._result import (
    CheckThresholds,
    Evaluation,
)
from ._source import EvaluationError, Source, open_source
from ._tally import Tally

__all__ = ["evaluate"]


def _value_reader() -> Callable[[object], float | None]:
    def read(cell: object) -> float | None:
        if cell is None or isinstance(cell, bool):
            return None
        if isinstance(cell, int | float | Decimal):  # a Decimal: a database's or Parquet's numbers
            return float(cell) if math.isfinite(cell) else None
        if isinstance(cell, str):
            number = parse_number(cell)
            return float(number) if number is not None and math.isfinite(number) else None
        return None

    return read


def evaluate(
    records: object,
    target_or_spec: Spec | Profile | Target,
    *,
    outcome: str,
    profile: str | None = None,
    bad: bool = False,
    value: str | None = None,
    id: str | None = None,
    account: str | None = None,
    by: str | None = None,
    columns: Columns | Mapping[str, str] | None = None,
    top: Sequence[str] | None = None,
    positive: Iterable[str] | None = None,
    negative: Iterable[str] | None = None,
    date: str | None = None,
    after: dt.date | str | None = None,
    thresholds: CheckThresholds | None = None,
    missed: int = 20,
    engine: str = "python",
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
    ``engine="duckdb"`` has DuckDB count a CSV or Parquet file with the
    aggregate query of ``to_sql(..., evaluate=...)`` (one profile; no
    ``account``, ``date`` or missed positives, which need the records).

    Raises :class:`~icpspec.records.ColumnsError` when the columns cannot hold
    the fields as asked (two columns for one field, a map to no column),
    whatever ``records`` is; :class:`EvaluationError` for options or records
    that make no evaluation; :class:`~icpspec.records.RecordFileError` for a
    file that cannot be read.

    >>> import icpspec
    >>> spec = icpspec.load("examples/salvirt/salvirt.icp.yaml")
    >>> ev = evaluate("examples/salvirt/salvirt_b2b_sales.csv", spec, outcome="Status")
    >>> ev.figures.records, ev.figures.positives, round(ev.auc, 3)
    (448, 227, 0.78)
    """
    if engine not in ("python", "duckdb"):
        raise EvaluationError(f"--engine {quote(engine)}: choose python or duckdb")
    # The outcome's columns hold no field: a criterion reading them would know the outcome.
    given = columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))
    named = {outcome: "--outcome", **({value: "--value"} if value is not None else {})}
    columns = attrs.evolve(given, reserved={**given.reserved, **named})
    if engine == "duckdb":
        return _evaluate_duckdb(
            records,
            target_or_spec,
            outcome=outcome,
            profile=profile,
            bad=bad,
            value=value,
            id=id,
            account=account,
            by=by,
            columns=columns,
            top=top,
            positive=positive,
            negative=negative,
            date=date,
            after=after,
            thresholds=thresholds,
        )
    spec, profiles, fields = resolve_profiles(target_or_spec, profile)
    layout = Layout.of(profiles)
    check_top(layout, top)
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
                ("--account", account),
                ("--by", by),
                ("--date", date),
            )
            if col is not None
        }
        tally = Tally(layout, units=account is not None, missed=missed, bad=bad)
        left = _consume(
            source, get=get, labels=labels, tally=tally, layout=layout, matchers=matchers, after=after_date
        )
    finally:
        source.close()
    no_unit = left.pop("no_unit")
    mapping = source.reader.mapping if source.reader is not None else source.mapping
    missing = tuple(mapping.missing) if mapping is not None else ()
    options = {
        "outcome": outcome,
        "profile": profile,
        "value": value,
        "id": id,
        "account": account,
        "by": by,
        "top": list(top) if top else None,
        "date": date,
        "after": after_date.isoformat() if after_date else None,
        "missed": missed,
    }
    ev = evaluation_from_tally(
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
    if no_unit:
        note = (
            f"{no_unit:,} record{'s have' if no_unit != 1 else ' has'} no --account value ({account}): "
            "each is counted as an account of its own"
        )
        ev = attrs.evolve(ev, warnings=(*ev.warnings, note))
    return ev


def _evaluate_duckdb(records: object, target_or_spec: Spec | Profile | Target, **options: Any) -> Evaluation:
    from ._counts import evaluate_file_duckdb

    if not isinstance(records, str | os.PathLike):
        raise EvaluationError("--engine duckdb reads a CSV or Parquet file: pass its path")
    for name in ("account", "date", "after"):
        if options.pop(name) is not None:
            raise EvaluationError(f"--{name} needs each record: use --engine python")
    record_id = options.pop("id")
    columns = options.pop("columns")
    if columns is not None and not isinstance(columns, Columns):
        columns = Columns(map=dict(columns))
    ev = evaluate_file_duckdb(records, target_or_spec, columns=columns, record_id=record_id, **options)
    if record_id is not None:
        note = "the DuckDB engine counts records and lists no missed positives (use --engine python)"
        ev = attrs.evolve(ev, warnings=(*ev.warnings, note), options={**ev.options, "id": record_id})
    return ev


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
    get_unit, get_by, get_date = get.get("--account"), get.get("--by"), get.get("--date")
    read_value = _value_reader()
    read_y = labels.read
    left_values: Counter[str] = Counter()
    left_outcome = before = no_date = value_bad = no_unit = 0
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
            name = label(cell)
            left_values[left_out_key(left_values, name)] += 1
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
            stratum = stratum_name(get_by(raw))
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
            named = cell_name(get_unit(raw))
            if named is None:  # an unknown account: this row's own
                no_unit += 1
            tally.add_unit(stratum, info, y, ("row", seq) if named is None else named)
        if y:
            tally.consider_missed(info, seq, line, get_id(raw) if get_id is not None else None)
        seq += 1
    return {
        "outcome": left_outcome,
        "outcome_values": named_left_out(left_values),
        "skipped": source.skipped,
        "first_skipped": source.first_skipped,
        "before_date": before,
        "no_date": no_date,
        "value_unreadable": value_bad,
        "no_unit": no_unit,
    }
