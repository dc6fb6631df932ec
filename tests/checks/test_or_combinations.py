"""``$or`` past MAX_BRANCHES combinations: every alternative checked, no finding turned into silence."""

from __future__ import annotations

from typing import Any

import pytest

from ctrules.checks import ERROR, WARNING, PatternChecker, RuleContext, check_pattern
from ctrules.checks.analysis import MAX_BRANCHES, alternatives_count, chain_branches, covering_branches
from ctrules.checks.engine import _small_repr as small_repr

CTX = RuleContext(region="us-east-1")
S3_NAMES = ["CreateBucket", "DeleteBucket", "PutBucketPolicy", "PutBucketAcl", "PutBucketTagging"]
HEAD = {"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"]}


def _errors(findings: list[Any], code: str = "CTR003") -> set[str]:
    return {f.path for f in findings if f.code == code and f.severity == ERROR}


@pytest.mark.parametrize("n", [10, MAX_BRANCHES, MAX_BRANCHES + 1, 70, 128, 10_000])
def test_typo_in_the_last_alternative_is_an_error(n: int) -> None:
    alternatives = [{"detail": {"eventName": [S3_NAMES[i % len(S3_NAMES)]]}} for i in range(n)]
    alternatives[-1] = {"detail": {"eventName": ["CreateBuckett"]}}
    found = check_pattern({**HEAD, "$or": alternatives}, CTX)
    assert _errors(found) == {f"$.$or[{n - 1}].detail.eventName[0]"}


@pytest.mark.parametrize("n", [8, 12, 100])
def test_typo_shared_by_every_combination_stays_an_error(n: int) -> None:
    """Two ``$or`` lists side by side (n*n combinations: 64, 144, 10,000) and a typo outside both."""
    pattern = {
        **HEAD,
        "$or": [{"detail": {"userIdentity": {"type": [f"T{i}"]}}} for i in range(n)],
        "detail": {"eventName": ["CreateBuckett"], "$or": [{"awsRegion": [f"us-east-{i % 2 + 1}"]} for i in range(n)]},
    }
    assert alternatives_count(pattern, cap=10**9) == n * n
    assert _errors(check_pattern(pattern, CTX)) == {"$.detail.eventName[0]"}


@pytest.mark.parametrize("n", [3, 100])
def test_value_wrong_in_some_combinations_only_is_a_warning(n: int) -> None:
    """DeleteTrial fits aws.sagemaker but, under aws.cloudtrail, provably misspells DeleteTrail; the sources sit in
    another ``$or``: the rule can fire."""
    pattern = {
        "detail-type": ["AWS API Call via CloudTrail"],
        "$or": [{"source": ["aws.cloudtrail"]}, {"source": ["aws.sagemaker"]}],
        "detail": {"$or": [{"eventName": ["StopLogging"]}] + [{"eventName": ["DeleteTrial"]}] * n},
    }
    found = check_pattern(pattern, CTX)
    assert not [f for f in found if f.severity == ERROR]
    warned = [f for f in found if f.severity == WARNING and f.path.startswith("$.detail.$or[")]
    assert warned
    if n > MAX_BRANCHES:
        demoted = next(f for f in warned if "combinations that were not checked" in f.message)
        assert "DeleteTrial" in demoted.message
        assert f"{2 * (n + 1) - (n + 1):,} of {2 * (n + 1):,}" in demoted.message


def test_covering_branches_hold_every_alternative_and_grow_linearly() -> None:
    n = 500
    pattern = {
        **HEAD,
        "$or": [{"detail": {"eventName": [f"E{i}"]}} for i in range(n)],
        "detail": {"$or": [{"awsRegion": [f"r{i}"]} for i in range(n)]},
    }
    cover = covering_branches(pattern)
    assert len(cover) == n
    seen = {jpath for b in cover for _, jpath in b.fields.values()}
    for i in range(n):
        assert f"$.$or[{i}].detail.eventName" in seen
        assert f"$.detail.$or[{i}].awsRegion" in seen


def test_chain_branches_keep_the_fields_around_an_alternative_and_drop_other_or() -> None:
    pattern = {
        **HEAD,
        "$or": [
            {"detail": {"eventName": ["A"], "$or": [{"awsRegion": ["x"]}, {"awsRegion": ["y"]}]}},
            {"account": ["1"]},
        ],
        "detail": {"$or": [{"eventSource": ["s3.amazonaws.com"]}, {"eventSource": ["ec2.amazonaws.com"]}]},
    }
    chains = chain_branches(pattern)
    assert set(chains) == {"$", "$.$or[0]", "$.$or[1]", "$.$or[0].detail.$or[0]", "$.$or[0].detail.$or[1]",
                           "$.detail.$or[0]", "$.detail.$or[1]"}  # fmt: skip
    inner = chains["$.$or[0].detail.$or[1]"].fields
    assert inner[("detail", "eventName")][0] == ["A"]
    assert inner[("detail", "awsRegion")][0] == ["y"]
    assert ("source",) in inner
    assert ("detail", "eventSource") not in inner  # another $or, left out
    assert ("account",) not in chains["$.$or[0]"].fields


def test_checker_does_not_remember_a_pattern_that_shares_objects_many_times() -> None:
    """An alias bomb as the Python API could receive it: 2**40 leaves reachable, a few objects in memory."""
    node: Any = ["x"]
    for _ in range(40):
        node = [node, node]
    assert small_repr({"detail": {"eventName": node}}) is None
    assert small_repr(HEAD) == repr(HEAD)


@pytest.mark.slow
def test_checker_answers_the_same_with_and_without_memory() -> None:
    checker = PatternChecker()
    pattern = {**HEAD, "$or": [{"detail": {"eventName": [f"Bad{i}"]}} for i in range(5000)]}
    assert small_repr(pattern) is None
    assert checker.check(pattern, CTX) == check_pattern(pattern, CTX)
