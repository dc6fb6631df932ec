"""ctrules.field: a checked EventField path for a target input."""

from __future__ import annotations

import pytest

import ctrules
from ctrules.errors import UnknownEventError, UnknownFieldError
from ctrules.fields import checked_path


def test_checked_path_is_below_detail() -> None:
    path = "serviceEventDetails.createAccountStatus.accountId"
    assert checked_path("CreateAccountResult", path) == "$.detail." + path
    assert checked_path("CreateAccountResult", "$.detail." + path) == "$.detail." + path


def test_field_gives_an_event_field_token() -> None:
    from aws_cdk import aws_events as events

    token = ctrules.field("CreateAccountResult", "serviceEventDetails.createAccountStatus.accountId")
    assert isinstance(token, str) and token.startswith("${Token[")
    rendered = events.RuleTargetInput.from_object({"account": token})
    assert rendered is not None


def test_bad_path_names_the_event_and_the_fix() -> None:
    with pytest.raises(UnknownFieldError) as err:
        ctrules.field("UpdateManagedAccount", "serviceEventDetails.createManagedAccountStatus.account.accountId")
    msg = str(err.value)
    assert "UpdateManagedAccount" in msg
    assert "did you mean 'serviceEventDetails.updateManagedAccountStatus.account.accountId'" in msg


def test_path_inside_a_json_string_is_refused() -> None:
    with pytest.raises(UnknownFieldError, match="JSON string"):
        checked_path("CreateRole", "requestParameters.assumeRolePolicyDocument.Statement")


def test_service_argument_and_unknown_event() -> None:
    assert checked_path("CreateUser", "requestParameters.userName", service="iam").endswith("userName")
    with pytest.raises(UnknownEventError):
        checked_path("CreateAcountResult", "serviceEventDetails")
