"""The audit's verdict: deployed rules checked by lint's checks, with what the account knows, into lint's report.

The account knows the region, the State, the bus, the targets and the trail coverage of each rule; the live-only
information findings (no target, not matched lately) are added beside.

Acknowledgements are rule tags: ``ctrules:acknowledge`` = ``CTR005 <reason>`` (the comment syntax of
:mod:`ctrules.inputs.acknowledgements`), or one tag per code, ``ctrules:acknowledge:CTR006`` = ``<reason>`` (tag values
cannot hold commas, and a rule may need several acknowledgements). A reason is required.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ctrules.audit.collect import DeployedRule, RegionInventory
from ctrules.checks import CHECKS, Finding, PatternChecker, RuleContext, TargetPath
from ctrules.checks.findings import INFO
from ctrules.cli.report import LintReport, Problem, Reported, check_rule
from ctrules.inputs import Acknowledgement, DataTrail, InputFile, TemplateRule, make_rule
from ctrules.inputs.acknowledgements import COMMENT_MARK, from_comment

__all__ = ["ACK_TAG", "DEPLOYED_KIND", "LIVE_CHECKS", "AuditReport", "evaluate", "target_paths"]

#: The tag that acknowledges findings on a deployed rule.
ACK_TAG = COMMENT_MARK
#: The :attr:`InputFile.kind` of a deployed rule.
DEPLOYED_KIND = "deployed EventBridge rule"
#: The audit's live-only findings (severity ``info``; they never change the exit code): code -> (name, summary).
LIVE_CHECKS = {
    "CTR101": ("rule-without-targets", "A deployed rule with no target: what it matches goes nowhere."),
    "CTR102": ("rule-not-matched", "A deployed rule that matched no event in the last N days (CloudWatch metrics)."),
}


@dataclass
class AuditReport(LintReport):
    """What ``ctrules audit`` found: a :class:`LintReport` whose sources are deployed rules (named by ARN).

    :param inventories: what was read, region by region.
    :param regions_checked: how many account/region pairs were read.
    """

    inventories: list[RegionInventory] = field(default_factory=list)
    regions_checked: int = 0

    @property
    def no_rules(self) -> bool:
        """Never bad input: an account without rules is a clean account."""
        return False


def target_paths(targets: Sequence[dict[str, object]]) -> tuple[tuple[str, str, str | None], ...]:
    """The JSON paths the targets read (``InputPath``, ``InputTransformer.InputPathsMap``), as
    :attr:`TemplateRule.targets` holds them; ``where`` is ``Targets[i]....`` in ``ListTargetsByRule`` order."""
    out: list[tuple[str, str, str | None]] = []
    for i, t in enumerate(targets):
        path = t.get("InputPath")
        if isinstance(path, str):
            out.append((path, f"Targets[{i}].InputPath", None))
        transformer = t.get("InputTransformer")
        paths = transformer.get("InputPathsMap") if isinstance(transformer, dict) else None
        if isinstance(paths, dict):
            for name, value in paths.items():
                if isinstance(value, str):
                    out.append((value, f"Targets[{i}].InputTransformer.InputPathsMap.{name}", str(name)))
    return tuple(out)


def tag_acknowledgements(tags: dict[str, str] | None) -> tuple[list[Acknowledgement], list[str]]:
    """The acknowledgements written in a rule's tags, and the problems of malformed ones (one line each)."""
    acks: list[Acknowledgement] = []
    problems: list[str] = []
    for key, value in sorted((tags or {}).items()):
        low = key.lower()
        if low == ACK_TAG:
            text, where = f"{ACK_TAG} {value}", f"tag {key}"
        elif low.startswith(ACK_TAG + ":"):
            text, where = f"{ACK_TAG} {key[len(ACK_TAG) + 1:]} {value}", f"tag {key}"
        else:
            continue
        found, bad = from_comment(text, None, where)
        problems.extend(p.message.replace("'# ctrules:acknowledge", "tag 'ctrules:acknowledge' = '") for p in bad)
        for ack in found:
            if ack.code in CHECKS or ack.code in LIVE_CHECKS:
                acks.append(ack)
            else:
                problems.append(
                    f"{where} acknowledges {ack.code}, which is not a ctrules check: write the code the finding names"
                )
    return acks, problems


def _not_checked(report: AuditReport, path: str, label: str, reason: str) -> None:
    f = InputFile(path=path, kind=DEPLOYED_KIND, rules=[], has_lines=False)
    rule = TemplateRule(label, None, None, True, name=label, deploy_time=True, known_at="audit", unknown=reason)
    report.not_checked.append((f, rule))


def evaluate(
    inventories: Iterable[RegionInventory],
    *,
    ignore: Iterable[str] = (),
    strict: bool = False,
    inputs: Sequence[str] = (),
) -> AuditReport:
    """Check every rule of the inventories; no output (the ``render_*`` functions of :mod:`ctrules.cli` write it).

    :param ignore: check codes to leave out (live-only codes too).
    :param strict: warnings fail too (exit code 1).
    :param inputs: what was audited, for the report (``account 123456789012 region us-east-1``...).
    """
    report = AuditReport(list(inputs), strict)
    report.information_checks = dict(LIVE_CHECKS)
    skip = tuple(sorted(set(ignore)))
    checker = PatternChecker()
    accounts: set[str] = set()
    for inv in inventories:
        report.inventories.append(inv)
        accounts.add(inv.account)
        if inv.error is not None:
            _not_checked(report, f"{inv.account}/{inv.region}", "every rule of the region", inv.error)
            continue
        report.regions_checked += 1
        trails = {es: DataTrail(t.name, t.arn) for es, t in inv.data_trails().items()}
        for dr in inv.rules:
            if dr.pattern is not None:
                _audit_rule(report, checker, inv, dr, trails, skip)
    if report.inventories and report.regions_checked == 0:
        first = next(i for i in report.inventories if i.error)
        report.problems.append(Problem("audit", f"no region could be read ({first.error})"))
    report.scope = _scope(report, accounts)
    return report


def _audit_rule(
    report: AuditReport,
    checker: PatternChecker,
    inv: RegionInventory,
    dr: DeployedRule,
    trails: dict[str, DataTrail],
    skip: tuple[str, ...],
) -> None:
    report.rules += 1
    if dr.managed_by:
        reason = f"managed by {dr.managed_by}: the service that created it maintains its pattern"
        _not_checked(report, dr.arn, dr.label, reason)
        return
    # A rule CloudFormation tagged keeps its template's logical id (JSON ``logical_id``); else its name.
    logical_id = (dr.tags or {}).get("aws:cloudformation:logical-id") or dr.name
    rule = make_rule(
        logical_id,
        dr.pattern,
        dr.state,
        dr.bus,
        name=dr.label,
        location=("EventPattern",),
        anchors=(),
        kind="AWS::Events::Rule",
        region=dr.region,
    )
    rule.targets = target_paths(dr.targets or [])
    f = InputFile(path=dr.arn, kind=DEPLOYED_KIND, rules=[rule], region=dr.region, has_lines=False, data_trails=trails)
    report.files.append(f)
    acks, problems = tag_acknowledgements(dr.tags)
    for message in problems:
        report.problems.append(Problem(dr.arn, message, dr.label))
    by_code: dict[str, Acknowledgement] = {}
    for ack in acks:
        by_code.setdefault(ack.code, ack)
    if rule.problem is not None:
        report.problems.append(Problem(dr.arn, rule.problem, dr.label))
        return
    ctx = RuleContext(
        dr.region,
        dr.state,
        rule.default_bus,
        data_trail_sources=frozenset(trails),
        target_paths=tuple(TargetPath(*t) for t in rule.targets),
        trails_known=inv.trails_known,
    )
    check_rule(report, checker, f, rule, ctx, skip, by_code, dr.region)
    for x in _live_findings(dr, skip):
        given = by_code.get(x.code)
        (report.information if given is None else report.acknowledged).append(Reported(f, rule, x, dr.region, given))


def _live_findings(dr: DeployedRule, skip: tuple[str, ...]) -> list[Finding]:
    out: list[Finding] = []
    if dr.targets == [] and "CTR101" not in skip:
        out.append(
            Finding(
                "CTR101",
                INFO,
                "the rule has no target: the events it matches go nowhere.",
                "add a target (EventBridge PutTargets, or the Targets of its template), or delete the rule if it is "
                "no longer used",
                "Targets",
            )
        )
    m = dr.matches
    if m is not None and m.matched == 0 and dr.state != "DISABLED" and "CTR102" not in skip:
        out.append(
            Finding(
                "CTR102",
                INFO,
                f"the rule matched no event in the last {m.days} days (CloudWatch AWS/Events MatchedEvents sum "
                f"{m.matched:g}, TriggeredRules sum {m.triggered:g}): the events it waits for did not happen, or it "
                "cannot match them.",
                "compare the pattern with a recent real event (`ctrules show`, the EventBridge sandbox), or delete the "
                "rule if it is no longer needed",
                "$",
            )
        )
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _scope(report: AuditReport, accounts: set[str]) -> str:
    """``2 regions of account 123456789012`` / ``14 regions of 3 accounts (2 not checked)``."""
    who = f"account {next(iter(accounts))}" if len(accounts) == 1 else _plural(len(accounts), "account")
    text = f"{_plural(report.regions_checked, 'region')} of {who}"
    missing = len(report.inventories) - report.regions_checked
    if missing:
        text += f" ({missing} not checked: access refused or failed, see the notes)"
    return text
