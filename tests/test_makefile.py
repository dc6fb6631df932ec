"""The Makefile's test targets: ``make test`` (what CI runs) runs every test, the ones marked ``slow`` included."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
# pytest options that leave tests out.
SELECTING = ("-m", "-k", "--deselect", "--ignore", "--ignore-glob", "-x", "--exitfirst", "--lf", "--last-failed")


def recipe(target: str) -> tuple[list[str], list[str]]:
    """(prerequisites, recipe lines) of one rule of the Makefile."""
    match = re.search(rf"^{re.escape(target)}:([^\n]*)\n((?:\t[^\n]*\n)*)", MAKEFILE, re.MULTILINE)
    assert match, f"no rule for {target!r} in the Makefile"
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def variable(name: str) -> list[str]:
    match = re.search(rf"^{name}\s*:?=\s*(.*)$", MAKEFILE, re.MULTILINE)
    assert match, f"no {name} in the Makefile"
    return shlex.split(match.group(1))


def test_make_test_runs_make_unit() -> None:
    prerequisites, _ = recipe("test")
    assert "unit" in prerequisites


def test_make_unit_runs_every_test() -> None:
    _, lines = recipe("unit")
    pytest_lines = [line for line in lines if "pytest" in line]
    assert pytest_lines == ["@$(BIN)/pytest $(PYTEST_ARGS)"]
    args = variable("PYTEST_ARGS")
    assert not [a for a in args if a.split("=")[0] in SELECTING], args
    assert args[args.index("-n") + 1] == "auto"  # every core, through pytest-xdist


def test_the_quick_loop_leaves_out_only_the_slow_tests() -> None:
    _, lines = recipe("unit-quick")
    assert lines == ['@$(BIN)/pytest $(PYTEST_ARGS) -m "not slow"']
