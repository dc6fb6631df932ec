"""CTR011: a ``*`` meant as a glob in an exact value or a prefix/suffix matches only a literal star."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register
from ctrules.eventpattern.vocab import is_token

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "NAMED_FIELDS", "run"]

#: The paths whose values never contain "*": a glob there is certainly a mistake (error); elsewhere a warning.
NAMED_FIELDS: Final = {("source",), ("detail-type",), ("detail", "eventSource"), ("detail", "eventName")}


def _stars(values: list[Any]) -> Iterator[tuple[int, str, str]]:
    """(index, value as written, the fix) for each value that uses ``*`` as a glob."""
    for i, v in enumerate(values):
        if isinstance(v, str) and "*" in v and not is_token(v):
            yield i, json.dumps(v), json.dumps({"wildcard": v})
        elif isinstance(v, dict) and len(v) == 1:
            ((op, operand),) = v.items()
            if op in ("prefix", "suffix") and isinstance(operand, str) and "*" in operand:
                stem = operand.strip("*")
                glob = f"{stem}*" if op == "prefix" else f"*{stem}"
                fix = json.dumps({"exists": True}) if not stem else json.dumps({"wildcard": glob})
                yield i, json.dumps(v), fix
            elif op == "anything-but" and (
                (isinstance(operand, str) and "*" in operand)
                or (isinstance(operand, list) and any(isinstance(o, str) and "*" in o for o in operand))
            ):
                globs = operand if isinstance(operand, str) else next(o for o in operand if "*" in o)
                yield i, json.dumps(v), json.dumps({"anything-but": {"wildcard": globs}})


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR011 for one branch."""
    out: list[Finding] = []
    for path, (values, jpath) in branch.fields.items():
        for i, written, fix in _stars(values):
            named = path in NAMED_FIELDS
            out.append(
                Finding(
                    "CTR011",
                    ERROR if named and "anything-but" not in written else WARNING,
                    f"{written} uses '*' as a glob, but EventBridge compares it literally: it matches only values "
                    "holding a real '*'"
                    + (
                        (
                            ", which no CloudTrail event has, so it excludes nothing."
                            if "anything-but" in written
                            else ", which no CloudTrail event has, so the rule never fires."
                        )
                        if named
                        else "."
                    ),
                    f"write {fix}",
                    f"{jpath}[{i}]",
                )
            )
    return out


def _literal_star(item: dict[Any, Any]) -> bool:
    """Whether an operator object holds a ``*`` that EventBridge compares literally (not in ``wildcard``)."""
    for op, operand in item.items():
        if op == "wildcard":
            continue
        if type(operand) is str:
            if "*" in operand:
                return True
        elif type(operand) is list:
            if any((type(o) is str and "*" in o) or (type(o) is dict and _literal_star(o)) for o in operand):
                return True
        elif type(operand) is dict and _literal_star(operand):
            return True
    return False


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when no value outside a ``wildcard`` operator holds a star.

    Clean at once when no value of the whole pattern holds a star (the survey says so); else one walk over the
    pattern's fields, whose values are lists of plain values and operator objects.
    """
    if not facts.stars:
        return True
    stack: list[dict[str, Any]] = [facts.pattern]
    while stack:
        for value in stack.pop().values():
            kind = type(value)
            if kind is dict:
                stack.append(value)
            elif kind is list:
                for v in value:
                    t = type(v)
                    if t is str:
                        if "*" in v:
                            return False
                    elif t is dict and _literal_star(v):
                        return False
    return True


CHECK = register(
    Check(
        "CTR011",
        "literal-glob",
        ERROR,
        "A '*' used as a glob outside the wildcard operator.",
        'EventBridge matches exact values, prefix and suffix literally: "Delete*" or {"prefix": "*"} match only '
        'values that contain a star. Globs need {"wildcard": "Delete*"}. On eventName, eventSource, source and '
        "detail-type no value ever contains a star (error); elsewhere it is a warning.",
        "Use the wildcard operator.",
        run=run,
        fast=fast,
        needs=frozenset(),
    )
)
