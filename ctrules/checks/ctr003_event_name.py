"""CTR003: every eventName must be a name CloudTrail logs (for the rule's sources)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.catalog import lookup, source_of, suggest
from ctrules.catalog.index import index
from ctrules.checks.common import quote_list as _q
from ctrules.checks.findings import ERROR, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run"]


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR003 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    allowed = branch.allowed_event_sources
    single = sorted(allowed)[0] if allowed is not None and len(allowed) == 1 else None
    s = index()
    if allowed is not None and not any(es in s.by_source for es in allowed):
        return []  # sources ctrules does not know (CTR002 says so): their names cannot be judged
    for item, found in branch.literal_names:
        if found:
            continue
        name = item.value
        renamed = s.aliases.get(name, {})
        logged = sorted({n for es, names in renamed.items() if allowed is None or es in allowed for n in names})
        if logged:
            out.append(
                Finding(
                    "CTR003",
                    ERROR,
                    f"eventName {name!r} is the SDK operation name, but CloudTrail logs this call as "
                    f"{_q(logged)}: the rule never fires for it.",
                    f"use eventName {_q(logged)}",
                    item.path,
                )
            )
            continue
        if name in s.by_name:
            continue  # logged by another service: CTR002 says which
        options: list[str] = []
        if single is not None and single in s.by_source:
            options = [repr(n) for n in suggest(name, limit=3, service=single)]
        if not options:
            for candidate in suggest(name, limit=3):
                owners = sorted({e.source for e in lookup(candidate)})
                where = owners[0] if len(owners) == 1 else f"{len(owners)} services"
                options.append(f"{candidate!r} (logged by {where})")
        where = f" for {source_of(single)!r}" if single else ""
        out.append(
            Finding(
                "CTR003",
                ERROR,
                f"eventName {name!r} is not a CloudTrail event name{where}: the rule never fires for it.",
                (f"did you mean {' or '.join(options)}?" if options else "check the name with `ctrules search`"),
                item.path,
            )
        )
    if allowed is not None and all(es in s.by_source for es in allowed):
        for item, matched in branch.operator_names:
            if matched or not branch.name_filter_decidable(item):
                continue
            shown = _q(sorted(source_of(es) for es in allowed)[:5])
            out.append(
                Finding(
                    "CTR003",
                    ERROR,
                    f"eventName filter {item.value!r} matches no CloudTrail event name of {shown}: the rule "
                    "never fires.",
                    "check the filter against the names with `ctrules search`",
                    item.path,
                )
            )
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every name (and every decidable name filter) is logged by the admitted sources."""
    return not facts.unknown_name


CHECK = register(
    Check(
        "CTR003",
        "event-name-known",
        ERROR,
        "The eventName is not a CloudTrail event name (for that source).",
        "eventName matching is exact and case-sensitive. The finding suggests the closest known names and the "
        "service that logs them. Some services log versioned names (Lambda: UpdateFunctionCode20150331v2).",
        "Use the name the finding suggests (check it with `ctrules search`).",
        run=run,
        fast=fast,
    )
)
