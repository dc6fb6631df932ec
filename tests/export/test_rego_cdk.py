"""The Rego pack through CDK: an app that imports no ctrules (as a TypeScript app) and registers only
aws-cdk-lib's CloudFormationValidatePlugin with the pack fails synth on the wrong rule and passes on the fixed
one; acknowledgements and the feature flag work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ctrules.export.rego import PACK_PATH

APP = Path(__file__).parent / "apps" / "cdk_app.py"
pytestmark = pytest.mark.slow


def _synth(tmp_path: Path, variant: str, *flags: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # the venv's Node 24
    env["JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION"] = "1"
    env.pop("PYTHONPATH", None)  # the app must not see ctrules
    out = tmp_path / f"out-{variant}"
    return subprocess.run(
        [sys.executable, str(APP), str(PACK_PATH), str(out), variant, *flags],
        capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path, check=False,
    )


def test_the_app_imports_no_ctrules() -> None:
    imports = [line for line in APP.read_text().splitlines() if line.startswith(("import ", "from "))]
    assert imports and not any("ctrules" in line for line in imports)


def test_wrong_rule_fails_synth_with_the_flag(tmp_path: Path) -> None:
    done = _synth(tmp_path, "wrong", "--strict")
    assert done.returncode == 1, done.stderr[-2000:]
    out = done.stdout + done.stderr
    assert "ValidationFailed" in out
    assert "'CreateAccountResult' (aws.organizations) is recorded as 'AwsServiceEvent'" in out
    assert "Acknowledge with 'CloudFormation-Validate::CTR001'" in out
    assert "Acknowledge with 'CloudFormation-Validate::CTR005'" in out
    report = json.loads((tmp_path / "out-wrong" / "validation-report.json").read_text())
    rules = {v["ruleName"] for p in report["pluginReports"] for v in p["violations"]}
    assert {"CTR001", "CTR005"} <= rules


def test_without_the_flag_findings_are_warnings(tmp_path: Path) -> None:
    done = _synth(tmp_path, "wrong")
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout + done.stderr
    assert "validateAgainstDefaultRules" in out and "WARNING EventPattern.detail.eventName[0]" in out


def test_fixed_rule_passes(tmp_path: Path) -> None:
    done = _synth(tmp_path, "fixed", "--strict")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CTR0" not in done.stdout + done.stderr


def test_acknowledged_rule_passes(tmp_path: Path) -> None:
    done = _synth(tmp_path, "acknowledged", "--strict")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "CTR0" not in done.stdout + done.stderr
