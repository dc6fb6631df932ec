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
    ctr010_envelope_fields,
    ctr011_literal_glob,
    ctr012_impossible_filter,
    ctr013_pattern_size,
    ctr014_retired_service,
    ctr015_record_path,
    ctr016_input_path,
)
from ctrules.checks.analysis import (
    MAX_BRANCHES,
    Branch,
    alternatives_count,
    branches,
    chain_branches,
    covering_branches,
)
from ctrules.checks.fastpath import FLAT, NOT_SIMPLE, WITH_OR, certainly_clean, gather, or_alternatives, shape
from ctrules.checks.findings import ERROR, WARNING, CheckInfo, Finding, RuleContext, Severity, TargetPath
from ctrules.checks.registry import alternatives_checks, branch_checks_with_fast, registered
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
    "TargetPath",
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
        text = _small_repr(pattern)
        if text is None:
            # A big pattern (or one that shares sub-objects many times over) is checked, not remembered.
            return _run(pattern, ctx, set(skip), kind, tried=True)
        key = (text, ctx, skip)
        found = self._found.get(key)
        if found is None:
            found = _run(pattern, ctx, set(skip), kind, tried=True)
            self._found[key] = found
        return found


#: Patterns with more nodes than this, or longer strings in all, are not remembered by :class:`PatternChecker`.
_KEY_NODES = 4096
_KEY_CHARS = 65536


def _small_repr(pattern: object) -> str | None:
    """``repr(pattern)`` when the pattern is small (a bounded walk decides first); None otherwise."""
    budget_nodes, budget_chars = _KEY_NODES, _KEY_CHARS
    stack = [pattern]
    while stack:
        node = stack.pop()
        budget_nodes -= 1
        if budget_nodes < 0:
            return None
        if isinstance(node, dict):
            for k, v in node.items():
                budget_chars -= len(k) if isinstance(k, str) else 8
                stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            budget_chars -= len(node)
        if budget_chars < 0:
            return None
    return repr(pattern)


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
    return _check(pattern, ctx, skip, valid=kind != NOT_SIMPLE)


def _check(pattern: object, ctx: RuleContext, skip: set[str], *, valid: bool) -> list[Finding]:
    """Every check, the general way (see :mod:`ctrules.checks.fastpath` for the shortcuts).

    :param valid: the pattern is known to be valid (CTR009 need not run).
    """
    malformed = [] if valid else ctr009_malformed_pattern(pattern)
    found: list[Finding] = [] if "CTR009" in skip else list(malformed)
    for check in registered():
        if check.run_pattern is not None and check.code != "CTR009" and check.code not in skip:
            found.extend(check.run_pattern(pattern))
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
    combinations = alternatives_count(data, cap=_COUNT_CAP)
    if combinations <= MAX_BRANCHES:
        alternatives = branches(data)
        per_branch = [_branch_findings(b, ctx, skip) for b in alternatives]
        if len(per_branch) == 1:
            found.extend(per_branch[0])
        else:
            found.extend(_merge_alternatives(alternatives, per_branch))
        for code, run_all in alternatives_checks():
            if code not in skip:
                found.extend(run_all(alternatives, ctx))
    else:
        covering = covering_branches(data)
        per_branch = [_branch_findings(b, ctx, skip) for b in covering]
        chains = chain_branches(data)
        found.extend(_merge_covering(per_branch, chains, ctx, skip, combinations, len(covering)))
    return _ordered(found)


#: Counting ``$or`` combinations stops here (the count is only reported).
_COUNT_CAP = 10**12


def _branch_findings(branch: Branch, ctx: RuleContext, skip: set[str]) -> list[Finding]:
    """Every branch-level check on one ``$or``-free alternative that may find something.

    When the fast path can describe the branch (:func:`~ctrules.checks.fastpath.gather`), a check whose own
    fast answer says clean is skipped (so a branch every answer calls clean runs no check at all).
    """
    pattern = branch.as_pattern()
    facts = gather(pattern) if shape(pattern) == FLAT else None
    out: list[Finding] = []
    for code, check, fast in branch_checks_with_fast():
        if code in skip or (facts is not None and fast is not None and fast(facts, ctx)):
            continue
        out.extend(check(branch, ctx))
    return out


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


def _merge_alternatives(alternatives: list[Branch], per_branch: list[list[Finding]]) -> list[Finding]:
    """Findings of a pattern with ``$or`` expanded in full, judged value by value.

    A value that stands in one alternative only (an eventName inside ``$or[1]``) is judged as in a rule
    of its own: an error stays an error. A value that several alternatives share (a top-level eventName
    with ``$or`` on the detail-type) can fire through any of them: its error stays an error only when
    every alternative holding it has an error there; otherwise it becomes a warning about that
    alternative.
    """
    errors_at = [{f.path for f in fs if f.severity == ERROR} for fs in per_branch]
    out: list[Finding] = []
    for i, fs in enumerate(per_branch):
        for f in fs:
            if f.severity != ERROR:
                out.append(f)
                continue
            holders = [j for j, b in enumerate(alternatives) if j == i or b.holds(f.path)]
            if len(holders) > 1 and not all(f.path in errors_at[j] for j in holders):
                out.append(_may_fire(f, "another alternative matches it, or may: the rule can still fire"))
            else:
                out.append(f)
    return out


def _merge_covering(
    per_branch: list[list[Finding]],
    chains: dict[str, Branch],
    ctx: RuleContext,
    skip: set[str],
    combinations: int,
    checked: int,
) -> list[Finding]:
    """Findings of a pattern whose ``$or`` makes more than :data:`~ctrules.checks.analysis.MAX_BRANCHES` combinations.

    Every alternative was checked in one real combination (:func:`~ctrules.checks.analysis.covering_branches`),
    so no value goes unjudged. An error there stays an error when the value fails on the fields every
    combination holding it shares (its :func:`~ctrules.checks.analysis.chain_branches` entry): then no
    combination can match it. Otherwise it becomes a warning that says how many combinations were not checked.
    """
    chain_errors: dict[str, set[tuple[str, str]]] = {}

    def certain(f: Finding) -> bool:
        where = _innermost_alternative(f.path, chains)
        errors = chain_errors.get(where)
        if errors is None:
            errors = {(g.code, g.path) for g in _branch_findings(chains[where], ctx, skip) if g.severity == ERROR}
            chain_errors[where] = errors
        return (f.code, f.path) in errors

    unchecked = f"{combinations - checked:,} of {combinations:,}" if combinations < _COUNT_CAP else "most"
    out: list[Finding] = []
    for fs in per_branch:
        for f in fs:
            if f.severity != ERROR or certain(f):
                out.append(f)
            else:
                why = (
                    f"this $or makes {unchecked} combinations that were not checked one by one, and one of them "
                    "may match it: the rule can still fire"
                )
                out.append(_may_fire(f, why))
    return out


def _innermost_alternative(path: str, chains: dict[str, Branch]) -> str:
    """The JSON path of the deepest ``$or`` alternative that ``path`` lies in (``"$"`` for none)."""
    cut = len(path)
    while True:
        cut = path.rfind(".$or[", 0, cut)
        if cut < 0:
            return "$"
        end = path.index("]", cut) + 1
        if path[:end] in chains:
            return path[:end]


def _may_fire(f: Finding, why: str) -> Finding:
    """An error about one ``$or`` alternative turned into a warning (the rule may still fire through another)."""
    return Finding(f.code, WARNING, f"in one $or alternative: {f.message} ({why})", f.fix, f.path)


def _ordered(findings: list[Finding]) -> list[Finding]:
    if len(findings) <= 1:
        return findings
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.severity != ERROR, f.code, _natural(f.path)))


def _natural(path: str) -> tuple[Any, ...]:
    """Sort key that puts ``$or[2]`` before ``$or[10]``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path))
