"""examples/typescript: `cdk synth` of a TypeScript app with the ctrules Rego pack fails on the wrong CloudTrail
rule and passes on the fixed one (Node 24 from the venv, the example's own pinned node_modules)."""

from __future__ import annotations

import os
import shutil
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
    cli = EXAMPLE / "node_modules" / ".bin" / "cdk"
    if not cli.exists():
        if shutil.which("npm", path=_env()["PATH"]) is None:
            pytest.skip("no npm to install the example's pinned dependencies")
        done = subprocess.run(["npm", "ci", "--no-fund", "--no-audit", "--loglevel=error"], cwd=EXAMPLE, env=_env(),
                              capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            pytest.skip(f"npm ci failed in examples/typescript (offline?): {done.stderr.strip()[-300:]}")
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
