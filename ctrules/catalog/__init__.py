"""The bundled catalog of CloudTrail events (pure Python; imports no ``aws_cdk``).

Every API operation of every botocore service, plus the service events, console sign-in events and
console actions that no SDK lists, each with its eventSource, EventBridge source, eventType(s),
read-only flags, category and home region. Importing this package reads nothing; the first lookup
loads the data once.

Each entry says where it comes from (``origins``: ``sdk``, ``record``, ``aws-page``, ``curated``, ``user``)
and, for a service AWS has retired, when (``retired``). :func:`coverage` states what the catalog covers;
:func:`extend` adds a project's own events.

Example::

    from ctrules import catalog

    ev = catalog.get("CreateAccountResult")
    ev.source          # 'aws.organizations'
    ev.detail_types    # ('AWS Service Event via CloudTrail',)
    catalog.coverage().summary   # 'botocore 1.44.5 of 2026-11-17, 20,235 events, 419 eventSources'
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

# Imported now, not lazily: the submodule ``coverage`` would otherwise shadow the function of that name.
from ctrules.catalog.coverage import Coverage, Retirement, coverage, retired_services, retirement
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
    ORIGINS,
    READ_ONLY_RULE_STATE,
    SERVICE_EVENT,
    CatalogEvent,
    source_of,
)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

if TYPE_CHECKING:
    from typing import Any

    from ctrules.catalog import shapes as shapes
    from ctrules.catalog.extensions import (
        CatalogEntryError,
        apply_project_extensions,
        extend,
        extend_from_file,
        extra_events_path,
        load_extra_events,
    )

#: Names served by submodules imported on first use (keeps ``import ctrules.catalog`` cheap).
_LAZY = {
    "CatalogEntryError": "extensions",
    "apply_project_extensions": "extensions",
    "extend": "extensions",
    "extend_from_file": "extensions",
    "extra_events_path": "extensions",
    "load_extra_events": "extensions",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name == "shapes":  # record shapes: the module too is imported on first use (it reads its data later still)
        return importlib.import_module("ctrules.catalog.shapes")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ctrules.catalog' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ctrules.catalog.{module}"), name)
    globals()[name] = value
    return value


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
    "ORIGINS",
    "READ_ONLY_RULE_STATE",
    "SERVICE_EVENT",
    "CatalogEntryError",
    "CatalogEvent",
    "Coverage",
    "Retirement",
    "all_events",
    "apply_project_extensions",
    "coverage",
    "event_source_for",
    "events",
    "extend",
    "extend_from_file",
    "extra_events_path",
    "get",
    "info",
    "load_extra_events",
    "lookup",
    "retired_services",
    "retirement",
    "search",
    "services",
    "source_of",
    "suggest",
]
