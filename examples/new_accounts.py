"""Example 1: notifications about accounts created and closed in an AWS Organization.

Deploy in the organization's **management account**, in **us-east-1**.

``CreateAccount`` is asynchronous: the API call only starts the work. When it ends, Organizations logs a
*service event*, ``CreateAccountResult`` (eventType ``AwsServiceEvent``, so EventBridge detail-type
``AWS Service Event via CloudTrail``), whose ``serviceEventDetails.createAccountStatus.state`` says
``SUCCEEDED`` or ``FAILED``. ``CloseAccount`` ends the same way with ``CloseAccountResult``
(``serviceEventDetails.closeAccountStatus``).

- ``SUCCEEDED``: the :class:`~examples.common.AccountBaseline` workflow starts with the new account's
  id, and the topic gets a short message.
- ``FAILED``: the topic gets an alert with the failure reason.
- ``CloseAccountResult``: the topic gets a message.

The targets' inputs read the records with :func:`ctrules.field`, which checks each path against the
event's record shape when the stack is built (a typo raises ``UnknownFieldError`` with "did you mean");
the ``CloudTrailChecks`` plugin checks the synthesized input transformers again (CTR016).

Organizations is a global service: EventBridge receives its events only in us-east-1. The rules check
it: the same stack in another region fails synthesis with CTR005.
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

__all__ = ["NewAccountNotificationsStack"]


def _created(name: str) -> str:
    """A checked input field of ``CreateAccountResult``'s ``createAccountStatus``."""
    return ctrules.field("CreateAccountResult", f"serviceEventDetails.createAccountStatus.{name}")


def _closed(name: str) -> str:
    """A checked input field of ``CloseAccountResult``'s ``closeAccountStatus``."""
    return ctrules.field("CloseAccountResult", f"serviceEventDetails.closeAccountStatus.{name}")


def _state(status: str, *states: str) -> dict[str, Any]:
    return {"serviceEventDetails": {status: {"state": list(states)}}}


class NewAccountNotificationsStack(cdk.Stack):
    """Rules on Organizations' ``CreateAccountResult`` and ``CloseAccountResult`` service events.

    :param scope: the parent construct.
    :param construct_id: the stack id.
    :param notification_email: the address subscribed to the alert topic.
    :param kwargs: ``cdk.Stack`` properties; ``env`` must be the management account in us-east-1.
    """

    def __init__(
        self, scope: Construct, construct_id: str, *, notification_email: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("description", "ctrules example: new and closed accounts of the organization")
        super().__init__(scope, construct_id, **kwargs)
        self.alerts = AlertTopic(
            self, "Alerts", email=notification_email, display_name="Organization accounts"
        )
        self.baseline = AccountBaseline(self, "AccountBaseline")
        topic = self.alerts.topic

        self.account_created = ServiceEventRule(
            self,
            "AccountCreated",
            "CreateAccountResult",
            detail=_state("createAccountStatus", "SUCCEEDED"),
            description="A new account of the organization is ready: start the account baseline",
            targets=[
                targets.SfnStateMachine(
                    self.baseline.state_machine,
                    input=events.RuleTargetInput.from_object(
                        {
                            "accountId": _created("accountId"),
                            "accountName": _created("accountName"),
                            "trigger": "organizations:CreateAccountResult",
                        }
                    ),
                ),
                targets.SnsTopic(
                    topic,
                    message=events.RuleTargetInput.from_text(
                        f"New AWS account {_created('accountId')} "
                        f"({_created('accountName')}) was created; "
                        "the account baseline has started."
                    ),
                ),
            ],
        )
        self.account_creation_failed = ServiceEventRule(
            self,
            "AccountCreationFailed",
            "CreateAccountResult",
            detail=_state("createAccountStatus", "FAILED"),
            description="Creating an account of the organization failed",
            targets=[
                targets.SnsTopic(
                    topic,
                    message=events.RuleTargetInput.from_text(
                        "ALERT: creating AWS account "
                        f"{_created('accountName')} "
                        f"failed: {_created('failureReason')} "
                        f"(request {_created('id')})."
                    ),
                )
            ],
        )
        self.account_closed = ServiceEventRule(
            self,
            "AccountClosed",
            "CloseAccountResult",
            description="An account of the organization was closed (or closing it failed)",
            targets=[
                targets.SnsTopic(
                    topic,
                    message=events.RuleTargetInput.from_text(
                        f"Closing AWS account {_closed('accountId')} ended "
                        f"with state {_closed('state')}."
                    ),
                )
            ],
        )
