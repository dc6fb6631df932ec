"""ctrules.testing.matches / assert_matches / assert_not_matches / mismatches / pattern_of."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_events as events

import ctrules
import ctrules.testing as t
from ctrules import ServiceEventRule
from ctrules.testing import assert_matches, assert_not_matches, matches, mismatches, pattern_of, sample_event

ROOT = Path(__file__).resolve().parents[2]
API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
HAND = {
    "source": ["aws.organizations"],
    "detail-type": [API],
    "detail": {"eventName": ["CreateAccountResult"]},
}


@pytest.fixture
def event() -> dict[str, Any]:
    return sample_event("CreateAccountResult")


def stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "T", env=cdk.Environment(region="us-east-1"))


def test_dict_and_json_inputs(event: dict[str, Any]) -> None:
    good = ctrules.pattern_dict("CreateAccountResult")
    assert matches(good, event)
    assert matches(json.dumps(good), json.dumps(event))
    assert not matches(HAND, event)
    assert_matches(good, event)
    assert_not_matches(HAND, event)


def test_seed_message_names_the_field(event: dict[str, Any]) -> None:
    expected = (
        "pattern field 'detail-type' ['AWS API Call via CloudTrail'] does not match event value "
        "'AWS Service Event via CloudTrail'"
    )
    assert mismatches(HAND, event) == [expected]
    with pytest.raises(AssertionError, match=re.escape(expected)):
        assert_matches(HAND, event)


def test_nested_and_missing_fields(event: dict[str, Any]) -> None:
    pattern = {
        "source": ["aws.organizations"],
        "detail": {
            "eventName": ["CreateAccount"],
            "errorCode": [{"exists": True}],
            "userIdentity": {"type": ["Root"]},
        },
    }
    reasons = mismatches(pattern, event)
    assert reasons == [
        "pattern field 'detail.eventName' ['CreateAccount'] does not match event value 'CreateAccountResult'",
        "pattern field 'detail.errorCode' [{'exists': True}] does not match: the event has no field "
        "'detail.errorCode'",
        "pattern field 'detail.userIdentity.type' ['Root'] does not match: the event has no field "
        "'detail.userIdentity.type'",
    ]


def test_or_alternatives_are_explained(event: dict[str, Any]) -> None:
    pattern = {"detail": {"$or": [{"eventName": ["A"]}, {"eventSource": ["b.amazonaws.com"]}]}}
    (reason,) = mismatches(pattern, event)
    assert reason.startswith("none of the 2 '$or' alternatives in 'detail' matches: ")
    assert "'detail.eventName' ['A']" in reason and "'detail.eventSource' ['b.amazonaws.com']" in reason


def test_fields_that_only_fail_together(event: dict[str, Any]) -> None:
    # Each alternative matches on its own; together with the other filter, none does.
    pattern = {"$or": [{"source": ["aws.organizations"], "region": ["eu-west-1"]}, {"source": ["aws.kms"]}]}
    reasons = mismatches(pattern, event)
    assert len(reasons) == 1 and "'$or' alternatives" in reasons[0] and "'region'" in reasons[0]


def test_assert_not_matches_message(event: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="matches the pattern, but should not"):
        assert_not_matches(ctrules.pattern_dict("CreateAccountResult"), event)
    assert mismatches(ctrules.pattern_dict("CreateAccountResult"), event) == []


def test_event_pattern_is_converted(event: dict[str, Any]) -> None:
    ep = events.EventPattern(
        version=["0"],
        account=[event["account"]],
        region=["us-east-1"],
        source=["aws.organizations"],
        detail_type=[SERVICE],
        resources=["arn:aws:organizations::123456789012:account/o-1/444455556666"],
        detail={"eventName": ["CreateAccountResult"]},
    )
    assert pattern_of(ep) == {
        "version": ["0"],
        "detail-type": [SERVICE],
        "source": ["aws.organizations"],
        "account": [event["account"]],
        "region": ["us-east-1"],
        "resources": ["arn:aws:organizations::123456789012:account/o-1/444455556666"],
        "detail": {"eventName": ["CreateAccountResult"]},
    }
    with pytest.raises(AssertionError, match=re.escape("does not match event value []")):
        assert_matches(ep, event)  # CloudTrail envelopes carry resources []
    event["resources"] = ["arn:aws:organizations::123456789012:account/o-1/444455556666"]
    assert_matches(ep, event)
    assert_not_matches(events.EventPattern(source=["aws.organizations"], detail_type=[API]), event)


def test_event_pattern_match_helpers_are_resolved(event: dict[str, Any]) -> None:
    ep = events.EventPattern(
        source=events.Match.prefix("aws.org"),
        detail={"eventName": events.Match.suffix("Result"), "errorCode": events.Match.does_not_exist()},
    )
    assert pattern_of(ep) == {
        "source": [{"prefix": "aws.org"}],
        "detail": {"eventName": [{"suffix": "Result"}], "errorCode": [{"exists": False}]},
    }
    assert_matches(ep, event)


def test_rules_are_read_as_synthesized(event: dict[str, Any]) -> None:
    st = stack()
    typed = ServiceEventRule(st, "Typed", "CreateAccountResult")
    assert_matches(typed, event)
    assert_not_matches(typed, sample_event("CreateAccount", service="organizations"))

    plain = events.Rule(st, "Plain", event_pattern=events.EventPattern(source=["aws.organizations"]))
    assert_matches(plain, event)
    plain.add_event_pattern(detail_type=[API])  # merged later: the rule must stop matching
    with pytest.raises(AssertionError, match="'detail-type'"):
        assert_matches(plain, event)

    cfn = events.CfnRule(st, "Cfn", event_pattern=ctrules.pattern_dict("CreateAccountResult"))
    assert matches(cfn, event)


def test_not_a_rule() -> None:
    st = stack()
    scheduled = events.Rule(st, "Cron", schedule=events.Schedule.rate(cdk.Duration.hours(1)))
    with pytest.raises(ValueError, match="no event pattern"):
        pattern_of(scheduled)
    with pytest.raises(TypeError, match="not an EventBridge rule"):
        pattern_of(st)
    with pytest.raises(TypeError, match="expected an event pattern"):
        pattern_of(42)
    with pytest.raises(ValueError, match="not a JSON object"):
        pattern_of("[1]")


def test_invalid_pattern_is_a_value_error(event: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="prefixx"):
        matches({"source": [{"prefixx": "aws."}]}, event)


def test_matching_needs_no_third_party_engine(monkeypatch: pytest.MonkeyPatch, event: dict[str, Any]) -> None:
    # LocalStack (and moto) made unimportable: the matcher is ctrules' own.
    for name in ("localstack", "localstack.utils.event_matcher", "moto"):
        monkeypatch.setitem(sys.modules, name, None)
    assert matches(ctrules.pattern_dict("CreateAccountResult"), event)
    assert not matches(HAND, event)


def test_empty_pattern_is_refused_as_eventbridge_does(event: dict[str, Any]) -> None:
    # EventBridge refuses {} (conformance case and event-ruler: "Empty objects are not allowed").
    with pytest.raises(ValueError, match=re.escape("empty object {} is not allowed")):
        matches({}, event)
    with pytest.raises(ValueError, match="empty object"):
        mismatches({}, event)


def test_event_pattern_api_shape(event: dict[str, Any]) -> None:
    good = json.dumps(ctrules.pattern_dict("CreateAccountResult"))
    assert t.test_event_pattern(EventPattern=good, Event=json.dumps(event)) == {"Result": True}
    assert t.test_event_pattern(EventPattern=json.dumps(HAND), Event=json.dumps(event)) == {"Result": False}


def test_event_pattern_api_refusals(event: dict[str, Any]) -> None:
    text = json.dumps(event)
    with pytest.raises(ValueError, match=r"\$\.source\[0\]\.prefixx: unknown operator"):
        t.test_event_pattern(EventPattern='{"source": [{"prefixx": "aws."}]}', Event=text)
    with pytest.raises(ValueError, match="empty object"):
        t.test_event_pattern(EventPattern="{}", Event=text)
    with pytest.raises(ValueError, match="not valid JSON"):
        t.test_event_pattern(EventPattern="{", Event=text)
    del event["resources"], event["time"]
    with pytest.raises(ValueError, match="requires: time, resources"):
        t.test_event_pattern(EventPattern=json.dumps(HAND), Event=json.dumps(event))
    with pytest.raises(TypeError, match="JSON strings"):
        t.test_event_pattern(EventPattern=HAND, Event=text)  # type: ignore[arg-type]


def test_array_consistency_miss_is_explained(event: dict[str, Any]) -> None:
    event["detail"]["requestParameters"] = {
        "tags": [{"key": "env", "value": "dev"}, {"key": "team", "value": "prod"}]
    }
    pattern = {"detail": {"requestParameters": {"tags": {"key": ["env"], "value": ["prod"]}}}}
    assert not matches(pattern, event)
    (reason,) = mismatches(pattern, event)
    assert reason == (
        "pattern fields 'detail.requestParameters.tags.key' and 'detail.requestParameters.tags.value' each "
        "match, but not in the same element of the event array 'detail.requestParameters.tags': EventBridge "
        "matches the fields under one array of objects within a single element"
    )
    event["detail"]["requestParameters"]["tags"].append({"key": "env", "value": "prod"})
    assert mismatches(pattern, event) == []


def test_array_consistency_inside_or_is_explained(event: dict[str, Any]) -> None:
    event["detail"]["items"] = [{"a": "1"}, {"b": "2"}]
    pattern = {"detail": {"$or": [{"items": {"a": ["1"], "b": ["2"]}}, {"eventName": ["Nope"]}]}}
    (reason,) = mismatches(pattern, event)
    assert reason.startswith("none of the 2 '$or' alternatives in 'detail' matches: pattern fields")
    assert "the event array 'detail.items'" in reason


def test_import_is_light() -> None:
    code = (
        "import sys, ctrules.testing as t\n"
        "t.sample_event('CreateAccountResult')\n"
        "t.matches({'source': ['aws.organizations']}, t.sample_event('CreateAccountResult'))\n"
        "heavy = {'aws_cdk', 'jsii', 'localstack', 'constructs', 'moto', 'botocore', 'boto3', 'yaml'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Testing your rules\n", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md (Testing your rules)", "exec"), namespace)
    tests = [f for name, f in namespace.items() if name.startswith("test_")]
    assert tests
    for test in tests:
        test()
