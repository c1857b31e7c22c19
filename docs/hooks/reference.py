"""mkdocs hook: the CLI and API reference pages, generated at build time from the code.

``cli-reference.md`` is every ``icpspec`` command's ``--help``, taken from the
click commands themselves; ``api-reference.md`` is one mkdocstrings block per
name in ``icpspec.__all__``, rendered from its docstring. Neither page exists
in ``docs/``, so neither can go stale (nor can ``changelog.md``, the
repository's ``CHANGELOG.md`` as it is): a command or public name added
anywhere appears in the next build. ``tests/test_docs_site.py`` checks both.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:  # a plain clone builds the site without installing icpspec
    sys.path.insert(0, str(SRC))

_WIDTH = 88


def cli_reference() -> str:
    """The ``--help`` of the group and every command, as Markdown."""
    import click

    from icpspec.cli import cli

    out = [
        "# Command-line reference",
        "",
        "Generated from the commands themselves (`icpspec COMMAND --help` prints the same text).",
        "[Command line](cli.md) explains exit codes, output formats and recipes.",
        "",
    ]
    # The group's own settings (its -h): click keeps a command's help option from the first
    # context that asks for it, so a context without them would drop -h from `icpspec --help`.
    settings = {**cli.context_settings, "terminal_width": _WIDTH, "max_content_width": _WIDTH}
    root = click.Context(cli, info_name="icpspec", **settings)
    out += ["## icpspec", "", "```text", cli.get_help(root).rstrip(), "```", ""]
    for name in sorted(cli.commands):
        command = cli.commands[name]
        ctx = click.Context(command, info_name=name, parent=root, terminal_width=_WIDTH)
        out += [f"## icpspec {name}", "", "```text", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


def _home(name: str) -> str:
    """The module a public name is defined in, as mkdocstrings finds it."""
    import icpspec

    obj = getattr(icpspec, name)
    module = getattr(obj, "__module__", None) or ""
    if isinstance(obj, type(icpspec)):  # a module (icpspec.lint)
        return obj.__name__
    if module.startswith("icpspec."):
        # A private module (icpspec.engine._x) is shown under the public package that exports it.
        public = ".".join(p for p in module.split(".") if not p.startswith("_"))
        return f"{public}.{name}"
    return f"icpspec.{name}"


def api_reference() -> str:
    """One mkdocstrings block per public name of ``icpspec``, sorted."""
    import icpspec

    out = [
        "# API reference",
        "",
        "Every public name of `icpspec`, from its docstring. [Python API](python-api.md) is the guide;",
        "this page is the reference. Names not listed here are not part of the public API.",
        "",
    ]
    for name in sorted(n for n in icpspec.__all__ if not n.startswith("_")):
        out += [
            f"## `icpspec.{name}`",
            "",
            f"::: {_home(name)}",
            "    options:",
            "      show_root_heading: false",
            "",
        ]
    return "\n".join(out)


def changelog() -> str:
    """The repository's CHANGELOG.md, its links made to work inside the site."""
    text = (SRC.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    return text.replace("](docs/", "](")


GENERATORS = {
    "cli-reference.md": cli_reference,
    "api-reference.md": api_reference,
    "changelog.md": changelog,
}


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site."""
    from mkdocs.structure.files import File

    for uri, generate in GENERATORS.items():
        files.append(File.generated(config, uri, content=generate()))
    return files
