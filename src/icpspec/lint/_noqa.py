"""Suppression comments, read from the YAML token stream.

Comments are the text in the gaps between PyYAML's tokens (as yamllint reads
them), never a regular expression over raw lines: a ``#`` inside a quoted or
block scalar is part of a token, so it is never taken for a comment.

- ``# noqa: ICP201`` (or ``# noqa: stale-review``; several separated by
  commas or spaces) at the end of a line suppresses those findings on that
  line;
- ``# icpspec: noqa: ICP201`` on a line of its own suppresses them in the
  whole file;
- a ``# noqa`` without a code suppresses nothing and is itself a finding.

JSON has no comments: suppress findings in JSON specs with the
``per-file-ignores`` setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import yaml

__all__ = ["Suppression", "comments", "suppressions"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FILE_NOQA = re.compile(r"#\s*icpspec\s*:\s*noqa\b(?P<rest>.*)$", re.IGNORECASE)
_LINE_NOQA = re.compile(r"#\s*noqa\b(?P<rest>.*)$", re.IGNORECASE)
_SELECTOR = re.compile(r"ICP[0-9]+|[a-z][a-z0-9]*(?:-[a-z0-9]+)+", re.IGNORECASE)


@attrs.frozen
class Suppression:
    """One noqa comment: where its ``#`` is (1-based) and the codes or names it lists."""

    line: int
    column: int
    end_column: int
    selectors: tuple[str, ...]
    file_level: bool

    @property
    def bare(self) -> bool:
        """A noqa that names no rule."""
        return not self.selectors


def comments(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line, column, text)`` of every comment (0-based positions of its ``#``)."""
    lines = text.split("\n")
    start_col = [0] * (len(lines) + 1)  # where the gap after the last token of a line starts
    inside = [False] * (len(lines) + 1)  # the line's end lies inside a multi-line token
    for token in yaml.scan(text, Loader=_Loader):
        s, e = token.start_mark, token.end_mark
        if e.line >= len(start_col):
            continue
        if s.line < e.line:
            for ln in range(s.line, e.line):
                inside[ln] = True
            start_col[e.line] = max(start_col[e.line], e.column)
        else:
            start_col[s.line] = max(start_col[s.line], e.column)
    for n, line in enumerate(lines):
        if inside[n]:
            continue
        rest = line[start_col[n] :]
        stripped = rest.lstrip(" \t")
        if not stripped.startswith("#"):
            continue
        col = start_col[n] + len(rest) - len(stripped)
        if col > 0 and line[col - 1] not in " \t":
            continue  # a '#' glued to a token is part of it, not a comment
        yield n, col, stripped.rstrip("\r")


def _selectors(rest: str) -> tuple[str, ...]:
    rest = rest.strip()
    if not rest.startswith(":"):
        return ()
    out = []
    for word in re.split(r"[\s,]+", rest[1:].strip()):
        if not word or not _SELECTOR.fullmatch(word):
            break
        out.append(word)
    return tuple(out)


def suppressions(text: str) -> list[Suppression]:
    """Every noqa comment of a YAML text."""
    out = []
    lines = text.split("\n")
    for n, col, comment in comments(text):
        own_line = not lines[n][:col].strip()
        m = _FILE_NOQA.match(comment)
        if m and own_line:
            out.append(Suppression(n + 1, col + 1, col + 1 + len(comment), _selectors(m["rest"]), True))
            continue
        m = _LINE_NOQA.search(comment)
        if m:
            start = col + m.start()
            out.append(Suppression(n + 1, start + 1, col + 1 + len(comment), _selectors(m["rest"]), False))
    return out
