"""``--account`` (rows of one account count once) and the best match over several profiles,
against independent computations: scikit-learn's AUC, statsmodels' Wilson interval, and a
cluster-robust (linearised ratio) variance computed over accounts by hand.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    ev = evaluate(recs, ONE, outcome="out", account="acct")
    # The independent version: each blank row given an account no other row has.
    own = [
        {**r, "acct": f"row-{i}" if b else r["acct"]}
        for i, (r, b) in enumerate(zip(recs, blank, strict=True))
    ]
    expected = evaluate(own, ONE, outcome="out", account="acct")
    assert _figures(ev) == _figures(expected)
    assert (
        f"{sum(blank)} records have no --account value (acct): each is counted as an account of its own"
        in (ev.warnings)
    )
    assert not any("no --account value" in w for w in expected.warnings)


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
    from_csv = evaluate(path, ONE, outcome="out", account="acct")
    frame = pd.read_csv(path)
    assert frame["acct"].isna().any()
    from_pandas = evaluate(frame, ONE, outcome="out", account="acct")
    from_polars = evaluate(pl.read_csv(path), ONE, outcome="out", account="acct")
    assert _figures(from_pandas) == _figures(from_csv) == _figures(from_polars)
    assert from_pandas.warnings == from_csv.warnings == from_polars.warnings


# -- every interval under --account holds its point, and counts accounts ---------------------------------

TOP = {"fa": "x", "fb": 8}
REST = {"fa": "w", "fb": 1}
Z = 1.959963984540054


def _intervals(f: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every interval of one population's JSON figures, named."""
    out = [("base_rate", f["base_rate"]), ("auc", f["ranking"]["auc"])]
    for g in f["groups"]:
        out += [(f"{g['name']} rate", g["rate"]), (f"{g['name']} cumulative", g["cumulative_rate"])]
    out += [("precision", f["top"]["precision"]), ("recall", f["top"]["recall"])]
    out += [("bottom", f["bottom"]["rate"]), ("check recall", f["check"]["recall"])]
    out += [("check ratio", f["check"]["ratio"])]
    for c in f["criteria"]:
        out += [(f"{c['id']} {w}", c[w]["rate"]) for w in ("matched", "missed", "unknown")]
        out += [(f"{c['id']} ratio", c["ratio"])]
    return out


def test_recall_under_units_holds_its_point() -> None:
    """Found: one account of 40 deals in tier A (20 won) and 40 one-deal accounts (10 won): recall
    0.667 with an interval of 0.016-0.377, the share of winning accounts in the top (1 of 11)."""
    recs = [dict(TOP, acct="big", out="won" if i % 2 else "lost") for i in range(40)]
    recs += [dict(REST, acct=f"s{i}", out="won" if i % 4 == 0 else "lost") for i in range(40)]
    ev = evaluate(recs, ONE, outcome="out", account="acct")
    recall = ev.figures.top.recall
    assert recall.value == pytest.approx(20 / 30)
    assert recall.holds(20 / 30)
    # Its size is Kish's effective size of the positives' accounts, as every other interval's
    # is: 11 accounts hold a positive, the big one 20 of the 30, worth 30^2 / (20^2 + 10) = 2.2.
    eff = 30**2 / (20**2 + 10)
    low, high = proportion.proportion_confint(20 / 30 * eff, eff, method="wilson")
    assert (recall.low, recall.high) == (pytest.approx(low), pytest.approx(high))
    assert ev.figures.check.recall == recall


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 12), min_size=1, max_size=40),
    seed=st.integers(0, 10_000),
    by=st.booleans(),
    bad=st.booleans(),
)
def test_no_interval_under_units_excludes_its_point(sizes: list[int], seed: int, by: bool, bad: bool) -> None:
    rng = random.Random(seed)
    recs = []
    for a, size in enumerate(sizes):
        lean = rng.random()
        for _ in range(size):
            rec: dict[str, Any] = {
                "fa": rng.choice(["x", "w", None]),
                "fb": rng.choice([1, 8, None]),
                "acct": rng.choice([f"a{a}", f"a{a}", f"a{a}", ""]),
                "region": rng.choice(["n", "s"]),
                "out": "won" if rng.random() < lean else "lost",
            }
            recs.append(rec)
    ev = evaluate(recs, ONE, outcome="out", account="acct", by="region" if by else None, bad=bad)
    data = ev.to_dict()
    for figures in [data["figures"], *(s["figures"] for s in data["strata"])]:
        for name, iv in _intervals(figures):
            if iv["value"] is None or iv["low"] is None:
                continue
            assert iv["low"] - 1e-9 <= iv["value"] <= iv["high"] + 1e-9, (name, iv)


def _cluster_robust_wilson(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """A ratio of sums over accounts, ``(numerator, denominator)`` per account, with the Wilson
    interval of its Korn-Graubard effective size: the linearised (cluster-robust) variance
    ``sum((y - R x)^2) / X^2`` taken as ``R(1 - R) / n``."""
    num = sum(y for y, _ in pairs)
    den = sum(x for _, x in pairs)
    r = num / den
    var = sum((y - r * x) ** 2 for y, x in pairs) / den**2
    n = r * (1 - r) / var
    low, high = proportion.proportion_confint(r * n, n, method="wilson")
    return r, low, high


def test_intervals_under_units_equal_a_cluster_robust_computation() -> None:
    """Where counting accounts is what a cluster-robust interval says (accounts of one size whose
    deals share their group and outcome), every rate interval equals one computed from the
    linearised variance over accounts by hand, rows clustered by account."""
    rng = random.Random(5)
    accounts = []
    for a in range(60):
        top = a % 3 == 0
        won = rng.random() < (0.7 if top else 0.3)
        accounts.append((f"a{a}", TOP if top else REST, won))
    recs = [
        dict(base, acct=name, out="won" if won else "lost") for name, base, won in accounts for _ in range(4)
    ]
    ev = evaluate(recs, ONE, outcome="out", account="acct")
    f = ev.figures
    per_account = [(4.0 * won, 4.0, base is TOP) for _, base, won in accounts]
    checks = {
        "base rate": (f.base_rate, [(y, x) for y, x, _ in per_account]),
        "precision": (f.top.precision, [(y, x) for y, x, t in per_account if t]),
        "bottom rate": (f.bottom.rate, [(y, x) for y, x, t in per_account if not t]),
        # Recall: positives in the top over all positives, accounts with a positive.
        "recall": (f.top.recall, [(y * t, y) for y, _, t in per_account if y]),
    }
    for name, (interval, pairs) in checks.items():
        r, low, high = _cluster_robust_wilson(pairs)
        assert interval.value == pytest.approx(r), name
        assert (interval.low, interval.high) == (pytest.approx(low), pytest.approx(high)), name


def test_base_rate_and_too_few_count_accounts() -> None:
    """Found: with --account the base rate's interval counted rows (200 rows of 10 accounts), and a
    group of one account's 40 deals was shown n=40 and not marked too few to judge."""
    recs = []
    for a in range(10):
        for i in range(20):
            won = i % (2 if a < 5 else 5) == 0
            recs.append(dict(TOP if a < 5 else REST, acct=f"acct{a}", out="won" if won else "lost"))
    f = evaluate(recs, ONE, outcome="out", account="acct").figures
    low, high = proportion.proportion_confint(0.35 * 10, 10, method="wilson")
    assert f.base_rate.value == pytest.approx(0.35)
    assert (f.base_rate.low, f.base_rate.high) == (pytest.approx(low), pytest.approx(high))
    assert f.accounts == 10
    a = f.groups[0]
    assert (a.records, a.accounts, a.too_few) == (100, 5, True)
    assert f.too_few  # 10 accounts ranked: too few to judge
    assert f.check.status.value == "too_few_to_judge"
    assert all("too_few_to_judge" in c.findings for c in f.criteria)


def test_text_and_html_show_the_accounts_beside_the_rows(tmp_path: Any) -> None:
    from icpspec.report.evaluation import render_html, render_text

    recs = [dict(TOP, acct="big", out="won" if i % 2 else "lost") for i in range(40)]
    recs += [dict(REST, acct=f"s{i}", out="won" if i % 4 == 0 else "lost") for i in range(40)]
    ev = evaluate(recs, ONE, outcome="out", account="acct")
    text = render_text(ev)
    row = next(line for line in text.splitlines() if line.startswith("A "))
    assert row.split()[:4] == ["A", "*", "40", "(1"], row
    assert "40 (1 account)" in row
    assert "n=40 (1 account)" in text
    assert "40 (40 accounts)" in text
    html = render_html(ev)
    assert "40 (1 account)" in html
    assert "n=40 (1 account)" in html
    data = ev.to_dict()["figures"]
    assert (data["groups"][0]["records"], data["groups"][0]["accounts"]) == (40, 1)
    assert data["accounts"] == 41
    # Without --account nothing changes: no accounts shown.
    plain = render_text(evaluate(recs, ONE, outcome="out"))
    assert "account" not in plain
