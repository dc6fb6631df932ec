"""Building a rule from raw values (ctrules.inputs._model.make_rule/new_rule): every field where it belongs, and a
pattern written as a JSON string decoded exactly as :func:`json.loads` decodes it (same value, same errors)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from ctrules.inputs._model import HUGE_NUMBER, TemplateRule, _loads, make_rule, new_rule

PATTERN = {"source": ["aws.ec2"], "detail": {"eventName": ["RunInstances"]}}


def test_new_rule_puts_each_value_in_its_field() -> None:
    # new_rule builds the rule by position: a reordered TemplateRule would put values in the wrong fields.
    rule = new_rule("Id", PATTERN, {"Ref": "S"}, "custom-bus", "Shown", ("Resources", "Id", "P"), ("Resources", "Id"),
                    "Kind", "eu-west-1", "Stack/Rule")  # fmt: skip
    assert rule == TemplateRule(
        logical_id="Id", pattern=PATTERN, state=None, default_bus=False, problem=None, name="Shown",
        location=("Resources", "Id", "P"), region="eu-west-1", state_known=False, deploy_time=False,
        anchors=("Resources", "Id"), kind="Kind", cdk_path="Stack/Rule",
    )  # fmt: skip
    # The fields after cdk_path keep their defaults.
    defaults = {f.name: f.default for f in dataclasses.fields(TemplateRule)}
    for name in ("line", "known_at", "unknown", "targets", "targets_at", "acknowledgements", "input_problems"):
        assert getattr(rule, name) == defaults[name], name


@pytest.mark.parametrize(
    ("raw", "state", "bus"),
    [(PATTERN, None, None), (PATTERN, "DISABLED", "default"), (json.dumps(PATTERN), 5, "arn:aws:events:us-east-1:1:"
     "event-bus/default"), ({"Ref": "P"}, "ENABLED", ""), ('{"Fn::Sub": "x"}', None, {"Ref": "B"}), ("[1", None, None),
     ([], None, "other"), (None, None, None)],
)  # fmt: skip
def test_make_rule_is_new_rule(raw: Any, state: Any, bus: Any) -> None:
    by_name = make_rule("R", raw, state, bus, name="N", location=("L",), anchors=("A",), kind="K", region="r",
                        cdk_path="c")  # fmt: skip
    assert by_name == new_rule("R", raw, state, bus, "N", ("L",), ("A",), "K", "r", "c")


def test_state_and_bus() -> None:
    def rule(state: Any, bus: Any) -> TemplateRule:
        return new_rule("R", PATTERN, state, bus, "R", (), (), "K", None, None)

    assert (rule(None, None).state, rule(None, None).state_known, rule(None, None).default_bus) == (None, True, True)
    assert (rule("DISABLED", "default").state, rule("DISABLED", "default").state_known) == ("DISABLED", True)
    assert (rule({"Ref": "S"}, "x").state, rule({"Ref": "S"}, "x").state_known, rule(None, "x").default_bus) == (
        None, False, False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        '{"source": ["aws.ec2"]}', " \n{\"a\": 1}", '{"a": 1} \t\r\n', '{"a": 1}x', '{"a": 1} {"b": 2}', "[1, 2]", "5",
        '"s"', "null", "", "  ", "{", '{"a": }', "[1,]", '{"a" 1}', "\ufeff{}", "NaN", "[-Infinity]", '{"a": 1, "a": 2}',
        '{"\\u0061": 1, "a": 2}', '"\\ud800"', '"bad \\x escape"', '"tab\there"', "tru", "1e999", "-", "01", "[1 2]",
    ],
)  # fmt: skip
def test_string_patterns_decode_as_json_loads_does(text: str) -> None:
    try:
        expected: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as got:
            _loads(text)
        assert (got.value.msg, got.value.pos) == (exc.msg, exc.pos)
        return
    value = _loads(text)
    assert value == expected or (value != value and expected != expected)  # NaN is not equal to itself
    assert type(value) is type(expected)


def test_string_pattern_problems() -> None:
    def problem(raw: str) -> str | None:
        rule = new_rule("R", raw, None, None, "R", (), (), "K", None, None)
        assert rule.pattern is None or rule.problem is None
        return rule.problem

    assert problem('{"source": ["aws.ec2"]}') is None
    assert problem(' {"source": ["aws.ec2"]} ') is None
    assert problem('{"source": ["aws.ec2"]} x') == "the event pattern is a string that is not JSON (Extra data at character 24)"
    assert problem("") == "the event pattern is a string that is not JSON (Expecting value at character 0)"
    assert problem("[" * 100_000) == "the event pattern is a JSON string nested too deeply to read"
    assert problem("1" * 5000) == f"the event pattern is a JSON string with {HUGE_NUMBER}"
    # A string that holds an intrinsic is known only at deploy time, as the same intrinsic given as data.
    as_text = new_rule("R", '{"Fn::Sub": "${P}"}', None, None, "R", (), (), "K", None, None)
    assert (as_text.pattern, as_text.deploy_time, as_text.problem) == (None, True, None)
