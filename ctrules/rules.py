"""Typed CloudTrail rules: ``aws_events.Rule`` subclasses that get source and detail-type right.

Each construct looks its event names up in the catalog, builds the pattern with
:func:`ctrules.patterns.resolve`, and refuses at construction what can never fire (unknown names,
ambiguous names, the wrong eventType). What can still change before synthesis (the stack's region,
patterns added later with ``add_event_pattern``, ``enabled``) is checked with ``node.add_validation``
by the same checks core the CLI and the plugin use.

Example::

    from ctrules import ServiceEventRule

    ServiceEventRule(stack, "NewAccount", "CreateAccountResult", targets=[targets.SnsTopic(topic)])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aws_cdk as cdk
import jsii
from aws_cdk import aws_events as events
from constructs import Construct, IValidation

from ctrules.catalog import (
    API_CALL,
    CONSOLE_ACTION,
    CONSOLE_SIGN_IN,
    INSIGHT,
    NETWORK_ACTIVITY,
    READ_ONLY_RULE_STATE,
    SERVICE_EVENT,
    CatalogEvent,
)
from ctrules.checks import ERROR, RuleContext, check_pattern
from ctrules.errors import InvalidRuleError
from ctrules.patterns import resolve

__all__ = [
    "ApiCallRule",
    "CloudTrailRule",
    "ConsoleActionRule",
    "ConsoleSignInRule",
    "InsightRule",
    "NetworkActivityRule",
    "ServiceEventRule",
    "pattern",
]


def pattern(
    event_name: str | Sequence[str],
    *,
    service: str | None = None,
    event_type: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> events.EventPattern:
    """The ``events.EventPattern`` for CloudTrail event(s), for a plain ``events.Rule`` or other libraries.

    Same arguments and errors as :func:`ctrules.pattern_dict`.
    """
    return to_event_pattern(resolve(event_name, service=service, event_type=event_type, detail=detail).pattern)


def to_event_pattern(data: Mapping[str, Any]) -> events.EventPattern:
    """A JSON-ready pattern dict as an ``events.EventPattern``."""
    return events.EventPattern(
        source=data.get("source"),
        detail_type=data.get("detail-type"),
        detail=data.get("detail"),
    )


def _region_of(scope: Construct) -> str | None:
    region = cdk.Stack.of(scope).region
    return None if cdk.Token.is_unresolved(region) else region


def _bus_is_default(bus: events.IEventBus | None) -> bool:
    if bus is None:
        return True
    name = bus.event_bus_name
    return not cdk.Token.is_unresolved(name) and name == "default"


def _acknowledged(construct: Construct) -> set[str]:
    """Check codes acknowledged as ``ctrules::CTR0xx`` on the construct or any of its scopes.

    ``cdk.Validations.of(x).acknowledge(...)`` silences the plugin's findings; the constructs' own
    synth-time checks honour the same acknowledgements.
    """
    from ctrules.plugin import PLUGIN_NAME

    key = cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    codes: set[str] = set()
    for scope in construct.node.scopes:
        for entry in scope.node.metadata:
            if entry.type == key and isinstance(entry.data, dict):
                for rule_id in entry.data:
                    plugin, _, code = str(rule_id).partition("::")
                    if plugin == PLUGIN_NAME and code:
                        codes.add(code)
    return codes


@jsii.implements(IValidation)
class _SynthChecks:
    """Runs the checks core on the rule's final pattern, region and State at synthesis."""

    def __init__(self, rule: _CloudTrailRuleBase) -> None:
        self._rule = rule

    def validate(self) -> list[str]:
        rule = self._rule
        cfn = rule.node.default_child
        if not isinstance(cfn, events.CfnRule):
            return []
        stack = cdk.Stack.of(rule)
        data = stack.resolve(cfn.event_pattern)
        if not isinstance(data, dict):
            return []
        state = stack.resolve(cfn.state)
        ctx = RuleContext(
            region=_region_of(rule),
            state=state if isinstance(state, str) else None,
            default_bus=rule._default_bus,
        )
        errors: list[str] = []
        for f in check_pattern(data, ctx, ignore=_acknowledged(rule)):
            text = f"{f.code}: {f.message} Fix: {f.fix} (at {f.path})"
            if f.severity == ERROR:
                errors.append(text)
            else:
                cdk.Annotations.of(rule).add_warning_v2(f"ctrules:{f.code}", text)
        return errors


class _CloudTrailRuleBase(events.Rule):
    """Shared behaviour of the typed CloudTrail rules."""

    #: The eventType the rule matches; ``None`` means "every eventType the events are recorded with".
    EVENT_TYPE: ClassVar[str | None] = None

    def __init__(
        self,
        scope: Construct,
        id: str,
        event_name: str | Sequence[str],
        *,
        service: str | None = None,
        detail: Mapping[str, Any] | None = None,
        enabled: bool | None = None,
        event_bus: events.IEventBus | None = None,
        targets: Sequence[events.IRuleTarget] | None = None,
        description: str | None = None,
        rule_name: str | None = None,
        cross_stack_scope: Construct | None = None,
        **kwargs: Any,
    ) -> None:
        """
        :param scope: the parent construct.
        :param id: the construct id.
        :param event_name: the CloudTrail ``eventName`` (or a list of them) the rule reacts to.
        :param service: which service logs the name, when several do (``"organizations"``,
            ``"aws.organizations"`` or ``"organizations.amazonaws.com"``).
        :param detail: further filters on the CloudTrail record (``{"errorCode": [{"exists": False}]}``);
            checked like the rest of the pattern.
        :param enabled: as for ``events.Rule``. An enabled rule whose events EventBridge treats as
            read-only gets State ``ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`` automatically.
        :param event_bus: as for ``events.Rule`` (CloudTrail delivers to the default bus).
        :param targets: as for ``events.Rule``.
        :param description: as for ``events.Rule``.
        :param rule_name: as for ``events.Rule``.
        :param cross_stack_scope: as for ``events.Rule``.
        :param kwargs: any other ``events.Rule`` property (``role``...); not ``event_pattern`` or ``schedule``.
        :raises UnknownEventError: a name the catalog does not know (with "did you mean").
        :raises AmbiguousEventError: a name several services log, without ``service``.
        :raises EventTypeMismatchError: an event of another eventType (e.g. an API call given to
            ``ServiceEventRule``); the message names the right construct.
        :raises InvalidRuleError: ``detail`` filters that can never match (CTR001-CTR009 errors).
        """
        path = f"{scope.node.path}/{id}" if scope.node.path else id
        for bad in ("event_pattern", "schedule"):
            if bad in kwargs:
                raise InvalidRuleError(
                    f"{path}: {type(self).__name__} builds its own event pattern; {bad}= is not accepted "
                    "(use events.Rule with ctrules.pattern(...) to combine it with other filters)"
                )
        resolved = resolve(event_name, service=service, event_type=self.EVENT_TYPE, detail=detail, context=path)
        self._default_bus = _bus_is_default(event_bus)
        # Problems visible now (not region-dependent) fail here, early, with the construct path.
        state = READ_ONLY_RULE_STATE if any(e.eventbridge_read_only for e in resolved.events) else None
        early = check_pattern(
            resolved.pattern,
            RuleContext(state=state or "ENABLED", default_bus=self._default_bus),
            ignore=("CTR004", "CTR005"),
        )
        errors = [f for f in early if f.severity == ERROR]
        if errors:
            raise InvalidRuleError(
                f"{path}: " + "; ".join(f"{f.code}: {f.message} Fix: {f.fix} (at {f.path})" for f in errors)
            )
        super().__init__(
            scope,
            id,
            event_pattern=to_event_pattern(resolved.pattern),
            enabled=enabled,
            event_bus=event_bus,
            targets=targets,
            description=description,
            rule_name=rule_name,
            cross_stack_scope=cross_stack_scope,
            **kwargs,
        )
        self._events = resolved.events
        self._event_types = resolved.event_types
        if state is not None and enabled is not False:
            cfn = self.node.default_child
            assert isinstance(cfn, events.CfnRule)
            cfn.state = state
        self.node.add_validation(_SynthChecks(self))

    @property
    def catalog_events(self) -> tuple[CatalogEvent, ...]:
        """The catalog entries the rule was built for."""
        return self._events

    @property
    def event_types(self) -> tuple[str, ...]:
        """The CloudTrail eventType(s) the rule matches."""
        return self._event_types


class ApiCallRule(_CloudTrailRuleBase):
    """A rule for CloudTrail API call events (detail-type "AWS API Call via CloudTrail").

    Example: ``ApiCallRule(stack, "Trail", "StopLogging", targets=[...])``.
    """

    EVENT_TYPE = API_CALL


class ServiceEventRule(_CloudTrailRuleBase):
    """A rule for CloudTrail service events (detail-type "AWS Service Event via CloudTrail").

    Example: ``ServiceEventRule(stack, "NewAccount", "CreateAccountResult", targets=[...])``.
    """

    EVENT_TYPE = SERVICE_EVENT


class ConsoleSignInRule(_CloudTrailRuleBase):
    """A rule for console sign-in events (detail-type "AWS Console Sign In via CloudTrail").

    Example: ``ConsoleSignInRule(stack, "RootLogin", "ConsoleLogin", detail={"userIdentity": {"type": ["Root"]}})``.
    """

    EVENT_TYPE = CONSOLE_SIGN_IN


class ConsoleActionRule(_CloudTrailRuleBase):
    """A rule for console actions that are not API calls (detail-type "AWS Console Action via CloudTrail")."""

    EVENT_TYPE = CONSOLE_ACTION


class InsightRule(_CloudTrailRuleBase):
    """A rule for CloudTrail Insights events about API names (detail-type "AWS Insight via CloudTrail").

    Insights records carry the API in ``detail.insightDetails``; the rule filters there. Insights must
    be enabled on a trail.
    """

    EVENT_TYPE = INSIGHT


class NetworkActivityRule(_CloudTrailRuleBase):
    """A rule for CloudTrail network activity events (calls through VPC endpoints).

    Network activity must be logged by a trail for the event source.
    """

    EVENT_TYPE = NETWORK_ACTIVITY


class CloudTrailRule(_CloudTrailRuleBase):
    """A rule for CloudTrail events of any eventType: the detail-type(s) come from the catalog.

    ``CloudTrailRule(stack, "Decrypt", "Decrypt", service="kms")`` matches kms Decrypt both as an API
    call and as a service event (AWS services call it internally).
    """

    EVENT_TYPE = None
