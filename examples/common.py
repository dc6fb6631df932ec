"""Building blocks shared by the example stacks.

- :class:`AlertTopic`: an SNS topic encrypted with a customer-managed KMS key that EventBridge can publish to.
- :class:`AccountBaseline`: a small Step Functions workflow that receives a new account's id; the place to
  put your own baseline (the example only records the account).

SNS encrypts messages with the topic's key on behalf of the publisher, so the key policy must let the
publisher (``events.amazonaws.com``) use it. Without that statement EventBridge's deliveries fail
(``FailedInvocations``), silently for the subscriber. The AWS-managed key ``alias/aws/sns`` cannot be
used at all: its policy cannot be changed.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

__all__ = ["EVENTS_PRINCIPAL", "AccountBaseline", "AlertTopic"]

#: The service principal EventBridge uses to deliver to targets.
EVENTS_PRINCIPAL = "events.amazonaws.com"


class AlertTopic(Construct):
    """An encrypted, SSL-only SNS topic with one e-mail subscription.

    :param scope: the parent construct.
    :param id: the construct id.
    :param email: the address to subscribe (AWS sends it a confirmation e-mail).
    :param display_name: the e-mail sender name.
    """

    def __init__(self, scope: Construct, id: str, *, email: str, display_name: str) -> None:
        super().__init__(scope, id)
        self.key = kms.Key(
            self,
            "Key",
            description=f"Encrypts the SNS topic '{display_name}' (publisher: EventBridge)",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        self.key.add_to_resource_policy(
            # The same statement CDK's SnsTopic target adds when it grants EventBridge sns:Publish; written
            # here so the topic works with any EventBridge publisher (identical statements are merged).
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal(EVENTS_PRINCIPAL)],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],  # in a key policy, "*" means this key
            )
        )
        self.topic = sns.Topic(
            self,
            "Topic",
            display_name=display_name,
            master_key=self.key,
            enforce_ssl=True,
        )
        self.topic.add_subscription(subscriptions.EmailSubscription(email))


class AccountBaseline(Construct):
    """A Step Functions workflow started with ``{"accountId", "accountName", "trigger"}``.

    The example's only step records the account (a ``Pass`` state): replace it with your baseline, e.g.
    tasks that assume ``OrganizationAccountAccessRole`` (or ``AWSControlTowerExecution``) in the new account.
    Executions are logged (level ALL) and traced with X-Ray.

    :param scope: the parent construct.
    :param id: the construct id.
    """

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=logs.RetentionDays.ONE_YEAR,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        record = sfn.Pass(
            self,
            "RecordAccount",
            comment="Placeholder: put the account baseline here (it receives the new account's id).",
            parameters={
                "accountId.$": "$.accountId",
                "accountName.$": "$.accountName",
                "trigger.$": "$.trigger",
            },
        )
        self.state_machine = sfn.StateMachine(
            self,
            "StateMachine",
            definition_body=sfn.DefinitionBody.from_chainable(record.next(sfn.Succeed(self, "Done"))),
            timeout=cdk.Duration.hours(1),
            tracing_enabled=True,
            logs=sfn.LogOptions(
                destination=self.log_group, level=sfn.LogLevel.ALL, include_execution_data=True
            ),
        )
        # Step Functions' log delivery and X-Ray APIs have no resource-level permissions.
        cdk.Validations.of(self.state_machine.role).acknowledge(
            cdk.Acknowledgment(
                id="AwsSolutions::AwsSolutions-IAM5[Resource::*]",
                reason="the actions CDK adds for execution logging (logs:CreateLogDelivery, "
                "GetLogDelivery...) and X-Ray tracing (xray:PutTraceSegments...) support only "
                "Resource '*' (Step Functions developer guide: CloudWatch Logs and X-Ray permissions)",
            )
        )
