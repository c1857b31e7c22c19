"""The bundled examples validate and round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

import icpspec

from .conftest import EXAMPLES

SPECS = sorted(EXAMPLES.glob("*.icp.*"))


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_example_loads_and_round_trips(path: Path) -> None:
    spec = icpspec.load(path)
    assert icpspec.loads(icpspec.dump(spec), filename="again.yaml") == spec
    assert icpspec.loads(icpspec.dump(spec, "json"), filename="again.json") == spec


def test_minimal_json_is_the_yaml_example() -> None:
    assert icpspec.load(EXAMPLES / "minimal.icp.json") == icpspec.load(EXAMPLES / "minimal.icp.yaml")
