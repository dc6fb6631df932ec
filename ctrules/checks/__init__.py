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
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ctrules.checks import (  # noqa: F401  (each module registers its check)
    ctr001_detail_type,
    ctr002_source,
    ctr003_event_name,
    ctr004_read_only_state,
    ctr005_global_region,
    ctr006_data_event,
    ctr007_detail_type_spelling,
    ctr008_record_fields,
    ctr009_malformed,
)
from ctrules.checks.analysis import Branch, alternatives_count, branches
from ctrules.checks.fastpath import FLAT, NOT_SIMPLE, WITH_OR, certainly_clean, or_alternatives, shape
from ctrules.checks.findings import ERROR, WARNING, CheckInfo, Finding, RuleContext, Severity
from ctrules.checks.registry import branch_checks, registered
from ctrules.checks.syntax import validate_pattern

__all__ = [
    "CHECKS",
    "ERROR",
    "WARNING",
    "CheckInfo",
    "Finding",
    "PatternChecker",
    "RuleContext",
    "Severity",
    "check_pattern",
    "ctr009_malformed_pattern",
]

_NOTHING_KNOWN = RuleContext()


ctr009_malformed_pattern = ctr009_malformed.run_pattern


class _Checks(Mapping[str, CheckInfo]):
    """Every registered check's metadata by code (a live view of the registry, for reports and SARIF)."""

    def __getitem__(self, code: str) -> CheckInfo:
        for c in registered():
            if c.code == code:
                return c.info
        raise KeyError(code)

    def __iter__(self) -> Iterator[str]:
        return iter([c.code for c in registered()])

    def __len__(self) -> int:
        return len(registered())


#: Every check, by code: name, default severity, summary, help, fix, docs anchor.
CHECKS: Mapping[str, CheckInfo] = _Checks()


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
    return _run(pattern, context or _NOTHING_KNOWN, set(ignore), shape(pattern))


class PatternChecker:
    """:func:`check_pattern` with a memory: identical (pattern, context, ignore) are judged once.

    A cloud assembly with several stages, or a template with one rule per environment, repeats the same
    patterns. Patterns the fast path finds clean are answered without a lookup.

    Example::

        checker = PatternChecker()
        for pattern in patterns:
            findings = checker.check(pattern, RuleContext(region="us-east-1"))
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, RuleContext, tuple[str, ...]], list[Finding]] = {}

    def check(
        self, pattern: object, context: RuleContext | None = None, *, ignore: Iterable[str] = ()
    ) -> list[Finding]:
        """The findings of :func:`check_pattern` (the same list object for a repeated pattern; do not change it).

        :raises RecursionError: for a pattern nested too deeply to represent.
        """
        ctx = context or _NOTHING_KNOWN
        kind = shape(pattern)
        if _certainly_clean(pattern, ctx, kind):
            return []
        skip = tuple(sorted(set(ignore)))
        key = (repr(pattern), ctx, skip)
        found = self._found.get(key)
        if found is None:
            found = _run(pattern, ctx, set(skip), kind, tried=True)
            self._found[key] = found
        return found


def _certainly_clean(pattern: Any, ctx: RuleContext, kind: int) -> bool:
    """The fast path: True when no check would find anything (False: don't know)."""
    if kind == FLAT:
        return certainly_clean(pattern, ctx)
    if kind == WITH_OR:
        alternatives = or_alternatives(pattern)
        return alternatives is not None and all(certainly_clean(a, ctx) for a in alternatives)
    return False


def _run(pattern: object, ctx: RuleContext, skip: set[str], kind: int, *, tried: bool = False) -> list[Finding]:
    """The checks on a pattern of the given :func:`~ctrules.checks.fastpath.shape`.

    :param tried: the fast path already said "don't know".
    """
    if not tried and _certainly_clean(pattern, ctx, kind):
        return []
    # A flat pattern is its own single branch, which the fast path has just judged.
    return _check(pattern, ctx, skip, valid=kind != NOT_SIMPLE, branch_shortcut=kind != FLAT)


def _check(pattern: object, ctx: RuleContext, skip: set[str], *, valid: bool, branch_shortcut: bool) -> list[Finding]:
    """Every check, the general way (see :mod:`ctrules.checks.fastpath` for the shortcuts).

    :param valid: the pattern is known to be valid (CTR009 need not run).
    :param branch_shortcut: try the fast path on each ``$or`` alternative before its checks.
    """
    malformed = [] if valid else ctr009_malformed_pattern(pattern)
    found: list[Finding] = [] if "CTR009" in skip else list(malformed)
    if not isinstance(pattern, dict):
        return _ordered(found)
    data: dict[str, Any] = pattern
    if malformed:
        # Meaning is checked on what EventBridge would accept: the parts CTR009 objects to are set aside, so
        # one mistake does not hide another (a typo in an eventName beside a malformed filter).
        sound = _sound_part(pattern)
        if sound is None or validate_pattern(sound):
            return _ordered(found)
        data = sound
    alternatives = branches(data)
    per_branch: list[list[Finding]] = []
    for branch in alternatives:
        branch_found: list[Finding] = []
        if not (branch_shortcut and certainly_clean(branch.as_pattern(), ctx)):
            for code, check in branch_checks():
                if code not in skip:
                    branch_found.extend(check(branch, ctx))
        per_branch.append(branch_found)
    if len(per_branch) == 1:
        found.extend(per_branch[0])
    else:
        truncated = alternatives_count(data) > len(alternatives)
        found.extend(_merge_alternatives(alternatives, per_branch, truncated))
    return _ordered(found)


def _sound_part(obj: dict[str, Any]) -> dict[str, Any] | None:
    """``obj`` without the leaves EventBridge would reject (None when nothing sound is left).

    Leaves are kept or dropped whole, so the JSON paths of what is kept do not change; an ``$or`` is kept only
    when each of its alternatives keeps something.
    """
    out: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "$or":
            if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
                continue
            kept = [_sound_part(a) for a in value]
            if len(kept) >= 2 and all(k for k in kept):
                out[key] = kept
        elif isinstance(value, dict):
            inner = _sound_part(value)
            if inner:
                out[key] = inner
        elif isinstance(value, list) and not validate_pattern({key: value}):
            out[key] = value
    return out or None


def _merge_alternatives(alternatives: list[Branch], per_branch: list[list[Finding]], truncated: bool) -> list[Finding]:
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


def _ordered(findings: list[Finding]) -> list[Finding]:
    if len(findings) <= 1:
        return findings
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.severity != ERROR, f.code, _natural(f.path)))


def _natural(path: str) -> tuple[Any, ...]:
    """Sort key that puts ``$or[2]`` before ``$or[10]``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path))
