"""The JSON report (``--format json``): one document, one finding per line."""

from __future__ import annotations

import json
from typing import Any

from ctrules import __version__
from ctrules.checks import CHECKS
from ctrules.cli.fixes import fix_for, syntax_of
from ctrules.cli.report import DEFECT_CODE, DEFECT_NAME, Covered, LintReport, Reported, locate_findings

__all__ = ["dumps", "render_json"]


def _finding_dict(r: Reported) -> dict[str, Any]:
    f = r.finding
    return {
        "file": r.file.path,
        "line": r.line,
        "resource": r.rule.label,
        "logical_id": r.rule.logical_id,
        "resource_type": r.rule.kind,
        "cdk_path": r.rule.cdk_path,
        "code": f.code,
        "check": CHECKS[f.code].name if f.code in CHECKS else DEFECT_NAME if f.code == DEFECT_CODE else f.code,
        "severity": f.severity,
        "message": f.message,
        "fix": fix_for(syntax_of(r.file), f.fix),
        "path": f.path,
        "location": r.location,
        "region": r.region,
        "state": r.rule.state,
        "also": [{"path": p, "value": v} for p, v in r.also],
    }


def _acknowledged_dict(r: Reported) -> dict[str, Any]:
    out = _finding_dict(r)
    if r.acknowledgement is not None:
        out["reason"] = r.acknowledgement.reason
        out["acknowledged_in"] = r.acknowledgement.where
    return out


def _covered_dict(c: Covered) -> dict[str, Any]:
    out = _finding_dict(c.reported)
    out.update(event_source=c.event_source, trail=c.trail.name, trail_file=c.trail.file)
    return out


def dumps(value: Any, levels: int, indent: str = "") -> str:
    """JSON with the outer ``levels`` of containers one item per line, and compact (C-encoded) below.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, which costs more than linting
    for a large report; this keeps the output readable and diff-friendly at a fraction of the cost.
    """
    if levels <= 0 or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(str(k))}: {dumps(v, levels - 1, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    return "[\n" + ",\n".join(f"{inner}{dumps(v, levels - 1, inner)}" for v in value) + f"\n{indent}]"


def render_json(report: LintReport) -> str:
    """The report as one JSON document: ``summary``, ``findings``, ``acknowledged`` findings (with their reason),
    data-event warnings ``covered_by_trail`` (with the trail), ``information`` (severity ``info``: ``ctrules audit``'s
    live-only findings), ``problems``, ``empty`` inputs, rules (and parts of
    files) ``not_checked`` with the reason, ``skipped`` files, and the ``catalog_extensions`` applied (a project's
    extra events change results)."""
    locate_findings(report)
    doc = {
        "tool": "ctrules",
        "version": __version__,
        "inputs": report.inputs,
        "summary": {
            "files": len(report.files),
            "rules": report.rules,
            "checked": report.checked,
            "deploy_time": report.deploy_time,
            "plan_time": report.plan_time,
            "not_checked": report.not_checked_count,
            "errors": report.errors,
            "warnings": report.warnings,
            "acknowledged": len(report.acknowledged),
            "covered_by_trail": len(report.covered),
            "information": len(report.information),
            "problems": len(report.problems),
            "exit_code": report.exit_code,
        },
        "findings": [_finding_dict(r) for r in report.findings],
        "acknowledged": [_acknowledged_dict(r) for r in report.acknowledged],
        "covered_by_trail": [_covered_dict(c) for c in report.covered],
        "information": [_finding_dict(r) for r in report.information],
        "problems": [
            {"file": p.path, "line": p.line, "resource": p.resource, "message": p.message} for p in report.problems
        ],
        "empty": report.empty,
        "not_checked": [
            {
                "file": f.path,
                "line": f.line_of(rule) if f.has_lines else None,
                "resource": rule.label,
                "known_at": rule.known_at,
                "reason": rule.unknown,
            }
            for f, rule in report.not_checked
        ]
        + [
            {"file": f.path, "line": u.line, "resource": u.resource, "known_at": u.known_at, "reason": u.reason}
            for f, u in report.unread
        ],
        "skipped": [{"file": p.path, "message": p.message} for p in report.skipped],
        "catalog_extensions": report.catalog_extensions,
        "partly_checked": [
            {
                "file": f.path,
                "line": f.line_of(rule),
                "resource": rule.label,
                "unknown": [{"path": path, "reason": why} for path, why in rule.unknown_parts],
            }
            for f, rule in report.partly_checked
        ],
    }
    return dumps(doc, 2) + "\n"  # one finding per line
