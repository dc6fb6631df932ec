"""CTR010: top-level keys of a pattern must be fields of the EventBridge envelope (``source``, ``detail``, ...)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ctrules.catalog.model import ENVELOPE_FIELDS  # re-exported: the envelope's fields
from ctrules.checks.common import RECORD_FIELDS
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.mistakes import provable_slip, squash
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "ENVELOPE_BY_SQUASHED", "ENVELOPE_FIELDS", "RECORD_BY_SQUASHED", "run"]

#: A top-level key, squashed (:func:`ctrules.checks.mistakes.squash`), -> the envelope field it misspells (an
#: error); public so that exports of the check (the Rego pack) read the same table.
ENVELOPE_BY_SQUASHED = {squash(f): f for f in ENVELOPE_FIELDS} | {
    "details": "detail",
    "detailtypes": "detail-type",
    "sources": "source",
    "regions": "region",
}
#: A top-level key, squashed, -> the CloudTrail record field it names (it belongs under ``detail``: an error).
RECORD_BY_SQUASHED = {squash(f): f for f in RECORD_FIELDS}


def _wants_absent(values: list[Any]) -> bool:
    return any(isinstance(v, dict) and v.get("exists") is False for v in values)


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR010 for one branch."""
    seen: dict[str, tuple[str, bool]] = {}
    for path, (values, jpath) in branch.fields.items():
        key = path[0]
        if key in ENVELOPE_FIELDS:
            continue
        cut = jpath.find("." + key) + len(key) + 1
        top = jpath[:cut] if cut > len(key) else f"$.{key}"
        absent = len(path) == 1 and _wants_absent(values)
        prev = seen.get(key)
        seen[key] = (top, absent and (prev is None or prev[1]))
    out: list[Finding] = []
    for key, (top, absent) in seen.items():
        if absent:
            continue  # {"exists": false} on a field no event has: matches every event, nothing to report
        squashed = squash(key)
        envelope = ENVELOPE_BY_SQUASHED.get(squashed) or provable_slip(key, sorted(ENVELOPE_FIELDS))
        record = RECORD_BY_SQUASHED.get(squashed)
        if envelope is not None:
            out.append(
                Finding(
                    "CTR010",
                    ERROR,
                    f"top-level key {key!r} is not a field of EventBridge events (it misspells {envelope!r}; keys are "
                    "case-sensitive): no event matches, so the rule never fires.",
                    f"rename {key!r} to {envelope!r}",
                    top,
                )
            )
        elif record is not None:
            out.append(
                Finding(
                    "CTR010",
                    ERROR,
                    f"top-level key {key!r} is a field of the CloudTrail record, which EventBridge puts under "
                    "'detail': no event carries it at the top level, so the rule never fires.",
                    f"move it under detail: {json.dumps({'detail': {record: ['...']}})}",
                    top,
                )
            )
        else:
            out.append(
                Finding(
                    "CTR010",
                    WARNING,
                    f"top-level key {key!r} is not a field of EventBridge events (version, id, detail-type, source, "
                    "account, time, region, resources, detail): unless the pattern filters something other than "
                    "EventBridge events, no event carries it and the rule may not fire.",
                    "move the filter under 'detail' (the event's own fields) or remove it",
                    top,
                )
            )
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every top-level key is an envelope field."""
    return facts.pattern.keys() <= ENVELOPE_FIELDS


CHECK = register(
    Check(
        "CTR010",
        "envelope-fields",
        ERROR,
        "A top-level key that no EventBridge event carries.",
        "The top level of an event holds only the envelope: version, id, detail-type, source, account, time, region, "
        "resources, detail (and replay-name on replayed events). CloudTrail record fields such as eventName live "
        "under detail; misspelt keys (Source, Detail, details, detail_type) match nothing.",
        "Move record fields under detail; spell envelope keys exactly.",
        run=run,
        fast=fast,
        needs=frozenset(),
    )
)
