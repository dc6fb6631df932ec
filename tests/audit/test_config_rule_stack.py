"""The AWS Config custom rule example stack: a change-triggered rule scoped to ``AWS::Events::Rule``, its Lambda,
and the permission AWS Config needs to invoke it (synthesized with inline code: no bundling, no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

cdk = pytest.importorskip("aws_cdk")


def test_the_stack_deploys_a_change_triggered_config_rule_for_events_rules(tmp_path: Path) -> None:
    from aws_cdk import aws_lambda as lambda_
    from aws_cdk.assertions import Match, Template

    from examples.config_rule.stack import RULE_NAME, AuditConfigRuleStack

    app = cdk.App(outdir=str(tmp_path))
    stack = AuditConfigRuleStack(app, "Rule", code=lambda_.Code.from_inline("def handler(e, c): pass"), strict=True)
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Config::ConfigRule",
        {
            "ConfigRuleName": RULE_NAME,
            "Scope": {"ComplianceResourceTypes": ["AWS::Events::Rule"]},
            "InputParameters": {"strict": "true"},
            "Source": {
                "Owner": "CUSTOM_LAMBDA",
                "SourceDetails": Match.array_with(
                    [
                        {"EventSource": "aws.config", "MessageType": "ConfigurationItemChangeNotification"},
                        {"EventSource": "aws.config", "MessageType": "OversizedConfigurationItemChangeNotification"},
                    ]
                ),
            },
        },
    )
    template.has_resource_properties(
        "AWS::Lambda::Function", {"Handler": "handler.handler", "Runtime": "python3.12", "Timeout": 60}
    )
    template.has_resource_properties(
        "AWS::Lambda::Permission", {"Action": "lambda:InvokeFunction", "Principal": "config.amazonaws.com"}
    )
    template.has_resource_properties(
        "AWS::Lambda::Function", {"Environment": {"Variables": {"CTRULES_READ_TRAILS": "true"}}}
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": ["cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors",
                                   "cloudtrail:GetTrailStatus"],
                        "Effect": "Allow",
                        "Resource": "*",
                    }
                ]
            }
        },
    )  # fmt: skip


def test_the_stack_without_trail_reading_grants_no_cloudtrail_read(tmp_path: Path) -> None:
    from aws_cdk import aws_lambda as lambda_
    from aws_cdk.assertions import Template

    from examples.config_rule.stack import AuditConfigRuleStack

    app = cdk.App(outdir=str(tmp_path))
    code = lambda_.Code.from_inline("def handler(e, c): pass")
    template = Template.from_stack(AuditConfigRuleStack(app, "Rule", code=code, read_trails=False))
    template.resource_count_is("AWS::IAM::Policy", 0)
    template.has_resource_properties(
        "AWS::Lambda::Function", {"Environment": {"Variables": {"CTRULES_READ_TRAILS": "false"}}}
    )


def test_bundled_code_holds_ctrules_and_the_handler() -> None:
    from examples.config_rule import stack

    assert (stack.ROOT / "ctrules" / "audit" / "config_rule.py").is_file()
    assert (Path(stack.__file__).with_name("handler.py")).is_file()
    assert "PyYAML>=6.0" in stack.LAMBDA_REQUIREMENTS


def test_local_bundling_copies_ctrules_and_installs_for_the_lambda_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from examples.config_rule import stack

    ran: list[list[str]] = []

    def fake_run(args: list[str], check: bool = False) -> subprocess.CompletedProcess[str]:
        ran.append(args)
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(stack.subprocess, "run", fake_run)
    assert stack._PipBundling().try_bundle(str(tmp_path), image=stack.RUNTIME.bundling_image)
    assert (tmp_path / "handler.py").is_file() and (tmp_path / "ctrules" / "audit" / "config_rule.py").is_file()
    assert not list(tmp_path.rglob("__pycache__"))
    (pip,) = ran
    assert pip[pip.index("--target") + 1] == str(tmp_path)
    assert pip[pip.index("--platform") + 1] == "manylinux2014_x86_64" and "--only-binary=:all:" in pip
    assert pip[-2:] == list(stack.LAMBDA_REQUIREMENTS)
