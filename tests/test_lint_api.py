"""``icpspec.lint`` from Python: paths, specs in memory, configuration, problems as data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import icpspec
from icpspec.lint import ConfigError, LintConfig

from .conftest import EXAMPLES

TODAY = dt.date(2026, 11, 1)


def test_lint_is_public_and_callable_both_ways() -> None:
    assert "lint" in icpspec.__all__
    assert icpspec.lint(EXAMPLES / "acme.icp.yaml", today=TODAY) == []
    import icpspec.lint as module

    assert module(str(EXAMPLES / "acme.icp.yaml"), today=TODAY) == []
    assert icpspec.lint.LintConfig is LintConfig


def test_a_path_a_spec_and_a_config(tmp_path: Path) -> None:
    spec_file = tmp_path / "p.icp.yaml"
    spec_file.write_text("icpspec: 1\nprofiles:\n  p:\n    reviewed: 2025-01-01\n", encoding="utf-8")
    found = icpspec.lint(spec_file, today=TODAY)
    stale = next(d for d in found if d.code == "ICP201")
    assert (stale.line, stale.column, stale.pointer, str(stale.severity)) == (
        4,
        15,
        "/profiles/p/reviewed",
        "warning",
    )
    in_memory = icpspec.lint(icpspec.load(spec_file), today=TODAY)
    assert {(d.code, d.pointer) for d in in_memory} == {(d.code, d.pointer) for d in found}
    assert all(d.line == 0 for d in in_memory)
    only = icpspec.lint(spec_file, today=TODAY, config=LintConfig(select=("stale-review",)))
    assert [d.code for d in only] == ["ICP201"]
    cfg = tmp_path / "icpspec.toml"
    cfg.write_text('select = ["ICP2"]\nignore = ["ICP201"]\n', encoding="utf-8")
    assert [d.code for d in icpspec.lint(spec_file, today=TODAY, config=cfg)] == []
    cfg.write_text('select = ["ICP2"]\nignore = ["ICP201"]\nbogus = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'bogus'"):
        icpspec.lint(spec_file, today=TODAY, config=cfg)


def test_unreadable_and_invalid_specs_are_diagnostics_not_exceptions(tmp_path: Path) -> None:
    (missing,) = icpspec.lint(tmp_path / "nope.icp.yaml")
    assert missing.code == "ICP008"
    bad = tmp_path / "bad.icp.yaml"
    bad.write_text("icpspec: 2\n", encoding="utf-8")
    (d,) = icpspec.lint(bad)
    assert (d.code, d.line, d.column) == ("ICP010", 1, 10)


def test_default_today_is_the_current_date(tmp_path: Path) -> None:
    spec_file = tmp_path / "p.icp.yaml"
    reviewed = dt.date.today() - dt.timedelta(days=89)
    spec_file.write_text(
        f"icpspec: 1\nprofiles:\n  p: {{reviewed: {reviewed.isoformat()}}}\n", encoding="utf-8"
    )
    assert "ICP201" not in {d.code for d in icpspec.lint(spec_file)}


def test_the_starter_spec_has_no_lint_error() -> None:
    """`icpspec init` then `icpspec lint` passes: only warnings that point at what to fill in."""
    from icpspec.cli._main import starter_text
    from icpspec.diagnostics import Severity
    from icpspec.lint import lint_source

    found = lint_source(starter_text(), file="icp.yaml", today=dt.date(2026, 1, 2))
    assert [d for d in found if d.severity == Severity.ERROR] == []
    assert {d.code for d in found} == {"ICP304", "ICP406"}
