"""Compiling a profile into one SQL ``SELECT`` through sqlglot.

The table's fields are read as text (as a CSV file holds them; other column
types are read through their text form) and parsed in SQL by the grammar of
:mod:`icpspec.engine.values`; the condition tree becomes SQL's own
three-valued logic (NULL is *unknown*). Every value of the spec reaches the
SQL as a literal built by sqlglot, which escapes it for the dialect; the
patterns built here from spec text escape every ASCII punctuation character.
"""

from __future__ import annotations

from typing import Any

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.compile import fields_read
from icpspec.engine.target import Target, exact_arithmetic
from icpspec.model import MatchStatus, Profile
from icpspec.records import ResolvedColumns

from ._builders import HELPER_PREFIX, _sqlglot
from ._conditions import _Compiler
from ._values import _entries, _table  # noqa: F401 - tests read the country tables from this module

__all__ = ["DIALECTS", "OUTPUT_COLUMNS", "select_expression"]

#: The dialects the generated SQL is written for (sqlglot's names).
DIALECTS = ("duckdb", "postgres", "snowflake", "bigquery", "spark")

#: The result columns, after the input's own and the per-criterion outcomes.
OUTPUT_COLUMNS = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")


def _outcome_names(profile: Profile) -> list[str]:
    return [f"icp_c_{c.id}" for c in profile.criteria] + [f"icp_d_{d.id}" for d in profile.disqualifiers]


def _table_name(table: str) -> Any:
    """``table`` (``name``, ``schema.name`` or ``catalog.schema.name``) as a table, every part quoted.

    A table name is a name: whatever it holds (``a;b``, ``read_csv('x')``, a
    quote) is one identifier of the SQL, never SQL of its own.
    """
    exp = _sqlglot().exp
    parts = table.split(".")
    if len(parts) > 3 or not all(parts):
        raise IcpspecError(
            f"table {quote(table)}: a table is NAME, SCHEMA.NAME or CATALOG.SCHEMA.NAME, "
            "each part not empty (a name holding '.' cannot be given)"
        )
    names = [exp.to_identifier(p, quoted=True) for p in parts]
    catalog, db = ([None] * (3 - len(names)) + names)[:2]
    return exp.Table(this=names[-1], db=db, catalog=catalog)


def select_expression(
    target: Target, dialect: str, table: str, columns: ResolvedColumns | None = None
) -> Any:
    """The sqlglot expression of the scoring ``SELECT`` (see :func:`to_sql`).

    ``columns`` says which column holds each field (by default, the column
    named like it), which fields are constants and which are in a unit.
    """
    if dialect not in DIALECTS:
        raise IcpspecError(f"unknown SQL dialect {quote(dialect)}; choose one of: {', '.join(DIALECTS)}")
    profile = target.profile
    reserved = [f for f in fields_read(profile) if f.lower().startswith(HELPER_PREFIX)]
    if reserved:
        raise IcpspecError(
            f"the field {quote(reserved[0])}: names starting with {HELPER_PREFIX!r} are the SQL's own"
        )
    sg = _sqlglot()
    exp = sg.exp
    comp = _Compiler(target, dialect, columns)
    names = _outcome_names(profile)
    conds = [comp.compile(c.condition) for c in profile.criteria]
    conds += [comp.compile(d.condition) for d in profile.disqualifiers]
    star = exp.Star()
    source = _table_name(table).as_("t")
    selected: Any = exp.Column(this=star, table=exp.to_identifier("t"))
    for depth, bound in enumerate(comp.layers):  # the bound values, each layer over the one before
        source = exp.select(selected, *bound).from_(source, copy=False).subquery(f"b{depth}", copy=False)
        selected = exp.Star()
    outcomes = (exp.alias_(c, n, quoted=True) for c, n in zip(conds, names, strict=True))
    layer1 = exp.select(selected, *outcomes).from_(source, copy=False)

    def col(name: str) -> Any:
        return exp.column(name, quoted=True)

    helpers = list(comp.depth)
    query = layer1

    def let(**values: Any) -> list[Any]:
        """The ``values`` as columns of a layer of their own on DuckDB (helpers, left out of the
        result, so that a table's own ``icp_score`` is never read for ours); elsewhere themselves."""
        nonlocal query
        if not comp.layered:
            return list(values.values())
        named = {f"{HELPER_PREFIX}{name}": value for name, value in values.items()}
        aliased = [exp.alias_(value, name, quoted=True) for name, value in named.items()]
        query = exp.select(star, *aliased).from_(query.subquery(f"r{len(helpers)}", copy=False), copy=False)
        helpers.extend(named)
        return [col(name) for name in named]

    n_crit = len(profile.criteria)
    arithmetic = exact_arithmetic(profile)

    def integer(value: int) -> Any:
        return exp.Literal.number(value)

    def fold(terms: list[Any]) -> Any:
        # BIGINT from the start: the sums of integer weights pass 32 bits (below 2**53).
        acc: Any = exp.cast(integer(0), "BIGINT")
        for term in terms:
            acc = exp.Add(this=acc, expression=term)
        return exp.paren(acc)

    # Integer weights: sums and comparisons are exact (see ScoreArithmetic).
    matched = fold(
        [comp.case([(col(names[i]), integer(w))], integer(0)) for i, w in enumerate(arithmetic.weights)]
    )
    known = fold(
        [
            comp.case(
                [(comp.known(col(names[i])), integer(w))],
                integer(0),
            )
            for i, w in enumerate(arithmetic.weights)
        ]
    )
    # Tiers and the coverage minimum are tested on the score and the coverage, against the
    # floats of the least integers that reach them (ScoreArithmetic.tier_scores): exact, and
    # on DuckDB the weights are summed once. Scores and coverages are never negative: a least
    # value of 0 or less is always reached, and no tier after the first such one can be.
    short: Any = None  # coverage below the minimum
    if arithmetic.total:
        total = exp.cast(integer(arithmetic.total), "DOUBLE")
        score, coverage = let(
            score=exp.Div(
                this=exp.cast(exp.Mul(this=matched, expression=integer(100)), "DOUBLE"), expression=total
            ),
            coverage=exp.Div(this=exp.cast(known, "DOUBLE"), expression=total.copy()),
        )
        if arithmetic.least_coverage() > 0:
            short = exp.LT(this=coverage.copy(), expression=comp.num(arithmetic.least_coverage()))
        reach = list(arithmetic.tier_scores())
    else:  # no criteria: s = k = 0, so only bounds of 0 or less are reached
        score, coverage = comp.num(0.0), comp.num(1.0)
        if arithmetic.coverage_bound > 0:
            short = exp.true()
        reach = [(name, 0.0) for name, bound in arithmetic.tiers if bound <= 0]
    tested: list[tuple[Any, Any]] = []
    always = None  # the tier every scored record reaches, if one is
    for name, least in reach:
        if least <= 0:
            always = comp.s(name)
            break
        tested.append((exp.GTE(this=score.copy(), expression=comp.num(least)), comp.s(name)))

    whens: list[tuple[Any, Any]] = []
    disq = [exp.Is(this=col(n), expression=exp.true()) for n in names[n_crit:]]
    if disq:
        whens.append((exp.or_(*disq), comp.s(MatchStatus.DISQUALIFIED.value)))
    required = [names[i] for i, c in enumerate(profile.criteria) if c.required]
    if required:
        whens.append(
            (
                exp.or_(*(exp.Is(this=col(n), expression=exp.false()) for n in required)),
                comp.s(MatchStatus.REQUIRED_FAILED.value),
            )
        )
    insufficient = [exp.Is(this=col(n), expression=exp.null()) for n in required]
    if short is not None:
        insufficient.append(short)
    if insufficient:
        whens.append((exp.or_(*insufficient), comp.s(MatchStatus.INSUFFICIENT_DATA.value)))
    (status,) = let(status=comp.case(whens, comp.s(MatchStatus.SCORED.value)))

    tier = exp.cast(exp.null(), "TEXT")
    if tested or always is not None:
        scored = exp.EQ(this=status.copy(), expression=comp.s(MatchStatus.SCORED.value))
        tier = comp.case([(scored, comp.case(tested, always))])
    return exp.select(
        exp.Star(except_=[col(name) for name in helpers]) if helpers else star,
        exp.alias_(score, "icp_score"),
        exp.alias_(coverage, "icp_coverage"),
        exp.alias_(status, "icp_status"),
        exp.alias_(comp.s(profile.id), "icp_profile"),
        exp.alias_(tier, "icp_tier"),
        exp.alias_(comp.s(target.version), "icp_spec_version"),
    ).from_(query.subquery("r", copy=False), copy=False)
