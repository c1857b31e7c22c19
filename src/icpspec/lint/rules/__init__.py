"""The lint rules, one module per family; importing this package registers them all."""

from __future__ import annotations

from . import assumptions, breadth, completeness, contradictions, examples, stale, suppression

__all__ = ["assumptions", "breadth", "completeness", "contradictions", "examples", "stale", "suppression"]
