"""The CTR checks: one function per code, each ``(branch, context) -> findings``.

Every function sees one ``$or``-free :class:`~ctrules.checks.analysis.Branch` of a syntactically valid
pattern (CTR009 runs on the raw pattern instead). They decide; reporting is the caller's business.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import lru_cache

from ctrules.catalog import (
    CONSTRUCT_FOR_EVENT_TYPE,
    DETAIL_TYPES,
    INSIGHT,
    READ_ONLY_RULE_STATE,
    CatalogEvent,
    lookup,
    source_of,
    suggest,
)
from ctrules.catalog._store import store
from ctrules.checks.analysis import Branch, Item
from ctrules.checks.findings import ERROR, WARNING, CheckInfo, Finding, RuleContext

__all__ = [
    "BRANCH_CHECKS",
    "CHECKS",
    "RECORD_FIELDS",
    "ctr001_detail_type_fits_event_type",
    "ctr002_source_fits_event",
    "ctr003_event_name_known",
    "ctr004_read_only_needs_state",
    "ctr005_global_event_region",
    "ctr006_data_event",
    "ctr007_cloudtrail_detail_type_spelling",
    "ctr008_record_field_names",
]

BranchCheck = Callable[[Branch, RuleContext], list[Finding]]

#: Top-level fields of a CloudTrail record (the ``detail`` of the EventBridge event).
RECORD_FIELDS: frozenset[str] = frozenset(
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
_FIELDS_BY_SQUASHED = {f.lower(): f for f in RECORD_FIELDS}
_VALID_DETAIL_TYPES = tuple(DETAIL_TYPES.values())
_NOT_MANAGEMENT_DETAIL_TYPES = frozenset({DETAIL_TYPES["AwsCloudTrailInsight"], DETAIL_TYPES["AwsVpceEvent"]})


def _q(values: Iterable[str]) -> str:
    items = [repr(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _literal_events(branch: Branch) -> list[tuple[Item, tuple[CatalogEvent, ...]]]:
    """Each literal eventName with its catalog entries within the admitted sources."""
    return branch.literal_names


def _operator_events(branch: Branch) -> list[tuple[Item, tuple[CatalogEvent, ...]]]:
    """Each operator item of eventName with the catalog entries it accepts within the admitted sources."""
    return branch.operator_names


# --------------------------------------------------------------------------- CTR001


def ctr001_detail_type_fits_event_type(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR001: the detail-type must be one the event is delivered with (its eventType)."""
    accepted = branch.accepted_detail_types
    if not accepted or not branch.is_cloudtrail:
        return []
    def given() -> str:
        return _q(sorted(i.value for i in branch.detail_type_literals) or sorted(accepted))

    out: list[Finding] = []
    if accepted == {DETAIL_TYPES[INSIGHT]} and branch.leaf("detail", "eventName") is not None:
        _, jpath = branch.fields[("detail", "eventName")]
        out.append(
            Finding(
                "CTR001",
                ERROR,
                "Insights events have no detail.eventName: CloudTrail puts the API name in "
                "detail.insightDetails.eventName, so this pattern never matches an Insights event.",
                "match detail.insightDetails.eventName (and insightDetails.eventSource) instead, or use "
                "ctrules.InsightRule",
                jpath,
            )
        )
        return out
    for item, found in _literal_events(branch):
        if not found or any(dt in accepted for e in found for dt in e.deliverable_detail_types):
            continue
        right = sorted({dt for e in found for dt in e.detail_types})
        kinds = sorted({t for e in found for t in e.event_types})
        construct = CONSTRUCT_FOR_EVENT_TYPE[kinds[0]]
        out.append(
            Finding(
                "CTR001",
                ERROR,
                f"eventName {item.value!r} ({found[0].source}) is recorded as {_q(kinds)} and EventBridge "
                f"delivers it with detail-type {_q(right)}, not {given()}: this rule never fires for it.",
                f"use detail-type {_q(right)} (in the CDK: ctrules.{construct}(scope, id, {item.value!r}))",
                item.path,
            )
        )
    for item, found in _operator_events(branch):
        if found and not any(dt in accepted for e in found for dt in e.deliverable_detail_types):
            right = sorted({dt for e in found for dt in e.detail_types})
            out.append(
                Finding(
                    "CTR001",
                    ERROR,
                    f"eventName {item.value!r} only matches events delivered with detail-type {_q(right)}, "
                    f"not {given()}: this rule never fires.",
                    f"use detail-type {_q(right)}",
                    item.path,
                )
            )
    # detail.eventType must agree with the detail-type and with the named events.
    names = _literal_events(branch)
    for item in branch.items("detail", "eventType"):
        if not item.is_literal or item.value not in DETAIL_TYPES:
            continue
        if DETAIL_TYPES[item.value] not in accepted:
            out.append(
                Finding(
                    "CTR001",
                    ERROR,
                    f"detail.eventType {item.value!r} arrives with detail-type {DETAIL_TYPES[item.value]!r}, "
                    f"not {given()}: the two filters exclude each other.",
                    f"use detail-type {DETAIL_TYPES[item.value]!r} or drop the eventType filter",
                    item.path,
                )
            )
            continue
        for name_item, found in names:
            if found and not any(item.value in e.event_types for e in found):
                kinds = sorted({t for e in found for t in e.event_types})
                out.append(
                    Finding(
                        "CTR001",
                        ERROR,
                        f"eventName {name_item.value!r} is recorded as {_q(kinds)}, never as eventType "
                        f"{item.value!r}: this rule never fires for it.",
                        f"use eventType {_q(kinds)} and detail-type {_q(DETAIL_TYPES[k] for k in kinds)}",
                        item.path,
                    )
                )
    return out


# --------------------------------------------------------------------------- CTR002


def _alias_in(name: str, event_sources: frozenset[str]) -> bool:
    """True when ``name`` is an SDK operation that these eventSources log under another name."""
    return any(es in event_sources for es in store().aliases.get(name, {}))


def _all_verified(event_sources: frozenset[str]) -> bool:
    """True when ctrules' mapping of each of these eventSources is backed by evidence."""
    s = store()
    return all(
        es in s.by_source and s.event(s.by_source[es][0]).verified for es in event_sources
    )


#: Region prefixes of partitions other than ``aws`` (China, GovCloud, ISO, EU sovereign cloud).
_OTHER_PARTITIONS = ("cn-", "us-gov-", "us-iso", "eu-isoe-", "eusc-")


@lru_cache(maxsize=1024)
def _close(value: str, kind: str) -> list[str]:
    """Close spellings of a source (``aws.x``) or an eventSource, for "did you mean"."""
    s = store()
    if kind == "source":
        pool, cutoff, head = s.sorted_sources, 0.8, value[:6]  # "aws." and two letters of the service
    else:
        pool, cutoff, head = s.sorted_event_sources, 0.7, value[:2]
    # Typos rarely touch the first letters of a service: try the names that share them first (a tenth of
    # the work), and every name only when that finds nothing.
    same_head = [p for p in pool if p.startswith(head)]
    return difflib.get_close_matches(value, same_head, n=3, cutoff=cutoff) or difflib.get_close_matches(
        value, pool, n=3, cutoff=cutoff
    )


def ctr002_source_fits_event(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR002: ``source`` must match the eventSource and the service that logs each eventName."""
    if not branch.is_cloudtrail:
        return []
    s = store()
    out: list[Finding] = []
    known = s.source_names
    for item in branch.items("source"):
        if item.is_literal and item.value not in known:
            by_service = s.service_sources.get(item.value.removeprefix("aws."))
            close = _close(item.value, "source")
            if by_service is not None:
                fix = (
                    f"use {source_of(by_service)!r}: events of the {item.value.removeprefix('aws.')!r} "
                    f"service come from {by_service}"
                )
            elif close:
                fix = f"did you mean {_q(close)}?"
            else:
                fix = "use 'aws.' + the eventSource without '.amazonaws.com'"
            if by_service is not None or close:
                out.append(
                    Finding(
                        "CTR002",
                        ERROR,
                        f"source {item.value!r} is not the source of any CloudTrail event: the rule never fires.",
                        fix,
                        item.path,
                    )
                )
            else:
                # Not a typo of a known source: perhaps a service newer than the catalog.
                out.append(
                    Finding(
                        "CTR002",
                        WARNING,
                        f"source {item.value!r} is the source of no CloudTrail event ctrules knows: unless it "
                        "belongs to a service newer than the catalog, the rule never fires.",
                        f"{fix}; acknowledge this warning if the service is new",
                        item.path,
                    )
                )
    src_leaf = branch.leaf("source")
    for item in branch.items("detail", "eventSource"):
        if not item.is_literal:
            continue
        if item.value not in s.by_source:
            close = _close(item.value, "eventSource")
            out.append(
                Finding(
                    "CTR002",
                    ERROR,
                    f"detail.eventSource {item.value!r} is not a CloudTrail eventSource: the rule never fires.",
                    f"did you mean {_q(close)}?" if close else "use '<service>.amazonaws.com' as in the record",
                    item.path,
                )
            )
            continue
        right = source_of(item.value)
        if src_leaf is not None and branch.allowed_event_sources is not None and item.value not in (
            branch.allowed_event_sources
        ):
            given = _q(i.value for i in branch.items("source") if i.is_literal)
            out.append(
                Finding(
                    "CTR002",
                    ERROR,
                    f"events from detail.eventSource {item.value!r} carry source {right!r}, not {given}: "
                    "the two filters exclude each other.",
                    f"use source {right!r}",
                    item.path,
                )
            )
    if branch.allowed_event_sources is not None and not any(f.severity == ERROR for f in out):
        for item, found in branch.literal_names:
            if found or _alias_in(item.value, branch.allowed_event_sources):
                continue  # CTR003 names the logged spelling
            everywhere = lookup(item.value)
            if everywhere:
                guessed = not any(e.verified for e in everywhere) or not _all_verified(
                    branch.allowed_event_sources
                )
                logged_by = sorted({e.source for e in everywhere})
                allowed = sorted(source_of(es) for es in branch.allowed_event_sources)
                hint = ""
                if len(allowed) == 1 and allowed[0] in known:
                    close = suggest(item.value, limit=2, service=allowed[0])
                    if close:
                        hint = f"; or, to stay with {allowed[0]!r}, did you mean eventName {_q(close)}?"
                shown = _q(logged_by[:5]) + (f" (and {len(logged_by) - 5} more)" if len(logged_by) > 5 else "")
                why = (
                    " (ctrules infers the eventSource of these services from the SDK; no record confirms it)"
                    if guessed
                    else ""
                )
                out.append(
                    Finding(
                        "CTR002",
                        WARNING if guessed else ERROR,
                        f"eventName {item.value!r} is logged by {shown}, not by {_q(allowed[:5])}{why}: "
                        "the rule never fires for it.",
                        f"use source {logged_by[0]!r} with detail.eventSource "
                        f"{everywhere[0].event_source!r}{hint}",
                        item.path,
                    )
                )
    return out


# --------------------------------------------------------------------------- CTR003


def ctr003_event_name_known(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR003: every eventName must be a name CloudTrail logs (for the rule's sources)."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    allowed = branch.allowed_event_sources
    single = sorted(allowed)[0] if allowed is not None and len(allowed) == 1 else None
    s = store()
    if allowed is not None and not any(es in s.by_source for es in allowed):
        return []  # sources ctrules does not know (CTR002 says so): their names cannot be judged
    for item, found in branch.literal_names:
        if found:
            continue
        name = item.value
        renamed = s.aliases.get(name, {})
        logged = sorted({n for es, names in renamed.items() if allowed is None or es in allowed for n in names})
        if logged:
            out.append(
                Finding(
                    "CTR003",
                    ERROR,
                    f"eventName {name!r} is the SDK operation name, but CloudTrail logs this call as "
                    f"{_q(logged)}: the rule never fires for it.",
                    f"use eventName {_q(logged)}",
                    item.path,
                )
            )
            continue
        if name in s.by_name:
            continue  # logged by another service: CTR002 says which
        options: list[str] = []
        if single is not None and single in s.by_source:
            options = [repr(n) for n in suggest(name, limit=3, service=single)]
        if not options:
            for candidate in suggest(name, limit=3):
                owners = sorted({e.source for e in lookup(candidate)})
                where = owners[0] if len(owners) == 1 else f"{len(owners)} services"
                options.append(f"{candidate!r} (logged by {where})")
        where = f" for {source_of(single)!r}" if single else ""
        out.append(
            Finding(
                "CTR003",
                ERROR,
                f"eventName {name!r} is not a CloudTrail event name{where}: the rule never fires for it.",
                (f"did you mean {' or '.join(options)}?" if options else "check the name with `ctrules search`"),
                item.path,
            )
        )
    if allowed is not None and all(es in s.by_source for es in allowed):
        for item, matched in branch.operator_names:
            if matched or not branch.name_filter_decidable(item):
                continue
            shown = _q(sorted(source_of(es) for es in allowed)[:5])
            out.append(
                Finding(
                    "CTR003",
                    ERROR,
                    f"eventName filter {item.value!r} matches no CloudTrail event name of {shown}: the rule "
                    "never fires.",
                    "check the filter against the names with `ctrules search`",
                    item.path,
                )
            )
    return out


# --------------------------------------------------------------------------- CTR004


def ctr004_read_only_needs_state(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR004: read-only management events need State ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS."""
    if not branch.is_cloudtrail or ctx.effective_state in (READ_ONLY_RULE_STATE, "DISABLED"):
        return []
    accepted = branch.accepted_detail_types
    if accepted is not None and accepted <= _NOT_MANAGEMENT_DETAIL_TYPES:
        return []  # Insights and network activity events are not management events
    fix = (
        f"set the rule's State to {READ_ONLY_RULE_STATE!r} (CloudFormation and SAM: State; Terraform: "
        "state; CDK: ctrules constructs do it for you, on an events.Rule set it on the CfnRule)"
    )
    out: list[Finding] = []
    for item, found in _literal_events(branch):
        ro = [e for e in found if e.eventbridge_read_only]
        if ro and len(ro) == len(found):
            out.append(
                Finding(
                    "CTR004",
                    ERROR,
                    f"eventName {item.value!r} ({ro[0].source}) is an event EventBridge treats as read-only: it "
                    f"is delivered only to rules in State {READ_ONLY_RULE_STATE!r}, and this rule is "
                    f"{ctx.effective_state!r}, so it never fires for it.",
                    fix,
                    item.path,
                )
            )
    for item, found in _operator_events(branch):
        if found and all(e.eventbridge_read_only for e in found):
            out.append(
                Finding(
                    "CTR004",
                    ERROR,
                    f"eventName {item.value!r} matches only read-only management events, which EventBridge "
                    f"delivers only to rules in State {READ_ONLY_RULE_STATE!r}; this rule is "
                    f"{ctx.effective_state!r}.",
                    fix,
                    item.path,
                )
            )
    return out


# --------------------------------------------------------------------------- CTR005


def ctr005_global_event_region(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR005: events of global services reach EventBridge in their home region only."""
    if not branch.is_cloudtrail or not ctx.default_bus:
        return []
    out: list[Finding] = []
    region = ctx.region
    if region is not None and region.startswith(_OTHER_PARTITIONS):
        return []  # the home regions ctrules knows are those of the aws partition
    for item, found in _literal_events(branch):
        homes = sorted({e.home_region for e in found if e.home_region})
        if not homes or len(homes) != 1 or any(e.home_region is None for e in found):
            continue
        home = homes[0]
        if region is not None and region != home:
            out.append(
                Finding(
                    "CTR005",
                    ERROR,
                    f"eventName {item.value!r} ({found[0].source}) comes from a global service whose events "
                    f"EventBridge sees only in {home}; this rule is in {region}, so it never fires.",
                    f"deploy the rule in {home} (e.g. a stack with env region {home!r}), or forward the events "
                    f"from {home} to an event bus in {region}",
                    item.path,
                )
            )
        elif region is None:
            out.append(
                Finding(
                    "CTR005",
                    WARNING,
                    f"eventName {item.value!r} ({found[0].source}) reaches EventBridge only in {home}, and "
                    f"this rule's region is unknown: it fires only if deployed in {home}.",
                    f"deploy it in {home}: in the CDK, give the stack env region {home!r}; with `ctrules lint`, "
                    "pass --region to check a template against the region it is deployed to",
                    item.path,
                )
            )
    return out


# --------------------------------------------------------------------------- CTR006


def ctr006_data_event(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR006: data events reach EventBridge only when a trail logs them."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for item, found in _literal_events(branch):
        if found and all(e.category == "Data" for e in found):
            out.append(
                Finding(
                    "CTR006",
                    WARNING,
                    f"eventName {item.value!r} ({found[0].source}) is a CloudTrail data event: it reaches "
                    "EventBridge only when a trail in this account and region logs data events for it.",
                    "make sure a trail has a data event selector for it (CloudTrail advanced event "
                    "selectors), then acknowledge this warning",
                    item.path,
                )
            )
    return out


# --------------------------------------------------------------------------- CTR007


def _closest_detail_type(value: str) -> str | None:
    norm = value.lower().replace(" ", "").replace("amazon", "aws")
    for dt in _VALID_DETAIL_TYPES:
        if dt.lower().replace(" ", "") == norm:
            return dt
    close = difflib.get_close_matches(value, _VALID_DETAIL_TYPES, n=1, cutoff=0.6)
    return close[0] if close else None


def ctr007_cloudtrail_detail_type_spelling(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR007: a CloudTrail-looking detail-type must be exactly one that CloudTrail events carry."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for item in branch.items("detail-type"):
        if item.is_literal:
            value = item.value
            if value in DETAIL_TYPES.values():
                continue
            low = value.lower()
            if not any(w in low for w in ("cloudtrail", "api call", "sign in", "signin", "service event")):
                continue
            right = _closest_detail_type(value)
            why = ""
            if low.replace(" ", "") == "awsconsolesigninviacloudtrail" or "signin" in low:
                why = " (the EventBridge guide spells it that way, but real sign-in events do not)"
            elif low.startswith("amazon"):
                why = " (a rebranding artifact of some docs, not a real detail-type)"
            out.append(
                Finding(
                    "CTR007",
                    ERROR,
                    f"detail-type {value!r} is not a detail-type CloudTrail events carry{why}: "
                    "detail-type matching is exact and case-sensitive, so the rule never fires.",
                    f"use {right!r}" if right else f"use one of {_q(_VALID_DETAIL_TYPES)}",
                    item.path,
                )
            )
        elif isinstance(item.value, dict):
            from ctrules.checks.syntax import leaf_matches

            if not any(leaf_matches([item.value], dt) for dt in _VALID_DETAIL_TYPES):
                out.append(
                    Finding(
                        "CTR007",
                        ERROR,
                        f"detail-type filter {item.value!r} matches no detail-type CloudTrail events carry.",
                        f"use one of {_q(_VALID_DETAIL_TYPES)}",
                        item.path,
                    )
                )
    return out


# --------------------------------------------------------------------------- CTR008


def ctr008_record_field_names(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """CTR008: keys of ``detail`` must be CloudTrail record fields (exact, case-sensitive)."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for key, jpath in branch.detail_keys.items():
        if key in RECORD_FIELDS or key == "$or":
            continue
        squashed = key.replace("_", "").replace("-", "").lower()
        right = _FIELDS_BY_SQUASHED.get(squashed)
        if right is None:
            close = difflib.get_close_matches(key, sorted(RECORD_FIELDS), n=1, cutoff=0.75)
            right = close[0] if close else None
        out.append(
            Finding(
                "CTR008",
                WARNING,
                f"detail.{key} is not a field of CloudTrail records (names are case-sensitive): this "
                "filter never matches.",
                f"use detail.{right}" if right else "remove it or use a CloudTrail record field",
                jpath,
            )
        )
    return out


BRANCH_CHECKS: tuple[tuple[str, BranchCheck], ...] = (
    ("CTR001", ctr001_detail_type_fits_event_type),
    ("CTR002", ctr002_source_fits_event),
    ("CTR003", ctr003_event_name_known),
    ("CTR004", ctr004_read_only_needs_state),
    ("CTR005", ctr005_global_event_region),
    ("CTR006", ctr006_data_event),
    ("CTR007", ctr007_cloudtrail_detail_type_spelling),
    ("CTR008", ctr008_record_field_names),
)

#: Every check, by code: name, default severity, summary and help text (used by reports and SARIF).
CHECKS: dict[str, CheckInfo] = {
    c.code: c
    for c in (
        CheckInfo(
            "CTR001", "detail-type-fits-event-type", ERROR,
            "The detail-type does not fit the event's CloudTrail eventType.",
            "EventBridge gives each CloudTrail eventType its own detail-type: API calls arrive as 'AWS API "
            "Call via CloudTrail', service events (e.g. Organizations CreateAccountResult) as 'AWS Service "
            "Event via CloudTrail', console sign-ins as 'AWS Console Sign In via CloudTrail'. A pattern whose "
            "detail-type excludes the event's type deploys and never fires. Fix: use the detail-type the "
            "finding names, or a typed ctrules construct that infers it.",
        ),
        CheckInfo(
            "CTR002", "source-fits-event", ERROR,
            "The source does not fit the eventSource or the service that logs the event.",
            "CloudTrail events carry source 'aws.' + the eventSource without '.amazonaws.com' (monitoring."
            "amazonaws.com -> aws.monitoring). A misspelt source, a source that contradicts detail."
            "eventSource, or an eventName that another service logs makes the rule never fire.",
        ),
        CheckInfo(
            "CTR003", "event-name-known", ERROR,
            "The eventName is not a CloudTrail event name (for that source).",
            "eventName matching is exact and case-sensitive. The finding suggests the closest known names "
            "and the service that logs them. Some services log versioned names (Lambda: "
            "UpdateFunctionCode20150331v2).",
        ),
        CheckInfo(
            "CTR004", "read-only-needs-state", ERROR,
            "A read-only management event on a rule whose State does not admit read-only events.",
            "EventBridge delivers read-only management events (names starting with Describe, Get or List, "
            "and a documented list of others) only to rules whose State is "
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. aws-cdk-lib's events.Rule cannot set it; set it "
            "on the L1 (CfnRule.state) or use a ctrules construct, which does it for you.",
        ),
        CheckInfo(
            "CTR005", "global-event-region", ERROR,
            "An event of a global service on a rule outside the service's home region.",
            "Global services (IAM, Organizations, CloudFront, Route 53, ...) deliver their CloudTrail events "
            "to EventBridge in one region only, us-east-1 for most. A rule elsewhere never fires (error); a "
            "rule whose region is unknown gets a warning. Rules on custom buses are exempt (events may be "
            "forwarded from the home region).",
        ),
        CheckInfo(
            "CTR006", "data-event", WARNING,
            "A data event: fires only when a trail logs data events.",
            "CloudTrail data events (S3 object-level, Lambda Invoke, DynamoDB items, ...) reach EventBridge "
            "only when a trail logs them with data event selectors. Acknowledge once you have such a trail.",
        ),
        CheckInfo(
            "CTR007", "cloudtrail-detail-type-spelling", ERROR,
            "A detail-type that no CloudTrail event carries.",
            "detail-type matching is exact. The EventBridge guide's 'AWS Console Signin via CloudTrail' and "
            "the China docs' 'Amazon API Call via CloudTrail' are not what events carry; wrong case never "
            "matches either. The finding names the right string.",
        ),
        CheckInfo(
            "CTR008", "record-field-names", WARNING,
            "A detail key that is not a CloudTrail record field.",
            "The detail of a CloudTrail event is the CloudTrail record; its field names are case-sensitive "
            "(eventName, not eventname or event_name). A filter on a field that does not exist never "
            "matches.",
        ),
        CheckInfo(
            "CTR009", "malformed-pattern", ERROR,
            "The event pattern is malformed: EventBridge rejects it.",
            "Every leaf of a pattern is a non-empty list; operators are objects with one known key "
            "(prefix, suffix, anything-but, numeric, exists, cidr, equals-ignore-case, wildcard) and "
            "well-formed values. EventBridge rejects anything else when the rule is deployed.",
        ),
    )
}  # fmt: skip
