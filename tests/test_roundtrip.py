"""The model, its YAML and JSON forms and the published schema never drift apart.

Every property starts from a valid model built by ``tests/strategies.py`` and
writes it out with :func:`icpspec.dump`:

- YAML and JSON both load back equal to the model, with every value of the same
  type (``True`` is not ``1``, ``1`` is not ``1.0``), and writing again gives the
  same text: model → YAML → model → JSON → model → YAML is stable;
- both documents are valid under the published schema, checked by a plain
  ``jsonschema.Draft7Validator`` (not icpspec's own validator), as written, with
  no help from the loader's "text where text is expected" fix-ups;
- a YAML 1.1 reader (PyYAML's ``yaml.safe_load``) reads the YAML exactly as the
  JSON reads, but for dates: the dumper quotes everything YAML 1.1 would misread.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import example, given
from jsonschema import Draft7Validator

import icpspec
from icpspec.loader import read_document
from icpspec.model import Criterion, Equals, GoldenExample, Profile, Spec
from icpspec.schema import check_semantics

from .conftest import ROOT
from .strategies import NASTY_TEXT, specs

SCHEMA = json.loads((ROOT / "schemas" / "icpspec-1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)


def typed(value: Any) -> Any:
    """``value`` with the type of every part made explicit, so that 1, 1.0 and True differ."""
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            # Fields outside __init__ (a profile's link to its spec) are no part of the value.
            {f.name: typed(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init},
        )
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    return (type(value).__name__, value)


def dates_as_text(value: Any) -> Any:
    """Plain data with every date (as YAML 1.1 reads ``2026-09-30``) written back as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {dates_as_text(k): dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dates_as_text(v) for v in value]
    return value


def schema_errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def _nasty_spec() -> Spec:
    """Every nasty string at once, as a text value, a claim and a record value."""
    criteria = tuple(Criterion(f"c{i}", Equals("industry", s)) for i, s in enumerate(NASTY_TEXT))
    record: dict[str, Any] = {"industry": list(NASTY_TEXT), "technologies": list(NASTY_TEXT)}
    record["offerings"] = record["technologies"]  # one list object, twice
    profile = Profile(id="p", criteria=criteria, examples=(GoldenExample(record, tier="A"),))
    return Spec(version="2026-02-30", profiles={"NO": attrs.evolve(profile, id="NO")})


@given(specs())
@example(_nasty_spec())
def test_yaml_and_json_round_trip(spec: Spec) -> None:
    # The strategies build what the loader builds: valid, and already normalised.
    normalised, problems = check_semantics(spec)
    assert problems == []
    assert typed(normalised) == typed(spec)

    as_yaml = icpspec.dump(spec)
    from_yaml = icpspec.loads(as_yaml, filename="x.yaml")
    assert from_yaml == spec
    assert typed(from_yaml) == typed(spec)

    as_json = icpspec.dump(spec, "json")
    from_json = icpspec.loads(as_json, filename="x.json")
    assert from_json == spec
    assert typed(from_json) == typed(spec)

    # YAML → JSON → YAML: the texts are a fixed point.
    assert icpspec.dump(from_yaml, "json") == as_json
    assert icpspec.dump(from_json) == as_yaml


@given(specs())
@example(_nasty_spec())
def test_dumped_documents_are_schema_valid_and_read_alike(spec: Spec) -> None:
    as_yaml = icpspec.dump(spec)
    as_json = icpspec.dump(spec, "json")
    json_data = json.loads(as_json)
    assert schema_errors(json_data) == []

    # YAML 1.2 core, as written: no value needs the loader's text fix-ups to be valid.
    yaml12_data = read_document(as_yaml, file="x.yaml").data
    assert typed(yaml12_data) == typed(json_data)
    assert schema_errors(yaml12_data) == []

    # YAML 1.1 (PyYAML's own safe_load) reads the same, but for dates.
    yaml11_data = yaml.safe_load(as_yaml)
    assert typed(dates_as_text(yaml11_data)) == typed(json_data)


@pytest.mark.parametrize("text", NASTY_TEXT)
def test_nasty_text_is_quoted_for_yaml_1_1_and_1_2(text: str) -> None:
    spec = Spec(
        version=text or None, profiles={"p": Profile("p", criteria=(Criterion("c", Equals("city", text)),))}
    )
    as_yaml = icpspec.dump(spec)
    assert icpspec.loads(as_yaml, filename="x.yaml") == spec
    equals = yaml.safe_load(as_yaml)["profiles"]["p"]["criteria"][0]["equals"]
    assert dates_as_text(equals) == text
    if text != "2026-09-30":  # a real ISO date stays plain: YAML 1.1 reads it as that date
        assert equals == text
