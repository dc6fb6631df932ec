"""The CTR checks: plain dict event patterns in, findings out (pure Python; no ``aws_cdk`` import).

Example::

    from ctrules.checks import RuleContext, check_pattern

    findings = check_pattern(
        {"source": ["aws.organizations"], "detail-type": ["AWS API Call via CloudTrail"],
         "detail": {"eventName": ["CreateAccountResult"]}},
        RuleContext(region="us-east-1"),
    )
    findings[0].code   # 'CTR001'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ctrules.checks.analysis import Branch, alternatives_count, branches
from ctrules.checks.fastpath import certainly_clean
from ctrules.checks.findings import ERROR, WARNING, CheckInfo, Finding, RuleContext, Severity
from ctrules.checks.rules import BRANCH_CHECKS, CHECKS
from ctrules.checks.syntax import SyntaxProblem, validate_pattern

__all__ = [
    "CHECKS",
    "ERROR",
    "WARNING",
    "CheckInfo",
    "Finding",
    "RuleContext",
    "Severity",
    "check_pattern",
    "ctr009_malformed_pattern",
]


def ctr009_malformed_pattern(pattern: object) -> list[Finding]:
    """CTR009: the pattern must be valid for EventBridge (non-empty list leaves, known operators...)."""
    return [_from_syntax(p) for p in validate_pattern(pattern)]


def _from_syntax(problem: SyntaxProblem) -> Finding:
    return Finding("CTR009", ERROR, problem.message, problem.fix, problem.path)


def check_pattern(
    pattern: object,
    context: RuleContext | None = None,
    *,
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Run every check on one event pattern.

    :param pattern: the event pattern as plain JSON data (a dict). Unresolved CDK tokens and
        CloudFormation intrinsics inside it are skipped.
    :param context: what is known of the rule (region, State, bus); defaults to nothing known.
    :param ignore: check codes to leave out.
    :returns: the findings, errors first, each once, in a stable order.
    """
    ctx = context or RuleContext()
    plain = _plain(pattern)
    if plain and certainly_clean(pattern, ctx):  # type: ignore[arg-type]
        return []
    return _check(pattern, ctx, set(ignore), plain)


def _check(pattern: object, ctx: RuleContext, skip: set[str], plain: bool) -> list[Finding]:
    """Every check, the general way (see :mod:`ctrules.checks.fastpath` for the shortcut)."""
    malformed = [] if plain else ctr009_malformed_pattern(pattern)
    found: list[Finding] = [] if "CTR009" in skip else list(malformed)
    if malformed or not isinstance(pattern, dict):
        # Meaning is only checked on a pattern EventBridge would accept.
        return _ordered(found)
    data: dict[str, Any] = pattern
    per_branch: list[list[Finding]] = []
    alternatives = branches(data)
    for branch in alternatives:
        branch_found: list[Finding] = []
        if plain or not certainly_clean_branch(branch, ctx):
            for code, check in BRANCH_CHECKS:
                if code not in skip:
                    branch_found.extend(check(branch, ctx))
        per_branch.append(branch_found)
    if len(per_branch) == 1:
        found.extend(per_branch[0])
    else:
        truncated = alternatives_count(data) > len(alternatives)
        found.extend(_merge_alternatives(alternatives, per_branch, truncated))
    return _ordered(found)


def certainly_clean_branch(branch: Branch, ctx: RuleContext) -> bool:
    """The fast path (:func:`certainly_clean`) for one ``$or`` alternative."""
    flat = branch.as_pattern()
    return _plain(flat) and certainly_clean(flat, ctx)


def _merge_alternatives(
    alternatives: list[Branch], per_branch: list[list[Finding]], truncated: bool
) -> list[Finding]:
    """Findings of a pattern with ``$or``, judged value by value.

    A value that stands in one alternative only (an eventName inside ``$or[1]``) is judged as in a rule
    of its own: an error stays an error. A value that several alternatives share (a top-level eventName
    with ``$or`` on the detail-type) can fire through any of them: its error stays an error only when
    every alternative holding it has an error there; otherwise it becomes a warning about that
    alternative. Past :data:`~ctrules.checks.analysis.MAX_BRANCHES` alternatives, unchecked ones might
    match a shared value, so errors on shared values become warnings.
    """
    errors_at = [{f.path for f in fs if f.severity == ERROR} for fs in per_branch]
    out: list[Finding] = []
    for i, fs in enumerate(per_branch):
        for f in fs:
            if f.severity != ERROR:
                out.append(f)
                continue
            holders = [j for j, b in enumerate(alternatives) if j == i or b.holds(f.path)]
            shared = len(holders) > 1
            if shared and (truncated or not all(f.path in errors_at[j] for j in holders)):
                out.append(
                    Finding(
                        f.code,
                        WARNING,
                        f"in one $or alternative: {f.message} (another alternative matches it, or may: "
                        "the rule can still fire)",
                        f.fix,
                        f.path,
                    )
                )
            else:
                out.append(f)
    return out


def _plain(pattern: object) -> bool:
    """True for the common pattern EventBridge always accepts: nested objects whose every leaf is a
    non-empty list of strings (no operators, no ``$or``). The full validator is not needed for it."""
    if type(pattern) is not dict or not pattern:
        return False
    stack: list[dict[Any, Any]] = [pattern]
    while stack:
        obj = stack.pop()
        for key, value in obj.items():
            if type(key) is not str or key.startswith("$"):
                return False
            kind = type(value)
            if kind is list:
                if not value:
                    return False
                for v in value:
                    if type(v) is not str:
                        return False
            elif kind is dict:
                if not value:
                    return False
                stack.append(value)
            else:
                return False
    return True


def _ordered(findings: list[Finding]) -> list[Finding]:
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.severity != ERROR, f.code, _natural(f.path)))


def _natural(path: str) -> tuple[Any, ...]:
    """Sort key that puts ``$or[2]`` before ``$or[10]``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path))

