"""How good is a suggested profile? Held-out AUC against a stepwise logistic baseline and a black box.

For each data set, the records are split in half (seeded). ``icpspec.suggest``
sees only the first half (``holdout=0``: the whole half is searched); the
profile it writes is then scored on the second half with the Python engine
(``Matcher``), and its AUC is computed there by scikit-learn, independently of
``icpspec evaluate``: scored records by score, ``required_failed`` and
``disqualified`` below every scored record. Three models learn from the same
first half and the same columns:

* **stepwise**: logistic regression with forward selection of columns (each
  a block of one-hot indicators, numbers also in quantile bins) by AIC; and
  the same among the columns the profile uses only (``step*``: the gap left
  there is a number used as a number where the profile has steps);
* **binned**: logistic regression on every column at once, in the profile's
  own vocabulary (numbers in ten quantile bins, text by value), with
  scikit-learn's default ridge penalty instead of any selection: how far
  yes/no conditions on these columns go when all are kept and shrunk, beside
  the profile that keeps at most ten, each past a bar;
* **boosting**: scikit-learn's ``HistGradientBoostingClassifier`` on the same
  columns (categorical ones as categories), default settings; and the same
  restricted to the columns the profile uses.

Data sets: Salvirt's 448 B2B deals (M. Bohanec, M. Kljajić Borštnar, M.
Robnik-Šikonja, "Explaining machine learning models in sales predictions",
Expert Systems with Applications 71 (2017) 416-428, CC BY 4.0; ``Seller``
left out: the sales rep is no customer trait), synthetic sets with planted
traits, and one with no signal at all; or a file of your own. Run from the
repository root:

    python benchmarks/bench_suggest.py [--seeds 5]
    python benchmarks/bench_suggest.py --noise   # planted traits found, noise written
    python benchmarks/bench_suggest.py --csv deals.csv --outcome Stage --positive "Closed Won" [--exclude Owner]

scikit-learn is a benchmark dependency only: ``pip install icpspec[bench]``.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import statistics
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

import icpspec  # noqa: E402
from icpspec.engine import Matcher  # noqa: E402
from icpspec.engine.compile import fields_read  # noqa: E402
from icpspec.model import Entity, resolve_fields  # noqa: E402
from icpspec.records import map_columns  # noqa: E402
from icpspec.suggest import suggest  # noqa: E402

SALVIRT = ROOT / "examples" / "salvirt" / "salvirt_b2b_sales.csv"
Row = Mapping[str, object]


def salvirt() -> tuple[list[Row], str, list[str]]:
    with SALVIRT.open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
        fh.seek(0)
        rows = list(csv.DictReader(fh, delimiter=";" if ";" in first else ","))
    columns = [c for c in rows[0] if c not in ("Status", "Seller")]
    return rows, "Status", columns


def from_csv(
    path: Path, outcome: str, positive: str, exclude: Sequence[str]
) -> tuple[list[Row], str, list[str]]:
    """A file of your own: ``outcome`` equal to ``positive`` is won, anything else lost."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        first = fh.readline()
        fh.seek(0)
        rows: list[dict[str, object]] = list(csv.DictReader(fh, delimiter=";" if ";" in first else ","))
    for row in rows:
        row["Status"] = "won" if str(row.pop(outcome)).strip() == positive else "lost"
    columns = [c for c in rows[0] if c != "Status" and c not in exclude]
    return list(rows), "Status", columns


def planted(n: int, seed: int, *, signal: bool = True) -> tuple[list[Row], str, list[str]]:
    """Accounts with three planted traits (industry, size band, country) and two noise columns."""
    rng = random.Random(seed)
    industries = ["software", "saas", "retail", "manufacturing", "finance", "health", "media", "energy"]
    countries = ["US", "DE", "FR", "GB", "ES", "IT", "NL", "SE"]
    rows = []
    for _ in range(n):
        industry = rng.choice(industries)
        employees = int(math.exp(rng.uniform(math.log(3), math.log(20000))))
        country = rng.choice(countries)
        logit = -1.6
        if signal:
            logit += 1.3 * (industry in ("software", "saas")) + 1.0 * (50 <= employees <= 1000)
            logit += 0.8 * (country == "US")
        won = rng.random() < 1 / (1 + math.exp(-logit))
        rows.append(
            {
                "Industry": industry,
                "Employees": str(employees),
                "Country": country,
                "Plan": rng.choice(["basic", "plus", "pro", "team", "max", "free"]),
                "Score": f"{rng.uniform(0, 100):.1f}",
                "Status": "won" if won else "lost",
            }
        )
    return rows, "Status", ["Industry", "Employees", "Country", "Plan", "Score"]


def _number(value: object) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _is_numeric(rows: Sequence[Row], column: str) -> bool:
    filled = [r[column] for r in rows if str(r.get(column) or "").strip()]
    return bool(filled) and all(_number(v) is not None for v in filled)


def _y(rows: Sequence[Row], outcome: str) -> np.ndarray:
    return np.array([1 if str(r[outcome]).strip().lower() == "won" else 0 for r in rows])


def _cuts(train: Sequence[Row], column: str, parts: int) -> list[float]:
    """Cuts at the ``parts``-quantiles of ``column``'s numbers in ``train``, none twice and none at
    the smallest value: when a share of the records or more hold it (a count of 0), a cut there
    would leave the reference bin empty and the indicators summing to the intercept."""
    known = sorted(v for v in (_number(r[column]) for r in train) if v is not None)
    return sorted({known[len(known) * q // parts] for q in range(1, parts)} - {known[0]})


def _indicators(rows: Sequence[Row], column: str, cuts: Sequence[float], *, blank: bool) -> list[list[float]]:
    """One indicator per bin above the lowest (the reference), and one for a blank cell when
    ``blank`` (else a blank reads as the reference bin)."""
    out = []
    for r in rows:
        v = _number(r[column])
        bins = [0.0] * (len(cuts) + 1 + blank)
        if v is not None:
            bins[sum(v >= c for c in cuts)] = 1.0
        elif blank:
            bins[-1] = 1.0
        out.append(bins[1:])
    return out


def _levels(train: Sequence[Row], test: Sequence[Row], column: str) -> tuple[np.ndarray, np.ndarray]:
    """One-hot indicators of a text column's values (the first in sort order the reference)."""
    levels = sorted({str(r[column]).strip().lower() for r in train})[1:]

    def onehot(rows: Sequence[Row]) -> np.ndarray:
        return np.array(
            [[1.0 if str(r[column]).strip().lower() == lv else 0.0 for lv in levels] for r in rows]
        ).reshape(len(rows), len(levels))

    return onehot(train), onehot(test)


def _blocks(train: Sequence[Row], test: Sequence[Row], column: str) -> tuple[np.ndarray, np.ndarray]:
    """Stepwise's block of a column: text one-hot; a number in quintile bins (a blank in a bin of
    its own when ``train`` has any) plus its value, standardised (a blank at the mean)."""
    if not _is_numeric(train, column):
        return _levels(train, test, column)
    cuts = _cuts(train, column, 5)
    known = [v for v in (_number(r[column]) for r in train) if v is not None]
    mean, sd = statistics.fmean(known), statistics.pstdev(known) or 1.0
    blank = any(_number(r[column]) is None for r in train)

    def encode(rows: Sequence[Row]) -> np.ndarray:
        bins = _indicators(rows, column, cuts, blank=blank)
        values = [_number(r[column]) for r in rows]
        return np.array(
            [[*b, ((v if v is not None else mean) - mean) / sd] for b, v in zip(bins, values, strict=True)]
        )

    return encode(train), encode(test)


def _bins(train: Sequence[Row], test: Sequence[Row], column: str) -> tuple[np.ndarray, np.ndarray]:
    """One-hot indicators: numbers in ten quantile bins (and one for blanks), text by value."""
    if not _is_numeric(train, column):
        return _levels(train, test, column)
    cuts = _cuts(train, column, 10)
    return (
        np.array(_indicators(train, column, cuts, blank=True)),
        np.array(_indicators(test, column, cuts, blank=True)),
    )


def binned(train: Sequence[Row], test: Sequence[Row], outcome: str, columns: Sequence[str]) -> float:
    """Held-out AUC of a logistic regression on every column's bins at once: no selection, and
    scikit-learn's default ridge penalty (C=1) in its place (stepwise is all but unpenalised)."""
    if not columns:
        return 0.5
    blocks = [_bins(train, test, c) for c in columns]
    x = np.hstack([b[0] for b in blocks])
    model = LogisticRegression(max_iter=5000).fit(x, _y(train, outcome))
    return float(
        roc_auc_score(_y(test, outcome), model.predict_proba(np.hstack([b[1] for b in blocks]))[:, 1])
    )


def stepwise(train: Sequence[Row], test: Sequence[Row], outcome: str, columns: Sequence[str]) -> float:
    """Held-out AUC of a logistic regression whose columns are added forward while AIC falls."""
    predict, _ = stepwise_fit(train, test, outcome, columns)
    return float(roc_auc_score(_y(test, outcome), predict()))


def stepwise_fit(
    train: Sequence[Row], test: Sequence[Row], outcome: str, columns: Sequence[str]
) -> tuple[Callable[[], np.ndarray], list[str]]:
    """:func:`stepwise`'s model (its probabilities on ``test``) and the columns it chose, in the
    order it added them."""
    y = _y(train, outcome)
    blocks = {c: _blocks(train, test, c) for c in columns}
    blocks = {c: b for c, b in blocks.items() if b[0].shape[1]}

    def fit(chosen: Sequence[str]) -> tuple[float, Callable[[], np.ndarray]]:
        x = np.hstack([blocks[c][0] for c in chosen]) if chosen else np.zeros((len(train), 0))
        xt = np.hstack([blocks[c][1] for c in chosen]) if chosen else np.zeros((len(test), 0))
        if not chosen:
            p = y.mean()
            ll = float(np.sum(y * math.log(p) + (1 - y) * math.log(1 - p)))
            return -2 * ll + 2, lambda: np.full(len(test), p)
        model = LogisticRegression(C=1e4, max_iter=2000).fit(x, y)
        prob = np.clip(model.predict_proba(x)[:, 1], 1e-12, 1 - 1e-12)
        ll = float(np.sum(y * np.log(prob) + (1 - y) * np.log(1 - prob)))
        return -2 * ll + 2 * (x.shape[1] + 1), lambda: model.predict_proba(xt)[:, 1]

    chosen: list[str] = []
    best, predict = fit(chosen)
    while True:
        trials = [(fit([*chosen, c]), c) for c in blocks if c not in chosen]
        if not trials:
            break
        (aic, pred), column = min(trials, key=lambda t: t[0][0])
        if aic >= best:
            break
        best, predict, chosen = aic, pred, [*chosen, column]
    return predict, chosen


def boosting_matrix(train: Sequence[Row], rows: Sequence[Row], columns: Sequence[str]) -> np.ndarray:
    """``rows`` as boosting reads them: numbers as numbers (a zero is a value, a blank NaN),
    text as codes learnt from ``train`` (a blank is a value of its own, text never seen in
    ``train`` NaN)."""
    numeric = {c: _is_numeric(train, c) for c in columns}
    codes = {c: {v: i for i, v in enumerate(sorted({str(r[c]) for r in train}))} for c in columns}

    def cell(row: Row, column: str) -> float:
        value = _number(row[column]) if numeric[column] else codes[column].get(str(row[column]))
        return np.nan if value is None else float(value)

    return np.array([[cell(r, c) for c in columns] for r in rows], dtype=float).reshape(
        len(rows), len(columns)
    )


def boosting(train: Sequence[Row], test: Sequence[Row], outcome: str, columns: Sequence[str]) -> float:
    """Held-out AUC of HistGradientBoostingClassifier on ``columns`` (text columns as categories)."""
    if not columns:
        return 0.5
    model = HistGradientBoostingClassifier(
        categorical_features=[not _is_numeric(train, c) for c in columns], random_state=0
    ).fit(boosting_matrix(train, train, columns), _y(train, outcome))
    return float(
        roc_auc_score(_y(test, outcome), model.predict_proba(boosting_matrix(train, test, columns))[:, 1])
    )


def profile_auc(spec: icpspec.Spec, test: Sequence[Row], outcome: str) -> float:
    """Held-out AUC of the profile's order, computed here from the engine's scores."""
    profile = next(iter(spec.profiles.values()))
    matcher = Matcher(profile, spec=spec)
    fields = resolve_fields(spec.fields, Entity.ACCOUNT)
    mapping = map_columns(list(test[0]), {f: fields[f] for f in fields_read(profile)}).fields
    ranks = []
    for row in test:
        result = matcher.match({field: row[column] for field, column in mapping.items()})
        status = str(result.status)
        ranks.append(result.score if status == "scored" else -1.0 if status != "insufficient_data" else None)
    keep = [i for i, r in enumerate(ranks) if r is not None]
    y = _y([test[i] for i in keep], outcome)
    return float(roc_auc_score(y, [ranks[i] for i in keep]))


def run(name: str, rows: list[Row], outcome: str, columns: list[str], seed: int) -> dict[str, object]:
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    half = len(rows) // 2
    train, test = [rows[i] for i in order[:half]], [rows[i] for i in order[half:]]
    found = suggest(train, outcome=outcome, holdout=0, fields=columns, seed=seed)
    used = [c for x in found.criteria for c in (x.column, x.partner) if c is not None]
    used += [d.column for d in found.disqualifiers]
    return {
        "data": name,
        "seed": seed,
        "criteria": ", ".join(c.column for c in found.criteria) or "(none)",
        "profile": profile_auc(found.spec, test, outcome) if found.criteria else 0.5,
        "stepwise": stepwise(train, test, outcome, columns),
        # The same selection among the profile's own columns only: what is left of the gap is
        # a number used as a number, where the profile has steps.
        "stepwise_same_fields": stepwise(train, test, outcome, list(dict.fromkeys(used))) if used else 0.5,
        "binned": binned(train, test, outcome, columns),
        "boosting": boosting(train, test, outcome, columns),
        "boosting_same_fields": boosting(train, test, outcome, list(dict.fromkeys(used))),
    }


def flipped(rows: list[Row]) -> list[Row]:
    """``rows`` with won and lost swapped: five in six won where one in six was."""
    return [{**r, "Status": "lost" if r["Status"] == "won" else "won"} for r in rows]


def noise(
    sizes: Sequence[int] = (400, 1000, 1500, 2000),
    seeds: int = 10,
    null_seeds: Sequence[int] = range(100, 160),
) -> None:
    """What the bars are for, counted: planted traits found and noise columns written over
    ``len(sizes) * seeds`` runs with signal, and runs writing any criterion where there is none,
    at a base rate near one in six and (outcome flipped) five in six. Every record searched."""
    runs = len(sizes) * seeds
    found: dict[str, int] = {}
    written = []
    paired = []
    baseline = 0  # runs where the stepwise baseline, on the same records, takes a noise column
    for n in sizes:
        for seed in range(seeds):
            rows, outcome, columns = planted(n, 50 + seed)
            result = suggest(rows, outcome=outcome, holdout=0, fields=columns, seed=seed)
            baseline += bool({"Plan", "Score"} & set(stepwise_fit(rows, rows, outcome, columns)[1]))
            for column in {c.column for c in result.criteria}:
                found[column] = found.get(column, 0) + 1
            written += [
                f"{c.column} ({n} accounts, seed {50 + seed})"
                for c in result.criteria
                if {c.column, c.partner} & {"Plan", "Score"}
            ]
            paired += [f"{c.text} ({n} accounts, seed {50 + seed})" for c in result.criteria if c.partner]
    print(f"planted traits, {runs} runs ({', '.join(map(str, sizes))} accounts, {seeds} seeds each):")
    for column in ("Industry", "Employees", "Country"):
        print(f"  {column:<10} found in {found.get(column, 0)} of {runs}")
    print(f"  noise columns written: {len(written)}" + (f" ({'; '.join(written)})" if written else ""))
    # The planted traits add up on the log-odds scale: no pair of them matters together.
    print(f"  pair criteria written: {len(paired)}" + (f" ({'; '.join(paired)})" if paired else ""))
    # What the baseline the profile is held to pays for its columns: AIC's bar lets noise in.
    print(f"  stepwise baseline: a noise column in {baseline} of {runs} runs")
    print(f"no signal, {len(null_seeds)} runs each:")
    for n in (600, 2000):
        for flip in (False, True):
            hits = 0
            for seed in null_seeds:
                rows, outcome, columns = planted(n, seed, signal=False)
                rows = flipped(rows) if flip else rows
                hits += bool(suggest(rows, outcome=outcome, holdout=0, fields=columns, seed=seed).criteria)
            share = "five in six won" if flip else "one in six won"
            print(f"  {n:>5} accounts, {share}: a criterion in {hits} of {len(null_seeds)} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="Splits per data set (default 5).")
    parser.add_argument("--csv", type=Path, help="Your own file instead of the bundled sets.")
    parser.add_argument("--outcome", help="With --csv: the outcome column.")
    parser.add_argument("--positive", help="With --csv: the outcome value counted as won.")
    parser.add_argument("--exclude", action="append", default=[], help="With --csv: a column to leave out.")
    parser.add_argument(
        "--noise",
        action="store_true",
        help="Count planted traits found and noise written over many runs instead (no baselines).",
    )
    args = parser.parse_args()
    if args.noise:
        noise()
        return
    if args.csv is not None:
        if args.outcome is None or args.positive is None:
            parser.error("--csv needs --outcome and --positive")
        sets = {args.csv.stem[:16]: from_csv(args.csv, args.outcome, args.positive, args.exclude)}
    else:
        sets = {
            "salvirt": salvirt(),
            "planted-2000": planted(2000, 1),
            "planted-600": planted(600, 2),
            "no-signal-2000": planted(2000, 3, signal=False),
        }
    print(
        f"{'data':<16}{'seed':>5}  {'profile':>8}{'stepwise':>9}{'step*':>8}{'binned':>8}{'boost':>8}{'boost*':>8}"
        "  criteria"
    )
    for name, (rows, outcome, columns) in sets.items():
        results = [run(name, rows, outcome, columns, seed) for seed in range(args.seeds)]
        for r in results:
            print(
                f"{name:<16}{r['seed']:>5}  {r['profile']:>8.3f}{r['stepwise']:>9.3f}"
                f"{r['stepwise_same_fields']:>8.3f}{r['binned']:>8.3f}{r['boosting']:>8.3f}"
                f"{r['boosting_same_fields']:>8.3f}  {r['criteria']}"
            )
        keys = ("profile", "stepwise", "stepwise_same_fields", "binned", "boosting", "boosting_same_fields")
        means = {k: statistics.fmean(float(r[k]) for r in results) for k in keys}
        print(
            f"{name:<16}{'mean':>5}  {means['profile']:>8.3f}{means['stepwise']:>9.3f}"
            f"{means['stepwise_same_fields']:>8.3f}{means['binned']:>8.3f}{means['boosting']:>8.3f}"
            f"{means['boosting_same_fields']:>8.3f}"
        )
    print("binned = logistic regression on every column's quantile bins, no selection")
    print("step*  = stepwise restricted to the columns the profile uses")
    print("boost* = gradient boosting restricted to the columns the profile uses")


if __name__ == "__main__":
    main()
