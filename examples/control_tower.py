"""Example 2: react to AWS Control Tower account lifecycle events.

Deploy in the organization's **management account**, in the **Control Tower home region**.

When Account Factory finishes creating (or enrolling) an account, Control Tower logs the service event
``CreateManagedAccount``; when it finishes updating one, ``UpdateManagedAccount``. Both are CloudTrail
*service events* (eventType ``AwsServiceEvent``), delivered with detail-type
``AWS Service Event via CloudTrail`` and source ``aws.controltower``. Their outcome is in
``serviceEventDetails.createManagedAccountStatus`` / ``updateManagedAccountStatus``: ``state``
(``SUCCEEDED`` / ``FAILED``), ``account.accountId``, ``account.accountName`` and ``organizationalUnit``.

Unlike Organizations, Control Tower is not a global service: its lifecycle events are delivered in the
Control Tower home region, so this stack is placed there (context key ``controlTowerHomeRegion``).

- ``SUCCEEDED``: the :class:`~examples.common.AccountBaseline` workflow starts with the account's id
  (an input transformer copies ``account.accountId`` into the workflow's input).
- ``FAILED``: the alert topic gets the Control Tower message.

Each event carries its outcome under its own key: a handler of ``UpdateManagedAccount`` that read
``createManagedAccountStatus`` would receive nothing. The inputs are built with :func:`ctrules.field`,
which checks every path against the event's record shape (and CTR016 checks the synthesized template).
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from constructs import Construct

import ctrules
from ctrules import ServiceEventRule
from examples.common import AccountBaseline, AlertTopic

__all__ = ["LIFECYCLE_EVENTS", "ControlTowerLifecycleStack"]

#: eventName -> the key of ``serviceEventDetails`` that carries its outcome.
LIFECYCLE_EVENTS: dict[str, str] = {
    "CreateManagedAccount": "createManagedAccountStatus",
    "UpdateManagedAccount": "updateManagedAccountStatus",
}


class ControlTowerLifecycleStack(cdk.Stack):
    """Rules on Control Tower's ``CreateManagedAccount`` and ``UpdateManagedAccount`` lifecycle events.

    :param scope: the parent construct.
    :param construct_id: the stack id.
    :param notification_email: the address subscribed to the alert topic.
    :param kwargs: ``cdk.Stack`` properties; ``env`` must be the management account in the Control
        Tower home region.
    """

    def __init__(
        self, scope: Construct, construct_id: str, *, notification_email: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("description", "ctrules example: AWS Control Tower account lifecycle events")
        super().__init__(scope, construct_id, **kwargs)
        self.alerts = AlertTopic(
            self, "Alerts", email=notification_email, display_name="Control Tower accounts"
        )
        self.baseline = AccountBaseline(self, "AccountBaseline")
        self.succeeded: dict[str, ServiceEventRule] = {}
        self.failed: dict[str, ServiceEventRule] = {}
        for event_name, status in LIFECYCLE_EVENTS.items():

            def outcome(name: str, event_name: str = event_name, status: str = status) -> str:
                """A checked input field of the event's own outcome (``serviceEventDetails.<status>``)."""
                return ctrules.field(event_name, f"serviceEventDetails.{status}.{name}", service="controltower")

            self.succeeded[event_name] = ServiceEventRule(
                self,
                f"{event_name}Succeeded",
                event_name,
                service="controltower",
                detail={"serviceEventDetails": {status: {"state": ["SUCCEEDED"]}}},
                description=f"Control Tower {event_name} succeeded: run the account baseline",
                targets=[
                    targets.SfnStateMachine(
                        self.baseline.state_machine,
                        input=events.RuleTargetInput.from_object(
                            {
                                "accountId": outcome("account.accountId"),
                                "accountName": outcome("account.accountName"),
                                "trigger": f"controltower:{event_name}",
                            }
                        ),
                    )
                ],
            )
            self.failed[event_name] = ServiceEventRule(
                self,
                f"{event_name}Failed",
                event_name,
                service="controltower",
                detail={"serviceEventDetails": {status: {"state": ["FAILED"]}}},
                description=f"Control Tower {event_name} failed",
                targets=[
                    targets.SnsTopic(
                        self.alerts.topic,
                        message=events.RuleTargetInput.from_text(
                            f"ALERT: Control Tower {event_name} failed for account "
                            f"{outcome('account.accountName')}: "
                            f"{outcome('message')}"
                        ),
                    )
                ],
            )
