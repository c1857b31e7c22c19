"""Reading any record as the mapping of field name to value the engine reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import attrs

__all__ = ["as_record"]


class _AttributeRecord:
    """A read-only mapping view of an object's attributes (``get`` is all the engine uses)."""

    __slots__ = ("_obj",)

    def __init__(self, obj: object) -> None:
        self._obj = obj

    def get(self, name: str, default: object = None) -> object:
        return getattr(self._obj, name, default)


def as_record(record: object) -> Mapping[str, object]:
    """Adapt ``record`` to a mapping of field name to value.

    Takes mappings as they are; attrs instances, dataclasses, pandas Series
    (through ``to_dict``) and any object with attributes are read by name.
    Adapting an adapted record gives it back: every engine may adapt what it
    is given without reading the record twice removed.
    """
    if isinstance(record, Mapping) or type(record) is _AttributeRecord:
        return record  # type: ignore[return-value]
    if record is None or isinstance(record, str | bytes | int | float | list | tuple | set):
        raise TypeError(f"a record is a mapping or an object with attributes, not {type(record).__name__}")
    if attrs.has(type(record)):
        return attrs.asdict(record, recurse=False)  # type: ignore[arg-type]
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    to_dict = getattr(record, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, Mapping):
            return data
    return _AttributeRecord(record)  # type: ignore[return-value]
