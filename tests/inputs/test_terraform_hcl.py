"""Terraform and Terragrunt HCL read as written: resources, module rule maps, Terragrunt inputs, scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctrules.inputs import read_path
from tests.cli.clihelp import run, write

ORG = 'source = ["aws.organizations"]'
API = '"detail-type" = ["AWS API Call via CloudTrail"]'

# CreateAccountResult is a service event: an API-call detail-type is the CTR001 mistake.
RESOURCES = """\
provider "aws" {
  region = "us-east-1"
}

locals {
  account_events = ["CreateAccountResult"]
  base           = { source = ["aws.organizations"] }
}

resource "aws_cloudwatch_event_rule" "encoded" {
  name = "accounts-${var.env}"
  event_pattern = jsonencode(merge(local.base, {
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = local.account_events }
  }))
}

resource "aws_cloudwatch_event_rule" "heredoc" {
  event_pattern = <<EOF
{
  "source": ["aws.organizations"],
  "detail-type": ["AWS Service Event via CloudTrail"],
  "detail": {"eventName": ["CreateAccountResult"]}
}
EOF
}

resource "aws_cloudwatch_event_rule" "trimmed" {
  event_pattern = <<-JSON
    {"source": ["aws.ec2"], "detail-type": ["AWS API Call via CloudTrail"],
     "detail": {"eventName": ["DescribeInstances"]}}
    JSON
  state = "ENABLED"
}

resource "aws_cloudwatch_event_rule" "quoted" {
  event_pattern = "{\\"source\\": [\\"aws.ec2\\"], \\"detail\\": {\\"eventName\\": [\\"RunInstances\\"]}}"
  is_enabled    = false
}

resource "aws_cloudwatch_event_rule" "schedule" {
  schedule_expression = "rate(5 minutes)"
}

variable "env" {
  type = string
}
"""


def rules_by_label(path: Path) -> dict[str, object]:
    result = read_path(str(path))
    assert result.errors == []
    return {r.label: r for f in result.files for r in f.rules}


def test_resources_jsonencode_heredoc_and_string(tmp_path: Path) -> None:
    path = write(tmp_path / "main.tf", RESOURCES)
    rules = rules_by_label(path)
    assert sorted(rules) == [f"aws_cloudwatch_event_rule.{n}" for n in ("encoded", "heredoc", "quoted", "trimmed")]
    encoded = rules["aws_cloudwatch_event_rule.encoded"]
    assert encoded.pattern == {  # merge() of a local and a literal, locals resolved
        "source": ["aws.organizations"],
        "detail-type": ["AWS API Call via CloudTrail"],
        "detail": {"eventName": ["CreateAccountResult"]},
    }
    assert rules["aws_cloudwatch_event_rule.heredoc"].pattern["detail-type"] == ["AWS Service Event via CloudTrail"]
    trimmed = rules["aws_cloudwatch_event_rule.trimmed"]
    assert trimmed.pattern["detail"] == {"eventName": ["DescribeInstances"]} and trimmed.state == "ENABLED"
    quoted = rules["aws_cloudwatch_event_rule.quoted"]
    assert quoted.pattern == {"source": ["aws.ec2"], "detail": {"eventName": ["RunInstances"]}}
    assert quoted.state == "DISABLED"  # is_enabled = false
    assert {r.region for r in rules.values()} == {"us-east-1"}
    lines = RESOURCES.splitlines()
    assert encoded.line == lines.index("  event_pattern = jsonencode(merge(local.base, {") + 1


def test_lint_tf_file_reports_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "main.tf", RESOURCES)
    r = run("lint", path)
    assert r.code == 1
    line = RESOURCES.splitlines().index("  event_pattern = jsonencode(merge(local.base, {") + 1
    first = r.out.splitlines()[0]
    assert first.startswith(f"{path}:{line}  CTR001 error  aws_cloudwatch_event_rule.encoded  ")
    # the read-only DescribeInstances with State ENABLED: CTR004, on the heredoc's line
    trimmed = RESOURCES.splitlines().index("  event_pattern = <<-JSON") + 1
    assert f"{path}:{trimmed}  CTR004 " in r.out
    assert r.out.splitlines()[-1] == "ctrules: 2 errors, 0 warnings in 4 rules from 1 file"


def test_plan_time_values_are_counted_not_guessed(tmp_path: Path) -> None:
    write(
        tmp_path / "main.tf",
        """\
variable "names" {
  type = list(string)
}

data "aws_caller_identity" "me" {}

resource "aws_cloudwatch_event_rule" "from_var" {
  event_pattern = jsonencode({ source = ["aws.iam"], detail = { eventName = var.names } })
}

resource "aws_cloudwatch_event_rule" "from_data" {
  event_pattern = jsonencode({ account = [data.aws_caller_identity.me.account_id] })
}

resource "aws_cloudwatch_event_rule" "from_function" {
  event_pattern = file("${path.module}/pattern.json")
}

resource "aws_cloudwatch_event_rule" "each" {
  for_each      = toset(["a", "b"])
  event_pattern = jsonencode({ source = [each.value] })
}

resource "aws_cloudwatch_event_rule" "ok" {
  event_pattern = jsonencode({ source = ["aws.ec2"] })
}
""",
    )
    r = run("lint", tmp_path, "--format", "json")
    doc = r.json()
    assert r.code == 0
    # Partly known patterns are checked on what is known; only the wholly unknown one is not checked.
    # for_each over a known set: one rule per key, each fully known
    assert (doc["summary"]["rules"], doc["summary"]["checked"], doc["summary"]["plan_time"]) == (6, 5, 1)
    reasons = {n["resource"]: n["reason"] for n in doc["not_checked"]}
    assert reasons == {
        "aws_cloudwatch_event_rule.from_function": f"file({str(tmp_path / 'pattern.json')!r}): no such file or directory"
    }
    assert all(n["known_at"] == "plan" for n in doc["not_checked"])
    partly = {p["resource"]: p["unknown"] for p in doc["partly_checked"]}
    assert partly == {
        "aws_cloudwatch_event_rule.from_var": [{"path": "$.detail.eventName", "reason": "var.names has no default"}],
        "aws_cloudwatch_event_rule.from_data": [
            {"path": "$.account[0]", "reason": "data.aws_caller_identity.me is known only at plan time"}
        ],
    }
    text = run("lint", tmp_path)
    assert "(1 known only at plan time, not checked); 2 rules checked partly" in text.out


def test_variable_defaults_tfvars_and_sibling_files(tmp_path: Path) -> None:
    """A module is its directory: linting one file still resolves the locals and variables of the others."""
    rule_tf = write(
        tmp_path / "rules.tf",
        """\
resource "aws_cloudwatch_event_rule" "users" {
  event_pattern  = jsonencode({ source = [var.source], "detail-type" = [local.api], detail = { eventName = ["CreateUser"] } })
  event_bus_name = var.bus
  provider       = aws.west
}
""",
    )
    write(tmp_path / "locals.tf", 'locals {\n  api = "AWS API Call via CloudTrail"\n}\n')
    write(
        tmp_path / "variables.tf",
        'variable "source" {\n  default = "aws.iam"\n}\nvariable "bus" {\n  default = "default"\n}\n'
        'variable "west" {\n  default = "us-west-2"\n}\n',
    )
    write(tmp_path / "providers.tf", 'provider "aws" {\n  alias  = "west"\n  region = var.west\n}\n')
    rules = rules_by_label(rule_tf)
    (users,) = rules.values()
    assert users.pattern["source"] == ["aws.iam"] and users.pattern["detail-type"] == ["AWS API Call via CloudTrail"]
    assert users.region == "us-west-2" and users.default_bus
    r = run("lint", rule_tf)
    assert r.code == 1 and "CTR005 error" in r.out  # IAM events are seen only in us-east-1
    # terraform.tfvars is applied by Terraform itself: its literal value wins over the default
    write(tmp_path / "terraform.tfvars", 'west = "us-east-1"\nbus = "audit"\n')
    (users,) = rules_by_label(rule_tf).values()
    assert users.region == "us-east-1" and not users.default_bus
    assert run("lint", rule_tf).code == 0


EVENTBRIDGE_MODULE = """\
module "eventbridge" {
  source  = "terraform-aws-modules/eventbridge/aws"
  version = "~> 4.0"

  create_bus = false
  region     = "eu-west-1"

  rules = {
    accounts = {
      description   = "New accounts"
      event_pattern = jsonencode({ "source" : ["aws.organizations"], "detail-type" : ["AWS Service Event via CloudTrail"], "detail" : { "eventName" : ["CreateAccountResult"] } })
      enabled       = true
    }
    describes = {
      event_pattern = jsonencode({ source = ["aws.ec2"], detail = { eventName = ["DescribeInstances"] } })
      state         = "enabled_with_all_cloudtrail_management_events"
    }
    nightly = {
      schedule_expression = "cron(0 3 * * ? *)"
    }
    computed = {
      event_pattern = jsonencode({ source = [module.other.source] })
    }
  }

  targets = {
    accounts = [{ name = "queue", arn = aws_sqs_queue.q.arn }]
  }
}

module "custom" {
  source         = "./modules/rule"
  event_pattern  = jsonencode({ source = ["aws.iam"], detail = { eventName = ["CreateUser"] } })
  event_bus_name = "audit"
}
"""


def test_eventbridge_module_rules_map_and_module_inputs(tmp_path: Path) -> None:
    path = write(tmp_path / "main.tf", EVENTBRIDGE_MODULE)
    result = read_path(str(path))
    rules = {r.label: r for f in result.files for r in f.rules}
    assert sorted(rules) == [
        "module.custom",
        'module.eventbridge.rules["accounts"]',
        'module.eventbridge.rules["computed"]',
        'module.eventbridge.rules["describes"]',
    ]
    accounts = rules['module.eventbridge.rules["accounts"]']
    assert accounts.state == "ENABLED" and accounts.region == "eu-west-1" and accounts.default_bus
    # the module upper-cases state (its main.tf: upper(each.value.state))
    assert rules['module.eventbridge.rules["describes"]'].state == "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
    computed = rules['module.eventbridge.rules["computed"]']
    assert computed.unknown_parts == (("$.source[0]", "module.other.source is known only at plan time"),)
    assert not rules["module.custom"].default_bus
    lines = EVENTBRIDGE_MODULE.splitlines()
    assert accounts.line == next(i for i, ln in enumerate(lines, 1) if "New accounts" in ln) + 1
    doc = run("lint", path, "--format", "json").json()
    assert doc["summary"]["plan_time"] == 0 and doc["summary"]["checked"] == 4
    # organizations is a global service seen in us-east-1 only; the module puts the rule in eu-west-1
    assert [(f["resource"], f["code"]) for f in doc["findings"]] == [('module.eventbridge.rules["accounts"]', "CTR005")]


TERRAGRUNT = """\
include "root" {
  path = find_in_parent_folders()
}

terraform {
  source = "tfr:///terraform-aws-modules/eventbridge/aws?version=4.1.0"
}

locals {
  names = ["CreateAccountResult"]
}

dependency "queue" {
  config_path = "../queue"
}

inputs = {
  bus_name = "default"
  region   = "us-east-1"
  rules = {
    accounts = {
      event_pattern = jsonencode({
        source        = ["aws.organizations"]
        "detail-type" = ["AWS API Call via CloudTrail"]
        detail        = { eventName = local.names }
      })
      state = true
    }
  }
  targets = {
    accounts = [{ name = "q", arn = dependency.queue.outputs.arn }]
  }
}
"""


def test_terragrunt_inputs(tmp_path: Path) -> None:
    path = write(tmp_path / "live" / "events" / "terragrunt.hcl", TERRAGRUNT)
    r = run("lint", path, "--format", "json")
    assert r.code == 1
    (finding,) = r.json()["findings"]
    assert (finding["resource"], finding["code"], finding["region"]) == (
        'inputs.rules["accounts"]',
        "CTR001",
        "us-east-1",
    )
    assert finding["line"] == TERRAGRUNT.splitlines().index("      event_pattern = jsonencode({") + 1
    assert finding["state"] == "ENABLED"  # state = true, as the module's tobool() reads it


def test_folder_reads_tf_and_terragrunt_and_skips_tool_caches(tmp_path: Path) -> None:
    write(tmp_path / "envs" / "prod" / "main.tf", EVENTBRIDGE_MODULE)
    write(tmp_path / "live" / "terragrunt.hcl", TERRAGRUNT)
    write(tmp_path / ".terraform" / "modules" / "x" / "main.tf", "this is { not hcl")
    write(tmp_path / "live" / ".terragrunt-cache" / "abc" / "main.tf", "broken {")
    write(
        tmp_path / ".terraform.lock.hcl", 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "6.0.0"\n}\n'
    )
    result = read_path(str(tmp_path))
    assert result.errors == []
    assert sorted(f.path for f in result.files) == [
        str(tmp_path / "envs" / "prod" / "main.tf"),
        str(tmp_path / "live" / "terragrunt.hcl"),
    ]
    assert result.rule_count == 5


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("bad.tf", 'resource "aws_cloudwatch_event_rule" "r" {\n  event_pattern = \n}\n', "at line 2"),
        ("bad.hcl", "inputs = {\n  rules = [\n}\n", "at line 3"),
        ("unclosed.tf", 'resource "x" "y" {\n', ""),
    ],
)
def test_unparsable_hcl_is_one_line_suggesting_a_plan(tmp_path: Path, name: str, content: str, where: str) -> None:
    path = write(tmp_path / name, content)
    r = run("lint", path)
    assert r.code == 2 and r.out == ""
    (line,) = r.err.splitlines()
    assert line.startswith(
        f"ctrules: error: {path}: cannot read this file as Terraform/Terragrunt HCL{(' ' + where) if where else ''}"
    )
    assert line.endswith("terraform show -json tfplan > plan.json`")


def test_expression_nested_too_deeply_is_one_line(tmp_path: Path) -> None:
    depth = 3000
    nested = "{ a = " * depth + "1" + " }" * depth
    path = write(
        tmp_path / "deep.tf",
        f'resource "aws_cloudwatch_event_rule" "r" {{\n  event_pattern = jsonencode({nested})\n}}\n',
    )
    r = run("lint", path)
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"ctrules: error: {path}: line 2: expressions nested more than 250 levels deep, over ctrules' evaluation "
        "budget: simplify the expression, or lint a plan instead: `terraform plan -out=tfplan && terraform show -json "
        "tfplan > plan.json`\n"
    )


def test_terraform_plan_json_stays_supported(tmp_path: Path) -> None:
    plan = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_cloudwatch_event_rule.r",
                        "mode": "managed",
                        "type": "aws_cloudwatch_event_rule",
                        "name": "r",
                        "values": {
                            "event_pattern": '{"source": ["aws.organizations"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["CreateAccountResult"]}}'
                        },
                    }
                ]
            }
        },
    }
    r = run("lint", write(tmp_path / "plan.json", plan), "--region", "us-east-1", "--format", "json")
    assert r.codes() == ["CTR001"]


# --- partial evaluation and budgets (ctrules.inputs._hcl_eval) ----------------------------------------------------


def _value(expr: str, extra: str = "") -> object:
    from ctrules.inputs._hcl_eval import Scope, partial
    from ctrules.inputs.terraform_hcl import _attributes, _blocks, _body, _collect, _Module, parse_hcl

    tree = parse_hcl(f"{extra}\nlocals {{\n  x = {expr}\n}}\n", "t.tf")
    module = _Module()
    _collect(tree, module)
    for kind, _, body in _blocks(_body(tree)):
        if kind == "locals" and "x" in _attributes(body):
            return partial(_attributes(body)["x"], module.scope)
    return Scope()


def test_partial_values_keep_what_is_known() -> None:
    from ctrules.inputs._hcl_eval import Encoded, PartialDict, Unknown, first_unknown, is_partial

    value = _value('jsonencode({ source = ["aws.s3"], detail = { bucket = [var.b] } })', 'variable "b" {}')
    assert isinstance(value, Encoded) and isinstance(value.data, PartialDict)
    assert value.data["source"] == ["aws.s3"]
    assert first_unknown(value) == Unknown("var.b has no default")
    known = _value('jsonencode({ source = ["aws.s3"] })')
    assert known == '{"source": ["aws.s3"]}' and not is_partial(known)
    # a string with an unknown part is unknown as a whole; a merge keeps the known keys
    assert _value('"${var.b}-x"', 'variable "b" {}') == Unknown("var.b has no default")
    merged = _value("merge({ a = 1 }, { b = var.b })", 'variable "b" {}')
    assert isinstance(merged, PartialDict) and merged["a"] == 1


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ('lower("ABC")', "abc"),
        ('upper("abc")', "ABC"),
        ('join("-", ["a", "b"])', "a-b"),
        ('lookup({ a = "x" }, "a", "d")', "x"),
        ('lookup({ a = "x" }, "b", "d")', "d"),
        ('toset(["a", "b", "a"])', ["a", "b"]),
        ('flatten([["a"], [["b"]], "c"])', ["a", "b", "c"]),
        ("jsondecode(jsonencode({ a = [1, true, null] }))", {"a": [1, True, None]}),
        ("1" + "0" * 5000, "unknown"),
        ("1e999", "unknown"),
    ],
)
def test_functions_and_numbers(expr: str, expected: object) -> None:
    from ctrules.inputs._hcl_eval import Unknown

    value = _value(expr)
    if expected == "unknown":
        assert isinstance(value, Unknown)
    else:
        assert value == expected


def test_heredoc_forms() -> None:
    assert _value('<<EOT\n{"a": 1}\nEOT') == '{"a": 1}'
    assert _value('<<-EOT\n    {"a": 1}\n      x\n    EOT') == '{"a": 1}\n  x'
    assert _value("<<EOT\n$${literal}\nEOT") == "${literal}"


def test_budget_errors_name_the_line_and_the_budget() -> None:
    from ctrules.inputs._hcl_eval import MAX_VALUE, BudgetError

    locals_ = "\n".join(
        ['s0 = "0123456789abcdef"', *(f's{i} = "${{local.s{i - 1}}}${{local.s{i - 1}}}"' for i in range(1, 40))]
    )
    with pytest.raises(BudgetError) as caught:
        _value("local.s39", f"locals {{\n{locals_}\n}}")
    assert f"{MAX_VALUE:,}" in caught.value.budget and caught.value.line > 1


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ('[for s in ["a", "b"] : upper(s)]', ["A", "B"]),
        ('[for i, s in ["a", "b"] : "${i}${s}"]', ["0a", "1b"]),
        ("{ for k, v in { b = 1, a = 2 } : k => v if v > 1 }", {"a": 2}),
        ("{ for k, v in { b = { on = true }, a = { on = false } } : k => v if v.on }", {"b": {"on": True}}),
        ('{ for k, v in { a = "g", b = "g" } : v => k... }', {"g": ["a", "b"]}),
        ("[for s in var.unknown : s]", "unknown"),
    ],
)
def test_for_expressions(expr: str, expected: object) -> None:
    from ctrules.inputs._hcl_eval import Unknown

    value = _value(expr, 'variable "unknown" {}')
    if expected == "unknown":
        assert isinstance(value, Unknown)
    else:
        assert value == expected


def test_for_each_and_count_give_one_rule_per_instance(tmp_path: Path) -> None:
    path = write(
        tmp_path / "main.tf",
        """\
locals {
  watched = {
    buckets = ["CreateBuckett", "DeleteBucket"]
    objects = ["PutObject"]
  }
}

resource "aws_cloudwatch_event_rule" "per_group" {
  for_each      = local.watched
  event_pattern = jsonencode({ source = ["aws.s3"], "detail-type" = ["AWS API Call via CloudTrail"], detail = { eventName = each.value } })
}

resource "aws_cloudwatch_event_rule" "counted" {
  count         = 2
  event_pattern = jsonencode({ source = ["aws.s3"], "detail-type" = ["AWS API Call via CloudTrail"], detail = { eventName = [count.index == 0 ? "CreateBucket" : "DeleteBucket"] } })
}

module "eventbridge" {
  source = "terraform-aws-modules/eventbridge/aws"
  rules = { for name, names in local.watched : name => {
    event_pattern = jsonencode({ source = ["aws.s3"], "detail-type" = ["AWS API Call via CloudTrail"], detail = { eventName = names } })
  } }
}
""",
    )
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    assert sorted((f["resource"], f["code"]) for f in doc["findings"] if f["code"] == "CTR003") == [
        ('aws_cloudwatch_event_rule.per_group["buckets"]', "CTR003"),
        ('module.eventbridge.rules["buckets"]', "CTR003"),
    ]
    assert doc["summary"]["rules"] == 6 and doc["summary"]["plan_time"] == 0


def test_a_rule_switched_off_by_a_variable_default_is_still_checked(tmp_path: Path) -> None:
    """A default is only Terraform's fallback (tfvars, -var and callers set it): a feature flag off by default or an
    empty default for_each does not make the rule disappear; a literal count = 0 does."""
    broken = f"event_pattern = jsonencode({{ {ORG}, {API}, detail = {{ eventName = [\"CreateAccountResult\"] }} }})"
    path = write(
        tmp_path / "main.tf",
        f"""\
variable "enabled" {{
  type    = bool
  default = false
}}
variable "names" {{
  type    = list(string)
  default = []
}}
resource "aws_cloudwatch_event_rule" "flag" {{
  count = var.enabled ? 1 : 0
  {broken}
}}
resource "aws_cloudwatch_event_rule" "each" {{
  for_each = toset(var.names)
  {broken}
}}
resource "aws_cloudwatch_event_rule" "off" {{
  count = 0
  {broken}
}}
""",
    )
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    assert sorted(f["resource"] for f in doc["findings"] if f["code"] == "CTR001") == [
        "aws_cloudwatch_event_rule.each",
        "aws_cloudwatch_event_rule.flag",
    ]
    assert doc["summary"]["rules"] == 2


def test_path_module_names_the_same_file_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ctrules lint infra/`` from the repository's root, as CI runs it: ${path.module} is not joined twice."""
    (tmp_path / ".git").mkdir()
    pattern = {"source": ["aws.organizations"], "detail-type": ["AWS API Call via CloudTrail"],
               "detail": {"eventName": ["CreateAccountResult"]}}  # fmt: skip
    write(tmp_path / "infra" / "pattern.json", pattern)
    write(
        tmp_path / "infra" / "main.tf",
        'resource "aws_cloudwatch_event_rule" "r" {\n  event_pattern = file("${path.module}/pattern.json")\n}\n',
    )
    for cwd, target in ((tmp_path, "infra/main.tf"), (tmp_path, "infra"), (tmp_path / "infra", "main.tf")):
        monkeypatch.chdir(cwd)
        doc = run("lint", target, "--format", "json", "--region", "us-east-1").json()
        found = [f["code"] for f in doc["findings"] if f["file"].endswith("main.tf")]
        assert found == ["CTR001"], (cwd, target)


def test_heredoc_interpolations_of_plain_references_are_evaluated(tmp_path: Path) -> None:
    """A heredoc JSON pattern with ${var.x} is read as Terraform renders it (the default, as in a quoted string);
    an interpolation of an unknown value, or of anything but a plain reference, leaves the rule not checked."""
    heredoc = """<<EOF
{
  "source": ["aws.organizations"],
  "detail-type": ["${%s}"],
  "detail": {"eventName": ["CreateAccountResult"], "note": ["$${literal}"]}
}
EOF"""
    path = write(
        tmp_path / "main.tf",
        'variable "dt" {\n  default = "AWS API Call via CloudTrail"\n}\nvariable "free" {}\n'
        + "".join(
            f'resource "aws_cloudwatch_event_rule" "{name}" {{\n  event_pattern = {heredoc % ref}\n}}\n'
            for name, ref in (("known", "var.dt"), ("unknown", "var.free"), ("call", 'lower("X")'))
        ),
    )
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    found = [(f["resource"], f["code"]) for f in doc["findings"] if f["code"] == "CTR001"]
    assert found == [("aws_cloudwatch_event_rule.known", "CTR001")]
    # $${literal} is text: the filter on the record's field "note" is judged as written (no record carries it)
    assert any(f["code"] == "CTR008" and "note" in f["message"] for f in doc["findings"])
    reasons = {r["resource"]: r["reason"] for r in doc["not_checked"]}
    assert reasons == {
        "aws_cloudwatch_event_rule.unknown": "var.free has no default",
        "aws_cloudwatch_event_rule.call": "an interpolation in a heredoc that is not a plain reference",
    }


def test_module_inputs_holding_a_pattern_under_another_name_are_checked(tmp_path: Path) -> None:
    """A module ctrules cannot read (a registry source, or a local folder that is missing) taking its pattern as
    event_pattern_rule = <<PATTERN, or a map of patterns: each is checked; other inputs are left alone."""
    path = write(
        tmp_path / "main.tf",
        """\
module "iam" {
  source             = "git::https://example.com/modules/spoke.git"
  event_pattern_rule = <<PATTERN
{"source": ["aws.iam"], "detail-type": ["Alert when IAM changes"], "detail": {"eventName": ["CreateRole"]}}
PATTERN
  pattern_name       = "not a pattern"
}
module "many" {
  source = "../missing-module"
  event_rule_patterns = {
    org    = jsonencode({ source = ["aws.organizations"], "detail-type" = ["AWS API Call via CloudTrail"], detail = { eventName = ["CreateAccountResult"] } })
    broken = <<PATTERN
{"source": ["aws.guardduty"] "detail-type": ["GuardDuty Finding"]}
PATTERN
    name   = "x"
  }
}
""",
    )
    r = run("lint", path, "--format", "json", "--region", "us-east-1")
    doc = r.json()
    assert sorted((f["resource"], f["code"]) for f in doc["findings"]) == [
        ('module.iam.event_pattern_rule', "CTR007"),
        ('module.many.event_rule_patterns["org"]', "CTR001"),
    ]
    assert [p["resource"] for p in doc["problems"]] == ['module.many.event_rule_patterns["broken"]']
    assert doc["summary"]["rules"] == 3


def test_file_and_templatefile_read_patterns_of_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "secret.json", '{"source": ["aws.s3"]}')
    module = tmp_path / "infra"
    write(
        module / "patterns" / "typo.json",
        '{"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["CreateBuckett"]}}',
    )
    write(
        module / "patterns" / "tpl.json",
        '{"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["${name}"]}}',
    )
    path = write(
        module / "main.tf",
        """\
resource "aws_cloudwatch_event_rule" "from_file" {
  event_pattern = file("${path.module}/patterns/typo.json")
}
resource "aws_cloudwatch_event_rule" "from_template" {
  event_pattern = templatefile("patterns/tpl.json", { name = "DeleteBuckett" })
}
resource "aws_cloudwatch_event_rule" "outside" {
  event_pattern = file("/etc/passwd")
}
""",
    )
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    assert sorted((f["resource"], f["code"]) for f in doc["findings"]) == [
        ("aws_cloudwatch_event_rule.from_file", "CTR003"),
        ("aws_cloudwatch_event_rule.from_template", "CTR003"),
    ]
    assert [n["reason"] for n in doc["not_checked"]] == ["file('/etc/passwd') of a file outside the repository"]


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ('"a" == "a" && !false', True),
        ('1 == "1"', False),
        ("1 == 1.0", True),
        ("true == 1", False),
        ("1 + 2 * 3", 7),
        ("7 / 2", 3.5),
        ("8 / 2", 4),
        ("7 % 3", 1),
        ("-2 < 1 || false", True),
        ("1 / 0", "unknown"),
        ("var.unknown == 1", "unknown"),
        ('1 + "a"', "unknown"),
    ],
)
def test_operators(expr: str, expected: object) -> None:
    from ctrules.inputs._hcl_eval import Unknown

    value = _value(expr, 'variable "unknown" {}')
    if expected == "unknown":
        assert isinstance(value, Unknown)
    else:
        assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("keys({ b = 1, a = 2 })", ["a", "b"]),
        ("values({ b = 1, a = 2 })", [2, 1]),
        ('length(["a", "b"])', 2),
        ('contains(["a", "b"], "b")', True),
        ('coalesce("", "x")', "x"),
        ('compact(["a", "", "b"])', ["a", "b"]),
        ('element(["a", "b"], 3)', "b"),
        ("tostring(true)", "true"),
        ('split(",", "a,b")', ["a", "b"]),
        ('replace("a-b-c", "-", "_")', "a_b_c"),
        ('replace("abc", "/b/", "x")', "unknown"),
        ('trimspace("  x ")', "x"),
        ('format("%s-%d%%", "a", 2)', "a-2%"),
        ('format("%08d", 2)', "unknown"),
    ],
)
def test_more_functions(expr: str, expected: object) -> None:
    from ctrules.inputs._hcl_eval import Unknown

    value = _value(expr)
    if expected == "unknown":
        assert isinstance(value, Unknown)
    else:
        assert value == expected


def test_terragrunt_inputs_unknown_as_a_whole_count_only_where_rules_may_be(tmp_path: Path) -> None:
    from ctrules.inputs.terraform_hcl import read_hcl_file

    common = 'locals {\n  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))\n}\n'
    plain = write(tmp_path / "a" / "terragrunt.hcl", common + "inputs = merge(local.env.locals, { size = 1 })\n")
    rules = write(tmp_path / "b" / "terragrunt.hcl", common + "inputs = merge(local.env.locals, local.env.rules)\n")
    assert read_hcl_file(plain, str(plain)).rules == []
    (entry,) = read_hcl_file(rules, str(rules)).rules
    assert entry.deploy_time and entry.unknown == "function read_terragrunt_config()"


def test_a_sibling_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    """Linting main.tf reads its module's other files for their locals: a broken one once left them unknown without
    a word (the rule then checked partly, nothing saying why)."""
    write(tmp_path / "vars.tf", 'locals {\n  dt = "AWS API Call via CloudTrail"\n')
    path = write(
        tmp_path / "main.tf",
        f'resource "aws_cloudwatch_event_rule" "r" {{\n  event_pattern = jsonencode({{ {ORG}, "detail-type" = '
        '[local.dt], detail = { eventName = ["CreateAccountResult"] } })\n}\n',
    )
    doc = run("lint", path, "--format", "json", "--region", "us-east-1").json()
    (defect,) = [f for f in doc["findings"] if f["code"] == "CTR000"]
    assert defect["severity"] == "warning" and "vars.tf, a file of this module, could not be read" in defect["message"]
