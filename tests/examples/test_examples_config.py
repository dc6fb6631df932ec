"""Context settings of the examples: cdk.json defaults, validation, and the errors users see."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest

from examples import build_app
from examples.config import ContextError, load_config

KEYS = (
    "notificationEmail",
    "managementAccountId",
    "securityAccountId",
    "organizationId",
    "stackSetTargets",
    "memberRegions",
    "centralRegion",
    "centralBusName",
    "stackSetRegion",
    "controlTowerHomeRegion",
    "securityAlarmRegions",
    "securityAlarmsTrail",
)


def test_cdk_json_documents_every_key_with_a_valid_default(
    cdk_json_context: dict[str, Any], make_app: Any
) -> None:
    assert set(KEYS) <= set(cdk_json_context)
    config = load_config(make_app())
    assert config.management_account_id == "111111111111"  # placeholders, documented in the README (Example stacks)
    assert config.notification_email.endswith("@example.com")
    assert "us-east-1" in config.member_regions


@pytest.mark.parametrize("key", KEYS)
def test_missing_key_names_the_key_and_the_fix(make_app: Any, key: str) -> None:
    with pytest.raises(ContextError) as info:
        load_config(make_app(drop=(key,)))
    message = str(info.value)
    assert info.value.key == key
    assert f"context key {key!r}: missing" in message
    assert f"cdk synth -c {key}=" in message and "cdk.json" in message


def test_build_app_fails_before_building_anything(make_app: Any) -> None:
    app = make_app(drop=("organizationId",))
    with pytest.raises(ContextError, match="organizationId"):
        build_app(app, checks=False)
    assert not [c for c in app.node.children if isinstance(c, cdk.Stack)]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("managementAccountId", "12345", "12-digit"),
        ("managementAccountId", 111111111111, "12-digit"),  # a JSON number loses leading zeros: refuse it
        ("securityAccountId", "arn:aws:iam::222222222222:root", "12-digit"),
        ("organizationId", "o-short", "o-[a-z0-9]{10,32}"),
        ("organizationId", "O-EXAMPLEORG1", "o-[a-z0-9]{10,32}"),
        ("notificationEmail", "security", "e-mail"),
        ("stackSetTargets", ["r-exmp", "ou-bad"], "'ou-bad' is not one"),
        ("stackSetTargets", [], "missing"),
        ("memberRegions", ["eu-west-1"], "must include us-east-1"),
        ("memberRegions", "us-east-1,europe", "'europe' is not one"),
        ("centralRegion", "US-EAST-1", "region"),
        ("centralBusName", "default", "dedicated bus"),
        ("controlTowerHomeRegion", "", "missing"),
        ("securityAlarmRegions", "eu-west-1", "must include us-east-1"),
        ("securityAlarmsTrail", "yes", "expected true or false"),
        ("securityAlarmsTrail", 1, "expected true or false"),
    ],
)
def test_malformed_values_are_refused(make_app: Any, key: str, value: Any, expected: str) -> None:
    with pytest.raises(ContextError) as info:
        load_config(make_app(**{key: value}))
    assert info.value.key == key
    assert expected in str(info.value)


@pytest.mark.parametrize(
    "value",
    ["us-east-1,eu-central-1", '["us-east-1", "eu-central-1"]', ["us-east-1", "eu-central-1", "us-east-1"]],
)
def test_lists_from_the_command_line_or_cdk_json(make_app: Any, value: Any) -> None:
    # `cdk synth -c memberRegions=us-east-1,eu-central-1` passes a string; cdk.json a list.
    assert load_config(make_app(memberRegions=value)).member_regions == ("us-east-1", "eu-central-1")


def test_ou_and_root_ids_are_accepted(make_app: Any) -> None:
    config = load_config(make_app(stackSetTargets="r-a1b2,ou-a1b2-abcdefgh"))
    assert config.stack_set_targets == ("r-a1b2", "ou-a1b2-abcdefgh")


@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), (False, False), ("true", True), ("False", False)]
)
def test_booleans_from_the_command_line_or_cdk_json(make_app: Any, value: Any, expected: bool) -> None:
    assert load_config(make_app(securityAlarmsTrail=value)).security_alarms_trail is expected
