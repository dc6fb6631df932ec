"""Rendering pattern values for messages: short JSON-like text, kinds of values, JSON paths, "did you mean"."""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping

from ctrules.eventpattern.vocab import OPERATOR_HINTS, OPERATORS

__all__ = ["describe", "key_path", "show", "suggest", "type_name"]

_SIMPLE_KEY_RE = re.compile(r"[A-Za-z0-9_$-]+")


def show(value: object, limit: int = 70) -> str:
    """A short JSON-like rendering of ``value`` for messages (bounded in depth and length)."""
    try:
        text = render(value, 3)
    except Exception:
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def render(value: object, depth: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:
            return f"<{value.bit_length()}-bit integer>"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value[:80] + ("…" if len(value) > 80 else ""), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        if depth <= 0:
            return "[…]" if value else "[]"
        shown = [render(item, depth - 1) for item in value[:4]]
        if len(value) > 4:
            shown.append("…")
        return "[" + ", ".join(shown) + "]"
    if isinstance(value, Mapping):
        if depth <= 0:
            return "{…}" if value else "{}"
        pairs = []
        for index, (key, item) in enumerate(value.items()):
            if index == 4:
                pairs.append("…")
                break
            pairs.append(f"{render(key, 0)}: {render(item, depth - 1)}")
        return "{" + ", ".join(pairs) + "}"
    return f"<{type(value).__name__}>"


def describe(value: object) -> str:
    """``null``, or the kind of a value followed by its rendering, e.g. ``a number 123``."""
    if value is None:
        return "null"
    return f"{type_name(value)} {show(value)}"


def key_path(base: str, key: str) -> str:
    if _SIMPLE_KEY_RE.fullmatch(key):
        return f"{base}.{key}"
    return f"{base}[{json.dumps(key, ensure_ascii=False)}]"


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__} (not a JSON value)"


def suggest(name: str, choices: tuple[str, ...]) -> str:
    """A "did you mean" hint for an unknown operator name."""
    lowered = name.lower()
    if lowered in choices:
        return f'did you mean "{lowered}"? Operator names are case-sensitive'
    normalized = re.sub(r"(?<=[a-z])(?=[A-Z])", "-", name).lower().replace("_", "-").replace(" ", "-")
    if normalized in choices:
        return f'did you mean "{normalized}"?'
    if lowered in OPERATOR_HINTS and choices == OPERATORS:
        return OPERATOR_HINTS[lowered]
    close = difflib.get_close_matches(normalized, choices, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return "use one of: " + ", ".join(f'"{choice}"' for choice in choices)
