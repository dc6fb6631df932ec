"""CTR005: events of global services reach EventBridge in their home Region only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.catalog import CONSOLE_SIGN_IN, DETAIL_TYPES
from ctrules.checks.common import OTHER_PARTITIONS
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "ROOT_REGIONS_TEXT", "ROOT_SIGN_IN_REGIONS", "SIGN_IN_SOURCE", "run"]


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR005 for one branch."""
    if not branch.is_cloudtrail or not ctx.default_bus:
        return []
    out: list[Finding] = []
    region = ctx.region
    if region is not None and region.startswith(OTHER_PARTITIONS):
        return []  # the home regions ctrules knows are those of the aws partition
    out.extend(_root_sign_in(branch, region))
    for item, found in branch.literal_names:
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
                    f"deploy the rule in {home} (in the CDK: a stack with env region {home!r}) (Terraform: an aws "
                    f"provider with region = \"{home}\"), or forward the events "
                    f"from {home} to an event bus in {region} (if this default-bus rule receives them forwarded, "
                    "acknowledge CTR005 on it)",
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


#: The Regions where CloudTrail records the root user's console sign-in (ConsoleLogin): since 2026-09-16 root
#: sign-in is served from us-east-1, us-east-2 and us-west-2, and the event is recorded in the Region that
#: processed it. Evidence: https://aws.amazon.com/about-aws/whats-new/2026/09/root-user-regional-resiliency/
#: and the console sign-in events page of the CloudTrail user guide,
#: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
ROOT_SIGN_IN_REGIONS = ("us-east-1", "us-east-2", "us-west-2")
#: The eventSource of console sign-in events (root sign-in findings judge only names it logs).
SIGN_IN_SOURCE = "signin.amazonaws.com"
#: :data:`ROOT_SIGN_IN_REGIONS` as the findings write them ("us-east-1, us-east-2 or us-west-2").
ROOT_REGIONS_TEXT = ", ".join(ROOT_SIGN_IN_REGIONS[:-1]) + " or " + ROOT_SIGN_IN_REGIONS[-1]


def _sign_ins_only(branch: Branch) -> bool:
    """True when the branch matches console sign-in events only: every eventName is a sign-in event, or, with no
    eventName filter (root-login alarms are often written so), the detail-type admits nothing else."""
    names = branch.literal_names
    if names:
        return all(found and all(e.event_source == SIGN_IN_SOURCE for e in found) for _, found in names)
    if branch.items("detail", "eventName"):
        return False  # operators on eventName: not judged
    # Only the detail-type says "sign-in events only": aws.signin also logs API calls and service events, whose
    # Regions for the root user no page states.
    types = branch.accepted_detail_types
    return types is not None and types == {DETAIL_TYPES[CONSOLE_SIGN_IN]}


def _root_sign_in(branch: Branch, region: str | None) -> list[Finding]:
    """A rule for the root user's console sign-ins outside us-east-1."""
    types = [i for i in branch.items("detail", "userIdentity", "type") if i.is_literal]
    if not types or any(i.value != "Root" for i in types) or len(types) != len(branch.items("detail", "userIdentity",
                                                                                             "type")):
        return []
    if not _sign_ins_only(branch):
        return []
    item = types[0]
    if region is not None and region not in ROOT_SIGN_IN_REGIONS:
        return [
            Finding(
                "CTR005",
                ERROR,
                f"CloudTrail records the root user's console sign-in events in {ROOT_REGIONS_TEXT} (the Region that "
                f"served the sign-in); this rule is in {region}, so it never fires.",
                f"deploy the rule in each of {ROOT_REGIONS_TEXT}, or forward their events to a bus in {region}",
                item.path,
            )
        ]
    if region is None:
        return [
            Finding(
                "CTR005",
                WARNING,
                f"CloudTrail records the root user's console sign-in events in {ROOT_REGIONS_TEXT}, and this "
                "rule's region is unknown: it fires only if deployed in one of them.",
                f"deploy it in each of {ROOT_REGIONS_TEXT} (CDK: stack env region; `ctrules lint --region`)",
                item.path,
            )
        ]
    return []


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when the rule is on a custom bus, or every global name's home Region is the rule's Region (and no
    filter on the user type, which decides where sign-in events are recorded)."""
    if not ctx.default_bus:
        return True
    if "userIdentity" in facts.detail_keys and ctx.region not in ROOT_SIGN_IN_REGIONS:
        return False
    homes = facts.single_homes
    return not homes or (ctx.region is not None and homes <= {ctx.region})


CHECK = register(
    Check(
        "CTR005",
        "global-event-region",
        ERROR,
        "An event of a global service on a rule outside the service's home region.",
        "Global services (IAM, Organizations, CloudFront, Route 53, ...) deliver their CloudTrail events to "
        "EventBridge in one region only, us-east-1 for most. A rule elsewhere never fires (error); a rule whose "
        "region is unknown gets a warning. Rules on custom buses are exempt (events may be forwarded from the "
        "home region); a default-bus rule that receives forwarded events is acknowledged with `ctrules::CTR005`.",
        "Deploy the rule in the home Region, or forward the events there.",
        run=run,
        fast=fast,
        needs=frozenset({"region", "bus", "catalog"}),
    )
)
