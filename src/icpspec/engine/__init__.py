"""Matching records against profiles: exact three-valued semantics, explained, compiled.

:class:`Matcher` compiles a profile once into generated Python code;
``match(record)`` returns a :class:`MatchResult` with the score, tier, status
and coverage, and its explanation on demand. The semantics are DESIGN §5,
defined once in :mod:`icpspec.engine.reference`.
"""

from __future__ import annotations

from .matcher import BestMatch, ExampleCheck, Matcher, SpecMatcher, as_record, best_match, check_examples
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
    "Verdict",
    "as_record",
    "best_match",
    "check_examples",
    "contact_record",
    "match_contact",
    "parse_number",
    "spec_normalizer",
    "spec_title_entries",
]
