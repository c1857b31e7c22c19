"""The polars engine: parse each field once, then the condition tree as expressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.reference import MATCHED, UNKNOWN_OUTCOME, comparable, pattern_outcome
from icpspec.engine.target import Target, exact_arithmetic, resolve_target
from icpspec.engine.values import UNKNOWN, read_raw_text, reader_for
from icpspec.model import (
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Equals,
    Exists,
    FieldType,
    In,
    Matches,
    MatchStatus,
    Max,
    Min,
    Not,
    NotIn,
    Profile,
    Spec,
)
from icpspec.records import (
    Columns,
    MissingPolicy,
    ResolvedColumns,
    scale,
    target_columns,
)

if TYPE_CHECKING:
    pass

__all__ = ["OUTPUT_COLUMNS", "frame_expressions", "score_frame"]

#: The columns :func:`score_frame` adds, in order (the same as ``icpspec match``).
OUTPUT_COLUMNS = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")

_PREFIX = "__icp_v_"


def _polars() -> Any:
    try:
        import polars
    except ImportError:  # pragma: no cover - the extra is installed in tests
        raise IcpspecError("score_frame needs polars: pip install 'icpspec[polars]'") from None
    return polars


def _read_for_comparison(field_type: FieldType) -> Callable[[object], object]:
    """values.py's reader, with list elements case-folded as the reference compares them."""
    read = reader_for(field_type)
    if field_type != FieldType.STRING_LIST:
        return read

    def read_list(raw: object) -> object:
        value = read(raw)
        return value if value is UNKNOWN else [e.casefold() for e in value]  # type: ignore[attr-defined]

    return read_list


def _dtype_for(pl: Any, field_type: FieldType) -> Any:
    return {
        FieldType.INTEGER: pl.Float64,
        FieldType.NUMBER: pl.Float64,
        FieldType.DATE: pl.Date,
        FieldType.BOOLEAN: pl.Boolean,
        FieldType.STRING: pl.String,
        FieldType.COUNTRY: pl.String,
        FieldType.STRING_LIST: pl.List(pl.String),
    }[field_type]


def _python_value(value: object, field_type: FieldType) -> object:
    """A read value as the polars column holds it (numbers as 64-bit floats)."""
    if value is UNKNOWN:
        return None
    if field_type in (FieldType.INTEGER, FieldType.NUMBER):
        return float(value)  # type: ignore[arg-type]
    return value


def _by_distinct(pl: Any, column: Any, fn: Callable[[object], object], dtype: Any) -> Any:
    """``fn`` applied once per distinct value of ``column``, spread back over the rows (a join)."""
    keys = column.unique().to_list()  # lists too: polars joins on list keys
    mapping = pl.DataFrame(
        {"k": pl.Series(keys, dtype=column.dtype), "v": pl.Series([fn(k) for k in keys], dtype=dtype)}
    )
    joined = (
        column.alias("k")
        .to_frame()
        .join(mapping, on="k", how="left", maintain_order="left", nulls_equal=True)
    )
    return joined.get_column("v")


def _parse(pl: Any, series: Any, field_type: FieldType, unit: int | Decimal | None = None) -> Any:
    """The column read as ``field_type``: a value, or null when unknown (values.py's rules).

    A numeric column in a ``unit`` (thousands…) is scaled by the records'
    :func:`~icpspec.records.scale`, value by distinct value, so that it reads
    exactly as the Python engine reads it.
    """
    dtype = _dtype_for(pl, field_type)
    s_dtype = series.dtype
    numeric = field_type in (FieldType.INTEGER, FieldType.NUMBER)
    if s_dtype == pl.Null:
        return pl.Series(series.name, [None] * len(series), dtype=dtype)
    if numeric and unit is not None:
        read_number = reader_for(field_type)

        def read_scaled(raw: object) -> object:
            value = read_number(raw)
            return None if value is UNKNOWN else float(scale(value, unit))  # type: ignore[arg-type]

        if s_dtype == pl.Categorical:
            series = series.cast(pl.String)
        return _by_distinct(pl, series, read_scaled, dtype)
    if numeric and s_dtype.is_integer():
        return series.cast(pl.Float64)
    if numeric and s_dtype.is_float():
        f = series.cast(pl.Float64)
        return f.set(~f.is_finite().fill_null(False), None) if f.len() else f
    if field_type == FieldType.BOOLEAN and s_dtype == pl.Boolean:
        return series
    if field_type == FieldType.DATE and s_dtype == pl.Date:
        return series
    if field_type == FieldType.DATE and isinstance(s_dtype, pl.Datetime):
        return series.dt.date()
    supported = (
        s_dtype in (pl.String, pl.Categorical, pl.Boolean) or s_dtype.is_integer() or s_dtype.is_float()
    )
    supported = supported or s_dtype in (pl.Date,) or isinstance(s_dtype, pl.Datetime)
    if isinstance(s_dtype, pl.List) and s_dtype.inner in (pl.String, pl.Null):
        supported = True
    if not supported:
        raise IcpspecError(
            f"column {quote(series.name)} has type {s_dtype}, which score_frame does not read; "
            "cast it to text or to the field's type"
        )
    if s_dtype == pl.Categorical:
        series = series.cast(pl.String)
    read = _read_for_comparison(field_type)
    if isinstance(s_dtype, pl.List) and field_type == FieldType.STRING_LIST:
        # Read each distinct element once, then drop the unknown ones as read_list does.
        elements = series.explode().drop_nulls().unique().to_list()
        table = {e: read_raw_text(e) for e in elements}
        keys = [k for k, v in table.items() if v is not UNKNOWN]
        values = [table[k].casefold() for k in keys]  # type: ignore[union-attr]
        mapped = series.list.eval(
            pl.element().replace_strict(keys, values, default=None, return_dtype=pl.String).drop_nulls()
        )
        return mapped.set(mapped.list.len() == 0, None)
    return _by_distinct(pl, series, lambda v: _python_value(read(v), field_type), dtype)


def _lit_list(pl: Any, values: Sequence[object], dtype: Any) -> Any:
    return pl.lit(pl.Series(values, dtype=dtype).implode())


class _Compiler:
    """Compiles conditions into polars Boolean expressions: True, False, or null for unknown."""

    def __init__(self, pl: Any, frame: Any, target: Target, columns: ResolvedColumns | None = None) -> None:
        self.pl = pl
        self.frame = frame
        self.fields = target.fields
        self.columns: dict[str, Any] = {}  # helper column name -> Series
        self._parsed: dict[str, str] = {}
        resolved = columns if columns is not None else ResolvedColumns((), {}, {}, ())
        self._units = resolved.units
        self._sources: dict[str, str] = {f: f for f in frame.columns if f in self.fields}
        if columns is not None:
            self._sources = dict(resolved.fields)
        self._constants = resolved.constants

    def source(self, field: str) -> Any:
        """The frame's column holding ``field`` (a constant as a column of its own); ``None`` if none does."""
        pl = self.pl
        if field in self._constants:
            return pl.Series(field, [self._constants[field]] * self.frame.height, dtype=pl.String)
        column = self._sources.get(field)
        return None if column is None else self.frame.get_column(column)

    def value(self, field: str) -> Any:
        """The parsed column of ``field`` (added to the helper columns on first use)."""
        pl = self.pl
        name = self._parsed.get(field)
        if name is None:
            name = f"{_PREFIX}{len(self._parsed)}"
            self._parsed[field] = name
            field_type = self.fields[field].type
            column = self.source(field)
            if column is not None:
                series = _parse(pl, column, field_type, self._units.get(field))
            else:
                series = pl.Series([None] * self.frame.height, dtype=_dtype_for(pl, field_type))
            self.columns[name] = series.alias(name)
        return pl.col(name)

    def matches(self, cond: Matches) -> Any:
        pl = self.pl
        field_type = self.fields[cond.field].type
        name = f"{_PREFIX}m{len(self.columns)}"
        series = self.source(cond.field)
        if series is None:
            self.columns[name] = pl.Series(name, [None] * self.frame.height, dtype=pl.Boolean)
            return pl.col(name)
        if series.dtype == pl.Categorical:
            series = series.cast(pl.String)

        def outcome(raw: object) -> bool | None:
            code = pattern_outcome(cond.pattern, raw, field_type)
            return None if code == UNKNOWN_OUTCOME else code == MATCHED

        self.columns[name] = _by_distinct(pl, series, outcome, pl.Boolean).alias(name)
        return pl.col(name)

    def compile(self, cond: Condition) -> Any:
        pl = self.pl
        if isinstance(cond, AllOf):
            return pl.all_horizontal([self.compile(c) for c in cond.conditions])
        if isinstance(cond, AnyOf):
            return pl.any_horizontal([self.compile(c) for c in cond.conditions])
        if isinstance(cond, Not):
            return ~self.compile(cond.condition)
        if isinstance(cond, Matches):
            return self.matches(cond)
        field_type = self.fields[cond.field].type
        v = self.value(cond.field)
        if isinstance(cond, Exists):
            return v.is_not_null() if cond.value else v.is_null()
        known = v.is_not_null()
        is_list = field_type == FieldType.STRING_LIST
        dtype = _dtype_for(pl, field_type)
        elem_dtype = pl.String if is_list else dtype
        holds: Any
        if isinstance(cond, Equals):
            holds = v == _lit(pl, comparable(cond.value, field_type), field_type)
        elif isinstance(cond, In | NotIn | ContainsAny):
            consts = [_python_value(comparable(c, field_type), field_type) for c in cond.values]
            if is_list:
                found = v.list.eval(pl.element().is_in(_lit_list(pl, consts, elem_dtype))).list.any()
            else:
                found = v.is_in(_lit_list(pl, consts, elem_dtype))
            holds = ~found if isinstance(cond, NotIn) else found
        elif isinstance(cond, ContainsAll):
            consts = [comparable(c, field_type) for c in cond.values]
            holds = pl.all_horizontal([v.list.contains(pl.lit(c, dtype=pl.String)) for c in consts])
        elif isinstance(cond, Min):
            holds = v >= _lit(pl, cond.value, field_type)
        elif isinstance(cond, Max):
            holds = v <= _lit(pl, cond.value, field_type)
        else:
            assert isinstance(cond, Between)
            holds = (v >= _lit(pl, cond.low, field_type)) & (v <= _lit(pl, cond.high, field_type))
        # Unknown stays unknown: null where the value is, whatever the comparison says.
        return pl.when(known).then(holds)


def _lit(pl: Any, value: object, field_type: FieldType) -> Any:
    if field_type in (FieldType.INTEGER, FieldType.NUMBER):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return pl.lit(None, dtype=pl.Float64)
        return pl.lit(float(value), dtype=pl.Float64)
    if field_type == FieldType.DATE:
        return pl.lit(value, dtype=pl.Date) if isinstance(value, dt.date) else pl.lit(None, dtype=pl.Date)
    if field_type == FieldType.BOOLEAN:
        return pl.lit(value, dtype=pl.Boolean) if isinstance(value, bool) else pl.lit(None, dtype=pl.Boolean)
    return pl.lit(value, dtype=pl.String) if isinstance(value, str) else pl.lit(None, dtype=pl.String)


def _weighted_sum(pl: Any, terms: Sequence[Any]) -> Any:
    """``0 + t1 + t2 + ...``: integer weights, so the sum is exact."""
    total = pl.lit(0, dtype=pl.Int64)
    for term in terms:
        total = total + term
    return total


def frame_expressions(
    target: Target, frame: Any, columns: ResolvedColumns | None = None
) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """The helper columns, the criterion outcomes and the result columns, as polars objects.

    Internal to the DataFrame engine; exposed for the benchmark and tests.
    ``columns`` says where each field is (default: the column named like it).
    """
    pl = _polars()
    profile = target.profile
    comp = _Compiler(pl, frame, target, columns)
    crit = [comp.compile(c.condition).alias(f"__icp_c{i}") for i, c in enumerate(profile.criteria)]
    disq = [comp.compile(d.condition).alias(f"__icp_d{i}") for i, d in enumerate(profile.disqualifiers)]
    arithmetic = exact_arithmetic(profile)
    c_cols = [pl.col(f"__icp_c{i}") for i in range(len(profile.criteria))]
    weights = [pl.lit(w, dtype=pl.Int64) for w in arithmetic.weights]
    matched = _weighted_sum(
        pl, [pl.when(c).then(w).otherwise(0) for c, w in zip(c_cols, weights, strict=True)]
    )
    known = _weighted_sum(
        pl, [pl.when(c.is_not_null()).then(w).otherwise(0) for c, w in zip(c_cols, weights, strict=True)]
    )
    if arithmetic.total:
        # Integers below 2**53 divided as floats: the float nearest the exact
        # ratio, as in Python. Divide by a real column: polars turns division
        # by a constant into a multiplication by its reciprocal, which rounds
        # differently.
        comp.columns["__icp_total"] = pl.Series(
            "__icp_total", [float(arithmetic.total)] * frame.height, dtype=pl.Float64
        )
        score = (pl.col("__icp_matched") * 100).cast(pl.Float64) / pl.col("__icp_total")
        coverage = pl.col("__icp_known").cast(pl.Float64) / pl.col("__icp_total")
    else:
        score, coverage = pl.lit(0.0, dtype=pl.Float64), pl.lit(1.0, dtype=pl.Float64)
    short = pl.col("__icp_known") * arithmetic.coverage_scale < arithmetic.coverage_bound

    def any_of(exprs: list[Any]) -> Any:
        return pl.any_horizontal(exprs) if exprs else pl.lit(False)

    disqualified = any_of([pl.col(f"__icp_d{i}").fill_null(False) for i in range(len(disq))])
    required = [c for c, w in zip(c_cols, profile.criteria, strict=True) if w.required]
    failed = any_of([(~c).fill_null(False) for c in required])
    unknown = any_of([c.is_null() for c in required])
    status = (
        pl.when(pl.lit(bool(disq)) & disqualified)
        .then(pl.lit(MatchStatus.DISQUALIFIED.value))
        .when(pl.lit(bool(required)) & failed)
        .then(pl.lit(MatchStatus.REQUIRED_FAILED.value))
        .when((pl.lit(bool(required)) & unknown) | short)
        .then(pl.lit(MatchStatus.INSUFFICIENT_DATA.value))
        .otherwise(pl.lit(MatchStatus.SCORED.value))
    )
    tier: Any = pl.lit(None, dtype=pl.String)
    for name, bound in reversed(arithmetic.tiers):
        reached = pl.col("__icp_matched") * arithmetic.score_scale >= bound
        tier = pl.when(reached).then(pl.lit(name, dtype=pl.String)).otherwise(tier)
    tier = pl.when(pl.col("icp_status") == MatchStatus.SCORED.value).then(tier)
    stages = [
        [matched.alias("__icp_matched"), known.alias("__icp_known")],
        [score.alias("icp_score"), coverage.alias("icp_coverage")],
        [status.alias("icp_status")],
        [
            pl.lit(profile.id, dtype=pl.String).alias("icp_profile"),
            tier.alias("icp_tier"),
            pl.lit(target.version, dtype=pl.String).alias("icp_spec_version"),
        ],
    ]
    return comp.columns, crit + disq, stages


#: How :func:`score_frame` and :func:`~icpspec.to_sql` say where to name a column that is missing.
MISSING_HINT = "map one: columns=Columns(map={{'{field}': COLUMN}}), or missing='ignore'"


def score_frame(
    df: Any,
    spec_or_profile: Target | Spec | Profile,
    *,
    profile: str | None = None,
    columns: Columns | None = None,
    missing: MissingPolicy = "warn",
    outcomes: bool = False,
) -> Any:
    """Score every row of a polars or pandas DataFrame against a profile, vectorised.

    Returns a frame of the same kind: the input columns, then ``icp_profile``,
    ``icp_score``, ``icp_tier``, ``icp_status``, ``icp_coverage`` and
    ``icp_spec_version``; with ``outcomes=True`` also one column per criterion
    and disqualifier (``icp_c_<id>``/``icp_d_<id>``: ``matched``, ``missed``
    or ``unknown``). A spec with several profiles needs ``profile=``.

    Columns are matched to fields as ``icpspec match`` matches them: by name
    and catalogue alias, ignoring case and punctuation (``Number of
    Employees`` is ``employees``), with ``columns`` (a
    :class:`~icpspec.Columns`) naming others, setting constants and units.
    A field the profile reads that no column holds makes its outcomes
    unknown in every row: ``missing="warn"`` (the default) says so with a
    :class:`~icpspec.ColumnsWarning`, ``"raise"`` raises
    :class:`~icpspec.ColumnsError`, ``"ignore"`` says nothing.
    """
    pl = _polars()
    target = resolve_target(spec_or_profile, profile)
    is_pandas = type(df).__module__.startswith("pandas")
    frame = pl.from_pandas(df) if is_pandas else df
    if not isinstance(frame, pl.DataFrame):
        raise TypeError(f"score_frame takes a polars or pandas DataFrame, not {type(df).__name__}")
    clash = [c for c in frame.columns if c.startswith("__icp_") or c in OUTPUT_COLUMNS]
    if clash:
        raise IcpspecError(f"the frame already has a column {quote(clash[0])}; rename it first")
    resolved = target_columns(target, frame.columns, columns, missing, MISSING_HINT)
    helpers, conds, stages = frame_expressions(target, frame, resolved)
    lf = frame.lazy()
    if helpers:
        lf = lf.with_columns(list(helpers.values()))
    lf = lf.with_columns(conds)
    for stage in stages:
        lf = lf.with_columns(stage)
    extra: list[Any] = []
    if outcomes:
        code = {True: "matched", False: "missed"}
        ids = (
            ("c", [c.id for c in target.profile.criteria]),
            ("d", [d.id for d in target.profile.disqualifiers]),
        )
        for prefix, names in ids:
            for i, item_id in enumerate(names):
                col = pl.col(f"__icp_{prefix}{i}")
                extra.append(
                    pl.when(col.is_null())
                    .then(pl.lit("unknown"))
                    .otherwise(col.replace_strict(code, return_dtype=pl.String))
                    .alias(f"icp_{prefix}_{item_id}")
                )
    out = lf.select([*frame.columns, *OUTPUT_COLUMNS, *extra]).collect()
    return out.to_pandas() if is_pandas else out
