"""Semantics of ctrules.eventpattern's matcher, one behaviour per test (sources in README.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ctrules.eventpattern.leaf import cidr_bounds, in_hex_range, ip_hex, leaf_accepts, leaf_matches
from ctrules.eventpattern.match import InvalidPatternError, compile_pattern, flatten_event, matches, name_trie


def m(pattern: dict[str, Any], event: dict[str, Any] | str) -> bool:
    return matches(pattern, event)


@pytest.mark.parametrize(
    ("leaf", "value", "expected"),
    [
        (["x"], "x", True),
        (["x"], "X", False),
        ([5], 5, True),
        ([5], 5.0, True),
        ([300], 3.0e2, True),
        ([5], "5", False),
        (["5"], 5, False),
        ([True], True, True),
        ([True], 1, False),  # a boolean never equals a number
        ([1], True, False),
        ([False], 0, False),
        ([None], None, True),
        ([None], "null", False),
        ([123456789012], 123456789012, True),  # beyond 5e9: compared as JSON text
        ([123456789012], 123456789012.0, False),
    ],
)
def test_exact_values(leaf: list[object], value: object, expected: bool) -> None:
    assert m({"f": leaf}, {"f": value}) is expected


def test_exists_on_null_arrays_and_objects() -> None:
    present, absent = {"f": [{"exists": True}]}, {"f": [{"exists": False}]}
    assert m(present, {"f": None}) and not m(absent, {"f": None})
    assert not m(present, {"f": []}) and m(absent, {"f": []})  # an empty array holds no value
    assert m(present, {"f": [None]})
    assert not m(present, {"f": {"g": 1}}) and m(absent, {"f": {"g": 1}})  # exists works on leaves only
    assert m(absent, {}) and not m(present, {})


def test_arrays_match_when_any_element_does() -> None:
    assert m({"f": ["b"]}, {"f": ["a", "b"]})
    assert m({"f": [{"anything-but": "a"}]}, {"f": ["a", "b"]})
    assert not m({"f": [{"anything-but": "a"}]}, {"f": ["a", "a"]})
    assert m({"f": {"g": ["x"]}}, {"f": [{"g": "y"}, {"g": "x"}]})
    assert m({"f": {"g": ["x"]}}, {"f": [[{"g": "x"}]]})


def test_array_consistency() -> None:
    pattern = {"d": {"a": ["1"], "b": ["2"]}}
    assert not m(pattern, {"d": [{"a": "1"}, {"b": "2"}]})
    assert m(pattern, {"d": [{"a": "1"}, {"b": "2"}, {"a": "1", "b": "2"}]})
    # fields outside the array combine freely with fields inside it
    assert m({"x": ["1"], "d": {"a": ["1"]}}, {"x": "1", "d": [{"a": "0"}, {"a": "1"}]})
    # nested arrays: the same outer element, any inner elements
    outer = {"d": {"a": ["1"], "e": {"b": ["2"]}}}
    assert m(outer, {"d": [{"a": "1", "e": [{"b": "0"}, {"b": "2"}]}]})
    assert not m(outer, {"d": [{"a": "1", "e": [{"b": "0"}]}, {"e": [{"b": "2"}]}]})


def test_exists_false_within_an_array_element() -> None:
    pattern = {"d": {"a": ["1"], "b": [{"exists": False}]}}
    assert not m(pattern, {"d": [{"a": "1", "b": "2"}]})
    assert m(pattern, {"d": [{"a": "1", "b": "2"}, {"a": "1"}]})


def test_or_at_any_level_and_repeated_fields() -> None:
    pattern = {"source": ["s"], "detail": {"$or": [{"a": ["1"]}, {"b": {"$or": [{"c": ["2"]}, {"d": ["3"]}]}}]}}
    assert m(pattern, {"source": "s", "detail": {"b": {"d": "3"}}})
    assert not m(pattern, {"source": "s", "detail": {"b": {"d": "4"}}})
    # event-ruler compiles fields in document order: a field written again replaces the earlier leaf
    repeated = {"name": ["a"], "$or": [{"name": [{"anything-but": "a"}]}, {"other": ["x"]}]}
    assert m(repeated, {"name": "c"}) and not m(repeated, {"name": "a"})


@pytest.mark.parametrize(
    ("wildcard", "value", "expected"),
    [
        ("*bc", "bc", True),  # * matches zero characters
        ("*", "", True),
        ("a*", "a", True),
        ("hel\\*o", "hel*o", True),
        ("hel\\*o", "hello", False),
        ("he\\**o", "he*llo", True),
        ("he\\\\llo", "he\\llo", True),
        ("he\\\\*llo", "he\\xxllo", True),
    ],
)
def test_wildcards(wildcard: str, value: str, expected: bool) -> None:
    assert m({"f": [{"wildcard": wildcard}]}, {"f": value}) is expected
    assert m({"f": [{"anything-but": {"wildcard": wildcard}}]}, {"f": value}) is not expected


def test_wildcard_only_on_strings() -> None:
    assert not m({"f": [{"wildcard": "*"}]}, {"f": 5})
    assert m({"f": [{"anything-but": {"wildcard": "*"}}]}, {"f": 5})  # another type is never excluded


def test_equals_ignore_case_forms() -> None:
    assert m({"f": [{"equals-ignore-case": "AbC"}]}, {"f": "aBc"})
    assert m({"f": [{"prefix": {"equals-ignore-case": "EVENTB"}}]}, {"f": "eventbridge"})
    assert m({"f": [{"suffix": {"equals-ignore-case": "Bridge"}}]}, {"f": "EventBRIDGE"})
    assert not m({"f": [{"anything-but": {"equals-ignore-case": ["x", "Y"]}}]}, {"f": "y"})
    assert m({"f": [{"equals-ignore-case": "ß"}]}, {"f": "SS"})  # per character: lower or upper form


def test_anything_but_forms_and_types() -> None:
    assert m({"f": [{"anything-but": ["a", "b"]}]}, {"f": "c"})
    assert not m({"f": [{"anything-but": [1, 2]}]}, {"f": 2.0})
    assert m({"f": [{"anything-but": 5}]}, {"f": "5"})
    assert m({"f": [{"anything-but": "x"}]}, {"f": None})
    assert not m({"f": [{"anything-but": {"prefix": "us-"}}]}, {"f": "us-east-1"})
    assert not m({"f": [{"anything-but": {"suffix": [".png", ".jpg"]}}]}, {"f": "a.jpg"})
    assert not m({"f": [{"anything-but": "x"}]}, {})  # the field must be present


def test_numeric_limits() -> None:
    rng = {"f": [{"numeric": [">", 0, "<=", 5]}]}
    assert m(rng, {"f": 5}) and m(rng, {"f": 0.5}) and not m(rng, {"f": 0}) and not m(rng, {"f": "3"})
    assert not m({"f": [{"numeric": [">", 0]}]}, {"f": 5_000_000_001})  # beyond EventBridge's range
    assert m({"f": [{"numeric": ["=", 301.8]}]}, '{"f": 3.018e2}')
    assert not m({"f": [{"numeric": [">", 0]}]}, {"f": True})


def test_cidr() -> None:
    assert m({"ip": [{"cidr": "220.160.154.255/24"}]}, {"ip": "220.160.154.1"})  # host bits set: its network
    assert not m({"ip": [{"cidr": "220.160.154.255/24"}]}, {"ip": "220.160.155.1"})
    assert m({"ip": [{"cidr": "2001:db8::1/64"}]}, {"ip": "2001:DB8::ffff"})
    assert not m({"ip": [{"cidr": "10.0.0.0/8"}]}, {"ip": "fe80::1%eth0"})
    assert not m({"ip": [{"cidr": "10.0.0.0/8"}]}, {"ip": "not an ip"})
    assert ip_hex("10.0.0.1") == "0A000001" and ip_hex("::ffff:a00:1") == "0A000001" and ip_hex("1.2.3") is None
    assert cidr_bounds("10.1.2.3/16") == ("0A010000", "0A01FFFF")
    assert in_hex_range("0A01FF00", "0A010000", "0A01FFFF") and not in_hex_range("0A020000", "0A010000", "0A01FFFF")


@pytest.mark.parametrize(
    ("value", "event", "expected"),
    [
        ("2001:db8::1", "2001:DB8::1", True),  # another spelling of the same address
        ("2001:db8::1", "2001:0db8:0:0:0:0:0:1", True),
        ("2001:db8::1", "2001:db8::2", False),
        ("10.0.0.1", "10.0.0.1", True),
        ("10.0.0.1", "::ffff:a00:1", True),  # IPv4-mapped IPv6 is the IPv4 address
        ("10.0.0.1", "10.0.0.2", False),
        ("10.0.0.1", "not an ip", False),
        ("300.0.0.1", "300.0.0.1", True),  # no address: compared as text
        ("AWS Internal", "AWS Internal", True),
    ],
)
def test_a_plain_ip_address_is_compared_as_an_address(value: str, event: str, expected: bool) -> None:
    """event-ruler compiles a plain string that is an IP address as the one-address range of that address
    (JsonRuleCompiler/RuleCompiler: CIDR.ipToRangeIfPossible, github:aws/event-ruler@337e8d99), and converts
    the event's IP text to the same form (ByteMachine.transitionOn): any text of the address matches."""
    assert m({"detail": {"sourceIPAddress": [value]}}, {"detail": {"sourceIPAddress": event}}) is expected
    assert m({"detail": {"sourceIPAddress": [value, "x"]}}, {"detail": {"sourceIPAddress": "x"}})


def test_dotted_keys_flatten_like_nested_ones() -> None:
    assert m({"detail": {"state": {"status": ["on"]}}}, {"detail": {"state.status": "on"}})
    assert m({"detail": {"state.status": ["on"]}}, {"detail": {"state": {"status": "on"}}})


def test_invalid_patterns_and_events() -> None:
    for bad in ({}, {"f": []}, {"f": [{"wildcard": "a**"}]}, {"f": [{"numeric": [">", 6e9]}]}, "[1]", "{"):
        with pytest.raises(InvalidPatternError) as info:
            compile_pattern(bad)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)
    with pytest.raises(ValueError, match="JSON object"):
        matches({"f": ["x"]}, "[1]")


def test_compiled_patterns_are_cached_by_json() -> None:
    pattern = {"f": ["x"], "g": [{"prefix": "a"}]}
    assert compile_pattern(pattern) is compile_pattern(json.loads(json.dumps(pattern)))
    assert compile_pattern(json.dumps(pattern)) is compile_pattern(json.dumps(pattern))


def test_flatten_keeps_only_used_names() -> None:
    flat, nested = flatten_event({"a": {"b": 1, "c": 2}, "z": [{"b": 3}], "a.b": 4}, name_trie(["a.b"]))
    assert flat == {"a.b": [(1, ()), (4, ())]} and not nested


def test_the_checks_use_the_same_leaf_semantics() -> None:
    leaf: list[object] = [{"wildcard": "Put*"}, {"anything-but": {"prefix": "Get"}}, {"numeric": [">", 1]}]
    for value in ("PutObject", "GetObject", "ListBuckets", ""):
        assert leaf_matches(leaf, value) is m({"f": leaf}, {"f": value})
    names = ["PutObject", "GetObject", "ListBuckets"]
    assert leaf_accepts(leaf, names) == {"PutObject", "ListBuckets"}


def test_nested_or_beyond_eventbridge_limit_is_refused_without_expanding() -> None:
    from ctrules.eventpattern.match import InvalidPatternError, compile_pattern

    # 20 fields, each with a $or of two alternatives: 2**20 rule combinations, from a pattern of 20 lines.
    node = {f"f{i}": {"$or": [{"x": ["1"]}, {"y": ["2"]}]} for i in range(20)}
    with pytest.raises(InvalidPatternError, match="1,048,576 rule combinations"):
        compile_pattern(node)
    # A small nested $or (8 sub-rules) still compiles and matches.
    small: dict[str, object] = {"leaf": ["x"]}
    for level in range(3):
        small = {"$or": [{f"a{level}": ["1"], **small}, {f"b{level}": ["2"], **small}]}
    compiled = compile_pattern(small)
    assert len(compiled.rules) == 8
    assert compiled.matches({"leaf": "x", "a0": "1", "b1": "2", "a2": "1"})
    assert not compiled.matches({"leaf": "x", "a0": "1", "b1": "2"})
