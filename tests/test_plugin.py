"""CloudTrailChecks: the app-wide Validations plugin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_events as events

from ctrules import CloudTrailChecks, ServiceEventRule
from ctrules.inputs import rules_in_template

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"


def app_with(tmp_path: Path, region: str | None, *patterns: dict[str, Any], state: str | None = None) -> cdk.App:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region=region) if region else None)
    for i, p in enumerate(patterns):
        rule = events.Rule(st, f"R{i}", event_pattern=events.EventPattern(
            source=p.get("source"), detail_type=p.get("detail-type"), detail=p.get("detail")))  # fmt: skip
        if state:
            cfn = rule.node.default_child
            assert isinstance(cfn, events.CfnRule)
            cfn.state = state
    return app


def report(tmp_path: Path) -> list[dict[str, Any]]:
    data = json.loads((tmp_path / "cdk.out" / "validation-report.json").read_text())
    violations: list[dict[str, Any]] = data["pluginReports"][0]["violations"]
    return violations


def pat(source: str, detail_type: str, name: str) -> dict[str, Any]:
    return {"source": [source], "detail-type": [detail_type], "detail": {"eventName": [name]}}


# code -> (failing pattern, region, state, passing pattern, region, state)
CASES: dict[str, tuple[dict[str, Any], str | None, str | None, dict[str, Any], str | None, str | None]] = {
    "CTR001": (pat("aws.organizations", API, "CreateAccountResult"), "us-east-1", None,
               pat("aws.organizations", SERVICE, "CreateAccountResult"), "us-east-1", None),
    "CTR002": (pat("aws.organisations", SERVICE, "CreateAccountResult"), "us-east-1", None,
               pat("aws.organizations", SERVICE, "CreateAccountResult"), "us-east-1", None),
    "CTR003": (pat("aws.ec2", API, "RunInstance"), "us-east-1", None,
               pat("aws.ec2", API, "RunInstances"), "us-east-1", None),
    "CTR004": (pat("aws.ec2", API, "DescribeInstances"), "us-east-1", None,
               pat("aws.ec2", API, "DescribeInstances"), "us-east-1", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
    "CTR005": (pat("aws.iam", API, "CreateUser"), "eu-west-1", None,
               pat("aws.iam", API, "CreateUser"), "us-east-1", None),
    "CTR007": (pat("aws.signin", "AWS Console Signin via CloudTrail", "ConsoleLogin"), "us-east-1", None,
               pat("aws.signin", "AWS Console Sign In via CloudTrail", "ConsoleLogin"), "us-east-1", None),
    "CTR009": ({"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": [{"prefixx": "Run"}]}},
               "us-east-1", None, pat("aws.ec2", API, "RunInstances"), "us-east-1", None),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CASES))
def test_error_codes_fail_synth_and_pass_when_fixed(tmp_path: Path, code: str) -> None:
    bad, region, state, good, good_region, good_state = CASES[code]
    with pytest.raises(RuntimeError, match="ValidationFailed"):
        app_with(tmp_path / "bad", region, bad, state=state).synth()
    violations = report(tmp_path / "bad")
    assert code in {v["ruleName"] for v in violations}
    v = next(v for v in violations if v["ruleName"] == code)
    assert v["description"].startswith(code) and v["suggestedFix"]
    assert v["violatingConstructs"][0]["cloudFormationResource"]["logicalId"].startswith("R0")
    app_with(tmp_path / "good", good_region, good, state=good_state).synth()


@pytest.mark.parametrize(
    ("code", "bad", "region"),
    [
        ("CTR006", pat("aws.s3", API, "PutObject"), "us-east-1"),
        (
            "CTR008",
            {"source": ["aws.ec2"], "detail-type": [API],
             "detail": {"eventName": ["RunInstances"], "userIdentity": {"nickname": ["x"]}}},
            "us-east-1",
        ),
        ("CTR005", pat("aws.iam", API, "CreateUser"), None),
    ],
)
def test_warnings_do_not_fail_synth(tmp_path: Path, code: str, bad: dict[str, Any], region: str | None) -> None:
    app = app_with(tmp_path, region, bad)
    app.synth()  # warnings are reported, synthesis goes on
    violations = report(tmp_path)
    assert [(v["ruleName"], v["severity"]) for v in violations] == [(code, "warning")]
    assert violations[0]["suggestedFix"]


@pytest.mark.parametrize(
    "good",
    [
        pat("aws.s3", API, "PutBucketPolicy"),
        {"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["RunInstances"]}},
    ],
)
def test_clean_rules_report_nothing(tmp_path: Path, good: dict[str, Any]) -> None:
    app_with(tmp_path, "us-east-1", good).synth()
    out = tmp_path / "cdk.out" / "validation-report.json"
    if out.exists():
        data = json.loads(out.read_text())
        assert all(not r.get("violations") for r in data.get("pluginReports", []))


def test_seed_scenario_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = app_with(tmp_path, "us-east-1", pat("aws.organizations", API, "CreateAccountResult"))
    with pytest.raises(RuntimeError):
        app.synth()
    printed = capsys.readouterr()
    text = printed.out + printed.err + json.dumps(report(tmp_path))
    assert "CTR001" in text and SERVICE in text


def test_acknowledgement_silences_one_rule(tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="eu-west-1"))
    rule = events.Rule(st, "Iam", event_pattern=events.EventPattern(
        source=["aws.iam"], detail_type=[API], detail={"eventName": ["CreateUser"]}))  # fmt: skip
    cdk.Validations.of(rule).acknowledge(
        cdk.Acknowledgment(id="ctrules::CTR005", reason="events are forwarded from us-east-1 to this region")
    )
    app.synth()


def test_typed_rules_pass_the_plugin(tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    ServiceEventRule(st, "NewAccount", "CreateAccountResult")
    app.synth()


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"EventPattern": '{"source": ["aws.ec2"]}'}, {"source": ["aws.ec2"]}),
        ({"EventPattern": {"source": ["aws.ec2"]}, "State": "DISABLED"}, {"source": ["aws.ec2"]}),
        ({"ScheduleExpression": "rate(1 hour)"}, None),
    ],
)
def test_rules_in_template(props: dict[str, Any], expected: Any) -> None:
    template = {"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": props}}}
    found = list(rules_in_template(template))
    if expected is None:
        assert found == []
    else:
        assert found[0].pattern == expected


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(tmp_path: Path, enabled: bool) -> None:
    import gc

    from ctrules import plugin

    seen: list[bool] = []
    original = plugin.CloudTrailChecks._validate

    def spy(self: CloudTrailChecks, context: Any) -> Any:
        seen.append(gc.isenabled())
        return original(self, context)

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.MonkeyPatch.context() as m:
            m.setattr(plugin.CloudTrailChecks, "_validate", spy)
            app_with(tmp_path, "us-east-1", pat("aws.ec2", API, "RunInstances")).synth()
        assert seen == [False]  # off while the templates are read and checked
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_typed_rule_problem_is_reported_once(tmp_path: Path) -> None:
    from ctrules import ApiCallRule

    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(st, "Iam", "CreateUser", service="iam")  # CTR005: IAM events reach EventBridge in us-east-1 only
    with pytest.raises(RuntimeError) as info:
        app.synth()
    text = str(info.value)
    assert text.count("[S/Iam] CTR005:") == 1
    # Not a second time from the plugin (which, here, does not even get to run).
    ran = (tmp_path / "cdk.out" / "validation-report.json").exists()
    assert not ran or not [v for v in report(tmp_path) if v["ruleName"] == "CTR005"]


def test_the_plugin_still_checks_hand_written_rules_beside_typed_ones(tmp_path: Path) -> None:
    app = app_with(tmp_path, "eu-west-1", pat("aws.iam", API, "CreateUser"))
    with pytest.raises(RuntimeError):
        app.synth()
    assert [v["ruleName"] for v in report(tmp_path)] == ["CTR005"]


def test_the_plugin_reads_a_catalog_extra_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctrules.catalog import _store, api, extensions, lookup

    monkeypatch.setattr(_store, "_STORE", _store.Store(_store._read()))  # a private catalog: nothing leaks
    monkeypatch.setattr(extensions, "_APPLIED", set())
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps([{"event_name": "PluginOnlyTestEvent", "event_source": "ec2.amazonaws.com",
                                  "event_types": ["AwsApiCall"]}]))  # fmt: skip
    assert lookup("PluginOnlyTestEvent") == ()
    CloudTrailChecks(catalog_extra=extra)
    assert [e.event_source for e in lookup("PluginOnlyTestEvent")] == ["ec2.amazonaws.com"]
    api._suggest.cache_clear()


def test_a_bad_catalog_extra_file_is_one_clear_error(tmp_path: Path) -> None:
    from ctrules.catalog import CatalogEntryError

    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps([{"event_name": "X", "event_source": "ec2.amazonaws.com", "event_types": ["Nope"]}]))
    with pytest.raises(CatalogEntryError, match="event_types"):
        CloudTrailChecks(catalog_extra=extra)


def test_the_plugin_skips_typed_rules_whose_warnings_the_construct_reports(tmp_path: Path) -> None:
    from ctrules import ApiCallRule

    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    ApiCallRule(st, "Obj", "PutObject", service="s3")  # CTR006: a data event (a warning, synth goes on)
    events.Rule(st, "Plain", event_pattern=events.EventPattern(
        source=["aws.s3"], detail_type=[API], detail={"eventName": ["PutObject"]}))  # fmt: skip
    app.synth()
    plugin_ids = [(v["ruleName"], c["constructPath"]) for v in report(tmp_path) for c in v["violatingConstructs"]]
    assert plugin_ids == [("CTR006", "S/Plain/Resource")]
    warnings = assertions_of(st)
    assert len(warnings) == 1 and "CTR006" in str(warnings[0].entry.data)


def assertions_of(st: cdk.Stack) -> list[Any]:
    from aws_cdk import assertions

    found: list[Any] = assertions.Annotations.from_stack(st).find_warning(
        "*", assertions.Match.string_like_regexp("CTR006")
    )
    return found


def test_a_trail_of_the_app_that_logs_the_data_events_silences_ctr006(tmp_path: Path) -> None:
    from aws_cdk import aws_cloudtrail as cloudtrail
    from aws_cdk import aws_s3 as s3

    app = app_with(tmp_path, "us-east-1", pat("aws.s3", API, "PutObject"))
    app.synth()
    assert [v["ruleName"] for v in report(tmp_path)] == ["CTR006"]

    covered = tmp_path / "covered"
    app = app_with(covered, "us-east-1", pat("aws.s3", API, "PutObject"))
    trail_stack = cdk.Stack(app, "Trails", env=cdk.Environment(region="us-east-1"))
    trail = cloudtrail.Trail(trail_stack, "Data")
    trail.add_s3_event_selector([cloudtrail.S3EventSelector(bucket=s3.Bucket(trail_stack, "B"))])
    app.synth()
    written = covered / "cdk.out" / "validation-report.json"
    assert not written.exists() or not json.loads(written.read_text())["pluginReports"] or report(covered) == []


def test_data_trail_sources_reads_both_kinds_of_selectors() -> None:
    from ctrules.inputs.trails import data_trail_sources

    template = {"Resources": {
        "Old": {"Type": "AWS::CloudTrail::Trail", "Properties": {
            "EventSelectors": [{"DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}},
        "New": {"Type": "AWS::CloudTrail::Trail", "Properties": {"AdvancedEventSelectors": [{"FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]}]}]}},
        "Other": {"Type": "AWS::S3::Bucket"},
    }}  # fmt: skip
    assert data_trail_sources(template) == {"s3.amazonaws.com": "Old", "lambda.amazonaws.com": "New"}
    assert data_trail_sources({"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {}}}}) == {}
