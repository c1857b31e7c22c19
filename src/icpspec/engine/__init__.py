"""Matching records against profiles: exact three-valued semantics, explained, compiled.

:func:`target` resolves a profile in its spec (one input for every engine);
:class:`Matcher` compiles it once into generated Python code;
``match(record)`` returns a :class:`MatchResult` with the score, tier, status
and coverage, and its explanation on demand. The semantics are DESIGN §5,
defined once in :mod:`icpspec.engine.reference`.
"""

from __future__ import annotations

from .best import BestMatch, why_not
from .matcher import ExampleCheck, Matcher, SpecMatcher, as_record, best_match, check_examples
from .personas import (
    ContactMatch,
    ContactMatcher,
    PersonaMatcher,
    contact_record,
    match_contact,
    spec_normalizer,
    spec_title_entries,
)
from .result import MatchResult, Outcome, Verdict
from .target import Target, spec_version, target
from .values import UNKNOWN, parse_number

__all__ = [
    "UNKNOWN",
    "BestMatch",
    "ContactMatch",
    "ContactMatcher",
    "ExampleCheck",
    "MatchResult",
    "Matcher",
    "Outcome",
    "PersonaMatcher",
    "SpecMatcher",
    "Target",
    "Verdict",
    "as_record",
    "best_match",
    "check_examples",
    "contact_record",
    "match_contact",
    "parse_number",
    "spec_normalizer",
    "spec_title_entries",
    "spec_version",
    "target",
    "why_not",
]
