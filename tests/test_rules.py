"""The typed rule constructs: what they synthesize, and what they refuse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import assertions
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_sns as sns
from constructs import Construct

import ctrules
from ctrules import (
    AmbiguousEventError,
    ApiCallRule,
    CloudTrailRule,
    ConsoleSignInRule,
    EventTypeMismatchError,
    InsightRule,
    InvalidRuleError,
    NetworkActivityRule,
    ServiceEventRule,
    UnknownEventError,
)
from tests.cdkhelp import Synthesized, synth

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
RO = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"


def stack(region: str | None = "us-east-1") -> cdk.Stack:
    app = cdk.App()
    env = cdk.Environment(region=region) if region else None
    return cdk.Stack(app, "Test", env=env)


def rules_of(st: cdk.Stack) -> dict[str, Any]:
    return assertions.Template.from_stack(st).find_resources("AWS::Events::Rule")


# --- what the constructs synthesize: one app, one synth, many rules ------------------------------------------


@dataclass
class Shapes:
    """One app with one typed rule per shape under test, synthesized once."""

    stack: cdk.Stack
    rules: dict[str, events.Rule]
    result: Synthesized

    def props(self, id: str) -> dict[str, Any]:
        found: dict[str, Any] = self.result.resource(self.stack, self.rules[id])["Properties"]
        return found

    def pattern(self, id: str) -> dict[str, Any]:
        found: dict[str, Any] = self.props(id)["EventPattern"]
        return found


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Shapes:
    out = tmp_path_factory.mktemp("shapes")
    app = cdk.App(outdir=str(out))
    st = cdk.Stack(app, "Test", env=cdk.Environment(region="us-east-1"))
    r: dict[str, events.Rule] = {}
    r["NewAccount"] = ServiceEventRule(st, "NewAccount", "CreateAccountResult")
    r["Api"] = ApiCallRule(st, "Api", "StopLogging")
    r["Svc"] = ServiceEventRule(st, "Svc", "RotationSucceeded")
    r["SignIn"] = ConsoleSignInRule(st, "SignIn", "ConsoleLogin")
    r["Net"] = NetworkActivityRule(st, "Net", "GetSecretValue", service="secretsmanager")
    r["Spike"] = InsightRule(st, "Spike", "RunInstances")
    r["Decrypt"] = CloudTrailRule(st, "Decrypt", "Decrypt", service="kms")
    r["Secret"] = ApiCallRule(st, "Secret", "GetSecretValue", service="secretsmanager")
    r["SecretOff"] = ApiCallRule(st, "SecretOff", "GetSecretValue", service="secretsmanager", enabled=False)
    topic = sns.Topic(st, "T")
    r["Props"] = ServiceEventRule(
        st, "Props", "CreateAccountResult", description="new accounts", rule_name="new-accounts",
        targets=[targets.SnsTopic(topic)],
    )  # fmt: skip
    r["Props"].add_target(targets.SnsTopic(sns.Topic(st, "T2")))
    r["Span"] = ApiCallRule(st, "Span", ["StopLogging", "DeleteTrail", "RunInstances"])
    r["Root"] = ConsoleSignInRule(st, "Root", "ConsoleLogin", detail={"userIdentity": {"type": ["Root"]}})
    r["Own"] = ApiCallRule(st, "Own", ["StopLogging", "guardduty:DeleteDetector"])
    r["Plain"] = events.Rule(st, "Plain", event_pattern=ctrules.pattern("CreateAccountResult"))
    r["Unlisted"] = ApiCallRule(st, "Unlisted", "StartBrandNewWidgetJob", service="ec2")
    return Shapes(st, r, synth(app, out))


def test_the_shapes_app_synthesizes_with_one_warning_only(shapes: Shapes) -> None:
    assert shapes.result.error is None
    assert [(v.code, v.severity, v.path) for v in shapes.result.violations] == [
        ("CTR003", "warning", "Test/Unlisted/Resource")
    ]


def test_seed_service_event_rule(shapes: Shapes) -> None:
    assert isinstance(shapes.rules["NewAccount"], events.Rule)
    props = shapes.props("NewAccount")
    assert props["EventPattern"] == {
        "source": ["aws.organizations"],
        "detail-type": [SERVICE],
        "detail": {"eventSource": ["organizations.amazonaws.com"], "eventName": ["CreateAccountResult"]},
    }
    assert props["State"] == "ENABLED"


@pytest.mark.parametrize(
    ("id", "name", "detail_type", "source"),
    [
        ("Api", "StopLogging", API, "aws.cloudtrail"),
        ("Svc", "RotationSucceeded", SERVICE, "aws.secretsmanager"),
        ("SignIn", "ConsoleLogin", "AWS Console Sign In via CloudTrail", "aws.signin"),
        ("Net", "GetSecretValue", "AWS Network Activity Event via CloudTrail", "aws.secretsmanager"),
    ],
)
def test_typed_rules_infer_source_and_detail_type(
    shapes: Shapes, id: str, name: str, detail_type: str, source: str
) -> None:
    pattern = shapes.pattern(id)
    assert pattern["detail-type"] == [detail_type]
    assert pattern["source"] == [source]
    assert pattern["detail"]["eventName"] == [name]


def test_insight_rule_filters_insight_details(shapes: Shapes) -> None:
    assert shapes.pattern("Spike") == {
        "detail-type": ["AWS Insight via CloudTrail"],
        "detail": {"insightDetails": {"eventSource": ["ec2.amazonaws.com"], "eventName": ["RunInstances"]}},
    }


def test_cloud_trail_rule_infers_every_event_type(shapes: Shapes) -> None:
    assert set(shapes.pattern("Decrypt")["detail-type"]) == {API, SERVICE}


def test_read_only_event_gets_the_special_state(shapes: Shapes) -> None:
    assert shapes.props("Secret")["State"] == RO


def test_disabled_read_only_rule_stays_disabled(shapes: Shapes) -> None:
    assert shapes.props("SecretOff")["State"] == "DISABLED"


def test_network_activity_rule_keeps_the_plain_state(shapes: Shapes) -> None:
    assert shapes.props("Net")["State"] == "ENABLED"


def test_rule_props_pass_through(shapes: Shapes) -> None:
    props = shapes.props("Props")
    assert props["Description"] == "new accounts"
    assert props["Name"] == "new-accounts"
    assert len(props["Targets"]) == 2


def test_a_custom_bus_passes_through() -> None:
    st = stack()
    ServiceEventRule(st, "R", "CreateAccountResult", event_bus=events.EventBus(st, "Bus"))
    (rule,) = rules_of(st).values()
    assert "EventBusName" in rule["Properties"]


def test_names_spanning_services_never_cross_match(shapes: Shapes) -> None:
    pattern = shapes.pattern("Span")
    assert pattern["source"] == ["aws.cloudtrail", "aws.ec2"]
    assert pattern["detail"] == {
        "$or": [
            {"eventSource": ["cloudtrail.amazonaws.com"], "eventName": ["StopLogging", "DeleteTrail"]},
            {"eventSource": ["ec2.amazonaws.com"], "eventName": ["RunInstances"]},
        ]
    }


def test_detail_filters_are_added(shapes: Shapes) -> None:
    assert shapes.pattern("Root")["detail"]["userIdentity"] == {"type": ["Root"]}


def test_names_can_name_their_own_service(shapes: Shapes) -> None:
    assert shapes.pattern("Own")["detail"]["$or"] == [
        {"eventSource": ["cloudtrail.amazonaws.com"], "eventName": ["StopLogging"]},
        {"eventSource": ["guardduty.amazonaws.com"], "eventName": ["DeleteDetector"]},
    ]


def test_pattern_helpers(shapes: Shapes) -> None:
    assert ctrules.pattern_dict("CreateAccountResult") == {
        "source": ["aws.organizations"],
        "detail-type": [SERVICE],
        "detail": {"eventSource": ["organizations.amazonaws.com"], "eventName": ["CreateAccountResult"]},
    }
    assert shapes.pattern("Plain")["detail-type"] == [SERVICE]
    with pytest.raises(EventTypeMismatchError):
        ctrules.pattern_dict("CreateAccount", service="organizations", event_type="AwsServiceEvent")


@pytest.mark.parametrize(
    "data",
    [
        ctrules.pattern_dict("CreateAccountResult"),
        ctrules.pattern_dict(["iam:CreateUser", "RunInstances"], detail={"errorCode": [{"exists": False}]}),
        ctrules.pattern_dict("LookupEvents", event_type="AwsApiCall"),
        {"detail-type": ["AWS Insight via CloudTrail"]},
        {"source": ["aws.iam"]},
        {},
    ],
)
def test_a_built_pattern_makes_the_struct_the_checked_constructor_makes(data: dict[str, Any]) -> None:
    """to_event_pattern skips the constructor's run-time type checks for a pattern that passes them: same struct."""
    from ctrules.rules import to_event_pattern

    built = to_event_pattern(data)
    checked = events.EventPattern(source=data.get("source"), detail_type=data.get("detail-type"),
                                  detail=data.get("detail"))  # fmt: skip
    assert type(built) is events.EventPattern
    assert built == checked and repr(built) == repr(checked)
    assert (built.source, built.detail_type, built.detail) == (checked.source, checked.detail_type, checked.detail)


@pytest.mark.parametrize(
    "data",
    [
        {"source": "aws.iam"},  # a string, which Sequence[str] admits
        {"source": ("aws.iam",)},
        {"source": ["aws.iam", 3]},
        {"detail-type": [None]},
        {"detail": {1: ["x"]}},  # a key that is no string
        {"detail": [{"eventName": ["x"]}]},
    ],
)
def test_a_pattern_of_other_types_goes_through_the_checked_constructor(data: dict[str, Any]) -> None:
    """Whatever the constructor does with a value of another type (accept it or raise), to_event_pattern does."""
    from ctrules.rules import to_event_pattern

    def checked() -> events.EventPattern:
        return events.EventPattern(source=data.get("source"), detail_type=data.get("detail-type"),
                                   detail=data.get("detail"))  # fmt: skip

    try:
        expected = checked()
    except TypeError as exc:
        with pytest.raises(TypeError) as err:
            to_event_pattern(data)
        assert str(err.value) == str(exc)
    else:
        assert to_event_pattern(data) == expected


def test_a_rule_from_a_built_struct_synthesizes_its_pattern() -> None:
    st = stack()
    pattern = ctrules.pattern_dict(["iam:CreateUser", "RunInstances"], detail={"userIdentity": {"type": ["Root"]}})
    events.Rule(st, "R", event_pattern=ctrules.pattern(["iam:CreateUser", "RunInstances"],
                                                       detail={"userIdentity": {"type": ["Root"]}}))  # fmt: skip
    (resource,) = assertions.Template.from_stack(st).find_resources("AWS::Events::Rule").values()
    assert resource["Properties"]["EventPattern"] == pattern


def test_an_unlisted_name_with_its_service_is_taken_with_a_warning(shapes: Shapes) -> None:
    rule = shapes.rules["Unlisted"]
    assert isinstance(rule, ApiCallRule)
    assert [e.event_name for e in rule.catalog_events] == ["StartBrandNewWidgetJob"]
    pattern = shapes.pattern("Unlisted")
    assert pattern["source"] == ["aws.ec2"] and pattern["detail"]["eventName"] == ["StartBrandNewWidgetJob"]
    (warning,) = shapes.result.at("Test/Unlisted")
    assert warning.severity == "warning" and "StartBrandNewWidgetJob" in warning.description


@pytest.mark.parametrize(
    ("build", "error", "text"),
    [
        (lambda s: ServiceEventRule(s, "X", "CreateAccount"), EventTypeMismatchError, "ApiCallRule"),
        (lambda s: ApiCallRule(s, "X", "CreateAccountResult"), EventTypeMismatchError, "ServiceEventRule"),
        (lambda s: ApiCallRule(s, "X", "ConsoleLogin"), EventTypeMismatchError, "ConsoleSignInRule"),
        (lambda s: ApiCallRule(s, "X", "TagResource"), AmbiguousEventError, "service="),
        (lambda s: ApiCallRule(s, "X", "CreateAcountResult"), UnknownEventError, "CreateAccountResult"),
        (lambda s: ApiCallRule(s, "X", "RunInstances", service="organizations"), UnknownEventError, "aws.ec2"),
        (lambda s: ApiCallRule(s, "X", []), InvalidRuleError, "empty"),
        (lambda s: ApiCallRule(s, "X", "RunInstances", detail={"eventName": ["x"]}), InvalidRuleError, "eventName"),
        (lambda s: ApiCallRule(s, "X", "RunInstances", schedule=events.Schedule.rate(cdk.Duration.hours(1))),
         InvalidRuleError, "schedule"),
    ],
)  # fmt: skip
def test_construction_errors(build: Any, error: type[Exception], text: str) -> None:
    st = stack()
    with pytest.raises(error) as err:
        build(st)
    assert isinstance(err.value, ctrules.CtrulesError)
    assert text in str(err.value)
    assert "Test/X" in str(err.value)  # the construct path


def test_detail_or_is_kept_when_names_span_services() -> None:
    user_or = [{"userIdentity": {"type": ["Root"]}}, {"errorCode": [{"exists": True}]}]
    pattern = ctrules.pattern_dict(["StopLogging", "DisableSecurityHub"], detail={"$or": user_or})
    assert all(alt["$or"] == user_or for alt in pattern["detail"]["$or"])


def test_mismatch_names_every_service_of_the_name() -> None:
    with pytest.raises(EventTypeMismatchError) as err:
        ServiceEventRule(stack(), "X", "CreateAccount")
    assert "aws.organizations" in str(err.value) and "ApiCallRule" in str(err.value)


# --- one clean error, unlisted names, one report per problem ------------------------------------------


def test_a_construct_mistake_is_one_exception_without_a_chained_one() -> None:
    with pytest.raises(UnknownEventError) as info:
        ApiCallRule(stack(), "Typo", "CreatUser", service="iam")
    assert info.value.__context__ is None and info.value.__cause__ is None
    message = str(info.value)
    assert message.count("CreatUser") == 1 and "Test/Typo" in message and "CreateUser" in message


@pytest.mark.parametrize(
    "name",
    ["RunInstance", "runinstances", "CreateUser"],  # a slip, another case, a name of another service
)
def test_an_unlisted_name_that_is_provably_a_mistake_is_still_refused(name: str) -> None:
    with pytest.raises(UnknownEventError):
        ApiCallRule(stack(), "Bad", name, service="ec2")


def test_an_unlisted_name_without_a_service_is_refused() -> None:
    with pytest.raises(UnknownEventError):
        ApiCallRule(stack(), "Bad", "StartBrandNewWidgetJob")


# --- every finding of the app in one synth, through the policy-validation report ---------------------------


@dataclass
class Findings:
    """One app whose typed rules have problems everywhere (no CloudTrailChecks registered), synthesized once."""

    result: Synthesized
    stacks: dict[str, cdk.Stack]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> Findings:
    out = tmp_path_factory.mktemp("findings")
    app = cdk.App(outdir=str(out))
    eu = cdk.Stack(app, "Eu", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(eu, "Iam", "CreateUser", service="iam")  # CTR005: IAM events reach EventBridge in us-east-1
    ApiCallRule(eu, "Iam2", "CreateRole", service="iam")
    acked = ApiCallRule(eu, "Acked", "DeleteUser", service="iam")
    cdk.Validations.of(acked).acknowledge(
        cdk.Acknowledgment(id="ctrules::CTR005", reason="a rule in us-east-1 forwards IAM events to this region")
    )
    group = Construct(eu, "Group/With Slash")
    ApiCallRule(group, "Default", "AttachUserPolicy", service="iam")  # logical IDs: "/" and "Default"
    moved = ApiCallRule(eu, "Moved", "DetachUserPolicy", service="iam")
    cfn = moved.node.default_child
    assert isinstance(cfn, events.CfnRule)
    cfn.override_logical_id("MovedByHand")
    ApiCallRule(cdk.NestedStack(eu, "Inner"), "Iam", "CreateUser", service="iam")  # a nested stack's template
    use = cdk.Stack(app, "Use", env=cdk.Environment(region="us-east-1"))
    later = ServiceEventRule(use, "Later", "CreateAccountResult")
    later.add_event_pattern(detail={"eventName": ["CreateAcountResult"]})  # CTR003, added after construction
    ApiCallRule(use, "BadDetail", "RunInstances", detail={"errorCode": []})  # CTR009: [] matches nothing
    ApiCallRule(use, "Fine", "RunInstances")
    events.Rule(use, "Hand", event_pattern=events.EventPattern(  # not typed, no CloudTrailChecks: not checked
        source=["aws.organizations"], detail_type=[API], detail={"eventName": ["CreateAccountResult"]}))  # fmt: skip
    agnostic = cdk.Stack(app, "Agnostic")
    ApiCallRule(agnostic, "Iam", "CreateUser", service="iam")  # region unknown: a warning
    stage = cdk.Stage(app, "Prod")
    nested = cdk.Stack(stage, "Nested", env=cdk.Environment(region="eu-west-1"))
    ApiCallRule(nested, "Iam", "DeleteUser", service="iam")
    return Findings(synth(app, out), {"Eu": eu, "Use": use, "Agnostic": agnostic, "Nested": nested})


def test_every_finding_of_the_app_is_reported_once_in_one_synth(findings: Findings) -> None:
    found = sorted((v.path, v.code, v.severity) for v in findings.result.violations)
    assert found == [
        ("Agnostic/Iam/Resource", "CTR005", "warning"),
        ("Eu/Group--With Slash/Default/Resource", "CTR005", "error"),
        ("Eu/Iam/Resource", "CTR005", "error"),
        ("Eu/Iam2/Resource", "CTR005", "error"),
        ("Eu/Inner/Iam/Resource", "CTR005", "error"),
        ("Eu/Moved/Resource", "CTR005", "error"),
        ("Prod/Nested/Iam/Resource", "CTR005", "error"),
        ("Use/BadDetail/Resource", "CTR009", "error"),
        ("Use/Later/Resource", "CTR003", "error"),
    ]
    assert {v.plugin for v in findings.result.violations} == {"ctrules"}


def test_the_failure_is_the_report_without_a_stack_trace(findings: Findings) -> None:
    error = findings.result.error
    assert error is not None and error.startswith("ValidationFailed")
    for path in ("Eu/Iam/Resource", "Use/Later/Resource", "Prod/Nested/Iam/Resource"):
        assert error.count(path) == 1, path
    assert "Acknowledge with 'ctrules::CTR005'" in error and "Suggested fix:" in error
    assert "Traceback" not in error and "at Kernel" not in error and ".js:" not in error


def test_each_violation_names_why_and_the_fix(findings: Findings) -> None:
    (v,) = findings.result.at("Eu/Iam")
    assert "us-east-1" in v.description and "eu-west-1" in v.description and "never fires" in v.description
    assert "us-east-1" in v.fix
    (later,) = findings.result.at("Use/Later")
    assert "CreateAcountResult" in later.description and "CreateAccountResult" in later.description


def test_an_acknowledgement_silences_a_typed_rule(findings: Findings) -> None:
    assert findings.result.at("Eu/Acked") == []
    assert ("ctrules::CTR005", "Eu/Acked/Resource") in findings.result.suppressed


def test_hand_written_rules_are_left_to_cloudtrailchecks(findings: Findings) -> None:
    assert findings.result.at("Use/Hand") == [] and findings.result.at("Use/Fine") == []


def test_typed_rules_carry_no_marker(findings: Findings) -> None:
    resources = findings.result.template(findings.stacks["Use"])["Resources"]
    assert all("ctrules:typed-rule" not in r.get("Metadata", {}) for r in resources.values())


def test_a_python_logical_id_agrees_with_cdks() -> None:
    from constructs import Construct

    from ctrules._cdk import make_unique_id, sanitize_id

    app = cdk.App()
    st = cdk.Stack(app, "S")
    cases: list[tuple[Construct, str]] = [(st, "Plain"), (st, "Default"), (st, "a-b_c")]
    deep = Construct(Construct(st, "Outer/x"), "Default")
    cases += [(deep, "Rule"), (Construct(st, "Rule"), "Rule"), (st, "L" * 300), (Construct(st, "É"), "Ünï")]
    for scope, id in cases:
        rule = events.Rule(scope, id, event_pattern=events.EventPattern(source=["aws.ec2"]))
        below = scope.node.path.split("/")[1:] if scope is not st else []
        components = [*below, sanitize_id(id), "Resource"]
        assert make_unique_id(components) == st.get_logical_id(rule.node.default_child), (scope.node.path, id)


def test_an_uncaught_construction_error_ends_the_app_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """python app.py with ApiCallRule(stack, "NewAccount", "CreateAccountResult"): the app's line and the message,
    not 14 lines of jsii and ctrules frames; any other exception goes to the previous hook."""
    import sys

    from ctrules import _cdk
    from ctrules.errors import EventTypeMismatchError

    others: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: others.append(value))
    monkeypatch.setattr(_cdk, "_HOOK_INSTALLED", False)
    app = cdk.App()
    stack = cdk.Stack(app, "Org", env=cdk.Environment(region="us-east-1"))
    with pytest.raises(EventTypeMismatchError) as err:
        ApiCallRule(stack, "NewAccount", "CreateAccountResult")
    sys.excepthook(err.type, err.value, err.tb)
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and "Traceback" not in line
    assert line.startswith(f"{__file__}:") and "EventTypeMismatchError: Org/NewAccount: 'CreateAccountResult'" in line
    sys.excepthook(ValueError, ValueError("x"), None)
    assert [str(e) for e in others] == ["x"]
