"""The small SQL builders the compiler of conditions stands on: literals, text, rows, CASE and IN.

Each builds a sqlglot expression for the dialect; on DuckDB, values read more
than once are bound to helper columns computed once per row (see
:meth:`_SqlBuilder.bind`).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine.target import Target
from icpspec.records import ResolvedColumns

#: Python's ``str.strip()`` whitespace, every code point of it.
_UNICODE_WS = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
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


def _power_of_ten(field: str, multiplier: int | Decimal) -> int:
    """``k`` when ``multiplier`` is ``10**k``; SQL scales a number by its exponent, exactly."""
    sign, digits, exponent = Decimal(multiplier).normalize().as_tuple()
    if sign or digits != (1,) or not isinstance(exponent, int):
        raise IcpspecError(
            f"--unit {field}={multiplier}: the SQL engines read units that are powers of ten "
            "(thousands, millions, billions, 1000…); score it in Python (score_file, score_frame)"
        )
    return exponent


class _SqlBuilder:
    """Small sqlglot builders for one target and dialect, and the binding of values once per row."""

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
