"""The scorecard weights of ``icpspec suggest``: a logistic regression on counts, checked against
statsmodels' on the rows one by one."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icpspec.suggest._fit import fitted_log_odds, scorecard
from icpspec.suggest._search import Counter, Search

sm = pytest.importorskip("statsmodels.api")
np = pytest.importorskip("numpy")


def _patterns(rows: list[tuple[bool, list[bool]]], k: int) -> list[tuple[int, float, float]]:
    counts: dict[int, list[float]] = {}
    for won, hits in rows:
        key = sum(1 << i for i in range(k) if hits[i])
        cell = counts.setdefault(key, [0.0, 0.0])
        cell[0] += won
        cell[1] += 1
    return [(key, wins, n) for key, (wins, n) in counts.items()]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(0, 10_000), st.integers(200, 600))
def test_the_fit_on_counts_equals_statsmodels_on_rows(k: int, seed: int, n: int) -> None:
    """Without the ridge, the log odds ratios are statsmodels' maximum-likelihood coefficients."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, k)) < rng.uniform(0.2, 0.8, k)
    logit = -0.5 + x @ rng.uniform(-1.5, 1.5, k)
    y = rng.random(n) < 1 / (1 + np.exp(-logit))
    rows = [(bool(won), [bool(v) for v in row]) for won, row in zip(y, x, strict=True)]
    design = sm.add_constant(x.astype(float), has_constant="add")
    if np.linalg.matrix_rank(design) < k + 1:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # perfect separation: checked below
        try:
            expected = sm.Logit(y.astype(float), design).fit(disp=0, method="newton", maxiter=100)
        except np.linalg.LinAlgError:
            return
    if not expected.mle_retvals["converged"] or np.any(np.abs(expected.params) > 8):
        return
    got = fitted_log_odds(_patterns(rows, k), k, ridge=0.0)
    assert got == pytest.approx(list(expected.params[1:]), abs=1e-6)


def test_the_ridge_keeps_a_separated_criterion_finite() -> None:
    """A criterion all of whose records are positive has no finite maximum-likelihood weight."""
    rows = [(True, [True])] * 40 + [(True, [False])] * 30 + [(False, [False])] * 30
    (got,) = fitted_log_odds(_patterns(rows, 1), 1)
    assert math.isfinite(got)
    assert got > 2
    assert scorecard([got])[0] >= 5


def test_a_criterion_the_others_explain_gets_no_weight() -> None:
    """A copy of a criterion adds nothing given it: the two share the log odds ratio."""
    rows = [(i % 3 == 0, [i % 2 == 0, i % 2 == 0]) for i in range(300)]
    rows += [(True, [True, True])] * 60
    a, b = fitted_log_odds(_patterns(rows, 2), 2)
    assert a == pytest.approx(b)


def test_search_weights_come_from_the_training_rows() -> None:
    rows = [(True, [True])] * 30 + [(False, [True])] * 10 + [(True, [False])] * 20 + [(False, [False])] * 40
    positives = sum(1 << i for i, (won, _) in enumerate(rows) if won)
    mask = sum(1 << i for i, (_, hits) in enumerate(rows) if hits[0])
    search = Search(positives, Counter([1.0] * len(rows)), [(1 << len(rows)) - 1])
    odds_ratio = (30 / 10) / (20 / 40)
    (log_odds,) = fitted_log_odds(_patterns(rows, 1), 1, ridge=0.0)
    assert log_odds == pytest.approx(math.log(odds_ratio))
    assert search.weights([mask]) == scorecard(fitted_log_odds(_patterns(rows, 1), 1))
