"""CTR003: every eventName must be a name CloudTrail logs (for the rule's sources)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctrules.catalog import lookup, source_of, suggest
from ctrules.catalog.index import index
from ctrules.checks.common import catalog_phrase
from ctrules.checks.common import quote_list as _q
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.mistakes import iam_action, impossible_name, provable_slip, stray_slips
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run"]


_ADD_HINT = (
    "if it is a real CloudTrail event name, add it to your project's catalog (ctrules.catalog.extend, or a "
    "JSON file given with `ctrules lint --catalog-extra`) and acknowledge this warning"
)


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR003 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    allowed = branch.allowed_event_sources
    s = index()
    sources_known = allowed is None or any(es in s.by_source for es in allowed)
    if not sources_known:
        allowed = None  # sources ctrules does not know (CTR002 says so): judge the names against every service
    single = sorted(allowed)[0] if allowed is not None and len(allowed) == 1 else None
    for item, found in branch.literal_names:
        name = item.value
        if found or (not sources_known and name in s.by_name):
            continue
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
        if name in s.by_name or "*" in name:
            continue  # logged by another service (CTR002 says which), or a glob (CTR011 says how to write it)
        finding = _unknown_name(item.value, item.path, single)
        if sources_known or finding.severity == ERROR:
            out.append(finding)  # names of an unknown service are only judged when they are provable slips
    if branch.allowed_event_sources is None:
        out.extend(_stray_slips(branch))
    if allowed is not None and all(es in s.by_source for es in allowed):
        for item, matched in branch.operator_names:
            if matched or not branch.name_filter_decidable(item) or _glob_operand(item.value):
                continue
            shown = _q(sorted(source_of(es) for es in allowed)[:5])
            out.append(
                Finding(
                    "CTR003",
                    WARNING,
                    f"eventName filter {item.value!r} matches no event name of {shown} in {catalog_phrase()}: "
                    "unless the service logs names the catalog does not list, the rule may not fire.",
                    f"check the filter against the names with `ctrules search`; {_ADD_HINT}",
                    item.path,
                )
            )
    return out


def _glob_operand(value: object) -> bool:
    """A prefix/suffix operand with a star: CTR011 reports it (one problem, one message)."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((op, operand),) = value.items()
    return op in ("prefix", "suffix") and isinstance(operand, str) and "*" in operand


def _unknown_name(name: str, path: str, single: str | None) -> Finding:
    """The finding for a literal eventName the catalog does not list: an error only when it is provably a slip."""
    where = f" for {source_of(single)!r}" if single else ""
    broken = impossible_name(name)
    if broken is not None and iam_action(name) is None:
        cleaned = "".join(ch for ch in name if ch.isascii() and (ch.isalnum() or ch in "._"))
        meant = provable_slip(cleaned, suggest(cleaned, limit=5, service=single)) if cleaned else None
        meant = cleaned if cleaned and cleaned in index().by_name else meant
        return Finding(
            "CTR003",
            ERROR,
            f"eventName {name!r} cannot be a CloudTrail event name: {broken}, so the rule never fires for it.",
            f"use eventName {meant!r}"
            if meant
            else "write the name as CloudTrail records it, letters and digits only (check it with `ctrules search`)",
            path,
        )
    action = iam_action(name)
    if action is not None:
        service, op = action
        return Finding(
            "CTR003",
            ERROR,
            f"eventName {name!r} is written as an IAM policy action; CloudTrail records the bare operation name, "
            "so the rule never fires for it.",
            f"use eventName {op!r} (with source 'aws.{service}' if that is the service)",
            path,
        )
    candidates: list[str] = []
    if single is not None:
        candidates = suggest(name, limit=5, service=single)
    if not candidates:
        candidates = suggest(name, limit=5)
    slip = provable_slip(name, candidates)
    if slip is not None:
        owners = sorted({e.source for e in lookup(slip)})
        by = "" if single else f" (logged by {owners[0] if len(owners) == 1 else f'{len(owners)} services'})"
        return Finding(
            "CTR003",
            ERROR,
            f"eventName {name!r} is not a CloudTrail event name{where}: it misspells {slip!r} (names are exact and "
            "case-sensitive), so the rule never fires for it.",
            f"use eventName {slip!r}{by}",
            path,
        )
    close = f"close names: {_q(candidates[:3])}; " if candidates else ""
    return Finding(
        "CTR003",
        WARNING,
        f"eventName {name!r} is not listed{where} in {catalog_phrase()}: unless it is a name the catalog does "
        "not know yet, the rule may not fire for it.",
        f"check the spelling ({close}`ctrules search`); {_ADD_HINT}",
        path,
    )


def _stray_slips(branch: Branch) -> list[Finding]:
    """In a rule that names no service, a name logged only by a service none of the other names belong to, one slip
    from a name of theirs (``["StopLogging", "DeleteTrial"]``: SageMaker's DeleteTrial beside CloudTrail's
    StopLogging). The rule fires for the other service's event, and never for the one meant: a warning (with a
    ``source`` it is CTR002's error; a typed construct refuses it; one rule decides all three:
    :func:`ctrules.checks.mistakes.slip_into_service`)."""
    named = [(item, frozenset(e.event_source for e in found)) for item, found in branch.literal_names if found]
    out: list[Finding] = []
    for i, slip in stray_slips([(item.value, own) for item, own in named]):
        item, own = named[i]
        owners = _q(sorted(source_of(es) for es in own)[:3])
        out.append(
            Finding(
                "CTR003",
                WARNING,
                f"eventName {item.value!r} is logged only by {owners}, which none of the other names belong to, and "
                f"it is one slip from {slip!r} of theirs: the rule fires for the event of {owners}, and may not fire "
                f"for the {slip!r} it seems meant for.",
                f"use eventName {slip!r}; if you do mean the event of {owners}, give it its own $or alternative with "
                "its source",
                item.path,
            )
        )
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every name (and every decidable name filter) is logged by the admitted sources, and a rule that
    names no service lists at most one name (several names there may hold a slip into another service)."""
    if facts.allowed is None:
        names = facts.pattern.get("detail", {}).get("eventName")
        if type(names) is list and len(names) > 1:
            return False
    return not facts.unknown_name


CHECK = register(
    Check(
        "CTR003",
        "event-name-known",
        ERROR,
        "The eventName is not a CloudTrail event name (for that source).",
        "eventName matching is exact and case-sensitive. An unknown name is an error only when it is provably a "
        "mistake: another case or separators of a known name, a one-letter slip of one, an IAM action "
        "(cloudtrail:StopLogging) or an SDK name CloudTrail logs differently (Lambda: "
        "UpdateFunctionCode20150331v2). Otherwise it is a warning that says what the catalog covers, since the "
        "name may be real and newer than the catalog.",
        "Use the name the finding suggests (check it with `ctrules search`).",
        run=run,
        fast=fast,
        needs=frozenset({"catalog"}),
    )
)
