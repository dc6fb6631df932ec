"""CTR002: ``source`` must fit the eventSource and the service that logs each eventName."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ctrules.catalog import CONSOLE_SIGN_IN, DETAIL_TYPES, lookup, source_of, suggest
from ctrules.catalog.index import index
from ctrules.checks.common import catalog_phrase
from ctrules.checks.common import quote_list as _q
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.mistakes import provable_slip, slip_into_service
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.catalog import CatalogEvent
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "close_spellings", "run"]


def _alias_in(name: str, event_sources: frozenset[str]) -> bool:
    """True when ``name`` is an SDK operation that these eventSources log under another name."""
    return any(es in event_sources for es in index().aliases.get(name, {}))


@lru_cache(maxsize=1024)
def close_spellings(value: str, kind: str) -> list[str]:
    """Close spellings of a source (``kind="source"``, ``aws.x``) or an eventSource, for "did you mean"."""
    s = index()
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


def _unknown_source(value: str, path: str) -> Finding:
    """An unknown ``source``: an error when it provably misses a known one, else a warning."""
    s = index()
    service = value.removeprefix("aws.")
    by_service = s.service_sources.get(service)
    close = close_spellings(value, "source")
    if by_service is not None and by_service in s.by_source and s.event(s.by_source[by_service][0]).verified:
        return Finding(
            "CTR002",
            ERROR,
            f"source {value!r} is not the source of any CloudTrail event: events of the {service!r} service are "
            f"recorded with eventSource {by_service}, so the rule never fires.",
            f"use source {source_of(by_service)!r}",
            path,
        )
    slip = provable_slip(value, close)
    if slip is not None:
        return Finding(
            "CTR002",
            ERROR,
            f"source {value!r} is not the source of any CloudTrail event: it misspells {slip!r}, so the rule "
            "never fires.",
            f"use source {slip!r}",
            path,
        )
    hint = f"did you mean {_q(close)}? " if close else ""
    return Finding(
        "CTR002",
        WARNING,
        f"source {value!r} is the source of no CloudTrail event in {catalog_phrase()}: unless it belongs to a "
        "service newer than the catalog, no event carries it and the rule may not fire.",
        f"{hint}CloudTrail sources are 'aws.' + the eventSource without '.amazonaws.com'; if the service is new, "
        "add its events to your project's catalog (ctrules.catalog.extend or `--catalog-extra`) or acknowledge "
        "this warning",
        path,
    )


def _unknown_event_source(value: str, path: str) -> Finding:
    """An unknown ``detail.eventSource``: an error when it provably misses a known one, else a warning."""
    s = index()
    close = close_spellings(value, "eventSource")
    full = value if value.endswith(".amazonaws.com") else value + ".amazonaws.com"
    slip = full if full in s.by_source else provable_slip(value, close)
    if slip is not None:
        return Finding(
            "CTR002",
            ERROR,
            f"detail.eventSource {value!r} is not a CloudTrail eventSource: records say {slip!r}, so the rule "
            "never fires.",
            f"use detail.eventSource {slip!r}",
            path,
        )
    hint = f"did you mean {_q(close)}? " if close else ""
    return Finding(
        "CTR002",
        WARNING,
        f"detail.eventSource {value!r} is no eventSource in {catalog_phrase()}: unless the service is newer than "
        "the catalog, no event carries it and the rule may not fire.",
        f"{hint}eventSources are '<service>.amazonaws.com' as in the record; if the service is new, add its events "
        "to your project's catalog (ctrules.catalog.extend or `--catalog-extra`) or acknowledge this warning",
        path,
    )




def _logged_elsewhere(
    name: str, path: str, everywhere: Sequence[CatalogEvent], allowed_sources: frozenset[str]
) -> Finding:
    """A name the catalog lists for other services only.

    Provable (an error) only when it is a slip of a name of the rule's own services (``DeleteTrial``, SageMaker's,
    under ``aws.cloudtrail``: ``DeleteTrail``), the rule :func:`ctrules.checks.mistakes.slip_into_service` shared
    with the typed constructs. Otherwise the rule's service may log a name the catalog lacks: a warning.
    """
    known = index().source_names
    logged_by = sorted({e.source for e in everywhere})
    allowed = sorted(source_of(es) for es in allowed_sources)
    shown = _q(logged_by[:5]) + (f" (and {len(logged_by) - 5} more)" if len(logged_by) > 5 else "")
    slip = slip_into_service(name, allowed_sources)
    if slip is None and all(e.event_source == _SIGN_IN and CONSOLE_SIGN_IN in e.event_types for e in everywhere):
        return Finding(
            "CTR002",
            ERROR,
            f"eventName {name!r} is a console sign-in event: CloudTrail records sign-in events with eventSource "
            f"{_SIGN_IN}, so they carry source 'aws.signin', not {_q(allowed[:5])}, and the rule never fires for it.",
            "use source 'aws.signin' (or drop source and keep detail-type 'AWS Console Sign In via CloudTrail')",
            path,
        )
    if slip is not None:
        return Finding(
            "CTR002",
            ERROR,
            f"eventName {name!r} is logged by {shown}, not by {_q(allowed[:5])}: it misspells {slip!r} of "
            f"{_q(allowed[:5])} (names are exact), so the rule never fires for it.",
            f"use eventName {slip!r} (or, if you mean the event of {logged_by[0]!r}, use source {logged_by[0]!r} with "
            f"detail.eventSource {everywhere[0].event_source!r})",
            path,
        )
    hint = ""
    if len(allowed) == 1 and allowed[0] in known:
        close = suggest(name, limit=2, service=allowed[0])
        if close:
            hint = f"; or, to stay with {allowed[0]!r}, did you mean eventName {_q(close)}?"
    return Finding(
        "CTR002",
        WARNING,
        f"eventName {name!r} is logged by {shown}; {catalog_phrase()} lists no such name for {_q(allowed[:5])}: "
        "unless that service logs a name the catalog lacks, the rule may not fire for it.",
        f"use source {logged_by[0]!r} with detail.eventSource {everywhere[0].event_source!r}{hint}",
        path,
    )


_SIGN_IN = "signin.amazonaws.com"
_CLOUDTRAIL = "cloudtrail.amazonaws.com"
_CLOUDTRAIL_ONLY = frozenset({_CLOUDTRAIL})
_CLOUDTRAIL_FIX = (
    "to match the events CloudTrail delivers for every service, drop source (keep the detail-type, e.g. 'AWS API "
    "Call via CloudTrail'), or list the sources of the services you mean (e.g. 'aws.iam', 'aws.ec2')"
)


def _cloudtrail_misread(branch: Branch) -> Finding | None:
    """``source: ["aws.cloudtrail"]`` written as if it meant every event CloudTrail delivers.

    EventBridge gives each CloudTrail event the source of the service that logged it ('aws.' + its eventSource);
    'aws.cloudtrail' is the CloudTrail service's own API (StopLogging, CreateTrail...). Real rules name no event
    under it (public Terraform: a rule described "Forward all CloudTrail events to [a hub] bus" with the pattern
    ``{"source": ["aws.cloudtrail"]}``; a Cloud Custodian setup capturing "CloudTrail events for Custodian
    CloudTrail-mode policies" with ``aws.cloudtrail`` and "AWS API Call via CloudTrail"), filter only on the caller
    (``userIdentity``, ``errorCode``), or exclude other services' names with ``anything-but``: they fire for
    CloudTrail API calls alone (a warning: a rule may mean exactly that), or, for console sign-ins, never (an error).
    """
    items = branch.items("source")
    if len(items) != 1 or not items[0].is_literal or items[0].value != "aws.cloudtrail":
        return None
    if branch.leaf("detail", "eventSource") is not None:
        return None
    item = items[0]
    types = branch.accepted_detail_types
    names = branch.items("detail", "eventName")
    if not names and types is not None and types and types <= {DETAIL_TYPES[CONSOLE_SIGN_IN]}:
        return Finding(
            "CTR002",
            ERROR,
            "source 'aws.cloudtrail' is the source of the CloudTrail service's own events, not of every event "
            "CloudTrail delivers: console sign-in events carry source 'aws.signin', so the rule never fires.",
            "use source 'aws.signin', or drop source and keep detail-type 'AWS Console Sign In via CloudTrail'",
            item.path,
        )
    if not names:
        if set(branch.detail_keys) - {"eventSource"}:
            what = "names no eventName and filters only on other fields (who made the call, its outcome)"
        else:
            what = "names no eventName (as a rule meant to catch or forward every CloudTrail event would)"
    else:
        if any(not isinstance(i.value, dict) or "anything-but" not in i.value for i in names):
            return None  # names the CloudTrail events it watches (CTR003 judges them)
        excluded = [v for i in names for v in _anything_but(i.value)]
        s = index()
        foreign = [v for v in excluded if v in s.by_name and not s.lookup_in(v, _CLOUDTRAIL_ONLY)]
        if not foreign:
            return None
        what = f"excludes eventNames that are not the CloudTrail service's own ({_q(foreign[:3])})"
    return Finding(
        "CTR002",
        WARNING,
        "source 'aws.cloudtrail' matches only the CloudTrail service's own events (calls to the CloudTrail API such "
        f"as StopLogging or CreateTrail), not every event CloudTrail delivers; this rule {what}, so it may not fire "
        "for the events of other services it seems meant for.",
        _CLOUDTRAIL_FIX,
        item.path,
    )


def _cloudtrail_only_source(branch: Branch) -> bool:
    """True for a branch whose only source is 'aws.cloudtrail' and whose detail-types, if any, are CloudTrail's."""
    items = branch.items("source")
    if len(items) != 1 or items[0].value != "aws.cloudtrail":
        return False
    dts = branch.items("detail-type")
    return all(i.is_literal and i.value in DETAIL_TYPES.values() for i in dts)


def _anything_but(value: object) -> list[str]:
    """The literal names an ``anything-but`` item excludes (empty for any other item)."""
    if not isinstance(value, dict) or len(value) != 1 or "anything-but" not in value:
        return []
    operand = value["anything-but"]
    if isinstance(operand, str):
        return [operand]
    if isinstance(operand, list):
        return [v for v in operand if isinstance(v, str)]
    return []


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR002 for one branch."""
    if not branch.is_cloudtrail:
        # {"source": ["aws.cloudtrail"]} alone ("forward every CloudTrail event") names no record field.
        alone = _cloudtrail_misread(branch) if _cloudtrail_only_source(branch) else None
        return [] if alone is None else [alone]
    s = index()
    out: list[Finding] = []
    known = s.source_names
    for item in branch.items("source"):
        if item.is_literal and item.value not in known and "*" not in item.value:
            out.append(_unknown_source(item.value, item.path))
    src_leaf = branch.leaf("source")
    for item in branch.items("detail", "eventSource"):
        if not item.is_literal:
            continue
        if item.value not in s.by_source:
            if "*" not in item.value:
                out.append(_unknown_event_source(item.value, item.path))
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
    misread = _cloudtrail_misread(branch)
    if misread is not None:
        out.append(misread)
    if branch.allowed_event_sources is not None and not any(f.severity == ERROR for f in out):
        for item, found in branch.literal_names:
            if found or _alias_in(item.value, branch.allowed_event_sources):
                continue  # CTR003 names the logged spelling
            everywhere = lookup(item.value)
            if everywhere:
                out.append(_logged_elsewhere(item.value, item.path, everywhere, branch.allowed_event_sources))
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every source is a known literal that fits the eventSources, every name is logged there, and a rule
    for the CloudTrail service itself names its events (see :func:`_cloudtrail_misread`)."""
    if facts.allowed == _CLOUDTRAIL_ONLY:
        names = facts.pattern.get("detail", {}).get("eventName")
        if type(names) is not list or any(type(n) is not str for n in names):
            return False
    return facts.sources_known and not facts.unknown_name


CHECK = register(
    Check(
        "CTR002",
        "source-fits-event",
        ERROR,
        "The source does not fit the eventSource or the service that logs the event.",
        "CloudTrail events carry source 'aws.' + the eventSource without '.amazonaws.com' (monitoring.amazonaws.com "
        "-> aws.monitoring). A misspelt source, a source that contradicts detail.eventSource, or an eventName "
        "that another service logs makes the rule never fire.",
        "Use the source the finding names.",
        run=run,
        fast=fast,
        needs=frozenset({"catalog"}),
    )
)
