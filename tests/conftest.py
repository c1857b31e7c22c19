"""Shared test configuration: hypothesis profiles.

``ci`` (set HYPOTHESIS_PROFILE=ci; .ci/run does) runs enough examples per
property to matter; ``dev`` (the default) keeps a local run quick.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def load_script(path: Path, name: str) -> ModuleType:
    """The Python file at ``path`` (a benchmark, a docs hook) loaded as module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
