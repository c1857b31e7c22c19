"""A diff as text (a terminal), JSON, or Markdown (a pull-request comment)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from icpspec.evaluate import Evaluation

from ._diff import SpecDiff

__all__ = ["FORMATS", "render"]


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _auc(e: Evaluation) -> str:
    a = e.figures.ranking.auc
    if a.value is None:
        return "-"
    if e.figures.too_few:
        return f"{a.value:.3f} (too few to judge)"
    if a.low is None or a.high is None:
        return f"{a.value:.3f}"
    return f"{a.value:.3f} ({a.low:.3f}-{a.high:.3f})"


def _evaluation_rows(old: Evaluation, new: Evaluation) -> list[tuple[str, str, str]]:
    """Both evaluations side by side, in ``icpspec evaluate``'s words: every rate with its 95 %
    interval and its n (``*`` where it is too few to judge)."""

    def both(cell: Callable[[Evaluation], str]) -> tuple[str, str]:
        return cell(old), cell(new)

    def top_share(e: Evaluation) -> str:
        return f"{_pct(e.figures.top.share)} ({e.figures.top.records:,} of {e.figures.records:,})"

    def precision(e: Evaluation) -> str:
        return f"{e.figures.top.precision.percent()} n={e.figures.top.records:,}"

    def recall(e: Evaluation) -> str:
        return f"{e.figures.top.recall.percent()} n={e.figures.positives:,}"

    rows = [
        ("records read", *both(lambda e: f"{e.records_read:,}")),
        ("records evaluated", *both(lambda e: f"{e.figures.records:,}")),
        ("positive", *both(lambda e: f"{e.figures.positives:,}")),
        ("AUC (95% interval, DeLong)", *both(_auc)),
        ("top: share of records", *both(top_share)),
        ("top: precision (95% interval)", *both(precision)),
        ("top: recall (95% interval)", *both(recall)),
        ("MadKudu's check", *both(lambda e: e.figures.check.status.value.replace("_", " "))),
    ]
    names = list(dict.fromkeys([g.name for g in old.figures.groups] + [g.name for g in new.figures.groups]))
    for name in names:
        cells = []
        for e in (old, new):
            g = next((g for g in e.figures.groups if g.name == name), None)
            if g is None or not g.records:
                cells.append("-")
            else:
                cells.append(f"{g.rate.percent()} n={g.records:,}{' *' if g.too_few else ''}")
        if cells != ["-", "-"]:
            rows.append((f"rate in {name}", cells[0], cells[1]))
    return rows


def _notes(rows: Sequence[Sequence[str]]) -> list[str]:
    """The footnote of a table that marks a figure too few to judge."""
    if any(cell.endswith(" *") for row in rows for cell in row[1:]):
        return ["* too few to judge (fewer than 30 records or 5 positives)"]
    return []


def _matrix(d: SpecDiff) -> list[list[str]]:
    m = d.migration
    assert m is not None
    header = ["old group", *(f"new {g}" for g in m.new_groups), "total"]
    rows = [header]
    for a in m.old_groups:
        counts = [m.cells.get((a, b), 0) for b in m.new_groups]
        rows.append([a, *(f"{n:,}" for n in counts), f"{sum(counts):,}"])
    totals = [sum(m.cells.get((a, b), 0) for a in m.old_groups) for b in m.new_groups]
    rows.append(["total", *(f"{n:,}" for n in totals), f"{m.records:,}"])
    return rows


def _mover(x: object) -> str:
    from ._migration import Mover

    assert isinstance(x, Mover)
    who = f"line {x.line}" + (f" {x.name}" if x.name else "")
    return f"{who}: {x.old_group} ({x.old_score:.1f}) -> {x.new_group} ({x.new_score:.1f})"


def _cell(text: str, width: int, index: int) -> str:
    return text.ljust(width) if index == 0 else text.rjust(width)


def _aligned(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        indent
        + "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]


def render_text(d: SpecDiff) -> str:
    """The diff for a terminal."""
    lines = [f"{d.old} -> {d.new}", f"versions: {d.old_version} -> {d.new_version}"]
    if not d.changes:
        lines.append("no changes")
    else:
        lines.append(f"{len(d.changes)} change{'s' if len(d.changes) != 1 else ''}:")
        lines += [f"  {c}" for c in d.changes]
    if d.migration is not None and d.profiles is not None:
        m = d.migration
        lines.append(
            f"over {m.records:,} records (profile {d.profiles[0]} -> {d.profiles[1]}): "
            f"{m.moved():,} move to another group"
        )
        lines += _aligned(_matrix(d))
        if m.skipped:
            lines.append(f"{m.skipped:,} unreadable records skipped (not in the matrix)")
        if m.movers:
            lines.append("top movers:")
            lines += [f"  {_mover(x)}" for x in m.movers]
    if d.old_evaluation is not None and d.new_evaluation is not None:
        lines.append(f"evaluations (outcome {d.old_evaluation.outcome}):")
        rows = _evaluation_rows(d.old_evaluation, d.new_evaluation)
        lines += _aligned([("", "old", "new"), *rows])
        lines += [f"  {note}" for note in _notes(rows)]
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "\\`")


def _md_code(text: str) -> str:
    """``text`` as a Markdown code span: no backslash escapes there (CommonMark shows them as
    typed), so the span is fenced by more backticks than the text holds in a row."""
    text = " ".join(text.splitlines())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_table(rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(_md_escape(c) for c in rows[0]) + " |"]
    out.append("|" + "|".join(":--" if i == 0 else "--:" for i in range(len(rows[0]))) + "|")
    out += ["| " + " | ".join(_md_escape(c) for c in r) + " |" for r in rows[1:]]
    return out


def render_markdown(d: SpecDiff) -> str:
    """The diff as a pull-request comment."""
    lines = [
        f"### ICP diff: {_md_code(d.old)} → {_md_code(d.new)}",
        "",
        f"Versions: `{d.old_version}` → `{d.new_version}`",
        "",
    ]
    if not d.changes:
        lines.append("No changes.")
    else:
        lines += [f"- {_md_escape(str(c))}" for c in d.changes]
    if d.migration is not None and d.profiles is not None:
        m = d.migration
        lines += [
            "",
            f"#### Migration over {m.records:,} records: {m.moved():,} move to another group",
            "",
            *_md_table(_matrix(d)),
        ]
        if m.movers:
            lines += ["", "<details><summary>Top movers</summary>", ""]
            lines += [f"- {_md_escape(_mover(x))}" for x in m.movers]
            lines += ["", "</details>"]
    if d.old_evaluation is not None and d.new_evaluation is not None:
        lines += ["", f"#### Evaluations (outcome {_md_code(d.old_evaluation.outcome)})", ""]
        rows = _evaluation_rows(d.old_evaluation, d.new_evaluation)
        lines += _md_table([("", "old", "new"), *rows])
        lines += ["", *(_md_escape(note) for note in _notes(rows))] if _notes(rows) else []
    return "\n".join(lines) + "\n"


def render_json(d: SpecDiff) -> str:
    """The diff as JSON (``format: icpspec-diff-1``)."""
    return json.dumps(d.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


#: Output formats of ``icpspec diff --format``.
FORMATS: dict[str, Callable[[SpecDiff], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}


def render(d: SpecDiff, format: str = "text") -> str:
    """``d`` as ``text``, ``json`` or ``markdown``."""
    return FORMATS[format](d)
