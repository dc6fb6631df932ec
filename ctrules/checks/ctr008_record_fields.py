"""CTR008: keys of ``detail`` must be CloudTrail record fields (exact, case-sensitive)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ctrules.checks.common import RECORD_FIELDS
from ctrules.checks.findings import WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run"]

_FIELDS_BY_SQUASHED = {f.lower(): f for f in RECORD_FIELDS}
_SORTED_FIELDS = sorted(RECORD_FIELDS)


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR008 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for key, jpath in branch.detail_keys.items():
        if key in RECORD_FIELDS or key == "$or":
            continue
        squashed = key.replace("_", "").replace("-", "").lower()
        right = _FIELDS_BY_SQUASHED.get(squashed)
        if right is None:
            close = difflib.get_close_matches(key, _SORTED_FIELDS, n=1, cutoff=0.75)
            right = close[0] if close else None
        out.append(
            Finding(
                "CTR008",
                WARNING,
                f"detail.{key} is not a field of CloudTrail records (names are case-sensitive): this "
                "filter never matches.",
                f"use detail.{right}" if right else "remove it or use a CloudTrail record field",
                jpath,
            )
        )
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every key of ``detail`` is a record field."""
    return facts.detail_keys <= RECORD_FIELDS


CHECK = register(
    Check(
        "CTR008",
        "record-field-names",
        WARNING,
        "A detail key that is not a CloudTrail record field.",
        "The detail of a CloudTrail event is the CloudTrail record; its field names are case-sensitive "
        "(eventName, not eventname or event_name). A filter on a field that does not exist never matches.",
        "Use the record field the finding names.",
        run=run,
        fast=fast,
        needs=frozenset(),
    )
)
