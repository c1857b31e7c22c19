"""Pair criteria: two chosen fields that matter together, written as ``all`` (or ``not`` of it)."""

from __future__ import annotations

import csv
import math
import random
import re
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
from icpspec.suggest._fit import ScoreTest, fit
from icpspec.suggest._stats import z_for

from .test_suggest import planted


def churn(n: int, seed: int, *, blank: float = 0.0) -> list[dict[str, object]]:
    """Phone customers: many calls to customer service go with churn only when the customer uses
    the phone little (a complaint nobody solved); heavy use and an international plan each add a
    little on their own. ``blank`` of the calls are not recorded."""
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
                "Calls": "" if rng.random() < blank else str(calls),
                "Minutes": f"{minutes:.1f}",
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


def _halves(criterion: icpspec.Criterion) -> list[object]:
    """A pair's two conditions, each a chosen criterion's or the ``not`` of one."""
    assert isinstance(criterion.condition, AllOf)
    return list(criterion.condition.conditions)


def test_two_criteria_that_matter_together_make_a_pair_criterion() -> None:
    found = suggest(churn(4000, 3)[:2000], outcome="Churn", holdout=0, seed=3)
    (pair,) = _pair_criteria(found)
    calls, minutes = _halves(pair)
    assert calls == Min("calls", 4)
    assert isinstance(minutes, Not)
    assert isinstance(minutes.condition, Min)
    assert minutes.condition.field == "minutes"
    # Both halves are the profile's own criteria: a pair adds no column and no new cut.
    own = [c.condition for c in found.spec.profiles["suggested"].criteria if c.id != pair.id]
    assert calls in own
    assert minutes.condition in own
    written = next(c for c in found.criteria if c.id == pair.id)
    assert (written.column, written.partner) == ("Calls", "Minutes")
    assert pair.id == "calls_and_not_minutes"
    assert written.text.startswith("Calls at least 4 and not (Minutes at least ")
    summary = found.spec.evidence[f"data-{pair.id.replace('_', '-')}"].summary or ""
    assert "together they raise the odds more than their halves add up to (score test z = " in summary
    assert "given the criteria chosen before it" not in summary
    assert (
        _pair_criteria(suggest(churn(4000, 3)[:2000], outcome="Churn", holdout=0, seed=3, max_pairs=0)) == []
    )


@pytest.mark.parametrize(("positive", "negative"), [("yes", "no"), ("no", "yes")])
def test_pairs_rank_held_out_records_better(positive: str, negative: str) -> None:
    """Six samples, each searched on one half and scored on the other: a pair of calls and
    minutes is written on most, whichever outcome is positive (a pair that lowers the rate is
    one that raises it among the other combinations of its halves), and the held-out AUC
    never falls for it."""
    gains, found_in = [], 0
    for seed in range(6):
        rows = churn(4000, seed)
        labels = {"positive": [positive], "negative": [negative], "holdout": 0, "seed": seed}
        with_pairs = suggest(rows[:2000], outcome="Churn", **labels)  # type: ignore[arg-type]
        without = suggest(rows[:2000], outcome="Churn", max_pairs=0, **labels)  # type: ignore[arg-type]
        pairs = _pair_criteria(with_pairs)
        found_in += bool(pairs)
        for pair in pairs:
            fields = {(h.condition if isinstance(h, Not) else h).field for h in _halves(pair)}  # type: ignore[attr-defined]
            assert fields == {"calls", "minutes"}
        gains.append(_auc(with_pairs.spec, rows[2000:], positive) - _auc(without.spec, rows[2000:], positive))
    assert found_in >= 4
    assert min(gains) > -0.005
    assert sum(gains) / len(gains) > 0.003


def test_the_description_counts_the_pairs_tested() -> None:
    """Reproduction: the profile's description said '(N conditions tested)' and left out the
    pair combinations tested, whose count sets the bar the pair's evidence states."""
    rows = churn(4000, 3)[:2000]
    found = suggest(rows, outcome="Churn", holdout=0, seed=3)
    description = found.spec.profiles["suggested"].description or ""
    counted = re.search(r"\(([\d,]+) conditions and ([\d,]+) pairs tested\)", description)
    assert counted is not None, description
    tested = int(counted.group(2).replace(",", ""))
    (pair,) = _pair_criteria(found)
    summary = found.spec.evidence[f"data-{pair.id.replace('_', '-')}"].summary or ""
    bar = re.search(r"past the bar of ([\d.]+) for the pairs tried", summary)
    assert bar is not None, summary
    assert float(bar.group(1)) == round(z_for(1 - 0.05 / tested), 2)
    without = suggest(rows, outcome="Churn", holdout=0, seed=3, max_pairs=0)
    alone = without.spec.profiles["suggested"].description or ""
    assert re.search(r"\([\d,]+ conditions tested\)", alone), alone


def test_no_pair_where_traits_add_up_on_the_log_odds_scale() -> None:
    """Reproduction: four numbers whose effects add up (no interaction) gave a pair in 8 of 10
    runs of 10,000 records ('x0 at least 0.008 and x2 at most 1.296'): a pair was judged by its
    lift given the strata of the chosen criteria, which the leftover steps of a smooth effect
    clear. It is now judged by Rao's score test for adding it to the regression that holds
    both its halves."""
    for seed in range(3):
        rng = random.Random(seed)
        rows = []
        for _ in range(10_000):
            x = [rng.gauss(0, 1) for _ in range(4)]
            logit = -1 + 0.6 * x[0] + 0.5 * x[1] - 0.4 * x[2] + 0.3 * x[3]
            won = rng.random() < 1 / (1 + math.exp(-logit))
            rows.append({**{f"x{i}": f"{v:.3f}" for i, v in enumerate(x)}, "y": "yes" if won else "no"})
        found = suggest(rows, outcome="y", seed=seed)
        assert len(found.criteria) >= 4
        assert [c.text for c in found.criteria if c.partner] == []


def test_a_crossover_at_the_criteria_own_values_is_found() -> None:
    """Reproduction: a pair built of the chosen criteria themselves is a union of their strata,
    so judged within them it scored 0 and a crossover of two two-valued fields was never
    written."""
    rng = random.Random(0)
    rate = {(True, True): 0.6, (True, False): 0.2, (False, True): 0.08, (False, False): 0.2}
    rows = []
    for _ in range(6000):
        a, b = rng.random() < 0.5, rng.random() < 0.4
        won = rng.random() < rate[(a, b)]
        rows.append({"A": "lo" if a else "hi", "B": "z" if b else "x", "Won": "yes" if won else "no"})
    found = suggest(rows, outcome="Won", holdout=0.5, seed=0)
    assert "A in lo and B in z" in [c.text for c in found.criteria if c.partner]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_the_score_test_is_statsmodels(seed: int) -> None:
    """Rao's score statistic for one more indicator, from counts per pattern, against
    statsmodels' on the rows (no ridge: an unpenalised fit)."""
    sm = pytest.importorskip("statsmodels.api")
    np = pytest.importorskip("numpy")
    rng = random.Random(seed)
    k = rng.randint(1, 3)
    x = [[rng.random() < 0.5 for _ in range(k + 1)] for _ in range(400)]
    y = [rng.random() < 1 / (1 + math.exp(-(-0.5 + sum(0.7 * v for v in row[:k])))) for row in x]
    patterns: dict[int, list[float]] = {}
    for row, won in zip(x, y, strict=True):
        key = sum(1 << i for i, v in enumerate(row[:k]) if v) | (row[k] << k)
        cell = patterns.setdefault(key, [0.0, 0.0])
        cell[0] += won
        cell[1] += 1
    counted = [(key & ((1 << k) - 1), w, n) for key, (w, n) in patterns.items()]
    inside = [place for place, key in enumerate(patterns) if key >> k & 1]
    beta = fit(counted, k, ridge=0.0)
    ours = ScoreTest(counted, k, beta, ridge=0.0).z(inside)
    design = np.array([[1.0, *map(float, row[:k])] for row in x])
    extra = np.array([[float(row[k])] for row in x])
    model = sm.GLM(np.array(y, dtype=float), design, family=sm.families.Binomial())
    chi2, _, _ = model.score_test(model.fit().params, exog_extra=extra)
    assert ours**2 == pytest.approx(float(np.ravel(chi2)[0]), rel=1e-4, abs=1e-6)


@pytest.mark.parametrize("flip", [False, True])
def test_a_pair_counts_the_records_the_engine_matches_blanks_included(flip: bool) -> None:
    """A blank number of calls makes 'calls at least 4 and not (minutes at least …)' unknown
    (never matched) where the minutes are fewer, and missed where they are more: Kleene's
    ``all``, as the engine reads it."""
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
    assert "calls_and_not_minutes" in with_pairs.stdout
    without = runner.invoke(cli, ["suggest", str(data), "--outcome", "Churn", "--max-pairs", "0"])
    assert without.exit_code == 0, without.output
    assert "_and_" not in without.stdout
    bad = runner.invoke(cli, ["suggest", str(data), "--outcome", "Churn", "--max-pairs", "-1"])
    assert bad.exit_code == 2
    assert "--max-pairs" in bad.output
    with pytest.raises(icpspec.suggest.SuggestError, match="max_pairs"):
        suggest(rows, outcome="Churn", max_pairs=-1)


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
    (who churn more). Among the records meeting either half of a pair, the other raises the
    rate (checked here by counting)."""
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
            if isinstance(condition, Not):
                return not holds(condition.condition, row)
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


def test_long_column_names_give_ids_the_schema_accepts(tmp_path: Path) -> None:
    """Reproduction: a pair's id joins its two fields' names, and with long column names the
    spec's ids passed the schema's 64 characters: suggest wrote a spec nothing could load."""
    long_calls = "Number of calls to customer service last quarter"
    long_minutes = "Total day minutes used in the billing period"
    rows = [
        {long_calls: r["Calls"], long_minutes: r["Minutes"], "Intl plan": r["Intl plan"], "Churn": r["Churn"]}
        for r in churn(4000, 3)[:2000]
    ]
    found = suggest(rows, outcome="Churn", holdout=0, seed=3)
    assert _pair_criteria(found)
    path = tmp_path / "long.icp.yaml"
    path.write_text(found.text, encoding="utf-8")
    assert icpspec.load(path) == found.spec
    assert all(len(c.id) <= 59 for c in found.spec.profiles["suggested"].criteria)
    assert [d for d in icpspec.lint(path) if d.severity.value == "error"] == []


def _tagged(n: int, seed: int) -> list[dict[str, object]]:
    """The churn pattern beside a plan and a list of tags that matter, some together."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for _ in range(n):
        calls = min(9, int(rng.expovariate(0.45)))
        minutes = round(rng.uniform(0, 350), 1)
        plan = rng.choice(["basic", "pro", "max", "free"])
        tags = rng.sample(["a", "b", "c", "d"], rng.randint(0, 2))
        logit = -3 + 1.5 * (minutes > 250) + 0.7 * (calls >= 4) + 3 * (calls >= 4 and minutes < 180)
        logit += (
            1.0 * (plan in ("pro", "max")) + 2 * (plan == "free" and "a" not in tags) + 0.8 * ("b" in tags)
        )
        won = rng.random() < 1 / (1 + math.exp(-logit))
        rows.append(
            {
                "calls": str(calls),
                "minutes": str(minutes),
                "plan": plan,
                "tags": tags,
                "y": "yes" if won else "no",
            }
        )
    return rows


@pytest.mark.parametrize("seed", [4, 7])
def test_a_pair_whose_half_is_dropped_is_judged_as_any_criterion(seed: int) -> None:
    """Reproduction (review): the weights dropped a criterion that a pair written after it held
    ('calls at least 4'), and the pair kept its evidence, a test made against a model that
    held it (seed 7). Such a pair now states its lift given the criteria before it, which
    must lie above 1 at 95 %, as any criterion's; a pair whose halves stay states its test."""
    found = suggest(_tagged(4000, seed), outcome="y", seed=seed)
    profile = found.spec.profiles["suggested"]
    singles = [c.condition for c in profile.criteria if not isinstance(c.condition, AllOf)]
    pairs = _pair_criteria(found)
    assert pairs
    for pair in pairs:
        written = next(c for c in found.criteria if c.id == pair.id)
        kept = all((h.condition if isinstance(h, Not) else h) in singles for h in _halves(pair))
        if kept:
            assert "together they raise the odds" in written.summary
        else:
            assert "together they raise the odds" not in written.summary
            assert "given the criteria chosen before it" in written.summary
            assert written.given_chosen.reported(1.959964)[0] > 1


def test_long_names_give_every_criterion_its_own_evidence(tmp_path: Path) -> None:
    """Reproduction (review): cut to the schema's length, a criterion's evidence id and a
    disqualifier's on the same long column read alike, and the disqualifier's evidence
    replaced the criterion's."""
    column = "Industry segment of the account as recorded in the CRM system by sales ops"
    rng = random.Random(2)
    rows = []
    for _ in range(6000):
        industry = rng.choice(["bank", "edu", "gov", "retail", "mining", "media", "health"])
        rate = {"bank": 0.5, "edu": 0.45, "gov": 0.45, "retail": 0.4, "mining": 0.01}.get(industry, 0.2)
        rows.append({column: industry, "Won": "yes" if rng.random() < rate else "no"})
    found = suggest(rows, outcome="Won", holdout=0)
    profile = found.spec.profiles["suggested"]
    assert profile.criteria
    assert profile.disqualifiers
    cited = [e for c in (*profile.criteria, *profile.disqualifiers) for e in c.evidence]
    assert len(set(cited)) == len(cited)
    first = found.spec.evidence[profile.criteria[0].evidence[0]].summary or ""
    assert "Rarely positive" not in first
    path = tmp_path / "long.icp.yaml"
    path.write_text(found.text, encoding="utf-8")
    assert icpspec.load(path) == found.spec
