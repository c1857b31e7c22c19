"""Reading the records of a JSON Lines file: one JSON object a line, strictly decoded."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator

from icpspec.diagnostics import quote
from icpspec.engine.values import UNKNOWN

from ._columns import ColumnsError, ResolvedColumns
from ._reading import _FileColumnsError, _Reading, _scaled, _value_reader
from ._source import RESET
from ._varying import VaryingColumns


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
        # The keys met, in order, for ``columns``, and the mapping over them (keys vary by line).
        varying = VaryingColumns(self._fields, self._columns)
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
            try:
                remap = varying.see(obj.keys())
            except ColumnsError as exc:  # the first line's keys
                raise _FileColumnsError(
                    self.name, line, 1, str(exc), field=exc.field, columns=exc.columns
                ) from None
            if remap:
                self.columns = varying.listed()
                assert varying.mapping is not None
                if self.mapping is None:
                    self._use(varying.mapping)
                self.mapping = varying.mapping
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
        self.columns = varying.listed()
        for field, column, why in varying.unheld("line"):
            raise _FileColumnsError(self.name, 0, 0, f"--map {field}={quote(column)}: {why}")
