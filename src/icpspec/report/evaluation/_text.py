"""An evaluation as text a RevOps lead reads in ten seconds: groups, verdict, check, criteria."""

from __future__ import annotations

from collections.abc import Sequence

from icpspec.diagnostics import escape
from icpspec.evaluate import CriterionFigures, Evaluation, Figures, Interval

__all__ = ["render_text"]

FINDINGS = {
    "does_not_separate": "does not separate",
    "works_against_you": "works against you",
    "mostly_unknown": "mostly unknown",
    "effect_mostly_from_unknowns": "effect mostly from unknowns",
    "disqualifier_above_base_rate": "disqualified records convert above the base rate",
    "disqualifier_below_base_rate": "disqualified records go bad less than average",
    "too_few_to_judge": "too few to judge",
}


def pct(x: float | None, digits: int = 0) -> str:
    """``42%``, or ``-`` when there is no figure."""
    return "-" if x is None else f"{100 * x:.{digits}f}%"


def rate_text(i: Interval) -> str:
    """``70% (64-75%)``: a rate and its interval (:meth:`Interval.percent`)."""
    return i.percent()


def rows_text(records: int, accounts: int | None) -> str:
    """``40``, or with ``--account`` ``40 (1 account)``: rows, and the accounts intervals count."""
    if accounts is None:
        return f"{records:,}"
    return f"{records:,} ({accounts:,} account{'' if accounts == 1 else 's'})"


def too_few_note(f: Figures) -> str:
    """What *too few to judge* means here: rows, or with ``--account`` accounts."""
    if f.accounts is None:
        return "fewer than 30 records or 5 positives"
    return "fewer than 30 accounts or 5 accounts with a positive"


def ratio_text(i: Interval) -> str:
    """``3.1x (1.9-5.0)``: a ratio and its interval."""
    if i.value is None:
        return "-"
    return f"{i.value:.2f}x ({i.low or 0:.2f}-{i.high or 0:.2f})"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    return [line(header), *(line(r) for r in rows)]


def group_table(f: Figures, value: bool) -> list[str]:
    """The group table: one row per tier and status, with cumulative capture."""
    header = [
        "group",
        "records",
        "share",
        "positives",
        "rate (95% interval)",
        "lift",
        "capture",
        "cum. capture",
    ]
    if value:
        header += ["value", "value share"]
    rows = []
    for g in f.groups:
        row = [
            escape(g.name) + (" *" if g.too_few and g.records else ""),
            rows_text(g.records, g.accounts),
            pct(g.share),
            f"{g.positives:,}",
            rate_text(g.rate),
            "-" if g.lift is None else f"{g.lift:.2f}",
            pct(g.capture),
            pct(g.cumulative_capture),
        ]
        if value:
            row += ["-" if g.value_sum is None else f"{g.value_sum:,.0f}", pct(g.value_share)]
        rows.append(row)
    right = [False, True, True, True, False, True, True, True] + [True, True] * value
    return _table(header, rows, right)


def _cell(c: CriterionFigures, which: str) -> str:
    cell = getattr(c, which)
    return f"{rate_text(cell.rate)} n={rows_text(cell.records, cell.accounts)}" if cell.records else "-"


def criteria_table(f: Figures) -> list[str]:
    """Per criterion: rate when matched, missed, unknown; the ratio; the findings."""
    header = ["criterion", "matched", "missed", "unknown", "matched/missed", "findings"]
    rows = []
    for c in f.criteria:
        name = escape(c.id) + (" (disqualifier)" if c.kind == "disqualifier" else "")
        findings = ", ".join(FINDINGS.get(x, x) for x in c.findings)
        if c.unknown_effect is not None and c.unknown.records:
            findings = (
                findings + "; " if findings else ""
            ) + f"{pct(max(0.0, c.unknown_effect))} of effect from unknowns"
        rows.append(
            [
                name,
                _cell(c, "matched"),
                _cell(c, "missed"),
                _cell(c, "unknown"),
                ratio_text(c.ratio),
                findings,
            ]
        )
    return _table(header, rows, [False, False, False, False, False, False])


def figures_lines(ev: Evaluation, f: Figures) -> list[str]:
    """The body shared by all records and each stratum."""
    value = ev.options.get("value") is not None
    out = group_table(f, value)
    if any(g.too_few and g.records for g in f.groups):
        out.append(f"* too few to judge ({too_few_note(f)})")
    out.append("")
    out.append(f"Verdict: {f.verdict_text}")
    top, check = f.top, f.check
    out.append(
        f"Top ({', '.join(map(escape, top.groups))}): {pct(top.share)} of records, "
        f"precision {rate_text(top.precision)}, recall {rate_text(top.recall)}"
    )
    out.append(
        f"Bottom ({', '.join(map(escape, f.bottom.groups))}): {pct(f.bottom.share)} of records, "
        f"rate {rate_text(f.bottom.rate)}"
    )
    t = check.thresholds
    out.append(
        f"MadKudu's check ({check.catching} holds {pct(t.min_share)}-{pct(t.max_share)} of records, "
        f"captures >= {pct(t.min_recall)}, rate >= {t.min_ratio:g}x the other end): {check.message}"
    )
    if check.ceiling is not None and not f.too_few:  # on too few records the ceiling says nothing
        out.append(
            f"  ceiling: {pct(t.max_share)} of records can hold at most {pct(check.ceiling)} "
            "of the positives here"
        )
    out.append(f"  {check.catching}/other rate ratio: {ratio_text(check.ratio)}")
    return out


def auc_text(f: Figures) -> str:
    """``0.780 (0.738-0.822, DeLong)``; no interval on too few records, where it means nothing."""
    auc = f.ranking.auc
    if auc.value is None:
        return "-"
    if f.too_few or auc.low is None or auc.high is None:
        return f"{auc.value:.3f} (too few to judge)"
    return f"{auc.value:.3f} ({auc.low:.3f}-{auc.high:.3f}, DeLong)"


def of_read(ev: Evaluation) -> str:
    """``of N read`` when records were read and not evaluated (the warnings say why)."""
    return f" of {ev.records_read:,} read" if ev.records_read != ev.figures.records else ""


def render_text(ev: Evaluation, *, source: str | None = None) -> str:
    """The whole evaluation as text: header, groups, verdict, check, criteria, missed, warnings."""
    f = ev.figures
    where = f" on {escape(source, limit=200)}" if source else ""
    out = [
        f"icpspec evaluate: {', '.join(map(escape, ev.profiles))} (spec {escape(ev.spec_version)}){where}",
        f"{f.records:,} record{'' if f.records == 1 else 's'} evaluated{of_read(ev)}, "
        f"{f.positives:,} positive{' (bad outcomes)' if ev.bad else ''}: "
        f"base rate {rate_text(f.base_rate)}; AUC {auc_text(f)}",
        "",
        *figures_lines(ev, f),
        "",
        *criteria_table(f),
    ]
    for s in ev.strata:
        out += [
            "",
            f"== {escape(ev.options.get('by') or 'by')} = {escape(s.name)}: "
            f"{rows_text(s.figures.records, s.figures.accounts)} records",
            *figures_lines(ev, s.figures),
        ]
    if ev.pooled_auc is not None and ev.pooled_auc.value is not None:
        a = ev.pooled_auc
        out += ["", f"AUC within strata (pooled): {a.value:.3f} ({a.low:.3f}-{a.high:.3f})"]
    if ev.missed:
        which = "highest-ranked bad outcomes" if ev.bad else "lowest-ranked positives"
        out += ["", f"Missed: the {which}"]
        for m in ev.missed:
            ident = "" if m.id is None else f" {escape(str(m.id), limit=60)}"
            score = "" if m.score is None else f" score {m.score:g}"
            out.append(
                f"  line {m.line}{ident}: {escape(m.group)}{score}; "
                f"failed {', '.join(map(escape, m.failed)) or '-'}"
            )
    kinds = "; ".join(f"{k}: {', '.join(v)}" for k, v in ev.columns_read.items())
    out += ["", f"Columns read: {kinds}"]
    if ev.warnings:
        out += ["", "Warnings:", *(f"  - {escape(w, limit=400)}" for w in ev.warnings)]
    return "\n".join(out) + "\n"
