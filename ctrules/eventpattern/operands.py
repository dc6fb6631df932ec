"""Checking operator operands (prefix, suffix, equals-ignore-case, wildcard, exists, cidr, numeric, anything-but).

The mix-in :class:`OperandChecks` reports, through ``report``, every operand shape EventBridge refuses; the
structural walk that calls it lives in :mod:`ctrules.eventpattern.validate`.
"""

from __future__ import annotations

import ipaddress
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ctrules.eventpattern.render import describe, key_path, show, suggest, type_name
from ctrules.eventpattern.vocab import (
    ANYTHING_BUT_KEYS,
    IPV4_RE,
    IPV6_RE,
    MASK_RE,
    NUMBER_LIMIT,
    NUMERIC_OPERATORS,
    is_number,
    is_token,
    looks_numeric,
    split_cidr,
)
from ctrules.eventpattern.wildcard import wildcard_error

__all__ = ["OperandChecks", "PatternLeaf", "cidr_error", "number_error"]


def number_error(value: object) -> str | None:
    """Why a number used for numeric comparison is unacceptable (None when fine)."""
    if not is_number(value):
        return f"{show(value)} is {type_name(value)}, not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{show(value)} is not a finite JSON number"
    if isinstance(value, (int, float)) and abs(value) > NUMBER_LIMIT:
        return f"{show(value)} is outside the range EventBridge compares numerically (-5e9 to 5e9)"
    return None


def cidr_error(text: str) -> str | None:
    """Why ``text`` is not a CIDR block EventBridge accepts (None when fine)."""
    parts = split_cidr(text)
    if len(parts) != 2:
        return f"CIDR {show(text)} must contain exactly one '/' between the address and the prefix length"
    address, mask = parts
    if not MASK_RE.fullmatch(mask) or abs(int(mask)) > 2**31:
        return f"CIDR {show(text)} has a prefix length {show(mask)} that is not an integer"
    bits = int(mask)
    if bits < 0:
        return f"CIDR {show(text)} has a negative prefix length"
    version: int
    if IPV4_RE.fullmatch(address):
        if any(int(octet) > 255 for octet in address.split(".")):
            return f"CIDR {show(text)} has an invalid IPv4 address {show(address)}"
        version = 4
    elif IPV6_RE.fullmatch(address):
        try:
            parsed = ipaddress.IPv6Address(address)
        except ValueError:
            return f"CIDR {show(text)} has an invalid IPv6 address {show(address)}"
        version = 4 if parsed.ipv4_mapped is not None else 6
    else:
        return f"CIDR {show(text)} does not start with an IPv4 or IPv6 address (got {show(address)})"
    if version == 4 and bits > 31:
        return f"CIDR {show(text)}: EventBridge accepts IPv4 prefix lengths 0 to 31 only"
    if version == 6 and bits > 127:
        return f"CIDR {show(text)}: EventBridge accepts IPv6 prefix lengths 0 to 127 only"
    return None


@dataclass
class PatternLeaf:
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


class OperandChecks:
    """Operand checks shared by the validator; subclasses provide :meth:`report`."""

    def report(self, path: str, message: str, fix: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _check_string_operand(self, key: str, value: object, path: str) -> bool:
        if isinstance(value, str):
            return True
        if isinstance(value, (list, tuple)):
            fix = f'use one object per value: [{{"{key}": "a"}}, {{"{key}": "b"}}]'
        elif is_number(value) or isinstance(value, bool):
            fix = f'quote the value: {{"{key}": "{show(value)}"}}'
        else:
            fix = f'write {{"{key}": "text"}} with a string'
        self.report(path, f'"{key}" must be a string, got {describe(value)}', fix)
        return False

    def _check_prefix_suffix(self, key: str, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            self._check_string_operand(key, value, path)
            return
        inner_keys = list(value.keys())
        if inner_keys != ["equals-ignore-case"]:
            self.report(
                path,
                f'the object form of "{key}" accepts only {{"equals-ignore-case": "…"}}, got {show(value)}',
                f'write {{"{key}": "text"}} or {{"{key}": {{"equals-ignore-case": "text"}}}}',
            )
            return
        inner = value["equals-ignore-case"]
        if not isinstance(inner, str) and not is_token(inner):
            self.report(
                key_path(path, "equals-ignore-case"),
                f'"equals-ignore-case" inside "{key}" must be a string, got {describe(inner)}',
                f'write {{"{key}": {{"equals-ignore-case": "text"}}}}',
            )

    def _check_wildcard(self, text: str, path: str, leaf: PatternLeaf) -> None:
        if is_token(text):
            return
        error = wildcard_error(text)
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
        self.report(path, f'"exists" must be true or false, got {describe(value)}', fix)

    def _check_cidr(self, value: object, path: str) -> None:
        if not isinstance(value, str):
            fix = 'write one CIDR string per object, e.g. [{"cidr": "10.0.0.0/24"}, {"cidr": "10.1.0.0/16"}]'
            self.report(path, f'"cidr" must be a string, got {describe(value)}', fix)
            return
        error = cidr_error(value)
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
            if is_number(value):
                fix = f'write {{"numeric": ["=", {show(value)}]}}'
            self.report(path, f'"numeric" must be a list, got {describe(value)}', fix)
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
                    f'nothing may follow "{first}" {show(value[1])} in a numeric expression, got {show(value)}',
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
                f"numeric expression {show(value)} has too many terms; a range has at most two operator/number pairs",
                "split it into several numeric objects in the list (they are OR-ed)",
            )
        low, high = value[1], value[3]
        if low_ok and high_ok and is_number(low) and is_number(high):
            assert isinstance(low, (int, float)) and isinstance(high, (int, float))
            if low >= high:
                self.report(
                    path,
                    f"numeric range lower bound {show(low)} must be less than upper bound {show(high)}",
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
        self.report(f"{path}[{index}]", f"{where} one of {choices}, got {show(operator)}", fix)
        return False

    def _numeric_operand(self, value: list[object] | tuple[object, ...], index: int, operator: str, path: str) -> bool:
        operand = value[index]
        if is_token(operand):
            return False
        error = number_error(operand)
        if error is None:
            return True
        fix = "use a JSON number between -5e9 and 5e9"
        if isinstance(operand, str):
            fix = f"remove the quotes: {operand}" if looks_numeric(operand) else fix
        self.report(f"{path}[{index}]", f'the value after "{operator}" is invalid: {error}', fix)
        return False

    def _check_anything_but(self, value: object, path: str, leaf: PatternLeaf) -> None:
        if isinstance(value, str):
            return
        if is_number(value):
            error = number_error(value)
            if error is not None:
                self.report(path, f'"anything-but" value is invalid: {error}', "use a number between -5e9 and 5e9")
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
            f"{describe(value)}",
            'to require that the field is present use {"exists": true}; to exclude values list them, e.g. '
            '{"anything-but": ["a", "b"]}',
        )

    def _check_anything_but_list(self, values: list[object] | tuple[object, ...], path: str) -> None:
        if not values:
            self.report(path, '"anything-but" list is empty', 'list at least one value, e.g. {"anything-but": ["a"]}')
            return
        kinds: set[str] = set()
        for index, item in enumerate(values):
            item_path = f"{path}[{index}]"
            if is_token(item):
                continue
            if isinstance(item, str):
                kinds.add("string")
            elif is_number(item):
                kinds.add("number")
                error = number_error(item)
                if error is not None:
                    self.report(
                        item_path,
                        f'"anything-but" value is invalid: {error}',
                        "use a number between -5e9 and 5e9",
                    )
            else:
                self.report(
                    item_path,
                    f'"anything-but" lists may hold only strings or only numbers, got {describe(item)}',
                    'remove it; to exclude a missing field combine with [{"exists": true}]'
                    if item is None
                    else "remove it or replace it with a string or number",
                )
        if kinds == {"string", "number"}:
            self.report(
                path,
                f'"anything-but" list {show(values)} mixes strings and numbers',
                "use only strings or only numbers (add a second anything-but object for the other type)",
            )

    def _check_anything_but_object(self, obj: Mapping[object, object], path: str, leaf: PatternLeaf) -> None:
        keys = list(obj.keys())
        choices = ", ".join(f'"{key}"' for key in ANYTHING_BUT_KEYS)
        if len(keys) != 1:
            self.report(
                path,
                f'the object form of "anything-but" takes exactly one of {choices}, got {show(obj)}',
                'use one anything-but object per condition, e.g. {"anything-but": {"prefix": "init"}}',
            )
        for key in keys:
            if not isinstance(key, str) or key not in ANYTHING_BUT_KEYS:
                name = key if isinstance(key, str) else show(key)
                self.report(
                    key_path(path, key) if isinstance(key, str) else path,
                    f'"anything-but" does not support "{name}"',
                    suggest(name, ANYTHING_BUT_KEYS),
                )
                continue
            self._check_anything_but_operand(key, obj[key], key_path(path, key), leaf)

    def _check_anything_but_operand(self, key: str, value: object, path: str, leaf: PatternLeaf) -> None:
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
                f'"anything-but" "{key}" must be a string or a list of strings, got {describe(value)}',
                f'write {{"anything-but": {{"{key}": "text"}}}} or {{"anything-but": {{"{key}": ["a", "b"]}}}}',
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
                    f'"anything-but" "{key}" values must be strings, got {describe(item)}',
                    f'quote the value: "{show(item)}"' if is_number(item) else "use a string",
                )
                continue
            if key in ("prefix", "suffix") and item == "":
                all_ok = False
                self.report(
                    item_path,
                    f'"anything-but" "{key}" must not be empty',
                    f"an empty {key} would exclude every value; remove this condition or give a non-empty {key}",
                )
                continue
            if key == "wildcard":
                error = wildcard_error(item)
                if error is not None:
                    all_ok = False
                    self.report(item_path, *error)
                    continue
                patterns.append(item)
        if key == "wildcard" and all_ok and patterns:
            unique = tuple(sorted(set(patterns)))
            leaf.add_wildcard_term("anything-but-wildcard:" + json.dumps(unique), unique, path)
