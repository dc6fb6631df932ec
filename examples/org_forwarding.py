"""Example 4: forward every member account's CloudTrail events to a central event bus.

Three pieces, in three places:

1. :class:`CentralEventBusStack`, in the **security account** (``centralRegion``): a custom event bus
   whose policy admits ``events:PutEvents`` only from principals of the organization
   (``aws:PrincipalOrgID``), and ctrules rules on that bus that alert on the forwarded events.
2. :class:`OrgEventForwarderStack`, in **every member account and region** (``memberRegions``; it must
   include us-east-1, where EventBridge receives the events of global services such as IAM): one rule on
   the default bus that matches the CloudTrail-delivered events and sends them to the central bus with a
   role that may only ``events:PutEvents`` on that bus.
3. :class:`OrgForwardingStackSetStack`, in the **management account**: a service-managed CloudFormation
   StackSet that deploys (2) to every account under the given roots/OUs and regions, and to accounts that
   join them later (automatic deployment). CloudFormation does the fan-out, retries and drift detection.

The member template is synthesized by :class:`OrgForwarderStage` with a ``BootstraplessSynthesizer``:
member accounts need no CDK bootstrap. Service-managed StackSets never deploy to the management account
itself; deploy the same stage there with ``cdk deploy`` if you want its events too.

Why the rules on the central bus are not refused for IAM (CTR005): CTR005 is about where EventBridge
*receives* CloudTrail events. On a custom bus the events arrive through the forwarders, which run in
us-east-1 too, so a rule for a global service's event is right in any region.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cloudformation as cloudformation
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from constructs import Construct

from ctrules import ApiCallRule, ConsoleSignInRule
from ctrules.catalog import API_CALL, CONSOLE_SIGN_IN, DETAIL_TYPES, SERVICE_EVENT
from examples.common import EVENTS_PRINCIPAL, AlertTopic

__all__ = [
    "FORWARDED_DETAIL_TYPES",
    "CentralEventBusStack",
    "OrgEventForwarderStack",
    "OrgForwarderStage",
    "OrgForwardingStackSetStack",
    "central_bus_arn",
]

#: What the forwarders send: CloudTrail's API calls, service events and console sign-ins.
FORWARDED_DETAIL_TYPES: tuple[str, ...] = tuple(
    DETAIL_TYPES[t] for t in (API_CALL, SERVICE_EVENT, CONSOLE_SIGN_IN)
)

#: CloudFormation's limit for ``TemplateBody`` (larger templates need ``TemplateURL``).
TEMPLATE_BODY_LIMIT = 51_200

_ROOT = {"userIdentity": {"type": ["Root"]}}


def central_bus_arn(scope: Construct, *, account: str, region: str, bus_name: str) -> str:
    """The central bus's ARN, in the partition of the stack that uses it."""
    return cdk.Arn.format(
        cdk.ArnComponents(
            service="events",
            resource="event-bus",
            resource_name=bus_name,
            account=account,
            region=region,
            partition=cdk.Aws.PARTITION,
        ),
        cdk.Stack.of(scope),
    )


def _alert(title: str) -> events.RuleTargetInput:
    d = "$.detail"
    return events.RuleTargetInput.from_text(
        f"ORGANIZATION ALARM: {title}. {events.EventField.from_path(f'{d}.eventName')} by "
        f"{events.EventField.from_path(f'{d}.userIdentity.arn')} in account {events.EventField.account} "
        f"({events.EventField.region}) at {events.EventField.time}; CloudTrail eventID "
        f"{events.EventField.from_path(f'{d}.eventID')}."
    )


class CentralEventBusStack(cdk.Stack):
    """The security account's event bus for the whole organization, and alarms on what arrives.

    :param scope: the parent construct.
    :param construct_id: the stack id.
    :param bus_name: the event bus name.
    :param organization_id: the organization (``o-...``) whose principals may put events.
    :param notification_email: the address subscribed to the alarm topic.
    :param kwargs: ``cdk.Stack`` properties; ``env`` should be the security account and central region.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bus_name: str,
        organization_id: str,
        notification_email: str,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "description", "ctrules example: central event bus for the organization's CloudTrail events"
        )
        super().__init__(scope, construct_id, **kwargs)
        self.bus = events.EventBus(self, "Bus", event_bus_name=bus_name)
        self.bus.add_to_resource_policy(
            iam.PolicyStatement(
                sid="AllowPutEventsFromTheOrganizationOnly",
                principals=[iam.AnyPrincipal()],
                actions=["events:PutEvents"],
                resources=[self.bus.event_bus_arn],
                conditions={"StringEquals": {"aws:PrincipalOrgID": organization_id}},
            )
        )
        self.alerts = AlertTopic(self, "Alarms", email=notification_email, display_name="Organization alarms")

        def notify(title: str) -> list[events.IRuleTarget]:
            return [targets.SnsTopic(self.alerts.topic, message=_alert(title))]

        self.rules: dict[str, events.Rule] = {
            "TrailTampering": ApiCallRule(
                self,
                "TrailTampering",
                ["StopLogging", "DeleteTrail", "UpdateTrail"],
                service="cloudtrail",
                event_bus=self.bus,
                description="A CloudTrail trail was stopped, deleted or changed in a member account",
                targets=notify("CloudTrail trail stopped, deleted or changed"),
            ),
            "RootAccessKeyCreated": ApiCallRule(
                self,
                "RootAccessKeyCreated",
                "CreateAccessKey",
                service="iam",
                detail=_ROOT,
                event_bus=self.bus,
                description="A member account's root user created an access key (forwarded from us-east-1)",
                targets=notify("access key created for a root user"),
            ),
            "RootConsoleSignIn": ConsoleSignInRule(
                self,
                "RootConsoleSignIn",
                "ConsoleLogin",
                detail=_ROOT,
                event_bus=self.bus,
                description="Someone signed in to a member account's console as the root user",
                targets=notify("console sign-in as a root user"),
            ),
        }


class OrgEventForwarderStack(cdk.Stack):
    """One member account and region: forward CloudTrail-delivered events to the central bus.

    The pattern also requires a source starting with ``aws.``: accounts cannot put events with such a
    source themselves, so nobody in a member account can forge "CloudTrail" events into the central bus
    through the forwarder.

    :param scope: the parent construct (an :class:`OrgForwarderStage`).
    :param construct_id: the stack id.
    :param central_account: the security account that owns the central bus.
    :param central_region: the central bus's region.
    :param bus_name: the central bus's name.
    :param kwargs: ``cdk.Stack`` properties. Leave ``env`` unset: the template is deployed everywhere.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        central_account: str,
        central_region: str,
        bus_name: str,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "description", "ctrules example: forward CloudTrail events to the organization's bus"
        )
        super().__init__(scope, construct_id, **kwargs)
        self.central_bus_arn = central_bus_arn(
            self, account=central_account, region=central_region, bus_name=bus_name
        )
        central_bus = events.EventBus.from_event_bus_arn(self, "CentralBus", self.central_bus_arn)
        self.role = iam.Role(
            self,
            "ForwarderRole",
            assumed_by=iam.ServicePrincipal(EVENTS_PRINCIPAL),
            description="EventBridge forwards CloudTrail events to the organization's central bus",
        )
        self.rule = events.Rule(
            self,
            "ForwardCloudTrailEvents",
            description="Forward CloudTrail API calls, service events and sign-ins to the central bus",
            event_pattern=events.EventPattern(
                source=events.Match.prefix("aws."),
                detail_type=list(FORWARDED_DETAIL_TYPES),
            ),
            # Grants the role events:PutEvents on the central bus's ARN, and nothing else.
            targets=[targets.EventBus(central_bus, role=self.role)],
        )


class OrgForwarderStage(cdk.Stage):
    """The member template, synthesized on its own so that a StackSet can deploy it.

    Its stack uses a ``BootstraplessSynthesizer`` (no bootstrap parameter, no assets): the template works in
    accounts that were never bootstrapped. It is also in ``cdk.out`` (``assembly-<stage id>``), so
    ``cdk deploy '<stage id>/*'`` deploys it to the management account, which StackSets skip.

    Validation plugins registered on the app check this stage's stack too (aws-cdk-lib hands an app's plugins
    every stack of its assembly, nested stages included); registering them on the stage as well would report
    each finding twice.

    :param scope: the app.
    :param construct_id: the stage id.
    :param forwarder: :class:`OrgEventForwarderStack` arguments (``central_account``, ``central_region``,
        ``bus_name``).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        **forwarder: Any,
    ) -> None:
        super().__init__(scope, construct_id)
        self.forwarder = OrgEventForwarderStack(
            self,
            "Forwarder",
            synthesizer=cdk.BootstraplessSynthesizer(),
            analytics_reporting=False,
            **forwarder,
        )

    def template_body(self) -> str:
        """The forwarder's CloudFormation template as compact JSON.

        Synthesizes the stage (once; the app's own synthesis reuses the result): add nothing to the stage
        afterwards.

        :raises ValueError: the template is too large for ``TemplateBody``.
        """
        template = self.synth().get_stack_artifact(self.forwarder.artifact_id).template
        body = json.dumps(template, separators=(",", ":"), sort_keys=True)
        if len(body.encode()) > TEMPLATE_BODY_LIMIT:
            raise ValueError(
                f"{self.forwarder.node.path}: the template is {len(body.encode())} bytes; StackSet "
                f"TemplateBody allows {TEMPLATE_BODY_LIMIT}: upload it as an asset and use template_url"
            )
        return body


class OrgForwardingStackSetStack(cdk.Stack):
    """A service-managed StackSet that deploys the forwarder to the organization, new accounts included.

    :param scope: the parent construct.
    :param construct_id: the stack id.
    :param template_body: the member template (:meth:`OrgForwarderStage.template_body`).
    :param deployment_targets: organization root (``r-...``) or OU (``ou-...``) ids.
    :param regions: the regions of the stack instances (include us-east-1 for global services).
    :param stack_set_name: the StackSet's name.
    :param kwargs: ``cdk.Stack`` properties; ``env`` should be the management account.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        template_body: str,
        deployment_targets: Sequence[str],
        regions: Sequence[str],
        stack_set_name: str = "ctrules-org-cloudtrail-forwarder",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "description", "ctrules example: StackSet forwarding CloudTrail events to the central bus"
        )
        super().__init__(scope, construct_id, **kwargs)
        self.stack_set = cloudformation.CfnStackSet(
            self,
            "ForwarderStackSet",
            stack_set_name=stack_set_name,
            description="Forwards each member account's CloudTrail events to the organization's central bus",
            permission_model="SERVICE_MANAGED",
            call_as="SELF",
            auto_deployment=cloudformation.CfnStackSet.AutoDeploymentProperty(
                enabled=True, retain_stacks_on_account_removal=False
            ),
            capabilities=["CAPABILITY_IAM"],
            managed_execution={"Active": True},
            operation_preferences=cloudformation.CfnStackSet.OperationPreferencesProperty(
                region_concurrency_type="PARALLEL",
                max_concurrent_percentage=25,
                failure_tolerance_percentage=10,
            ),
            stack_instances_group=[
                cloudformation.CfnStackSet.StackInstancesProperty(
                    deployment_targets=cloudformation.CfnStackSet.DeploymentTargetsProperty(
                        organizational_unit_ids=list(deployment_targets)
                    ),
                    regions=list(regions),
                )
            ],
            template_body=template_body,
        )
