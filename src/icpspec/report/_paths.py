"""Paths as code scanning and workflow annotations want them: from the repository's root.

GitHub resolves the ``file=`` of an annotation and a SARIF result's URI
against the root of the repository, whatever folder the command ran in; a
path such as ``../specs/x.icp.yaml`` matches no file there. The root is the
nearest folder, from the current one up, that holds ``.git`` (what
``git rev-parse --show-toplevel`` prints, found without running git), else
the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["from_root", "repository_root"]


def repository_root(start: Path | None = None) -> Path:
    """The root of the git work tree holding ``start`` (default: the current folder), else ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def from_root(file: str, root: Path) -> str | None:
    """``file`` as a POSIX path relative to ``root``, or None when it lies outside ``root``.

    The folder is resolved (symbolic links, ``..``), the file name kept: a spec
    that is a link is reported under its own name.
    """
    path = Path(file)
    if not path.name or path.name in {".", ".."}:
        return None
    folder = Path(os.path.realpath(path.parent))
    try:
        return (folder / path.name).relative_to(root).as_posix()
    except ValueError:
        return None
