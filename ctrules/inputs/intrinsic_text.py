"""Patterns written as ``Fn::Sub`` or ``Fn::Join`` of a JSON text, read with each deploy-time value opaque.

CloudFormation writes such a pattern out at deploy time; read so, the checks judge everything but those values.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ctrules.inputs._model import with_opaque_parts

__all__ = ["sub_pattern"]


#: A ``${...}`` reference of ``Fn::Sub`` (``${!Text}`` writes ``${Text}`` literally).
_SUB_REF = re.compile(r"\$\{([^}]*)\}")
#: Marks a reference in a text being decoded (private-use characters, which a pattern's JSON text never needs).
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(_MARK_OPEN + r"(\d+)" + _MARK_CLOSE)


def sub_pattern(intrinsic: dict[str, Any]) -> tuple[Any, list[tuple[str, str]]] | None:
    """A pattern written as ``Fn::Sub`` or ``Fn::Join`` of a JSON text, read with each value CloudFormation writes in
    at deploy time as an opaque value, and the JSON paths of those values; None when it cannot be read so (another
    intrinsic, not JSON once written out, a value outside a JSON string or in a field name).

    Both build text (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
    intrinsic-function-reference-sub.html, .../intrinsic-function-reference-join.html). ``Fn::Sub``: a variable of
    the list form given as a plain string is written in as CloudFormation would; ``${!Text}`` is the literal
    ``${Text}``; any other reference (a parameter, a resource, ``AWS::AccountId``) makes the JSON string holding it
    unknown. ``Fn::Join``: its plain strings are joined with the delimiter, any other part (``Ref``...) is unknown.
    The checks judge the rest.
    """
    names: list[str] = []

    def marked(name: str) -> str:
        names.append(name)
        return f"{_MARK_OPEN}{len(names) - 1}{_MARK_CLOSE}"

    if "Fn::Sub" in intrinsic:
        function, value = "Fn::Sub", intrinsic["Fn::Sub"]
        if isinstance(value, str):
            text, variables = value, {}
        elif isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], dict):
            text, variables = value[0], value[1]
        else:
            return None
        if _MARK_OPEN in text or _MARK_CLOSE in text:
            return None

        def mark(found: re.Match[str]) -> str:
            inner = found.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            given = variables.get(inner)
            return given if isinstance(given, str) else marked("${" + inner + "}")

        text = _SUB_REF.sub(mark, text)
    elif "Fn::Join" in intrinsic:
        function, value = "Fn::Join", intrinsic["Fn::Join"]
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
            return None
        delimiter, items = value
        if not isinstance(items, list):
            return None
        if any(_MARK_OPEN in t or _MARK_CLOSE in t for t in (delimiter, *items) if isinstance(t, str)):
            return None
        pieces: list[str] = []
        for item in items:
            if isinstance(item, str):
                pieces.append(item)
            elif isinstance(item, dict):
                pieces.append(marked(_shown(item)))
            else:
                return None
        text = delimiter.join(pieces)
    else:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON once written out (a value outside a string, ...)
        return None
    parts: list[tuple[str, str]] = []

    def reason(value: Any) -> str | None:
        if isinstance(value, dict) and any(_MARK_OPEN in k for k in value):
            raise _MarkedKey  # which field the pattern filters is known only at deploy time
        if not isinstance(value, str) or _MARK_OPEN not in value:
            return None
        used = list(dict.fromkeys(names[int(i)] for i in _MARKED.findall(value)))
        shown = ", ".join(used[:3]) + (f" and {len(used) - 3} more" if len(used) > 3 else "")
        return f"{shown}: {function} writes it in at deploy time"

    try:
        return with_opaque_parts(data, reason, parts), parts
    except (_MarkedKey, RecursionError):
        return None


def _shown(item: dict[str, Any]) -> str:
    """An intrinsic as the reason names it (``{"Ref": "Bucket"}``), at most 80 characters."""
    try:
        return json.dumps(item, separators=(", ", ": "), default=str)[:80]
    except (ValueError, RecursionError):  # nested too deeply to write out
        return "an intrinsic function"


class _MarkedKey(Exception):
    """A field name holds a reference: which field the pattern filters is known only at deploy time."""
