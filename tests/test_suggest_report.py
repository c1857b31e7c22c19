"""icpspec suggest's figures and report: the Mantel-Haenszel lift uncorrected (as statsmodels has
it), every record accounted for, every held-out rate with its n and interval in evaluate's words,
columns found as evaluate finds them, and ``positive``/``negative`` as evaluate reads them."""

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

from icpspec.cli import cli
from icpspec.suggest import SuggestError, suggest
from icpspec.suggest._stats import Cell, rate_ratio

from .conftest import EXAMPLES

SALVIRT = EXAMPLES / "salvirt" / "salvirt_b2b_sales.csv"


def deals(
    n: int = 700, seed: int = 3, *, won: str = "Closed Won", lost: str = "Closed Lost"
) -> list[dict[str, object]]:
    """Deals whose outcome follows the industry; some still open, some with no stage at all."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for _ in range(n):
        industry = rng.choice(["software", "retail", "finance", "energy"])
        p = 0.7 if industry == "software" else 0.3
        stage = won if rng.random() < p else lost
        r = rng.random()
        if r < 0.12:
            stage = "Open"
        elif r < 0.16:
            stage = ""
        rows.append({"Industry": industry, "Region": rng.choice("NSEW"), "Stage": stage})
    return rows


# 1. The Mantel-Haenszel rate ratio, uncorrected -------------------------------------------------


def test_a_pooled_ratio_with_empty_cells_is_mantel_haenszels() -> None:
    """Twenty strata, each 3 of 3 against 1 of 3: the pooled ratio is 3, not the 2.33 that half
    a record in every cell made of it."""
    rr = rate_ratio([Cell(a=3, n1=3, c=1, n0=3)] * 20)
    assert rr is not None
    assert rr.ratio == pytest.approx(3.0)
    low, high = rr.interval(1.959964)
    assert low < 3.0 < high


def test_one_ratio_is_the_raw_ratio() -> None:
    """A group all positive is stated at its own ratio (1.954 here), not one shifted by a
    correction; the width keeps a term for it."""
    rr = rate_ratio([Cell(a=60, n1=60, c=207, n0=405)])
    assert rr is not None
    assert rr.ratio == pytest.approx((60 / 60) / (207 / 405))
    assert rr.log_se > 0


def test_a_ratio_with_no_positive_is_zero_and_its_upper_bound_finite() -> None:
    rr = rate_ratio([Cell(a=0, n1=40, c=20, n0=60)])
    assert rr is not None
    assert rr.ratio == 0
    low, high = rr.interval(1.959964)
    assert low == 0
    assert 0 < high < 1
    rr = rate_ratio([Cell(a=20, n1=60, c=0, n0=40)])
    assert rr is not None
    assert math.isinf(rr.ratio)
    low, high = rr.interval(1.959964)
    assert 1 < low < math.inf
    assert math.isinf(high)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 8), st.integers(1, 8), st.integers(0, 8), st.integers(1, 8)).map(
            lambda t: Cell(a=min(t[0], t[1]), n1=t[1], c=min(t[2], t[3]), n0=t[3])
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_pooled_ratio_is_statsmodels(cells: list[Cell]) -> None:
    """The point estimate is statsmodels' ``StratifiedTable.riskratio_pooled``, zero cells
    and all; across strata, the log interval's variance is Greenland-Robins'."""
    contingency = pytest.importorskip("statsmodels.stats.contingency_tables")
    np = pytest.importorskip("numpy")
    r = sum(c.a * c.n0 / (c.n1 + c.n0) for c in cells)
    s = sum(c.c * c.n1 / (c.n1 + c.n0) for c in cells)
    rr = rate_ratio(cells)
    if r == 0 and s == 0:
        assert rr is None
        return
    assert rr is not None
    if s == 0:
        assert math.isinf(rr.ratio)
        return
    tables = np.array([[[c.a, c.n1 - c.a], [c.c, c.n0 - c.c]] for c in cells], dtype=float)
    expected = contingency.StratifiedTable(np.moveaxis(tables, 0, -1)).riskratio_pooled
    assert rr.ratio == pytest.approx(expected, rel=1e-9, abs=1e-12)
    if len(cells) > 1 and r > 0:
        variance = sum(
            (c.n1 * c.n0 * (c.a + c.c) - c.a * c.c * (c.n1 + c.n0)) / (c.n1 + c.n0) ** 2 for c in cells
        ) / (r * s)
        assert rr.log_se == pytest.approx(math.sqrt(max(variance, 0.0)), rel=1e-9, abs=1e-12)


def test_salvirt_given_those_above_is_statsmodels() -> None:
    """The audit's case: ``posit_statm`` given the criteria above it, on all of Salvirt, is
    statsmodels' pooled ratio of the same strata (1.2960; 1.3051 with the correction)."""
    contingency = pytest.importorskip("statsmodels.stats.contingency_tables")
    np = pytest.importorskip("numpy")
    import csv

    with SALVIRT.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    found = suggest(rows, outcome="Status", exclude=["Seller"], holdout=0.0)
    masks: list[list[bool]] = []
    y = [r["Status"].strip().casefold() == "won" for r in rows]
    for c in found.criteria:
        if c.partner is not None:
            continue  # a pair's records are whole strata of its halves: no lift given them
        column, values = c.text.split(" in ", 1)
        wanted = {v.strip() for v in values.split(",")}
        mask = [r[column] in wanted for r in rows]
        if masks:
            patterns = [tuple(m[i] for m in masks) for i in range(len(rows))]
            tables = []
            for p in sorted(set(patterns)):
                inside = [i for i in range(len(rows)) if patterns[i] == p]
                a = sum(1 for i in inside if mask[i] and y[i])
                n1 = sum(1 for i in inside if mask[i])
                cc = sum(1 for i in inside if not mask[i] and y[i])
                n0 = len(inside) - n1
                if n1 and n0:
                    tables.append([[a, n1 - a], [cc, n0 - cc]])
            expected = contingency.StratifiedTable(np.moveaxis(np.array(tables, float), 0, -1))
            assert c.given_chosen.ratio == pytest.approx(expected.riskratio_pooled, rel=1e-9), c.id
        masks.append(mask)


# 2. Every record accounted for ------------------------------------------------------------------


def test_every_record_is_accounted_for_searched_and_held_out() -> None:
    rows = deals()
    found = suggest(rows, outcome="Stage")
    lines = found.describe()
    searched, held = found.searched, found.held_out
    assert searched.records + held.records == len(rows) == found.records
    for part in (searched, held):
        assert part.positive + part.negative + part.left_out == part.records
        assert dict(part.left_out_values).keys() == {"Open", "(blank)"}
        assert sum(n for _, n in part.left_out_values) == part.left_out
    assert found.training is not None
    assert found.holdout is not None
    assert found.training.figures.records == searched.positive + searched.negative
    assert found.holdout.figures.records == held.positive + held.negative
    assert (
        lines[0]
        == f"{len(rows):,} records; {searched.records:,} searched, {held.records:,} held out of the search"
    )
    for name, part in (("searched", searched), ("held out", held)):
        line = next(x for x in lines if x.startswith(f"{name}: "))
        assert f"{part.positive:,} positive, {part.negative:,} negative" in line
        assert f"{part.left_out:,} left out, their outcome neither positive nor negative" in line
        assert "Open: " in line
        assert "(blank): " in line
    assert not any("no readable outcome" in x for x in lines)


def test_held_out_blanks_are_reported() -> None:
    """The audit's sugblank.py: blank outcomes among held-out records were never mentioned."""
    import csv

    with SALVIRT.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i in range(0, len(rows), 5):
        rows[i]["Status"] = ""
    found = suggest(rows, outcome="Status", exclude=["Seller"])
    assert found.held_out.left_out > 0
    assert found.searched.left_out + found.held_out.left_out == 90
    line = next(x for x in found.describe() if x.startswith("held out: "))
    assert f"{found.held_out.left_out} left out" in line
    assert "(blank)" in line


# 3. The held-out table: every rate with its n and interval, evaluate's words -------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["suggest", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_evaluation_table_states_n_and_intervals_in_evaluates_words(tmp_path: Path) -> None:
    code, _, stderr = run(
        str(SALVIRT), "--outcome", "Status", "--exclude", "Seller", "-o", str(tmp_path / "s.yaml")
    )
    assert code == 0, stderr
    precision = next(x for x in stderr.splitlines() if x.startswith("top: precision"))
    recall = next(x for x in stderr.splitlines() if x.startswith("top: recall"))
    rate = r"\d+% \(\d+-\d+%\) n=\d+"
    assert len(re.findall(rate, precision)) == 2, precision
    assert len(re.findall(rate, recall)) == 2, recall
    assert "MadKudu's check, held out: failed on" in stderr
    assert "_" not in "".join(x for x in stderr.splitlines() if "MadKudu" in x)


def test_too_few_to_judge_is_said_in_words() -> None:
    rows = deals(260, 5)
    found = suggest(rows, outcome="Stage", holdout=0.3)
    assert found.holdout is not None
    from icpspec.cli._suggest import evaluation_lines

    text = "\n".join(evaluation_lines(found.training, found.holdout))
    assert "too_few_to_judge" not in text
    assert "cannot_be_met" not in text


# 4. Columns found as evaluate finds them ------------------------------------------------------


def test_outcome_column_found_ignoring_case_as_evaluate_does() -> None:
    rows = [{"Industry": r["Industry"], "Region": r["Region"], "Status": r["Stage"]} for r in deals(300)]
    found = suggest(rows, outcome="status")
    assert found.positive.startswith("Status ")
    with pytest.raises(
        SuggestError, match=r"--outcome 'Stat': no such column.*\(columns: 'Industry', 'Region', 'Status'\)"
    ):
        suggest(rows, outcome="Stat")
    with pytest.raises(SuggestError, match=r"did you mean 'Status'\?"):
        suggest(rows, outcome="Statsu")


def test_cli_outcome_found_ignoring_case(tmp_path: Path) -> None:
    code, _, stderr = run(
        str(SALVIRT), "--outcome", "status", "--exclude", "Seller", "-o", str(tmp_path / "s.yaml")
    )
    assert code == 0, stderr
    assert "positive: Status won" in stderr


# 5. --positive / --negative ---------------------------------------------------------------------


def test_unusual_stages_name_the_values_seen_and_the_options() -> None:
    rows = deals(won="6 - Closed Won", lost="7 - Closed Lost")
    with pytest.raises(SuggestError) as info:
        suggest(rows, outcome="Stage")
    message = str(info.value)
    assert "'7 - Closed Lost': " in message
    assert "'6 - Closed Won': " in message
    assert "'Open': " in message
    assert "--positive" in message
    assert "--negative" in message


def test_positive_and_negative_read_outcomes_as_evaluate_does() -> None:
    rows = deals(won="6 - Closed Won", lost="7 - Closed Lost")
    found = suggest(rows, outcome="Stage", positive=["6 - closed won"], negative=["7 - Closed Lost"])
    plain = suggest(deals(), outcome="Stage")
    assert found.searched == plain.searched
    assert found.held_out == plain.held_out
    assert [c.text for c in found.criteria] == [c.text for c in plain.criteria]
    assert found.holdout is not None
    assert plain.holdout is not None
    assert found.holdout.figures.records == plain.holdout.figures.records
    assert found.holdout.positive == ("6 - closed won",)
    with pytest.raises(SuggestError, match="--positive/--negative: 'won' is both"):
        suggest(rows, outcome="Stage", positive=["won"], negative=["won"])


def test_cli_positive_negative(tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    rows = deals(won="6 - Closed Won", lost="7 - Closed Lost")
    path.write_text(
        "Industry,Region,Stage\n" + "".join(f"{r['Industry']},{r['Region']},{r['Stage']}\n" for r in rows)
    )
    code, _, stderr = run(str(path), "--outcome", "Stage", "-o", str(tmp_path / "a.yaml"))
    assert code == 2
    assert "--positive" in stderr
    assert "'6 - Closed Won': " in stderr
    code, _, stderr = run(
        str(path),
        "--outcome",
        "Stage",
        "--positive",
        "6 - Closed Won",
        "--negative",
        "7 - Closed Lost",
        "-o",
        str(tmp_path / "b.yaml"),
    )
    assert code == 0, stderr
    assert "criterion industry" in stderr


def test_a_value_column_spelt_otherwise_keeps_both_evaluations() -> None:
    """Found (review of 3eb9643): `--value amount` over a column `Amount` wrote the same spec
    as `--value Amount` but no evaluation at all: the classes were read by the name as typed."""
    rng = random.Random(4)
    rows = [
        {
            "Amount": rng.randint(100, 10_000),
            "Client": rng.choice(["Current", "New"]),
            "Region": rng.choice("NSEW"),
        }
        for _ in range(400)
    ]
    exact = suggest(rows, value="Amount", seed=1)
    folded = suggest(rows, value="amount", seed=1)
    assert exact.training is not None
    assert exact.holdout is not None
    assert folded.text == exact.text
    assert folded.training is not None
    assert folded.holdout is not None
    assert folded.holdout.to_dict()["figures"] == exact.holdout.to_dict()["figures"]


def test_the_commonest_left_out_outcomes_are_named_in_suggest() -> None:
    """Found (review of 3eb9643): the first values met kept their names; 30 one-off stages first
    hid the 'Open' deals among '(other values)'."""
    rows = [{"Client": "New", "Status": f"stage {i}"} for i in range(30)]
    rows += [
        {"Client": ("Current", "New")[i % 2], "Status": ("won", "lost", "Open")[i % 3]} for i in range(300)
    ]
    found = suggest(rows, outcome="Status", holdout=0)
    values = dict(found.searched.left_out_values)
    assert values["Open"] == 100
    assert next(iter(values)) == "Open"
    assert sum(values.values()) == found.searched.left_out == 130


def test_the_held_out_table_says_too_few_and_bad_outcomes_as_evaluate_does(tmp_path: Path) -> None:
    """Found (review of 3eb9643): a held-out part too few to judge printed its AUC with an
    interval ('0.736 (0.522-0.949)') where evaluate prints none; with --bad the count line's
    positive was the good outcome and the table's the bad one, unlabelled."""
    from icpspec.cli._suggest import evaluation_lines

    few = suggest(SALVIRT, outcome="Status", exclude=["Seller"], holdout=0.05, seed=1)
    assert few.holdout is not None
    assert few.holdout.figures.too_few
    auc_line = next(line for line in evaluation_lines(few.training, few.holdout) if line.startswith("AUC"))
    assert auc_line.endswith("(too few to judge)"), auc_line
    bad = suggest(SALVIRT, outcome="Status", exclude=["Seller"], bad=True, seed=1)
    lines = evaluation_lines(bad.training, bad.holdout)
    assert any(line.startswith("positive (bad outcomes)") for line in lines)


def test_degenerate_tables_say_what_is_wrong(tmp_path: Path) -> None:
    """Found (review of 3eb9643): a header-only file said '(values seen: )' and to use
    --positive/--negative; all won (or all lost) ran and said 'no usable signal', with a table
    of 100 % precision; --value with --positive said 'with value the classes are'."""
    header = tmp_path / "h.csv"
    header.write_text("Client,Status\n", encoding="utf-8")
    with pytest.raises(SuggestError, match=r"no records, only a header"):
        suggest(header, outcome="Status")
    rows = [{"Client": ("A", "B")[i % 2], "Status": "won"} for i in range(200)]
    with pytest.raises(SuggestError, match=r"every searched record with an outcome is positive \(140\)"):
        suggest(rows, outcome="Status", seed=1)
    with pytest.raises(SuggestError, match=r"with value, Class 1 and 2 are the positives$"):
        suggest(rows, value="Client", positive=["won"])


def test_an_unbounded_rate_ratio_is_written_in_words() -> None:
    """Found (review of 3eb9643): where no other record is positive the evidence read
    'rate ratio inf (95 % CI 46.04-inf)', Python's 'inf' in a spec meant for people."""
    from icpspec.suggest._write import ratio_text

    rr = rate_ratio([Cell(60, 60, 0, 340)])
    assert rr is not None
    text = ratio_text(rr, 1.96)
    assert "inf" not in text
    assert text.startswith("unbounded (95 % CI "), text
    assert text.endswith(" or more)"), text


def test_one_outcome_names_the_values_left_out(tmp_path: Path) -> None:
    """Found (review of d25bf26): with lost deals spelt 'Lost - Price', suggest said every
    searched record was positive, nothing to contrast, and not that 217 were left out as
    'lost - price' nor to name them with --negative; '(blank)' was quoted as a value."""
    rows = [
        {"Client": ("A", "B")[i % 2], "Status": "won" if i % 3 == 0 else "Lost - Price"} for i in range(300)
    ]
    rows += [{"Client": "A", "Status": ""} for _ in range(20)]
    with pytest.raises(SuggestError) as caught:
        suggest(rows, outcome="Status", seed=1)
    message = str(caught.value)
    assert "every searched record with an outcome is positive" in message
    assert "'Lost - Price': " in message
    assert message.endswith("name the negative values with --negative")
    blank = [{"Client": "A", "Status": ""}] * 5 + [{"Client": "B", "Status": "Open"}] * 5
    with pytest.raises(SuggestError) as caught:
        suggest(blank, outcome="Status", holdout=0)
    assert "(blank): 5" in str(caught.value)
    assert "'(blank)'" not in str(caught.value)


def test_the_table_counts_accounts_with_account(tmp_path: Path) -> None:
    """Under --account every interval counts accounts (Kish's effective size), so the table says
    how many accounts stand behind the records, as evaluate's tables do."""
    rows = deals(600, 7)
    path = tmp_path / "deals.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], "Account"])
        writer.writeheader()
        writer.writerows({**r, "Account": f"A{i // 3}"} for i, r in enumerate(rows))
    code, _, stderr = run(
        str(path), "--outcome", "Stage", "--account", "Account", "-o", str(tmp_path / "s.yaml")
    )
    assert code == 0, stderr
    line = next(x for x in stderr.splitlines() if x.startswith("records evaluated"))
    assert re.search(r"\d+ \(\d+ accounts\)\s+\d+ \(\d+ accounts\)$", line), line
    found = suggest(rows, outcome="Stage")
    assert found.training is not None
    assert found.training.figures.accounts is None  # without --account: rows only
