"""The command line, through its real entry points."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import icpspec
from icpspec.cli import cli

from .conftest import EXAMPLES, ROOT

BAD = "icpspec: 1\nprofiles:\n  p:\n    criteria:\n      - {field: employes, min: 5}\n      - {field: country, in: [UK]}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_valid_examples() -> None:
    code, out, err = run("validate", *(str(p) for p in sorted(EXAMPLES.glob("*.icp.*"))))
    assert code == 0
    assert out == ""
    assert err == "3 files checked: 3 valid\n"


def test_validate_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.icp.yaml"
    bad.write_text(BAD)
    worse = tmp_path / "worse.icp.yaml"
    worse.write_text("icpspec: 1\nprofile: {}\n")
    code, out, err = run("validate", str(bad), str(EXAMPLES / "acme.icp.yaml"), str(worse))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:5:17: ICP020 [error] unknown account field 'employes'; did you mean 'employees'? (unknown-field)",
        f"{bad}:6:31: ICP025 [error] 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'? (invalid-country)",
        f"{worse}:2:1: ICP010 [error] unknown key 'profile' in the spec; did you mean 'profiles'? (schema-violation)",
    ]
    assert err == "3 files checked: 1 valid, 2 invalid (3 problems)\n"


def test_validate_unreadable_path_exits_2(tmp_path: Path) -> None:
    code, out, err = run("validate", str(tmp_path / "missing.yaml"), str(tmp_path))
    assert code == 2
    assert out.splitlines() == [
        f"{tmp_path / 'missing.yaml'}:0:0: ICP008 [error] no such file (unreadable-path)",
        f"{tmp_path}:0:0: ICP008 [error] is a directory, not a spec file (unreadable-path)",
    ]
    assert "2 unreadable" in err


def test_validate_needs_a_file() -> None:
    code, _, err = run("validate")
    assert code == 2
    assert "Missing argument 'FILES...'" in err


def test_file_names_are_escaped(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b[31m.yaml"
    name.write_text("icpspec: 1\nversion: [1]\n")
    code, out, _ = run("validate", str(name))
    assert code == 1
    assert "\x1b" not in out
    assert (
        "evil\\x1b[31m.yaml:2:10: ICP010 [error] expected text for version, found a list (schema-violation)"
        in out
    )


def test_schema_prints_the_published_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert out == (ROOT / "schemas" / "icpspec-1.schema.json").read_text(encoding="utf-8")


def test_init_writes_a_starter_that_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("init")
    assert code == 0
    assert "Wrote icp.yaml; next: icpspec validate icp.yaml" in err
    spec = icpspec.load(tmp_path / "icp.yaml")
    assert spec.profiles["smb-us-core"].test_plan
    assert sorted(p.name for p in tmp_path.iterdir()) == ["icp.yaml"]  # no temporary file left


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.icp.yaml"
    target.write_text("precious")
    code, _, err = run("init", str(target))
    assert code == 2
    assert "exists; use --force to overwrite it" in err
    assert target.read_text() == "precious"
    code, _, _ = run("init", str(target), "--force")
    assert code == 0
    assert target.read_text().startswith("# yaml-language-server: $schema=")


def test_init_to_stdout() -> None:
    code, out, _ = run("init", "-")
    assert code == 0
    assert icpspec.loads(out, filename="starter.yaml").profiles


def test_init_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "no" / "such" / "icp.yaml"))
    assert code == 2
    assert err.startswith("icpspec: cannot write ")


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out == f"icpspec, version {icpspec.__version__}\n"
    for command in ("validate", "schema", "init"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "Example" in out


def test_internal_errors_are_one_line_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import icpspec.schema

    def boom(path: str) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(icpspec.schema, "load", boom)
    code, _, err = run("validate", "x.yaml")
    assert code == 2
    assert (
        err == "icpspec: internal error: RuntimeError: something broke (run with --traceback and report it)\n"
    )
    code, _, err = run("--traceback", "validate", "x.yaml")
    assert code == 2
    assert "Traceback (most recent call last)" in err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "examples/acme.icp.yaml"], 0),
        (["validate", "examples/acme.icp.yaml", "tests/cases/does-not-exist.yaml"], 2),
        (["--version"], 0),
        (["no-such-command"], 2),
    ],
)
def test_real_process_exit_codes(args: list[str], code: int) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "icpspec", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr


def test_real_process_reports_to_stdout(tmp_path: Path) -> None:
    bad = tmp_path / "bad.icp.yaml"
    bad.write_text(BAD)
    proc = subprocess.run(
        [sys.executable, "-m", "icpspec", "validate", str(bad)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert proc.stdout.count("\n") == 2
    assert proc.stderr == "1 file checked: 0 valid, 1 invalid (2 problems)\n"


def test_init_gives_the_file_the_mode_the_umask_allows(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        code, _, _ = run("init", str(tmp_path / "icp.yaml"))
    finally:
        os.umask(old)
    assert code == 0
    assert (tmp_path / "icp.yaml").stat().st_mode & 0o777 == 0o644
