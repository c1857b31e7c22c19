"""Write docs/rules.md from the rule docstrings (``--check``: exit 1 if it is out of date)."""

from __future__ import annotations

import sys
from pathlib import Path

from icpspec.lint._docs import rules_markdown

PAGE = Path(__file__).resolve().parent / "rules.md"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the page, or with ``--check`` only say whether it is current."""
    args = sys.argv[1:] if argv is None else argv
    text = rules_markdown()
    current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    if "--check" in args:
        if current != text:
            print("docs/rules.md is out of date: run `python docs/gen_rules.py`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
