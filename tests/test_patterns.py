"""ctrules.patterns.resolve: typos into another service and impossible names are refused in one place."""

from __future__ import annotations

import pytest

from ctrules.checks import RuleContext, check_pattern
from ctrules.errors import InvalidRuleError
from ctrules.patterns import pattern_dict, resolve


def test_a_typo_that_is_another_services_name_is_refused() -> None:
    with pytest.raises(InvalidRuleError) as info:
        resolve(["StopLogging", "DeleteTrial", "UpdateTrail"], context="App/Tamper")
    text = str(info.value)
    assert text.startswith("App/Tamper: ")
    assert "'DeleteTrial'" in text and "'DeleteTrail'" in text and "'sagemaker:DeleteTrial'" in text
    assert info.value.__cause__ is None and info.value.__context__ is None  # one clean error


def test_the_corrected_list_builds() -> None:
    pattern = pattern_dict(["StopLogging", "DeleteTrail", "UpdateTrail"])
    assert pattern["source"] == ["aws.cloudtrail"]
    assert pattern["detail"]["eventName"] == ["StopLogging", "DeleteTrail", "UpdateTrail"]


def test_a_list_that_really_spans_services_is_said_explicitly() -> None:
    pattern = pattern_dict(["StopLogging", "sagemaker:DeleteTrial", "UpdateTrail"])
    assert pattern["source"] == ["aws.cloudtrail", "aws.sagemaker"]
    assert not [f for f in check_pattern(pattern, RuleContext(region="us-east-1")) if f.severity == "error"]


def test_lists_of_unrelated_services_are_not_slips() -> None:
    pattern = pattern_dict(["iam:CreateUser", "RunInstances", "DeleteTrail"])
    assert pattern["source"] == ["aws.iam", "aws.ec2", "aws.cloudtrail"]


def test_lint_applies_the_same_rule() -> None:
    """The typo written by hand under aws.cloudtrail is the same error (CTR002), decided by the same function."""
    pattern = {
        "source": ["aws.cloudtrail"],
        "detail-type": ["AWS API Call via CloudTrail"],
        "detail": {"eventName": ["StopLogging", "DeleteTrial", "UpdateTrail"]},
    }
    (finding,) = check_pattern(pattern, RuleContext(region="us-east-1"))
    assert (finding.code, finding.severity, finding.path) == ("CTR002", "error", "$.detail.eventName[1]")
    assert "DeleteTrail" in finding.fix


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Stop Logging", "whitespace"),
        ("StopLogging\n", "whitespace"),
        ("Stop\u200bLogging", "invisible"),
        ("StopLogging\ud800", "surrogate"),
        ("StopLogging;", "';'"),
        ("Arrêter", "ASCII"),
    ],
)
def test_names_that_cannot_be_cloudtrail_names_are_refused(name: str, why: str) -> None:
    with pytest.raises(InvalidRuleError, match=why):
        resolve([name])
    with pytest.raises(InvalidRuleError, match=why):
        resolve(name, service="cloudtrail", event_type="AwsApiCall")  # not taken as an unlisted name either


def test_an_unlisted_name_of_a_named_service_is_still_taken() -> None:
    resolved = resolve("StartSomethingNew", service="cloudtrail", event_type="AwsApiCall")
    assert resolved.unlisted and resolved.pattern["source"] == ["aws.cloudtrail"]
