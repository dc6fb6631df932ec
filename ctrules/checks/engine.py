"""The checks engine: one event pattern in, its findings out — shape, fast path, branches, facts, checks, merge.

The pipeline, top to bottom (:func:`check_pattern`):

1. **Which checks** (:func:`checks_to_skip`): every registered check, but those the caller ignores (or does not
   ask for, ``only=``) and those that need context the shell cannot read (``RuleContext.unknown`` against each
   check's declared ``needs``; a check that declares nothing is never left out).
2. **Survey** (:func:`~ctrules.checks.fastpath.survey`): one walk tells whether EventBridge certainly accepts the
   pattern, whether it holds ``$or``, a bound of its size and whether a value holds ``*``.
3. **Fast path** (:func:`certainly_clean`): for a simple pattern, the facts of each ``$or``-free alternative
   (:func:`~ctrules.checks.fastpath.gather`, with the survey of the whole pattern) are handed to each check's own
   ``fast`` answer; when every answer says clean, the pattern is clean.
4. **General path** (:func:`_general`): the pattern-level checks (``run_pattern``: validity, size) on the raw
   pattern; meaning is judged on what EventBridge would accept (:func:`_sound_part`); the ``$or`` branches
   (:mod:`ctrules.checks.analysis`), every branch-level check on each (a check whose own fast answer calls
   the branch clean is skipped), and the checks that see every alternative at once.
5. **Merge** (:func:`_merge_alternatives`, :func:`_merge_covering`): an error about a value that another
   ``$or`` alternative may still match becomes a warning; findings come out errors first, each once.

:class:`PatternChecker` is the same with a memory, for inputs that repeat patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ctrules.checks import ctr009_malformed
from ctrules.checks.analysis import (
    MAX_BRANCHES,
    Branch,
    alternatives_count,
    branches,
    chain_branches,
    covering_branches,
)
from ctrules.checks.fastpath import FLAT, NOT_SIMPLE, WITH_OR, FlatFacts, answers_clean, gather, or_alternatives, survey
from ctrules.checks.fastpath import certainly_clean as flat_certainly_clean
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.registry import (
    alternatives_checks,
    branch_checks_with_fast,
    left_out,
    registered,
)
from ctrules.eventpattern.validate import validate_pattern

__all__ = ["NOTHING_KNOWN", "PatternChecker", "certainly_clean", "check_pattern", "checks_to_skip"]

#: The context of a rule of which nothing is known (the default of :func:`check_pattern`).
NOTHING_KNOWN = RuleContext()

#: The check whose findings say EventBridge rejects the pattern: the engine judges meaning only on the rest.
_VALIDITY = ctr009_malformed.CHECK

#: Counting ``$or`` combinations stops here (the count is only reported).
_COUNT_CAP = 10**12


def check_pattern(
    pattern: object,
    context: RuleContext | None = None,
    *,
    ignore: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> list[Finding]:
    """Run every check on one event pattern.

    :param pattern: the event pattern as plain JSON data (a dict). Unresolved CDK tokens and
        CloudFormation intrinsics inside it are skipped.
    :param context: what is known of the rule (region, State, bus, trails, targets, and what the shell could not
        read: ``unknown``); defaults to nothing known.
    :param ignore: check codes to leave out.
    :param only: when given, the check codes to run (the others are left out); e.g.
        ``only=codes_needing("trails")``.
    :returns: the findings, errors first, each once, in a stable order.
    """
    ctx = context or NOTHING_KNOWN
    return _run(pattern, ctx, checks_to_skip(ctx, ignore, only), survey(pattern))


def checks_to_skip(ctx: RuleContext, ignore: Iterable[str] = (), only: Iterable[str] | None = None) -> frozenset[str]:
    """The codes :func:`check_pattern` leaves out: those ignored, those not in ``only``, and those that need context
    the shell cannot read (``ctx.unknown``)."""
    skip = set(ignore)
    if only is not None:
        wanted = set(only)
        skip.update(c.code for c in registered() if c.code not in wanted)
    if ctx.unknown:
        skip |= left_out(ctx.unknown)
    return frozenset(skip)


def certainly_clean(pattern: Any, ctx: RuleContext, kind: int | None = None) -> bool:
    """The fast path: True when no check would find anything in ``pattern`` (False: don't know).

    :param kind: the pattern's :func:`~ctrules.checks.fastpath.shape`, when known.
    """
    if kind is not None and kind == NOT_SIMPLE:
        return False
    return _fast(pattern, ctx, survey(pattern))[0]


def _fast(pattern: Any, ctx: RuleContext, surveyed: tuple[int, int, bool]) -> tuple[bool, FlatFacts | None]:
    """:func:`certainly_clean` with the pattern's :func:`~ctrules.checks.fastpath.survey` known, and the facts of a
    pattern without ``$or`` (for the general path to reuse)."""
    kind = surveyed[0]
    if kind == FLAT:
        facts = gather(pattern, pattern, surveyed)
        return facts is not None and answers_clean(facts, ctx), facts
    if kind == WITH_OR:
        alternatives = or_alternatives(pattern)
        if alternatives is None:
            return False, None
        for alternative in alternatives:
            if not flat_certainly_clean(alternative, ctx, pattern, surveyed):
                return False, None
        return True, None
    return False, None


def _run(
    pattern: object,
    ctx: RuleContext,
    skip: frozenset[str],
    surveyed: tuple[int, int, bool],
    *,
    tried: bool = False,
    facts: FlatFacts | None = None,
) -> list[Finding]:
    """The checks on a pattern of the given :func:`~ctrules.checks.fastpath.survey`.

    :param tried: the fast path already said "don't know".
    :param facts: the facts the fast path gathered for the pattern (one without ``$or``), when it tried.
    """
    if not tried:
        clean, facts = _fast(pattern, ctx, surveyed)
        if clean:
            return []
    return _general(pattern, ctx, skip, valid=surveyed[0] != NOT_SIMPLE, facts=facts)


def _general(
    pattern: object, ctx: RuleContext, skip: frozenset[str], *, valid: bool, facts: FlatFacts | None = None
) -> list[Finding]:
    """Every check, the general way.

    :param valid: the pattern is known to be valid (the validity check need not run).
    :param facts: the fast path's facts of the pattern (valid, without ``$or``): a check whose own fast answer says
        clean on them is not run.
    """
    malformed = [] if valid else _VALIDITY.run_pattern(pattern)  # type: ignore[misc]
    found: list[Finding] = [] if _VALIDITY.code in skip else list(malformed)
    for check in registered():
        if check.run_pattern is not None and check is not _VALIDITY and check.code not in skip:
            if facts is not None and check.fast is not None and check.fast(facts, ctx):
                continue
            found.extend(check.run_pattern(pattern))
    if not isinstance(pattern, dict):
        return _ordered(found)
    data: dict[str, Any] = pattern
    if malformed:
        # Meaning is checked on what EventBridge would accept: the parts the validity check objects to are set
        # aside, so one mistake does not hide another (a typo in an eventName beside a malformed filter).
        sound = _sound_part(pattern)
        # A limit on the whole pattern (its $or combinations) leaves every part sound: their meaning is checked.
        if sound is None or any(not p.limit for p in validate_pattern(sound)):
            return _ordered(found)
        data = sound
    combinations = 1 if facts is not None else alternatives_count(data, cap=_COUNT_CAP)
    if combinations <= MAX_BRANCHES:
        alternatives = branches(data)
        if len(alternatives) == 1:
            found.extend(_branch_findings(alternatives[0], ctx, skip, facts))
        else:
            per_branch = [_branch_findings(b, ctx, skip) for b in alternatives]
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


def _branch_findings(
    branch: Branch, ctx: RuleContext, skip: frozenset[str], facts: FlatFacts | None = None
) -> list[Finding]:
    """Every branch-level check on one ``$or``-free alternative that may find something.

    When the fast path can describe the branch (:func:`~ctrules.checks.fastpath.gather`), a check whose own
    fast answer says clean is skipped (so a branch every answer calls clean runs no check at all).

    :param facts: the branch's facts, when already gathered (the branch of a pattern without ``$or``).
    """
    if facts is None:
        pattern = branch.as_pattern()
        surveyed = survey(pattern)
        facts = gather(pattern, pattern, surveyed) if surveyed[0] == FLAT else None
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
    skip: frozenset[str],
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


class PatternChecker:
    """:func:`check_pattern` with a memory: identical (pattern, context, ignore, only) are judged once.

    A cloud assembly with several stages, or a template with one rule per environment, repeats the same
    patterns. Patterns the fast path finds clean are answered without a lookup.

    Example::

        checker = PatternChecker()
        for pattern in patterns:
            findings = checker.check(pattern, RuleContext(region="us-east-1"))
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, RuleContext, frozenset[str]], list[Finding]] = {}
        #: Whether the last pattern checked was simple (:func:`~ctrules.checks.fastpath.shape`): valid, free of
        #: values only known at deploy time. When False, a caller may look for such values to name them.
        self.last_simple = True

    def check(
        self,
        pattern: object,
        context: RuleContext | None = None,
        *,
        ignore: Iterable[str] = (),
        only: Iterable[str] | None = None,
    ) -> list[Finding]:
        """The findings of :func:`check_pattern` (the same list object for a repeated pattern; do not change it).

        :raises RecursionError: for a pattern nested too deeply to represent.
        """
        ctx = context or NOTHING_KNOWN
        surveyed = survey(pattern)
        self.last_simple = surveyed[0] != NOT_SIMPLE
        clean, facts = _fast(pattern, ctx, surveyed)
        if clean:
            return []
        skip = checks_to_skip(ctx, ignore, only)
        # A surveyed pattern's size bound says it is small without another walk.
        text = repr(pattern) if 0 < surveyed[1] <= _KEY_CHARS else _small_repr(pattern)
        if text is None:
            # A big pattern (or one that shares sub-objects many times over) is checked, not remembered.
            return _run(pattern, ctx, skip, surveyed, tried=True, facts=facts)
        key = (text, ctx, skip)
        found = self._found.get(key)
        if found is None:
            found = _run(pattern, ctx, skip, surveyed, tried=True, facts=facts)
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
