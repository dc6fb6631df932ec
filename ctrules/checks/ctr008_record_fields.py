"""CTR008: keys under ``detail`` must be CloudTrail record fields (exact, case-sensitive), down the record's envelope.

The envelope (``userIdentity`` and its ``sessionContext``, ``sessionIssuer``, ``webIdFederationData``,
``onBehalfOf``...; ``tlsDetails``, ``resources[]``, ``addendum``, ``insightDetails``...) is judged key by key
(:mod:`ctrules.checks.record_envelope`): another case or a slip of a known key is an error (no record carries it),
an unknown key a warning (CloudTrail adds fields). The per-event parts (``requestParameters``...) are CTR015's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ctrules.catalog import DETAIL_TYPES, SERVICE_EVENT
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext
from ctrules.checks.record_envelope import SERVICE_EVENT_ONLY, KeyProblem, judge_key_path, keys_known
from ctrules.checks.registry import Check, register

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "run"]

_SHOWN = 8


def _cut(jpath: str, segs: tuple[str, ...], depth: int) -> str:
    """The JSON path of the key at ``depth`` (``$.detail.userIdentity.tpye``), found in the leaf's path."""
    pos = jpath.find(".detail")
    pos = 0 if pos < 0 else pos + len(".detail")
    for key in segs[: depth + 1]:
        found = jpath.find("." + key, pos)
        if found < 0:
            return jpath
        pos = found + 1 + len(key)
    return jpath[:pos]


def _absent_only(values: list[Any]) -> bool:
    return bool(values) and all(isinstance(v, dict) and v == {"exists": False} for v in values)


def _finding(segs: tuple[str, ...], problem: KeyProblem, jpath: str) -> Finding:
    d = problem.depth
    bad = segs[d]
    field = "detail." + ".".join(segs[: d + 1])
    where = "detail." + ".".join(segs[:d]) if d else "the record"
    if problem.kind in ("case", "slip"):
        right = "detail." + ".".join((*segs[:d], problem.right or ""))
        how = (
            "record keys are case-sensitive" if problem.kind == "case" else f"it misspells {problem.right!r}"
        )
        return Finding(
            "CTR008",
            ERROR,
            f"{field} is not a field of CloudTrail records ({how}; the field is {right}): no record carries it, so "
            "this filter never matches and the rule never fires.",
            f"rename {bad!r} to {problem.right!r} ({right})",
            jpath,
        )
    if problem.kind == "below-value":
        value = "detail." + ".".join(segs[:d])
        return Finding(
            "CTR008",
            ERROR,
            f"{field}: CloudTrail records hold a plain value at {value}, with no {bad!r} below it, so this filter "
            "never matches and the rule never fires.",
            f"filter {value} itself",
            jpath,
        )
    known = ", ".join(problem.known[:_SHOWN]) + (", ..." if len(problem.known) > _SHOWN else "")
    return Finding(
        "CTR008",
        WARNING,
        f"{field} is not a field CloudTrail documents under {where} (it has {known}): unless records carry a field "
        "newer than ctrules knows, this filter may not match any event, and the rule may not fire.",
        "use a field of the record (`ctrules show EVENT --fields` lists them), or acknowledge this warning if real "
        "records carry it",
        jpath,
    )


def _service_events(branch: Branch) -> bool:
    """True when the branch may match service events (whose records may spell RequestParameters so)."""
    types = branch.accepted_detail_types
    return types is None or DETAIL_TYPES[SERVICE_EVENT] in types


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR008 for one branch."""
    if not branch.is_cloudtrail:
        return []
    out: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    for path, (values, jpath) in branch.fields.items():
        if len(path) < 2 or path[0] != "detail":
            continue
        segs = path[1:-1] if path[-1] == "" else path[1:]
        if not segs:
            continue
        problem = judge_key_path(segs)
        if problem is None and segs[0] in SERVICE_EVENT_ONLY and not _service_events(branch):
            right = segs[0][:1].lower() + segs[0][1:]
            problem = KeyProblem(0, "case", right)
        if problem is None:
            continue
        head = segs[: problem.depth + 1]
        if head in seen:
            continue
        if problem.depth == len(segs) - 1 and _absent_only(values):
            continue  # asks for the field's absence: every record lacks an unknown field, nothing to report
        seen.add(head)
        out.append(_finding(segs, problem, _cut(jpath, segs, problem.depth)))
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when every key under ``detail`` is a record key (down the envelope)."""
    detail = facts.pattern.get("detail")
    return not isinstance(detail, dict) or keys_known(detail)


CHECK = register(
    Check(
        "CTR008",
        "record-field-names",
        ERROR,
        "A key under detail that is not a CloudTrail record field (top level or inside the envelope).",
        "The detail of a CloudTrail event is the CloudTrail record; its keys are case-sensitive (eventName, not "
        "eventname or event_name; userIdentity.type, not userIdentity.Type). A key that differs from a record key only "
        "by case or separators, or misspells one, never matches: an error. A key CloudTrail does not document may be a "
        "field newer than ctrules: a warning.",
        "Use the record field the finding names.",
        run=run,
        fast=fast,
        needs=frozenset(),
    )
)
