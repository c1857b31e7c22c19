"""Both engines on every file of the hostile record corpus: the same answer, or a documented refusal.

``tests/records_hostile/engines.yaml`` lists the files ``--engine duckdb``
refuses, with its message; every other file must give the same exit status
and the same output file, byte for byte, through both engines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from icpspec.cli import cli

from .records_hostile.make_corpus import generated_cases

pytest.importorskip("duckdb")

HOSTILE = Path(__file__).resolve().parent / "records_hostile"
SPEC = HOSTILE / "hostile.icp.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
REFUSED: dict[str, str] = yaml.safe_load((HOSTILE / "engines.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("engines-agree")
    for name, data in generated_cases().items():
        (folder / name).write_bytes(data)
    return folder


def run(path: Path | str, out: Path, engine: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["match", str(SPEC), str(path), "-o", str(out), "--engine", engine])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def test_every_refusal_names_a_file_of_the_corpus() -> None:
    assert set(REFUSED) <= {c["file"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_both_engines_agree_or_duckdb_refuses(
    case: dict[str, Any], generated_dir: Path, tmp_path: Path
) -> None:
    path = (generated_dir if case.get("generated") else HOSTILE) / case["file"]
    py_out, dd_out = tmp_path / "python.csv", tmp_path / "duckdb.csv"
    py_code, _ = run(path, py_out, "python")
    dd_code, dd_err = run(path, dd_out, "duckdb")
    if case["file"] in REFUSED:
        assert dd_code == 2
        assert REFUSED[case["file"]] in dd_err, dd_err
        assert len([line for line in dd_err.splitlines() if line.startswith("icpspec:")]) == 1, dd_err
        assert not dd_out.exists()
        return
    assert dd_code == py_code, dd_err
    if py_code == 2:
        assert not dd_out.exists()
    else:
        assert dd_out.read_bytes() == py_out.read_bytes()


# -- what DuckDB may read -------------------------------------------------------------------------------


@pytest.fixture
def two_parquet_files(tmp_path: Path) -> Path:
    import duckdb

    for i in (1, 2):
        path = str(tmp_path / f"part{i}.parquet").replace("'", "''")
        duckdb.sql(f"COPY (SELECT 'Acme {i}' AS name, {i * 10} AS employees) TO '{path}'")
    (tmp_path / "folder.parquet").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ("part*.parquet", "a path with * ? [ ] { or }, which DuckDB reads as a pattern of many files"),
        ("part[12].parquet", "which DuckDB reads as a pattern"),
        ("http://127.0.0.1:9/a.parquet", "--engine duckdb reads a local file, not a URL; nothing is fetched"),
        ("s3://bucket/a.parquet", "not a URL"),
        ("missing.parquet", "missing.parquet: no such file"),
        ("folder.parquet", "folder.parquet: not a regular file"),
    ],
)
def test_a_parquet_path_is_one_local_file(
    records: str, message: str, two_parquet_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(two_parquet_files)
    out = two_parquet_files / "out.csv"
    code, err = run(records, out, "duckdb")
    assert code == 2
    assert message in err, err
    assert not out.exists()


def test_duckdb_may_read_the_one_file_and_nothing_else(two_parquet_files: Path) -> None:
    import duckdb

    from icpspec.sql._duckdb import DuckDBFile

    with DuckDBFile(two_parquet_files / "part1.parquet") as file:
        con = file._con
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', "
                "'autoinstall_known_extensions', 'autoload_known_extensions', 'lock_configuration')"
            ).fetchall()
        )
        assert set(settings.values()) == {"false", "true"}
        assert settings["lock_configuration"] == "true"
        assert settings["enable_external_access"] == "false"
        with pytest.raises(duckdb.Error):
            con.execute(f"SELECT * FROM read_parquet('{two_parquet_files / 'part2.parquet'}')")
        with pytest.raises(duckdb.Error):
            con.execute("SET enable_external_access = true")
