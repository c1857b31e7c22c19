"""An evaluation as one self-contained HTML file: inline CSS and SVG, no script, no request.

The page holds the same numbers as the JSON (tables beside every chart are
the charts' text alternatives), reads on a phone (one column, tables scroll
sideways) and prints (no backgrounds, charts kept whole). Its size is bounded
whatever the input: charts thin their points, and lists (missed records,
strata) are capped, saying how many more there are.
"""

from __future__ import annotations

from html import escape

from icpspec.diagnostics import printable_name
from icpspec.evaluate import Evaluation, Figures, Interval

from ._svg import charts
from ._text import FINDINGS, of_read, rows_text, too_few_note

__all__ = ["render_html"]

#: Rows of the missed list and of the strata table shown in the page.
MAX_ROWS = 100

CSS = """
:root{--ink:#222;--muted:#555;--line:#ddd;--accent:#0072B2;--warn:#D55E00}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;
max-width:960px;padding:16px}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:2px solid var(--line)}
.verdict{font-size:1.15em;padding:.6em .8em;border-left:6px solid var(--accent);background:#f3f8fc}
.verdict.warn{border-color:var(--warn);background:#fdf3ee}
.meta,.note{color:var(--muted);font-size:.9em}
.scroll{overflow-x:auto}
caption{caption-side:bottom;text-align:left}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;margin:.4em 0}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
td.text{text-align:left;white-space:normal}
.few{color:var(--muted);font-style:italic}
.chart{width:100%;height:auto;max-width:640px;display:block;margin:.4em 0;font:12px sans-serif}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
ul{padding-left:1.2em}
@media print{body{max-width:none;font-size:11pt}.verdict{background:none}
.chart,table,figure{break-inside:avoid}h2{break-after:avoid}}
"""


def _pct(x: float | None) -> str:
    return "&ndash;" if x is None else f"{100 * x:.0f}%"


def _rate(i: Interval) -> str:
    if i.value is None:
        return "&ndash;"
    low, high = 100 * (i.low or 0), 100 * (i.high or 0)
    return f"{100 * i.value:.0f}% <span class=note>({low:.0f}&ndash;{high:.0f}%)</span>"


def _auc(i: Interval, too_few: bool = False) -> str:
    """An AUC as the text gives it, ``0.720 (0.680-0.760)``; on too few records, no interval."""
    if i.value is None:
        return "&ndash;"
    if too_few:
        return f"{i.value:.3f} <span class=note>(too few to judge)</span>"
    if i.low is None or i.high is None:
        return f"{i.value:.3f}"
    return f"{i.value:.3f} <span class=note>({i.low:.3f}&ndash;{i.high:.3f})</span>"


def _ratio(i: Interval) -> str:
    if i.value is None:
        return "&ndash;"
    return f"{i.value:.2f}&times; <span class=note>({i.low or 0:.2f}&ndash;{i.high or 0:.2f})</span>"


def _groups_table(f: Figures, value: bool) -> str:
    head = (
        "<tr><th scope=col>group</th><th scope=col>records</th><th scope=col>share</th>"
        "<th scope=col>positives</th><th scope=col>rate (95% interval)</th><th scope=col>lift</th>"
        "<th scope=col>capture</th><th scope=col>cumulative capture</th>"
        + ("<th scope=col>value</th><th scope=col>value share</th>" if value else "")
        + "</tr>"
    )
    rows = []
    for g in f.groups:
        few = g.too_few and g.records
        cls = " class=few" if few else ""
        rows.append(
            f"<tr{cls}><th scope=row>{escape(g.name)}{' *' if few else ''}</th>"
            f"<td>{rows_text(g.records, g.accounts)}</td>"
            f"<td>{_pct(g.share)}</td><td>{g.positives:,}</td><td>{_rate(g.rate)}</td>"
            f"<td>{'&ndash;' if g.lift is None else f'{g.lift:.2f}'}</td><td>{_pct(g.capture)}</td>"
            f"<td>{_pct(g.cumulative_capture)}</td>"
            + (
                f"<td>{'&ndash;' if g.value_sum is None else f'{g.value_sum:,.0f}'}</td>"
                f"<td>{_pct(g.value_share)}</td>"
                if value
                else ""
            )
            + "</tr>"
        )
    caption = f"<caption class=note>* too few to judge: {too_few_note(f)}</caption>"
    return (
        f"<div class=scroll><table>{caption}<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _criteria_table(f: Figures) -> str:
    rows = []
    for c in f.criteria:
        findings = ", ".join(FINDINGS.get(x, x) for x in c.findings)
        if c.unknown_effect is not None and c.unknown.records:
            findings += (
                "; " if findings else ""
            ) + f"{_pct(max(0.0, c.unknown_effect))} of effect from unknowns"
        kind = " <span class=note>(disqualifier)</span>" if c.kind == "disqualifier" else ""
        rows.append(
            f"<tr><th scope=row>{escape(c.id)}{kind}</th>"
            + "".join(
                f"<td>{_rate(cell.rate)} "
                f"<span class=note>n={rows_text(cell.records, cell.accounts)}</span></td>"
                if cell.records
                else "<td>&ndash;</td>"
                for cell in (c.matched, c.missed, c.unknown)
            )
            + f"<td>{_ratio(c.ratio)}</td><td class=text>{escape(findings)}</td></tr>"
        )
    head = (
        "<tr><th scope=col>criterion</th><th scope=col>matched</th><th scope=col>missed</th>"
        "<th scope=col>unknown</th><th scope=col>matched / missed</th><th scope=col>findings</th></tr>"
    )
    return f"<div class=scroll><table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"


def render_html(ev: Evaluation, *, source: str | None = None) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    f = ev.figures
    value = ev.options.get("value") is not None
    c = charts(ev)
    warn = f.verdict in {"no_signal", "leakage_suspected", "reversed", "too_few_to_judge"}
    auc = f.ranking.auc
    check = f.check
    t = check.thresholds
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta name=viewport content="width=device-width,initial-scale=1">',
        # No request may leave the page: nothing is loaded from anywhere, not even a favicon.
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        '<link rel=icon href="data:,">',
        f"<title>Evaluation of {escape(', '.join(ev.profiles))}</title><style>{CSS}</style></head><body>",
        f"<header><h1>How well does {escape(', '.join(ev.profiles))} separate the outcomes?</h1>",
        f"<p class=meta>Spec {escape(ev.spec_version)}"
        + (f" · records from {escape(printable_name(source))}" if source else "")
        + f" · outcome column {escape(ev.outcome)}{' (bad outcomes)' if ev.bad else ''}</p></header>",
        f'<p class="verdict{" warn" if warn else ""}">{escape(f.verdict_text)}</p>',
        f"<p>{f.records:,} record{'' if f.records == 1 else 's'} evaluated{of_read(ev)}, "
        f"{f.positives:,} positive: "
        f"base rate {_rate(f.base_rate)}. "
        + (
            "No AUC: the ranked records hold only one outcome."
            if auc.value is None
            else f"AUC {auc.value:.3f} (too few to judge: no interval)."
            if f.too_few or auc.low is None or auc.high is None
            else f"AUC {auc.value:.3f} ({auc.low:.3f}&ndash;{auc.high:.3f}, DeLong 95% interval)."
        )
        + "</p>",
        "<h2>Groups</h2>",
        _groups_table(f, value),
        f"<figure>{c['groups']}</figure>",
        "<h2>The top and MadKudu's check</h2>",
        f"<p>Top ({escape(', '.join(f.top.groups))}): {_pct(f.top.share)} of records, precision "
        f"{_rate(f.top.precision)}, recall {_rate(f.top.recall)}. "
        f"Bottom ({escape(', '.join(f.bottom.groups))}): "
        f"{_pct(f.bottom.share)} of records, rate {_rate(f.bottom.rate)}.</p>",
        f"<p><strong>{escape(check.message)}</strong>. The bar: the {escape(check.catching)} holds "
        f"{_pct(t.min_share)}&ndash;{_pct(t.max_share)} of records and captures at least "
        f"{_pct(t.min_recall)} of the positives, at a rate at least {t.min_ratio:g}&times; "
        f"the other end's (now {_ratio(check.ratio)}). "
        + (
            f"On this data {_pct(t.max_share)} of records can hold at most {_pct(check.ceiling)} of them. "
            if check.ceiling is not None and not f.too_few
            else ""
        )
        + "</p>",
        f"<p class=note>Source of the bar: {escape(t.source)}. It is a yardstick, not a norm: "
        "profiles built from fit columns alone rarely reach it.</p>",
        "<h2>Ranking</h2>",
        f"<figure>{c['gains']}</figure><figure>{c['scores']}</figure>",
        "<h2>Criteria</h2>",
        _criteria_table(f),
        f"<figure>{c['ratios']}</figure>",
    ]
    if ev.strata:
        rows = "".join(
            f"<tr><th scope=row>{escape(s.name)}</th>"
            f"<td>{rows_text(s.figures.records, s.figures.accounts)}</td>"
            f"<td>{s.figures.positives:,}</td>"
            f"<td>{_rate(s.figures.base_rate)}</td>"
            f"<td>{_auc(s.figures.ranking.auc.interval, s.figures.too_few)}</td>"
            f"<td class=text>{escape(s.figures.verdict.replace('_', ' '))}</td></tr>"
            for s in ev.strata[:MAX_ROWS]
        )
        pooled = ev.pooled_auc
        parts += [
            f"<h2>Within each {escape(str(ev.options.get('by')))}</h2>",
            "<div class=scroll><table><thead><tr><th scope=col>stratum</th><th scope=col>records</th>"
            "<th scope=col>positives</th><th scope=col>rate</th><th scope=col>AUC</th>"
            "<th scope=col>verdict</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></div>",
        ]
        if pooled is not None and pooled.value is not None:
            parts.append(
                f"<p>AUC within strata (pooled): {pooled.value:.3f} "
                f"<span class=note>({pooled.low or 0:.3f}&ndash;{pooled.high or 0:.3f})</span></p>"
            )
    if ev.missed:
        which = "bad outcomes the profile ranks highest" if ev.bad else "positives the profile ranks lowest"
        items = "".join(
            f"<tr><td>{m.line}</td><td class=text>{escape('' if m.id is None else str(m.id))}</td>"
            f"<td>{escape(m.group)}</td><td>{'&ndash;' if m.score is None else f'{m.score:g}'}</td>"
            f"<td class=text>{escape(', '.join(m.failed))}</td></tr>"
            for m in ev.missed[:MAX_ROWS]
        )
        more = len(ev.missed) - MAX_ROWS
        parts += [
            f"<h2>Missed: the {which}</h2>",
            "<div class=scroll><table><thead><tr><th scope=col>line</th><th scope=col>id</th>"
            "<th scope=col>group</th><th scope=col>score</th><th scope=col>failed</th></tr></thead>"
            f"<tbody>{items}</tbody></table></div>",
            f"<p class=note>{more:,} more in the JSON output.</p>" if more > 0 else "",
        ]
    kinds = "".join(f"<li>{escape(k)}: {escape(', '.join(v))}</li>" for k, v in ev.columns_read.items())
    parts += [f"<h2>Columns the profile reads</h2><ul>{kinds}</ul>"]
    if ev.warnings:
        parts += ["<h2>Warnings</h2><ul>", *(f"<li>{escape(w)}</li>" for w in ev.warnings), "</ul>"]
    parts.append(
        "<p class=note>Rates carry Wilson 95% intervals; ratios Katz log intervals; the AUC counts ties "
        "at mid-rank and has a DeLong interval (tie-aware). Made by icpspec evaluate.</p></body></html>\n"
    )
    return "".join(parts)
