"""CTR004: read-only management events need the rule State ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.catalog import READ_ONLY_RULE_STATE
from ctrules.checks.common import NOT_MANAGEMENT_DETAIL_TYPES
from ctrules.checks.findings import ERROR, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "EXEMPT_STATES", "FIX", "run"]

#: The rule States for which the check stays silent (the special State delivers read-only events; a disabled rule
#: fires for nothing anyway).
EXEMPT_STATES = (READ_ONLY_RULE_STATE, "DISABLED")

#: The fix, with the code that sets the State on a plain ``events.Rule``.
FIX = (
    f"set the rule's State to {READ_ONLY_RULE_STATE!r}: CloudFormation/SAM `State: {READ_ONLY_RULE_STATE}`; "
    f'Terraform `state = "{READ_ONLY_RULE_STATE}"`; CDK: use a ctrules construct (it sets it), or on an '
    f'events.Rule: `rule.node.default_child.add_property_override("State", "{READ_ONLY_RULE_STATE}")`'
)


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR004 for one branch."""
    if not branch.is_cloudtrail or ctx.effective_state in EXEMPT_STATES:
        return []
    accepted = branch.accepted_detail_types
    if accepted is not None and accepted <= NOT_MANAGEMENT_DETAIL_TYPES:
        return []  # Insights and network activity events are not management events
    out: list[Finding] = []
    for item, found in branch.literal_names:
        ro = [e for e in found if e.eventbridge_read_only]
        if ro and len(ro) == len(found):
            out.append(
                Finding(
                    "CTR004",
                    ERROR,
                    f"eventName {item.value!r} ({ro[0].source}) is an event EventBridge treats as read-only: it "
                    f"is delivered only to rules in State {READ_ONLY_RULE_STATE!r}, and this rule is "
                    f"{ctx.effective_state!r}, so it never fires for it.",
                    FIX,
                    item.path,
                )
            )
    for item, found in branch.operator_names:
        if found and all(e.eventbridge_read_only for e in found):
            out.append(
                Finding(
                    "CTR004",
                    ERROR,
                    f"eventName {item.value!r} matches only read-only management events, which EventBridge "
                    f"delivers only to rules in State {READ_ONLY_RULE_STATE!r}; this rule is "
                    f"{ctx.effective_state!r}, so it never fires.",
                    FIX,
                    item.path,
                )
            )
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when no name is read-only only, or the State admits read-only events."""
    return not facts.special_types and (not facts.read_only_name or ctx.state in EXEMPT_STATES)


CHECK = register(
    Check(
        "CTR004",
        "read-only-needs-state",
        ERROR,
        "A read-only management event on a rule whose State does not admit read-only events.",
        "EventBridge delivers read-only management events (names starting with Describe, Get or List, and a "
        "documented list of others) only to rules whose State is ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. "
        "aws-cdk-lib's events.Rule cannot set it; set it on the L1 (CfnRule) or use a ctrules construct.",
        f"Set the rule's State to {READ_ONLY_RULE_STATE}.",
        run=run,
        fast=fast,
        needs=frozenset({"state", "catalog"}),
    )
)
