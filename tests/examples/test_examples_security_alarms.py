"""Example 3: security alarms for a fresh account, one stack per region."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest

from ctrules import ApiCallRule
from ctrules.checks.ctr005_global_region import ROOT_SIGN_IN_REGIONS
from examples import build_app, security_alarms_stack_id
from examples.security_alarms import SecurityAlarmsStack

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
SIGN_IN = "AWS Console Sign In via CloudTrail"
READ_ONLY_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
ROOT = {"userIdentity": {"type": ["Root"]}}

# rule -> (source, detail-type, eventNames, extra detail filters, State)
EXPECTED: dict[str, tuple[str, str, list[str], dict[str, Any], str]] = {
    "RootConsoleSignIn": ("aws.signin", SIGN_IN, ["ConsoleLogin"], ROOT, "ENABLED"),
    "FailedConsoleSignIn": ("aws.signin", SIGN_IN, ["ConsoleLogin"],
                            {"responseElements": {"ConsoleLogin": ["Failure"]}}, "ENABLED"),
    "TrailTampering": ("aws.cloudtrail", API, ["StopLogging", "DeleteTrail", "UpdateTrail"], {}, "ENABLED"),
    "RootAccessKeyCreated": ("aws.iam", API, ["CreateAccessKey"], ROOT, "ENABLED"),
    "KeyDeletionScheduled": ("aws.kms", API, ["ScheduleKeyDeletion"], {}, "ENABLED"),
    "KeyDeleted": ("aws.kms", SERVICE, ["DeleteKey"], {}, "ENABLED"),
    "SecretReadWithLongTermKeys": ("aws.secretsmanager", API, ["GetSecretValue"],
                                   {"userIdentity": {"type": ["Root", "IAMUser"]}}, READ_ONLY_STATE),
}  # fmt: skip


@pytest.fixture(scope="module")
def stacks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SecurityAlarmsStack]:
    import json

    root = Path(__file__).resolve().parents[2]
    context = json.loads((root / "cdk.json").read_text())["context"]
    app = cdk.App(outdir=str(tmp_path_factory.mktemp("alarms")), context=context)
    build_app(app, checks=False)
    out: dict[str, SecurityAlarmsStack] = {}
    for region in context["securityAlarmRegions"]:
        found = app.node.find_child(security_alarms_stack_id(region))
        assert isinstance(found, SecurityAlarmsStack)
        out[region] = found
    return out


def test_one_stack_per_region_from_context(stacks: dict[str, SecurityAlarmsStack]) -> None:
    assert sorted(stacks) == ["eu-west-1", "us-east-1"]
    for region, stack in stacks.items():
        assert stack.region == region
        assert cdk.Token.is_unresolved(stack.account)  # any account: deployed with its own credentials


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_patterns_and_state(stacks: dict[str, SecurityAlarmsStack], helpers: Any, name: str) -> None:
    source, detail_type, names, extra, state = EXPECTED[name]
    for region, stack in stacks.items():
        template = helpers.template_of(stack)
        if (name == "RootAccessKeyCreated" and region != "us-east-1") or (
            name == "RootConsoleSignIn" and region not in ROOT_SIGN_IN_REGIONS
        ):
            assert not [lid for lid in helpers.rules(template) if lid.startswith(name)]
            continue
        props = helpers.rule(template, name)
        pattern = props["EventPattern"]
        assert pattern["source"] == [source]
        assert pattern["detail-type"] == [detail_type]
        assert pattern["detail"]["eventName"] == names
        for key, value in extra.items():
            assert pattern["detail"][key] == value
        assert props["State"] == state
        (topic_id,) = helpers.resources(template, "AWS::SNS::Topic")
        (target,) = props["Targets"]
        assert target["Arn"] == {"Ref": topic_id}
        assert "$.detail.eventName" in target["InputTransformer"]["InputPathsMap"].values()


def test_sign_in_rules_are_where_sign_ins_are_recorded(
    stacks: dict[str, SecurityAlarmsStack], helpers: Any
) -> None:
    # Sign-in events are recorded in the sign-in endpoint's region: no region may be left out. Root sign-ins
    # are recorded only in us-east-1, us-east-2 or us-west-2 (the Region that served them).
    for region, stack in stacks.items():
        rules = helpers.rules(helpers.template_of(stack))
        assert any(lid.startswith("RootConsoleSignIn") for lid in rules) == (region in ROOT_SIGN_IN_REGIONS)
        assert any(lid.startswith("FailedConsoleSignIn") for lid in rules)


def test_alarm_topic_is_encrypted_and_subscribed(
    stacks: dict[str, SecurityAlarmsStack], helpers: Any
) -> None:
    for stack in stacks.values():
        template = helpers.template_of(stack)
        template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
        template.has_resource_properties("AWS::SNS::Subscription", {"Protocol": "email"})
        (topic,) = helpers.resources(template, "AWS::SNS::Topic").values()
        assert "KmsMasterKeyId" in topic["Properties"]


def test_iam_rule_outside_us_east_1_would_fail_with_ctr005(tmp_path: Path) -> None:
    # Why the IAM rule lives only in the us-east-1 stack.
    app = cdk.App(outdir=str(tmp_path))
    stack = cdk.Stack(app, "S", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(stack, "RootAccessKeyCreated", "CreateAccessKey", service="iam")
    with pytest.raises(RuntimeError, match="CTR005"):
        app.synth()


def test_region_is_required(tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path))
    with pytest.raises(ValueError, match="region"):
        SecurityAlarmsStack(app, "NoRegion", notification_email="a@example.com")


def test_fresh_account_gets_one_multi_region_trail(
    stacks: dict[str, SecurityAlarmsStack], helpers: Any
) -> None:
    # EventBridge receives CloudTrail's detail-types only while a trail logs them.
    trails = {
        r: helpers.resources(helpers.template_of(s), "AWS::CloudTrail::Trail") for r, s in stacks.items()
    }
    assert len(trails["us-east-1"]) == 1 and trails["eu-west-1"] == {}
    (trail,) = trails["us-east-1"].values()
    props = trail["Properties"]
    assert props["IsMultiRegionTrail"] is True
    assert props["IncludeGlobalServiceEvents"] is True
    assert props["EnableLogFileValidation"] is True
    assert props["IsLogging"] is True
    template = helpers.template_of(stacks["us-east-1"])
    for bucket in helpers.resources(template, "AWS::S3::Bucket").values():
        assert bucket["DeletionPolicy"] == "Retain"
        assert all(bucket["Properties"]["PublicAccessBlockConfiguration"].values())
        assert "AccessControl" not in bucket["Properties"]  # no ACLs: logging is granted by bucket policy


def test_no_trail_where_one_already_covers_the_account(make_app: Any, helpers: Any) -> None:
    app = make_app(securityAlarmsTrail=False)
    build_app(app, checks=False)
    for region in ("us-east-1", "eu-west-1"):
        stack = app.node.find_child(security_alarms_stack_id(region))
        assert isinstance(stack, cdk.Stack)
        assert helpers.resources(helpers.template_of(stack), "AWS::CloudTrail::Trail") == {}
