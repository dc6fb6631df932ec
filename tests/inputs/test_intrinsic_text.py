"""ctrules.inputs.intrinsic_text: patterns CloudFormation writes out from text (Fn::Sub, Fn::Join) are read, with each
value filled in at deploy time opaque; what cannot be read so stays known only at deploy time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.inputs._model import OPAQUE_KEY, make_rule
from ctrules.inputs.intrinsic_text import sub_pattern

# -- Fn::Sub of a JSON text: read, with CloudFormation's references as opaque values --------------------------------

SUB_TEXT = '{"source": ["aws.s3"], "account": ["${AWS::AccountId}"], "detail": {"bucketName": ["pre-${Env}-${Env}"]}}'


def test_a_sub_pattern_is_read_with_each_reference_opaque() -> None:

    found = sub_pattern({"Fn::Sub": SUB_TEXT})
    assert found is not None
    pattern, parts = found
    why_account = "${AWS::AccountId}: Fn::Sub writes it in at deploy time"
    why_env = "${Env}: Fn::Sub writes it in at deploy time"
    assert pattern == {
        "source": ["aws.s3"],
        "account": [{OPAQUE_KEY: why_account}],
        "detail": {"bucketName": [{OPAQUE_KEY: why_env}]},
    }
    assert parts == [("$.account[0]", why_account), ("$.detail.bucketName[0]", why_env)]


def test_a_sub_pattern_takes_plain_variables_and_literal_dollar_braces() -> None:

    text = '{"source": ["aws.${Svc}"], "detail": {"a": ["${!Literal}"], "b": ["${Ref}"]}}'
    found = sub_pattern({"Fn::Sub": [text, {"Svc": "iam", "Ref": {"Ref": "P"}}]})
    assert found is not None
    pattern, parts = found
    assert pattern["source"] == ["aws.iam"]  # written in as CloudFormation does
    assert pattern["detail"]["a"] == ["${Literal}"]
    assert pattern["detail"]["b"] == [{OPAQUE_KEY: "${Ref}: Fn::Sub writes it in at deploy time"}]
    assert [p for p, _ in parts] == ["$.detail.b[0]"]


@pytest.mark.parametrize(
    "value",
    [
        '{"source": ${Sources}}',  # a reference outside a JSON string: its JSON is known only at deploy time
        '{"detail": {"${Field}": ["x"]}}',  # which field is filtered is known only at deploy time
        '{"source": ["aws.s3"]',  # not JSON
        '{"source": ["\ue000"]}',  # holds the marks the reader uses
        ["only-one-item"],
        ['{"source": ["x"]}', "not a map"],
    ],
)
def test_a_sub_pattern_that_cannot_be_read_stays_known_only_at_deploy_time(value: Any) -> None:

    assert sub_pattern({"Fn::Sub": value}) is None
    rule = make_rule("R", {"Fn::Sub": value}, None, None, name="R", location=(), anchors=(), kind="k")
    assert rule.deploy_time and rule.pattern is None


def test_a_misspelt_name_inside_a_sub_pattern_is_found(tmp_path: Path) -> None:
    from ctrules.cli.report import lint

    pattern = (
        '{"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": '
        '["PutBucketPolicyy"], "requestParameters": {"bucketName": ["${Bucket}"]}}}'
    )
    doc = {"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"Fn::Sub": pattern}}}}}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = lint([str(path)], region="us-east-1")
    assert [(r.finding.code, r.finding.severity) for r in report.findings] == [("CTR003", "error")]
    assert report.deploy_time == 0 and [rule.name for _, rule in report.partly_checked] == ["R"]


def test_a_join_pattern_is_read_with_each_intrinsic_part_opaque() -> None:

    joined = {"Fn::Join": ["", ['{"source": ["aws.s3"], "detail": {"bucketName": ["', {"Ref": "Bucket"}, '"]}}']]}
    found = sub_pattern(joined)
    assert found is not None
    pattern, parts = found
    why = '{"Ref": "Bucket"}: Fn::Join writes it in at deploy time'
    assert pattern == {"source": ["aws.s3"], "detail": {"bucketName": [{OPAQUE_KEY: why}]}}
    assert parts == [("$.detail.bucketName[0]", why)]
    # Joined with a delimiter, no intrinsic: plain text.
    found = sub_pattern({"Fn::Join": [",", ['{"source": ["aws.s3"]', '"detail-type": ["x"]}']]})
    assert found == ({"source": ["aws.s3"], "detail-type": ["x"]}, [])


@pytest.mark.parametrize(
    "value",
    [
        ["", ['{"source": ', {"Ref": "Sources"}, "}"]],  # a value outside a JSON string
        ["", ['{"source": ["', 7, '"]}']],  # a part of no kind Fn::Join takes
        [{"Ref": "Delimiter"}, ['{"source": ["x"]}']],
        ["", {"Ref": "List"}],
    ],
)
def test_a_join_pattern_that_cannot_be_read_stays_known_only_at_deploy_time(value: Any) -> None:

    assert sub_pattern({"Fn::Join": value}) is None


def test_a_join_part_nested_too_deeply_to_show_is_named_plainly() -> None:
    deep: dict[str, Any] = {"Ref": "X"}
    for _ in range(5000):
        deep = {"Fn::Select": [0, deep]}
    found = sub_pattern({"Fn::Join": ["", ['{"source": ["', deep, '"]}']]})
    assert found is not None
    assert found[1] == [("$.source[0]", "an intrinsic function: Fn::Join writes it in at deploy time")]


def test_a_string_of_many_references_names_three_of_them() -> None:
    text = '{"source": ["' + "".join(f"${{P{i}}}" for i in range(10_000)) + '"]}'
    found = sub_pattern({"Fn::Sub": text})
    assert found is not None
    assert found[1] == [("$.source[0]", "${P0}, ${P1}, ${P2} and 9997 more: Fn::Sub writes it in at deploy time")]
