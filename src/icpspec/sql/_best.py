"""The best-match ``SELECT``: every live profile scored, each row's best profile chosen in SQL.

One query for a spec with several profiles, ranked as :class:`icpspec.BestMatch`
ranks (``icpspec.engine.best``): fitting results (``scored`` with a tier)
first, by the tier's place in its own profile, then score, then coverage;
then, when none fits, *no fit*. Each profile's scoring ``SELECT``
(:func:`select_expression`) reads the one before it as its table, so one
pass over the table scores every profile, with no row key and no join.
Each profile's own columns are renamed so that they cannot collide:
``icp_c_<profile>__<id>`` for its outcomes, ``icp_<profile>_score`` (and
``_coverage``, ``_status``, ``_tier``) for its result; the best match's
columns follow, named as a single profile's are.
"""

from __future__ import annotations

from typing import Any

from icpspec.diagnostics import IcpspecError
from icpspec.engine.best import tier_places
from icpspec.engine.target import Target, resolve_target
from icpspec.model import MatchStatus, ProfileStatus, Spec
from icpspec.records import ResolvedColumns

from ._builders import _sqlglot
from ._compile import _outcome_names, select_expression

__all__ = ["best_match_sql"]

_RESULTS = ("icp_score", "icp_coverage", "icp_status", "icp_profile", "icp_tier", "icp_spec_version")
#: Where each status that does not fit ranks (engine.best._UNFIT_ORDER).
_UNFIT = {
    MatchStatus.SCORED.value: 1,
    MatchStatus.INSUFFICIENT_DATA.value: 2,
    MatchStatus.REQUIRED_FAILED.value: 3,
    MatchStatus.DISQUALIFIED.value: 4,
}


def _renamed(query: Any, target: Target) -> Any:
    """``query`` with its outcome and result columns named after its profile."""
    exp = _sqlglot().exp
    pid = target.profile.id
    # icp_c_size -> icp_c_<profile>__size; icp_d_public -> icp_d_<profile>__public
    outcomes = {name: f"{name[:6]}{pid}__{name[6:]}" for name in _outcome_names(target.profile)}
    for ident in query.find_all(exp.Identifier):
        if ident.name in outcomes:
            ident.set("this", outcomes[ident.name])
            ident.set("quoted", True)
    for select in query.expressions[-len(_RESULTS) :]:
        select.set("alias", exp.to_identifier(f"icp_{pid}_{select.alias[len('icp_') :]}", quoted=True))
    return query


def best_match_sql(
    spec: Spec, *, dialect: str, table: str, pretty: bool = False, columns: ResolvedColumns | None = None
) -> str:
    """One ``SELECT`` scoring every row of ``table`` against every live profile of ``spec``.

    The result has the table's columns, then per profile its outcome columns
    and ``icp_<profile>_score``, ``_coverage``, ``_status``, ``_profile``,
    ``_tier`` and ``_spec_version``; then the best match: ``icp_profile``,
    ``icp_score``, ``icp_tier``, ``icp_status``, ``icp_coverage`` and
    ``icp_spec_version``. When no profile fits, ``icp_status`` is ``no_fit``
    and the profile, score, tier and coverage are NULL. ``columns`` (resolved
    for the fields of every profile) says where each field is read, as for
    one profile's ``SELECT``.
    """
    sg = _sqlglot()
    exp = sg.exp
    ids = [pid for pid, p in spec.profiles.items() if p.status != ProfileStatus.RETIRED]
    if not ids:
        raise IcpspecError("the spec has no profile to match against (none, or all retired)")
    targets = [resolve_target(spec, pid) for pid in ids]
    query: Any = None
    ctes: list[tuple[str, Any]] = []
    source = table
    for i, target in enumerate(targets):
        query = _renamed(select_expression(target, dialect, source, columns), target)
        if dialect == "postgres":
            # PostgreSQL pulls subqueries up into the one above, writing each profile's
            # (long) score and status out wherever the ranking reads them: planning three
            # profiles took 46 s. OFFSET 0 keeps each profile's SELECT a fence.
            query = query.offset(0, copy=False)
        if i < len(targets) - 1:
            source = f"icp__p{i}"
            ctes.append((source, query))

    def col(pid: str, name: str) -> Any:
        return exp.column(f"icp_{pid}_{name}", quoted=True)

    def text(value: str) -> Any:
        return exp.Literal.string(value)

    def keys(target: Target) -> tuple[Any, Any, Any, Any]:
        pid = target.profile.id
        status, tier = col(pid, "status"), col(pid, "tier")
        fits = exp.and_(
            exp.EQ(this=status, expression=text("scored")),
            exp.Not(this=exp.Is(this=tier.copy(), expression=exp.null())),
        )
        k1 = exp.Case(
            ifs=[exp.If(this=fits, true=exp.Literal.number(0))]
            + [
                exp.If(this=exp.EQ(this=status.copy(), expression=text(s)), true=exp.Literal.number(n))
                for s, n in _UNFIT.items()
            ],
            default=exp.Literal.number(5),
        )
        places = tier_places(target.profile)
        k2 = exp.Case(
            ifs=[
                exp.If(
                    this=exp.and_(fits.copy(), exp.EQ(this=tier.copy(), expression=text(name))),
                    true=exp.Literal.number(n),
                )
                for name, n in places.items()
            ],
            default=exp.Literal.number(0),
        )
        return exp.paren(k1), exp.paren(k2), col(pid, "score"), col(pid, "coverage")

    ranked = [keys(t) for t in targets]

    def beats(i: int, j: int) -> Any:
        """Profile i ranks before profile j (ties: the spec's order)."""
        (a1, a2, a3, a4), (b1, b2, b3, b4) = ranked[i], ranked[j]
        tie: Any = exp.true() if i < j else exp.false()
        for a, b, better in ((a4, b4, exp.GT), (a3, b3, exp.GT), (a2, b2, exp.LT), (a1, b1, exp.LT)):
            tie = exp.or_(
                better(this=a.copy(), expression=b.copy()),
                exp.and_(exp.EQ(this=a.copy(), expression=b.copy()), tie),
            )
        return exp.paren(tie)

    best = [
        exp.and_(*(beats(i, j) for j in range(len(targets)) if j != i)) if len(targets) > 1 else exp.true()
        for i in range(len(targets))
    ]

    def pick(name: str, *, fit_only: bool = True) -> Any:
        whens = []
        for i, t in enumerate(targets):
            cond = best[i].copy()
            if fit_only and len(targets) > 1:
                cond = exp.and_(cond, exp.EQ(this=ranked[i][0].copy(), expression=exp.Literal.number(0)))
            whens.append(exp.If(this=cond, true=col(t.profile.id, name)))
        return exp.Case(ifs=whens)

    status = (
        exp.Case(
            ifs=[
                exp.If(
                    this=exp.Is(this=pick("profile"), expression=exp.null()),
                    true=text(MatchStatus.NO_FIT.value),
                )
            ],
            default=pick("status"),
        )
        if len(targets) > 1
        else pick("status")
    )
    final = exp.select(
        exp.Star(),
        exp.alias_(pick("profile"), "icp_profile"),
        exp.alias_(pick("score"), "icp_score"),
        exp.alias_(pick("tier"), "icp_tier"),
        exp.alias_(status, "icp_status"),
        exp.alias_(pick("coverage"), "icp_coverage"),
        exp.alias_(text(targets[0].version), "icp_spec_version"),
    ).from_(query.subquery("icp__best", copy=False), copy=False)
    for name, cte in ctes:
        final = final.with_(name, as_=cte, copy=False)
    return str(final.sql(dialect=dialect, pretty=pretty))
