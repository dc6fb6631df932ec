"""Matching a whole event against a pattern, as EventBridge does (aws/event-ruler's array-consistent finder).

A pattern is validated exactly as CTR009 does (:func:`ctrules.eventpattern.validate_pattern`), then
compiled once: ``$or`` is expanded into sub-rules (the pattern matches when one sub-rule does), and each
sub-rule is a list of flattened field names (``detail.requestParameters.bucketName``) with a compiled leaf
(:mod:`ctrules.eventpattern.leaf`), in sorted name order.

The event is flattened the same way: every scalar is a value of its dotted field name; the elements of an
array are several values of the same name (a field matches when any value does; an empty array is no value
at all). Values inside an array of objects (or of arrays) remember which element they came from, and one
sub-rule's fields must take their values from the same element of every array they share ("array
consistency", event-ruler's ``rulesForJSONEvent``/``ACFinder``). ``exists: false`` holds when no value of the
field is consistent with the elements chosen for the fields before it in name order, as in event-ruler.

Bounded work: the search over array elements remembers each (field, choices that later fields can see) it has
refuted. Fields are walked in name order and array elements follow the names, so the choices later fields can
see lie along one name path: the search is polynomial in the event's size (not exponential in the number of
arrays). An event nested deeper than Python can walk raises :class:`EventTooDeepError` (a ``ValueError``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ctrules.eventpattern.leaf import CompiledLeaf, compile_leaf
from ctrules.eventpattern.validate import validate_pattern
from ctrules.eventpattern.vocab import OR_KEY, is_token

__all__ = [
    "CompiledPattern",
    "EventTooDeepError",
    "InvalidPatternError",
    "clear_cache",
    "compile_pattern",
    "flatten_event",
    "matches",
]

Membership = tuple[tuple[int, int], ...]  # (array id, element index) for each enclosing array of objects
Flat = dict[str, list[tuple[object, Membership]]]

_CACHE: dict[str, CompiledPattern] = {}  # by the pattern's JSON text
_BY_ID: dict[int, tuple[Mapping[str, Any], object, CompiledPattern]] = {}  # dict patterns by identity
_CACHE_SIZE = 4096


class InvalidPatternError(ValueError):
    """EventBridge would refuse the pattern (``InvalidEventPatternException``); ``problems`` says why."""

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class EventTooDeepError(ValueError):
    """The event nests objects and arrays too deeply to be walked (EventBridge events are at most 256 KB)."""

    def __init__(self) -> None:
        super().__init__(
            "the event nests objects and arrays too deeply to match (hundreds of levels); fix: give the event as "
            "EventBridge delivers it"
        )


@dataclass(frozen=True)
class Field:
    """One field of a sub-rule: flattened name, JSON path of its leaf in the pattern, compiled leaf."""

    name: str
    path: tuple[str, ...]
    leaf: CompiledLeaf


class CompiledPattern:
    """A validated, compiled pattern; :meth:`matches` tests one event (a dict or JSON text)."""

    __slots__ = ("pattern", "rules", "trie")

    def __init__(self, pattern: Mapping[str, Any]) -> None:
        self.pattern = pattern
        self.rules: tuple[tuple[Field, ...], ...] = tuple(_fields(rule) for rule in _expand(pattern, (), [{}]))
        self.trie = name_trie({f.name for rule in self.rules for f in rule})

    def matches(self, event: Mapping[str, Any] | str) -> bool:
        """True when EventBridge would deliver ``event`` to a rule with this pattern.

        :raises ValueError: the event is not a JSON object; :class:`EventTooDeepError` (a ValueError) when it is
            nested too deeply to walk.
        """
        try:
            flat, nested = flatten_event(event, self.trie)
        except RecursionError:
            raise EventTooDeepError() from None
        return any(_rule_matches(rule, flat, nested) for rule in self.rules)


def clear_cache() -> None:
    """Forget every compiled pattern (for benchmarks and tests)."""
    _CACHE.clear()
    _BY_ID.clear()


def compile_pattern(pattern: Mapping[str, Any] | str) -> CompiledPattern:
    """Validate and compile ``pattern`` (a dict or JSON text); compiled forms are cached by their JSON.

    :raises InvalidPatternError: (a ValueError) when EventBridge would refuse the pattern; the message
        names the JSON path, the problem and the fix of the first problem.
    """
    if isinstance(pattern, str):
        key = pattern
    else:
        seen = _BY_ID.get(id(pattern))
        if seen is not None and seen[0] is pattern and seen[1] == pattern:  # the same, unchanged dict
            return seen[2]
        try:
            key = json.dumps(pattern, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise InvalidPatternError(f"the event pattern is not JSON data: {exc}") from exc
    hit = _CACHE.get(key)
    if hit is not None:
        if not isinstance(pattern, str):
            _remember(pattern, key, hit)
        return hit
    data: object = pattern
    if isinstance(pattern, str):
        try:
            data = json.loads(pattern)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InvalidPatternError(f"the event pattern is not valid JSON: {exc}") from exc
    problems = validate_pattern(data)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise InvalidPatternError(
            f"invalid event pattern at {first.path}: {first.message}; fix: {first.fix}{more}", problems
        )
    # EventBridge's own limit on the $or combinations (a validation problem above) bounds the expansion.
    assert isinstance(data, Mapping)
    compiled = CompiledPattern(data)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = compiled
    if not isinstance(pattern, str):
        _remember(pattern, key, compiled)
    return compiled


def _remember(pattern: Mapping[str, Any], key: str, compiled: CompiledPattern) -> None:
    """Remember a dict pattern by identity, with a copy to notice later changes to it."""
    if len(_BY_ID) >= _CACHE_SIZE:
        _BY_ID.clear()
    _BY_ID[id(pattern)] = (pattern, json.loads(key), compiled)


def matches(pattern: Mapping[str, Any] | str, event: Mapping[str, Any] | str) -> bool:
    """True when EventBridge would deliver ``event`` to a rule with ``pattern`` (both dicts or JSON text).

    :raises InvalidPatternError: the pattern is invalid. :raises ValueError: the event is not an object, or
        (:class:`EventTooDeepError`) it is nested too deeply to walk.
    """
    return compile_pattern(pattern).matches(event)


# ------------------------------------------------------------------------------------------------ compile


_Rule = dict[str, tuple[tuple[str, ...], tuple[object, ...]]]  # flattened name -> (pattern path, leaf items)


def _expand(node: Mapping[str, Any], names: tuple[str, ...], rules: list[_Rule]) -> list[_Rule]:
    """Add a pattern object's fields to each sub-rule, in document order, as event-ruler's rule compiler
    does: a ``$or`` replaces every sub-rule by one copy per alternative, and a field written again
    (e.g. outside and inside a ``$or``) replaces the earlier leaf of that name."""
    for key, value in node.items():
        path = (*names, key)
        if key == OR_KEY and isinstance(value, (list, tuple)):
            expanded: list[_Rule] = []
            for branch in value:
                copies = [dict(rule) for rule in rules]
                if isinstance(branch, Mapping) and not is_token(branch):
                    copies = _expand(branch, names, copies)
                else:  # an unresolved token: an alternative that never matches
                    for rule in copies:
                        rule[".".join(path)] = (path, (branch,))
                expanded.extend(copies)
            rules = expanded
        elif isinstance(value, Mapping) and not is_token(value):
            rules = _expand(value, path, rules)
        else:
            items = tuple(value) if isinstance(value, (list, tuple)) and not is_token(value) else (value,)
            for rule in rules:
                rule[".".join(path)] = (path, items)
    return rules


def _fields(rule: _Rule) -> tuple[Field, ...]:
    """A sub-rule's fields in name order (the order event-ruler walks them)."""
    return tuple(Field(name, path, compile_leaf(items)) for name, (path, items) in sorted(rule.items()))


# ------------------------------------------------------------------------------------------------ events


Trie = dict[str, "Trie"]  # the pattern's field names, one level per name part


def name_trie(names: list[str] | set[str] | frozenset[str]) -> Trie:
    """The dotted field names as a trie of their parts."""
    root: Trie = {}
    for name in names:
        node = root
        for part in name.split("."):
            node = node.setdefault(part, {})
    return root


def flatten_event(event: Mapping[str, Any] | str, trie: Trie | None = None) -> tuple[Flat, bool]:
    """The event's values by dotted field name, each with its array membership; and whether any value sits
    in an array of objects. Only names the ``trie`` holds are kept (all when None); an event key with dots
    counts as the nested keys it spells (event-ruler joins names with dots).

    :raises ValueError: the event is not a JSON object (or not valid JSON).
    """
    if isinstance(event, str):
        try:
            event = json.loads(event)
        except RecursionError:
            raise EventTooDeepError() from None
    if not isinstance(event, Mapping):
        raise ValueError(f"an event must be a JSON object, got {type(event).__name__}")
    out: Flat = {}
    state = [0, 0]  # arrays seen, values with a membership
    _flatten_object(event, "", trie, out, (), state)
    return out, state[1] > 0


def _child(trie: Trie | None, key: str) -> Trie | bool | None:
    """The trie below ``key`` (None: keep everything); False when no field of the pattern uses it."""
    if trie is None:
        return None
    node = trie.get(key)
    if node is not None:
        return node
    if "." in key:
        node = trie
        for part in key.split("."):
            node = node.get(part)
            if node is None:
                return False
        return node
    return False


def _flatten_object(
    obj: Mapping[str, Any], prefix: str, trie: Trie | None, out: Flat, member: Membership, state: list[int]
) -> None:
    if trie is not None and len(trie) < len(obj):
        # Fewer names wanted than keys given (a pattern's few fields in a CloudTrail record): look them up,
        # unless a key of the event holds a dot and so spells nested names itself.
        try:
            dotted = "." in "".join(obj)
        except TypeError:  # a key that is not a string
            dotted = True
        if not dotted:
            for key, wanted in trie.items():
                if key in obj:
                    value = obj[key]
                    name = f"{prefix}.{key}" if prefix else key
                    if type(value) is str:  # the common case, inline
                        out.setdefault(name, []).append((value, member))
                        if member:
                            state[1] += 1
                    else:
                        _take(value, name, wanted, out, member, state)
            return
    for key, value in obj.items():
        if trie is None:
            below: Trie | bool | None = None
        else:
            below = trie.get(key)
            if below is None:
                if type(key) is not str or "." not in key:
                    continue
                below = _child(trie, key)
                if below is False:
                    continue
        _take(value, f"{prefix}.{key}" if prefix else key, below, out, member, state)


def _take(value: Any, name: str, below: Trie | bool | None, out: Flat, member: Membership, state: list[int]) -> None:
    """Flatten one value of the event under its dotted ``name``."""
    kind = type(value)
    if kind is dict or (kind is not list and kind is not str and isinstance(value, Mapping)):
        _flatten_object(value, name, below, out, member, state)  # type: ignore[arg-type]
    elif kind is list:
        _flatten_array(value, name, below, out, member, state)  # type: ignore[arg-type]
    else:
        out.setdefault(name, []).append((value, member))
        if member:
            state[1] += 1


def _flatten_array(
    items: list[Any], name: str, trie: Trie | None, out: Flat, member: Membership, state: list[int]
) -> None:
    array_id = state[0]
    state[0] += 1
    for index, value in enumerate(items):
        kind = type(value)
        if kind is dict or (kind is not list and isinstance(value, Mapping)):
            _flatten_object(value, name, trie, out, (*member, (array_id, index)), state)
        elif kind is list:
            _flatten_array(value, name, trie, out, (*member, (array_id, index)), state)
        else:
            out.setdefault(name, []).append((value, member))
            if member:
                state[1] += 1


# ------------------------------------------------------------------------------------------------ matching


def _rule_matches(rule: tuple[Field, ...], flat: Flat, nested: bool) -> bool:
    if not nested:  # no array of objects: every field is judged on its own
        for f in rule:
            values = flat.get(f.name)
            if values is None:
                if not f.leaf.absent_ok:
                    return False
                continue
            test = f.leaf.test
            if len(values) == 1:
                if not test(values[0][0]):
                    return False
            elif not any(test(value) for value, _ in values):
                return False
        return True
    return _Search(rule, flat).run()


def _consistent(chosen: dict[int, int], member: Membership) -> bool:
    return all(chosen.get(array, index) == index for array, index in member)


class _Search:
    """Backtracking over the values of each field in name order, keeping array elements consistent.

    A refuted (position, choices) is remembered, where the choices are only those of arrays that a field at or
    after the position also reads: whatever else was chosen cannot change the outcome from there on.
    """

    __slots__ = ("flat", "last_use", "refuted", "rule")

    def __init__(self, rule: tuple[Field, ...], flat: Flat) -> None:
        self.rule = rule
        self.flat = flat
        self.refuted: set[tuple[int, frozenset[tuple[int, int]]]] = set()
        last_use: dict[int, int] = {}  # array -> the last position whose values lie in it
        for position, f in enumerate(rule):
            for _, member in flat.get(f.name, ()):
                for array, _ in member:
                    last_use[array] = position
        self.last_use = last_use

    def run(self) -> bool:
        return self._search(0, {})

    def _search(self, position: int, chosen: dict[int, int]) -> bool:
        rule = self.rule
        if position == len(rule):
            return True
        last_use = self.last_use
        key = (position, frozenset(item for item in chosen.items() if last_use.get(item[0], -1) >= position))
        if key in self.refuted:
            return False
        f = rule[position]
        values = self.flat.get(f.name, [])
        test = f.leaf.test
        tried_plain = False
        tried: set[Membership] = set()
        for value, member in values:
            if not member:
                if tried_plain or not test(value):
                    continue
                tried_plain = True  # the same choice for every value outside arrays of objects
                if self._search(position + 1, chosen):
                    return True
            elif member not in tried and _consistent(chosen, member) and test(value):
                tried.add(member)  # another value of the same element makes the same choice
                if self._search(position + 1, {**chosen, **dict(member)}):
                    return True
        absent = f.leaf.absent_ok and not any(_consistent(chosen, member) for _, member in values)
        if absent and self._search(position + 1, chosen):
            return True
        self.refuted.add(key)
        return False
