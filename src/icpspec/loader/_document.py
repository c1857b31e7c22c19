"""Located plain data: the loader's output, and the builder both parsers drive."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TypeAlias

import attrs

from icpspec.diagnostics import Code, Diagnostic, Severity, SpecError, make_pointer, quote

from ._limits import Limits

Scalar: TypeAlias = str | int | float | bool | None
PlainData: TypeAlias = "dict[str, PlainData] | list[PlainData] | Scalar"
PathPart: TypeAlias = str | int
Path: TypeAlias = tuple[PathPart, ...]

# A JSON "\ud800" escape decodes to a lone surrogate: not a character, and
# nothing downstream (terminals, UTF-8 output, SARIF) can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


@attrs.frozen
class Span:
    """A range in a file; 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@attrs.frozen
class Location:
    """Where one node of the document is: its key (inside a mapping) and its value."""

    value: Span
    key: Span | None = None


class LoadError(SpecError):
    """The loader's error: a :class:`SpecError` with exactly one located diagnostic.

    A ``SpecError`` so that callers of :func:`read_document` handle the one
    exception every public entry point raises.
    """

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__([diagnostic])
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[LoadError], tuple[Diagnostic]]:  # type: ignore[override]
        return (type(self), (self.diagnostic,))


@attrs.define
class LocatedDocument:
    """A parsed spec: JSON-compatible plain data plus the position of every node.

    ``raw_text`` keeps, for each plain (unquoted) scalar that was read as a
    number, boolean or null, the text as written, so that a later stage
    expecting text can use ``0777`` or ``2026.3`` exactly as the user wrote it.
    """

    data: dict[str, PlainData]
    file: str
    locations: dict[Path, Location]
    raw_text: dict[Path, str]

    def locate(self, path: Sequence[PathPart]) -> tuple[Path, Location]:
        """The location of ``path``, or of its nearest ancestor that exists."""
        p = tuple(path)
        while p not in self.locations and p:
            p = p[:-1]
        return p, self.locations.get(p, Location(Span(1, 1, 1, 1)))

    def diagnostic(
        self,
        code: str,
        message: str,
        path: Sequence[PathPart],
        *,
        on_key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        """A diagnostic pointing at ``path`` (its key when ``on_key`` and it has one)."""
        found, loc = self.locate(path)
        span = loc.key if on_key and loc.key is not None and found == tuple(path) else loc.value
        return Diagnostic(
            code=code,
            message=message,
            file=self.file,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            pointer=make_pointer(path),
            severity=severity,
        )


def file_diagnostic(code: str, message: str, file: str, line: int = 0, column: int = 0) -> LoadError:
    """A LoadError about a position found before any node exists."""
    return LoadError(
        Diagnostic(code, message, file=file, line=line, column=column, end_line=line, end_column=column)
    )


class _Frame:
    __slots__ = ("container", "path", "pending_key", "pending_key_span", "start")

    def __init__(self, container: dict[str, PlainData] | list[PlainData], path: Path, start: Span):
        self.container = container
        self.path = path
        self.start = start
        self.pending_key: str | None = None
        self.pending_key_span: Span | None = None


class DocumentBuilder:
    """Builds located plain data from parse events, enforcing the limits.

    Both the YAML and the JSON reader drive this one builder, so nesting depth,
    node count, string length, key rules and duplicate keys are checked in one
    place and iteratively (no recursion, whatever the nesting).
    """

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.stack: list[_Frame] = []
        self.root: PlainData = None
        self.root_set = False
        self.locations: dict[Path, Location] = {}
        self.raw_text: dict[Path, str] = {}
        self.nodes = 0

    def _fail(self, code: str, message: str, span: Span) -> LoadError:
        return LoadError(
            Diagnostic(
                code,
                message,
                file=self.file,
                line=span.line,
                column=span.column,
                end_line=span.end_line,
                end_column=span.end_column,
                pointer=make_pointer(self.stack[-1].path) if self.stack else "",
            )
        )

    def expecting_key(self) -> bool:
        """True when the next scalar is a mapping key."""
        return bool(
            self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].pending_key is None
        )

    def _count(self, span: Span) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self._fail(
                Code.LIMIT_EXCEEDED,
                f"the document has more than {self.limits.max_nodes} values (limit)",
                span,
            )

    def key(self, text: str, span: Span) -> None:
        """A mapping key, as written."""
        frame = self.stack[-1]
        assert isinstance(frame.container, dict)
        if len(text) > self.limits.max_key_chars:
            raise self._fail(
                Code.LIMIT_EXCEEDED,
                f"a key is longer than {self.limits.max_key_chars} characters (limit)",
                span,
            )
        self._check_text(text, span)
        if text in frame.container:
            first = self.locations[(*frame.path, text)].key
            where = f" (first defined at line {first.line})" if first else ""
            raise self._fail(Code.DUPLICATE_KEY, f"duplicate key {quote(text)}{where}", span)
        frame.pending_key = text
        frame.pending_key_span = span

    def _place(self, value: PlainData, span: Span) -> Path:
        self._count(span)
        if not self.stack:
            if self.root_set:
                raise self._fail(Code.NOT_ONE_MAPPING, "more than one value at the top of the document", span)
            self.root, self.root_set = value, True
            self.locations[()] = Location(span)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            key = frame.pending_key
            assert key is not None
            frame.container[key] = value
            path: Path = (*frame.path, key)
            self.locations[path] = Location(span, frame.pending_key_span)
            frame.pending_key = frame.pending_key_span = None
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.locations[path] = Location(span)
        return path

    def _check_text(self, text: str, span: Span) -> None:
        if _SURROGATE.search(text):
            raise self._fail(
                Code.UNREADABLE_ENCODING,
                "an escape decodes to a lone UTF-16 surrogate (such as \\ud800), which is not a character",
                span,
            )

    def scalar(self, value: Scalar, span: Span, raw: str | None = None) -> None:
        """A scalar value; ``raw`` is the text as written for non-string plain scalars."""
        if isinstance(value, str):
            if len(value) > self.limits.max_string_chars:
                raise self._fail(
                    Code.LIMIT_EXCEEDED,
                    f"a text value is longer than {self.limits.max_string_chars} characters (limit)",
                    span,
                )
            self._check_text(value, span)
        if isinstance(value, float) and not math.isfinite(value):
            raise self._fail(
                Code.NON_FINITE_NUMBER,
                "numbers must be finite (no NaN, Infinity or overflowing values)",
                span,
            )
        path = self._place(value, span)
        if raw is not None:
            self.raw_text[path] = raw

    def start(self, container: dict[str, PlainData] | list[PlainData], span: Span) -> None:
        """Open a mapping or sequence."""
        if len(self.stack) >= self.limits.max_depth:
            raise self._fail(
                Code.LIMIT_EXCEEDED,
                f"values are nested more than {self.limits.max_depth} levels deep (limit)",
                span,
            )
        path = self._place(container, span)
        self.stack.append(_Frame(container, path, span))

    def end(self, end_line: int, end_column: int) -> None:
        """Close the innermost mapping or sequence."""
        frame = self.stack.pop()
        loc = self.locations[frame.path]
        self.locations[frame.path] = Location(
            Span(frame.start.line, frame.start.column, end_line, end_column), loc.key
        )

    def document(self, empty_span: Span) -> LocatedDocument:
        """The finished document; its top level must be a mapping."""
        if not self.root_set or self.root is None:
            raise self._fail(
                Code.NOT_ONE_MAPPING,
                "the document is empty; a spec is a mapping starting with 'icpspec: 1'",
                empty_span,
            )
        if not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            raise self._fail(
                Code.NOT_ONE_MAPPING,
                f"the document is {kind}; a spec is a mapping starting with 'icpspec: 1'",
                self.locations[()].value,
            )
        return LocatedDocument(self.root, self.file, self.locations, self.raw_text)
