"""A stack that runs ctrules' checks as an AWS Config custom rule on every ``AWS::Events::Rule`` of its account/region.

AWS Config records each rule's configuration (pattern, State, targets, tags) and invokes the Lambda on every change;
the Lambda reports COMPLIANT or NON_COMPLIANT with the finding (``PutEvaluations``). Deploy it in every account and
region (StackSets, or Config's organization rules) and an aggregator shows the organization's verdicts and history:
the fan-out of ``ctrules audit --org`` done by the engine AWS users already run.

The Lambda's code is ``ctrules`` itself (its pure-Python package, without the CDK), the handler, and the two libraries
the checks import (PyYAML, python-hcl2), installed for the Lambda's platform by ``pip`` at synth time (local bundling;
Docker with the Lambda build image when pip is not usable).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii
from aws_cdk import aws_config as config
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

__all__ = ["RULE_NAME", "AuditConfigRuleStack", "bundled_code"]

ROOT = Path(__file__).resolve().parents[2]
RULE_NAME = "ctrules-eventbridge-rules"
RUNTIME = lambda_.Runtime.PYTHON_3_12
#: What the checks import beyond the standard library (ctrules' runtime dependencies minus the CDK).
LAMBDA_REQUIREMENTS = ("PyYAML>=6.0", "python-hcl2>=8.1.4,<9")


@jsii.implements(cdk.ILocalBundling)
class _PipBundling:
    """Copies ``ctrules`` and the handler, and pip-installs the requirements for the Lambda's platform."""

    def try_bundle(self, output_dir: str, *, image: cdk.DockerImage, **_: Any) -> bool:
        out = Path(output_dir)
        shutil.copytree(ROOT / "ctrules", out / "ctrules", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        shutil.copy2(Path(__file__).with_name("handler.py"), out / "handler.py")
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(out), "--only-binary=:all:",
               "--platform", "manylinux2014_x86_64", "--python-version", "3.12", *LAMBDA_REQUIREMENTS]  # fmt: skip
        return subprocess.run(pip, check=False).returncode == 0


#: The asset is the repository with everything left out but ctrules and the handler.
_ASSET_EXCLUDE = (
    "*",
    "!ctrules",
    "!ctrules/**",
    "!examples",
    "!examples/config_rule",
    "!examples/config_rule/handler.py",
    "**/__pycache__",
)


def bundled_code() -> lambda_.Code:
    """The Lambda's code: ctrules, the handler and the requirements (see the module docstring)."""
    script = (
        "cp -r /asset-input/ctrules /asset-output/ && cp /asset-input/examples/config_rule/handler.py /asset-output/ "
        f"&& pip install --target /asset-output {' '.join(repr(r) for r in LAMBDA_REQUIREMENTS)}"
    )
    return lambda_.Code.from_asset(
        str(ROOT),
        exclude=[*_ASSET_EXCLUDE],
        bundling=cdk.BundlingOptions(
            image=RUNTIME.bundling_image, command=["bash", "-c", script], local=_PipBundling()
        ),
    )


class AuditConfigRuleStack(cdk.Stack):
    """The Config custom rule and its Lambda (AWS Config must be recording ``AWS::Events::Rule`` in the region).

    :param code: the Lambda's code (default :func:`bundled_code`; tests pass inline code).
    :param strict: warnings make a rule NON_COMPLIANT too.
    :param read_trails: the function reads the account's trails (read-only) so that CTR006 is decided: a data event
        no trail logs makes the rule NON_COMPLIANT.
    """

    def __init__(
        self, scope: Construct, construct_id: str, *, code: lambda_.Code | None = None, strict: bool = False,
        read_trails: bool = True, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(scope, construct_id, **kwargs)
        function = lambda_.Function(
            self,
            "Evaluate",
            runtime=RUNTIME,
            handler="handler.handler",
            code=code or bundled_code(),
            memory_size=512,
            timeout=cdk.Duration.seconds(60),
            description="ctrules: checks each EventBridge rule AWS Config records, reports the finding",
            environment={"CTRULES_READ_TRAILS": "true" if read_trails else "false"},
        )
        if read_trails:
            # The calls of ctrules.audit.collect.collect_trails, all read-only (docs/audit.md lists them).
            function.add_to_role_policy(
                iam.PolicyStatement(
                    actions=["cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetTrailStatus"],
                    resources=["*"],
                )
            )
        rule = config.CustomRule(
            self,
            "Rule",
            config_rule_name=RULE_NAME,
            description="EventBridge rules whose CloudTrail event pattern cannot fire (ctrules checks CTR001-CTR016)",
            lambda_function=function,
            configuration_changes=True,
            rule_scope=config.RuleScope.from_resources([config.ResourceType.EVENTS_RULE]),
            input_parameters={"strict": "true" if strict else "false"},
        )
        cdk.CfnOutput(self, "ConfigRuleName", value=rule.config_rule_name)
