"""YAML mistakes people make, reported on the right line with a way out.

Issue 18: ``offering: Data observability: for …`` got PyYAML's raw "mapping
values are not allowed in this context" with no hint to quote the text; a
missing colon on line 81 was reported at 82:5.
"""

from __future__ import annotations

import pytest

from icpspec import SpecError, loads


def problem(text: str) -> tuple[int, int, str, str]:
    with pytest.raises(SpecError) as info:
        loads(text, filename="x.icp.yaml")
    (d,) = info.value.diagnostics
    return d.line, d.column, d.code, d.message


def test_text_containing_colon_space_gets_a_hint_to_quote_it() -> None:
    text = "icpspec: 1\ncompany:\n  name: Acme\n  offering: Data observability: for data teams\n"
    line, column, code, message = problem(text)
    assert (line, column, code) == (4, 31, "ICP002")
    assert message == (
        "YAML syntax error: mapping values are not allowed in this context; text that contains ': ' "
        'must be quoted: offering: "Data observability: for data teams"'
    )


def test_the_quote_hint_escapes_quotes_and_keeps_list_items() -> None:
    text = 'icpspec: 1\nprofiles:\n  p:\n    pain_points:\n      - statement: Churn: the "silent" kind\n'
    line, _, _, message = problem(text)
    assert line == 5
    assert message.endswith(r'must be quoted: statement: "Churn: the \"silent\" kind"')


def test_a_key_without_its_colon_is_reported_on_its_own_line() -> None:
    lines = (
        ["icpspec: 1", "company:"] + [f"  # note {i}" for i in range(78)] + ["  name Acme", "  offering: x"]
    )
    text = "\n".join(lines) + "\n"
    assert lines[80] == "  name Acme"  # line 81
    line, column, code, message = problem(text)
    assert (line, column, code) == (81, 3, "ICP002")
    assert message == (
        "YAML syntax error: a ':' is missing on this line: it runs into the key on line 82 "
        "(write 'key: value'; a text going on to the next line must be indented further)"
    )


def test_a_last_key_without_its_colon_is_reported_on_its_own_line() -> None:
    line, column, _, message = problem("icpspec: 1\ncompany:\n  name: Acme\n  offering\n")
    assert (line, column) == (4, 3)
    assert message == "YAML syntax error: could not find expected ':' (while scanning a simple key)"


def test_other_syntax_errors_are_unchanged() -> None:
    _, _, _, message = problem("icpspec: 1\ncompany: {name: Acme\n")
    assert message.startswith("YAML syntax error: ")
    assert "quoted" not in message
    assert "missing on this line" not in message
