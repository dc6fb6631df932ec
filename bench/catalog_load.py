#!/usr/bin/env python3
"""Catalog cost: cold load in a fresh process, one lookup, bundled data size.

* cold load: time from spawning a fresh ``python -c "import ctrules.catalog; get(...)"`` until the
  lookup has returned, minus the same for a bare ``python -c "pass"`` (interpreter start), median of 5
  each, interleaved. For information: the same timed inside the process, and the wall time to process
  exit (which adds freeing the parsed catalog at shutdown).
* cold load ÷ a bare ``json.load`` of the catalog file in a fresh process (the same run, each minus a bare
  interpreter): how far above the floor of reading the data the catalog's own cost is (target ≤ 1.5×). On the
  CPU time of the child processes (``getrusage``), which a busy machine disturbs far less than wall time.
* ``import ctrules.testing`` in a fresh process, minus a bare interpreter (target ≤ 50 ms; CPU time), and
  ``import ctrules`` for information.
* lookup: ``ctrules.catalog.get("CreateAccountResult")`` on a loaded catalog (timeit, µs per call).
* data size: bytes of ``ctrules/catalog/data/catalog.json``.

Usage: ``python bench/catalog_load.py [--json] [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import row, table  # noqa: E402

DATA = ROOT / "ctrules" / "catalog" / "data" / "catalog.json"
NAME = "CreateAccountResult"
COLD = f"import ctrules.catalog as c; c.get({NAME!r})"
IN_PROCESS = f"import time; t = time.perf_counter()\n{COLD}\nprint(time.perf_counter() - t)\n"
BARE_JSON = f"import json; json.load(open({str(DATA)!r}, 'rb'))"
IMPORT_TESTING = "import ctrules.testing"
IMPORT_CTRULES = "import ctrules"
#: The children may write ``__pycache__`` (the warm-up run does): with ``PYTHONDONTWRITEBYTECODE`` set, as on some CI
#: machines and agents' shells, every "cold load" would also compile ctrules' modules from source, which an
#: installed package never does.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}




def _spawn_to_mark(code: str) -> tuple[float, float]:
    """Run ``code`` then print a clock mark; return (spawn -> mark, spawn -> process exit), in seconds."""
    script = f"{code}\nimport time; print(time.time_ns())"
    start = time.time_ns()
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=ROOT, env=CHILD_ENV, capture_output=True, text=True
    )
    end = time.time_ns()
    return (int(out.stdout.split()[-1]) - start) / 1e9, (end - start) / 1e9


def _cpu(code: str) -> float:
    """CPU time (user + system, seconds) of a fresh ``python -c code`` from start to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=CHILD_ENV, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_load(runs: int) -> dict[str, float]:
    """Medians, in seconds: load to ready and to exit (each minus a bare interpreter), and in-process."""
    _spawn_to_mark(COLD)  # warm the OS file cache and __pycache__: "cold" = a fresh process, not a cold disk
    _spawn_to_mark(IMPORT_TESTING)
    ready: list[float] = []
    exited: list[float] = []
    bare_ready: list[float] = []
    bare_exited: list[float] = []
    inner: list[float] = []
    json_ready: list[float] = []
    testing_ready: list[float] = []
    ctrules_ready: list[float] = []
    cpu: dict[str, list[float]] = {"bare": [], "cold": [], "json": [], "testing": []}
    for _ in range(runs):
        for what, code in (("bare", "pass"), ("cold", COLD), ("json", BARE_JSON), ("testing", IMPORT_TESTING)):
            cpu[what].append(_cpu(code))
        r, e = _spawn_to_mark("pass")
        bare_ready.append(r)
        bare_exited.append(e)
        r, e = _spawn_to_mark(COLD)
        ready.append(r)
        exited.append(e)
        json_ready.append(_spawn_to_mark(BARE_JSON)[0])
        testing_ready.append(_spawn_to_mark(IMPORT_TESTING)[0])
        ctrules_ready.append(_spawn_to_mark(IMPORT_CTRULES)[0])
        out = subprocess.run(
            [sys.executable, "-c", IN_PROCESS], check=True, cwd=ROOT, env=CHILD_ENV, capture_output=True, text=True
        )
        inner.append(float(out.stdout))
    med = statistics.median
    bare = med(bare_ready)
    bare_cpu = med(cpu["bare"])
    return {
        "cold_cpu": med(cpu["cold"]) - bare_cpu,
        "json_cpu": med(cpu["json"]) - bare_cpu,
        "testing_cpu": med(cpu["testing"]) - bare_cpu,
        "ready": med(ready) - bare,
        "exit": med(exited) - med(bare_exited),
        "inner": med(inner),
        "json": med(json_ready) - bare,
        "testing": med(testing_ready) - bare,
        "ctrules": med(ctrules_ready) - bare,
    }


def lookup_us() -> float:
    from ctrules import catalog

    catalog.get(NAME)
    timer = timeit.Timer(lambda: catalog.get(NAME))
    number, _ = timer.autorange()
    per_call = [t / number for t in timer.repeat(repeat=5, number=number)]
    return statistics.median(per_call) * 1e6


def measure(runs: int) -> list[dict[str, Any]]:
    cold = cold_load(runs)
    return [
        row("catalog cold load (fresh process, minus bare interpreter)", cold["ready"] * 1e3, "ms", 50),
        row("  the same, CPU time", cold["cold_cpu"] * 1e3, "ms"),
        row("catalog cold load ÷ bare json.load of catalog.json (fresh processes, CPU time)",
            cold["cold_cpu"] / cold["json_cpu"], "x", 1.5),
        row("  bare json.load of catalog.json (fresh process, minus bare interpreter; CPU time)",
            cold["json_cpu"] * 1e3, "ms"),
        row("import ctrules.testing (fresh process, minus bare interpreter; CPU time)", cold["testing_cpu"] * 1e3,
            "ms", 50),
        row("  the same, wall time", cold["testing"] * 1e3, "ms"),
        row("  import ctrules (fresh process, minus bare interpreter)", cold["ctrules"] * 1e3, "ms"),
        row("  catalog cold load, timed in-process", cold["inner"] * 1e3, "ms", None),
        row("  catalog cold load incl. process exit, minus bare", cold["exit"] * 1e3, "ms", None),
        row("catalog lookup (get, loaded)", lookup_us(), "µs", 5),
        row("catalog data size (catalog.json)", DATA.stat().st_size, "bytes", 3_000_000),
    ]




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as a JSON list")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measurement (median)")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    print(json.dumps(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
