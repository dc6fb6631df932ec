"""Argument handling shared by the commands: the one-line usage error, value types, the one-line failure."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from ctrules._common import REGION_RE
from ctrules.checks import CHECKS
from ctrules.cli.report import EXIT_BAD_INPUT

__all__ = ["Parser", "codes", "fail", "positive", "region"]


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def codes(value: str) -> list[str]:
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if c not in CHECKS]
    if unknown or not codes:
        raise argparse.ArgumentTypeError(
            f"unknown check code {', '.join(unknown) or repr(value)} (known: {', '.join(sorted(CHECKS))})"
        )
    return codes


def region(value: str) -> str:
    if not REGION_RE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an AWS region name (e.g. us-east-1)")
    from ctrules.catalog import info
    from ctrules.checks.mistakes import provable_slip

    known = info().get("regions") or []
    if value not in known:
        # A Region botocore did not know yet is taken (ap-southeast-8: its digits differ from every known one);
        # a slip of a known one is not: the findings would name a Region that does not exist.
        slip = provable_slip(value, sorted(known))
        if slip is not None:
            raise argparse.ArgumentTypeError(f"unknown region {value!r}; did you mean {slip!r}?")
    return value


def positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def fail(message: str) -> int:
    """Write ``ctrules: error: MESSAGE`` as one line on stderr; returns the bad-input exit code."""
    sys.stderr.write(f"ctrules: error: {' '.join(message.split())}\n")
    return EXIT_BAD_INPUT
