"""Terraform's JSON syntax (``.tf.json``) written out as native HCL, so that one reader serves both syntaxes.

The mapping follows Terraform's "JSON Configuration Syntax" page (developer.hashicorp.com/terraform/language/syntax/
json; hashicorp/terraform ``website/docs/language/syntax/json.mdx`` at commit 26a478c):

* the root object's properties are block types; ``resource``/``data`` take two levels of labels, ``module``,
  ``provider``, ``variable`` and ``output`` one, ``locals`` none; a level may be an array of objects;
* a string where an expression is expected is a template: ``"${jsonencode({...})}"`` (a template that is one
  interpolation gives the expression's value itself), ``"prefix-${var.x}"``; ``$${`` is a literal ``${``;
* ``variable`` ``default`` values, ``module`` ``source``/``version``, ``provider`` ``alias`` are literal;
  ``provider`` and ``module`` ``providers`` values are provider references given as strings (``"aws.west"``);
* a property ``"//"`` of a block body is a comment (``"//": "ctrules:acknowledge CTR005 <reason>"`` acknowledges
  a finding on the block's rules).

Nested blocks cannot be told from object-valued attributes without the provider's schema: both are written as
attributes, which the readers accept in either form. Each written line remembers the JSON keys that lead to it, so
findings point into the ``.tf.json`` file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["UNREADABLE", "is_tf_json_name", "looks_like_tf_json", "to_native"]

#: Labels per top-level block type.
_LABELS = {"resource": 2, "module": 1, "provider": 1, "variable": 1, "locals": 0}
#: Top-level block types Terraform knows besides (not read here).
_OTHER_BLOCKS = frozenset({"data", "output", "terraform", "check", "moved", "import", "removed", "//"})
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_PROVIDER_REF = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)?")
#: The function written in place of an interpolation that cannot be read (evaluates as unknown: not checked).
UNREADABLE = "ctrules_unreadable_interpolation"
_RULE = "aws_cloudwatch_event_rule"


def is_tf_json_name(name: str) -> bool:
    """True for a file Terraform (or OpenTofu) reads as JSON syntax (``.tf.json``, ``.tofu.json``; ``.tfvars.json``
    holds values only)."""
    return name.endswith((".tf.json", ".tofu.json"))


def looks_like_tf_json(doc: Any) -> bool:
    """True for a JSON document shaped like a Terraform configuration: every top-level key a block type, with a
    ``resource`` or ``module`` among them."""
    if not isinstance(doc, dict) or not ({"resource", "module"} & doc.keys()):
        return False
    if not all(k in _LABELS or k in _OTHER_BLOCKS for k in doc):
        return False
    # A block type's value: labels mapping to blocks (objects), or an array of such (not a pattern's lists).
    return all(_blocks_value(doc[k]) for k in ("resource", "module") if k in doc)


def _blocks_value(value: Any) -> bool:
    """Labels mapping to objects (or arrays of objects), or an array of such mappings."""
    items = value if isinstance(value, list) else [value]
    return all(isinstance(item, dict) and all(map(_objects, item.values())) for item in items)


def _objects(value: Any) -> bool:
    """An object, or an array of objects."""
    return isinstance(value, dict) or (isinstance(value, list) and all(isinstance(i, dict) for i in value))


def _close(s: str, i: int) -> int:
    """The index of the ``}`` that closes an interpolation whose expression starts at ``i``, or -1."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c == '"':
            i = _string_end(s, i + 1)
            if i < 0:
                return -1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _string_end(s: str, i: int) -> int:
    """The index after the ``"`` that closes a quoted string of an expression that starts at ``i``, or -1."""
    while i < len(s):
        if s[i] == "\\":
            i += 2
        elif s[i] == '"':
            return i + 1
        elif s.startswith(("$${", "%%{"), i):
            i += 3
        elif s.startswith(("${", "%{"), i):
            j = _close(s, i + 2)
            if j < 0:
                return -1
            i = j + 1
        else:
            i += 1
    return -1


def _parts(s: str) -> list[tuple[str, str]] | None:
    """A template's parts: ``("text", literal)``, ``("${", expression)``, ``("%{", directive)``; ``None`` when an
    interpolation is not closed."""
    out: list[tuple[str, str]] = []
    text: list[str] = []
    i = 0
    while i < len(s):
        if s.startswith(("$${", "%%{"), i):
            text.append(s[i : i + 3])
            i += 3
        elif s.startswith(("${", "%{"), i):
            j = _close(s, i + 2)
            if j < 0:
                return None
            if text:
                out.append(("text", "".join(text)))
                text = []
            out.append((s[i : i + 2], s[i + 2 : j]))
            i = j + 1
        else:
            text.append(s[i])
            i += 1
    if text:
        out.append(("text", "".join(text)))
    return out


def _quote(text: str) -> str:
    """Literal template text inside a native quoted string (``$${``/``%%{`` kept as the escapes they are)."""
    out: list[str] = []
    for c in text:
        if c in ('"', "\\"):
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _literal_string(value: str) -> str:
    """A string taken literally (not a template)."""
    return _quote(value.replace("${", "$${").replace("%{", "%%{"))


def _expression(inner: str) -> str:
    return " ".join(inner.split("\n")) if "\n" in inner else inner


class _Writer:
    """Native HCL lines, each with the JSON keys that lead to it."""

    def __init__(self, checked: bool) -> None:
        self.lines: list[str] = []
        self.anchors: dict[int, tuple[str, ...]] = {}
        #: When set, each interpolation is parsed alone first, and written as unreadable when it does not parse.
        self.checked = checked
        #: Addresses of rules whose ``event_pattern`` is a JSON object (written inside ``jsonencode``).
        self.object_patterns: set[str] = set()

    def line(self, text: str, path: tuple[str, ...]) -> None:
        self.lines.append(text)
        self.anchors[len(self.lines)] = path

    def template(self, s: str) -> str:
        parts = _parts(s)
        if parts is None:
            return f"{UNREADABLE}()"
        if self.checked:
            parts = [(k, v) if k != "${" or _parses(v) else ("${", f"{UNREADABLE}()") for k, v in parts]
        if len(parts) == 1 and parts[0][0] == "${":
            return f"({_expression(parts[0][1])})"
        out = []
        for kind, value in parts:
            out.append(_quote(value)[1:-1] if kind == "text" else f"{kind}{_expression(value)}}}")
        return '"' + "".join(out) + '"'

    def scalar(self, v: Any, literal: bool) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return json.dumps(v)
        if isinstance(v, str):
            return _literal_string(v) if literal else self.template(v)
        if isinstance(v, list):
            return "[]"
        return "{}" if isinstance(v, dict) else "null"

    def emit(
        self, prefix: str, v: Any, indent: str, path: tuple[str, ...], literal: bool = False, suffix: str = ""
    ) -> None:
        """Write ``prefix``, the expression of a JSON value (strings are templates unless ``literal``), ``suffix``:
        a non-empty object or array over several lines, one per key or item."""
        inner = indent + "  "
        if isinstance(v, list) and v:
            self.line(prefix + "[", path)
            for item in v:
                self.emit(inner, item, inner, path, literal, ",")
            self.line(f"{indent}]{suffix}", path)
        elif isinstance(v, dict) and v:
            self.line(prefix + "{", path)
            for key, item in v.items():
                self.emit(f"{inner}{_literal_string(str(key))} = ", item, inner, (*path, str(key)), literal)
            self.line(f"{indent}}}{suffix}", path)
        else:
            self.line(prefix + self.scalar(v, literal) + suffix, path)


def _parses(expression: str) -> bool:
    import hcl2

    try:
        hcl2.parses_to_tree(f"x = ({_expression(expression)})\n")
    except Exception:  # lark's UnexpectedInput and friends
        return False
    return True


def _labelled(value: Any, labels: int, path: tuple[str, ...]) -> Iterator[tuple[list[str], Any, tuple[str, ...]]]:
    """(labels, body, JSON keys) of the blocks of one type."""
    if isinstance(value, list):
        for item in value:
            yield from _labelled(item, labels, path)
    elif labels == 0:
        if isinstance(value, dict):
            yield [], value, path
    elif isinstance(value, dict):
        for key, sub in value.items():
            for rest, body, where in _labelled(sub, labels - 1, (*path, str(key))):
                yield [str(key), *rest], body, where


#: Resource types whose blocks matter here (others are left out: fewer expressions to read).
_RESOURCES = frozenset({_RULE, "aws_cloudtrail"})


def _body(w: _Writer, kind: str, labels: list[str], body: dict[str, Any], path: tuple[str, ...]) -> None:
    comments = body.get("//")
    for comment in comments if isinstance(comments, list) else [comments]:
        if isinstance(comment, str):
            for text in comment.splitlines() or [""]:
                w.line(f"# {text}", path)
    w.line(" ".join([kind, *(json.dumps(label) for label in labels), "{"]), path)
    for name, value in body.items():
        at = (*path, name)
        if name == "//" or not _IDENT.fullmatch(name):
            continue
        if kind == "variable":
            if name == "default":
                w.emit(f"  {name} = ", value, "  ", at, literal=True)
        elif (kind == "module" and name in ("source", "version")) or (kind == "provider" and name == "alias"):
            w.emit(f"  {name} = ", value, "  ", at, literal=True)
        elif kind == "module" and name == "providers":
            refs = value.items() if isinstance(value, dict) else ()
            ok = [(k, v) for k, v in refs if isinstance(v, str) and _PROVIDER_REF.fullmatch(v) and _IDENT.fullmatch(k)]
            items = [f"{k} = {v}" for k, v in ok]
            w.line(f"  providers = {{ {', '.join(items)} }}", at)
        elif kind == "resource" and name == "provider":
            if isinstance(value, str) and _PROVIDER_REF.fullmatch(value):
                w.line(f"  provider = {value}", at)
        elif kind == "resource" and name in ("depends_on", "lifecycle", "provisioner", "connection"):
            continue
        elif kind == "resource" and labels[0] == _RULE and name == "event_pattern" and isinstance(value, (dict, list)):
            w.object_patterns.add(f"{_RULE}.{labels[1]}")
            w.emit("  event_pattern = jsonencode(", value, "  ", at, suffix=")")
        else:
            w.emit(f"  {name} = ", value, "  ", at)
    w.line("}", path)


def to_native(doc: Any, *, checked: bool = False) -> tuple[str, dict[int, tuple[str, ...]], set[str]]:
    """Native HCL text for a ``.tf.json`` document, (line of that text -> the JSON keys that lead to it), and the
    addresses of the rules whose ``event_pattern`` is a JSON object (Terraform refuses it: the attribute is a string).

    :param checked: parse each interpolation alone and write the ones that do not parse as
        :data:`UNREADABLE` (slower: for a file whose text does not parse as a whole).
    """
    w = _Writer(checked)
    if isinstance(doc, dict):
        for kind, value in doc.items():
            labels = _LABELS.get(kind)
            if labels is None:
                continue
            for names, body, path in _labelled(value, labels, (kind,)):
                if kind == "locals":
                    w.line("locals {", path)
                    for name, v in body.items():
                        if name != "//" and _IDENT.fullmatch(name):
                            w.emit(f"  {name} = ", v, "  ", (*path, name))
                    w.line("}", path)
                elif kind != "resource" or names[0] in _RESOURCES:
                    _body(w, kind, names, body, path)
    return "\n".join(w.lines) + "\n", w.anchors, w.object_patterns
