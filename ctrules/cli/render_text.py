"""The text report: one line per finding, then a summary line."""

from __future__ import annotations

from ctrules.cli.report import LintReport

__all__ = ["render_text"]


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
