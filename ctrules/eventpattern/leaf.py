"""One field's condition: the values of a pattern leaf compiled into a test on one event value.

A leaf is the list under a pattern field (``["a", {"prefix": "b"}]``); its items are OR-ed. Event values
are JSON scalars (``str``, ``int``, ``float``, ``bool``, ``None``) as EventBridge sees them after flattening
an event. Semantics follow EventBridge's engine, aws/event-ruler (``ByteMachine``, ``JsonRuleCompiler``):

- strings, ``true``, ``false`` and ``null`` equal only themselves; a boolean never equals a number; a string
  that is an IP address equals any text of the same address (event-ruler compiles it as a one-address range);
- a number equals a number of the same value (``300`` equals ``3.0e2``) when both lie within
  ±5e9 (:data:`NUMBER_LIMIT`), otherwise only when their JSON text is the same;
- ``prefix``/``suffix``/``equals-ignore-case``/``wildcard`` test strings only; ignore-case compares each
  pattern character in its lower- or upper-case form;
- ``numeric`` tests numbers within ±5e9 only; ``cidr`` tests strings holding an IP address (a CIDR with
  host bits set stands for its network);
- ``exists: true`` accepts any value, ``null`` included; ``exists: false`` is the field's absence (the
  matcher handles it, :attr:`CompiledLeaf.absent_ok`);
- ``anything-but`` accepts every value that is not excluded: a value of another type is never excluded
  (``{"anything-but": 5}`` accepts ``"5"`` and ``null``).

:func:`leaf_matches` and :func:`leaf_accepts` are the checks' entry points (string values only).
"""

from __future__ import annotations

import ipaddress
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ctrules.eventpattern.vocab import IPV4_RE, IPV6_RE, MASK_RE, NUMBER_LIMIT, is_token, split_cidr
from ctrules.eventpattern.wildcard import compile_wildcard, wildcard_error

__all__ = ["CompiledLeaf", "compile_leaf", "leaf_accepts", "leaf_matches"]

Test = Callable[[object], bool]


@dataclass(frozen=True)
class CompiledLeaf:
    """A compiled leaf.

    Attributes:
        test: True when some item accepts the (present) event value.
        absent_ok: True when the leaf holds ``{"exists": false}``: the field's absence satisfies it.
        undecided: True when some item cannot be judged (an unresolved token or an unknown shape); such an
            item never accepts a value.
    """

    test: Test
    absent_ok: bool
    undecided: bool


def _never(value: object) -> bool:
    return False


def _always(value: object) -> bool:
    return True


def _is_num(value: object) -> bool:
    return type(value) is int or type(value) is float


def _comparable(value: object) -> bool:
    """A number EventBridge compares numerically (finite, within ±5e9)."""
    return _is_num(value) and -NUMBER_LIMIT <= value <= NUMBER_LIMIT  # type: ignore[operator]


def _text(value: object) -> str:
    try:
        return json.dumps(value)
    except (ValueError, TypeError):
        return repr(value)


def numbers_equal(a: object, b: object) -> bool:
    """EventBridge number equality: by value within ±5e9, by JSON text outside."""
    if _comparable(a) and _comparable(b):
        return bool(a == b)
    return _is_num(a) and _is_num(b) and _text(a) == _text(b)


def _ignore_case_regex(text: str) -> str:
    parts = []
    for char in text:
        variants = {char.lower(), char.upper()}
        if len(variants) == 1:
            parts.append(re.escape(char.lower()))
        else:
            parts.append("(?:" + "|".join(re.escape(v) for v in sorted(variants)) + ")")
    return "".join(parts)


def _string_test(kind: str, operand: object) -> Callable[[str], bool] | None:
    """A test on strings for prefix/suffix/equals-ignore-case/wildcard (None: operand not usable)."""
    if isinstance(operand, Mapping):
        if kind not in ("prefix", "suffix") or list(operand) != ["equals-ignore-case"]:
            return None
        inner = operand["equals-ignore-case"]
        if not isinstance(inner, str) or is_token(inner):
            return None
        body = _ignore_case_regex(inner)
        regex = re.compile(body if kind == "prefix" else "(?:" + body + r")\Z", re.DOTALL)
        if kind == "prefix":
            return lambda v: regex.match(v) is not None
        return lambda v: regex.search(v) is not None
    if not isinstance(operand, str) or is_token(operand):
        return None
    if kind == "prefix":
        return lambda v: v.startswith(operand)
    if kind == "suffix":
        return lambda v: v.endswith(operand)
    if kind == "equals-ignore-case":
        full = re.compile(_ignore_case_regex(operand), re.DOTALL)
        return lambda v: full.fullmatch(v) is not None
    if kind == "wildcard":
        return compile_wildcard(operand) if wildcard_error(operand) is None else None
    return None


def _on_strings(test: Callable[[str], bool]) -> Test:
    return lambda v: type(v) is str and test(v)


def _numeric_test(operand: object) -> Test | None:
    if not isinstance(operand, (list, tuple)) or len(operand) not in (2, 4):
        return None
    checks: list[Callable[[float], bool]] = []
    for index in range(0, len(operand), 2):
        op, bound = operand[index], operand[index + 1]
        if not _comparable(bound) or op not in ("=", "<", "<=", ">", ">="):
            return None
        b = float(bound)  # type: ignore[arg-type,unused-ignore]
        checks.append(
            {
                "=": lambda v, b=b: v == b,
                "<": lambda v, b=b: v < b,
                "<=": lambda v, b=b: v <= b,
                ">": lambda v, b=b: v > b,
                ">=": lambda v, b=b: v >= b,
            }[op]
        )
    return lambda v: _comparable(v) and all(check(v) for check in checks)  # type: ignore[arg-type]


_HEX = "0123456789ABCDEF"


def ip_hex(text: str) -> str | None:
    """An IP address as event-ruler compares it: upper-case hex digits of its 4 or 16 bytes (an IPv4-mapped
    IPv6 address counts as IPv4); None when ``text`` is not an address event-ruler parses."""
    if IPV4_RE.fullmatch(text):
        octets = [int(part) for part in text.split(".")]
        return None if any(o > 255 for o in octets) else "".join(f"{o:02X}" for o in octets)
    if IPV6_RE.fullmatch(text):
        try:
            address = ipaddress.IPv6Address(text)
        except ValueError:
            return None
        mapped = address.ipv4_mapped
        return (mapped or address).packed.hex().upper()
    return None


def cidr_bounds(text: str) -> tuple[str, str] | None:
    """The lowest and highest address of a CIDR block as hex digits (host bits set are ignored, so the
    block is its network); None when the block is unusable."""
    parts = split_cidr(text)
    if len(parts) != 2 or not MASK_RE.fullmatch(parts[1]):
        return None
    digits, bits = ip_hex(parts[0]), int(parts[1])
    if digits is None or bits < 0 or bits > len(digits) * 4 - 1:
        return None
    total = len(digits) * 4
    value = int(digits, 16)
    host = (1 << (total - bits)) - 1
    width = len(digits)
    return f"{value & ~host & ((1 << total) - 1):0{width}X}", f"{value | host:0{width}X}"


def in_hex_range(value: str, low: str, high: str) -> bool:
    """event-ruler's range automaton on hex digits: ``value`` matches as soon as a prefix of it is decided
    to lie within [low, high]; a value shorter than the bounds matches only if decided before it ends."""
    index = 0
    size = len(low)
    while index < size and low[index] == high[index]:
        if index >= len(value) or value[index] != low[index]:
            return False
        index += 1
    if index == size:
        return True
    if index >= len(value) or value[index] not in _HEX:
        return False
    char = value[index]
    if low[index] < char < high[index]:
        return True
    bound, above = (low, True) if char == low[index] else (high, False) if char == high[index] else ("", True)
    if not bound:
        return False
    for position in range(index + 1, size):
        if position >= len(value) or value[position] not in _HEX:
            return False
        if value[position] != bound[position]:
            return (value[position] > bound[position]) == above
    return True


def _cidr_test(operand: object, numeric_leaf: bool) -> Test | None:
    """A cidr item: strings holding an IP address inside the block. As in event-ruler, a number (when the
    leaf has no numeric item) is run through the same range automaton as its JSON text."""
    if not isinstance(operand, str):
        return None
    bounds = cidr_bounds(operand)
    if bounds is None:
        return None
    return _range_test(*bounds, numeric_leaf)


def _address_test(digits: str, numeric_leaf: bool) -> Test:
    """A plain string value that is an IP address: event-ruler compiles it as the one-address range of that
    address, not as text (``JsonRuleCompiler`` and ``RuleCompiler``: ``CIDR.ipToRangeIfPossible``), so
    ``"2001:db8::1"`` also matches ``"2001:DB8:0:0:0:0:0:1"`` and ``"10.0.0.1"`` matches ``"::ffff:a00:1"``."""
    return _range_test(digits, digits, numeric_leaf)


def _range_test(low: str, high: str, numeric_leaf: bool) -> Test:
    """Strings holding an IP address within [low, high] (hex digits), and numbers' text as event-ruler's
    range automaton reads it (see :func:`_cidr_test`)."""

    def test(value: object) -> bool:
        if type(value) is str:
            digits = ip_hex(value)
            return digits is not None and in_hex_range(digits, low, high)
        if _is_num(value) and not numeric_leaf:
            return in_hex_range(_text(value), low, high)
        return False

    return test


def _anything_but_test(operand: object) -> Test | None:
    """A test that accepts every value not excluded by the anything-but operand."""
    excluded: Test | None = None
    if isinstance(operand, str) and not is_token(operand):
        excluded = lambda v: type(v) is str and v == operand  # noqa: E731
    elif _is_num(operand) and not is_token(operand):
        excluded = lambda v: _comparable(v) and numbers_equal(v, operand)  # noqa: E731
    elif isinstance(operand, (list, tuple)) and operand and not any(is_token(x) for x in operand):
        if all(isinstance(x, str) for x in operand):
            strings = frozenset(operand)
            excluded = lambda v: type(v) is str and v in strings  # noqa: E731
        elif all(_is_num(x) for x in operand):
            numbers = tuple(operand)
            excluded = lambda v: _comparable(v) and any(numbers_equal(v, n) for n in numbers)  # noqa: E731
    elif isinstance(operand, Mapping) and len(operand) == 1:
        ((kind, raw),) = operand.items()
        entries = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
        if kind in ("prefix", "suffix", "equals-ignore-case", "wildcard") and entries:
            tests = [_string_test(kind, entry) for entry in entries]
            if all(t is not None for t in tests):
                string_tests = [t for t in tests if t is not None]
                excluded = lambda v: type(v) is str and any(t(v) for t in string_tests)  # noqa: E731
    if excluded is None:
        return None
    not_excluded: Test = lambda v: not excluded(v)  # noqa: E731
    return not_excluded


def _exact_test(item: object) -> Test:
    if isinstance(item, str):
        return lambda v: type(v) is str and v == item
    if item is None:
        return lambda v: v is None
    if isinstance(item, bool):
        return lambda v: v is item
    return lambda v: _is_num(v) and numbers_equal(item, v)


def _numeric_item(item: object) -> bool:
    """An item that makes event-ruler compare this field's numbers numerically."""
    if _comparable(item):
        return True
    if isinstance(item, Mapping) and len(item) == 1:
        ((operator, operand),) = item.items()
        if operator == "numeric":
            return True
        if operator == "anything-but":
            return _is_num(operand) or (isinstance(operand, (list, tuple)) and any(_is_num(x) for x in operand))
    return False


def compile_item(item: object, numeric_leaf: bool = False) -> tuple[Test | None, bool]:
    """``(test, absent_ok)`` for one leaf item; ``test`` is None for an item that cannot be judged.
    ``numeric_leaf``: another item of the leaf is numeric (see :func:`_cidr_test`)."""
    if is_token(item):
        return None, False
    if item is None or isinstance(item, (str, bool)) or _is_num(item):
        if isinstance(item, float) and not math.isfinite(item):
            return None, False
        return _exact_test(item), False
    if not isinstance(item, Mapping) or len(item) != 1:
        return None, False
    ((operator, operand),) = item.items()
    if is_token(operand):
        return None, False
    if operator == "exists":
        if operand is True:
            return _always, False
        if operand is False:
            return _never, True
        return None, False
    if operator in ("prefix", "suffix", "equals-ignore-case", "wildcard"):
        string_test = _string_test(operator, operand)
        return (None if string_test is None else _on_strings(string_test)), False
    if operator == "numeric":
        return _numeric_test(operand), False
    if operator == "cidr":
        return _cidr_test(operand, numeric_leaf), False
    if operator == "anything-but":
        return _anything_but_test(operand), False
    return None, False


def compile_leaf(leaf: Sequence[object]) -> CompiledLeaf:
    """Compile the values of one pattern field (items OR-ed). Never raises for any input."""
    tests: list[Test] = []
    absent_ok = undecided = False
    numeric_leaf = any(_numeric_item(item) for item in leaf)
    strings = frozenset(item for item in leaf if isinstance(item, str) and not is_token(item))
    addresses = {i: d for i in strings if ("." in i or ":" in i) and (d := ip_hex(i)) is not None}
    if addresses:  # an IP address is compared as an address, not as text (see _address_test)
        strings = strings.difference(addresses)
        tests.extend(_address_test(digits, numeric_leaf) for digits in dict.fromkeys(addresses.values()))
    if strings:  # the exact strings, as one set lookup
        tests.insert(0, lambda v: type(v) is str and v in strings)
    for item in leaf:
        if isinstance(item, str) and (item in strings or item in addresses):
            continue
        try:
            test, absent = compile_item(item, numeric_leaf)
        except Exception:  # pragma: no cover - defensive: compile_item is written not to raise
            test, absent = None, False
        if test is None:
            undecided = True
        elif not absent:
            tests.append(test)
        absent_ok = absent_ok or absent
    if not tests:
        return CompiledLeaf(_never, absent_ok, undecided)
    if len(tests) == 1:
        return CompiledLeaf(tests[0], absent_ok, undecided)
    frozen = tuple(tests)
    return CompiledLeaf(lambda v: any(t(v) for t in frozen), absent_ok, undecided)


def leaf_matches(leaf: list[object], value: str) -> bool | None:
    """Does a *valid* pattern leaf accept the string ``value`` (a present field holding this string)?

    True when some item accepts it, False when every item decidedly rejects it, None when no item accepts
    it but some item cannot be judged (an unresolved CDK token or an unknown structure). Same semantics as
    the event matcher (:mod:`ctrules.eventpattern.match`): e.g. ``numeric`` never accepts a string,
    ``{"exists": false}`` rejects any present value, numeric ``anything-but`` accepts every string.
    """
    try:
        if not isinstance(leaf, (list, tuple)) or not isinstance(value, str):
            return None
        compiled = compile_leaf(leaf)
        if compiled.test(value):
            return True
        return None if compiled.undecided else False
    except Exception:
        return None


def leaf_accepts(leaf: list[object], candidates: Iterable[str]) -> set[str] | None:
    """The candidate strings a *valid* leaf accepts (as :func:`leaf_matches`, the leaf compiled once);
    None when the leaf holds an item that cannot be judged and some candidate is not accepted."""
    try:
        compiled = compile_leaf(leaf)
        out: set[str] = set()
        test = compiled.test
        for value in candidates:
            if test(value):
                out.add(value)
            elif compiled.undecided:
                return None
        return out
    except Exception:
        return None
