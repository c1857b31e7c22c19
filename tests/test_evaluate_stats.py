"""evaluate's interval statistics against independent computations written here.

* The AUC's interval is DeLong's (1988), tie-aware: a positive and a negative
  at the same rank count one half in the placement values. A profile's scores
  take few values, so ties are the rule, not the exception; Hanley & McNeil's
  (1982) formula assumes none and overstated the standard error 1.8 times on
  the audit's example (25 records in tier A, 20 won; 175 with no tier, 80
  won), turning a clear signal into "no signal". The reference here is a
  pairwise DeLong on the expanded records (numpy), and a simulation.
* Katz's rate-ratio interval needs a correction whenever a cell is zero: a
  group all positive (no negatives) gave "1.00x (1.00-1.00)".
* On too few records there is no judgement: no "cannot be met", no leakage
  warning, no AUC interval in the header.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.evaluate import CheckStatus, auc_from_counts, evaluate, pooled_auc, rate_ratio
from icpspec.report.evaluation import render_html, render_text

np = pytest.importorskip("numpy")

Z = 1.959963984540054

SPEC = icpspec.loads(
    """
icpspec: 1
fields:
  fa: {type: string}
  fb: {type: number}
  fc: {type: string}
  fd: {type: string}
profiles:
  p:
    criteria:
      - {id: ca, field: fa, in: [x, y], weight: 3}
      - {id: cb, field: fb, min: 5, weight: 2}
      - {id: cc, field: fc, equals: "yes", weight: 1}
      - {id: req, field: fd, in: [ok, fine], required: true}
    disqualifiers:
      - {id: dq, field: fa, equals: z, reason: bad}
    tiers: {A: 70, B: 40}
"""
)
TOP = {"fa": "x", "fb": 8, "fc": "yes", "fd": "ok"}
REST = {"fa": "w", "fb": 1, "fc": "no", "fd": "ok"}

#: The audit's example: tier A holds 20 won and 5 lost, no tier 80 won and 95 lost.
AUDIT = [(1.0, 20.0, 5.0), (0.0, 80.0, 95.0)]


def delong(cells: list[tuple[float, float, float]]) -> tuple[float, float]:
    """AUC and DeLong's standard error from the expanded records, pair by pair (numpy)."""
    pos = np.concatenate([np.full(int(p), r, dtype=float) for r, p, _ in cells])
    neg = np.concatenate([np.full(int(n), r, dtype=float) for r, _, n in cells])
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    var = v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg)
    return float(psi.mean()), math.sqrt(var)


def _records(cells: list[tuple[dict[str, Any], int, int]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rec, won, lost in cells:
        out += [dict(rec, out="won")] * won + [dict(rec, out="lost")] * lost
    return out


# -- the AUC's interval ----------------------------------------------------------------------------


def test_the_audit_example_gets_delong_not_hanley_mcneil() -> None:
    auc = auc_from_counts(AUDIT)
    value, se = delong(AUDIT)
    assert auc.value == pytest.approx(0.575)
    assert auc.se == pytest.approx(se, rel=1e-9)
    assert auc.se == pytest.approx(0.02289, abs=5e-5)  # Hanley-McNeil said 0.0404
    assert auc.low == pytest.approx(value - Z * se)
    assert auc.high == pytest.approx(value + Z * se)
    assert not auc.interval.holds(0.5)


cells_with_ties = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=6
)


@settings(max_examples=60, deadline=None)
@given(cells_with_ties)
def test_the_interval_equals_an_independent_delong_under_heavy_ties(raw: list[tuple[int, int, int]]) -> None:
    merged: dict[float, list[float]] = {}
    for r, p, n in raw:
        c = merged.setdefault(float(r), [0.0, 0.0])
        c[0] += p
        c[1] += n
    cells = [(r, p, n) for r, (p, n) in merged.items()]
    positives, negatives = sum(c[1] for c in cells), sum(c[2] for c in cells)
    auc = auc_from_counts(cells)
    if positives < 2 or negatives < 2:
        return
    value, se = delong(cells)
    assert auc.value == pytest.approx(value, abs=1e-12)
    assert auc.se == pytest.approx(se, rel=1e-9, abs=1e-12)
    assert auc.low == pytest.approx(max(0.0, value - Z * se), abs=1e-12)
    assert auc.high == pytest.approx(min(1.0, value + Z * se), abs=1e-12)


def test_the_standard_error_matches_a_simulation_of_the_audit_example() -> None:
    # 100 won and 100 lost accounts; a won one is in tier A with probability 0.2, a lost one 0.05.
    rng = np.random.default_rng(20260101)
    runs = 20_000
    a_pos = rng.binomial(100, 0.20, runs)
    a_neg = rng.binomial(100, 0.05, runs)
    right = a_pos * (100 - a_neg) + 0.5 * (a_pos * a_neg + (100 - a_pos) * (100 - a_neg))
    simulated = float(np.std(right / 10_000, ddof=1))
    assert auc_from_counts(AUDIT).se == pytest.approx(simulated, rel=0.08)


def test_one_record_of_an_outcome_gives_the_widest_interval() -> None:
    # One positive: the spread of positives' placements cannot be estimated, so it is taken at
    # its largest (1/4), not as zero; the interval is no longer "1.000-1.000".
    auc = auc_from_counts([(1.0, 1.0, 0.0), (0.0, 0.0, 10.0)])
    assert auc.value == 1.0
    assert auc.se == pytest.approx(0.5)
    assert auc.low is not None
    assert auc.low < 0.05
    assert auc.high == 1.0


def test_evaluate_uses_delong_and_finds_the_signal() -> None:
    recs = _records([(TOP, 20, 5), (REST, 80, 95)])
    ev = evaluate(recs, SPEC, outcome="out")
    auc = ev.figures.ranking.auc
    value, se = delong([(2.0, 20.0, 5.0), (1.0, 80.0, 95.0)])
    assert auc.value == pytest.approx(value)
    assert auc.se == pytest.approx(se, rel=1e-9)
    assert ev.figures.verdict == "separates"
    text = render_text(ev)
    assert "AUC 0.575 (0.530-0.620, DeLong)" in text
    assert "Hanley" not in text
    assert "Hanley" not in render_html(ev)


def test_evaluate_counts_gets_the_same_interval(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("sqlglot")
    recs = _records([(TOP, 20, 5), (REST, 80, 95), (dict(REST, fa="z"), 3, 9)])
    path = tmp_path / "r.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["fa", "fb", "fc", "fd", "out"])
        w.writeheader()
        w.writerows(recs)
    python = evaluate(path, SPEC, outcome="out")
    duck = evaluate(path, SPEC, outcome="out", engine="duckdb")
    assert duck.figures.ranking.auc == python.figures.ranking.auc
    _, se = delong([(2.0, 20.0, 5.0), (1.0, 80.0, 95.0), (-1.0, 3.0, 9.0)])
    assert duck.figures.ranking.auc.se == pytest.approx(se, rel=1e-9)


def test_the_pooled_auc_within_strata_uses_each_stratums_delong() -> None:
    north = [(TOP, 20, 5), (REST, 80, 95)]
    south = [(TOP, 30, 20), (REST, 40, 60)]
    recs = [dict(r, region="north") for r in _records(north)] + [
        dict(r, region="south") for r in _records(south)
    ]
    ev = evaluate(recs, SPEC, outcome="out", by="region")
    refs = {
        "north": delong([(2.0, 20.0, 5.0), (1.0, 80.0, 95.0)]),
        "south": delong([(2.0, 30.0, 20.0), (1.0, 40.0, 60.0)]),
    }
    pairs = {"north": 100 * 100, "south": 70 * 80}
    for s in ev.strata:
        assert s.figures.ranking.auc.se == pytest.approx(refs[s.name][1], rel=1e-9)
    total = sum(pairs.values())
    value = sum(refs[k][0] * pairs[k] / total for k in refs)
    se = math.sqrt(sum((pairs[k] / total) ** 2 * refs[k][1] ** 2 for k in refs))
    assert ev.pooled_auc is not None
    assert ev.pooled_auc.value == pytest.approx(value)
    assert ev.pooled_auc.se == pytest.approx(se, rel=1e-9)
    assert pooled_auc([s.figures.ranking.auc for s in ev.strata]) == ev.pooled_auc


def test_units_still_widen_the_interval() -> None:
    recs = _records([(TOP, 20, 5), (REST, 80, 95)])
    for i, r in enumerate(recs):
        r["account"] = f"a{i % 50}"
    per_row = evaluate(recs, SPEC, outcome="out").figures.ranking.auc
    per_account = evaluate(recs, SPEC, outcome="out", account="account").figures.ranking.auc
    assert per_account.value == per_row.value
    assert (per_account.se or 0) > (per_row.se or 0)


# -- Katz's rate ratio with a zero cell --------------------------------------------------------------


def _katz(k1: float, n1: float, k2: float, n2: float, centre: float | None = None) -> tuple[float, float]:
    """Katz's interval from these cells, centred on ``centre`` (by default their ratio)."""
    se = math.sqrt(1 / k1 - 1 / n1 + 1 / k2 - 1 / n2)
    log = math.log((k1 / n1) / (k2 / n2) if centre is None else centre)
    return math.exp(log - Z * se), math.exp(log + Z * se)


def test_both_groups_all_positive_give_a_real_interval() -> None:
    r = rate_ratio(31, 31, 29, 29)
    assert r.value == 1.0
    # 0.5 added to each of the four cells for the standard error; centred on the estimate
    low, high = _katz(31.5, 32, 29.5, 30, centre=1.0)
    assert (r.low, r.high) == (pytest.approx(low), pytest.approx(high))
    assert r.low is not None
    assert r.high is not None
    assert r.low < 1 < r.high
    assert r.high - r.low > 0.05


def test_a_group_with_no_negatives_gets_the_correction() -> None:
    r = rate_ratio(40, 40, 50, 55)
    assert r.value == pytest.approx(1.1)  # the observed ratio, uncorrected: it is finite
    low, high = _katz(40.5, 41, 50.5, 56, centre=1.1)  # the interval holds the estimate
    assert (r.low, r.high) == (pytest.approx(low), pytest.approx(high))


def test_no_zero_cell_no_correction() -> None:
    r = rate_ratio(30, 100, 10, 100)
    assert (r.low, r.high) == (
        pytest.approx(_katz(30, 100, 10, 100)[0]),
        pytest.approx(_katz(30, 100, 10, 100)[1]),
    )


def test_every_record_won_prints_no_zero_width_ratio() -> None:
    recs = _records([(TOP, 31, 0), (REST, 29, 0)])
    ev = evaluate(recs, SPEC, outcome="out")
    for c in ev.figures.criteria:
        if c.ratio.value is not None:
            assert c.ratio.low is not None
            assert c.ratio.high is not None
            assert c.ratio.low < 1 < c.ratio.high
    assert "(1.00-1.00)" not in render_text(ev)


# -- too few to judge ---------------------------------------------------------------------------------


def test_one_record_is_too_few_not_cannot_be_met() -> None:
    ev = evaluate(_records([(TOP, 1, 0)]), SPEC, outcome="out")
    check = ev.figures.check
    assert ev.figures.too_few
    assert ev.figures.verdict == "too_few_to_judge"
    assert check.status == CheckStatus.TOO_FEW
    assert "cannot be met" not in check.message
    assert "too few" in check.message
    assert "cannot be met" not in render_text(ev)


def test_four_records_give_no_leakage_warning_and_no_interval() -> None:
    ev = evaluate(_records([(TOP, 3, 0), (REST, 0, 1)]), SPEC, outcome="out")
    assert ev.auc == 1.0
    assert ev.figures.verdict == "too_few_to_judge"
    assert ev.figures.check.status == CheckStatus.TOO_FEW
    assert not any("leakage" in w or "know the outcome" in w for w in ev.warnings)
    assert any("too few" in w for w in ev.warnings)
    text = render_text(ev)
    assert "1.000-1.000" not in text
    assert "AUC 1.000 (too few to judge)" in text
    html = render_html(ev)
    assert "1.000&ndash;1.000" not in html
    assert "too few to judge" in html


def test_enough_records_keep_the_leakage_warning() -> None:
    ev = evaluate(_records([(TOP, 40, 0), (REST, 0, 60)]), SPEC, outcome="out")
    assert ev.figures.verdict == "leakage_suspected"
    assert any("leakage" in w for w in ev.warnings)
