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
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import attrs

__all__ = [
    "CODES",
    "Code",
    "CodeInfo",
    "Diagnostic",
    "IcpspecError",
    "Severity",
    "SpecError",
    "code_name",
    "did_you_mean",
    "escape",
    "printable_name",
    "quote",
]


class Severity(enum.Enum):
    """How serious a diagnostic is; ``error`` fails validation."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Code(enum.StrEnum):
    """Every code a user can see, by its kebab-case name in capitals: the one table of codes.

    Reading, schema and semantic codes (``ICP0xx``, reported by ``icpspec
    validate`` and ``lint`` alike) and the lint rules' codes, as ruff keeps
    ``E902 IOError`` beside its rules. A member is the ``str`` of its code,
    so ``Diagnostic(Code.SYNTAX_ERROR, ...)`` reads as ``ICP002`` everywhere;
    :data:`CODES` holds each one's name, default severity and stage.

    >>> Code.SYNTAX_ERROR == "ICP002", CODES["ICP103"].name
    (True, 'population-too-broad')
    """

    UNREADABLE_ENCODING = "ICP001"
    SYNTAX_ERROR = "ICP002"
    YAML_TAG_OR_ALIAS = "ICP003"
    DUPLICATE_KEY = "ICP004"
    LIMIT_EXCEEDED = "ICP005"
    NOT_ONE_MAPPING = "ICP006"
    NON_FINITE_NUMBER = "ICP007"
    UNREADABLE_PATH = "ICP008"
    SCHEMA_VIOLATION = "ICP010"
    UNKNOWN_FIELD = "ICP020"
    TYPE_MISMATCH = "ICP021"
    EMPTY_RANGE = "ICP022"
    UNKNOWN_REFERENCE = "ICP023"
    DUPLICATE_ID = "ICP024"
    INVALID_COUNTRY = "ICP025"
    INVALID_PATTERN = "ICP026"
    TOO_BROAD = "ICP101"
    BROADER_THAN_AUDIENCE = "ICP102"
    POPULATION_TOO_BROAD = "ICP103"
    STALE_REVIEW = "ICP201"
    MISSING_REVIEW_DATE = "ICP202"
    STALE_EVIDENCE = "ICP203"
    ASSUMPTION_ONLY = "ICP301"
    SMALL_SAMPLE = "ICP302"
    HYPOTHESIS_WITHOUT_TEST_PLAN = "ICP303"
    NO_CUSTOMER_FEEDBACK = "ICP304"
    FIRMOGRAPHICS_ONLY = "ICP401"
    NO_PERSONAS = "ICP402"
    PERSONA_WITHOUT_ROLE = "ICP403"
    ONE_ICP_FOR_ALL_SEGMENTS = "ICP404"
    NO_DISQUALIFIERS = "ICP405"
    NO_COMPETITORS = "ICP406"
    DISQUALIFIER_EXCLUDES_ALL = "ICP501"
    UNREACHABLE_TIER = "ICP502"
    DUPLICATE_CRITERION = "ICP503"
    EXAMPLE_MISMATCH = "ICP504"
    UNUSED_NOQA = "ICP901"
    BLANKET_NOQA = "ICP902"


@attrs.frozen
class CodeInfo:
    """One code: its permanent kebab-case ``name``, default ``severity`` and ``stage``.

    ``stage`` is ``load`` for problems found while loading a spec (always
    errors; they cannot be ignored) and ``lint`` for the lint rules, whose
    documentation (and summary) is the rule's docstring; ``summary`` is the
    one-line meaning of a load code.
    """

    code: Code
    name: str
    severity: Severity
    stage: Literal["load", "lint"]
    summary: str = ""


#: Every user-visible code, in code order.
CODES: Mapping[str, CodeInfo] = {
    info.code.value: info
    for info in (
        CodeInfo(
            Code.UNREADABLE_ENCODING,
            "unreadable-encoding",
            Severity.ERROR,
            "load",
            "The bytes are not UTF-8 (or UTF-16 with a byte-order mark).",
        ),
        CodeInfo(Code.SYNTAX_ERROR, "syntax-error", Severity.ERROR, "load", "YAML or JSON syntax error."),
        CodeInfo(
            Code.YAML_TAG_OR_ALIAS,
            "yaml-tag-or-alias",
            Severity.ERROR,
            "load",
            "A YAML tag, anchor, alias or `%TAG` directive.",
        ),
        CodeInfo(
            Code.DUPLICATE_KEY, "duplicate-key", Severity.ERROR, "load", "A duplicate key in a mapping."
        ),
        CodeInfo(
            Code.LIMIT_EXCEEDED,
            "limit-exceeded",
            Severity.ERROR,
            "load",
            "A fixed limit (size, depth, length, digits) is exceeded.",
        ),
        CodeInfo(
            Code.NOT_ONE_MAPPING,
            "not-one-mapping",
            Severity.ERROR,
            "load",
            "The document is not one mapping.",
        ),
        CodeInfo(
            Code.NON_FINITE_NUMBER,
            "non-finite-number",
            Severity.ERROR,
            "load",
            "A number that is not finite.",
        ),
        CodeInfo(Code.UNREADABLE_PATH, "unreadable-path", Severity.ERROR, "load", "The path cannot be read."),
        CodeInfo(
            Code.SCHEMA_VIOLATION,
            "schema-violation",
            Severity.ERROR,
            "load",
            "The document does not follow the JSON Schema.",
        ),
        CodeInfo(
            Code.UNKNOWN_FIELD,
            "unknown-field",
            Severity.ERROR,
            "load",
            "A condition or example uses a field that does not exist.",
        ),
        CodeInfo(
            Code.TYPE_MISMATCH,
            "type-mismatch",
            Severity.ERROR,
            "load",
            "An operator or a value does not fit the type of its field.",
        ),
        CodeInfo(
            Code.EMPTY_RANGE,
            "empty-range",
            Severity.ERROR,
            "lint",
            "A range no value can fall in: its low end is above its high end.",
        ),
        CodeInfo(
            Code.UNKNOWN_REFERENCE,
            "unknown-reference",
            Severity.ERROR,
            "load",
            "A reference (audience, segment, persona, evidence, tier) to nothing.",
        ),
        CodeInfo(
            Code.DUPLICATE_ID,
            "duplicate-id",
            Severity.ERROR,
            "load",
            "The same id twice in a profile, or a spec field named like a standard one.",
        ),
        CodeInfo(
            Code.INVALID_COUNTRY,
            "invalid-country",
            Severity.ERROR,
            "load",
            "A country that is not an ISO 3166-1 alpha-2 code.",
        ),
        CodeInfo(
            Code.INVALID_PATTERN,
            "invalid-pattern",
            Severity.ERROR,
            "load",
            "A `matches` pattern that does not compile in RE2.",
        ),
        CodeInfo(Code.TOO_BROAD, "too-broad", Severity.WARNING, "lint"),
        CodeInfo(Code.BROADER_THAN_AUDIENCE, "broader-than-audience", Severity.WARNING, "lint"),
        CodeInfo(Code.POPULATION_TOO_BROAD, "population-too-broad", Severity.WARNING, "lint"),
        CodeInfo(Code.STALE_REVIEW, "stale-review", Severity.WARNING, "lint"),
        CodeInfo(Code.MISSING_REVIEW_DATE, "missing-review-date", Severity.WARNING, "lint"),
        CodeInfo(Code.STALE_EVIDENCE, "stale-evidence", Severity.WARNING, "lint"),
        CodeInfo(Code.ASSUMPTION_ONLY, "assumption-only", Severity.WARNING, "lint"),
        CodeInfo(Code.SMALL_SAMPLE, "small-sample", Severity.WARNING, "lint"),
        CodeInfo(Code.HYPOTHESIS_WITHOUT_TEST_PLAN, "hypothesis-without-test-plan", Severity.ERROR, "lint"),
        CodeInfo(Code.NO_CUSTOMER_FEEDBACK, "no-customer-feedback", Severity.WARNING, "lint"),
        CodeInfo(Code.FIRMOGRAPHICS_ONLY, "firmographics-only", Severity.WARNING, "lint"),
        CodeInfo(Code.NO_PERSONAS, "no-personas", Severity.WARNING, "lint"),
        CodeInfo(Code.PERSONA_WITHOUT_ROLE, "persona-without-role", Severity.WARNING, "lint"),
        CodeInfo(Code.ONE_ICP_FOR_ALL_SEGMENTS, "one-icp-for-all-segments", Severity.WARNING, "lint"),
        CodeInfo(Code.NO_DISQUALIFIERS, "no-disqualifiers", Severity.WARNING, "lint"),
        CodeInfo(Code.NO_COMPETITORS, "no-competitors", Severity.WARNING, "lint"),
        CodeInfo(Code.DISQUALIFIER_EXCLUDES_ALL, "disqualifier-excludes-all", Severity.ERROR, "lint"),
        CodeInfo(Code.UNREACHABLE_TIER, "unreachable-tier", Severity.ERROR, "lint"),
        CodeInfo(Code.DUPLICATE_CRITERION, "duplicate-criterion", Severity.WARNING, "lint"),
        CodeInfo(Code.EXAMPLE_MISMATCH, "example-mismatch", Severity.ERROR, "lint"),
        CodeInfo(Code.UNUSED_NOQA, "unused-noqa", Severity.WARNING, "lint"),
        CodeInfo(Code.BLANKET_NOQA, "blanket-noqa", Severity.WARNING, "lint"),
    )
}


def code_name(code: str) -> str:
    """The kebab-case name of ``code`` (``''`` for a code not in :data:`CODES`).

    >>> code_name("ICP002")
    'syntax-error'
    """
    info = CODES.get(code)
    return info.name if info is not None else ""


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

    code: str = attrs.field(converter=str)  # a Code member is kept as its plain text
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


_UNSAFE_CHAR = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable_name(name: str) -> str:
    r"""A file name as UTF-8 text: a byte of the name that is not UTF-8 (``\xff``) written as ``\xff``.

    File names are bytes; ``os.fsdecode`` keeps a byte that is not UTF-8 as a
    lone surrogate, which no UTF-8 output (JSON, SARIF) can hold.

    >>> printable_name("s\udcff.yaml")
    's\\xff.yaml'
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def escape(text: str, *, limit: int = 80) -> str:
    """Make user text safe to echo on a terminal or in a CI annotation.

    Control characters (including newlines and ESC, so no terminal escape
    sequence or workflow command survives), and bidirectional overrides are
    shown as ``\\xNN``/``\\uNNNN`` escapes; so is a byte of a file name that
    is no UTF-8 (Python's surrogate escape ``\\udcff`` is ``\\xff``), which no
    UTF-8 file can hold. Text longer than ``limit`` characters is cut with an
    ellipsis.

    >>> escape("evil\\x1b[31m\\nline"), escape("d\\udcff.csv")
    ('evil\\\\x1b[31m\\\\nline', 'd\\\\xff.csv')
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"

    def _sub(m: re.Match[str]) -> str:
        ch = m.group()
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
        if named:
            return named
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was no UTF-8, kept by the surrogate escape
            code -= 0xDC00
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
