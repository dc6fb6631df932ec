"""Validating EventBridge event patterns: every reason EventBridge would refuse one (CTR009's verdict).

`validate_pattern` reports every reason EventBridge would reject a pattern (``InvalidEventPatternException``),
mirroring the rule compiler EventBridge uses (Event Ruler): the pattern is a non-empty object, every field
holds either a nested object or a non-empty list, list items are plain JSON scalars or one-key operator
objects, and each operator's operand has the shape EventBridge accepts. Wildcard patterns are additionally
checked against EventBridge's complexity limit. Pure standard library; never raises on any input.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ctrules.eventpattern.operands import OperandChecks, PatternLeaf
from ctrules.eventpattern.render import describe, key_path, show, suggest, type_name
from ctrules.eventpattern.vocab import (
    MAX_OR_COMBINATIONS,
    OPERATORS,
    OR_KEY,
    RESERVED_IN_OR,
    WILDCARD_COMPLEXITY_LIMIT,
    SyntaxProblem,
    is_token,
)
from ctrules.eventpattern.wildcard import wildcard_complexity

__all__ = ["operator_item_verdict", "validate_pattern"]

_MAX_OR_EXPANSION = 256  # sub-rules explored when grouping wildcard leaves across $or alternatives


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
        checker.report("$", f"the pattern could not be fully checked ({type(exc).__name__})", "simplify the pattern")
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


@dataclass
class _Node:
    """An object of the pattern: its leaves, nested objects and $or lists, in order."""

    parts: list[PatternLeaf | _Node | _OrList] = field(default_factory=list)


@dataclass
class _OrList:
    """The alternatives of one ``$or`` list."""

    path: str
    branches: list[_Node] = field(default_factory=list)
    #: Alternatives only known at deploy time (CDK tokens, intrinsics): each counts as one combination.
    unknown: int = 0


@dataclass
class _Task:
    obj: Mapping[object, object]
    path: str
    names: tuple[str, ...]
    in_or: bool
    node: _Node


class _Checker(OperandChecks):
    """Walks a pattern iteratively (deep nesting is fine), collecting problems and wildcard leaves."""

    def __init__(self) -> None:
        self.problems: list[SyntaxProblem] = []
        self.leaves: list[PatternLeaf] = []
        self.or_lists: list[_OrList] = []

    def report(self, path: str, message: str, fix: str, *, limit: bool = False) -> None:
        self.problems.append(SyntaxProblem(path=path, message=message, fix=fix, limit=limit))

    # -- structure -------------------------------------------------------------------------------------------

    def run(self, pattern: object) -> None:
        if is_token(pattern):
            return
        if not isinstance(pattern, Mapping):
            fix = 'write the pattern as a JSON object, e.g. {"source": ["aws.s3"]}'
            if isinstance(pattern, str):
                fix = "pass the decoded object (json.loads) rather than a string, or " + fix
            self.report("$", f"an event pattern must be a JSON object, got {type_name(pattern)}", fix)
            return
        root = _Node()
        stack = [_Task(pattern, "$", (), False, root)]
        while stack:
            task = stack.pop()
            children = self._check_object(task)
            stack.extend(reversed(children))
        if any(leaf.wildcard_terms for leaf in self.leaves):
            self._check_wildcard_complexity(root)
        if len(self.or_lists) > 1 or any(len(o.branches) + o.unknown > MAX_OR_COMBINATIONS for o in self.or_lists):
            self._check_or_combinations(root)

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
                self.report(task.path, f"field name {show(key)} is not a string", "use string field names")
                continue
            path = key_path(task.path, key)
            if key == OR_KEY:
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
            if type(value) is dict or isinstance(value, Mapping):
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
        shown = show(value)
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
                f'the value of "{key}" must be a list of values (or a nested object), got {describe(value)}',
                f'wrap it in a list: "{key}": [{shown}]',
            )
            return
        self.report(
            path,
            f'the value of "{key}" must be a list or an object, got {type_name(value)}',
            "use a JSON list of values or a nested JSON object",
        )

    def _check_or(self, value: object, path: str, task: _Task) -> list[_Task]:
        children: list[_Task] = []
        if is_token(value):
            return children
        if not isinstance(value, (list, tuple)):
            self.report(
                path,
                f'"$or" must be a list of at least two objects, got {describe(value)}',
                'write "$or": [{…}, {…}] with one object per alternative',
            )
            return children
        if len(value) < 2:
            self.report(
                path,
                f'"$or" needs at least two alternatives, got {len(value)}',
                "add another alternative, or drop $or and put the fields directly in the enclosing object",
            )
        alternatives = _OrList(path)
        task.node.parts.append(alternatives)
        self.or_lists.append(alternatives)
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if is_token(item):
                alternatives.unknown += 1
                continue
            if not isinstance(item, Mapping):
                self.report(
                    item_path,
                    f'each "$or" alternative must be an object, got {describe(item)}',
                    'write each alternative as an object of fields, e.g. {"eventName": ["…"]}',
                )
                continue
            branch = _Node()
            alternatives.branches.append(branch)
            children.append(_Task(item, item_path, task.names, True, branch))
        return children

    # -- leaves ----------------------------------------------------------------------------------------------

    def _check_leaf(self, values: list[object] | tuple[object, ...], path: str, name: str, key: str) -> PatternLeaf:
        leaf = PatternLeaf(name=name, path=path, values=values)
        self.leaves.append(leaf)
        if not values:
            self.report(
                path,
                f'"{key}" has an empty list; EventBridge rejects empty arrays',
                'list at least one value, or remove the field (use [{"exists": true}] to require presence only)',
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
                        f"{show(item)} is not a valid JSON number",
                        "use a finite number or a string",
                    )
            elif isinstance(item, (list, tuple)):
                self.report(
                    item_path,
                    f"nested list {show(item)} is not allowed; a field's values form one flat list",
                    "move the values into the enclosing list",
                )
            elif type(item) is dict or isinstance(item, Mapping):
                self._check_match_object(item, item_path, leaf)
            else:
                self.report(
                    item_path,
                    f"{show(item)} is {type_name(item)}",
                    "use a string, number, true, false, null or an operator object",
                )
        return leaf

    def _check_match_object(self, obj: Mapping[object, object], path: str, leaf: PatternLeaf) -> None:
        keys = list(obj.keys())
        if not keys:
            self.report(
                path,
                "empty match object {} is not allowed",
                'use an operator such as {"prefix": "…"}, or a plain value',
            )
            return
        if len(keys) > 1:
            names = ", ".join(show(key) for key in keys)
            self.report(
                path,
                f"match object has {len(keys)} keys ({names}); only one operator is allowed per object",
                "split it into separate objects in the list, e.g. "
                '[{"prefix": "a"}, {"suffix": "b"}] (items of a list are OR-ed)',
            )
        for key in keys:
            value = obj[key]
            if not isinstance(key, str):
                self.report(path, f"operator name {show(key)} is not a string", "use a known operator name")
                continue
            op_path = key_path(path, key)
            if key not in OPERATORS:
                self.report(op_path, f'unknown operator "{key}"', suggest(key, OPERATORS))
                continue
            if is_token(value):
                continue
            if key in ("prefix", "suffix"):
                self._check_prefix_suffix(key, value, op_path)
            elif key == "equals-ignore-case":
                self._check_string_operand(key, value, op_path)
            elif key == "wildcard":
                if self._check_string_operand(key, value, op_path):
                    assert isinstance(value, str)
                    self._check_wildcard(value, op_path, leaf)
            elif key == "exists":
                self._check_exists(value, op_path)
            elif key == "cidr":
                self._check_cidr(value, op_path)
            elif key == "numeric":
                self._check_numeric(value, op_path)
            else:
                self._check_anything_but(value, op_path, leaf)

    # -- $or combinations ------------------------------------------------------------------------------------

    def _check_or_combinations(self, root: _Node) -> None:
        """EventBridge's limit on the rule combinations the ``$or`` lists expand to (:data:`MAX_OR_COMBINATIONS`).

        Counted as the pattern really expands (alternatives of one list add up, lists side by side multiply), which
        never exceeds the user guide's count (the product of every list's length): only patterns over the limit by
        either count are reported.
        """
        cap = 10**9
        combinations = or_combinations(root, cap)
        if combinations > MAX_OR_COMBINATIONS:
            shown = f"{combinations:,}" if combinations < cap else f"more than {cap:,}"
            self.report(
                self.or_lists[0].path if len(self.or_lists) == 1 else "$",
                f'the "$or" lists of this pattern expand to {shown} rule combinations; EventBridge rejects a '
                f"pattern with over {MAX_OR_COMBINATIONS:,} (each alternative of one $or list is a combination, "
                "and $or lists side by side multiply)",
                "split the rule into several rules, or merge alternatives that differ in one field into one list of "
                'values (e.g. {"eventName": ["A", "B"]} instead of one $or alternative per name)',
                limit=True,
            )

    # -- wildcard complexity ---------------------------------------------------------------------------------

    def _check_wildcard_complexity(self, root: _Node) -> None:
        """Group wildcard terms by the field automaton EventBridge would put them in, then evaluate each."""
        machines: dict[tuple[tuple[tuple[str, str], ...], str], dict[str, tuple[str, ...]]] = {}
        term_paths: dict[str, str] = {}
        rules: list[dict[str, PatternLeaf]] | None
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
            complexity = wildcard_complexity(terms)
            if complexity > WILDCARD_COMPLEXITY_LIMIT:
                reported.add(path)
                shown = ", ".join(show(pattern, 40) for patterns in terms.values() for pattern in patterns)
                self.report(
                    path,
                    f"wildcard pattern(s) {shown} for field {show(key[1], 50)} are too complex for "
                    f"EventBridge: at least {complexity} wildcard prefixes can be partially matched at the "
                    f"same time, the limit is {WILDCARD_COMPLEXITY_LIMIT}",
                    'use fewer "*" characters (prefer "prefix"/"suffix" matching), avoid repeating a '
                    'character sequence after a "*", or split the values across several rules',
                )


def or_combinations(root: _Node, cap: int) -> int:
    """How many ``$or``-free rules the node expands to, counting stops at ``cap`` (no recursion: any depth)."""
    value: dict[int, int] = {}
    stack: list[tuple[_Node | _OrList, bool]] = [(root, False)]
    while stack:
        item, done = stack.pop()
        if isinstance(item, _Node):
            children: list[_Node | _OrList] = [p for p in item.parts if not isinstance(p, PatternLeaf)]
        else:
            children = list(item.branches)
        if not done:
            stack.append((item, True))
            stack.extend((child, False) for child in children)
            continue
        if isinstance(item, _Node):
            total = 1
            for child in children:
                total = min(total * value[id(child)], cap)
        else:
            total = min(sum(value[id(child)] for child in children) + item.unknown, cap) or 1
        value[id(item)] = total
    return value[id(root)]


def _expand(node: _Node) -> list[dict[str, PatternLeaf]] | None:
    """The sub-rules (flattened field -> leaf) a node expands to through ``$or``; None if too many."""
    rules: list[dict[str, PatternLeaf]] = [{}]
    for part in node.parts:
        if isinstance(part, PatternLeaf):
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
