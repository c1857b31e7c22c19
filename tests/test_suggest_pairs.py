"""Pair criteria: two chosen fields that matter together, written as ``all`` (or ``not`` of it)."""

from __future__ import annotations

import csv
import itertools
import math
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.engine import Matcher
from icpspec.model import AllOf, Max, Min, Not
from icpspec.suggest import suggest
from icpspec.suggest._pairs import _cumulative, _sum

from .test_suggest import planted


def churn(n: int, seed: int, *, blank: float = 0.0) -> list[dict[str, object]]:
    """Phone customers: many calls to customer service go with churn only when the customer uses
    the phone little (a complaint nobody solved); heavy use and an international plan each add a
    little on their own. ``blank`` of the minutes are not recorded."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for _ in range(n):
        calls = min(9, int(rng.expovariate(0.45)))
        minutes = rng.uniform(0, 350)
        plan = "yes" if rng.random() < 0.15 else "no"
        logit = -3.0 + 1.5 * (minutes > 250) + 0.8 * (plan == "yes") + 0.7 * (calls >= 4)
        logit += 3.0 * (calls >= 4 and minutes < 180)
        churned = rng.random() < 1 / (1 + math.exp(-logit))
        rows.append(
            {
                "Calls": str(calls),
                "Minutes": "" if rng.random() < blank else f"{minutes:.1f}",
                "Intl plan": plan,
                "Churn": "yes" if churned else "no",
            }
        )
    return rows


def _auc(spec: icpspec.Spec, rows: list[dict[str, object]], positive: str) -> float:
    """The held-out AUC of the profile's scores, counted pair by pair (ties one half)."""
    profile = spec.profiles["suggested"]
    matcher = Matcher(profile, spec=spec)
    scored = []
    for row in rows:
        result = matcher.match(
            {"calls": row["Calls"], "minutes": row["Minutes"], "intl_plan": row["Intl plan"]}
        )
        scored.append((result.score, row["Churn"] == positive))
    pos = [s for s, y in scored if y]
    neg = [s for s, y in scored if not y]
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def _pair_criteria(found: icpspec.suggest.Suggestion) -> list[icpspec.Criterion]:
    return [c for c in found.spec.profiles["suggested"].criteria if isinstance(c.condition, AllOf | Not)]


def test_two_fields_that_matter_together_make_a_pair_criterion() -> None:
    rows = churn(2000, 1)
    found = suggest(rows, outcome="Churn", holdout=0)
    (pair,) = _pair_criteria(found)
    assert isinstance(pair.condition, AllOf)
    calls, minutes = pair.condition.conditions
    assert isinstance(calls, Min)
    assert (calls.field, calls.value) == ("calls", 4)
    assert isinstance(minutes, Max)
    assert minutes.field == "minutes"
    assert 170 <= minutes.value <= 190
    written = next(c for c in found.criteria if c.id == pair.id)
    assert (written.column, written.partner) == ("Calls", "Minutes")
    assert pair.id == "calls_and_minutes"
    summary = found.spec.evidence[f"data-{pair.id.replace('_', '-')}"].summary or ""
    assert "given the criteria chosen before it" in summary
    assert _pair_criteria(suggest(rows, outcome="Churn", holdout=0, max_pairs=0)) == []


def test_a_pair_that_lowers_the_rate_is_written_as_not_both() -> None:
    """With staying as the positive, the same pair lowers the rate: the weights are never
    negative, so the profile gives points where the two do not both hold."""
    found = suggest(churn(2000, 2), outcome="Churn", positive=["no"], negative=["yes"], holdout=0, seed=2)
    (pair,) = _pair_criteria(found)
    assert isinstance(pair.condition, Not)
    assert isinstance(pair.condition.condition, AllOf)
    assert {c.field for c in pair.condition.condition.conditions} == {"calls", "minutes"}
    assert pair.id == "not_calls_and_minutes"
    assert next(c.text for c in found.criteria if c.id == pair.id).startswith("not both Calls at least 4 and")


@pytest.mark.parametrize(("positive", "negative"), [("yes", "no"), ("no", "yes")])
def test_pairs_rank_held_out_records_better(positive: str, negative: str) -> None:
    """Six samples, each searched on one half and scored on the other: a pair is written on most,
    and the held-out AUC never falls for it (it rises by 0.01 to 0.05 where the pair is
    found, and stays where it is not)."""
    gains, found_in = [], 0
    for seed in range(6):
        rows = churn(4000, seed)
        labels = {"positive": [positive], "negative": [negative], "holdout": 0, "seed": seed}
        with_pairs = suggest(rows[:2000], outcome="Churn", **labels)  # type: ignore[arg-type]
        without = suggest(rows[:2000], outcome="Churn", max_pairs=0, **labels)  # type: ignore[arg-type]
        pairs = _pair_criteria(with_pairs)
        found_in += bool(pairs)
        assert all({"calls", "minutes"} <= fields_read_by(p) for p in pairs[:1])
        gains.append(_auc(with_pairs.spec, rows[2000:], positive) - _auc(without.spec, rows[2000:], positive))
    assert found_in >= 4
    assert min(gains) > -0.005
    assert sum(gains) / len(gains) > 0.01


def fields_read_by(criterion: icpspec.Criterion) -> set[str]:
    condition = criterion.condition
    inner = condition.condition if isinstance(condition, Not) else condition
    assert isinstance(inner, AllOf)
    return {c.field for c in inner.conditions}  # type: ignore[attr-defined]


@pytest.mark.parametrize("flip", [False, True])
def test_a_pair_counts_the_records_the_engine_matches_blanks_included(flip: bool) -> None:
    """A blank minute makes 'calls at least 4 and minutes at most …' unknown (never matched)
    where the calls are 4 or more, and missed where they are fewer: Kleene's ``all``, as the
    engine reads it; its ``not`` likewise."""
    rows = churn(3000, 1, blank=0.2)
    labels = {"positive": ["no"], "negative": ["yes"]} if flip else {}
    found = suggest(rows, outcome="Churn", holdout=0, **labels)  # type: ignore[arg-type]
    pairs = _pair_criteria(found)
    assert pairs
    matcher = Matcher(found.spec.profiles["suggested"], spec=found.spec)
    matched = dict.fromkeys((c.id for c in pairs), 0)
    for row in rows:
        record = {"calls": row["Calls"], "minutes": row["Minutes"], "intl_plan": row["Intl plan"]}
        for outcome in matcher.match(record).outcomes:
            if outcome.id in matched and outcome.verdict.value == "matched":
                matched[outcome.id] += 1
    stated = {c.id: round(c.matched) for c in found.criteria if c.partner}
    assert matched == stated


def test_no_pair_where_traits_only_add_up() -> None:
    """Planted traits that add up on the log-odds scale: no pair of them matters together
    (``benchmarks/bench_suggest.py --noise``: none in 40 runs)."""
    for seed in (1, 2):
        found = suggest(planted(2000, seed), outcome="Status", seed=seed)
        assert [c.id for c in found.criteria if c.partner] == []


def test_a_pair_profile_validates_lints_and_is_the_same_byte_for_byte(tmp_path: Path) -> None:
    rows = churn(2000, 3)
    first = suggest(rows, outcome="Churn", seed=5)
    assert _pair_criteria(first)
    assert suggest(rows, outcome="Churn", seed=5).text == first.text
    path = tmp_path / "pairs.icp.yaml"
    path.write_text(first.text, encoding="utf-8")
    assert icpspec.load(path) == first.spec
    assert [d for d in icpspec.lint(path) if d.severity.value == "error"] == []


def test_the_cli_caps_pairs(tmp_path: Path) -> None:
    data = tmp_path / "churn.csv"
    rows = churn(2000, 1)
    data.write_text(
        "Calls,Minutes,Intl plan,Churn\n"
        + "".join(f"{r['Calls']},{r['Minutes']},{r['Intl plan']},{r['Churn']}\n" for r in rows),
        encoding="utf-8",
    )
    runner = CliRunner()
    with_pairs = runner.invoke(cli, ["suggest", str(data), "--outcome", "Churn"])
    assert with_pairs.exit_code == 0, with_pairs.output
    assert "calls_and_minutes" in with_pairs.stdout
    without = runner.invoke(cli, ["suggest", str(data), "--outcome", "Churn", "--max-pairs", "0"])
    assert without.exit_code == 0, without.output
    assert "_and_" not in without.stdout
    bad = runner.invoke(cli, ["suggest", str(data), "--outcome", "Churn", "--max-pairs", "-1"])
    assert bad.exit_code == 2
    assert "--max-pairs" in bad.output
    with pytest.raises(icpspec.suggest.SuggestError, match="max_pairs"):
        suggest(rows, outcome="Churn", max_pairs=-1)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda nx: st.integers(1, 6).flatmap(
            lambda ny: st.tuples(
                st.just(nx),
                st.just(ny),
                st.lists(st.floats(-100, 100, allow_nan=False), min_size=nx * ny, max_size=nx * ny),
            )
        )
    ),
    st.data(),
)
def test_a_rectangle_of_cells_sums_as_a_loop_over_them(
    case: tuple[int, int, list[float]], data: st.DataObject
) -> None:
    nx, ny, values = case
    x0, x1 = sorted(data.draw(st.tuples(st.integers(0, nx - 1), st.integers(0, nx - 1))))
    y0, y1 = sorted(data.draw(st.tuples(st.integers(0, ny - 1), st.integers(0, ny - 1))))
    table = _cumulative(values, nx, ny)
    loop = sum(values[i * ny + j] for i, j in itertools.product(range(x0, x1 + 1), range(y0, y1 + 1)))
    assert _sum(table, (x0, x1), (y0, y1)) == pytest.approx(loop, abs=1e-6)


def test_a_pair_profile_scores_alike_in_every_engine(tmp_path: Path) -> None:
    """Python, polars and DuckDB read ``all`` and ``not`` with blanks alike: the same scores,
    statuses and evaluation."""
    pl = pytest.importorskip("polars")
    pytest.importorskip("duckdb")
    rows = churn(3000, 1, blank=0.2)
    found = suggest(rows, outcome="Churn", positive=["no"], negative=["yes"], holdout=0)
    assert _pair_criteria(found)
    path = tmp_path / "churn.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    options = {"outcome": "Churn", "positive": ["no"], "negative": ["yes"]}
    python = icpspec.evaluate(path, found.spec, **options)  # type: ignore[arg-type]
    duck = icpspec.evaluate(path, found.spec, engine="duckdb", **options)  # type: ignore[arg-type]
    assert python.to_dict()["figures"] == duck.to_dict()["figures"]
    matcher = Matcher(found.spec.profiles["suggested"], spec=found.spec)
    frame = icpspec.score_frame(pl.read_csv(path, infer_schema_length=0), found.spec)
    for row, (score, status) in zip(rows, frame.select("icp_score", "icp_status").iter_rows(), strict=True):
        result = matcher.match(
            {"calls": row["Calls"], "minutes": row["Minutes"], "intl_plan": row["Intl plan"]}
        )
        assert (score, status) == (pytest.approx(result.score), str(result.status))


def test_each_half_of_a_pair_matters_where_the_other_holds() -> None:
    """Reproduction: 'Calls at most 8 and Minutes at least 243.2' was written beside 'Minutes at
    least 280.8': the minutes' step at 250 in disguise, less the few customers with nine calls
    (who churn more). Among the records meeting either half, the other must raise the rate."""
    draw = random.Random(5)
    customers = []
    for _ in range(4000):
        calls = min(9, int(draw.expovariate(0.45)))
        minutes = round(draw.uniform(0, 350), 1)
        odds = -3 + 1.5 * (minutes > 250) + 0.7 * (calls >= 4) + 3 * (calls >= 4 and minutes < 180)
        churned = draw.random() < 1 / (1 + math.exp(-odds))
        customers.append({"calls": calls, "minutes": minutes, "Churn": "yes" if churned else "no"})
    found = icpspec.suggest(customers, outcome="Churn", holdout=0.5, seed=5)
    assert "Calls at most 8 and Minutes at least 243.2" not in [c.text for c in found.criteria]
    pairs = _pair_criteria(found)
    assert pairs
    for pair in pairs:
        assert isinstance(pair.condition, AllOf)
        first, second = pair.condition.conditions

        def holds(condition: object, row: dict[str, object]) -> bool:
            assert isinstance(condition, Min | Max)
            value = float(row[condition.field])  # type: ignore[arg-type]
            return value >= condition.value if isinstance(condition, Min) else value <= condition.value

        for this, other in ((first, second), (second, first)):
            among = [r for r in customers if holds(this, r)]
            rate = [
                sum(r["Churn"] == "yes" for r in part) / len(part)
                for part in ([r for r in among if holds(other, r)], [r for r in among if not holds(other, r)])
            ]
            assert rate[0] > rate[1]
