"""The SARIF 2.1.0 report (``--format sarif``), for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctrules import __version__
from ctrules.checks import CHECKS
from ctrules.cli.fixes import fix_for, syntax_of
from ctrules.cli.render_json import dumps
from ctrules.cli.report import (
    DEFECT_CODE,
    DEFECT_NAME,
    EXIT_BAD_INPUT,
    LintReport,
    Reported,
    locate_findings,
    no_rules_message,
)

__all__ = ["INFORMATION_URI", "SARIF_SCHEMA", "render_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/ctrules/"


def _artifact_uri(path: str) -> tuple[str, bool]:
    """A SARIF artifact URI: relative to the working directory when inside it (then ``True``)."""
    from urllib.parse import quote  # (SARIF output only: not imported for every command)

    p = Path(path)
    try:
        resolved = p.resolve()
        rel = resolved.relative_to(Path.cwd().resolve())
        return quote(rel.as_posix(), errors="surrogateescape"), True
    except (ValueError, OSError):
        # A file name that is not UTF-8 keeps its bytes, percent-encoded (``surrogateescape`` gives them back).
        if p.is_absolute() or p.exists():
            return p.resolve().as_uri(), False
        return quote(p.as_posix(), errors="surrogateescape"), False


def _sarif_rules(defects: bool = False, information: dict[str, tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """One rule per check code, :data:`DEFECT_CODE` when the report has input defects, and the information checks
    the report may hold (``ctrules audit``'s live-only ones)."""
    out = [
        _rule(code, info.name, info.summary, info.help, info.severity, ["cloudtrail", "eventbridge", "reliability"])
        for code, info in sorted(CHECKS.items())
    ]
    out += [
        _rule(code, name, summary, None, "note", ["eventbridge", "deployed"])
        for code, (name, summary) in sorted((information or {}).items())
    ]
    if defects:
        summary = "A recoverable defect of an input file (a key given twice), read anyway."
        why = (
            "CloudFormation keeps the last value of a key given twice and drops the other without a word; ctrules "
            "reports it at its line, checks the value that deploys, and checks every other rule of the file."
        )
        out.append(_rule(DEFECT_CODE, DEFECT_NAME, summary, why, "warning", ["input"]))
    return out


def _rule(code: str, slug: str, summary: str, why: str | None, level: str, tags: list[str]) -> dict[str, Any]:
    """One ``tool.driver.rules`` entry (``why``: the longer help, when there is one beside the summary)."""
    text = summary if why is None else f"{summary}\n\n{why}"
    return {
        "id": code,
        "name": "".join(w.capitalize() for w in slug.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary if why is None else why},
        "help": {"text": text, "markdown": f"**{code} {slug}**: {text}"},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": tags, "precision": "high"},
    }


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
    rule's resource (best effort), and logical locations for the resource and the JSON path. Acknowledged
    findings and data-event warnings covered by a trail are results with a ``suppressions`` entry giving the
    reason (viewers show them as suppressed, not as alerts). A deployed rule (``ctrules audit``) is located by its
    ARN, without a line; information findings are results of level ``note``.
    """
    from hashlib import sha256  # (SARIF output only: not imported for every command)

    rules = _sarif_rules(any(r.finding.code == DEFECT_CODE for r in report.findings), report.information_checks)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    uris: dict[str, tuple[str, bool]] = {}
    locate_findings(report)
    suppressed: list[tuple[Reported, str | None]] = [(r, None) for r in (*report.findings, *report.information)]
    suppressed += [(r, r.acknowledgement.reason if r.acknowledgement else "acknowledged") for r in report.acknowledged]
    suppressed += [
        (c.reported, f"trail {c.trail.name} ({c.trail.file}) logs the data events of {c.event_source}")
        for c in report.covered
    ]
    for r, justification in suppressed:
        f = r.finding
        line = r.line
        if line is None:  # a deployed rule (ctrules audit): its ARN is the artifact, with no region in it
            loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": r.file.path}}}
        else:
            loc = _location(r.file.path, line, uris)
        loc["logicalLocations"] = [
            {"name": r.rule.label, "fullyQualifiedName": r.rule.cdk_path or r.rule.label, "kind": "resource"},
            {"name": f.path, "fullyQualifiedName": r.location, "kind": "value"},
        ]
        digest = sha256(
            f"{r.file.path}|{r.rule.label}|{f.code}|{f.path}".encode(errors="surrogatepass")
        ).hexdigest()
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": "note" if f.severity == "info" else f.severity,
            "message": {"text": f"{f.message} Fix: {fix_for(syntax_of(r.file), f.fix)}"},
            "locations": [loc],
            "partialFingerprints": {"ctrulesFinding/v1": digest[:32]},
            "properties": {"resource": r.rule.label, "path": f.path, "region": r.region},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if justification is not None:
            result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": justification}]
        results.append(result)
    notifications = [
        {"level": "error", "message": {"text": str(p)}, "locations": [_location(p.path, p.line or 1)]}
        for p in report.problems
    ]
    for nf, rule in report.not_checked:
        why = rule.unknown or f"its pattern is known only at {rule.known_at} time"
        text = f"{nf.path}: {rule.label}: not checked: {why}"
        notifications.append({"level": "warning", "message": {"text": text},
                              "locations": [_location(nf.path, nf.line_of(rule), uris)]})  # fmt: skip
    for nf, unread in report.unread:
        text = f"{nf.path}: {unread.resource}: not checked: {unread.reason}"
        notifications.append({"level": "warning", "message": {"text": text},
                              "locations": [_location(nf.path, unread.line or 1, uris)]})  # fmt: skip
    for p in report.skipped:
        notifications.append({"level": "note", "message": {"text": f"skipped {p}"}})
    for extension in report.catalog_extensions:
        text = f"the catalog was extended by {extension}: its events change what the checks know"
        notifications.append({"level": "note", "message": {"text": text}})
    if report.no_rules:
        notifications.append({"level": "error", "message": {"text": no_rules_message(report)}})
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
                "properties": {"catalogExtensions": report.catalog_extensions},
            }
        ],
    }
    return dumps(doc, 4) + "\n"  # one result per line
