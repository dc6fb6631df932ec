"""What ``ctrules lint`` found, and the driver that finds it: reads every input, checks every rule once.

No output here (see the ``render_*`` modules); exit codes are decided by :attr:`LintReport.exit_code`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ctrules._common import bus_is_default
from ctrules.checks import CHECKS, ERROR, WARNING, Finding, PatternChecker, RuleContext, TargetPath
from ctrules.inputs import InputFile, TemplateRule, json_path, read_path
from ctrules.inputs._model import Acknowledgement, DataTrail
from ctrules.inputs.pattern_file import PATTERN_KIND

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Covered",
    "LintReport",
    "Problem",
    "Reported",
    "lint",
    "locate_findings",
    "no_rules_message",
]

#: No error found.
EXIT_OK = 0
#: Errors found (or warnings, with ``--strict``).
EXIT_FINDINGS = 1
#: Bad input or usage.
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Reported:
    """A finding with where it was found.

    :param file: the file of the rule.
    :param rule: the rule.
    :param finding: what the checks core reported.
    :param region: the region the rule was checked for (``None`` when unknown).
    :param acknowledgement: the user's acknowledgement of this finding on this rule (then it is not counted).
    """

    file: InputFile
    rule: TemplateRule
    finding: Finding
    region: str | None
    acknowledgement: Acknowledgement | None = None

    @property
    def location(self) -> str:
        """The JSON path of the offending value in the file (pattern location + path in the pattern; for a
        target's input path, the target field: ``$.Resources.R.Properties.Targets[0].InputPath``)."""
        path = self.finding.path
        if path.startswith("$"):
            return json_path(self.rule.location) + path[1:]
        if self.rule.targets_at is None:
            return path
        return json_path(self.rule.targets_at) + ("" if path.startswith("[") else ".") + path


@dataclass(frozen=True)
class Covered:
    """A CTR006 warning the checks left out because a trail deployed with the rule logs those data events.

    :param reported: the warning as the checks give it without the trail (never counted).
    :param event_source: the eventSource whose data events the trail logs.
    :param trail: the trail.
    """

    reported: Reported
    event_source: str
    trail: DataTrail


@dataclass(frozen=True)
class Problem:
    """An input the linter could not read or check (exit code 2).

    :param path: the file or directory.
    :param message: what is wrong, in one line.
    :param resource: the rule it concerns, if one.
    :param line: the line it is on, when known.
    """

    path: str
    message: str
    resource: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        where = f"{where}: {self.resource}" if self.resource else where
        return f"{where}: {self.message}"


@dataclass
class LintReport:
    """Everything ``ctrules lint`` found.

    :param inputs: the paths given.
    :param strict: whether warnings fail too.
    :param skip_unrecognized: files of no format ctrules reads are noted in :attr:`skipped`, not problems,
        and no rule at all is not bad input (the pre-commit hook's mode).
    """

    inputs: list[str]
    strict: bool = False
    skip_unrecognized: bool = False
    files: list[InputFile] = field(default_factory=list)
    findings: list[Reported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    rules: int = 0
    checked: int = 0
    deploy_time: int = 0
    plan_time: int = 0
    not_checked: list[tuple[InputFile, TemplateRule]] = field(default_factory=list)
    #: Checked rules with parts known only at plan or deploy time (``TemplateRule.unknown_parts``): those parts were
    #: not judged.
    partly_checked: list[tuple[InputFile, TemplateRule]] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    acknowledged: list[Reported] = field(default_factory=list)
    covered: list[Covered] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many error findings."""
        return sum(1 for r in self.findings if r.finding.severity == ERROR)

    @property
    def warnings(self) -> int:
        """How many warning findings."""
        return sum(1 for r in self.findings if r.finding.severity == WARNING)

    @property
    def no_rules(self) -> bool:
        """True when no input held any rule (bad input)."""
        return self.rules == 0

    @property
    def exit_code(self) -> int:
        """0 no error, 1 errors (or warnings with strict), 2 bad input."""
        if self.problems or (self.no_rules and not self.skip_unrecognized):
            return EXIT_BAD_INPUT
        if self.errors or (self.strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK


def lint(
    paths: Sequence[str],
    *,
    region: str | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
    state: str | None = None,
    bus: str | None = None,
    skip_unrecognized: bool = False,
) -> LintReport:
    """Check every EventBridge rule of the given inputs (no output; see the ``render_*`` functions).

    Identical (pattern, region, State, bus) combinations are checked once: a cloud assembly with
    several stages repeats the same rules.

    :param paths: files and folders of any format :mod:`ctrules.inputs` reads (``-``: standard input).
    :param region: the region of rules whose input does not say (a template, an environment-agnostic
        stack, a plan whose provider region is not a constant).
    :param ignore: check codes to leave out.
    :param strict: warnings fail too (exit code 1).
    :param state: the ``State`` of rules read from bare patterns (which carry none).
    :param bus: the event bus (name or ARN) of rules read from bare patterns.
    :param skip_unrecognized: see :attr:`LintReport.skip_unrecognized`.
    """
    report = LintReport(list(paths), strict, skip_unrecognized)
    pattern_bus = bus_is_default(bus)
    base_ignore = tuple(sorted(set(ignore)))
    state_ignore = tuple(sorted({*base_ignore, "CTR004"}))
    checker = PatternChecker()
    contexts: dict[tuple[tuple[str | None, str | None, bool, tuple[TargetPath, ...]], frozenset[str]], RuleContext] = {}
    for path in paths:
        result = read_path(path)
        for e in result.errors:
            unreadable = skip_unrecognized and e.unreadable
            (report.skipped if unreadable else report.problems).append(Problem(e.path, e.message))
        if not result.errors and result.rule_count == 0:
            report.empty.append(path)
        for f in result.files:
            report.files.append(f)
            trails = frozenset(f.data_trails)
            for rule in f.rules:
                report.rules += 1
                acks = _acknowledgements(report, f, rule)
                if rule.problem is not None:
                    report.problems.append(Problem(f.path, rule.problem, rule.label, f.line_of(rule)))
                    continue
                if rule.deploy_time:
                    if rule.known_at == "plan":
                        report.plan_time += 1
                    else:
                        report.deploy_time += 1
                    report.not_checked.append((f, rule))
                    continue
                rule_region = rule.region or f.region or region
                targets = tuple(TargetPath(*t) for t in rule.targets)
                if rule.kind == PATTERN_KIND:  # a bare pattern: the command line gives its context
                    known = (rule_region, state, pattern_bus, targets)
                else:
                    known = (rule_region, rule.state, rule.default_bus, targets)
                ctx = contexts.get((known, trails))
                if ctx is None:
                    region_, state_, bus_, targets_ = known
                    ctx = RuleContext(region_, state_, bus_, data_trail_sources=trails, target_paths=targets_)
                    contexts[(known, trails)] = ctx
                # A State given as an intrinsic is unknown here: the read-only check would guess.
                skip = base_ignore if rule.state_known else state_ignore
                found = _check(checker, rule, ctx, skip)
                if isinstance(found, str):
                    report.problems.append(Problem(f.path, found, rule.label, f.line_of(rule)))
                    continue
                report.checked += 1
                if rule.unknown_parts:
                    report.partly_checked.append((f, rule))
                for x in found:
                    ack = acks.get(x.code)
                    (report.findings if ack is None else report.acknowledged).append(
                        Reported(f, rule, x, rule_region, ack)
                    )
                if trails and "CTR006" not in skip:
                    report.covered.extend(_covered(checker, f, rule, ctx, found, rule_region))
    return report


def _acknowledgements(report: LintReport, f: InputFile, rule: TemplateRule) -> dict[str, Acknowledgement]:
    """The rule's acknowledgements by check code; its malformed ones (and other input problems) become problems."""
    for p in rule.input_problems:
        line = p.line if p.line is not None else f.line_of(rule)
        report.problems.append(Problem(f.path, p.message, rule.label, line))
    out: dict[str, Acknowledgement] = {}
    for ack in rule.acknowledgements:
        if not ack.reason.strip():  # refused in every form (a cdk.out acknowledgement may carry none)
            message = f"{ack.where} acknowledges {ack.code} without a reason: give the reason (a reason is required)"
            report.problems.append(Problem(f.path, message, rule.label, f.line_of(rule)))
            continue
        if ack.code in CHECKS:
            out.setdefault(ack.code, ack)
            continue
        codes = sorted(CHECKS)
        message = (
            f"{ack.where} acknowledges {ack.code}, which is not a ctrules check ({codes[0]} to {codes[-1]}): "
            "write the code the finding names"
        )
        report.problems.append(Problem(f.path, message, rule.label, f.line_of(rule)))
    return out


#: Every check but CTR006 (to ask the checks which data-event warnings a trail silenced).
_ALL_BUT_CTR006 = tuple(sorted(c for c in CHECKS if c != "CTR006"))


def _covered(
    checker: PatternChecker,
    f: InputFile,
    rule: TemplateRule,
    ctx: RuleContext,
    found: list[Finding],
    region: str | None,
) -> list[Covered]:
    """The CTR006 warnings that the trails of the rule's file silenced, each with the trail that logs the events.

    The checks decide: the rule is checked again (CTR006 only) without the trails, then without each trail's
    eventSource, to see which trail brings a warning back.
    """
    sources = ctx.data_trail_sources
    silenced = [x for x in _found(checker, rule, ctx, frozenset()) if x not in found]
    out: list[Covered] = []
    for x in silenced:
        es = next((es for es in sorted(sources) if x in _found(checker, rule, ctx, sources - {es})), min(sources))
        out.append(Covered(Reported(f, rule, x, region), es, f.data_trails[es]))
    return out


def _found(checker: PatternChecker, rule: TemplateRule, ctx: RuleContext, trails: frozenset[str]) -> list[Finding]:
    """The CTR006 findings of the rule in its context with these data-trail eventSources."""
    result = _check(checker, rule, replace(ctx, data_trail_sources=trails), _ALL_BUT_CTR006)
    return [x for x in result if x.code == "CTR006"] if isinstance(result, list) else []


def _check(checker: PatternChecker, rule: TemplateRule, ctx: RuleContext, skip: tuple[str, ...]) -> list[Finding] | str:
    """The findings of one rule, or a one-line problem when it cannot be checked."""
    try:
        return checker.check(rule.pattern, ctx, ignore=skip)
    except RecursionError:
        return "the event pattern is nested too deeply to check"
    except ValueError as exc:  # a YAML integer of more than 4,300 digits cannot be turned into text
        return f"the event pattern holds a value that cannot be checked ({exc})"
    except Exception as exc:  # the checks never raise by design; never show a traceback anyway
        return f"internal error while checking this rule ({type(exc).__name__}: {exc}); please report it"


def locate_findings(report: LintReport) -> None:
    """Locate the rules with findings, file by file, in one scan each (not every rule of the file)."""
    by_file: dict[int, tuple[InputFile, dict[int, TemplateRule]]] = {}
    for r in (*report.findings, *report.acknowledged, *(c.reported for c in report.covered)):
        by_file.setdefault(id(r.file), (r.file, {}))[1].setdefault(id(r.rule), r.rule)
    for f, rules in by_file.values():
        f.locate(list(rules.values()))


def no_rules_message(report: LintReport) -> str:
    """The one line for a run whose inputs hold no rule at all."""
    shown = ", ".join(report.inputs) if len(report.inputs) <= 3 else f"{len(report.inputs)} inputs"
    return f"no EventBridge rule with an event pattern in {shown}: nothing to lint"
