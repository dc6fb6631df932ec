"""End to end through the pinned CDK CLI (`cdk synth`), with every check on, built-in one included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CDK = ROOT / "node_modules" / ".bin" / "cdk"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not CDK.exists(), reason="run `make setup` to install the pinned CDK CLI"),
]

APP = """
import aws_cdk as cdk
from aws_cdk import aws_events as events
from ctrules import CloudTrailChecks, ServiceEventRule

app = cdk.App()
cdk.Validations.of(app).add_plugins(CloudTrailChecks())
stack = cdk.Stack(app, "Seed", env=cdk.Environment(region="us-east-1"))
if {typed}:
    ServiceEventRule(stack, "NewAccount", "CreateAccountResult")
else:
    events.Rule(stack, "NewAccount", event_pattern=events.EventPattern(
        source=["aws.organizations"],
        detail_type=["AWS API Call via CloudTrail"],
        detail={{"eventName": ["CreateAccountResult"]}},
    ))
app.synth()
"""


def cdk_synth(tmp_path: Path, typed: bool) -> subprocess.CompletedProcess[str]:
    (tmp_path / "app.py").write_text(textwrap.dedent(APP.format(typed=typed)))
    (tmp_path / "cdk.json").write_text(json.dumps({"app": f"{sys.executable} app.py", "notices": False}))
    env = {k: v for k, v in os.environ.items() if k != "CDK_VALIDATION"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [str(CDK), "synth", "--quiet", "--no-notices"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_seed_scenario_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "bad").mkdir()
    bad = cdk_synth(tmp_path / "bad", typed=False)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    output = bad.stdout + bad.stderr
    assert "CTR001" in output and "AWS Service Event via CloudTrail" in output
    assert "Node 20 is end-of-life" not in output

    (tmp_path / "good").mkdir()
    good = cdk_synth(tmp_path / "good", typed=True)
    assert good.returncode == 0, good.stdout + good.stderr
    template = json.loads((tmp_path / "good" / "cdk.out" / "Seed.template.json").read_text())
    (rule,) = [r for r in template["Resources"].values() if r["Type"] == "AWS::Events::Rule"]
    pattern = rule["Properties"]["EventPattern"]
    assert pattern["source"] == ["aws.organizations"]
    assert pattern["detail-type"] == ["AWS Service Event via CloudTrail"]
    assert pattern["detail"]["eventName"] == ["CreateAccountResult"]
    assert "Node 20 is end-of-life" not in good.stdout + good.stderr
