"""The examples' settings: read from CDK context (``cdk.json`` or ``cdk synth -c key=value``) and validated.

Every key has a placeholder default in ``cdk.json`` so that ``make synth`` works out of the box. The
placeholders (account ``111111111111``, ``security@example.com``...) are not deployable: replace them in
``cdk.json`` or on the command line before ``cdk deploy``. A missing or malformed value fails synthesis
with :class:`ContextError`, which names the key and shows how to set it.

=========================  ============================================================================
Key                        Meaning
=========================  ============================================================================
``notificationEmail``      address subscribed to every alert topic (confirm the subscription e-mail)
``managementAccountId``    the organization's management account (new-account and StackSet stacks)
``securityAccountId``      the account that owns the central event bus
``organizationId``         ``o-...``: only principals of this organization may put events on the bus
``stackSetTargets``        root (``r-...``) or OU (``ou-...``) ids the forwarder StackSet deploys to
``memberRegions``          regions of the member accounts the forwarder runs in (must include us-east-1)
``centralRegion``          region of the central event bus
``centralBusName``         name of the central event bus
``stackSetRegion``         region of the management account where the StackSet is created
``controlTowerHomeRegion`` the AWS Control Tower home region (where its lifecycle events are delivered)
``securityAlarmRegions``   regions that get a security-alarms stack (must include us-east-1: IAM rule)
``securityAlarmsTrail``    ``true``: the us-east-1 alarms stack creates a multi-region trail (a fresh
                           account has none); ``false`` where an organization trail covers the account
=========================  ============================================================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from constructs import Construct

__all__ = [
    "GLOBAL_EVENTS_REGION",
    "ContextError",
    "ExampleConfig",
    "context_bool",
    "context_list",
    "context_str",
    "load_config",
]

#: Where EventBridge receives the CloudTrail events of global services (IAM, Organizations...).
GLOBAL_EVENTS_REGION = "us-east-1"

_ACCOUNT = re.compile(r"^\d{12}$")
_ORG_ID = re.compile(r"^o-[a-z0-9]{10,32}$")
_ROOT_OR_OU = re.compile(r"^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")
_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_BUS_NAME = re.compile(r"^[A-Za-z0-9._\-]{1,256}$")


class ContextError(ValueError):
    """A context value the examples need is missing or malformed.

    :param key: the context key.
    :param problem: what is wrong with it.
    :param example: a valid value, shown in the fix.
    """

    def __init__(self, key: str, problem: str, example: str) -> None:
        self.key = key
        super().__init__(
            f'context key {key!r}: {problem}. Fix: set it in cdk.json ("context": {{"{key}": ...}}) '
            f"or on the command line: cdk synth -c {key}={example}"
        )


def _raw(scope: Construct, key: str, example: str) -> Any:
    value = scope.node.try_get_context(key)
    if value is None or value == "" or value == []:
        raise ContextError(key, "missing", example)
    return value


def context_str(scope: Construct, key: str, *, pattern: re.Pattern[str], what: str, example: str) -> str:
    """A string context value that must match ``pattern``.

    :param scope: any construct of the app.
    :param key: the context key.
    :param pattern: the accepted form.
    :param what: the accepted form in words, for the error.
    :param example: a valid value, for the error.
    :raises ContextError: missing, not a string, or not of the accepted form.
    """
    value = _raw(scope, key, example)
    if not isinstance(value, str):
        raise ContextError(key, f"expected {what}, got {type(value).__name__} {value!r}", example)
    value = value.strip()
    if not pattern.fullmatch(value):
        raise ContextError(key, f"expected {what}, got {value!r}", example)
    return value


def context_list(
    scope: Construct, key: str, *, pattern: re.Pattern[str], what: str, example: str
) -> tuple[str, ...]:
    """A list context value: a JSON list in ``cdk.json``, or ``a,b`` / ``["a","b"]`` on the command line.

    :raises ContextError: missing, empty, or an item not of the accepted form.
    """
    value = _raw(scope, key, example)
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ContextError(key, f"not a JSON list ({exc.msg})", example) from exc
        else:
            value = [item for item in (part.strip() for part in text.split(",")) if item]
    if not isinstance(value, list) or not value:
        raise ContextError(key, f"expected a non-empty list of {what}, got {value!r}", example)
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not pattern.fullmatch(item.strip()):
            raise ContextError(key, f"expected a list of {what}, but {item!r} is not one", example)
        if item.strip() not in out:
            out.append(item.strip())
    return tuple(out)


def context_bool(scope: Construct, key: str) -> bool:
    """A boolean context value: JSON ``true``/``false`` in ``cdk.json``, ``true``/``false`` on the command line.

    :raises ContextError: missing or not a boolean.
    """
    value = scope.node.try_get_context(key)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, bool):
        return value
    problem = "missing" if value is None or value == "" else f"expected true or false, got {value!r}"
    raise ContextError(key, problem, "true")


@dataclass(frozen=True)
class ExampleConfig:
    """Every setting of the example stacks (see the module docstring for each key)."""

    notification_email: str
    management_account_id: str
    security_account_id: str
    organization_id: str
    stack_set_targets: tuple[str, ...]
    member_regions: tuple[str, ...]
    central_region: str
    central_bus_name: str
    stack_set_region: str
    control_tower_home_region: str
    security_alarm_regions: tuple[str, ...]
    security_alarms_trail: bool


_Reader = Callable[[Construct], Any]


def _readers() -> Sequence[tuple[str, _Reader]]:
    def s(key: str, pattern: re.Pattern[str], what: str, example: str) -> _Reader:
        return lambda scope: context_str(scope, key, pattern=pattern, what=what, example=example)

    def lst(key: str, pattern: re.Pattern[str], what: str, example: str) -> _Reader:
        return lambda scope: context_list(scope, key, pattern=pattern, what=what, example=example)

    account = "a 12-digit AWS account id"
    region = "an AWS region name such as us-east-1"
    return (
        ("notification_email", s("notificationEmail", _EMAIL, "an e-mail address", "secops@example.org")),
        ("management_account_id", s("managementAccountId", _ACCOUNT, account, "123456789012")),
        ("security_account_id", s("securityAccountId", _ACCOUNT, account, "210987654321")),
        ("organization_id", s("organizationId", _ORG_ID, "an organization id (o-[a-z0-9]{10,32})",
                              "o-a1b2c3d4e5")),
        ("stack_set_targets", lst("stackSetTargets", _ROOT_OR_OU, "root (r-...) or OU (ou-...-...) ids",
                                  "r-a1b2")),
        ("member_regions", lst("memberRegions", _REGION, "region names", "us-east-1,eu-west-1")),
        ("central_region", s("centralRegion", _REGION, region, "us-east-1")),
        ("central_bus_name", s("centralBusName", _BUS_NAME, "an event bus name", "org-cloudtrail")),
        ("stack_set_region", s("stackSetRegion", _REGION, region, "us-east-1")),
        ("control_tower_home_region", s("controlTowerHomeRegion", _REGION, region, "eu-west-1")),
        ("security_alarm_regions", lst("securityAlarmRegions", _REGION, "region names",
                                       "us-east-1,eu-west-1")),
        ("security_alarms_trail", lambda scope: context_bool(scope, "securityAlarmsTrail")),
    )  # fmt: skip


def load_config(scope: Construct) -> ExampleConfig:
    """Read and validate every setting from the context of ``scope``.

    :raises ContextError: the first missing or malformed value.
    """
    values = {name: read(scope) for name, read in _readers()}
    config = ExampleConfig(**values)
    for key, regions in (
        ("memberRegions", config.member_regions),
        ("securityAlarmRegions", config.security_alarm_regions),
    ):
        if GLOBAL_EVENTS_REGION not in regions:
            raise ContextError(
                key,
                f"must include {GLOBAL_EVENTS_REGION}: CloudTrail events of global services (IAM, "
                f"Organizations, STS global endpoint...) reach EventBridge only there, got {list(regions)}",
                ",".join((GLOBAL_EVENTS_REGION, *regions)),
            )
    if config.central_bus_name == "default":
        raise ContextError(
            "centralBusName",
            "use a dedicated bus, not the default bus, for events of other accounts",
            "org-cloudtrail",
        )
    return config
