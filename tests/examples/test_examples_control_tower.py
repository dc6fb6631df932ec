"""Example 2: Control Tower CreateManagedAccount / UpdateManagedAccount lifecycle events."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import assertions

from ctrules.inputs import rules_in_template
from examples import build_app
from examples.control_tower import ControlTowerLifecycleStack


def build(make_app: Any, **context: Any) -> cdk.Stack:
    app = make_app(**context)
    build_app(app, checks=False)
    stack = app.node.find_child("CtrulesControlTower")
    assert isinstance(stack, ControlTowerLifecycleStack)
    return stack


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, cdk_json_context: dict[str, Any]) -> assertions.Template:
    """The stack's template with cdk.json's context, synthesized once for the tests that only read it."""
    app = cdk.App(outdir=str(tmp_path_factory.mktemp("ct")), context=dict(cdk_json_context))
    build_app(app, checks=False)
    stack = app.node.find_child("CtrulesControlTower")
    assert isinstance(stack, ControlTowerLifecycleStack)
    return assertions.Template.from_stack(stack)


@pytest.mark.parametrize(
    ("event_name", "status"),
    [
        ("CreateManagedAccount", "createManagedAccountStatus"),
        ("UpdateManagedAccount", "updateManagedAccountStatus"),
    ],
)
def test_success_starts_the_baseline_with_the_account_id(
    template: assertions.Template, helpers: Any, event_name: str, status: str
) -> None:
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
def test_failure_alerts_the_encrypted_topic(template: assertions.Template, helpers: Any, event_name: str) -> None:
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


def test_every_target_reads_its_own_events_outcome(template: assertions.Template) -> None:
    from ctrules.plugin import check_template

    data = template.to_json()
    rules = [r for r in rules_in_template(data) if r.targets]
    assert len(rules) == 4 and all(len(r.targets) >= 2 for r in rules)
    assert [f for _, f in check_template(data, "us-east-1") if f.code == "CTR016"] == []
    # The same template with each handler reading the other event's outcome key: every path is reported.
    swapped = json.loads(
        json.dumps(data)
        .replace(".createManagedAccountStatus.", ".tmp.")
        .replace(".updateManagedAccountStatus.", ".createManagedAccountStatus.")
        .replace(".tmp.", ".updateManagedAccountStatus.")
    )
    found = [(r.logical_id, f) for r, f in check_template(swapped, "us-east-1") if f.code == "CTR016"]
    assert len(found) == sum(len(r.targets) for r in rules)
    assert all(f.severity == "error" and "receives nothing" in f.message for _, f in found)


def test_a_handler_reading_the_wrong_outcome_key_fails_at_construction() -> None:
    import ctrules
    from ctrules.errors import UnknownFieldError

    with pytest.raises(UnknownFieldError, match="updateManagedAccountStatus"):
        ctrules.field(
            "UpdateManagedAccount", "serviceEventDetails.createManagedAccountStatus.account.accountId",
            service="controltower",
        )
