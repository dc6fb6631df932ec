"""Helpers for the CDK tests: synthesize an app once and read its templates and validation report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk


@dataclass(frozen=True)
class Violation:
    """One violation of CDK's validation report, flattened (one per violating construct)."""

    plugin: str
    code: str
    severity: str
    description: str
    fix: str
    path: str
    where: str


@dataclass(frozen=True)
class Synthesized:
    """What one ``app.synth()`` gave: the error (None: it passed), the report and the templates."""

    error: str | None
    report: dict[str, Any]
    outdir: Path

    @property
    def violations(self) -> list[Violation]:
        """Every reported violation (acknowledged ones left out), each once per construct."""
        return [
            Violation(
                plugin["pluginName"],
                v["ruleName"],
                v["severity"],
                v["description"],
                v.get("suggestedFix", ""),
                c["constructPath"],
                v.get("ruleMetadata", {}).get("path", ""),
            )
            for plugin in self.report.get("pluginReports", [])
            for v in plugin.get("violations", [])
            for c in v.get("violatingConstructs", [])
        ]

    @property
    def suppressed(self) -> list[tuple[str, str]]:
        """(acknowledged id, construct path) of each acknowledged violation."""
        return [
            (s["acknowledgedId"], c["constructPath"])
            for plugin in self.report.get("pluginReports", [])
            for s in plugin.get("suppressedViolations", [])
            for c in s.get("violatingConstructs", [])
        ]

    def at(self, path: str) -> list[Violation]:
        """The violations of the construct at ``path`` (its L1 resource: ``<path>/Resource``)."""
        return [v for v in self.violations if v.path in (path, f"{path}/Resource")]

    def template(self, stack: cdk.Stack) -> dict[str, Any]:
        """The synthesized template of ``stack`` (read from the assembly directory)."""
        data: dict[str, Any] = json.loads((self.outdir / stack.template_file).read_text(encoding="utf-8"))
        return data

    def resource(self, stack: cdk.Stack, construct: Any) -> dict[str, Any]:
        """The synthesized resource of an L2 construct (its default child) in ``stack``'s template."""
        logical_id = stack.get_logical_id(construct.node.default_child)
        found: dict[str, Any] = self.template(stack)["Resources"][logical_id]
        return found


def synth(app: cdk.App, outdir: Path) -> Synthesized:
    """``app.synth()`` once; a validation failure is recorded, not raised. ``outdir`` is the app's outdir."""
    error: str | None = None
    try:
        app.synth()
    except RuntimeError as failure:
        error = str(failure)
    report_file = outdir / "validation-report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else {}
    return Synthesized(error, report, outdir)
