"""Example 1: Organizations CreateAccountResult / CloseAccountResult notifications."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match

from examples import build_app
from examples.new_accounts import NewAccountNotificationsStack

SERVICE_EVENT = "AWS Service Event via CloudTrail"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, cdk_json_context: dict[str, Any]) -> cdk.Stack:
    """The stack with cdk.json's context, built once for the tests that only read it."""
    app = cdk.App(outdir=str(tmp_path_factory.mktemp("new-accounts")), context=dict(cdk_json_context))
    build_app(app, checks=False)
    found = app.node.find_child("CtrulesNewAccounts")
    assert isinstance(found, NewAccountNotificationsStack)
    return found


def test_stack_is_in_the_management_account_in_us_east_1(stack: cdk.Stack) -> None:
    assert stack.region == "us-east-1"
    assert stack.account == "111111111111"


@pytest.mark.parametrize(
    ("prefix", "event_name", "state"),
    [
        ("AccountCreated", "CreateAccountResult", ["SUCCEEDED"]),
        ("AccountCreationFailed", "CreateAccountResult", ["FAILED"]),
        ("AccountClosed", "CloseAccountResult", None),
    ],
)
def test_rules_match_the_organizations_service_events(
    stack: cdk.Stack, helpers: Any, prefix: str, event_name: str, state: list[str] | None
) -> None:
    props = helpers.rule(helpers.template_of(stack), prefix)
    pattern = props["EventPattern"]
    assert pattern["source"] == ["aws.organizations"]
    assert pattern["detail-type"] == [SERVICE_EVENT]  # a service event, not an API call
    assert pattern["detail"]["eventName"] == [event_name]
    assert pattern["detail"]["eventSource"] == ["organizations.amazonaws.com"]
    if state is None:
        assert "serviceEventDetails" not in pattern["detail"]
    else:
        assert pattern["detail"]["serviceEventDetails"] == {"createAccountStatus": {"state": state}}
    assert props["State"] == "ENABLED"
    assert "EventBusName" not in props  # CloudTrail delivers to the default bus


def test_succeeded_starts_the_baseline_with_the_new_account_id(stack: cdk.Stack, helpers: Any) -> None:
    template = helpers.template_of(stack)
    props = helpers.rule(template, "AccountCreated")
    (machine_id,) = helpers.resources(template, "AWS::StepFunctions::StateMachine")
    sfn_target = next(t for t in props["Targets"] if t["Arn"] == {"Ref": machine_id})
    transformer = sfn_target["InputTransformer"]
    assert (
        "$.detail.serviceEventDetails.createAccountStatus.accountId" in transformer["InputPathsMap"].values()
    )
    assert '"accountId":<' in transformer["InputTemplate"]
    # EventBridge's role may start this state machine and nothing else.
    role_id = sfn_target["RoleArn"]["Fn::GetAtt"][0]
    policies = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in helpers.resources(template, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in p["Properties"]["Roles"]
    ]
    assert policies == [
        [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": machine_id}}]
    ]


def test_failed_and_closed_alert_the_topic(stack: cdk.Stack, helpers: Any) -> None:
    template = helpers.template_of(stack)
    (topic_id,) = helpers.resources(template, "AWS::SNS::Topic")
    for prefix, path in [
        ("AccountCreationFailed", "$.detail.serviceEventDetails.createAccountStatus.failureReason"),
        ("AccountClosed", "$.detail.serviceEventDetails.closeAccountStatus.accountId"),
    ]:
        (target,) = helpers.rule(template, prefix)["Targets"]
        assert target["Arn"] == {"Ref": topic_id}
        assert path in target["InputTransformer"]["InputPathsMap"].values()


def test_topic_is_encrypted_with_a_rotated_cmk_eventbridge_may_use(stack: cdk.Stack, helpers: Any) -> None:
    template = helpers.template_of(stack)
    ((key_id, key),) = helpers.resources(template, "AWS::KMS::Key").items()
    assert key["Properties"]["EnableKeyRotation"] is True
    statements = key["Properties"]["KeyPolicy"]["Statement"]
    events_statements = [s for s in statements if s.get("Principal") == {"Service": "events.amazonaws.com"}]
    assert len(events_statements) == 1  # CDK's grant and ours are merged
    assert sorted(events_statements[0]["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey*"]
    assert events_statements[0]["Effect"] == "Allow"
    template.has_resource_properties("AWS::SNS::Topic", {"KmsMasterKeyId": {"Fn::GetAtt": [key_id, "Arn"]}})


def test_topic_policy_enforces_ssl_and_admits_eventbridge(stack: cdk.Stack, helpers: Any) -> None:
    template = helpers.template_of(stack)
    template.has_resource_properties(
        "AWS::SNS::TopicPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Action": "sns:Publish",
                                "Principal": "*",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        ),
                        Match.object_like(
                            {
                                "Effect": "Allow",
                                "Action": "sns:Publish",
                                "Principal": {"Service": "events.amazonaws.com"},
                            }
                        ),
                    ]
                )
            }
        },
    )


def test_email_subscription_comes_from_context(make_app: Any, helpers: Any) -> None:
    app = make_app(notificationEmail="cloud-team@corp.example.org")
    build_app(app, checks=False)
    stack = app.node.find_child("CtrulesNewAccounts")
    assert isinstance(stack, cdk.Stack)
    helpers.template_of(stack).has_resource_properties(
        "AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": "cloud-team@corp.example.org"}
    )


def test_baseline_workflow_is_logged_and_traced(stack: cdk.Stack, helpers: Any) -> None:
    template = helpers.template_of(stack)
    template.has_resource_properties(
        "AWS::StepFunctions::StateMachine",
        {
            "TracingConfiguration": {"Enabled": True},
            "LoggingConfiguration": Match.object_like({"Level": "ALL"}),
        },
    )


def test_same_stack_outside_us_east_1_fails_synth_with_ctr005(tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    NewAccountNotificationsStack(
        app, "Misplaced", notification_email="a@example.com", env=cdk.Environment(region="eu-west-1")
    )
    with pytest.raises(RuntimeError) as info:
        app.synth()
    message = str(info.value)
    assert "CTR005" in message
    assert "only in us-east-1" in message and "eu-west-1" in message
    for rule_id in ("AccountCreated", "AccountCreationFailed", "AccountClosed"):
        assert message.count(f"Misplaced/{rule_id}/Resource") == 1  # each rule's finding, once, in one report
