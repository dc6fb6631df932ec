"""Example stacks built with ctrules; :func:`build_app` adds every one of them to an app.

=================================  ========================================  ==============================
Stack (construct id)               Module                                    Account / region
=================================  ========================================  ==============================
``CtrulesNewAccounts``             :mod:`examples.new_accounts`              management / us-east-1
``CtrulesControlTower``            :mod:`examples.control_tower`             management / CT home region
``CtrulesSecurityAlarms-<region>`` :mod:`examples.security_alarms`           any account / each region
``CtrulesOrgBus``                  :mod:`examples.org_forwarding`            security / central region
``CtrulesOrgMember/Forwarder``     :mod:`examples.org_forwarding` (StackSet  every member account/region
                                   template; a nested stage)
``CtrulesOrgStackSet``             :mod:`examples.org_forwarding`            management / stackSetRegion
=================================  ========================================  ==============================

Settings come from CDK context (see :mod:`examples.config` and ``cdk.json``).
"""

from __future__ import annotations

import aws_cdk as cdk

from ctrules import CloudTrailChecks
from examples.config import GLOBAL_EVENTS_REGION, ExampleConfig, load_config
from examples.control_tower import ControlTowerLifecycleStack
from examples.new_accounts import NewAccountNotificationsStack
from examples.org_forwarding import (
    CentralEventBusStack,
    OrgForwarderStage,
    OrgForwardingStackSetStack,
)
from examples.security_alarms import SecurityAlarmsStack

__all__ = ["MEMBER_STAGE_ID", "STACK_IDS", "add_checks", "build_app", "security_alarms_stack_id"]

#: Stack ids of the app's top-level stacks whose names do not depend on context.
STACK_IDS = ("CtrulesNewAccounts", "CtrulesControlTower", "CtrulesOrgBus", "CtrulesOrgStackSet")
#: The nested stage holding the StackSet's member template, and its stack.
MEMBER_STAGE_ID = "CtrulesOrgMember"


def security_alarms_stack_id(region: str) -> str:
    """The id of the security-alarms stack for ``region``."""
    return f"CtrulesSecurityAlarms-{region}"


def add_checks(app: cdk.App) -> None:
    """Register ctrules' ``CloudTrailChecks`` and cdk-nag's AwsSolutions pack (cdk-nag 3) on ``app``.

    Both are CDK Validations plugins: an unacknowledged finding fails ``app.synth()`` and ``cdk synth``.
    Both cover nested stages: cdk-nag 3 walks the whole construct tree, and ``CloudTrailChecks`` gets the
    templates of every stack of the app's assembly, nested stages included.
    """
    import cdk_nag  # the "examples" extra; imported here so that checks=False works without it

    cdk.Validations.of(app).add_plugins(CloudTrailChecks(), cdk_nag.AwsSolutionsChecks(app))


def build_app(app: cdk.App, *, checks: bool = True) -> ExampleConfig:
    """Add every example stack to ``app``.

    :param app: the CDK app.
    :param checks: register ``CloudTrailChecks`` and cdk-nag's AwsSolutions pack (synthesis fails on an
        unacknowledged finding).
    :returns: the settings read from context.
    :raises examples.config.ContextError: a missing or malformed context value.
    """
    config = load_config(app)
    if checks:
        add_checks(app)
    management = config.management_account_id

    NewAccountNotificationsStack(
        app,
        "CtrulesNewAccounts",
        notification_email=config.notification_email,
        # Organizations is global: its events reach EventBridge in us-east-1 only.
        env=cdk.Environment(account=management, region=GLOBAL_EVENTS_REGION),
    )
    ControlTowerLifecycleStack(
        app,
        "CtrulesControlTower",
        notification_email=config.notification_email,
        env=cdk.Environment(account=management, region=config.control_tower_home_region),
    )
    for region in config.security_alarm_regions:
        SecurityAlarmsStack(
            app,
            security_alarms_stack_id(region),
            notification_email=config.notification_email,
            # One multi-region trail is enough: the us-east-1 stack holds it.
            create_trail=config.security_alarms_trail and region == GLOBAL_EVENTS_REGION,
            env=cdk.Environment(region=region),  # any account: deploy it with that account's credentials
        )

    CentralEventBusStack(
        app,
        "CtrulesOrgBus",
        bus_name=config.central_bus_name,
        organization_id=config.organization_id,
        notification_email=config.notification_email,
        env=cdk.Environment(account=config.security_account_id, region=config.central_region),
    )
    member = OrgForwarderStage(
        app,
        MEMBER_STAGE_ID,
        central_account=config.security_account_id,
        central_region=config.central_region,
        bus_name=config.central_bus_name,
    )
    OrgForwardingStackSetStack(
        app,
        "CtrulesOrgStackSet",
        template_body=member.template_body(),
        deployment_targets=config.stack_set_targets,
        regions=config.member_regions,
        env=cdk.Environment(account=management, region=config.stack_set_region),
    )
    return config
