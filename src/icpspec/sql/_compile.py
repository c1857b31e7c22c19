"""Compiling a profile into one SQL ``SELECT`` through sqlglot.

The table's fields are read as text (as a CSV file holds them; other column
types are read through their text form) and parsed in SQL by the grammar of
:mod:`icpspec.engine.values`; the condition tree becomes SQL's own
three-valued logic (NULL is *unknown*). Every value of the spec reaches the
SQL as a literal built by sqlglot, which escapes it for the dialect; the
patterns built here from spec text escape every ASCII punctuation character.
"""

from __future__ import annotations

import functools
import string
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.compile import fields_read
from icpspec.engine.reference import comparable
from icpspec.engine.target import Target, exact_arithmetic
from icpspec.engine.values import (
    MAX_MATCH_INPUT,
    SUFFIX_EXPONENTS,
    country_codes,
    country_names,
    dotted_country_names,
)
from icpspec.model import (
    AllOf,
    AnyOf,
    Between,
    Condition,
    ContainsAll,
    ContainsAny,
    Equals,
    Exists,
    FieldType,
    In,
    Matches,
    MatchStatus,
    Max,
    Min,
    Not,
    NotIn,
    Profile,
)
from icpspec.records import ResolvedColumns

__all__ = ["DIALECTS", "OUTPUT_COLUMNS", "select_expression"]

#: The dialects the generated SQL is written for (sqlglot's names).
DIALECTS = ("duckdb", "postgres", "snowflake", "bigquery", "spark")

#: The result columns, after the input's own and the per-criterion outcomes.
OUTPUT_COLUMNS = ("icp_profile", "icp_score", "icp_tier", "icp_status", "icp_coverage", "icp_spec_version")

#: Python's ``str.strip()`` whitespace, every code point of it.
_UNICODE_WS = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
#: ``\s`` of an ASCII regular expression: the number grammar's whitespace.
_ASCII_WS = " \t\n\r\x0b\x0c"
_LETTERS = string.ascii_letters
_NUMBER_RE = (
    f"^[{_ASCII_WS}]*[-+]?[{_ASCII_WS}]*[$€£¥]?[{_ASCII_WS}]*"
    f"([0-9]{{1,3}}(,[0-9]{{3}})+|[0-9]+)([.][0-9]+)?[{_ASCII_WS}]*[A-Za-z]*[{_ASCII_WS}]*$"
)
_DATE_RE = f"^[{_UNICODE_WS}]*[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[{_UNICODE_WS}]*$"
_TRUE = ("true", "yes", "y", "t", "1")
_FALSE = ("false", "no", "n", "f", "0")
#: The ways a boolean word is commonly written (``1`` has one).
_SPELLINGS = (str.lower, str.capitalize, str.upper)
_SEPARATORS = ";,|"
#: The start of the names of the helper columns of the layered (DuckDB) SQL, left out of its result.
HELPER_PREFIX = "icp__"


@functools.cache
def _folds() -> tuple[str, str, dict[str, str]]:
    """What ``str.casefold`` does beyond ``str.lower``: one-letter maps (from, to), longer ones.

    The letters that are lower case already yet fold to something else (``ß``
    to ``ss``, final sigma to sigma, micro sign to mu…): SQL's ``LOWER`` leaves them.
    """
    folded = {
        c: c.casefold() for c in map(chr, range(sys.maxunicode + 1)) if c == c.lower() and c.casefold() != c
    }
    short = {c: f for c, f in folded.items() if len(f) == 1}
    return "".join(short), "".join(short.values()), {c: f for c, f in folded.items() if len(f) > 1}


#: Up to this many values, membership is written as equalities joined by OR.
_MAX_OR_CHAIN = 16


def _sqlglot() -> Any:
    try:
        import sqlglot
    except ImportError:  # pragma: no cover - the extra is installed in tests
        raise IcpspecError("to_sql needs sqlglot: pip install 'icpspec[sql]'") from None
    return sqlglot


def _regex_literal(text: str) -> str:
    """``text`` as a regular expression matching it literally in RE2, PostgreSQL and Java."""
    return "".join("\\" + ch if ch in string.punctuation else ch for ch in text)


#: More characters than any key looked up in a table (a text of over 100 is unknown).
_FILLER = 104

#: The countries most accounts are in, first in the tables: a search stops sooner.
_COMMON = (
    "US", "GB", "DE", "FR", "CA", "AU", "IN", "NL", "ES", "IT", "SE", "CH", "BR", "JP", "SG", "IE",
    "IL", "CN", "MX", "BE", "DK", "NO", "FI", "AT", "PL", "NZ", "ZA", "KR", "AE", "HK",
)  # fmt: skip


def _by_commonness(code: str) -> int:
    return _COMMON.index(code) if code in _COMMON else len(_COMMON)


def _entries(names: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """``names``' names and codes, the commonest countries first: a search stops sooner."""
    return tuple(sorted(names.items(), key=lambda kv: (_by_commonness(kv[1]), kv[0])))


@functools.cache
def _name_entries() -> tuple[tuple[str, str], ...]:
    return _entries(country_names())


@functools.cache
def _dotted_entries() -> tuple[tuple[str, str], ...]:
    return _entries(dotted_country_names())


def _table(entries: Sequence[tuple[str, str]]) -> str:
    """``|NAME=CC|NAME=CC…|``: a name is found as ``|NAME=``, its code just after it."""
    assert not any("|" in key or "=" in key for key, _ in entries)
    return "".join(f"|{key}={code}" for key, code in entries) + "|"


def _power_of_ten(field: str, multiplier: int | Decimal) -> int:
    """``k`` when ``multiplier`` is ``10**k``; SQL scales a number by its exponent, exactly."""
    sign, digits, exponent = Decimal(multiplier).normalize().as_tuple()
    if sign or digits != (1,) or not isinstance(exponent, int):
        raise IcpspecError(
            f"--unit {field}={multiplier}: the SQL engines read units that are powers of ten "
            "(thousands, millions, billions, 1000…); score it in Python (score_file, score_frame)"
        )
    return exponent


class _Compiler:
    def __init__(self, target: Target, dialect: str, columns: ResolvedColumns | None = None) -> None:
        sg = _sqlglot()
        self.exp = sg.exp
        self.dialect = dialect
        self.target = target
        #: Where each field is read (its column; a constant; NULL when nothing holds it), in which unit.
        self.sources: Mapping[str, str] = dict(columns.fields) if columns is not None else {}
        self.constants: Mapping[str, str] = dict(columns.constants) if columns is not None else {}
        self.missing = frozenset(columns.missing) if columns is not None else frozenset()
        self.exponents = {
            f: _power_of_ten(f, m) for f, m in (columns.units if columns is not None else {}).items()
        }
        #: On DuckDB, values read more than once are computed once per row, each in a
        #: column of a layer of its own under the criteria (see :meth:`bind`): DuckDB
        #: evaluates an expression again wherever it is written, and has ``* EXCLUDE``
        #: to leave the helper columns out. (Tests of ``self.dialect`` choose functions
        #: only DuckDB has: ``UNICODE``, ``STRLEN``, ``MAP``.)
        self.layered = dialect == "duckdb"
        self._values: dict[str, Any] = {}
        #: The bound expressions by their SQL text, and their columns' depths.
        self.bound: dict[str, str] = {}
        self.depth: dict[str, int] = {}
        #: Each layer's bound expressions, aliased; a layer reads the columns of those below it.
        self.layers: list[list[Any]] = []

    # --- small builders ---------------------------------------------------------------
    def s(self, text: str) -> Any:
        if "\x00" in text:
            raise IcpspecError(f"the text {quote(text)} holds a NUL character, which SQL text cannot")
        return self.exp.Literal.string(text)

    def num(self, value: float) -> Any:
        return self.exp.cast(self.s(repr(float(value))), "DOUBLE")

    def search(self, this: Any, pattern: str) -> Any:
        """Whether ``pattern`` is found anywhere in ``this`` (NULL for NULL)."""
        exp = self.exp
        if self.dialect == "snowflake":  # REGEXP_LIKE must match the whole text there
            return exp.GT(
                this=exp.func("REGEXP_INSTR", this, self.s(pattern)), expression=exp.Literal.number(0)
            )
        return exp.RegexpLike(this=this, expression=self.s(pattern))

    def fold(self, this: Any) -> Any:
        """``this`` case-folded as ``str.casefold`` folds: ``LOWER``, then the letters it leaves."""
        exp = self.exp
        low = exp.Lower(this=this)
        short_from, short_to, long = _folds()
        folded = exp.func("TRANSLATE", low.copy(), self.s(short_from), self.s(short_to))
        if self.dialect == "spark":
            # One flat AGGREGATE over the pairs, not 75 REPLACEs nested in one another:
            # Spark's parser keeps what it learns of every nesting it reads (its ANTLR
            # cache), and the nested chains of a few profiles took gigabytes of it.
            pair, acc = (exp.to_identifier(f"{HELPER_PREFIX}{n}") for n in ("pair", "acc"))
            pairs = exp.Array(
                expressions=[exp.Array(expressions=[self.s(a), self.s(b)]) for a, b in long.items()]
            )

            def half(i: int) -> Any:
                return exp.Anonymous(this="ELEMENT_AT", expressions=[pair.copy(), exp.Literal.number(i)])

            merge = exp.Lambda(
                this=exp.Anonymous(this="REPLACE", expressions=[acc.copy(), half(1), half(2)]),
                expressions=[acc, pair],
            )
            folded = exp.Anonymous(this="AGGREGATE", expressions=[pairs, folded, merge])
            # Only text holding one of the letters pays for it (almost none does).
            return self.case([(self.search(low.copy(), f"[{short_from}{''.join(long)}]"), folded)], low)
        for letter, fold in long.items():
            folded = exp.func("REPLACE", folded, self.s(letter), self.s(fold))
        if not self.layered:
            # Written once: inlined wherever the value is read, a guard would triple it.
            return folded
        # Only text holding one of these letters pays for the translation.
        return self.case([(self.search(low.copy(), f"[{short_from}{''.join(long)}]"), folded)], low)

    def raw(self, field: str) -> Any:
        exp = self.exp
        if field in self.constants:
            return exp.cast(self.s(self.constants[field]), "TEXT")
        if field in self.missing:
            return exp.cast(exp.null(), "TEXT")
        # Layered, the field is read from the layer below, which passes the table's columns on.
        name = self.sources.get(field, field)
        return exp.cast(exp.column(name, table=None if self.layered else "t", quoted=True), "TEXT")

    def bind(self, expr: Any) -> Any:
        """``expr`` computed once per row: on DuckDB a column of its own, elsewhere ``expr`` itself.

        The column is in the layer above the deepest column it reads; equal
        expressions share one column. :data:`HELPER_PREFIX` starts its name.
        """
        if not self.layered:
            return expr
        key = expr.sql(dialect=self.dialect)
        name = self.bound.get(key)
        if name is None:
            name = f"{HELPER_PREFIX}{len(self.bound)}"
            depth = 1 + max((self.depth.get(c.name, -1) for c in expr.find_all(self.exp.Column)), default=-1)
            if depth == len(self.layers):
                self.layers.append([])
            self.layers[depth].append(self.exp.alias_(expr, name, quoted=True))
            self.bound[key], self.depth[name] = name, depth
        return self.exp.column(name, quoted=True)

    def known(self, this: Any) -> Any:
        """Whether ``this`` is not NULL (never NULL itself)."""
        return self.exp.Not(this=self.exp.Is(this=this, expression=self.exp.null()))

    def contains(self, this: Any, text: str) -> Any:
        """Whether ``text`` occurs in ``this``."""
        exp = self.exp
        return exp.GT(this=exp.StrPosition(this=this, substr=self.s(text)), expression=exp.Literal.number(0))

    def translate(self, this: Any, chars: str) -> Any:
        return self.exp.func("TRANSLATE", this, self.s(chars), self.s(""))

    def strip(self, this: Any) -> Any:
        """``this`` trimmed like ``str.strip()`` (the full trim only when an end is whitespace)."""
        exp = self.exp
        padded = self.search(this, f"^[{_UNICODE_WS}]|[{_UNICODE_WS}]$")
        if self.dialect == "duckdb":
            # Most text starts and ends with a printable ASCII character, which no
            # whitespace is: two code point lookups rule it out, far cheaper there
            # than the regex, which is left for the rest.
            n = self.exp.Literal.number
            last = exp.Substring(this=this.copy(), start=n(-1))
            plain = exp.and_(
                *(
                    exp.Between(this=exp.func("UNICODE", end), low=n(0x21), high=n(0x84))
                    for end in (this.copy(), last)
                )
            )
            padded = exp.and_(exp.not_(plain), padded)
        full = exp.Trim(this=this, expression=self.s(_UNICODE_WS))
        return self.case([(padded, full)], this)

    def text(self, field: str) -> Any:
        """read_raw_text: trimmed like ``str.strip()``, NULL when empty."""
        return self.exp.Nullif(this=self.strip(self.raw(field)), expression=self.s(""))

    def case(self, whens: Sequence[tuple[Any, Any]], default: Any = None) -> Any:
        if not whens:
            return self.exp.null() if default is None else default
        case = self.exp.Case()
        for cond, then in whens:
            case = case.when(cond, then)
        return case.else_(default) if default is not None else case

    def in_(self, this: Any, values: Sequence[Any]) -> Any:
        exp = self.exp
        if not values:
            return exp.false()
        if self.layered and len(values) <= _MAX_OR_CHAIN:
            # DuckDB runs a constant IN list as a hash join; a few equalities are
            # several times faster and have the same three-valued answer. (Only
            # there, where ``this`` is a column: elsewhere it may be a long inlined
            # expression, which each equality would write out again.)
            return exp.or_(*(exp.EQ(this=this.copy(), expression=v) for v in values))
        return exp.In(this=this, expressions=list(values))

    # --- values ----------------------------------------------------------------------
    def number(self, field: str) -> Any:
        exp = self.exp
        raw = self.raw(field)
        if self.dialect == "duckdb":
            # TRANSLATE with sets this long costs over a microsecond a row there;
            # in text the grammar has matched, the number and the suffix are
            # the only digits and the only letters.
            number = exp.RegexpExtract(this=raw.copy(), expression=self.s("[0-9][0-9,]*([.][0-9]+)?"))
            digits = exp.func("REPLACE", number, self.s(","), self.s(""))
            suffix = exp.Lower(this=exp.RegexpExtract(this=raw.copy(), expression=self.s("[A-Za-z]+")))
        else:
            digits = self.translate(raw, _ASCII_WS + "+-$€£¥," + _LETTERS)
            suffix = exp.Lower(this=self.translate(raw, _ASCII_WS + "+-$€£¥,." + string.digits))
        # A simple CASE: the suffix is computed once, not once per suffix.
        # A unit (thousands…) adds to the exponent: the number is scaled exactly, as Python's scale().
        shift = self.exponents.get(field, 0)
        ifs = [
            exp.If(this=self.s(k), true=self.s(str(v + shift)))
            for k, v in {"": 0, **SUFFIX_EXPONENTS}.items()
        ]
        exponent = exp.Case(this=suffix, ifs=ifs)
        sign = self.case([(self.contains(raw, "-"), self.s("-"))], self.s(""))
        text = exp.DPipe(
            this=exp.DPipe(this=exp.DPipe(this=sign, expression=digits), expression=self.s("e")),
            expression=exponent,
        )
        valid = exp.and_(
            exp.LTE(this=exp.Length(this=raw), expression=exp.Literal.number(100)),
            self.search(raw, _NUMBER_RE),
        )
        plain = exp.and_(
            exp.LTE(this=exp.Length(this=raw), expression=exp.Literal.number(100)),
            self.search(raw, "^[0-9]+([.][0-9]+)?$"),
        )
        # Plain digits (the common case) are cast as they are; the rest take the grammar.
        as_read = exp.cast(raw, "DOUBLE")
        if shift:
            as_read = exp.cast(exp.DPipe(this=raw.copy(), expression=self.s(f"e{shift}")), "DOUBLE")
        whens = [(plain, as_read), (valid, exp.cast(text, "DOUBLE"))]
        if (
            self.dialect == "duckdb"
            and not shift
            and field not in self.constants
            and field not in self.missing
        ):
            # A DOUBLE column (Parquet) is a number as it stands, as in Python: as text,
            # DuckDB writes 1e16 and 0.00005 in exponent form, which the grammar refuses.
            # (In a unit, the column's text is scaled exactly as Python scales it, by the grammar.)
            name = self.sources.get(field, field)
            column = exp.column(name, table=None if self.layered else "t", quoted=True)
            double = exp.TryCast(this=column, to=exp.DataType.build("DOUBLE"))
            typed = self.in_(exp.func("TYPEOF", column.copy()), [self.s("DOUBLE"), self.s("FLOAT")])
            finite = exp.func("ISFINITE", double.copy())
            whens.insert(0, (typed, self.case([(finite, double)])))
        return self.bind(self.case(whens))

    def boolean(self, field: str) -> Any:
        exp = self.exp

        def read(low: Any) -> Any:  # the words, from trimmed lower-case text
            return self.case(
                [
                    (self.in_(low, [self.s(v) for v in _TRUE]), exp.true()),
                    (self.in_(low.copy(), [self.s(v) for v in _FALSE]), exp.false()),
                ]
            )

        if not self.layered:
            return read(exp.Lower(this=self.text(field)))
        # Most cells are a word as programs write it ("true", "False", "1"): compared as
        # they stand; the rest are trimmed and lower-cased first, once.
        raw = self.raw(field)
        yes, no = (dict.fromkeys(f(w) for w in words for f in _SPELLINGS) for words in (_TRUE, _FALSE))
        as_written = self.bind(
            self.case(
                [
                    (self.in_(raw, [self.s(v) for v in yes]), exp.true()),
                    (self.in_(raw.copy(), [self.s(v) for v in no]), exp.false()),
                ]
            )
        )
        unwritten = exp.Is(this=as_written, expression=exp.null())
        low = self.bind(self.case([(unwritten, exp.Lower(this=self.text(field)))]))
        return self.bind(exp.Coalesce(this=as_written.copy(), expressions=[read(low)]))

    def date(self, field: str) -> Any:
        """A date as the integer ``yyyymmdd``: ISO dates (with no time part) that exist."""
        exp = self.exp
        raw = self.raw(field)
        n = exp.Literal.number
        fits = exp.and_(exp.LTE(this=exp.Length(this=raw), expression=n(40)), self.search(raw, _DATE_RE))
        # Layered, the parts are columns, read from the text only where it fits the grammar.
        d = self.bind(self.case([(fits, self.strip(raw))])) if self.layered else self.strip(raw)

        def part(start: int, length: int) -> Any:
            return self.bind(exp.cast(exp.Substring(this=d.copy(), start=n(start), length=n(length)), "INT"))

        y, m, dd = part(1, 4), part(6, 2), part(9, 2)

        def mod(a: Any, b: int) -> Any:
            return exp.Mod(this=a, expression=n(b))

        leap = exp.or_(
            exp.and_(exp.EQ(this=mod(y, 4), expression=n(0)), exp.NEQ(this=mod(y, 100), expression=n(0))),
            exp.EQ(this=mod(y, 400), expression=n(0)),
        )
        days = self.case(
            [
                (self.in_(m, [n(4), n(6), n(9), n(11)]), n(30)),
                (exp.EQ(this=m, expression=n(2)), self.case([(leap, n(29))], n(28))),
            ],
            n(31),
        )
        valid = exp.and_(
            exp.GTE(this=y, expression=n(1)),
            exp.Between(this=m, low=n(1), high=n(12)),
            exp.Between(this=dd, low=n(1), high=days),
        )
        value = exp.Add(
            this=exp.Add(
                this=exp.Mul(this=y, expression=n(10000)), expression=exp.Mul(this=m, expression=n(100))
            ),
            expression=dd,
        )
        if self.layered:
            return self.bind(self.case([(valid, value)]))
        return self.case([(fits, self.case([(valid, value)]))])

    def lookup(self, entries: Sequence[tuple[str, str]], key: Any, raw: Any) -> Any:
        """The code ``entries`` give ``key``; NULL when they give none.

        On DuckDB a ``MAP`` constant, where a key is found several times faster
        than in text. Elsewhere ``key`` (at most 100 characters; ``raw`` the
        text it is read from) is searched for once in the text table of
        :func:`_table`, written after ``#`` filler longer than any key, so that
        a search that finds nothing (position 0) reads ``##`` from the filler.
        """
        exp = self.exp
        n = exp.Literal.number
        if self.dialect == "duckdb":
            # Built from two texts in a scalar subquery: DuckDB folds it to one constant,
            # and plans it several times faster than a MAP of as many literals.
            assert not any("|" in name for name, _ in entries)
            lists = [
                exp.Anonymous(this="STRING_SPLIT", expressions=[self.s("|".join(column)), self.s("|")])
                for column in zip(*entries, strict=True)
            ]
            found = exp.select(exp.Anonymous(this="MAP", expressions=lists)).subquery(copy=False)
            # ELEMENT_AT gives a list of the one value, or an empty list; its first item (from 1).
            return exp.Anonymous(
                this="LIST_EXTRACT",
                expressions=[exp.Anonymous(this="ELEMENT_AT", expressions=[found, key]), n(1)],
            )
        table = self.s("#" * _FILLER + _table(entries))
        needle = exp.DPipe(this=exp.DPipe(this=self.s("|"), expression=key.copy()), expression=self.s("="))
        at = exp.StrPosition(this=table, substr=needle)
        code = exp.Substring(
            this=table.copy(),
            start=exp.Add(this=exp.Add(this=at, expression=exp.Length(this=key.copy())), expression=n(2)),
            length=n(2),
        )
        # A key holding "|" or "=" could be found across two entries.
        plain = exp.not_(exp.or_(self.contains(raw.copy(), "|"), self.contains(raw.copy(), "=")))
        return self.case([(plain, exp.Nullif(this=code, expression=self.s("##")))])

    def country(self, field: str) -> Any:
        """read_country: the names and codes of ``country_names``, then the dotted short forms."""
        exp = self.exp
        n = exp.Literal.number
        raw = self.raw(field)
        # The common case first: the cell is a code as it stands (upper-case, no padding).
        code = self.is_code(raw)
        text = self.text(field)
        upper = exp.Upper(this=text.copy())
        if self.layered:  # the text read once, and only where the cell is no code
            code = self.bind(code)
            text = self.bind(self.case([(exp.not_(code.copy()), text)]))
            upper = self.bind(exp.Upper(this=text.copy()))
        has_dot = self.contains(raw.copy(), ".")
        undotted = exp.func(
            "REPLACE", exp.func("REPLACE", upper.copy(), self.s("."), self.s("")), self.s(" "), self.s("")
        )
        # Codes and abbreviations (three letters or fewer) are read from ASCII text only.
        short = exp.LTE(
            this=exp.Length(this=self.case([(has_dot.copy(), undotted.copy())], upper.copy())),
            expression=n(3),
        )
        if self.dialect == "duckdb":  # ASCII: as many bytes as characters, cheaper than a regex there
            not_ascii: Any = exp.NEQ(
                this=exp.Anonymous(this="STRLEN", expressions=[text.copy()]),
                expression=exp.Length(this=text.copy()),
            )
        else:
            not_ascii = self.search(text.copy(), "[^\x01-\x7f]")
        refused = exp.or_(
            exp.GT(this=exp.Length(this=text.copy()), expression=n(100)), exp.and_(short, not_ascii)
        )
        # A dotted text is a short form far more often than a name: the short forms first
        # (no text is in both), the names only for a text that is none of them.
        found = exp.Coalesce(
            this=self.case([(has_dot, self.lookup(_dotted_entries(), undotted, raw))]),
            expressions=[self.lookup(_name_entries(), upper.copy(), raw)],
        )
        if self.layered:
            # Looked up only for a text (not for a code or an empty cell: a chunk of rows
            # with none to look up skips the MAP), and checked only where it is found.
            found = self.bind(self.case([(self.known(upper.copy()), found)]))
            return self.bind(
                self.case(
                    [
                        (code, raw.copy()),
                        (
                            exp.and_(self.known(found), exp.not_(refused)),
                            found.copy(),
                        ),
                    ]
                )
            )
        return self.case([(code, raw.copy()), (refused, exp.null())], found)

    def is_code(self, this: Any) -> Any:
        """Whether ``this`` is one of the two-letter country codes.

        Written as a search in ``|AD|AE|…|`` rather than an ``IN`` of 250 values,
        which DuckDB runs as a join, several times slower. Exact: a two-character
        text with no ``|`` is found there only if it is one of the codes.
        """
        exp = self.exp
        codes = self.s("|" + "|".join(sorted(country_codes(), key=lambda c: (_by_commonness(c), c))) + "|")
        return exp.and_(
            exp.EQ(this=exp.Length(this=this.copy()), expression=exp.Literal.number(2)),
            exp.not_(self.contains(this.copy(), "|")),
            exp.GT(this=exp.StrPosition(this=codes, substr=this.copy()), expression=exp.Literal.number(0)),
        )

    def value(self, field: str) -> Any:
        """The value of ``field`` as SQL, built once per field (conditions get copies)."""
        built = self._values.get(field)
        if built is None:
            built = self._value(field)
            if not self.layered:
                # Inlined wherever a condition reads the field: rendered once, spliced in as
                # text, or sqlglot renders (and pretty-prints) the same deep tree each time.
                built = self.exp.Var(this=f"({built.sql(dialect=self.dialect)})")
            self._values[field] = built
        return built.copy()

    def _value(self, field: str) -> Any:
        t = self.target.fields[field].type
        if t in (FieldType.INTEGER, FieldType.NUMBER):
            return self.number(field)
        if t == FieldType.BOOLEAN:
            return self.boolean(field)
        if t == FieldType.DATE:
            return self.date(field)
        if t == FieldType.COUNTRY:
            return self.country(field)
        if t == FieldType.STRING:
            return self.bind(self.fold(self.text(field)))
        raise AssertionError(t)  # pragma: no cover - lists are compiled per condition

    def const(self, value: object, field_type: FieldType) -> Any:
        v = comparable(value, field_type)  # type: ignore[arg-type]
        if field_type in (FieldType.INTEGER, FieldType.NUMBER):
            return self.num(v)  # type: ignore[arg-type]
        if field_type == FieldType.DATE:
            return self.exp.Literal.number(v.year * 10000 + v.month * 100 + v.day)  # type: ignore[attr-defined]
        if field_type == FieldType.BOOLEAN:
            return self.exp.true() if v else self.exp.false()
        return self.s(str(v))

    # --- list fields -------------------------------------------------------------------
    def has_element(self, field: str, values: Sequence[str]) -> Any:
        """Whether the list in ``field`` has one of ``values`` as an element (case-insensitively)."""
        consts = []
        for value in values:
            c = comparable(value, FieldType.STRING_LIST)
            assert isinstance(c, str)
            if c and not any(sep in c for sep in _SEPARATORS) and c == c.strip():
                consts.append(_regex_literal(c))  # else no element of a list can be this
        if not consts:
            return self.exp.false()
        ws = f"[{_UNICODE_WS}]*"
        pattern = f"(^|[{_SEPARATORS}]){ws}({'|'.join(consts)}){ws}([{_SEPARATORS}]|$)"
        return self.search(self.fold(self.raw(field)), pattern)

    def list_known(self, field: str) -> Any:
        """TRUE when the list has an element, FALSE when it has none (never NULL)."""
        found = self.search(self.raw(field), f"[^{_SEPARATORS}{_UNICODE_WS}]")
        return self.exp.Coalesce(this=found, expressions=[self.exp.false()])

    # --- conditions --------------------------------------------------------------------
    def compile(self, cond: Condition) -> Any:
        exp = self.exp
        if isinstance(cond, AllOf):
            return exp.paren(exp.and_(*(self.compile(c) for c in cond.conditions)))
        if isinstance(cond, AnyOf):
            return exp.paren(exp.or_(*(self.compile(c) for c in cond.conditions)))
        if isinstance(cond, Not):
            return exp.Not(this=exp.paren(self.compile(cond.condition)))
        field_type = self.target.fields[cond.field].type
        if field_type == FieldType.STRING_LIST:
            return self.compile_list(cond)
        if isinstance(cond, Matches):
            text = self.bind(self.text(cond.field))
            too_long = exp.GT(this=exp.Length(this=text), expression=exp.Literal.number(MAX_MATCH_INPUT))
            return self.case([(too_long, exp.null())], self.search(text, cond.pattern))
        v = self.value(cond.field)
        if isinstance(cond, Exists):
            test = self.known(v)
            return test if cond.value else exp.Is(this=v, expression=exp.null())
        if isinstance(cond, Equals):
            holds = exp.EQ(this=v, expression=self.const(cond.value, field_type))
        elif isinstance(cond, In | NotIn):
            found = self.in_(v, [self.const(c, field_type) for c in cond.values])
            holds = found if isinstance(cond, In) else exp.Not(this=exp.paren(found))
        elif isinstance(cond, Min):
            holds = exp.GTE(this=v, expression=self.const(cond.value, field_type))
        elif isinstance(cond, Max):
            holds = exp.LTE(this=v, expression=self.const(cond.value, field_type))
        elif isinstance(cond, Between):
            holds = exp.Between(
                this=v, low=self.const(cond.low, field_type), high=self.const(cond.high, field_type)
            )
        else:  # pragma: no cover - the schema allows no other operator here
            raise IcpspecError(f"{cond.operator!r} cannot read a field of type {field_type.value}")
        # A comparison with NULL is NULL already; only a constant answer (an empty
        # list) needs the guard that keeps an unknown value unknown.
        if not holds.find(exp.Column, exp.Var):  # (a Var: the value inlined as text)
            return self.case([(self.known(v), holds)])
        return holds

    def compile_list(self, cond: Condition) -> Any:
        exp = self.exp
        field = cond.field  # type: ignore[union-attr]
        known = self.list_known(field)
        if isinstance(cond, Exists):
            return known if cond.value else exp.Not(this=exp.paren(known))
        if isinstance(cond, Matches):
            raise IcpspecError(
                f"'matches' on the list field {quote(field)} has no SQL form; score this profile in Python"
            )
        assert isinstance(cond, In | NotIn | ContainsAny | ContainsAll)
        if isinstance(cond, ContainsAll):
            tests = [self.has_element(field, [str(v)]) for v in cond.values]
            holds = exp.and_(*tests) if tests else exp.true()
        else:  # one pattern for all the values: any of them is an element
            holds = self.has_element(field, [str(v) for v in cond.values])
            if isinstance(cond, NotIn):
                holds = exp.Not(this=exp.paren(holds))
        return self.case([(known, holds)])


def _outcome_names(profile: Profile) -> list[str]:
    return [f"icp_c_{c.id}" for c in profile.criteria] + [f"icp_d_{d.id}" for d in profile.disqualifiers]


def _table_name(table: str) -> Any:
    """``table`` (``name``, ``schema.name`` or ``catalog.schema.name``) as a table, every part quoted.

    A table name is a name: whatever it holds (``a;b``, ``read_csv('x')``, a
    quote) is one identifier of the SQL, never SQL of its own.
    """
    exp = _sqlglot().exp
    parts = table.split(".")
    if len(parts) > 3 or not all(parts):
        raise IcpspecError(
            f"table {quote(table)}: a table is NAME, SCHEMA.NAME or CATALOG.SCHEMA.NAME, "
            "each part not empty (a name holding '.' cannot be given)"
        )
    names = [exp.to_identifier(p, quoted=True) for p in parts]
    catalog, db = ([None] * (3 - len(names)) + names)[:2]
    return exp.Table(this=names[-1], db=db, catalog=catalog)


def select_expression(
    target: Target, dialect: str, table: str, columns: ResolvedColumns | None = None
) -> Any:
    """The sqlglot expression of the scoring ``SELECT`` (see :func:`to_sql`).

    ``columns`` says which column holds each field (by default, the column
    named like it), which fields are constants and which are in a unit.
    """
    if dialect not in DIALECTS:
        raise IcpspecError(f"unknown SQL dialect {quote(dialect)}; choose one of: {', '.join(DIALECTS)}")
    profile = target.profile
    reserved = [f for f in fields_read(profile) if f.lower().startswith(HELPER_PREFIX)]
    if reserved:
        raise IcpspecError(
            f"the field {quote(reserved[0])}: names starting with {HELPER_PREFIX!r} are the SQL's own"
        )
    sg = _sqlglot()
    exp = sg.exp
    comp = _Compiler(target, dialect, columns)
    names = _outcome_names(profile)
    conds = [comp.compile(c.condition) for c in profile.criteria]
    conds += [comp.compile(d.condition) for d in profile.disqualifiers]
    star = exp.Star()
    source = _table_name(table).as_("t")
    selected: Any = exp.Column(this=star, table=exp.to_identifier("t"))
    for depth, bound in enumerate(comp.layers):  # the bound values, each layer over the one before
        source = exp.select(selected, *bound).from_(source, copy=False).subquery(f"b{depth}", copy=False)
        selected = exp.Star()
    outcomes = (exp.alias_(c, n, quoted=True) for c, n in zip(conds, names, strict=True))
    layer1 = exp.select(selected, *outcomes).from_(source, copy=False)

    def col(name: str) -> Any:
        return exp.column(name, quoted=True)

    helpers = list(comp.depth)
    query = layer1

    def let(**values: Any) -> list[Any]:
        """The ``values`` as columns of a layer of their own on DuckDB (helpers, left out of the
        result, so that a table's own ``icp_score`` is never read for ours); elsewhere themselves."""
        nonlocal query
        if not comp.layered:
            return list(values.values())
        named = {f"{HELPER_PREFIX}{name}": value for name, value in values.items()}
        aliased = [exp.alias_(value, name, quoted=True) for name, value in named.items()]
        query = exp.select(star, *aliased).from_(query.subquery(f"r{len(helpers)}", copy=False), copy=False)
        helpers.extend(named)
        return [col(name) for name in named]

    n_crit = len(profile.criteria)
    arithmetic = exact_arithmetic(profile)

    def integer(value: int) -> Any:
        return exp.Literal.number(value)

    def fold(terms: list[Any]) -> Any:
        # BIGINT from the start: the sums of integer weights pass 32 bits (below 2**53).
        acc: Any = exp.cast(integer(0), "BIGINT")
        for term in terms:
            acc = exp.Add(this=acc, expression=term)
        return exp.paren(acc)

    # Integer weights: sums and comparisons are exact (see ScoreArithmetic).
    matched = fold(
        [comp.case([(col(names[i]), integer(w))], integer(0)) for i, w in enumerate(arithmetic.weights)]
    )
    known = fold(
        [
            comp.case(
                [(comp.known(col(names[i])), integer(w))],
                integer(0),
            )
            for i, w in enumerate(arithmetic.weights)
        ]
    )
    # Tiers and the coverage minimum are tested on the score and the coverage, against the
    # floats of the least integers that reach them (ScoreArithmetic.tier_scores): exact, and
    # on DuckDB the weights are summed once. Scores and coverages are never negative: a least
    # value of 0 or less is always reached, and no tier after the first such one can be.
    short: Any = None  # coverage below the minimum
    if arithmetic.total:
        total = exp.cast(integer(arithmetic.total), "DOUBLE")
        score, coverage = let(
            score=exp.Div(
                this=exp.cast(exp.Mul(this=matched, expression=integer(100)), "DOUBLE"), expression=total
            ),
            coverage=exp.Div(this=exp.cast(known, "DOUBLE"), expression=total.copy()),
        )
        if arithmetic.least_coverage() > 0:
            short = exp.LT(this=coverage.copy(), expression=comp.num(arithmetic.least_coverage()))
        reach = list(arithmetic.tier_scores())
    else:  # no criteria: s = k = 0, so only bounds of 0 or less are reached
        score, coverage = comp.num(0.0), comp.num(1.0)
        if arithmetic.coverage_bound > 0:
            short = exp.true()
        reach = [(name, 0.0) for name, bound in arithmetic.tiers if bound <= 0]
    tested: list[tuple[Any, Any]] = []
    always = None  # the tier every scored record reaches, if one is
    for name, least in reach:
        if least <= 0:
            always = comp.s(name)
            break
        tested.append((exp.GTE(this=score.copy(), expression=comp.num(least)), comp.s(name)))

    whens: list[tuple[Any, Any]] = []
    disq = [exp.Is(this=col(n), expression=exp.true()) for n in names[n_crit:]]
    if disq:
        whens.append((exp.or_(*disq), comp.s(MatchStatus.DISQUALIFIED.value)))
    required = [names[i] for i, c in enumerate(profile.criteria) if c.required]
    if required:
        whens.append(
            (
                exp.or_(*(exp.Is(this=col(n), expression=exp.false()) for n in required)),
                comp.s(MatchStatus.REQUIRED_FAILED.value),
            )
        )
    insufficient = [exp.Is(this=col(n), expression=exp.null()) for n in required]
    if short is not None:
        insufficient.append(short)
    if insufficient:
        whens.append((exp.or_(*insufficient), comp.s(MatchStatus.INSUFFICIENT_DATA.value)))
    (status,) = let(status=comp.case(whens, comp.s(MatchStatus.SCORED.value)))

    tier = exp.cast(exp.null(), "TEXT")
    if tested or always is not None:
        scored = exp.EQ(this=status.copy(), expression=comp.s(MatchStatus.SCORED.value))
        tier = comp.case([(scored, comp.case(tested, always))])
    return exp.select(
        exp.Star(except_=[col(name) for name in helpers]) if helpers else star,
        exp.alias_(score, "icp_score"),
        exp.alias_(coverage, "icp_coverage"),
        exp.alias_(status, "icp_status"),
        exp.alias_(comp.s(profile.id), "icp_profile"),
        exp.alias_(tier, "icp_tier"),
        exp.alias_(comp.s(target.version), "icp_spec_version"),
    ).from_(query.subquery("r", copy=False), copy=False)
