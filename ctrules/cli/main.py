"""The ``ctrules`` entry point: the argument parser of every command, and :func:`main` with its exit codes."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from ctrules import __version__
from ctrules.cli._args import Parser, fail
from ctrules.cli.commands import audit, catalog_cmd, export, lint, search, show
from ctrules.cli.report import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The ``ctrules`` argument parser."""
    parser = Parser(
        prog="ctrules",
        description="Safe CloudTrail-driven EventBridge rules: lint templates, plans and cdk.out; "
        "audit the rules deployed in an account; look up CloudTrail events.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and the catalog's date and sources")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (lint, audit, show, search, catalog_cmd, export):
        command.register(sub)
    return parser


class _Version(argparse.Action):
    """``--version``: ctrules' version and the catalog's (read only when asked)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from ctrules.catalog import coverage

        sys.stdout.write(f"ctrules {__version__}\ncatalog {coverage().version_text}\n")
        parser.exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it).

    :param argv: the arguments (``sys.argv[1:]`` when ``None``).
    """
    _escape_unencodable()
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
    except BrokenPipeError:  # `ctrules lint x | head -1`: the reader left; the exit code still says what was found
        silence_stdout()
        outcome = getattr(args, "outcome", EXIT_OK)
        return outcome if isinstance(outcome, int) else EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("ctrules: interrupted\n")
        return 130
    except Exception as exc:  # never a traceback: one line, and ask for a report
        return fail(f"internal error ({type(exc).__name__}: {exc}); please report it")
    return code


def _escape_unencodable() -> None:
    """Write what the output encoding cannot hold as ``\\uXXXX`` escapes instead of failing.

    A template may hold a lone surrogate (``"\\ud800"`` in JSON) and a file name may not be UTF-8 (Python
    reads it as surrogates): a report that names them must still be written, whole.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def silence_stdout() -> None:
    """Point stdout at the null device (a reader that left must not make the exit flush fail)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
