"""Finding spec files by name: ``*.icp.yaml``, ``*.icp.yml``, ``*.icp.json``, ``icp.yaml``."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["SKIPPED_DIRS", "SPEC_NAME", "is_spec_name", "walk_specs"]

#: The names of spec files, as a regular expression on the base name.
SPEC_NAME = re.compile(r"(?:.+\.)?icp\.(?:ya?ml|json)")
#: Folders never entered when walking a directory.
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"}
)


def is_spec_name(path: str) -> bool:
    """Whether ``path`` is named like a spec file."""
    return bool(SPEC_NAME.fullmatch(Path(path).name))


def walk_specs(root: str, excluded: Callable[[str], bool]) -> Iterator[str]:
    """Spec files under ``root``, sorted, skipping excluded files and folders and hidden tools' folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIPPED_DIRS and not excluded(str(Path(folder, d)) + os.sep)
        )
        for name in sorted(files):
            path = str(Path(folder, name))
            if SPEC_NAME.fullmatch(name) and not excluded(path):
                yield path
