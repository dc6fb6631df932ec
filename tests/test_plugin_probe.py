"""A check registered the documented way (docs/adding-a-check.md) runs at synth on every kind of rule.

Nothing in the CDK shells decides which rules a check may skip: a probe check that declares nothing fires on a
typed construct built without ``detail=``, on a hand-written ``events.Rule`` and through ``CloudTrailChecks``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_events as events

from ctrules import ApiCallRule, CloudTrailChecks, ServiceEventRule
from ctrules.checks import CHECKS, RuleContext
from ctrules.checks.analysis import Branch
from ctrules.checks.findings import WARNING, Finding
from ctrules.checks.registry import Check, register, unregister
from tests.cdkhelp import synth

PROBE = "CTR097"


def _probe(branch: Branch, ctx: RuleContext) -> list[Finding]:
    return [Finding(PROBE, WARNING, "the probe saw this rule", "nothing to fix", "$")]


@pytest.fixture
def probe() -> Iterator[None]:
    assert PROBE not in CHECKS
    register(Check(PROBE, "probe", WARNING, "A probe.", "Help.", "Fix.", run=_probe))
    try:
        yield
    finally:
        unregister(PROBE)


def test_a_probe_check_fires_on_typed_and_hand_written_rules_through_the_plugin(probe: None, tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    ApiCallRule(st, "R", "RunInstances")  # a plain catalog pattern, no detail=
    ServiceEventRule(st, "Acct", "CreateAccountResult")
    events.Rule(st, "Hand", event_pattern=events.EventPattern(
        source=["aws.ec2"], detail_type=["AWS API Call via CloudTrail"], detail={"eventName": ["RunInstances"]}))  # fmt: skip
    result = synth(app, tmp_path)
    assert result.error is None  # a warning
    assert sorted(v.path for v in result.violations if v.code == PROBE) == [
        "S/Acct/Resource",
        "S/Hand/Resource",
        "S/R/Resource",
    ]


def test_a_probe_check_fires_on_a_typed_rule_without_the_plugin(probe: None, tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path))
    st = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    ApiCallRule(st, "R", "RunInstances")
    result = synth(app, tmp_path)
    assert [(v.code, v.path) for v in result.violations] == [(PROBE, "S/R/Resource")]
