"""Reading the records of a JSON Lines file: one JSON object a line, strictly decoded."""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from icpspec.diagnostics import did_you_mean, quote
from icpspec.engine.values import UNKNOWN
from icpspec.model import FieldDefinition, normalize_column_name

from ._columns import ColumnsError, ResolvedColumns, header_unit
from ._reading import _FileColumnsError, _Reading, _scaled, _value_reader
from ._source import RESET


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {quote(key)}")
            seen.add(key)
    return out


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        # 1e309 reads as infinity, which no strict JSON writer can write back.
        raise ValueError(f"{text[:40]} is too large for a number")
    return value


_JSON = json.JSONDecoder(
    object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant, parse_float=_finite_float
)
#: A ``\u`` escape of a UTF-16 surrogate (high or low), which may stand alone.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _json_problem(text: str, obj: object, max_depth: int) -> str | None:
    """Why a decoded JSON Lines record cannot be written back as UTF-8 JSON or CSV, or ``None``."""
    if "\\u0000" in text:
        return "a NUL character (\\u0000)"
    if text.count("[") + text.count("{") > max_depth and _deeper_than(obj, max_depth):
        return f"nested more than {max_depth} levels deep"
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return "a lone surrogate (a \\ud800-\\udfff escape that is half of a character)"
    return None


def _deeper_than(obj: object, limit: int) -> bool:
    stack: list[tuple[object, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return False


#: Distinct keys of a JSON Lines file that :attr:`RecordReader.columns` lists: the first met,
#: and every key that may hold a field read. Keys vary from line to line; remembering every
#: one would grow memory with the file when each line brings a key of its own.
MAX_LISTED_KEYS = 10_000


class _KeyNames:
    """The keys met that may hold a field read: few, however many keys and spellings a file has.

    A key may hold a field when it folds (case, spaces and punctuation ignored)
    to a field's name, an alias or a column a map names, or when its header
    says a unit (``Revenue ($M)``) and the rest folds so. Once two keys fold to
    a name, every rule that reads the name is ambiguous, and stays so: a third
    spelling cannot change the mapping, so it is not kept (unless a map names
    it exactly). The keys mapped, and the times a file is mapped again, are
    bounded by the names the fields have, not by the keys the file holds.
    """

    def __init__(self, fields: Mapping[str, FieldDefinition], mapped: Iterable[str]) -> None:
        self._mapped = tuple(dict.fromkeys(mapped))
        self._wanted = {
            normalize_column_name(name)
            for field, definition in fields.items()
            for name in (field, *definition.aliases)
        } | {normalize_column_name(c) for c in self._mapped}
        self._kept: dict[str, None] = {}
        self._as_name: dict[str, int] = {}  # a name: the keys kept that fold to it
        self._by_name: dict[str, int] = {}  # a name: those, and the keys whose unit header's rest does

    def add(self, key: str) -> bool:
        """Keep ``key`` if it may change the mapping; whether it was kept."""
        if key in self._kept:
            return False
        wanted = self._wanted
        folded = normalize_column_name(key)
        as_name = folded in wanted
        unit = header_unit(key)
        base = normalize_column_name(unit[0]) if unit is not None else ""
        as_base = unit is not None and base in wanted and base != folded
        if not (
            key in self._mapped
            or (as_name and self._as_name.get(folded, 0) < 2)
            or (as_base and self._by_name.get(base, 0) < 2)
        ):
            return False
        self._kept[key] = None
        if as_name:
            self._as_name[folded] = self._as_name.get(folded, 0) + 1
            self._by_name[folded] = self._by_name.get(folded, 0) + 1
        if as_base:
            self._by_name[base] = self._by_name.get(base, 0) + 1
        return True

    def keys(self) -> list[str]:
        """The keys kept, then :meth:`later`."""
        return [*self._kept, *self.later()]

    def later(self) -> list[str]:
        """Each column a map names that no key holds yet (it may come later)."""
        return [c for c in self._mapped if not self.holds(c)]

    def holds(self, column: str) -> bool:
        """Whether a key met folds as ``column`` does."""
        return normalize_column_name(column) in self._as_name


class _JsonlReading(_Reading):
    """The JSON Lines side of :class:`RecordReader`."""

    def _converters(self, mapping: ResolvedColumns) -> list[tuple[str, str, Callable[[object], object]]]:
        """``(field, column, reader)`` for every field a column holds, in its unit."""
        out = []
        for field, column in mapping.fields.items():
            read = _value_reader(self._fields[field].type)
            multiplier = mapping.units.get(field)
            if multiplier is not None:
                read = _scaled(read, multiplier)
            out.append((field, column, read))
        return out

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, object], dict[str, object]]]:
        src = self._source
        bad = src.bad
        decode = _JSON.decode
        report = self.report
        unknown = self._unknown
        # The keys met, in order, for ``columns``: the first MAX_LISTED_KEYS and every key
        # that may hold a field (a key new on every line must not grow memory with the file).
        seen: dict[str, None] = {}
        unlisted: dict[str, None] = {}  # keys past the limit that hold no field (the first ones)
        limit = MAX_LISTED_KEYS
        names = _KeyNames(self._fields, self._columns.map.values())
        converters: list[tuple[str, str, Callable[[object], object]]] = []
        constants: list[tuple[str, object]] = []
        for text in src.lines():
            line = src.row_end = src.lineno
            if text is RESET:
                assert src.reset_reason is not None
                self._skip(*src.reset_reason)
                src.reset_reason = None
                continue
            if bad and line in bad:
                self._skip(line, *bad.pop(line))
                continue
            try:
                obj = decode(text)
            except json.JSONDecodeError as exc:
                if not text.strip():
                    report.blank_lines += 1
                else:
                    self._skip(line, exc.colno, f"not JSON: {exc.msg}")
                continue
            except (ValueError, RecursionError) as exc:
                reason = (
                    "nested too deeply"
                    if isinstance(exc, RecursionError)
                    else "a number with too many digits"
                    if "digits" in str(exc)
                    else str(exc)
                )
                self._skip(line, 1, f"not JSON: {reason}")
                continue
            problem = _json_problem(text, obj, self._limits.max_json_depth)
            if problem is not None:
                self._skip(line, 1, problem)
                continue
            if type(obj) is not dict:
                kind = {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
                    type(obj), "a number"
                )
                self._skip(line, 1, f"{kind}, not a JSON object")
                continue
            remap = False
            if not seen.keys() >= obj.keys():
                if self.mapping is None:
                    # The first record's keys are all listed: a CSV written of it has them.
                    limit = max(MAX_LISTED_KEYS, len(obj))
                for key in obj:
                    if key not in seen and key not in unlisted:
                        named = names.add(key)
                        if named or len(seen) < limit:
                            seen[key] = None
                        elif len(unlisted) < MAX_LISTED_KEYS:
                            unlisted[key] = None  # no field's: not looked at again
                        remap |= named
            if remap or self.mapping is None:
                self.columns = tuple(seen)
                # Keys vary from line to line: a key named by an override may come later
                # (spelt as a line's key would be found: ignoring case and spacing).
                keys, later = names.keys(), names.later()
                if self.mapping is None:
                    self.mapping = self._map(keys)
                else:
                    # A later key that would make a field ambiguous: keep the mapping in use.
                    with contextlib.suppress(ColumnsError):
                        self.mapping = self._columns.resolve(keys, self._fields)
                # Mapped from the keys that may hold a field; the columns are every key listed.
                self.mapping = attrs.evolve(self.mapping, columns=(*self.columns, *later))
                converters = self._converters(self.mapping)
                constants = self._constants
            record: dict[str, object] = {}
            for field, key, read in converters:
                raw = obj.get(key)
                value = read(raw)
                if value is UNKNOWN:
                    unknown(field, raw)
                    value = None
                record[field] = value
            for field, value in constants:
                record[field] = value[:] if type(value) is list else value
            report.records += 1
            yield line, obj, record
        self.columns = tuple(seen)
        for field, column in self._columns.map.items():
            if not names.holds(column):
                hint = did_you_mean(column, self.columns)
                message = f"--map {field}={quote(column)}: no line has such a column{hint}"
                raise _FileColumnsError(self.name, 0, 0, message)
