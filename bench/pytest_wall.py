#!/usr/bin/env python3
"""Wall time of the whole test suite (``pytest``), as ``make unit`` runs it, against the 120 s target.

Runs pytest once in a new process from the project root with the Makefile's ``PYTEST_ARGS`` (every core
through pytest-xdist, ``--dist worksteal``; one process with ``--serial`` or when pytest-xdist is missing)
plus ``-p no:cacheprovider``, and reports the wall time, the number of workers and whether every test
passed. A timing, not an assertion: the suite's tests assert behaviour, never speed.

Usage: ``python bench/pytest_wall.py [--json] [--serial] [-- PYTEST ARGS]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 120.0
_XDIST_OPTIONS = ("-n", "--dist")


def make_unit_args() -> list[str]:
    """The pytest arguments of ``make unit`` (the Makefile's ``PYTEST_ARGS`` line)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^PYTEST_ARGS\s*:?=\s*(.*)$", makefile, re.MULTILINE)
    if match is None:
        raise SystemExit("bench/pytest_wall.py: no PYTEST_ARGS line in the Makefile")
    return shlex.split(match.group(1))


def serial(args: list[str]) -> list[str]:
    """``args`` without pytest-xdist's options (``-n auto``, ``--dist worksteal``)."""
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _XDIST_OPTIONS:
            skip = True
        elif not arg.startswith(tuple(o + "=" for o in _XDIST_OPTIONS)):
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print a JSON list of result rows")
    parser.add_argument("--serial", action="store_true", help="one process even when pytest-xdist is installed")
    parser.add_argument("rest", nargs="*", help="more pytest arguments (after --)")
    args = parser.parse_args(argv)
    unit_args = make_unit_args()
    parallel = not args.serial and importlib.util.find_spec("xdist") is not None and unit_args != serial(unit_args)
    pytest_args = unit_args if parallel else serial(unit_args)
    command = [sys.executable, "-m", "pytest", *pytest_args, "-p", "no:cacheprovider"]
    start = time.perf_counter()
    proc = subprocess.run([*command, *args.rest], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or ["no output"])[-1]
    counts = {k: int(v) for v, k in re.findall(r"(\d+) (passed|failed|errors?|skipped)", summary)}
    rows: list[dict[str, object]] = [
        {"name": "pytest wall time (whole suite)", "value": round(wall, 1), "unit": "s",
         "target": f"<= {TARGET_SECONDS:g}", "ok": wall <= TARGET_SECONDS},
        {"name": "  workers", "value": f"pytest {' '.join(pytest_args)}" if parallel else 1, "unit": "",
         "target": None, "ok": None},
        {"name": "  cores", "value": os.cpu_count(), "unit": "", "target": None, "ok": None},
        {"name": "  passed / failed", "value": f"{counts.get('passed', 0)} / {counts.get('failed', 0)}", "unit": "",
         "target": None, "ok": proc.returncode == 0},
    ]  # fmt: skip
    if args.json:
        print(json.dumps(rows))
    else:
        for r in rows:
            print(f"{r['name']}: {r['value']} {r['unit']}")
        print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
