"""The title tables: reading the shipped TSV files and a user's own."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources

import attrs

from icpspec.diagnostics import IcpspecError, escape

__all__ = [
    "DEPARTMENTS",
    "SENIORITIES",
    "TableEntry",
    "fold",
    "parse_table",
    "shipped_entries",
    "tokens",
]

#: Seniority levels, highest first (the order ``highest seniority wins`` uses).
SENIORITIES: tuple[str, ...] = (
    "owner",
    "c_level",
    "vp",
    "director",
    "head",
    "manager",
    "senior",
    "professional",
    "entry",
    "intern",
)

#: Departments (job functions).
DEPARTMENTS: tuple[str, ...] = (
    "executive",
    "sales",
    "marketing",
    "business_development",
    "customer_success",
    "engineering",
    "information_technology",
    "product",
    "data",
    "finance",
    "human_resources",
    "operations",
    "legal",
    "purchasing",
    "project_management",
    "consulting",
    "administrative",
    "other",
)

_FLAGS = frozenset({"role", "stop", "junior"})

#: The shipped tables, in the order they are read.
SHIPPED_FILES: tuple[str, ...] = (
    "common.tsv",
    "en.tsv",
    "de.tsv",
    "fr.tsv",
    "es.tsv",
    "it.tsv",
    "pt.tsv",
    "nl.tsv",
)


@attrs.frozen
class TableEntry:
    """One line of a title table: a phrase and what it says about a title.

    ``key`` is the phrase normalised (case- and accent-folded words joined by
    one space); ``source`` is ``file:line``, so a user can find the line to
    change. A ``decisive`` entry (a spec's own ``titles:`` row) decides the
    reading when it matches: its level and department come before the
    generic rule that the highest level named wins.
    """

    phrase: str
    key: str
    seniority: str | None
    department: str | None
    role: bool = False
    stop: bool = False
    junior: bool = False
    source: str = ""
    decisive: bool = False


# Gender markers that carry no meaning for the job: (m/w/d), (h/f), m/w/d, (all genders).
_GENDER_TAG = re.compile(
    r"\(\s*(?:[mwdfhxi]\s*[/|,]\s*)+[mwdfhxi]\s*\)|\b[mwfh]\s*/\s*[mwfhd](?:\s*/\s*[dxi])?\b"
    r"|\((?:all genders|gn|gn\*|genderneutral)\)",
)
# German gender-inclusive endings (Leiter*in, Referent:in, Mitarbeiter/-in, Leiter(in)),
# Spanish and French feminine endings written beside the masculine (Director/a,
# director(a), commercial(e), chargé·e, directeur/trice).
_INCLUSIVE = re.compile(
    r"(?<=[a-z])(?:[*:_]|/-?|\()(?:innen|in|a|e|ne|le|trice|rice|euse|ere|ve)\b\)?"
    r"|(?<=[a-z])[\u00b7.](?:e|ne|le|trice|euse|ere)\b",
)
_SPECIAL = (
    (re.compile(r"\b(?:r\s*&\s*d|r\s*\+\s*d|i\s*\+\s*d)\b"), " rnd "),
    (re.compile(r"\bfp\s*&\s*a\b"), " fpna "),
    (re.compile(r"\bm\s*&\s*a\b"), " mna "),
    (re.compile(r"\bl\s*&\s*d\b"), " lnd "),
    (re.compile(r"\bp\s*&\s*l\b"), " "),
)
_LIGATURES = str.maketrans({"\u00b7": ".", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "\u0131": "i"})
_MAY_BE_INCLUSIVE = re.compile(r"[*:_/(\u00b7.]")
_INITIALS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}")
_EMPLOYER = re.compile(r"(?:@| at | bei | chez )[^|,;/()]*")
_WORD = re.compile(r"[^\W\d_]+")  # letters only: numbers say nothing about the job


def fold(text: str) -> str:
    """Casefold, drop accents and gender markers: the form tables and titles are compared in."""
    text = text.casefold()
    if not text.isascii():
        # Accents off; letters of other scripts go too (the tables are Latin-script).
        text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = text.encode("ascii", "ignore").decode("ascii")
    if "@" in text or " at " in text or " bei " in text or " chez " in text:
        # "SWE @ Google", "Sales Manager at Acme | …": the employer is not the job.
        text = _EMPLOYER.sub(" ", text)
    if "." in text:
        # Dotted initials: V.P., S.V.P., C.E.O.
        text = _INITIALS.sub(lambda m: m.group().replace(".", "") + " ", text)
    if "/" in text or "(" in text:
        text = _GENDER_TAG.sub(" ", text)
    if _MAY_BE_INCLUSIVE.search(text):
        text = _INCLUSIVE.sub("", text)
    if "&" in text or "+" in text:
        for pattern, repl in _SPECIAL:
            text = pattern.sub(repl, text)
    return text


def tokens(text: str) -> list[str]:
    """The words of ``text`` after :func:`fold`."""
    return _WORD.findall(fold(text))


def _value(raw: str, allowed: tuple[str, ...], what: str, where: str) -> str | None:
    raw = raw.strip()
    if raw in ("", "-"):
        return None
    if raw not in allowed:
        raise IcpspecError(f"{where}: unknown {what} {escape(raw)!r} (one of: {', '.join(allowed)})")
    return raw


def parse_table(text: str, source: str) -> Iterator[TableEntry]:
    """Read one table (``phrase | seniority | department | flags`` a line, ``#`` comments).

    Raises :class:`~icpspec.IcpspecError` naming ``source:line`` for a bad line.
    """
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{source}:{lineno}"
        cols = [c.strip() for c in stripped.split("|")]
        if len(cols) not in (3, 4):
            raise IcpspecError(f"{where}: expected 'phrase | seniority | department [| flags]'")
        phrase = cols[0]
        key = " ".join(tokens(phrase))
        if not key:
            raise IcpspecError(f"{where}: the phrase {escape(phrase)!r} has no words")
        seniority = _value(cols[1], SENIORITIES, "seniority", where)
        department = _value(cols[2], DEPARTMENTS, "department", where)
        flags = {f.strip() for f in cols[3].split(",") if f.strip()} if len(cols) == 4 else set()
        if flags - _FLAGS:
            bad = ", ".join(sorted(flags - _FLAGS))
            raise IcpspecError(f"{where}: unknown flag {escape(bad)!r} (one of: role, stop, junior)")
        yield TableEntry(
            phrase,
            key,
            seniority,
            department,
            role="role" in flags,
            stop="stop" in flags,
            junior="junior" in flags,
            source=where,
        )


def shipped_entries() -> Iterable[TableEntry]:
    """Every entry of the tables shipped in ``icpspec/data/titles``."""
    folder = resources.files("icpspec") / "data" / "titles"
    for name in SHIPPED_FILES:
        yield from parse_table((folder / name).read_text(encoding="utf-8"), name)
