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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import aws_cdk as cdk
import jsii
from aws_cdk import aws_events as events
from constructs import Construct, IValidation

from ctrules._cdk import PLUGIN_NAME, TYPED_RULE_METADATA, bus_is_default, known_region
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
from ctrules.errors import CtrulesError, InvalidRuleError
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


def _path(scope: Construct, id: str) -> str:
    parent = scope.node.path
    return f"{parent}/{id}" if parent else id


def _region_of(scope: Construct) -> str | None:
    return known_region(cdk.Stack.of(scope).region)


def _acknowledged(construct: Construct) -> set[str]:
    """Check codes acknowledged as ``ctrules::CTR0xx`` on the construct or any of its scopes.

    ``cdk.Validations.of(x).acknowledge(...)`` silences the plugin's findings; the constructs' own
    synth-time checks honour the same acknowledgements.
    """
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
class _ScopeChecks:
    """Synth-time checks of the typed rules created directly under one scope.

    One validation per scope (not per rule) keeps the cost of typed rules close to that of plain
    ``events.Rule``. A rule is checked again at synthesis when something can have changed since its
    construction: ``add_event_pattern`` was called, it carries ``detail=`` filters, or its events depend
    on the region (global services) or on a trail (data events). The pattern of any other rule was built
    from the catalog and cannot fail a check.
    """

    def __init__(self, scope: Construct) -> None:
        self._scope = scope
        self.rules: list[_CloudTrailRuleBase] = []

    def validate(self) -> list[str]:
        todo = [r for r in self.rules if _needs_synth_check(r)]
        if not todo:
            return []
        region = _region_of(self._scope)
        errors: list[str] = []
        for rule in todo:
            data, state = _final_pattern_and_state(rule)
            if data is None:
                continue
            ctx = RuleContext(region=region, state=state, default_bus=rule._ctrules_default_bus)
            findings = check_pattern(data, ctx)
            if findings:
                acknowledged = _acknowledged(rule)
                findings = [f for f in findings if f.code not in acknowledged]
            for f in findings:
                text = f"{f.code}: {f.message} Fix: {f.fix} (at {f.path})"
                if f.severity == ERROR:
                    errors.append(f"[{rule.node.path}] {text}")
                else:
                    cdk.Annotations.of(rule).add_warning_v2(f"ctrules:{f.code}", text)
        return errors


class _CloudTrailRuleBase(events.Rule):
    """Shared behaviour of the typed CloudTrail rules."""

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
        for bad in ("event_pattern", "schedule"):
            if bad in kwargs:
                raise InvalidRuleError(
                    f"{_path(scope, id)}: {type(self).__name__} builds its own event pattern; {bad}= is not "
                    "accepted (use events.Rule with ctrules.pattern(...) to combine it with other filters)"
                )
        event_type = _event_type_of(type(self))
        try:
            resolved = resolve(event_name, service=service, event_type=event_type, detail=detail)
        except CtrulesError:
            resolved = None
        if resolved is None:
            # Again, outside the handler (one traceback, not two chained ones), to name the construct path in
            # the message (computed only when something is wrong).
            resolve(event_name, service=service, event_type=event_type, detail=detail, context=_path(scope, id))
            raise AssertionError("unreachable: the second resolve raises")  # pragma: no cover
        default_bus = bus_is_default(event_bus)
        management = event_type not in (INSIGHT, NETWORK_ACTIVITY)  # the State gates management events only
        read_only = management and any(e.eventbridge_read_only for e in resolved.events)
        state = READ_ONLY_RULE_STATE if read_only else None
        if detail is not None:
            # Filters the caller added: problems visible now (not region-dependent) fail here, early.
            early = check_pattern(
                resolved.pattern,
                RuleContext(state=state or "ENABLED", default_bus=default_bus),
                ignore=("CTR004", "CTR005"),
            )
            errors = [f for f in early if f.severity == ERROR]
            if errors:
                raise InvalidRuleError(
                    f"{_path(scope, id)}: "
                    + "; ".join(f"{f.code}: {f.message} Fix: {f.fix} (at {f.path})" for f in errors)
                )
        given = {
            "enabled": enabled,
            "event_bus": event_bus,
            "targets": targets,
            "description": description,
            "rule_name": rule_name,
            "cross_stack_scope": cross_stack_scope,
        }
        # Only the properties given: jsii type-checks and sends every argument passed, None included.
        kwargs.update((k, v) for k, v in given.items() if v is not None)
        super().__init__(scope, id, event_pattern=to_event_pattern(resolved.pattern), **kwargs)
        #: The catalog entries the rule was built for.
        self.catalog_events: tuple[CatalogEvent, ...] = resolved.events
        #: The CloudTrail eventType(s) the rule matches.
        self.event_types: tuple[str, ...] = resolved.event_types
        self._ctrules_pattern = resolved.pattern
        self._ctrules_has_detail = detail is not None
        self._ctrules_modified = False
        self._ctrules_default_bus = default_bus
        self._ctrules_state = "DISABLED" if enabled is False else (state or "ENABLED")
        cfn = self.node.default_child
        assert isinstance(cfn, events.CfnRule)
        if state is not None and enabled is not False:
            cfn.state = state
        # The rule checks itself at synthesis (below); the CloudTrailChecks plugin skips it, so each problem is
        # reported once, with one acknowledgement id (ctrules::CTR0xx).
        cfn.add_metadata(TYPED_RULE_METADATA, True)
        checks = scope.__dict__.get("_ctrules_scope_checks")
        if not isinstance(checks, _ScopeChecks):
            checks = _ScopeChecks(scope)
            scope.node.add_validation(checks)
            scope.__dict__["_ctrules_scope_checks"] = checks
        checks.rules.append(self)
        # Wrapped on the instance, not overridden on the class: a class override would make every rule's
        # JavaScript constructor call back into Python (jsii), which costs more than the rest of ctrules.
        setattr(self, "add_event_pattern", _wrap_add_event_pattern(self))  # noqa: B010


def _wrap_add_event_pattern(rule: _CloudTrailRuleBase) -> Callable[..., None]:
    def add_event_pattern(*args: Any, **kwargs: Any) -> None:
        """``events.Rule.add_event_pattern``; the merged pattern is checked again at synthesis."""
        rule._ctrules_modified = True
        events.Rule.add_event_pattern(rule, *args, **kwargs)

    return add_event_pattern


def _needs_synth_check(rule: _CloudTrailRuleBase) -> bool:
    """Can a check find anything in the rule's final pattern? (It was built from the catalog: only what depends
    on the region, a trail, later changes, the size of the pattern, retired or unlisted events can.)"""
    return (
        rule._ctrules_modified
        or rule._ctrules_has_detail
        or len(rule.catalog_events) > _SMALL_RULE
        or any(
            e.home_region is not None or e.category == "Data" or e.retired or not e.origins
            for e in rule.catalog_events
        )
    )


#: Typed rules with at most this many events are certainly within the pattern-size quota (CTR013).
_SMALL_RULE = 20


def _final_pattern_and_state(rule: _CloudTrailRuleBase) -> tuple[dict[str, Any] | None, str | None]:
    if not rule._ctrules_modified:
        return rule._ctrules_pattern, rule._ctrules_state
    cfn = rule.node.default_child
    if not isinstance(cfn, events.CfnRule):
        return None, None
    stack = cdk.Stack.of(rule)
    data = stack.resolve(cfn.event_pattern)
    state = stack.resolve(cfn.state)
    return (data if isinstance(data, dict) else None), (state if isinstance(state, str) else None)


class ApiCallRule(_CloudTrailRuleBase):
    """A rule for CloudTrail API call events (detail-type "AWS API Call via CloudTrail").

    Example: ``ApiCallRule(stack, "Trail", "StopLogging", targets=[...])``.
    """


class ServiceEventRule(_CloudTrailRuleBase):
    """A rule for CloudTrail service events (detail-type "AWS Service Event via CloudTrail").

    Example: ``ServiceEventRule(stack, "NewAccount", "CreateAccountResult", targets=[...])``.
    """


class ConsoleSignInRule(_CloudTrailRuleBase):
    """A rule for console sign-in events (detail-type "AWS Console Sign In via CloudTrail").

    Example: ``ConsoleSignInRule(stack, "RootLogin", "ConsoleLogin", detail={"userIdentity": {"type": ["Root"]}})``.
    """


class ConsoleActionRule(_CloudTrailRuleBase):
    """A rule for console actions that are not API calls (detail-type "AWS Console Action via CloudTrail")."""


class InsightRule(_CloudTrailRuleBase):
    """A rule for CloudTrail Insights events about API names (detail-type "AWS Insight via CloudTrail").

    Insights records carry the API in ``detail.insightDetails``; the rule filters there. Insights must
    be enabled on a trail.
    """


class NetworkActivityRule(_CloudTrailRuleBase):
    """A rule for CloudTrail network activity events (calls through VPC endpoints).

    Network activity must be logged by a trail for the event source.
    """


class CloudTrailRule(_CloudTrailRuleBase):
    """A rule for CloudTrail events of any eventType: the detail-type(s) come from the catalog.

    ``CloudTrailRule(stack, "Decrypt", "Decrypt", service="kms")`` matches kms Decrypt both as an API
    call and as a service event (AWS services call it internally).
    """


# The eventType of each construct, kept out of the classes: jsii inspects every member of a Python
# subclass each time one is created, so fewer members make typed rules cheaper.
_EVENT_TYPE: dict[type, str | None] = {
    ApiCallRule: API_CALL,
    ServiceEventRule: SERVICE_EVENT,
    ConsoleSignInRule: CONSOLE_SIGN_IN,
    ConsoleActionRule: CONSOLE_ACTION,
    InsightRule: INSIGHT,
    NetworkActivityRule: NETWORK_ACTIVITY,
    CloudTrailRule: None,
}


def _event_type_of(cls: type) -> str | None:
    """The eventType a (possibly user-subclassed) ctrules construct matches; None: every one it has."""
    for klass in cls.__mro__:
        if klass in _EVENT_TYPE:
            return _EVENT_TYPE[klass]
    return None
