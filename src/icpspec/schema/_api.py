"""``load``, ``loads`` and ``dump``: the spec file in, the spec file out."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from typing import Any, Literal

import yaml

from icpspec.diagnostics import Code, Diagnostic, SpecError
from icpspec.loader import DEFAULT_LIMITS, LoadError, LocatedDocument, read_document
from icpspec.model import Spec, from_plain, to_plain

from ._semantics import check_semantics
from ._validate import SCHEMA_ID, ordered, validate_document

__all__ = ["dump", "load", "load_located", "loads", "read_spec_bytes"]


def _unreadable(name: str, message: str) -> SpecError:
    return SpecError([Diagnostic(Code.UNREADABLE_PATH, message, file=name)])


def read_spec_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a spec file's bytes, refusing oversized files before reading them whole.

    Only regular files are read: the file is opened without blocking, so a
    named pipe or a device cannot hang a pre-commit hook.
    """
    name = os.fspath(path)
    limit = DEFAULT_LIMITS.max_file_bytes
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _unreadable(name, "no such file") from None
    except IsADirectoryError:
        raise _unreadable(name, "is a directory, not a spec file") from None
    except OSError as exc:
        raise _unreadable(name, f"cannot read the file: {exc.strerror or type(exc).__name__}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _unreadable(
            name, "is a directory, not a spec file" if stat.S_ISDIR(mode) else "is not a regular file"
        )
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise _unreadable(name, f"cannot read the file: {exc.strerror or type(exc).__name__}") from None
    if len(data) > limit:
        # The same message as for bytes given to loads(): the decoder makes it.
        try:
            read_document(data, file=name)
        except LoadError as exc:
            raise SpecError([exc.diagnostic]) from None
    return data


def load_located(
    data: bytes | str,
    *,
    filename: str = "<string>",
    format: Literal["yaml", "json"] | None = None,
) -> tuple[Spec, LocatedDocument]:
    """Load a spec and keep the located document it came from (for rules that point at lines)."""
    try:
        doc = read_document(data, file=filename, format=format)
    except LoadError as exc:
        raise SpecError([exc.diagnostic]) from None
    problems = validate_document(doc)
    if problems:
        raise SpecError(problems)
    spec, problems = check_semantics(from_plain(doc.data), doc)
    if problems:
        raise SpecError(ordered(problems))
    return spec, doc


def loads(
    text: str | bytes,
    *,
    filename: str | None = None,
    format: Literal["yaml", "json"] | None = None,
) -> Spec:
    """Load a spec from YAML or JSON text (or bytes).

    The format follows ``format``, else the file name's extension, else the
    text (JSON when it starts with ``{``). Raises :class:`~icpspec.SpecError`
    carrying every problem found, each located by line, column and pointer.

    >>> spec = loads("icpspec: 1\\nprofiles:\\n  p:\\n    criteria: [{field: country, in: [NO]}]\\n")
    >>> spec.profiles["p"].criteria[0].condition
    In(field='country', values=('NO',))
    """
    return load_located(text, filename=filename or "<string>", format=format)[0]


def load(path: str | os.PathLike[str]) -> Spec:
    """Load a spec file (``.yaml``, ``.yml`` or ``.json``).

    Raises :class:`~icpspec.SpecError` for an unreadable file too, so callers
    handle one exception.
    """
    name = os.fspath(path)
    return load_located(read_spec_bytes(name), filename=name)[0]


class _Dumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.1 *or* 1.2 would read as something else.

    icpspec reads YAML 1.2 core; other tools may read 1.1. A string such as
    ``NO``, ``0777``, ``1e3`` or ``0o17`` is quoted so that both read text.
    Plain ISO dates stay plain: both read them as the date they are.
    """

    def ignore_aliases(self, data: object) -> bool:
        # A spec never holds anchors or aliases: the loader refuses them. A value
        # the model shares between two places (one list in two fields of a golden
        # example's record, say) is written out in full at each.
        return True


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_YAML12_CORE = [
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
    # Timestamps with a time part are read as such by YAML 1.1 tools.
    (
        "tag:yaml.org,2002:timestamp",
        re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]"),
        "0123456789",
    ),
]
for _tag, _regexp, _first in _YAML12_CORE:
    _Dumper.add_implicit_resolver(_tag, _regexp, list(_first))

# YAML 1.1 reads every plain YYYY-MM-DD as a date, and PyYAML's loader fails with
# a ValueError on one that does not exist (2026-02-30, 0000-01-01): quote those.
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# PyYAML's emitter writes NEL, LS and PS as raw line breaks (plus indentation)
# inside plain and single-quoted scalars, and readers may fold them ('a\x85b'
# comes back as 'a b'); double quotes write them as the escapes \N, \L and \P.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    node = dumper.represent_str(data)
    if not _UNICODE_BREAKS.isdisjoint(data):
        node.style = '"'
    elif _DATE_LIKE.fullmatch(data):
        try:
            dt.date.fromisoformat(data)
        except ValueError:
            node.style = "'"
    return node


_Dumper.add_representer(str, _represent_str)


def dump(spec: Spec, format: Literal["yaml", "json"] = "yaml") -> str:
    """Write ``spec`` as YAML (default) or JSON text that loads back equal.

    >>> print(dump(loads("icpspec: 1\\nversion: '2026.3'\\n")), end="")
    # yaml-language-server: $schema=https://icpspec.dev/schemas/icpspec-1.schema.json
    icpspec: 1
    version: '2026.3'
    """
    data: dict[str, Any] = to_plain(spec)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format != "yaml":
        raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return f"# yaml-language-server: $schema={SCHEMA_ID}\n{body}"
