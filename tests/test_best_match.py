"""The best match over several profiles: fits before no fit, tiers before no tier, and why the others lost."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import icpspec
from icpspec import MatchStatus, Spec, SpecMatcher, best_match
from icpspec.engine.best import rank_key, tier_places

from .test_engine_properties import FIELDS, profiles, records
from .test_frame_sql_equivalence import _text, sql_profiles, text_rows

# A small version of the enterprise account list issue 13 was found on.
SPEC = """\
icpspec: 1
version: "1"
profiles:
  us-smb:
    criteria:
      - {field: employees, between: [5, 200], weight: 2}
      - {field: country, in: [US], required: true}
    disqualifiers:
      - {id: public-sector, field: industry, in: [government services], reason: Procurement too slow}
  us-ent:
    criteria:
      - {field: employees, min: 1000, weight: 3}
      - {field: country, in: [US], weight: 2}
    tiers: {A: 90, B: 70}
"""


@pytest.fixture(scope="module")
def spec() -> Spec:
    return icpspec.loads(SPEC)


def test_a_small_company_no_profile_fits_is_no_fit_not_an_untiered_enterprise(spec: Spec) -> None:
    # Found: "scored" outranked everything, so a small company abroad came out
    # icp_profile=us-enterprise, icp_status=scored, with an empty tier.
    found = best_match({"employees": 20, "country": "DE"}, spec)
    assert (found.best, found.status, found.profile, found.tier, found.score) == (
        None,
        MatchStatus.NO_FIT,
        None,
        None,
        None,
    )
    assert [(r.profile, r.status.value, r.tier) for r in found.results] == [
        ("us-ent", "scored", None),
        ("us-smb", "required_failed", None),
    ]
    assert found.why_not() == {
        "us-ent": "score 0.0 reaches no tier",
        "us-smb": "required criterion country missed",
    }


def test_a_disqualified_record_is_not_handed_to_another_profile_s_untiered_score(spec: Spec) -> None:
    # Found: a Government Services company lost the disqualification another profile gave it.
    found = best_match({"employees": 50, "country": "US", "industry": "Government Services"}, spec)
    assert found.status == MatchStatus.NO_FIT
    assert found.explain() == "us-ent: score 40.0 reaches no tier; us-smb: disqualified by public-sector"


def test_a_tier_beats_no_tier_and_a_fitting_profile_is_the_best(spec: Spec) -> None:
    found = best_match({"employees": 50, "country": "US"}, spec)
    assert (found.profile, found.tier, found.status) == ("us-smb", "A", MatchStatus.SCORED)
    assert found.best is found.results[0]
    assert found.why_not() == {"us-ent": "score 40.0 reaches no tier"}


def test_tiers_compare_by_their_place_in_their_own_profile() -> None:
    spec = icpspec.loads(
        "icpspec: 1\nprofiles:\n"
        "  gold-first:\n    criteria: [{field: country, in: [US]}, {field: employees, min: 10}]\n"
        "    tiers: {Gold: 90, Silver: 40}\n"
        "  letters:\n    criteria: [{field: country, in: [US]}, {field: employees, min: 10}]\n"
    )
    found = best_match({"country": "US", "employees": 5}, spec)  # 50 in both: Silver (2nd), B (2nd)
    assert [(r.profile, r.tier) for r in found.results] == [("gold-first", "Silver"), ("letters", "B")]
    assert found.why_not() == {"letters": "tier B (score 50.0) ranks below gold-first"}


def test_insufficient_data_says_what_is_missing() -> None:
    spec = icpspec.loads(
        "icpspec: 1\nprofiles:\n"
        "  needs-country:\n    criteria: [{field: country, in: [US], required: true}]\n"
        "  needs-coverage:\n    min_coverage: 0.75\n"
        "    criteria: [{field: employees, min: 10}, {field: industry, in: [software]}]\n"
    )
    found = best_match({"employees": 50}, spec)
    assert found.why_not() == {
        "needs-coverage": "coverage 0.50 below the minimum 0.75",
        "needs-country": "required criterion country unknown",
    }


def test_one_profile_never_says_no_fit() -> None:
    spec = icpspec.loads(
        "icpspec: 1\nprofiles:\n  only:\n    criteria: [{field: country, in: [US], required: true}]\n"
    )
    found = best_match({"country": "DE"}, spec)
    assert found.best is not None
    assert found.status == MatchStatus.REQUIRED_FAILED
    assert found.best == icpspec.Matcher(spec).match({"country": "DE"})


def test_best_match_to_dict_is_json(spec: Spec) -> None:
    data = best_match({"employees": 20, "country": "DE"}, spec).to_dict()
    assert (data["profile"], data["status"], data["score"]) == (None, "no_fit", None)
    assert [r["profile"] for r in data["results"]] == ["us-ent", "us-smb"]
    json.dumps(data)


# -- properties -------------------------------------------------------------------------------


def _spec_of(profile_list: list[icpspec.Profile]) -> Spec:
    return Spec(profiles={f"p{i}": attrs.evolve(p, id=f"p{i}") for i, p in enumerate(profile_list)})


@given(st.lists(profiles(), min_size=2, max_size=3), records())
def test_best_match_ranks_every_result_and_fits_exactly_when_one_fits(
    profile_list: list[icpspec.Profile], record: dict[str, Any]
) -> None:
    spec = _spec_of(profile_list)
    matcher = SpecMatcher(spec)
    found = matcher.best_match(record)
    every = matcher.match_all(record)
    assert sorted(r.profile for r in found.results) == sorted(r.profile for r in every)
    fits = [r for r in every if r.status == MatchStatus.SCORED and r.tier is not None]
    assert (found.best is None) == (not fits)
    keys = [
        rank_key(r.status, r.tier, r.score, r.coverage, tier_places(spec.profiles[r.profile]))
        for r in found.results
    ]
    assert keys == sorted(keys)
    if found.best is not None:
        assert found.best is found.results[0]
    assert set(found.why_not()) == {r.profile for r in found.runners_up}


@given(st.lists(sql_profiles, min_size=2, max_size=3), text_rows(times=False))
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30, deadline=None)
def test_duckdb_best_match_agrees_with_python(
    profile_list: list[icpspec.Profile], rows: list[dict[str, Any]]
) -> None:
    pytest.importorskip("duckdb")
    from icpspec.sql._duckdb import DuckDBFile

    spec = _spec_of(profile_list)
    targets = [icpspec.target(spec, pid) for pid in spec.profiles]
    matcher = SpecMatcher(spec)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "rows.csv"
        with src.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(FIELDS)
            writer.writerows([["" if r[f] is None else _text(r[f]) for f in FIELDS] for r in rows])
        with DuckDBFile(src) as file:
            got = [
                row[-6:]
                for batch in file.score_best(targets, {f: f for f in FIELDS}, keep=[])
                for row in batch
            ]
    for row, (pid, score, tier, status, coverage, version) in zip(rows, got, strict=True):
        found = matcher.best_match({k: v for k, v in row.items() if v is not None})
        assert status == found.status.value
        assert (pid, score, tier, coverage) == (found.profile, found.score, found.tier, found.coverage)
        assert version == found.spec_version
