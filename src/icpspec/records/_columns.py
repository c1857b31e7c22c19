"""Matching a file's columns to the spec's fields, through the catalogue's aliases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from icpspec.diagnostics import IcpspecError, quote
from icpspec.model import FieldDefinition, normalize_column_name
from icpspec.schema._validate import did_you_mean

__all__ = ["ColumnMapping", "ColumnMappingError", "map_columns"]

How = Literal["map", "name", "alias"]


class ColumnMappingError(IcpspecError):
    """A ``--map`` that names no field or no column, or two columns that hold one field."""


@attrs.frozen
class ColumnMapping:
    """Which column holds each field: ``fields[field] = column``; ``how`` says why.

    ``how`` is ``map`` (asked for), ``name`` (the column is named like the
    field) or ``alias`` (the column is one of the field's aliases). ``missing``
    lists the fields no column holds: every outcome that reads them is unknown.
    """

    columns: tuple[str, ...]
    fields: Mapping[str, str]
    how: Mapping[str, How]
    missing: tuple[str, ...]

    def describe(self) -> list[str]:
        """One line per field, ``employees <- 'Number of employees' (alias)``, for people."""
        lines = [f"{field} <- {quote(column)} ({self.how[field]})" for field, column in self.fields.items()]
        lines += [f"{field} <- no column: its outcomes are unknown" for field in self.missing]
        return lines


def _find_column(columns: Sequence[str], wanted: str) -> str | None:
    if wanted in columns:
        return wanted
    folded = normalize_column_name(wanted)
    found = [c for c in columns if normalize_column_name(c) == folded]
    return found[0] if len(found) == 1 else None


def map_columns(
    columns: Sequence[str],
    fields: Mapping[str, FieldDefinition],
    overrides: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Map ``columns`` to ``fields``: ``overrides`` first, then names, then aliases.

    Names and aliases match ignoring case, spaces and punctuation
    (``Number of Employees`` is ``number_of_employees``). Two columns that both
    hold a field by the same rule are an error: which one is meant is the
    user's choice, made with an override.

    >>> from icpspec.model import ACCOUNT_FIELDS
    >>> m = map_columns(["Company", "Number of Employees", "HQ Country"], ACCOUNT_FIELDS)
    >>> dict(m.fields)
    {'name': 'Company', 'employees': 'Number of Employees', 'country': 'HQ Country'}
    """
    overrides = dict(overrides or {})
    chosen: dict[str, str] = {}
    how: dict[str, How] = {}
    for field, column in overrides.items():
        if field not in fields:
            raise ColumnMappingError(
                f"--map {quote(field)}: no such field{did_you_mean(field, fields)} "
                f"(fields read: {', '.join(sorted(fields))})"
            )
        found = _find_column(columns, column)
        if found is None:
            raise ColumnMappingError(
                f"--map {field}={quote(column)}: no such column{did_you_mean(column, columns)}"
            )
        chosen[field], how[field] = found, "map"
    by_name: dict[str, list[str]] = {}
    for column in columns:
        by_name.setdefault(normalize_column_name(column), []).append(column)
    missing = []
    for field, definition in fields.items():
        if field in chosen:
            continue
        for rule, names in (("name", (field,)), ("alias", definition.aliases)):
            hits = [c for name in names for c in by_name.get(normalize_column_name(name), [])]
            unique = list(dict.fromkeys(hits))
            if len(unique) > 1:
                listed = " and ".join(quote(c) for c in unique[:3])
                both = "both" if len(unique) == 2 else "all"
                raise ColumnMappingError(
                    f"columns {listed} {both} hold field {quote(field)}; choose one with --map {field}=COLUMN"
                )
            if unique:
                chosen[field], how[field] = unique[0], rule  # type: ignore[assignment]
                break
        else:
            missing.append(field)
    ordered = {f: chosen[f] for f in fields if f in chosen}
    return ColumnMapping(tuple(columns), ordered, {f: how[f] for f in ordered}, tuple(missing))
