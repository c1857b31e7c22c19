"""``diff``: what changes between two versions of a spec, and what the change does to a population."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from icpspec.diagnostics import printable_name
from icpspec.engine import Target, spec_version
from icpspec.evaluate import Evaluation, evaluate
from icpspec.model import Spec
from icpspec.records import Columns

from ._changes import Change, changes
from ._load import DiffError, load_version
from ._migration import Migration, choose_profiles, migrate

__all__ = ["SpecDiff", "diff"]


@attrs.frozen
class SpecDiff:
    """Two versions compared: the changes by id; with a population, the migration matrix; with
    an outcome, both evaluations."""

    old: str
    new: str
    old_version: str
    new_version: str
    profiles: tuple[str, str] | None
    changes: tuple[Change, ...]
    migration: Migration | None = None
    old_evaluation: Evaluation | None = None
    new_evaluation: Evaluation | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible data (``format: icpspec-diff-1``)."""
        out: dict[str, Any] = {
            "format": "icpspec-diff-1",
            "old": {"name": self.old, "version": self.old_version},
            "new": {"name": self.new, "version": self.new_version},
            "profiles": list(self.profiles) if self.profiles else None,
            "changes": [attrs.asdict(c) | {"text": str(c)} for c in self.changes],
            "migration": None,
            "evaluations": None,
        }
        m = self.migration
        if m is not None:
            out["migration"] = {
                "records": m.records,
                "moved": m.moved(),
                "skipped": m.skipped,
                "old_groups": list(m.old_groups),
                "new_groups": list(m.new_groups),
                "cells": [{"old": a, "new": b, "records": n} for (a, b), n in m.cells.items()],
                "movers": [attrs.asdict(x) for x in m.movers],
            }
        if self.old_evaluation is not None and self.new_evaluation is not None:
            out["evaluations"] = {"old": self.old_evaluation.to_dict(), "new": self.new_evaluation.to_dict()}
        return out


def diff(
    old: str | Path | Spec | Target,
    new: str | Path | Spec | Target,
    *,
    profile: str | None = None,
    population: str | os.PathLike[str] | BinaryIO | None = None,
    outcome: str | None = None,
    columns: Columns | Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    positive: Sequence[str] | None = None,
    negative: Sequence[str] | None = None,
) -> SpecDiff:
    """Compare two versions of a spec (DESIGN §6.3).

    ``old`` and ``new`` are specs, files, or ``git:REV:path``. With a
    ``population`` (a CSV or JSON Lines file), every record is matched against
    both versions of the profile (``profile``, or each version's only live
    one): the migration matrix counts them by old and new group, and the top
    movers are the records whose group or score changed most. With an
    ``outcome`` column, the population is evaluated on both versions, its values read as
    ``icpspec evaluate`` reads them (``positive`` and ``negative`` name the won and lost ones).

    >>> d = diff("examples/minimal.icp.yaml", "examples/minimal.icp.yaml")
    >>> d.changes
    ()
    """
    if outcome is not None and population is None:
        raise DiffError("--outcome needs --population FILE: the records whose outcomes are known")
    if outcome is None and (positive is not None or negative is not None):
        raise DiffError("--positive/--negative read the --outcome column: give it too")
    old_name, old_spec = load_version(old, cwd=cwd)
    new_name, new_spec = load_version(new, cwd=cwd)
    found = tuple(changes(old_spec, new_spec))
    chosen: tuple[str, str] | None = None
    migration = old_eval = new_eval = None
    if population is not None:
        chosen = choose_profiles(old_spec, new_spec, profile)
        if outcome is not None and not isinstance(population, str | os.PathLike):
            raise DiffError("--outcome reads the population twice: give a file path, not a stream")
        if outcome is not None:
            # The matrix reads the records as the evaluations do: the outcome holds no field.
            given = columns if isinstance(columns, Columns) else Columns(map=dict(columns or {}))
            columns = attrs.evolve(given, reserved={**given.reserved, outcome: "--outcome"})
        migration = migrate(population, old_spec, new_spec, chosen, columns=columns)
        if outcome is not None:
            old_eval, new_eval = (
                evaluate(
                    population,
                    spec,
                    outcome=outcome,
                    profile=pid,
                    columns=columns,
                    positive=positive,
                    negative=negative,
                )
                for spec, pid in ((old_spec, chosen[0]), (new_spec, chosen[1]))
            )
    elif profile is not None:
        chosen = choose_profiles(old_spec, new_spec, profile)
    return SpecDiff(
        # Names as text any output can hold: a file name's byte that is no UTF-8 shows as '\xff'
        # (nothing else changes: the JSON keeps the name; the text and Markdown escape it).
        old=printable_name(old_name),
        new=printable_name(new_name),
        old_version=_stamp(old_spec, chosen[0] if chosen else None),
        new_version=_stamp(new_spec, chosen[1] if chosen else None),
        profiles=chosen,
        changes=found,
        migration=migration,
        old_evaluation=old_eval,
        new_evaluation=new_eval,
    )


def _stamp(spec: Spec, profile: str | None) -> str:
    del profile  # the stamp names the whole spec, whichever profile is compared
    return spec_version(spec)
