"""CTR016: an input path of a target (``InputPath``, ``InputTransformer.InputPathsMap``) that no matched event carries.

A target can receive a part of the event instead of all of it: ``InputPath`` (one JSONPath) or an input
transformer whose ``InputPathsMap`` names variables by JSONPath (``{"bucket":
"$.detail.requestParameters.bucketName"}``). EventBridge does not check these paths against anything: a path
the event does not carry is simply left out, so the rule fires and the target receives nothing for that
variable. Evidence: EventBridge user guide, "Amazon EventBridge input transformation", section *Common
Issues with Transforming Input* ("There is no validation when creating JSON path for your template"; "If you
specify a variable to match a JSON path that doesn't exist in the event, that variable isn't created and
won't appear in the output"),
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
(github:awsdocs/amazon-eventbridge-user-guide/doc_source/eb-transform-target-input.md at commit
10e936eebdd8b9ea9f5670e316e11bddada84aca). The same page lists the JSONPath syntax EventBridge supports
(dot notation, array indexes, ``*``): other syntax is left alone here.

The check takes the events the whole rule can match (the union over its ``$or`` alternatives: literal
eventNames within the admitted sources, name filters such as ``prefix`` when ctrules can tell which names
they accept) and asks the record shapes (:mod:`ctrules.catalog.shapes`) about each ``$.detail...`` path:

* a path that the records of **every** matched event lack (``unknown``), that goes inside a field CloudTrail
  records as a JSON string (``inside-json-string``: EventBridge cannot extract a key inside a string), or
  that CloudTrail always redacts (``redacted``: the target gets ``HIDDEN_DUE_TO_SECURITY_REASONS``) is a
  finding: an error when real records confirm the shapes (``seen``) and the path is missing or inside a
  string, else a warning;
* a path one matched event may carry, or a rule whose events ctrules cannot list (no eventName,
  ``anything-but``, a name the catalog lacks, an event without a shape), gives nothing.

A path at the top of the event (``$.source``) must name a field of the EventBridge envelope; that holds
for every event, so it is checked whatever the pattern.

The paths reach the check through :attr:`RuleContext.target_paths`; each finding's path is the
:attr:`~ctrules.checks.findings.TargetPath.where` of the target field (``Targets[0].InputPath``), not a
place in the pattern.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from ctrules.catalog import DETAIL_TYPES, INSIGHT, NETWORK_ACTIVITY, CatalogEvent
from ctrules.checks.analysis import name_filter_decidable
from ctrules.checks.common import RECORD_FIELDS
from ctrules.checks.ctr010_envelope_fields import ENVELOPE_FIELDS
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext, TargetPath
from ctrules.checks.mistakes import squash
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.catalog.shapes import PathStatus, Shape
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run_alternatives"]

#: JSONPath as EventBridge supports it: ``$`` then ``.name`` steps (letters, digits, ``_``, ``-``, ``/``, or
#: ``*``), each with optional ``[0]``/``[*]`` indexes.
_SUPPORTED: Final = re.compile(r"\$(?:\.(?:[A-Za-z0-9_\-/]+|\*)(?:\[(?:\d+|\*)\])*)*")
_INDEX: Final = re.compile(r"\[[^\]]*\]")
_ENVELOPE: Final = "envelope"
_DETAIL: Final = "detail"
_ENVELOPE_LIST: Final = "version, id, detail-type, source, account, time, region, resources, detail"
_ENVELOPE_BY_SQUASHED: Final = {squash(f): f for f in ENVELOPE_FIELDS}
_RECORD_BY_SQUASHED: Final = {squash(f): f for f in RECORD_FIELDS}
_NO_SUCH_TYPE: Final = DETAIL_TYPES[INSIGHT]  # records with eventName under detail are never Insights records
#: The statuses a finding may rest on (the rest say a value is there, or that nothing is known).
_BAD: Final = frozenset({"unknown", "inside-json-string", "redacted"})
_NAMES_SHOWN: Final = 3


@lru_cache(maxsize=4096)
def _parse(path: str) -> tuple[str, str] | None:
    """What to check of a target path: ``("envelope", head)``, ``("detail", "requestParameters.x")``, or None.

    None when there is nothing to check: the whole event (``$``), an envelope field, ``$.detail`` itself, a
    ``*`` step first thing, or syntax EventBridge does not support (left to EventBridge's own validation).
    Below ``detail`` the path is cut at its first ``*`` step (the steps before it must still exist).
    """
    text = path.strip()
    if not _SUPPORTED.fullmatch(text) or text == "$":
        return None
    steps = _INDEX.sub("", text[2:]).split(".")
    head = steps[0]
    if head == "*":
        return None
    if head != "detail":
        return None if head in ENVELOPE_FIELDS else (_ENVELOPE, head)
    below: list[str] = []
    for step in steps[1:]:
        if step == "*":
            break
        below.append(step)
    return (_DETAIL, ".".join(below)) if below else None


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when the targets read no path, or only paths that need no look at the events and are right."""
    if not ctx.target_paths:
        return True
    return all(_parse(target.path) is None for target in ctx.target_paths)


def run_alternatives(alternatives: Sequence[Branch], ctx: RuleContext) -> list[Finding]:
    """The findings of CTR016 for a rule: its target paths against the events of all its alternatives."""
    if not ctx.target_paths:
        return []
    out: list[Finding] = []
    matched: list[tuple[CatalogEvent, Shape]] | None = None
    listed = False
    for target in ctx.target_paths:
        parsed = _parse(target.path)
        if parsed is None:
            continue
        kind, value = parsed
        if kind == _ENVELOPE:
            out.append(_envelope_finding(target, value))
            continue
        if not listed:
            matched, listed = _matched_shapes(alternatives), True
        if matched:
            finding = _detail_finding(target, value, matched)
            if finding is not None:
                out.append(finding)
    return out


# ------------------------------------------------------------------------------------------ matched events


def _matched_shapes(alternatives: Sequence[Branch]) -> list[tuple[CatalogEvent, Shape]] | None:
    """Each event the rule can match with its record shape (for the eventTypes the rule admits), or None
    when ctrules cannot list them all or one has no shape."""
    types_of: dict[tuple[str, str], tuple[CatalogEvent, set[str]]] = {}
    for branch in alternatives:
        found = _branch_events(branch)
        if found is None:
            return None
        for event, admitted in found:
            types_of.setdefault(event.key, (event, set()))[1].update(admitted)
    out: list[tuple[CatalogEvent, Shape]] = []
    for event, types in types_of.values():
        shape = _shape(event, tuple(t for t in DETAIL_TYPES if t in types))
        if shape is None:
            return None
        out.append((event, shape))
    return out


@lru_cache(maxsize=4096)
def _shape(event: CatalogEvent, event_types: tuple[str, ...]) -> Shape | None:
    """The record shape of ``event`` recorded with these eventTypes (None: ctrules claims none)."""
    from ctrules.catalog import shapes

    shape = shapes.fields_of(event)
    if shape is not None and event_types != shape.event_types:
        shape = dataclasses.replace(shape, event_types=event_types)
    return shape


def _branch_events(branch: Branch) -> list[tuple[CatalogEvent, tuple[str, ...]]] | None:
    """The catalog events one alternative matches, each with the eventTypes it admits; None when unknown."""
    if not branch.is_cloudtrail:
        return None
    items = branch.items("detail", "eventName")
    if not items:
        return None  # every event of the sources: the catalog may not list them all
    events: list[CatalogEvent] = []
    judged = 0
    for _, found in branch.literal_names:
        if not found:
            return None  # a name the catalog does not know (CTR003 speaks about it)
        events.extend(found)
        judged += 1
    for item, found in branch.operator_names:
        if not name_filter_decidable(item.value) or not found:
            return None
        events.extend(found)
        judged += 1
    if judged != len(items):
        return None  # a token or a number among the names
    accepted = branch.accepted_detail_types
    out: list[tuple[CatalogEvent, tuple[str, ...]]] = []
    for event in events:
        types = list(event.event_types)
        if event.network_activity:
            types.append(NETWORK_ACTIVITY)
        admitted = tuple(
            t for t in types if DETAIL_TYPES[t] != _NO_SUCH_TYPE and (accepted is None or DETAIL_TYPES[t] in accepted)
        )
        if admitted:
            out.append((event, admitted))
    return out


# ----------------------------------------------------------------------------------------------- findings


def _subject(target: TargetPath) -> str:
    if target.name is not None:
        return f"input path {target.path!r} (variable <{target.name}>)"
    return f"InputPath {target.path!r}"


def _nothing(target: TargetPath) -> str:
    if target.name is not None:
        return f"EventBridge leaves the variable out, so the target receives nothing for <{target.name}>"
    return "the target receives nothing for it"


def _envelope_finding(target: TargetPath, head: str) -> Finding:
    squashed = squash(head)
    envelope = _ENVELOPE_BY_SQUASHED.get(squashed)
    record = _RECORD_BY_SQUASHED.get(squashed)
    rest = target.path.strip()[2 + len(head) :]
    if envelope is not None:
        fix = f"read '$.{envelope}{rest}' (envelope field names are exact: case and dashes count)"
    elif record is not None:
        fix = f"read '$.detail.{record}{rest}': fields of the CloudTrail record are under detail"
    else:
        fix = f"read an envelope field ({_ENVELOPE_LIST}) or a field under $.detail"
    return Finding(
        "CTR016",
        ERROR,
        f"{_subject(target)} reads {head!r} at the top of the event, which is not a field of EventBridge events "
        f"({_ENVELOPE_LIST}): {_nothing(target)}.",
        fix,
        target.where,
    )


def _who(events: Sequence[CatalogEvent]) -> str:
    """``CreateBucket (aws.s3)`` or ``the 4 events the rule matches (A, B, C, ...)``."""
    if len(events) == 1:
        return f"{events[0].event_name} ({events[0].source})"
    names = ", ".join(e.event_name for e in events[:_NAMES_SHOWN]) + (", ..." if len(events) > _NAMES_SHOWN else "")
    return f"the {len(events)} events the rule matches ({names})"


def _detail_finding(target: TargetPath, below: str, matched: list[tuple[CatalogEvent, Shape]]) -> Finding | None:
    """The finding for one ``$.detail...`` path, or None when one matched event may carry it."""
    judged: list[tuple[CatalogEvent, PathStatus]] = []
    for event, shape in matched:
        st = shape.status(below)
        if st.status not in _BAD:
            return None  # known, unchecked (a map, free JSON) or no shape: the target may get a value
        judged.append((event, st))
    by_status: dict[str, list[tuple[CatalogEvent, PathStatus]]] = {}
    for event, st in judged:
        by_status.setdefault(st.status, []).append((event, st))
    clauses: list[str] = []
    fixes: list[str] = []
    for status in ("unknown", "inside-json-string", "redacted"):
        group = by_status.get(status)
        if not group:
            continue
        events = [e for e, _ in group]
        first = group[0][1]
        if status == "unknown":
            if len(judged) == 1:
                clauses.append(f"{first.reason or 'the records of ' + events[0].event_name + ' do not carry it'}")
            else:
                clauses.append(f"the records of {_who(events)} do not carry it ({first.reason})")
            fixes.append(_unknown_fix(group))
        elif status == "inside-json-string":
            at = first.at or below
            clauses.append(
                f"CloudTrail records detail.{at} of {_who(events)} as a JSON string, and EventBridge cannot extract "
                "a key inside a string"
            )
            fixes.append(f"read '$.detail.{at}' (the whole JSON string) and parse it in the target")
        else:
            at = first.at or below
            clauses.append(
                f"CloudTrail records detail.{at} of {_who(events)} as HIDDEN_DUE_TO_SECURITY_REASONS, so the target "
                "would only ever get that placeholder"
            )
            fixes.append("remove it: CloudTrail never records this value")
    certain = all(st.status != "redacted" and st.confidence == "seen" for _, st in judged)
    derived = sorted({e.event_name for e, st in judged if st.confidence != "seen"})
    note = ""
    if derived:
        shown = ", ".join(derived[:_NAMES_SHOWN]) + (", ..." if len(derived) > _NAMES_SHOWN else "")
        note = f" (the record shape of {shown} is derived from the SDK's API model; no real record confirms it)"
    only = "redacted" in by_status and len(by_status) == 1
    consequence = "the value never reaches the target" if only else _nothing(target)
    if not certain and only:
        consequence = "the value may not reach the target"
    return Finding(
        "CTR016",
        ERROR if certain else WARNING,
        f"{_subject(target)}: {'; '.join(clauses)}. {consequence[:1].upper()}{consequence[1:]}{note}.",
        "; ".join(dict.fromkeys(fixes)),
        target.where,
    )


def _unknown_fix(group: list[tuple[CatalogEvent, PathStatus]]) -> str:
    suggestions = list(dict.fromkeys(s for _, st in group for s in st.suggestions))
    if suggestions:
        shown = " or ".join(f"'$.detail.{s}'" for s in suggestions[:_NAMES_SHOWN])
        return f"read {shown} instead"
    name = group[0][0].event_name
    return (
        f"read a field the records carry (ctrules.catalog.shapes.fields_of({name!r}).fields() lists them), or "
        "build the input with ctrules.field(...), which checks the path"
    )


CHECK = register(
    Check(
        "CTR016",
        "input-path",
        ERROR,
        "A target's input path that the events the rule matches never carry.",
        "InputPath and the InputPathsMap of an input transformer read fields of the event by JSONPath. EventBridge "
        "does not validate them: a path the event lacks is left out, so the rule fires and the target receives "
        "nothing for that variable. A path inside a field CloudTrail records as a JSON string (an IAM "
        "policyDocument) cannot be read either, and a redacted field only ever gives its placeholder. The paths "
        "are checked against the record shapes of every event the rule matches; nothing is said when one of them "
        "may carry the path, or when ctrules cannot list the events.",
        "Read a field the records carry (the finding suggests one); build inputs with ctrules.field(...).",
        run_alternatives=run_alternatives,
        fast=fast,
        needs=frozenset({"targets", "catalog", "shapes"}),
    )
)
