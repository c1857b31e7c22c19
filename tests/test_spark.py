"""The generated Spark SQL runs on a real local Spark session and equals the Python engine.

Issue 18: icpspec generated Spark SQL but had only ever run its SQL on DuckDB
and PostgreSQL. Here the SQL of ``to_sql(..., dialect="spark")`` runs on a
local ``SparkSession`` (PySpark, the ``spark`` extra, Java 17) over random
profiles and records (hypothesis, few examples: Spark is slow) and over the
S&P 500 account file, and every score, coverage, tier and status equals the
Python engine's; the evaluation's aggregate query gives the Python evaluation's figures. One session serves the whole module.

Without PySpark or Java these tests skip, unless ``ICPSPEC_REQUIRE_SPARK=1``
(``.ci/run`` sets it) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

import icpspec
from icpspec.model import Profile

from .conftest import EXAMPLES
from .test_evaluate_sql import COLUMNS as EVAL_COLUMNS
from .test_evaluate_sql import OPEN_ONLY, same_outcome
from .test_evaluate_sql import SPEC as EVAL_SPEC
from .test_evaluate_sql import rows_strategy as eval_rows
from .test_frame_sql_equivalence import FIELDS, _check, sql_profiles, text_rows
from .test_sql_best_match import RESULT, expected, specs

pytest.importorskip("sqlglot")

from icpspec.evaluate import evaluate, evaluate_counts
from icpspec.sql import EvaluationColumns, to_sql

#: A Spark query takes about a second: a few examples are what CI can afford.
SPARK_EXAMPLES = settings(
    max_examples=min(settings.default.max_examples, 12),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
OUTCOME = {True: 1, False: 0, None: 2}


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    missing = []
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        missing.append("pyspark (the spark extra)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing.append("java")
    if missing:
        reason = f"no {' and no '.join(missing)}"
        if os.environ.get("ICPSPEC_REQUIRE_SPARK") == "1":
            pytest.fail(reason + "; ICPSPEC_REQUIRE_SPARK=1 makes that a failure")
        pytest.skip(reason)
    session = (
        SparkSession.builder.master("local[1]")
        .appName("icpspec-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        # The best-match query of several random profiles is one large plan: 1g ran out of heap
        # in CI, and whole-stage code generation fails on it (over 64 KB of Java) before falling
        # back, so it is left off.
        .config("spark.driver.memory", "4g")
        # Spark's ANTLR parser cache grows with every distinct query it reads (hundreds of MB
        # over a few dozen best-match queries); flushed past a tenth of the heap (docs/recipes.md).
        .config("spark.sql.parser.manageParserCaches", "true")
        .config("spark.sql.parser.parserDfaCacheFlushRatio", "10")
        .config("spark.sql.codegen.wholeStage", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _frame(spark: Any, rows: Sequence[dict[str, str | None]], fields: Sequence[str]) -> Any:
    """A DataFrame of text columns named after the fields, plus the row's number."""
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    schema = StructType(
        [StructField("row_no", IntegerType(), False), *(StructField(f, StringType(), True) for f in fields)]
    )
    return spark.createDataFrame([(i, *(r.get(f) for f in fields)) for i, r in enumerate(rows)], schema)


def _results(spark: Any, sql: str, profile: Profile) -> list[tuple[Any, ...]]:
    names = [f"icp_c_{c.id}" for c in profile.criteria] + [f"icp_d_{d.id}" for d in profile.disqualifiers]
    out = spark.sql(sql).orderBy("row_no").collect()
    return [
        (
            r["icp_score"],
            r["icp_coverage"],
            r["icp_tier"],
            r["icp_status"],
            tuple(OUTCOME[r[n]] for n in names),
        )
        for r in out
    ]


@given(sql_profiles, text_rows(times=False))
@SPARK_EXAMPLES
def test_spark_sql_equals_reference(spark: Any, profile: Profile, rows: list[dict[str, Any]]) -> None:
    _frame(spark, rows, FIELDS).createOrReplaceTempView("accounts")
    _check(_results(spark, to_sql(profile, dialect="spark"), profile), profile, rows)


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def test_spark_scores_the_sp500_as_the_python_engine(spark: Any) -> None:
    spec = icpspec.load(EXAMPLES / "sp500" / "sp500.icp.yaml")
    with icpspec.read_records(EXAMPLES / "sp500" / "sp500_constituents.csv", spec) as reader:
        records = list(reader)
    fields = sorted({f for r in records for f in r})
    rows = [{f: _cell(r.get(f)) for f in fields} for r in records]
    _frame(spark, rows, fields).createOrReplaceTempView("accounts")
    assert len(rows) == 503
    for pid, profile in spec.profiles.items():
        got = spark.sql(to_sql(spec, dialect="spark", profile=pid)).orderBy("row_no").collect()
        matcher = icpspec.Matcher(profile, spec=spec)
        expected = [matcher.match({k: v for k, v in row.items() if v is not None}) for row in rows]
        assert [(g["icp_score"], g["icp_coverage"], g["icp_tier"], g["icp_status"]) for g in got] == [
            (e.score, e.coverage, e.tier, e.status.value) for e in expected
        ], pid
        assert {e.status.value for e in expected} >= {"scored"}


@given(specs(), text_rows(times=False))
@settings(parent=SPARK_EXAMPLES, max_examples=min(settings.default.max_examples, 6))
def test_spark_best_match_equals_python(spark: Any, spec: Any, rows: list[dict[str, Any]]) -> None:
    """The best-match query of a spec with several profiles (tests/test_sql_best_match.py) on Spark."""
    _frame(spark, rows, FIELDS).createOrReplaceTempView("accounts")
    got = spark.sql(to_sql(spec, dialect="spark")).orderBy("row_no").collect()
    assert [tuple(r[c] for c in RESULT) for r in got] == expected(spec, rows)


@given(eval_rows)
@example(OPEN_ONLY)
@settings(parent=SPARK_EXAMPLES, max_examples=min(settings.default.max_examples, 6))
def test_spark_aggregate_evaluation_equals_python(spark: Any, rows: list[dict[str, str]]) -> None:
    """The evaluation's aggregate query (``to_sql(..., evaluate=...)``) on Spark: the evaluation
    ``evaluate_counts`` makes of its rows equals ``evaluate`` on the same records (issue 18)."""
    from pyspark.sql.types import StringType, StructField, StructType

    cells = [[r[c] if r[c] != "" else None for c in EVAL_COLUMNS] for r in rows]  # an empty cell is NULL
    schema = StructType([StructField(c, StringType()) for c in EVAL_COLUMNS])
    spark.createDataFrame(cells, schema).createOrReplaceTempView("deals")
    sql = to_sql(
        EVAL_SPEC, dialect="spark", table="deals", evaluate=EvaluationColumns("outcome", "deal", "region")
    )
    counted = [tuple(r) for r in spark.sql(sql).collect()]
    mapped = [{k: (v if v != "" else None) for k, v in r.items()} for r in rows]
    same_outcome(
        lambda: evaluate(mapped, EVAL_SPEC, outcome="outcome", value="deal", by="region"),
        lambda: evaluate_counts(counted, EVAL_SPEC, outcome="outcome", value="deal", by="region"),
    )


#: Text whose case folding goes beyond LOWER: letters that fold to two (ß, ﬁ, ᾳ), to another
#: letter (µ, final sigma), or that need the flat AGGREGATE of Spark's case folding.
FOLDED = ["Straße", "STRASSE", "ﬁnance", "ΐ", "ᾳ", "µ", "İstanbul", " Σίσυφος ", "ǰ", "plain"]


def test_spark_case_folds_text_as_python_does(spark: Any) -> None:
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    schema = StructType([StructField("row_no", IntegerType()), StructField("industry", StringType())])
    spark.createDataFrame(list(enumerate(FOLDED)), schema).createOrReplaceTempView("folded")
    for i, text in enumerate(FOLDED):
        condition = icpspec.model.Equals(field="industry", value=text.strip().casefold())
        profile = Profile(id="p", criteria=(icpspec.model.Criterion(id="c", condition=condition),))
        got = spark.sql(to_sql(profile, dialect="spark", table="folded")).orderBy("row_no").collect()
        assert [r["icp_c_c"] for r in got] == [
            icpspec.Matcher(profile).match({"industry": t}).score == 100.0 for t in FOLDED
        ], text
        assert got[i]["icp_c_c"] is True
