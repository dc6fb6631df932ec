"""Terraform targets' input paths reach their rules (CTR016): HCL and plans."""

from __future__ import annotations

from typing import Any

from ctrules.inputs._hcl_eval import Scope
from ctrules.inputs._model import make_rule
from ctrules.inputs.terraform_hcl import parse_hcl
from ctrules.inputs.terraform_targets import attach_hcl_targets, attach_plan_targets, paths_of

PATTERN = '{"source": ["aws.controltower"], "detail-type": ["AWS Service Event via CloudTrail"]}'
WRONG = "$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId"


def tf_rule(address: str) -> Any:
    return make_rule(address, PATTERN, None, None, name=address, location=(), anchors=(), kind="aws_cloudwatch_event_rule")


def test_paths_of_a_target() -> None:
    found = paths_of(
        "aws_cloudwatch_event_target.t",
        "$.detail",
        [{"input_paths": {"account": WRONG, "a b": "$.source", "n": 5}, "input_template": "<account>"}],
    )
    assert found == [
        ("$.detail", "aws_cloudwatch_event_target.t.input_path", None),
        (WRONG, "aws_cloudwatch_event_target.t.input_transformer.input_paths.account", "account"),
        ("$.source", 'aws_cloudwatch_event_target.t.input_transformer.input_paths["a b"]', "a b"),
    ]
    assert paths_of("x", "", None) == [] and paths_of("x", None, [None]) == []


HCL = """
locals {
  status = "$.detail.serviceEventDetails.updateManagedAccountStatus"
}

resource "aws_cloudwatch_event_rule" "updated" {
  name          = "ct-updated"
  event_pattern = jsonencode({ source = ["aws.controltower"] })
}

resource "aws_cloudwatch_event_rule" "other" {
  name          = "other"
  event_pattern = jsonencode({ source = ["aws.controltower"] })
}

resource "aws_cloudwatch_event_target" "by_reference" {
  rule = aws_cloudwatch_event_rule.updated.name
  arn  = aws_sqs_queue.q.arn
  input_transformer {
    input_paths = {
      account = "WRONG"
      state   = "${local.status}.state"
    }
    input_template = "{\\"a\\": <account>}"
  }
}

resource "aws_cloudwatch_event_target" "by_name" {
  rule       = "other"
  arn        = aws_sqs_queue.q.arn
  input_path = "$.detail.requestParameters"
}

resource "aws_cloudwatch_event_target" "unknown_rule" {
  rule       = var.rule_name
  arn        = aws_sqs_queue.q.arn
  input_path = "$.detail.x"
}
""".replace("WRONG", WRONG)


def test_hcl_targets_linked_by_reference_and_by_name() -> None:
    rules = [tf_rule("aws_cloudwatch_event_rule.updated"), tf_rule("aws_cloudwatch_event_rule.other")]
    attach_hcl_targets(rules, [parse_hcl(HCL, "main.tf")], Scope())
    updated, other = rules
    # locals are not in this bare scope: the interpolated path is unknown and left out.
    assert updated.targets == (
        (WRONG, "aws_cloudwatch_event_target.by_reference.input_transformer.input_paths.account", "account"),
    )
    assert other.targets == (("$.detail.requestParameters", "aws_cloudwatch_event_target.by_name.input_path", None),)
    assert updated.targets_at is None


def _plan(target_values: dict[str, Any], refs: list[str] | None, *, rule_names: tuple[str, ...] = ("ct-updated",)) -> dict[str, Any]:
    resources: list[dict[str, Any]] = [
        {"address": f"aws_cloudwatch_event_rule.r{i}", "mode": "managed", "type": "aws_cloudwatch_event_rule",
         "name": f"r{i}", "values": {"name": n, "event_pattern": PATTERN}}
        for i, n in enumerate(rule_names)
    ]  # fmt: skip
    resources.append(
        {"address": "aws_cloudwatch_event_target.t", "mode": "managed", "type": "aws_cloudwatch_event_target",
         "name": "t", "values": target_values}
    )  # fmt: skip
    config: dict[str, Any] = {"root_module": {"resources": []}}
    if refs is not None:
        config["root_module"]["resources"].append(
            {"address": "aws_cloudwatch_event_target.t", "type": "aws_cloudwatch_event_target",
             "expressions": {"rule": {"references": refs}}}
        )  # fmt: skip
    return {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}}, "configuration": config}


def test_plan_target_linked_by_configuration_reference() -> None:
    values = {"rule": None, "input_transformer": [{"input_paths": {"account": WRONG}, "input_template": "<account>"}]}
    rules = [tf_rule("aws_cloudwatch_event_rule.r0"), tf_rule("aws_cloudwatch_event_rule.r1")]
    plan = _plan(values, ["aws_cloudwatch_event_rule.r1.name", "aws_cloudwatch_event_rule.r1"], rule_names=("a", "b"))
    attach_plan_targets(rules, plan)
    assert rules[0].targets == ()
    assert rules[1].targets == (
        (WRONG, "aws_cloudwatch_event_target.t.input_transformer.input_paths.account", "account"),
    )


def test_plan_target_linked_by_rule_name_or_left_out() -> None:
    values = {"rule": "b", "input_path": "$.detail.x", "input_transformer": []}
    rules = [tf_rule("aws_cloudwatch_event_rule.r0"), tf_rule("aws_cloudwatch_event_rule.r1")]
    attach_plan_targets(rules, _plan(values, None, rule_names=("a", "b")))
    assert [r.targets for r in rules] == [(), (("$.detail.x", "aws_cloudwatch_event_target.t.input_path", None),)]
    # Two rules with the same name (different buses): which one is not guessed.
    rules = [tf_rule("aws_cloudwatch_event_rule.r0"), tf_rule("aws_cloudwatch_event_rule.r1")]
    attach_plan_targets(rules, _plan(values, None, rule_names=("b", "b")))
    assert [r.targets for r in rules] == [(), ()]


def test_plan_without_targets_or_not_a_plan() -> None:
    rules = [tf_rule("aws_cloudwatch_event_rule.r0")]
    attach_plan_targets(rules, {"format_version": "1.2", "planned_values": {"root_module": {}}})
    attach_plan_targets(rules, ["not", "a", "plan"])
    assert rules[0].targets == ()
