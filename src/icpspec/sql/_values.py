"""Reading a field's text as its type in SQL, by the grammar of :mod:`icpspec.engine.values`.

Numbers (with their suffixes and units), booleans, ISO dates and countries
(by code, name or dotted short form, looked up in tables of the countries'
names) are parsed from the text; what is outside the grammar is NULL.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping, Sequence
from typing import Any

from icpspec.engine.reference import comparable
from icpspec.engine.values import SUFFIX_EXPONENTS, country_codes, country_names, dotted_country_names
from icpspec.model import FieldType

from ._builders import _UNICODE_WS, _SqlBuilder

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


class _ValueReader(_SqlBuilder):
    """Each field's value read from its text, as SQL (see the module doc)."""

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
