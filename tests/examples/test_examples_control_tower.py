"""Example 2: Control Tower CreateManagedAccount / UpdateManagedAccount lifecycle events."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest

from examples import build_app
from examples.control_tower import ControlTowerLifecycleStack


def build(make_app: Any, **context: Any) -> cdk.Stack:
    app = make_app(**context)
    build_app(app, checks=False)
    stack = app.node.find_child("CtrulesControlTower")
    assert isinstance(stack, ControlTowerLifecycleStack)
    return stack


@pytest.mark.parametrize(
    ("event_name", "status"),
    [
        ("CreateManagedAccount", "createManagedAccountStatus"),
        ("UpdateManagedAccount", "updateManagedAccountStatus"),
    ],
)
def test_success_starts_the_baseline_with_the_account_id(
    make_app: Any, helpers: Any, event_name: str, status: str
) -> None:
    template = helpers.template_of(build(make_app))
    props = helpers.rule(template, f"{event_name}Succeeded")
    pattern = props["EventPattern"]
    assert pattern["source"] == ["aws.controltower"]
    assert pattern["detail-type"] == ["AWS Service Event via CloudTrail"]
    assert pattern["detail"]["eventName"] == [event_name]
    assert pattern["detail"]["serviceEventDetails"] == {status: {"state": ["SUCCEEDED"]}}
    assert props["State"] == "ENABLED"
    (machine_id,) = helpers.resources(template, "AWS::StepFunctions::StateMachine")
    (target,) = props["Targets"]
    assert target["Arn"] == {"Ref": machine_id}
    paths = target["InputTransformer"]["InputPathsMap"]
    assert f"$.detail.serviceEventDetails.{status}.account.accountId" in paths.values()
    key = next(k for k, v in paths.items() if v.endswith(".account.accountId"))
    assert f'"accountId":<{key}>' in target["InputTransformer"]["InputTemplate"]
    assert f'"trigger":"controltower:{event_name}"' in target["InputTransformer"]["InputTemplate"]


@pytest.mark.parametrize("event_name", ["CreateManagedAccount", "UpdateManagedAccount"])
def test_failure_alerts_the_encrypted_topic(make_app: Any, helpers: Any, event_name: str) -> None:
    template = helpers.template_of(build(make_app))
    props = helpers.rule(template, f"{event_name}Failed")
    assert props["EventPattern"]["detail"]["eventName"] == [event_name]
    (topic_id,) = helpers.resources(template, "AWS::SNS::Topic")
    (target,) = props["Targets"]
    assert target["Arn"] == {"Ref": topic_id}
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})


@pytest.mark.parametrize("home", ["us-east-1", "eu-west-1", "ap-southeast-2"])
def test_stack_is_in_the_control_tower_home_region(make_app: Any, home: str) -> None:
    stack = build(make_app, controlTowerHomeRegion=home)
    assert stack.region == home
    assert stack.account == "111111111111"
    # Control Tower is not global: no CTR005 anywhere, synthesis passes in every home region.
    stage = cdk.Stage.of(stack)
    assert stage is not None
    stage.synth()
