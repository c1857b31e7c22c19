"""Every example in ``docs/`` runs, and the generated reference is up to date.

How a page is run
-----------------
Each ``docs/*.md`` page runs top to bottom in a fresh temporary working
directory holding a copy of the repository's ``examples/`` and ``schemas/``,
so ``examples/acme.icp.yaml`` works exactly as it does from the repository
root and nothing a page writes lands in the repository. Its fenced code
blocks are handled by their info string:

``python``
    Doctest style, the one convention for Python: every statement starts
    with ``>>> `` (``... `` for continuation lines) and the lines after it are
    the exact output. The blocks of a page share one namespace, in order.
    ``ELLIPSIS`` is on: ``...`` in an output stands for any text.
    A block whose nearest non-blank line above the fence is
    ``<!-- requires: mod, other.mod -->`` runs only if those modules import
    (examples of other libraries, which icpspec does not depend on); when one
    is missing, that block alone is left out, the rest of the page runs, and
    the page's test is reported as skipped, naming the missing modules.

``yaml`` / ``json``
    A whole spec: for YAML, the first line that is neither blank nor a
    comment is ``icpspec: 1``; for JSON, an object with an ``"icpspec"`` key.
    It must load without a single problem, unless the nearest non-blank line
    above the fence is ``<!-- invalid: ICPnnn -->``: then loading must fail
    and every diagnostic must carry exactly that code (``<!-- invalid: ICPnnn,
    ICPmmm -->``: exactly those codes, each at least once). With
    ``title="NAME"`` (mkdocs-material's code-block title) the block is also
    written to ``NAME`` in the working directory, for the blocks after it.
    A JSON block that is not a spec (editor settings) must parse as JSON.

``yaml title="fragment…"``
    A piece of a spec, not a whole document (any title starting with
    ``fragment``): it must parse as YAML, nothing more.

``yaml title="NAME (excerpt)"``
    A piece of the file ``NAME`` as it is at that point of the page: it must
    appear in that file verbatim.

``console``
    ``$ icpspec ARGS`` lines run through click's ``CliRunner`` in the working
    directory (arguments split like a shell, ``*`` globs expanded, an optional
    trailing ``> FILE`` sends stdout to ``FILE``). The lines up to the next
    ``$ `` must be what the command prints, stdout and stderr interleaved as a
    terminal shows them (80 columns), trailing whitespace ignored and ``...``
    matching any text. ``$ echo $?`` prints the previous command's exit
    status. Any other command is an error: put it in an ``sh`` block.

``toml``
    A configuration file: it must parse; with ``title="NAME"`` it is written
    to ``NAME`` in the working directory, for the blocks after it.

``sh``, ``text`` and no info string
    Shown, never run: install commands, formats, illustrations.

Any other info string fails the test, so no example goes unchecked by accident.
"""

from __future__ import annotations

import doctest
import importlib.util
import inspect
import json
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Literal

import attrs
import pytest
import yaml
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli
from icpspec.loader import Limits
from icpspec.schema import schema, strict_schema

from .conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
# Pages docs/hooks/reference.py generates at build time (tests/test_docs_site.py checks them):
# links to them work on the site, which mkdocs build --strict checks.
GENERATED = {"cli-reference.md", "api-reference.md", "changelog.md"}

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_INVALID = re.compile(r"<!--\s*invalid:\s*(?P<codes>ICP\d{3}(?:\s*,\s*ICP\d{3})*)\s*-->")
_REQUIRES = re.compile(r"<!--\s*requires:\s*(?P<modules>[\w.]+(?:\s*,\s*[\w.]+)*)\s*-->")
_ATTR = re.compile(r'(?P<key>[A-Za-z_][\w-]*)="(?P<value>[^"]*)"')


@dataclass
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    attrs: dict[str, str]
    text: str
    invalid: frozenset[str] | None  # the codes of a preceding <!-- invalid: ICPnnn, … --> marker
    requires: tuple[str, ...] = ()  # the modules of a preceding <!-- requires: mod, … --> marker

    @property
    def where(self) -> str:
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page
        return f"{page}:{self.line}"

    @property
    def title(self) -> str:
        return self.attrs.get("title", "")


def blocks(page: Path) -> Iterator[Block]:
    """The fenced code blocks of ``page``, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"].strip()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines):
            close = lines[i].strip()
            if close.startswith(fence[0] * len(fence)) and not close.strip(fence[0]):
                break
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        else:
            pytest.fail(f"{page.relative_to(ROOT)}:{start + 1}: unclosed code fence")
        i += 1
        before = next((ln for ln in reversed(lines[:start]) if ln.strip()), "")
        marker = _INVALID.fullmatch(before.strip())
        requires = _REQUIRES.fullmatch(before.strip())
        lang = info.split()[0] if info else ""
        yield Block(
            page=page,
            line=start + 1,
            lang=lang,
            attrs={a["key"]: a["value"] for a in _ATTR.finditer(info)},
            text="\n".join(body) + "\n",
            invalid=frozenset(re.split(r"\s*,\s*", marker["codes"])) if marker else None,
            requires=tuple(re.split(r"\s*,\s*", requires["modules"])) if requires else (),
        )


def is_whole_yaml_spec(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return re.fullmatch(r"icpspec:\s*1(\s+#.*)?", stripped) is not None
    return False


@dataclass
class PageRun:
    """The state one page's blocks share: working directory, namespace, last exit status."""

    workdir: Path
    namespace: dict[str, object] = field(default_factory=lambda: {"__name__": "__docs__"})
    last_status: int | None = None


# -- python --------------------------------------------------------------------------


def run_python(block: Block, run: PageRun) -> None:
    if ">>> " not in block.text:
        pytest.fail(
            f"{block.where}: python blocks are doctest style: start statements with '>>> '", pytrace=False
        )
    parser = doctest.DocTestParser()
    name = block.where
    test = parser.get_doctest(block.text, {}, name, str(block.page), block.line)
    test.globs = run.namespace  # one namespace per page, kept across blocks
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS, verbose=False)
    result = runner.run(test, out=report.append, clear_globs=False)
    if result.failed:
        pytest.fail("".join(report), pytrace=False)


# -- yaml and json --------------------------------------------------------------------


def check_spec(block: Block, text: str, fmt: Literal["yaml", "json"], run: PageRun) -> None:
    name = block.title or f"{block.where}.{fmt}"
    if block.title:
        target = run.workdir / block.title
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    try:
        icpspec.loads(text, filename=name, format=fmt)
    except icpspec.SpecError as exc:
        error: icpspec.SpecError | None = exc
    else:
        error = None
    if error is None:
        if block.invalid is not None:
            pytest.fail(f"{block.where}: marked invalid, but it loads", pytrace=False)
    elif block.invalid is None:
        pytest.fail(f"{block.where}: this spec should load, but:\n{error}", pytrace=False)
    elif {d.code for d in error.diagnostics} != block.invalid:
        pytest.fail(
            f"{block.where}: marked invalid with {', '.join(sorted(block.invalid))}, "
            f"but loading reports:\n{error}",
            pytrace=False,
        )


def run_yaml(block: Block, run: PageRun) -> None:
    title = block.title
    if title.lower().startswith("fragment"):
        try:
            yaml.load(block.text, Loader=yaml.BaseLoader)  # syntax only: no types, no 1.1 surprises
        except yaml.YAMLError as exc:
            pytest.fail(f"{block.where}: the fragment is not YAML: {exc}", pytrace=False)
        return
    excerpt = re.fullmatch(r"(?P<file>.+) \(excerpt\)", title)
    if excerpt:
        source = run.workdir / excerpt["file"]
        if not source.is_file() or block.text not in source.read_text(encoding="utf-8"):
            pytest.fail(
                f"{block.where}: this excerpt is not in {excerpt['file']} as it is now", pytrace=False
            )
        return
    if block.invalid is None and not is_whole_yaml_spec(block.text):
        pytest.fail(
            f"{block.where}: a yaml block is a whole spec starting with 'icpspec: 1'; "
            'mark pieces of a spec with title="fragment"',
            pytrace=False,
        )
    check_spec(block, block.text, "yaml", run)


def run_json(block: Block, run: PageRun) -> None:
    if block.invalid is None:
        try:
            data = json.loads(block.text)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{block.where}: not JSON: {exc}", pytrace=False)
        if not (isinstance(data, dict) and "icpspec" in data):
            if block.title:
                (run.workdir / block.title).parent.mkdir(parents=True, exist_ok=True)
                (run.workdir / block.title).write_text(block.text, encoding="utf-8")
            return
    check_spec(block, block.text, "json", run)


# -- console --------------------------------------------------------------------------


def _normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _argv(command: str, workdir: Path) -> tuple[list[str], str | None]:
    if re.search(r"[|;&<`]|\$\(", command):
        pytest.fail(f"console commands run without a shell; cannot run: {command}", pytrace=False)
    words = shlex.split(command)
    redirect = None
    if len(words) >= 2 and words[-2] == ">":
        redirect, words = words[-1], words[:-2]
    if ">" in words:
        pytest.fail(f"only a trailing '> FILE' redirect is supported: {command}", pytrace=False)
    argv: list[str] = []
    for word in words:
        if any(c in word for c in "*?[") and not word.startswith("-"):
            matches = sorted(str(p.relative_to(workdir)) for p in workdir.glob(word))
            argv.extend(matches or [word])
        else:
            argv.append(word)
    return argv, redirect


def _cli_runner() -> tuple[CliRunner, bool]:
    """A runner at 80 columns, and whether ``result.output`` interleaves stdout and stderr."""
    env = {"COLUMNS": "80"}
    if "mix_stderr" in inspect.signature(CliRunner).parameters:  # click < 8.2
        return CliRunner(env=env, mix_stderr=False), False  # type: ignore[call-arg]
    return CliRunner(env=env), True


def run_console(block: Block, run: PageRun) -> None:
    commands: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:].strip(), []))
        elif commands:
            commands[-1][1].append(line)
        elif line.strip():
            pytest.fail(f"{block.where}: a console block starts with a '$ ' command line", pytrace=False)
    if not commands:
        pytest.fail(f"{block.where}: a console block without commands", pytrace=False)
    runner, interleaved = _cli_runner()
    checker = doctest.OutputChecker()
    for command, expected_lines in commands:
        if command == "echo $?":
            got = f"{run.last_status}\n"
        else:
            argv, redirect = _argv(command, run.workdir)
            if not argv or argv[0] != "icpspec":
                pytest.fail(
                    f"{block.where}: console blocks run only icpspec (and 'echo $?'); "
                    f"show other commands in an sh block: {command}",
                    pytrace=False,
                )
            result = runner.invoke(cli, argv[1:], prog_name="icpspec")
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                pytest.fail(f"{block.where}: '{command}' raised {result.exception!r}", pytrace=False)
            run.last_status = result.exit_code
            if redirect is not None:
                (run.workdir / redirect).write_text(result.stdout, encoding="utf-8")
                got = result.stderr
            elif interleaved:
                got = result.output
            else:  # icpspec writes its stderr lines after its stdout lines
                got = result.stdout + result.stderr
        want = _normalise("\n".join(expected_lines))
        got = _normalise(got)
        if not checker.check_output(want, got, doctest.ELLIPSIS):
            pytest.fail(
                f"{block.where}: '$ {command}' printed\n{got}\nbut the page shows\n{want}",
                pytrace=False,
            )


def run_toml(block: Block, run: PageRun) -> None:
    """A configuration file: it must parse; with a title it is written for the blocks after it."""
    import tomllib

    try:
        tomllib.loads(block.text)
    except tomllib.TOMLDecodeError as exc:
        pytest.fail(f"{block.where}: not valid TOML: {exc}", pytrace=False)
    if block.title:
        (run.workdir / block.title).parent.mkdir(parents=True, exist_ok=True)
        (run.workdir / block.title).write_text(block.text, encoding="utf-8")


RUNNERS = {
    "toml": run_toml,
    "python": run_python,
    "yaml": run_yaml,
    "json": run_json,
    "console": run_console,
}
SHOWN_ONLY = {"sh", "text", ""}


def missing_modules(block: Block) -> list[str]:
    """The modules a ``<!-- requires: … -->`` marker names that cannot be imported."""
    missing = []
    for name in block.requires:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def run_page(page: Path, run: PageRun) -> list[str]:
    """Run every block of ``page``; return a note for each block left out for a missing module."""
    left_out: list[str] = []
    for block in blocks(page):
        if block.requires and block.lang != "python":
            pytest.fail(f"{block.where}: a requires marker belongs above a python block", pytrace=False)
        missing = missing_modules(block)
        if missing:
            left_out.append(f"{block.where} (needs {', '.join(missing)})")
            continue
        if block.invalid is not None and (
            block.lang not in ("yaml", "json") or block.title.lower().startswith("fragment")
        ):
            pytest.fail(
                f"{block.where}: an invalid marker belongs above a whole yaml or json spec", pytrace=False
            )
        if block.lang in SHOWN_ONLY:
            continue
        runner = RUNNERS.get(block.lang)
        if runner is None:
            pytest.fail(f"{block.where}: unknown code block language {block.lang!r}", pytrace=False)
        runner(block, run)
    return left_out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in ("examples", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    left_out = run_page(page, PageRun(tmp_path))
    if left_out:
        pytest.skip(f"every other block ran; left out: {'; '.join(left_out)}")


def test_requires_marker_leaves_out_only_its_block(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\n>>> x = 1\n```\n\n"
        "<!-- requires: icpspec_no_such_module, json -->\n```python\n>>> 1 / 0\n```\n\n"
        "<!-- requires: json -->\n```python\n>>> y = x + 1\n```\n\n"
        "```python\n>>> x, y\n(1, 2)\n```\n",
        encoding="utf-8",
    )
    left_out = run_page(page, PageRun(tmp_path))
    assert len(left_out) == 1
    assert left_out[0].endswith("page.md:6 (needs icpspec_no_such_module)")


def test_there_are_pages() -> None:
    names = {p.name for p in PAGES}
    assert {
        "index.md",
        "getting-started.md",
        "spec-format.md",
        "validation.md",
        "limits.md",
        "cli.md",
        "python-api.md",
    } <= names


# -- the generated reference ------------------------------------------------------------


def _gen_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_is_up_to_date() -> None:
    gen = _gen_reference()
    stale = gen.outdated_pages()
    assert not stale, f"run `python docs/gen_reference.py`; out of date: {stale}"


def test_generator_check_mode_exit_status(tmp_path: Path) -> None:
    """``--check`` exits 0 on the real docs and 1 on a page with a stale block."""
    ok = subprocess.run(
        [sys.executable, str(DOCS / "gen_reference.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    gen = _gen_reference()
    page = tmp_path / "spec-format.md"
    text = (DOCS / "spec-format.md").read_text(encoding="utf-8")
    stale = re.sub(
        r"(<!-- generated:operators:start -->\n).*?(<!-- generated:operators:end -->)",
        r"\1stale\n\2",
        text,
        flags=re.S,
    )
    assert stale != text
    page.write_text(stale, encoding="utf-8")
    assert gen.main(["--check", "--docs", str(tmp_path)]) == 1
    assert gen.main(["--docs", str(tmp_path)]) == 0
    assert page.read_text(encoding="utf-8") == text


# -- the validation page lists exactly the codes the code has ------------------------------


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "icpspec").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        # Codes the code reports; docstring examples are not codes it reports.
        code_only = re.sub(r'""".*?"""', "", text, flags=re.S)
        codes |= set(re.findall(r'"(ICP0\d\d)"', code_only))
    return codes


def test_validation_page_documents_exactly_the_codes_that_exist() -> None:
    page = (DOCS / "validation.md").read_text(encoding="utf-8")
    documented = re.findall(r"^## (ICP\d{3})\b", page, flags=re.M)
    assert len(documented) == len(set(documented)), "a code has two sections"
    assert set(documented) == _codes_in_source()
    assert documented == sorted(documented)
    mentioned = set(re.findall(r"\bICP\d{3}\b", page))
    assert mentioned <= _codes_in_source(), f"codes that do not exist: {mentioned - _codes_in_source()}"


def test_every_code_has_a_failing_example() -> None:
    """Each code's section shows at least one message line with that code, run for real."""
    page = DOCS / "validation.md"
    sections = re.split(r"^## (?=ICP\d{3}\b)", page.read_text(encoding="utf-8"), flags=re.M)[1:]
    for section in sections:
        code = section[:6]
        assert re.search(rf"^\S+:\d+:\d+: {code} ", section, flags=re.M), f"{code} shows no message"


# -- the limits table matches the code ---------------------------------------------------


def _limits_table() -> dict[str, str]:
    text = (DOCS / "limits.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_0-9]+)` \| ([^|]+?) \|", text, flags=re.M)
    return {name: value.strip() for name, value in rows}


def test_limits_table_matches_the_defaults() -> None:
    table = _limits_table()
    defaults = attrs.asdict(Limits())
    for name, value in defaults.items():
        assert name in table, f"the limits table has no row for Limits.{name}"
        assert int(table[name].replace(",", "").split()[0]) == value, name
    definitions = strict_schema(schema())["definitions"]
    assert int(table["matches"].replace(",", "").split()[0]) == definitions["op_matches"]["maxLength"]
    assert int(table["id"].replace(",", "").split()[0]) == definitions["id"]["maxLength"]
    from icpspec.schema import MAX_PATTERNS, RE2_MAX_MEM
    from icpspec.schema._validate import MAX_DIAGNOSTICS

    assert int(table["re2_memory"].split()[0]) << 10 == RE2_MAX_MEM
    assert int(table["patterns"].split()[0]) == MAX_PATTERNS
    assert int(table["problems"].split()[0]) == MAX_DIAGNOSTICS
    assert set(table) == {*defaults, "matches", "id", "re2_memory", "patterns", "problems"}


def test_limits_messages_are_the_ones_the_page_runs() -> None:
    """Every message quoted in the table's last column appears in an output the page checks.

    A ``…`` in a quoted message stands for the user's value, which the table elides.
    """
    text = (DOCS / "limits.md").read_text(encoding="utf-8")
    outputs = "\n".join(b.text for b in blocks(DOCS / "limits.md") if b.lang in ("python", "console"))
    for row in re.findall(r"^\| `[a-z_0-9]+` \|.*$", text, flags=re.M):
        quoted = re.findall(r"`(ICP\d{3} [^`]+)`", row.split("|")[-2])
        assert quoted, f"no message in: {row}"
        for message in quoted:
            pattern = ".+?".join(re.escape(part) for part in message.split("…"))
            assert re.search(pattern, outputs), f"not shown by a checked example: {message}"


# -- site configuration and links -----------------------------------------------------------


def test_mkdocs_nav_lists_every_page() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    nav = [next(iter(item.values())) for item in config["nav"]]
    assert sorted(set(nav) - GENERATED) == sorted(p.name for p in PAGES)


def _github_slug(heading: str) -> str:
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _mkdocs_slug(heading: str) -> str:
    """Python-Markdown's ``toc`` slugify, which mkdocs uses."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def slug(heading: str) -> str:
    """The anchor of a heading, which must be the same on GitHub and in mkdocs."""
    github, mkdocs = _github_slug(heading), _mkdocs_slug(heading)
    assert github == mkdocs, f"heading {heading!r} gets different anchors on GitHub and in mkdocs"
    return github


def _anchors(page: Path) -> list[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    return [slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)]


def test_links_between_pages_resolve() -> None:
    anchors = {p.name: _anchors(p) for p in PAGES}
    for page in PAGES:
        assert len(anchors[page.name]) == len(set(anchors[page.name])), f"{page.name}: duplicate headings"
        text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            if file in GENERATED:
                continue
            resolved = (page.parent / file).resolve() if file else page
            assert resolved.exists(), f"{page.name}: broken link {target}"
            assert resolved.parent == DOCS, f"{page.name}: {target} leaves docs/; link to it by URL"
            if anchor and resolved.suffix == ".md":
                assert anchor in anchors[resolved.name], f"{page.name}: no heading for {target}"
