"""Tests for ctrules.eventpattern.validate: EventBridge pattern validity, leaf matching and token skipping."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrules.eventpattern import SyntaxProblem, is_token, validate_pattern
from ctrules.eventpattern.leaf import leaf_accepts, leaf_matches
from ctrules.eventpattern.vocab import OPERATORS
from tests.eventpattern.aws_cases import load_aws_cases

# The AWS-validated cases are test data of the repository (tests/eventpattern/aws): a missing file fails.
CASES: list[dict[str, Any]] = load_aws_cases()

CDK_NUMBER_TOKEN = -1.8881545897087626e289


def paths(pattern: object) -> list[str]:
    """The paths of all problems reported for ``pattern``."""
    return [problem.path for problem in validate_pattern(pattern)]


# ------------------------------------------------------------------------------------------------------------
# Conformance: EventBridge's own verdicts
# ------------------------------------------------------------------------------------------------------------


def test_conformance_file_shape() -> None:
    assert len(CASES) == 155
    assert sum(case["expect"] == "invalid" for case in CASES) == 38


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_conformance_validity(case: dict[str, Any]) -> None:
    problems = validate_pattern(case["pattern"])
    if case["expect"] == "invalid":
        assert problems, "EventBridge rejects this pattern"
    else:
        assert problems == [], "EventBridge accepts this pattern"
    for problem in problems:
        assert isinstance(problem, SyntaxProblem)
        assert problem.path.startswith("$")
        assert problem.message
        assert problem.fix


def _single_string_leaf(case: dict[str, Any]) -> tuple[list[object], str] | None:
    """(leaf, event value) when the pattern has one plain nested leaf whose event value is a string."""
    node: object = case["pattern"]
    keys: list[str] = []
    while isinstance(node, dict):
        if len(node) != 1:
            return None
        ((key, node),) = node.items()
        if key == "$or" or "." in key:
            return None
        keys.append(key)
    if not isinstance(node, list):
        return None
    value: object = case["event"]
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return (node, value) if isinstance(value, str) else None


MATCH_CASES = [
    (case["id"], *found, case["expect"])
    for case in CASES
    if case["expect"] != "invalid" and (found := _single_string_leaf(case)) is not None
]


def test_conformance_match_replay_covers_operators() -> None:
    assert len(MATCH_CASES) > 40


@pytest.mark.parametrize(("leaf", "value", "expect"), [c[1:] for c in MATCH_CASES], ids=[c[0] for c in MATCH_CASES])
def test_conformance_leaf_matches(leaf: list[object], value: str, expect: bool) -> None:
    result = leaf_matches(leaf, value)
    assert result is None or result is expect


# ------------------------------------------------------------------------------------------------------------
# Our own valid / invalid tables
# ------------------------------------------------------------------------------------------------------------

STACKS = ["SharedStack", "MonitoringStack", "ApiStack", "DataStack", "EdgeStack", "AuthStack"]


def stack_wildcards(names: list[str]) -> list[object]:
    return [{"wildcard": f"*:stack/{name}/*"} for name in names]


VALID: list[tuple[str, object]] = [
    ("minimal", {"source": ["aws.s3"]}),
    (
        "cloudtrail",
        {
            "source": ["aws.s3"],
            "detail-type": ["AWS API Call via CloudTrail"],
            "detail": {"eventSource": ["s3.amazonaws.com"], "eventName": ["PutObject", {"prefix": "Delete"}]},
        },
    ),
    ("scalars", {"a": ["x", 1, 2.5, True, False, None, ""]}),
    ("account-number", {"account": [123456789012]}),
    ("prefix-empty", {"a": [{"prefix": ""}]}),
    ("prefix-ignore-case", {"a": [{"prefix": {"equals-ignore-case": "put"}}]}),
    ("suffix-ignore-case", {"a": [{"suffix": {"equals-ignore-case": ".PNG"}}]}),
    ("equals-ignore-case", {"a": [{"equals-ignore-case": "Alice"}]}),
    ("equals-ignore-case-empty", {"a": [{"equals-ignore-case": ""}]}),
    ("wildcard", {"a": [{"wildcard": "arn:aws:s3:::bucket/*"}]}),
    ("wildcard-escapes", {"a": [{"wildcard": "a\\*b\\\\c*"}]}),
    ("wildcard-empty", {"a": [{"wildcard": ""}]}),
    ("wildcard-three-stacks", {"detail": {"stack-id": stack_wildcards(STACKS[:3])}}),
    ("wildcard-repeating", {"a": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}),
    # data points reported by EventBridge users: accepted sets of wildcards
    (
        "wildcard-four-extensions",
        {"key": [{"wildcard": f"*.{ext}"} for ext in ("bif", "tiff", "tif", "svs")]},
    ),
    ("wildcard-two-folders", {"key": [{"wildcard": f"*/datasync/*.{ext}"} for ext in ("bif", "tif")]}),
    ("anything-but-string", {"a": [{"anything-but": "x"}]}),
    ("anything-but-empty-string", {"a": [{"anything-but": ""}]}),
    ("anything-but-number", {"a": [{"anything-but": -5e9}]}),
    ("anything-but-strings", {"a": [{"anything-but": ["x", "y"]}]}),
    ("anything-but-numbers", {"a": [{"anything-but": [1, 2.5]}]}),
    ("anything-but-prefix-list", {"a": [{"anything-but": {"prefix": ["a", "b"]}}]}),
    ("anything-but-suffix", {"a": [{"anything-but": {"suffix": ".txt"}}]}),
    ("anything-but-ignore-case-list", {"a": [{"anything-but": {"equals-ignore-case": ["A", "b"]}}]}),
    ("anything-but-wildcard-list", {"a": [{"anything-but": {"wildcard": ["*/lib/*", "*.jar"]}}]}),
    ("anything-but-wildcard-empty", {"a": [{"anything-but": {"wildcard": ""}}]}),
    ("numeric-equals", {"a": [{"numeric": ["=", 5]}]}),
    ("numeric-less", {"a": [{"numeric": ["<", 0]}]}),
    ("numeric-limit", {"a": [{"numeric": [">=", -5_000_000_000]}]}),
    ("numeric-range", {"a": [{"numeric": [">", 0, "<", 1]}]}),
    ("numeric-range-float", {"a": [{"numeric": [">=", 1.5, "<=", 2]}]}),
    ("exists-true", {"a": [{"exists": True}]}),
    ("exists-false", {"a": [{"exists": False}]}),
    ("cidr-v4", {"ip": [{"cidr": "10.0.0.0/24"}]}),
    ("cidr-all", {"ip": [{"cidr": "0.0.0.0/0"}]}),
    ("cidr-host-bits", {"ip": [{"cidr": "10.0.0.1/24"}]}),
    ("cidr-v6", {"ip": [{"cidr": "2001:db8::/64"}]}),
    ("or-root", {"source": ["aws.s3"], "$or": [{"a": ["x"]}, {"b": ["y"]}]}),
    ("or-nested", {"detail": {"$or": [{"a": ["x"]}, {"b": {"$or": [{"c": ["1"]}, {"d": ["2"]}]}}]}}),
    ("operator-name-as-field", {"detail": {"prefix": ["x"], "anything-but": ["y"]}}),
    ("dotted-field", {"detail": {"state.status": ["running"]}}),
    ("multiple-operators", {"a": [{"exists": True}, {"prefix": "x"}, "y"]}),
]

INVALID: list[tuple[str, object, str]] = [
    ("not-an-object", "source", "$"),
    ("list-pattern", [{"source": ["x"]}], "$"),
    ("null-pattern", None, "$"),
    ("empty-pattern", {}, "$"),
    ("empty-nested", {"detail": {}}, "$.detail"),
    ("string-leaf", {"source": "aws.ec2"}, "$.source"),
    ("bool-leaf", {"a": True}, "$.a"),
    ("empty-list", {"source": []}, "$.source"),
    ("nested-list", {"source": [["a"]]}, "$.source[0]"),
    ("nan", {"n": [float("nan")]}, "$.n[0]"),
    ("not-json", {"a": [object()]}, "$.a[0]"),
    ("non-string-key", {1: ["a"]}, "$"),
    ("operator-as-field", {"source": {"prefix": "aws."}}, "$.source.prefix"),
    ("empty-match-object", {"a": [{}]}, "$.a[0]"),
    ("two-operators", {"a": [{"prefix": "a", "suffix": "b"}]}, "$.a[0]"),
    ("typo", {"detail": {"eventName": [{"prefixx": "Put"}]}}, "$.detail.eventName[0].prefixx"),
    ("regex", {"a": [{"regex": "^a"}]}, "$.a[0].regex"),
    ("exactly", {"a": [{"exactly": "a"}]}, "$.a[0].exactly"),
    ("prefix-object", {"a": [{"prefix": {"wildcard": "a"}}]}, "$.a[0].prefix"),
    (
        "prefix-ignore-case-number",
        {"a": [{"prefix": {"equals-ignore-case": 1}}]},
        "$.a[0].prefix.equals-ignore-case",
    ),
    ("prefix-null", {"a": [{"prefix": None}]}, "$.a[0].prefix"),
    ("suffix-list", {"a": [{"suffix": [".png"]}]}, "$.a[0].suffix"),
    ("equals-ignore-case-number", {"a": [{"equals-ignore-case": 5}]}, "$.a[0].equals-ignore-case"),
    ("exists-string", {"a": [{"exists": "true"}]}, "$.a[0].exists"),
    ("exists-number", {"a": [{"exists": 1}]}, "$.a[0].exists"),
    ("cidr-32", {"ip": [{"cidr": "10.0.0.1/32"}]}, "$.ip[0].cidr"),
    ("cidr-33", {"ip": [{"cidr": "10.0.0.0/33"}]}, "$.ip[0].cidr"),
    ("cidr-v6-128", {"ip": [{"cidr": "2001:db8::1/128"}]}, "$.ip[0].cidr"),
    ("cidr-octet", {"ip": [{"cidr": "300.0.0.0/8"}]}, "$.ip[0].cidr"),
    ("cidr-no-slash", {"ip": [{"cidr": "10.0.0.0"}]}, "$.ip[0].cidr"),
    ("cidr-two-slashes", {"ip": [{"cidr": "10.0.0.0/8/8"}]}, "$.ip[0].cidr"),
    ("cidr-negative", {"ip": [{"cidr": "10.0.0.0/-1"}]}, "$.ip[0].cidr"),
    ("cidr-mask-text", {"ip": [{"cidr": "10.0.0.0/a"}]}, "$.ip[0].cidr"),
    ("cidr-number", {"ip": [{"cidr": 10}]}, "$.ip[0].cidr"),
    ("numeric-empty", {"a": [{"numeric": []}]}, "$.a[0].numeric"),
    ("numeric-double-equals", {"a": [{"numeric": ["==", 5]}]}, "$.a[0].numeric[0]"),
    ("numeric-number-first", {"a": [{"numeric": [5, "<"]}]}, "$.a[0].numeric[0]"),
    ("numeric-quoted", {"a": [{"numeric": ["=", "5"]}]}, "$.a[0].numeric[1]"),
    ("numeric-bool", {"a": [{"numeric": ["=", True]}]}, "$.a[0].numeric[1]"),
    ("numeric-upper-first", {"a": [{"numeric": ["<", 5, ">", 1]}]}, "$.a[0].numeric"),
    ("numeric-inverted", {"a": [{"numeric": [">", 5, "<", 1]}]}, "$.a[0].numeric"),
    ("numeric-empty-range", {"a": [{"numeric": [">=", 5, "<=", 5]}]}, "$.a[0].numeric"),
    ("numeric-too-many", {"a": [{"numeric": [">", 1, "<", 5, "<", 6]}]}, "$.a[0].numeric"),
    ("numeric-too-large", {"a": [{"numeric": [">", 6e9]}]}, "$.a[0].numeric[1]"),
    ("numeric-huge-int", {"a": [{"numeric": ["<", 10**40]}]}, "$.a[0].numeric[1]"),
    ("numeric-infinite", {"a": [{"numeric": ["<", float("inf")]}]}, "$.a[0].numeric[1]"),
    ("numeric-dangling", {"a": [{"numeric": [">"]}]}, "$.a[0].numeric"),
    ("numeric-equals-extra", {"a": [{"numeric": ["=", 1, 2]}]}, "$.a[0].numeric"),
    ("numeric-bad-second", {"a": [{"numeric": [">", 1, "=", 2]}]}, "$.a[0].numeric[2]"),
    ("anything-but-empty-list", {"a": [{"anything-but": []}]}, "$.a[0].anything-but"),
    ("anything-but-mixed", {"a": [{"anything-but": [1, "a"]}]}, "$.a[0].anything-but"),
    ("anything-but-bool", {"a": [{"anything-but": True}]}, "$.a[0].anything-but"),
    ("anything-but-bool-item", {"a": [{"anything-but": ["a", False]}]}, "$.a[0].anything-but[1]"),
    ("anything-but-too-large", {"a": [{"anything-but": 6e9}]}, "$.a[0].anything-but"),
    ("anything-but-empty-object", {"a": [{"anything-but": {}}]}, "$.a[0].anything-but"),
    (
        "anything-but-two-keys",
        {"a": [{"anything-but": {"prefix": "a", "suffix": "b"}}]},
        "$.a[0].anything-but",
    ),
    ("anything-but-exists", {"a": [{"anything-but": {"exists": True}}]}, "$.a[0].anything-but.exists"),
    ("anything-but-numeric", {"a": [{"anything-but": {"numeric": [">", 1]}}]}, "$.a[0].anything-but.numeric"),
    (
        "anything-but-double-star",
        {"a": [{"anything-but": {"wildcard": "a**"}}]},
        "$.a[0].anything-but.wildcard",
    ),
    (
        "anything-but-bad-escape",
        {"a": [{"anything-but": {"wildcard": ["ok*", "a\\x"]}}]},
        "$.a[0].anything-but.wildcard[1]",
    ),
    (
        "anything-but-empty-suffix",
        {"a": [{"anything-but": {"suffix": ["x", ""]}}]},
        "$.a[0].anything-but.suffix[1]",
    ),
    ("wildcard-bad-escape", {"a": [{"wildcard": "a\\b"}]}, "$.a[0].wildcard"),
    ("wildcard-trailing-backslash", {"a": [{"wildcard": "a\\"}]}, "$.a[0].wildcard"),
    ("wildcard-double-star", {"a": [{"wildcard": "a**"}]}, "$.a[0].wildcard"),
    ("wildcard-list", {"a": [{"wildcard": ["a*"]}]}, "$.a[0].wildcard"),
    ("wildcard-too-complex", {"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}, "$.a[0].wildcard"),
    ("wildcard-four-stacks", {"detail": {"stack-id": stack_wildcards(STACKS[:4])}}, "$.detail.stack-id"),
    (
        "wildcard-four-folders",
        {"key": [{"wildcard": f"*/datasync/*.{ext}"} for ext in ("bif", "tiff", "tif", "svs")]},
        "$.key",
    ),
    (
        "wildcard-or-shared-field",
        {
            "$or": [
                {"detail": {"stack-id": stack_wildcards(STACKS[:3])}},
                {"detail": {"stack-id": stack_wildcards(STACKS[3:])}},
            ]
        },
        "$.$or[0].detail.stack-id",
    ),
    ("or-not-list", {"$or": {"a": ["x"]}}, "$.$or"),
    ("or-single", {"$or": [{"a": ["x"]}]}, "$.$or"),
    ("or-empty-list", {"$or": []}, "$.$or"),
    ("or-non-object", {"$or": [{"a": ["x"]}, ["b"]]}, "$.$or[1]"),
    ("or-empty-object", {"$or": [{"a": ["x"]}, {}]}, "$.$or[1]"),
    ("or-reserved", {"$or": [{"prefix": ["x"]}, {"b": ["y"]}]}, "$.$or[0].prefix"),
    ("or-reserved-deep", {"$or": [{"detail": {"numeric": ["x"]}}, {"b": ["y"]}]}, "$.$or[0].detail.numeric"),
    ("or-bad-leaf", {"detail": {"$or": [{"a": "x"}, {"b": ["y"]}]}}, "$.detail.$or[0].a"),
    ("odd-key-path", {"detail": {"state.status": []}}, '$.detail["state.status"]'),
]


@pytest.mark.parametrize("pattern", [case[1] for case in VALID], ids=[case[0] for case in VALID])
def test_valid_patterns(pattern: object) -> None:
    assert validate_pattern(pattern) == []


@pytest.mark.parametrize(("pattern", "path"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_patterns(pattern: object, path: str) -> None:
    problems = validate_pattern(pattern)
    assert path in [problem.path for problem in problems], problems
    assert all(problem.message and problem.fix for problem in problems)


def test_all_problems_are_reported() -> None:
    pattern = {"a": [], "b": "x", "c": [{"prefix": 1}, {"suffix": 2}]}
    assert paths(pattern) == ["$.a", "$.b", "$.c[0].prefix", "$.c[1].suffix"]


@pytest.mark.parametrize(
    ("operator", "hint"),
    [
        ("prefixx", '"prefix"'),
        ("EXISTS", '"exists"'),
        ("Numeric", '"numeric"'),
        ("anything_but", '"anything-but"'),
        ("anythingBut", '"anything-but"'),
        ("equalsIgnoreCase", '"equals-ignore-case"'),
        ("regex", "wildcard"),
        ("contains", "wildcard"),
    ],
)
def test_unknown_operator_hints(operator: str, hint: str) -> None:
    (problem,) = validate_pattern({"a": [{operator: "x"}]})
    assert operator in problem.message
    assert hint in problem.fix


def test_messages_quote_bad_values_and_fixes_are_concrete() -> None:
    (problem,) = validate_pattern({"source": "aws.ec2"})
    assert '"aws.ec2"' in problem.message
    assert problem.fix == 'wrap it in a list: "source": ["aws.ec2"]'
    (problem,) = validate_pattern({"source": {"prefix": "aws."}})
    assert '"source": [{"prefix": "aws."}]' in problem.fix
    (problem,) = validate_pattern({"a": [{"numeric": ["==", 5]}]})
    assert '"=="' in problem.message
    assert 'did you mean "="' in problem.fix
    (problem,) = validate_pattern({"a": [{"exists": "false"}]})
    assert '{"exists": false}' in problem.fix
    (problem,) = validate_pattern({"a": [{"wildcard": "a**b"}]})
    assert '"a**b"' in problem.message


# ------------------------------------------------------------------------------------------------------------
# Tokens
# ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("${Token[TOKEN.123]}", True),
        ("arn:${Token[AWS.Partition.4]}:s3:::bucket", True),
        ("#{Token[TOKEN.12]}", True),
        ({"Ref": "AWS::AccountId"}, True),
        ({"Fn::GetAtt": ["Bucket", "Arn"]}, True),
        ({"Fn::Join": ["", ["a", "b"]]}, True),
        (CDK_NUMBER_TOKEN, True),
        ("${Token}", False),
        ("plain", False),
        ({"Ref": "x", "Other": 1}, False),
        ({"prefix": "a"}, False),
        (1.5, False),
        (123, False),
        (None, False),
        (["${Token[TOKEN.1]}"], False),
    ],
)
def test_is_token(value: object, expected: bool) -> None:
    assert is_token(value) is expected


@pytest.mark.parametrize(
    "pattern",
    [
        {"Fn::If": ["Cond", {"a": ["x"]}, {"b": ["y"]}]},
        {"source": "#{Token[TOKEN.5]}"},
        {"detail": {"bucket": {"name": ["${Token[TOKEN.12]}"]}}},
        {"account": [{"Ref": "AWS::AccountId"}]},
        {"a": [{"prefix": {"Fn::Join": ["", ["a", "b"]]}}]},
        {"a": [{"cidr": "${Token[TOKEN.9]}"}]},
        {"a": [{"numeric": [">", CDK_NUMBER_TOKEN, "<", 5]}]},
        {"a": [{"numeric": [">", {"Ref": "Min"}]}]},
        {"a": [{"wildcard": "arn:${Token[AWS.Partition.3]}:**"}]},
        {"a": [{"anything-but": {"prefix": ["${Token[TOKEN.1]}"]}}]},
        {"a": [{"anything-but": {"Ref": "Values"}}]},
        {"$or": [{"a": ["x"]}, {"Ref": "Branch"}]},
    ],
)
def test_tokens_are_skipped(pattern: object) -> None:
    assert validate_pattern(pattern) == []


# ------------------------------------------------------------------------------------------------------------
# leaf_matches
# ------------------------------------------------------------------------------------------------------------

LEAF_CASES: list[tuple[str, list[object], str, bool | None]] = [
    ("exact", ["CreateBucket"], "CreateBucket", True),
    ("exact-case", ["CreateBucket"], "createbucket", False),
    ("exact-or", ["A", "B"], "B", True),
    ("null", [None], "null", False),
    ("number", [1], "1", False),
    ("bool", [True], "true", False),
    ("prefix", [{"prefix": "Put"}], "PutObject", True),
    ("prefix-no", [{"prefix": "Put"}], "GetObject", False),
    ("prefix-empty", [{"prefix": ""}], "anything", True),
    ("prefix-case", [{"prefix": "put"}], "PutObject", False),
    ("prefix-ignore-case", [{"prefix": {"equals-ignore-case": "put"}}], "PutObject", True),
    ("prefix-ignore-case-no", [{"prefix": {"equals-ignore-case": "get"}}], "PutObject", False),
    ("suffix", [{"suffix": "Policy"}], "PutBucketPolicy", True),
    ("suffix-no", [{"suffix": "Policy"}], "PutBucketAcl", False),
    ("suffix-ignore-case", [{"suffix": {"equals-ignore-case": "POLICY"}}], "PutBucketPolicy", True),
    ("suffix-ignore-case-no", [{"suffix": {"equals-ignore-case": "ACL"}}], "PutBucketPolicy", False),
    ("equals-ignore-case", [{"equals-ignore-case": "createbucket"}], "CreateBucket", True),
    ("equals-ignore-case-no", [{"equals-ignore-case": "create"}], "CreateBucket", False),
    ("wildcard-prefix", [{"wildcard": "Put*"}], "PutObject", True),
    ("wildcard-suffix", [{"wildcard": "*Object"}], "PutObject", True),
    ("wildcard-middle", [{"wildcard": "Put*Policy"}], "PutBucketPolicy", True),
    ("wildcard-middle-no", [{"wildcard": "Put*Policy"}], "PutBucketAcl", False),
    ("wildcard-empty-run", [{"wildcard": "a*b"}], "ab", True),
    ("wildcard-star-alone", [{"wildcard": "*"}], "", True),
    ("wildcard-exact", [{"wildcard": "abc"}], "abcd", False),
    ("wildcard-escaped-star", [{"wildcard": "a\\*b"}], "a*b", True),
    ("wildcard-escaped-star-no", [{"wildcard": "a\\*b"}], "axb", False),
    ("wildcard-escaped-backslash", [{"wildcard": "a\\\\b*"}], "a\\bc", True),
    ("wildcard-backtracking", [{"wildcard": "*ab*ab"}], "xabyabab", True),
    ("exists-true", [{"exists": True}], "x", True),
    ("exists-false", [{"exists": False}], "x", False),
    ("anything-but-string", [{"anything-but": "Get"}], "Put", True),
    ("anything-but-string-no", [{"anything-but": "Get"}], "Get", False),
    ("anything-but-list", [{"anything-but": ["Get", "List"]}], "Put", True),
    ("anything-but-list-no", [{"anything-but": ["Get", "List"]}], "List", False),
    ("anything-but-prefix", [{"anything-but": {"prefix": "Get"}}], "PutObject", True),
    ("anything-but-prefix-no", [{"anything-but": {"prefix": "Get"}}], "GetObject", False),
    ("anything-but-prefix-list-no", [{"anything-but": {"prefix": ["Get", "List"]}}], "ListBuckets", False),
    ("anything-but-suffix", [{"anything-but": {"suffix": "Acl"}}], "PutObject", True),
    ("anything-but-suffix-no", [{"anything-but": {"suffix": "Acl"}}], "PutBucketAcl", False),
    ("anything-but-ignore-case", [{"anything-but": {"equals-ignore-case": "get"}}], "Put", True),
    ("anything-but-ignore-case-no", [{"anything-but": {"equals-ignore-case": ["get", "x"]}}], "GET", False),
    ("anything-but-wildcard", [{"anything-but": {"wildcard": "Get*"}}], "PutObject", True),
    ("anything-but-wildcard-no", [{"anything-but": {"wildcard": ["Get*", "*Acl"]}}], "PutBucketAcl", False),
    ("anything-but-number", [{"anything-but": 5}], "x", True),  # another type is never excluded
    ("anything-but-numbers", [{"anything-but": [5, 6]}], "x", True),
    ("numeric", [{"numeric": [">", 5]}], "10", False),  # numeric never accepts a string
    ("cidr", [{"cidr": "10.0.0.0/8"}], "10.1.2.3", True),
    ("cidr-outside", [{"cidr": "10.0.0.0/8"}], "11.1.2.3", False),
    ("cidr-host-bits", [{"cidr": "10.1.2.255/24"}], "10.1.2.3", True),
    ("numeric-then-exact", [{"numeric": [">", 5]}, "x"], "x", True),
    ("numeric-or-no", [{"numeric": [">", 5]}, "x"], "y", False),
    ("cidr-or-prefix", [{"cidr": "10.0.0.0/8"}, {"prefix": "a"}], "abc", True),
    ("token-item", ["${Token[TOKEN.1]}"], "x", None),
    ("token-operand", [{"prefix": {"Ref": "P"}}], "x", None),
    ("unknown-operator", [{"foo": "x"}], "x", None),
    ("two-keys", [{"prefix": "a", "suffix": "b"}], "ab", None),
    ("empty-leaf", [], "x", False),
]


@pytest.mark.parametrize(
    ("leaf", "value", "expected"), [case[1:] for case in LEAF_CASES], ids=[case[0] for case in LEAF_CASES]
)
def test_leaf_matches(leaf: list[object], value: str, expected: bool | None) -> None:
    assert leaf_matches(leaf, value) is expected


def test_leaf_matches_rejects_non_list_and_non_string() -> None:
    assert leaf_matches("x", "x") is None  # type: ignore[arg-type]
    assert leaf_matches(["x"], 1) is None  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------------------
# Robustness
# ------------------------------------------------------------------------------------------------------------

SPECIAL_STRINGS = st.sampled_from(
    ["*", "**", "a*b", "\\", "a\\*", "10.0.0.0/24", "1.2.3.4/99", "=", ">", "<=", "", "${Token[TOKEN.1]}"]
)
KEYS = st.text(max_size=6) | st.sampled_from([*OPERATORS, "$or", "NUMERIC", "Ref", "Fn::Join", "prefixx", "exactly"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | SPECIAL_STRINGS
)
WEIRD = st.builds(object) | st.binary(max_size=4) | st.sets(st.integers(), max_size=3) | st.complex_numbers()
JSON_LIKE = st.recursive(
    SCALARS | WEIRD,
    lambda children: (
        st.lists(children, max_size=5)
        | st.tuples(children, children)
        | st.dictionaries(KEYS, children, max_size=5)
        | st.dictionaries(st.integers() | st.none(), children, max_size=2)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(JSON_LIKE)
def test_validate_pattern_never_raises(value: object) -> None:
    for pattern in (value, {"detail": value}, {"detail": {"eventName": [value]}}, {"$or": [value, value]}):
        problems = validate_pattern(pattern)
        assert isinstance(problems, list)
        assert all(isinstance(problem, SyntaxProblem) for problem in problems)
        assert all(isinstance(problem.path, str) and problem.path.startswith("$") for problem in problems)
        # the defensive catch-all in validate_pattern must never be what produced a problem
        assert not any("could not be fully checked" in problem.message for problem in problems)


@settings(max_examples=200, deadline=None)
@given(st.lists(JSON_LIKE, max_size=4), st.text(max_size=10))
def test_leaf_matches_never_raises(leaf: list[object], value: str) -> None:
    assert leaf_matches(leaf, value) in (True, False, None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab*:\\/", max_size=12), min_size=1, max_size=6))
def test_wildcard_operands_never_raise(patterns: list[str]) -> None:
    pattern = {"a": [{"wildcard": text} for text in patterns] + [{"anything-but": {"wildcard": patterns}}]}
    assert isinstance(validate_pattern(pattern), list)
    for text in patterns:
        assert leaf_matches([{"wildcard": text}], "ab:a*b") in (True, False, None)


def _deep(levels: int, leaf: object) -> dict[str, object]:
    pattern: dict[str, object] = {"x": leaf}
    for _ in range(levels):
        pattern = {"k": pattern}
    return pattern


def test_deep_nesting_is_fine() -> None:
    assert validate_pattern(_deep(5000, ["v"])) == []
    (problem,) = validate_pattern(_deep(3000, "v"))
    assert problem.path.endswith(".k.x")


def test_deep_nesting_with_wildcards_is_checked() -> None:
    problems = validate_pattern(_deep(3000, [{"wildcard": "*:*:*:*:*:event-bus/*"}]))
    assert len(problems) == 1
    assert "too complex" in problems[0].message


def _nested_or(levels: int) -> dict[str, object]:
    pattern: dict[str, object] = {"a": ["x"]}
    for _ in range(levels):
        pattern = {"$or": [pattern, {"b": ["y"]}]}
    return pattern


def test_deep_or_nesting() -> None:
    assert validate_pattern(_nested_or(999)) == []  # 1,000 rule combinations: EventBridge's limit
    # 2,001 combinations, counted without recursion however deep: one problem, the limit.
    (problem,) = validate_pattern(_nested_or(2000))
    assert problem.limit and "2,001 rule combinations" in problem.message


@pytest.mark.parametrize(
    ("lists", "valid"),
    [
        ((1000,), True),
        ((1001,), False),
        ((10, 10, 10), True),
        ((11, 11, 11), False),
        ((2,) * 9, True),
        ((2,) * 10, False),
    ],
)
def test_or_combinations_are_limited_to_a_thousand(lists: tuple[int, ...], valid: bool) -> None:
    """EventBridge rejects a pattern whose $or lists expand to over 1,000 rule combinations (user guide, content
    filtering, "$or matching"); lists side by side multiply."""
    pattern: dict[str, object] = {"source": ["aws.s3"]}
    node = pattern
    for depth, n in enumerate(lists):
        node["$or"] = [{f"f{depth}_{i}": ["v"]} for i in range(n)]
        node["next"] = node = {}
    node["leaf"] = ["v"]
    problems = validate_pattern(pattern)
    assert (problems == []) is valid
    if not valid:
        (problem,) = problems
        total = math.prod(lists)
        assert problem.limit and f"{total:,} rule combinations" in problem.message and "split the rule" in problem.fix


def test_html_is_no_reserved_name_inside_or() -> None:
    # event-ruler's reserved names (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP at 337e8d99) hold no "html".
    assert validate_pattern({"$or": [{"html": ["x"]}, {"b": ["y"]}]}) == []
    assert validate_pattern({"$or": [{"regex": ["x"]}, {"b": ["y"]}]}) != []


def test_deeply_nested_leaf_item() -> None:
    item: object = "x"
    for _ in range(3000):
        item = [item]
    assert paths({"a": [item]}) == ["$.a[0]"]


# ------------------------------------------------------------------------------------------------------------
# leaf_accepts (many candidates, each item parsed once) agrees with leaf_matches
# ------------------------------------------------------------------------------------------------------------

CANDIDATES = sorted({case[2] for case in LEAF_CASES} | {"", "PutObjectAcl", "GetBucketPolicy", "a*b", "ab"})


@pytest.mark.parametrize("leaf", [case[1] for case in LEAF_CASES], ids=[case[0] for case in LEAF_CASES])
def test_leaf_accepts_agrees_with_leaf_matches(leaf: list[object]) -> None:
    one_by_one = [leaf_matches(leaf, value) for value in CANDIDATES]
    expected = None if None in one_by_one else {v for v, m in zip(CANDIDATES, one_by_one, strict=True) if m}
    assert leaf_accepts(leaf, CANDIDATES) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*\\", max_size=10), st.text(alphabet="ab*\\", max_size=10))
def test_wildcard_matcher_agrees_with_the_linear_glob(pattern: str, value: str) -> None:
    from ctrules.eventpattern.wildcard import wildcard_match as _wildcard_match

    assert leaf_matches([{"wildcard": pattern}], value) is _wildcard_match(pattern, value)
    assert leaf_accepts([{"wildcard": pattern}], [value]) == (
        None if _wildcard_match(pattern, value) is None else {value} if _wildcard_match(pattern, value) else set()
    )
