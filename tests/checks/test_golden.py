"""Golden files: per check, the exact findings (code, severity, path, message, fix) of its fixture patterns.

Each file holds the findings of its own check only, so adding a check never rewrites another check's file.

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
    pytest.param(path.stem, case, id=f"{path.stem}:{case['name']}")
    for path in sorted(GOLDEN.glob("CTR*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
]


@pytest.mark.parametrize(("code", "case"), CASES)
def test_findings_are_exactly_the_golden_ones(code: str, case: dict[str, Any]) -> None:
    assert findings_of(case, code) == case["findings"]
    assert {f["code"] for f in case["findings"]} <= {code}  # the file's own check only


def test_a_new_check_leaves_the_golden_files_alone() -> None:
    """A check registered beside the others (here one that finds something in every pattern) changes no file."""
    from ctrules.checks.analysis import Branch
    from ctrules.checks.findings import WARNING, Finding, RuleContext
    from ctrules.checks.registry import Check, register, unregister

    def everywhere(branch: Branch, ctx: RuleContext) -> list[Finding]:
        return [Finding("CTR099", WARNING, "seen", "none", "$")]

    register(Check("CTR099", "everywhere", WARNING, "S.", "H.", "F.", run=everywhere))
    try:
        for param in CASES:
            code, case = param.values
            assert findings_of(case, code) == case["findings"], (code, case["name"])  # type: ignore[arg-type]
    finally:
        unregister("CTR099")


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
