"""CTR006 in ``ctrules lint``: a trail deployed with the rule (same template, app, Terraform module or plan) whose
data-event selectors cover the event's service silences the warning, and the JSON report names the trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.clihelp import API, rule, run, template, write
from tests.cli.test_cli_lint import validate_sarif

PUT_OBJECT: dict[str, Any] = {"source": ["aws.s3"], "detail-type": [API], "detail": {"eventName": ["PutObject"]}}
INVOKE: dict[str, Any] = {"source": ["aws.lambda"], "detail-type": [API], "detail": {"eventName": ["Invoke"]}}


def cfn_trail(**props: Any) -> dict[str, Any]:
    return {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": True, "S3BucketName": "logs", **props}}


S3_SELECTORS = {"EventSelectors": [{"DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}
LAMBDA_ADVANCED = {
    "AdvancedEventSelectors": [
        {
            "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]},
            ]
        }
    ]
}


def warned(r: Any) -> set[tuple[str, str]]:
    return {(f["resource"], f["code"]) for f in r.json()["findings"]}


# ------------------------------------------------------------------------------------------------ CloudFormation


def test_a_trail_of_the_template_silences_ctr006_and_json_names_it(tmp_path: Path) -> None:
    rules = {"Uploads": rule(PUT_OBJECT), "Invocations": rule(INVOKE)}
    without = write(tmp_path / "without.json", template(**rules))
    with_trail = write(tmp_path / "with.json", template(**rules, DataTrail=cfn_trail(**S3_SELECTORS)))

    r = run("lint", without, "--region", "us-east-1", "--format", "json")
    assert (r.code, warned(r)) == (0, {("Uploads", "CTR006"), ("Invocations", "CTR006")})
    assert r.json()["covered_by_trail"] == []

    r = run("lint", with_trail, "--region", "us-east-1", "--format", "json")
    assert warned(r) == {("Invocations", "CTR006")}  # the trail logs S3 data events only
    (covered,) = r.json()["covered_by_trail"]
    assert covered["resource"] == "Uploads" and covered["code"] == "CTR006"
    assert (covered["trail"], covered["trail_file"], covered["event_source"]) == (
        "DataTrail",
        str(with_trail),
        "s3.amazonaws.com",
    )
    assert covered["path"] == "$.detail.eventName[0]" and "PutObject" in covered["message"]
    assert r.json()["summary"]["covered_by_trail"] == 1 and r.json()["summary"]["warnings"] == 1


def test_advanced_selectors_and_a_trail_that_does_not_log(tmp_path: Path) -> None:
    logging = write(tmp_path / "on.json", template(Invocations=rule(INVOKE), T=cfn_trail(**LAMBDA_ADVANCED)))
    stopped = write(
        tmp_path / "off.json", template(Invocations=rule(INVOKE), T=cfn_trail(**LAMBDA_ADVANCED, IsLogging=False))
    )
    assert warned(run("lint", logging, "--region", "us-east-1", "--format", "json")) == set()
    assert warned(run("lint", stopped, "--region", "us-east-1", "--format", "json")) == {("Invocations", "CTR006")}


def test_text_summary_and_sarif_show_the_covered_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Uploads=rule(PUT_OBJECT), DataTrail=cfn_trail(**S3_SELECTORS)))
    r = run("lint", path, "--region", "us-east-1")
    assert (r.code, r.out) == (
        0,
        "ctrules: 0 errors, 0 warnings in 1 rule from 1 file; 1 data-event warning covered by a trail\n",
    )
    sarif = run("lint", path, "--region", "us-east-1", "--format", "sarif").json()
    validate_sarif(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "CTR006"
    (suppression,) = result["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"] == f"trail DataTrail ({path}) logs the data events of s3.amazonaws.com"


def test_ignoring_ctr006_reports_nothing_covered(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Uploads=rule(PUT_OBJECT), DataTrail=cfn_trail(**S3_SELECTORS)))
    r = run("lint", path, "--region", "us-east-1", "--format", "json", "--ignore", "CTR006")
    assert r.json()["covered_by_trail"] == []


# ------------------------------------------------------------------------------------------------ cdk.out


def assembly(out: Path, stacks: dict[str, dict[str, Any]]) -> Path:
    artifacts = {
        name: {
            "type": "aws:cloudformation:stack",
            "environment": "aws://123456789012/us-east-1",
            "properties": {"templateFile": f"{name}.template.json"},
        }
        for name in stacks
    }
    write(out / "manifest.json", {"version": "48.0.0", "artifacts": artifacts})
    for name, tmpl in stacks.items():
        write(out / f"{name}.template.json", tmpl)
    return out


def test_a_trail_in_another_stack_of_the_app_covers_the_rule(tmp_path: Path) -> None:
    covered = assembly(
        tmp_path / "with", {"Trails": template(DataTrail=cfn_trail(**S3_SELECTORS)), "Rules": template(U=rule(PUT_OBJECT))}
    )
    alone = assembly(tmp_path / "without", {"Rules": template(U=rule(PUT_OBJECT))})
    r = run("lint", covered, "--format", "json")
    assert warned(r) == set()
    (c,) = r.json()["covered_by_trail"]
    assert (c["trail"], Path(c["trail_file"]).name, Path(c["file"]).name) == (
        "DataTrail",
        "Trails.template.json",
        "Rules.template.json",
    )
    assert warned(run("lint", alone, "--format", "json")) == {("U", "CTR006")}
    # Two apps linted together: one app's trail does not cover the other's rules.
    r = run("lint", covered, alone, "--format", "json")
    assert [Path(f["file"]).parent.name for f in r.json()["findings"]] == ["without"]


# ------------------------------------------------------------------------------------------------ Terraform HCL

RULES_TF = """\
resource "aws_cloudwatch_event_rule" "uploads" {
  event_pattern = jsonencode({
    source        = ["aws.s3"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["PutObject"] }
  })
}

resource "aws_cloudwatch_event_rule" "invocations" {
  event_pattern = jsonencode({
    source        = ["aws.lambda"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["Invoke"] }
  })
}
"""

TRAIL_TF = """\
variable "object_type" {
  default = "AWS::S3::Object"
}

resource "aws_cloudtrail" "data" {
  name           = "data-events"
  s3_bucket_name = aws_s3_bucket.logs.id

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = var.object_type
      values = ["arn:aws:s3"]
    }
  }

  advanced_event_selector {
    name = "lambda"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::Lambda::Function"]
    }
  }
}
"""


def tf_module(folder: Path, trail: str | None) -> Path:
    write(folder / "rules.tf", RULES_TF)
    if trail is not None:
        write(folder / "trail.tf", trail)
    return folder


def tf_warned(*args: Any) -> set[tuple[str, str]]:
    return warned(run("lint", *args, "--region", "us-east-1", "--format", "json"))


UPLOADS = ("aws_cloudwatch_event_rule.uploads", "CTR006")
INVOCATIONS = ("aws_cloudwatch_event_rule.invocations", "CTR006")


def test_a_trail_of_the_module_covers_its_rules_file_or_folder(tmp_path: Path) -> None:
    covered = tf_module(tmp_path / "covered", TRAIL_TF)
    bare = tf_module(tmp_path / "bare", None)
    assert tf_warned(bare) == {UPLOADS, INVOCATIONS}
    assert tf_warned(covered) == set()
    assert tf_warned(covered / "rules.tf") == set()  # one file: its module's other files are read too
    r = run("lint", covered / "rules.tf", "--region", "us-east-1", "--format", "json")
    trails = {(c["resource"], c["trail"], c["event_source"]) for c in r.json()["covered_by_trail"]}
    assert trails == {
        ("aws_cloudwatch_event_rule.uploads", "aws_cloudtrail.data", "s3.amazonaws.com"),
        ("aws_cloudwatch_event_rule.invocations", "aws_cloudtrail.data", "lambda.amazonaws.com"),
    }
    assert {Path(c["trail_file"]).name for c in r.json()["covered_by_trail"]} == {"trail.tf"}
    # A folder of modules: the trail of one module does not cover another's rules.
    assert tf_warned(tmp_path) == {UPLOADS, INVOCATIONS}


def test_a_trail_that_may_not_exist_or_log_covers_nothing(tmp_path: Path) -> None:
    def variant(name: str, old: str, new: str) -> Path:
        assert old in TRAIL_TF
        return tf_module(tmp_path / name, TRAIL_TF.replace(old, new, 1))

    off = variant("off", 'name           = "data-events"', 'name = "x"\n  enable_logging = false')
    none = variant("none", 'name           = "data-events"', 'name = "x"\n  count = 0')
    maybe = variant("maybe", 'name           = "data-events"', 'name = "x"\n  count = var.enabled ? 1 : 0')
    one = variant("one", 'name           = "data-events"', 'name = "x"\n  count = 1')
    unknown_type = variant("unknown", 'default = "AWS::S3::Object"', "type = string")
    assert tf_warned(off) == tf_warned(none) == tf_warned(maybe) == {UPLOADS, INVOCATIONS}
    assert tf_warned(one) == set()
    assert tf_warned(unknown_type) == {UPLOADS}  # the S3 type is a variable without a default


def test_dynamic_selector_blocks_are_not_guessed(tmp_path: Path) -> None:
    dynamic = """\
resource "aws_cloudtrail" "data" {
  name = "x"
  dynamic "event_selector" {
    for_each = var.selectors
    content {
      data_resource {
        type   = "AWS::S3::Object"
        values = ["arn:aws:s3"]
      }
    }
  }
}
"""
    assert tf_warned(tf_module(tmp_path / "m", dynamic)) == {UPLOADS, INVOCATIONS}


# ------------------------------------------------------------------------------------------------ Terraform plan


def plan(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"child_modules": [{"address": "module.audit", "resources": resources}]}},
    }


def plan_rule() -> dict[str, Any]:
    import json

    return {
        "address": "module.audit.aws_cloudwatch_event_rule.uploads",
        "mode": "managed",
        "type": "aws_cloudwatch_event_rule",
        "name": "uploads",
        "values": {"event_pattern": json.dumps(PUT_OBJECT)},
    }


def plan_trail(enable_logging: bool) -> dict[str, Any]:
    return {
        "address": "module.audit.aws_cloudtrail.data[0]",
        "mode": "managed",
        "type": "aws_cloudtrail",
        "name": "data",
        "index": 0,
        "values": {
            "enable_logging": enable_logging,
            "event_selector": [
                {
                    "data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
                    "include_management_events": True,
                    "read_write_type": "All",
                }
            ],
            "advanced_event_selector": [],
        },
    }


def test_a_trail_of_the_plan_covers_its_rules(tmp_path: Path) -> None:
    covered = write(tmp_path / "covered.json", plan([plan_rule(), plan_trail(True)]))
    stopped = write(tmp_path / "stopped.json", plan([plan_rule(), plan_trail(False)]))
    bare = write(tmp_path / "bare.json", plan([plan_rule()]))
    r = run("lint", covered, "--region", "us-east-1", "--format", "json")
    assert warned(r) == set()
    assert [c["trail"] for c in r.json()["covered_by_trail"]] == ["module.audit.aws_cloudtrail.data[0]"]
    rule_address = "module.audit.aws_cloudwatch_event_rule.uploads"
    assert tf_warned(stopped) == tf_warned(bare) == {(rule_address, "CTR006")}
