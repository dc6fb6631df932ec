"""What ``ctrules lint`` found, and the driver that finds it: reads every input, checks every rule once.

No output here (see the ``render_*`` modules); exit codes are decided by :attr:`LintReport.exit_code`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ctrules._common import bus_is_default
from ctrules.checks import (
    CHECKS,
    ERROR,
    WARNING,
    Finding,
    PatternChecker,
    RuleContext,
    Severity,
    TargetPath,
    codes_needing,
    one_per_problem,
)
from ctrules.inputs import (
    Acknowledgement,
    DataTrail,
    Defect,
    InputFile,
    TemplateRule,
    Unread,
    intrinsic_parts,
    is_huge_number_error,
    json_path,
    read_path,
)
from ctrules.inputs.pattern_file import PATTERN_KIND

__all__ = [
    "DEFECT_CODE",
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Covered",
    "LintReport",
    "Problem",
    "Reported",
    "check_rule",
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
#: The code of a recoverable defect of an input file (a key given twice), reported as a finding at its line;
#: not a check of the pattern (the file's rules are all checked).
DEFECT_CODE = "CTR000"
#: The name of :data:`DEFECT_CODE` in reports.
DEFECT_NAME = "input-defect"


@dataclass(frozen=True)
class Reported:
    """A finding with where it was found.

    :param file: the file of the rule.
    :param rule: the rule.
    :param finding: what the checks core reported.
    :param region: the region the rule was checked for (``None`` when unknown).
    :param acknowledgement: the user's acknowledgement of this finding on this rule (then it is not counted).
    :param also: the same problem of the same rule at other places, ``(path, value)`` (one finding per rule and
        problem: a rule with three read-only names gets one CTR004 that names all three).
    """

    file: InputFile
    rule: TemplateRule
    finding: Finding
    region: str | None
    acknowledgement: Acknowledgement | None = None
    also: tuple[tuple[str, str], ...] = ()

    @property
    def line(self) -> int | None:
        """The line of the rule in its file; ``None`` for a source without lines (a deployed rule, named by its ARN)."""
        if not self.file.has_lines or (not self.file.text and self.rule.line is None):
            return None
        return self.file.line_of(self.rule)

    @property
    def where(self) -> str:
        """Where the finding is, for a person: ``file:line``; for a source without lines (a deployed rule), its name
        and, when known, its region."""
        line = self.line
        if line is not None:
            return f"{self.file.path}:{line}"
        return f"{self.file.path} ({self.region})" if self.region else self.file.path

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
    :param scope: what the rules came from, for the summary line, when not files (``ctrules audit``: ``2 regions
        of account 123456789012``); empty: the files are counted.
    :param information: findings that are no problem of a pattern and never change the exit code (``ctrules
        audit``'s live-only findings, severity ``info``).
    :param information_checks: the codes :attr:`information` may hold, with their name and summary (for reports
        that list every rule, such as SARIF's).
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
    unread: list[tuple[InputFile, Unread]] = field(default_factory=list)
    #: Checked rules with parts known only at plan or deploy time (``TemplateRule.unknown_parts``): those parts were
    #: not judged.
    partly_checked: list[tuple[InputFile, TemplateRule]] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    catalog_extensions: list[str] = field(default_factory=list)
    acknowledged: list[Reported] = field(default_factory=list)
    covered: list[Covered] = field(default_factory=list)
    scope: str = ""
    information: list[Reported] = field(default_factory=list)
    information_checks: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        """How many error findings."""
        return sum(1 for r in self.findings if r.finding.severity == ERROR)

    @property
    def warnings(self) -> int:
        """How many warning findings."""
        return sum(1 for r in self.findings if r.finding.severity == WARNING)

    @property
    def not_checked_count(self) -> int:
        """Rules found but not checked, and parts of files that may hold rules but could not be read."""
        return len(self.not_checked) + len(self.unread)

    @property
    def no_rules(self) -> bool:
        """True when no input held any rule (bad input)."""
        return self.rules == 0 and not self.unread and not self.findings

    @property
    def exit_code(self) -> int:
        """0 no error, 1 errors (or warnings with strict), 2 bad input."""
        if self.problems or (self.no_rules and not self.skip_unrecognized):
            return EXIT_BAD_INPUT
        if self.errors or (self.strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK


#: What a rule's input says of it: region, State, default bus, target paths, and whether the State was readable.
_Known = tuple[str | None, str | None, bool, tuple[tuple[str, str, str | None], ...], bool]


def lint(
    paths: Sequence[str],
    *,
    region: str | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
    state: str | None = None,
    bus: str | None = None,
    skip_unrecognized: bool = False,
    exclude: Sequence[str] = (),
    progress: Callable[[LintReport, str], None] | None = None,
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
    :param exclude: ``--exclude`` patterns for the folders given (see :class:`ctrules.inputs.reader.Exclude`).
    :param progress: called with the report so far and the file being checked, once per file and every
        thousand rules (the CLI shows progress on a terminal).
    """
    report = LintReport(list(paths), strict, skip_unrecognized)
    pattern_bus = bus_is_default(bus)
    base_ignore = tuple(sorted(set(ignore)))
    checker = PatternChecker()
    contexts: dict[tuple[_Known, frozenset[str]], RuleContext] = {}
    for path in paths:
        result = read_path(path, exclude, None if progress is None else lambda shown: progress(report, shown))
        for e in result.errors:
            unreadable = skip_unrecognized and e.unreadable
            (report.skipped if unreadable else report.problems).append(Problem(e.path, e.message))
        report.skipped.extend(Problem(e.path, e.message) for e in result.skipped)
        if not result.errors and result.rule_count == 0 and not any(f.unread for f in result.files):
            report.empty.append(path)
        for f in result.files:
            report.files.append(f)
            if progress is not None:
                progress(report, f.path)
            _file_defects(report, f)
            trails = frozenset(f.data_trails)
            for rule in f.rules:
                report.rules += 1
                if progress is not None and report.rules % 1000 == 0:
                    progress(report, f.path)
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
                if rule.kind == PATTERN_KIND:  # a bare pattern: the command line gives its context
                    known = (rule_region, state, pattern_bus, rule.targets, True)
                else:
                    known = (rule_region, rule.state, rule.default_bus, rule.targets, rule.state_known)
                ctx = contexts.get((known, trails))  # TargetPath is a named tuple: equal to the tuple it is made of
                if ctx is None:
                    region_, state_, bus_, targets_, state_known = known
                    # A State given as an intrinsic is unknown here: the engine runs no check that needs it.
                    unknown = frozenset() if state_known else frozenset({"state"})
                    ctx = RuleContext(
                        region_,
                        state_,
                        bus_,
                        data_trail_sources=trails,
                        target_paths=tuple(TargetPath(*t) for t in targets_),
                        unknown=unknown,
                    )
                    contexts[(known, trails)] = ctx
                check_rule(report, checker, f, rule, ctx, base_ignore, acks, rule_region)
    return report


def check_rule(
    report: LintReport,
    checker: PatternChecker,
    f: InputFile,
    rule: TemplateRule,
    ctx: RuleContext,
    skip: tuple[str, ...],
    acks: dict[str, Acknowledgement],
    region: str | None,
) -> None:
    """Check one rule in its context and add what the checks say to the report: findings, acknowledged ones, the
    CTR006 warnings a trail silenced, or a problem when the rule cannot be checked (``lint`` and ``audit`` share it).

    :param skip: check codes to leave out.
    :param acks: the rule's acknowledgements by check code.
    :param region: the region shown with its findings.
    """
    found = _check(checker, rule, ctx, skip)
    if isinstance(found, str):
        report.problems.append(Problem(f.path, found, rule.label, f.line_of(rule) if f.has_lines else None))
        return
    report.checked += 1
    if not rule.unknown_parts and not checker.last_simple:
        # Values only CloudFormation knows (eventName: !Ref Names, !If [...]): named, the rest was checked.
        rule.unknown_parts = tuple(intrinsic_parts(rule.pattern))
    if rule.unknown_parts:
        report.partly_checked.append((f, rule))
    for x, also in one_per_problem(found):
        ack = acks.get(x.code)
        (report.findings if ack is None else report.acknowledged).append(Reported(f, rule, x, region, ack, also))
    if ctx.data_trail_sources:
        trail_checks = codes_needing("trails") - set(skip)
        if trail_checks:
            report.covered.extend(_covered(checker, f, rule, ctx, found, region, trail_checks))


def _file_defects(report: LintReport, f: InputFile) -> None:
    """A file's recoverable defects as findings at their lines, and what it could not read as not checked."""
    for d in f.defects:
        report.findings.append(_defect_reported(f, d))
    report.unread.extend((f, u) for u in f.unread)


def _defect_reported(f: InputFile, d: Defect) -> Reported:
    where = TemplateRule(d.resource or "", None, None, True, name=d.resource or "(file)", line=max(1, d.line),
                         kind="input file")  # fmt: skip
    severity: Severity = ERROR if d.severity == ERROR else WARNING
    return Reported(f, where, Finding(DEFECT_CODE, severity, d.message, d.fix, "$"), None)




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


def _covered(
    checker: PatternChecker,
    f: InputFile,
    rule: TemplateRule,
    ctx: RuleContext,
    found: list[Finding],
    region: str | None,
    trail_checks: frozenset[str],
) -> list[Covered]:
    """The warnings that the trails of the rule's file silenced (data events: CTR006), each with the trail that logs
    the events.

    The checks decide: the rule is checked again (only the checks that need the trails) without the trails, then
    without each trail's eventSource, to see which trail brings a warning back.
    """
    sources = ctx.data_trail_sources
    # By place, not by value: with the trails known (audit), an uncovered data event is an error, not the warning.
    flagged = {(x.code, x.path) for x in found}
    silenced = [x for x in _found(checker, rule, ctx, frozenset(), trail_checks) if (x.code, x.path) not in flagged]
    out: list[Covered] = []
    for x in silenced:
        es = next(
            (es for es in sorted(sources) if x in _found(checker, rule, ctx, sources - {es}, trail_checks)),
            min(sources),
        )
        out.append(Covered(Reported(f, rule, x, region), es, f.data_trails[es]))
    return out


def _found(
    checker: PatternChecker, rule: TemplateRule, ctx: RuleContext, trails: frozenset[str], trail_checks: frozenset[str]
) -> list[Finding]:
    """The findings of the checks that need the trails, for the rule in its context with these data-trail
    eventSources."""
    result = _check(checker, rule, replace(ctx, data_trail_sources=trails, trails_known=False), (), only=trail_checks)
    return result if isinstance(result, list) else []


def _check(
    checker: PatternChecker,
    rule: TemplateRule,
    ctx: RuleContext,
    skip: tuple[str, ...],
    only: frozenset[str] | None = None,
) -> list[Finding] | str:
    """The findings of one rule, or a one-line problem when it cannot be checked."""
    try:
        return checker.check(rule.pattern, ctx, ignore=skip, only=only)
    except RecursionError:
        return "the event pattern is nested too deeply to check"
    except ValueError as exc:  # a YAML integer of more than 4,300 digits cannot be turned into text
        if is_huge_number_error(exc):
            return (
                "the event pattern holds a number of more than 4,300 digits, which cannot be checked (EventBridge "
                "compares numbers within ±5,000,000,000 only): use a smaller number, or a string"
            )
        return f"the event pattern holds a value that cannot be checked ({exc})"
    except Exception as exc:  # the checks never raise by design; never show a traceback anyway
        return f"internal error while checking this rule ({type(exc).__name__}: {exc}); please report it"


def locate_findings(report: LintReport) -> None:
    """Locate the rules with findings, file by file, in one scan each (not every rule of the file)."""
    by_file: dict[int, tuple[InputFile, dict[int, TemplateRule]]] = {}
    for r in (*report.findings, *report.acknowledged, *(c.reported for c in report.covered), *report.information):
        by_file.setdefault(id(r.file), (r.file, {}))[1].setdefault(id(r.rule), r.rule)
    for f, rules in by_file.values():
        f.locate(list(rules.values()))


def no_rules_message(report: LintReport) -> str:
    """The one line for a run whose inputs hold no rule at all."""
    shown = ", ".join(report.inputs) if len(report.inputs) <= 3 else f"{len(report.inputs)} inputs"
    return f"no EventBridge rule with an event pattern in {shown}: nothing to lint"
