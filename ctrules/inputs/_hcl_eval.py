"""Evaluating HCL expressions that are literal: values, ``local``/``var`` references, a few pure functions.

The tree is python-hcl2's raw Lark parse tree (``hcl2.parses_to_tree``): its dictionary output turns every
expression into a string (``"${jsonencode({...})}"``) and keeps quotes and heredoc markers, so ctrules reads
the tree instead. Anything whose value Terraform only knows while planning (a variable without a default, a
resource or data source attribute, ``each``/``count``, a function not listed in :data:`FUNCTIONS`) evaluates
to an :class:`Unknown` saying why: never a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lark import Token, Tree

#: A node of python-hcl2's Lark parse tree.
Node = Tree[Any]

__all__ = ["FUNCTIONS", "Node", "Scope", "Unknown", "elements", "evaluate", "kids", "line_of", "reference", "text_of"]

_NOISE = frozenset({"new_line_or_comment"})
_HEREDOC = re.compile(r"<<(-?)([A-Za-z][A-Za-z0-9._-]*)\r?\n(.*?)\r?\n?[ \t]*\2\r?\n?$", re.S)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class Unknown:
    """A value known only at plan time.

    :param reason: why, in a few words (``var.env has no default``, ``function lookup()``...).
    """

    reason: str


@dataclass
class Scope:
    """What a Terraform module (one directory) or a Terragrunt file defines: variables and locals.

    :param variables: variable name -> its ``default`` expression (``None`` when it has none).
    :param values: variable name -> a literal value assigned in ``terraform.tfvars``/``*.auto.tfvars``.
    :param locals: local name -> its expression.
    """

    variables: dict[str, Node | None] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Node] = field(default_factory=dict)
    _done: dict[str, Any] = field(default_factory=dict, repr=False)
    _busy: set[str] = field(default_factory=set, repr=False)

    def variable(self, name: str) -> Any:
        """``var.NAME``: its tfvars value, else its literal default, else :class:`Unknown`."""
        if name in self.values:
            return self.values[name]
        if name not in self.variables:
            return Unknown(f"var.{name} is not declared")
        default = self.variables[name]
        if default is None:
            return Unknown(f"var.{name} has no default")
        return self._cached(f"var.{name}", default)

    def local(self, name: str) -> Any:
        """``local.NAME``: its value when literal, else :class:`Unknown`."""
        node = self.locals.get(name)
        if node is None:
            return Unknown(f"local.{name} is not defined")
        return self._cached(f"local.{name}", node)

    def _cached(self, key: str, node: Node) -> Any:
        if key in self._done:
            return self._done[key]
        if key in self._busy:
            return Unknown(f"{key} refers to itself")
        self._busy.add(key)
        try:
            value = evaluate(node, self)
        finally:
            self._busy.discard(key)
        self._done[key] = value
        return value


def kids(node: Node) -> list[Any]:
    """The children of a node without newlines and comments."""
    return [c for c in node.children if not (isinstance(c, Tree) and c.data in _NOISE)]


def _trees(node: Node) -> list[Node]:
    return [c for c in node.children if isinstance(c, Tree) and c.data not in _NOISE]


def line_of(node: Any) -> int:
    """The 1-based line where a node starts (1 when the parser recorded none)."""
    if isinstance(node, Token):
        return node.line or 1
    meta = getattr(node, "meta", None)
    return int(getattr(meta, "line", 1) or 1) if meta is not None and not meta.empty else 1


def text_of(node: Any) -> str | None:
    """A block label or attribute name as text (identifier, keyword, or quoted string without escapes)."""
    if isinstance(node, Token):
        return str(node)
    if node.data in ("identifier", "keyword", "literal_value"):
        return str(node.children[0])
    if node.data == "string":
        value = _string(node, Scope())
        return value if isinstance(value, str) else None
    if node.data == "expr_term":
        inner = _trees(node)
        return text_of(inner[0]) if len(inner) == 1 else None
    return None


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            width = {"u": 4, "U": 8}.get(nxt)
            digits = text[i + 2 : i + 2 + width] if width else ""
            if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                code = int(digits, 16)
                if code <= 0x10FFFF and not 0xD800 <= code < 0xE000:
                    out.append(chr(code))
                    i += 2 + width
                    continue
        out.append(ch)
        i += 1
    return "".join(out)


def _string(node: Node, scope: Scope) -> Any:
    parts: list[str] = []
    for part in _trees(node):
        for piece in part.children:
            if isinstance(piece, Token):
                if piece.type in ("ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE"):  # $${ and %%{: literal
                    parts.append(str(piece)[1:])
                else:
                    parts.append(_unescape(str(piece)))
            elif piece.data == "interpolation":
                value = evaluate(_trees(piece)[0], scope)
                if isinstance(value, Unknown):
                    return value
                if isinstance(value, bool):
                    parts.append("true" if value else "false")
                elif isinstance(value, (str, int, float)):
                    parts.append(str(value))
                else:
                    return Unknown("a list or object inside a string template")
            else:
                return Unknown("a template directive (%{...})")
    return "".join(parts)


def _heredoc(token: Token) -> Any:
    match = _HEREDOC.match(str(token))
    if match is None:
        return Unknown("a heredoc ctrules cannot read")
    trim, _, body = match.groups()
    lines = body.split("\n")
    if trim:
        indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
        cut = min(indents, default=0)
        lines = [ln[cut:] for ln in lines]
    text = "\n".join(lines)
    if re.search(r"(?<!\$)\$\{", text) or re.search(r"(?<!%)%\{", text):
        return Unknown("an interpolation in a heredoc")
    return text.replace("$${", "${").replace("%%{", "%{")


def reference(node: Node) -> tuple[str, list[Any]] | None:
    """``var.x["a"].b`` -> (``"var"``, [``"x"``, ``"a"``, ``"b"``]) when the steps are names and literal
    indexes; ``None`` for anything else (splats, computed indexes)."""
    steps: list[Any] = []
    while True:
        if node.data == "expr_term":
            inner = _trees(node)
            if len(inner) != 1 or any(isinstance(c, Token) and c.type == "LPAR" for c in node.children):
                return None
            node = inner[0]
        elif node.data == "get_attr_expr_term":
            base, attr = _trees(node)
            steps.append(text_of(_trees(attr)[0]))
            node = base
        elif node.data == "index_expr_term":
            base, index = _trees(node)
            if index.data == "short_index":
                steps.append(int(str(index.children[-1])))
            else:
                value = evaluate(_trees(index)[0], Scope())
                if isinstance(value, Unknown) or not isinstance(value, (str, int)):
                    return None
                steps.append(value)
            node = base
        elif node.data == "identifier":
            return str(node.children[0]), steps[::-1]
        else:
            return None


def _traverse(value: Any, steps: list[Any], shown: str) -> Any:
    for step in steps:
        if isinstance(value, Unknown):
            return value
        in_dict = isinstance(value, dict) and isinstance(step, str) and step in value
        if in_dict or (isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value)):
            value = value[step]
        else:
            return Unknown(f"{shown} has no element {step!r}")
    return value


def _resolve(node: Node, scope: Scope) -> Any:
    ref = reference(node)
    if ref is None:
        return Unknown("an expression ctrules does not evaluate")
    root, steps = ref
    if root in ("var", "local") and steps and isinstance(steps[0], str):
        base = scope.variable(steps[0]) if root == "var" else scope.local(steps[0])
        return _traverse(base, steps[1:], f"{root}.{steps[0]}")
    shown = ".".join([root, *(str(s) for s in steps[:2])])
    return Unknown(f"{shown} is known only at plan time")


def _all_known(values: list[Any]) -> Unknown | None:
    return next((v for v in values if isinstance(v, Unknown)), None)


def _merge(*args: Any) -> Any:
    out: dict[str, Any] = {}
    for arg in args:
        if arg is None:
            continue
        if not isinstance(arg, dict):
            return Unknown("merge() of something that is not an object")
        out.update(arg)
    return out


def _concat(*args: Any) -> Any:
    if not all(isinstance(a, list) for a in args):
        return Unknown("concat() of something that is not a list")
    return [x for a in args for x in a]


def _flatten(arg: Any) -> Any:
    if not isinstance(arg, list):
        return Unknown("flatten() of something that is not a list")
    out: list[Any] = []
    for x in arg:
        flat = _flatten(x) if isinstance(x, list) else [x]
        if isinstance(flat, Unknown):
            return flat
        out.extend(flat)
    return out


def _distinct(arg: Any) -> Any:
    if not isinstance(arg, list):
        return Unknown("a set or distinct() of something that is not a list")
    out: list[Any] = []
    for x in arg:
        if x not in out:
            out.append(x)
    return out


def _jsondecode(arg: Any) -> Any:
    if not isinstance(arg, str):
        return Unknown("jsondecode() of something that is not a string")
    try:
        return json.loads(arg)
    except ValueError:
        return Unknown("jsondecode() of a string that is not JSON")


def _jsonencode(arg: Any) -> Any:
    return json.dumps(arg)


def _same(arg: Any) -> Any:
    return arg


#: The functions evaluated (pure, exact); any other function call is :class:`Unknown`.
FUNCTIONS: Mapping[str, Callable[..., Any]] = {
    "jsonencode": _jsonencode,
    "jsondecode": _jsondecode,
    "merge": _merge,
    "concat": _concat,
    "flatten": _flatten,
    "distinct": _distinct,
    "toset": _distinct,
    "tolist": _same,
    "tomap": _same,
}


def _call(node: Node, scope: Scope) -> Any:
    parts = _trees(node)
    name = str(parts[0].children[0])
    if any(isinstance(c, Token) and c.type == "COLONS" for c in node.children):
        return Unknown(f"provider function {name}()")
    func = FUNCTIONS.get(name)
    if func is None:
        return Unknown(f"function {name}()")
    args_node = next((p for p in parts[1:] if p.data == "arguments"), None)
    if args_node is not None and any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in args_node.children):
        return Unknown(f"{name}() with expanded arguments (...)")
    args = [evaluate(a, scope) for a in (_trees(args_node) if args_node is not None else [])]
    unknown = _all_known(args)
    if unknown is not None:
        return unknown
    try:
        return func(*args)
    except TypeError:
        return Unknown(f"{name}() with {len(args)} arguments")


def elements(node: Node) -> list[tuple[Any, Node, Node]] | None:
    """The ``key = value`` elements of an object literal as (key, key node, value node); ``None`` when the
    node is not an object literal. A key is its text, or :class:`Unknown` when computed."""
    while node.data == "expr_term":
        inner = _trees(node)
        if len(inner) != 1:
            return None
        node = inner[0]
    if node.data != "object":
        return None
    out: list[tuple[Any, Node, Node]] = []
    for elem in _trees(node):
        key_node, value_node = _trees(elem)
        key_expr = _trees(key_node)[0] if _trees(key_node) else None
        key: Any
        if key_expr is None:  # a keyword used as a key (``in``, ``for``)
            key = str(key_node.children[0])
        elif key_expr.data == "expr_term" and len(_trees(key_expr)) == 1 and _trees(key_expr)[0].data == "identifier":
            key = str(_trees(key_expr)[0].children[0])
        else:
            key = evaluate(key_expr, Scope())
            if not isinstance(key, (str, Unknown)):
                key = str(key)
        out.append((key, key_node, value_node))
    return out


def evaluate(node: Any, scope: Scope) -> Any:
    """The value of an expression node: JSON-like data, or :class:`Unknown`."""
    data = node.data
    if data == "expr_term":
        inner = _trees(node)
        return evaluate(inner[0], scope) if len(inner) == 1 else Unknown("an expression ctrules does not evaluate")
    if data == "string":
        return _string(node, scope)
    if data == "int_lit":
        return int(str(node.children[0]))
    if data == "float_lit":
        return float(str(node.children[0]))
    if data == "literal_value":
        return {"true": True, "false": False, "null": None}[str(node.children[0])]
    if data == "tuple":
        values = [evaluate(c, scope) for c in _trees(node)]
        return _all_known(values) or values
    if data == "object":
        out: dict[str, Any] = {}
        for key, _, value_node in elements(node) or []:
            if isinstance(key, Unknown):
                return key
            value = evaluate(value_node, scope)
            if isinstance(value, Unknown):
                return value
            out[key] = value
        return out
    if data in ("heredoc_template", "heredoc_template_trim"):
        return _heredoc(node.children[0])
    if data == "function_call":
        return _call(node, scope)
    if data in ("get_attr_expr_term", "index_expr_term"):
        return _resolve(node, scope)
    if data == "conditional":
        cond, *branches = _trees(node)
        test = evaluate(cond, scope)
        if isinstance(test, Unknown):
            return test
        if not isinstance(test, bool) or len(branches) != 2:
            return Unknown("a condition that is not true or false")
        return evaluate(branches[0] if test else branches[1], scope)
    if data == "identifier":
        return Unknown(f"{node.children[0]} is known only at plan time")
    return Unknown(f"an expression ctrules does not evaluate ({data})")
