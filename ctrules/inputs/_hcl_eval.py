"""Evaluating HCL expressions as far as they are known: values, ``local``/``var`` references, a few pure functions.

The tree is python-hcl2's raw Lark parse tree (``hcl2.parses_to_tree``): its dictionary output turns every
expression into a string (``"${jsonencode({...})}"``) and keeps quotes and heredoc markers, so ctrules reads
the tree instead. Anything whose value Terraform only knows while planning (a variable without a default, a
resource or data source attribute, ``each``/``count``, a function not listed in :data:`FUNCTIONS`) evaluates
to an :class:`Unknown` saying why: never a guess.

Evaluation is partial (:func:`partial`): an object or list keeps its known parts and holds an :class:`Unknown`
where a part is not known (such containers are :class:`PartialList`/:class:`PartialDict`), and ``jsonencode`` of
such a value is an :class:`Encoded` value, so an event pattern with one unknown ``requestParameters`` value is
still checked on the rest. :func:`evaluate` is the strict form: any unknown part makes the whole value unknown.

Evaluation is bounded (:class:`Budget`): the size of any value it makes (:data:`MAX_VALUE`), the nesting of
expressions and values (:data:`MAX_DEPTH`) and the work of one module in all (:data:`MAX_WORK`). Exceeding one
raises :class:`BudgetError`, naming the line and the budget; never ``MemoryError`` or ``RecursionError``.

One module of ~1,100 lines on purpose: the partial values, the budgets and the functions are one evaluator; every
function makes and walks values through the same budget and the same partial containers.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lark import Token, Tree

#: A node of python-hcl2's Lark parse tree.
Node = Tree[Any]

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_VALUE",
    "MAX_WORK",
    "Budget",
    "BudgetError",
    "Encoded",
    "Node",
    "PartialDict",
    "PartialList",
    "Scope",
    "Unknown",
    "elements",
    "end_line_of",
    "evaluate",
    "first_unknown",
    "is_partial",
    "kids",
    "line_of",
    "measure",
    "partial",
    "reference",
    "source_text",
    "text_of",
]

_NOISE = frozenset({"new_line_or_comment"})
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}

#: The largest value evaluation makes: characters of a string, items of a list or object.
MAX_VALUE = 1_000_000
#: The deepest nesting of expressions being evaluated (references followed included), and of the values they make.
MAX_DEPTH = 250
#: The interpreter's recursion limit while evaluating (a level of :data:`MAX_DEPTH` takes up to ~5 frames; pure
#: Python frames do not use the C stack since Python 3.11).
_RECURSION = 4000
#: The work of evaluating one module (or Terragrunt file) in all: values made and walked, characters made / 64.
MAX_WORK = 20_000_000


class BudgetError(Exception):
    """Evaluation would exceed a budget (size, depth or work): the input is refused, not read partly.

    :param budget: which budget, in words (``a value of more than 1,000,000 items or characters``).
    :param line: the 1-based line of the expression that exceeded it.
    """

    def __init__(self, budget: str, line: int) -> None:
        super().__init__(f"line {line}: {budget}")
        self.budget = budget
        self.line = line


@dataclass
class Budget:
    """What evaluation of one module has used so far (see :data:`MAX_WORK`, :data:`MAX_DEPTH`)."""

    work: int = 0
    depth: int = 0

    def charge(self, units: int, node: Any) -> None:
        """Count ``units`` of work done for ``node``.

        :raises BudgetError: past :data:`MAX_WORK`.
        """
        self.work += units
        if self.work > MAX_WORK:
            why = f"evaluation needs more than {MAX_WORK:,} steps (the budget of one module)"
            raise BudgetError(why, line_of(node))

    def size(self, n: int, node: Any) -> None:
        """Check the size of a value made for ``node`` and count it as work.

        :raises BudgetError: a value of more than :data:`MAX_VALUE` items or characters.
        """
        if n > MAX_VALUE:
            raise BudgetError(f"a value of more than {MAX_VALUE:,} items or characters", line_of(node))
        self.charge(1 + n // 64, node)


@dataclass(frozen=True)
class Unknown:
    """A value known only at plan time.

    :param reason: why, in a few words (``var.env has no default``, ``function lookup()``...).
    """

    reason: str


class PartialList(list[Any]):
    """A list some of whose items are (or hold) :class:`Unknown` values."""


class PartialDict(dict[str, Any]):
    """An object some of whose values are (or hold) :class:`Unknown` values."""


@dataclass(frozen=True)
class Encoded:
    """``jsonencode`` of a value with unknown parts: the JSON text is not known, its structure is.

    :param data: the encoded value (a :class:`PartialList`/:class:`PartialDict`).
    """

    data: Any


def is_partial(value: Any) -> bool:
    """True for a value that is, or holds, an :class:`Unknown`."""
    return isinstance(value, (Unknown, PartialList, PartialDict, Encoded))


def first_unknown(value: Any) -> Unknown | None:
    """The first :class:`Unknown` in a value (following only the partial containers), else ``None``."""
    while True:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, Encoded):
            value = value.data
        elif isinstance(value, PartialList):
            value = next((v for v in value if is_partial(v)), None)
        elif isinstance(value, PartialDict):
            value = next((v for v in value.values() if is_partial(v)), None)
        else:
            return None


def _list(values: list[Any]) -> list[Any]:
    return PartialList(values) if any(is_partial(v) for v in values) else values


def _dict(values: dict[str, Any]) -> dict[str, Any]:
    return PartialDict(values) if any(is_partial(v) for v in values.values()) else values


@dataclass
class Scope:
    """What a Terraform module (one directory) or a Terragrunt file defines: variables and locals.

    :param variables: variable name -> its ``default`` expression (``None`` when it has none).
    :param values: variable name -> a value assigned in ``*.tfvars`` files or by the module's caller.
    :param locals: local name -> its expression.
    :param budget: what evaluation in this scope has used (shared by the scopes of one run of a reader).
    :param bindings: names bound by ``for_each``/``count`` (``each``, ``count``) or a ``for`` expression.
    :param folder: the module's folder (``path.module``; ``file()`` reads relative to it); ``None`` for standard input.
    :param root: the repository the module is in: ``file()`` reads nothing outside it.
    :param called: the module is read for a ``module`` call: its variables' values are the call's inputs, and the
        default of an input the call does not give is final (of a root module, a default is only a fallback).
    """

    variables: dict[str, Node | None] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    locals: dict[str, Node] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)
    _done: dict[str, Any] = field(default_factory=dict, repr=False)
    _busy: set[str] = field(default_factory=set, repr=False)
    bindings: dict[str, Any] = field(default_factory=dict)
    folder: Path | None = None
    root: Path | None = None
    called: bool = False

    def child(self, bindings: dict[str, Any]) -> Scope:
        """The same module with more names bound (``each``, ``count``, the variables of a ``for`` expression)."""
        return Scope(
            self.variables,
            self.values,
            self.locals,
            self.budget,
            self._done,
            self._busy,
            {**self.bindings, **bindings},
            self.folder,
            self.root,
            self.called,
        )

    def without_defaults(self) -> Scope:
        """The same module with only the variables' assigned values: a variable that only has a default is unknown
        (a default is what Terraform falls back to; ``*.tfvars`` and ``-var`` change it). A module read for a call
        is itself: the call gives its inputs, the defaults of the others are final."""
        if self.called:
            return self
        return Scope(
            dict.fromkeys(self.variables),
            self.values,
            self.locals,
            self.budget,
            {},
            set(),
            self.bindings,
            self.folder,
            self.root,
        )

    def variable(self, name: str) -> Any:
        """``var.NAME``: its assigned value, else its default, else :class:`Unknown` (partial values kept)."""
        if name in self.values:
            return self.values[name]
        if name not in self.variables:
            return Unknown(f"var.{name} is not declared")
        default = self.variables[name]
        if default is None:
            return Unknown(f"var.{name} has no default")
        return self._cached(f"var.{name}", default)

    def local(self, name: str) -> Any:
        """``local.NAME``: its value as far as known (partial values kept)."""
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
            value = partial(node, self)
        finally:
            self._busy.discard(key)
        self._done[key] = value
        return value


def kids(node: Node) -> list[Any]:
    """The children of a node without newlines and comments."""
    return [c for c in node.children if not (isinstance(c, Tree) and c.data in _NOISE)]


def _trees(node: Node) -> list[Node]:
    return [c for c in node.children if isinstance(c, Tree) and c.data not in _NOISE]


def _edge_token(node: Any, last: bool) -> Token | None:
    """The first (or last) token of a node: the parse trees carry no positions of their own (the parser is built
    without ``propagate_positions``, which costs a fifth of the parse time and more than half of its memory), so a
    node's lines are its tokens' lines."""
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Token):
            return item
        if isinstance(item, Tree):
            stack.extend(item.children if last else reversed(item.children))
    return None


def line_of(node: Any) -> int:
    """The 1-based line where a node starts (1 when it holds no token; a line number stands for itself)."""
    if isinstance(node, Token):
        return node.line or 1
    if isinstance(node, int):
        return node
    meta = getattr(node, "meta", None)
    if meta is not None and not meta.empty:
        return int(getattr(meta, "line", 1) or 1)
    token = _edge_token(node, last=False)
    return (token.line or 1) if token is not None else 1


def end_line_of(node: Any) -> int:
    """The 1-based line where a node ends (its last token's last line)."""
    meta = getattr(node, "meta", None)
    if meta is not None and not meta.empty:
        return int(getattr(meta, "end_line", 1) or 1)
    token = _edge_token(node, last=True)
    if token is None:
        return line_of(node)
    return token.end_line or token.line or 1


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


def source_text(node: Any) -> str:
    """An expression written back as short text, for names (``"${var.env}-tamper"``, ``(local.name)``)."""
    parts: list[str] = []
    stack: list[Any] = [node]
    while stack and len(parts) < 200:
        item = stack.pop()
        if isinstance(item, Token):
            parts.append(str(item))
        elif isinstance(item, Tree) and item.data not in _NOISE:
            stack.extend(reversed(item.children))
    text = "".join(parts)
    return text if len(text) <= 120 else text[:117] + "..."


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
    size = 0
    for part in _trees(node):
        for piece in part.children:
            if isinstance(piece, Token):
                if piece.type in ("ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE"):  # $${ and %%{: literal
                    text = str(piece)[1:]
                else:
                    text = _unescape(str(piece))
            elif piece.data == "interpolation":
                value = _eval(_trees(piece)[0], scope)
                if is_partial(value):
                    return first_unknown(value) if isinstance(value, Unknown) else _inside_template(value)
                if isinstance(value, bool):
                    text = "true" if value else "false"
                elif isinstance(value, (str, int, float)):
                    text = str(value)
                else:
                    return Unknown("a list or object inside a string template")
            else:
                return Unknown("a template directive (%{...})")
            size += len(text)
            scope.budget.size(size, node)
            parts.append(text)
    return "".join(parts)


def _inside_template(value: Any) -> Unknown:
    inner = first_unknown(value)
    return inner if inner is not None else Unknown("a list or object inside a string template")


def _heredoc(token: Token, scope: Scope) -> Any:
    """A heredoc's text (``<<EOT``/``<<-EOT``), read line by line (linear in its length)."""
    raw = str(token)
    head, sep, rest = raw.partition("\n")
    trim = head.startswith("<<-")
    marker = head[3 if trim else 2 :].strip()
    if not sep or not marker:
        return Unknown("a heredoc ctrules cannot read")
    lines = rest.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or lines[-1].strip() != marker:
        return Unknown("a heredoc ctrules cannot read")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines[:-1]]
    if trim:
        indents = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
        cut = min(indents, default=0)
        lines = [ln[cut:] for ln in lines]
    text = "\n".join(lines)
    if "{" in text and _has_unescaped(text, "%{"):
        return Unknown("a template directive (%{...}) in a heredoc")
    if "{" in text and _has_unescaped(text, "${"):
        return _heredoc_interpolations(text, scope, token)
    return text.replace("$${", "${").replace("%%{", "%{")


#: An interpolation of a plain reference (``${var.detail_type}``, ``${local.names.s3}``, ``${each.key}``), not
#: escaped (``$${``): the heredoc interpolations ctrules evaluates.
_PLAIN_INTERPOLATION = re.compile(r"(?<!\$)\$\{\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\s*\}")


def _heredoc_interpolations(text: str, scope: Scope, token: Token) -> Any:
    """A heredoc's text with its ``${reference}`` interpolations replaced by their values, as Terraform inserts
    them (strings as they are, numbers and booleans as text); unknown when a value is not known or not a scalar,
    or when an interpolation is anything but a plain reference."""
    unknown: list[Unknown] = []
    size = [len(text)]

    def value_of(match: re.Match[str]) -> str:
        root, *steps = match.group(1).split(".")
        value = _named(root, steps, scope)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (str, int, float)):
            out = str(value)
            size[0] += len(out)
            scope.budget.size(size[0], token)  # checked as it grows: many copies of a long value stop early
            return out
        unknown.append(first_unknown(value) or Unknown(f"${{{match.group(1)}}}, a list or object, in a heredoc"))
        return ""

    replaced = _PLAIN_INTERPOLATION.sub(value_of, text)
    if unknown:
        return unknown[0]
    if _has_unescaped(replaced, "${"):
        return Unknown("an interpolation in a heredoc that is not a plain reference")
    scope.budget.size(len(replaced), token)
    return replaced.replace("$${", "${").replace("%%{", "%{")


def _has_unescaped(text: str, opener: str) -> bool:
    """True when ``opener`` (``${``) occurs in ``text`` not right after its own first character (``$${``)."""
    start = 0
    while True:
        i = text.find(opener, start)
        if i < 0:
            return False
        if i == 0 or text[i - 1] != opener[0]:
            return True
        start = i + 1


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
                try:
                    steps.append(int(str(index.children[-1])))
                except ValueError:
                    return None
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
        if isinstance(value, Encoded):
            return Unknown(f"{shown} is a JSON string that is not fully known")
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
    return _named(*ref, scope)


def _named(root: str, steps: list[Any], scope: Scope) -> Any:
    """The value of a reference ``root.steps...`` (``var.x``, ``local.y.z``, ``each.value``, ``path.module``)."""
    if root in scope.bindings:
        return _traverse(scope.bindings[root], steps, root)
    if root == "path" and steps and steps[0] in ("module", "root", "cwd") and scope.folder is not None:
        # The folder as an absolute path: file("${path.module}/x.json") then names the same file from any working
        # directory (a relative folder would be joined to the module's folder a second time by file()).
        return _traverse(os.path.abspath(scope.folder), steps[1:], f"path.{steps[0]}")
    if root in ("var", "local") and steps and isinstance(steps[0], str):
        base = scope.variable(steps[0]) if root == "var" else scope.local(steps[0])
        return _traverse(base, steps[1:], f"{root}.{steps[0]}")
    shown = ".".join([root, *(str(s) for s in steps[:2])])
    return Unknown(f"{shown} is known only at plan time")


class _Call:
    """What a function gets besides its arguments: the scope (for budgets) and the call's node (for lines)."""

    def __init__(self, scope: Scope, node: Node) -> None:
        self.budget = scope.budget
        self.node = node
        self.scope = scope

    def made(self, value: Any) -> Any:
        """Check and count a value a function made."""
        self.budget.size(len(value) if isinstance(value, (str, list, dict)) else 1, self.node)
        return value


def _merge(call: _Call, *args: Any) -> Any:
    out: dict[str, Any] = {}
    for arg in args:
        if arg is None:
            continue
        if isinstance(arg, Unknown):
            return arg
        if not isinstance(arg, dict):
            return Unknown("merge() of something that is not an object")
        out.update(arg)
        call.made(out)
    return _dict(out)


def _concat(call: _Call, *args: Any) -> Any:
    unknown = next((a for a in args if isinstance(a, Unknown)), None)
    if unknown is not None:
        return unknown
    if not all(isinstance(a, list) for a in args):
        return Unknown("concat() of something that is not a list")
    call.budget.size(sum(len(a) for a in args), call.node)
    return _list([x for a in args for x in a])


def _flatten(call: _Call, arg: Any) -> Any:
    if isinstance(arg, Unknown):
        return arg
    if not isinstance(arg, list):
        return Unknown("flatten() of something that is not a list")
    out: list[Any] = []
    stack: list[tuple[list[Any], int, int]] = [(arg, 0, 0)]
    while stack:
        items, i, depth = stack.pop()
        if i >= len(items):
            continue
        stack.append((items, i + 1, depth))
        x = items[i]
        call.budget.charge(1, call.node)
        if isinstance(x, list):
            if depth >= MAX_DEPTH:
                raise BudgetError(f"flatten() of lists nested more than {MAX_DEPTH} levels", line_of(call.node))
            stack.append((x, 0, depth + 1))
        else:
            out.append(x)
            if len(out) > MAX_VALUE:
                call.made(out)
    return _list(out)


def _freeze(value: Any, call: _Call, depth: int = 0) -> Any:
    """A hashable stand-in of a value (for sets), counted against the budget."""
    call.budget.charge(1, call.node)
    if depth > MAX_DEPTH:
        raise BudgetError(f"a value nested more than {MAX_DEPTH} levels", line_of(call.node))
    if isinstance(value, dict):
        return ("o", tuple(sorted((k, _freeze(v, call, depth + 1)) for k, v in value.items())))
    if isinstance(value, list):
        return ("l", tuple(_freeze(v, call, depth + 1) for v in value))
    if isinstance(value, Encoded):
        return ("e", _freeze(value.data, call, depth + 1))
    return (type(value).__name__, value)


def _distinct(call: _Call, arg: Any) -> Any:
    if isinstance(arg, Unknown):
        return arg
    if not isinstance(arg, list):
        return Unknown("a set or distinct() of something that is not a list")
    seen: set[Any] = set()
    out: list[Any] = []
    for x in arg:
        key = _freeze(x, call)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return _list(out)


def _jsondecode(call: _Call, arg: Any) -> Any:
    if isinstance(arg, Encoded):
        return arg.data
    if isinstance(arg, Unknown):
        return arg
    if not isinstance(arg, str):
        return Unknown("jsondecode() of something that is not a string")
    try:
        value = json.loads(arg)
    except RecursionError:
        raise BudgetError("jsondecode() of JSON nested too deeply", line_of(call.node)) from None
    except ValueError:
        return Unknown("jsondecode() of a string that is not JSON")
    _check_depth(value, call)
    return value


def _check_depth(value: Any, call: _Call) -> None:
    """Walk a value once (counted), refusing nesting deeper than :data:`MAX_DEPTH`."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        call.budget.charge(1, call.node)
        if depth > MAX_DEPTH:
            raise BudgetError(f"a value nested more than {MAX_DEPTH} levels", line_of(call.node))
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, Encoded):
            stack.append((item.data, depth + 1))


def measure(value: Any, budget: Budget, line: int) -> None:
    """Walk a value once, counted against ``budget``: refuse one of more than :data:`MAX_VALUE` parts in all (shared
    parts counted each time they occur, as a reader of the value would meet them) or nested deeper than
    :data:`MAX_DEPTH`.

    :raises BudgetError: naming ``line``.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUE:
            raise BudgetError(f"a value of more than {MAX_VALUE:,} items or characters", line)
        if depth > MAX_DEPTH:
            raise BudgetError(f"a value nested more than {MAX_DEPTH} levels", line)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, Encoded):
            stack.append((item.data, depth + 1))
    budget.charge(seen, line)


def _jsonencode(call: _Call, arg: Any) -> Any:
    if isinstance(arg, Unknown):
        return arg
    if is_partial(arg):
        _check_depth(arg, call)
        return Encoded(arg)
    _check_depth(arg, call)
    out: list[str] = []
    size = 0
    try:
        for chunk in json.JSONEncoder(allow_nan=False).iterencode(arg):
            size += len(chunk)
            if size > MAX_VALUE:
                call.budget.size(size, call.node)
            out.append(chunk)
    except ValueError:
        return Unknown("jsonencode() of a number JSON cannot hold")
    return call.made("".join(out))


def _same(call: _Call, arg: Any) -> Any:
    return arg


def _lower(call: _Call, arg: Any) -> Any:
    return arg.lower() if isinstance(arg, str) else Unknown("lower() of something that is not a string")


def _upper(call: _Call, arg: Any) -> Any:
    return arg.upper() if isinstance(arg, str) else Unknown("upper() of something that is not a string")


def _join(call: _Call, sep: Any, *lists: Any) -> Any:
    if not isinstance(sep, str) or not all(isinstance(x, list) for x in lists):
        return Unknown("join() of something that is not a list")
    items = [x for lst in lists for x in lst]
    if not all(isinstance(x, str) for x in items):
        return Unknown("join() of a list with values that are not strings")
    call.budget.size(sum(len(x) for x in items) + len(sep) * len(items), call.node)
    return sep.join(items)


def _lookup(call: _Call, mapping: Any, key: Any, *default: Any) -> Any:
    if isinstance(mapping, Unknown):
        return mapping
    if not isinstance(mapping, dict) or not isinstance(key, str) or len(default) > 1:
        return Unknown("lookup() of something that is not an object")
    if key in mapping:
        return mapping[key]
    return default[0] if default else Unknown(f"lookup() of a key {key!r} the object does not have")


def _read_file(call: _Call, name: Any) -> Any:
    """``file(path)``: a file of the repository (relative paths from the module's folder), read within ctrules'
    limits; anything else (outside the repository, missing, not text) is unknown."""
    from ctrules.inputs.document import read_text

    scope = call.scope
    if not isinstance(name, str) or not name or "\x00" in name or scope.folder is None or scope.root is None:
        return Unknown("file() of a file ctrules cannot locate")
    try:
        target = (scope.folder / name).resolve()
    except (OSError, RuntimeError, ValueError):
        return Unknown(f"file({name!r}) of a file ctrules cannot locate")
    if target != scope.root and scope.root not in target.parents:
        return Unknown(f"file({name!r}) of a file outside the repository")
    try:
        text = read_text(target, name)
    except Exception as exc:  # InputError and OS errors alike: the value is not known
        return Unknown(f"file({name!r}): {getattr(exc, 'message', None) or exc}")
    return call.made(text)


def _file(call: _Call, name: Any) -> Any:
    return _read_file(call, name)


def _templatefile(call: _Call, name: Any, variables: Any) -> Any:
    """``templatefile(path, vars)`` for templates whose interpolations are plain names of ``vars`` (strings,
    numbers, booleans); any other interpolation or directive is unknown."""
    text = _read_file(call, name)
    if isinstance(text, Unknown) or not isinstance(variables, dict):
        return text if isinstance(text, Unknown) else Unknown("templatefile() with variables that are not an object")
    out: list[str] = []
    i = 0
    while True:
        j = text.find("${", i)
        k = text.find("%{", i)
        if k >= 0 and (j < 0 or k < j) and not (k > 0 and text[k - 1] == "%"):
            return Unknown(f"templatefile({name!r}) with a template directive (%{{...}})")
        if j < 0:
            out.append(text[i:])
            break
        if j > 0 and text[j - 1] == "$":  # $${ is a literal ${
            out.append(text[i : j - 1] + "${")
            i = j + 2
            continue
        end = text.find("}", j)
        key = text[j + 2 : end].strip() if end > 0 else ""
        value = variables.get(key) if key.isidentifier() else None
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, (str, int, float)):
            return Unknown(f"templatefile({name!r}) with an interpolation ctrules does not evaluate")
        out += [text[i:j], str(value)]
        i = end + 1
    return call.made("".join(out).replace("%%{", "%{"))


def _keys(call: _Call, arg: Any) -> Any:
    return sorted(arg) if isinstance(arg, dict) else Unknown("keys() of something that is not an object")


def _values(call: _Call, arg: Any) -> Any:
    if not isinstance(arg, dict):
        return Unknown("values() of something that is not an object")
    return _list([arg[k] for k in sorted(arg)])


def _length(call: _Call, arg: Any) -> Any:
    return len(arg) if isinstance(arg, (str, list, dict)) else Unknown("length() of a value that has none")


def _contains(call: _Call, items: Any, value: Any) -> Any:
    if not isinstance(items, list) or is_partial(items) or is_partial(value):
        return Unknown("contains() of something that is not a known list")
    key = _freeze(value, call)
    return any(_freeze(x, call) == key for x in items)


def _coalesce(call: _Call, *args: Any) -> Any:
    for arg in args:
        if isinstance(arg, Unknown):
            return arg
        if arg is not None and arg != "":
            return arg
    return Unknown("coalesce() of no value")


def _compact(call: _Call, arg: Any) -> Any:
    if not isinstance(arg, list) or not all(isinstance(x, str) or x is None for x in arg):
        return Unknown("compact() of something that is not a list of strings")
    return [x for x in arg if x]


def _element(call: _Call, items: Any, index: Any) -> Any:
    if not isinstance(items, list) or not items or not isinstance(index, int) or isinstance(index, bool):
        return Unknown("element() of something that is not a list and an index")
    return items[index % len(items)]


def _tostring(call: _Call, arg: Any) -> Any:
    if isinstance(arg, bool):
        return "true" if arg else "false"
    return str(arg) if isinstance(arg, (str, int, float)) else Unknown("tostring() of a list or object")


def _split(call: _Call, sep: Any, text: Any) -> Any:
    if not isinstance(sep, str) or not sep or not isinstance(text, str):
        return Unknown("split() of something that is not a string")
    return call.made(text.split(sep))


def _replace(call: _Call, text: Any, old: Any, new: Any) -> Any:
    if not all(isinstance(x, str) for x in (text, old, new)) or not old:
        return Unknown("replace() of something that is not a string")
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        return Unknown("replace() with a regular expression")
    count = text.count(old)
    call.budget.size(len(text) + count * max(0, len(new) - len(old)), call.node)
    return text.replace(old, new)


def _trimspace(call: _Call, text: Any) -> Any:
    return text.strip() if isinstance(text, str) else Unknown("trimspace() of something that is not a string")


def _format(call: _Call, spec: Any, *args: Any) -> Any:
    """``format()`` with the verbs ``%s``, ``%d``, ``%v`` and ``%%`` (others are unknown)."""
    if not isinstance(spec, str):
        return Unknown("format() of something that is not a string")
    out: list[str] = []
    i, n = 0, 0
    while i < len(spec):
        ch = spec[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        verb = spec[i + 1 : i + 2]
        if verb == "%":
            out.append("%")
        elif verb in ("s", "d", "v") and n < len(args) and isinstance(args[n], (str, int, float, bool)):
            value = args[n]
            out.append(("true" if value else "false") if isinstance(value, bool) else str(value))
            n += 1
        else:
            return Unknown("format() with a verb or argument ctrules does not evaluate")
        i += 2
        call.budget.size(sum(map(len, out)), call.node)
    return "".join(out)


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
    "lower": _lower,
    "upper": _upper,
    "join": _join,
    "lookup": _lookup,
    "file": _file,
    "templatefile": _templatefile,
    "keys": _keys,
    "values": _values,
    "length": _length,
    "contains": _contains,
    "coalesce": _coalesce,
    "compact": _compact,
    "element": _element,
    "tostring": _tostring,
    "split": _split,
    "replace": _replace,
    "trimspace": _trimspace,
    "format": _format,
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
    args = [_eval(a, scope) for a in (_trees(args_node) if args_node is not None else [])]
    if name not in ("jsonencode", "merge", "concat", "flatten", "distinct", "toset", "tolist", "tomap", "values"):
        unknown = next((first_unknown(a) for a in args if is_partial(a)), None)
        if unknown is not None and name not in ("jsondecode", "lookup"):
            return unknown
    try:
        return func(_Call(scope, node), *args)
    except TypeError:
        return Unknown(f"{name}() with {len(args)} arguments")


def elements(node: Node, scope: Scope | None = None) -> list[tuple[Any, Node, Node]] | None:
    """The ``key = value`` elements of an object literal as (key, key node, value node); ``None`` when the
    node is not an object literal. A key is its text, or :class:`Unknown` when computed from what is not known
    (``scope``: where a computed key's references are looked up; none when not given)."""
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
            key = evaluate(key_expr, scope if scope is not None else Scope())
            if not isinstance(key, (str, Unknown)):
                key = json.dumps(key) if isinstance(key, bool) or key is None else str(key)
        out.append((key, key_node, value_node))
    return out


def evaluate(node: Any, scope: Scope) -> Any:
    """The value of an expression node: JSON-like data, or :class:`Unknown` when any part is unknown.

    :raises BudgetError: the evaluation exceeds a budget.
    """
    value = _eval(node, scope)
    return first_unknown(value) if is_partial(value) else value


def partial(node: Any, scope: Scope) -> Any:
    """The value of an expression node as far as it is known (see the module's docstring).

    :raises BudgetError: the evaluation exceeds a budget.
    """
    return _eval(node, scope)


def _for(node: Node, scope: Scope) -> Any:
    """A ``for`` expression (``[for v in xs : f(v)]``, ``{for k, v in m : k => v if c}``, grouping with ``...``).

    Lists in order; maps and objects by key in lexical order (Terraform's order). A collection or a condition that is
    not known makes the whole value unknown; element values may be partly known.
    """
    parts = _trees(node)
    intro = parts[0]
    names = [str(c.children[0]) for c in _trees(intro) if c.data == "identifier"]
    source = [c for c in _trees(intro) if c.data != "identifier"]
    if not names or len(names) > 2 or len(source) != 1:
        return Unknown("a for expression ctrules cannot read")
    collection = evaluate(source[0], scope)
    if isinstance(collection, Unknown):
        return collection
    if isinstance(collection, dict):
        pairs: list[tuple[Any, Any]] = sorted(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        return Unknown("a for expression over something that is not a list or an object")
    cond = parts[-1] if parts[-1].data == "for_cond" else None
    body = [p for p in parts[1:] if p.data != "for_cond"]
    grouped = any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in node.children)
    tuple_out: list[Any] = []
    object_out: dict[str, Any] = {}
    for key, value in pairs:
        scope.budget.charge(1, node)
        inner = scope.child(dict(zip(names, (key, value), strict=False)) if len(names) == 2 else {names[0]: value})
        if cond is not None:
            test = evaluate(_trees(cond)[0], inner)
            if not isinstance(test, bool):
                return test if isinstance(test, Unknown) else Unknown("a for condition that is not true or false")
            if not test:
                continue
        if node.data == "for_tuple_expr":
            tuple_out.append(_eval(body[0], inner))
            scope.budget.size(len(tuple_out), node)
            continue
        out_key = evaluate(body[0], inner)
        if isinstance(out_key, Unknown):
            return out_key
        if not isinstance(out_key, str):
            out_key = json.dumps(out_key) if isinstance(out_key, bool) or out_key is None else str(out_key)
        item = _eval(body[1], inner)
        if grouped:
            object_out.setdefault(out_key, []).append(item)
        else:
            object_out[out_key] = item
        scope.budget.size(len(object_out), node)
    if node.data == "for_tuple_expr":
        return _list(tuple_out)
    if grouped:
        object_out = {k: _list(v) for k, v in object_out.items()}
    return _dict(object_out)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: Integers past this many bits are not computed (a chain of products would double their size at every step).
_MAX_BITS = 16_000


def _binary(node: Node, scope: Scope) -> Any:
    """``a OP b`` for the comparison, logical and arithmetic operators, on known values of the right types."""
    parts = _trees(node)
    if len(parts) != 2 or parts[1].data != "binary_term":
        return Unknown("an expression ctrules does not evaluate (binary_op)")
    op_node, right_node = _trees(parts[1])[:2]
    op = str(op_node.children[0]).split()[-1] if op_node.children else ""
    left, right = evaluate(parts[0], scope), evaluate(right_node, scope)
    for side in (left, right):
        if isinstance(side, Unknown):
            return side
    if op in ("==", "!="):
        same = _freeze(left, _Call(scope, node)) == _freeze(right, _Call(scope, node))
        if _is_number(left) and _is_number(right):
            same = left == right
        return same if op == "==" else not same
    if op in ("&&", "||"):
        if not isinstance(left, bool) or not isinstance(right, bool):
            return Unknown(f"{op} of values that are not true or false")
        return (left and right) if op == "&&" else (left or right)
    if not _is_number(left) or not _is_number(right):
        return Unknown(f"{op} of values that are not numbers")
    if op in ("<", ">", "<=", ">="):
        return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[op]
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > _MAX_BITS:
        return Unknown("a number too large for ctrules to compute")
    try:
        if op == "+":
            value: Any = left + right
        elif op == "-":
            value = left - right
        elif op == "*":
            value = left * right
        elif op == "/":
            value = left / right
            value = int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value
        elif op == "%":
            value = left % right
        else:
            return Unknown(f"the operator {op}")
    except (ZeroDivisionError, OverflowError):
        return Unknown(f"{op} that Terraform refuses (division by zero or overflow)")
    if isinstance(value, float) and not math.isfinite(value):
        return Unknown("a number too large for JSON")
    return value


def _unary(node: Node, scope: Scope) -> Any:
    ops = [str(c) for c in node.children if isinstance(c, Token)]
    operand = evaluate(_trees(node)[0], scope) if _trees(node) else Unknown("a unary operator without an operand")
    if isinstance(operand, Unknown) or not ops:
        return operand
    if ops[0].strip() == "!" and isinstance(operand, bool):
        return not operand
    if ops[0].strip() == "-" and _is_number(operand):
        return -operand
    return Unknown(f"{ops[0].strip()} of a value of the wrong type")


def _number(text: str, node: Node) -> Any:
    try:
        value: Any = int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            return Unknown("a number of more than 4,300 digits")
    if isinstance(value, float) and not math.isfinite(value):
        return Unknown("a number too large for JSON")
    return value


def _eval(node: Any, scope: Scope) -> Any:
    budget = scope.budget
    if budget.depth == 0 and sys.getrecursionlimit() < _RECURSION:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(_RECURSION)
        try:
            return _eval(node, scope)
        finally:
            sys.setrecursionlimit(old)
    budget.depth += 1
    try:
        if budget.depth > MAX_DEPTH:
            raise BudgetError(f"expressions nested more than {MAX_DEPTH} levels deep", line_of(node))
        budget.charge(1, node)
        return _eval_node(node, scope)
    finally:
        budget.depth -= 1


def _eval_node(node: Any, scope: Scope) -> Any:
    data = node.data
    if data == "expr_term":
        inner = _trees(node)
        return _eval(inner[0], scope) if len(inner) == 1 else Unknown("an expression ctrules does not evaluate")
    if data == "string":
        return _string(node, scope)
    if data in ("int_lit", "float_lit"):
        if len(node.children[0]) > 5000:
            return Unknown("a number of more than 4,300 digits")
        return _number(str(node.children[0]), node)
    if data == "literal_value":
        return {"true": True, "false": False, "null": None}.get(str(node.children[0]), Unknown("a literal"))
    if data == "tuple":
        values = [_eval(c, scope) for c in _trees(node)]
        scope.budget.size(len(values), node)
        return _list(values)
    if data == "object":
        out: dict[str, Any] = {}
        for key, _, value_node in elements(node, scope) or []:
            if isinstance(key, Unknown):
                return key
            out[key] = _eval(value_node, scope)
        scope.budget.size(len(out), node)
        return _dict(out)
    if data in ("heredoc_template", "heredoc_template_trim"):
        return _heredoc(node.children[0], scope)
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
        return _eval(branches[0] if test else branches[1], scope)
    if data == "identifier":
        name = str(node.children[0])
        if name in scope.bindings:
            return scope.bindings[name]
        return Unknown(f"{name} is known only at plan time")
    if data in ("for_tuple_expr", "for_object_expr"):
        return _for(node, scope)
    if data == "binary_op":
        return _binary(node, scope)
    if data == "unary_op":
        return _unary(node, scope)
    return Unknown(f"an expression ctrules does not evaluate ({data})")
