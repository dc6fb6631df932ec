"""``ctrules audit`` against moto's server: the judged scenario, trail coverage, buses, State, targets, tags, the
report formats (same shape as lint's), read-only calls, and AWS failures as one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ctrules.cli.main import main
from tests.audit.conftest import client, make_trail, put_rule

CT = "AWS API Call via CloudTrail"
IAM_CREATE_USER = {
    "source": ["aws.iam"],
    "detail-type": [CT],
    "detail": {"eventSource": ["iam.amazonaws.com"], "eventName": ["CreateUser"]},
}
S3_PUT_OBJECT = {
    "source": ["aws.s3"],
    "detail-type": [CT],
    "detail": {"eventSource": ["s3.amazonaws.com"], "eventName": ["PutObject"]},
}


def audit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    out, err = capsys.readouterr()
    return code, out, err


def audit_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = audit(capsys, *args, "--format", "json")
    return code, json.loads(out), err


def found(doc: dict[str, Any], key: str = "findings") -> set[tuple[str, str, str]]:
    return {(f["resource"], f["code"], f["severity"]) for f in doc[key]}


def deploy_judged_scenario() -> None:
    put_rule(
        "service-event",
        {"source": ["aws.organizations"], "detail-type": [CT], "detail": {"eventName": ["CreateAccountResult"]}},
    )
    put_rule(
        "read-only",
        {
            "source": ["aws.ec2"],
            "detail-type": [CT],
            "detail": {"eventSource": ["ec2.amazonaws.com"], "eventName": ["DescribeInstances"]},
        },
    )
    put_rule("s3-data", S3_PUT_OBJECT)
    put_rule("iam-eu", IAM_CREATE_USER, region="eu-west-1")
    put_rule("correct", IAM_CREATE_USER)


def test_judged_scenario_gives_exactly_its_findings(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    deploy_judged_scenario()
    code, doc, _ = audit_json(capsys, "--regions", "us-east-1,eu-west-1")
    assert code == 1
    assert found(doc) == {
        ("service-event", "CTR001", "error"),
        ("read-only", "CTR004", "error"),
        ("s3-data", "CTR006", "error"),
        ("iam-eu", "CTR005", "error"),
    }
    by_code = {f["code"]: f for f in doc["findings"]}
    assert by_code["CTR005"]["file"] == "arn:aws:events:eu-west-1:123456789012:rule/iam-eu"
    assert by_code["CTR005"]["region"] == "eu-west-1" and by_code["CTR005"]["line"] is None
    assert "no trail" in by_code["CTR006"]["message"]
    assert not [f for key in ("findings", "information", "acknowledged") for f in doc[key] if f["resource"] == "correct"]
    assert doc["summary"]["rules"] == 5 and doc["summary"]["exit_code"] == 1


def test_text_names_the_rule_arn_where_lint_gives_file_and_line(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    deploy_judged_scenario()
    code, out, err = audit(capsys, "--regions", "us-east-1,eu-west-1")
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[-1] == "ctrules: 4 errors, 0 warnings in 5 rules from 2 regions of account 123456789012"
    assert "arn:aws:events:eu-west-1:123456789012:rule/iam-eu (eu-west-1)  CTR005 error  iam-eu  " in out
    assert not any("rule/correct" in line for line in lines)


def test_json_has_the_shape_of_lints(aws: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    deploy_judged_scenario()
    _, audited, _ = audit_json(capsys, "--regions", "us-east-1,eu-west-1")
    template = {
        "Resources": {
            "Rule": {
                "Type": "AWS::Events::Rule",
                "Properties": {"EventPattern": IAM_CREATE_USER, "State": "ENABLED"},
            }
        }
    }
    path = tmp_path / "template.json"
    path.write_text(json.dumps(template))
    assert main(["lint", str(path), "--region", "eu-west-1", "--format", "json"]) == 1
    linted = json.loads(capsys.readouterr().out)
    assert list(audited) == list(linted)
    assert list(audited["summary"]) == list(linted["summary"])
    assert list(audited["findings"][0]) == list(linted["findings"][0])
    assert linted["findings"][0]["code"] == "CTR005"  # the same check, the same finding, as lint's


def test_sarif_locates_findings_by_rule_arn(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    put_rule("iam-eu", IAM_CREATE_USER, region="eu-west-1")
    code, out, _ = audit(capsys, "--regions", "eu-west-1", "--format", "sarif")
    assert code == 1
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "CTR005" and result["level"] == "error"
    loc = result["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "arn:aws:events:eu-west-1:123456789012:rule/iam-eu"
    assert "region" not in loc["physicalLocation"]


def test_custom_bus_and_read_only_state_are_known(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    client("events", "eu-west-1").create_event_bus(Name="forwarded")
    put_rule("iam-forwarded", IAM_CREATE_USER, region="eu-west-1", bus="forwarded")
    describe = {
        "source": ["aws.ec2"],
        "detail-type": [CT],
        "detail": {"eventSource": ["ec2.amazonaws.com"], "eventName": ["DescribeInstances"]},
    }
    put_rule("describe", describe, region="eu-west-1", state="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
    put_rule("describe-off", describe, region="eu-west-1", state="DISABLED")
    code, doc, _ = audit_json(capsys, "--regions", "eu-west-1")
    assert (code, found(doc)) == (0, set())
    assert doc["summary"]["rules"] == 3


@pytest.mark.parametrize(
    ("trail", "expected"),
    [
        ({"region": "us-east-1", "multi_region": True, "data_types": ["AWS::S3::Object"]}, set()),
        ({"region": "eu-west-1", "data_types": ["AWS::S3::Object"]}, set()),
        ({"region": "us-east-1", "data_types": ["AWS::S3::Object"]}, {("s3-data", "CTR006", "error")}),
        ({"region": "eu-west-1", "data_types": ["AWS::Lambda::Function"]}, {("s3-data", "CTR006", "error")}),
        ({"region": "eu-west-1"}, {("s3-data", "CTR006", "error")}),
        (
            {"region": "us-east-1", "multi_region": True, "data_types": ["AWS::S3::Object"], "logging_on": False},
            {("s3-data", "CTR006", "error")},
        ),
    ],
    ids=["multi-region-elsewhere", "same-region", "single-region-elsewhere", "other-type", "no-selectors", "stopped"],
)
def test_trail_coverage_decides_data_events(
    aws: str, capsys: pytest.CaptureFixture[str], trail: dict[str, Any], expected: set[tuple[str, str, str]]
) -> None:
    make_trail("audit-trail", **trail)
    put_rule("s3-data", S3_PUT_OBJECT, region="eu-west-1")
    code, doc, _ = audit_json(capsys, "--regions", "eu-west-1")
    assert found(doc) == expected
    assert code == (1 if expected else 0)
    if not expected:
        (covered,) = doc["covered_by_trail"]
        assert covered["trail"] == "audit-trail" and covered["event_source"] == "s3.amazonaws.com"
        assert covered["severity"] == "warning"  # as a template gets it: the trail silenced it


def test_targets_are_checked_and_a_rule_without_one_is_information(
    aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_path = [
        {
            "Id": "q",
            "Arn": "arn:aws:sqs:us-east-1:123456789012:q",
            "InputTransformer": {"InputPathsMap": {"user": "$.detail.requestParameters.nope.deeper"},
                                 "InputTemplate": "\"<user>\""},
        }
    ]  # fmt: skip
    put_rule("transformer", IAM_CREATE_USER, targets=bad_path)
    put_rule("lonely", IAM_CREATE_USER, targets=[])
    code, doc, _ = audit_json(capsys, "--regions", "us-east-1")
    codes = {(f["resource"], f["code"]) for f in doc["findings"]}
    assert ("transformer", "CTR016") in codes
    (ctr016,) = [f for f in doc["findings"] if f["code"] == "CTR016"]
    assert ctr016["path"] == "Targets[0].InputTransformer.InputPathsMap.user"
    assert found(doc, "information") == {("lonely", "CTR101", "info")}
    assert doc["summary"]["information"] == 1
    assert not [f for f in doc["findings"] if f["resource"] == "lonely"]
    assert code == (1 if doc["summary"]["errors"] else 0)


def test_acknowledgement_tags(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    put_rule("iam-eu", IAM_CREATE_USER, region="eu-west-1",
             tags={"ctrules:acknowledge": "CTR005 receives IAM events forwarded from us-east-1"})  # fmt: skip
    put_rule("s3-eu", S3_PUT_OBJECT, region="eu-west-1",
             tags={"ctrules:acknowledge:CTR006": "the org trail logs S3 data events"})  # fmt: skip
    code, doc, _ = audit_json(capsys, "--regions", "eu-west-1")
    assert code == 0 and doc["findings"] == []
    reasons = {(a["resource"], a["code"]): a["reason"] for a in doc["acknowledged"]}
    assert reasons == {
        ("iam-eu", "CTR005"): "receives IAM events forwarded from us-east-1",
        ("s3-eu", "CTR006"): "the org trail logs S3 data events",
    }


def test_acknowledgement_tag_without_reason_is_bad_input(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    put_rule("iam-eu", IAM_CREATE_USER, region="eu-west-1", tags={"ctrules:acknowledge": "CTR005"})
    code, out, err = audit(capsys, "--regions", "eu-west-1")
    assert code == 2
    assert "without a reason" in err and "Traceback" not in err
    assert "CTR005 error" in out  # an acknowledgement that is not one acknowledges nothing


def test_since_reports_rules_that_matched_nothing(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime

    put_rule("quiet", IAM_CREATE_USER)
    put_rule("busy", {**IAM_CREATE_USER, "detail": {"eventSource": ["iam.amazonaws.com"], "eventName": ["DeleteUser"]}})
    client("cloudwatch").put_metric_data(
        Namespace="AWS/Events",
        MetricData=[
            {
                "MetricName": name,
                "Dimensions": [{"Name": "RuleName", "Value": "busy"}],
                "Timestamp": datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=2),
                "Value": 3.0,
                "Unit": "Count",
            }
            for name in ("MatchedEvents", "TriggeredRules")
        ],
    )
    code, doc, _ = audit_json(capsys, "--regions", "us-east-1", "--since", "30d")
    assert code == 0
    (info,) = doc["information"]
    assert (info["resource"], info["code"], info["severity"]) == ("quiet", "CTR102", "info")
    assert "last 30 days" in info["message"] and "MatchedEvents sum 0" in info["message"]


def test_no_region_can_be_read_is_one_line_and_exit_2(
    aws: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctrules.audit import collect

    def refuse(ro: Any, inv: Any) -> None:
        from botocore.exceptions import ClientError

        raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}}, "ListEventBuses")

    monkeypatch.setattr(collect, "_collect_rules", refuse)
    code, out, err = audit(capsys, "--regions", "eu-west-1")
    assert code == 2
    assert "not checked: in eu-west-1: AccessDeniedException: not authorized" in err
    assert "Traceback" not in err + out


def test_a_refused_region_is_not_checked_and_the_audit_goes_on(
    aws: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctrules.audit import collect

    real = collect._collect_rules

    def refuse_eu(ro: Any, inv: Any) -> None:
        if inv.region == "eu-west-1":
            from botocore.exceptions import ClientError

            raise ClientError({"Error": {"Code": "AccessDenied", "Message": "denied"}}, "ListEventBuses")
        real(ro, inv)

    monkeypatch.setattr(collect, "_collect_rules", refuse_eu)
    deploy_judged_scenario()
    code, doc, err = audit_json(capsys, "--regions", "us-east-1,eu-west-1")
    assert code == 1
    assert {f["resource"] for f in doc["findings"]} == {"service-event", "read-only", "s3-data"}
    (missing,) = doc["not_checked"]
    assert missing["file"] == "123456789012/eu-west-1" and "AccessDenied" in missing["reason"]
    assert "account 123456789012 region eu-west-1 not checked" in err


def test_unreachable_endpoint_is_one_line(aws: str, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    code, out, err = audit(capsys, "--regions", "eu-west-1")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("ctrules: error: GetCallerIdentity:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--regions", "nowhere"], "is not an AWS region name"),
        (["--since", "0d"], "is not a number of days"),
        (["--org"], "--org needs --role-name"),
        (["--role-name", "R"], "--role-name is for --org"),
        (["--regions", "us-east-1", "--all-regions"], "not allowed with argument"),
    ],
)
def test_bad_usage_is_one_line(aws: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = audit(capsys, *args)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_all_regions_lists_the_enabled_regions(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    put_rule("iam-eu", IAM_CREATE_USER, region="eu-west-1")
    code, doc, _ = audit_json(capsys, "--all-regions", "--ignore", "CTR101")
    assert code == 1 and found(doc) == {("iam-eu", "CTR005", "error")}
    assert doc["summary"]["exit_code"] == 1


def test_the_console_script_runs_it(aws: str, tmp_path: Path) -> None:
    deploy_judged_scenario()
    inventory = tmp_path / "inventory.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.run(
        [sys.executable, "-m", "ctrules", "audit", "--regions", "us-east-1,eu-west-1", "--format", "json",
         "--inventory", str(inventory)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["errors"] == 4
    regions = json.loads(inventory.read_text())
    assert [r["region"] for r in regions] == ["us-east-1", "eu-west-1"]
    assert {r["name"] for r in regions[0]["rules"]} == {"service-event", "read-only", "s3-data", "correct"}


def test_text_writes_information_as_notes_on_stderr(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    put_rule("lonely", IAM_CREATE_USER, targets=[])
    code, out, err = audit(capsys, "--regions", "us-east-1")
    assert code == 0
    assert out == "ctrules: 0 errors, 0 warnings in 1 rule from 1 region of account 123456789012; 1 note (see stderr)\n"
    assert err.startswith("ctrules: note: arn:aws:events:us-east-1:123456789012:rule/lonely (us-east-1): CTR101 [info] lonely:")


def test_regions_given_without_a_default_region(
    aws: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    put_rule("iam-eu", IAM_CREATE_USER, region="eu-west-1")
    monkeypatch.delenv("AWS_REGION")
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    code, doc, _ = audit_json(capsys, "--regions", "eu-west-1")
    assert code == 1 and found(doc) == {("iam-eu", "CTR005", "error")}
    code, out, err = audit(capsys)
    assert code == 2 and out == "" and "no region: pass --regions" in err


def test_unknown_profile_is_one_line(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = audit(capsys, "--profile", "nobody-has-this-profile", "--regions", "eu-west-1")
    assert code == 2 and out == "" and "nobody-has-this-profile" in err and err.count("\n") == 1


def test_sarif_gives_information_as_notes(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    put_rule("lonely", IAM_CREATE_USER, targets=[])
    code, out, _ = audit(capsys, "--regions", "us-east-1", "--format", "sarif")
    assert code == 0
    run = json.loads(out)["runs"][0]
    (result,) = run["results"]
    assert (result["ruleId"], result["level"]) == ("CTR101", "note")
    assert "suppressions" not in result
    # The result points at a rule of the tool's list, as SARIF viewers need to show what CTR101 is.
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "CTR101" and rule["defaultConfiguration"]["level"] == "note"
    assert "no target" in rule["shortDescription"]["text"]
    assert "CTR102" in {r["id"] for r in run["tool"]["driver"]["rules"]}
