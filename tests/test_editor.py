"""Editors agree with the validator: the real yaml-language-server on every spec we ship.

Issue 18: yaml-language-server 1.25.0 (the engine of VS Code's YAML extension)
flagged ``version: 2026.3`` in ``examples/minimal.icp.yaml`` as "Incorrect
type. Expected string" while ``icpspec validate`` accepted it. These tests
open every example, every docs example spec and ``icpspec init``'s output in
the real server over LSP and expect zero diagnostics; open bad specs and
expect the server's message on the right line; check hover and completion;
and, without the server, run the published schema and the validator over the
same generated documents.

The server is ``$ICPSPEC_YAML_LANGUAGE_SERVER`` (a path to its ``bin``
script) or ``yaml-language-server`` on the PATH; without it these tests skip,
unless ``ICPSPEC_REQUIRE_EDITOR_CHECK=1`` (``.ci/run`` sets it) makes that a
failure.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

import icpspec
from icpspec.cli import cli
from icpspec.loader import read_document
from icpspec.schema import SCHEMA_ID, schema, strict_schema
from icpspec.schema._validate import validator

from .conftest import EXAMPLES, ROOT
from .lsp_client import LspClient
from .test_docs import PAGES, blocks

SCHEMA_FILE = ROOT / "schemas" / "icpspec-1.schema.json"


def _server() -> list[str] | None:
    path = os.environ.get("ICPSPEC_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    node = shutil.which("node")
    if not path or not node or not Path(path).exists():
        return None
    return [node, path, "--stdio"]


@pytest.fixture(scope="module")
def server() -> Iterator[LspClient]:
    command = _server()
    if command is None:
        reason = "yaml-language-server and node not found (set ICPSPEC_YAML_LANGUAGE_SERVER)"
        if os.environ.get("ICPSPEC_REQUIRE_EDITOR_CHECK") == "1":
            pytest.fail(reason + "; ICPSPEC_REQUIRE_EDITOR_CHECK=1 makes that a failure")
        pytest.skip(reason)
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    settings = {
        "yaml": {
            "validate": True,
            "hover": True,
            "completion": True,
            "schemaStore": {"enable": False},
            # What docs/getting-started.md tells a VS Code user to set.
            "schemas": {SCHEMA_FILE.as_uri(): ["icp.yaml", "**/*.icp.yaml"]},
        }
    }
    # An editor fetches the $id of a modeline over the network; here it is served from the repository.
    client = LspClient(
        command, root=ROOT, settings=settings, content=lambda uri: text if uri == SCHEMA_ID else None
    )
    yield client
    client.shutdown()


def _docs_specs() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        for b in blocks(page):
            first = next((ln for ln in b.text.splitlines() if ln.strip() and not ln.startswith("#")), "")
            if b.lang == "yaml" and b.invalid is None and first.startswith("icpspec:"):
                out.append((b.where, b.text))
    return out


def _init_output() -> str:
    result = CliRunner().invoke(cli, ["init", "-"])
    assert result.exit_code == 0
    return result.stdout


def _shown(diagnostics: list[Any]) -> list[tuple[int, str]]:
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics]


def test_every_spec_we_ship_opens_without_a_diagnostic(server: LspClient, tmp_path: Path) -> None:
    documents: dict[str, tuple[str, str]] = {}
    for path in sorted(EXAMPLES.rglob("*.icp.yaml")):
        documents[path.as_uri()] = (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
    for i, (where, text) in enumerate(_docs_specs()):
        documents[(tmp_path / f"docs-{i}.icp.yaml").as_uri()] = (where, text)
    documents[(tmp_path / "icp.yaml").as_uri()] = ("icpspec init", _init_output())
    assert len(documents) > 20
    for uri, (_, text) in documents.items():
        server.open(uri, text)
    found = server.wait_all(list(documents))
    for uri in documents:
        server.close(uri)
    flagged = {documents[u][0]: _shown(d) for u, d in found.items() if d}
    assert flagged == {}


BAD = [
    ("icpspec: 1\nprofile: {}\n", 2, "Property profile is not allowed."),
    ("icpspec: 1\nprofiles:\n  p:\n    status: aproved\n", 4, "Value is not accepted."),
    ("icpspec: 1\nprofiles:\n  p:\n    tiers: {A: high}\n", 4, 'Incorrect type. Expected "number".'),
    (
        "icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {field: employees, min: lots}\n",
        5,
        "Incorrect type.",
    ),
    ("icpspec: 2\n", 1, "Value must be 1."),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD, ids=[m for _, _, m in BAD])
def test_a_bad_spec_gets_the_servers_message_on_its_line(
    server: LspClient, tmp_path: Path, text: str, line: int, message: str
) -> None:
    uri = (tmp_path / "bad.icp.yaml").as_uri()
    server.open(uri, text)
    found = _shown(server.wait_diagnostics(uri))
    server.close(uri)
    assert any(n == line and m.startswith(message) for n, m in found), found
    validate = CliRunner().invoke(cli, ["validate", "-"], input=text)
    assert validate.exit_code != 0  # and the validator refuses it too


def test_hover_on_every_top_level_key_shows_its_title_and_description(
    server: LspClient, tmp_path: Path
) -> None:
    keys = [k for k in schema()["properties"] if k != "$schema"]
    text = "icpspec: 1\n" + "".join(f"{k}: {{}}\n" for k in keys if k != "icpspec")
    uri = (tmp_path / "hover.icp.yaml").as_uri()
    server.open(uri, text)
    server.wait_diagnostics(uri)
    lines = text.splitlines()
    for key in keys:
        prop = schema()["properties"][key]
        shown = server.hover(uri, next(i for i, ln in enumerate(lines) if ln.startswith(f"{key}:")), 1)
        assert prop["title"] in shown, key
        assert prop["description"].split("`")[0].strip()[:40] in shown.replace("\\", ""), key
    server.close(uri)


def test_completion_offers_the_enum_values(server: LspClient, tmp_path: Path) -> None:
    text = "icpspec: 1\nprofiles:\n  p:\n    status: \n"
    uri = (tmp_path / "complete.icp.yaml").as_uri()
    server.open(uri, text)
    server.wait_diagnostics(uri)
    labels = server.completion(uri, 3, len("    status: "))
    server.close(uri)
    enum = strict_schema(schema())["definitions"]["profile"]["properties"]["status"]["enum"]
    assert set(enum) <= set(labels), labels


# -- the schema and the validator on the same generated documents (no server needed) ----------

# The published schema, with the formats icpspec checks (date, uri), as yaml-language-server checks them.
VALIDATOR = Draft7Validator(schema(), format_checker=validator().format_checker)
_SCALARS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.sampled_from(["2026.3", "0777", "NO", "1B", "$5M", "12k", "2026-10-01", "90d", "x", "hubspot", "US"]),
)


_ACME = json.dumps(yaml.safe_load((EXAMPLES / "acme.icp.yaml").read_text(encoding="utf-8")), default=str)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))
    else:
        yield path


@settings(max_examples=min(settings().max_examples, 100))
@given(st.data())
def test_schema_and_validate_agree_on_generated_documents(data: st.DataObject) -> None:
    """A valid spec with some scalars replaced: the published schema refuses it iff validate finds a shape error."""
    document = json.loads(_ACME)
    paths = [p for p in _paths(document) if p and p[0] != "icpspec"]
    for path in data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True)):
        node = document
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = data.draw(_SCALARS)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    # What an editor checks: the document as YAML 1.2 reads it, against the published schema.
    as_read = read_document(text, file="doc.icp.yaml").data
    schema_ok = not any(VALIDATOR.iter_errors(as_read))
    try:
        icpspec.loads(text, filename="doc.icp.yaml")
        codes: set[str] = set()
    except icpspec.SpecError as exc:
        codes = {d.code for d in exc.diagnostics}
    assert schema_ok == ("ICP010" not in codes), (codes, text)


def test_the_schema_accepts_the_version_the_example_writes() -> None:
    text = (EXAMPLES / "minimal.icp.yaml").read_text(encoding="utf-8")
    assert "\nversion: 2026.3\n" in text
    assert not list(VALIDATOR.iter_errors(json.loads(json.dumps(read_document(text, file="m.yaml").data))))
