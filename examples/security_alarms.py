"""Example 3: security alarms for a fresh account.

Deploy one stack per region you use (context key ``securityAlarmRegions``); the us-east-1 stack also holds
the rule for IAM, a global service. Every rule publishes to an encrypted SNS topic (customer-managed key)
with an e-mail subscription.

Rules, with the CloudTrail event, its eventType (which decides the EventBridge detail-type) and region:

- ``RootConsoleSignIn``: signin ``ConsoleLogin`` with ``userIdentity.type`` = ``Root``. eventType
  ``AwsConsoleSignIn`` → detail-type ``AWS Console Sign In via CloudTrail`` (the EventBridge guide's
  spelling "Signin" never matches). Only in the stacks of us-east-1, us-east-2 and us-west-2: since
  2026-09-16 CloudTrail records root sign-ins in whichever of those Regions served them (AWS What's New,
  "AWS improves regional resiliency for root user sign-in"); elsewhere the rule would never fire (CTR005).
- ``FailedConsoleSignIn``: signin ``ConsoleLogin`` with ``responseElements.ConsoleLogin`` = ``Failure``.
- ``TrailTampering``: cloudtrail ``StopLogging``, ``DeleteTrail``, ``UpdateTrail``. ``AwsApiCall`` →
  ``AWS API Call via CloudTrail``; regional (recorded where the call was made, the trail's home region).
- ``RootAccessKeyCreated``: iam ``CreateAccessKey`` by Root. ``AwsApiCall``; IAM is global, EventBridge
  receives its events in us-east-1 only, so this rule is only in the us-east-1 stack (elsewhere it would
  never fire, and ctrules refuses it with CTR005).
- ``KeyDeletionScheduled``: kms ``ScheduleKeyDeletion``. ``AwsApiCall``, regional.
- ``KeyDeleted``: kms ``DeleteKey``. Nobody calls a DeleteKey API: KMS deletes the key itself when the
  waiting period ends and logs an ``AwsServiceEvent`` → ``AWS Service Event via CloudTrail``.
- ``SecretReadWithLongTermKeys``: secretsmanager ``GetSecretValue`` by Root or an IAM user. ``AwsApiCall``
  and read-only: EventBridge delivers read-only management events only to rules whose State is
  ``ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS``; ctrules sets that State by itself.

Console sign-in events have no fixed region: their ``awsRegion`` is us-east-1 or the region of the
sign-in endpoint the user went through (e.g. ``eu-west-1.signin.aws.amazon.com``), and old records say
``global``. EventBridge delivers them in that region, so the sign-in rules are in every region's stack,
not only in us-east-1.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cloudtrail as cloudtrail
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_s3 as s3
from constructs import Construct

from ctrules import ApiCallRule, ConsoleSignInRule, ServiceEventRule
from ctrules.checks.ctr005_global_region import ROOT_SIGN_IN_REGIONS
from examples.common import AlertTopic
from examples.config import GLOBAL_EVENTS_REGION

__all__ = ["AccountTrail", "SecurityAlarmsStack"]

_ROOT = {"userIdentity": {"type": ["Root"]}}


def _alert(title: str) -> events.RuleTargetInput:
    """A one-line e-mail: what happened, who, where, from which address."""
    d = "$.detail"
    return events.RuleTargetInput.from_text(
        f"SECURITY ALARM: {title}. Event {events.EventField.from_path(f'{d}.eventName')} by "
        f"{events.EventField.from_path(f'{d}.userIdentity.arn')} in account {events.EventField.account} "
        f"({events.EventField.region}) from {events.EventField.from_path(f'{d}.sourceIPAddress')} at "
        f"{events.EventField.time}; CloudTrail eventID {events.EventField.from_path(f'{d}.eventID')}."
    )


def _private_bucket(scope: Construct, id: str, **props: Any) -> s3.Bucket:
    return s3.Bucket(
        scope,
        id,
        encryption=s3.BucketEncryption.S3_MANAGED,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        enforce_ssl=True,
        removal_policy=cdk.RemovalPolicy.RETAIN,
        **props,
    )


class AccountTrail(Construct):
    """A multi-region trail of the account's management events, for accounts that have none.

    EventBridge receives the CloudTrail detail-types only while a trail with logging on records the
    events. Logs go to a versioned, SSL-only, private bucket (SSE-S3) whose server access logs go to a
    second private bucket. Both are retained when the stack is deleted.

    :param scope: the parent construct.
    :param id: the construct id.
    """

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        self.access_logs = _private_bucket(self, "AccessLogs")
        self.bucket = _private_bucket(
            self,
            "Logs",
            versioned=True,
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix="trail-bucket/",
        )
        self.trail = cloudtrail.Trail(
            self,
            "Trail",
            bucket=self.bucket,
            is_multi_region_trail=True,
            include_global_service_events=True,
            enable_file_validation=True,
        )


class SecurityAlarmsStack(cdk.Stack):
    """Alarms on sign-ins, trail tampering, root access keys, KMS key deletion and secret reads.

    :param scope: the parent construct.
    :param construct_id: the stack id.
    :param notification_email: the address subscribed to the alarm topic.
    :param create_trail: also create a multi-region trail (:class:`AccountTrail`); EventBridge receives
        CloudTrail events only while a trail logs them. Leave it off where an organization trail (or
        another trail) already covers the account, and in all but one region.
    :param kwargs: ``cdk.Stack`` properties; ``env`` must name a region. In us-east-1 the stack also gets
        the rule for IAM (a global service).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        notification_email: str,
        create_trail: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("description", "ctrules example: security alarms for a fresh account")
        super().__init__(scope, construct_id, **kwargs)
        if cdk.Token.is_unresolved(self.region):
            raise ValueError(
                f"{self.node.path}: SecurityAlarmsStack needs a region (env=cdk.Environment(region=...)): "
                "its rules depend on where EventBridge receives each event; deploy one stack per region"
            )
        self.trail = AccountTrail(self, "Trail") if create_trail else None
        self.alerts = AlertTopic(self, "Alarms", email=notification_email, display_name="Security alarms")
        self.rules: dict[str, events.Rule] = {}

        def notify(title: str) -> list[events.IRuleTarget]:
            return [targets.SnsTopic(self.alerts.topic, message=_alert(title))]

        if self.region in ROOT_SIGN_IN_REGIONS:
            self.rules["RootConsoleSignIn"] = ConsoleSignInRule(
                self,
                "RootConsoleSignIn",
                "ConsoleLogin",
                detail=_ROOT,
                description="Someone signed in (or tried to) to the console as the root user",
                targets=notify("console sign-in as the root user"),
            )
        self.rules["FailedConsoleSignIn"] = ConsoleSignInRule(
            self,
            "FailedConsoleSignIn",
            "ConsoleLogin",
            detail={"responseElements": {"ConsoleLogin": ["Failure"]}},
            description="A console sign-in failed",
            targets=notify("failed console sign-in"),
        )
        self.rules["TrailTampering"] = ApiCallRule(
            self,
            "TrailTampering",
            ["StopLogging", "DeleteTrail", "UpdateTrail"],
            service="cloudtrail",
            description="A CloudTrail trail was stopped, deleted or changed",
            targets=notify("CloudTrail trail stopped, deleted or changed"),
        )
        if self.region == GLOBAL_EVENTS_REGION:
            self.rules["RootAccessKeyCreated"] = ApiCallRule(
                self,
                "RootAccessKeyCreated",
                "CreateAccessKey",
                service="iam",
                detail=_ROOT,
                description="The root user created an access key (IAM events arrive in us-east-1 only)",
                targets=notify("access key created for the root user"),
            )
        self.rules["KeyDeletionScheduled"] = ApiCallRule(
            self,
            "KeyDeletionScheduled",
            "ScheduleKeyDeletion",
            service="kms",
            description="A KMS key was scheduled for deletion",
            targets=notify("KMS key scheduled for deletion"),
        )
        self.rules["KeyDeleted"] = ServiceEventRule(
            self,
            "KeyDeleted",
            "DeleteKey",
            service="kms",
            description="KMS deleted a key at the end of its waiting period",
            targets=notify("KMS key deleted"),
        )
        self.rules["SecretReadWithLongTermKeys"] = ApiCallRule(
            self,
            "SecretReadWithLongTermKeys",
            "GetSecretValue",
            service="secretsmanager",
            detail={"userIdentity": {"type": ["Root", "IAMUser"]}},
            description="A secret was read by the root user or an IAM user (long-term credentials)",
            targets=notify("secret read by the root user or an IAM user"),
        )
