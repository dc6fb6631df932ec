"""The text report: one line per finding, then a summary line."""

from __future__ import annotations

from ctrules.cli.report import LintReport, locate_findings

__all__ = ["render_text"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(report: LintReport) -> str:
    files = len(report.files)
    text = (
        f"ctrules: {_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')} in "
        f"{_plural(report.rules, 'rule')} from {_plural(files, 'file')}"
    )
    unknown = [
        f"{report.deploy_time} with a pattern known only at deploy time" if report.deploy_time else "",
        f"{report.plan_time} known only at plan time" if report.plan_time else "",
    ]
    if report.deploy_time or report.plan_time:
        text += f" ({', '.join(u for u in unknown if u)}, not checked)"
    if report.partly_checked:
        text += f"; {_plural(len(report.partly_checked), 'rule')} checked partly (parts known only later not judged)"
    if report.acknowledged:
        text += f"; {_plural(len(report.acknowledged), 'finding')} acknowledged"
    if report.covered:
        text += f"; {_plural(len(report.covered), 'data-event warning')} covered by a trail"
    if report.skipped:
        text += f"; {_plural(len(report.skipped), 'file')} of no format ctrules reads skipped"
    if report.problems:
        text += f"; {_plural(len(report.problems), 'input problem')} (see above)"
    return text


def render_text(report: LintReport) -> str:
    """One line per finding, ``FILE:LINE: CODE [severity] RESOURCE PATH: message Fix: fix`` (the ``FILE:LINE:``
    prefix that editors and CI logs turn into links), then a summary."""
    locate_findings(report)
    lines = [
        f"{r.file.path}:{r.file.line_of(r.rule)}: {f.code} [{f.severity}] {r.rule.label} {f.path}: {f.message} "
        f"Fix: {f.fix}"
        for r in report.findings
        for f in (r.finding,)
    ]
    if not report.no_rules:
        lines.append(_summary(report))
    return "\n".join(lines) + "\n" if lines else ""
