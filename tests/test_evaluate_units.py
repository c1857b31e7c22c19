"""``--unit`` (rows of one account count once) and the best match over several profiles,
against independent computations: scikit-learn's AUC, statsmodels' Wilson interval, and a
cluster-robust (linearised ratio) variance computed over accounts by hand.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import icpspec
from icpspec.engine import Matcher
from icpspec.evaluate import evaluate

sklearn_metrics = pytest.importorskip("sklearn.metrics")
proportion = pytest.importorskip("statsmodels.stats.proportion")

TWO = icpspec.loads(
    """
icpspec: 1
fields:
  fa: {type: string}
  fb: {type: number}
  fd: {type: string}
profiles:
  p:
    criteria:
      - {id: ca, field: fa, in: [x], weight: 3}
      - {id: cb, field: fb, min: 5, weight: 2}
      - {id: req, field: fd, in: [ok], required: true}
    tiers: {A: 70, B: 40}
  q:
    criteria:
      - {id: ca, field: fa, in: [w], weight: 1}
      - {id: cb, field: fb, max: 5, weight: 2}
      - {id: req, field: fd, in: [ok], required: true}
    tiers: {A: 90, B: 50}
"""
)


def _several(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        rec: dict[str, Any] = {
            "fa": rng.choice(["x", "w", None]),
            "fb": rng.choice([1, 8, None]),
            "fd": rng.choice(["ok", "ok", "no", None]),
        }
        rec["out"] = "won" if rng.random() < 0.3 + 0.3 * (rec["fa"] == "x") else "lost"
        out.append(rec)
    return out


def _best_rank(spec: icpspec.Spec, rec: dict[str, Any]) -> float | None:
    """The best match's rank by hand: tier place, then score; -1 for no fit; None when every
    profile says insufficient_data (DESIGN §6.1: insufficient_data is not ranked)."""
    fields = {k: v for k, v in rec.items() if v is not None and k != "out"}
    results = [Matcher(p, spec=spec).match(fields) for p in spec.profiles.values()]
    places = max(len(p.tiers) for p in spec.profiles.values())
    best = None
    for profile, r in zip(spec.profiles.values(), results, strict=True):
        if r.status.value == "scored" and r.tier is not None:
            order = sorted(profile.tiers, key=lambda t: -profile.tiers[t])
            key = (order.index(r.tier), -r.score)
            if best is None or key < best:
                best = key
    if best is not None:
        return (places - best[0]) * 1000 + -best[1]
    if all(r.status.value == "insufficient_data" for r in results):
        return None
    return -1.0


@pytest.mark.parametrize("seed", [2, 7])
def test_several_profiles_leave_records_insufficient_in_every_profile_unranked(seed: int) -> None:
    recs = _several(300, seed)
    ev = evaluate(recs, TWO, outcome="out")
    ranks = [_best_rank(TWO, r) for r in recs]
    ys = [r["out"] == "won" for r in recs]
    kept = [(y, k) for y, k in zip(ys, ranks, strict=True) if k is not None]
    insufficient = len(recs) - len(kept)
    assert insufficient > 0
    ranking = ev.figures.ranking
    assert ranking.left_out == insufficient
    assert ranking.ranked == len(kept)
    expected = sklearn_metrics.roc_auc_score([y for y, _ in kept], [k for _, k in kept])
    assert ranking.auc.value == pytest.approx(expected, abs=1e-12)
    groups = {g.name: g for g in ev.figures.groups}
    assert groups["insufficient_data"].records == insufficient
    assert groups["no_fit"].records == sum(1 for k in ranks if k == -1.0)
    # insufficient_data belongs to neither the top nor the bottom.
    assert "insufficient_data" not in ev.figures.bottom.groups
    assert any("insufficient_data records are not ranked" in w for w in ev.warnings)
    assert any(w.startswith(f"{groups['no_fit'].records:,} records fit no profile") for w in ev.warnings)
