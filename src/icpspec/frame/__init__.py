"""Scoring whole DataFrames (polars or pandas) with vectorised polars expressions.

:func:`score_frame` compiles a profile's condition tree into polars
expressions in Kleene three-valued logic (a null is *unknown*) and returns the
input with the columns ``icp_profile``, ``icp_score``, ``icp_tier``,
``icp_status``, ``icp_coverage`` and ``icp_spec_version``. Values are read by
:mod:`icpspec.engine.values` itself, once per distinct text value (see
``docs/dataframes-and-sql.md``). Needs the ``polars`` extra (and ``pandas``
for pandas frames).
"""

from __future__ import annotations

from ._score import frame_expressions, score_frame

__all__ = ["frame_expressions", "score_frame"]
