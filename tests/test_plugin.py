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
from tests.cdkhelp import Synthesized, synth

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


def app_of_stacks(out: Path, stacks: dict[str, tuple[str | None, dict[str, Any], str | None]]) -> cdk.App:
    """An app with CloudTrailChecks and one hand-written rule ``R0`` per stack: id -> (region, pattern, State)."""
    app = cdk.App(outdir=str(out))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    for id, (region, p, state) in stacks.items():
        st = cdk.Stack(app, id, env=cdk.Environment(region=region) if region else None)
        rule = events.Rule(st, "R0", event_pattern=events.EventPattern(
            source=p.get("source"), detail_type=p.get("detail-type"), detail=p.get("detail")))  # fmt: skip
        if state:
            cfn = rule.node.default_child
            assert isinstance(cfn, events.CfnRule)
            cfn.state = state
    return app


@pytest.fixture(scope="module")
def error_cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Synthesized, Synthesized]:
    """Every error case in one app (a stack each), and every fixed one in another: one synth each."""
    bad, good = tmp_path_factory.mktemp("bad"), tmp_path_factory.mktemp("good")
    bad_app = app_of_stacks(bad, {f"S{code}": (c[1], c[0], c[2]) for code, c in CASES.items()})
    good_app = app_of_stacks(good, {f"S{code}": (c[4], c[3], c[5]) for code, c in CASES.items()})
    return synth(bad_app, bad), synth(good_app, good)


@pytest.mark.parametrize("code", sorted(CASES))
def test_error_codes_fail_synth_and_pass_when_fixed(error_cases: tuple[Synthesized, Synthesized], code: str) -> None:
    bad, good = error_cases
    assert bad.error is not None and bad.error.startswith("ValidationFailed")
    found = bad.at(f"S{code}/R0")
    assert code in {v.code for v in found}
    v = next(v for v in found if v.code == code)
    assert v.description.startswith(code) and v.fix and v.severity == "error"
    assert good.error is None and good.at(f"S{code}/R0") == []


WARNING_CASES: dict[str, tuple[dict[str, Any], str | None]] = {
    "CTR006": (pat("aws.s3", API, "PutObject"), "us-east-1"),
    "CTR008": ({"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["RunInstances"], "userIdentity": {"nickname": ["x"]}}}, "us-east-1"),
    "CTR005": (pat("aws.iam", API, "CreateUser"), None),
}  # fmt: skip


@pytest.fixture(scope="module")
def warning_cases(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    out = tmp_path_factory.mktemp("warnings")
    return synth(app_of_stacks(out, {f"S{code}": (r, p, None) for code, (p, r) in WARNING_CASES.items()}), out)


@pytest.mark.parametrize("code", sorted(WARNING_CASES))
def test_warnings_do_not_fail_synth(warning_cases: Synthesized, code: str) -> None:
    assert warning_cases.error is None  # warnings are reported, synthesis goes on
    found = warning_cases.at(f"S{code}/R0")
    assert [(v.code, v.severity) for v in found] == [(code, "warning")]
    assert found[0].fix


def test_clean_rules_report_nothing(tmp_path: Path) -> None:
    app = app_of_stacks(tmp_path, {
        "S3": ("us-east-1", pat("aws.s3", API, "PutBucketPolicy"), None),
        "Ec2": ("us-east-1", {"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["RunInstances"]}},
                None),
    })  # fmt: skip
    result = synth(app, tmp_path)
    assert result.error is None and result.violations == []


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
    events.Rule(st, "Plain", event_pattern=events.EventPattern(
        source=["aws.iam"], detail_type=[API], detail={"eventName": ["CreateUser"]}))  # fmt: skip
    result = synth(app, tmp_path / "cdk.out")
    assert result.error is not None
    assert result.error.count("S/Iam/Resource") == 1 and result.error.count("S/Plain/Resource") == 1
    assert sorted((v.plugin, v.code, v.path) for v in result.violations) == [
        ("ctrules", "CTR005", "S/Iam/Resource"),
        ("ctrules", "CTR005", "S/Plain/Resource"),
    ]


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


def test_typed_and_hand_written_warnings_are_each_reported_once(tmp_path: Path) -> None:
    from ctrules import ApiCallRule

    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    ApiCallRule(st, "Obj", "PutObject", service="s3")  # CTR006: a data event (a warning, synth goes on)
    events.Rule(st, "Plain", event_pattern=events.EventPattern(
        source=["aws.s3"], detail_type=[API], detail={"eventName": ["PutObject"]}))  # fmt: skip
    result = synth(app, tmp_path / "cdk.out")
    assert result.error is None
    assert sorted((v.code, v.path) for v in result.violations) == [("CTR006", "S/Obj/Resource"), ("CTR006", "S/Plain/Resource")]


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


def test_the_apps_plugin_checks_nested_stages_once(tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(cdk.Stage(app, "Prod"), "S", env=cdk.Environment(region="eu-west-1"))
    events.Rule(st, "Iam", event_pattern=events.EventPattern(
        source=["aws.iam"], detail_type=[API], detail={"eventName": ["CreateUser"]}))  # fmt: skip
    result = synth(app, tmp_path)
    assert [(v.code, v.path) for v in result.violations] == [("CTR005", "Prod/S/Iam/Resource")]


@pytest.mark.parametrize("plugin_first", [True, False])
def test_typed_rules_are_reported_once_whenever_the_plugin_is_added(tmp_path: Path, plugin_first: bool) -> None:
    from ctrules import ApiCallRule

    app = cdk.App(outdir=str(tmp_path))
    if plugin_first:
        cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(st, "Iam", "CreateUser", service="iam")
    other = cdk.Stack(cdk.Stage(app, "Prod"), "T", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(other, "Iam", "DeleteUser", service="iam")
    if not plugin_first:
        cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    for _ in range(2):  # a second synthesis of the same app reports the same, once
        result = synth(app, tmp_path)
        assert sorted((v.code, v.path) for v in result.violations) == [
            ("CTR005", "Prod/T/Iam/Resource"),
            ("CTR005", "S/Iam/Resource"),
        ]


def test_the_plugins_ignore_applies_to_typed_rules(tmp_path: Path) -> None:
    from ctrules import ApiCallRule

    app = cdk.App(outdir=str(tmp_path))
    st = cdk.Stack(app, "S", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(st, "Iam", "CreateUser", service="iam")
    ApiCallRule(st, "Obj", "PutObject", service="s3")  # CTR006 (a warning), not ignored
    cdk.Validations.of(app).add_plugins(CloudTrailChecks(ignore=["CTR005"]))
    result = synth(app, tmp_path)
    assert result.error is None
    assert [(v.code, v.path) for v in result.violations] == [("CTR006", "S/Obj/Resource")]


def test_a_pattern_known_only_at_deploy_time_is_reported_not_checked(tmp_path: Path) -> None:
    """A rule whose whole pattern is an intrinsic (``Fn::If``) cannot be evaluated at synth: the plugin says so as a
    warning (synthesis goes on), while the rule written out beside it is checked as usual."""
    app = cdk.App(outdir=str(tmp_path))
    cdk.Validations.of(app).add_plugins(CloudTrailChecks())
    st = cdk.Stack(app, "S", env=cdk.Environment(region="us-east-1"))
    prod = cdk.CfnCondition(st, "Prod", expression=cdk.Fn.condition_equals(cdk.Aws.ACCOUNT_ID, "111111111111"))
    api = {"source": ["aws.ec2"], "detail-type": [API], "detail": {"eventName": ["RunInstances"]}}
    events.CfnRule(st, "Cond", event_pattern=cdk.Fn.condition_if(prod.logical_id, api, api))
    events.CfnRule(st, "Plain", event_pattern=api)
    result = synth(app, tmp_path)
    assert result.error is None
    [found] = result.at("S/Cond")
    assert (found.code, found.severity) == ("not-checked", "warning")
    assert found.description.startswith("not checked: ") and found.fix
    assert result.at("S/Plain") == []


@pytest.mark.parametrize("region", ["us-east-1", "us-gov-west-1", "cn-northwest-1", "eu-isoe-west-1", "ap-southeast-5"])
def test_a_region_name_is_known_without_asking_cdk(region: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctrules._cdk import known_region

    def no_round_trip(value: object) -> bool:
        raise AssertionError("a literal region name needs no jsii call")

    monkeypatch.setattr(cdk.Token, "is_unresolved", no_round_trip)
    assert known_region(region) == region


@pytest.mark.parametrize("value", ["token", "unknown-region", "", None, 3, "${Token[AWS.Region.7]}"])
def test_a_region_that_is_not_a_name_is_unknown(value: object) -> None:
    from ctrules._cdk import known_region

    assert known_region(cdk.Aws.REGION if value == "token" else value) is None


def test_the_plugin_reads_each_part_of_the_context_once(tmp_path: Path) -> None:
    """jsii hands the plugin its context as a proxy of several interfaces, whose attributes cost two round trips to
    Node each; the plugin reads each one once, and its findings are the same."""
    from jsii._kernel.providers import process

    app = app_of_stacks(tmp_path, {"A": ("us-east-1", pat("aws.ec2", API, "RunInstance"), None),
                                   "B": ("eu-west-1", pat("aws.iam", API, "CreateUser"), None)})  # fmt: skip
    asked: list[str] = []
    real = process._NodeProcess.send

    def send(self: Any, request: Any, response_type: Any) -> Any:
        asked.append(getattr(request, "property", "") or "")
        return real(self, request, response_type)

    process._NodeProcess.send = send  # type: ignore[method-assign]
    try:
        result = synth(app, tmp_path)
    finally:
        process._NodeProcess.send = real  # type: ignore[method-assign]
    assert result.error is not None
    assert sorted((v.code, v.path) for v in result.violations) == [("CTR003", "A/R0/Resource"), ("CTR005", "B/R0/Resource")]
    assert asked.count("appConstruct") == 1
    assert asked.count("stackTemplates") == 1


def test_ignore_takes_one_code_or_several_and_refuses_others() -> None:
    """ignore="CTR005" once skipped nothing (a string is an iterable of letters) and ignore=["CTR5"] was accepted:
    synthesis then failed on the finding meant to be skipped, with no word of why."""
    from ctrules.errors import InvalidRuleError

    assert CloudTrailChecks(ignore="CTR005")._ignore == ("CTR005",)
    assert CloudTrailChecks(ignore=["ctrules::CTR013", "ctr006"])._ignore == ("CTR013", "CTR006")
    with pytest.raises(InvalidRuleError, match=r"'CTR5' is not a check code; known: CTR001"):
        CloudTrailChecks(ignore=["CTR5"])


def test_one_problem_of_several_names_is_one_violation(tmp_path: Path) -> None:
    """Two IAM names of one rule outside us-east-1: one CTR005 violation naming the other (as ctrules lint gives
    one finding), not two full reports of the same problem."""
    names = {"source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser", "DeleteUser"]}}
    result = synth(app_with(tmp_path, "eu-west-1", names), tmp_path / "cdk.out")
    (v,) = [v for v in result.violations if v.code == "CTR005"]
    assert "'CreateUser'" in v.description and "The same for 'DeleteUser' ($.detail.eventName[1])." in v.description
