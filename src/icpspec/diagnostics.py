"""Located problems: the one vocabulary every layer of icpspec reports in.

A :class:`Diagnostic` names a problem (a stable ``code``), says what is wrong
in one line, and points at where it is: the file, the 1-based line and column,
and the JSON pointer of the value inside the document. Loading a spec raises
:class:`SpecError`, which carries every diagnostic found, not only the first.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "Diagnostic",
    "IcpspecError",
    "Severity",
    "SpecError",
    "did_you_mean",
    "escape",
    "quote",
]


class Severity(enum.Enum):
    """How serious a diagnostic is; ``error`` fails validation."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Diagnostic:
    """One located problem in one file.

    Lines and columns are 1-based; ``line`` is 0 when the problem concerns the
    file as a whole (for example, it cannot be read). ``pointer`` is an RFC 6901
    JSON pointer into the document (``/profiles/us-saas/criteria/2/between``),
    empty for the document itself.

    >>> d = Diagnostic("ICP010", "expected a number", file="a.icp.yaml", line=3, column=9)
    >>> str(d)
    'a.icp.yaml:3:9: ICP010 expected a number'
    """

    code: str
    message: str
    file: str = "<string>"
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    pointer: str = ""
    severity: Severity = Severity.ERROR

    @property
    def path(self) -> str:
        """The pointer in the dotted form people read: ``profiles.x.criteria[2].between``."""
        return pointer_to_path(self.pointer)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"


class IcpspecError(ValueError):
    """Base class of every error icpspec raises on purpose."""


class SpecError(IcpspecError):
    """A spec could not be loaded; ``diagnostics`` lists every problem found.

    ``str()`` gives one line per diagnostic, so an uncaught error still reads
    well; iterate ``diagnostics`` to handle them as data.
    """

    diagnostics: tuple[Diagnostic, ...]

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[SpecError], tuple[tuple[Diagnostic, ...]]]:
        return (type(self), (self.diagnostics,))


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token of an RFC 6901 JSON pointer."""
    return str(token).replace("~", "~0").replace("/", "~1")


def make_pointer(parts: Sequence[str | int]) -> str:
    """Build an RFC 6901 JSON pointer from path parts."""
    return "".join("/" + escape_pointer_token(p) for p in parts)


_PLAIN_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")


def pointer_to_path(pointer: str) -> str:
    """Turn ``/profiles/a b/criteria/2`` into ``profiles["a b"].criteria[2]``."""
    if not pointer:
        return ""
    out: list[str] = []
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if token.isdigit() and out:
            out.append(f"[{token}]")
        elif _PLAIN_KEY.fullmatch(token):
            out.append(("." if out else "") + token)
        else:
            out.append(f"[{quote(token)}]")
    return "".join(out)


_UNSAFE_CHAR = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape(text: str, *, limit: int = 80) -> str:
    """Make user text safe to echo on a terminal or in a CI annotation.

    Control characters (including newlines and ESC, so no terminal escape
    sequence or workflow command survives), and bidirectional overrides are
    shown as ``\\xNN``/``\\uNNNN`` escapes; text longer than ``limit``
    characters is cut with an ellipsis.

    >>> escape("evil\\x1b[31m\\nline")
    'evil\\\\x1b[31m\\\\nline'
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"

    def _sub(m: re.Match[str]) -> str:
        ch = m.group()
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
        if named:
            return named
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_CHAR.sub(_sub, text)


def quote(text: str, *, limit: int = 80) -> str:
    """Quote user text for a message: ``'value'``, escaped and bounded."""
    return "'" + escape(text, limit=limit).replace("'", "\\'") + "'"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the closest choice, or nothing.

    Among more than 100 choices, only those of about the same length are
    compared: difflib's cost grows with every candidate.

    >>> did_you_mean("employes", ["employees", "country"])
    "; did you mean 'employees'?"
    """
    candidates = list(choices)
    if len(candidates) > 100:
        candidates = [c for c in candidates if abs(len(c) - len(word)) <= 3][:100]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"; did you mean {quote(close[0])}?" if close else ""
