"""CTR001: the detail-type must be the one EventBridge gives the event's CloudTrail eventType."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.catalog import CONSTRUCT_FOR_EVENT_TYPE, DETAIL_TYPES, INSIGHT
from ctrules.checks.common import quote_list as _q
from ctrules.checks.findings import ERROR, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run"]


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR001 for one branch."""
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
    for item, found in branch.literal_names:
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
    for item, found in branch.operator_names:
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
    names = branch.literal_names
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


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every name is delivered with an accepted detail-type and nothing filters on eventType."""
    keys = facts.detail_keys
    return not facts.special_types and not facts.type_mismatch and "eventType" not in keys and (
        "insightDetails" not in keys
    )


CHECK = register(
    Check(
        "CTR001",
        "detail-type-fits-event-type",
        ERROR,
        "The detail-type does not fit the event's CloudTrail eventType.",
        "EventBridge gives each CloudTrail eventType its own detail-type: API calls arrive as 'AWS API Call via "
        "CloudTrail', service events (e.g. Organizations CreateAccountResult) as 'AWS Service Event via "
        "CloudTrail', console sign-ins as 'AWS Console Sign In via CloudTrail'. A pattern whose detail-type "
        "excludes the event's type deploys and never fires.",
        "Use the detail-type the finding names, or a typed ctrules construct that infers it.",
        run=run,
        fast=fast,
        needs=frozenset({"catalog"}),
    )
)
