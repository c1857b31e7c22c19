"""OLD and NEW: a spec file, or ``git:REV:path``, read with ``git show`` (no shell)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from icpspec.diagnostics import IcpspecError, quote
from icpspec.engine import Target
from icpspec.model import Spec
from icpspec.schema import load, loads

__all__ = ["DiffError", "load_version"]

#: The longest a ``git show`` may take before the diff gives up.
GIT_TIMEOUT_S = 30


class DiffError(IcpspecError):
    """A version that cannot be read, or populations and profiles that do not fit."""


def load_version(ref: str | Path | Spec | Target, *, cwd: str | Path | None = None) -> tuple[str, Spec]:
    """``(name, spec)`` for a spec, a path, or ``git:REV:path`` (the file as it was at REV).

    ``path`` is as ``git show`` reads it: from the repository's top, or
    ``./relative`` to ``cwd``. Raises :class:`DiffError` outside a repository,
    for an unknown revision or path, and :class:`~icpspec.SpecError` for a
    spec with problems, located in ``REV:path``.
    """
    if isinstance(ref, Target):
        return "<target>", ref.spec
    if isinstance(ref, Spec):
        return "<spec>", ref
    text = str(ref)
    if not text.startswith("git:"):
        return text, load(text)
    rev, sep, path = text[4:].partition(":")
    if not sep or not rev or not path:
        raise DiffError(f"{quote(text)}: expected git:REV:path (git:main:icp.yaml, git:HEAD~1:./icp.yaml)")
    if rev.startswith("-"):
        raise DiffError(f"{quote(text)}: a revision cannot start with '-'")
    git = shutil.which("git")
    if git is None:
        raise DiffError(f"{quote(text)}: git is not installed")
    try:
        done = subprocess.run(  # noqa: S603 - an argument list, no shell; git found on PATH
            [git, "show", f"{rev}:{path}"],
            cwd=cwd,
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DiffError(f"{quote(text)}: git show took over {GIT_TIMEOUT_S} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = message[0] if message else f"git show exited with {done.returncode}"
        if "not a git repository" in first:
            first = "not inside a git repository"
        raise DiffError(f"{quote(text)}: {first.removeprefix('fatal: ')}")
    return f"{rev}:{path}", loads(done.stdout, filename=f"{rev}:{path}")
