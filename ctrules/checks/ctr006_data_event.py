"""CTR006: data events reach EventBridge only when a trail logs them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run"]


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR006 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for item, found in branch.literal_names:
        if found and all(e.category == "Data" for e in found):
            if any(e.event_source in ctx.data_trail_sources for e in found):
                continue  # a trail of the same template logs these data events
            if ctx.trails_known:
                out.append(
                    Finding(
                        "CTR006",
                        ERROR,
                        f"eventName {item.value!r} ({found[0].source}) is a CloudTrail data event, and no trail that "
                        f"applies to this account and region logs data events of {found[0].event_source}: it never "
                        "reaches EventBridge, so the rule never fires for it.",
                        f"add a data event selector for {found[0].event_source} to a trail of this region (or a "
                        "multi-Region or organization trail), e.g. an advanced event selector with eventCategory "
                        "Data and its resources.type",
                        item.path,
                    )
                )
                continue
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


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when no name is a data event only."""
    return not facts.data_name


CHECK = register(
    Check(
        "CTR006",
        "data-event",
        WARNING,
        "A data event: fires only when a trail logs data events.",
        "CloudTrail data events (S3 object-level, Lambda Invoke, DynamoDB items, ...) reach EventBridge only when "
        "a trail logs them with data event selectors. A trail defined in the same template whose selectors "
        "cover the event's resource type silences it. `ctrules audit` reads the trails of the account: there a "
        "data event that no logging trail covers is an error.",
        "Add a trail with a data event selector for it, then acknowledge the warning.",
        run=run,
        fast=fast,
        needs=frozenset({"trails", "catalog"}),
    )
)
