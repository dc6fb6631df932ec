"""Vocabulary shared by the checks: record fields, CloudTrail detail-types, quoting, partitions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Final

from ctrules.catalog import DETAIL_TYPES, INSIGHT, NETWORK_ACTIVITY

__all__ = [
    "NOT_MANAGEMENT_DETAIL_TYPES",
    "OTHER_PARTITIONS",
    "RECORD_FIELDS",
    "VALID_DETAIL_TYPES",
    "catalog_phrase",
    "pattern_text",
    "quote_list",
]

#: Top-level fields of a CloudTrail record (the ``detail`` of the EventBridge event).
RECORD_FIELDS: Final[frozenset[str]] = frozenset(
    {
        "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
        "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "requestParameters",
        "responseElements", "additionalEventData", "requestID", "eventID", "eventType", "apiVersion",
        "managementEvent", "readOnly", "resources", "recipientAccountId", "serviceEventDetails",
        "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId", "eventCategory", "addendum",
        "sessionCredentialFromConsole", "edgeDeviceDetails", "tlsDetails", "insightDetails",
        "eventContext",
    }
)  # fmt: skip

#: Every detail-type EventBridge gives CloudTrail events, in a stable order.
VALID_DETAIL_TYPES: Final[tuple[str, ...]] = tuple(DETAIL_TYPES.values())

#: Detail-types of events that are not management events (Insights, network activity).
NOT_MANAGEMENT_DETAIL_TYPES: Final[frozenset[str]] = frozenset({DETAIL_TYPES[INSIGHT], DETAIL_TYPES[NETWORK_ACTIVITY]})

#: Region prefixes of partitions other than ``aws`` (China, GovCloud, ISO, EU sovereign cloud).
OTHER_PARTITIONS: Final[tuple[str, ...]] = ("cn-", "us-gov-", "us-iso", "eu-isoe-", "eusc-")


def pattern_text(value: object) -> str | None:
    """The compact JSON text EventBridge measures a pattern (or a part of one) by; None when it has no JSON form."""
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return None


def quote_list(values: Iterable[str]) -> str:
    """``'a'``, ``'a' or 'b'``, ``'a', 'b' or 'c'``."""
    items = [repr(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def catalog_phrase() -> str:
    """``the catalog (botocore 1.44.5 of 2026-11-17, 20,445 events, ...)``: what a warning about an unlisted
    name says the catalog covers."""
    try:
        from ctrules.catalog.coverage import coverage

        return f"the catalog ({coverage().summary})"
    except Exception:  # the coverage data is optional metadata: never let it break a check
        return "the catalog"
