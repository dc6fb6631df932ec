"""Reading CloudFormation templates (ctrules.inputs.cloudformation): the one walk over the resources finds the rules,
their targets and acknowledgements, and everything else read_template reports (trails, transforms, templates inside,
rules whose Properties cannot be read), each where the template puts it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ctrules.inputs.cloudformation import read_template, rules_in_template
from ctrules.inputs.trails import data_trail_sources

PATTERN = {"source": ["aws.ec2"], "detail": {"eventName": ["RunInstances"]}}


def rule_resource(**extra: Any) -> dict[str, Any]:
    props = {"EventPattern": PATTERN, **extra.pop("props", {})}
    return {"Type": "AWS::Events::Rule", "Properties": props, **extra}


def trail(types: list[str], **props: Any) -> dict[str, Any]:
    selectors = [{"DataResources": [{"Type": t} for t in types]}]
    return {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": selectors, **props}}


def read(resources: dict[str, Any], **top: Any) -> Any:
    doc = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources, **top}
    return read_template(doc, Path("t.json"), "t.json", "")


TRAIL_TEMPLATES = [
    {"T": trail(["AWS::S3::Object"]), "R": rule_resource()},
    {"R": rule_resource(), "Off": trail(["AWS::S3::Object"], IsLogging=False), "On": trail(["AWS::S3::Object"])},
    {"Str": trail(["AWS::Lambda::Function"], IsLogging="false"), "Bad": {"Type": "AWS::CloudTrail::Trail",
     "Properties": "x"}, "None": {"Type": "AWS::CloudTrail::Trail"}},
    {"A": trail(["AWS::S3::Object", "AWS::Lambda::Function"]), "B": trail(["AWS::S3::Object"])},
    {"Fn::ForEach::Loop": trail(["AWS::S3::Object"]), "X": "not a resource"},
    {"Adv": {"Type": "AWS::CloudTrail::Trail", "Properties": {"AdvancedEventSelectors": [{"FieldSelectors": [
        {"Field": "resources.type", "Equals": ["AWS::DynamoDB::Table"]}]}]}}},
]  # fmt: skip


@pytest.mark.parametrize("resources", TRAIL_TEMPLATES)
def test_trails_found_in_the_walk_are_data_trail_sources(resources: dict[str, Any]) -> None:
    # read_template finds the trails in the walk that finds the rules; data_trail_sources (the CDK plugin's) walks alone.
    found = read(resources)
    assert found.trails == data_trail_sources({"Resources": resources})
    assert list(found.trails.items()) == list(data_trail_sources({"Resources": resources}).items())


def test_trails_first_one_names_each_source() -> None:
    found = read(TRAIL_TEMPLATES[3])
    assert found.trails == {"s3.amazonaws.com": "A", "lambda.amazonaws.com": "A"}
    assert read(TRAIL_TEMPLATES[1]).trails == {"s3.amazonaws.com": "On"}
    assert read(TRAIL_TEMPLATES[2]).trails == {}


def test_rule_resource_given_by_fn_transform_is_checked_and_counted_as_not_read() -> None:
    found = read({"R": rule_resource(**{"Fn::Transform": {"Name": "Macro"}}), "Plain": rule_resource()})
    assert [r.name for r in found.rules] == ["R", "Plain"]
    assert [(u.resource, u.known_at) for u in found.unread] == [("R", "deploy")]


@pytest.mark.parametrize("props", ["a string", ["a", "list"], 5])
def test_rule_whose_properties_is_no_mapping_is_one_defect(props: Any) -> None:
    with_transform = {"Type": "AWS::Events::Rule", "Properties": props, "Fn::Transform": {"Name": "M"}}
    found = read({"Bad": {"Type": "AWS::Events::Rule", "Properties": props}, "Also": with_transform})
    assert found.rules == []
    assert [(d.resource, d.severity) for d in found.defects] == [("Bad", "error"), ("Also", "error")]
    assert found.unread == []  # the defect is the one message about the resource


@pytest.mark.parametrize("props", [None, {"Ref": "Props"}, {"Fn::Transform": {"Name": "AWS::Include"}}])
def test_rule_without_readable_properties_is_no_defect(props: Any) -> None:
    res: dict[str, Any] = {"Type": "AWS::Events::Rule"}
    if props is not None:
        res["Properties"] = props
    found = read({"R": res})
    assert found.defects == []
    # An intrinsic is counted as not checked (known at deploy time); no Properties at all holds no pattern.
    assert [r.deploy_time for r in found.rules] == ([] if props is None else [True])


def test_a_mapping_under_a_for_each_key_is_no_rule() -> None:
    resources = {"Fn::ForEach::Loop": rule_resource(), "Fn::ForEach::Sam": {"Type": "AWS::Serverless::Function",
                 "Properties": {"Events": {"E": {"Type": "EventBridgeRule", "Properties": {"Pattern": PATTERN}}}}}}  # fmt: skip
    assert list(rules_in_template({"Resources": resources})) == []
    loop = {"Fn::ForEach::Loop": ["Id", ["a", "b"], {"R${Id}": rule_resource()}]}
    assert [r.name for r in rules_in_template({"Resources": loop})] == ["Fn::ForEach::Loop/Ra", "Fn::ForEach::Loop/Rb"]


def test_targets_only_where_a_target_reads_a_path() -> None:
    targets = [{"Arn": "a", "Id": "0"}, "not a target", {"Ref": "T"}, {"Arn": "a", "Id": "3", "InputPath": "$.detail"},
               {"Arn": "a", "Id": "4", "InputTransformer": {"InputPathsMap": {"v": "$.detail.x"}}}]  # fmt: skip
    (rule,) = read({"R": rule_resource(props={"Targets": targets})}).rules
    assert rule.targets == (
        ("$.detail", "Targets[3].InputPath", None),
        ("$.detail.x", "Targets[4].InputTransformer.InputPathsMap.v", "v"),
    )
    assert rule.targets_at == ("Resources", "R", "Properties")
    (plain,) = read({"R": rule_resource(props={"Targets": [{"Arn": "a", "Id": "0"}]})}).rules
    assert (plain.targets, plain.targets_at) == ((), ("Resources", "R", "Properties"))
    (none,) = read({"R": rule_resource(props={"Targets": {"not": "a list"}})}).rules
    assert (none.targets, none.targets_at) == ((), None)


def test_metadata_gives_construct_path_and_acknowledgements() -> None:
    ack = {"ctrules": {"acknowledge": [{"id": "CTR005", "reason": "forwarded"}]}, "aws:cdk:path": "S/R/Resource"}
    found = read({"A": rule_resource(Metadata=ack), "B": rule_resource(), "C": rule_resource(Metadata={"aws:cdk:path": 5}),
                  "D": rule_resource(Metadata={"ctrules": "wrong"})})  # fmt: skip
    a, b, c, d = found.rules
    assert (a.cdk_path, [x.code for x in a.acknowledgements], a.input_problems) == ("S/R/Resource", ["CTR005"], ())
    assert (b.cdk_path, b.acknowledgements, b.input_problems) == (None, (), ())
    assert (c.cdk_path, c.acknowledgements) == (None, ())
    assert d.acknowledgements == () and len(d.input_problems) == 1


def test_transforms_are_counted_once_each_in_order() -> None:
    resources = {"R": rule_resource(), "Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}
    rules = list(rules_in_template({"Transform": ["AWS::LanguageExtensions", "MyMacro"], "Resources": resources}))
    assert [(r.name, r.deploy_time) for r in rules] == [
        ("Transform MyMacro", True), ("Resources.Fn::Transform", True), ("R", False),
    ]  # fmt: skip
    assert "from s3://b/k" in (rules[1].unknown or "")


def test_keys_that_are_not_strings() -> None:
    # YAML gives numbers as keys: the logical id is their text.
    (rule,) = rules_in_template({"Resources": {5: rule_resource()}})
    assert (rule.logical_id, rule.location) == ("5", ("Resources", "5", "Properties", "EventPattern"))


@pytest.mark.parametrize("bad_type", [["AWS::Events::Rule"], {"a": 1}, 5, None])
def test_a_type_that_is_no_string_is_no_resource_type(bad_type: Any) -> None:
    # CloudFormation refuses such a template; reading it never raises (it used to: "unhashable type").
    sam_event = {"Type": bad_type, "Properties": {"Pattern": PATTERN}}
    sam = {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"Odd": sam_event}}}
    found = read({"Odd": {"Type": bad_type, "Properties": {"EventPattern": PATTERN}}, "Sam": sam, "R": rule_resource()})
    assert [r.name for r in found.rules] == ["R"]
    assert found.defects == [] and found.unread == []


def test_a_loop_holding_a_value_json_cannot_hold_is_not_checked_never_dropped(tmp_path: Path) -> None:
    from ctrules.inputs.reader import read_path

    text = (
        "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::L:\n    - Id\n    - [a, b]\n    - R${Id}:\n"
        "        Type: AWS::Events::Rule\n        Properties:\n          EventPattern: {source: [aws.ec2]}\n"
        "          Description: !!binary aGk=\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text)
    result = read_path(str(path))
    assert result.errors == []
    (rule,) = result.files[0].rules
    assert (rule.name, rule.deploy_time) == ("Fn::ForEach::L/R${Id}", True)
    assert "cannot write out" in (rule.unknown or "")
    # The same loop with only JSON values is written out, one rule per value.
    path.write_text(text.replace("          Description: !!binary aGk=\n", ""))
    assert [r.name for r in read_path(str(path)).files[0].rules] == ["Fn::ForEach::L/Ra", "Fn::ForEach::L/Rb"]


_ATOMS: list[Any] = [None, True, 5, -1.5, "", "x", "AWS::Events::Rule", "AWS::Serverless::Function",
    "AWS::CloudTrail::Trail", "AWS::CloudFormation::StackSet", "AWS::CloudFormation::Stack", "EventBridgeRule",
    "Fn::ForEach::L", "Fn::Transform", "Ref", "${Id}", '{"source": ["aws.ec2"]}', "[", "ENABLED", "default"]  # fmt: skip
_KEYS = ["Type", "Properties", "EventPattern", "Pattern", "Events", "Metadata", "ctrules", "acknowledge", "id", "reason",
         "Targets", "InputPath", "InputTransformer", "InputPathsMap", "State", "Enabled", "EventBusName", "TemplateBody",
         "TemplateURL", "Location", "EventSelectors", "DataResources", "AdvancedEventSelectors", "FieldSelectors",
         "Field", "Equals", "IsLogging", "Fn::Transform", "Ref", "Fn::Sub", "Fn::ForEach::L", "aws:cdk:path", "Name",
         "Parameters", "R", "Transform", "Resources"]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_a_template_of_any_shape_is_read_without_raising(tmp_path: Path, seed: int) -> None:
    # Values of every kind where the reader looks for types, properties, events, targets, metadata and loops (a list
    # as a Type used to stop the read with "unhashable type"). A fixed budget: 100 templates per seed.
    import json
    import random

    from ctrules.inputs.reader import read_path

    rng = random.Random(seed)

    def value(depth: int) -> Any:
        r = rng.random()
        if depth > 5 or r < 0.35:
            return rng.choice(_ATOMS)
        if r < 0.55:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        return {rng.choice(_KEYS): value(depth + 1) for _ in range(rng.randint(0, 5))}

    path = tmp_path / "t.json"
    for _ in range(100):
        resources = {rng.choice([*_KEYS, "A", "B"]): value(0) for _ in range(rng.randint(1, 6))}
        doc: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}
        if rng.random() < 0.3:
            doc["Transform"] = value(2)
        path.write_text(json.dumps(doc))
        result = read_path(str(path))  # never raises: problems are errors of the result
        for f in result.files:
            assert all(f.line_of(rule) >= 1 for rule in f.rules)
