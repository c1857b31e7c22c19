"""Criterion weights from a logistic regression on the chosen criteria, fitted on counts.

A profile's score adds a weight for every criterion a record meets, as a
credit scorecard adds points: the weights here are the criteria's log odds
ratios *given each other*, from one logistic regression of the outcome on the
criteria, two points for each doubling of the odds, rounded. The regression is fitted by
Newton's method on the weighted counts of each pattern of criteria met (at most
one pattern per record, usually a few dozen), with a small ridge penalty so that
a criterion every one of whose records is positive gets a large finite weight,
not an infinite one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

__all__ = ["RIDGE", "ScoreTest", "fit", "fitted_log_odds", "scorecard"]

#: The ridge penalty on each log odds ratio (a prior worth about a record on either side).
RIDGE = 1.0
#: Points for a doubling of the odds; weights are rounded and kept from 1 to 9.
POINTS_PER_DOUBLING = 2.0


def fitted_log_odds(
    patterns: Sequence[tuple[int, float, float]], k: int, *, ridge: float = RIDGE
) -> list[float]:
    """The log odds ratio of each of ``k`` criteria given the others, by a logistic regression.

    ``patterns`` holds ``(key, positives, records)``: bit ``i`` of ``key`` set when
    criterion ``i`` is met, and the weighted counts of those records. The intercept
    is not penalised; the criteria are, by ``ridge`` times the square of their
    coefficient over two. Newton's method from zero; at most 50 steps.
    """
    return fit(patterns, k, ridge=ridge)[1:] if k else []


class ScoreTest:
    """Rao's score test for adding one more criterion to the regression ``beta`` (from
    :func:`fit` on ``patterns``, ``k`` criteria): the fit's predictions and information are
    computed once, then :meth:`z` tests any criterion met by whole patterns."""

    def __init__(
        self,
        patterns: Sequence[tuple[int, float, float]],
        k: int,
        beta: Sequence[float],
        *,
        ridge: float = RIDGE,
    ) -> None:
        size = k + 1
        info = [[0.0] * size for _ in range(size)]
        self._rows: list[tuple[float, float, list[int]]] = []  # (excess, weight, criteria met)
        for signature, wins, n in patterns:
            on = [0] + [i + 1 for i in range(k) if signature >> i & 1]
            p = _sigmoid(beta[0] + sum(beta[i] for i in on[1:]))
            weight = n * p * (1 - p)
            for i in on:
                for j in on:
                    info[i][j] += weight
            self._rows.append((wins - n * p, weight, on))
        for i in range(1, size):
            info[i][i] += ridge
        info[0][0] += 1e-9
        self._info = info

    def z(self, inside: Iterable[int]) -> float:
        """The signed statistic for a criterion met by the patterns numbered ``inside`` (their
        places in ``patterns``): its records' positives above those the fit predicts, over the
        variance left once the criteria and the intercept are accounted for; 0 when nothing
        is left to explain."""
        cross = [0.0] * len(self._info)
        excess = own = 0.0
        rows = self._rows
        for index in inside:
            residual, weight, on = rows[index]
            excess += residual
            own += weight
            for i in on:
                cross[i] += weight
        projected = _solve(self._info, cross)
        left = own - sum(c * q for c, q in zip(cross, projected, strict=True))
        return excess / math.sqrt(left) if left > 1e-12 else 0.0


def _sigmoid(eta: float) -> float:
    return 1 / (1 + math.exp(-eta)) if eta >= 0 else math.exp(eta) / (1 + math.exp(eta))


def fit(patterns: Sequence[tuple[int, float, float]], k: int, *, ridge: float = RIDGE) -> list[float]:
    """The intercept and ``k`` coefficients of :func:`fitted_log_odds`'s regression."""
    beta = [0.0] * (k + 1)  # beta[0] the intercept
    for _ in range(50):
        gradient = [0.0] * (k + 1)
        hessian = [[0.0] * (k + 1) for _ in range(k + 1)]
        for signature, wins, n in patterns:
            x = [1.0] + [float(signature >> i & 1) for i in range(k)]
            eta = sum(b * v for b, v in zip(beta, x, strict=True))
            p = _sigmoid(eta)
            residual, curvature = wins - n * p, n * p * (1 - p)
            for i in range(k + 1):
                if x[i]:
                    gradient[i] += residual
                    for j in range(k + 1):
                        if x[j]:
                            hessian[i][j] += curvature
        for i in range(1, k + 1):
            gradient[i] -= ridge * beta[i]
            hessian[i][i] += ridge
        hessian[0][0] += 1e-9
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return beta


def scorecard(log_odds: Sequence[float]) -> list[int]:
    """Weights from log odds ratios: two points a doubling of the odds, rounded, 0 to 9.

    >>> scorecard([math.log(2), math.log(4), -0.3, 0.1, 10.0])
    [2, 4, 0, 0, 9]
    """
    return [min(9, max(0, round(POINTS_PER_DOUBLING * b / math.log(2)))) for b in log_odds]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """``matrix⁻¹ · vector`` by Gaussian elimination with partial pivoting (a small, positive
    definite system)."""
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if a[col][col] == 0:
            continue
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        if a[r][r] != 0:
            out[r] = (a[r][n] - sum(a[r][c] * out[c] for c in range(r + 1, n))) / a[r][r]
    return out
