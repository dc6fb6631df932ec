"""examples/typescript: `cdk synth` of a TypeScript app with the ctrules Rego pack fails on the wrong CloudTrail
rule and passes on the fixed one (Node 24 from the venv, the example's own pinned node_modules)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "typescript"
pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CDK_DISABLE_VERSION_CHECK"] = "1"
    env.pop("CDK_VALIDATION", None)
    return env


@pytest.fixture(scope="module")
def cdk() -> Path:
    """The example's pinned CDK CLI; ``make setup`` installs it (``npm ci`` in examples/typescript). A clone without
    it fails here rather than skipping: the test cannot run its subject."""
    cli = EXAMPLE / "node_modules" / ".bin" / "cdk"
    if not cli.exists():
        pytest.fail(f"{cli} is missing: run `make setup` (it runs `npm ci` in examples/typescript)")
    return cli


def _synth(cdk: Path, tmp_path: Path, *context: str) -> subprocess.CompletedProcess[str]:
    args = [str(cdk), "synth", "--quiet", "--no-notices", "--output", str(tmp_path / "cdk.out")]
    for c in context:
        args += ["-c", c]
    return subprocess.run(args, cwd=EXAMPLE, env=_env(), capture_output=True, text=True, timeout=600, check=False)


def test_wrong_rule_fails_cdk_synth(cdk: Path, tmp_path: Path) -> None:
    done = _synth(cdk, tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out[-2000:]
    assert "ERROR EventPattern.detail.eventName[0]: eventName 'CreateAccountResult' (aws.organizations)" in out
    assert "Acknowledge with 'CloudFormation-Validate::CTR001'" in out
    assert "Acknowledge with 'CloudFormation-Validate::CTR005'" in out


def test_fixed_rule_passes_cdk_synth(cdk: Path, tmp_path: Path) -> None:
    done = _synth(cdk, tmp_path, "rule=fixed")
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    assert "CTR0" not in done.stdout + done.stderr
