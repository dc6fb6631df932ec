"""Test helpers: realistic CloudTrail envelopes and matching them against your rules as EventBridge does.

Unit-test your own EventBridge rules against the events CloudTrail really delivers, with ctrules' own
EventBridge matcher (:mod:`ctrules.eventpattern`: pure Python, no extra install, checked against
EventBridge's engine aws/event-ruler on its reference cases)::

    from ctrules.testing import assert_matches, assert_not_matches, sample_event

    rule = ServiceEventRule(stack, "NewAccount", "CreateAccountResult")
    assert_matches(rule, sample_event("CreateAccountResult"))
    # the API call that starts it is another event:
    assert_not_matches(rule, sample_event("CreateAccount", service="organizations"))

``import ctrules.testing`` is light: the CDK is imported only when a construct or an
``aws_events.EventPattern`` is given, and the matcher only on the first match.
:func:`test_event_pattern` has the shape of boto3's ``events.test_event_pattern``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ctrules.catalog import (
    API_CALL,
    CONSOLE_ACTION,
    CONSOLE_SIGN_IN,
    DETAIL_TYPES,
    INSIGHT,
    NETWORK_ACTIVITY,
    SERVICE_EVENT,
    CatalogEvent,
)

__all__ = [
    "ACCOUNT",
    "assert_matches",
    "assert_not_matches",
    "matches",
    "mismatches",
    "pattern_of",
    "sample_event",
    "test_event_pattern",
]

#: The account id of every :func:`sample_event`.
ACCOUNT = "123456789012"
_TIME = "2026-01-15T12:00:00Z"
_DEFAULT_REGION = "us-east-1"
#: The envelope ``source`` of Insights events. Unverified (no real envelope seen yet); ctrules'
#: Insights patterns do not filter on ``source``, so nothing depends on it.
_INSIGHT_SOURCE = "aws.cloudtrail"
_EVENT_PATTERN_FIELDS = (
    ("version", "version"),
    ("id", "id"),
    ("detail_type", "detail-type"),
    ("source", "source"),
    ("account", "account"),
    ("time", "time"),
    ("region", "region"),
    ("resources", "resources"),
    ("detail", "detail"),
)


# --------------------------------------------------------------------------------------------- events


def sample_event(
    event_name: str, *, service: str | None = None, event_type: str | None = None, **detail: Any
) -> dict[str, Any]:
    """A realistic EventBridge envelope of a catalog event, as CloudTrail delivers it.

    :param event_name: the CloudTrail ``eventName`` (a catalog entry).
    :param service: which service logs the name, when several do (as for :func:`ctrules.pattern_dict`).
    :param event_type: the CloudTrail eventType to deliver the event as; default the first of the
        entry's ``event_types``. ``"AwsCloudTrailInsight"`` gives an Insights record (the API in
        ``detail.insightDetails``); ``"AwsVpceEvent"`` a network activity record.
    :param detail: record fields to set or replace, merged into ``detail`` (nested dicts are merged,
        other values replace), e.g. ``errorCode="AccessDenied"`` or
        ``userIdentity={"type": "Root"}``.
    :returns: the envelope: ``version``, ``id``, ``detail-type``, ``source``, ``account``, ``time``,
        ``region`` (the entry's home region, else us-east-1), ``resources`` and ``detail``. Ids are
        deterministic.

    The record's ``requestParameters``, ``responseElements``, ``serviceEventDetails`` and
    ``additionalEventData`` carry the fields of the event's record shape
    (:func:`ctrules.catalog.shapes.fields_of`; loaded on the first call, not on import), one spelling
    per field, with values chosen by field name: ``…Arn`` an ARN of the service, region and account,
    ``instanceId`` ``i-0…``, ``accountId`` the account, ``…Date``/``…Time`` ISO-8601, ``is…``/``enable…``
    booleans, ``max…``/``…Count`` numbers; fields CloudTrail records as JSON strings hold a JSON string,
    redacted ones ``HIDDEN_DUE_TO_SECURITY_REASONS``, EC2 lists ``{"items": [...]}``. At most 4 levels
    below a part and 60 leaves per record; the same arguments give the same event. Events without a
    known shape keep ``null`` parts. E.g. ``sample_event("CreateAccountResult")["detail"]
    ["serviceEventDetails"]`` is ``{"createAccountStatus": {"accountId": "123456789012", "state":
    "SUCCEEDED", ...}}``.
    :raises UnknownEventError, AmbiguousEventError, EventTypeMismatchError: as
        :func:`ctrules.pattern_dict` does.
    """
    import uuid  # here, not at import: ``import ctrules.testing`` stays cheap (bench/catalog_load.py)

    from ctrules.patterns import resolve

    ev = resolve(event_name, service=service, event_type=event_type).events[0]
    kind = event_type if event_type is not None else ev.event_types[0]
    region = ev.home_region or _DEFAULT_REGION
    seed = f"{ev.event_source}/{ev.event_name}/{kind}"
    event_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "ctrules:event:" + seed))
    record = _record(ev, kind, region, str(uuid.uuid5(uuid.NAMESPACE_URL, "ctrules:record:" + seed)))
    return {
        "version": "0",
        "id": event_id,
        "detail-type": DETAIL_TYPES[kind],
        "source": _INSIGHT_SOURCE if kind == INSIGHT else ev.source,
        "account": ACCOUNT,
        "time": _TIME,
        "region": region,
        "resources": [],
        "detail": _merge(record, detail),
    }


def _identity(ev: CatalogEvent, kind: str) -> dict[str, Any]:
    if kind == SERVICE_EVENT:
        return {"accountId": ACCOUNT, "invokedBy": ev.event_source}
    if kind == CONSOLE_SIGN_IN:
        return {
            "type": "IAMUser",
            "principalId": "AIDAEXAMPLEPRINCIPAL",
            "arn": f"arn:aws:iam::{ACCOUNT}:user/alice",
            "accountId": ACCOUNT,
            "userName": "alice",
        }
    return {
        "type": "AssumedRole",
        "principalId": "AROAEXAMPLEPRINCIPAL:alice",
        "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/Admin/alice",
        "accountId": ACCOUNT,
        "accessKeyId": "ASIAEXAMPLEKEYID0000",
        "sessionContext": {
            "sessionIssuer": {
                "type": "Role",
                "principalId": "AROAEXAMPLEPRINCIPAL",
                "arn": f"arn:aws:iam::{ACCOUNT}:role/Admin",
                "accountId": ACCOUNT,
                "userName": "Admin",
            },
            "attributes": {"creationDate": "2026-01-15T11:00:00Z", "mfaAuthenticated": "false"},
        },
    }


def _user_agent(ev: CatalogEvent, kind: str) -> str:
    if kind == SERVICE_EVENT:
        return ev.event_source
    if kind in (CONSOLE_SIGN_IN, CONSOLE_ACTION):
        return "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
    return "aws-cli/2.22.0 Python/3.12"


def _record(ev: CatalogEvent, kind: str, region: str, record_id: str) -> dict[str, Any]:
    if kind == INSIGHT:
        return {
            "eventVersion": "1.08",
            "eventTime": _TIME,
            "awsRegion": region,
            "eventID": record_id,
            "eventType": INSIGHT,
            "recipientAccountId": ACCOUNT,
            "sharedEventID": record_id,
            "insightDetails": {
                "state": "Start",
                "eventSource": ev.event_source,
                "eventName": ev.event_name,
                "insightType": "ApiCallRateInsight",
                "insightContext": {
                    "statistics": {
                        "baseline": {"average": 0.5},
                        "insight": {"average": 12.0},
                        "insightDuration": 1,
                        "baselineDuration": 10079,
                    },
                    "attributions": [],
                },
            },
            "eventCategory": "Insight",
        }
    service_side = kind == SERVICE_EVENT
    caller = ev.event_source if service_side else "198.51.100.7"
    record: dict[str, Any] = {
        "eventVersion": "1.11",
        "userIdentity": _identity(ev, kind),
        "eventTime": _TIME,
        "eventSource": ev.event_source,
        "eventName": ev.event_name,
        "awsRegion": region,
        "sourceIPAddress": "10.0.12.34" if kind == NETWORK_ACTIVITY else caller,
        "userAgent": _user_agent(ev, kind),
    }
    if kind == NETWORK_ACTIVITY:
        record.update(
            requestID=record_id,
            eventID=record_id,
            eventType=NETWORK_ACTIVITY,
            recipientAccountId=ACCOUNT,
            sharedEventID=record_id,
            vpcEndpointId="vpce-0123456789abcdef0",
            vpcEndpointAccountId=ACCOUNT,
            eventCategory="NetworkActivity",
        )
        return record
    record["requestParameters"] = None
    if kind == CONSOLE_SIGN_IN:
        record["responseElements"] = {ev.event_name: "Success"} if ev.event_name == "ConsoleLogin" else None
        record["additionalEventData"] = {
            "LoginTo": "https://console.aws.amazon.com/console/home",
            "MobileVersion": "No",
            "MFAUsed": "Yes",
        }
    else:
        record["responseElements"] = None
    if kind in (API_CALL, CONSOLE_ACTION):
        record["requestID"] = record_id
    record["eventID"] = record_id
    if ev.read_only is not None:
        record["readOnly"] = ev.read_only
    record["eventType"] = kind
    record["managementEvent"] = ev.category == "Management"
    record["recipientAccountId"] = ACCOUNT
    if service_side:
        record["serviceEventDetails"] = {}
    record["eventCategory"] = ev.category
    _fill_parts(record, ev, kind, region)
    return record


def _fill_parts(record: dict[str, Any], ev: CatalogEvent, kind: str, region: str) -> None:
    """Put the fields of the event's record shape into the record's parts (lazy: loads the shapes)."""
    from ctrules._sample_fields import fill
    from ctrules.catalog.shapes import path_status

    for part, value in fill(ev, kind, region, ACCOUNT).items():
        old = record.get(part)
        if isinstance(old, dict) and isinstance(value, dict):
            # the sign-in defaults above stay where the event's records carry them
            value = {**value, **{k: v for k, v in old.items() if path_status(ev, f"{part}.{k}").ok}}
        elif old is not None:
            continue
        record[part] = value


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


# ------------------------------------------------------------------------------------------- patterns


def pattern_of(pattern_or_rule: Any) -> dict[str, Any]:
    """The event pattern of ``pattern_or_rule`` as JSON data.

    :param pattern_or_rule: a pattern dict (or JSON string), an ``aws_events.EventPattern``, or a rule
        construct (``aws_events.Rule``, any ctrules rule, or an ``aws_events.CfnRule``), whose
        synthesized pattern is read (including later ``add_event_pattern`` calls).
    :raises TypeError: for anything else.
    :raises ValueError: a rule without an event pattern, or a pattern that is not a JSON object.
    """
    if isinstance(pattern_or_rule, Mapping):
        return _plain(pattern_or_rule)
    if isinstance(pattern_or_rule, str):
        return _json_object(pattern_or_rule, "the event pattern")
    return _cdk_pattern(pattern_or_rule)


def _json_object(text: str, what: str) -> dict[str, Any]:
    """``text`` parsed as a JSON object; ValueError naming ``what`` when it is not JSON or not an object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{what} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{what} is not a JSON object: {text!r}")
    return data


def _plain(value: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(value))
    return out


def _cdk_pattern(obj: Any) -> dict[str, Any]:
    import aws_cdk as cdk
    from aws_cdk import aws_events as events
    from constructs import Construct

    if isinstance(obj, events.EventPattern):
        data: dict[str, Any] = {}
        for attr, key in _EVENT_PATTERN_FIELDS:
            value = getattr(obj, attr)
            if value is not None:
                data[key] = value
        if _has_token(data):
            # events.Match.* values are tokens: resolve them as the CDK would in a template.
            scratch = cdk.Stack(cdk.App(), "CtrulesTestingScratch")
            data = scratch.resolve(data)
        return _plain(data)
    if isinstance(obj, Construct):
        cfn = obj if isinstance(obj, events.CfnRule) else obj.node.default_child
        if not isinstance(cfn, events.CfnRule):
            raise TypeError(f"{obj.node.path} is not an EventBridge rule (no aws_events.CfnRule inside)")
        resolved = cdk.Stack.of(cfn).resolve(cfn.event_pattern)
        if isinstance(resolved, str):
            resolved = json.loads(resolved)
        if not isinstance(resolved, dict):
            raise ValueError(f"rule {obj.node.path} has no event pattern (a schedule rule?)")
        return _plain(resolved)
    raise TypeError(
        "expected an event pattern (dict or JSON string), an aws_events.EventPattern or a rule construct, "
        f"got {type(obj).__name__}"
    )


def _has_token(value: Any) -> bool:
    import aws_cdk as cdk

    if isinstance(value, Mapping):
        return any(_has_token(v) for v in value.values())
    if isinstance(value, list | tuple):
        return cdk.Token.is_unresolved(value) or any(_has_token(v) for v in value)
    return isinstance(value, str) and cdk.Token.is_unresolved(value)


# ------------------------------------------------------------------------------------------- matching

#: Fields the EventBridge API requires in TestEventPattern's ``Event`` (API reference, TestEventPattern).
_API_EVENT_FIELDS = ("id", "account", "source", "time", "region", "resources", "detail-type")


def _event_json(event: Mapping[str, Any] | str) -> dict[str, Any]:
    """The event as plain JSON data.

    :raises ValueError: not JSON, not an object, or (:class:`~ctrules.eventpattern.match.EventTooDeepError`)
        nested too deeply to read.
    """
    try:
        if isinstance(event, str):
            return _json_object(event, "the event")
        if isinstance(event, Mapping):
            return _plain(event)
    except RecursionError:
        from ctrules.eventpattern.match import EventTooDeepError

        raise EventTooDeepError() from None
    raise TypeError(f"expected an event (dict or JSON string), got {type(event).__name__}")


def _compiled(pattern: Mapping[str, Any]) -> Any:
    from ctrules.eventpattern.match import compile_pattern

    return compile_pattern(pattern)


def matches(pattern_or_rule: Any, event: Mapping[str, Any] | str) -> bool:
    """True when EventBridge would deliver ``event`` to a rule with this pattern.

    Matching is ctrules' own EventBridge matcher (:mod:`ctrules.eventpattern`, pure Python), which follows
    EventBridge's engine aws/event-ruler, including array consistency for arrays of objects.

    :param pattern_or_rule: see :func:`pattern_of`.
    :param event: the envelope (dict or JSON string), e.g. from :func:`sample_event`.
    :raises ValueError: the pattern is not a valid EventBridge pattern (the same verdict as CTR009; e.g.
        ``{}`` is refused, as EventBridge refuses it), or the event is not a JSON object.
    """
    return bool(_compiled(pattern_of(pattern_or_rule)).matches(_event_json(event)))


def test_event_pattern(*, EventPattern: str, Event: str) -> dict[str, bool]:
    """Offline stand-in for boto3's ``events.test_event_pattern``: ``{"Result": True}`` when it matches.

    :param EventPattern: the pattern as JSON text.
    :param Event: the event as JSON text; as the API requires, it must hold ``id``, ``account``,
        ``source``, ``time``, ``region``, ``resources`` and ``detail-type``.
    :raises ValueError: where the API raises ``InvalidEventPatternException`` (an invalid pattern) or
        refuses the event (not a JSON object, a required field missing).
    """
    if not isinstance(EventPattern, str) or not isinstance(Event, str):
        raise TypeError("EventPattern and Event must be JSON strings, as for boto3's test_event_pattern")
    compiled = _compiled(pattern_of(EventPattern))
    data = _event_json(Event)
    missing = [name for name in _API_EVENT_FIELDS if name not in data]
    if missing:
        raise ValueError(
            "the event lacks field(s) the TestEventPattern API requires: "
            + ", ".join(missing)
            + "; sample_event() builds a complete envelope"
        )
    return {"Result": bool(compiled.matches(data))}


test_event_pattern.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def mismatches(pattern_or_rule: Any, event: Mapping[str, Any] | str) -> list[str]:
    """Why ``event`` does not match: one sentence per pattern field that fails; ``[]`` when it matches.

    Each field (to any depth) is tried on its own against the event, so the message names the field(s)
    at fault, e.g. ``pattern field 'detail-type' ['AWS API Call via CloudTrail'] does not match event
    value 'AWS Service Event via CloudTrail'``. When fields match alone but not within one element of an
    array of objects, the message names both fields and the array.
    """
    from ctrules.eventpattern.explain import explain

    pattern = pattern_of(pattern_or_rule)
    _compiled(pattern)  # refuse an invalid pattern first
    return explain(pattern, _event_json(event))


def _describe(event: dict[str, Any]) -> str:
    detail = event.get("detail") if isinstance(event.get("detail"), dict) else {}
    assert isinstance(detail, dict)
    parts = [f"source={event.get('source')!r}", f"detail-type={event.get('detail-type')!r}"]
    name = detail.get("eventName")
    if name is None and isinstance(detail.get("insightDetails"), dict):
        name = detail["insightDetails"].get("eventName")
    if name is not None:
        parts.append(f"eventName={name!r}")
    return ", ".join(parts)


def assert_matches(pattern_or_rule: Any, event: Mapping[str, Any] | str) -> None:
    """Fail (``AssertionError``) unless ``event`` matches; the message names the fields that fail.

    Arguments as for :func:`matches`.
    """
    pattern = pattern_of(pattern_or_rule)
    reasons = mismatches(pattern, event)
    if reasons:
        raise AssertionError(
            f"the event ({_describe(_event_json(event))}) does not match the pattern: "
            + "; ".join(reasons)
            + f"\n  pattern: {json.dumps(pattern)}"
        )


def assert_not_matches(pattern_or_rule: Any, event: Mapping[str, Any] | str) -> None:
    """Fail (``AssertionError``) if ``event`` matches. Arguments as for :func:`matches`."""
    pattern = pattern_of(pattern_or_rule)
    if matches(pattern, event):
        raise AssertionError(
            f"the event ({_describe(_event_json(event))}) matches the pattern, but should not"
            f"\n  pattern: {json.dumps(pattern)}"
        )
