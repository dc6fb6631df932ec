"""Building event patterns from catalog events (pure Python; no ``aws_cdk`` import).

:func:`pattern_dict` is what every ctrules construct uses, and what other libraries can use to get a
correct pattern as plain JSON data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ctrules.catalog import (
    API_CALL,
    CONSOLE_ACTION,
    CONSTRUCT_FOR_EVENT_TYPE,
    DETAIL_TYPES,
    EVENT_TYPES,
    INSIGHT,
    NETWORK_ACTIVITY,
    SERVICE_EVENT,
    CatalogEvent,
    get,
    lookup,
)
from ctrules.errors import EventTypeMismatchError, InvalidRuleError

__all__ = ["ResolvedPattern", "pattern_dict", "resolve", "types_of"]

_TYPE_WORDS = {
    "AwsApiCall": "an AWS API call",
    "AwsServiceEvent": "an AWS service event",
    "AwsConsoleSignIn": "a console sign-in event",
    "AwsConsoleAction": "a console action",
    "AwsCloudTrailInsight": "an Insights event",
    "AwsVpceEvent": "a network activity event",
}
_RESERVED_DETAIL_KEYS = frozenset({"eventName", "eventSource", "insightDetails"})


def types_of(event: CatalogEvent) -> tuple[str, ...]:
    """Every eventType under which EventBridge can deliver ``event`` (Insights, network activity too)."""
    extra: list[str] = []
    if event.insights:
        extra.append(INSIGHT)
    if event.network_activity:
        extra.append(NETWORK_ACTIVITY)
    return event.event_types + tuple(extra)


@dataclass(frozen=True)
class ResolvedPattern:
    """A pattern with the catalog events it was built from.

    :param pattern: the JSON-ready event pattern.
    :param events: the catalog entries, in the order asked for.
    :param event_types: the eventType(s) the pattern accepts.
    """

    pattern: dict[str, Any]
    events: tuple[CatalogEvent, ...]
    event_types: tuple[str, ...]

    @property
    def unlisted(self) -> tuple[CatalogEvent, ...]:
        """Events the catalog does not list, taken on the caller's word (``service=`` and the construct's
        eventType); see :func:`resolve`."""
        return tuple(e for e in self.events if not e.origins)


def _mismatch(
    ev: CatalogEvent,
    event_type: str,
    prefix: str,
    others: Sequence[CatalogEvent] = (),
    unfit: Sequence[CatalogEvent] = (),
) -> str:
    kinds = ev.event_types
    word, construct = _TYPE_WORDS[kinds[0]], CONSTRUCT_FOR_EVENT_TYPE[kinds[0]]
    want = _TYPE_WORDS[event_type]
    if event_type == INSIGHT:
        why = "CloudTrail Insights analyse API calls only"
    elif event_type == NETWORK_ACTIVITY:
        why = f"{ev.event_source} does not log network activity events"
    else:
        why = f"it is recorded as {' and '.join(kinds)}"
    where = ", ".join(sorted({e.source for e in unfit})) if len(unfit) > 1 else ev.source
    text = (
        f"{prefix}{ev.event_name!r} ({where}) is {word}, not {want} ({why}), so a rule for "
        f"{want} named {ev.event_name!r} would never fire; use ctrules.{construct}"
        + (" or ctrules.CloudTrailRule" if len(kinds) > 1 else "")
    )
    if others:
        text += (
            f"; only {', '.join(repr(o.source) for o in others)} records {ev.event_name!r} as {want}: pass "
            f"service={others[0].source!r} if that is the event you mean"
        )
    return text


_EVENTBRIDGE_READ_ONLY_PREFIXES = ("Describe", "Get", "List")


def _unlisted(name: str, service: str, event_type: str) -> CatalogEvent | None:
    """An event the catalog does not list, accepted because the caller named its service and the construct
    states its eventType; None when the name is provably a mistake (a slip of a known name, an IAM action, an
    SDK name CloudTrail logs differently, a name of another service)."""
    from ctrules.catalog import event_source_for, source_of, suggest
    from ctrules.catalog.index import index
    from ctrules.checks.mistakes import iam_action, provable_slip

    es = event_source_for(service)  # raises UnknownServiceError for an unknown service
    s = index()
    if not name or iam_action(name) or "*" in name or name in s.by_name or name in s.aliases:
        return None
    if provable_slip(name, suggest(name, limit=5, service=service)) is not None:
        return None
    rows = s.by_source.get(es, ())
    home = s.event(rows[0]).home_region if rows else None
    return CatalogEvent(
        event_name=name,
        event_source=es,
        source=source_of(es),
        event_types=(event_type,),
        read_only=None,
        # EventBridge's own rule for names it has no table entry for (eb-service-event-cloudtrail-management).
        eventbridge_read_only=event_type == "AwsApiCall" and name.startswith(_EVENTBRIDGE_READ_ONLY_PREFIXES),
        category="Management",
        home_region=home,
        service=None,
        verified=False,
        evidence=(),
        origins=(),
    )


def _pick(name: str, service: str | None, event_type: str | None, prefix: str) -> CatalogEvent:
    """The one catalog event ``name`` stands for, given the service and the wanted eventType."""
    if event_type is None:
        return get(name, service=service)
    candidates = lookup(name, service=service)
    if not candidates:
        if service is not None and event_type in (API_CALL, SERVICE_EVENT, CONSOLE_ACTION):
            taken = _unlisted(name, service, event_type)
            if taken is not None:
                return taken
        return get(name, service=service)  # raises UnknownEventError with suggestions
    fitting = [e for e in candidates if event_type in types_of(e)]
    unfit = [e for e in candidates if event_type not in types_of(e)]
    if not fitting:
        raise EventTypeMismatchError(_mismatch(unfit[0], event_type, prefix, unfit=unfit))
    if len(fitting) > 1:
        return get(name, service=service)  # raises AmbiguousEventError
    if unfit:
        # The name means another kind of event in other services: picking the one service where it fits
        # would silently build a rule for a service the caller may not have meant.
        raise EventTypeMismatchError(_mismatch(unfit[0], event_type, prefix, fitting, unfit))
    return fitting[0]


def _names(event_name: str | Sequence[str], service: str | None) -> list[tuple[str, str | None]]:
    """(name, service) pairs; a name may name its own service as ``"guardduty:DeleteDetector"``."""
    names = [event_name] if isinstance(event_name, str) else list(event_name)
    if not names:
        raise InvalidRuleError("event_name is empty: give at least one CloudTrail event name")
    out: list[tuple[str, str | None]] = []
    for n in names:
        if not isinstance(n, str) or not n.strip(":"):
            raise InvalidRuleError(f"event_name {n!r} is not a CloudTrail event name (a non-empty string)")
        own, sep, bare = n.rpartition(":")
        if sep and own and service is not None and own != service:
            raise InvalidRuleError(f"event_name {n!r} names service {own!r} but service={service!r}; give one of them")
        pair = (bare, own) if sep and own else (n, service)
        if pair not in out:
            out.append(pair)
    return out


def _refuse_slips(
    events: Sequence[CatalogEvent], services: Sequence[str | None], service: str | None, prefix: str
) -> None:
    """Refuse a name of a service none of the other names belong to, one slip away from a name of theirs.

    ``["StopLogging", "DeleteTrial", "UpdateTrail"]``: DeleteTrial is a SageMaker event, and the other names are
    CloudTrail's; taken as written, the rule would watch SageMaker and miss DeleteTrail. The decision is
    :func:`ctrules.checks.mistakes.slip_into_service`, the one CTR002 applies to hand-written patterns. A name given
    with its own service (``"sagemaker:DeleteTrial"``) is taken as meant.
    """
    if service is not None or len({e.event_source for e in events}) < 2:
        return
    from ctrules.catalog.index import index
    from ctrules.checks.mistakes import stray_slips

    s = index()
    # A name given with its own service, or taken on the caller's word (unlisted), counts as meant.
    judged = [i for i, ev in enumerate(events) if services[i] is None and ev.origins]
    logged = [frozenset({ev.event_source} | {s.event(k).event_source for k in s.by_name.get(ev.event_name, ())})
              for ev in events]  # fmt: skip
    for i, slip in stray_slips([(ev.event_name, logged[k]) for k, ev in enumerate(events)]):
        if i not in judged:
            continue
        ev = events[i]
        meant = sorted({o.source for o in events if o.event_source != ev.event_source})
        raise InvalidRuleError(
            f"{prefix}event name {ev.event_name!r} is logged only by {ev.source!r}, a service none of the other names "
            f"belong to ({', '.join(repr(m) for m in meant)}), and it is one slip from {slip!r} of theirs: taken as "
            f"written, the rule would watch {ev.source!r} and never fire for {slip!r}. Use {slip!r}; if you do mean "
            f"the event of {ev.source!r}, name its service: '{ev.source.removeprefix('aws.')}:{ev.event_name}'"
        )


def resolve(
    event_name: str | Sequence[str],
    *,
    service: str | None = None,
    event_type: str | None = None,
    detail: Mapping[str, Any] | None = None,
    context: str | None = None,
) -> ResolvedPattern:
    """Look the events up and build their pattern; see :func:`pattern_dict`.

    :param context: a construct path or file name to prefix error messages with.
    """
    prefix = f"{context}: " if context else ""
    if event_type is not None and event_type not in EVENT_TYPES:
        raise InvalidRuleError(
            f"{prefix}event_type {event_type!r} is not a CloudTrail eventType; use one of {EVENT_TYPES}"
        )
    try:
        names = _names(event_name, service)
    except InvalidRuleError as exc:
        raise InvalidRuleError(f"{prefix}{exc}") from None
    from ctrules.checks.mistakes import impossible_name

    for name, _ in names:
        why = impossible_name(name)
        if why is not None:
            raise InvalidRuleError(
                f"{prefix}event_name {name!r} cannot be a CloudTrail event name: {why}; a rule for it would never "
                "fire (check the name with `ctrules search`)"
            )
    events: list[CatalogEvent] = []
    for name, name_service in names:
        try:
            events.append(_pick(name, name_service, event_type, prefix))
        except LookupError as exc:
            if context:
                exc.args = (f"{context}: {exc.args[0]}",)
            raise
    _refuse_slips(events, [own for _, own in names], service, prefix)
    if detail is not None:
        if not isinstance(detail, Mapping):
            raise InvalidRuleError(f"{prefix}detail must be a mapping of CloudTrail record fields, got {detail!r}")
        clash = sorted(set(detail) & _RESERVED_DETAIL_KEYS)
        if clash:
            raise InvalidRuleError(
                f"{prefix}detail sets {', '.join(clash)}, which ctrules derives from the event names; "
                "pass the names as the event_name argument instead"
            )
    types: tuple[str, ...]
    if event_type is not None:
        types = (event_type,)
    else:
        seen: dict[str, None] = {}
        for ev in events:
            for t in ev.event_types:
                seen[t] = None
        types = tuple(seen)
    return ResolvedPattern(_build(events, types, dict(detail or {})), tuple(events), types)


def _build(events: list[CatalogEvent], types: tuple[str, ...], detail: dict[str, Any]) -> dict[str, Any]:
    # Group names by eventSource so that a list spanning services never matches a name from a service
    # it was not asked for (a name of service A logged by service B).
    groups: dict[str, list[str]] = {}
    for ev in events:
        groups.setdefault(ev.event_source, []).append(ev.event_name)
    detail_types = [DETAIL_TYPES[t] for t in types]
    if types == (INSIGHT,):
        # Insights records carry the API in insightDetails, not at the top of the record, and their
        # envelope source is not the API's service: filter on detail-type and insightDetails only.
        alternatives: list[dict[str, Any]] = [
            {"insightDetails": {"eventSource": [es], "eventName": names}} for es, names in groups.items()
        ]
        body: dict[str, Any] = {"detail-type": detail_types}
    else:
        alternatives = [{"eventSource": [es], "eventName": names} for es, names in groups.items()]
        sources = list(dict.fromkeys(ev.source for ev in events))
        body = {"source": sources, "detail-type": detail_types}
    if len(alternatives) == 1:
        body["detail"] = {**alternatives[0], **detail}
    else:
        body["detail"] = {**detail, "$or": alternatives}
        if "$or" in detail:
            # The caller's alternatives go inside each service's alternative, so neither is lost.
            body["detail"]["$or"] = [{**alt, "$or": detail["$or"]} for alt in alternatives]
    return body


def pattern_dict(
    event_name: str | Sequence[str],
    *,
    service: str | None = None,
    event_type: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The event pattern (JSON-ready dict) that matches the named CloudTrail event(s).

    ``source``, ``detail-type`` and ``detail.eventSource`` come from the catalog. Names from several
    services are grouped by service under ``detail.$or``, so no name matches for a service it was not
    asked for.

    :param event_name: one CloudTrail ``eventName`` or a list of them.
    :param service: the service, when a name is logged by several (``"organizations"``,
        ``"aws.organizations"`` or ``"organizations.amazonaws.com"``).
    :param event_type: the CloudTrail eventType to match (e.g. ``"AwsServiceEvent"``); inferred from the
        catalog when omitted (every eventType the events are recorded with).
    :param detail: further filters on the CloudTrail record, e.g. ``{"errorCode": [{"exists": False}]}``.
    :raises UnknownEventError: a name the catalog does not know (with suggestions).
    :raises AmbiguousEventError: a name several services log, and no ``service``.
    :raises EventTypeMismatchError: an event that is never recorded with ``event_type``.
    """
    return resolve(event_name, service=service, event_type=event_type, detail=detail).pattern
