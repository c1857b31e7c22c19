"""A small iterative JSON reader that keeps the position of every value.

The standard library's decoder gives no positions, silently keeps the last of
duplicate keys, accepts ``NaN`` and recurses. This reader scans tokens in a
loop (strings are decoded by the standard library's own ``scanstring``) and
drives the same builder as the YAML reader.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but not in typeshed

from icpspec.diagnostics import Code

from ._document import DocumentBuilder, LoadError, Span, file_diagnostic

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z]+|-Infinity")
_LITERALS: dict[str, bool | None] = {"true": True, "false": False, "null": None}


class _Positions:
    def __init__(self, text: str) -> None:
        # An array, not a list of ints: a file of a million newlines stays at 8 MB here.
        self.starts = array("q", [0])
        self.starts.extend(m.end() for m in re.finditer("\n", text))

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.at(start), *self.at(end))


def parse_json(text: str, builder: DocumentBuilder) -> None:
    """Feed the JSON document ``text`` into ``builder``; raise LoadError on any problem."""
    pos = _Positions(text)
    file = builder.file
    n = len(text)
    # What may come next: "value", "key" (or "}" right after "{"), ":" , "," (or a closer).
    expect = "value"
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    stack: list[str] = []  # "{" or "[" for each open container
    first_in_container = False

    def fail(message: str, at: int) -> LoadError:
        line, col = pos.at(at)
        return file_diagnostic(Code.SYNTAX_ERROR, f"JSON syntax error: {message}", file, line, col)

    while i < n:
        ch = text[i]
        if expect == "," and ch in ",}]":
            if ch == ",":
                expect = "key" if stack[-1] == "{" else "value"
                first_in_container = False
                i += 1
            else:
                if (ch == "}") != (stack[-1] == "{"):
                    raise fail(f"unexpected {ch!r}", i)
                stack.pop()
                builder.end(*pos.at(i + 1))
                i += 1
                expect = "," if stack else "end"
        elif expect == "key":
            if ch == "}" and first_in_container:
                stack.pop()
                builder.end(*pos.at(i + 1))
                i += 1
                expect = "," if stack else "end"
            elif ch == '"':
                try:
                    key, end = scanstring(text, i + 1, True)
                except json.JSONDecodeError as exc:
                    raise fail(exc.msg.lower(), exc.pos) from None
                builder.key(key, pos.span(i, end))
                i = _WS.match(text, end).end()  # type: ignore[union-attr]
                if i >= n or text[i] != ":":
                    raise fail("expected ':' after a key", i)
                i += 1
                expect = "value"
            else:
                raise fail("expected a key in double quotes", i)
        elif expect == "value":
            if ch == "]" and first_in_container and stack and stack[-1] == "[":
                stack.pop()
                builder.end(*pos.at(i + 1))
                i += 1
                expect = "," if stack else "end"
            elif ch in "{[":
                builder.start({} if ch == "{" else [], pos.span(i, i + 1))
                stack.append(ch)
                first_in_container = True
                expect = "key" if ch == "{" else "value"
                i += 1
            elif ch == '"':
                try:
                    value, end = scanstring(text, i + 1, True)
                except json.JSONDecodeError as exc:
                    raise fail(exc.msg.lower(), exc.pos) from None
                builder.scalar(value, pos.span(i, end))
                i, expect = end, ","
            elif ch == "-" or ch.isdigit():
                m = _NUMBER.match(text, i)
                word = _WORD.match(text, i)
                if word and word.group() == "-Infinity":
                    builder.scalar(float("-inf"), pos.span(i, word.end()))
                if m is None:
                    raise fail("invalid number", i)
                token = m.group()
                span = pos.span(i, m.end())
                if m.group(1) is None and m.group(2) is None:
                    if len(token.lstrip("-")) > builder.limits.max_integer_digits:
                        raise builder._fail(
                            Code.LIMIT_EXCEEDED,
                            f"a number has more than {builder.limits.max_integer_digits} digits (limit)",
                            span,
                        )
                    builder.scalar(int(token), span)
                else:
                    if len(token) > builder.limits.max_number_chars:
                        raise builder._fail(
                            Code.LIMIT_EXCEEDED,
                            f"a number is longer than {builder.limits.max_number_chars} characters (limit)",
                            span,
                        )
                    builder.scalar(float(token), span)
                i, expect = m.end(), ","
            else:
                word = _WORD.match(text, i)
                token = word.group() if word else ""
                if token in _LITERALS:
                    builder.scalar(_LITERALS[token], pos.span(i, word.end()))  # type: ignore[union-attr]
                    i, expect = word.end(), ","  # type: ignore[union-attr]
                elif token in ("NaN", "Infinity"):
                    builder.scalar(float("nan"), pos.span(i, word.end()))  # type: ignore[union-attr]
                else:
                    raise fail("expected a value", i)
        elif expect == "end":
            raise fail("extra data after the document", i)
        else:
            raise fail("expected ',' or a closing bracket", i)
        if expect == "," and not stack:
            expect = "end"
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
    if stack:
        raise fail("the document ends inside an unclosed " + ("object" if stack[-1] == "{" else "array"), n)
