"""CTR009: the pattern must be valid for EventBridge (non-empty list leaves, known operators, limits)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.checks.findings import ERROR, Finding, RuleContext
from ctrules.checks.registry import Check, register
from ctrules.eventpattern.validate import validate_pattern

if TYPE_CHECKING:
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "not_json", "run_pattern"]


def run_pattern(pattern: object) -> list[Finding]:
    """The findings of CTR009 for a whole pattern."""
    return [Finding("CTR009", ERROR, p.message, p.fix, p.path) for p in validate_pattern(pattern)]


def not_json(problem: str) -> Finding:
    """The finding for a pattern given as text that is not JSON (e.g. a template's ``EventPattern`` string):
    EventBridge rejects it like any malformed pattern. ``problem`` says what is wrong with the text."""
    return Finding(CHECK.code, ERROR, problem, "give EventPattern as valid JSON", "$")


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean: the fast path only describes patterns that :func:`~ctrules.checks.fastpath.shape` found valid."""
    return facts.valid


CHECK = register(
    Check(
        "CTR009",
        "malformed-pattern",
        ERROR,
        "The event pattern is malformed: EventBridge rejects it.",
        "Every leaf of a pattern is a non-empty list; operators are objects with one known key (prefix, suffix, "
        "anything-but, numeric, exists, cidr, equals-ignore-case, wildcard) and well-formed values. EventBridge "
        "rejects anything else when the rule is deployed.",
        "Correct the value the finding points at.",
        run_pattern=run_pattern,
        fast=fast,
        needs=frozenset(),
    )
)
