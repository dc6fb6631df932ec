"""The typed rule constructs: what they synthesize, and what they refuse."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import assertions
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_sns as sns

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

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
RO = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"


def stack(region: str | None = "us-east-1") -> cdk.Stack:
    app = cdk.App()
    env = cdk.Environment(region=region) if region else None
    return cdk.Stack(app, "Test", env=env)


def rules_of(st: cdk.Stack) -> dict[str, Any]:
    return assertions.Template.from_stack(st).find_resources("AWS::Events::Rule")


def only_rule(st: cdk.Stack) -> dict[str, Any]:
    (rule,) = rules_of(st).values()
    props: dict[str, Any] = rule["Properties"]
    return props


def test_seed_service_event_rule() -> None:
    st = stack()
    rule = ServiceEventRule(st, "NewAccount", "CreateAccountResult")
    assert isinstance(rule, events.Rule)
    props = only_rule(st)
    assert props["EventPattern"] == {
        "source": ["aws.organizations"],
        "detail-type": [SERVICE],
        "detail": {"eventSource": ["organizations.amazonaws.com"], "eventName": ["CreateAccountResult"]},
    }
    assert props["State"] == "ENABLED"


@pytest.mark.parametrize(
    ("construct", "name", "kwargs", "detail_type", "source"),
    [
        (ApiCallRule, "StopLogging", {}, API, "aws.cloudtrail"),
        (ServiceEventRule, "RotationSucceeded", {}, SERVICE, "aws.secretsmanager"),
        (ConsoleSignInRule, "ConsoleLogin", {}, "AWS Console Sign In via CloudTrail", "aws.signin"),
        (NetworkActivityRule, "GetSecretValue", {"service": "secretsmanager"},
         "AWS Network Activity Event via CloudTrail", "aws.secretsmanager"),
    ],
)  # fmt: skip
def test_typed_rules_infer_source_and_detail_type(
    construct: type[events.Rule], name: str, kwargs: dict[str, Any], detail_type: str, source: str
) -> None:
    st = stack()
    construct(st, "R", name, **kwargs)  # type: ignore[call-arg]
    pattern = only_rule(st)["EventPattern"]
    assert pattern["detail-type"] == [detail_type]
    assert pattern["source"] == [source]
    assert pattern["detail"]["eventName"] == [name]


def test_insight_rule_filters_insight_details() -> None:
    st = stack()
    InsightRule(st, "Spike", "RunInstances")
    pattern = only_rule(st)["EventPattern"]
    assert pattern == {
        "detail-type": ["AWS Insight via CloudTrail"],
        "detail": {"insightDetails": {"eventSource": ["ec2.amazonaws.com"], "eventName": ["RunInstances"]}},
    }


def test_cloud_trail_rule_infers_every_event_type() -> None:
    st = stack()
    CloudTrailRule(st, "Decrypt", "Decrypt", service="kms")
    assert set(only_rule(st)["EventPattern"]["detail-type"]) == {API, SERVICE}


def test_read_only_event_gets_the_special_state() -> None:
    st = stack()
    ApiCallRule(st, "Secret", "GetSecretValue", service="secretsmanager")
    assert only_rule(st)["State"] == RO


def test_disabled_read_only_rule_stays_disabled() -> None:
    st = stack()
    ApiCallRule(st, "Secret", "GetSecretValue", service="secretsmanager", enabled=False)
    assert only_rule(st)["State"] == "DISABLED"


def test_rule_props_pass_through() -> None:
    st = stack()
    topic = sns.Topic(st, "T")
    bus = events.EventBus(st, "Bus")
    rule = ServiceEventRule(
        st, "R", "CreateAccountResult", description="new accounts", rule_name="new-accounts",
        event_bus=bus, targets=[targets.SnsTopic(topic)],
    )  # fmt: skip
    rule.add_target(targets.SnsTopic(sns.Topic(st, "T2")))
    props = only_rule(st)
    assert props["Description"] == "new accounts"
    assert props["Name"] == "new-accounts"
    assert len(props["Targets"]) == 2
    assert "EventBusName" in props


def test_names_spanning_services_never_cross_match() -> None:
    st = stack()
    ApiCallRule(st, "R", ["StopLogging", "DeleteTrail", "RunInstances"])
    pattern = only_rule(st)["EventPattern"]
    assert pattern["source"] == ["aws.cloudtrail", "aws.ec2"]
    assert pattern["detail"] == {
        "$or": [
            {"eventSource": ["cloudtrail.amazonaws.com"], "eventName": ["StopLogging", "DeleteTrail"]},
            {"eventSource": ["ec2.amazonaws.com"], "eventName": ["RunInstances"]},
        ]
    }


def test_detail_filters_are_added() -> None:
    st = stack()
    ConsoleSignInRule(st, "Root", "ConsoleLogin", detail={"userIdentity": {"type": ["Root"]}})
    detail = only_rule(st)["EventPattern"]["detail"]
    assert detail["userIdentity"] == {"type": ["Root"]}


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
        (lambda s: ApiCallRule(s, "X", "RunInstances", detail={"errorCode": []}), InvalidRuleError, "CTR009"),
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


def test_global_event_in_another_region_fails_synth() -> None:
    st = stack("eu-west-1")
    ApiCallRule(st, "Iam", "CreateUser", service="iam")
    with pytest.raises(RuntimeError, match="CTR005") as err:
        st.node.root.synth()  # type: ignore[attr-defined]
    assert "us-east-1" in str(err.value) and "Test/Iam" in str(err.value)


def test_global_event_env_agnostic_warns() -> None:
    st = stack(None)
    ApiCallRule(st, "Iam", "CreateUser", service="iam")
    assertions.Annotations.from_stack(st).has_warning("/Test/Iam", assertions.Match.string_like_regexp("CTR005"))


def test_later_add_event_pattern_is_checked_at_synth() -> None:
    st = stack()
    rule = ServiceEventRule(st, "R", "CreateAccountResult")
    rule.add_event_pattern(detail={"eventName": ["CreateAcountResult"]})
    with pytest.raises(RuntimeError, match="CTR003"):
        st.node.root.synth()  # type: ignore[attr-defined]


def test_pattern_helpers() -> None:
    assert ctrules.pattern_dict("CreateAccountResult") == {
        "source": ["aws.organizations"],
        "detail-type": [SERVICE],
        "detail": {"eventSource": ["organizations.amazonaws.com"], "eventName": ["CreateAccountResult"]},
    }
    st = stack()
    events.Rule(st, "Plain", event_pattern=ctrules.pattern("CreateAccountResult"))
    assert only_rule(st)["EventPattern"]["detail-type"] == [SERVICE]
    with pytest.raises(EventTypeMismatchError):
        ctrules.pattern_dict("CreateAccount", service="organizations", event_type="AwsServiceEvent")


def test_acknowledgement_silences_the_construct_check() -> None:
    st = stack("eu-west-1")
    rule = ApiCallRule(st, "Iam", "CreateUser", service="iam")
    cdk.Validations.of(rule).acknowledge(
        cdk.Acknowledgment(id="ctrules::CTR005", reason="a rule in us-east-1 forwards IAM events to this region")
    )
    st.node.root.synth()  # type: ignore[attr-defined]


def test_network_activity_rule_keeps_the_plain_state() -> None:
    st = stack()
    NetworkActivityRule(st, "R", "GetSecretValue", service="secretsmanager")
    assert only_rule(st)["State"] == "ENABLED"


def test_names_can_name_their_own_service() -> None:
    st = stack()
    ApiCallRule(st, "R", ["StopLogging", "guardduty:DeleteDetector"])
    assert only_rule(st)["EventPattern"]["detail"]["$or"] == [
        {"eventSource": ["cloudtrail.amazonaws.com"], "eventName": ["StopLogging"]},
        {"eventSource": ["guardduty.amazonaws.com"], "eventName": ["DeleteDetector"]},
    ]


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


def test_an_unlisted_name_with_its_service_is_taken_with_a_warning() -> None:
    st = stack("us-east-1")
    rule = ApiCallRule(st, "New", "StartBrandNewWidgetJob", service="ec2")
    assert [e.event_name for e in rule.catalog_events] == ["StartBrandNewWidgetJob"]
    pattern = next(iter(rules_of(st).values()))["Properties"]["EventPattern"]
    assert pattern["source"] == ["aws.ec2"] and pattern["detail"]["eventName"] == ["StartBrandNewWidgetJob"]
    cdk.App.of(st).synth()  # type: ignore[union-attr]
    warnings = assertions.Annotations.from_stack(st).find_warning("*", assertions.Match.string_like_regexp("CTR003"))
    assert warnings and "StartBrandNewWidgetJob" in str(warnings[0].entry.data)


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
