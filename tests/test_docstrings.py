"""Every example in a docstring of icpspec runs and shows what it says.

Docstring examples are documentation the reference pages render; one that no
test runs goes stale unseen (four had: a Katz interval, an AUC, and two
docstrings doctest could not even read).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import icpspec

#: What icpspec's extras install: a module that needs one is skipped without it.
OPTIONAL = {"polars", "pandas", "pyarrow", "sqlglot", "duckdb", "pyspark", "psycopg"}


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(icpspec.__path__, "icpspec."))


def test_modules_are_found() -> None:
    assert "icpspec.suggest._stats" in _modules()


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] not in OPTIONAL:
            raise
        pytest.skip(f"{name}: the extra holding {error.name} is not installed")
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS, verbose=False)
    for test in finder.find(module, name):
        if test.examples:
            runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{name}: {results.failed} docstring example(s) failed (output above)"
