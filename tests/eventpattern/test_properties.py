"""Property tests: every pattern CTR009's validator accepts can be matched against any event without error,
every pattern it refuses is refused by the matcher, and the checks' leaf evaluation agrees with the matcher."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrules.eventpattern import validate_pattern
from ctrules.eventpattern.leaf import leaf_matches
from ctrules.eventpattern.match import InvalidPatternError, compile_pattern, matches

KEYS = st.sampled_from(["a", "b", "c", "a.b", "$or", "prefix", "detail"])
TEXT = st.text(alphabet="ab*\\.:/0123456789ßİK", max_size=8)
NUMBER = st.one_of(
    st.integers(min_value=-(10**13), max_value=10**13),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0, 5e9, -5e9, 5e9 + 1, 301.8, 1e-7]),
)
SCALAR = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
CIDR = st.one_of(
    st.sampled_from(["10.0.0.0/24", "220.160.154.255/24", "2001:db8::1/64", "::/0", "10.0.0.0/33", "1.2.3/8"]),
    TEXT,
)
OPERAND = st.one_of(
    st.fixed_dictionaries({"prefix": st.one_of(TEXT, st.fixed_dictionaries({"equals-ignore-case": TEXT}))}),
    st.fixed_dictionaries({"suffix": st.one_of(TEXT, st.fixed_dictionaries({"equals-ignore-case": TEXT}), NUMBER)}),
    st.fixed_dictionaries({"equals-ignore-case": st.one_of(TEXT, NUMBER)}),
    st.fixed_dictionaries({"wildcard": TEXT}),
    st.fixed_dictionaries({"exists": st.one_of(st.booleans(), TEXT)}),
    st.fixed_dictionaries({"cidr": CIDR}),
    st.fixed_dictionaries(
        {"numeric": st.lists(st.one_of(st.sampled_from(["=", "<", "<=", ">", ">="]), NUMBER, TEXT), max_size=5)}
    ),
    st.fixed_dictionaries(
        {
            "anything-but": st.one_of(
                SCALAR,
                st.lists(st.one_of(TEXT, NUMBER), max_size=3),
                st.dictionaries(
                    st.sampled_from(["prefix", "suffix", "equals-ignore-case", "wildcard", "nope"]),
                    st.one_of(TEXT, st.lists(TEXT, max_size=3)),
                    min_size=1,
                    max_size=2,
                ),
            )
        }
    ),
    st.dictionaries(st.sampled_from(["prefix", "numeric", "Ref", "unknown"]), SCALAR, max_size=2),
)
LEAF = st.lists(st.one_of(SCALAR, OPERAND), min_size=0, max_size=4)
PATTERN: st.SearchStrategy[Any] = st.recursive(
    st.dictionaries(KEYS, LEAF, min_size=0, max_size=3),
    lambda inner: st.one_of(
        st.dictionaries(KEYS, st.one_of(LEAF, inner), min_size=1, max_size=3),
        st.builds(lambda alts, rest: {**rest, "$or": alts}, st.lists(inner, min_size=1, max_size=3), inner),
    ),
    max_leaves=8,
)
EVENT: st.SearchStrategy[Any] = st.recursive(
    st.dictionaries(KEYS, SCALAR, max_size=3),
    lambda inner: st.dictionaries(KEYS, st.one_of(SCALAR, inner, st.lists(st.one_of(inner, SCALAR), max_size=3))),
    max_leaves=10,
)


@pytest.mark.slow
@settings(max_examples=400)
@given(PATTERN, st.lists(EVENT, min_size=1, max_size=3))
def test_accepted_patterns_match_without_error_and_refused_ones_raise(pattern: Any, events: list[Any]) -> None:
    problems = validate_pattern(pattern)
    if problems:
        try:
            compile_pattern(pattern)
        except InvalidPatternError as exc:
            assert exc.problems == problems
        else:
            raise AssertionError(f"the matcher accepted a pattern CTR009 refuses: {pattern!r}")
        return
    compiled = compile_pattern(pattern)
    for event in events:
        assert compiled.matches(event) in (True, False)


@settings(max_examples=400, deadline=None)
@given(LEAF, TEXT)
def test_leaf_evaluation_is_the_matcher(leaf: list[Any], value: str) -> None:
    pattern = {"f": leaf}
    if validate_pattern(pattern):
        return
    verdict = leaf_matches(leaf, value)
    if verdict is not None:
        assert verdict is matches(pattern, {"f": value})
