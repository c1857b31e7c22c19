"""icpspec.evaluate against independent computations: plain loops, scikit-learn, statsmodels.

Every count is recomputed by a plain loop over the engine's results; AUC by
``sklearn.metrics.roc_auc_score`` (to 1e-9); Wilson intervals by
``statsmodels.stats.proportion.proportion_confint``. Hypothesis holds the
invariants: every record counted once, capture summing to 1, AUC unchanged by
a strictly increasing transform of the ranks, lift of everything 1.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.engine import Matcher
from icpspec.evaluate import (
    CheckStatus,
    Evaluation,
    EvaluationError,
    OutcomeLabels,
    auc_from_counts,
    evaluate,
    pooled_auc,
    rate_ratio,
    wilson,
)
from icpspec.model import MatchStatus

from .strategies import ListKeys

sklearn_metrics = pytest.importorskip("sklearn.metrics")
proportion = pytest.importorskip("statsmodels.stats.proportion")

ROOT = Path(__file__).resolve().parent.parent
SALVIRT = ROOT / "examples" / "salvirt"
SALVIRT_CSV = SALVIRT / "salvirt_b2b_sales.csv"

SPEC = icpspec.loads(
    """
icpspec: 1
profiles:
  smb:
    criteria:
      - {id: size, field: employees, between: [10, 200], weight: 3}
      - {id: us, field: country, in: [US, CA], weight: 2}
      - {id: saas, field: industry, in: [software, saas], weight: 1, required: true}
    disqualifiers:
      - {id: public, field: is_public, equals: true, reason: too slow}
    tiers: {A: 80, B: 50, C: 10}
"""
)
PROFILE = SPEC.profiles["smb"]
GROUPS = ("A", "B", "C", "no tier", "disqualified", "required_failed", "insufficient_data")


def synthetic(n: int, seed: int, signal: float = 0.35) -> list[dict[str, Any]]:
    """Accounts whose win rate rises with the profile's criteria (a planted signal), with gaps."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        employees = rng.choice([None, rng.randint(1, 5000), rng.randint(10, 200)])
        country = rng.choice(["US", "Canada", "France", "", None, "Germany"])
        industry = rng.choice(["software", "SaaS", "retail", None])
        public = rng.choice([True, False, False, None])
        fit = (employees is not None and 10 <= employees <= 200) + (country in ("US", "Canada"))
        p = min(0.95, 0.1 + signal * fit)
        outcome = rng.choice(["open", ""]) if rng.random() < 0.05 else ("won" if rng.random() < p else "lost")
        rows.append(
            {
                "id": f"acct-{i}",
                "employees": employees,
                "country": country,
                "industry": industry,
                "is_public": public,
                "deal": rng.choice([None, rng.randint(1000, 90000)]),
                "region": rng.choice(["north", "south"]),
                "outcome": outcome,
            }
        )
    return rows


def plain(rows: list[dict[str, Any]], outcome: str = "outcome") -> dict[str, Any]:
    """The independent computation: a loop over the engine's results, nothing shared."""
    matcher = Matcher(PROFILE, spec=SPEC)
    labels = {"won": 1, "lost": 0}
    groups: dict[str, list[int]] = {g: [0, 0] for g in GROUPS}
    ranked_y: list[int] = []
    ranked_s: list[float] = []
    left = 0
    verdicts: Counter[tuple[int, int, int]] = Counter()
    for row in rows:
        y = labels.get(str(row[outcome]).strip().lower())
        if y is None:
            left += 1
            continue
        r = matcher.match(row)
        if r.status == MatchStatus.SCORED:
            g = r.tier or "no tier"
            ranked_y.append(y)
            ranked_s.append(r.score)
        else:
            g = r.status.value
            if r.status != MatchStatus.INSUFFICIENT_DATA:
                ranked_y.append(y)
                ranked_s.append(-1.0)
        groups[g][y] += 1
        for ci, code in enumerate(r.codes):
            verdicts[ci, code, y] += 1
    return {"groups": groups, "y": ranked_y, "s": ranked_s, "left": left, "verdicts": verdicts}


def _close(a: float | None, b: float, tol: float = 1e-9) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=0, abs_tol=tol)


# -- statistics against statsmodels and scikit-learn ---------------------------------------------


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_equals_statsmodels(k: int, n: int) -> None:
    k = min(k, n)
    low, high = proportion.proportion_confint(k, n, alpha=0.05, method="wilson")
    mine = wilson(k, n)
    assert _close(mine.low, low)
    assert _close(mine.high, high)
    assert mine.value == k / n


@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 1)), min_size=2, max_size=200))
def test_auc_from_counts_equals_sklearn(pairs: list[tuple[int, int]]) -> None:
    ys = [y for _, y in pairs]
    if len(set(ys)) < 2:
        return
    cells = Counter(pairs)
    counts = [(s, cells[s, 1], cells[s, 0]) for s in {s for s, _ in pairs}]
    assert _close(auc_from_counts(counts).value, sklearn_metrics.roc_auc_score(ys, [s for s, _ in pairs]))


@given(
    st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 9), st.integers(0, 9)), min_size=1, max_size=30),
    st.sampled_from([lambda r: 3 * r + 7, math.exp, lambda r: r**3 + r]),
)
def test_auc_unchanged_under_strictly_increasing_transform(cells: list[tuple[int, int, int]], f: Any) -> None:
    merged: dict[int, list[int]] = {}
    for r, p, n in cells:
        merged.setdefault(r, [0, 0])
        merged[r][0] += p
        merged[r][1] += n
    a = auc_from_counts([(r, p, n) for r, (p, n) in merged.items()])
    b = auc_from_counts([(f(r), p, n) for r, (p, n) in merged.items()])
    assert a.value == b.value or (a.value is not None and math.isclose(a.value, b.value or -1, abs_tol=1e-12))


def test_auc_interval_is_delong_by_hand() -> None:
    # 30 of 50 positives above every negative, 20 tied with all 50: (1500 + 500) / 2500 = 0.8.
    # DeLong's placements: 30 positives at 1, 20 at 1/2 (ties count one half); every negative
    # at (30 + 20/2) / 50 = 0.8. S10 = (30 * 0.2**2 + 20 * 0.3**2) / 49 = 3/49, S01 = 0.
    se = math.sqrt(3 / 49 / 50)
    auc = auc_from_counts([(1, 30, 0), (0, 20, 50)])
    assert auc.value == pytest.approx(0.8)
    assert auc.se == pytest.approx(se)
    assert auc.low == pytest.approx(0.8 - 1.959963984540054 * se)


def test_rate_ratio_katz_interval() -> None:
    r = rate_ratio(30, 100, 10, 100)
    se = math.sqrt(1 / 30 - 1 / 100 + 1 / 10 - 1 / 100)
    assert r.value == pytest.approx(3.0)
    assert r.low == pytest.approx(3.0 * math.exp(-1.959963984540054 * se))
    zero = rate_ratio(0, 50, 10, 50)  # Haldane: 0.5 added to each cell
    assert zero.value == pytest.approx((0.5 / 51) / (10.5 / 51))


def test_pooled_auc_compares_only_pairs_within_a_stratum() -> None:
    a = auc_from_counts([(1, 10, 0), (0, 0, 10)])  # perfect
    b = auc_from_counts([(1, 0, 20), (0, 20, 0)])  # reversed
    pooled = pooled_auc([a, b])
    assert pooled.value == pytest.approx((1.0 * 100 + 0.0 * 400) / 500)


# -- the evaluation against a plain loop -----------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 400))
@example(127, 1)  # one open deal: no outcome reads, an error
def test_every_figure_equals_the_plain_loop(seed: int, n: int) -> None:
    rows = synthetic(n, seed)
    ref = plain(rows)
    if not sum(a + b for a, b in ref["groups"].values()) and any(str(r["outcome"]).strip() for r in rows):
        # No outcome reads as won or lost, and some are named ('open'): an error naming them.
        with pytest.raises(EvaluationError, match="reads as positive or negative"):
            evaluate(rows, SPEC, outcome="outcome")
        return
    ev = evaluate(rows, SPEC, outcome="outcome")
    assert ev.left_out.outcome == ref["left"]
    groups = {g.name: g for g in ev.figures.groups}
    assert tuple(groups) == GROUPS
    total = sum(a + b for a, b in ref["groups"].values())
    positives = sum(b for _, b in ref["groups"].values())
    for name, (neg, pos) in ref["groups"].items():
        g = groups[name]
        assert (g.records, g.positives) == (neg + pos, pos)
        if neg + pos:
            low, high = proportion.proportion_confint(pos, neg + pos, method="wilson")
            assert _close(g.rate.low, low)
            assert _close(g.rate.high, high)
            if positives:
                assert _close(g.lift, (pos / (neg + pos)) / (positives / total))
    # Every record counted once, in the groups and under every criterion.
    assert sum(g.records for g in ev.figures.groups) == total == ev.figures.records
    for ci, c in enumerate(ev.figures.criteria):
        assert c.matched.records + c.missed.records + c.unknown.records == total
        for code, cell in ((1, c.matched), (0, c.missed), (2, c.unknown)):
            assert cell.positives == ref["verdicts"][ci, code, 1]
            assert cell.records == ref["verdicts"][ci, code, 1] + ref["verdicts"][ci, code, 0]
    if positives:
        assert math.isclose(sum(g.capture or 0 for g in ev.figures.groups), 1.0)
        last = ev.figures.groups[-1]
        assert last.cumulative_lift is not None
        assert math.isclose(last.cumulative_lift, 1.0)
    ys = ref["y"]
    if 0 < sum(ys) < len(ys):
        assert _close(ev.auc, sklearn_metrics.roc_auc_score(ys, ref["s"]))
    else:
        assert ev.auc is None


def test_same_figures_from_a_file_a_polars_frame_and_a_pandas_frame(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pandas")
    rows = synthetic(300, 7)
    path = tmp_path / "accounts.csv"
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
    from_file = evaluate(path, SPEC, outcome="outcome", value="deal", by="region", id="id")
    frame = pl.read_csv(path, infer_schema_length=0)
    from_polars = evaluate(frame, SPEC, outcome="outcome", value="deal", by="region", id="id")
    from_pandas = evaluate(frame.to_pandas(), SPEC, outcome="outcome", value="deal", by="region", id="id")
    a = from_file.to_dict()
    for other in (from_polars.to_dict(), from_pandas.to_dict()):
        assert other["figures"] == a["figures"]
        assert other["strata"] == a["strata"]
        # Lines differ (a file's first record is on line 2, a frame's is row 1); nothing else.
        assert [{**m, "line": m["line"] + 1} for m in other["missed"]] == a["missed"]


# -- what DESIGN §6.1 asks, one behaviour per test -------------------------------------------------


def test_left_out_outcomes_are_counted_by_value() -> None:
    rows = [{"employees": 20, "outcome": v} for v in ["won", "lost", "open", "Open ", "", None, "engaging"]]
    ev = evaluate(rows, SPEC, outcome="outcome")
    assert ev.figures.records == 2
    assert ev.left_out.outcome == 5
    assert dict(ev.left_out.outcome_values) == {"open": 2, "(blank)": 2, "engaging": 1}
    assert any("5 records with an outcome that is neither" in w for w in ev.warnings)


def test_outcome_labels_default_and_replaced() -> None:
    labels = OutcomeLabels.of()
    assert [labels.read(x) for x in ("Closed Won", "CONVERTED", 1, True, "0", False, "maybe")] == [
        1,
        1,
        1,
        1,
        0,
        0,
        None,
    ]
    custom = OutcomeLabels.of(["churned"], ["renewed"])
    assert (custom.read("Churned"), custom.read("won")) == (1, None)
    with pytest.raises(ValueError, match="both"):
        OutcomeLabels.of(["x"], ["X "])


def test_a_criterion_equal_to_the_outcome_gives_auc_1_and_the_leakage_warning() -> None:
    spec = icpspec.loads(
        """
icpspec: 1
fields:
  stage: {type: string}
profiles:
  leaky:
    criteria: [{id: stage, field: stage, equals: won}]
    tiers: {A: 50}
"""
    )
    rows = [{"stage": o, "outcome": o} for o in ["won"] * 40 + ["lost"] * 60]
    ev = evaluate(rows, spec, outcome="outcome")
    assert ev.auc == 1.0
    assert ev.figures.verdict == "leakage_suspected"
    assert any("leakage" in w for w in ev.warnings)


def test_no_signal_when_the_auc_interval_holds_one_half() -> None:
    rng = random.Random(3)
    rows = [
        {
            "employees": rng.choice([20, 5000]),
            "country": "US",
            "industry": "saas",
            "outcome": rng.choice(["won", "lost"]),
        }
        for _ in range(200)
    ]
    ev = evaluate(rows, SPEC, outcome="outcome")
    assert ev.figures.ranking.auc.interval.holds(0.5)
    assert ev.figures.verdict == "no_signal"
    assert ev.figures.verdict_text.startswith("No signal")


def test_small_groups_are_too_few_to_judge() -> None:
    rows = synthetic(60, 1)
    ev = evaluate(rows, SPEC, outcome="outcome")
    for g in ev.figures.groups:
        assert g.too_few == (g.records < 30 or g.positives < 5)
    tiny = evaluate(synthetic(12, 2), SPEC, outcome="outcome")
    assert tiny.figures.too_few
    assert tiny.figures.verdict == "too_few_to_judge"
    assert tiny.figures.check.status == CheckStatus.TOO_FEW


def test_the_check_cannot_be_met_at_a_high_base_rate() -> None:
    # 63 % positives: 35 % of records hold at most 0.35 / 0.63 = 56 % of them.
    rows = [{"employees": 20, "country": "US", "industry": "saas", "outcome": "won"}] * 63
    rows += [{"employees": 20, "country": "US", "industry": "saas", "outcome": "lost"}] * 37
    ev = evaluate(rows, SPEC, outcome="outcome")
    check = ev.figures.check
    assert check.status == CheckStatus.CANNOT_BE_MET
    assert check.ceiling == pytest.approx(0.35 / 0.63)
    assert "cannot be met on this data" in check.message
    assert "56%" in check.message


def test_missed_positives_are_the_lowest_ranked_with_their_failed_criteria() -> None:
    rows = synthetic(500, 11)
    ev = evaluate(rows, SPEC, outcome="outcome", id="id", missed=10)
    matcher = Matcher(PROFILE, spec=SPEC)
    ranked = []
    for line, row in enumerate(rows, 1):
        if str(row["outcome"]).lower() != "won":
            continue
        r = matcher.match(row)
        if r.status == MatchStatus.INSUFFICIENT_DATA:
            continue
        ranked.append((r.score if r.status == MatchStatus.SCORED else -1.0, line, row["id"]))
    ranked.sort()
    assert [(m.id, m.line) for m in ev.missed] == [(i, line) for _, line, i in ranked[:10]]
    first = ev.missed[0]
    assert first.failed  # a lowest-ranked won deal failed something


def test_bad_outcomes_ask_the_bottom_to_catch_them() -> None:
    rows = synthetic(400, 5)
    good = evaluate(rows, SPEC, outcome="outcome")
    bad = evaluate(rows, SPEC, outcome="outcome", bad=True, positive=["lost"], negative=["won"])
    assert bad.figures.check.catching == "bottom"
    # The ranking still orders good outcomes first: the same AUC either way.
    assert bad.auc == pytest.approx(good.auc)


def test_units_make_intervals_count_accounts() -> None:
    rows = synthetic(400, 9)
    for i, row in enumerate(rows):
        row["account"] = f"a{i % 40}"
    per_row = evaluate(rows, SPEC, outcome="outcome")
    per_account = evaluate(rows, SPEC, outcome="outcome", account="account")
    for a, b in zip(per_row.figures.groups, per_account.figures.groups, strict=True):
        assert a.rate.value == b.rate.value
        if a.records and b.accounts is not None and b.accounts < a.records and 0 < a.positives < a.records:
            assert (b.rate.high or 0) - (b.rate.low or 0) > (a.rate.high or 0) - (a.rate.low or 0)
    assert per_account.figures.ranking.auc.value == per_row.figures.ranking.auc.value
    assert (per_account.figures.ranking.auc.se or 0) > (per_row.figures.ranking.auc.se or 0)


def test_by_gives_figures_per_stratum_and_a_pooled_auc() -> None:
    rows = synthetic(600, 4)
    ev = evaluate(rows, SPEC, outcome="outcome", by="region")
    assert [s.name for s in ev.strata] == ["north", "south"]
    assert sum(s.figures.records for s in ev.strata) == ev.figures.records
    assert ev.pooled_auc is not None
    for s in ev.strata:
        sub = [r for r in rows if r["region"] == s.name]
        assert s.figures.ranking.auc.value == pytest.approx(evaluate(sub, SPEC, outcome="outcome").auc)


def test_backtest_after_a_date() -> None:
    rows = synthetic(200, 8)
    for i, row in enumerate(rows):
        row["created"] = ["2025-06-01", "2026-02-01", "not a date"][i % 3]
    ev = evaluate(rows, SPEC, outcome="outcome", date="created", after="2026-01-01")
    kept = [r for r in rows if r["created"] == "2026-02-01"]
    assert ev.figures.records == evaluate(kept, SPEC, outcome="outcome").figures.records
    assert ev.left_out.before_date + ev.left_out.no_date + ev.left_out.outcome + ev.figures.records == 200


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"outcome": "Stauts"}, "--outcome 'Stauts': no such column; did you mean 'Status'?"),
        ({"outcome": "Status", "top": ["Z"]}, "--top 'Z': no such group"),
        ({"outcome": "Status", "after": "2020-01-01"}, "--after needs --date"),
        ({"outcome": "Status", "by": "Product", "date": "Seller", "after": "x"}, "not a date"),
    ],
)
def test_bad_options_are_one_line_errors(kwargs: dict[str, Any], message: str) -> None:
    spec = icpspec.load(SALVIRT / "salvirt.icp.yaml")
    with pytest.raises(EvaluationError, match=message.replace("(", r"\(").replace("?", r"\?")):
        evaluate(SALVIRT_CSV, spec, **kwargs)


def test_several_profiles_evaluate_the_best_fit_with_no_fit() -> None:
    spec = icpspec.loads(
        """
icpspec: 1
profiles:
  small:
    criteria: [{field: employees, max: 50}]
    tiers: {A: 100}
  big:
    criteria: [{field: employees, min: 1000}]
    tiers: {A: 100}
"""
    )
    rows = [
        {"employees": e, "outcome": o} for e, o in [(10, "won"), (5000, "won"), (300, "lost"), (None, "lost")]
    ]
    ev = evaluate(rows, spec, outcome="outcome")
    groups = [(g.name, g.records) for g in ev.figures.groups]
    assert groups == [("A", 2), ("no_fit", 2), ("insufficient_data", 0)]
    assert ev.auc == 1.0
    assert [c.id for c in ev.figures.criteria] == ["small/employees", "big/employees"]


# -- the real data --------------------------------------------------------------------------------


def _salvirt_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SALVIRT_CSV.read_text(encoding="utf-8"))))


def test_salvirt_figures_equal_an_independent_computation() -> None:
    spec = icpspec.load(SALVIRT / "salvirt.icp.yaml")
    ev = evaluate(SALVIRT_CSV, spec, outcome="Status", id="Product")
    rows = _salvirt_rows()
    assert ev.figures.records == 448
    assert ev.figures.positives == 227
    # The profile by hand: weights 3, 2, 1, 2 of 8; cold channels disqualify.
    ys, scores, groups = [], [], Counter()
    for row in rows:
        y = 1 if row["Status"] == "Won" else 0
        if row["Source"] in ("Direct mail", "Media"):
            ys.append(y)
            scores.append(-1.0)
            groups["disqualified", y] += 1
            continue
        score = (
            100
            * (
                3 * (row["Client"] in ("Current", "Past"))
                + 2 * (row["Source"] in ("Joint past", "Referral"))
                + (row["Comp_size"] == "Big")
                + 2 * (row["Competitors"] == "No")
            )
            / 8
        )
        ys.append(y)
        scores.append(score)
        groups["A" if score >= 85 else "B" if score >= 50 else "C", y] += 1
    for g in ev.figures.groups:
        assert (g.records, g.positives) == (groups[g.name, 0] + groups[g.name, 1], groups[g.name, 1])
        if g.records:
            low, high = proportion.proportion_confint(g.positives, g.records, method="wilson")
            assert _close(g.rate.low, low)
            assert _close(g.rate.high, high)
    assert _close(ev.auc, sklearn_metrics.roc_auc_score(ys, scores))


def test_salvirt_to_dict_is_json(tmp_path: Path) -> None:
    import json

    spec = icpspec.load(SALVIRT / "salvirt.icp.yaml")
    ev = evaluate(SALVIRT_CSV, spec, outcome="Status", by="Comp_size", account="Seller")
    assert isinstance(ev, Evaluation)
    text = json.dumps(ev.to_dict(), allow_nan=False)
    assert json.loads(text)["figures"]["records"] == 448


def test_columns_map_and_constants_apply_to_mapping_records() -> None:
    from icpspec.records import Columns

    rows = synthetic(200, 12)
    renamed = [
        {("headcount" if k == "employees" else k): v for k, v in r.items() if k != "industry"} for r in rows
    ]
    plain_rows = [{**r, "industry": "saas"} for r in rows]
    ev = evaluate(
        renamed,
        SPEC,
        outcome="outcome",
        columns=Columns(map={"employees": "headcount"}, constants={"industry": "saas"}),
    )
    assert ev.to_dict()["figures"] == evaluate(plain_rows, SPEC, outcome="outcome").to_dict()["figures"]


def test_a_mapped_column_may_come_after_the_first_record() -> None:
    """Reproduction: mapping records resolved ``columns`` against the first record's keys only,
    so a map to a column the first record leaves out stopped the evaluation ("no such column")
    where the same records as a JSON Lines file were evaluated (keys vary from line to line).
    A column that no record holds is still an error, once every record is read."""
    from icpspec.records import Columns

    rows = synthetic(200, 12)
    renamed = [{("headcount" if k == "employees" else k): v for k, v in r.items()} for r in rows]
    del renamed[0]["headcount"]
    plain = [dict(r) for r in rows]
    plain[0]["employees"] = None
    mapped = evaluate(renamed, SPEC, outcome="outcome", columns=Columns(map={"employees": "headcount"}))
    assert mapped.to_dict()["figures"] == evaluate(plain, SPEC, outcome="outcome").to_dict()["figures"]
    with pytest.raises(
        EvaluationError,
        match=r"--map employees='head_count': no record has such a column; did you mean 'headcount'",
    ):
        evaluate(renamed, SPEC, outcome="outcome", columns={"employees": "head_count"})


def test_a_late_mapped_column_is_found_as_a_first_records_would_be() -> None:
    """Reproductions (review of a85c373): a late column was looked up by its exact name, so a map
    'Headcount' found 'headcount' when the first record held it, and not otherwise; no records
    at all let a map to no column through (it was an error before); a DataFrame's columns are
    known at once, so its bad map is an error before any row is read."""
    from icpspec.records import Columns

    rows = synthetic(200, 12)
    renamed = [{("headcount" if k == "employees" else k): v for k, v in r.items()} for r in rows]
    del renamed[0]["headcount"]
    exact = evaluate(renamed, SPEC, outcome="outcome", columns=Columns(map={"employees": "headcount"}))
    folded = evaluate(renamed, SPEC, outcome="outcome", columns=Columns(map={"employees": "HeadCount"}))
    assert folded.to_dict()["figures"] == exact.to_dict()["figures"]
    with pytest.raises(EvaluationError, match=r"--map employees='nope': no record has such a column"):
        evaluate([], SPEC, outcome="outcome", columns={"employees": "nope"})
    keyed = [{(5 if k == "headcount" else k): v for k, v in r.items()} for r in renamed]
    by_number = evaluate(keyed, SPEC, outcome="outcome", columns={"employees": "5"})  # a key 5, not '5'
    assert by_number.to_dict()["figures"] == exact.to_dict()["figures"]
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(renamed[1:])
    with pytest.raises(EvaluationError, match=r"--map employees='nope': no such column"):
        evaluate(frame, SPEC, outcome="outcome", columns={"employees": "nope"})


def test_json_lines_read_a_late_mapped_column_as_mappings_do(tmp_path: Path) -> None:
    """Reproductions (review of a85c373): a JSON Lines file with a map to a column no line holds
    was evaluated with the field unknown in every record, silently, where the same rows as
    mappings (and a CSV file) stop; and a map 'HeadCount' read nothing from a later line's
    'headcount', which a first line's key would have matched."""
    import json as json_module

    from icpspec.records import Columns

    rows = synthetic(200, 12)
    renamed = [{("headcount" if k == "employees" else k): v for k, v in r.items()} for r in rows]
    del renamed[0]["headcount"]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json_module.dumps(r) + "\n" for r in renamed), encoding="utf-8")
    as_mappings = evaluate(renamed, SPEC, outcome="outcome", columns=Columns(map={"employees": "headcount"}))
    from_file = evaluate(path, SPEC, outcome="outcome", columns=Columns(map={"employees": "HeadCount"}))
    assert from_file.to_dict()["figures"] == as_mappings.to_dict()["figures"]
    with pytest.raises(
        icpspec.IcpspecError, match=r"--map employees='head_count': no line has such a column"
    ):
        evaluate(path, SPEC, outcome="outcome", columns={"employees": "head_count"})


def test_an_outcome_column_the_first_record_lacks_is_read_from_the_records_that_hold_it(
    tmp_path: Path,
) -> None:
    """Reproduction: a CRM export in JSON Lines leaves out the keys of empty fields, so an
    open deal first had no 'outcome' key, and evaluate refused the file ('--outcome
    'outcome': no such column (columns: ...)'), as it refused such mappings, though a
    --map column may come late. A named column (--outcome, --by, --id, --value, --account,
    --date) is now found as a late mapped one is: on the first record that holds it (its
    exact spelling winning), an error only when no record does."""
    import json as json_module

    rows = synthetic(300, 21)
    blanked = [dict(r) for r in rows]
    blanked[0]["outcome"], blanked[0]["region"], blanked[0]["id"] = None, None, None
    expected = evaluate(blanked, SPEC, outcome="outcome", by="region", id="id").to_dict()
    late = [dict(r) for r in rows]
    for key in ("outcome", "region", "id"):
        del late[0][key]
    path = tmp_path / "deals.jsonl"
    path.write_text("".join(json_module.dumps(r) + "\n" for r in late), encoding="utf-8")
    for source in (late, path):
        got = evaluate(source, SPEC, outcome="outcome", by="region", id="id").to_dict()
        assert got == expected
    # Spelt otherwise ('Outcome' for 'outcome'), as a first record's key would be found.
    assert evaluate(late, SPEC, outcome="Outcome").to_dict()["figures"] == expected["figures"]
    for source, word in ((late, "record"), (path, "line")):
        with pytest.raises(EvaluationError, match=rf"--by 'segment': no {word} has such a column"):
            evaluate(source, SPEC, outcome="outcome", by="segment")


def _as_jsonl(rows: list[dict[str, Any]], path: Path) -> Path:
    import json as json_module

    path.write_text("".join(json_module.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_records_and_json_lines_map_a_late_alias_alike(tmp_path: Path) -> None:
    """Reproduction (review of cf90870): mappings were mapped from the first record's keys
    alone, JSON Lines from every line's, so a 'headcount' key missing from the first record
    left 'employees' unread in a list (AUC 0.531) and read from the same rows as JSON Lines
    (AUC 0.555). Both now map through one VaryingColumns."""
    rows = [{("headcount" if k == "employees" else k): v for k, v in r.items()} for r in synthetic(300, 21)]
    del rows[0]["headcount"]
    as_list = evaluate(rows, SPEC, outcome="outcome").to_dict()
    assert as_list["missing_fields"] == []
    assert as_list == evaluate(_as_jsonl(rows, tmp_path / "a.jsonl"), SPEC, outcome="outcome").to_dict()


def test_a_late_named_column_is_looked_for_in_every_record(tmp_path: Path) -> None:
    """Reproductions (review of cf90870): a late --by column was looked for only in records
    whose outcome was read, so one held only by an open deal was 'no such column'; an empty
    list or file, or one of unreadable lines, became an error; a key 5 for --outcome '5' was
    read when it came late but not from the first record; two spellings in every record
    said 'no record has such a column'."""
    rows = [
        {"employees": 50, "outcome": "won"},
        {"employees": 60, "outcome": "lost"},
        {"employees": 70, "outcome": "open", "region": "north"},
    ]
    for source in (rows, _as_jsonl(rows, tmp_path / "a.jsonl")):
        ev = evaluate(source, SPEC, outcome="outcome", by="region")
        assert (ev.figures.records, [s.name for s in ev.strata]) == (2, ["(blank)"])
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    unreadable = tmp_path / "bad.jsonl"
    unreadable.write_text("{bad\n[1]\n", encoding="utf-8")
    for source in ([], empty, unreadable):
        assert evaluate(source, SPEC, outcome="outcome", by="region").figures.records == 0
    text = [{"employees": r["employees"], "5": r["outcome"]} for r in synthetic(200, 3)]
    number = [{"employees": r["employees"], 5: r["5"]} for r in text]
    expected = evaluate(text, SPEC, outcome="5").to_dict()["figures"]
    assert evaluate(number, SPEC, outcome="5").to_dict()["figures"] == expected
    assert evaluate([{"employees": 1}, *number], SPEC, outcome="5").to_dict()["figures"] == expected
    both = [{"employees": 5, "Outcome": "won", "OUTCOME": "won"}] * 3
    with pytest.raises(EvaluationError, match=r"records spell it several ways \('Outcome' and 'OUTCOME'\)"):
        evaluate(both, SPEC, outcome="outcome")


def test_review_of_82e326c(tmp_path: Path) -> None:
    """Reproductions (review of 82e326c): records whose keys() is a list crashed
    VaryingColumns.see; a --map column that two spellings first held together ('staff' and
    'STAFF' for 'Staff') was never read, silently; two spellings in one record were an
    error only when no other record held one; an empty list said every field had no
    column where an empty JSON Lines file said none."""
    rows = [{"employees": 50, "outcome": "won"}, {"headcount": 60, "outcome": "lost"}]
    assert evaluate([ListKeys(r) for r in rows], SPEC, outcome="outcome").figures.records == 2
    staff = [
        {"country": "US", "outcome": "won"},
        {"staff": 50, "STAFF": 50, "outcome": "won"},
        {"staff": 60, "outcome": "lost"},
    ]
    for source, word in ((staff, "record"), (_as_jsonl(staff, tmp_path / "s.jsonl"), "line")):
        with pytest.raises(
            icpspec.IcpspecError,
            match=rf"--map employees='Staff': {word}s spell it several ways \('staff' and 'STAFF'\)",
        ):
            evaluate(source, SPEC, outcome="outcome", columns={"employees": "Staff"})
    mixed = [
        {"Outcome": "won", "OUTCOME": "lost"},
        {"Outcome": "lost"},
        {"Outcome": "won", "OUTCOME": "lost"},
    ]
    with pytest.raises(EvaluationError, match="records spell it several ways"):
        evaluate(mixed, SPEC, outcome="outcome")
    # Met apart, then held together by a record whose keys were all met before: a list skips
    # such a record's keys, unless two spellings of a named column were met.
    apart = [{"Outcome": "won"}, {"OUTCOME": "lost"}, {"Outcome": "won", "OUTCOME": "lost"}]
    for source in (apart, _as_jsonl(apart, tmp_path / "apart.jsonl")):
        with pytest.raises(EvaluationError, match="spell it several ways"):
            evaluate(source, SPEC, outcome="outcome")
    empty_file = tmp_path / "empty.jsonl"
    empty_file.write_text("", encoding="utf-8")
    assert (
        evaluate([], SPEC, outcome="outcome").to_dict()
        == evaluate(empty_file, SPEC, outcome="outcome").to_dict()
    )


_KEY_POOL = [
    "employees",
    "headcount",
    "staff_count",
    "Employees (k)",
    "country",
    "Country",
    "hq_country",
    "x",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_KEY_POOL), max_size=3, unique=True),
            st.sampled_from(["won", "lost", None]),
            st.integers(0, 400),
            st.lists(st.sampled_from(["outcome", "Outcome", "OUTCOME"]), min_size=1, max_size=2, unique=True),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_records_and_json_lines_evaluate_alike(
    layout: list[tuple[list[str], str | None, int, list[str]]],
) -> None:
    """The same records, as a list and as a JSON Lines file, give the same evaluation, or
    the same error, however their keys vary (aliases, spellings, units, late keys, the
    outcome column's spellings: a list skips the keys of a record whose keys were all met
    before, a JSON Lines file looks at every line's)."""
    import tempfile

    rows: list[dict[str, Any]] = []
    for keys, outcome, n, spellings in layout:
        row: dict[str, Any] = {k: ("US" if "ountry" in k else n) for k in keys}
        if outcome is not None:
            row.update(dict.fromkeys(spellings, outcome))
        rows.append(row)

    def run(source: object) -> object:
        try:
            return evaluate(source, SPEC, outcome="outcome").to_dict()
        except icpspec.IcpspecError as exc:
            return type(exc).__mro__[1:], str(exc).split(": ", 1)[1]

    with tempfile.TemporaryDirectory() as folder:
        from_file = run(_as_jsonl(rows, Path(folder) / "r.jsonl"))
    got = run(rows)
    if isinstance(got, tuple):
        assert isinstance(from_file, tuple)
        assert got[1].replace("record", "line") == from_file[1].replace("record", "line")
    else:
        assert got == from_file


def test_mapped_columns_are_read_alike_from_mappings_and_json_lines(tmp_path: Path) -> None:
    """Reproductions (review of db6d463): with a map 'HeadCount', mappings kept the first
    spelling met ('headcount') where JSON Lines switch to the exact one when it comes; a key
    that is not text (5) was read when it came late but not from the first record; and two
    maps to spellings of one late column left one field unread."""
    import json as json_module

    from icpspec.records import Columns

    rows = synthetic(300, 14)
    spelt = [
        {(("headcount" if i < 150 else "HeadCount") if k == "employees" else k): v for k, v in r.items()}
        for i, r in enumerate(rows)
    ]
    mapped = Columns(map={"employees": "HeadCount"})
    for first_holds_it in (True, False):  # the first record spells it 'headcount', or lacks it
        if not first_holds_it:
            del spelt[0]["headcount"]
        path = tmp_path / f"spelt-{first_holds_it}.jsonl"
        path.write_text("".join(json_module.dumps(r) + "\n" for r in spelt), encoding="utf-8")
        from_file = evaluate(path, SPEC, outcome="outcome", columns=mapped).to_dict()["figures"]
        assert evaluate(spelt, SPEC, outcome="outcome", columns=mapped).to_dict()["figures"] == from_file
    keyed = [{(5 if k == "employees" else k): v for k, v in r.items()} for r in rows]
    by_number = evaluate(keyed, SPEC, outcome="outcome", columns={"employees": "5"}).to_dict()["figures"]
    assert by_number == evaluate(rows, SPEC, outcome="outcome").to_dict()["figures"]
    late = [{"name": "a", "outcome": "won"}, {"name": "b", "Staff": 20, "outcome": "lost"}]
    twice = Columns(map={"employees": "STAFF", "annual_revenue": "staff"})
    from icpspec.evaluate._source import open_source
    from icpspec.model import ACCOUNT_FIELDS

    fields = {f: ACCOUNT_FIELDS[f] for f in ("employees", "annual_revenue")}
    read = [row for _, _, row in open_source(late, fields, twice).rows]
    assert (read[1]["employees"], read[1]["annual_revenue"]) == (20, 20)
    both = [{5: 10, "5": 20}, {"5": 30, 5: 40}]  # the text key spelt as the map names it wins
    read = [row for _, _, row in open_source(both, fields, {"employees": "5"}).rows]
    assert [row["employees"] for row in read] == [20, 30]


def test_a_target_is_evaluated_like_its_spec() -> None:
    from icpspec.engine.target import resolve_target

    rows = synthetic(300, 13)
    by_target = evaluate(rows, resolve_target(SPEC), outcome="outcome")
    assert by_target.to_dict()["figures"] == evaluate(rows, SPEC, outcome="outcome").to_dict()["figures"]


def test_units_widen_the_check_ratio_interval_too() -> None:
    rows = synthetic(600, 21)
    for i, row in enumerate(rows):
        row["account"] = f"a{i % 30}"
    a = evaluate(rows, SPEC, outcome="outcome").figures.check.ratio
    b = evaluate(rows, SPEC, outcome="outcome", account="account").figures.check.ratio
    assert a.value == pytest.approx(b.value)
    assert (b.high or 0) - (b.low or 0) > (a.high or 0) - (a.low or 0)


def test_the_outcome_column_holds_no_field(tmp_path: Path) -> None:
    """Found: a CRM export's 'Stage' (Closed Won / Closed Lost), named as the outcome, was also
    read as field funding_stage (its alias 'stage'), so a criterion read the outcome; and
    '--map' could point a field at the outcome or value column."""
    import json as json_module

    from icpspec.records import Columns, ColumnsError

    spec = icpspec.loads(
        """
icpspec: 1
profiles:
  p:
    criteria:
      - {id: size, field: employees, between: [10, 200], weight: 3}
      - {id: series, field: funding_stage, in: [series_a], weight: 2}
    tiers: {A: 80, B: 40}
"""
    )
    rows = [
        {"Employees": 50 if i % 3 else 500, "Stage": "Closed Won" if i % 2 else "Closed Lost", "ARR": i}
        for i in range(60)
    ]
    csv_path, jsonl_path = tmp_path / "d.csv", tmp_path / "d.jsonl"
    csv_path.write_text(
        "Employees,Stage,ARR\n" + "".join(f"{r['Employees']},{r['Stage']},{r['ARR']}\n" for r in rows),
        encoding="utf-8",
    )
    jsonl_path.write_text("".join(json_module.dumps(r) + "\n" for r in rows), encoding="utf-8")
    options = {"outcome": "Stage", "positive": ["Closed Won"], "negative": ["Closed Lost"]}
    import polars as pl

    for source in (rows, csv_path, jsonl_path, pl.DataFrame(rows)):
        ev = evaluate(source, spec, **options)  # type: ignore[arg-type]
        assert ev.missing_fields == ("funding_stage",), source
    in_duckdb = evaluate(csv_path, spec, engine="duckdb", **options)  # type: ignore[arg-type]
    assert in_duckdb.missing_fields == ("funding_stage",)
    assert in_duckdb.to_dict()["figures"] == evaluate(csv_path, spec, **options).to_dict()["figures"]  # type: ignore[arg-type]
    # A 'Stage' column is no funding stage by name either: the alias is gone (CRMs' deal stage).
    assert "stage" not in icpspec.model.ACCOUNT_FIELDS["funding_stage"].aliases
    with pytest.raises(ColumnsError, match=r"--map funding_stage='stage': the --outcome column"):
        evaluate(csv_path, spec, columns=Columns(map={"funding_stage": "stage"}), **options)  # type: ignore[arg-type]
    with pytest.raises(ColumnsError, match=r"--map employees='ARR': the --value column"):
        evaluate(rows, spec, value="ARR", columns={"employees": "ARR"}, **options)  # type: ignore[arg-type]


def test_outcomes_no_value_of_which_is_read_are_an_error_naming_them(tmp_path: Path) -> None:
    """Found (a new user's CRM export, 'Stage' of '6 - Closed Won' / '7 - Closed Lost'): no
    outcome read as won or lost gave a normal-looking report of 0 records and exit 0; with
    --positive only, every record read was positive, 'base rate 100%', and nothing said to
    give --negative."""
    rows = [
        {"employees": 50 + i, "Stage": ("6 - Closed Won", "7 - Closed Lost", "Open")[i % 3]}
        for i in range(90)
    ]
    with pytest.raises(EvaluationError) as caught:
        evaluate(rows, SPEC, outcome="Stage")
    message = str(caught.value)
    assert "no record's 'Stage' reads as positive or negative" in message
    assert "'6 - closed won': 30" in message  # folded, as the report names left-out values
    assert "name the values with --positive and --negative" in message
    one_sided = evaluate(rows, SPEC, outcome="Stage", positive=["6 - Closed Won"])
    assert one_sided.warnings[0].startswith("no evaluated record is negative")
    assert "'7 - closed lost': 30" in one_sided.warnings[0]
    assert one_sided.warnings[0].endswith("name the negative values with --negative")
    # An empty source is an evaluation of none, as before; so is one whose records hold no outcome.
    assert evaluate([], SPEC, outcome="Stage").figures.records == 0
    assert evaluate([{"employees": 5, "Stage": ""}], SPEC, outcome="Stage").figures.records == 0


def test_skipped_records_are_counted_with_the_first_reason(tmp_path: Path) -> None:
    """Found (a CSV saved by Excel on Windows, cp1252): 152 of 700 records skipped as 'not UTF-8
    … the file mixes encodings' (it did not: all of it was cp1252), reported in evaluate only as
    '152 unreadable records skipped (`icpspec match` says where)'."""
    path = tmp_path / "deals.csv"
    lines = ["Company,Employees,Outcome"]
    for i in range(60):
        city = "München" if i % 4 == 0 else "Berlin"
        lines.append(f"{city} {i},{50 + i},{'won' if i % 2 else 'lost'}")
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    ev = evaluate(path, SPEC, outcome="Outcome")
    assert ev.left_out.skipped == 15
    assert ev.left_out.first_skipped is not None
    assert (ev.left_out.first_skipped.line, ev.left_out.first_skipped.column) == (2, 2)
    warning = next(w for w in ev.warnings if "unreadable" in w)
    assert warning == (
        "15 unreadable records skipped (25% of 60 read), the first on line 2, column 2: "
        "not UTF-8 (byte 0xfc, 'ü' in Windows-1252); save the file as UTF-8"
    )
    assert "mixes encodings" not in warning
    from icpspec.report.evaluation import render_html, render_text

    # The header says so too, before the tables: not only the warnings at the end.
    assert "45 records evaluated of 60 read, " in render_text(ev)
    assert "45 records evaluated of 60 read, " in render_html(ev)
    assert ev.to_dict()["left_out"]["first_skipped"] == {
        "line": 2,
        "column": 2,
        "reason": ev.left_out.first_skipped.reason,
    }


def test_a_disqualifier_that_works_is_judged_though_its_records_rarely_win() -> None:
    """Found (a new user): a disqualifier whose 100 records won 2 % of the time, against 60 %
    for the rest, was 'too few to judge' however many records it had: each cell of a criterion
    needed 5 positives, and a working disqualifier's cell has few by design. The table is
    judged on its records and on the positives and negatives it holds in all."""
    spec = icpspec.loads(
        """
icpspec: 1
profiles:
  p:
    criteria:
      - {id: size, field: employees, between: [10, 200], weight: 3}
    disqualifiers:
      - {id: students, field: industry, in: [education], reason: no budget}
    tiers: {A: 80}
"""
    )
    rows = [{"employees": 50, "industry": "education", "won": "yes" if i < 2 else "no"} for i in range(100)]
    rows += [
        {"employees": 50 + i, "industry": "software", "won": "yes" if i % 5 < 3 else "no"} for i in range(200)
    ]
    ev = evaluate(rows, spec, outcome="won")
    students = next(c for c in ev.figures.criteria if c.id == "students")
    assert (students.matched.records, students.matched.positives) == (100, 2)
    assert students.ratio.high is not None
    assert students.ratio.high < 0.2
    assert "too_few_to_judge" not in students.findings
    assert "works_against_you" not in students.findings
    # Few records on either side, or few positives in all, is still too few.
    few = evaluate(rows[:20] + rows[100:300], spec, outcome="won")
    assert "too_few_to_judge" in next(c for c in few.figures.criteria if c.id == "students").findings


def test_fields_of_no_known_kind_are_not_called_fit_data() -> None:
    """Found: a profile `icpspec suggest` wrote (its fields of category 'other': Client,
    Up_sale, Partnership, deal traits) was warned 'the profile reads fit columns only (other)'."""
    spec = icpspec.loads(
        """
icpspec: 1
fields:
  client: {type: string}
  size: {type: string, category: firmographic}
profiles:
  p:
    criteria:
      - {id: current, field: client, in: [current], weight: 3}
    tiers: {A: 50}
  q:
    criteria:
      - {id: big, field: size, in: [big], weight: 3}
    tiers: {A: 50}
"""
    )
    rows = [
        {
            "client": "current" if i % 2 else "new",
            "size": "big" if i % 3 else "small",
            "won": "yes" if i % 2 else "no",
        }
        for i in range(60)
    ]
    other = evaluate(rows, spec, outcome="won", profile="p")
    assert not any("fit columns only" in w for w in other.warnings)
    fit = evaluate(rows, spec, outcome="won", profile="q")
    assert any(w.startswith("the profile reads fit columns only (firmographic)") for w in fit.warnings)


def test_the_html_strata_give_the_auc_as_the_text_does() -> None:
    """Found (statistics audit): the HTML report's strata table showed each AUC as a percentage,
    '72% (66-78%)', where the text and JSON give 0.720."""
    from icpspec.report.evaluation import render_html

    ev = evaluate(
        SALVIRT_CSV, icpspec.load("examples/salvirt/salvirt.icp.yaml"), outcome="Status", by="Comp_size"
    )
    html = render_html(ev)
    for s in ev.strata:
        auc = s.figures.ranking.auc
        assert auc.value is not None
        assert f"{auc.value:.3f}" in html
    # A stratum too few to judge shows its AUC and no interval, as the text does (review of c51224b).
    by_product = evaluate(
        SALVIRT_CSV, icpspec.load("examples/salvirt/salvirt.icp.yaml"), outcome="Status", by="Product"
    )
    html = render_html(by_product)
    few = [s for s in by_product.strata if s.figures.too_few and s.figures.ranking.auc.low is not None]
    assert few
    for s in few:
        auc = s.figures.ranking.auc
        assert f"{auc.low:.3f}&ndash;{auc.high:.3f}" not in html, s.name


def test_a_backtest_that_leaves_every_read_outcome_out_is_no_outcome_error(tmp_path: Path) -> None:
    """Found (review of 053cecc): with --date/--after, won and lost deals dated before the cut
    and one open deal after it were 'no record's Status reads as positive or negative'; and
    with the won deal after the cut, 'no record reads as negative', though lost ones read."""
    path = tmp_path / "dated.csv"
    path.write_text(
        "employees,Status,Created\n50,Won,2024-01-05\n60,Lost,2024-02-05\n70,Open,2025-03-01\n",
        encoding="utf-8",
    )
    with pytest.raises(EvaluationError) as caught:
        evaluate(path, SPEC, outcome="Status", date="Created", after="2024-12-31")
    assert "reads as positive or negative among those dated in: 'open': 1" in str(caught.value)
    assert "2 that do were left out by their date" in str(caught.value)
    path.write_text(
        "employees,Status,Created\n50,Won,2025-01-05\n60,Lost,2024-02-05\n70,Open,2025-03-01\n",
        encoding="utf-8",
    )
    ev = evaluate(path, SPEC, outcome="Status", date="Created", after="2024-12-31")
    assert ev.warnings[0].startswith("no evaluated record is negative (1 more were left out by their date)")
    # Found (review of 7e67c6d): a stage renamed after the cut ('6 - Closed Won') hid the error.
    path.write_text(
        "employees,Status,Created\n"
        + "50,won,2024-01-05\n60,lost,2024-02-05\n" * 10
        + "70,6 - Closed Won,2025-03-01\n80,7 - Closed Lost,2025-04-01\n" * 5,
        encoding="utf-8",
    )
    with pytest.raises(EvaluationError, match="'6 - closed won': 5, '7 - closed lost': 5; 20 that do"):
        evaluate(path, SPEC, outcome="Status", date="Created", after="2024-12-31")


def test_outcome_labels_read_true_and_1_apart_in_any_order() -> None:
    """Found (review of 3eb9643): the cache of read outcomes keyed True, 1 and 1.0 together, so
    with labels 'true'/'false' a True read after a 1 was left out: the figures hung on row order."""
    from icpspec.evaluate._outcome import OutcomeLabels

    for cells in ([1, True, 1.0, False, 0], [True, 1, False, 0.0, 0]):
        labels = OutcomeLabels.of(["true"], ["false"])
        assert [labels.read(c) for c in cells] == [
            1 if c is True else 0 if c is False else None for c in cells
        ], cells
    numbers = OutcomeLabels.of(["1"], ["0"])
    assert [numbers.read(c) for c in (True, 1, 1.0, False, 0)] == [None, 1, 1, None, 0]


def test_a_dataframe_reads_whole_float_strata_and_decimal_values_as_a_csv_does(tmp_path: Path) -> None:
    """Found (review of b160eb5): a pandas column of years with blanks (floats) named the --by
    strata '2014.0', where a CSV, a list and polars said '2014'; and a Decimal --value column (as
    a database or Parquet gives) read every value as unreadable."""
    from decimal import Decimal

    import pandas as pd

    rows = synthetic(300, 21)
    for i, row in enumerate(rows):
        row["year"] = None if i % 7 == 0 else 2014 + i % 3
        row["amount"] = None if i % 5 == 0 else Decimal(f"{1000 + i}.25")
    as_text = [
        {
            **r,
            "year": "" if r["year"] is None else str(r["year"]),
            "amount": "" if r["amount"] is None else str(r["amount"]),
        }
        for r in rows
    ]
    expected = evaluate(as_text, SPEC, outcome="outcome", by="year", value="amount").to_dict()
    frame = pd.DataFrame(rows)
    assert frame["year"].dtype == float
    got = evaluate(frame, SPEC, outcome="outcome", by="year", value="amount").to_dict()
    assert (
        [s["name"] for s in got["strata"]]
        == [s["name"] for s in expected["strata"]]
        == ["(blank)", "2014", "2015", "2016"]
    )
    assert got["figures"] == expected["figures"]
    # Only the blank amounts are unreadable (the evaluated records' share of the 60 blanks).
    assert got["left_out"]["value_unreadable"] == expected["left_out"]["value_unreadable"] == 58


def test_the_commonest_left_out_outcomes_are_named(tmp_path: Path) -> None:
    """Found (review of 3eb9643): the first 20 distinct left-out values met kept their names and
    every later one was '(other values)': 30 one-off stages first hid 91 'Open' deals among
    '(other values): 132'. And '(blank)' was quoted as if it were a value."""
    rows = [{"employees": 50, "Status": f"stage {i}"} for i in range(30)]
    rows += [{"employees": 50, "Status": ("won", "lost", "Open")[i % 3]} for i in range(273)]
    rows += [{"employees": 50, "Status": ""} for _ in range(60)]
    ev = evaluate(rows, SPEC, outcome="Status", positive=["won"], negative=["lost"])
    values = dict(ev.left_out.outcome_values)
    assert values["open"] == 91
    assert values["(blank)"] == 60
    assert sum(values.values()) == ev.left_out.outcome == 30 + 91 + 60
    assert list(values)[:2] == ["open", "(blank)"]  # the commonest first
    assert len(values) == 21  # 20 named, then the other values
    assert values["(other values)"] == 30 - 18
    path = tmp_path / "d.csv"
    path.write_text(
        "employees,Status\n" + "".join(f"{r['employees']},{r['Status']}\n" for r in rows), encoding="utf-8"
    )
    duck = evaluate(path, SPEC, outcome="Status", positive=["won"], negative=["lost"], engine="duckdb")
    assert duck.left_out.outcome_values == ev.left_out.outcome_values
    warning = next(w for w in ev.warnings if "left out" in w)
    assert "'(blank)'" not in warning


def test_no_ceiling_is_shown_on_too_few_records() -> None:
    """Found (review of 777f436): on too few records MadKudu's check said too few, and the
    report still gave its ceiling ('35% of records can hold at most …'), which says nothing there."""
    from icpspec.report.evaluation import render_html, render_text

    rows = [
        {"employees": 50, "country": "US", "industry": "software", "outcome": o}
        for o in ("won", "lost", "won")
    ]
    ev = evaluate(rows, SPEC, outcome="outcome")
    assert ev.figures.too_few
    assert "ceiling" not in render_text(ev)
    assert "can hold at most" not in render_html(ev)
    big = evaluate(synthetic(400, 3), SPEC, outcome="outcome")
    assert not big.figures.too_few
    assert "ceiling:" in render_text(big)


def test_decimal_outcomes_and_strata_read_as_floats_do() -> None:
    """Found (review of 21ea19c): Decimal('1.0') outcomes (a database's numbers) were 'no record
    reads as positive or negative: 1.0, 0.0', and Decimal('2014.0') strata were named '2014.0',
    where the same values as floats read as 1/0 and 2014."""
    from decimal import Decimal

    rows = synthetic(200, 8)
    floats = [
        {**r, "won": 1.0 if r["outcome"] == "won" else 0.0, "year": 2014.0 + i % 2}
        for i, r in enumerate(rows)
    ]
    decimals = [{**r, "won": Decimal(str(r["won"])), "year": Decimal(str(r["year"]))} for r in floats]
    a = evaluate(floats, SPEC, outcome="won", by="year").to_dict()
    b = evaluate(decimals, SPEC, outcome="won", by="year").to_dict()
    assert [s["name"] for s in b["strata"]] == ["2014", "2015"]
    assert a["figures"] == b["figures"]
    # Accounts are named as strata are (one cell_name): Decimal('7.0') is the account '7'.
    from icpspec.evaluate._build import cell_name

    assert cell_name(Decimal("7.0")) == cell_name(7.0) == cell_name(" 7 ") == "7"
    assert cell_name(float("nan")) is cell_name("  ") is cell_name(None) is None
