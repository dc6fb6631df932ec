"""Bare event patterns (one, a list, a map; a file or standard input), Serverless Framework services, and
telling a file's format from its content."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from ctrules.inputs import read_path
from tests.cli.clihelp import GOOD, SEED, SEED_FIXED, Run, run, write

# DescribeInstances is read-only for EventBridge: only a rule with the read-only State gets it (CTR004).
DESCRIBE: dict[str, Any] = {
    "source": ["aws.ec2"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventName": ["DescribeInstances"]},
}
# IAM is a global service seen only in us-east-1 (CTR005 elsewhere, unless on a custom bus).
IAM: dict[str, Any] = {
    "source": ["aws.iam"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventName": ["CreateUser"]},
}


def run_stdin(text: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    return run("lint", "-", *args)


def test_one_pattern(tmp_path: Path) -> None:
    r = run("lint", write(tmp_path / "pattern.json", SEED), "--region", "us-east-1", "--format", "json")
    assert r.code == 1 and r.codes() == ["CTR001"]
    assert r.json()["findings"][0]["resource"] == "pattern"


def test_list_and_map_of_patterns(tmp_path: Path) -> None:
    r = run(
        "lint", write(tmp_path / "list.json", [GOOD, SEED, SEED_FIXED]), "--region", "us-east-1", "--format", "json"
    )
    assert [(f["resource"], f["code"]) for f in r.json()["findings"]] == [("pattern[1]", "CTR001")]
    yaml_map = "good:\n  source: [aws.ec2]\nnew-account:\n" + "".join(
        f"  {k}: {json.dumps(v)}\n" for k, v in SEED.items()
    )
    path = write(tmp_path / "patterns.yaml", yaml_map)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    (finding,) = r.json()["findings"]
    assert (finding["resource"], finding["code"], finding["line"]) == ("new-account", "CTR001", 3)
    assert r.json()["summary"]["rules"] == 2


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    r = run_stdin(json.dumps(SEED), "--region", "us-east-1", monkeypatch=monkeypatch)
    assert r.code == 1
    assert r.out.splitlines()[0].startswith("<stdin>:1  CTR001 error  pattern  eventName 'CreateAccountResult'")
    assert r.out.splitlines()[2] == "    at:  $.detail.eventName[0]"
    r = run_stdin("source: [aws.ec2]\n", monkeypatch=monkeypatch)  # YAML on stdin too
    assert (r.code, r.out) == (0, "ctrules: 0 errors, 0 warnings in 1 rule from 1 file\n")
    r = run_stdin("hello: world\n", monkeypatch=monkeypatch)
    assert r.code == 2 and r.err.startswith("ctrules: error: <stdin>: not a format ctrules reads; it reads ")


def test_state_bus_and_region_give_a_bare_pattern_its_context(tmp_path: Path) -> None:
    describe = write(tmp_path / "describe.json", DESCRIBE)
    assert run("lint", describe, "--format", "json").codes() == ["CTR004"]
    assert run("lint", describe, "--state", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS").code == 0
    iam = write(tmp_path / "iam.json", IAM)
    assert run("lint", iam, "--region", "eu-west-1", "--format", "json").codes() == ["CTR005"]
    assert run("lint", iam, "--region", "us-east-1").code == 0
    custom_bus = run("lint", iam, "--region", "eu-west-1", "--bus", "audit", "--format", "json")
    assert custom_bus.code == 0 and custom_bus.codes() == []
    bad = run("lint", iam, "--state", "enabled")
    assert bad.code == 2 and len(bad.err.splitlines()) == 1 and "invalid choice" in bad.err


def test_aws_cli_rule_descriptions(tmp_path: Path) -> None:
    described = {"Name": "reads", "EventPattern": json.dumps(DESCRIBE), "State": "ENABLED", "EventBusName": "default"}
    assert run("lint", write(tmp_path / "rule.json", described), "--format", "json").codes() == ["CTR004"]
    listed = {
        "Rules": [
            {**described, "Arn": "arn:aws:events:us-east-1:111122223333:rule/reads"},
            {"Name": "s", "ScheduleExpression": "rate(1 hour)"},
        ]
    }
    r = run("lint", write(tmp_path / "rules.json", listed), "--format", "json")
    assert [(f["resource"], f["code"]) for f in r.json()["findings"]] == [("reads", "CTR004")]


def test_format_is_told_by_content_not_extension(tmp_path: Path) -> None:
    hcl = 'resource "aws_cloudwatch_event_rule" "r" {\n  event_pattern = jsonencode({ source = ["aws.ec2"] })\n}\n'
    for name in ("rules.txt", "rules.json"):  # HCL under a misleading name
        result = read_path(str(write(tmp_path / name, hcl)))
        assert result.errors == [] and [f.kind for f in result.files] == ["Terraform configuration"]
    template = write(
        tmp_path / "template.txt",
        {"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": GOOD}}}},
    )
    assert [f.kind for f in read_path(str(template)).files] == ["CloudFormation template"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("package.json", {"name": "app", "version": "1.0.0"}),
        ("list.json", [1, 2]),
        ("notes.yaml", "just text\n"),
        ("workflow.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"),
    ],
)
def test_unrecognised_file_names_the_formats(tmp_path: Path, name: str, content: Any) -> None:
    path = write(tmp_path / name, content)
    r = run("lint", path)
    assert r.code == 2 and r.out == ""
    (line,) = r.err.splitlines()
    assert line.startswith(f"ctrules: error: {path}: not a format ctrules reads; it reads ")
    for fmt in (
        "CloudFormation",
        "Terraform .tf",
        "terragrunt.hcl",
        "terraform show -json",
        "serverless.yml",
        "cdk.out",
        "event patterns",
    ):
        assert fmt in line
    skipped = run("lint", path, "--skip-unrecognized")
    assert (skipped.code, skipped.out) == (0, "")
    assert skipped.err.startswith(f"ctrules: note: skipped {path}: not a format ctrules reads")


SERVERLESS = """\
service: accounts
frameworkVersion: "3"

custom:
  bus: audit

provider:
  name: aws
  runtime: python3.12
  region: us-east-1

functions:
  onAccount:
    handler: handler.on_account
    events:
      - eventBridge:
          pattern:
            source:
              - aws.organizations
            detail-type:
              - AWS API Call via CloudTrail
            detail:
              eventName:
                - CreateAccountResult
      - eventBridge:
          schedule: rate(1 hour)
  onDescribe:
    handler: handler.on_describe
    events:
      - http:
          path: /x
          method: get
      - eventBridge:
          eventBus: ${self:custom.bus}
          pattern:
            source: ["aws.ec2"]
            detail:
              eventName: ["${self:custom.name}"]
      - cloudwatchEvent:
          enabled: false
          event:
            source:
              - aws.ec2
            detail-type:
              - AWS API Call via CloudTrail
            detail:
              eventName:
                - DescribeInstances
"""


def test_serverless_framework_events(tmp_path: Path) -> None:
    path = write(tmp_path / "serverless.yml", SERVERLESS)
    r = run("lint", path, "--format", "json")
    doc = r.json()
    assert r.code == 1
    assert [(f["resource"], f["code"], f["region"], f["line"]) for f in doc["findings"]] == [
        (
            "onAccount/events[0].eventBridge",
            "CTR001",
            "us-east-1",
            SERVERLESS.splitlines().index("          pattern:") + 1,
        )
    ]
    # the DISABLED cloudwatchEvent rule is read (its state is DISABLED: no read-only finding); the pattern with a
    # ${self:...} variable the service does not define is checked on the rest, the unknown name not judged
    assert (doc["summary"]["rules"], doc["summary"]["checked"], doc["summary"]["deploy_time"]) == (3, 3, 0)
    (partly,) = doc["partly_checked"]
    assert partly["resource"] == "onDescribe/events[1].eventBridge"
    assert partly["unknown"] == [
        {"path": "$.detail.eventName[0]", "reason": "${self:custom.name}: the service has no 'custom.name'"}
    ]


_BROKEN_RESOURCE = """\
Resources:
  AccountRule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.organizations]
        detail-type: [AWS API Call via CloudTrail]
        detail:
          eventName: [CreateAccountResult]
"""


@pytest.mark.parametrize(
    ("resources", "label"),
    [
        ("resources: ${file(./resources.yml)}", "AccountRule"),  # the file a variable names
        ("resources:\n  - ${file(./resources.yml)}\n  - Outputs: {}", "AccountRule"),  # the list form Serverless merges
        ("resources:\n  - " + _BROKEN_RESOURCE.replace("\n", "\n    ").rstrip(), "AccountRule"),  # inline list entry
        ("resources: ${file(./missing.yml)}", None),  # unknown: named as not checked, never a silent pass
    ],
)
def test_serverless_resources_given_as_a_list_or_a_file_are_read(
    tmp_path: Path, resources: str, label: str | None
) -> None:
    write(tmp_path / "resources.yml", _BROKEN_RESOURCE)
    path = write(tmp_path / "serverless.yml", f"service: s\nprovider:\n  name: aws\n{resources}\n")
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    if label is None:
        assert doc["findings"] == [] and [r["resource"] for r in doc["not_checked"]] == ["resources"]
    else:
        assert [(f["resource"], f["code"]) for f in doc["findings"]] == [(label, "CTR001")]
