"""``docs/rules.md``, generated from the rule docstrings (``python docs/gen_rules.py``)."""

from __future__ import annotations

import re

from ._registry import RULES, Rule

__all__ = ["rule_markdown", "rules_markdown"]

_INTRO = """\
# Lint rules

<!-- Generated from the rule docstrings by `python docs/gen_rules.py`; do not edit. -->

`icpspec lint` checks a spec for the mistakes the ICP literature names again
and again. Every rule has a permanent code and a kebab-case name (either works
in `select`, `ignore` and `# noqa:` comments); codes are never reused.
`icpspec rule CODE` prints a rule's page on the terminal.

| range | family |
|---|---|
| ICP001 to ICP026 | loading and validation, as `icpspec validate` ([validation codes](validation.md)) |
| ICP1xx | too broad |
| ICP2xx | stale |
| ICP3xx | assumptions instead of evidence |
| ICP4xx | missing parts: people, segments, qualitative picture, disqualifiers, competitors |
| ICP5xx | contradictions and failing golden examples |
| ICP9xx | suppression comments |

Two names are codes of the loading stage, because `icpspec validate` finds
them first: **empty-range** is ICP022 (`icpspec lint` also finds the empty
ranges validation cannot: an empty `in`, an `all` whose bounds do not
overlap), and **unknown-reference** is ICP023 (every dangling id is an error
of `validate`, so lint has nothing to add).

`population-too-broad` (ICP103) runs only with a population of accounts
(`icpspec lint --population FILE`, or `population=` in Python); without one
it is skipped.

"""


def _demote(doc: str) -> str:
    # Rule docstrings use "## Heading"; on the page, under each rule's own "## ICPnnn", they
    # become bold lead-ins: headings would repeat once per rule, and anchors must be unique.
    return re.sub(r"^## (.+)$", r"**\1**", doc, flags=re.MULTILINE)


def rule_markdown(r: Rule) -> str:
    """The page section of one rule."""
    head = f"## {r.code}\n\n**{r.name}** · default severity: {r.severity}"
    if r.stage == "load":
        head += " · found when the spec loads"
    return f"{head}\n\n{r.summary}\n\n{_demote(r.doc)}\n"


def rules_markdown() -> str:
    """The whole ``docs/rules.md``."""
    table = ["| code | name | severity | what it reports |", "|---|---|---|---|"]
    for code, r in RULES.items():
        target = f"validation.md#{code.lower()}" if r.stage == "load" else f"#{code.lower()}"
        table.append(f"| [{code}]({target}) | `{r.name}` | {r.severity} | {r.summary} |")
    body = "\n".join(rule_markdown(r) for r in RULES.values() if r.stage == "lint")
    return _INTRO + "\n".join(table) + "\n\n" + body
