"""CTR007: a CloudTrail-looking detail-type must be exactly one that CloudTrail events carry."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Final

from ctrules.catalog import DETAIL_TYPES
from ctrules.checks.common import VALID_DETAIL_TYPES
from ctrules.checks.common import quote_list as _q
from ctrules.checks.findings import ERROR, Finding, RuleContext
from ctrules.checks.registry import Check, register
from ctrules.eventpattern.leaf import leaf_matches
from ctrules.eventpattern.vocab import is_token

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "closest_detail_type", "run"]

#: :data:`VALID_DETAIL_TYPES` as a set (the fast answer compares sets).
_VALID_SET: Final = frozenset(VALID_DETAIL_TYPES)


def closest_detail_type(value: str) -> str | None:
    """The CloudTrail detail-type a misspelt one most likely means, or None."""
    norm = value.lower().replace(" ", "").replace("amazon", "aws")
    for dt in VALID_DETAIL_TYPES:
        if dt.lower().replace(" ", "") == norm:
            return dt
    close = difflib.get_close_matches(value, VALID_DETAIL_TYPES, n=1, cutoff=0.6)
    return close[0] if close else None


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR007 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    for item in branch.items("detail-type"):
        if item.is_literal:
            value = item.value
            if value in DETAIL_TYPES.values() or "*" in value:
                continue  # a glob is CTR011's
            low = value.lower()
            if not any(w in low for w in ("cloudtrail", "api call", "sign in", "signin", "service event")):
                if branch.has_record_fields and any(i.is_literal and i.value.startswith("aws.")
                                                    for i in branch.items("source")):
                    out.append(
                        Finding(
                            "CTR007",
                            ERROR,
                            f"detail-type {value!r} is not a detail-type of CloudTrail events, yet the pattern filters "
                            "on CloudTrail record fields (detail.eventName/eventSource): no event has both, so the "
                            "rule never fires.",
                            f"use the CloudTrail detail-type of the event, e.g. {VALID_DETAIL_TYPES[0]!r}",
                            item.path,
                        )
                    )
                continue
            right = closest_detail_type(value)
            why = ""
            if low.replace(" ", "") == "awsconsolesigninviacloudtrail" or "signin" in low:
                why = " (the EventBridge guide spells it that way, but real sign-in events do not)"
            elif low.startswith("amazon"):
                why = " (a rebranding artifact of some docs, not a real detail-type)"
            out.append(
                Finding(
                    "CTR007",
                    ERROR,
                    f"detail-type {value!r} is not a detail-type CloudTrail events carry{why}: "
                    "detail-type matching is exact and case-sensitive, so the rule never fires.",
                    f"use {right!r}" if right else f"use one of {_q(VALID_DETAIL_TYPES)}",
                    item.path,
                )
            )
        elif (
            isinstance(item.value, dict)
            and not _holds_token(item.value)
            and not any(leaf_matches([item.value], dt) for dt in VALID_DETAIL_TYPES)
        ):
            out.append(
                Finding(
                    "CTR007",
                    ERROR,
                    f"detail-type filter {item.value!r} matches no detail-type CloudTrail events carry.",
                    f"use one of {_q(VALID_DETAIL_TYPES)}",
                    item.path,
                )
            )
    return out


def _holds_token(value: object) -> bool:
    """True for a filter that is, or holds, a value known only at deploy or plan time (never judged)."""
    if is_token(value):
        return True
    if isinstance(value, dict):
        return any(_holds_token(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_token(v) for v in value)
    return False


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every detail-type is one CloudTrail events carry."""
    return facts.accepted <= _VALID_SET


CHECK = register(
    Check(
        "CTR007",
        "cloudtrail-detail-type-spelling",
        ERROR,
        "A detail-type that no CloudTrail event carries.",
        "detail-type matching is exact. The EventBridge guide's 'AWS Console Signin via CloudTrail' and the China "
        "docs' 'Amazon API Call via CloudTrail' are not what events carry; wrong case never matches either.",
        "Use the detail-type the finding names.",
        run=run,
        fast=fast,
        needs=frozenset(),
    )
)
