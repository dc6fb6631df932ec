"""The ``ctrules`` command line: the CTR checks for any CloudFormation, SAM, Terraform or CDK project.

Commands::

    ctrules lint PATH...          check every EventBridge rule of templates, plans and cdk.out directories
    ctrules show EVENT            a catalog entry, its event pattern and the ctrules line that makes the rule
    ctrules search TEXT           find CloudTrail event names
    ctrules catalog               what the bundled catalog holds

``lint`` exits 0 when no error was found, 1 when errors were (or warnings, with ``--strict``) and 2 on bad
input or usage. The module imports no ``aws_cdk``: it starts fast, and works where the CDK is not
installed. It reuses the checks core (:func:`ctrules.checks.check_pattern`) and the input readers of
:mod:`ctrules.inputs`; it implements no check of its own.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

from ctrules import __version__
from ctrules.checks import CHECKS, ERROR, WARNING, Finding, PatternChecker, RuleContext
from ctrules.errors import AmbiguousEventError, CtrulesError
from ctrules.inputs import InputFile, TemplateRule, json_path, read_path

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "LintReport",
    "Problem",
    "Reported",
    "build_parser",
    "lint",
    "main",
    "render_json",
    "render_sarif",
    "render_text",
]

#: No error found.
EXIT_OK = 0
#: Errors found (or warnings, with ``--strict``).
EXIT_FINDINGS = 1
#: Bad input or usage.
EXIT_BAD_INPUT = 2

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/ctrules/"
_REGION_RE = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
_TYPE_CHOICES = {
    "api-call": "AwsApiCall",
    "service-event": "AwsServiceEvent",
    "console-sign-in": "AwsConsoleSignIn",
    "console-action": "AwsConsoleAction",
}
_SUFFIX = ".amazonaws.com"


# ------------------------------------------------------------------------------------------------ lint


@dataclass(frozen=True)
class Reported:
    """A finding with where it was found.

    :param file: the file of the rule.
    :param rule: the rule.
    :param finding: what the checks core reported.
    :param region: the region the rule was checked for (``None`` when unknown).
    """

    file: InputFile
    rule: TemplateRule
    finding: Finding
    region: str | None

    @property
    def location(self) -> str:
        """The JSON path of the offending value in the file (pattern location + path in the pattern)."""
        return json_path(self.rule.location) + self.finding.path[1:]


@dataclass(frozen=True)
class Problem:
    """An input the linter could not read or check (exit code 2).

    :param path: the file or directory.
    :param message: what is wrong, in one line.
    :param resource: the rule it concerns, if one.
    """

    path: str
    message: str
    resource: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}: {self.resource}" if self.resource else self.path
        return f"{where}: {self.message}"


@dataclass
class LintReport:
    """Everything ``ctrules lint`` found.

    :param inputs: the paths given.
    :param strict: whether warnings fail too.
    """

    inputs: list[str]
    strict: bool = False
    files: list[InputFile] = field(default_factory=list)
    findings: list[Reported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    rules: int = 0
    checked: int = 0
    deploy_time: int = 0

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
        if self.problems or self.no_rules:
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
) -> LintReport:
    """Check every EventBridge rule of the given inputs (no output; see the ``render_*`` functions).

    Identical (pattern, region, State, bus) combinations are checked once: a cloud assembly with
    several stages repeats the same rules.

    :param paths: templates (JSON/YAML, CloudFormation or SAM), Terraform JSON plans, ``cdk.out``
        directories.
    :param region: the region of rules whose input does not say (a template, an environment-agnostic
        stack, a plan whose provider region is not a constant).
    :param ignore: check codes to leave out.
    :param strict: warnings fail too (exit code 1).
    """
    report = LintReport(list(paths), strict)
    base_ignore = tuple(sorted(set(ignore)))
    state_ignore = tuple(sorted({*base_ignore, "CTR004"}))
    checker = PatternChecker()
    contexts: dict[tuple[str | None, str | None, bool], RuleContext] = {}
    for path in paths:
        result = read_path(path)
        report.problems.extend(Problem(e.path, e.message) for e in result.errors)
        if not result.errors and result.rule_count == 0:
            report.empty.append(path)
        for f in result.files:
            report.files.append(f)
            for rule in f.rules:
                report.rules += 1
                if rule.problem is not None:
                    report.problems.append(Problem(f.path, rule.problem, rule.label))
                    continue
                if rule.deploy_time:
                    report.deploy_time += 1
                    continue
                rule_region = rule.region or f.region or region
                known = (rule_region, rule.state, rule.default_bus)
                ctx = contexts.get(known)
                if ctx is None:
                    ctx = contexts[known] = RuleContext(*known)
                # A State given as an intrinsic is unknown here: the read-only check would guess.
                skip = base_ignore if rule.state_known else state_ignore
                found = _check(checker, rule, ctx, skip)
                if isinstance(found, str):
                    report.problems.append(Problem(f.path, found, rule.label))
                    continue
                report.checked += 1
                if found:
                    report.findings.extend(Reported(f, rule, x, rule_region) for x in found)
    return report


def _check(
    checker: PatternChecker, rule: TemplateRule, ctx: RuleContext, skip: tuple[str, ...]
) -> list[Finding] | str:
    """The findings of one rule, or a one-line problem when it cannot be checked."""
    try:
        return checker.check(rule.pattern, ctx, ignore=skip)
    except RecursionError:
        return "the event pattern is nested too deeply to check"
    except ValueError as exc:  # a YAML integer of more than 4,300 digits cannot be turned into text
        return f"the event pattern holds a value that cannot be checked ({exc})"
    except Exception as exc:  # the checks never raise by design; never show a traceback anyway
        return f"internal error while checking this rule ({type(exc).__name__}: {exc}); please report it"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(report: LintReport) -> str:
    files = len(report.files)
    text = (
        f"ctrules: {_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')} in "
        f"{_plural(report.rules, 'rule')} from {_plural(files, 'file')}"
    )
    if report.deploy_time:
        text += f" ({report.deploy_time} with a pattern known only at deploy time, not checked)"
    if report.problems:
        text += f"; {_plural(len(report.problems), 'input problem')} (see above)"
    return text


def render_text(report: LintReport) -> str:
    """One line per finding (``FILE: RESOURCE: CODE [severity] PATH: message Fix: fix``), then a summary."""
    lines = [f"{r.file.path}: {r.rule.label}: {r.finding}" for r in report.findings]
    if not report.no_rules:
        lines.append(_summary(report))
    return "\n".join(lines) + "\n" if lines else ""


def _finding_dict(r: Reported) -> dict[str, Any]:
    f = r.finding
    return {
        "file": r.file.path,
        "line": r.file.line_of(r.rule),
        "resource": r.rule.label,
        "logical_id": r.rule.logical_id,
        "resource_type": r.rule.kind,
        "cdk_path": r.rule.cdk_path,
        "code": f.code,
        "check": CHECKS[f.code].name if f.code in CHECKS else f.code,
        "severity": f.severity,
        "message": f.message,
        "fix": f.fix,
        "path": f.path,
        "location": r.location,
        "region": r.region,
        "state": r.rule.state,
    }


def _dumps(value: Any, levels: int, indent: str = "") -> str:
    """JSON with the outer ``levels`` of containers one item per line, and compact (C-encoded) below.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, which costs more than linting
    for a large report; this keeps the output readable and diff-friendly at a fraction of the cost.
    """
    if levels <= 0 or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(str(k))}: {_dumps(v, levels - 1, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    return "[\n" + ",\n".join(f"{inner}{_dumps(v, levels - 1, inner)}" for v in value) + f"\n{indent}]"


def _locate_findings(report: LintReport) -> None:
    """Locate the rules with findings, file by file, in one scan each (not every rule of the file)."""
    by_file: dict[int, tuple[InputFile, dict[int, TemplateRule]]] = {}
    for r in report.findings:
        by_file.setdefault(id(r.file), (r.file, {}))[1].setdefault(id(r.rule), r.rule)
    for f, rules in by_file.values():
        f.locate(list(rules.values()))


def render_json(report: LintReport) -> str:
    """The report as one JSON document: ``summary``, ``findings``, ``problems`` and ``empty`` inputs."""
    _locate_findings(report)
    doc = {
        "tool": "ctrules",
        "version": __version__,
        "inputs": report.inputs,
        "summary": {
            "files": len(report.files),
            "rules": report.rules,
            "checked": report.checked,
            "deploy_time": report.deploy_time,
            "errors": report.errors,
            "warnings": report.warnings,
            "problems": len(report.problems),
            "exit_code": report.exit_code,
        },
        "findings": [_finding_dict(r) for r in report.findings],
        "problems": [{"file": p.path, "resource": p.resource, "message": p.message} for p in report.problems],
        "empty": report.empty,
    }
    return _dumps(doc, 2) + "\n"  # one finding per line


def _artifact_uri(path: str) -> tuple[str, bool]:
    """A SARIF artifact URI: relative to the working directory when inside it (then ``True``)."""
    p = Path(path)
    try:
        resolved = p.resolve()
        rel = resolved.relative_to(Path.cwd().resolve())
        return quote(rel.as_posix()), True
    except (ValueError, OSError):
        return (p.resolve().as_uri() if p.is_absolute() or p.exists() else quote(p.as_posix())), False


def _sarif_rules() -> list[dict[str, Any]]:
    out = []
    for code in sorted(CHECKS):
        info = CHECKS[code]
        out.append(
            {
                "id": code,
                "name": "".join(w.capitalize() for w in info.name.split("-")),
                "shortDescription": {"text": info.summary},
                "fullDescription": {"text": info.help},
                "help": {
                    "text": f"{info.summary}\n\n{info.help}",
                    "markdown": f"**{code} {info.name}**: {info.summary}\n\n{info.help}",
                },
                "defaultConfiguration": {"level": info.severity},
                "properties": {"tags": ["cloudtrail", "eventbridge", "reliability"], "precision": "high"},
            }
        )
    return out


def _location(path: str, line: int, uris: dict[str, tuple[str, bool]] | None = None) -> dict[str, Any]:
    """A SARIF location; ``uris`` remembers each file's URI (resolving a path costs system calls)."""
    found = uris.get(path) if uris is not None else None
    if found is None:
        found = _artifact_uri(path)
        if uris is not None:
            uris[path] = found
    uri, relative = found
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"physicalLocation": {"artifactLocation": artifact, "region": {"startLine": max(1, line)}}}


def render_sarif(report: LintReport) -> str:
    """The report as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

    One ``tool.driver.rules`` entry per CTR code; one result per finding, with the file, the line of the
    rule's resource (best effort), and logical locations for the resource and the JSON path.
    """
    rules = _sarif_rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    uris: dict[str, tuple[str, bool]] = {}
    _locate_findings(report)
    for r in report.findings:
        f = r.finding
        loc = _location(r.file.path, r.file.line_of(r.rule), uris)
        loc["logicalLocations"] = [
            {"name": r.rule.label, "fullyQualifiedName": r.rule.cdk_path or r.rule.label, "kind": "resource"},
            {"name": f.path, "fullyQualifiedName": r.location, "kind": "value"},
        ]
        digest = hashlib.sha256(f"{r.file.path}|{r.rule.label}|{f.code}|{f.path}".encode()).hexdigest()
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": f.severity,
            "message": {"text": f"{f.message} Fix: {f.fix}"},
            "locations": [loc],
            "partialFingerprints": {"ctrulesFinding/v1": digest[:32]},
            "properties": {"resource": r.rule.label, "path": f.path, "region": r.region},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    notifications = [
        {"level": "error", "message": {"text": str(p)}, "locations": [_location(p.path, 1)]}
        for p in report.problems
    ]
    if report.no_rules:
        notifications.append({"level": "error", "message": {"text": _no_rules_message(report)}})
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ctrules",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "invocations": [
                    {
                        "executionSuccessful": report.exit_code != EXIT_BAD_INPUT,
                        "exitCode": report.exit_code,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
    return _dumps(doc, 4) + "\n"  # one result per line


def _no_rules_message(report: LintReport) -> str:
    shown = ", ".join(report.inputs) if len(report.inputs) <= 3 else f"{len(report.inputs)} inputs"
    return f"no EventBridge rule with an event pattern in {shown}: nothing to lint"


def _cmd_lint(args: argparse.Namespace) -> int:
    # Parsing a large template allocates hundreds of thousands of containers, which makes the cyclic
    # garbage collector run over and over (~15 % of the time); linting creates no cycles worth collecting.
    # It stays off until the report is written and freed: re-enabled earlier, its first young-generation
    # pass would walk every container allocated meanwhile.
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_and_write(args)
    finally:
        if gc_enabled:
            gc.enable()


def _lint_and_write(args: argparse.Namespace) -> int:
    report = lint(args.paths, region=args.region, ignore=args.ignore, strict=args.strict)
    err = sys.stderr
    for p in report.problems:
        err.write(f"ctrules: error: {' '.join(str(p).split())}\n")  # one line each, whatever the message
    if report.no_rules and not report.problems:
        err.write(f"ctrules: error: {_no_rules_message(report)}\n")
    else:
        for path in report.empty:
            err.write(f"ctrules: note: {path}: no EventBridge rule with an event pattern\n")
    renderers: dict[str, Callable[[LintReport], str]] = {
        "text": render_text,
        "json": render_json,
        "sarif": render_sarif,
    }
    sys.stdout.write(renderers[args.format](report))
    return report.exit_code


# ------------------------------------------------------------------------------------------------ show


def _service_arg(event_source: str, source: str) -> str:
    """The shortest ``service=`` value that names ``event_source``."""
    from ctrules.catalog import event_source_for

    short = event_source[: -len(_SUFFIX)] if event_source.endswith(_SUFFIX) else event_source
    try:
        if event_source_for(short) == event_source:
            return short
    except CtrulesError:
        pass
    return source


def _cmd_show(args: argparse.Namespace) -> int:
    from ctrules.catalog import CONSTRUCT_FOR_EVENT_TYPE, READ_ONLY_RULE_STATE, get, lookup
    from ctrules.patterns import pattern_dict

    if not args.event.strip():
        return _fail("show: give a CloudTrail event name, e.g. `ctrules show CreateAccountResult`")
    name, service_arg = args.event, args.service
    own, sep, bare = name.rpartition(":")
    if sep and own:  # "guardduty:DeleteDetector", as the constructs accept it
        if service_arg and service_arg != own:
            return _fail(f"show: {name!r} names service {own!r} but --service says {service_arg!r}")
        name, service_arg = bare, own
    try:
        ev = get(name, service=service_arg)
        ambiguous = len(lookup(ev.event_name)) > 1
        service = _service_arg(ev.event_source, ev.source) if ambiguous else None
        pattern = pattern_dict(ev.event_name, service=service)
    except AmbiguousEventError as exc:
        src = exc.services[0] if exc.services else "SERVICE"
        first = _service_arg(src.removeprefix("aws.") + _SUFFIX, src)
        return _fail(f"{exc} (here: ctrules show {args.event} --service {first})")
    except CtrulesError as exc:
        return _fail(str(exc))
    construct = CONSTRUCT_FOR_EVENT_TYPE[ev.event_types[0]] if len(ev.event_types) == 1 else "CloudTrailRule"
    call_args = [json.dumps(ev.event_name), json.dumps(ev.event_name)]
    if service is not None:
        call_args.append(f"service={json.dumps(service)}")
    python = f"{construct}(self, {', '.join(call_args)})"
    if args.json:
        doc = {
            "event_name": ev.event_name,
            "event_source": ev.event_source,
            "source": ev.source,
            "event_types": list(ev.event_types),
            "detail_types": list(ev.detail_types),
            "deliverable_detail_types": list(ev.deliverable_detail_types),
            "read_only": ev.read_only,
            "eventbridge_read_only": ev.eventbridge_read_only,
            "required_state": READ_ONLY_RULE_STATE if ev.eventbridge_read_only else None,
            "category": ev.category,
            "home_region": ev.home_region,
            "service": ev.service,
            "verified": ev.verified,
            "evidence": list(ev.evidence),
            "pattern": pattern,
            "python": f"from ctrules import {construct}\n{python}",
        }
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    read_only = "unknown" if ev.read_only is None else str(ev.read_only).lower()
    if ev.eventbridge_read_only:
        eb = f"read-only: delivered only to rules with State {READ_ONLY_RULE_STATE}"
    else:
        eb = "not read-only: delivered to every enabled rule (State ENABLED)"
    if ev.home_region:
        home = f"{ev.home_region} (global service: EventBridge sees its events only there)"
    else:
        home = "every region (regional service)"
    category = ev.category
    if category == "Data":
        category += " (reaches EventBridge only when a trail logs data events for it)"
    rows: list[tuple[str, str]] = [
        ("eventSource", ev.event_source),
        ("source", ev.source),
        ("eventType", ", ".join(ev.event_types)),
        ("detail-type", ", ".join(ev.detail_types)),
    ]
    extra = [d for d in ev.deliverable_detail_types if d not in ev.detail_types]
    if extra:
        rows.append(("also as", ", ".join(extra)))
    rows += [
        ("readOnly", f"{read_only} (the CloudTrail record's field)"),
        ("EventBridge", eb),
        ("category", category),
        ("home region", home),
        ("service", ev.service or "(no SDK service)"),
        ("verified", "yes" if ev.verified else "no (eventSource inferred from botocore metadata)"),
    ]
    lines = [f"{ev.event_name} ({ev.source})"]
    lines += [f"  {k + ':':<14}{v}" for k, v in rows]
    if ev.evidence:
        lines.append(f"  {'evidence:':<14}{ev.evidence[0]}")
        lines += [f"  {'':<14}{e}" for e in ev.evidence[1:]]
    else:
        lines.append(f"  {'evidence:':<14}(none recorded)")
    lines += ["", "Event pattern:", json.dumps(pattern, indent=2), "", "ctrules (Python):"]
    lines += [f"from ctrules import {construct}", python]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------- search


def _cmd_search(args: argparse.Namespace) -> int:
    from ctrules.catalog import search

    if not args.text.strip():
        return _fail("search: give some text to look for, e.g. `ctrules search AccountResult`")
    try:
        hits = search(
            args.text,
            event_type=_TYPE_CHOICES.get(args.type or ""),
            service=args.service,
            limit=args.limit + 1,
        )
    except CtrulesError as exc:
        return _fail(str(exc))
    more = len(hits) > args.limit
    hits = hits[: args.limit]
    if args.json:
        rows = [
            {
                "event_name": e.event_name,
                "source": e.source,
                "event_types": list(e.event_types),
                "eventbridge_read_only": e.eventbridge_read_only,
                "category": e.category,
                "home_region": e.home_region,
                "verified": e.verified,
            }
            for e in hits
        ]
        sys.stdout.write(json.dumps({"results": rows, "more": more}, indent=2) + "\n")
        return EXIT_OK if hits else EXIT_FINDINGS
    if not hits:
        sys.stderr.write(f"ctrules: no CloudTrail event name contains {args.text!r}\n")
        return EXIT_FINDINGS
    table = []
    for e in hits:
        notes = []
        if e.eventbridge_read_only:
            notes.append("read-only")
        if e.category != "Management":
            notes.append(e.category.lower())
        if e.home_region:
            notes.append(f"global:{e.home_region}")
        if not e.verified:
            notes.append("unverified")
        table.append((e.event_name, e.source, ",".join(e.event_types), " ".join(notes)))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    out = [
        f"{name:<{widths[0]}}  {source:<{widths[1]}}  {types:<{widths[2]}}  {notes}".rstrip()
        for name, source, types, notes in table
    ]
    sys.stdout.write("\n".join(out) + "\n")
    if more:
        sys.stderr.write(f"ctrules: more than {args.limit} matches; narrow the search or raise --limit\n")
    return EXIT_OK


# --------------------------------------------------------------------------------------------- catalog


def _cmd_catalog(args: argparse.Namespace) -> int:
    from ctrules.catalog import EVENT_TYPES, all_events, info

    meta = info()
    counts = meta.get("counts") if isinstance(meta.get("counts"), dict) else {}
    by_type: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    total = 0
    for ev in all_events():
        total += 1
        by_source[ev.source] += 1
        for t in ev.event_types:
            by_type[t] += 1
    upstream = meta.get("upstream") if isinstance(meta.get("upstream"), dict) else {}
    versions = {k: v for k, v in (upstream or {}).items() if not str(k).endswith("sha256")}
    services = by_source.most_common() if args.all else by_source.most_common(args.top)
    if args.json:
        doc = {
            "schema": meta.get("schema"),
            "upstream": upstream,
            "events": total,
            "event_sources": len(by_source),
            "verified": (counts or {}).get("verified"),
            "by_event_type": {t: by_type.get(t, 0) for t in EVENT_TYPES},
            "by_service": dict(services),
        }
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    upstream_text = ", ".join(f"{k} {v}" for k, v in versions.items()) or "unknown"
    lines = [
        f"ctrules catalog: {total:,} events from {len(by_source):,} event sources",
        f"  catalog schema {meta.get('schema')}; upstream {upstream_text}",
    ]
    if isinstance(counts, dict) and "verified" in counts:
        lines.append(f"  verified entries: {counts['verified']:,} (others inferred from botocore)")
    lines += ["", "By eventType:"]
    width = max(len(t) for t in EVENT_TYPES)
    lines += [f"  {t:<{width}}  {by_type.get(t, 0):>7,}" for t in EVENT_TYPES]
    top = min(args.top, len(by_source))
    shown = "all" if args.all else f"top {top} of {len(by_source)}; --all for every one"
    lines += ["", f"By service ({shown}):"]
    if services:
        width = max(len(s) for s, _ in services)
        lines += [f"  {s:<{width}}  {n:>7,}" for s, n in services]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


# ------------------------------------------------------------------------------------------------ main


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _codes(value: str) -> list[str]:
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if c not in CHECKS]
    if unknown or not codes:
        raise argparse.ArgumentTypeError(
            f"unknown check code {', '.join(unknown) or repr(value)} (known: {', '.join(sorted(CHECKS))})"
        )
    return codes


def _region(value: str) -> str:
    if not _REGION_RE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an AWS region name (e.g. us-east-1)")
    return value


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def build_parser() -> argparse.ArgumentParser:
    """The ``ctrules`` argument parser."""
    parser = _Parser(
        prog="ctrules",
        description="Safe CloudTrail-driven EventBridge rules: lint templates, plans and cdk.out; "
        "look up CloudTrail events.",
    )
    parser.add_argument("--version", action="version", version=f"ctrules {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "lint",
        help="check every EventBridge rule of templates, plans and cdk.out directories",
        description="Check every EventBridge rule of CloudFormation/SAM templates (JSON or YAML), Terraform "
        "JSON plans (terraform show -json) and cdk.out directories. Exit codes: 0 no error, 1 errors found "
        "(or warnings with --strict), 2 bad input or usage.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="template, plan, cdk.out directory")
    p.add_argument("--region", type=_region, help="region of rules whose input does not give one")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    p.add_argument(
        "--ignore",
        type=_codes,
        action="append",
        default=[],
        metavar="CODE",
        help="check code(s) to skip; repeat or comma-separate",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit code 1)")
    p.set_defaults(run=_cmd_lint)

    p = sub.add_parser(
        "show",
        help="a catalog entry, its event pattern and the ctrules line for it",
        description="Show a CloudTrail event: catalog entry, event pattern, ctrules construct.",
    )
    p.add_argument("event", metavar="EVENT", help="the CloudTrail eventName, e.g. CreateAccountResult")
    p.add_argument("--service", help="the service, when several log the name (organizations, aws.kms...)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_cmd_show)

    p = sub.add_parser(
        "search",
        help="find CloudTrail event names containing TEXT",
        description="Find catalog events whose name contains TEXT (case-insensitive). Exit "
        "code 1 when nothing matches.",
    )
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--type", choices=tuple(_TYPE_CHOICES), help="only events of this CloudTrail eventType")
    p.add_argument("--service", help="only events of this service")
    p.add_argument("--limit", type=_positive, default=25, metavar="N", help="at most N results (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_cmd_search)

    p = sub.add_parser("catalog", help="what the bundled catalog holds", description="Catalog counts.")
    p.add_argument("--top", type=_positive, default=15, metavar="N", help="show the N largest services (15)")
    p.add_argument("--all", action="store_true", help="show every service")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_cmd_catalog)
    return parser


def _fail(message: str) -> int:
    sys.stderr.write(f"ctrules: error: {' '.join(message.split())}\n")
    return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it).

    :param argv: the arguments (``sys.argv[1:]`` when ``None``).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    if getattr(args, "ignore", None) is not None:
        args.ignore = [c for group in args.ignore for c in group]
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # `ctrules search x | head`: the reader left; not an error of ours
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("ctrules: interrupted\n")
        return 130
    except Exception as exc:  # never a traceback: one line, and ask for a report
        return _fail(f"internal error ({type(exc).__name__}: {exc}); please report it")
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
