"""One resolved target: the same profile, fields and version stamp whichever way an engine is asked.

The first tests reproduce what issue 13 found, one test per finding.
"""

from __future__ import annotations

import pickle
import types
import warnings
from pathlib import Path

import attrs
import pytest

import icpspec
from icpspec import IcpspecError, Matcher, Profile, Spec, SpecMatcher, Target, best_match, target
from icpspec.model import Criterion, In, Min

SPEC = """\
icpspec: 1
version: "2026.3"
fields:
  growth_pct: {type: number}
profiles:
  us-smb:
    criteria:
      - {field: employees, between: [5, 200], weight: 2}
      - {field: country, in: [US], required: true}
      - {field: growth_pct, min: 20}
    disqualifiers:
      - {id: public-sector, field: industry, in: [government], reason: Procurement too slow}
  us-ent:
    criteria:
      - {field: employees, min: 1000, weight: 3}
      - {field: country, in: [US]}
    tiers: {A: 90, B: 70}
"""

RECORD = {"employees": 50, "country": "US", "growth_pct": 35, "industry": "software"}


@pytest.fixture
def spec() -> Spec:
    return icpspec.loads(SPEC)


# -- what was found ---------------------------------------------------------------------------


def test_the_stamp_does_not_depend_on_how_the_matcher_was_asked(spec: Spec) -> None:
    p = spec.profiles["us-smb"]
    stamps = {
        Matcher(p).match(RECORD).spec_version,
        Matcher(p, spec=spec).match(RECORD).spec_version,
        Matcher(spec, profile="us-smb").match(RECORD).spec_version,
        Matcher(target(spec, "us-smb")).match(RECORD).spec_version,
        best_match(RECORD, spec).best.spec_version,  # type: ignore[union-attr]
        SpecMatcher(spec).match_all(RECORD)[0].spec_version,
    }
    assert len(stamps) == 1
    (stamp,) = stamps
    assert stamp.startswith("2026.3+")


def test_the_stamp_of_score_frame_is_the_matchers(spec: Spec) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame([RECORD])
    want = Matcher(spec, profile="us-smb").version
    for scored in (
        icpspec.score_frame(frame, spec.profiles["us-smb"]),
        icpspec.score_frame(frame, spec, profile="us-smb"),
        icpspec.score_frame(frame, target(spec, "us-smb")),
    ):
        assert scored["icp_spec_version"].to_list() == [want]


def test_the_stamp_of_the_sql_is_the_matchers(spec: Spec) -> None:
    pytest.importorskip("sqlglot")
    want = Matcher(spec, profile="us-smb").version
    for sql in (
        icpspec.to_sql(spec.profiles["us-smb"], dialect="duckdb"),
        icpspec.to_sql(spec, dialect="duckdb", profile="us-smb"),
        icpspec.to_sql(target(spec, "us-smb"), dialect="duckdb"),
    ):
        assert f"'{want}'" in sql


def test_the_duckdb_file_scorer_stamps_as_the_matcher(spec: Spec, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    from icpspec.sql import score_file_duckdb

    src = tmp_path / "a.csv"
    src.write_text("employees,country,growth_pct\n50,US,35\n", encoding="utf-8")
    for i, given in enumerate((spec.profiles["us-smb"], target(spec, "us-smb"))):
        out = tmp_path / f"out{i}.jsonl"
        score_file_duckdb(src, out, given, output_format="jsonl")
        assert Matcher(spec, profile="us-smb").version in out.read_text(encoding="utf-8")


def test_a_profile_taken_from_its_spec_reads_the_spec_s_declared_fields(spec: Spec) -> None:
    # Found: Matcher(spec.profiles["x"]) said "reads the unknown field 'growth_pct'".
    result = Matcher(spec.profiles["us-smb"]).match(RECORD)
    assert (result.score, result.tier) == (100.0, "A")


@attrs.frozen
class AttrsAccount:
    employees: int
    country: str
    growth_pct: float
    industry: str


@pytest.mark.parametrize(
    "record",
    [types.SimpleNamespace(**RECORD), AttrsAccount(**RECORD)],  # type: ignore[arg-type]
    ids=["SimpleNamespace", "attrs"],
)
def test_objects_with_attributes_are_read_once_not_wrapped_twice(spec: Spec, record: object) -> None:
    # Found: best_match and SpecMatcher.match_all scored such objects 0.0, every field missing.
    want = Matcher(spec.profiles["us-smb"]).match(RECORD)
    assert want.score == 100.0
    found = best_match(record, spec)
    assert found.best is not None
    assert (found.best.profile, found.best.score) == ("us-smb", 100.0)
    assert SpecMatcher(spec).match_all(record)[0].score == 100.0
    assert Matcher(spec, profile="us-smb").match(record).score == 100.0


# -- the target -------------------------------------------------------------------------------


def test_target_is_the_one_resolved_input(spec: Spec) -> None:
    t = target(spec, "us-smb")
    assert isinstance(t, Target)
    assert (t.spec, t.profile, t.version) == (spec, spec.profiles["us-smb"], Matcher(t).version)
    assert "growth_pct" in t.fields
    assert target(spec, "us-smb") is t  # resolved and compiled once
    assert target(t) is t
    assert target(spec.profiles["us-smb"]) is t
    assert Matcher(t).match is Matcher(t).match  # compiled once, shared
    assert Matcher(t).match(RECORD) == Matcher(spec, profile="us-smb").match(RECORD)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (None, r"^the spec has 2 profiles: name one \('us-smb', 'us-ent'\)$"),
        ("nope", r"^the spec has no profile 'nope'$"),
    ],
)
def test_target_needs_a_profile_it_can_find(spec: Spec, profile: str | None, message: str) -> None:
    with pytest.raises(IcpspecError, match=message):
        target(spec, profile)


def test_target_takes_a_profile_id_not_a_profile(spec: Spec) -> None:
    with pytest.raises(TypeError, match="profile is a profile id"):
        target(spec, spec.profiles["us-smb"])  # type: ignore[arg-type]


def test_a_profile_built_alone_stands_for_a_spec_holding_only_it() -> None:
    p = Profile("solo", criteria=(Criterion("size", Min("employees", 10)),))
    alone = Matcher(p).version
    assert alone == Matcher(Spec(profiles={"solo": attrs.evolve(p)})).version
    assert "+" not in alone  # no version: just the hash
    assert p.spec is None  # matching it did not tie it to any spec


# -- the profile's link to its spec -----------------------------------------------------------


def test_the_link_is_no_part_of_the_profile_s_value(spec: Spec) -> None:
    linked = spec.profiles["us-smb"]
    copy = attrs.evolve(linked)
    assert linked.spec is spec
    assert copy.spec is None
    assert copy == linked
    assert repr(copy) == repr(linked)
    assert "spec" not in icpspec.dump(spec).split("profiles:")[1]
    assert icpspec.loads(icpspec.dump(spec)) == spec


def test_a_profile_shared_by_two_specs_belongs_to_each(spec: Spec) -> None:
    shared = spec.profiles["us-ent"]
    other = Spec(version="other", profiles={"us-ent": shared})
    assert other.profiles["us-ent"].spec is other
    assert spec.profiles["us-ent"].spec is spec  # the first spec keeps its own
    assert Matcher(other.profiles["us-ent"]).version.startswith("other+")
    assert Matcher(spec.profiles["us-ent"]).version.startswith("2026.3+")


def test_an_evolved_spec_owns_its_profiles(spec: Spec) -> None:
    newer = attrs.evolve(spec, version="2026.4")
    assert newer.profiles["us-smb"].spec is newer
    assert spec.profiles["us-smb"].spec is spec
    assert Matcher(newer.profiles["us-smb"]).version.startswith("2026.4+")


def test_a_profile_the_spec_does_not_hold_is_stamped_with_what_was_matched(spec: Spec) -> None:
    changed = attrs.evolve(spec.profiles["us-smb"], tiers={"A": 99.0})
    stamped = Matcher(changed, spec=spec).version
    assert stamped != Matcher(spec.profiles["us-smb"]).version
    with_it = attrs.evolve(spec, profiles={**spec.profiles, "us-smb": changed})
    assert stamped == Matcher(with_it, profile="us-smb").version


def test_a_spec_and_its_profiles_pickle(spec: Spec) -> None:
    again = pickle.loads(pickle.dumps(spec))
    assert again == spec
    assert again.profiles["us-smb"].spec is again


# -- argument order ---------------------------------------------------------------------------


def test_best_match_takes_the_record_first_and_the_old_order_warns(spec: Spec) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = best_match(RECORD, spec)
    with pytest.warns(DeprecationWarning, match=r"best_match\(record, spec\)"):
        old = best_match(spec, RECORD)  # type: ignore[arg-type]
    assert old == new


def test_best_match_takes_a_target_for_its_spec(spec: Spec) -> None:
    assert best_match(RECORD, target(spec, "us-ent")) == best_match(RECORD, spec)


def test_matcher_spec_keyword_is_for_a_profile(spec: Spec) -> None:
    with pytest.raises(TypeError, match=r"spec=\.\.\.\) takes a Profile"):
        Matcher(spec, spec=spec)


def test_engines_take_a_target_with_in_list_fields() -> None:
    spec = Spec(profiles={"p": Profile("p", criteria=(Criterion("c", In("country", ("US",))),))})
    assert Matcher(target(spec)).match({"country": "us"}).score == 100.0


@pytest.mark.parametrize("module", ["best", "matcher", "personas", "target"])
def test_the_engine_s_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    found = doctest.testmod(importlib.import_module(f"icpspec.engine.{module}"), optionflags=doctest.ELLIPSIS)
    assert (found.failed, found.attempted > 0) == (0, True)
