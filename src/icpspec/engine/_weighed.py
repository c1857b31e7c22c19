"""Emitting a weighed criterion: its outcome code, adding its weight to the known and matched sums.

The generated ``match`` function keeps ``k`` (the weight of the criteria
whose outcome is known) and ``s`` (of those that matched) as it goes; the
branch that finds a criterion's outcome adds its weight.
"""

from __future__ import annotations

from icpspec.model import AllOf, AnyOf, Condition, ContainsAny, FieldType, In, Not

from ._conditions import _ConditionCodegen, _Leaf
from .reference import comparable


class _Codegen(_ConditionCodegen):
    """Emits the statements of one profile's functions."""

    def weighed(self, cond: Condition, weight: str) -> str:
        """Like :meth:`code`, also adding ``weight`` to ``k`` when known and to ``s`` when matched.

        Written as a person writes it inline: the branch that finds the outcome
        adds the weights, so no sum of conditional expressions follows.
        """
        leaf = self._leaf(cond)
        field_type = None if isinstance(cond, AllOf | AnyOf | Not) else self.fields[cond.field].type
        if leaf is None and field_type == FieldType.STRING_LIST and isinstance(cond, In | ContainsAny):
            return self._weighed_list(cond, weight)
        out = self.fresh("o")
        known = [f"k += {weight}"]
        matched = [f"{out} = 1", f"s += {weight}"]
        if leaf is not None and self._is_text_leaf(cond):
            # The folded text is not kept for later statements: a remembered text is not folded.
            memo, lines = self.memo(), self.lines
            self.lines = []
            self._weighed_leaf(leaf, out, known, matched)
            self.lines = lines + self.memoised(leaf.x, out, memo, self._add(out, weight), self.lines)
            return out
        if leaf is not None:
            self._ran(leaf)
            self._weighed_leaf(leaf, out, known, matched)
            return out
        code = self.code(cond)
        self.lines += [
            f"if {code} == 1:",
            f"    s += {weight}",
            f"    k += {weight}",
            f"elif {code} == 0:",
            f"    k += {weight}",
        ]
        return code

    @staticmethod
    def _add(out: str, weight: str) -> list[str]:
        """Add ``weight`` to ``k`` when the outcome in ``out`` is known, and to ``s`` when matched."""
        return [
            f"if {out} == 1:",
            f"    s += {weight}",
            f"    k += {weight}",
            f"elif {out} == 0:",
            f"    k += {weight}",
        ]

    def _weighed_leaf(self, leaf: _Leaf, out: str, known: list[str], matched: list[str]) -> None:
        """The statements of a weighed leaf: its fast test, unknown, then its reader's value."""
        self.lines += [
            f"if {leaf.fast}:",
            *("    " + line for line in known),
            f"    if {leaf.test_x}:",
            *("        " + line for line in matched),
            "    else:",
            f"        {out} = 0",
            f"elif {leaf.unknown()}:",
            f"    {out} = 2",
            "else:",
            *("    " + line for line in known),
            f"    if {leaf._slow_test()}:",
            *("        " + line for line in matched),
            "    else:",
            f"        {out} = 0",
        ]

    def _weighed_list(self, cond: In | ContainsAny, weight: str) -> str:
        """A list field tested for any of some values, walked in place (no call per element)."""
        out = self.fresh("o")
        x = self.raw(cond.field)
        k = self.const(
            frozenset(c for c in (comparable(v, FieldType.STRING_LIST) for v in cond.values) if c != "")
        )
        w = self.fresh("w")
        # Unknown until an element is known (read_list drops blanks and what is no text);
        # each text element's code (1 in the set, 0 not, 2 blank) is remembered.
        memo = self.memo()
        self.lines += [
            f"if type({x}) is list:",
            f"    {out} = 2",
            f"    for t in {x}:",
            "        if type(t) is str:",
            f"            if {memo} is None or (c := {memo}.get(t)) is None:",
            f"                c = 1 if (f := t.strip().casefold()) in {k} else 0 if f else 2",
            f"                if {memo} is not None:",
            *("                    " + line for line in self._remember(memo, "t", "c")),
            "            if c == 1:",
            f"                {out} = 1",
            "                break",
            "            if c == 0:",
            f"                {out} = 0",
            "        elif (t := _elem(t)):",
            f"            if t in {k}:",
            f"                {out} = 1",
            "                break",
            f"            {out} = 0",
            *("    " + line for line in self._add(out, weight)),
            f"elif {x} is None or ({w} := _flist({x})) is _U:",
            f"    {out} = 2",
            f"elif {k}.isdisjoint({w}):",
            f"    {out} = 0",
            f"    k += {weight}",
            "else:",
            f"    {out} = 1",
            f"    s += {weight}",
            f"    k += {weight}",
        ]
        return out
