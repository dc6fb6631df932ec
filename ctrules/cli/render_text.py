"""The text report: per finding a head line ``file:line  CODE severity  Rule  what is wrong`` with the why and the
fix indented below, then a summary line.

Everything printed from an input (file names, logical ids, module keys, values quoted in messages) is escaped
(:func:`safe`): no control character, terminal escape sequence, line break or bidi override reaches the
terminal or a CI log, and no line can start a CI workflow command (``::notice …``). Colour on a terminal only
(:func:`use_colour`); lines wrapped to the terminal's width (or ``COLUMNS``), not when piped.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Iterable
from typing import TextIO

from ctrules.checks import ERROR
from ctrules.cli.fixes import fix_for, syntax_of
from ctrules.cli.report import LintReport, Reported, locate_findings

__all__ = ["plain", "render_text", "safe", "safe_name", "use_colour"]

_COLOURS = {"error": "\033[1;31m", "warning": "\033[33m", "code": "\033[1m", "dim": "\033[2m", "path": "\033[36m"}
_RESET = "\033[0m"


def safe(text: str) -> str:
    """``text`` with every character that is not printable written as an escape (``\\x1b``, ``\\n``,
    ``\\u202e``): control characters, terminal escape sequences, line and paragraph separators, bidi overrides
    and other invisible format characters. A CI workflow command (``::name …``) cannot start a line either."""
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c.isprintable():
            out.append(c)
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02x}")
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return "".join(out)


def _confusable(name: str) -> list[str]:
    """The non-ASCII letters of a name that also has ASCII letters (``NewАccount`` with a Cyrillic A): a name that
    looks like another, to show with its code points."""
    if name.isascii() or not any(c.isascii() and c.isalpha() for c in name):
        return []
    return [f"U+{ord(c):04X} {unicodedata.name(c, '?')} at {i}" for i, c in enumerate(name) if not c.isascii()
            and c.isalpha()]  # fmt: skip


def safe_name(name: str) -> str:
    """A name from an input, escaped (:func:`safe`), with the code points of look-alike letters when it mixes
    ASCII with other letters (``NewАccount [U+0410 CYRILLIC CAPITAL LETTER A at 3]``)."""
    shown = safe(name)
    odd = _confusable(name)
    return f"{shown} [{'; '.join(odd)}]" if odd else shown


def _no_command(line: str) -> str:
    """A line that cannot be read as a CI workflow command (GitHub Actions reads ``::cmd …`` at a line's start)."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        return line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
    return line


def use_colour(stream: TextIO, choice: str = "auto") -> bool:
    """Colour for ``--color always``, never for ``never``; for ``auto``: on a terminal, unless ``NO_COLOR`` is set
    (https://no-color.org) or ``TERM`` is ``dumb``."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def _width(stream: TextIO | None) -> int | None:
    """The width to wrap to on a terminal (``COLUMNS``, else its size); ``None`` (no wrapping) when piped."""
    isatty = getattr(stream, "isatty", None) if stream is not None else None
    try:
        if isatty and isatty():
            return max(40, shutil.get_terminal_size((100, 24)).columns)
    except (OSError, ValueError):
        pass
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


_QUOTED = re.compile(r"(?<![A-Za-z0-9])'[^']*'")


def _split(message: str) -> tuple[str, str]:
    """(what is wrong, why) from a message written ``what: why`` (the first ``": "`` outside quoted values)."""
    i = message.find(": ")
    if i < 0:
        return message, ""
    if "'" in message[:i]:
        masked = _QUOTED.sub(lambda m: "x" * len(m.group(0)), message)
        i = masked.find(": ")
        if i < 0:
            return message, ""
    return message[:i], message[i + 2 :]


def _summary(report: LintReport) -> str:
    scope = report.scope or _plural(len(report.files), "file")
    text = (
        f"ctrules: {_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')} in "
        f"{_plural(report.rules, 'rule')} from {scope}"
    )
    unknown = [
        f"{report.deploy_time} with a pattern known only at deploy time" if report.deploy_time else "",
        f"{report.plan_time} known only at plan time" if report.plan_time else "",
        f"{_plural(len(report.unread), 'part')} of files that could not be read" if report.unread else "",
    ]
    if report.not_checked_count:
        text += f" ({', '.join(u for u in unknown if u)}, not checked)"
    if report.partly_checked:
        text += f"; {_plural(len(report.partly_checked), 'rule')} checked partly (parts known only later not judged)"
    if report.acknowledged:
        text += f"; {_plural(len(report.acknowledged), 'finding')} acknowledged"
    if report.covered:
        text += f"; {_plural(len(report.covered), 'data-event warning')} covered by a trail"
    if report.information:
        text += f"; {_plural(len(report.information), 'note')} (see stderr)"
    if report.skipped:
        text += f"; {_plural(len(report.skipped), 'file')} of no format ctrules reads skipped"
    if report.problems:
        text += f"; {_plural(len(report.problems), 'input problem')} (see above)"
    if report.catalog_extensions:
        text += f"; catalog extended by {', '.join(safe_name(p) for p in report.catalog_extensions)}"
    return text


def _wrap(text: str, width: int | None, indent: str) -> list[str]:
    if width is None or len(indent) + len(text) <= width:
        return [indent + text]
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "     ",
                         break_long_words=False, break_on_hyphens=False) or [indent]  # fmt: skip


def _finding_lines(r: Reported, width: int | None, colour: bool) -> list[str]:
    f = r.finding
    what, why = _split(f.message)
    where = safe_name(r.where)
    sev = f.severity
    # The head line is never wrapped: editors and CI logs read it whole (``file:line`` turns into a link).
    lines = [f"{where}  {f.code} {sev}  {safe_name(r.rule.label)}  {safe(what)}"]
    if colour:
        c = _COLOURS["error" if sev == ERROR else "warning"]
        first = lines[0].replace(where, f"{_COLOURS['path']}{where}{_RESET}", 1)
        first = first.replace(f"  {f.code} {sev}  ", f"  {_COLOURS['code']}{f.code}{_RESET} {c}{sev}{_RESET}  ", 1)
        lines[0] = first
    if why:
        lines += _wrap(f"why: {safe(why)}", width, "    ")
    if r.also:
        others = ", ".join(f"{safe(v)} ({safe(p)})" if v else safe(p) for p, v in r.also)
        lines += _wrap(f"at:  {safe(f.path)}; the same for {others}", width, "    ")
    elif f.path != "$":
        lines += _wrap(f"at:  {safe(f.path)}", width, "    ")
    lines += _wrap(f"fix: {safe(fix_for(syntax_of(r.file), f.fix))}", width, "    ")
    if colour:
        lines[1:] = [f"{_COLOURS['dim']}{line[:8]}{_RESET}{line[8:]}" for line in lines[1:]]
    return lines


def _not_checked_lines(report: LintReport, colour: bool) -> list[str]:
    """One line per rule found but not checked, and per part of a file that could not be read, with the reason:
    they are not clean."""
    label = f"{_COLOURS['warning']}not checked{_RESET}" if colour else "not checked"
    out = []
    for f, rule in report.not_checked:
        why = rule.unknown or f"its pattern is known only at {rule.known_at} time"
        out.append(f"{safe_name(f.path)}:{f.line_of(rule)}  {label}  {safe_name(rule.label)}  {safe(why)}")
    for f, unread in report.unread:
        where = f"{safe_name(f.path)}:{unread.line}" if unread.line else safe_name(f.path)
        out.append(f"{where}  {label}  {safe_name(unread.resource)}  {safe(unread.reason)}")
    return out


def render_text(
    report: LintReport, *, colour: bool = False, quiet: bool = False, stream: TextIO | None = None,
    width: int | None = -1,
) -> str:  # fmt: skip
    """Each finding as a head line ``file:line  CODE severity  Rule  what is wrong`` (``file:line`` first, which
    editors and CI logs turn into a link), its why, location and fix indented below; then a summary.

    :param colour: colour the severity, code and path (ANSI).
    :param quiet: errors only (warnings are still counted in the summary).
    :param stream: where the report goes (its terminal width wraps the lines; not wrapped when piped).
    :param width: the width to wrap to; ``None`` for none; ``-1`` (default): told by ``stream`` and ``COLUMNS``.
    """
    locate_findings(report)
    if width == -1:
        width = _width(stream if stream is not None else sys.stdout)
    order = {id(f): i for i, f in enumerate(report.files)}
    findings: Iterable[Reported] = sorted(report.findings, key=lambda r: (order.get(id(r.file), 0),
                                                                          r.line or 0))  # fmt: skip
    if quiet:
        findings = [r for r in findings if r.finding.severity == ERROR]
    lines: list[str] = []
    for r in findings:
        lines += _finding_lines(r, width, colour)
    if not quiet:
        lines += _not_checked_lines(report, colour)
    if not report.no_rules or report.unread:
        lines.append(_summary(report))
    return "".join(_no_command(line) + "\n" for line in lines)


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    """A coloured report without its colour (for tests)."""
    return _SGR.sub("", text)
