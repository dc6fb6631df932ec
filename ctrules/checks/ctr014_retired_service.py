"""CTR014: a rule for a service AWS has retired: its events no longer occur."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ctrules.catalog import source_of
from ctrules.checks.findings import WARNING, Finding, RuleContext
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.catalog.coverage import Retirement
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "retired_sources", "run"]


@lru_cache(maxsize=1)
def retired_sources() -> dict[str, Retirement]:
    """eventSource -> its retirement, for eventSources all of whose services are retired: the data the check judges
    by (public so that exports of the check, such as the Rego pack, read the same table)."""
    try:
        from ctrules.catalog.coverage import retired_services
        from ctrules.catalog.index import index
    except ImportError:  # pragma: no cover - an older catalog without retirement data
        return {}
    s = index()
    by_source = {r.event_source: r for r in retired_services()}
    live = {es for svc, es in s.service_sources.items() if svc not in s.retired}
    return {es: r for es, r in by_source.items() if es not in live}


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR014 for one branch."""
    allowed = branch.allowed_event_sources
    if not branch.is_cloudtrail or not allowed:
        return []
    retired = retired_sources()
    if not all(es in retired for es in allowed):
        return []
    out: list[Finding] = []
    for es in sorted(allowed):
        r = retired[es]
        leaf = branch.leaf("source") or branch.leaf("detail", "eventSource")
        out.append(
            Finding(
                "CTR014",
                WARNING,
                f"{source_of(es)!r} ({r.service}) is a service AWS retired on {r.date}: {r.note} Its CloudTrail "
                "events no longer occur, so the rule may not fire (unless some accounts still use the service).",
                "remove the rule, or point it at the service that replaced it",
                leaf[1] if leaf else "$",
            )
        )
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when the sources admit any service, or a service that is not retired."""
    allowed = facts.allowed
    if not isinstance(allowed, frozenset) or not allowed:
        return allowed is None
    return not allowed <= retired_sources().keys()  # as all(es in retired for es in allowed), in one set comparison


CHECK = register(
    Check(
        "CTR014",
        "retired-service",
        WARNING,
        "A rule for events of a service AWS has retired.",
        "ctrules keeps the events of retired services (OpsWorks, IoT Events, Elastic Transcoder, Macie Classic, "
        "...) so that rules for them are recognised; a rule that matches only such a service never fires after "
        "the retirement date.",
        "Remove the rule or target the replacement service.",
        run=run,
        fast=fast,
        needs=frozenset({"catalog"}),
    )
)
