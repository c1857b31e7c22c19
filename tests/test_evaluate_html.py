"""The HTML report in a real headless Chromium: it renders, every chart is there, nothing leaves.

Chromium is driven through the DevTools protocol over a pipe
(``tests/headless.py``): every network request, console message, exception
and log error of the page is recorded. ``.ci/run`` installs the distribution's
``chromium`` and sets ``ICPSPEC_TEST_CHROMIUM=1``, which makes its absence a
failure rather than a skip. ``ICPSPEC_WRITE_SCREENSHOTS=1`` also refreshes
the screenshots in ``docs/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import icpspec
from icpspec.evaluate import evaluate
from icpspec.report.evaluation import render_html

from .headless import chromium_path, open_page

ROOT = Path(__file__).resolve().parent.parent
SALVIRT = ROOT / "examples" / "salvirt"
CHARTS = ("chart-groups", "chart-gains", "chart-scores", "chart-ratios")

if chromium_path() is None:
    if os.environ.get("ICPSPEC_TEST_CHROMIUM"):
        raise RuntimeError("ICPSPEC_TEST_CHROMIUM is set but no chromium is installed")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

#: Every chart drawn with a real size, with its title and text alternative, and its marks.
SCRIPT = """
[...document.querySelectorAll('svg.chart')].map(s => {
  const box = s.getBoundingClientRect();
  return {id: s.id, width: box.width, height: box.height,
          title: (s.querySelector('title') || {}).textContent || '',
          desc: (s.querySelector('desc') || {}).textContent || '',
          label: s.getAttribute('aria-labelledby') || '',
          marks: s.querySelectorAll('rect.bar, polyline.series, g.ratio').length};
})
"""


@pytest.fixture(scope="module")
def salvirt_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = icpspec.load(SALVIRT / "salvirt.icp.yaml")
    ev = evaluate(SALVIRT / "salvirt_b2b_sales.csv", spec, outcome="Status", id="Product", by="Comp_size")
    path = tmp_path_factory.mktemp("report") / "salvirt.html"
    path.write_text(render_html(ev, source="salvirt_b2b_sales.csv"), encoding="utf-8")
    return path


def test_the_report_renders_every_chart_with_no_error_and_no_request(salvirt_report: Path) -> None:
    shots = {"desktop": (1000, 1400), "phone": (390, 844)}
    page = open_page(salvirt_report, script=SCRIPT, screenshots=shots)
    assert page.exceptions == []
    assert page.log_errors == []
    assert [c for c in page.console if c[0] in {"error", "warning", "assert"}] == []
    # The only request is the page itself: no script, style, font, image or favicon is fetched.
    assert page.requests == [salvirt_report.resolve().as_uri()]
    charts = {c["id"]: c for c in page.value}
    assert sorted(charts) == sorted(CHARTS)
    for chart in charts.values():
        assert chart["width"] > 200, chart
        assert chart["height"] > 80, chart
        assert chart["title"]
        assert chart["desc"]
        assert chart["label"] == f"{chart['id']}-t {chart['id']}-d"
        assert chart["marks"] > 0, chart
    for png in page.screenshots.values():
        assert png.startswith(b"\x89PNG")
    if os.environ.get("ICPSPEC_WRITE_SCREENSHOTS"):
        for name, png in page.screenshots.items():
            (ROOT / "docs" / f"evaluate-report-{name}.png").write_bytes(png)


def test_the_report_is_self_contained(salvirt_report: Path) -> None:
    html = salvirt_report.read_text(encoding="utf-8")
    assert "<script" not in html
    links = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]*)""", html)
    assert links
    assert all(link.startswith("data:") for link in links), links
    assert "default-src 'none'" in html
    assert len(html.encode()) < 200_000


def test_the_screenshots_in_docs_exist_and_are_small() -> None:
    for name in ("desktop", "phone"):
        png = ROOT / "docs" / f"evaluate-report-{name}.png"
        assert png.read_bytes().startswith(b"\x89PNG")
        assert png.stat().st_size < 250_000
