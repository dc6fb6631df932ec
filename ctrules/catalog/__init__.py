"""The bundled catalog of CloudTrail events (pure Python; imports no ``aws_cdk``).

Every API operation of every botocore service, plus the service events, console sign-in events and
console actions that no SDK lists, each with its eventSource, EventBridge source, eventType(s),
read-only flags, category and home region. Importing this package reads nothing; the first lookup
loads the data once.

Example::

    from ctrules import catalog

    ev = catalog.get("CreateAccountResult")
    ev.source          # 'aws.organizations'
    ev.detail_types    # ('AWS Service Event via CloudTrail',)
"""

from __future__ import annotations

from ctrules.catalog.api import (
    all_events,
    event_source_for,
    events,
    get,
    info,
    lookup,
    search,
    services,
    suggest,
)
from ctrules.catalog.model import (
    API_CALL,
    CATEGORIES,
    CONSOLE_ACTION,
    CONSOLE_SIGN_IN,
    CONSTRUCT_FOR_EVENT_TYPE,
    DETAIL_TYPES,
    EVENT_TYPES,
    EVENT_TYPES_BY_DETAIL_TYPE,
    INSIGHT,
    NETWORK_ACTIVITY,
    READ_ONLY_RULE_STATE,
    SERVICE_EVENT,
    CatalogEvent,
    source_of,
)

__all__ = [
    "API_CALL",
    "CATEGORIES",
    "CONSOLE_ACTION",
    "CONSOLE_SIGN_IN",
    "CONSTRUCT_FOR_EVENT_TYPE",
    "DETAIL_TYPES",
    "EVENT_TYPES",
    "EVENT_TYPES_BY_DETAIL_TYPE",
    "INSIGHT",
    "NETWORK_ACTIVITY",
    "READ_ONLY_RULE_STATE",
    "SERVICE_EVENT",
    "CatalogEvent",
    "all_events",
    "event_source_for",
    "events",
    "get",
    "info",
    "lookup",
    "search",
    "services",
    "source_of",
    "suggest",
]
