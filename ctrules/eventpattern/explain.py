"""Explaining why an event does not match a pattern: one sentence per failing field or ``$or``.

Each field of the pattern (to any depth) is tried on its own against the event with the matcher of
:mod:`ctrules.eventpattern.match`, so the sentence names the field at fault. When every field matches on
its own but not together, the fields that must match within the same element of an array of objects
(array consistency) are named, with the array.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from ctrules.eventpattern.match import InvalidPatternError, compile_pattern
from ctrules.eventpattern.vocab import OR_KEY

__all__ = ["explain"]


def explain(pattern: Mapping[str, Any], event: Mapping[str, Any]) -> list[str]:
    """Why ``event`` does not match the *valid* ``pattern``: one sentence per failing field; ``[]`` when
    it matches."""
    if compile_pattern(pattern).matches(event):
        return []
    reasons = _explain(pattern, (), event)
    generic = "the pattern's fields each match on their own, but not together"
    return reasons or [_together(pattern, (), event) or generic]


def _fits(pattern: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    try:
        return compile_pattern(pattern).matches(event)
    except InvalidPatternError:  # a part of a valid pattern that is not valid alone: not at fault
        return True


def _wrap(path: Sequence[str], condition: Any) -> dict[str, Any]:
    out: Any = condition
    for key in reversed(path):
        out = {key: out}
    assert isinstance(out, dict)
    return out


def _lookup(data: Any, path: Sequence[str]) -> tuple[bool, Any]:
    cur = data
    for key in path:
        if isinstance(cur, dict) and key in cur:
            cur = cur[key]
        elif isinstance(cur, list):
            values = [v[key] for v in cur if isinstance(v, dict) and key in v]
            if not values:
                return False, None
            cur = values
        else:
            return False, None
    return True, cur


def _explain(node: Mapping[str, Any], path: tuple[str, ...], event: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for key, condition in node.items():
        if key == OR_KEY and isinstance(condition, list):
            if _fits(_wrap(path, {OR_KEY: condition}), event):
                continue
            where = f" in '{'.'.join(path)}'" if path else ""
            alternatives = []
            for alt in condition:
                why = _explain(alt, path, event) if isinstance(alt, dict) else []
                if not why and isinstance(alt, dict):
                    why = [_together(alt, path, event) or f"{json.dumps(alt)} fails as a whole"]
                alternatives.append(why[0] if why else f"{json.dumps(alt)} fails as a whole")
            out.append(f"none of the {len(condition)} '$or' alternatives{where} matches: " + " | ".join(alternatives))
            continue
        field = (*path, key)
        if _fits(_wrap(field, condition), event):
            continue
        name = ".".join(field)
        if isinstance(condition, dict):
            inner = _explain(condition, field, event)
            together = _together(condition, field, event)
            out.extend(inner or [together or f"pattern field '{name}' does not match as a whole (each sub-field does)"])
            continue
        found, value = _lookup(event, field)
        if found:
            out.append(f"pattern field '{name}' {condition!r} does not match event value {value!r}")
        else:
            out.append(f"pattern field '{name}' {condition!r} does not match: the event has no field '{name}'")
    return out


def _leaves(node: Mapping[str, Any], path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    out: list[tuple[tuple[str, ...], Any]] = []
    for key, condition in node.items():
        if key == OR_KEY:
            continue
        if isinstance(condition, dict):
            out.extend(_leaves(condition, (*path, key)))
        else:
            out.append(((*path, key), condition))
    return out


def _array_on(event: Any, path: Sequence[str]) -> str | None:
    """The dotted path of the first array met when walking ``path`` into the event."""
    cur = event
    for depth, key in enumerate(path):
        if isinstance(cur, list):
            return ".".join(path[:depth])
        if not isinstance(cur, dict) or key not in cur:
            return None
        cur = cur[key]
    return None


def _together(node: Mapping[str, Any], path: tuple[str, ...], event: Mapping[str, Any]) -> str | None:
    """Name two fields that match alone but not within one element of an array of objects, if any."""
    leaves = _leaves(node, path)
    for (a, cond_a), (b, cond_b) in itertools.combinations(leaves, 2):
        both = _wrap(a, cond_a)
        inner: Any = both
        for key in b[:-1]:
            inner = inner.setdefault(key, {})
            if not isinstance(inner, dict):
                break
        else:
            inner[b[-1]] = cond_b
            if _fits(both, event):
                continue
            common = [x for x, y in zip(a, b, strict=False) if x == y]
            array = _array_on(event, (*common, "")) or _array_on(event, a)
            where = f" of the event array '{array}'" if array else " of an event array"
            return (
                f"pattern fields '{'.'.join(a)}' and '{'.'.join(b)}' each match, but not in the same element"
                f"{where}: EventBridge matches the fields under one array of objects within a single element"
            )
    return None
