"""A fast answer for the most common pattern: one that every check would pass.

Most rules in real templates are plain: a CloudTrail detail-type spelt exactly, known sources, literal
eventSource and eventName values, and filters on record fields. :func:`certainly_clean` recognises such a
pattern when it is clean and answers without building the general analysis
(:mod:`ctrules.checks.analysis`). It never *finds* anything: whenever a check could have something to
say, or the pattern is of any other shape, it answers False and :func:`ctrules.checks.check_pattern` runs
every check as usual. ``tests/checks/test_fastpath.py`` proves on thousands of patterns that a True here
always agrees with the full checks.
"""

from __future__ import annotations

from typing import Any

from ctrules.catalog import DETAIL_TYPES, INSIGHT, NETWORK_ACTIVITY, READ_ONLY_RULE_STATE
from ctrules.catalog._store import store
from ctrules.checks.findings import RuleContext
from ctrules.checks.rules import RECORD_FIELDS

__all__ = ["certainly_clean"]

_VALID_DETAIL_TYPES = frozenset(DETAIL_TYPES.values())
_TOP_KEYS = frozenset({"source", "detail-type", "detail"})
# Record fields a plain filter may use without touching what the checks decide on eventType.
_PLAIN_DETAIL_KEYS = RECORD_FIELDS - {"eventType", "insightDetails"}
_INSIGHT_ONLY = frozenset({DETAIL_TYPES[INSIGHT]})
_NOT_MANAGEMENT = frozenset({DETAIL_TYPES[INSIGHT], DETAIL_TYPES[NETWORK_ACTIVITY]})


def certainly_clean(pattern: dict[str, Any], ctx: RuleContext) -> bool:
    """True only when every CTR check would report nothing for this (already valid, plain) pattern.

    :param pattern: a pattern whose every leaf is a non-empty list of strings, with no ``$or``.
    :param ctx: the rule's context.
    """
    if not pattern.keys() <= _TOP_KEYS:
        return False
    detail_types = pattern.get("detail-type")
    if detail_types is None or not _VALID_DETAIL_TYPES.issuperset(detail_types):
        return False  # no detail-type, or one that CTR007 (or the is-CloudTrail rule) must look at
    accepted = frozenset(detail_types)
    detail = pattern.get("detail", {})
    if type(detail) is not dict or not detail.keys() <= _PLAIN_DETAIL_KEYS:
        return False
    s = store()
    sources = pattern.get("source")
    allowed: frozenset[str] | None = None
    if sources is not None:
        names = s.source_names
        if not all(v in names for v in sources):
            return False
        allowed = frozenset(names[v] for v in sources)
    event_sources = detail.get("eventSource")
    if event_sources is not None:
        if type(event_sources) is not list or not all(v in s.by_source for v in event_sources):
            return False
        if allowed is not None and not allowed.issuperset(event_sources):
            return False
        allowed = frozenset(event_sources) if allowed is None else allowed & frozenset(event_sources)
    event_names = detail.get("eventName")
    if event_names is None:
        return True
    if type(event_names) is not list or accepted == _INSIGHT_ONLY:
        return False
    if accepted & _NOT_MANAGEMENT:
        return False  # Insights and network activity: left to the full checks
    state = ctx.effective_state
    read_only_ok = state in (READ_ONLY_RULE_STATE, "DISABLED")
    region = ctx.region
    for name in event_names:
        if "{Token[" in name:
            return False
        found = tuple(s.event(i) for i in s.by_name.get(name, ())) if allowed is None else s.lookup_in(name, allowed)
        if not found:
            return False
        if not any(dt in accepted for e in found for dt in e.deliverable_detail_types):
            return False
        if not read_only_ok and all(e.eventbridge_read_only for e in found):
            return False
        if all(e.category == "Data" for e in found):
            return False
        if ctx.default_bus and all(e.home_region is not None for e in found):
            homes = {e.home_region for e in found}
            if len(homes) == 1 and (region is None or region not in homes):
                return False
    return True
