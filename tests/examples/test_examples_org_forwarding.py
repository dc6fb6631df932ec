"""Example 4: organization-wide forwarding to a central bus, deployed by a service-managed StackSet."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from examples import MEMBER_STAGE_ID, build_app
from examples.org_forwarding import (
    FORWARDED_DETAIL_TYPES,
    TEMPLATE_BODY_LIMIT,
    CentralEventBusStack,
    OrgForwarderStage,
    OrgForwardingStackSetStack,
)

BUS_ARN = {
    "Fn::Join": [
        "",
        ["arn:", {"Ref": "AWS::Partition"}, ":events:us-east-1:222222222222:event-bus/org-cloudtrail"],
    ]
}


class Built:
    def __init__(self, app: cdk.App) -> None:
        build_app(app, checks=False)
        bus = app.node.find_child("CtrulesOrgBus")
        stack_set = app.node.find_child("CtrulesOrgStackSet")
        stage = app.node.find_child(MEMBER_STAGE_ID)
        assert isinstance(bus, CentralEventBusStack)
        assert isinstance(stack_set, OrgForwardingStackSetStack)
        assert isinstance(stage, OrgForwarderStage)
        self.bus, self.stack_set, self.stage = bus, stack_set, stage
        self.bus_template = Template.from_stack(bus)
        resource = next(
            iter(Template.from_stack(stack_set).find_resources("AWS::CloudFormation::StackSet").values())
        )
        self.stack_set_props: dict[str, Any] = resource["Properties"]
        self.member: dict[str, Any] = json.loads(self.stack_set_props["TemplateBody"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, cdk_json_context: dict[str, Any]) -> Built:
    """The app with cdk.json's context, built once for the tests that only read it."""
    return Built(cdk.App(outdir=str(tmp_path_factory.mktemp("org")), context=dict(cdk_json_context)))


def test_bus_policy_admits_only_the_organization(built: Built) -> None:
    policies = built.bus_template.find_resources("AWS::Events::EventBusPolicy")
    (policy,) = policies.values()
    statement = policy["Properties"]["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Action"] == "events:PutEvents"
    assert statement["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorg1"}}
    (bus_id,) = built.bus_template.find_resources("AWS::Events::EventBus")
    assert statement["Resource"] == {"Fn::GetAtt": [bus_id, "Arn"]}
    assert policy["Properties"]["EventBusName"] == {"Ref": bus_id}
    built.bus_template.has_resource_properties("AWS::Events::EventBus", {"Name": "org-cloudtrail"})


def test_bus_is_in_the_security_account(built: Built) -> None:
    assert built.bus.account == "222222222222"
    assert built.bus.region == "us-east-1"


def test_central_rules_listen_on_the_custom_bus(built: Built, helpers: Any) -> None:
    (bus_id,) = built.bus_template.find_resources("AWS::Events::EventBus")
    rules = helpers.rules(built.bus_template)
    assert len(rules) == 3
    for props in rules.values():
        assert props["EventBusName"] == {"Ref": bus_id}
        assert props["State"] == "ENABLED"
    iam_rule = helpers.rule(built.bus_template, "RootAccessKeyCreated")["EventPattern"]
    assert iam_rule["source"] == ["aws.iam"] and iam_rule["detail-type"] == ["AWS API Call via CloudTrail"]


def test_iam_rule_on_the_custom_bus_is_fine_outside_us_east_1(make_app: Any) -> None:
    # CTR005 does not apply to a custom bus: the events were forwarded from us-east-1.
    built = Built(make_app(centralRegion="eu-central-1"))
    assert built.bus.region == "eu-central-1"
    assert ":events:eu-central-1:222222222222:event-bus/org-cloudtrail" in json.dumps(built.member)
    app = cdk.Stage.of(built.bus)
    assert app is not None
    app.synth()


def test_forwarder_matches_cloudtrail_events_and_targets_the_central_bus(built: Built) -> None:
    rules = [r for r in built.member["Resources"].values() if r["Type"] == "AWS::Events::Rule"]
    (rule,) = rules
    props = rule["Properties"]
    assert props["EventPattern"] == {
        "source": [{"prefix": "aws."}],
        "detail-type": list(FORWARDED_DETAIL_TYPES),
    }
    assert set(FORWARDED_DETAIL_TYPES) == {
        "AWS API Call via CloudTrail",
        "AWS Service Event via CloudTrail",
        "AWS Console Sign In via CloudTrail",
    }
    assert "EventBusName" not in props  # the default bus, where CloudTrail delivers
    (target,) = props["Targets"]
    assert target["Arn"] == BUS_ARN
    assert "RoleArn" in target


def test_forwarder_role_is_least_privilege(built: Built) -> None:
    resources = built.member["Resources"]
    (role_id,) = [k for k, r in resources.items() if r["Type"] == "AWS::IAM::Role"]
    role = resources[role_id]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}}
    ]
    assert "ManagedPolicyArns" not in role and "Policies" not in role
    policies = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::IAM::Policy"]
    assert len(policies) == 1
    assert policies[0]["Roles"] == [{"Ref": role_id}]
    assert policies[0]["PolicyDocument"]["Statement"] == [
        {"Action": "events:PutEvents", "Effect": "Allow", "Resource": BUS_ARN}
    ]


def test_member_template_needs_no_bootstrap(built: Built) -> None:
    member = built.member
    assert "BootstrapVersion" not in member.get("Parameters", {})
    assert "CheckBootstrapVersion" not in member.get("Rules", {})
    assert not [r for r in member["Resources"].values() if r["Type"] == "AWS::CDK::Metadata"]
    assert len(built.stack_set_props["TemplateBody"].encode()) < TEMPLATE_BODY_LIMIT
    # The StackSet deploys exactly what the stage synthesized into cdk.out.
    artifact = built.stage.synth().get_stack_artifact(built.stage.forwarder.artifact_id)
    assert artifact.template == member


def test_stack_set_is_service_managed_with_auto_deployment(built: Built) -> None:
    props = built.stack_set_props
    assert props["PermissionModel"] == "SERVICE_MANAGED"
    assert props["AutoDeployment"] == {"Enabled": True, "RetainStacksOnAccountRemoval": False}
    assert props["CallAs"] == "SELF"
    assert props["Capabilities"] == ["CAPABILITY_IAM"]
    assert props["StackInstancesGroup"] == [
        {"DeploymentTargets": {"OrganizationalUnitIds": ["r-exmp"]}, "Regions": ["us-east-1", "eu-west-1"]}
    ]
    assert built.stack_set.account == "111111111111"
    assert built.stack_set.region == "us-east-1"


def test_stack_set_targets_and_regions_come_from_context(make_app: Any) -> None:
    built = Built(
        make_app(
            stackSetTargets=["ou-ab12-11111111", "ou-ab12-22222222"], memberRegions="us-east-1,ap-south-1"
        )
    )
    (group,) = built.stack_set_props["StackInstancesGroup"]
    assert group == {
        "DeploymentTargets": {"OrganizationalUnitIds": ["ou-ab12-11111111", "ou-ab12-22222222"]},
        "Regions": ["us-east-1", "ap-south-1"],
    }
