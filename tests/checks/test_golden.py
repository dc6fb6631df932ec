"""Golden files: per check, the exact findings (code, severity, path, message, fix) of its fixture patterns.

Regenerate after an intended change with ``python scripts/golden.py --update`` and review the diff.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ctrules.checks import CHECKS

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "checks" / "golden"
sys.path.insert(0, str(ROOT / "scripts"))

from golden import findings_of  # noqa: E402

CASES = [
    pytest.param(case, id=f"{path.stem}:{case['name']}")
    for path in sorted(GOLDEN.glob("CTR*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
]


@pytest.mark.parametrize("case", CASES)
def test_findings_are_exactly_the_golden_ones(case: dict[str, Any]) -> None:
    assert findings_of(case) == case["findings"]


def test_every_check_has_a_golden_file_with_a_finding_and_a_clean_case() -> None:
    for code in CHECKS:
        doc = json.loads((GOLDEN / f"{code}.json").read_text(encoding="utf-8"))
        assert any(f["code"] == code for case in doc["cases"] for f in case["findings"]), code
        assert any(not case["findings"] for case in doc["cases"]), code


def test_the_golden_command_finds_nothing_stale() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "golden.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "all up to date" in result.stdout
