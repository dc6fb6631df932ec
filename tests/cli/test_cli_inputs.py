"""``ctrules lint`` reads every kind of input: CloudFormation (JSON, YAML), SAM, Terraform, cdk.out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.inputs import TemplateRule, parse_document, read_path, rules_in_template, rules_in_terraform
from tests.cli.clihelp import API, GOOD, SEED, SEED_FIXED, SERVICE, rule, run, template, write

# ------------------------------------------------------------------------------------------ CloudFormation


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def test_json_template_seed_mistake_is_ctr001(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(NewAccount=rule(SEED), Ok=rule(GOOD)))
    r = run("lint", path, "--region", "us-east-1")
    assert r.code == 1
    lines = r.out.splitlines()
    line = path.read_text().splitlines().index('    "NewAccount": {') + 1
    assert lines[0].startswith(f"{path}:{line}  CTR001 error  NewAccount  eventName 'CreateAccountResult'")
    assert lines[2:4] == ["    at:  $.detail.eventName[0]", "    fix: use detail-type 'AWS Service Event via CloudTrail'"]
    assert lines[-1] == "ctrules: 1 error, 0 warnings in 2 rules from 1 file"
    assert r.err == ""


def test_json_template_fixed_passes(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(NewAccount=rule(SEED_FIXED)))
    r = run("lint", path, "--region", "us-east-1")
    assert (r.code, r.out) == (0, "ctrules: 0 errors, 0 warnings in 1 rule from 1 file\n")


def test_event_pattern_as_json_string(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(NewAccount=rule(json.dumps(SEED))))
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert r.code == 1
    (finding,) = r.json()["findings"]
    assert finding["code"] == "CTR001"
    assert finding["location"] == "$.Resources.NewAccount.Properties.EventPattern.detail.eventName[0]"


def test_rule_properties_feed_the_checks(tmp_path: Path) -> None:
    read_only = {"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["DescribeInstances"]}}
    iam = {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}}
    path = write(
        tmp_path / "t.json",
        template(
            Plain=rule(read_only),  # State ENABLED by default -> CTR004
            AllEvents=rule(read_only, State="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
            Unknown=rule(read_only, State={"Fn::If": ["C", "ENABLED", "DISABLED"]}),  # can't tell: silent
            IamDefaultBus=rule(iam),
            IamCustomBus=rule(iam, EventBusName={"Ref": "Bus"}),  # forwarded events: no region check
            IamBusArn=rule(iam, EventBusName="arn:aws:events:eu-west-1:123456789012:event-bus/default"),
            Sub=rule({"Fn::Sub": '{"source": ["${Source}"]}'}),  # checked, the source known only at deploy time
            Joined=rule({"Fn::Join": ["", ['{"source": [', {"Ref": "S"}, "]}"]]}),  # known only at deploy time
            Schedule={"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(1 hour)"}},
        ),
    )
    r = run("lint", path, "--region", "eu-west-1", "--format", "json")
    found = {(f["resource"], f["code"]) for f in r.json()["findings"]}
    assert found == {("Plain", "CTR004"), ("IamDefaultBus", "CTR005"), ("IamBusArn", "CTR005")}
    summary = r.json()["summary"]
    assert (summary["rules"], summary["checked"], summary["deploy_time"]) == (8, 7, 1)
    (partly,) = r.json()["partly_checked"]
    assert partly["resource"] == "Sub"
    assert partly["unknown"] == [{"path": "$.source[0]", "reason": "${Source}: Fn::Sub writes it in at deploy time"}]


YAML_TEMPLATE = """\
AWSTemplateFormatVersion: 2010-09-09
Transform: AWS::LanguageExtensions
Parameters:
  Bus: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Both: !And [!Condition IsProd, !Not [!Equals [a, b]], !Or [!Condition IsProd, !Condition IsProd]]
Resources:
  Everything:
    Type: AWS::Events::Rule
    Properties:
      Name: !Sub "rule-${AWS::Region}"
      Arn: !GetAtt Topic.Arn
      ArnList: !GetAtt [Topic, Arn]
      Joined: !Join ["-", [a, !Ref Bus]]
      Chosen: !If [IsProd, !Select [0, !GetAZs ""], !Split [",", "a,b"]]
      Mapped: !FindInMap [Map, !Ref "AWS::Region", Key]
      Data: !Base64 hello
      Cidrs: !Cidr [10.0.0.0/16, 4, 8]
      Imported: !ImportValue shared-bus
      Snippet: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
      Date: 2024-01-01
  NewAccount:
    Type: AWS::Events::Rule
    Properties:
      State: ENABLED
      EventPattern:
        source: [aws.organizations]
        detail-type:
          - AWS API Call via CloudTrail
        detail:
          eventName: [CreateAccountResult]
          userIdentity:
            arn: [!Sub "arn:aws:iam::${AWS::AccountId}:root"]
  FromSub:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: !Sub '{"source": ${Sources}}'
"""


def test_yaml_short_tags_become_long_forms() -> None:
    doc = parse_document(YAML_TEMPLATE, "t.yaml")
    props = doc["Resources"]["Everything"]["Properties"]
    assert doc["AWSTemplateFormatVersion"] == "2010-09-09"  # a string, as CloudFormation reads it
    assert props["Date"] == "2024-01-01"
    assert props["Name"] == {"Fn::Sub": "rule-${AWS::Region}"}
    assert props["Arn"] == {"Fn::GetAtt": ["Topic", "Arn"]}
    assert props["ArnList"] == {"Fn::GetAtt": ["Topic", "Arn"]}
    assert props["Joined"] == {"Fn::Join": ["-", ["a", {"Ref": "Bus"}]]}
    assert props["Chosen"] == {
        "Fn::If": ["IsProd", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Fn::Split": [",", "a,b"]}]
    }
    assert props["Mapped"] == {"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Key"]}
    assert props["Data"] == {"Fn::Base64": "hello"}
    assert props["Cidrs"] == {"Fn::Cidr": ["10.0.0.0/16", 4, 8]}
    assert props["Imported"] == {"Fn::ImportValue": "shared-bus"}
    assert props["Snippet"] == {
        "Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}
    }
    conditions = doc["Conditions"]
    assert conditions["IsProd"] == {"Fn::Equals": [{"Ref": "Env"}, "prod"]}
    assert conditions["Both"] == {
        "Fn::And": [
            {"Condition": "IsProd"},
            {"Fn::Not": [{"Fn::Equals": ["a", "b"]}]},
            {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsProd"}]},
        ]
    }


def test_yaml_template_lints_with_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "template.yaml", YAML_TEMPLATE)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert r.code == 1, r.err
    (finding,) = r.json()["findings"]
    line = line_of(YAML_TEMPLATE, "  NewAccount:")
    assert (finding["resource"], finding["code"], finding["line"]) == ("NewAccount", "CTR001", line)
    assert r.json()["summary"]["deploy_time"] == 1


def test_yaml_file_with_template_extension_and_flow_style(tmp_path: Path) -> None:
    flow = "{Resources: {R: {Type: 'AWS::Events::Rule', Properties: {EventPattern: PATTERN}}}}"
    flow = flow.replace("PATTERN", json.dumps(SEED))
    r = run("lint", write(tmp_path / "flow.template", flow), "--region", "us-east-1", "--format", "json")
    assert r.codes() == ["CTR001"]


# -------------------------------------------------------------------------------------------------- SAM

SAM_TEMPLATE = f"""\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        OnNewAccount:
          Type: EventBridgeRule
          Properties:
            Pattern: {json.dumps(SEED)}
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
        OnDescribe:
          Type: CloudWatchEvent
          Properties:
            Pattern:
              source: [aws.ec2]
              detail-type: [{API}]
              detail:
                eventName: [DescribeInstances]
        OnDescribeOff:
          Type: CloudWatchEvent
          Properties:
            Enabled: false
            Pattern:
              source: [aws.ec2]
              detail-type: [{API}]
              detail:
                eventName: [DescribeInstances]
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Events:
        OnSignin:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref Bus
            State: ENABLED
            Pattern:
              source: [aws.ec2]
              detail-type: [AWS API Call via Cloudtrail]
              detail:
                eventName: [RunInstances]
  Plain:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: {json.dumps(SEED_FIXED)}
"""


def test_sam_function_and_state_machine_events(tmp_path: Path) -> None:
    path = write(tmp_path / "sam.yaml", SAM_TEMPLATE)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert r.code == 1, r.err
    found = {(f["resource"], f["code"], f["resource_type"]) for f in r.json()["findings"]}
    assert found == {
        ("Handler/OnNewAccount", "CTR001", "AWS::Serverless::Function"),
        ("Handler/OnDescribe", "CTR004", "AWS::Serverless::Function"),
        ("Flow/OnSignin", "CTR007", "AWS::Serverless::StateMachine"),
    }
    assert r.json()["summary"]["rules"] == 5
    lines = {f["resource"]: f["line"] for f in r.json()["findings"]}
    assert lines["Handler/OnNewAccount"] == line_of(SAM_TEMPLATE, "        OnNewAccount:")
    assert lines["Flow/OnSignin"] == line_of(SAM_TEMPLATE, "        OnSignin:")
    text = run("lint", path, "--region", "us-east-1")
    assert f"{path}:{lines['Handler/OnNewAccount']}  CTR001 error  Handler/OnNewAccount  " in text.out


def test_sam_rules_shared_function() -> None:
    doc = parse_document(SAM_TEMPLATE, "sam.yaml")
    rules = list(rules_in_template(doc))
    assert [r.label for r in rules] == [
        "Handler/OnNewAccount",
        "Handler/OnDescribe",
        "Handler/OnDescribeOff",
        "Flow/OnSignin",
        "Plain",
    ]
    off = rules[2]
    assert (off.state, off.logical_id) == ("DISABLED", "Handler")
    assert rules[3].default_bus is False
    assert rules[0].location == (
        "Resources",
        "Handler",
        "Properties",
        "Events",
        "OnNewAccount",
        "Properties",
        "Pattern",
    )


# -------------------------------------------------------------------------------------------- Terraform


def tf_rule(name: str, pattern: Any, **values: Any) -> dict[str, Any]:
    return {
        "address": name if name.startswith("module.") else f"aws_cloudwatch_event_rule.{name}",
        "mode": "managed",
        "type": "aws_cloudwatch_event_rule",
        "name": name.rsplit(".", 1)[-1],
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": {"event_pattern": json.dumps(pattern) if pattern is not None else None, **values},
    }


def tf_plan(region: Any, resources: list[dict[str, Any]], children: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {
            "root_module": {
                "resources": resources,
                "child_modules": [{"address": "module.audit", "resources": children}],
            }
        },
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": region}},
            },
            "root_module": {"resources": [], "module_calls": {"audit": {"module": {"resources": []}}}},
        },
    }


IAM = {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}}
DESCRIBE = {"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["DescribeInstances"]}}


def test_terraform_plan(tmp_path: Path) -> None:
    plan = tf_plan(
        {"constant_value": "eu-west-1"},
        [
            tf_rule("seed", SEED, state="ENABLED", event_bus_name="default"),
            tf_rule("describe", DESCRIBE, state="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
            tf_rule("describe_old", DESCRIBE, is_enabled=False),  # older provider: a bool
            tf_rule("describe_on", DESCRIBE, is_enabled=True),
            tf_rule("schedule", None, schedule_expression="rate(5 minutes)"),
            tf_rule("iam_us", IAM, region="us-east-1"),  # AWS provider 6: per-resource region
        ],
        [tf_rule("module.audit.aws_cloudwatch_event_rule.iam", IAM, event_bus_name="audit")],
    )
    plan["planned_values"]["root_module"]["child_modules"][0]["resources"].append(
        tf_rule("module.audit.aws_cloudwatch_event_rule.iam_default", IAM)
    )
    path = write(tmp_path / "plan.json", plan)
    r = run("lint", path, "--format", "json")
    assert r.code == 1, r.err
    found = {(f["resource"], f["code"], f["severity"], f["region"]) for f in r.json()["findings"]}
    assert found == {
        ("aws_cloudwatch_event_rule.seed", "CTR001", "error", "eu-west-1"),
        ("aws_cloudwatch_event_rule.seed", "CTR005", "error", "eu-west-1"),
        ("aws_cloudwatch_event_rule.describe_on", "CTR004", "error", "eu-west-1"),
        ("module.audit.aws_cloudwatch_event_rule.iam_default", "CTR005", "error", "eu-west-1"),
    }
    assert r.json()["summary"]["rules"] == 7
    seed = next(f for f in r.json()["findings"] if f["code"] == "CTR001")
    assert (
        seed["location"]
        == "$.planned_values.root_module.resources[0].values.event_pattern.detail.eventName[0]"
    )


def test_terraform_region_from_variable_or_flag(tmp_path: Path) -> None:
    plan = tf_plan({"references": ["var.region"]}, [tf_rule("iam", IAM)], [])
    plan["variables"] = {"region": {"value": "ap-southeast-2"}}
    r = run("lint", write(tmp_path / "var.json", plan), "--format", "json")
    assert {(f["code"], f["region"]) for f in r.json()["findings"]} == {("CTR005", "ap-southeast-2")}
    # No region in the plan: --region fills in; without it, CTR005 is a warning.
    unknown = tf_plan({"references": ["data.x.y"]}, [tf_rule("iam", IAM)], [])
    path = write(tmp_path / "unknown.json", unknown)
    assert run("lint", path, "--format", "json").json()["findings"][0]["severity"] == "warning"
    assert run("lint", path, "--region", "us-east-1").code == 0


def test_terraform_state_json(tmp_path: Path) -> None:
    state = {
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {"resources": [tf_rule("seed", SEED)]}},
    }
    r = run("lint", write(tmp_path / "state.json", state), "--region", "us-east-1", "--format", "json")
    assert r.codes() == ["CTR001"]


def test_terraform_rules_reader_is_total() -> None:
    assert list(rules_in_terraform([])) == []
    assert (
        list(rules_in_terraform({"planned_values": {"root_module": {"resources": [1, {"type": 2}]}}})) == []
    )


# ------------------------------------------------------------------------------------------------ cdk.out


def manifest(artifacts: dict[str, Any]) -> dict[str, Any]:
    return {"version": "48.0.0", "artifacts": artifacts}


def stack_artifact(template_file: str, env: str) -> dict[str, Any]:
    return {
        "type": "aws:cloudformation:stack",
        "environment": env,
        "properties": {"templateFile": template_file},
    }


def test_cdk_out_with_nested_assembly(tmp_path: Path) -> None:
    out = tmp_path / "cdk.out"
    iam_rule = rule(IAM)
    iam_rule["Metadata"] = {"aws:cdk:path": "Root/Iam/Resource"}
    write(
        out / "manifest.json",
        manifest(
            {
                "Root": stack_artifact("Root.template.json", "aws://123456789012/eu-west-1"),
                "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}},
                "assembly-Prod": {
                    "type": "cdk:cloud-assembly",
                    "properties": {"directoryName": "assembly-Prod", "displayName": "Prod"},
                },
            }
        ),
    )
    write(out / "Root.template.json", template(Iam=iam_rule))
    write(
        out / "assembly-Prod" / "manifest.json",
        manifest(
            {
                "ProdOrg": stack_artifact("ProdOrg.template.json", "aws://unknown-account/unknown-region"),
            }
        ),
    )
    write(out / "assembly-Prod" / "ProdOrg.template.json", template(NewAccount=rule(SEED)))
    r = run("lint", out, "--format", "json")
    assert r.code == 1, r.err
    found = {(f["file"], f["resource"], f["code"], f["severity"]) for f in r.json()["findings"]}
    assert found == {
        (str(out / "Root.template.json"), "Iam", "CTR005", "error"),  # eu-west-1 from the environment
        (str(out / "assembly-Prod" / "ProdOrg.template.json"), "NewAccount", "CTR001", "error"),
        (str(out / "assembly-Prod" / "ProdOrg.template.json"), "NewAccount", "CTR005", "warning"),
    }
    iam = next(f for f in r.json()["findings"] if f["resource"] == "Iam")
    assert iam["cdk_path"] == "Root/Iam/Resource"
    # --region applies to the environment-agnostic stack only.
    r = run("lint", out, "--region", "us-east-1", "--format", "json")
    assert {(f["resource"], f["code"], f["region"]) for f in r.json()["findings"]} == {
        ("Iam", "CTR005", "eu-west-1"),
        ("NewAccount", "CTR001", "us-east-1"),
    }
    # The manifest file itself is accepted too.
    assert run("lint", out / "manifest.json", "--format", "json").codes() == [*r.codes(), "CTR005"]


def test_synthesized_cdk_app(tmp_path: Path) -> None:
    """A real cloud assembly: a stage (nested assembly), an env-agnostic stack and a nested stack."""
    import aws_cdk as cdk
    from aws_cdk import aws_events as events

    def add(scope: Any, name: str, pattern: dict[str, Any]) -> None:
        events.Rule(
            scope,
            name,
            event_pattern=events.EventPattern(
                source=pattern["source"], detail_type=pattern["detail-type"], detail=pattern["detail"]
            ),
        )

    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stage = cdk.Stage(app, "Prod", env=cdk.Environment(account="123456789012", region="us-east-1"))
    add(cdk.Stack(stage, "Org"), "NewAccount", SEED)
    agnostic = cdk.Stack(app, "Agnostic")
    add(agnostic, "Ok", GOOD)
    add(cdk.NestedStack(agnostic, "Inner"), "Typo", {**GOOD, "detail": {"eventName": ["RunInstance"]}})
    app.synth()
    r = run("lint", tmp_path / "cdk.out", "--format", "json")
    assert r.code == 1, r.err
    found = sorted((f["code"], Path(f["file"]).name) for f in r.json()["findings"])
    assert [c for c, _ in found] == ["CTR001", "CTR003"]
    assert found[0][1].startswith("ProdOrg") and found[1][1].endswith(".nested.template.json")
    assert r.json()["summary"]["rules"] == 3


def test_read_path_collects_problems_of_one_stack(tmp_path: Path) -> None:
    out = tmp_path / "cdk.out"
    write(
        out / "manifest.json",
        manifest(
            {
                "A": stack_artifact("A.template.json", "aws://1/us-east-1"),
                "B": stack_artifact("B.template.json", "aws://1/us-east-1"),
            }
        ),
    )
    write(out / "A.template.json", template(R=rule(SEED)))
    write(out / "B.template.json", "{ broken")
    result = read_path(str(out))
    assert [f.path for f in result.files] == [str(out / "A.template.json")]
    assert [str(e) for e in result.errors] == [
        f"{out / 'B.template.json'}: broken JSON: Expecting property name "
        "enclosed in double quotes (line 1, column 3)"
    ]
    r = run("lint", out)
    assert r.code == 2 and "CTR001" in r.out
    assert r.err.splitlines() == [
        f"ctrules: error: {out / 'B.template.json'}: broken JSON: Expecting property "
        "name enclosed in double quotes (line 1, column 3)"
    ]


@pytest.mark.parametrize("bus", [None, "default", "arn:aws:events:us-east-1:1:event-bus/default"])
def test_default_bus_spellings(bus: str | None) -> None:
    props = {} if bus is None else {"EventBusName": bus}
    (found,) = rules_in_template(template(R=rule(SEED, **props)))
    assert isinstance(found, TemplateRule) and found.default_bus


def test_plugin_compatible_fields() -> None:
    """The fields ctrules.plugin reads: logical_id, pattern, state, default_bus, problem."""
    doc = template(A=rule(SEED, State="DISABLED"), B=rule("{not json"), C=rule({"Fn::Sub": "x"}))
    a, b, c = rules_in_template(doc)
    assert (a.logical_id, a.pattern, a.state, a.default_bus, a.problem) == ("A", SEED, "DISABLED", True, None)
    assert b.pattern is None and b.problem is not None and "not JSON" in b.problem
    assert c.pattern is None and c.problem is None and c.deploy_time
    assert SERVICE not in json.dumps(a.pattern)


# ------------------------------------------------------------------------------------------ line numbers


def test_line_numbers_best_effort(tmp_path: Path) -> None:
    yaml_text = (
        "Resources:\n"
        "  'Quoted':\n"
        "    Type: AWS::Events::Rule\n"
        "    Properties: {EventPattern: {source: [aws.ec2]}}\n"
        "  Plain:   \n"
        "    Type: AWS::Events::Rule\n"
        "    Properties:\n"
        "      Description: Quoted Plain\n"
        "      EventPattern: {source: [aws.ec2]}\n"
    )
    f = read_path(str(write(tmp_path / "t.yaml", yaml_text))).files[0]
    quoted, plain = f.rules
    assert (f.line_of(plain), f.line_of(quoted)) == (5, 2)  # any order
    stray = TemplateRule("Missing", {}, None, True, anchors=("Resources", "Missing"))
    assert f.line_of(stray) == 1  # "Resources" was found but not the rule: its parent's line
    compact = read_path(str(write(tmp_path / "c.json", json.dumps(template(R=rule(SEED)))))).files[0]
    assert compact.line_of(compact.rules[0]) == 1
    plan = tf_plan({"constant_value": "us-east-1"}, [tf_rule("a", SEED), tf_rule("b", SEED)], [])
    pretty = write(tmp_path / "plan.json", plan)
    tf = read_path(str(pretty)).files[0]
    text = pretty.read_text().splitlines()
    assert [text[tf.line_of(r) - 1].strip() for r in tf.rules] == [
        '"address": "aws_cloudwatch_event_rule.a",',
        '"address": "aws_cloudwatch_event_rule.b",',
    ]


def test_locating_some_rules_gives_the_lines_of_locating_all(tmp_path: Path) -> None:
    rules = {f"Rule{i:02d}": rule(SEED if i % 3 else GOOD) for i in range(30)}
    path = write(tmp_path / "t.json", json.dumps(template(**rules), indent=2))
    every = read_path(str(path)).files[0]
    expected = {r.logical_id: every.line_of(r) for r in every.rules}
    some = read_path(str(path)).files[0]
    chosen = some.rules[1::3]
    some.locate(chosen)
    assert {r.logical_id: some.line_of(r) for r in chosen} == {r.logical_id: expected[r.logical_id] for r in chosen}
    assert len(set(expected.values())) == 30  # each rule on its own line: the comparison means something
    assert some.line_of(some.rules[0]) == expected["Rule00"]  # one not located beforehand still is
