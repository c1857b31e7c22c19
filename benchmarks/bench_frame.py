"""Throughput of score_frame and the generated DuckDB SQL beside hand-written equivalents.

Run from the repository root:

    python benchmarks/bench_frame.py [--records 1000000] [--repeat 3]

(a) ``score_frame`` on an in-memory polars DataFrame with typed columns
(numbers as numbers, text as text, technologies as a list) against a
hand-written polars expression computing the same score, tier, status and
coverage, for the realistic 8-criterion profile of ``bench_engine.py`` over its
deterministic accounts (blanks: missing, None, empty text).

(b) The SQL from ``to_sql`` on an in-memory DuckDB table of text columns (as a
CSV file holds them) against hand-written DuckDB SQL, twice: on those same
accounts as text (plain numbers and codes, where ``TRY_CAST`` and ``TRIM`` are
all a hand-written query needs), and on the CRM-export accounts of
``bench_match.py`` (formatted numbers such as ``$1,234``, ``1.2 Million`` and
``12k``, country names, ``n/a``), with a hand-written query that parses
exactly the forms that data holds. Each query's four result columns are all
consumed (summed or counted), so that no part of either is optimised away.

Before timing, each pair's answers are checked equal on every row. Printed:
rows per second (best of ``--repeat``, each pair run alternately so a change of
load on a shared machine hits both) and the ratio to the hand-written version
(target 0.8).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

import icpspec
from icpspec.frame import score_frame
from icpspec.sql import to_sql

sys.path.insert(0, str(Path(__file__).parent))
from bench_engine import SPEC, make_records
from bench_match import SPEC as EXPORT_SPEC
from bench_match import generate

NUMERIC = ("employees", "annual_revenue", "founded_year")
COLUMNS = (
    "employees",
    "annual_revenue",
    "industry",
    "country",
    "state",
    "technologies",
    "funding_stage",
    "founded_year",
    "is_public",
)


def polars_frame(records: list[dict[str, Any]]) -> pl.DataFrame:
    def col(name: str) -> list[Any]:
        values = [r.get(name) for r in records]
        if name in NUMERIC or name == "is_public":
            return [None if v == "" else v for v in values]
        return values

    schema = {
        "employees": pl.Int64,
        "annual_revenue": pl.Float64,
        "industry": pl.String,
        "country": pl.String,
        "state": pl.String,
        "technologies": pl.List(pl.String),
        "funding_stage": pl.String,
        "founded_year": pl.Int64,
        "is_public": pl.Boolean,
    }
    data = {}
    for name in COLUMNS:
        values = col(name)
        if name == "technologies":
            values = [None if v == "" else v for v in values]
        data[name] = pl.Series(name, values, dtype=schema[name])
    return pl.DataFrame(data)


def hand_polars(df: pl.DataFrame) -> pl.DataFrame:
    """The same answers, written by hand for this profile and these column types."""

    def text(name: str) -> pl.Expr:
        t = pl.col(name).str.strip_chars().str.to_lowercase()
        return pl.when(t != "").then(t)

    def b(cond: pl.Expr, known: pl.Expr) -> pl.Expr:
        return pl.when(known).then(cond)

    e, rev, yr = pl.col("employees"), pl.col("annual_revenue"), pl.col("founded_year")
    tech = pl.col("technologies").list.eval(pl.element().str.strip_chars().str.to_lowercase())
    tech_known = pl.col("technologies").list.eval(pl.element().str.strip_chars() != "").list.any()
    crit = [
        b(e.is_between(5, 50), e.is_not_null()),
        b(rev.is_between(500_000, 2_000_000), rev.is_not_null()),
        text("industry").is_in(["software", "saas"]),
        text("country").is_in(["us"]),
        text("state").is_in(["ca", "ny", "tx", "wa"]),
        b(
            tech.list.eval(pl.element().is_in(["hubspot", "salesforce"])).list.any(),
            tech_known.fill_null(False),
        ),
        text("funding_stage").is_in(["bootstrapped", "seed"]),
        b(yr >= 2015, yr.is_not_null()),
    ]
    weights = [3.0, 2.0, 2.0, 1.0, 1.0, 2.0, 1.0, 1.0]
    matched = pl.lit(0.0)
    known = pl.lit(0.0)
    for c, w in zip(crit, weights, strict=True):
        matched = matched + pl.when(c).then(w).otherwise(0.0)
        known = known + pl.when(c.is_not_null()).then(w).otherwise(0.0)
    total = pl.Series("t", [13.0] * df.height)
    out = (
        df.lazy()
        .with_columns(total)
        .with_columns(
            icp_score=matched * 100.0 / pl.col("t"),
            icp_coverage=known / pl.col("t"),
            _c=crit[3],
        )
    )
    status = (
        pl.when(pl.col("is_public").fill_null(False))
        .then(pl.lit("disqualified"))
        .when(~pl.col("_c").fill_null(True))
        .then(pl.lit("required_failed"))
        .when(pl.col("_c").is_null())
        .then(pl.lit("insufficient_data"))
        .otherwise(pl.lit("scored"))
    )
    s = pl.col("icp_score")
    tier = pl.when(s >= 75.0).then(pl.lit("A")).when(s >= 50.0).then(pl.lit("B")).otherwise(pl.lit("C"))
    out = out.with_columns(icp_status=status).with_columns(
        icp_tier=pl.when(pl.col("icp_status") == "scored").then(tier)
    )
    return out.select([*df.columns, "icp_score", "icp_tier", "icp_status", "icp_coverage"]).collect()


HAND_SQL = """
WITH o AS (
  SELECT t.*,
    CASE WHEN TRY_CAST(employees AS DOUBLE) IS NOT NULL THEN TRY_CAST(employees AS DOUBLE) BETWEEN 5 AND 50 END AS c1,
    CASE WHEN TRY_CAST(annual_revenue AS DOUBLE) IS NOT NULL
         THEN TRY_CAST(annual_revenue AS DOUBLE) BETWEEN 500000 AND 2000000 END AS c2,
    LOWER(NULLIF(TRIM(industry), '')) IN ('software', 'saas') AS c3,
    UPPER(NULLIF(TRIM(country), '')) IN ('US') AS c4,
    LOWER(NULLIF(TRIM(state), '')) IN ('ca', 'ny', 'tx', 'wa') AS c5,
    CASE WHEN regexp_matches(technologies, '[^;,| ]')
         THEN regexp_matches(LOWER(technologies), '(^|[;,|]) *(hubspot|salesforce) *([;,|]|$)') END AS c6,
    LOWER(NULLIF(TRIM(funding_stage), '')) IN ('bootstrapped', 'seed') AS c7,
    CASE WHEN TRY_CAST(founded_year AS DOUBLE) IS NOT NULL THEN TRY_CAST(founded_year AS DOUBLE) >= 2015 END AS c8,
    LOWER(NULLIF(TRIM(is_public), '')) IN ('true', 'yes', 'y', 't', '1') AS d1
  FROM accounts t
), s AS (
  SELECT *,
    (0.0 + CASE WHEN c1 THEN 3.0 ELSE 0.0 END + CASE WHEN c2 THEN 2.0 ELSE 0.0 END
     + CASE WHEN c3 THEN 2.0 ELSE 0.0 END + CASE WHEN c4 THEN 1.0 ELSE 0.0 END
     + CASE WHEN c5 THEN 1.0 ELSE 0.0 END + CASE WHEN c6 THEN 2.0 ELSE 0.0 END
     + CASE WHEN c7 THEN 1.0 ELSE 0.0 END + CASE WHEN c8 THEN 1.0 ELSE 0.0 END)::DOUBLE * 100.0 / 13.0 AS score,
    (0.0 + CASE WHEN c1 IS NOT NULL THEN 3.0 ELSE 0.0 END + CASE WHEN c2 IS NOT NULL THEN 2.0 ELSE 0.0 END
     + CASE WHEN c3 IS NOT NULL THEN 2.0 ELSE 0.0 END + CASE WHEN c4 IS NOT NULL THEN 1.0 ELSE 0.0 END
     + CASE WHEN c5 IS NOT NULL THEN 1.0 ELSE 0.0 END + CASE WHEN c6 IS NOT NULL THEN 2.0 ELSE 0.0 END
     + CASE WHEN c7 IS NOT NULL THEN 1.0 ELSE 0.0 END + CASE WHEN c8 IS NOT NULL THEN 1.0 ELSE 0.0 END)::DOUBLE
     / 13.0 AS coverage
  FROM o
)
SELECT score,
  CASE WHEN d1 IS NOT TRUE AND c4 IS TRUE
       THEN CASE WHEN score >= 75 THEN 'A' WHEN score >= 50 THEN 'B' ELSE 'C' END END AS tier,
  CASE WHEN d1 IS TRUE THEN 'disqualified' WHEN c4 IS FALSE THEN 'required_failed'
       WHEN c4 IS NULL THEN 'insufficient_data' ELSE 'scored' END AS status,
  coverage
FROM s
"""


EXPORT_HAND_SQL = r"""
WITH o AS (
  SELECT t.*,
    TRY_CAST(REPLACE(employees, ',', '') AS DOUBLE) BETWEEN 20 AND 500 AS c1,
    CASE
      WHEN annual_revenue LIKE '%M%' THEN TRY_CAST(regexp_extract(annual_revenue, '[0-9.]+') AS DOUBLE) * 1000000
      WHEN annual_revenue LIKE '%k' THEN TRY_CAST(regexp_extract(annual_revenue, '[0-9.]+') AS DOUBLE) * 1000
      ELSE TRY_CAST(REPLACE(REPLACE(annual_revenue, '$', ''), ',', '') AS DOUBLE)
    END BETWEEN 1000000 AND 50000000 AS c2,
    LOWER(NULLIF(TRIM(industry), '')) IN ('software', 'saas', 'internet') AS c3,
    UPPER(REPLACE(NULLIF(TRIM(country), ''), '.', '')) IN ('US', 'USA', 'UNITED STATES') AS c4,
    CASE WHEN regexp_matches(technologies, '[^;,| ]')
         THEN regexp_matches(LOWER(technologies), '(^|[;,|]) *(hubspot|salesforce) *([;,|]|$)') END AS c5,
    TRY_CAST(founded_year AS DOUBLE) >= 2005 AS c6,
    CASE LOWER(TRIM(is_public)) WHEN 'true' THEN TRUE WHEN 'yes' THEN TRUE
                                WHEN 'false' THEN FALSE WHEN 'no' THEN FALSE END AS d1
  FROM accounts_export t
), s AS (
  SELECT *,
    (CASE WHEN c1 THEN 3 ELSE 0 END + CASE WHEN c2 THEN 2 ELSE 0 END + CASE WHEN c3 THEN 2 ELSE 0 END
     + CASE WHEN c4 THEN 1 ELSE 0 END + CASE WHEN c5 THEN 1 ELSE 0 END
     + CASE WHEN c6 THEN 1 ELSE 0 END)::DOUBLE * 100.0 / 10.0 AS score,
    (CASE WHEN c1 IS NOT NULL THEN 3 ELSE 0 END + CASE WHEN c2 IS NOT NULL THEN 2 ELSE 0 END
     + CASE WHEN c3 IS NOT NULL THEN 2 ELSE 0 END + CASE WHEN c4 IS NOT NULL THEN 1 ELSE 0 END
     + CASE WHEN c5 IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN c6 IS NOT NULL THEN 1 ELSE 0 END)::DOUBLE
     / 10.0 AS coverage
  FROM o
)
SELECT rid, score AS icp_score,
  CASE WHEN d1 IS NOT TRUE AND c4 IS TRUE
       THEN CASE WHEN score >= 75 THEN 'A' WHEN score >= 50 THEN 'B' WHEN score >= 25 THEN 'C' END END AS icp_tier,
  CASE WHEN d1 IS TRUE THEN 'disqualified' WHEN c4 IS FALSE THEN 'required_failed'
       WHEN c4 IS NULL THEN 'insufficient_data' ELSE 'scored' END AS icp_status,
  coverage AS icp_coverage
FROM s
"""

#: Every result column consumed, so that neither query is cut down by the optimiser.
CONSUME = (
    "SELECT count(*), sum(icp_score), sum(icp_coverage), count(icp_tier), "
    "count_if(icp_status = 'scored') FROM ({}) q"
)
RESULTS = "icp_score, icp_tier, icp_status, icp_coverage"


def load_export(con: Any, n: int) -> None:
    """``bench_match.py``'s CRM-export accounts as the text table ``accounts_export``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "accounts.csv"
        generate(path, n)
        con.execute(
            "CREATE TABLE accounts_export AS SELECT row_number() OVER () AS rid,"
            ' "Number of Employees" AS employees, "Annual Revenue" AS annual_revenue,'
            ' "Industry" AS industry, "HQ Country" AS country, "Founded" AS founded_year,'
            ' "Technologies" AS technologies, "Is Public" AS is_public'
            " FROM read_csv(?, all_varchar = true, header = true)",
            [str(path)],
        )


def timed_pair(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best seconds of each, run alternately so that a change of load on a shared machine hits both."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, fn in enumerate((first, second)):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best[0], best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.records

    spec = icpspec.loads(SPEC)
    records = make_records(n)
    df = polars_frame(records)

    ours = score_frame(df, spec)
    hand = hand_polars(df)
    cols = ["icp_score", "icp_tier", "icp_status", "icp_coverage"]
    assert ours.select(cols).equals(hand.select(cols)), "score_frame and the hand-written polars disagree"

    con = duckdb.connect()
    text = pl.DataFrame(
        {
            c: [
                None if (v := r.get(c)) is None else "; ".join(v) if isinstance(v, list) else str(v)
                for r in records
            ]
            for c in COLUMNS
        },
        schema=dict.fromkeys(COLUMNS, pl.String),
    )
    con.register("text_frame", text)
    con.execute("CREATE TABLE accounts AS SELECT row_number() OVER () AS rid, * FROM text_frame")
    generated = to_sql(spec, dialect="duckdb")
    gen_rows = con.execute(f"SELECT {RESULTS} FROM ({generated}) ORDER BY rid").fetchall()
    hand_rows = con.execute(
        HAND_SQL.replace("SELECT score,", "SELECT rid, score,") + " ORDER BY rid"
    ).fetchall()
    hand_rows = [row[1:] for row in hand_rows]
    assert gen_rows == hand_rows, "the generated and the hand-written SQL disagree"
    hand_sql = (
        HAND_SQL.replace("SELECT score,", "SELECT score AS icp_score,")
        .replace("AS tier", "AS icp_tier")
        .replace("AS status", "AS icp_status")
        .replace("  coverage\nFROM s", "  coverage AS icp_coverage\nFROM s")
    )

    load_export(con, n)
    export_generated = to_sql(icpspec.loads(EXPORT_SPEC), dialect="duckdb", table="accounts_export")
    gen_rows = con.execute(f"SELECT {RESULTS} FROM ({export_generated}) ORDER BY rid").fetchall()
    hand_rows = con.execute(f"SELECT {RESULTS} FROM ({EXPORT_HAND_SQL}) ORDER BY rid").fetchall()
    assert gen_rows == hand_rows, "the generated and the hand-written SQL disagree on the CRM export"

    def run_sql(query: str) -> Callable[[], object]:
        return lambda: con.execute(CONSUME.format(query)).fetchall()

    hand_pl, ours_pl = timed_pair(lambda: hand_polars(df), lambda: score_frame(df, spec), args.repeat)
    hand_db, ours_db = timed_pair(run_sql(hand_sql), run_sql(generated), args.repeat)
    hand_ex, ours_ex = timed_pair(run_sql(EXPORT_HAND_SQL), run_sql(export_generated), args.repeat)
    rows = [
        ("hand-written polars expression", hand_pl, None),
        ("icpspec score_frame (polars)", ours_pl, 0),
        ("hand-written DuckDB SQL", hand_db, None),
        ("icpspec to_sql (DuckDB)", ours_db, 2),
        ("hand-written DuckDB SQL, CRM export", hand_ex, None),
        ("icpspec to_sql (DuckDB), CRM export", ours_ex, 4),
    ]
    print(f"{n:,} accounts, best of {args.repeat}")
    for name, seconds, ref in rows:
        ratio = "" if ref is None else f"  {rows[ref][1] / seconds:.2f}x of hand-written"
        print(f"  {name:<38} {n / seconds:>12,.0f} accounts/s{ratio}")


if __name__ == "__main__":
    main()
