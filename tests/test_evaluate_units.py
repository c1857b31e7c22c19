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


# -- blank units ------------------------------------------------------------------------------------

ONE = icpspec.loads(
    """
icpspec: 1
fields:
  fa: {type: string}
  fb: {type: number}
profiles:
  p:
    criteria:
      - {id: ca, field: fa, in: [x], weight: 3}
      - {id: cb, field: fb, min: 5, weight: 2}
    tiers: {A: 70, B: 40}
"""
)


def _with_units(n: int, seed: int, blanks: list[object]) -> list[dict[str, Any]]:
    """Records of ``n // 3`` accounts; a few have a blank unit, of each kind in ``blanks``."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        fa = rng.choice(["x", "w"])
        acct: object = f"a{rng.randrange(n // 3)}"
        if rng.random() < 0.3:
            acct = rng.choice(blanks)
        out.append(
            {"fa": fa, "fb": rng.choice([1, 8]), "acct": acct, "out": "won" if rng.random() < 0.5 else "lost"}
        )
    return out


def _figures(ev: Any) -> dict[str, Any]:
    return ev.to_dict()["figures"]  # type: ignore[no-any-return]


def test_every_blank_unit_is_an_account_of_its_own(tmp_path: Any) -> None:
    """Found: an empty unit made all blank rows one account '(blank)', None or NaN one account
    per row. Every blank (empty, spaces, None, NaN) is an unknown account: one per row."""
    recs = _with_units(240, 3, ["", "   ", None, float("nan")])
    blank = [r["acct"] is None or isinstance(r["acct"], float) or not r["acct"].strip() for r in recs]
    assert sum(blank) > 30
    ev = evaluate(recs, ONE, outcome="out", unit="acct")
    # The independent version: each blank row given an account no other row has.
    own = [
        {**r, "acct": f"row-{i}" if b else r["acct"]}
        for i, (r, b) in enumerate(zip(recs, blank, strict=True))
    ]
    expected = evaluate(own, ONE, outcome="out", unit="acct")
    assert _figures(ev) == _figures(expected)
    assert f"{sum(blank)} records have no --unit value (acct): each is counted as an account of its own" in (
        ev.warnings
    )
    assert not any("no --unit value" in w for w in expected.warnings)


def test_blank_units_read_alike_from_a_csv_and_a_dataframe(tmp_path: Any) -> None:
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    recs = _with_units(240, 4, [""])
    for r in recs:  # numeric accounts: a DataFrame with blanks reads them as floats
        if r["acct"]:
            r["acct"] = int(r["acct"][1:]) + 100
    path = tmp_path / "deals.csv"
    lines = ["fa,fb,acct,out"] + [f"{r['fa']},{r['fb']},{r['acct']},{r['out']}" for r in recs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_csv = evaluate(path, ONE, outcome="out", unit="acct")
    frame = pd.read_csv(path)
    assert frame["acct"].isna().any()
    from_pandas = evaluate(frame, ONE, outcome="out", unit="acct")
    from_polars = evaluate(pl.read_csv(path), ONE, outcome="out", unit="acct")
    assert _figures(from_pandas) == _figures(from_csv) == _figures(from_polars)
    assert from_pandas.warnings == from_csv.warnings == from_polars.warnings
