"""Syntax checks for Amazon EventBridge event patterns.

`validate_pattern` reports every reason EventBridge would reject a pattern
(``InvalidEventPatternException``), mirroring the rule compiler EventBridge uses (Event Ruler): the pattern
is a non-empty object, every field holds either a nested object or a non-empty list, list items are plain
JSON scalars or one-key operator objects, and each operator's operand has the shape EventBridge accepts.
Wildcard patterns are additionally checked against EventBridge's complexity limit.

`leaf_matches` evaluates a valid leaf (the list under a field) against a string value with EventBridge's
string semantics, and `is_token` recognises unresolved AWS CDK tokens and CloudFormation intrinsics, which
are never judged.

Everything here is pure standard library and never raises on any input.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import math
import re
import struct
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "SyntaxProblem",
    "is_token",
    "leaf_accepts",
    "leaf_matches",
    "operator_item_verdict",
    "validate_pattern",
]


@dataclass(frozen=True)
class SyntaxProblem:
    """One reason EventBridge would reject an event pattern.

    Attributes:
        path: JSON path of the offending node, e.g. ``$.detail.eventName[0].prefix`` (``$`` is the root).
        message: What is wrong, quoting the offending value.
        fix: How to fix it.
    """

    path: str
    message: str
    fix: str


# ------------------------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------------------------

#: Operators accepted inside a match object (``[{"prefix": "a"}]``).
OPERATORS: tuple[str, ...] = (
    "prefix",
    "suffix",
    "anything-but",
    "numeric",
    "exists",
    "cidr",
    "equals-ignore-case",
    "wildcard",
)

#: Keys accepted in the object form of ``anything-but``.
ANYTHING_BUT_KEYS: tuple[str, ...] = ("prefix", "suffix", "equals-ignore-case", "wildcard")

#: Operators accepted in a ``numeric`` list.
NUMERIC_OPERATORS: tuple[str, ...] = ("=", "<", "<=", ">", ">=")

#: Field names EventBridge reserves inside ``$or`` alternatives.
RESERVED_IN_OR: frozenset[str] = frozenset(
    {
        "exactly",
        "equals-ignore-case",
        "prefix",
        "suffix",
        "anything-but",
        "exists",
        "wildcard",
        "numeric",
        "cidr",
        "html",
        "=",
        "<",
        "<=",
        ">",
        ">=",
        "regex",
        "not-wildcard",
        "not-equals-ignore-case",
        "date-after",
        "date-on-or-after",
        "date-before",
        "date-on-or-before",
        "in-date-range",
        "ip-address-in-range",
        "ip-address-not-in-range",
    }
)

#: Largest magnitude EventBridge accepts for numbers it compares numerically.
NUMBER_LIMIT = 5_000_000_000

#: EventBridge rejects a rule when more wildcard patterns than this can be partially matched at once.
WILDCARD_COMPLEXITY_LIMIT = 10

_OR = "$or"
_MAX_OR_EXPANSION = 256  # sub-rules explored when grouping wildcard leaves across $or alternatives
_MAX_AUTOMATON_SUBSETS = 5000  # state sets explored per wildcard complexity evaluation

_TOKEN_RE = re.compile(r"[$#]\{Token\[[^\]]*\]\}")
_SIMPLE_KEY_RE = re.compile(r"[A-Za-z0-9_$-]+")
_IPV4_RE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_IPV6_RE = re.compile(r"[0-9a-fA-F:]*:[0-9a-fA-F:]*")
_MASK_RE = re.compile(r"[+-]?[0-9]+")
_CDK_NUMBER_TOKEN_MARKER = 0xFBFF

_OPERATOR_HINTS: dict[str, str] = {
    "regex": 'EventBridge has no regular expressions; use "wildcard", "prefix" or "suffix"',
    "contains": 'EventBridge has no "contains"; use {"wildcard": "*text*"}',
    "equals": 'for an exact match use the plain value, e.g. ["text"]',
    "exactly": 'for an exact match use the plain value, e.g. ["text"]',
    "not": 'use "anything-but", e.g. {"anything-but": "value"}',
    "ne": 'use "anything-but", e.g. {"anything-but": "value"}',
    "in": 'list the values directly, e.g. ["a", "b"] (a list means OR)',
    "range": 'use "numeric", e.g. {"numeric": [">=", 1, "<", 10]}',
}


# ------------------------------------------------------------------------------------------------------------
# Public helpers
# ------------------------------------------------------------------------------------------------------------


def is_token(value: object) -> bool:
    """True for a value whose content is only known at deploy time.

    That is an unresolved AWS CDK token string (``'${Token[TOKEN.123]}'``, a list token
    ``'#{Token[...]}'``, or any string embedding one), a CDK-encoded number token (a float carrying CDK's
    token marker bits), or a CloudFormation intrinsic object such as ``{"Ref": "Param"}`` or
    ``{"Fn::GetAtt": [...]}``.  The checks in this module skip such values and never report them.
    """
    try:
        if isinstance(value, str):
            return "{Token[" in value and _TOKEN_RE.search(value) is not None
        if isinstance(value, float):
            bits: int = struct.unpack(">Q", struct.pack(">d", value))[0]
            return bits >> 48 == _CDK_NUMBER_TOKEN_MARKER
        if isinstance(value, Mapping) and len(value) == 1:
            (key,) = value.keys()
            return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))
    except Exception:
        return False
    return False


def validate_pattern(pattern: object) -> list[SyntaxProblem]:
    """All syntax problems of an EventBridge event pattern (empty list when valid).

    ``pattern`` is the decoded JSON pattern (normally a ``dict``).  A problem is reported for everything
    EventBridge rejects: a pattern that is not a non-empty object, empty objects, fields that are neither
    objects nor non-empty lists, list items that are not JSON scalars or one-key operator objects, unknown
    operators (with a "did you mean" hint), malformed operands of ``prefix``/``suffix``/
    ``equals-ignore-case``/``wildcard``/``exists``/``cidr``/``numeric``/``anything-but``, malformed ``$or``
    lists, reserved field names inside ``$or`` and wildcard sets too complex for EventBridge.  CDK tokens and
    CloudFormation intrinsics (see `is_token`) are skipped.  Never raises.
    """
    checker = _Checker()
    try:
        checker.run(pattern)
    except Exception as exc:  # pragma: no cover - defensive: the checker is written not to raise
        checker.report(
            "$", f"the pattern could not be fully checked ({type(exc).__name__})", "simplify the pattern"
        )
    return checker.problems


def operator_item_verdict(item: object) -> tuple[bool, bool]:
    """Judge one value of a leaf list on its own: ``(valid, holds_wildcard)``.

    ``valid`` is True when EventBridge accepts the item as the only operator of a pattern. That verdict
    holds wherever the item sits, except for wildcard terms (``wildcard``, ``anything-but`` wildcard), whose
    complexity is judged across the leaves of a field: ``holds_wildcard`` says so, and a pattern with one
    such item is valid exactly when the item alone is. Used by the fast path, which judges each distinct
    operator object once.
    """
    checker = _Checker()
    try:
        checker.run({"field": [item]})
    except Exception:  # pragma: no cover - defensive, as validate_pattern
        return False, False
    return not checker.problems, any(leaf.wildcard_terms for leaf in checker.leaves)


def leaf_matches(leaf: list[object], value: str) -> bool | None:
    """Does a *valid* pattern leaf (a list of values/operators) accept the string value?

    Items are OR-ed: the result is True when any item accepts ``value``, False when every item decidedly
    rejects it, and None when no item accepts it but some item cannot be decided for a string (``numeric``,
    ``cidr``, numeric ``anything-but``, tokens or unknown structures).  String semantics follow EventBridge:
    exact strings compare case-sensitively; ``prefix``/``suffix`` (optionally
    ``{"equals-ignore-case": ...}``), ``equals-ignore-case``, ``wildcard`` (``*`` matches any sequence,
    ``\\*`` is a literal star, ``\\\\`` a literal backslash), ``exists`` (true accepts any present value,
    false none) and every form of ``anything-but``.  ``null``, booleans and numbers never equal a string.
    """
    try:
        if not isinstance(leaf, (list, tuple)) or not isinstance(value, str):
            return None
        undecided = False
        for item in leaf:
            result = _item_matches(item, value)
            if result is True:
                return True
            if result is None:
                undecided = True
        return None if undecided else False
    except Exception:
        return None


# ------------------------------------------------------------------------------------------------------------
# Rendering helpers
# ------------------------------------------------------------------------------------------------------------


def _show(value: object, limit: int = 70) -> str:
    """A short JSON-like rendering of ``value`` for messages (bounded in depth and length)."""
    try:
        text = _render(value, 3)
    except Exception:
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _render(value: object, depth: int) -> str:
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
        shown = [_render(item, depth - 1) for item in value[:4]]
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
            pairs.append(f"{_render(key, 0)}: {_render(item, depth - 1)}")
        return "{" + ", ".join(pairs) + "}"
    return f"<{type(value).__name__}>"


def _describe(value: object) -> str:
    """``null``, or the kind of a value followed by its rendering, e.g. ``a number 123``."""
    if value is None:
        return "null"
    return f"{_type_name(value)} {_show(value)}"


def _key_path(base: str, key: str) -> str:
    if _SIMPLE_KEY_RE.fullmatch(key):
        return f"{base}.{key}"
    return f"{base}[{json.dumps(key, ensure_ascii=False)}]"


def _type_name(value: object) -> str:
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


def _suggest(name: str, choices: tuple[str, ...]) -> str:
    """A "did you mean" hint for an unknown operator name."""
    lowered = name.lower()
    if lowered in choices:
        return f'did you mean "{lowered}"? Operator names are case-sensitive'
    normalized = re.sub(r"(?<=[a-z])(?=[A-Z])", "-", name).lower().replace("_", "-").replace(" ", "-")
    if normalized in choices:
        return f'did you mean "{normalized}"?'
    if lowered in _OPERATOR_HINTS and choices == OPERATORS:
        return _OPERATOR_HINTS[lowered]
    close = difflib.get_close_matches(normalized, choices, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return "use one of: " + ", ".join(f'"{choice}"' for choice in choices)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number_error(value: object) -> str | None:
    """Why a number used for numeric comparison is unacceptable (None when fine)."""
    if not _is_number(value):
        return f"{_show(value)} is {_type_name(value)}, not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{_show(value)} is not a finite JSON number"
    if isinstance(value, (int, float)) and abs(value) > NUMBER_LIMIT:
        return f"{_show(value)} is outside the range EventBridge compares numerically (-5e9 to 5e9)"
    return None


# ------------------------------------------------------------------------------------------------------------
# Wildcards
# ------------------------------------------------------------------------------------------------------------

_STAR = -1  # wildcard marker in parsed wildcard byte sequences


def _wildcard_error(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not an acceptable wildcard pattern, and how to fix it (None when fine)."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "*":
            if index + 1 < len(text) and text[index + 1] == "*":
                return (
                    f'wildcard {_show(text)} has consecutive wildcard characters "**" at position {index}',
                    'use a single "*"; it already matches any run of characters, including none',
                )
        elif char == "\\":
            following = text[index + 1] if index + 1 < len(text) else ""
            if following not in ("*", "\\"):
                shown = repr(following) if following else "the end of the string"
                return (
                    f"wildcard {_show(text)} has an invalid escape at position {index}: "
                    f"a backslash followed by {shown}",
                    "only a literal asterisk (backslash + *) and a literal backslash (two backslashes) "
                    "can be escaped; double any other backslash",
                )
            index += 2
            continue
        index += 1
    return None


def _wildcard_tokens(text: str) -> list[str | None]:
    """Characters of a valid wildcard, with None standing for an unescaped ``*``."""
    tokens: list[str | None] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "*":
            tokens.append(None)
        elif char == "\\" and index + 1 < len(text):
            index += 1
            tokens.append(text[index])
        else:
            tokens.append(char)
        index += 1
    return tokens


def _wildcard_match(pattern: str, value: str) -> bool | None:
    """EventBridge wildcard matching (linear-time glob); None for an invalid pattern."""
    if _wildcard_error(pattern) is not None:
        return None
    tokens = _wildcard_tokens(pattern)
    pos_p = pos_v = 0
    star = -1
    mark = 0
    while pos_v < len(value):
        if pos_p < len(tokens) and tokens[pos_p] is not None and tokens[pos_p] == value[pos_v]:
            pos_p += 1
            pos_v += 1
        elif pos_p < len(tokens) and tokens[pos_p] is None:
            star = pos_p
            mark = pos_v
            pos_p += 1
        elif star >= 0:
            pos_p = star + 1
            mark += 1
            pos_v = mark
        else:
            return False
    while pos_p < len(tokens) and tokens[pos_p] is None:
        pos_p += 1
    return pos_p == len(tokens)


def _wildcard_bytes(text: str) -> list[int]:
    """The byte sequence EventBridge compiles for a wildcard: quoted UTF-8 bytes, ``_STAR`` for ``*``."""
    out = [0x22]
    for token in _wildcard_tokens(text):
        if token is None:
            out.append(_STAR)
        else:
            out.extend(token.encode("utf-8", "surrogatepass"))
    out.append(0x22)
    return out


def _wildcard_complexity(terms: dict[str, tuple[str, ...]]) -> int:
    """Worst-case number of wildcard terms partially matched at once by one input value.

    Models the byte automaton EventBridge builds for one field: patterns share their literal prefix up to
    and including the first ``*``; after that each pattern has its own states.  A state's weight is the
    number of terms (match objects) reachable from it; the complexity is the largest total weight of a state
    set reachable by some input (plus the ``*`` loop states entered next).  Returns early once the limit is
    exceeded.
    """
    edges: list[dict[int, set[int]]] = [{}]
    any_edges: list[set[int]] = [set()]
    weight: list[set[str]] = [set()]
    trie: list[dict[int, int]] = [{}]
    first_star: list[int] = [-1]

    def new_state() -> int:
        edges.append({})
        any_edges.append(set())
        weight.append(set())
        trie.append({})
        first_star.append(-1)
        return len(edges) - 1

    for term, patterns in terms.items():
        for pattern in patterns:
            current = 0
            determinate = True
            before_star = -1
            for token in _wildcard_bytes(pattern):
                if token == _STAR:
                    if determinate:
                        loop = first_star[current]
                        if loop < 0:
                            loop = new_state()
                            first_star[current] = loop
                    else:
                        loop = new_state()
                    any_edges[current].add(loop)
                    any_edges[loop].add(loop)
                    before_star, current, determinate = current, loop, False
                else:
                    if determinate:
                        nxt = trie[current].get(token, -1)
                        if nxt < 0:
                            nxt = new_state()
                            trie[current][token] = nxt
                            edges[current].setdefault(token, set()).add(nxt)
                    else:
                        nxt = new_state()
                        edges[current].setdefault(token, set()).add(nxt)
                        if before_star >= 0:
                            edges[before_star].setdefault(token, set()).add(nxt)
                    before_star, current = -1, nxt
                weight[current].add(term)

    start = frozenset({0})
    seen = {start}
    queue = [start]
    best = 0
    while queue:
        active = queue.pop()
        # bytes with an explicit transition out of the active states, plus 256 standing for any other byte
        for byte in [*sorted({byte for state in active for byte in edges[state]}), 256]:
            following: set[int] = set()
            for state in active:
                following |= any_edges[state]
                following |= edges[state].get(byte, set())
            if not following:
                continue
            loops = {loop for state in following for loop in any_edges[state] if loop not in following}
            size = sum(len(weight[state]) for state in following) + sum(len(weight[loop]) for loop in loops)
            best = max(best, size)
            if best > WILDCARD_COMPLEXITY_LIMIT:
                return best
            frozen = frozenset(following)
            if frozen not in seen:
                if len(seen) >= _MAX_AUTOMATON_SUBSETS:
                    return best
                seen.add(frozen)
                queue.append(frozen)
    return best


# ------------------------------------------------------------------------------------------------------------
# CIDR
# ------------------------------------------------------------------------------------------------------------


def _cidr_error(text: str) -> str | None:
    """Why ``text`` is not a CIDR block EventBridge accepts (None when fine)."""
    parts = text.split("/")
    while parts and parts[-1] == "":
        parts.pop()
    if len(parts) != 2:
        return f"CIDR {_show(text)} must contain exactly one '/' between the address and the prefix length"
    address, mask = parts
    if not _MASK_RE.fullmatch(mask) or abs(int(mask)) > 2**31:
        return f"CIDR {_show(text)} has a prefix length {_show(mask)} that is not an integer"
    bits = int(mask)
    if bits < 0:
        return f"CIDR {_show(text)} has a negative prefix length"
    version: int
    if _IPV4_RE.fullmatch(address):
        if any(int(octet) > 255 for octet in address.split(".")):
            return f"CIDR {_show(text)} has an invalid IPv4 address {_show(address)}"
        version = 4
    elif _IPV6_RE.fullmatch(address):
        try:
            parsed = ipaddress.IPv6Address(address)
        except ValueError:
            return f"CIDR {_show(text)} has an invalid IPv6 address {_show(address)}"
        version = 4 if parsed.ipv4_mapped is not None else 6
    else:
        return f"CIDR {_show(text)} does not start with an IPv4 or IPv6 address (got {_show(address)})"
    if version == 4 and bits > 31:
        return f"CIDR {_show(text)}: EventBridge accepts IPv4 prefix lengths 0 to 31 only"
    if version == 6 and bits > 127:
        return f"CIDR {_show(text)}: EventBridge accepts IPv6 prefix lengths 0 to 127 only"
    return None


# ------------------------------------------------------------------------------------------------------------
# The checker
# ------------------------------------------------------------------------------------------------------------


@dataclass
class _Leaf:
    """A field holding a list, as EventBridge flattens it (dotted name)."""

    name: str
    path: str
    values: list[object] | tuple[object, ...]
    wildcard_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    wildcard_paths: dict[str, str] = field(default_factory=dict)

    @property
    def signature(self) -> str:
        """The leaf's values as canonical JSON (computed only for the wildcard complexity check)."""
        try:
            return json.dumps(self.values, sort_keys=True, default=repr)
        except Exception:
            return f"leaf at {self.path}"

    def add_wildcard_term(self, term: str, patterns: tuple[str, ...], path: str) -> None:
        """Record a wildcard match object (its patterns) for the complexity check."""
        self.wildcard_terms[term] = patterns
        self.wildcard_paths.setdefault(term, path)


@dataclass
class _Node:
    """An object of the pattern: its leaves, nested objects and $or lists, in order."""

    parts: list[_Leaf | _Node | _OrList] = field(default_factory=list)


@dataclass
class _OrList:
    """The alternatives of one ``$or`` list."""

    branches: list[_Node] = field(default_factory=list)


@dataclass
class _Task:
    obj: Mapping[object, object]
    path: str
    names: tuple[str, ...]
    in_or: bool
    node: _Node


class _Checker:
    """Walks a pattern iteratively (deep nesting is fine), collecting problems and wildcard leaves."""

    def __init__(self) -> None:
        self.problems: list[SyntaxProblem] = []
        self.leaves: list[_Leaf] = []

    def report(self, path: str, message: str, fix: str) -> None:
        self.problems.append(SyntaxProblem(path=path, message=message, fix=fix))

    # -- structure -------------------------------------------------------------------------------------------

    def run(self, pattern: object) -> None:
        if is_token(pattern):
            return
        if not isinstance(pattern, Mapping):
            fix = 'write the pattern as a JSON object, e.g. {"source": ["aws.s3"]}'
            if isinstance(pattern, str):
                fix = "pass the decoded object (json.loads) rather than a string, or " + fix
            self.report("$", f"an event pattern must be a JSON object, got {_type_name(pattern)}", fix)
            return
        root = _Node()
        stack = [_Task(pattern, "$", (), False, root)]
        while stack:
            task = stack.pop()
            children = self._check_object(task)
            stack.extend(reversed(children))
        if any(leaf.wildcard_terms for leaf in self.leaves):
            self._check_wildcard_complexity(root)

    def _check_object(self, task: _Task) -> list[_Task]:
        children: list[_Task] = []
        if not task.obj:
            self.report(
                task.path,
                "empty object {} is not allowed in an event pattern",
                "remove it, or add at least one field to match on",
            )
            return children
        for key, value in task.obj.items():
            if not isinstance(key, str):
                self.report(task.path, f"field name {_show(key)} is not a string", "use string field names")
                continue
            path = _key_path(task.path, key)
            if key == _OR:
                children.extend(self._check_or(value, path, task))
                continue
            if task.in_or and key in RESERVED_IN_OR:
                self.report(
                    path,
                    f'field name "{key}" is reserved by EventBridge and cannot be used inside "$or"',
                    f'if "{key}" is meant as an operator, put it in a list, e.g. [{{"{key}": …}}]; otherwise '
                    "move this field out of the $or",
                )
            if is_token(value):
                continue
            if isinstance(value, Mapping):
                child = _Node()
                task.node.parts.append(child)
                children.append(_Task(value, path, (*task.names, key), task.in_or, child))
            elif isinstance(value, (list, tuple)):
                leaf = self._check_leaf(value, path, ".".join((*task.names, key)), key)
                task.node.parts.append(leaf)
            else:
                self._report_bad_field_value(key, value, path, task.names)
        return children

    def _report_bad_field_value(self, key: str, value: object, path: str, names: tuple[str, ...]) -> None:
        shown = _show(value)
        if key in OPERATORS and names:
            self.report(
                path,
                f'"{key}" is an operator but is used here as a field name with value {shown}; '
                "operators must sit inside a list",
                f'wrap the operator object in a list: "{names[-1]}": [{{"{key}": {shown}}}]',
            )
            return
        if value is None or isinstance(value, (str, int, float, bool)):
            self.report(
                path,
                f'the value of "{key}" must be a list of values (or a nested object), got {_describe(value)}',
                f'wrap it in a list: "{key}": [{shown}]',
            )
            return
        self.report(
            path,
            f'the value of "{key}" must be a list or an object, got {_type_name(value)}',
            "use a JSON list of values or a nested JSON object",
        )

    def _check_or(self, value: object, path: str, task: _Task) -> list[_Task]:
        children: list[_Task] = []
        if is_token(value):
            return children
        if not isinstance(value, (list, tuple)):
            self.report(
                path,
                f'"$or" must be a list of at least two objects, got {_describe(value)}',
                'write "$or": [{…}, {…}] with one object per alternative',
            )
            return children
        if len(value) < 2:
            self.report(
                path,
                f'"$or" needs at least two alternatives, got {len(value)}',
                "add another alternative, or drop $or and put the fields directly in the enclosing object",
            )
        alternatives = _OrList()
        task.node.parts.append(alternatives)
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if is_token(item):
                continue
            if not isinstance(item, Mapping):
                self.report(
                    item_path,
                    f'each "$or" alternative must be an object, got {_describe(item)}',
                    'write each alternative as an object of fields, e.g. {"eventName": ["…"]}',
                )
                continue
            branch = _Node()
            alternatives.branches.append(branch)
            children.append(_Task(item, item_path, task.names, True, branch))
        return children

    # -- leaves ----------------------------------------------------------------------------------------------

    def _check_leaf(self, values: list[object] | tuple[object, ...], path: str, name: str, key: str) -> _Leaf:
        leaf = _Leaf(name=name, path=path, values=values)
        self.leaves.append(leaf)
        if not values:
            self.report(
                path,
                f'"{key}" has an empty list; EventBridge rejects empty arrays',
                "list at least one value, or remove the field "
                '(use [{"exists": true}] to require presence only)',
            )
            return leaf
        for index, item in enumerate(values):
            item_path = f"{path}[{index}]"
            if is_token(item) or item is None or isinstance(item, (str, bool, int)):
                continue
            if isinstance(item, float):
                if not math.isfinite(item):
                    self.report(
                        item_path,
                        f"{_show(item)} is not a valid JSON number",
                        "use a finite number or a string",
                    )
            elif isinstance(item, (list, tuple)):
                self.report(
                    item_path,
                    f"nested list {_show(item)} is not allowed; a field's values form one flat list",
                    "move the values into the enclosing list",
                )
            elif isinstance(item, Mapping):
                self._check_match_object(item, item_path, leaf)
            else:
                self.report(
                    item_path,
                    f"{_show(item)} is {_type_name(item)}",
                    "use a string, number, true, false, null or an operator object",
                )
        return leaf

    def _check_match_object(self, obj: Mapping[object, object], path: str, leaf: _Leaf) -> None:
        keys = list(obj.keys())
        if not keys:
            self.report(
                path,
                "empty match object {} is not allowed",
                'use an operator such as {"prefix": "…"}, or a plain value',
            )
            return
        if len(keys) > 1:
            names = ", ".join(_show(key) for key in keys)
            self.report(
                path,
                f"match object has {len(keys)} keys ({names}); only one operator is allowed per object",
                "split it into separate objects in the list, e.g. "
                '[{"prefix": "a"}, {"suffix": "b"}] (items of a list are OR-ed)',
            )
        for key in keys:
            value = obj[key]
            if not isinstance(key, str):
                self.report(path, f"operator name {_show(key)} is not a string", "use a known operator name")
                continue
            key_path = _key_path(path, key)
            if key not in OPERATORS:
                self.report(key_path, f'unknown operator "{key}"', _suggest(key, OPERATORS))
                continue
            if is_token(value):
                continue
            if key in ("prefix", "suffix"):
                self._check_prefix_suffix(key, value, key_path)
            elif key == "equals-ignore-case":
                self._check_string_operand(key, value, key_path)
            elif key == "wildcard":
                if self._check_string_operand(key, value, key_path):
                    assert isinstance(value, str)
                    self._check_wildcard(value, key_path, leaf)
            elif key == "exists":
                self._check_exists(value, key_path)
            elif key == "cidr":
                self._check_cidr(value, key_path)
            elif key == "numeric":
                self._check_numeric(value, key_path)
            else:
                self._check_anything_but(value, key_path, leaf)

    def _check_string_operand(self, key: str, value: object, path: str) -> bool:
        if isinstance(value, str):
            return True
        if isinstance(value, (list, tuple)):
            fix = f'use one object per value: [{{"{key}": "a"}}, {{"{key}": "b"}}]'
        elif _is_number(value) or isinstance(value, bool):
            fix = f'quote the value: {{"{key}": "{_show(value)}"}}'
        else:
            fix = f'write {{"{key}": "text"}} with a string'
        self.report(path, f'"{key}" must be a string, got {_describe(value)}', fix)
        return False

    def _check_prefix_suffix(self, key: str, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            self._check_string_operand(key, value, path)
            return
        inner_keys = list(value.keys())
        if inner_keys != ["equals-ignore-case"]:
            self.report(
                path,
                f'the object form of "{key}" accepts only {{"equals-ignore-case": "…"}}, got {_show(value)}',
                f'write {{"{key}": "text"}} or {{"{key}": {{"equals-ignore-case": "text"}}}}',
            )
            return
        inner = value["equals-ignore-case"]
        if not isinstance(inner, str) and not is_token(inner):
            self.report(
                _key_path(path, "equals-ignore-case"),
                f'"equals-ignore-case" inside "{key}" must be a string, got {_describe(inner)}',
                f'write {{"{key}": {{"equals-ignore-case": "text"}}}}',
            )

    def _check_wildcard(self, text: str, path: str, leaf: _Leaf) -> None:
        if is_token(text):
            return
        error = _wildcard_error(text)
        if error is not None:
            self.report(path, *error)
            return
        leaf.add_wildcard_term("wildcard:" + text, (text,), path)

    def _check_exists(self, value: object, path: str) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, str) and value.lower() in ("true", "false"):
            fix = f'use the JSON boolean without quotes: {{"exists": {value.lower()}}}'
        else:
            fix = 'use {"exists": true} or {"exists": false}'
        self.report(path, f'"exists" must be true or false, got {_describe(value)}', fix)

    def _check_cidr(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            fix = 'write one CIDR string per object, e.g. [{"cidr": "10.0.0.0/24"}, {"cidr": "10.1.0.0/16"}]'
            self.report(path, f'"cidr" must be a string, got {_describe(value)}', fix)
            return
        error = _cidr_error(value)
        if error is not None:
            self.report(
                path,
                error,
                'use an address and a prefix length such as "10.0.0.0/24" or "2001:db8::/64"; '
                'for a single address use the plain value, e.g. ["10.0.0.1"]',
            )

    def _check_numeric(self, value: object, path: str) -> None:
        example = 'write operator/number pairs, e.g. {"numeric": [">", 0, "<=", 5]}'
        if not isinstance(value, (list, tuple)):
            fix = example
            if _is_number(value):
                fix = f'write {{"numeric": ["=", {_show(value)}]}}'
            self.report(path, f'"numeric" must be a list, got {_describe(value)}', fix)
            return
        if not value:
            self.report(path, '"numeric" list is empty', example)
            return
        if not self._numeric_operator(value, 0, path, NUMERIC_OPERATORS):
            return
        first = value[0]
        assert isinstance(first, str)
        if len(value) < 2:
            self.report(path, f'numeric operator "{first}" is not followed by a number', example)
            return
        low_ok = self._numeric_operand(value, 1, first, path)
        if first in ("=", "<", "<="):
            if len(value) > 2:
                fix = (
                    'put the lower bound first, e.g. [">", 0, "<", 10]'
                    if first != "="
                    else 'use one {"numeric": ["=", n]} object per value'
                )
                self.report(
                    path,
                    f'nothing may follow "{first}" {_show(value[1])} in a numeric expression, '
                    f"got {_show(value)}",
                    fix,
                )
            return
        if len(value) == 2:
            return
        if not self._numeric_operator(value, 2, path, ("<", "<=")):
            return
        second = value[2]
        assert isinstance(second, str)
        if len(value) < 4:
            self.report(path, f'numeric operator "{second}" is not followed by a number', example)
            return
        high_ok = self._numeric_operand(value, 3, second, path)
        if len(value) > 4:
            self.report(
                path,
                f"numeric expression {_show(value)} has too many terms; a range has at most two "
                "operator/number pairs",
                "split it into several numeric objects in the list (they are OR-ed)",
            )
        low, high = value[1], value[3]
        if low_ok and high_ok and _is_number(low) and _is_number(high):
            assert isinstance(low, (int, float)) and isinstance(high, (int, float))
            if low >= high:
                self.report(
                    path,
                    f"numeric range lower bound {_show(low)} must be less than upper bound {_show(high)}",
                    "swap the bounds or fix the numbers",
                )

    def _numeric_operator(
        self, value: list[object] | tuple[object, ...], index: int, path: str, allowed: tuple[str, ...]
    ) -> bool:
        operator = value[index]
        if isinstance(operator, str) and operator in allowed:
            return True
        choices = ", ".join(f'"{op}"' for op in allowed)
        where = "a numeric expression must start with" if index == 0 else "a range must continue with"
        if isinstance(operator, str):
            hint = {
                "==": "=",
                "=<": "<=",
                "=>": ">=",
                "eq": "=",
                "lt": "<",
                "le": "<=",
                "gt": ">",
                "ge": ">=",
            }
            guess = hint.get(operator.strip().lower(), operator.strip())
            fix = f'did you mean "{guess}"?' if guess in allowed else f"use one of {choices}"
            if index == 2 and operator in (">", ">="):
                fix = 'put the lower bound (">" or ">=") first and the upper bound ("<" or "<=") second'
        else:
            fix = f"start each pair with one of {choices}"
        self.report(f"{path}[{index}]", f"{where} one of {choices}, got {_show(operator)}", fix)
        return False

    def _numeric_operand(
        self, value: list[object] | tuple[object, ...], index: int, operator: str, path: str
    ) -> bool:
        operand = value[index]
        if is_token(operand):
            return False
        error = _number_error(operand)
        if error is None:
            return True
        fix = "use a JSON number between -5e9 and 5e9"
        if isinstance(operand, str):
            fix = f"remove the quotes: {operand}" if _looks_numeric(operand) else fix
        self.report(f"{path}[{index}]", f'the value after "{operator}" is invalid: {error}', fix)
        return False

    def _check_anything_but(self, value: object, path: str, leaf: _Leaf) -> None:
        if isinstance(value, str):
            return
        if _is_number(value):
            error = _number_error(value)
            if error is not None:
                self.report(
                    path, f'"anything-but" value is invalid: {error}', "use a number between -5e9 and 5e9"
                )
            return
        if isinstance(value, (list, tuple)):
            self._check_anything_but_list(value, path)
            return
        if isinstance(value, Mapping):
            self._check_anything_but_object(value, path, leaf)
            return
        self.report(
            path,
            f'"anything-but" must be a string, a number, a list of strings or numbers, or an object; got '
            f"{_describe(value)}",
            'to require that the field is present use {"exists": true}; to exclude values list them, e.g. '
            '{"anything-but": ["a", "b"]}',
        )

    def _check_anything_but_list(self, values: list[object] | tuple[object, ...], path: str) -> None:
        if not values:
            self.report(
                path, '"anything-but" list is empty', 'list at least one value, e.g. {"anything-but": ["a"]}'
            )
            return
        kinds: set[str] = set()
        for index, item in enumerate(values):
            item_path = f"{path}[{index}]"
            if is_token(item):
                continue
            if isinstance(item, str):
                kinds.add("string")
            elif _is_number(item):
                kinds.add("number")
                error = _number_error(item)
                if error is not None:
                    self.report(
                        item_path,
                        f'"anything-but" value is invalid: {error}',
                        "use a number between -5e9 and 5e9",
                    )
            else:
                self.report(
                    item_path,
                    f'"anything-but" lists may hold only strings or only numbers, got {_describe(item)}',
                    'remove it; to exclude a missing field combine with [{"exists": true}]'
                    if item is None
                    else "remove it or replace it with a string or number",
                )
        if kinds == {"string", "number"}:
            self.report(
                path,
                f'"anything-but" list {_show(values)} mixes strings and numbers',
                "use only strings or only numbers (add a second anything-but object for the other type)",
            )

    def _check_anything_but_object(self, obj: Mapping[object, object], path: str, leaf: _Leaf) -> None:
        keys = list(obj.keys())
        choices = ", ".join(f'"{key}"' for key in ANYTHING_BUT_KEYS)
        if len(keys) != 1:
            self.report(
                path,
                f'the object form of "anything-but" takes exactly one of {choices}, got {_show(obj)}',
                'use one anything-but object per condition, e.g. {"anything-but": {"prefix": "init"}}',
            )
        for key in keys:
            if not isinstance(key, str) or key not in ANYTHING_BUT_KEYS:
                name = key if isinstance(key, str) else _show(key)
                self.report(
                    _key_path(path, key) if isinstance(key, str) else path,
                    f'"anything-but" does not support "{name}"',
                    _suggest(name, ANYTHING_BUT_KEYS),
                )
                continue
            self._check_anything_but_operand(key, obj[key], _key_path(path, key), leaf)

    def _check_anything_but_operand(self, key: str, value: object, path: str, leaf: _Leaf) -> None:
        if is_token(value):
            return
        if isinstance(value, str):
            items: list[object] = [value]
            paths = [path]
        elif isinstance(value, (list, tuple)):
            items = list(value)
            paths = [f"{path}[{index}]" for index in range(len(items))]
        else:
            self.report(
                path,
                f'"anything-but" "{key}" must be a string or a list of strings, got {_describe(value)}',
                f'write {{"anything-but": {{"{key}": "text"}}}} or '
                f'{{"anything-but": {{"{key}": ["a", "b"]}}}}',
            )
            return
        patterns: list[str] = []
        all_ok = True
        for item, item_path in zip(items, paths, strict=True):
            if is_token(item):
                all_ok = False
                continue
            if not isinstance(item, str):
                all_ok = False
                self.report(
                    item_path,
                    f'"anything-but" "{key}" values must be strings, got {_describe(item)}',
                    f'quote the value: "{_show(item)}"' if _is_number(item) else "use a string",
                )
                continue
            if key in ("prefix", "suffix") and item == "":
                all_ok = False
                self.report(
                    item_path,
                    f'"anything-but" "{key}" must not be empty',
                    f"an empty {key} would exclude every value; remove this condition or give a "
                    f"non-empty {key}",
                )
                continue
            if key == "wildcard":
                error = _wildcard_error(item)
                if error is not None:
                    all_ok = False
                    self.report(item_path, *error)
                    continue
                patterns.append(item)
        if key == "wildcard" and all_ok and patterns:
            unique = tuple(sorted(set(patterns)))
            leaf.add_wildcard_term("anything-but-wildcard:" + json.dumps(unique), unique, path)

    # -- wildcard complexity ---------------------------------------------------------------------------------

    def _check_wildcard_complexity(self, root: _Node) -> None:
        """Group wildcard terms by the field automaton EventBridge would put them in, then evaluate each."""
        machines: dict[tuple[tuple[tuple[str, str], ...], str], dict[str, tuple[str, ...]]] = {}
        term_paths: dict[str, str] = {}
        rules: list[dict[str, _Leaf]] | None
        try:
            rules = _expand(root)
        except RecursionError:
            rules = None
        if rules is None:
            rules = [{leaf.name: leaf} for leaf in self.leaves]
        order = {id(leaf): index for index, leaf in enumerate(self.leaves)}
        first: dict[tuple[tuple[tuple[str, str], ...], str], tuple[int, str]] = {}
        for rule in rules:
            context: list[tuple[str, str]] = []
            for name in sorted(rule):
                leaf = rule[name]
                key = (tuple(context), name)
                if leaf.wildcard_terms:
                    machines.setdefault(key, {}).update(leaf.wildcard_terms)
                    for term, term_path in leaf.wildcard_paths.items():
                        term_paths.setdefault(term, term_path)
                    candidate = (order.get(id(leaf), len(order)), leaf.path)
                    first[key] = min(first.get(key, candidate), candidate)
                context.append((name, leaf.signature))
        reported: set[str] = set()
        for key, terms in machines.items():
            path = term_paths.get(next(iter(terms)), first[key][1]) if len(terms) == 1 else first[key][1]
            if path in reported:
                continue
            complexity = _wildcard_complexity(terms)
            if complexity > WILDCARD_COMPLEXITY_LIMIT:
                reported.add(path)
                shown = ", ".join(_show(pattern, 40) for patterns in terms.values() for pattern in patterns)
                self.report(
                    path,
                    f"wildcard pattern(s) {shown} for field {_show(key[1], 50)} are too complex for "
                    f"EventBridge: at least {complexity} wildcard prefixes can be partially matched at the "
                    f"same time, the limit is {WILDCARD_COMPLEXITY_LIMIT}",
                    'use fewer "*" characters (prefer "prefix"/"suffix" matching), avoid repeating a '
                    'character sequence after a "*", or split the values across several rules',
                )


def _expand(node: _Node) -> list[dict[str, _Leaf]] | None:
    """The sub-rules (flattened field -> leaf) a node expands to through ``$or``; None if too many."""
    rules: list[dict[str, _Leaf]] = [{}]
    for part in node.parts:
        if isinstance(part, _Leaf):
            for rule in rules:
                rule[part.name] = part
            continue
        if isinstance(part, _Node):
            alternatives = _expand(part)
        else:
            alternatives = []
            for branch in part.branches:
                expanded = _expand(branch)
                if expanded is None:
                    return None
                alternatives.extend(expanded)
        if alternatives is None:
            return None
        if not alternatives:
            continue
        if len(rules) * len(alternatives) > _MAX_OR_EXPANSION:
            return None
        rules = [{**rule, **alternative} for rule in rules for alternative in alternatives]
    return rules


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------------------------------------------------
# Matching
# ------------------------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return text.lower()


def _item_matches(item: object, value: str) -> bool | None:
    return _matcher(item)(value)


def _never(value: str) -> bool:
    return False


def _undecided(value: str) -> None:
    return None


def _matcher(item: object) -> Callable[[str], bool | None]:
    """A function telling whether one leaf item accepts a string (None: cannot be decided)."""
    if is_token(item):
        return _undecided
    if isinstance(item, str):
        return item.__eq__
    if item is None or isinstance(item, (bool, int, float)):
        return _never
    if not isinstance(item, Mapping) or len(item) != 1:
        return _undecided
    ((operator, operand),) = item.items()
    if is_token(operand):
        return _undecided
    if operator in ("prefix", "suffix"):
        if isinstance(operand, str):
            if operator == "prefix":
                return lambda v: v.startswith(operand)
            return lambda v: v.endswith(operand)
        if isinstance(operand, Mapping) and list(operand.keys()) == ["equals-ignore-case"]:
            text = operand["equals-ignore-case"]
            if isinstance(text, str):
                wanted = _fold(text)
                if operator == "prefix":
                    return lambda v: _fold(v).startswith(wanted)
                return lambda v: _fold(v).endswith(wanted)
        return _undecided
    if operator == "equals-ignore-case":
        if not isinstance(operand, str):
            return _undecided
        wanted = _fold(operand)
        return lambda v: _fold(v) == wanted
    if operator == "wildcard":
        return _wildcard_matcher(operand) if isinstance(operand, str) else _undecided
    if operator == "exists":
        if not isinstance(operand, bool):
            return _undecided
        return lambda v: operand
    if operator == "anything-but":
        return lambda v: _anything_but_matches(operand, v)
    return _undecided


def _wildcard_matcher(pattern: str) -> Callable[[str], bool | None]:
    """:func:`_wildcard_match` for one pattern, parsed once (a regular expression when it has few stars)."""
    if _wildcard_error(pattern) is not None:
        return _undecided
    tokens = _wildcard_tokens(pattern)
    if tokens.count(None) > 2:  # many stars: the linear-time glob, never a backtracking regex
        return lambda v: _wildcard_match(pattern, v)
    regex = re.compile("".join(".*" if t is None else re.escape(t) for t in tokens), re.DOTALL)
    return lambda v: regex.fullmatch(v) is not None


def leaf_accepts(leaf: list[object], candidates: Iterable[str]) -> set[str] | None:
    """The candidate strings a *valid* leaf accepts (as :func:`leaf_matches`, each item parsed once);
    None when a candidate cannot be decided."""
    try:
        matchers = [_matcher(item) for item in leaf]
        out: set[str] = set()
        for value in candidates:
            undecided = False
            for match in matchers:
                result = match(value)
                if result is True:
                    out.add(value)
                    break
                if result is None:
                    undecided = True
            else:
                if undecided:
                    return None
        return out
    except Exception:
        return None


def _anything_but_matches(operand: object, value: str) -> bool | None:
    if isinstance(operand, str):
        return value != operand
    if isinstance(operand, (list, tuple)):
        if operand and all(isinstance(entry, str) and not is_token(entry) for entry in operand):
            return value not in operand
        return None
    if not isinstance(operand, Mapping) or len(operand) != 1:
        return None
    ((kind, raw),) = operand.items()
    entries: list[object] = (
        [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
    )
    if not entries or not all(isinstance(entry, str) and not is_token(entry) for entry in entries):
        return None
    texts = [entry for entry in entries if isinstance(entry, str)]
    if kind == "prefix":
        return not any(value.startswith(text) for text in texts)
    if kind == "suffix":
        return not any(value.endswith(text) for text in texts)
    if kind == "equals-ignore-case":
        return all(_fold(value) != _fold(text) for text in texts)
    if kind == "wildcard":
        results = [_wildcard_match(text, value) for text in texts]
        if any(result is None for result in results):
            return None
        return not any(results)
    return None
