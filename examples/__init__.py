"""Example stacks built with ctrules; :func:`build_app` adds every one of them to an app."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_sns as sns
from aws_cdk import aws_events_targets as targets
from constructs import Construct

__all__ = ["build_app"]


class StarterStack(cdk.Stack):
    """A small stack: an SNS topic told about every new account of an organization."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs: object) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        topic = sns.Topic(self, "NewAccounts", enforce_ssl=True)
        events.Rule(
            self,
            "NewAccount",
            event_pattern=events.EventPattern(
                source=["aws.organizations"],
                detail_type=["AWS Service Event via CloudTrail"],
                detail={"eventName": ["CreateAccountResult"]},
            ),
            targets=[targets.SnsTopic(topic)],
        )


def build_app(app: cdk.App) -> None:
    """Add the example stacks to ``app``."""
    StarterStack(app, "CtrulesStarter", env=cdk.Environment(region="us-east-1"))
