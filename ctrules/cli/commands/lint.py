"""``ctrules lint``: check every EventBridge rule of the inputs and write the report."""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

from ctrules.catalog import READ_ONLY_RULE_STATE
from ctrules.cli._args import codes, fail, region
from ctrules.cli.render_json import render_json
from ctrules.cli.render_sarif import render_sarif
from ctrules.cli.render_text import render_text, safe, use_colour
from ctrules.cli.report import LintReport, Problem, lint, no_rules_message
from ctrules.inputs.limits import DEFAULT_MAX_BYTES, set_max_bytes
from ctrules.inputs.reader import FORMATS

__all__ = ["STATES", "Progress", "register", "run"]

#: The ``State`` values of an EventBridge rule (``--state``).
STATES = ("ENABLED", "DISABLED", READ_ONLY_RULE_STATE)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the ``ctrules`` sub-command parsers."""
    p = sub.add_parser(
        "lint",
        help="check every EventBridge rule of templates, Terraform, Serverless, patterns and cdk.out",
        description=f"Check every EventBridge rule of {FORMATS}; '-' reads standard input. A file's format is "
        "told by its name or content; a folder is scanned for every format (--exclude leaves parts out). A finding "
        "acknowledged on its rule with a reason (template Metadata, '# ctrules:acknowledge CTR0xx <reason>' in "
        "Terraform, cdk.Validations) is listed, not counted. Exit codes: 0 no error, 1 errors found (or warnings "
        "with --strict), 2 bad input or usage.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (scanned), cdk.out directory, or - for stdin")
    p.add_argument("--region", type=region, help="region of rules whose input does not give one")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    p.add_argument(
        "--ignore",
        type=codes,
        action="append",
        default=[],
        metavar="CODE",
        help="check code(s) to skip; repeat or comma-separate",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit code 1)")
    p.add_argument("--quiet", "-q", action="store_true", help="text output: errors only (warnings still counted)")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never",
    )
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out files and folders of a folder scan, .gitignore-style: a name at any depth (fixtures, "
        "*.generated.yaml), a path relative to the folder (test/data/*), a folder only with a trailing /; repeat "
        "for more",
    )
    p.add_argument("--state", choices=STATES, help="State of rules given as bare patterns (default ENABLED)")
    p.add_argument("--bus", metavar="NAME_OR_ARN", help="event bus of rules given as bare patterns (default)")
    p.add_argument(
        "--skip-unrecognized",
        action="store_true",
        help="note files of no format ctrules reads (or that do not parse) instead of failing, and pass when no "
        "rule is found (for pre-commit hooks, which pass every changed JSON/YAML/HCL file)",
    )
    p.add_argument("--catalog-extra", metavar="FILE", help="JSON list of extra catalog events "
                   "(default: extra_events of [tool.ctrules] in pyproject.toml)")  # fmt: skip
    p.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest input file read, in bytes (default {DEFAULT_MAX_BYTES:,}; suffixes K, M, G)",
    )
    p.set_defaults(run=run)


def _byte_count(text: str) -> int:
    """``--max-bytes``: a positive number of bytes, optionally with a K, M or G suffix (powers of 1,024)."""
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:].upper(), 1)
    digits = text[:-1] if scale > 1 else text
    if not digits.isdigit() or int(digits) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of bytes (e.g. 104857600 or 100M)")
    return int(digits) * scale


def run(args: argparse.Namespace) -> int:
    """``ctrules lint``: check, write problems on stderr and the report on stdout; the exit code."""
    # Parsing a large template allocates hundreds of thousands of containers, which makes the cyclic
    # garbage collector run over and over (~15 % of the time); linting creates no cycles worth collecting.
    # It stays off until the report is written and freed: re-enabled earlier, its first young-generation
    # pass would walk every container allocated meanwhile.
    from ctrules.catalog import CatalogEntryError, apply_project_extensions

    try:
        args.catalog_extensions = [str(p) for p in apply_project_extensions(args.catalog_extra)]
    except CatalogEntryError as exc:
        return fail(safe(str(exc)))
    set_max_bytes(args.max_bytes)
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_and_write(args)
    finally:
        if gc_enabled:
            gc.enable()


def _one_line(text: str) -> str:
    """One escaped line on stderr, whatever the text holds."""
    return safe(" ".join(text.split()))


def _problem_line(p: Problem) -> str:
    """A problem on one line: its file name and resource escaped as they are (a line break in a name shows as
    ``\\x0a``), its message on one line."""
    where = f"{safe(p.path)}:{p.line}" if p.line is not None else safe(p.path)
    where = f"{where}: {safe(p.resource)}" if p.resource else where
    message = p.message.replace(p.path, safe(p.path)) if p.path else p.message
    return f"{where}: {_one_line(message)}"


def _lint_and_write(args: argparse.Namespace) -> int:
    progress = Progress(sys.stderr)
    try:
        report = lint(
            args.paths,
            region=args.region,
            ignore=args.ignore,
            strict=args.strict,
            state=args.state,
            bus=args.bus,
            skip_unrecognized=args.skip_unrecognized,
            exclude=args.exclude,
            progress=progress,
        )
    finally:
        progress.clear()
    report.catalog_extensions = getattr(args, "catalog_extensions", [])
    err = sys.stderr
    for p in report.problems:
        err.write(f"ctrules: error: {_problem_line(p)}\n")  # one line each, whatever the message
    if len(report.skipped) == 1:
        err.write(f"ctrules: note: skipped {_problem_line(report.skipped[0])}\n")
    elif report.skipped:
        names = ", ".join(safe(p.path) for p in report.skipped[:3])
        more = f" and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
        err.write(
            f"ctrules: note: skipped {len(report.skipped)} files of no format ctrules reads ({names}{more}; "
            "--format json lists them; --exclude GLOB leaves files out)\n"
        )
    if report.no_rules and not report.problems and not report.skip_unrecognized:
        err.write(f"ctrules: error: {_one_line(no_rules_message(report))}\n")
    else:
        for path in report.empty:
            err.write(f"ctrules: note: {safe(path)}: no EventBridge rule with an event pattern\n")
    # Known before a word is written: a reader that leaves early (`| head -1`) does not change the exit code.
    args.outcome = report.exit_code
    renderers: dict[str, Callable[[LintReport], str]] = {
        "text": lambda r: render_text(
            r, colour=use_colour(sys.stdout, args.color), quiet=args.quiet, stream=sys.stdout
        ),
        "json": render_json,
        "sarif": render_sarif,
    }
    sys.stdout.write(renderers[args.format](report))
    return report.exit_code


class Progress:
    """Progress on a terminal's stderr for a run longer than a second: files and rules so far, on one line
    rewritten in place (nothing when stderr is not a terminal)."""

    def __init__(self, stream: TextIO, delay: float = 1.0) -> None:
        isatty = getattr(stream, "isatty", None)
        try:
            self.active = bool(isatty and isatty())
        except (OSError, ValueError):
            self.active = False
        self.stream = stream
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False
        self.last = 0.0

    def __call__(self, report: LintReport, path: str) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < 0.1:
            return
        self.last = now
        width = max(40, shutil.get_terminal_size((80, 24)).columns) - 1
        text = f"ctrules: {len(report.files)} files, {report.rules} rules ... {safe(path)}"
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Remove the progress line."""
        if self.shown:
            width = max(40, shutil.get_terminal_size((80, 24)).columns) - 1
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self.shown = False
