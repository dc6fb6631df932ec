"""``ctrules lint`` checks the paths that rules' targets read (CTR016): templates, SAM, output formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ctrules.inputs.cloudformation import rules_in_template, target_paths
from tests.cli.clihelp import SERVICE, rule, run, template, write

UPDATE: dict[str, Any] = {
    "source": ["aws.controltower"],
    "detail-type": [SERVICE],
    "detail": {"eventName": ["UpdateManagedAccount"], "eventSource": ["controltower.amazonaws.com"]},
}
WRONG = "$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId"
RIGHT = "$.detail.serviceEventDetails.updateManagedAccountStatus.account.accountId"


def targets(path: str) -> list[dict[str, Any]]:
    return [
        {"Id": "Log", "Arn": "arn:aws:logs:us-east-1:111111111111:log-group:x"},
        {
            "Id": "Baseline",
            "Arn": {"Ref": "Machine"},
            "InputTransformer": {"InputPathsMap": {"accountId": path}, "InputTemplate": '{"account": <accountId>}'},
        },
    ]


def test_target_paths_of_a_rule_resource() -> None:
    found = list(rules_in_template(template(Updated=rule(UPDATE, Targets=targets(WRONG)))))
    (r,) = found
    assert r.targets == ((WRONG, "Targets[1].InputTransformer.InputPathsMap.accountId", "accountId"),)
    assert r.targets_at == ("Resources", "Updated", "Properties")


def test_target_paths_reads_input_path_and_odd_names_and_skips_intrinsics() -> None:
    target = {
        "InputPath": "$.detail",
        "InputTransformer": {"InputPathsMap": {"a b": "$.source", "x": {"Fn::Sub": "$.detail.${P}"}}},
    }
    assert target_paths(target, ("Targets", 3)) == [
        ("$.detail", "Targets[3].InputPath", None),
        ("$.source", 'Targets[3].InputTransformer.InputPathsMap["a b"]', "a b"),
    ]
    assert target_paths({"Fn::If": ["C", {}, {}]}, ("Targets", 0)) == []


def test_text_output_names_the_file_line_and_target_field(tmp_path: Path) -> None:
    doc = template(Updated=rule(UPDATE, Targets=targets(WRONG)), Fixed=rule(UPDATE, Targets=targets(RIGHT)))
    path = write(tmp_path / "t.json", doc)
    r = run("lint", path, "--region", "us-east-1")
    assert r.code == 1, r.out
    line = path.read_text().splitlines().index('    "Updated": {') + 1
    (head, *indented, summary) = r.out.splitlines()
    assert head.startswith(f"{path}:{line}  CTR016 error  Updated  input path '{WRONG}' (variable <accountId>)")
    assert all(x.startswith("    ") for x in indented)
    finding = "\n".join([head, *indented])
    assert "    at:  Targets[1].InputTransformer.InputPathsMap.accountId" in indented
    assert "UpdateManagedAccount" in finding and "receives nothing for <accountId>" in finding
    assert f"fix: read '{RIGHT}' instead" in finding
    assert summary == "ctrules: 1 error, 0 warnings in 2 rules from 1 file"


def test_json_and_sarif_carry_the_target_field(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Updated=rule(UPDATE, Targets=targets(WRONG))))
    (f,) = run("lint", path, "--region", "us-east-1", "--format", "json").json()["findings"]
    assert f["code"] == "CTR016" and f["check"] == "input-path"
    assert f["path"] == "Targets[1].InputTransformer.InputPathsMap.accountId"
    assert f["location"] == "$.Resources.Updated.Properties.Targets[1].InputTransformer.InputPathsMap.accountId"
    sarif = run("lint", path, "--region", "us-east-1", "--format", "sarif").json()
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "CTR016" and result["properties"]["path"] == f["path"]
    assert result["locations"][0]["logicalLocations"][1]["fullyQualifiedName"] == f["location"]
    assert "CTR016" in [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]


def test_same_pattern_different_targets_are_judged_apart(tmp_path: Path) -> None:
    doc = template(A=rule(UPDATE, Targets=targets(RIGHT)), B=rule(UPDATE, Targets=targets(WRONG)))
    r = run("lint", write(tmp_path / "t.json", doc), "--region", "us-east-1", "--format", "json")
    assert [(f["resource"], f["code"]) for f in r.json()["findings"]] == [("B", "CTR016")]


def test_ignore_ctr016(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Updated=rule(UPDATE, Targets=targets(WRONG))))
    assert run("lint", path, "--region", "us-east-1", "--ignore", "CTR016").code == 0


def test_sam_event_input_transformer(tmp_path: Path) -> None:
    text = f"""\
Transform: AWS::Serverless-2016-10-31
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): pass"
      Events:
        Updated:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [aws.controltower]
              detail-type: ["{SERVICE}"]
              detail:
                eventName: [UpdateManagedAccount]
            InputTransformer:
              InputPathsMap:
                accountId: "{WRONG}"
              InputTemplate: '{{"account": <accountId>}}'
"""
    r = run("lint", write(tmp_path / "template.yaml", text), "--region", "us-east-1", "--format", "json")
    (f,) = r.json()["findings"]
    assert (f["code"], f["resource"], f["path"]) == ("CTR016", "Handler/Updated", "InputTransformer.InputPathsMap.accountId")
    assert f["location"] == "$.Resources.Handler.Properties.Events.Updated.Properties.InputTransformer.InputPathsMap.accountId"


TF = """
resource "aws_cloudwatch_event_rule" "updated" {
  name = "ct-updated"
  event_pattern = jsonencode({
    source        = ["aws.controltower"]
    "detail-type" = ["AWS Service Event via CloudTrail"]
    detail        = { eventName = ["UpdateManagedAccount"] }
  })
}
"""
TF_TARGET = """
resource "aws_cloudwatch_event_target" "baseline" {
  rule = aws_cloudwatch_event_rule.updated.name
  arn  = aws_sfn_state_machine.baseline.arn
  input_transformer {
    input_paths    = { accountId = "PATH" }
    input_template = "{\\"account\\": <accountId>}"
  }
}
"""


def test_terraform_target_in_another_file_of_the_module(tmp_path: Path) -> None:
    write(tmp_path / "rules.tf", TF)
    write(tmp_path / "targets.tf", TF_TARGET.replace("PATH", WRONG))
    for given in (tmp_path, tmp_path / "rules.tf"):
        r = run("lint", given, "--region", "us-east-1", "--format", "json")
        (f,) = r.json()["findings"]
        assert (f["code"], f["resource"], f["severity"]) == ("CTR016", "aws_cloudwatch_event_rule.updated", "error")
        assert f["path"] == f["location"] == "aws_cloudwatch_event_target.baseline.input_transformer.input_paths.accountId"
        assert f["file"].endswith("rules.tf")
    write(tmp_path / "targets.tf", TF_TARGET.replace("PATH", RIGHT))
    assert run("lint", tmp_path, "--region", "us-east-1").code == 0


def test_terraform_plan_target(tmp_path: Path) -> None:
    rule_values = {"name": "ct-updated", "event_pattern": json.dumps(UPDATE), "state": "ENABLED"}
    target_values = {"rule": "ct-updated", "input_path": WRONG, "input_transformer": []}
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": [
            {"address": "aws_cloudwatch_event_rule.updated", "mode": "managed", "type": "aws_cloudwatch_event_rule",
             "name": "updated", "values": rule_values},
            {"address": "aws_cloudwatch_event_target.baseline", "mode": "managed", "type": "aws_cloudwatch_event_target",
             "name": "baseline", "values": target_values},
        ]}},
    }  # fmt: skip
    r = run("lint", write(tmp_path / "plan.json", plan), "--region", "us-east-1")
    assert r.code == 1
    assert "CTR016 error  aws_cloudwatch_event_rule.updated  " in r.out
    assert "    at:  aws_cloudwatch_event_target.baseline.input_path" in r.out
    assert "InputPath" in r.out and "receives nothing for it" in r.out


def test_serverless_function_event_input_transformer(tmp_path: Path) -> None:
    text = f"""\
service: accounts
provider:
  name: aws
  region: us-east-1
functions:
  baseline:
    handler: handler.main
    events:
      - eventBridge:
          pattern:
            source: [aws.controltower]
            detail-type: ["{SERVICE}"]
            detail:
              eventName: [UpdateManagedAccount]
          inputTransformer:
            inputPathsMap:
              accountId: "{WRONG}"
            inputTemplate: '{{"account": <accountId>}}'
      - eventBridge:
          pattern:
            source: [aws.controltower]
            detail-type: ["{SERVICE}"]
            detail:
              eventName: [UpdateManagedAccount]
          inputPath: "{RIGHT.rsplit('.', 2)[0]}"
"""
    r = run("lint", write(tmp_path / "serverless.yml", text), "--format", "json")
    (f,) = r.json()["findings"]
    assert (f["code"], f["resource"], f["path"]) == (
        "CTR016", "baseline/events[0].eventBridge", "inputTransformer.inputPathsMap.accountId"
    )
    assert f["location"] == "$.functions.baseline.events[0].eventBridge.inputTransformer.inputPathsMap.accountId"


def test_intrinsics_inside_a_pattern_are_named_as_parts_not_checked(tmp_path: Path) -> None:
    """eventName: !Ref Names (or !If) is resolved at deploy time: the rest of the pattern is checked, the rule is
    listed as checked partly with the parts ctrules could not judge, never reported as wholly clean."""
    template = tmp_path / "t.yaml"
    template.write_text(
        """\
Parameters:
  Names: {Type: CommaDelimitedList, Default: CreateAccountResult}
Resources:
  Acct:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.organizations]
        detail-type: [AWS API Call via CloudTrail]
        detail:
          eventName: !Ref Names
          errorCode: [!If [C, x, y]]
""",
        encoding="utf-8",
    )
    r = run("lint", template, "--format", "json", "--region", "us-east-1")
    doc = r.json()
    assert r.code == 0 and doc["findings"] == []
    (partly,) = doc["partly_checked"]
    assert [u["path"] for u in partly["unknown"]] == ["$.detail.eventName", "$.detail.errorCode[0]"]
    assert "Ref 'Names'" in partly["unknown"][0]["reason"]
    assert "checked partly" in run("lint", template, "--region", "us-east-1").out
