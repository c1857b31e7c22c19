"""Accuracy of the job-title normaliser on the labelled titles, per language.

Run from the repository root:

    python benchmarks/bench_titles_accuracy.py [--file tests/data/titles_labelled.txt] [--errors]

The file has one ``lang | seniority | department | title`` a line (the title is
everything after the third `` | ``). Printed per language and overall:
seniority accuracy and macro-F1, the same on the six-level scale the levels
fold into (``SIX_LEVELS``, the table in docs/personas.md), department (the
primary one) accuracy and macro-F1. A title the normaliser gives no answer for counts as wrong. Macro-F1
is the unweighted mean over the labels present in the gold or the predictions.
``--errors`` lists every miss, to study, not to fit the tables to.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from icpspec.titles import normalize_title

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "titles_labelled.txt"

#: icpspec's levels on the six-level scale of title studies (docs/personas.md, "Levels").
SIX_LEVELS = {
    "owner": "director",
    "c_level": "director",
    "vp": "director",
    "director": "director",
    "head": "management",
    "manager": "management",
    "senior": "senior",
    "professional": "professional",
    "entry": "junior",
    "intern": "junior",
}


def read_labelled(path: Path) -> list[tuple[str, str, str, str]]:
    """``(lang, seniority, department, title)`` rows of a labelled file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, seniority, department, title = (c.strip() for c in line.split(" | ", 3))
        rows.append((lang, seniority, department, title))
    return rows


def macro_f1(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    """Unweighted mean F1 over every label seen in ``gold`` or ``pred``."""
    labels = set(gold) | {p for p in pred if p is not None}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    """Share of exact answers."""
    return sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold)


def evaluate(rows: Sequence[tuple[str, str, str, str]]) -> dict[str, dict[str, float]]:
    """Per-language (and ``all``) accuracy and macro-F1 of seniority and department."""
    groups: dict[str, list[tuple[str, str, str | None, str | None]]] = defaultdict(list)
    for lang, seniority, department, title in rows:
        info = normalize_title(title)
        item = (seniority, department, info.seniority, info.department)
        groups[lang].append(item)
        groups["all"].append(item)
    out = {}
    for lang, items in groups.items():
        gs, gd, ps, pd = (list(x) for x in zip(*items, strict=True))
        g6 = [SIX_LEVELS[g] for g in gs]
        p6 = [SIX_LEVELS[p] if p is not None else None for p in ps]
        out[lang] = {
            "n": float(len(items)),
            "seniority_accuracy": accuracy(gs, ps),
            "seniority_macro_f1": macro_f1(gs, ps),
            "six_level_accuracy": accuracy(g6, p6),
            "six_level_macro_f1": macro_f1(g6, p6),
            "department_accuracy": accuracy(gd, pd),
            "department_macro_f1": macro_f1(gd, pd),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    rows = read_labelled(args.file)
    results = evaluate(rows)
    print(
        f"{'lang':6} {'n':>5} {'sen.acc':>8} {'sen.F1':>8} {'six.acc':>8} {'six.F1':>8} "
        f"{'dep.acc':>8} {'dep.F1':>8}"
    )
    for lang in sorted(results, key=lambda k: (k == "all", k)):
        r = results[lang]
        print(
            f"{lang:6} {int(r['n']):5d} {r['seniority_accuracy']:8.3f} {r['seniority_macro_f1']:8.3f} "
            f"{r['six_level_accuracy']:8.3f} {r['six_level_macro_f1']:8.3f} "
            f"{r['department_accuracy']:8.3f} {r['department_macro_f1']:8.3f}"
        )
    if args.errors:
        for lang, seniority, department, title in rows:
            info = normalize_title(title)
            if (info.seniority, info.department) != (seniority, department):
                print(
                    f"{lang:5} {title!r}: expected {seniority}/{department}, "
                    f"got {info.seniority}/{info.department}"
                )


if __name__ == "__main__":
    main()
