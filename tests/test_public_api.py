"""The public surface: small, explicit, and light to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import icpspec


def test_every_public_name_resolves_and_dir_lists_exactly_them() -> None:
    assert sorted(dir(icpspec)) == sorted(icpspec.__all__)
    for name in icpspec.__all__:
        assert getattr(icpspec, name) is not None


def test_unknown_attributes_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        icpspec.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_icpspec_loads_no_heavy_dependency() -> None:
    heavy = ["jsonschema", "cattrs", "yaml", "re2", "pycountry", "click", "attrs", "typing"]
    heavy += ["polars", "pandas", "duckdb", "sqlglot"]
    code = f"import sys, icpspec\nprint(','.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # typing may come in with the interpreter's own start-up (site, sitecustomize): only
    # the others are icpspec's to avoid.
    loaded = [m for m in out.stdout.strip().split(",") if m and m != "typing"]
    assert loaded == []


def test_errors_are_value_errors_that_carry_diagnostics() -> None:
    assert issubclass(icpspec.SpecError, icpspec.IcpspecError)
    assert issubclass(icpspec.IcpspecError, ValueError)
    with pytest.raises(icpspec.SpecError) as info:
        icpspec.loads("icpspec: 2\n")
    (d,) = info.value.diagnostics
    assert (d.code, d.line, d.column, d.pointer) == ("ICP010", 1, 10, "/icpspec")
