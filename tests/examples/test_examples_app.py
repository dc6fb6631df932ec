"""The whole example app: every stack, ctrules' and cdk-nag's checks, and `cdk synth` end to end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest

from examples import MEMBER_STAGE_ID, STACK_IDS, build_app, security_alarms_stack_id

ROOT = Path(__file__).resolve().parents[2]
CDK = ROOT / "node_modules" / ".bin" / "cdk"


def acknowledgements(app: cdk.App) -> dict[str, dict[str, str]]:
    """Construct path → {rule id: reason} for every acknowledgement in the app (nested stages included)."""
    key = cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    out: dict[str, dict[str, str]] = {}
    for construct in app.node.find_all():
        for entry in construct.node.metadata:
            if entry.type == key:
                out.setdefault(construct.node.path, {}).update(entry.data)
    return out


@dataclass
class FullApp:
    """The example app with every check registered, synthesized once."""

    app: cdk.App
    config: Any
    assembly: Any


@pytest.fixture(scope="module")
def full_app(tmp_path_factory: pytest.TempPathFactory, cdk_json_context: dict[str, Any]) -> FullApp:
    app = cdk.App(outdir=str(tmp_path_factory.mktemp("cdk.out")), context=dict(cdk_json_context))
    config = build_app(app)  # CloudTrailChecks + AwsSolutionsChecks; any unacknowledged finding raises
    return FullApp(app, config, app.synth())


def test_build_app_adds_every_stack(full_app: FullApp) -> None:
    ids = {c.node.id for c in full_app.app.node.children}
    expected = set(STACK_IDS) | {security_alarms_stack_id(r) for r in full_app.config.security_alarm_regions}
    assert expected | {MEMBER_STAGE_ID} <= ids
    names = {s.stack_name for s in full_app.assembly.stacks}
    assert expected <= names
    member = full_app.assembly.get_nested_assembly(f"assembly-{MEMBER_STAGE_ID}")
    assert [s.stack_name for s in member.stacks] == [f"{MEMBER_STAGE_ID}-Forwarder"]


def test_every_stack_passes_ctrules_and_cdk_nag(full_app: FullApp) -> None:
    report = json.loads((Path(full_app.assembly.directory) / "validation-report.json").read_text())
    assert_clean(report)


def assert_clean(report: dict[str, Any]) -> None:
    """No violation at all (warnings included); each acknowledged one is in the report with its reason."""
    for plugin in report["pluginReports"]:
        assert plugin["violations"] == [], plugin["pluginName"]
        for suppressed in plugin.get("suppressedViolations", []):
            assert suppressed["acknowledgedId"] == f"{plugin['pluginName']}::{suppressed['ruleName']}"
            assert len(suppressed["reason"].split()) >= 8


def test_acknowledgements_carry_real_reasons(full_app: FullApp) -> None:
    app = full_app.app
    acks = acknowledgements(app)
    assert acks, "expected the Step Functions IAM5 acknowledgement"
    for path, rules in acks.items():
        for rule_id, reason in rules.items():
            # Namespaced ids ("<plugin>::<rule>"): CDK records them in validation-report.json.
            assert rule_id.startswith(("AwsSolutions::AwsSolutions-", "ctrules::CTR")), (path, rule_id)
            assert len(reason.split()) >= 8, f"{path}: {rule_id} needs a real reason, got {reason!r}"


def test_a_nag_finding_fails_synth(make_app: Any) -> None:
    # The pack is really on: an unencrypted topic added to an example stack is refused.
    from aws_cdk import aws_sns as sns

    app = make_app()
    build_app(app)
    stack = app.node.find_child("CtrulesNewAccounts")
    assert isinstance(stack, cdk.Stack)
    sns.Topic(stack, "Unencrypted")
    with pytest.raises(RuntimeError, match="ValidationFailed"):
        app.synth()


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.skipif(not CDK.exists(), reason="run `make setup` to install the pinned CDK CLI")
def test_cdk_synth_produces_every_template(tmp_path: Path) -> None:
    """`make synth`: the pinned CLI, cdk.json's context, every check on (built-in CloudFormation one too)."""
    out = tmp_path / "cdk.out"
    env = {k: v for k, v in os.environ.items() if k != "CDK_VALIDATION"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION"] = "1"
    env["CDK_DISABLE_VERSION_CHECK"] = "1"
    result = subprocess.run(
        [str(CDK), "synth", "--quiet", "--no-notices", "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Node 20 is end-of-life" not in output
    assert "ERROR" not in output and "CTR0" not in output
    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    expected = [*STACK_IDS, *(security_alarms_stack_id(r) for r in context["securityAlarmRegions"])]
    for stack_id in expected:
        assert (out / f"{stack_id}.template.json").is_file(), stack_id
    member = list((out / f"assembly-{MEMBER_STAGE_ID}").glob(f"{MEMBER_STAGE_ID}Forwarder*.template.json"))
    assert len(member) == 1
    assert_clean(json.loads((out / "validation-report.json").read_text()))
    shutil.rmtree(out, ignore_errors=True)
