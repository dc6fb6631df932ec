"""Acknowledging a finding on one rule in ``ctrules lint``: CloudFormation Metadata, Terraform comments, cdk.out.

An acknowledged finding is not counted (exit 0 when it was the only one) and is listed with its reason (JSON
``acknowledged``, SARIF ``suppressions``, a count in the text summary); a malformed acknowledgement is bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.clihelp import API, WARN_ONLY, rule, run, template, write
from tests.cli.test_cli_lint import validate_sarif

# An IAM event on a default-bus rule in eu-west-1: CTR005 (IAM events reach EventBridge in us-east-1 only),
# unless this Region receives them forwarded from us-east-1.
IAM: dict[str, Any] = {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}}
REASON = "org-forwarding rule in us-east-1 sends IAM events to this Region's default bus"


def acknowledged(*items: dict[str, Any]) -> dict[str, Any]:
    return {"ctrules": {"acknowledge": list(items)}}


def lint_json(*args: Any) -> Any:
    return run("lint", *args, "--region", "eu-west-1", "--format", "json")


# ------------------------------------------------------------------------------------------------ CloudFormation


def test_metadata_acknowledgement_passes_and_is_listed(tmp_path: Path) -> None:
    acked = rule(IAM)
    acked["Metadata"] = acknowledged({"id": "CTR005", "reason": REASON})
    path = write(tmp_path / "t.json", template(Forwarded=acked, NotForwarded=rule(IAM)))

    r = lint_json(path)
    assert r.code == 1  # the rule without the acknowledgement still fails
    assert [(f["resource"], f["code"]) for f in r.json()["findings"]] == [("NotForwarded", "CTR005")]
    (a,) = r.json()["acknowledged"]
    assert (a["resource"], a["code"], a["severity"]) == ("Forwarded", "CTR005", "error")
    assert (a["reason"], a["acknowledged_in"]) == (REASON, "Metadata.ctrules.acknowledge[0]")
    assert r.json()["summary"]["errors"] == 1 and r.json()["summary"]["acknowledged"] == 1

    alone = write(tmp_path / "alone.json", template(Forwarded=acked))
    r = run("lint", alone, "--region", "eu-west-1")
    assert (r.code, r.err) == (0, "")
    assert r.out == "ctrules: 0 errors, 0 warnings in 1 rule from 1 file; 1 finding acknowledged\n"


def test_sarif_marks_acknowledged_findings_suppressed(tmp_path: Path) -> None:
    acked = rule(IAM)
    acked["Metadata"] = acknowledged({"id": "ctrules::CTR005", "reason": REASON})  # the CDK plugin's id form
    path = write(tmp_path / "t.json", template(Forwarded=acked))
    r = run("lint", path, "--region", "eu-west-1", "--format", "sarif")
    assert r.code == 0
    validate_sarif(r.json())
    (result,) = r.json()["runs"][0]["results"]
    assert result["ruleId"] == "CTR005" and result["level"] == "error"
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": REASON}]


def test_acknowledging_another_check_does_not_hide_the_finding(tmp_path: Path) -> None:
    acked = rule(IAM)
    acked["Metadata"] = acknowledged({"id": "CTR006", "reason": "a trail logs it"})
    r = lint_json(write(tmp_path / "t.json", template(R=acked)))
    assert (r.code, r.codes(), r.json()["acknowledged"]) == (1, ["CTR005"], [])


def test_acknowledged_warning_passes_strict(tmp_path: Path) -> None:
    warn = rule(WARN_ONLY)
    strict = write(tmp_path / "warn.json", template(R=warn))
    assert run("lint", strict, "--strict").code == 1
    warn_acked = rule(WARN_ONLY, Description="x")
    warn_acked["Metadata"] = acknowledged({"id": "CTR008", "reason": "a field our own producer adds"})
    assert run("lint", write(tmp_path / "acked.json", template(R=warn_acked)), "--strict").code == 0


def test_sam_function_metadata_covers_its_events(tmp_path: Path) -> None:
    fn = {
        "Type": "AWS::Serverless::Function",
        "Metadata": acknowledged({"id": "CTR005", "reason": REASON}),
        "Properties": {"Events": {"Iam": {"Type": "EventBridgeRule", "Properties": {"Pattern": IAM}}}},
    }
    doc = {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": fn}}
    r = lint_json(write(tmp_path / "sam.json", doc))
    assert r.code == 0 and [a["resource"] for a in r.json()["acknowledged"]] == ["Fn/Iam"]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "CTR005"}, "Metadata.ctrules.acknowledge[0] acknowledges CTR005 without a reason: add reason: "),
        ({"id": "CTR099", "reason": REASON}, "Metadata.ctrules.acknowledge[0] acknowledges CTR099, which is not a "
         "ctrules check (CTR001 to "),
        ({"id": "AwsSolutions-S1", "reason": REASON}, "has id 'AwsSolutions-S1', which is not a check code"),
    ],
)  # fmt: skip
def test_malformed_acknowledgement_is_bad_input_with_file_and_line(
    tmp_path: Path, item: dict[str, Any], message: str
) -> None:
    acked = rule(IAM)
    acked["Metadata"] = acknowledged(item)
    path = write(tmp_path / "t.json", template(Forwarded=acked))
    line = path.read_text().splitlines().index('    "Forwarded": {') + 1
    r = run("lint", path, "--region", "eu-west-1")
    assert r.code == 2
    (err,) = r.err.splitlines()
    assert err.startswith(f"ctrules: error: {path}:{line}: Forwarded: ") and message in err
    assert "CTR005 error  Forwarded  " in r.out  # not acknowledged: the finding is still reported


# ------------------------------------------------------------------------------------------------ Terraform

TF = """\
provider "aws" {
  region = "eu-west-1"
}

# Receives IAM events from us-east-1 (rule org-forward there targets this bus).
# ctrules:acknowledge CTR005 org-forwarding rule in us-east-1 sends IAM events here
resource "aws_cloudwatch_event_rule" "above" {
  event_pattern = jsonencode({
    source        = ["aws.iam"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["CreateUser"] }
  })
}

resource "aws_cloudwatch_event_rule" "inside" {
  # ctrules:acknowledge CTR005: forwarded from us-east-1
  event_pattern = jsonencode({
    source        = ["aws.iam"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["DeleteUser"] }
  })
}

# ctrules:acknowledge CTR005 this comment is separated from the block by a blank line

resource "aws_cloudwatch_event_rule" "not_acknowledged" {
  description   = "# ctrules:acknowledge CTR005 in a string is no comment"
  event_pattern = jsonencode({
    source        = ["aws.iam"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["CreateRole"] }
  })
}

module "eventbridge" {
  source = "terraform-aws-modules/eventbridge/aws"

  rules = {
    # ctrules:acknowledge CTR005 forwarded from us-east-1
    forwarded = {
      event_pattern = jsonencode({
        source        = ["aws.iam"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail        = { eventName = ["CreateAccessKey"] }
      })
    }
    local_only = {
      event_pattern = jsonencode({
        source        = ["aws.iam"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail        = { eventName = ["DeleteAccessKey"] }
      })
    }
  }
}
"""


def line_with(text: str, snippet: str) -> int:
    (line,) = [n for n, ln in enumerate(text.splitlines(), 1) if snippet in ln]
    return line


def test_terraform_comments_acknowledge_the_rule_they_sit_on(tmp_path: Path) -> None:
    r = run("lint", write(tmp_path / "main.tf", TF), "--format", "json")
    assert r.code == 1
    assert sorted(f["resource"] for f in r.json()["findings"]) == [
        "aws_cloudwatch_event_rule.not_acknowledged",
        'module.eventbridge.rules["local_only"]',
    ]
    acked = {a["resource"]: (a["code"], a["reason"], a["acknowledged_in"]) for a in r.json()["acknowledged"]}
    above, inside = line_with(TF, "sends IAM events here"), line_with(TF, "CTR005: forwarded")
    entry = line_with(TF, "    # ctrules:acknowledge CTR005 forwarded from us-east-1")
    assert acked == {
        "aws_cloudwatch_event_rule.above": (
            "CTR005",
            "org-forwarding rule in us-east-1 sends IAM events here",
            f"comment at line {above}",
        ),
        "aws_cloudwatch_event_rule.inside": ("CTR005", "forwarded from us-east-1", f"comment at line {inside}"),
        'module.eventbridge.rules["forwarded"]': ("CTR005", "forwarded from us-east-1", f"comment at line {entry}"),
    }


def test_a_comment_above_a_module_covers_all_its_rules(tmp_path: Path) -> None:
    text = TF.replace('module "eventbridge" {', '# ctrules:acknowledge CTR005 the whole bus is forwarded\nmodule "eventbridge" {')
    r = run("lint", write(tmp_path / "main.tf", text), "--format", "json")
    assert [f["resource"] for f in r.json()["findings"]] == ["aws_cloudwatch_event_rule.not_acknowledged"]


def test_terragrunt_inputs_comment(tmp_path: Path) -> None:
    hcl = """\
# ctrules:acknowledge CTR005 forwarded from us-east-1
inputs = {
  region = "eu-west-1"
  rules = {
    users = {
      event_pattern = jsonencode({
        source        = ["aws.iam"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail        = { eventName = ["CreateUser"] }
      })
    }
  }
}
"""
    r = run("lint", write(tmp_path / "terragrunt.hcl", hcl), "--format", "json")
    assert r.code == 0 and [a["resource"] for a in r.json()["acknowledged"]] == ['inputs.rules["users"]']


def test_terraform_comment_without_reason_is_bad_input_at_its_line(tmp_path: Path) -> None:
    text = TF.replace("# ctrules:acknowledge CTR005: forwarded from us-east-1", "# ctrules:acknowledge CTR005")
    path = write(tmp_path / "main.tf", text)
    r = run("lint", path)
    assert r.code == 2
    (err,) = r.err.splitlines()
    n = text.splitlines().index("  # ctrules:acknowledge CTR005") + 1
    assert err.startswith(
        f"ctrules: error: {path}:{n}: aws_cloudwatch_event_rule.inside: the comment at line {n} acknowledges CTR005 "
        "without a reason: write '# ctrules:acknowledge CTR005 <why the finding does not apply to this rule>'"
    )


# ------------------------------------------------------------------------------------------------ cdk.out


def cdk_out(out: Path, metadata: dict[str, Any], *, cdk_path: bool) -> Path:
    iam_rule = rule(IAM)
    if cdk_path:
        iam_rule["Metadata"] = {"aws:cdk:path": "Audit/Forwarded/Resource"}
    artifact = {
        "type": "aws:cloudformation:stack",
        "environment": "aws://123456789012/eu-west-1",
        "properties": {"templateFile": "Audit.template.json"},
        "additionalMetadataFile": "Audit.metadata.json",
    }
    write(out / "manifest.json", {"version": "48.0.0", "artifacts": {"Audit": artifact}})
    write(out / "Audit.template.json", template(ForwardedA1B2=iam_rule, Other=rule(IAM)))
    write(out / "Audit.metadata.json", metadata)
    return out


def ack_entry(reason: str) -> dict[str, Any]:
    return {"type": "aws:cdk:acknowledged-rules", "data": {"ctrules::CTR005": reason}}


def test_cdk_acknowledgements_in_the_assembly_metadata(tmp_path: Path) -> None:
    """``cdk.Validations.of(rule).acknowledge(...)`` as the CDK records it (construct path -> entries)."""
    metadata = {
        "/Audit/Forwarded": [ack_entry(REASON)],
        "/Audit/Forwarded/Resource": [{"type": "aws:cdk:logicalId", "data": "ForwardedA1B2"}],
        "/Audit/Other/Resource": [{"type": "aws:cdk:logicalId", "data": "Other"}],
    }
    for cdk_path in (False, True):  # the logical id map, or the template's aws:cdk:path
        out = cdk_out(tmp_path / f"out{cdk_path}", metadata, cdk_path=cdk_path)
        r = run("lint", out, "--format", "json")
        assert [f["resource"] for f in r.json()["findings"]] == ["Other"]
        (a,) = r.json()["acknowledged"]
        assert (a["resource"], a["reason"], a["acknowledged_in"]) == (
            "ForwardedA1B2",
            REASON,
            "cdk acknowledgement on /Audit/Forwarded",
        )


@pytest.mark.parametrize(
    ("rule_id", "fix"), [("CTR005", "id='ctrules::CTR005'"), ("ctrules::CTR05", "'ctrules::CTR0xx' with the code")]
)
def test_cdk_acknowledgement_ids_cdk_cannot_match_are_named(tmp_path: Path, rule_id: str, fix: str) -> None:
    """CDK matches a plugin's findings by ctrules::CTR005: a bare code or a code of no check acknowledges nothing,
    silently, in cdk synth; linting the assembly names the id and the one to write."""
    metadata = {
        "/Audit/Forwarded": [{"type": "aws:cdk:acknowledged-rules", "data": {rule_id: REASON}}],
        "/Audit/Forwarded/Resource": [{"type": "aws:cdk:logicalId", "data": "ForwardedA1B2"}],
    }
    r = run("lint", cdk_out(tmp_path / "out", metadata, cdk_path=False), "--format", "json")
    assert r.code == 2
    (problem,) = r.json()["problems"]
    assert f"has id {rule_id!r}, which CDK does not match" in problem["message"] and fix in problem["message"]
    assert sorted(f["resource"] for f in r.json()["findings"]) == ["ForwardedA1B2", "Other"]


def test_cdk_acknowledgement_on_the_stack_covers_every_rule(tmp_path: Path) -> None:
    metadata = {"/Audit": [ack_entry("the whole stack receives forwarded events")]}
    out = cdk_out(tmp_path / "out", metadata, cdk_path=True)
    r = run("lint", out, "--format", "json")
    # Other has no construct path (no aws:cdk:path, no logical id entry): nothing says where it is.
    assert [f["resource"] for f in r.json()["findings"]] == ["Other"]
    assert [a["resource"] for a in r.json()["acknowledged"]] == ["ForwardedA1B2"]


def test_real_cdk_app_acknowledgement(tmp_path: Path) -> None:
    import aws_cdk as cdk
    from aws_cdk import aws_events as events

    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "Audit", env=cdk.Environment(region="eu-west-1"))
    pattern = events.EventPattern(source=IAM["source"], detail_type=IAM["detail-type"], detail=IAM["detail"])
    acked = events.Rule(stack, "Forwarded", event_pattern=pattern)
    events.Rule(stack, "Other", event_pattern=pattern)
    cdk.Validations.of(acked).acknowledge(cdk.Acknowledgment(id="ctrules::CTR005", reason=REASON))
    app.synth()
    r = run("lint", tmp_path / "cdk.out", "--format", "json")
    assert [f["resource"].startswith("Other") for f in r.json()["findings"]] == [True]
    (a,) = r.json()["acknowledged"]
    assert a["resource"].startswith("Forwarded") and a["reason"] == REASON
    assert json.loads((tmp_path / "cdk.out" / "manifest.json").read_text())["artifacts"]["Audit"]
