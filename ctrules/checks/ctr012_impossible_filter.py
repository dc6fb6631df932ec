"""CTR012: filters no CloudTrail event can satisfy: wrong value types, absent always-present fields, numbers on text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from ctrules.checks.common import RECORD_FIELDS, quote_list
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext, Severity
from ctrules.checks.mistakes import provable_slip, squash
from ctrules.checks.record_envelope import STRING_FIELDS, VALUES
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
#: Record fields that are JSON booleans (a string "true" never equals them). Not ``sessionCredentialFromConsole``:
#: the records on AWS's pages carry it as the string "true" (:data:`ctrules.checks.record_envelope.VALUES`).
BOOLEAN_FIELDS: Final[frozenset[tuple[str, ...]]] = frozenset({("detail", "readOnly"), ("detail", "managementEvent")})
#: Envelope fields below ``detail`` held as strings, and those whose values CloudTrail documents.
TEXT_FIELDS: Final[frozenset[tuple[str, ...]]] = frozenset(("detail", *p) for p in STRING_FIELDS) - ALWAYS_STRING
_VALUES: Final = {("detail", *p): v for p, v in VALUES.items()}
_TEXT_ONLY_OPERATORS = ("numeric", "cidr")


def _name(path: tuple[str, ...]) -> str:
    return ".".join(path)


def problems(path: tuple[str, ...], values: list[Any]) -> Iterator[tuple[int, str, str, bool]]:
    """(index, why it matches nothing, fix, certain) for each value of a leaf that no CloudTrail event can satisfy;
    ``certain`` is False where records disagree (the value may match after all)."""
    known = _VALUES.get(path)
    if known is not None:
        yield from _value_problems(path, values, known.kind, known.members, known.confident, path not in ALWAYS_STRING)
    elif path in TEXT_FIELDS:
        yield from _value_problems(path, values, "text", (), True, True)
    if path in ALWAYS_STRING:
        for i, v in enumerate(values):
            if v is None or isinstance(v, (bool, int, float)):
                yield (
                    i,
                    f"{_name(path)} is always a string in CloudTrail events, so {json.dumps(v)} never equals it",
                    f"quote it: {json.dumps(str(v).lower() if isinstance(v, bool) else str(v))}",
                    True,
                )
            elif isinstance(v, dict) and len(v) == 1:
                ((op, operand),) = v.items()
                if op == "exists" and operand is False:
                    yield i, f"every CloudTrail event has {_name(path)}, so {{\"exists\": false}} never matches", (
                        "remove the filter, or use {\"exists\": true}"
                    ), True
                elif op in _TEXT_ONLY_OPERATORS:
                    yield (
                        i,
                        f"{_name(path)} is a string, and {op!r} matches only "
                        + ("numbers" if op == "numeric" else "IP addresses"),
                        "use exact values, prefix or wildcard",
                        True,
                    )
    elif path in BOOLEAN_FIELDS:
        for i, v in enumerate(values):
            if isinstance(v, str) and v.lower() in ("true", "false"):
                yield (
                    i,
                    f"{_name(path)} is a JSON boolean in CloudTrail records, so the string {json.dumps(v)} never "
                    "equals it",
                    f"write {v.lower()} without quotes",
                    True,
                )


def _value_problems(
    path: tuple[str, ...], values: list[Any], kind: str, members: tuple[str, ...], confident: bool, types: bool
) -> Iterator[tuple[int, str, str, bool]]:
    """Values of the wrong JSON type (when ``types``), and misspelt members of a documented set of values."""
    name = _name(path)
    for i, v in enumerate(values):
        if not types and not isinstance(v, str):
            continue  # ALWAYS_STRING judges the type
        if isinstance(v, bool) or (isinstance(v, (int, float)) and kind == "text"):
            if kind == "text-boolean":
                text = json.dumps(str(v).lower())
                strings = " or ".join(json.dumps(m) for m in members)
                held = f"the string {strings}" if confident else f"the string {strings} in AWS's own example records"
            else:
                text = json.dumps(str(v).lower() if isinstance(v, bool) else str(v))
                held = "a string"
            what = "boolean" if isinstance(v, bool) else "number"
            if confident:
                why = f"{name} is {held} in CloudTrail records, so the {what} {json.dumps(v)} never equals it"
            else:
                why = (
                    f"{name} is {held}, and EventBridge compares types, so the {what} {json.dumps(v)} may "
                    "not equal it (some captured records show a boolean)"
                )
            yield i, why, f"quote it: {text}", confident
        elif isinstance(v, dict) and len(v) == 1 and "numeric" in v and kind in ("text", "text-boolean"):
            yield i, f"{name} is a string in CloudTrail records, and 'numeric' matches only numbers", (
                "use exact values, prefix or wildcard"
            ), True
        elif type(v) is str and members and v not in members:
            right = next((m for m in members if squash(m) == squash(v)), None) or provable_slip(v, members)
            if right is not None:
                yield (
                    i,
                    f"{name} holds {quote_list(members[:6])}{' or another value' if len(members) > 6 else ''} in "
                    f"CloudTrail records (exact, case-sensitive); {json.dumps(v)} misspells {right!r}, so it never "
                    "equals it",
                    f"did you mean {json.dumps(right)}?",
                    True,
                )


#: A value written as a path into the record (``responseElements.accessKey.userName``, ``$.detail.userIdentity.arn``).
_RECORD_PATH: Final = re.compile(
    r"^(?:\$\.detail\.[A-Za-z_]|(?:\$\.)?(?:detail\.)?(?:"
    + "|".join(sorted(RECORD_FIELDS))
    + r")(?:\.[A-Za-z_][A-Za-z0-9_-]*)+$)"
)
_TEXT_OPERATORS: Final = ("prefix", "suffix", "wildcard", "equals-ignore-case")
#: What a text :data:`_RECORD_PATH` matches starts with, up to its first dot.
_PATH_HEADS: Final = frozenset({"$", "detail", *RECORD_FIELDS})


def _is_record_path(text: str) -> bool:
    """True when ``text`` reads as a path into the record (the head before the first dot is looked up first, which
    spares the regular expression on the common dotted values such as eventSources)."""
    dot = text.find(".")
    return dot > 0 and text[:dot] in _PATH_HEADS and _RECORD_PATH.match(text) is not None


def record_paths(values: list[Any]) -> list[tuple[int, str, bool]]:
    """(index, text, negated) for each value of a leaf that is a path into the record rather than a value of it.

    EventBridge compares a field with literal text, never with another field: ``{"anything-but": {"prefix":
    "responseElements.accessKey.userName"}}`` excludes values that start with those letters, not the user named in
    the response.
    """
    out: list[tuple[int, str, bool]] = []
    for i, v in enumerate(values):
        texts: list[tuple[str, bool]] = []
        if type(v) is str:
            texts.append((v, False))
        elif type(v) is dict and len(v) == 1:
            ((op, operand),) = v.items()
            negated = op == "anything-but"
            if negated and type(operand) is dict and len(operand) == 1:
                ((op, operand),) = operand.items()
            elif negated:
                op = "equals"
            if op in _TEXT_OPERATORS or op == "equals":
                items = operand if type(operand) is list else [operand]
                texts.extend((t, negated) for t in items if type(t) is str)
        for text, negated in texts:
            if _is_record_path(text):
                out.append((i, text, negated))
                break
    return out


def _record_path_findings(path: tuple[str, ...], values: list[Any], jpath: str) -> list[Finding]:
    field = _name(path)
    found = record_paths(values)
    out: list[Finding] = []
    every = len(found) == len(values) and not any(negated for _, _, negated in found)
    for i, text, negated in found:
        if negated:
            message = (
                f"{field} is compared with the literal text {json.dumps(text)}: EventBridge compares a field with "
                "literal text only, not with another field, so this anything-but excludes only values holding that "
                "text, and the rule may fire for the events it seems meant to exclude."
            )
            severity: Severity = WARNING
        else:
            tail = (
                "the rule never fires."
                if every
                else "this value matches no event (the other values may match, so the rule can still fire)."
            )
            message = (
                f"{field} is compared with the literal text {json.dumps(text)}: EventBridge compares a field with "
                f"literal text only, not with another field, and no record's {field} holds a record path: {tail}"
            )
            severity = ERROR if every else WARNING
        out.append(
            Finding(
                "CTR012",
                severity,
                message,
                "EventBridge cannot compare two fields of an event: filter on known values, or compare the fields in "
                "the target (e.g. a Lambda function)",
                f"{jpath}[{i}]",
            )
        )
    return out


def _severity(certain: bool, every: bool) -> Severity:
    return ERROR if certain and every else WARNING


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR012 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for path, (values, jpath) in branch.fields.items():
        if path and path[0] == "detail" and len(path) > 1:
            out.extend(_record_path_findings(path, values, jpath))
        found = list(problems(path, values))
        every = len(found) == len(values)  # no other value of the leaf can match: the rule never fires
        for i, why, fix, certain in found:
            if not certain:
                tail = "the rule may not fire for it."
            elif every:
                tail = "the rule never fires."
            else:
                tail = "this value matches no event (the other values may match, so the rule can still fire)."
            out.append(Finding("CTR012", _severity(certain, every), f"{why}: {tail}", fix, f"{jpath}[{i}]"))
    return out


#: The typed fields the fast answer looks up by key: (path, any string is fine there), at the top level and in detail.
_TOP_LEVEL: Final[dict[str, tuple[tuple[str, ...], bool]]] = {
    p[0]: (p, p in ALWAYS_STRING and p not in _VALUES) for p in ALWAYS_STRING | BOOLEAN_FIELDS if len(p) == 1
}
_IN_DETAIL: Final[dict[str, tuple[tuple[str, ...], bool]]] = {
    p[1]: (p, p in ALWAYS_STRING and p not in _VALUES)
    for p in ALWAYS_STRING | BOOLEAN_FIELDS
    if len(p) == 2 and p[0] == "detail"
}
#: The other typed fields under ``detail`` (looked up one by one by the fast answer).
_DEEP: Final[tuple[tuple[str, ...], ...]] = tuple(
    sorted((TEXT_FIELDS | _VALUES.keys()) - {path for path, _ in _IN_DETAIL.values()})
)


#: :data:`_DEEP` by the key under ``detail`` they start with.
_DEEP_BY_KEY: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    key: tuple(p for p in _DEEP if p[1] == key) for key in {p[1] for p in _DEEP}
}


def _holds_record_path(obj: dict[str, Any]) -> bool:
    """True when some leaf below ``obj`` holds a value :func:`record_paths` reports."""
    for value in obj.values():
        kind = type(value)
        if kind is dict:
            if _holds_record_path(value):
                return True
        elif kind is list:
            for v in value:  # a loop, not any(generator): this runs for nearly every rule
                if type(v) is str:
                    if "." in v and _is_record_path(v):  # as record_paths judges a plain value
                        return True
                elif record_paths([v]):
                    return True
    return False


def _clean(path: tuple[str, ...], values: Any) -> bool:
    if type(values) is not list:
        return True  # a nested object: not a leaf of these fields, nothing of ours to say
    return next(problems(path, values), None) is None


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when no leaf at a field of known type has a value no CloudTrail event can satisfy.

    Only the fields of :data:`ALWAYS_STRING`, :data:`BOOLEAN_FIELDS`, :data:`TEXT_FIELDS` and the documented values
    can give a finding, so only they are looked up (one pass over the keys of ``detail``).
    """
    pattern = facts.pattern
    for key, value in pattern.items():
        typed = _TOP_LEVEL.get(key)
        if typed is not None:
            if typed[1] and type(value) is list:  # any string is fine there: the common leaf, decided inline
                for v in value:
                    if type(v) is not str:
                        break
                else:
                    continue
            if not _clean(typed[0], value):
                return False
    detail = pattern.get("detail")
    if type(detail) is dict:
        if _holds_record_path(detail):
            return False
        for key, value in detail.items():
            typed = _IN_DETAIL.get(key)
            if typed is not None:
                if typed[1] and type(value) is list:
                    for v in value:
                        if type(v) is not str:
                            break
                    else:
                        continue  # a field of _IN_DETAIL has no deeper typed paths
                if not _clean(typed[0], value):
                    return False
            deep = _DEEP_BY_KEY.get(key)
            if deep is not None:
                for path in deep:
                    node: Any = value
                    for part in path[2:]:
                        node = node.get(part) if type(node) is dict else None
                        if node is None:
                            break
                    if node is not None and not _clean(path, node):
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
