"""ctrules.checks.mistakes: when an unknown value is provably a slip of a known one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrules.checks.mistakes import edit_distance, iam_action, provable_slip, squash


def reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance over the whole matrix (no band, no cap)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@pytest.mark.slow
@settings(max_examples=1000)  # strings of a, b, c up to 10 long, limits 0-3
@given(st.text("abc", max_size=10), st.text("abc", max_size=10), st.integers(0, 3))
def test_the_banded_distance_equals_the_full_one_capped(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == min(reference_distance(a, b), limit + 1)


def test_edit_distance_counts_each_kind_of_edit_once() -> None:
    assert edit_distance("StopLogging", "StopLogging") == 0
    assert edit_distance("StopLoging", "StopLogging") == 1  # insert
    assert edit_distance("StopLoggging", "StopLogging") == 1  # delete
    assert edit_distance("StopLogxing", "StopLogging") == 1  # substitute
    assert edit_distance("StopLgoging", "StopLogging") == 1  # swap neighbours
    assert edit_distance("Stop", "StopLogging") == 3  # capped at limit + 1


def test_squash_and_iam_action() -> None:
    assert squash("Create_Account-Result x") == "createaccountresultx"
    assert iam_action("cloudtrail:StopLogging") == ("cloudtrail", "StopLogging")
    assert iam_action("StopLogging") is None
    assert iam_action("cloudtrail:*") is None


def test_a_slip_is_proved_only_for_a_near_miss_with_the_same_digits() -> None:
    names = ["StopLogging", "StartLogging", "PutObject", "GetObjectV2", "ListBuckets"]
    assert provable_slip("StopLoging", names) == "StopLogging"
    assert provable_slip("stop_logging", names) == "StopLogging"  # case and separators
    assert provable_slip("GetObjectV3", names) is None  # may be a newer version
    assert provable_slip("PutObj", names) is None  # two edits on a short name
    assert provable_slip("DescribeTrails", names) is None
    # Long names admit two edits.
    assert provable_slip("CreateAccessPointForObjectLamda", ["CreateAccessPointForObjectLambda"]) is not None


@pytest.mark.parametrize(
    ("value", "candidates", "slip"),
    [
        ("typ", ["type", "arn"], "type"),  # one letter left out of a 4-letter key
        ("tpye", ["type"], "type"),  # two neighbours swapped
        ("arnn", ["arn", "type"], "arn"),  # one letter added
        ("tye", ["type"], "type"),
        ("tipe", ["type"], None),  # a letter changed: another word may be meant
        ("ty", ["type"], None),  # too short to tell
        ("ar", ["arn"], None),
        ("ab1", ["ab12"], None),  # digits: a version, not a slip
        ("sourse", ["source", "detail"], "source"),
        ("detial", ["detail"], "detail"),
    ],
)
def test_short_values_slip_only_when_every_letter_is_kept(value: str, candidates: list[str], slip: str | None) -> None:
    assert provable_slip(value, candidates) == slip


def test_stray_slips_find_the_one_typo_in_a_list_of_one_service() -> None:
    from ctrules.checks.mistakes import stray_slips

    ct, sm = frozenset({"cloudtrail.amazonaws.com"}), frozenset({"sagemaker.amazonaws.com"})
    assert stray_slips([("StopLogging", ct), ("DeleteTrial", sm), ("UpdateTrail", ct)]) == [(1, "DeleteTrail")]
    assert stray_slips([("StopLogging", ct), ("DeleteTrail", ct)]) == []
    # Many services each named once: a list that spans services on purpose.
    iam, ec2 = frozenset({"iam.amazonaws.com"}), frozenset({"ec2.amazonaws.com"})
    assert stray_slips([("CreateUser", iam), ("RunInstances", ec2), ("DeleteTrial", sm)]) == []


def test_impossible_names() -> None:
    from ctrules.checks.mistakes import impossible_name

    assert impossible_name("ConsoleLogin") is None
    assert impossible_name("AWSPaymentInstrumentGateway.Get") is None
    assert impossible_name("CreateInvalidation2014_01_31") is None
    assert impossible_name("${var.name}") is None  # a placeholder a reader did not resolve: not judged
    assert "whitespace" in (impossible_name("Console Login") or "")
    assert "surrogate" in (impossible_name("Console\ud800") or "")
    assert "invisible" in (impossible_name("Console\u200bLogin") or "")
