"""The catalog's data model: one :class:`CatalogEvent` per (eventSource, eventName).

:class:`CatalogEvent` is written out by hand rather than with ``dataclasses``: importing ``dataclasses`` imports
``inspect``, a large part of the catalog's cold start (``bench/catalog_load.py``).

Pure Python, no ``aws_cdk`` import.
"""

from __future__ import annotations

from collections.abc import Mapping

from ctrules._cached import cached_property

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

if TYPE_CHECKING:
    from typing import Any, Final

__all__ = [
    "API_CALL",
    "CATEGORIES",
    "CONSOLE_ACTION",
    "CONSOLE_SIGN_IN",
    "CONSTRUCT_FOR_EVENT_TYPE",
    "DETAIL_TYPES",
    "ENVELOPE_FIELDS",
    "EVENT_TYPES",
    "EVENT_TYPES_BY_DETAIL_TYPE",
    "INSIGHT",
    "NETWORK_ACTIVITY",
    "ORIGINS",
    "READ_ONLY_RULE_STATE",
    "SERVICE_EVENT",
    "CatalogEvent",
    "source_of",
]

API_CALL: Final = "AwsApiCall"
SERVICE_EVENT: Final = "AwsServiceEvent"
CONSOLE_SIGN_IN: Final = "AwsConsoleSignIn"
CONSOLE_ACTION: Final = "AwsConsoleAction"
INSIGHT: Final = "AwsCloudTrailInsight"
NETWORK_ACTIVITY: Final = "AwsVpceEvent"

#: CloudTrail eventType, in a fixed order (the bit order of the bundled data).
EVENT_TYPES: Final[tuple[str, ...]] = (
    API_CALL,
    SERVICE_EVENT,
    CONSOLE_SIGN_IN,
    CONSOLE_ACTION,
    INSIGHT,
    NETWORK_ACTIVITY,
)

#: eventType -> the ``detail-type`` EventBridge gives the event. Evidence: real envelopes for the first
#: three (see the README's Catalog section); the EventBridge user guide page eb-service-event-cloudtrail
#: for the others. The guide's "AWS Console Signin via CloudTrail" spelling is *not* what real
#: sign-in events carry.
DETAIL_TYPES: Final[Mapping[str, str]] = {
    API_CALL: "AWS API Call via CloudTrail",
    SERVICE_EVENT: "AWS Service Event via CloudTrail",
    CONSOLE_SIGN_IN: "AWS Console Sign In via CloudTrail",
    CONSOLE_ACTION: "AWS Console Action via CloudTrail",
    INSIGHT: "AWS Insight via CloudTrail",
    NETWORK_ACTIVITY: "AWS Network Activity Event via CloudTrail",
}

#: Top-level fields of every EventBridge event, the envelope around a CloudTrail record (``detail``). Evidence:
#: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html (``replay-name`` is added
#: to replayed events: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html).
ENVELOPE_FIELDS: Final[frozenset[str]] = frozenset(
    {"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail", "replay-name"}
)

#: detail-type -> eventType (the reverse of :data:`DETAIL_TYPES`).
EVENT_TYPES_BY_DETAIL_TYPE: Final[Mapping[str, str]] = {v: k for k, v in DETAIL_TYPES.items()}

#: eventType -> the ctrules construct that matches it (``CloudTrailRule`` matches any).
CONSTRUCT_FOR_EVENT_TYPE: Final[Mapping[str, str]] = {
    API_CALL: "ApiCallRule",
    SERVICE_EVENT: "ServiceEventRule",
    CONSOLE_SIGN_IN: "ConsoleSignInRule",
    CONSOLE_ACTION: "ConsoleActionRule",
    INSIGHT: "InsightRule",
    NETWORK_ACTIVITY: "NetworkActivityRule",
}

#: The CloudTrail ``eventCategory`` values the catalog uses.
CATEGORIES: Final[tuple[str, ...]] = ("Management", "Data", "NetworkActivity")

#: Where a catalog entry comes from, in the bit order of the bundled data: ``sdk`` (a botocore operation),
#: ``record`` (seen in a real CloudTrail record), ``aws-page`` (named on an AWS documentation page),
#: ``curated`` (hand-added from other evidence), ``user`` (added by the project: :func:`ctrules.catalog.extend`).
ORIGINS: Final[tuple[str, ...]] = ("sdk", "record", "aws-page", "curated", "user")

#: The rule ``State`` under which EventBridge delivers read-only management events.
READ_ONLY_RULE_STATE: Final = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"

_SUFFIX: Final = ".amazonaws.com"


def deliverable_detail_types(
    event_types: tuple[str, ...], insights: bool = False, network_activity: bool = False
) -> tuple[str, ...]:
    """The ``detail-type`` of each eventType, then the Insights and network activity detail-types when the
    event is also delivered as those (see :attr:`CatalogEvent.deliverable_detail_types`)."""
    extra: list[str] = []
    if insights:
        extra.append(DETAIL_TYPES[INSIGHT])
    if network_activity:
        extra.append(DETAIL_TYPES[NETWORK_ACTIVITY])
    return tuple(DETAIL_TYPES[t] for t in event_types) + tuple(extra)


def source_of(event_source: str) -> str:
    """The EventBridge ``source`` of a CloudTrail eventSource.

    :param event_source: e.g. ``"monitoring.amazonaws.com"``.
    :returns: e.g. ``"aws.monitoring"``.
    """
    base = event_source[: -len(_SUFFIX)] if event_source.endswith(_SUFFIX) else event_source
    return "aws." + base


_FIELDS: Final = (
    "event_name", "event_source", "source", "event_types", "read_only", "eventbridge_read_only", "category",
    "home_region", "service", "verified", "evidence", "insights", "network_activity", "origins", "retired",
)  # fmt: skip


class FrozenEventError(AttributeError):
    """A :class:`CatalogEvent` is immutable."""


class CatalogEvent:
    """One CloudTrail event: where it comes from and how EventBridge delivers it.

    :param event_name: the record's ``eventName`` (as logged, e.g. ``UpdateFunctionCode20150331v2``).
    :param event_source: the record's ``eventSource`` (e.g. ``organizations.amazonaws.com``).
    :param source: the EventBridge ``source`` (``aws.organizations``).
    :param event_types: the CloudTrail ``eventType`` values this event is recorded with.
    :param read_only: the record's ``readOnly`` field; ``None`` when unknown.
    :param eventbridge_read_only: True when EventBridge delivers the event only to rules whose
        State is ``ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`` (EventBridge's own rule).
    :param category: ``Management``, ``Data`` or ``NetworkActivity``.
    :param home_region: for global services, the only region where EventBridge sees the event.
    :param service: the botocore service name, or ``None`` (sign-in, console-only sources).
    :param verified: False where the eventSource is a default guess from botocore metadata.
    :param evidence: docs URLs or repository paths backing the entry's facts.
    :param insights: True when CloudTrail Insights can report unusual activity of this event.
    :param network_activity: True when its eventSource logs network activity (VPC endpoint) events.
    :param origins: where the entry comes from, a subset of :data:`ORIGINS` in that order.
    :param retired: the date (``YYYY-MM-DD``) AWS retired the entry's service, or ``None`` while it runs;
        :func:`ctrules.catalog.retirement` gives the evidence.
    """

    event_name: str
    event_source: str
    source: str
    event_types: tuple[str, ...]
    read_only: bool | None
    eventbridge_read_only: bool
    category: str
    home_region: str | None
    service: str | None
    verified: bool
    evidence: tuple[str, ...]
    insights: bool
    network_activity: bool
    origins: tuple[str, ...]
    retired: str | None

    def __init__(
        self,
        event_name: str,
        event_source: str,
        source: str,
        event_types: tuple[str, ...],
        read_only: bool | None,
        eventbridge_read_only: bool,
        category: str,
        home_region: str | None,
        service: str | None,
        verified: bool,
        evidence: tuple[str, ...],
        insights: bool = False,
        network_activity: bool = False,
        origins: tuple[str, ...] = (),
        retired: str | None = None,
    ) -> None:
        d = self.__dict__
        d["event_name"] = event_name
        d["event_source"] = event_source
        d["source"] = source
        d["event_types"] = event_types
        d["read_only"] = read_only
        d["eventbridge_read_only"] = eventbridge_read_only
        d["category"] = category
        d["home_region"] = home_region
        d["service"] = service
        d["verified"] = verified
        d["evidence"] = evidence
        d["insights"] = insights
        d["network_activity"] = network_activity
        d["origins"] = origins
        d["retired"] = retired

    def _values(self) -> tuple[Any, ...]:
        d = self.__dict__
        return tuple(d[name] for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        d = self.__dict__
        return f"CatalogEvent({', '.join(f'{name}={d[name]!r}' for name in _FIELDS)})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenEventError(f"cannot assign to field {name!r}: a CatalogEvent is immutable")

    def __delattr__(self, name: str) -> None:
        raise FrozenEventError(f"cannot delete field {name!r}: a CatalogEvent is immutable")

    @cached_property
    def detail_types(self) -> tuple[str, ...]:
        """The ``detail-type`` of each of :attr:`event_types`, in the same order."""
        return tuple(DETAIL_TYPES[t] for t in self.event_types)

    @cached_property
    def deliverable_detail_types(self) -> tuple[str, ...]:
        """Every ``detail-type`` under which EventBridge can deliver this event name.

        :attr:`detail_types`, plus the Insights detail-type when :attr:`insights` and the network
        activity detail-type when :attr:`network_activity`.
        """
        return deliverable_detail_types(self.event_types, self.insights, self.network_activity)

    @property
    def is_global(self) -> bool:
        """True when EventBridge sees the event in one region only (:attr:`home_region`)."""
        return self.home_region is not None

    @property
    def key(self) -> tuple[str, str]:
        """The unique key of the entry: ``(event_source, event_name)``."""
        return (self.event_source, self.event_name)
