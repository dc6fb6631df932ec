"""Typed CloudTrail rules: ``aws_events.Rule`` subclasses that get source and detail-type right.

Each construct looks its event names up in the catalog, builds the pattern with
:func:`ctrules.patterns.resolve`, and refuses at construction what cannot be built (unknown names,
ambiguous names, the wrong eventType) with one clean error. Everything else is checked at synthesis, on the
rule's final resource, by the same checks core the CLI and the plugin use: at synthesis the app gets a
``ctrules`` policy-validation plugin (unless a ``CloudTrailChecks`` already checked the stack), so every
finding of the app appears in one report (path, why, fix, acknowledgement id ``ctrules::CTR0xx``) and an
error fails ``cdk synth`` and ``python app.py``.

Example::

    from ctrules import ServiceEventRule

    ServiceEventRule(stack, "NewAccount", "CreateAccountResult", targets=[targets.SnsTopic(topic)])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import aws_cdk as cdk
import jsii
from aws_cdk import aws_events as events
from constructs import Construct, IValidation

from ctrules._cdk import TypedRules, install_clean_validation_exit, sanitize_id, scope_info
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
    """A JSON-ready pattern dict as an ``events.EventPattern``.

    The struct's constructor type-checks every argument at run time (jsii's generated ``if __debug__`` checks,
    ~50 µs a call, more than the rest of a typed rule's Python work). A pattern whose fields already have the
    types it checks (``source`` and ``detail-type`` lists of strings, ``detail`` a dict with string keys, which is
    what :func:`ctrules.patterns.resolve` builds) gets the same struct without the check; anything else goes through
    the constructor, which raises on it as it always did. ``tests/test_rules.py`` shows both give equal structs.
    """
    source = data.get("source")
    detail_type = data.get("detail-type")
    detail = data.get("detail")
    if (
        _str_list_or_none(source)
        and _str_list_or_none(detail_type)
        and (detail is None or (type(detail) is dict and all(type(k) is str for k in detail)))
    ):
        struct: events.EventPattern = object.__new__(events.EventPattern)
        # The fields in the constructor's order, None left out, as it stores them.
        struct._values = {
            k: v for k, v in (("detail", detail), ("detail_type", detail_type), ("source", source)) if v is not None
        }
        return struct
    return events.EventPattern(source=source, detail_type=detail_type, detail=detail)


def _str_list_or_none(value: object) -> bool:
    """None or a list of strings (what ``Sequence[str]`` admits, and all a built pattern holds there)."""
    return value is None or (type(value) is list and all(type(v) is str for v in value))


def _path(scope: Construct, id: str) -> str:
    parent = scope.node.path
    return f"{parent}/{id}" if parent else id


@jsii.implements(IValidation)
class _AtSynthesis:
    """Runs once per synthesis of an app with typed rules, before CDK runs the validation plugins.

    It registers the :class:`~ctrules.plugin.TypedRuleChecks` plugin on the app the first time, so that plugin
    comes after every plugin the user registered (CDK runs them in that order): a ``CloudTrailChecks`` of the
    app checks the typed rules of its stacks like any other rule (with its ``ignore``), and the constructs'
    own plugin checks the rest. It also forgets what the previous synthesis covered.
    """

    def __init__(self, app: cdk.Stage, registry: TypedRules) -> None:
        self._app = app
        self._registry = registry
        self._registered = False

    def validate(self) -> list[str]:
        self._registry.covered.clear()
        if not self._registered:
            cdk.Validations.of(self._app).add_plugins(_typed_rule_checks())
            self._registered = True
        return []


_PLUGIN: list[Any] = []


def _typed_rule_checks() -> Any:
    """The :class:`~ctrules.plugin.TypedRuleChecks` plugin: one for every app of the process (it keeps nothing of an
    app; a jsii object made once, not per app), with the project's catalog extensions applied again for this app."""
    from ctrules.catalog import apply_project_extensions
    from ctrules.plugin import TypedRuleChecks

    if not _PLUGIN:
        _PLUGIN.append(TypedRuleChecks())
    else:
        apply_project_extensions(None)
    return _PLUGIN[0]


def _add_app_checks(app: cdk.Stage, registry: TypedRules) -> None:
    """Make the app check its typed rules at every synthesis (called once per app)."""
    app.node.add_validation(_AtSynthesis(app, registry))


class _CloudTrailRuleBase:
    """The ``__init__`` every typed rule shares (the constructs subclass ``events.Rule`` directly).

    jsii scans the members of each Python class between a construct and its CDK class every time one is
    created (~11 µs a class level): one level, not two.
    """

    def __init__(
        self: Any,
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
            checked at synthesis like the rest of the pattern.
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
        :raises InvalidRuleError: ``event_pattern=``/``schedule=`` given, or ``detail`` that is not a mapping
            or sets a key ctrules derives (``eventName``...).

        Everything else the checks find (``detail`` filters that never match, the stack's region, the rule's
        State, patterns added later with ``add_event_pattern``, targets' input paths) is reported at synthesis,
        every finding of the app in one report, through CDK's policy-validation report (plugin ``ctrules``).
        """
        for bad in ("event_pattern", "schedule"):
            if bad in kwargs:
                install_clean_validation_exit()
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
            # the message (computed only when something is wrong); uncaught, it ends the app with one line.
            install_clean_validation_exit()
            resolve(event_name, service=service, event_type=event_type, detail=detail, context=_path(scope, id))
            raise AssertionError("unreachable: the second resolve raises")  # pragma: no cover
        management = event_type not in (INSIGHT, NETWORK_ACTIVITY)  # the State gates management events only
        read_only = management and any(e.eventbridge_read_only for e in resolved.events)
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
        info = scope_info(scope, _add_app_checks)  # jsii round trips once per scope, none per rule
        events.Rule.__init__(self, scope, id, event_pattern=to_event_pattern(resolved.pattern), **kwargs)
        self.catalog_events = resolved.events
        self.event_types = resolved.event_types
        if read_only and enabled is not False:
            cfn = self.node.default_child
            assert isinstance(cfn, events.CfnRule)
            cfn.state = READ_ONLY_RULE_STATE
        # Recorded on the Python side: at synthesis a CloudTrailChecks of the app, or else the constructs' own
        # ctrules plugin, checks this rule's final resource (pattern after add_event_pattern, State, bus,
        # targets) with every check, so each problem is reported once.
        info.registry.add(info.stack, info.stack_path, self, [*info.below_stack, sanitize_id(id), "Resource"])


class ApiCallRule(events.Rule):
    """A rule for CloudTrail API call events (detail-type "AWS API Call via CloudTrail").

    Example: ``ApiCallRule(stack, "Trail", "StopLogging", targets=[...])``.
    """

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


class ServiceEventRule(events.Rule):
    """A rule for CloudTrail service events (detail-type "AWS Service Event via CloudTrail").

    Example: ``ServiceEventRule(stack, "NewAccount", "CreateAccountResult", targets=[...])``.
    """

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


class ConsoleSignInRule(events.Rule):
    """A rule for console sign-in events (detail-type "AWS Console Sign In via CloudTrail").

    Example: ``ConsoleSignInRule(stack, "RootLogin", "ConsoleLogin", detail={"userIdentity": {"type": ["Root"]}})``.
    """

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


class ConsoleActionRule(events.Rule):
    """A rule for console actions that are not API calls (detail-type "AWS Console Action via CloudTrail")."""

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


class InsightRule(events.Rule):
    """A rule for CloudTrail Insights events about API names (detail-type "AWS Insight via CloudTrail").

    Insights records carry the API in ``detail.insightDetails``; the rule filters there. Insights must
    be enabled on a trail.
    """

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


class NetworkActivityRule(events.Rule):
    """A rule for CloudTrail network activity events (calls through VPC endpoints).

    Network activity must be logged by a trail for the event source.
    """

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


class CloudTrailRule(events.Rule):
    """A rule for CloudTrail events of any eventType: the detail-type(s) come from the catalog.

    ``CloudTrailRule(stack, "Decrypt", "Decrypt", service="kms")`` matches kms Decrypt both as an API
    call and as a service event (AWS services call it internally).
    """

    __init__ = _CloudTrailRuleBase.__init__
    #: The catalog entries the rule was built for.
    catalog_events: tuple[CatalogEvent, ...]
    #: The CloudTrail eventType(s) the rule matches.
    event_types: tuple[str, ...]


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
