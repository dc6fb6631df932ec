"""End to end: a failing app through the pinned CDK CLI (`cdk synth`) and as `python app.py`.

The built-in CloudFormation check is off here (it costs ~10 s a run and says nothing about ctrules' report);
tests/examples/test_examples_app.py runs the example app through the CLI with it on.
"""

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
from ctrules import ApiCallRule, CloudTrailChecks, ServiceEventRule

app = cdk.App()
if {plugin}:
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
stack = cdk.Stack(app, "Seed", env=cdk.Environment(region="us-east-1"))
ServiceEventRule(stack, "NewAccount", "CreateAccountResult")
events.Rule(stack, "HandWritten", event_pattern=events.EventPattern(
    source=["aws.organizations"],
    detail_type=["AWS API Call via CloudTrail"],
    detail={{"eventName": ["CreateAccountResult"]}},
))
eu = cdk.Stack(app, "Eu", env=cdk.Environment(region="eu-west-1"))
ApiCallRule(eu, "Iam", "CreateUser", service="iam")
ApiCallRule(eu, "Iam2", "DeleteUser", service="iam")
app.synth()
"""

NO_STACK_TRACE = ("Traceback", "JavaScriptError", "at Kernel", ".js:", "jsii")


def write_app(where: Path, plugin: bool) -> dict[str, str]:
    where.mkdir()
    (where / "app.py").write_text(textwrap.dedent(APP.format(plugin=plugin)))
    (where / "cdk.json").write_text(json.dumps({"app": f"{sys.executable} app.py", "notices": False}))
    env = {k: v for k, v in os.environ.items() if k != "CDK_VALIDATION"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT)
    for k in ("PYTEST_CURRENT_TEST", "PYTEST_VERSION"):  # CDK changes how it reports failures under pytest
        env.pop(k, None)
    return env


def test_every_finding_through_the_cli_once_without_a_stack_trace(tmp_path: Path) -> None:
    env = write_app(tmp_path / "app", plugin=True)
    env["CDK_VALIDATION"] = "false"
    run = subprocess.run(
        [str(CDK), "synth", "--quiet", "--no-notices"],
        cwd=tmp_path / "app", env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    # The hand-written seed mistake (checked by CloudTrailChecks) and both typed IAM rules in eu-west-1 (checked
    # by the constructs' own plugin): each once, with its fix and acknowledgement id, and no stack trace.
    assert output.count("Seed/HandWritten/Resource") == 1 and "AWS Service Event via CloudTrail" in output
    assert output.count("Eu/Iam/Resource") == 1 and output.count("Eu/Iam2/Resource") == 1
    assert output.count("Acknowledge with 'ctrules::CTR005'") == 2
    assert "Seed/NewAccount" not in output
    assert not [bad for bad in NO_STACK_TRACE if bad in output], output
    assert "Node 20 is end-of-life" not in output
    # The typed rule's template is right (written before the checks ran).
    template = json.loads((tmp_path / "app" / "cdk.out" / "Seed.template.json").read_text())
    (rule,) = [
        r for r in template["Resources"].values()
        if r["Type"] == "AWS::Events::Rule" and "eventSource" in r["Properties"]["EventPattern"]["detail"]
    ]  # fmt: skip
    pattern = rule["Properties"]["EventPattern"]
    assert pattern["source"] == ["aws.organizations"]
    assert pattern["detail-type"] == ["AWS Service Event via CloudTrail"]
    assert pattern["detail"]["eventName"] == ["CreateAccountResult"]


def test_python_app_py_fails_with_the_report_and_no_stack_trace(tmp_path: Path) -> None:
    env = write_app(tmp_path / "app", plugin=False)
    env["CDK_VALIDATION"] = "false"  # the built-in template check is not what this test is about
    run = subprocess.run(
        [sys.executable, "app.py"], cwd=tmp_path / "app", env=env, capture_output=True, text=True, timeout=600
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert output.count("Eu/Iam/Resource") == 1 and output.count("Eu/Iam2/Resource") == 1
    assert "Seed/HandWritten" not in output  # no CloudTrailChecks registered: hand-written rules are not checked
    assert "ValidationFailed" in output
    assert not [bad for bad in NO_STACK_TRACE if bad in output], output
