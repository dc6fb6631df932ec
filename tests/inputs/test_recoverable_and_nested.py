"""A defect elsewhere in a file never stops the checks; rules inside other documents are found at their own lines;
what cannot be read is counted as not checked, never clean."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli.clihelp import GOOD, SEED, rule, run, template, write

DUPLICATES_YAML = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Type: String
Resources:
  NewAccount:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.organizations]
        detail-type: [AWS Service Event via CloudTrail]
        detail-type: [AWS API Call via CloudTrail]
        detail:
          eventName: [CreateAccountResult]
  Other:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.ec2]
        detail-type: [AWS API Call via CloudTrail]
        detail:
          eventName: [RunInstancs]
"""


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if snippet in line]
    return lines[nth - 1]


def test_duplicate_keys_are_findings_and_every_rule_is_checked(tmp_path: Path) -> None:
    path = write(tmp_path / "t.yaml", DUPLICATES_YAML)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert r.code == 1, r.err
    doc = r.json()
    found = {(f["code"], f["severity"], f["line"], f["resource"]) for f in doc["findings"]}
    # Inside a rule: an error at the second key; elsewhere: a warning.
    assert ("CTR000", "error", line_of(DUPLICATES_YAML, "detail-type", 2), "NewAccount") in found
    assert ("CTR000", "warning", line_of(DUPLICATES_YAML, "Type: String", 2), "Env") in found
    # The last value is checked, as CloudFormation deploys it; the other rule is checked too.
    codes = {(f["resource"], f["code"]) for f in doc["findings"]}
    assert ("NewAccount", "CTR001") in codes and ("Other", "CTR003") in codes
    assert doc["summary"]["checked"] == 2 and doc["problems"] == []


def test_duplicate_keys_in_json_name_their_lines(tmp_path: Path) -> None:
    text = (
        '{"Resources": {\n'
        '  "R": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {\n'
        '    "source": ["aws.ec2"], "source": ["aws.organizations"],\n'
        '    "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["CreateAccountResult"]}}}}\n'
        "}}\n"
    )
    r = run("lint", write(tmp_path / "t.json", text), "--format", "json")
    ctr000 = [f for f in r.json()["findings"] if f["code"] == "CTR000"]
    assert [(f["line"], f["severity"], f["resource"]) for f in ctr000] == [(3, "error", "R")]
    assert "CTR001" in {f["code"] for f in r.json()["findings"]}  # aws.organizations (the last) was checked


def test_duplicate_key_dropping_a_rule_is_an_error(tmp_path: Path) -> None:
    text = "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties: {EventPattern: {source: [aws.ec2]}}\n" \
        "  R:\n    Type: AWS::SNS::Topic\n"
    r = run("lint", write(tmp_path / "t.yaml", text))
    assert r.code == 1
    assert "t.yaml:5  CTR000 error  R  key 'R' appears twice in one mapping (first at line 2)" in r.out
    assert "holds an EventBridge rule" in r.out


STACK_SET_YAML = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrgRules:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: org-rules
      PermissionModel: SERVICE_MANAGED
      TemplateBody: |
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Inner:
            Type: AWS::Events::Rule
            Properties:
              EventPattern:
                source: [aws.organizations]
                detail-type: [AWS API Call via CloudTrail]
                detail:
                  eventName: [CreateAccountResult]
"""


def test_stack_set_template_body_rules_at_their_own_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "stackset.yaml", STACK_SET_YAML)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    (f,) = [f for f in r.json()["findings"] if f["code"] == "CTR001"]
    assert (f["file"], f["resource"], f["line"]) == (str(path), "OrgRules/Inner", line_of(STACK_SET_YAML, "Inner:"))


def test_stack_set_template_body_as_a_json_string(tmp_path: Path) -> None:
    inner = json.dumps(template(Inner=rule(SEED)))
    doc = template(OrgRules={"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": inner}})
    path = write(tmp_path / "t.json", doc)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    (f,) = [f for f in r.json()["findings"] if f["code"] == "CTR001"]
    assert f["resource"] == "OrgRules/Inner"
    assert f["line"] == path.read_text().splitlines().index('      "Properties": {') + 2  # the TemplateBody


def test_stack_set_body_that_does_not_parse_is_not_checked(tmp_path: Path) -> None:
    doc = template(S={"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": "Resources: ["}},
                   R=rule(GOOD))  # fmt: skip
    r = run("lint", write(tmp_path / "t.json", doc), "--format", "json")
    (nc,) = r.json()["not_checked"]
    assert nc["resource"] == "S" and "TemplateBody cannot be read" in nc["reason"]
    assert r.json()["summary"]["not_checked"] == 1
    text = run("lint", tmp_path / "t.json").out
    assert "1 part of files that could not be read, not checked" in text
    line = next(i for i, t in enumerate((tmp_path / "t.json").read_text().splitlines(), 1) if "TemplateBody" in t)
    assert f"{tmp_path / 't.json'}:{line}  not checked  S  its TemplateBody cannot be read" in text
    deploy = write(tmp_path / "d.json", template(D=rule({"Fn::Sub": "x"})))
    assert f"{deploy}:4  not checked  D  " in run("lint", deploy).out
    assert "not checked  D" not in run("lint", deploy, "--quiet").out


SAM_PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Child:
    Type: AWS::Serverless::Application
    Properties:
      Location: ./child/template.yaml
  Outside:
    Type: AWS::Serverless::Application
    Properties:
      Location: ../../elsewhere/template.yaml
  Published:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/x
        SemanticVersion: 1.0.0
"""


def test_sam_application_local_template(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "app" / "template.yaml", SAM_PARENT)
    child = write(repo / "app" / "child" / "template.yaml", json.dumps(template(Inner=rule(SEED)), indent=2))
    write(tmp_path / "elsewhere" / "template.yaml", json.dumps(template(X=rule(SEED))))
    r = run("lint", repo / "app" / "template.yaml", "--region", "us-east-1", "--format", "json")
    (f,) = [f for f in r.json()["findings"] if f["code"] == "CTR001"]
    assert f["file"] == os.path.normpath(str(repo / "app" / "child" / "template.yaml"))
    assert f["line"] == child.read_text().splitlines().index('    "Inner": {') + 1
    (nc,) = r.json()["not_checked"]
    assert nc["resource"] == "Outside" and "outside" in nc["reason"]
    # A folder scan reads the child once, not once for the application and once as a file.
    whole = run("lint", repo, "--region", "us-east-1", "--format", "json").json()
    assert [x["resource"] for x in whole["findings"] if x["code"] == "CTR001"] == ["Inner"]


@pytest.mark.parametrize(
    ("doc", "resource"),
    [
        ({"Transform": "MyMacro", "Resources": {"R": rule(GOOD)}}, "Transform MyMacro"),
        ({"Resources": {"R": rule(GOOD), "Fn::Transform": {"Name": "AWS::Include",
                                                            "Parameters": {"Location": "s3://b/k"}}}}, "Resources.Fn::Transform"),
    ],
)  # fmt: skip
def test_transforms_that_hide_resources_are_not_checked(tmp_path: Path, doc: dict[str, Any], resource: str) -> None:
    path = write(tmp_path / "t.json", doc)
    r = run("lint", path, "--format", "json")
    assert r.code == 0
    assert [n["resource"] for n in r.json()["not_checked"]] == [resource]
    sarif = run("lint", path, "--format", "sarif").json()
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("not checked" in n["message"]["text"] for n in notes)


def test_cdk_acknowledgement_without_a_reason_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "cdk.out"
    artifact = {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-west-1",
                "properties": {"templateFile": "S.template.json"},
                "metadata": {"/S/R": [{"type": "aws:cdk:acknowledged-rules", "data": {"ctrules::CTR005": "  "}}],
                             "/S/R/Resource": [{"type": "aws:cdk:logicalId", "data": "R"}]}}  # fmt: skip
    write(out / "manifest.json", {"version": "48.0.0", "artifacts": {"S": artifact}})
    iam = {"source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"],
           "detail": {"eventName": ["CreateUser"]}}  # fmt: skip
    write(out / "S.template.json", template(R=rule(iam)))
    r = run("lint", out)
    assert r.code == 2
    assert "acknowledges CTR005 without a reason" in r.err
    assert "CTR005 error  R  " in r.out  # not acknowledged: still reported


def test_nested_assembly_manifest_is_confined(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "manifest.json", {"version": "48.0.0", "artifacts": {}})
    out = tmp_path / "cdk.out"
    write(out / "manifest.json", {"version": "48.0.0", "artifacts": {
        "Stage": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Stage"}}}})  # fmt: skip
    (out / "assembly-Stage").mkdir()
    (out / "assembly-Stage" / "manifest.json").symlink_to(outside / "manifest.json")
    r = run("lint", out)
    assert r.code == 2 and "leads outside the cloud assembly folder" in r.err


def test_a_rule_whose_properties_cannot_be_read_is_never_dropped(tmp_path: Path) -> None:
    doc = template(Odd={"Type": "AWS::Events::Rule", "Properties": ["EventPattern"]},
                   Cond={"Type": "AWS::Events::Rule", "Properties": {"Fn::If": ["C", {}, {}]}}, Ok=rule(GOOD))  # fmt: skip
    r = run("lint", write(tmp_path / "t.json", doc), "--format", "json")
    assert r.code == 1
    assert [(f["code"], f["severity"], f["resource"]) for f in r.json()["findings"]] == [("CTR000", "error", "Odd")]
    assert [n["resource"] for n in r.json()["not_checked"]] == ["Cond"]


def _sam_function(events: Any) -> dict[str, Any]:
    return {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "h", "Runtime": "python3.12", "Events": events}}


@pytest.mark.parametrize(
    ("events", "resource"),
    [
        ({"Fn::If": ["Prod", {"E": {"Type": "EventBridgeRule", "Properties": {"Pattern": SEED}}}, {}]}, "Fn"),
        ({"E": {"Fn::If": ["Prod", {"Type": "EventBridgeRule", "Properties": {"Pattern": SEED}}, {"Ref": "AWS::NoValue"}]}},
         "Fn/E"),
        ({"E": {"Type": "EventBridgeRule", "Properties": {"Fn::If": ["Prod", {"Pattern": SEED}, {"Pattern": GOOD}]}}},
         "Fn/E"),
    ],
)  # fmt: skip
def test_sam_events_behind_an_intrinsic_are_not_checked_never_dropped(
    tmp_path: Path, events: Any, resource: str
) -> None:
    """A SAM function's Events (or one event, or its Properties) given as an intrinsic may hold a rule: counted as
    not checked, never silently left out."""
    doc = {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": _sam_function(events)}}
    r = run("lint", write(tmp_path / "t.json", doc), "--format", "json")
    assert r.code == 0
    assert [n["resource"] for n in r.json()["not_checked"]] == [resource]


def test_sam_event_written_out_is_checked(tmp_path: Path) -> None:
    """The same event written out is checked (its mistake is a finding), and nothing is listed as not checked."""
    events = {"E": {"Type": "EventBridgeRule", "Properties": {"Pattern": SEED}}}
    doc = {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": _sam_function(events)}}
    r = run("lint", write(tmp_path / "t.json", doc), "--format", "json")
    assert r.code == 1
    assert "CTR001" in r.codes() and r.json()["not_checked"] == []
