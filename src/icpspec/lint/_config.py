"""Lint configuration: ``[tool.icpspec]`` in ``pyproject.toml``, ``icpspec.toml`` or ``.icpspec.toml``.

The nearest configuration file above a spec applies to it (in each folder,
``.icpspec.toml`` first, then ``icpspec.toml``, then a ``pyproject.toml``
that has a ``[tool.icpspec]`` table). Paths and globs in it are relative to
the folder the file is in. Unknown keys are errors, with a hint.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from icpspec.diagnostics import IcpspecError, escape, quote
from icpspec.model import Duration

from ._registry import RULES, OptionValue, Rule, lookup

__all__ = ["CONFIG_FILES", "ConfigError", "LintConfig", "find_config", "load_config", "resolve_selectors"]

#: The file names looked for, in order of precedence within one folder.
CONFIG_FILES = (".icpspec.toml", "icpspec.toml", "pyproject.toml")
_LIST_KEYS = ("select", "extend-select", "ignore", "exclude")
_KEYS = (*_LIST_KEYS, "per-file-ignores")


class ConfigError(IcpspecError):
    """A configuration file or setting is wrong (the command line exits with status 2)."""


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {quote(close[0])}?" if close else ""


def resolve_selectors(selectors: Iterable[str], where: str = "the selection") -> set[str]:
    """The codes of the lint rules that ``selectors`` (codes, names, code prefixes, ``ALL``) name."""
    lint_codes = [c for c, r in RULES.items() if r.stage == "lint"]
    out: set[str] = set()
    for sel in selectors:
        if sel.upper() == "ALL":
            out.update(lint_codes)
            continue
        found = lookup(sel)
        if found is not None:
            if found.stage != "lint":
                raise ConfigError(
                    f"{where}: {quote(sel)} is reported when a spec loads; it cannot be selected or ignored"
                )
            out.add(found.code)
            continue
        prefixed = (
            [c for c in lint_codes if c.startswith(sel.upper())] if sel.upper().startswith("ICP") else []
        )
        if not prefixed:
            names = [r.name for r in RULES.values()] + list(RULES)
            raise ConfigError(f"{where}: unknown rule {quote(sel)}{_hint(sel, names)}")
        out.update(prefixed)
    return out


@attrs.frozen
class LintConfig:
    """Which rules run on which files, and with what options.

    >>> LintConfig(ignore=("no-competitors",)).enabled("a.icp.yaml") >= {"ICP201"}
    True
    """

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, OptionValue]] = attrs.field(factory=dict)
    root: str = "."
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        where = self.source or "the configuration"
        for key in ("select", "extend_select", "ignore"):
            resolve_selectors(getattr(self, key), f"{where}: {key.replace('_', '-')}")
        for _glob, codes in self.per_file_ignores:
            resolve_selectors(codes, f"{where}: per-file-ignores")

    def _relative(self, file: str) -> str:
        try:
            rel = os.path.relpath(Path(file).resolve(), Path(self.root).resolve())
        except ValueError:  # another drive on Windows
            rel = file
        return PurePosixPath(Path(rel)).as_posix()

    def enabled(self, file: str) -> set[str]:
        """The codes of the rules that run on ``file``."""
        codes = resolve_selectors(self.select) | resolve_selectors(self.extend_select)
        codes -= resolve_selectors(self.ignore)
        if self.per_file_ignores:
            import pathspec

            rel = self._relative(file)
            for glob, ignored in self.per_file_ignores:
                if pathspec.GitIgnoreSpec.from_lines([glob]).match_file(rel):
                    codes -= resolve_selectors(ignored)
        return codes

    def excluded(self, file: str) -> bool:
        """Whether ``file`` matches an ``exclude`` pattern (relative to the configuration's folder)."""
        if not self.exclude:
            return False
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.exclude).match_file(self._relative(file))

    def rule_options(self, r: Rule) -> dict[str, OptionValue]:
        """The options of rule ``r`` in this configuration: its defaults, overridden."""
        return {**r.defaults(), **self.options.get(r.name, {})}

    def evolve(self, **changes: Any) -> LintConfig:
        """A copy with some settings changed (the command line's ``--select`` and friends)."""
        return attrs.evolve(self, **changes)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _check_option(r: Rule, name: str, value: object, where: str) -> OptionValue:
    option = next((o for o in r.options if o.name == name), None)
    if option is None:
        known = [o.name for o in r.options]
        listed = f" (it takes: {', '.join(known)})" if known and not _hint(name, known) else ""
        takes = "" if known else f"; {quote(r.name)} takes no options"
        raise ConfigError(f"{where}: unknown option {quote(name)}{_hint(name, known)}{listed}{takes}")
    default = option.default
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f'{where}.{name} must be a duration such as "90d", "6m" or "1y"')
        try:
            Duration.parse(value)
        except ValueError:
            raise ConfigError(
                f'{where}.{name}: {quote(value)} is not a duration such as "90d", "6m" or "1y"'
            ) from None
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}.{name} must be a number")
    if not math.isfinite(value):
        raise ConfigError(f"{where}.{name} must be a finite number, not {value}")
    if isinstance(default, int) and not isinstance(value, int):
        raise ConfigError(f"{where}.{name} must be a whole number")
    if value < 0:
        raise ConfigError(f"{where}.{name} must not be negative")
    return value


def _check_glob(glob: str, where: str) -> str:
    """``glob`` when pathspec compiles it (gitignore syntax); else :class:`ConfigError`."""
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([glob]).match_file("x")
    except (ValueError, re.error) as exc:
        raise ConfigError(f"{where}: {quote(glob)} is not a valid glob: {escape(str(exc))}") from None
    return glob


def config_from_mapping(data: Mapping[str, Any], *, source: str, root: str) -> LintConfig:
    """Build a :class:`LintConfig` from a parsed TOML table; raise :class:`ConfigError`."""
    where = escape(source, limit=1000)
    settings: dict[str, Any] = {}
    options: dict[str, dict[str, OptionValue]] = {}
    for key, value in data.items():
        if key in _LIST_KEYS:
            settings[key.replace("-", "_")] = _strings(value, f"{where}: {key}")
            if key == "exclude":
                for glob in settings["exclude"]:
                    _check_glob(glob, f"{where}: exclude")
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
            settings["per_file_ignores"] = tuple(
                (
                    _check_glob(glob, f"{where}: per-file-ignores"),
                    _strings(codes, f"{where}: per-file-ignores.{quote(glob)}"),
                )
                for glob, codes in value.items()
            )
        elif (r := lookup(key)) is not None and r.stage == "lint":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: {key} must be a table of options")
            options[r.name] = {
                name: _check_option(r, name, v, f"{where}: {key}") for name, v in value.items()
            }
        else:
            choices = list(_KEYS) + [r.name for r in RULES.values() if r.options]
            raise ConfigError(
                f"{where}: unknown key {quote(key)}{_hint(key, choices)} "
                f"(keys: {', '.join(_KEYS)}, or a rule name holding its options)"
            )
    return LintConfig(**settings, options=options, root=root, source=source)


#: The largest configuration file read (a pyproject.toml is a few kilobytes).
_MAX_CONFIG_BYTES = 1024 * 1024


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as fh:
            data = fh.read(_MAX_CONFIG_BYTES + 1)
        if len(data) > _MAX_CONFIG_BYTES:
            raise ConfigError(f"{escape(str(path), limit=1000)}: larger than {_MAX_CONFIG_BYTES:,} bytes")
        return tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        # tomllib parses nested arrays recursively; thousands of levels exhaust the stack.
        raise ConfigError(f"{escape(str(path), limit=1000)}: not valid TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{escape(str(path), limit=1000)}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{escape(str(path), limit=1000)}: not valid TOML: {escape(str(exc))}") from None


def load_config(path: str | os.PathLike[str]) -> LintConfig:
    """Read one configuration file (a ``pyproject.toml`` uses its ``[tool.icpspec]`` table)."""
    p = Path(path)
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("icpspec", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{escape(str(p), limit=1000)}: [tool.icpspec] must be a table")
    return config_from_mapping(data, source=str(p), root=str(p.parent))


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file in ``start`` (a folder) or a folder above it."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = _read_toml(path)
    except ConfigError:
        return True  # let load_config report it
    tool = data.get("tool")
    return isinstance(tool, dict) and "icpspec" in tool
