"""Hostile events and patterns for the matcher: every case ends, in polynomial time, within EventBridge's limits.

EventBridge takes events up to 256 KB and patterns up to 4,096 characters. Within them, ``matches()`` must
never take exponential time (many arrays of objects in one event, each field a choice of elements) nor
quadratic time in a regular-expression engine (several ``*`` in one wildcard on a long value), and an event
nested deeper than can be walked is the documented ``ValueError``. Each case runs in its own process under
generous harness limits (120 s, 3 GB) that only catch unbounded work; how fast the bounded work is belongs to
``bench/matcher_throughput.py``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from ctrules.eventpattern import matches
from ctrules.eventpattern.match import EventTooDeepError

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 3 * 1024**3
TIME_LIMIT = 120
EVENT_LIMIT = 256 * 1024
PATTERN_LIMIT = 4096


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def match_in_child(pattern: dict[str, object], event: dict[str, object]) -> str:
    """``matches(pattern, event)`` in a child process under the harness limits; its printed result."""
    pattern_text, event_text = json.dumps(pattern), json.dumps(event)
    assert len(pattern_text) <= PATTERN_LIMIT and len(event_text.encode()) <= EVENT_LIMIT  # within AWS's limits
    code = "import json, sys; from ctrules.eventpattern import matches; d = json.load(sys.stdin); print(matches(*d))"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([pattern_text, event_text]),
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limits,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


def test_many_arrays_of_objects_with_the_last_field_failing() -> None:
    """40 arrays of 40 objects: a choice of element per array for each field (40^40 combinations for a naive
    backtracking search) before the last field fails."""
    arrays = {f"a{i}": [{"x": "v", "n": j} for j in range(40)] for i in range(40)}
    event = {**arrays, "z": [{"x": "no"} for _ in range(40)]}
    pattern: dict[str, object] = {f"a{i}": {"x": ["v"]} for i in range(40)}
    assert match_in_child({**pattern, "z": {"x": ["yes"]}}, event) == "False"
    assert match_in_child({**pattern, "z": {"x": ["no"]}}, event) == "True"


def test_fields_sharing_nested_arrays_are_matched_within_one_element() -> None:
    """Fields under the same arrays must take their values from the same elements; an inconsistent pair is
    refused without trying every combination."""
    inner = [{"x": str(i), "y": str(i + 1)} for i in range(60)]
    event = {"a": [{"b": inner, "k": str(j)} for j in range(60)], "c": [{"d": str(i)} for i in range(60)]}
    same_element = {"a": {"b": {"x": ["7"], "y": ["8"]}, "k": ["59"]}, "c": {"d": ["59"]}}
    other_elements = {"a": {"b": {"x": ["7"], "y": ["9"]}, "k": ["59"]}, "c": {"d": ["59"]}}
    assert match_in_child(same_element, event) == "True"
    assert match_in_child(other_elements, event) == "False"


@pytest.mark.parametrize(
    ("wildcard", "value", "expected"),
    [
        ("*a*b", "a" * 250_000, "False"),  # quadratic in a backtracking regex
        ("*a*a*b", "a" * 250_000, "False"),  # as many stars as EventBridge's complexity limit allows here
        ("x*a*b*c", "x" + "ab" * 125_000 + "c", "True"),
        ("*a*b*c*d", "abc" * 83_000, "False"),
        ("a*b*c*d*e", "a" + "bcd" * 83_000 + "e", "True"),
    ],
)
def test_several_stars_in_one_wildcard_on_a_long_value(wildcard: str, value: str, expected: str) -> None:
    assert match_in_child({"detail": {"k": [{"wildcard": wildcard}]}}, {"detail": {"k": value}}) == expected


def test_an_event_nested_too_deeply_is_the_documented_value_error() -> None:
    nested: list[object] = ["v"]
    for _ in range(20_000):
        nested = [nested]  # arrays in arrays under a field the pattern reads: every level is walked
    pattern = {"a": {"x": ["v"]}}
    with pytest.raises(EventTooDeepError, match="too deeply") as caught:
        matches(pattern, {"a": {"x": nested}})
    assert isinstance(caught.value, ValueError)
    shallow: dict[str, object] = {"x": "v"}
    for _ in range(20_000):
        shallow = {"b": shallow}  # deep, but where the pattern does not read: not walked, no error
    assert matches(pattern, {"a": {"x": ["v"]}, "b": shallow})
    from ctrules import testing

    with pytest.raises(ValueError, match="too deeply"):  # the testing helpers say the same
        testing.matches(pattern, {"a": {"x": nested}})
    text = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ValueError, match="too deeply"):
        matches(pattern, '{"a": ' + text + "}")


def test_the_wildcard_pieces_follow_event_ruler_semantics() -> None:
    """The linear matcher agrees with the reference glob on tricky overlaps."""
    from ctrules.eventpattern.wildcard import compile_wildcard, wildcard_match

    cases = ["*", "a*", "*a", "a*a", "*aa*", "ab*ba", "a*b*a", "*ab*ab*", "\\\\*x", "a\\*b*", "*b*", "x"]
    values = ["", "a", "aa", "aba", "abba", "ababab", "aab", "*x", "\\x", "a*bc", "ba", "bab"]
    for w in cases:
        test = compile_wildcard(w)
        for v in values:
            assert test(v) == bool(wildcard_match(w, v)), (w, v)
