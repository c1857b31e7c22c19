"""Throughput of the matching engine beside a hand-written ceiling and the peer engines.

Run from the repository root (the peers are optional: ``pip install rule-engine panzi-json-logic``):

    python benchmarks/bench_engine.py [--records 200000] [--repeat 3]

One realistic profile (8 criteria, one of them required, one disqualifier)
over deterministic, realistic account records with blanks (missing keys,
``None``, empty strings). Every engine runs in this one process with the
garbage collector on, and every result is kept alive, as in a real batch job.
Printed: records per second (best of ``--repeat``) and the ratio to a
hand-written Python function for this one profile: the *inline* one (every
criterion written out in one function, no helper called, running integer
sums: the fastest a person writes it) and the *helper-style* one (a helper
per text value, outcomes first, sums after). Results are kept alive, as in a
batch job, or discarded at once, as a streaming scorer does; the score-only
paths are compared with hand-written score-only functions. The peers get
explicit ``None`` guards so that they compute the same matches; before
timing, every engine's answers are checked against icpspec's on every record.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

import icpspec
from icpspec.engine import Matcher

SPEC = """
icpspec: 1
version: bench
profiles:
  smb-saas:
    criteria:
      - {id: size, field: employees, between: [5, 50], weight: 3}
      - {id: revenue, field: annual_revenue, between: [500000, 2000000], weight: 2}
      - {field: industry, in: [software, saas], weight: 2}
      - {field: country, in: [US], required: true}
      - {field: state, in: [CA, NY, TX, WA], weight: 1}
      - {id: stack, field: technologies, contains_any: [hubspot, salesforce], weight: 2}
      - {field: funding_stage, in: [bootstrapped, seed], weight: 1}
      - {id: young, field: founded_year, min: 2015, weight: 1}
    disqualifiers:
      - {id: public, field: is_public, equals: true, reason: Procurement too slow}
"""

INDUSTRIES = ["software", "saas", "retail", "manufacturing", "fintech", "healthcare"]
STATES = ["CA", "NY", "TX", "WA", "FL", "IL", "MA"]
COUNTRIES = ["US", "US", "US", "CA", "GB", "DE"]
TECH = ["hubspot", "salesforce", "slack", "notion", "zendesk", "stripe", "marketo"]
STAGES = ["bootstrapped", "seed", "series_a", "series_b", "public"]


def make_records(n: int, seed: int = 42) -> list[dict[str, Any]]:
    rng = random.Random(seed)

    def blank(value: Any) -> Any:
        # About one value in ten is missing, None or empty, as in CRM exports.
        roll = rng.random()
        if roll < 0.04:
            return _MISSING
        if roll < 0.08:
            return None
        if roll < 0.10:
            return ""
        return value

    out = []
    for _ in range(n):
        employees = int(rng.lognormvariate(3.5, 1.2))
        record = {
            "employees": blank(employees),
            "annual_revenue": blank(float(employees * rng.randint(20_000, 200_000))),
            "industry": blank(rng.choice(INDUSTRIES)),
            "country": blank(rng.choice(COUNTRIES)),
            "state": blank(rng.choice(STATES)),
            "technologies": blank(rng.sample(TECH, rng.randint(0, 4))),
            "funding_stage": blank(rng.choice(STAGES)),
            "founded_year": blank(rng.randint(1990, 2025)),
            "is_public": blank(rng.random() < 0.05),
        }
        out.append({k: v for k, v in record.items() if v is not _MISSING})
    return out


_MISSING = object()
_IND = frozenset({"software", "saas"})
_STATES = frozenset({"ca", "ny", "tx", "wa"})
_STACK = frozenset({"hubspot", "salesforce"})
_STAGES = frozenset({"bootstrapped", "seed"})
_WEIGHTS = (3, 2, 2, 1, 1, 2, 1, 1)  # integers: sums are exact, as icpspec's are
_TOTAL = sum(_WEIGHTS)


def _text(v: Any) -> str | None:
    return v.strip().casefold() or None if isinstance(v, str) else None


def _outcomes(r: dict[str, Any]) -> tuple[int, ...]:
    # 1 matched, 0 missed, 2 unknown: written out by hand for this one profile.
    e = r.get("employees")
    rev = r.get("annual_revenue")
    ind = _text(r.get("industry"))
    c = r.get("country")
    st = _text(r.get("state"))
    tech = r.get("technologies")
    stage = _text(r.get("funding_stage"))
    year = r.get("founded_year")
    pub = r.get("is_public")
    return (
        2 if e is None or e == "" else (1 if 5 <= e <= 50 else 0),
        2 if rev is None or rev == "" else (1 if 500_000 <= rev <= 2_000_000 else 0),
        2 if ind is None else (1 if ind in _IND else 0),
        2 if not c else (1 if c == "US" else 0),
        2 if st is None else (1 if st in _STATES else 0),
        2 if not tech else (0 if _STACK.isdisjoint(t.casefold() for t in tech) else 1),
        2 if stage is None else (1 if stage in _STAGES else 0),
        2 if year is None or year == "" else (1 if year >= 2015 else 0),
        2 if pub is None or pub == "" else (1 if pub is True else 0),
    )


def _tier(score: float) -> str:
    return "A" if score >= 75.0 else "B" if score >= 50.0 else "C"


def hand_written(r: dict[str, Any]) -> tuple[float, str | None, str, float, tuple[int, ...]]:
    """The practical ceiling: the same answers and per-criterion outcomes, by hand."""
    codes = _outcomes(r)
    matched = known = 0
    for w, code in zip(_WEIGHTS, codes, strict=False):
        if code != 2:
            known += w
            if code == 1:
                matched += w
    score = matched * 100 / _TOTAL
    if codes[8] == 1:
        return score, None, "disqualified", known / _TOTAL, codes
    if codes[3] == 0:
        return score, None, "required_failed", known / _TOTAL, codes
    if codes[3] == 2:
        return score, None, "insufficient_data", known / _TOTAL, codes
    return score, _tier(score), "scored", known / _TOTAL, codes


def inline(r: dict[str, Any]) -> tuple[float, str | None, str, float, tuple[int, ...]]:
    """The fastest hand-written scorer: every criterion written out inline, no helper called.

    What a careful person writes for this one profile and these records (ints, floats,
    texts, lists of texts, booleans, or blank), keeping score and coverage as running
    integer sums and returning the same answers and per-criterion outcomes.
    """
    get = r.get
    s = k = 0
    e = get("employees")
    if e is None or e == "":
        c0 = 2
    else:
        k += 3
        if 5 <= e <= 50:
            c0 = 1
            s += 3
        else:
            c0 = 0
    rev = get("annual_revenue")
    if rev is None or rev == "":
        c1 = 2
    else:
        k += 2
        if 500_000 <= rev <= 2_000_000:
            c1 = 1
            s += 2
        else:
            c1 = 0
    ind = get("industry")
    if not ind or not (ind := ind.strip().casefold()):
        c2 = 2
    else:
        k += 2
        if ind in _IND:
            c2 = 1
            s += 2
        else:
            c2 = 0
    c = get("country")
    if not c:
        c3 = 2
    else:
        k += 1
        if c == "US":
            c3 = 1
            s += 1
        else:
            c3 = 0
    st = get("state")
    if not st or not (st := st.strip().casefold()):
        c4 = 2
    else:
        k += 1
        if st in _STATES:
            c4 = 1
            s += 1
        else:
            c4 = 0
    tech = get("technologies")
    if not tech:
        c5 = 2
    else:
        k += 2
        c5 = 0
        for t in tech:
            if t.casefold() in _STACK:
                c5 = 1
                s += 2
                break
    stage = get("funding_stage")
    if not stage or not (stage := stage.strip().casefold()):
        c6 = 2
    else:
        k += 1
        if stage in _STAGES:
            c6 = 1
            s += 1
        else:
            c6 = 0
    year = get("founded_year")
    if year is None or year == "":
        c7 = 2
    else:
        k += 1
        if year >= 2015:
            c7 = 1
            s += 1
        else:
            c7 = 0
    pub = get("is_public")
    c8 = 2 if pub is None or pub == "" else (1 if pub is True else 0)
    score = s * 100 / 13
    codes = (c0, c1, c2, c3, c4, c5, c6, c7, c8)
    if c8 == 1:
        return score, None, "disqualified", k / 13, codes
    if c3 != 1:
        return score, None, "required_failed" if c3 == 0 else "insufficient_data", k / 13, codes
    return score, "A" if s * 100 >= 975 else "B" if s * 100 >= 650 else "C", "scored", k / 13, codes


def inline_score(r: dict[str, Any]) -> tuple[float, str | None]:
    """The fastest hand-written score-only scorer: inline, nothing kept but the answer."""
    get = r.get
    s = 0
    e = get("employees")
    if e is not None and e != "" and 5 <= e <= 50:
        s += 3
    rev = get("annual_revenue")
    if rev is not None and rev != "" and 500_000 <= rev <= 2_000_000:
        s += 2
    ind = get("industry")
    if ind and ind.strip().casefold() in _IND:
        s += 2
    c = get("country")
    if c == "US":
        s += 1
    st = get("state")
    if st and st.strip().casefold() in _STATES:
        s += 1
    tech = get("technologies")
    if tech:
        for t in tech:
            if t.casefold() in _STACK:
                s += 2
                break
    stage = get("funding_stage")
    if stage and stage.strip().casefold() in _STAGES:
        s += 1
    year = get("founded_year")
    if year is not None and year != "" and year >= 2015:
        s += 1
    score = s * 100 / 13
    if get("is_public") is True or c != "US":
        return score, None
    return score, "A" if s * 100 >= 975 else "B" if s * 100 >= 650 else "C"


def hand_written_score(r: dict[str, Any]) -> tuple[float, str | None]:
    """The ceiling of the score-only path: no outcomes kept, no allocation but the answer."""
    s = 0
    e = r.get("employees")
    if e is not None and e != "" and 5 <= e <= 50:
        s += 3
    rev = r.get("annual_revenue")
    if rev is not None and rev != "" and 500_000 <= rev <= 2_000_000:
        s += 2
    ind = r.get("industry")
    if ind and ind.strip().casefold() in _IND:
        s += 2
    c = r.get("country")
    if c == "US":
        s += 1
    st = r.get("state")
    if st and st.strip().casefold() in _STATES:
        s += 1
    tech = r.get("technologies")
    if tech and not _STACK.isdisjoint(t.casefold() for t in tech):
        s += 2
    stage = r.get("funding_stage")
    if stage and stage.strip().casefold() in _STAGES:
        s += 1
    year = r.get("founded_year")
    if year is not None and year != "" and year >= 2015:
        s += 1
    score = s * 100 / _TOTAL
    if r.get("is_public") is True or c != "US":
        return score, None
    return score, _tier(score)


def rule_engine_peer() -> Callable[[dict[str, Any]], tuple[int, ...]] | None:
    try:
        import rule_engine
    except ImportError:
        return None
    sources = [
        "employees != null and employees != '' and employees >= 5 and employees <= 50",
        "annual_revenue != null and annual_revenue != '' "
        "and annual_revenue >= 500000 and annual_revenue <= 2000000",
        "industry != null and industry != '' and industry.as_lower in ['software', 'saas']",
        "country != null and country == 'US'",
        "state != null and state != '' and state.as_lower in ['ca', 'ny', 'tx', 'wa']",
        "technologies != null and ('hubspot' in technologies or 'salesforce' in technologies)",
        "funding_stage != null and funding_stage != '' "
        "and funding_stage.as_lower in ['bootstrapped', 'seed']",
        "founded_year != null and founded_year != '' and founded_year >= 2015",
        "is_public != null and is_public != '' and is_public == true",
    ]
    fields = ["employees", "annual_revenue", "industry", "country", "state", "technologies",
              "funding_stage", "founded_year", "is_public"]  # fmt: skip
    context = rule_engine.Context(default_value=None)
    rules = [rule_engine.Rule(s, context=context) for s in sources]

    def run(r: dict[str, Any]) -> tuple[int, ...]:
        return tuple(
            2 if r.get(f) in (None, "", []) else (1 if rule.matches(r) else 0)
            for f, rule in zip(fields, rules, strict=True)
        )

    return run


def json_logic_peer() -> Callable[[dict[str, Any]], tuple[int, ...]] | None:
    try:
        from json_logic import jsonLogic
    except ImportError:
        return None

    def var(name: str) -> dict[str, Any]:
        return {"var": name}

    def guard(name: str, test: dict[str, Any]) -> dict[str, Any]:
        return {"and": [{"!=": [var(name), None]}, {"!=": [var(name), ""]}, test]}

    logic = [
        guard("employees", {"<=": [5, var("employees"), 50]}),
        guard("annual_revenue", {"<=": [500000, var("annual_revenue"), 2000000]}),
        guard("industry", {"in": [var("industry"), ["software", "saas"]]}),
        guard("country", {"==": [var("country"), "US"]}),
        guard("state", {"in": [var("state"), ["CA", "NY", "TX", "WA"]]}),
        guard("technologies", {"or": [{"in": [t, var("technologies")]} for t in ("hubspot", "salesforce")]}),
        guard("funding_stage", {"in": [var("funding_stage"), ["bootstrapped", "seed"]]}),
        guard("founded_year", {">=": [var("founded_year"), 2015]}),
        guard("is_public", {"==": [var("is_public"), True]}),
    ]
    fields = ["employees", "annual_revenue", "industry", "country", "state", "technologies",
              "funding_stage", "founded_year", "is_public"]  # fmt: skip

    def run(r: dict[str, Any]) -> tuple[int, ...]:
        return tuple(
            2 if r.get(f) in (None, "", []) else (1 if jsonLogic(rule, r) else 0)
            for f, rule in zip(fields, logic, strict=True)
        )

    return run


def timed(
    fn: Callable[[dict[str, Any]], object],
    records: Sequence[dict[str, Any]],
    repeat: int,
    *,
    keep: bool = True,
) -> float:
    """Best records/s over ``repeat`` runs, keeping every result alive (or dropping each at once)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        if keep:
            results = [fn(r) for r in records]
        else:
            for r in records:
                fn(r)
        best = min(best, time.perf_counter() - start)
        results = []
        del results
    return len(records) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--peer-records", type=int, default=None, help="records for the slow peers (default: all)"
    )
    args = parser.parse_args()

    spec = icpspec.loads(SPEC)
    matcher = Matcher(spec.profiles["smb-saas"], spec=spec)
    records = make_records(args.records)
    peers = {
        "rule-engine (zeroSteiner)": rule_engine_peer(),
        "JsonLogic (panzi-json-logic)": json_logic_peer(),
    }

    # The same answers first: every engine against icpspec, on every record.
    for r in records:
        ours = matcher.match(r)
        hand = hand_written(r)
        assert (ours.score, ours.tier, ours.status.value, ours.coverage, ours.codes) == hand, (r, ours, hand)
        assert inline(r) == hand, (r, inline(r), hand)
        assert matcher.score(r) == hand_written_score(r) == inline_score(r) == (hand[0], hand[1]), r
    for name, peer in peers.items():
        if peer is not None:
            for r in records[: args.peer_records or 20_000]:
                assert peer(r) == hand_written(r)[4], (name, r)

    rows: list[tuple[str, float, float]] = []
    fastest = timed(inline, records, args.repeat)
    ceiling = timed(hand_written, records, args.repeat)
    rows.append(("inline hand-written, results kept", fastest, 1.0))
    rows.append(("helper-style hand-written, results kept", ceiling, ceiling / fastest))
    rate = timed(matcher.match, records, args.repeat)
    rows.append(("icpspec Matcher.match, results kept", rate, rate / fastest))
    rows.append(("  ... against the helper-style one", rate, rate / ceiling))
    fastest_dropped = timed(inline, records, args.repeat, keep=False)
    rows.append(("inline hand-written, results discarded", fastest_dropped, 1.0))
    rate = timed(matcher.match, records, args.repeat, keep=False)
    rows.append(("icpspec Matcher.match, results discarded", rate, rate / fastest_dropped))

    def match_and_explain(r: dict[str, Any]) -> object:
        return matcher.match(r).outcomes

    rate = timed(match_and_explain, records[: max(1, len(records) // 10)], 1)
    rows.append(("icpspec Matcher.match + .outcomes read", rate, rate / ceiling))
    peer_records = records[: args.peer_records] if args.peer_records else records
    for name, peer in peers.items():
        if peer is None:
            print(f"({name} not installed: skipped)")
            continue
        rate = timed(peer, peer_records, 1)
        rows.append((f"{name}, None-guarded", rate, rate / ceiling))
    score_ceiling = timed(inline_score, records, args.repeat)
    rows.append(("inline hand-written score-only", score_ceiling, 1.0))
    rate = timed(hand_written_score, records, args.repeat)
    rows.append(("helper-style hand-written score-only", rate, rate / score_ceiling))
    rate = timed(matcher.score, records, args.repeat)
    rows.append(("icpspec Matcher.score (score and tier only)", rate, rate / score_ceiling))

    print(f"{len(records):,} records, best of {args.repeat}, garbage collector on")
    print("ratio: to the inline hand-written scorer of the same kind (peers: to the helper-style one)")
    print(f"{'engine':52} {'records/s':>12} {'ratio':>7}")
    for name, rate, ratio in rows:
        print(f"{name:52} {rate:12,.0f} {ratio:7.2f}")


if __name__ == "__main__":
    main()
