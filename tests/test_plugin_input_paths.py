"""CloudTrailChecks and CTR016: the paths that rules' targets read, from the synthesized template."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_sqs as sqs

import ctrules
from ctrules import CloudTrailChecks, ServiceEventRule

SERVICE = "AWS Service Event via CloudTrail"
WRONG = "$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId"
RIGHT = "serviceEventDetails.updateManagedAccountStatus.account.accountId"


def app_and_stack(tmp_path: Path) -> tuple[cdk.App, cdk.Stack, sqs.Queue]:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    stack = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    return app, stack, sqs.Queue(stack, "Q", enforce_ssl=True)


def to_queue(queue: sqs.Queue, path: str) -> targets.SqsQueue:
    return targets.SqsQueue(
        queue, message=events.RuleTargetInput.from_object({"accountId": events.EventField.from_path(path)})
    )


def violations(tmp_path: Path) -> list[dict[str, Any]]:
    data = json.loads((tmp_path / "cdk.out" / "validation-report.json").read_text())
    found: list[dict[str, Any]] = [v for plugin in data["pluginReports"] for v in plugin["violations"]]
    return found


def test_hand_written_rule_whose_target_reads_another_events_field_fails_synth(tmp_path: Path) -> None:
    app, stack, queue = app_and_stack(tmp_path)
    events.Rule(
        stack,
        "Updated",
        event_pattern=events.EventPattern(
            source=["aws.controltower"], detail_type=[SERVICE], detail={"eventName": ["UpdateManagedAccount"]}
        ),
        targets=[to_queue(queue, WRONG)],
    )
    with pytest.raises(RuntimeError, match="ValidationFailed: ERROR CTR016"):
        app.synth()
    (v,) = violations(tmp_path)
    assert v["ruleName"] == "CTR016" and v["severity"] == "error"
    assert "receives nothing for" in v["description"] and "UpdateManagedAccount" in v["description"]
    assert "updateManagedAccountStatus" in v["suggestedFix"]
    (construct,) = v["violatingConstructs"]
    where = "Targets[0].InputTransformer.InputPathsMap.detail-serviceEventDetails-createManagedAccountStatus-account-accountId"
    assert v["ruleMetadata"]["path"] == where
    assert construct["cloudFormationResource"]["propertyPaths"] == [f"Properties.{where}"]


def test_typed_rule_targets_are_checked_by_the_plugin_and_typed_fields_pass(tmp_path: Path) -> None:
    app, stack, queue = app_and_stack(tmp_path)
    ServiceEventRule(stack, "Bad", "UpdateManagedAccount", service="controltower", targets=[to_queue(queue, WRONG)])
    good = ctrules.field("UpdateManagedAccount", RIGHT, service="controltower")
    ServiceEventRule(
        stack,
        "Good",
        "UpdateManagedAccount",
        service="controltower",
        targets=[targets.SqsQueue(queue, message=events.RuleTargetInput.from_object({"accountId": good}))],
    )
    with pytest.raises(RuntimeError, match="ValidationFailed: ERROR CTR016"):
        app.synth()
    found = [(v["ruleName"], c["constructPath"]) for v in violations(tmp_path) for c in v["violatingConstructs"]]
    assert found == [("CTR016", "S/Bad/Resource")]  # once, though both ctrules plugins ran


def test_acknowledged_on_the_rule(tmp_path: Path) -> None:
    app, stack, queue = app_and_stack(tmp_path)
    rule = ServiceEventRule(
        stack, "Bad", "UpdateManagedAccount", service="controltower", targets=[to_queue(queue, WRONG)]
    )
    cdk.Validations.of(rule).acknowledge(cdk.Acknowledgment(id="ctrules::CTR016", reason="the target ignores it"))
    app.synth()
