"""Finding the line of a rule in its file's text: one forward scan for many rules (best effort)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctrules.inputs._model import TemplateRule

__all__ = ["locate"]


def _find_key(text: str, key: str, start: int) -> int:
    """Position of ``key`` written as a mapping key at the start of a line (JSON or block YAML), or -1."""
    n = len(key)
    i = text.find(key, start)
    while i >= 0:
        begin, end = i, i + n
        quote = text[i - 1] if i > 0 else ""
        if quote in ('"', "'"):
            begin, end = i - 1, end + 1
            ok = text[i + n : i + n + 1] == quote
        else:
            ok = True
        if ok and not text[text.rfind("\n", 0, begin) + 1 : begin].strip(" \t-"):
            while text[end : end + 1] in (" ", "\t"):
                end += 1
            if text[end : end + 1] == ":":
                return i
        i = text.find(key, i + 1)
    return -1


def _find_address(text: str, address: str, start: int) -> int:
    """Position of a Terraform ``"address": "<address>"`` value, or -1."""
    needle = json.dumps(address)
    i = text.find(needle, start)
    while i >= 0:
        before = text[max(0, i - 40) : i].rstrip()
        if before.endswith(":") and before[:-1].rstrip().endswith('"address"'):
            return i
        i = text.find(needle, i + 1)
    return -1


def locate(text: str, rules: Sequence[TemplateRule]) -> dict[int, int]:
    """id(rule) -> line, for rules in document order, by one forward scan (best effort)."""
    out: dict[int, int] = {}
    budget = 20 * len(text) + 1_000_000  # give up (line 1) rather than rescan a huge file again and again
    line, line_pos = 1, 0
    prev: tuple[str, ...] = ()
    prev_pos: list[int] = []
    for rule in rules:
        anchors = rule.anchors
        common = 0
        while common < min(len(anchors), len(prev)) and anchors[common] == prev[common]:
            common += 1
        positions = prev_pos[:common]
        for depth in range(common, len(anchors)):
            parent = positions[-1] if positions else 0
            # A sibling of the previous rule's anchor at this depth comes after it in the document.
            hint = prev_pos[depth] + 1 if depth == common and depth < len(prev_pos) else parent
            find = _find_address if anchors[depth].startswith("address=") else _find_key
            target = anchors[depth].removeprefix("address=") if find is _find_address else anchors[depth]
            pos = -1
            for begin in dict.fromkeys((max(hint, parent), parent)):
                if budget <= 0:
                    break
                pos = find(text, target, begin)
                budget -= (pos if pos >= 0 else len(text)) - begin
                if pos >= 0:
                    break
            if pos < 0:
                break
            positions.append(pos)
        if positions:
            target_pos = positions[-1]
            if target_pos < line_pos:
                line, line_pos = 1, 0
            line += text.count("\n", line_pos, target_pos)
            line_pos = target_pos
            out[id(rule)] = line
        else:
            out[id(rule)] = 1
        prev, prev_pos = anchors[: len(positions)], positions
    return out
