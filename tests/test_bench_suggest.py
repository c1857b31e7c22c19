"""The baselines benchmarks/bench_suggest.py holds suggested profiles to: right before they are fair.

A baseline that reads a value as a blank makes the profile look better than
it is; these are reproductions of what went wrong once, and checks of the
new baseline against a direct computation.
"""

from __future__ import annotations

import random
from types import ModuleType

import pytest

from .conftest import ROOT, load_script

pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_script(ROOT / "benchmarks" / "bench_suggest.py", "bench_suggest")


def _halves(rows: list, seed: int) -> tuple[list, list]:  # type: ignore[type-arg]
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    half = len(rows) // 2
    return [rows[i] for i in order[:half]], [rows[i] for i in order[half:]]


def test_boosting_reads_a_zero_and_a_first_category_as_values(bench: ModuleType) -> None:
    # Found: `value or np.nan` made every 0 and each text column's first category (code 0) a
    # blank; on Salvirt's seed-4 half, boosting on Up_sale and Partnership scored 0.246.
    rows, outcome, _ = bench.salvirt()
    train, test = _halves(rows, 4)
    assert bench.boosting(train, test, outcome, ["Up_sale", "Partnership"]) > 0.7
    seen = [{"n": "0", "t": "a"}, {"n": "1", "t": "b"}, {"n": "", "t": "b"}]
    matrix = bench.boosting_matrix(seen, [*seen[::2], {"n": "2", "t": "zzz"}], ["n", "t"])
    assert matrix[0].tolist() == [0.0, 0.0]
    assert matrix[1][1] == 1.0
    assert matrix[1][0] != matrix[1][0]
    assert matrix[2][0] == 2.0
    assert matrix[2][1] != matrix[2][1]


def test_bins_are_ten_quantiles_and_a_blank(bench: ModuleType) -> None:
    train = [{"x": str(i)} for i in range(100)] + [{"x": ""}]
    encoded, tested = bench._bins(train, [{"x": "-5"}, {"x": "95"}, {"x": ""}], "x")
    assert encoded.shape == (101, 10)  # ten bins less the reference one, plus blanks
    assert encoded.sum(axis=0).tolist() == [10.0] * 9 + [1.0]
    assert tested.tolist()[0] == [0.0] * 10  # below every cut: the reference bin
    assert tested.tolist()[1][8] == 1.0
    assert tested.tolist()[2][9] == 1.0


def test_binned_baseline_equals_a_direct_fit(bench: ModuleType) -> None:
    sklearn_linear = pytest.importorskip("sklearn.linear_model")
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(3)
    rows = [
        {"size": str(rng.randint(1, 500)), "kind": rng.choice("abc"), "won": rng.choice(["won", "lost"])}
        for _ in range(400)
    ]
    for row in rows:  # a planted trait the bins can see
        if row["kind"] == "a" and rng.random() < 0.5:
            row["won"] = "won"
    train, test = rows[:200], rows[200:]
    x, xt = [], []
    sizes = sorted(int(t["size"]) for t in train)
    cuts = sorted({sizes[200 * q // 10] for q in range(1, 10)} - {sizes[0]})
    for part, out in ((train, x), (test, xt)):
        for r in part:
            size = int(r["size"])
            bins = [0.0] * (len(cuts) + 1)
            bins[sum(size >= c for c in cuts)] = 1.0
            out.append([*bins[1:], 0.0, float(r["kind"] == "b"), float(r["kind"] == "c")])
    model = sklearn_linear.LogisticRegression(max_iter=5000).fit(x, [r["won"] == "won" for r in train])
    expected = sklearn_metrics.roc_auc_score([r["won"] == "won" for r in test], model.predict_proba(xt)[:, 1])
    assert bench.binned(train, test, "won", ["size", "kind"]) == pytest.approx(expected, abs=1e-9)


def test_a_heavy_smallest_value_keeps_the_reference_bin(bench: ModuleType) -> None:
    # Found in review: with a tenth of the records or more at the smallest value, the first cut
    # was that value, the reference bin empty, and the indicators summed to the intercept.
    train = [{"x": "0"}] * 60 + [{"x": str(i)} for i in range(1, 41)]
    encoded, _ = bench._bins(train, train[:1], "x")
    assert encoded[:60].sum() == 0  # the zeros are the reference bin
    assert encoded[60:, :-1].sum(axis=1).tolist() == [1.0] * 40


def test_stepwise_blocks_keep_their_reference_bin_and_read_blanks(bench: ModuleType) -> None:
    """Found in review: stepwise's quintile blocks had the same empty reference bin (a fifth of
    the records or more at the smallest value), repeated cuts gave columns of zeros that AIC
    still counted, and a blank read as the lowest quintile."""
    train = [{"x": "0"}] * 30 + [{"x": str(i)} for i in range(1, 61)] + [{"x": ""}] * 10
    encoded, tested = bench._blocks(train, [{"x": ""}, {"x": "0"}], "x")
    bins = encoded[:, :-1]  # the last column is the standardised value
    assert bins[:30].sum() == 0  # the zeros are the reference bin
    # cuts at 7, 25 and 43 (none at 0): 1 to 6 share the reference bin, the rest one bin each
    assert bins[30:90, :-1].sum(axis=1).tolist() == [0.0] * 6 + [1.0] * 54
    assert bins[90:, -1].tolist() == [1.0] * 10  # blanks in their own
    assert bins.sum(axis=0).min() > 0  # no column of zeros
    assert tested[:, :-1].tolist() == [[0.0] * (bins.shape[1] - 1) + [1.0], [0.0] * bins.shape[1]]
    no_blanks, _ = bench._blocks(train[:90], train[:1], "x")
    assert no_blanks.shape[1] == bins.shape[1]  # no blank column without blanks, the value instead


def test_noise_counts_traits_found_and_noise_written(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    bench.noise(sizes=(2000,), seeds=1, null_seeds=[100])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "planted traits, 1 runs (2000 accounts, 1 seeds each):"
    assert out[1:4] == [f"  {c:<10} found in 1 of 1" for c in ("Industry", "Employees", "Country")]
    assert out[4] == "  noise columns written: 0"
    assert out[5] == "  pair criteria written: 0"
    # On these 2,000 accounts AIC's bar takes Plan, where the profile takes no noise column.
    assert out[6] == "  stepwise baseline: a noise column in 1 of 1 runs"
    assert len(out) == 12
    assert out[8].endswith("a criterion in 0 of 1 runs")
    rows, _, _ = bench.planted(60, 1)
    assert sum(r["Status"] == "won" for r in bench.flipped(rows)) == sum(r["Status"] == "lost" for r in rows)


def test_a_run_holds_each_baseline_on_the_same_half(bench: ModuleType) -> None:
    """``step*`` and ``boost*`` are stepwise and boosting on the columns the profile uses."""
    rows, outcome, columns = bench.planted(600, 2)
    result = bench.run("planted", rows, outcome, columns, 0)
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    train, test = [rows[i] for i in order[:300]], [rows[i] for i in order[300:]]
    used = list(dict.fromkeys(result["criteria"].split(", ")))
    assert "Plan" not in used
    assert result["stepwise_same_fields"] == bench.stepwise(train, test, outcome, used)
    assert result["boosting_same_fields"] == bench.boosting(train, test, outcome, used)
    assert result["stepwise"] == bench.stepwise(train, test, outcome, columns)
