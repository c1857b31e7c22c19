"""The public API of the matching engine, one behaviour per test, with exact values.

The semantics themselves (the compiled engine equals the reference, and the
invariants of matching) are property-tested in ``test_engine_properties.py``;
``docs/matching.md`` runs an example of every rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
import types
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

import icpspec
from icpspec import IcpspecError
from icpspec.engine import (
    BestMatch,
    Matcher,
    MatchResult,
    Outcome,
    SpecMatcher,
    Verdict,
    as_record,
    best_match,
    check_examples,
    parse_number,
)
from icpspec.engine.values import read_country
from icpspec.model import MatchStatus, Spec

from .conftest import EXAMPLES

SMALL = """\
icpspec: 1
version: "2026.3"
profiles:
  small:
    criteria:
      - {id: size, field: employees, between: [5, 50], weight: 3}
      - {id: us, field: country, in: [US], required: true}
    disqualifiers:
      - {id: public, field: is_public, equals: true, reason: Procurement takes too long}
"""


def load(text: str) -> Spec:
    return icpspec.loads(text, format="yaml")


@pytest.fixture(scope="module")
def small() -> Matcher:
    spec = load(SMALL)
    return Matcher(spec.profiles["small"], spec=spec)


# -- record adapters ----------------------------------------------------------------------


@attrs.define
class AttrsAccount:
    employees: object
    country: object


@dataclasses.dataclass
class DataclassAccount:
    employees: object
    country: object


class PlainAccount:
    def __init__(self, employees: object, country: object) -> None:
        self.employees = employees
        self.country = country


class SeriesLike:
    """Like a pandas Series: not a mapping, but ``to_dict()`` returns one."""

    def __init__(self, **values: object) -> None:
        self._values = values

    def to_dict(self) -> dict[str, object]:
        return dict(self._values)


def test_dict_record(small: Matcher) -> None:
    assert small.score({"employees": 20, "country": "US"}) == (100.0, "A")


def test_mapping_that_is_not_a_dict(small: Matcher) -> None:
    record = types.MappingProxyType({"employees": 20, "country": "US"})
    assert as_record(record) is record
    assert small.score(record) == (100.0, "A")


def test_attrs_instance_record(small: Matcher) -> None:
    assert as_record(AttrsAccount(20, "US")) == {"employees": 20, "country": "US"}
    assert small.score(AttrsAccount(20, "US")) == (100.0, "A")


def test_dataclass_record(small: Matcher) -> None:
    assert as_record(DataclassAccount(20, "US")) == {"employees": 20, "country": "US"}
    assert small.score(DataclassAccount(20, "US")) == (100.0, "A")


def test_plain_object_record_reads_attributes(small: Matcher) -> None:
    assert small.score(PlainAccount(20, "US")) == (100.0, "A")


def test_plain_object_missing_attribute_is_unknown(small: Matcher) -> None:
    class OnlyCountry:
        country = "US"

    result = small.match(OnlyCountry())
    assert [o.verdict for o in result.outcomes] == [Verdict.UNKNOWN, Verdict.MATCHED, Verdict.UNKNOWN]
    assert (result.score, result.coverage) == (25.0, 0.25)


def test_object_with_to_dict_record(small: Matcher) -> None:
    assert as_record(SeriesLike(employees=20, country="US")) == {"employees": 20, "country": "US"}
    assert small.score(SeriesLike(employees=20, country="US")) == (100.0, "A")


def test_adapted_record_values_appear_in_the_explanation(small: Matcher) -> None:
    result = small.match(PlainAccount("1,200", "usa"))
    assert [(o.id, o.value, o.verdict) for o in result.outcomes] == [
        ("size", "1,200", Verdict.MISSED),
        ("us", "usa", Verdict.MATCHED),
        ("public", None, Verdict.UNKNOWN),
    ]


# -- match and score ------------------------------------------------------------------------


def test_score_is_score_and_tier_only(small: Matcher) -> None:
    assert small.score({"employees": 500, "country": "US"}) == (25.0, "C")
    assert small.score({"employees": 20, "country": "DE"}) == (75.0, None)


def test_match_and_score_agree(small: Matcher) -> None:
    result = small.match({"employees": 20, "country": "US", "is_public": True})
    assert (result.score, result.tier, result.status) == (100.0, None, MatchStatus.DISQUALIFIED)
    assert small.score({"employees": 20, "country": "US", "is_public": True}) == (100.0, None)


def test_unknown_disqualifier_is_reported_not_applied(small: Matcher) -> None:
    result = small.match({"employees": 20, "country": "US", "is_public": "n/a"})
    assert result.status == MatchStatus.SCORED
    assert result.disqualified_by == ()
    assert result.outcomes[-1].verdict == Verdict.UNKNOWN


def test_matcher_on_a_profile_reading_an_unknown_field() -> None:
    spec = load(
        "icpspec: 1\nfields:\n  seats: {type: integer}\n"
        "profiles:\n  p:\n    criteria: [{field: seats, min: 5}]\n"
    )
    alone = attrs.evolve(spec.profiles["p"])  # a copy belongs to no spec: 'seats' is nobody's field
    with pytest.raises(IcpspecError, match=r"^profile 'p' reads the unknown field 'seats'$"):
        Matcher(alone)


def test_icpspec_error_is_a_value_error() -> None:
    assert issubclass(IcpspecError, ValueError)


def test_custom_fields_are_read_through_the_spec() -> None:
    spec = load(
        "icpspec: 1\n"
        "fields:\n  seats: {type: integer}\n  ipo_planned: {type: boolean}\n"
        "profiles:\n  p:\n"
        "    criteria: [{field: seats, between: [5, 50]}]\n"
        "    disqualifiers: [{id: ipo, field: ipo_planned, equals: true, reason: Will outgrow us}]\n"
    )
    matcher = Matcher(spec.profiles["p"], spec=spec)
    assert matcher.fields["seats"].type == "integer"
    assert matcher.score({"seats": "12"}) == (100.0, "A")
    assert matcher.match({"seats": 12, "ipo_planned": "yes"}).disqualified_by == ("ipo",)


# -- match_many -----------------------------------------------------------------------------


def test_match_many_consumes_lazily(small: Matcher) -> None:
    consumed: list[int] = []

    def records() -> Iterator[dict[str, object]]:
        for n in itertools.count():
            consumed.append(n)
            yield {"employees": n, "country": "US"}

    results = small.match_many(records())
    assert consumed == []
    first_two = list(itertools.islice(results, 2))
    assert consumed == [0, 1]
    assert [r.score for r in first_two] == [25.0, 25.0]


def test_match_many_takes_any_iterable(small: Matcher) -> None:
    records = ({"employees": n, "country": "US"} for n in (4, 5, 50, 51))
    assert [r.score for r in small.match_many(records)] == [25.0, 100.0, 100.0, 25.0]


# -- best_match and SpecMatcher -------------------------------------------------------------

RANKED = """\
icpspec: 1
profiles:
  required-fails:
    criteria:
      - {field: country, in: [DE], required: true}
      - {field: employees, min: 1}
      - {field: industry, equals: software}
  tier-c-higher-score:
    criteria:
      - {field: country, in: [US], weight: 4}
      - {field: employees, min: 1000, weight: 5}
  tier-b:
    criteria:
      - {field: country, in: [US]}
      - {field: employees, min: 1000}
    tiers: {A: 75, B: 40}
  tier-b-more-coverage:
    criteria:
      - {field: country, in: [US]}
      - {field: employees, min: 1000}
      - {field: region, equals: NA, weight: 0.5}
    tiers: {A: 75, B: 40}
  retired:
    status: retired
    criteria:
      - {field: country, in: [US]}
"""


@pytest.fixture(scope="module")
def ranked() -> Spec:
    return load(RANKED)


def test_best_match_ranks_scored_then_tier_then_score_then_coverage(ranked: Spec) -> None:
    found = best_match({"country": "US", "employees": 10, "industry": "software"}, ranked)
    assert [
        (r.profile, r.status.value, r.tier, r.score, r.coverage) for r in (found.best, *found.runners_up)
    ] == [
        ("tier-b", "scored", "B", 50.0, 1.0),
        ("tier-b-more-coverage", "scored", "B", 40.0, 0.8),
        ("tier-c-higher-score", "scored", "C", 400 / 9, 1.0),
        ("required-fails", "required_failed", None, 200 / 3, 1.0),
    ]


def test_best_match_scored_beats_a_higher_score(ranked: Spec) -> None:
    found = best_match({"country": "US", "employees": 10, "industry": "software"}, ranked)
    failed = found.runners_up[-1]
    assert failed.score > found.best.score
    assert failed.status == MatchStatus.REQUIRED_FAILED


def test_best_match_coverage_breaks_a_tie_in_score() -> None:
    spec = load(
        "icpspec: 1\nprofiles:\n"
        "  less-known:\n    criteria: [{field: country, in: [US]}, {field: employees, min: 100}]\n"
        "  more-known:\n    criteria: [{field: country, in: [US]}, {field: industry, equals: retail}]\n"
    )
    found = best_match({"country": "US", "industry": "software"}, spec)
    assert (found.best.profile, found.best.score, found.best.coverage) == ("more-known", 50.0, 1.0)
    assert [(r.profile, r.score, r.coverage) for r in found.runners_up] == [("less-known", 50.0, 0.5)]


def test_best_match_ties_keep_the_spec_order() -> None:
    spec = load(
        "icpspec: 1\nprofiles:\n"
        "  second-letter:\n    criteria: [{field: country, in: [US]}]\n"
        "  first-letter:\n    criteria: [{field: country, in: [US]}]\n"
    )
    found = best_match({"country": "US"}, spec)
    assert [found.best.profile, *(r.profile for r in found.runners_up)] == ["second-letter", "first-letter"]


def test_best_match_skips_retired_profiles(ranked: Spec) -> None:
    # The retired profile would score 100, tier A, and rank first.
    found = best_match({"country": "US"}, ranked)
    assert "retired" not in {found.best.profile, *(r.profile for r in found.runners_up)}
    assert list(SpecMatcher(ranked).matchers) == [
        "required-fails",
        "tier-c-higher-score",
        "tier-b",
        "tier-b-more-coverage",
    ]


def test_best_match_is_spec_matcher_best_match(ranked: Spec) -> None:
    record = {"country": "US", "employees": 10, "industry": "software"}
    found = best_match(record, ranked)
    again = SpecMatcher(ranked).best_match(record)
    assert isinstance(found, BestMatch)
    assert [r.to_dict() for r in (found.best, *found.runners_up)] == [
        r.to_dict() for r in (again.best, *again.runners_up)
    ]


def test_spec_matcher_match_all_keeps_the_spec_order(ranked: Spec) -> None:
    results = SpecMatcher(ranked).match_all(PlainAccount(10, "US"))
    assert [r.profile for r in results] == [
        "required-fails",
        "tier-c-higher-score",
        "tier-b",
        "tier-b-more-coverage",
    ]


@pytest.mark.parametrize(
    "text",
    ["icpspec: 1\n", "icpspec: 1\nprofiles:\n  old: {status: retired}\n"],
    ids=["no-profiles", "all-retired"],
)
def test_spec_matcher_without_a_usable_profile(text: str) -> None:
    message = r"^the spec has no profile to match against \(none, or all retired\)$"
    with pytest.raises(IcpspecError, match=message):
        SpecMatcher(load(text))
    with pytest.raises(IcpspecError, match=message):
        best_match({}, load(text))


TIER_COUNTS = """\
icpspec: 1
profiles:
  two-tiers:
    criteria:
      - {field: employees, min: 10}
      - {field: industry, equals: software}
    tiers: {A: 90, B: 60}
  three-tiers:
    criteria:
      - {field: employees, min: 10}
      - {field: industry, equals: software}
      - {field: country, in: [US]}
"""


def test_best_match_results_that_do_not_fit_rank_by_score() -> None:
    required = "{field: industry, equals: software, required: true}"
    spec = load(TIER_COUNTS.replace("{field: industry, equals: software}", required))
    found = best_match({"industry": "retail", "employees": 50, "country": "US"}, spec)
    assert found.best is None
    assert found.status == MatchStatus.NO_FIT
    assert [(r.profile, r.status, r.score) for r in found.results] == [
        ("three-tiers", MatchStatus.REQUIRED_FAILED, 200 / 3),
        ("two-tiers", MatchStatus.REQUIRED_FAILED, 50.0),
    ]


def test_best_match_a_tier_beats_no_tier() -> None:
    found = best_match({"employees": 50, "industry": "retail", "country": "DE"}, load(TIER_COUNTS))
    assert (found.best.profile, found.best.tier) == ("three-tiers", "C")


# -- the result -------------------------------------------------------------------------------

NESTED = """\
icpspec: 1
profiles:
  nested:
    criteria:
      - id: c
        any:
          - {field: country, in: [US, CA]}
          - all:
              - {field: business_model, equals: saas}
              - {not: {field: region, equals: EMEA}}
        weight: 2
    disqualifiers:
      - {id: public, field: is_public, equals: true, reason: Too slow}
      - {id: gambling, field: industry, in: [gambling], reason: Not our market}
      - {id: tiny, field: employees, max: 2, reason: Too small}
"""


@pytest.fixture(scope="module")
def nested() -> Matcher:
    return Matcher(load(NESTED).profiles["nested"])


def flatten(outcome: Outcome) -> list[tuple[str, str, str | None, Verdict, object]]:
    out = [(outcome.id, outcome.kind, outcome.field, outcome.verdict, outcome.value)]
    for part in outcome.parts:
        out += flatten(part)
    return out


def test_outcomes_of_nested_combinators(nested: Matcher) -> None:
    result = nested.match({"country": "DE", "business_model": "SaaS"})
    assert flatten(result.outcomes[0]) == [
        ("c", "criterion", None, Verdict.UNKNOWN, None),
        ("c[0]", "part", "country", Verdict.MISSED, "DE"),
        ("c[1]", "part", None, Verdict.UNKNOWN, None),
        ("c[1][0]", "part", "business_model", Verdict.MATCHED, "SaaS"),
        ("c[1][1]", "part", None, Verdict.UNKNOWN, None),
        ("c[1][1][0]", "part", "region", Verdict.UNKNOWN, None),
    ]


def test_outcomes_of_a_matched_combinator(nested: Matcher) -> None:
    result = nested.match({"country": "DE", "business_model": "SaaS", "region": "APAC"})
    assert [(o.id, o.verdict) for o in result.outcomes[0].parts[1].parts] == [
        ("c[1][0]", Verdict.MATCHED),
        ("c[1][1]", Verdict.MATCHED),
    ]
    assert result.outcomes[0].verdict == Verdict.MATCHED


def test_outcomes_order_and_kinds(nested: Matcher) -> None:
    result = nested.match({})
    assert [(o.id, o.kind, o.weight, o.required) for o in result.outcomes] == [
        ("c", "criterion", 2.0, False),
        ("public", "disqualifier", 0.0, False),
        ("gambling", "disqualifier", 0.0, False),
        ("tiny", "disqualifier", 0.0, False),
    ]


def test_disqualified_by_lists_matched_disqualifiers_in_profile_order(nested: Matcher) -> None:
    result = nested.match({"is_public": "yes", "industry": "Gambling", "employees": None})
    assert result.disqualified_by == ("public", "gambling")
    assert result.status == MatchStatus.DISQUALIFIED
    assert result.tier is None


def test_disqualified_by_is_empty_when_none_matched(nested: Matcher) -> None:
    assert nested.match({"is_public": False, "employees": 10}).disqualified_by == ()


def test_to_dict_is_exact(small: Matcher) -> None:
    result = small.match({"employees": 20, "country": "usa"})
    assert result.to_dict() == {
        "profile": "small",
        "score": 100.0,
        "tier": "A",
        "status": "scored",
        "coverage": 1.0,
        "disqualified_by": [],
        "spec_version": result.spec_version,
        "outcomes": [
            {
                "id": "size",
                "kind": "criterion",
                "field": "employees",
                "verdict": "matched",
                "value": 20,
                "weight": 3.0,
                "required": False,
            },
            {
                "id": "us",
                "kind": "criterion",
                "field": "country",
                "verdict": "matched",
                "value": "usa",
                "weight": 1.0,
                "required": True,
            },
            {
                "id": "public",
                "kind": "disqualifier",
                "field": "is_public",
                "verdict": "unknown",
                "value": None,
            },
        ],
    }


def test_to_dict_round_trips_through_json(nested: Matcher) -> None:
    result = nested.match({"country": "DE", "business_model": "SaaS", "employees": Decimal(3)})
    data = result.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["outcomes"][0]["parts"][1]["parts"][1]["parts"][0]["id"] == "c[1][1][0]"
    assert data["outcomes"][3]["value"] == "3"  # a Decimal seen is written as its text


def test_to_dict_writes_dates_as_iso_text() -> None:
    spec = load("icpspec: 1\nprofiles:\n  p:\n    criteria: [{field: last_funding_date, min: 2025-01-01}]\n")
    result = Matcher(spec.profiles["p"]).match({"last_funding_date": dt.date(2025, 3, 1)})
    assert result.to_dict()["outcomes"][0]["value"] == "2025-03-01"
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()


def test_to_dict_of_a_nan_value_is_json(small: Matcher) -> None:
    json.dumps(small.match({"employees": float("nan")}).to_dict(), allow_nan=False)


def test_match_result_repr(small: Matcher) -> None:
    assert repr(small.match({"employees": 20, "country": "DE"})) == (
        "MatchResult(profile='small', score=75.0, tier=None, status='required_failed', coverage=1.0)"
    )


def test_match_results_of_the_same_record_are_equal(small: Matcher) -> None:
    assert small.match({"employees": 20, "country": "US"}) == small.match({"country": "US", "employees": 20})


def test_match_results_of_different_records_differ(small: Matcher) -> None:
    assert small.match({"employees": 20, "country": "US"}) != small.match({"employees": 60, "country": "US"})


def test_match_result_is_a_match_result(small: Matcher) -> None:
    assert isinstance(small.match({}), MatchResult)


# -- spec_version --------------------------------------------------------------------------


def version_of(text: str, profile: str = "small") -> str:
    spec = load(text)
    return Matcher(spec.profiles[profile], spec=spec).match({}).spec_version


def test_spec_version_is_version_plus_12_hex() -> None:
    assert re.fullmatch(r"2026\.3\+[0-9a-f]{12}", version_of(SMALL))


def test_spec_version_is_stable_for_the_same_spec() -> None:
    assert version_of(SMALL) == version_of(SMALL)
    assert version_of(SMALL) == version_of("# a comment does not change the spec\n" + SMALL)


def test_spec_version_changes_with_the_spec() -> None:
    assert version_of(SMALL) != version_of(SMALL.replace("weight: 3", "weight: 4"))


def test_spec_version_without_a_version_is_12_hex() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", version_of(SMALL.replace('version: "2026.3"\n', "")))


def test_spec_version_without_a_spec_is_12_hex() -> None:
    profile = attrs.evolve(load(SMALL).profiles["small"])  # a copy: a profile of no spec
    assert re.fullmatch(r"[0-9a-f]{12}", Matcher(profile).match({}).spec_version)


# -- check_examples ---------------------------------------------------------------------------


def test_check_examples_on_the_acme_example() -> None:
    checks = check_examples(icpspec.load(EXAMPLES / "acme.icp.yaml"))
    assert [(c.profile, c.index, c.expected_tier, c.expected_status, c.passed) for c in checks] == [
        ("ca-saas-analytics", 0, "A", MatchStatus.SCORED, True),
        ("ca-saas-analytics", 1, None, MatchStatus.DISQUALIFIED, True),
        ("ca-saas-analytics", 2, None, MatchStatus.REQUIRED_FAILED, True),
    ]
    assert checks[0].name == "The ideal customer"


def test_check_examples_reports_a_failing_example() -> None:
    spec = load(
        "icpspec: 1\nprofiles:\n  p:\n"
        "    criteria: [{id: size, field: employees, between: [5, 50], weight: 3}, {field: country, in: [US]}]\n"
        "    examples:\n"
        "      - {name: still ideal, record: {employees: 60, country: US}, tier: A}\n"
        "      - {record: {employees: 20, country: US}, status: scored}\n"
    )
    failing, passing = check_examples(spec)
    assert (failing.name, failing.passed, failing.expected_tier) == ("still ideal", False, "A")
    assert (failing.result.tier, failing.result.score) == ("C", 25.0)
    assert (passing.index, passing.name, passing.expected_tier, passing.passed) == (1, None, None, True)


def test_check_examples_status_mismatch_fails() -> None:
    spec = load(
        "icpspec: 1\nprofiles:\n  p:\n"
        "    criteria: [{field: employees, min: 5}]\n"
        "    examples: [{record: {employees: 1}, status: disqualified}]\n"
    )
    (check,) = check_examples(spec)
    assert (check.passed, check.result.status) == (False, MatchStatus.SCORED)


def test_check_examples_without_examples_is_empty() -> None:
    assert check_examples(load(SMALL)) == ()


# -- reading values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        (" 42 ", 42),
        ("+7", 7),
        ("-3.5", -3.5),
        ("1,200", 1200),
        ("1,234,567", 1234567),
        ("$1,200.50", 1200.5),
        ("$ 1,200", 1200),
        ("-$5", -5),
        ("€3.5k", 3500),
        ("£2m", 2000000),
        ("¥10", 10),
        ("$1.2M", 1200000),
        ("$648,125,000", 648125000),
        ("36.9 Million", 36900000),
        ("1.2B", 1200000000),
        ("1.2 bn", 1200000000),
        ("3 Mio", 3000000),
        ("2mm", 2000000),
        ("12k", 12000),
        ("12 thousand", 12000),
        ("1.5 trillion", 1500000000000),
        ("1.0", 1),
        ("0.5", 0.5),
        ("1_000", None),
        ("1e3", None),
        ("1E3", None),
        ("nan", None),
        ("NaN", None),
        ("inf", None),
        ("Infinity", None),
        ("0x1F", None),
        ("\uff11\uff12", None),  # full-width digits
        ("\u0661\u0662", None),  # Arabic-Indic digits
        ("12,34", None),
        ("1,2345", None),
        ("1 000", None),
        ("1.2.3", None),
        (".5", None),
        ("5.", None),
        ("--5", None),
        ("$-5", None),
        ("5kk", None),
        ("12 employees", None),
        ("", None),
        ("   ", None),
        ("n/a", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    got = parse_number(text)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US", "US"),
        ("us", "US"),
        (" us ", "US"),
        ("USA", "US"),
        ("usa", "US"),
        ("U.S.", "US"),
        ("u.s.", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("united states of america", "US"),
        ("GB", "GB"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("England", "GB"),
        ("Great Britain", "GB"),
        ("DEU", "DE"),
        ("Germany", "DE"),
        ("NO", "NO"),
        ("Norway", "NO"),
        ("Holland", "NL"),
        ("The Netherlands", "NL"),
        ("South Korea", "KR"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("UAE", "AE"),
        ("XK", "XK"),
        ("Kosovo", "XK"),
        # ISO's own names hold commas, apostrophes and periods.
        ("Korea, Republic of", "KR"),
        ("Côte d'Ivoire", "CI"),
        ("Côte d\u2019Ivoire", "CI"),
        ("Iran, Islamic Republic of", "IR"),
        ("Virgin Islands, U.S.", "VI"),
        ("Bolivia, Plurinational State of", "BO"),
        ("U.K.", "GB"),
        ("U.A.E.", "AE"),
        ("T\u00fcrkiye", "TR"),
    ],
)
def test_country_normalisation(text: str, expected: str) -> None:
    assert read_country(text) == expected


# Names of more than one country (Korea, America) are not guessed.
@pytest.mark.parametrize(
    "value",
    # Nor is a code written with a letter that only upper-cases to ASCII ("ß" to
    # "SS", a dotless i to "I"), nor a flag.
    [
        "Deutschland",
        "EU",
        "n/a",
        "",
        "   ",
        None,
        840,
        "840",
        ["US"],
        "Korea",
        "America",
        "ß",
        "\u0131t",
        "\U0001f1fa\U0001f1f8",
        "D.E.U.",
    ],
)
def test_country_not_known_is_unknown(value: object) -> None:
    spec = load("icpspec: 1\nprofiles:\n  p:\n    criteria: [{field: country, equals: US}]\n")
    result = Matcher(spec.profiles["p"]).match({"country": value})
    assert result.outcomes[0].verdict == Verdict.UNKNOWN


def test_signalling_nan_decimal_is_unknown(small: Matcher) -> None:
    assert small.match({"employees": Decimal("sNaN"), "country": "US"}).outcomes[0].verdict == Verdict.UNKNOWN


@pytest.mark.parametrize(
    ("weights", "tiers", "matched", "score", "tier"),
    [
        # 0.3 / (0.1 + 0.2 + 0.3) is exactly one half; floats say 0.49999999999999994.
        ((0.1, 0.2, 0.3), {"B": 50, "C": 0}, (False, False, True), 50.0, "B"),
        # Integer weights adding up to 100: 57 of them is 57, not 56.99999999999999.
        ((57, 43), {"B": 57, "C": 0}, (True, False), 57.0, "B"),
        ((29, 71), {"B": 29, "C": 0}, (True, False), 29.0, "B"),
        # A threshold with decimals is compared exactly too.
        ((1, 2), {"B": 33.4, "C": 33.3}, (True, False), 100 / 3, "C"),
    ],
)
def test_score_and_tier_are_exact(
    weights: tuple[float, ...], tiers: dict[str, float], matched: tuple[bool, ...], score: float, tier: str
) -> None:
    fields = ["employees", "annual_revenue", "founded_year"]
    criteria = "".join(
        f"      - {{field: {field}, min: 1, weight: {weight}}}\n"
        for field, weight in zip(fields, weights, strict=False)
    )
    tier_text = ", ".join(f"{name}: {threshold}" for name, threshold in tiers.items())
    spec = icpspec.loads(
        f"icpspec: 1\nprofiles:\n  p:\n    tiers: {{{tier_text}}}\n    criteria:\n{criteria}"
    )
    record = {field: 1 if hit else 0 for field, hit in zip(fields, matched, strict=False)}
    result = Matcher(spec.profiles["p"]).match(record)
    assert (result.score, result.tier) == (score, tier)
    assert Matcher(spec.profiles["p"]).score(record) == (score, tier)


def test_coverage_is_compared_exactly() -> None:
    spec = icpspec.loads(
        "icpspec: 1\nprofiles:\n  p:\n    min_coverage: 0.5\n    criteria:\n"
        "      - {field: employees, min: 1, weight: 0.1}\n"
        "      - {field: annual_revenue, min: 1, weight: 0.2}\n"
        "      - {field: founded_year, min: 1, weight: 0.3}\n"
    )
    matcher = Matcher(spec.profiles["p"])
    result = matcher.match({"founded_year": 1990})  # 0.3 of 0.6 known: exactly the minimum
    assert (result.status, result.coverage) == (MatchStatus.SCORED, 0.5)
    assert matcher.score({"founded_year": 1990}) == (50.0, "B")


class _NotATime(dt.datetime):
    """Like pandas' NaT: a datetime that equals nothing, itself included."""

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = dt.datetime.__hash__


_HOSTILE_SPEC = """
icpspec: 1
profiles:
  p:
    criteria:
      - {id: city, field: city, matches: "^New"}
      - {id: city-known, field: city, exists: true}
      - {id: tags, field: technologies, matches: "^hub"}
      - {id: since, field: last_funding_date, min: 2020-01-01}
      - {id: on, field: last_funding_date, equals: 2025-03-01}
      - {id: dated, field: last_funding_date, exists: true}
"""


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # More digits than Python turns into text: unreadable, so unknown (and no value for exists).
        ({"city": 10**5000}, {"city": "unknown", "city-known": "missed"}),
        # A lone surrogate has no UTF-8 form for RE2: the pattern cannot read it.
        ({"city": "New York \udcff"}, {"city": "unknown", "city-known": "matched"}),
        ({"technologies": ["crm \udcff", "slack"]}, {"tags": "unknown"}),
        ({"technologies": ["crm \udcff", "hubspot"]}, {"tags": "matched"}),
        # A missing date in a DataFrame row.
        (
            {"last_funding_date": _NotATime(2025, 3, 1)},
            {"since": "unknown", "on": "unknown", "dated": "missed"},
        ),
    ],
)
def test_unreadable_values_are_unknown_not_errors(
    record: dict[str, object], expected: dict[str, str]
) -> None:
    matcher = Matcher(icpspec.loads(_HOSTILE_SPEC).profiles["p"])
    result = matcher.match(record)
    got = {o.id: o.verdict.value for o in result.outcomes}
    assert {key: got[key] for key in expected} == expected
    assert matcher.score(record) == (result.score, result.tier)


def test_only_plain_field_names_are_written_into_the_generated_source() -> None:
    """A plain field name is a string literal of the source; any other name (a spec built in
    Python is not checked against the file rules) is a global, so it can never be code."""
    from icpspec.model import Criterion, Equals, FieldDefinition, FieldType, Min, Profile

    odd = "x') or __import__('os').system('true') or ('"
    profile = Profile(
        id="p",
        criteria=(
            Criterion(id="size", condition=Min(field="employees", value=10), weight=1),
            Criterion(id="odd", condition=Equals(field=odd, value="yes"), weight=1),
        ),
    )
    spec = Spec(profiles={"p": profile}, fields={odd: FieldDefinition(id=odd, type=FieldType.STRING)})
    matcher = Matcher(spec)
    assert "_get('employees')" in matcher.source
    assert "__import__" not in matcher.source
    assert matcher.match({"employees": 20, odd: " YES "}).score == 100.0
    assert matcher.score({"employees": 20, odd: "no"})[0] == 50.0


def test_memos_of_text_outcomes_are_bounded_and_never_change_an_answer() -> None:
    """A text criterion, a list criterion and a text disqualifier remember the outcome of each
    text they see, up to MEMO_LIMIT texts; then the memo is dropped and texts are tested as
    before. Answers are the reference's all along, texts seen once, twice, and after the drop."""
    from icpspec.engine.compile import MEMO_LIMIT
    from icpspec.engine.reference import reference_match

    spec = icpspec.loads(
        "icpspec: 1\n"
        "profiles:\n"
        "  p:\n"
        "    criteria:\n"
        "      - {field: industry, in: [Software, SaaS], weight: 2}\n"
        "      - {field: technologies, contains_any: [HubSpot], weight: 1}\n"
        "    disqualifiers:\n"
        "      - {field: state, equals: closed, reason: gone}\n"
    )
    matcher = Matcher(spec)
    memos = [name for name in matcher.match.__globals__ if re.fullmatch(r"_m\d+", name)]
    assert len(memos) == 5  # match: both criteria and the disqualifier; score: the criteria

    def check(record: dict[str, object]) -> None:
        got = matcher.match(record)
        ref = reference_match(matcher.profile, record, matcher.fields)
        assert (got.score, got.tier, got.status, got.codes) == (
            ref.score,
            ref.tier,
            ref.status,
            ref.criteria + ref.disqualifiers,
        )
        assert matcher.score(record) == (ref.score, ref.tier)

    seen = [
        {"industry": text, "technologies": [text, " hubspot "], "state": text}
        for text in (" SOFTWARE ", "saas", "Retail", "", "   ", "CLOSED", "Hubspot")
    ]
    for record in seen + seen:  # the second pass is answered from the memos
        check(record)
    assert all(0 < len(matcher.match.__globals__[m]) <= MEMO_LIMIT for m in memos)
    for i in range(MEMO_LIMIT + 10):  # distinct texts fill every memo, which is then dropped
        check({"industry": f"industry {i}", "technologies": [f"tool {i}"], "state": f"state {i}"})
    assert all(matcher.match.__globals__[m] is None for m in memos)
    for record in seen:  # tested as before the memos
        check(record)
