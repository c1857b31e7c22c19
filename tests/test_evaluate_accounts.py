"""``--account`` statistics: too-few counts of accounts, ratios that hold their point, and
Kish's effective size where accounts hold different numbers of rows (checked by simulation).
"""

from __future__ import annotations

import math
import random
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.evaluate import evaluate
from icpspec.evaluate._stats import auc_from_counts, rate_ratio, wilson

BIG = icpspec.loads(
    """
icpspec: 1
profiles:
  p:
    criteria:
      - {id: big, field: employees, min: 100, weight: 1}
    tiers: {A: 50}
"""
)


def _kish(sizes: list[int]) -> float:
    return sum(sizes) ** 2 / sum(s * s for s in sizes)


# -- 1. a criterion's too-few rule counts accounts with a negative ----------------------------------


def test_a_criterion_counts_accounts_with_a_negative() -> None:
    """Found: 80 accounts, each with a won and a lost deal; the verdict separates on 80 accounts,
    but criterion ``big`` (40 accounts each side) was too few to judge with 0 negatives, as it
    counted accounts without a positive."""
    rows: list[dict[str, Any]] = []
    for a in range(80):
        emp = 500 if a < 40 else 5
        rows += [{"acct": f"a{a}", "employees": emp, "outcome": o} for o in ("won", "lost")]
        if a < 40:
            rows.append({"acct": f"a{a}", "employees": emp, "outcome": "won"})
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    assert f.verdict == "separates"
    (big,) = f.criteria
    assert (big.matched.accounts, big.missed.accounts) == (40, 40)
    assert "too_few_to_judge" not in big.findings


def test_a_criterion_with_too_few_accounts_with_a_negative_is_still_too_few() -> None:
    # 80 accounts, every one won: no negative at all.
    rows = [{"acct": f"a{a}", "employees": 500 if a < 40 else 5, "outcome": "won"} for a in range(80)]
    rows += [{"acct": f"a{a}", "employees": 500, "outcome": "lost"} for a in range(4)]
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    assert "too_few_to_judge" in f.criteria[0].findings


# -- 2. a rate ratio's interval holds its point -------------------------------------------------------


def test_the_reviewers_ratio_holds_its_point() -> None:
    """Found: two 100-deal accounts (1 won) beside 35 one-deal accounts (all won): the ratio was
    0.005 with an interval of 0.0141-2.10, the zero-cell correction moving the interval only."""
    rows = [
        {"acct": f"big{i % 2}", "employees": 500, "outcome": "won" if i == 0 else "lost"} for i in range(200)
    ]
    rows += [{"acct": f"s{a}", "employees": 5, "outcome": "won"} for a in range(35)]
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    for ratio in (f.criteria[0].ratio, f.check.ratio):
        assert ratio.value == pytest.approx(0.005)
        assert ratio.holds(ratio.value), ratio


@settings(max_examples=400, deadline=None)
@given(
    n1=st.floats(0.01, 1e6),
    n2=st.floats(0.01, 1e6),
    r1=st.floats(0.0, 1.0),
    r2=st.floats(0.0, 1.0),
)
def test_no_rate_ratio_excludes_its_point(n1: float, n2: float, r1: float, r2: float) -> None:
    """Fractional cells (a rate times an effective size) as ``--account`` gives them."""
    r = rate_ratio(r1 * n1, n1, r2 * n2, n2)
    assume(r.value is not None)
    assert r.value is not None
    assert r.holds(r.value), r


def test_brute_force_over_small_fractional_cells() -> None:
    steps = [0.0, 0.001, 0.01, 0.1, 0.3, 0.5, 0.9, 0.99, 1.0]
    sizes = [0.5, 1.0, 1.7, 2.0, 3.9, 10.0, 35.0, 200.0]
    for n1 in sizes:
        for n2 in sizes:
            for r1 in steps:
                for r2 in steps:
                    r = rate_ratio(r1 * n1, n1, r2 * n2, n2)
                    if r.value is not None:
                        assert r.holds(r.value), (r1, n1, r2, n2, r)


# -- 3. Kish's effective size where accounts differ in size ---------------------------------------------


def _lopsided(rng: random.Random, a: float) -> list[dict[str, Any]]:
    """One 40-deal account beside 40 one-deal accounts, each account's win probability ~ Beta(a, a),
    each account (all its deals) big or small at random: no signal at all."""
    rows = []
    for acct, size in [("whale", 40), *((f"s{i}", 1) for i in range(40))]:
        p = rng.betavariate(a, a)
        emp = 500 if rng.random() < 0.5 else 5
        rows += [
            {"acct": acct, "employees": emp, "outcome": "won" if rng.random() < p else "lost"}
            for _ in range(size)
        ]
    return rows


def test_rates_use_kishs_effective_size() -> None:
    rows = [{"acct": "whale", "employees": 500, "outcome": "won" if i % 2 else "lost"} for i in range(40)]
    rows += [
        {"acct": f"s{i}", "employees": 5 if i < 30 else 500, "outcome": "won" if i % 4 == 0 else "lost"}
        for i in range(40)
    ]
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    assert f.accounts == 41
    everyone = _kish([40] + [1] * 40)  # 3.9, where the accounts are 41
    want = wilson(f.base_rate.value * everyone, everyone)  # type: ignore[operator]
    assert (f.base_rate.low, f.base_rate.high) == (pytest.approx(want.low), pytest.approx(want.high))
    top = f.groups[0]  # the whale and 10 small accounts
    eff = _kish([40] + [1] * 10)
    want = wilson(top.rate.value * eff, eff)  # type: ignore[operator]
    assert (top.rate.low, top.rate.high) == (pytest.approx(want.low), pytest.approx(want.high))
    assert top.accounts == 11  # the table and the too-few rule still count accounts
    # Recall: over positives, the whale's 20 and 10 small accounts' one each.
    eff = _kish([20] + [1] * 10)
    recall = f.top.recall
    want = wilson(recall.value * eff, eff)  # type: ignore[operator]
    assert (recall.low, recall.high) == (pytest.approx(want.low), pytest.approx(want.high))
    # The criterion's ratio: Katz's interval over the two sides' effective sizes.
    c = f.criteria[0]
    e1, e2 = _kish([40] + [1] * 10), _kish([1] * 30)
    want = rate_ratio(c.matched.rate.value * e1, e1, c.missed.rate.value * e2, e2)  # type: ignore[operator]
    assert (c.ratio.low, c.ratio.high) == (pytest.approx(want.low), pytest.approx(want.high))


def test_equal_accounts_count_as_before() -> None:
    """Accounts of one size: Kish's effective size is the number of accounts."""
    rng = random.Random(3)
    rows = [
        {
            "acct": f"a{a}",
            "employees": 500 if a % 3 else 5,
            "outcome": "won" if rng.random() < 0.5 else "lost",
        }
        for a in range(60)
        for _ in range(3)
    ]
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    want = wilson(f.base_rate.value * 60, 60)  # type: ignore[operator]
    assert (f.base_rate.low, f.base_rate.high) == (pytest.approx(want.low), pytest.approx(want.high))


def _coverage(a: float, runs: int, seed: int) -> tuple[float, float, float, float]:
    """Shares of runs whose base rate's interval holds 1/2 (the true rate) and whose AUC's holds
    1/2 (no signal), as evaluate gives them and as the old method did (counting accounts)."""
    rng = random.Random(seed)
    rate = auc = old_rate = old_auc = 0
    for _ in range(runs):
        rows = _lopsided(rng, a)
        f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
        rate += f.base_rate.holds(0.5)
        auc += f.ranking.auc.value is None or f.ranking.auc.interval.holds(0.5)
        old_rate += wilson(f.base_rate.value * 41, 41).holds(0.5)  # type: ignore[operator]
        with_each = [len({r["acct"] for r in rows if r["outcome"] == o}) for o in ("won", "lost")]
        cells = [(rank, pos, neg) for rank, pos, neg in f.ranking.ranks]
        old = auc_from_counts(cells, effective=(float(with_each[0]), float(with_each[1])))
        old_auc += old.value is None or old.interval.holds(0.5)
    return rate / runs, auc / runs, old_rate / runs, old_auc / runs


@pytest.mark.parametrize("a", [0.5, 2.0])
def test_coverage_with_one_large_account(a: float) -> None:
    """The reviewer's case: counting 41 accounts covered the true rate 44 % (a = 0.5) and 77 %
    (a = 2) of the time; Kish's effective size covers it at least 95 %, as the AUC's interval
    covers no signal."""
    rate, auc, old_rate, old_auc = _coverage(a, 300, seed=int(a * 10))
    assert old_rate < 0.85
    assert old_auc < 0.92
    assert rate >= 0.95
    assert auc >= 0.95


# -- 4. under --account the too-few wording says accounts ---------------------------------------------


def test_too_few_wording_says_accounts() -> None:
    rows = [
        {"acct": f"a{i % 3}", "employees": 500 if i % 2 else 5, "outcome": "won" if i % 3 else "lost"}
        for i in range(60)
    ]
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    assert f.too_few
    assert (
        f.verdict_text == "Too few to judge: fewer than 30 ranked accounts or 5 accounts with each outcome."
    )
    assert (
        f.check.message == "too few to judge: fewer than 30 ranked accounts or 5 accounts with each outcome"
    )
    plain = evaluate(rows[:10], BIG, outcome="outcome").figures
    assert plain.verdict_text == "Too few to judge: fewer than 30 ranked records or 5 of each outcome."


def test_the_check_ends_wording_says_accounts() -> None:
    # Enough accounts ranked, but the top holds too few of them.
    rows = [
        {"acct": f"a{i}", "employees": 500 if i < 5 else 5, "outcome": "won" if i % 2 else "lost"}
        for i in range(100)
    ]
    f = evaluate(rows, BIG, outcome="outcome", account="acct").figures
    assert not f.too_few
    assert f.check.status.value == "too_few_to_judge"
    assert "accounts" in f.check.message, f.check.message
    assert math.isfinite(f.base_rate.value or 0)


def test_every_positive_of_one_account_takes_the_largest_placement_variance() -> None:
    """Reproduction: ten won deals, all of one account, ranked alike, beside thirty lost accounts:
    the positives' placements were given the variance of the rows inside that account (0 here),
    so the AUC's interval was as narrow as if ten accounts had won. One account says nothing of
    how a second would place: its variance is taken at its largest, 1/4, as for one record."""
    cells = [(1.0, 10.0, 5.0), (0.0, 0.0, 25.0)]
    rows = auc_from_counts(cells)
    one_account = auc_from_counts(cells, effective=(1.0, 30.0))
    assert rows.se is not None
    assert one_account.se is not None
    assert one_account.se == pytest.approx(math.sqrt(0.25 / 1 + _s01(cells) / 30))
    assert (one_account.low, one_account.high) == (0.0, 1.0)
    two_accounts = auc_from_counts(cells, effective=(2.0, 30.0))
    assert two_accounts.se is not None
    assert two_accounts.se < one_account.se  # estimated, as before


def _s01(cells: list[tuple[float, float, float]]) -> float:
    """The negatives' placements' sample variance, by a loop over records."""
    positives = [rank for rank, p, _ in cells for _ in range(int(p))]
    placements = [
        sum((p > rank) + 0.5 * (p == rank) for p in positives) / len(positives)
        for rank, _, n in cells
        for _ in range(int(n))
    ]
    mean = sum(placements) / len(placements)
    return sum((x - mean) ** 2 for x in placements) / (len(placements) - 1)
