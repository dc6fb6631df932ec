"""The matcher agrees with EventBridge's engine (aws/event-ruler) on every reference case.

The cases (tests/eventpattern/cases/*.jsonl) are patterns and events taken from the public tests of
aws/event-ruler and timbray/quamina and from the EventBridge user guide's examples; the expected result of
each was produced by event-ruler itself (see README.md). Documented differences between event-ruler and
EventBridge that the matcher follows are listed in README.md; none of the cases falls into them.
"""

from __future__ import annotations

import collections
import re
from typing import Any

import pytest

from ctrules.eventpattern import validate_pattern
from ctrules.eventpattern.match import InvalidPatternError, compile_pattern, matches

from .conftest import load_cases

CASES = load_cases()
SOURCE_RE = re.compile(
    r"^(github:(aws/event-ruler|timbray/quamina)/\S+@[0-9a-f]{40} \(.+\)|https://docs\.aws\.amazon\.com/\S+)$"
)


def test_case_files_are_well_formed() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert set(case) == {"id", "category", "pattern", "event", "expected", "source"}, case["id"]
        assert case["expected"] in (True, False, "invalid"), case["id"]
        assert SOURCE_RE.match(case["source"]), case["source"]


def test_cases_cover_the_hard_areas() -> None:
    counts = collections.Counter(case["category"] for case in CASES)
    for category, minimum in {
        "wildcard": 100,
        "anything-but-wildcard": 20,
        "cidr": 40,
        "array-of-objects": 100,
        "numeric": 30,
        "exists": 100,
        "equals-ignore-case": 50,
        "$or": 20,
        "anything-but": 50,
    }.items():
        assert counts[category] >= minimum, (category, counts[category])
    outcomes = collections.Counter(str(case["expected"]) for case in CASES)
    assert outcomes["True"] >= 300 and outcomes["False"] >= 300 and outcomes["invalid"] >= 50


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_reference_case(case: dict[str, Any]) -> None:
    if case["expected"] == "invalid":
        assert validate_pattern(case["pattern"]), f"CTR009 accepts a pattern event-ruler refuses ({case['source']})"
        with pytest.raises(InvalidPatternError):
            compile_pattern(case["pattern"])
        return
    assert validate_pattern(case["pattern"]) == [], case["source"]
    assert matches(case["pattern"], case["event"]) is case["expected"], case["source"]
