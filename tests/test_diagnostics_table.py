"""One table of every user-visible code, printed one way by every command (issue 13, decision 7)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.diagnostics import CODES, Code, code_name
from icpspec.lint import RULES

from .conftest import ROOT

SRC = Path(icpspec.__file__).resolve().parent


def test_no_code_is_a_bare_string_outside_the_table() -> None:
    """Found: codes ICP0xx were bare strings in 52 places; their names lived in the lint registry."""
    bare = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"ICP[0-9]{3}", node.value)
            ):
                bare.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value}")
    assert bare == []


def test_the_registry_reads_the_table() -> None:
    assert list(RULES) == list(CODES)  # every code, in the table's order
    for code, info in CODES.items():
        rule = RULES[code]
        assert (rule.name, rule.severity) == (info.name, info.severity)
        assert (rule.check is not None) == (info.stage == "lint"), code
    assert code_name(Code.UNKNOWN_FIELD) == "unknown-field"
    assert code_name("ICP999") == ""


def test_validate_lint_match_and_sql_print_a_diagnostic_alike(tmp_path: Path) -> None:
    """Found: validate omitted the severity and the name that lint prints; four formatters."""
    spec = tmp_path / "bad.icp.yaml"
    spec.write_text("icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {field: employes, min: 1}\n")
    want = f"{spec}:5:17: ICP020 [error] unknown account field 'employes'; did you mean 'employees'? (unknown-field)"
    runner = CliRunner()
    validate = runner.invoke(cli, ["validate", str(spec)])
    lint = runner.invoke(cli, ["lint", str(spec), "--isolated"])
    match = runner.invoke(cli, ["match", str(spec), str(tmp_path / "none.csv")])
    sql = runner.invoke(cli, ["sql", str(spec)])
    assert validate.stdout.splitlines() == [want]
    assert lint.stdout.splitlines()[0] == want
    # Where stdout is data, the diagnostics go to stderr, and the exit code is the usage error's.
    for result in (match, sql):
        assert result.stdout == ""
        assert result.stderr.splitlines()[0] == want
        assert result.exit_code == 2
    assert (validate.exit_code, lint.exit_code) == (1, 1)


def test_exit_codes_are_documented_once() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page.count("## Exit codes") == 1
    table = page.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in table
