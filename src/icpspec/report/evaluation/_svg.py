"""Four charts of an evaluation as hand-written inline SVG (about 1-3 KB each, no dependency).

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (its
text alternative, with the numbers), drawn in the Okabe-Ito palette, which
readers with any common colour-vision deficiency tell apart; shapes and
dashes, not colour alone, tell the series apart. Points are bounded (a curve
of thousands of ranks is thinned to at most 400), so the report's size does
not grow with the data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from icpspec.evaluate import Evaluation, Figures

__all__ = ["gains_chart", "group_chart", "ratio_chart", "score_chart"]

BLUE, ORANGE, VERMILLION, GREEN, GREY, INK = "#0072B2", "#E69F00", "#D55E00", "#009E73", "#8c8c8c", "#222"
W, H = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
MAX_POINTS = 400


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _svg(chart_id: str, title: str, desc: str, body: list[str], height: int = H) -> str:
    return (
        f'<svg id="{chart_id}" class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {W} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _axes(x_label: str, y_label: str, y_ticks: Sequence[tuple[float, str]], height: int = H) -> list[str]:
    plot_h = height - TOP - BOTTOM
    out = [
        f'<g class="axes" stroke="{INK}" stroke-width="1">'
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{height - BOTTOM}"/>'
        f'<line x1="{LEFT}" y1="{height - BOTTOM}" x2="{W - RIGHT}" y2="{height - BOTTOM}"/></g>',
        f'<text x="{(LEFT + W - RIGHT) / 2}" y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>',
        f'<text transform="translate(14 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">'
        f"{escape(y_label)}</text>",
    ]
    for frac, label in y_ticks:
        y = height - BOTTOM - frac * plot_h
        out.append(
            f'<line x1="{LEFT - 4}" y1="{_f(y)}" x2="{W - RIGHT}" y2="{_f(y)}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{_f(y + 4)}" text-anchor="end">{escape(label)}</text>'
        )
    return out


def _thin(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    if len(points) <= MAX_POINTS:
        return list(points)
    step = len(points) / (MAX_POINTS - 1)
    picked = [points[int(i * step)] for i in range(MAX_POINTS - 1)]
    return [*picked, points[-1]]


def _pct_ticks() -> list[tuple[float, str]]:
    return [(i / 4, f"{25 * i}%") for i in range(5)]


def gains_chart(f: Figures) -> str:
    """The cumulative gains curve, with the random (diagonal) and perfect lines."""
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def xy(x: float, y: float) -> str:
        return f"{_f(LEFT + x * pw)},{_f(H - BOTTOM - y * ph)}"

    body = _axes("share of records, best ranked first", "share of positives", _pct_ticks())
    for i in range(5):
        x = LEFT + i / 4 * pw
        body.append(f'<text x="{_f(x)}" y="{H - BOTTOM + 16}" text-anchor="middle">{25 * i}%</text>')
    ranked = f.ranking.ranked
    good = f.ranking.auc.positives
    base = good / ranked if ranked else 0.0
    perfect = [(0.0, 0.0), (base, 1.0), (1.0, 1.0)] if base else [(0.0, 0.0), (1.0, 1.0)]
    body.append(
        f'<polyline fill="none" stroke="{GREY}" stroke-dasharray="6 4" stroke-width="1.5" '
        f'points="{xy(0, 0)} {xy(1, 1)}"><title>random order</title></polyline>'
    )
    body.append(
        f'<polyline fill="none" stroke="{GREEN}" stroke-dasharray="2 3" stroke-width="2" '
        f'points="{" ".join(xy(x, y) for x, y in perfect)}"><title>perfect order</title></polyline>'
    )
    points = _thin(f.ranking.gains)
    body.append(
        f'<polyline class="series" fill="none" stroke="{BLUE}" stroke-width="2.5" '
        f'points="{" ".join(xy(x, y) for x, y in points)}"><title>this profile</title></polyline>'
    )
    body += _legend(
        [("this profile", BLUE, ""), ("perfect", GREEN, "2 3"), ("random", GREY, "6 4")], LEFT + 12
    )
    auc = f.ranking.auc.value
    desc = (
        f"Cumulative gains over {ranked:,} ranked records: "
        + ", ".join(f"{100 * x:.0f}% of records hold {100 * y:.0f}% of positives" for x, y in points[1:6])
        + ("" if auc is None else f". AUC {auc:.3f}.")
    )
    return _svg("chart-gains", "Gains curve: positives found as you work down the ranking", desc, body)


def _legend(items: Sequence[tuple[str, str, str]], x: float) -> list[str]:
    out = []
    for i, (label, colour, dash) in enumerate(items):
        y = TOP + 14 + 18 * i
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{colour}" stroke-width="2.5"{dashed}/>'
            f'<text x="{x + 30}" y="{y + 4}">{escape(label)}</text>'
        )
    return out


def group_chart(f: Figures) -> str:
    """Each group's rate as a bar with its 95 % interval, and the base rate as a line."""
    groups = [g for g in f.groups if g.records]
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    body = _axes("group", "rate of positives (95% interval)", _pct_ticks())
    slot = pw / max(1, len(groups))
    for i, g in enumerate(groups):
        x = LEFT + i * slot + slot * 0.2
        bw = slot * 0.6
        value = g.rate.value or 0.0
        y = H - BOTTOM - value * ph
        colour = GREY if g.too_few else BLUE
        label = f"{g.name}: {100 * value:.0f}% of {g.records:,} records"
        body.append(
            f'<rect class="bar" x="{_f(x)}" y="{_f(y)}" width="{_f(bw)}" height="{_f(value * ph)}" '
            f'fill="{colour}"><title>{escape(label)}</title></rect>'
        )
        if g.rate.low is not None and g.rate.high is not None:
            cx = x + bw / 2
            y1, y2 = H - BOTTOM - g.rate.low * ph, H - BOTTOM - g.rate.high * ph
            body.append(
                f'<path d="M{_f(cx)} {_f(y1)}V{_f(y2)}M{_f(cx - 6)} {_f(y1)}h12M{_f(cx - 6)} {_f(y2)}h12" '
                f'stroke="{INK}" stroke-width="1.5"/>'
            )
        name = g.name if len(g.name) <= 14 else g.name[:13] + "…"
        body.append(
            f'<text x="{_f(x + bw / 2)}" y="{H - BOTTOM + 16}" text-anchor="middle">{escape(name)}</text>'
        )
    if f.base_rate.value is not None:
        y = H - BOTTOM - f.base_rate.value * ph
        body.append(
            f'<line x1="{LEFT}" y1="{_f(y)}" x2="{W - RIGHT}" y2="{_f(y)}" stroke="{VERMILLION}" '
            f'stroke-dasharray="6 3" stroke-width="2"><title>base rate</title></line>'
            f'<text x="{W - RIGHT - 4}" y="{_f(y - 6)}" text-anchor="end" fill="{VERMILLION}">base rate '
            f"{100 * f.base_rate.value:.0f}%</text>"
        )
    desc = "; ".join(
        f"{g.name}: {100 * (g.rate.value or 0):.0f}% "
        f"({100 * (g.rate.low or 0):.0f}-{100 * (g.rate.high or 0):.0f}%) of {g.records:,}"
        for g in groups
    )
    return _svg(
        "chart-groups",
        "Rate of positives by group, with 95% intervals",
        desc + ". Grey: too few to judge.",
        body,
    )


def score_chart(f: Figures) -> str:
    """How scores are spread among positives and among negatives (shares within each outcome)."""
    bins = [f"{10 * i}-{10 * i + 9}" if i < 9 else "90-100" for i in range(10)]
    names = ["bottom", *bins]
    pos = [0] * len(names)
    neg = [0] * len(names)
    for rank, p, n in f.ranking.ranks:
        # With several profiles a rank is 1000 per tier place above the score: keep the score.
        i = 0 if rank < 0 else 1 + min(9, int((rank % 1000.0) // 10))
        pos[i] += p
        neg[i] += n
    keep = [i for i in range(len(names)) if pos[i] or neg[i] or 1 <= i <= 10]
    tp, tn = sum(pos) or 1, sum(neg) or 1
    top_share = max([pos[i] / tp for i in keep] + [neg[i] / tn for i in keep] + [0.01])
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM
    ticks = [(i / 4, f"{100 * top_share * i / 4:.0f}%") for i in range(5)]
    body = _axes("score (bottom: disqualified and required_failed)", "share of the outcome's records", ticks)
    slot = pw / max(1, len(keep))
    for j, i in enumerate(keep):
        x = LEFT + j * slot
        for k, (counts, total, colour, label) in enumerate(
            ((pos, tp, BLUE, "positives"), (neg, tn, ORANGE, "negatives"))
        ):
            share = counts[i] / total
            h = share / top_share * ph
            hatch = ' stroke="#fff" stroke-width="1"' if k else ""
            body.append(
                f'<rect class="bar" x="{_f(x + slot * (0.1 + 0.4 * k))}" y="{_f(H - BOTTOM - h)}" '
                f'width="{_f(slot * 0.4)}" height="{_f(h)}" fill="{colour}"{hatch}>'
                f"<title>{escape(names[i])}: {100 * share:.0f}% of {label}</title></rect>"
            )
        body.append(
            f'<text x="{_f(x + slot / 2)}" y="{H - BOTTOM + 16}" text-anchor="middle" font-size="10">'
            f"{escape(names[i])}</text>"
        )
    body += _legend([("positives", BLUE, ""), ("negatives", ORANGE, "")], W - RIGHT - 120)
    desc = "; ".join(
        f"{names[i]}: {100 * pos[i] / tp:.0f}% of positives, {100 * neg[i] / tn:.0f}% of negatives"
        for i in keep
    )
    return _svg("chart-scores", "Score distribution by outcome", desc, body)


def ratio_chart(f: Figures) -> str:
    """Each criterion's matched/missed rate ratio with its 95 % interval, on a log scale."""
    rows = [c for c in f.criteria if c.ratio.value is not None]
    height = max(120, TOP + BOTTOM + 26 * len(rows))
    label_w = 200
    pw = W - label_w - RIGHT
    values = [v for c in rows for v in (c.ratio.low, c.ratio.high, c.ratio.value) if v]
    lo = min([0.25, *values])
    hi = max([4.0, *values])
    lo, hi = max(lo, 1e-3), min(hi, 1e3)
    span = math.log(hi) - math.log(lo)

    def x(v: float) -> float:
        v = min(max(v, lo), hi)
        return label_w + (math.log(v) - math.log(lo)) / span * pw

    body = [
        f'<line x1="{_f(x(1))}" y1="{TOP}" x2="{_f(x(1))}" y2="{height - BOTTOM}" stroke="{GREY}" '
        f'stroke-dasharray="4 3"><title>ratio 1: no difference</title></line>',
        f'<text x="{label_w + pw / 2}" y="{height - 8}" text-anchor="middle">'
        "rate when matched / rate when missed (log scale, 95% interval)</text>",
    ]
    for t in (0.25, 0.5, 1, 2, 4, 8, 16):
        if lo <= t <= hi:
            body.append(f'<text x="{_f(x(t))}" y="{height - BOTTOM + 16}" text-anchor="middle">{t:g}x</text>')
    for i, c in enumerate(rows):
        y = TOP + 16 + 26 * i
        worse = "works_against_you" in c.findings
        colour = VERMILLION if worse else GREY if "does_not_separate" in c.findings else BLUE
        name = c.id if len(c.id) <= 28 else c.id[:27] + "…"
        shape = (
            f'<rect x="{_f(x(c.ratio.value or 1) - 5)}" y="{y - 5}" width="10" height="10" fill="{colour}"/>'
            if worse
            else f'<circle cx="{_f(x(c.ratio.value or 1))}" cy="{y}" r="5.5" fill="{colour}"/>'
        )
        body.append(
            f'<g class="ratio"><title>{escape(c.id)}: {c.ratio.value:.2f}x '
            f"({c.ratio.low or 0:.2f}-{c.ratio.high or 0:.2f})</title>"
            f'<text x="{label_w - 8}" y="{y + 4}" text-anchor="end">{escape(name)}</text>'
            f'<line x1="{_f(x(c.ratio.low or lo))}" y1="{y}" x2="{_f(x(c.ratio.high or hi))}" y2="{y}" '
            f'stroke="{INK}" stroke-width="1.5"/>{shape}</g>'
        )
    desc = (
        "; ".join(
            f"{c.id}: {c.ratio.value or 0:.2f} ({c.ratio.low or 0:.2f}-{c.ratio.high or 0:.2f})" for c in rows
        )
        or "No criterion has both matched and missed records."
    )
    return _svg("chart-ratios", "Per-criterion rate ratios with 95% intervals", desc, body, height)


def charts(ev: Evaluation) -> dict[str, str]:
    """Every chart of the report's main figures, by name."""
    f = ev.figures
    return {
        "gains": gains_chart(f),
        "groups": group_chart(f),
        "scores": score_chart(f),
        "ratios": ratio_chart(f),
    }
