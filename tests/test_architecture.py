"""The architecture DESIGN §8 asks for, held by tests: shared means public, and no import cycle.

import-linter (``lint-imports``) keeps the layers; these tests, on grimp's
import graph (the library import-linter is built on), keep what layers
cannot say:

- no module imports a private (``_x``) module or name of another package:
  what two packages share is public one floor down;
- no import cycle between modules.

A *package* here is a direct subpackage of ``icpspec`` (``icpspec.records``,
``icpspec.cli``…) or, for the modules at the top (``icpspec._version``),
``icpspec`` itself; a subpackage (``icpspec.lint.rules``) belongs to its
package.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import grimp

import icpspec

SRC = Path(icpspec.__file__).resolve().parent


@functools.cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("icpspec", include_external_packages=False)


def package(module: str) -> str:
    """``icpspec.records`` for ``icpspec.records._reader``; ``icpspec`` for ``icpspec._version``."""
    parts = module.split(".")
    if len(parts) > 1 and _is_package(".".join(parts[:2])):
        return ".".join(parts[:2])
    return "icpspec"


def _is_package(module: str) -> bool:
    return (SRC.joinpath(*module.split(".")[1:]) / "__init__.py").exists()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _source(module: str) -> tuple[Path, ast.Module]:
    parts = module.split(".")[1:]
    path = (
        SRC.joinpath(*parts) / "__init__.py"
        if _is_package(module)
        else SRC.joinpath(*parts[:-1], parts[-1] + ".py")
    )
    if module == "icpspec":
        path = SRC / "__init__.py"
    return path, ast.parse(path.read_text(encoding="utf-8"))


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if _is_package(module) or module == "icpspec" else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def private_imports() -> list[str]:
    """Every import of a private module or name of another package, as ``file:line: what``."""
    found = []
    for module in sorted(graph().modules):
        path, tree = _source(module)
        rel = path.relative_to(SRC.parent)
        found += [f"{rel}:{where}" for where in check_module(module, tree, graph().modules)]
    return found


def check_module(module: str, tree: ast.Module, modules: set[str]) -> list[str]:
    """``line: what`` for each private module or name of another package that ``module`` imports.

    ``modules`` are every module of the package (to tell ``from a import b``
    of a module ``b`` from that of a name ``b``). A module of another package
    imported whole and then read for a private attribute (``values._x``)
    counts too.
    """
    here = package(module)
    found = []
    aliases: dict[str, str] = {}  # a local name bound to another package's module
    for node in ast.walk(tree):
        imported: list[tuple[str, str | None, str]] = []  # (module, name, local)
        if isinstance(node, ast.Import):
            imported = [(a.name, None, a.asname or a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            for a in node.names:
                full = f"{source}.{a.name}"
                target = full if full in modules else source
                imported.append((target, None if target == full else a.name, a.asname or a.name))
        for target, name, local in imported:
            if not target.startswith("icpspec") or package(target) == here:
                continue
            if any(_private(p) for p in target.split(".")[1:]) or (name is not None and _private(name)):
                found.append(f"{node.lineno}: {target}{'.' + name if name else ''}")
            if name is None:
                aliases[local] = target
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and _private(node.attr)
        ):
            found.append(f"{node.lineno}: {aliases[node.value.id]}.{node.attr}")
    return found


def test_no_private_name_is_imported_across_packages() -> None:
    """Found: 16 import statements brought private names across packages."""
    assert private_imports() == []


def test_the_check_sees_private_imports() -> None:
    """The check itself: another package's private module, private name, private attribute."""
    tree = ast.parse(
        "from icpspec.engine.reference import MATCHED as _m\n"
        "from icpspec.schema._validate import SCHEMA_FILE\n"
        "from ..engine.reference import _hidden\n"
        "from icpspec.engine import values\n"
        "from ._columns import _own\n"
        "X = values._READERS\n"
    )
    found = check_module("icpspec.records._probe", tree, set(graph().modules))
    assert found == [
        "2: icpspec.schema._validate.SCHEMA_FILE",
        "3: icpspec.engine.reference._hidden",
        "6: icpspec.engine.values._READERS",
    ]


def test_no_import_cycles() -> None:
    """Found: the CLI had two import cycles (cli._main <-> cli._sql, cli._lint <-> cli._main)."""
    g = graph()
    cycles = set()
    for module in sorted(g.modules):
        for imported in sorted(g.find_modules_directly_imported_by(module)):
            if not _init_reexport(module, imported) and g.chain_exists(importer=imported, imported=module):
                cycles.add(frozenset({module, imported}))
    assert cycles == set()


def _init_reexport(first: str, second: str) -> bool:
    """A package's ``__init__`` and one of its own modules: re-exporting, no cycle of behaviour."""
    return (_is_package(first) and second.startswith(first + ".")) or (
        _is_package(second) and first.startswith(second + ".")
    )
