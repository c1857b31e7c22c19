"""``population-too-broad`` (ICP103) end to end: ``icpspec lint --population FILE`` and ``population=``.

The rule's own cases (where findings land, options, retired profiles) are
data-driven in tests/cases/lint/population-too-broad.yaml; these tests are
about the population file: reading it, reporting what it skips, refusing it
when it cannot be read, and the Python API.
"""

from __future__ import annotations

import datetime as dt
import doctest
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

import icpspec
from icpspec.cli import cli
from icpspec.engine import Matcher
from icpspec.engine.compile import fields_read
from icpspec.engine.reference import tier_order
from icpspec.lint import LintConfig, Population, _population, lint_spec
from icpspec.model import ProfileStatus, Spec
from icpspec.records import RecordFileError

from .conftest import EXAMPLES, ROOT
from .strategies import records, specs

TODAY = "2026-11-01"
ACME = str(EXAMPLES / "acme.icp.yaml")
#: The line of acme's ``tiers:`` key, where the finding lands.
TIERS_LINE = next(
    n for n, line in enumerate(Path(ACME).read_text(encoding="utf-8").splitlines(), 1) if "tiers:" in line
)
HEADER = (
    "Company,business_model,employees,annual_revenue,funding_stage,years_in_business,legal_form,"
    "offerings,country,state,technologies,is_public,ipo_planned_within_5_years\n"
)
IDEAL = "Ideal {i},saas,20,1M,bootstrapped,4,llc,data analytics,United States,CA,hubspot,no,no\n"
OTHER = "Other {i},services,5000,$2B,series_c,30,corporation,payments,Germany,,,no,no\n"


def population(tmp_path: Path, ideal: int, other: int, extra: str = "", name: str = "accounts.csv") -> Path:
    path = tmp_path / name
    rows = [IDEAL.format(i=i) for i in range(ideal)] + [OTHER.format(i=i) for i in range(other)]
    path.write_text(HEADER + "".join(rows) + extra, encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["lint", ACME, "--today", TODAY, "--isolated", *args])


def test_a_crowded_top_tier_is_reported_at_the_tiers_key(tmp_path: Path) -> None:
    pop = population(tmp_path, ideal=60, other=40)
    result = run("--population", str(pop), "--format", "json")
    assert result.exit_code == 0, result.output  # a warning: exit 1 only with --strict
    (d,) = json.loads(result.stdout)["diagnostics"]
    assert (d["code"], d["name"], d["line"], d["column"]) == ("ICP103", "population-too-broad", TIERS_LINE, 5)
    assert d["pointer"] == "/profiles/ca-saas-analytics/tiers"
    assert d["message"] == (
        "60 of 100 accounts of the population (60.0%) land in the top tier 'A' "
        "of profile 'ca-saas-analytics'; at most 40% should"
    )
    assert run("--population", str(pop), "--strict").exit_code == 1


def test_a_top_tier_that_ranks_is_clean(tmp_path: Path) -> None:
    result = run("--population", str(population(tmp_path, ideal=40, other=60)))
    assert result.exit_code == 0
    assert "All checks passed" in result.stdout
    assert "population" in result.stderr
    assert "100 records read, 0 skipped" in result.stderr


def test_the_share_and_the_minimum_are_options_of_the_configuration(tmp_path: Path) -> None:
    pop = population(tmp_path, ideal=60, other=40)
    config = tmp_path / "icpspec.toml"
    config.write_text("[population-too-broad]\nmax-top-tier-share = 0.6\n", encoding="utf-8")
    assert "ICP103" not in run("--population", str(pop), "--config", str(config)).stdout
    config.write_text("[population-too-broad]\nmin-population = 101\n", encoding="utf-8")
    assert "ICP103" not in run("--population", str(pop), "--config", str(config)).stdout
    config.write_text("[population-too-broad]\nmax-top-tier-share = 0.59\n", encoding="utf-8")
    assert "ICP103" in run("--population", str(pop), "--config", str(config)).stdout
    config.write_text("[population-too-broad]\nmax-top-share = 0.5\n", encoding="utf-8")
    bad = run("--population", str(pop), "--config", str(config))
    assert bad.exit_code == 2
    assert "max-top-tier-share" in bad.stderr


def test_below_the_minimum_population_the_rule_says_nothing(tmp_path: Path) -> None:
    result = run("--population", str(population(tmp_path, ideal=49, other=0)))
    assert "ICP103" not in result.stdout
    assert "49 records read" in result.stderr


def test_skipped_records_are_reported_as_match_reports_them(tmp_path: Path) -> None:
    pop = population(tmp_path, ideal=60, other=40, extra="Ragged,row\n" * 12)
    result = run("--population", str(pop))
    assert "ICP103" in result.stdout
    lines = result.stderr.splitlines()
    assert f"{pop}:102:1: skipped: 2 cells, but the header has 13" in lines
    assert f"{pop}: … and 2 more skipped records" in lines
    assert lines[-1] == f"population {pop}: 112 records read, 12 skipped"
    # skipped records are not accounts: 60 of the 100 read
    assert "60 of 100 accounts" in result.stdout


def test_json_lines_populations(tmp_path: Path) -> None:
    pop = tmp_path / "accounts.jsonl"
    record = {"employees": 20, "country": "US", "state": "CA", "business_model": "saas",
              "annual_revenue": 1_000_000, "funding_stage": "bootstrapped", "years_in_business": 4,
              "legal_form": "llc", "offerings": ["data analytics"], "technologies": ["hubspot"]}  # fmt: skip
    pop.write_text((json.dumps(record) + "\n") * 50, encoding="utf-8")
    assert "50 of 50 accounts" in run("--population", str(pop)).stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.csv", "missing.csv:0:0: no such file"),
        (lambda d: d, ":0:0: a folder, not a file"),
        (lambda d: _write(d / "empty.csv", b""), "the file is empty"),
        (lambda d: _write(d / "u16.csv", "a,b\n".encode("utf-16")), "the file is UTF-16"),
        (lambda d: _write(d / "dup.csv", b"a,a\n1,2\n"), "duplicate column 'a'"),
        # Columns that both hold a field the spec reads: found when the spec's fields are known.
        (lambda d: _write(d / "two.csv", b"Employees,employees\n1,2\n"), "hold field 'employees'"),
    ],
)
def test_an_unreadable_population_is_a_usage_error(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    out = tmp_path / "out.json"
    result = run("--population", str(path), "-o", str(out))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("icpspec: --population: ")
    assert message in line
    assert "Traceback" not in result.output
    assert not out.exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_an_unreadable_population_is_refused_even_when_the_rule_is_off(tmp_path: Path) -> None:
    result = run("--population", str(tmp_path / "missing.csv"), "--ignore", "population-too-broad")
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    pop = population(tmp_path, ideal=60, other=40)
    result = run("--population", str(pop), "--ignore", "ICP103")
    assert result.exit_code == 0
    assert "records read" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_device_is_refused_without_hanging(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "pipe"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path(os.devnull)  # a device: /dev/zero would never end
    result = run("--population", str(path))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_standard_input_is_refused() -> None:
    result = run("--population", "-")
    assert result.exit_code == 2
    assert "standard input" in result.stderr


def test_several_specs_each_get_the_population_read_for_their_fields(tmp_path: Path) -> None:
    (tmp_path / "acme.icp.yaml").write_text(Path(ACME).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "growth.icp.yaml").write_text(
        "icpspec: 1\nprofiles:\n  de:\n    criteria: [{field: country, in: [DE]}]\n    tiers: {A: 75}\n",
        encoding="utf-8",
    )
    pop = population(tmp_path, ideal=60, other=40, extra="Ragged,row\n")
    result = CliRunner().invoke(
        cli,
        [
            "lint",
            str(tmp_path),
            "--today",
            TODAY,
            "--isolated",
            "--select",
            "ICP103",
            "--population",
            str(pop),
        ],
    )
    assert "acme.icp.yaml" in result.stdout
    assert "60 of 100" in result.stdout
    assert "growth.icp.yaml" not in result.stdout  # 40 of 100 in Germany: not more than 40 %
    assert result.stderr.count("skipped: 2 cells") == 1  # reported once, not once per spec


def test_the_real_process_streams(tmp_path: Path) -> None:
    pop = population(tmp_path, ideal=60, other=40)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "icpspec",
            "lint",
            ACME,
            "--today",
            TODAY,
            "--isolated",
            "--population",
            str(pop),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0
    assert proc.stdout.count("ICP103") == 1
    assert "records read" not in proc.stdout
    assert "100 records read, 0 skipped" in proc.stderr


def test_python_api(tmp_path: Path) -> None:
    today = dt.date(2026, 11, 1)
    pop = population(tmp_path, ideal=60, other=40)
    (d,) = icpspec.lint(ACME, today=today, population=pop)
    assert (d.code, d.line) == ("ICP103", TIERS_LINE)
    assert icpspec.lint(ACME, today=today) == []  # no population, no rule
    (again,) = icpspec.lint(ACME, today=today, population=str(pop))
    assert again == d
    records = [{"employees": 20, "country": "US"}] * 10
    assert icpspec.lint(ACME, today=today, population=records) == []  # 10 < min-population
    spec = icpspec.load(ACME)
    (mem,) = icpspec.lint(spec, today=today, population=Population(pop))
    assert (mem.code, mem.pointer, mem.line) == ("ICP103", "/profiles/ca-saas-analytics/tiers", 0)
    config = LintConfig(options={"population-too-broad": {"max-top-tier-share": 0.75}})
    assert icpspec.lint(ACME, today=today, population=pop, config=config) == []
    with pytest.raises(RecordFileError, match="no such file"):
        icpspec.lint(ACME, today=today, population=tmp_path / "missing.csv")


def test_population_reads_once_per_lint_and_keeps_the_first_report(tmp_path: Path) -> None:
    pop = Population(population(tmp_path, ideal=3, other=2, extra="x\n"))
    assert pop.report is None
    pop.check()
    assert pop.report is None  # check reads only the header
    spec = icpspec.load(ACME)
    counts = pop.top_tier_counts(spec, {"ca-saas-analytics": "A"})
    assert (counts.records, dict(counts.top)) == (5, {"ca-saas-analytics": 3})
    assert pop.report is not None
    assert (pop.report.records, pop.report.skipped) == (6, 1)


def test_the_docstring_example_runs() -> None:
    result = doctest.testmod(_population, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


@st.composite
def _populations(draw: st.DrawFn) -> tuple[Spec, list[dict[str, object]]]:
    spec = draw(specs())
    fields = tuple(sorted({name for p in spec.profiles.values() for name in fields_read(p)} | {"employees"}))
    return spec, draw(st.lists(records(fields), max_size=25))


@given(_populations(), st.floats(min_value=0, max_value=1), st.integers(min_value=0, max_value=10))
def test_the_rule_agrees_with_matching_every_record(
    case: tuple[Spec, list[dict[str, object]]], share: float, minimum: int
) -> None:
    """Findings == a reference count of ``Matcher.match`` tiers (not the fast path the rule uses)."""
    spec, accounts = case
    config = LintConfig(
        select=("ICP103",),
        options={"population-too-broad": {"max-top-tier-share": share, "min-population": minimum}},
    )
    found = lint_spec(spec, config=config, inputs={"population": Population(accounts)})
    expected = set()
    for pid, profile in spec.profiles.items():
        if profile.status == ProfileStatus.RETIRED or not profile.tiers or len(accounts) < max(minimum, 1):
            continue
        top = tier_order(profile.tiers)[0][0]
        matcher = Matcher(profile, spec=spec)
        n = sum(matcher.match(r).tier == top for r in accounts)
        if n > share * len(accounts):
            expected.add(pid)
    assert {d.pointer.split("/")[2] for d in found} == expected


def test_records_in_memory_are_mapped_when_columns_are_given() -> None:
    """Reproduction (review of 82e326c): Population(records, columns=...) ignored columns for
    records in memory, silently. Given columns, records are read as a file's rows are (names,
    aliases, maps); without, by field id, as the engine reads records."""
    from icpspec.records import ColumnsError

    today = dt.date(2026, 11, 1)
    by_field = [{"employees": 20, "country": "US", "technologies": ["HubSpot"]}] * 60
    by_column = [{"Staff": 20, "HQ Country": "US", "stack": ["HubSpot"]}] * 60
    columns = {"employees": "Staff", "country": "HQ Country", "technologies": "stack"}
    spec = str(EXAMPLES / "minimal.icp.yaml")

    def crowded(population: Population) -> list[str]:
        return [
            d.message for d in icpspec.lint(spec, today=today, population=population) if d.code == "ICP103"
        ]

    mapped = crowded(Population(by_column, columns=columns))
    # As for a file: the count, and the field no column holds (is_public).
    assert [m for m in mapped if "top tier" in m] == crowded(Population(by_field)) != []
    assert [m for m in mapped if "top tier" not in m] == [
        "the population: no column holds field 'is_public'; unknown in every record: us-saas-growth/public "
        "(name a column with --map is_public=COLUMN, or --set is_public=VALUE)"
    ]
    assert crowded(Population(by_column)) == []  # read by field id
    with pytest.raises(
        ColumnsError, match="columns 'headcount' and 'staff_count' both hold field 'employees'"
    ):
        icpspec.lint(
            spec,
            today=today,
            population=Population([{"headcount": 1, "staff_count": 2}] * 60, columns={"country": "c"}),
        )
