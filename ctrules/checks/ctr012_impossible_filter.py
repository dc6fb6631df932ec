"""CTR012: filters no CloudTrail event can satisfy: wrong value types, absent always-present fields, numbers on text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "problems", "run"]

#: Fields every CloudTrail event delivered by EventBridge carries, always as strings (envelope and record).
#: Evidence: the EventBridge event structure (eb-events-structure) and the CloudTrail record contents page
#: (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
ALWAYS_STRING: Final[frozenset[tuple[str, ...]]] = frozenset(
    {
        ("source",), ("detail-type",), ("account",), ("region",), ("id",), ("time",),
        ("detail", "eventName"), ("detail", "eventSource"), ("detail", "eventType"), ("detail", "eventVersion"),
        ("detail", "eventTime"), ("detail", "eventID"), ("detail", "awsRegion"),
    }
)  # fmt: skip
#: Record fields that are JSON booleans (a string "true" never equals them).
BOOLEAN_FIELDS: Final[frozenset[tuple[str, ...]]] = frozenset(
    {("detail", "readOnly"), ("detail", "managementEvent"), ("detail", "sessionCredentialFromConsole")}
)
_TEXT_ONLY_OPERATORS = ("numeric", "cidr")


def _name(path: tuple[str, ...]) -> str:
    return ".".join(path)


def problems(path: tuple[str, ...], values: list[Any]) -> Iterator[tuple[int, str, str]]:
    """(index, why it never matches, fix) for each value of a leaf that no CloudTrail event can satisfy."""
    if path in ALWAYS_STRING:
        for i, v in enumerate(values):
            if v is None or isinstance(v, (bool, int, float)):
                yield (
                    i,
                    f"{_name(path)} is always a string in CloudTrail events, so {json.dumps(v)} never equals it",
                    f"quote it: {json.dumps(str(v).lower() if isinstance(v, bool) else str(v))}",
                )
            elif isinstance(v, dict) and len(v) == 1:
                ((op, operand),) = v.items()
                if op == "exists" and operand is False:
                    yield i, f"every CloudTrail event has {_name(path)}, so {{\"exists\": false}} never matches", (
                        "remove the filter, or use {\"exists\": true}"
                    )
                elif op in _TEXT_ONLY_OPERATORS:
                    yield (
                        i,
                        f"{_name(path)} is a string, and {op!r} matches only "
                        + ("numbers" if op == "numeric" else "IP addresses"),
                        "use exact values, prefix or wildcard",
                    )
    elif path in BOOLEAN_FIELDS:
        for i, v in enumerate(values):
            if isinstance(v, str) and v.lower() in ("true", "false"):
                yield (
                    i,
                    f"{_name(path)} is a JSON boolean in CloudTrail records, so the string {json.dumps(v)} never "
                    "equals it",
                    f"write {v.lower()} without quotes",
                )


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR012 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for path, (values, jpath) in branch.fields.items():
        found = list(problems(path, values))
        every = len(found) == len(values)  # no other value of the leaf can match: the rule never fires
        for i, why, fix in found:
            tail = "the rule never fires." if every else "this value never matches (the others may)."
            out.append(Finding("CTR012", ERROR if every else WARNING, f"{why}: {tail}", fix, f"{jpath}[{i}]"))
    return out


_TOP_LEVEL: Final[dict[str, tuple[str, ...]]] = {p[0]: p for p in ALWAYS_STRING | BOOLEAN_FIELDS if len(p) == 1}
_IN_DETAIL: Final[dict[str, tuple[str, ...]]] = {
    p[1]: p for p in ALWAYS_STRING | BOOLEAN_FIELDS if len(p) == 2 and p[0] == "detail"
}


def _clean(path: tuple[str, ...], values: Any) -> bool:
    if type(values) is not list:
        return True  # a nested object: not a leaf of these fields, nothing of ours to say
    if path in ALWAYS_STRING and all(type(v) is str for v in values):
        return True  # the common case, decided without the generator
    return next(problems(path, values), None) is None


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when no leaf at a field of known type has a value no CloudTrail event can satisfy.

    Only the fields of :data:`ALWAYS_STRING` and :data:`BOOLEAN_FIELDS` can give a finding, so only they are
    looked up (all at the top level or directly under ``detail``).
    """
    pattern = facts.pattern
    for key, value in pattern.items():
        path = _TOP_LEVEL.get(key)
        if path is not None and not _clean(path, value):
            return False
    detail = pattern.get("detail")
    if type(detail) is dict:
        for key, value in detail.items():
            path = _IN_DETAIL.get(key)
            if path is not None and not _clean(path, value):
                return False
    return True


CHECK = register(
    Check(
        "CTR012",
        "impossible-filter",
        ERROR,
        "A filter no CloudTrail event can satisfy (value of the wrong type, absence of an always-present field).",
        "EventBridge compares types: eventName, eventSource, source and detail-type are always strings, so numbers, "
        "booleans, null, numeric and cidr filters on them never match, and {\"exists\": false} on them matches "
        "nothing. readOnly and managementEvent are JSON booleans: the string \"true\" never equals them.",
        "Use a value of the field's type.",
        run=run,
        fast=fast,
        needs=frozenset(),
    )
)
