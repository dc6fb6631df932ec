"""CTR013: an event pattern longer than EventBridge's pattern-size quota cannot be deployed as is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ctrules.checks.common import pattern_text
from ctrules.checks.findings import WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "PATTERN_SIZE_QUOTA", "run_pattern"]

#: "Event pattern size: 2,048 characters, adjustable" (per account and Region). Evidence:
#: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
PATTERN_SIZE_QUOTA: Final = 2048


def run_pattern(pattern: object) -> list[Finding]:
    """The findings of CTR013 for a whole pattern."""
    text = pattern_text(pattern)
    if text is None:
        return []
    size = len(text)
    if size <= PATTERN_SIZE_QUOTA:
        return []
    return [
        Finding(
            "CTR013",
            WARNING,
            f"the event pattern is {size:,} characters long, over EventBridge's default quota of "
            f"{PATTERN_SIZE_QUOTA:,} characters per pattern: deploying it fails unless the account's quota was "
            "raised.",
            "split the rule into several rules (e.g. one per service), match names with prefix/wildcard, or raise "
            "the 'Event pattern size' quota in Service Quotas",
            "$",
        )
    ]


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when the whole pattern (not only the ``$or`` alternative the facts describe) is short: its surveyed size
    bound is within the quota, or else its compact JSON is."""
    return facts.size <= PATTERN_SIZE_QUOTA or not run_pattern(facts.whole)


CHECK = register(
    Check(
        "CTR013",
        "pattern-size",
        WARNING,
        "The event pattern is longer than EventBridge's pattern-size quota.",
        "EventBridge limits an event pattern to 2,048 characters by default (an adjustable quota). A longer pattern "
        "fails to deploy: a typed rule with thousands of names, or a long list of values, is better split.",
        "Split the rule or raise the quota.",
        run_pattern=run_pattern,
        fast=fast,
        needs=frozenset(),
    )
)
