"""Terraform JSON syntax (``.tf.json``) read like ``.tf``: templates, literals, modules, trails, acknowledgements."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.inputs import read_path
from ctrules.inputs.terraform_json import UNREADABLE, looks_like_tf_json, to_native
from tests.cli.clihelp import run, write

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
# CreateAccountResult is a service event: an API-call detail-type is the CTR001 mistake.
SEED = {"source": ["aws.organizations"], "detail-type": [API], "detail": {"eventName": ["CreateAccountResult"]}}
FIXED = {**SEED, "detail-type": [SERVICE]}


def tf_json(resources: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"resource": {"aws_cloudwatch_event_rule": resources}, **top}


def lint(path: Path, *args: str) -> Any:
    return run("lint", path, "--format", "json", *args)


def findings(r: Any) -> set[tuple[str, str]]:
    return {(f["resource"], f["code"]) for f in r.json()["findings"]}


def test_json_string_pattern_side_by_side(tmp_path: Path) -> None:
    path = write(
        tmp_path / "main.tf.json",
        tf_json({"bad": {"event_pattern": json.dumps(SEED)}, "good": {"event_pattern": json.dumps(FIXED)}}),
    )
    r = lint(path, "--region", "us-east-1")
    assert (r.code, findings(r)) == (1, {("aws_cloudwatch_event_rule.bad", "CTR001")})
    (f,) = r.json()["findings"]
    text = path.read_text().splitlines()
    assert f["line"] == text.index('        "event_pattern": ' + json.dumps(json.dumps(SEED))) + 1
    assert r.json()["summary"]["rules"] == 2


JSONENCODE = {
    "provider": {"aws": [{"region": "us-east-1"}, {"alias": "eu", "region": "eu-west-1"}]},
    "variable": {"names": {"type": "list(string)", "default": ["CreateAccountResult"]}},
    "locals": {"base": {"source": ["aws.organizations"]}, "kind": "API Call"},
    "resource": {
        "aws_cloudwatch_event_rule": {
            "encoded": {
                "event_pattern": '${jsonencode(merge(local.base, {"detail-type" = ["AWS ${local.kind} via CloudTrail"], '
                'detail = { eventName = var.names }}))}'
            },
            "template": {"event_pattern": '{"source": ["aws.organizations"], "detail-type": ["AWS ${local.kind} via '
                         'CloudTrail"], "detail": {"eventName": ["CreateAccountResult"]}}'},
            "escaped": {"event_pattern": '{"source": ["aws.ec2"], "detail-type": ["' + API + '"], "detail": '
                        '{"eventName": ["RunInstances"], "requestParameters": {"x": ["$${literal}"]}}}'},
            "iam_eu": {
                "provider": "aws.eu",
                "event_pattern": json.dumps({"source": ["aws.iam"], "detail-type": [API],
                                             "detail": {"eventName": ["CreateUser"]}}),
            },
            "unknown": {"event_pattern": "${jsonencode({source = [var.undeclared]})}"},
            "unreadable": {"event_pattern": "${jsonencode({source = [}"},
            "schedule": {"schedule_expression": "rate(5 minutes)"},
        }
    },
}  # fmt: skip


def test_templates_locals_variables_and_provider_aliases(tmp_path: Path) -> None:
    path = write(tmp_path / "main.tf.json", JSONENCODE)
    r = lint(path)
    assert findings(r) == {
        ("aws_cloudwatch_event_rule.encoded", "CTR001"),
        ("aws_cloudwatch_event_rule.template", "CTR001"),
        ("aws_cloudwatch_event_rule.iam_eu", "CTR005"),  # provider aws.eu: eu-west-1
    }
    assert {f["region"] for f in r.json()["findings"]} == {"us-east-1", "eu-west-1"}
    not_checked = {n["resource"]: n["reason"] for n in r.json()["not_checked"]}
    assert not_checked == {"aws_cloudwatch_event_rule.unreadable": "an interpolation (${...}) ctrules cannot read"}
    partly = {p["resource"]: p["unknown"] for p in r.json()["partly_checked"]}
    assert partly == {
        "aws_cloudwatch_event_rule.unknown": [{"path": "$.source[0]", "reason": "var.undeclared is not declared"}]
    }
    summary = r.json()["summary"]
    assert (summary["rules"], summary["checked"], summary["plan_time"]) == (6, 5, 1)


def test_escaped_interpolation_is_literal() -> None:
    native, _, _ = to_native(
        {"resource": {"aws_cloudwatch_event_rule": {"r": {"event_pattern": '{"a": ["$${x}"], "b": "%%{y}"}'}}}}
    )
    assert '"{\\"a\\": [\\"$${x}\\"], \\"b\\": \\"%%{y}\\"}"' in native
    path_rules = read_path_of(native_doc={"resource": {"aws_cloudwatch_event_rule": {"r": {
        "event_pattern": '{"source": ["$${x}"]}'}}}})  # fmt: skip
    assert path_rules["aws_cloudwatch_event_rule.r"].pattern == {"source": ["${x}"]}


def read_path_of(native_doc: dict[str, Any]) -> dict[str, Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "x.tf.json", native_doc)
        result = read_path(str(path))
        assert result.errors == []
        return {r.label: r for f in result.files for r in f.rules}


def test_literal_object_pattern_is_checked_and_reported_as_bad_terraform(tmp_path: Path) -> None:
    path = write(tmp_path / "main.tf.json", tf_json({"object": {"event_pattern": SEED}}))
    r = run("lint", path, "--region", "us-east-1")
    assert r.code == 2
    assert "CTR001 error  aws_cloudwatch_event_rule.object  " in r.out  # the pattern is still checked
    (err,) = r.err.splitlines()
    line = path.read_text().splitlines().index('        "event_pattern": {') + 1
    assert err == (
        f"ctrules: error: {path}:{line}: aws_cloudwatch_event_rule.object: event_pattern is a JSON object, which "
        'Terraform refuses (the attribute is a string): write "event_pattern": "${jsonencode({...})}" or the '
        "pattern as a JSON string (the pattern was checked as written)"
    )
    fixed = write(tmp_path / "fixed.tf.json", tf_json({"object": {"event_pattern": "${jsonencode(" + json.dumps(
        FIXED).replace(":", " =") + ")}"}}))  # fmt: skip
    assert run("lint", fixed, "--region", "us-east-1").code == 0


def test_eventbridge_module_rules_map(tmp_path: Path) -> None:
    doc = {
        "provider": {"aws": {"alias": "org", "region": "us-east-1"}},
        "module": {
            "eventbridge": {
                "source": "terraform-aws-modules/eventbridge/aws",
                "version": "~> 3.0",
                "providers": {"aws": "aws.org"},
                "create_bus": False,
                "rules": {
                    "accounts": {"description": "new accounts", "event_pattern": json.dumps(SEED)},
                    "fixed": {"event_pattern": json.dumps(FIXED), "enabled": True},
                },
            }
        },
    }
    path = write(tmp_path / "eb.tf.json", doc)
    r = lint(path)
    assert findings(r) == {('module.eventbridge.rules["accounts"]', "CTR001")}
    (f,) = r.json()["findings"]
    assert f["region"] == "us-east-1"
    assert f["line"] == path.read_text().splitlines().index('          "event_pattern": ' + json.dumps(
        json.dumps(SEED))) + 1  # fmt: skip


def test_comment_property_acknowledges(tmp_path: Path) -> None:
    iam = json.dumps({"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}})
    doc = tf_json(
        {
            "forwarded": {"//": "ctrules:acknowledge CTR005 forwarded from us-east-1", "event_pattern": iam},
            "plain": {"//": "not an acknowledgement", "event_pattern": iam},
            "no_reason": {"//": ["generated", "ctrules:acknowledge CTR005"], "event_pattern": iam},
        },
        provider={"aws": {"region": "eu-west-1"}},
    )
    path = write(tmp_path / "main.tf.json", doc)
    r = lint(path)
    assert r.code == 2
    assert findings(r) == {("aws_cloudwatch_event_rule.plain", "CTR005"), ("aws_cloudwatch_event_rule.no_reason", "CTR005")}
    (a,) = r.json()["acknowledged"]
    assert (a["resource"], a["reason"], a["acknowledged_in"]) == (
        "aws_cloudwatch_event_rule.forwarded",
        "forwarded from us-east-1",
        '"//" comment',
    )
    (p,) = r.json()["problems"]
    assert p["resource"] == "aws_cloudwatch_event_rule.no_reason"
    assert p["message"].startswith('the "//" comment acknowledges CTR005 without a reason')
    lines = path.read_text().splitlines()
    start = lines.index('      "no_reason": {')
    assert p["line"] == next(n for n in range(start, len(lines)) if '"event_pattern"' in lines[n]) + 1


def test_module_mixes_tf_and_tf_json_files(tmp_path: Path) -> None:
    write(tmp_path / "locals.tf", 'locals {\n  source = ["aws.organizations"]\n}\n')
    write(tmp_path / "terraform.tfvars.json", {"detail_type": API})
    write(tmp_path / "variables.tf.json", {"variable": {"detail_type": {"default": SERVICE}}})
    rules = tf_json({"seed": {"event_pattern": '${jsonencode({source = local.source, "detail-type" = '
                                               '[var.detail_type], detail = {eventName = ["CreateAccountResult"]}})}'}})  # fmt: skip
    write(tmp_path / "rules.tf.json", rules)
    write(tmp_path / "trail.tf.json", {"resource": {"aws_cloudtrail": {"data": {
        "name": "data", "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}]
    }}}})  # fmt: skip
    write(tmp_path / "uploads.tf", 'resource "aws_cloudwatch_event_rule" "uploads" {\n  event_pattern = jsonencode({\n'
          '    source = ["aws.s3"]\n    "detail-type" = ["AWS API Call via CloudTrail"]\n'
          '    detail = { eventName = ["PutObject"] }\n  })\n}\n')  # fmt: skip
    for target in (tmp_path, tmp_path / "rules.tf.json"):
        r = lint(target, "--region", "us-east-1")
        # tfvars.json sets the API-call detail-type: CTR001; the .tf.json trail covers the .tf rule's data events.
        assert ("aws_cloudwatch_event_rule.seed", "CTR001") in findings(r)
    r = lint(tmp_path, "--region", "us-east-1")
    assert findings(r) == {("aws_cloudwatch_event_rule.seed", "CTR001")}
    assert [(c["resource"], c["trail"]) for c in r.json()["covered_by_trail"]] == [
        ("aws_cloudwatch_event_rule.uploads", "aws_cloudtrail.data")
    ]


def test_format_told_by_content_for_other_names_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    doc = tf_json({"bad": {"event_pattern": json.dumps(SEED)}})
    assert looks_like_tf_json(doc) and not looks_like_tf_json({"resource": 1, "Resources": {}})
    assert not looks_like_tf_json({"module": {"source": ["aws.ec2"], "detail-type": [API]}})  # a pattern named so
    r = lint(write(tmp_path / "generated.json", doc), "--region", "us-east-1")
    assert findings(r) == {("aws_cloudwatch_event_rule.bad", "CTR001")}
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(json.dumps(doc).encode())))
    r = run("lint", "-", "--region", "us-east-1", "--format", "json")
    assert findings(r) == {("aws_cloudwatch_event_rule.bad", "CTR001")}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"resource": ', "broken JSON"),
        ("[1, 2]", "a .tf.json file whose top level is not a JSON object: not Terraform JSON syntax"),
    ],
)
def test_unreadable_tf_json_is_one_line(tmp_path: Path, content: str, problem: str) -> None:
    path = write(tmp_path / "main.tf.json", content)
    r = run("lint", path)
    assert r.code == 2 and r.out == ""
    (err,) = r.err.splitlines()
    assert err.startswith(f"ctrules: error: {path}: ") and problem in err


def test_unreadable_interpolation_is_written_as_unknown() -> None:
    doc = tf_json({"r": {"event_pattern": "${jsonencode({a = ]})}"}})
    native, _, _ = to_native(doc)
    checked, _, _ = to_native(doc, checked=True)
    assert UNREADABLE not in native and f"({UNREADABLE}())" in checked


@pytest.mark.parametrize("depth", [950, 5000])
def test_deeply_nested_tf_json_is_one_line(tmp_path: Path, depth: int) -> None:
    nested = "[" * depth + '"x"' + "]" * depth
    path = write(tmp_path / "deep.tf.json", '{"resource": {"aws_cloudwatch_event_rule": {"r": {"event_pattern": '
                 + nested + "}}}}")  # fmt: skip
    r = run("lint", path)
    assert r.code == 2 and "Traceback" not in r.err
    (err,) = r.err.splitlines()
    assert err.startswith(f"ctrules: error: {path}: ") and "nested too deeply to read" in err
