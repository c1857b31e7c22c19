"""Evaluations shown to people: text for a terminal, one self-contained HTML report.

The JSON form is :meth:`icpspec.evaluate.Evaluation.to_dict`; these render
the same numbers. Nothing here prints, reads files or touches the network.
"""

from __future__ import annotations

from ._html import render_html
from ._svg import charts
from ._text import pct, rate_text, render_text, rows_text

__all__ = ["charts", "pct", "rate_text", "render_html", "render_text", "rows_text"]
