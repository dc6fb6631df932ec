"""Each CTR check, table-driven: a non-compliant pattern and a compliant one side by side."""

from __future__ import annotations

from typing import Any

import pytest

from ctrules import catalog as ctrules_catalog
from ctrules.checks import CHECKS, RuleContext, check_pattern
from ctrules.checks.findings import TargetPath
from ctrules.checks.registry import alternatives_checks, branch_checks, registered
from tests.eventpattern.aws_cases import load_aws_cases

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
SIGN_IN = "AWS Console Sign In via CloudTrail"
RO = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
US_EAST_1 = RuleContext(region="us-east-1")
# Real EC2 names, enough of them to pass EventBridge's 2,048-character pattern quota (CTR013).
EC2_DESCRIBE = sorted(e.event_name for e in ctrules_catalog.events("ec2") if e.event_name.startswith("Describe"))[:120]


def p(source: str | None, detail_type: str | None, **detail: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if source is not None:
        out["source"] = [source]
    if detail_type is not None:
        out["detail-type"] = [detail_type]
    if detail:
        out["detail"] = {k: v if isinstance(v, (list, dict)) else [v] for k, v in detail.items()}
    return out


# (id, code, bad pattern, bad context, good pattern, good context, text the bad message must hold)
CASES: list[tuple[str, str, dict[str, Any], RuleContext, dict[str, Any], RuleContext, str]] = [
    ("seed-service-event-as-api-call", "CTR001",
     p("aws.organizations", API, eventName="CreateAccountResult"), US_EAST_1,
     p("aws.organizations", SERVICE, eventName="CreateAccountResult"), US_EAST_1, SERVICE),
    ("api-call-as-service-event", "CTR001",
     p("aws.ec2", SERVICE, eventName="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, API),
    ("sign-in-as-api-call", "CTR001",
     p("aws.signin", API, eventName="ConsoleLogin"), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin"), US_EAST_1, SIGN_IN),
    ("event-type-contradicts-detail-type", "CTR001",
     p("aws.ec2", API, eventName="RunInstances", eventType="AwsServiceEvent"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances", eventType="AwsApiCall"), US_EAST_1, "eventType"),
    ("insight-with-top-level-event-name", "CTR001",
     {"detail-type": ["AWS Insight via CloudTrail"], "detail": {"eventName": ["RunInstances"]}}, US_EAST_1,
     {"detail-type": ["AWS Insight via CloudTrail"], "detail": {"insightDetails": {"eventName": ["RunInstances"]}}},
     US_EAST_1, "insightDetails"),
    ("source-typo", "CTR002",
     p("aws.organisations", SERVICE, eventName="CreateAccountResult"), US_EAST_1,
     p("aws.organizations", SERVICE, eventName="CreateAccountResult"), US_EAST_1, "aws.organizations"),
    ("source-vs-event-source", "CTR002",
     p("aws.organizations", None, eventSource="ec2.amazonaws.com"), US_EAST_1,
     p("aws.ec2", None, eventSource="ec2.amazonaws.com"), US_EAST_1, "aws.ec2"),
    ("source-vs-event-name-slip", "CTR002",
     p("aws.cloudtrail", API, eventName=["StopLogging", "DeleteTrial"]), US_EAST_1,
     p("aws.cloudtrail", API, eventName=["StopLogging", "DeleteTrail"]), US_EAST_1, "DeleteTrail"),
    ("sign-in-name-under-another-source", "CTR002",
     p("aws.iam", SIGN_IN, eventName="ConsoleLogin"), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin"), US_EAST_1, "aws.signin"),
    ("cloudtrail-source-for-sign-ins", "CTR002",
     p("aws.cloudtrail", SIGN_IN, userIdentity={"type": ["Root"]}), US_EAST_1,
     p(None, SIGN_IN, userIdentity={"type": ["Root"]}), US_EAST_1, "aws.signin"),
    ("event-name-with-whitespace", "CTR003",
     p("aws.cloudtrail", API, eventName="Stop Logging"), US_EAST_1,
     p("aws.cloudtrail", API, eventName="StopLogging"), US_EAST_1, "StopLogging"),
    ("event-name-lone-surrogate", "CTR003",
     p("aws.cloudtrail", API, eventName="StopLogging\ud800"), US_EAST_1,
     p("aws.cloudtrail", API, eventName="StopLogging"), US_EAST_1, "surrogate"),
    ("root-sign-in-without-names", "CTR005",
     p(None, SIGN_IN, userIdentity={"type": ["Root"]}), RuleContext(region="eu-west-1"),
     p(None, SIGN_IN, userIdentity={"type": ["Root"]}), RuleContext(region="us-west-2"), "us-east-2"),
    ("envelope-key-slip", "CTR008",
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"tpye": ["Root"]}), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"type": ["Root"]}), US_EAST_1, "'type'"),
    ("envelope-key-case", "CTR008",
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"Type": ["Root"]}), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"type": ["Root"]}), US_EAST_1, "'type'"),
    ("nested-envelope-key-case", "CTR008",
     p("aws.iam", API, eventName="CreateUser",
       userIdentity={"sessionContext": {"sessionissuer": {"userName": ["deploy"]}}}), US_EAST_1,
     p("aws.iam", API, eventName="CreateUser",
       userIdentity={"sessionContext": {"sessionIssuer": {"userName": ["deploy"]}}}), US_EAST_1, "sessionIssuer"),
    ("lower-case-ip-field", "CTR008",
     p("aws.ec2", API, eventName="RunInstances", sourceipaddress=["203.0.113.7"]), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances", sourceIPAddress=["203.0.113.7"]), US_EAST_1, "sourceIPAddress"),
    ("lower-case-error-code", "CTR008",
     p("aws.ec2", API, eventName="RunInstances", errorcode=["AccessDenied"]), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances", errorCode=["AccessDenied"]), US_EAST_1, "errorCode"),
    ("wrong-case-responseElements", "CTR008",
     p("aws.iam", API, eventName="CreateAccessKey", responseelements={"accessKey": {"userName": ["bob"]}}), US_EAST_1,
     p("aws.iam", API, eventName="CreateAccessKey", responseElements={"accessKey": {"userName": ["bob"]}}), US_EAST_1,
     "responseElements"),
    ("user-type-wrong-case", "CTR012",
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"type": ["root"]}), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"type": ["Root"]}), US_EAST_1, '"Root"'),
    ("account-id-as-number", "CTR012",
     p("aws.iam", API, eventName="CreateUser", recipientAccountId=[123456789012]), US_EAST_1,
     p("aws.iam", API, eventName="CreateUser", recipientAccountId=["123456789012"]), US_EAST_1, '"123456789012"'),
    ("event-type-misspelt", "CTR012",
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", eventType=["AwsConsoleSignin"]), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", eventType=["AwsConsoleSignIn"]), US_EAST_1, "AwsConsoleSignIn"),
    ("record-path-as-value", "CTR012",
     p("aws.iam", API, eventName="CreateAccessKey", userIdentity={"userName": ["$.detail.requestParameters.userName"]}),
     US_EAST_1,
     p("aws.iam", API, eventName="CreateAccessKey", userIdentity={"userName": ["alice"]}), US_EAST_1, "literal"),
    ("cloudwatch-is-monitoring", "CTR002",
     p("aws.cloudwatch", API, eventName="PutMetricAlarm"), US_EAST_1,
     p("aws.monitoring", API, eventName="PutMetricAlarm"), US_EAST_1, "aws.monitoring"),
    ("root-sign-in-outside-us-east-1", "CTR005",
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"type": ["Root"]}),
     RuleContext(region="eu-west-1"),
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"type": ["Root"]}), US_EAST_1, "us-east-2"),
    ("record-field-at-top-level", "CTR010",
     {"source": ["aws.iam"], "detail-type": [API], "eventName": ["CreateUser"]}, US_EAST_1,
     p("aws.iam", API, eventName="CreateUser"), US_EAST_1, "under detail"),
    ("misspelt-envelope-key", "CTR010",
     {"Source": ["aws.iam"], "detail-type": [API], "detail": {"eventName": ["CreateUser"]}}, US_EAST_1,
     p("aws.iam", API, eventName="CreateUser"), US_EAST_1, "'source'"),
    ("glob-in-exact-event-name", "CTR011",
     p("aws.s3", API, eventName="DeleteBucket*"), US_EAST_1,
     p("aws.s3", API, eventName=[{"wildcard": "DeleteBucket*"}]), US_EAST_1, '{"wildcard": "DeleteBucket*"}'),
    ("glob-in-prefix", "CTR011",
     p("aws.iam", API, eventName=[{"prefix": "Delete*"}]), US_EAST_1,
     p("aws.iam", API, eventName=[{"prefix": "Delete"}]), US_EAST_1, '{"wildcard": "Delete*"}'),
    ("exists-false-on-event-name", "CTR012",
     p("aws.iam", API, eventName=[{"exists": False}]), US_EAST_1,
     p("aws.iam", API, eventName=[{"exists": True}]), US_EAST_1, "exists"),
    ("string-on-boolean-field", "CTR012",
     p("aws.iam", API, eventName="CreateUser", readOnly="false"), US_EAST_1,
     p("aws.iam", API, eventName="CreateUser", readOnly=False), US_EAST_1, "without quotes"),
    ("number-as-event-name", "CTR012",
     p("aws.iam", API, eventName=[5]), US_EAST_1,
     p("aws.iam", API, eventName=["CreateUser"]), US_EAST_1, "always a string"),
    ("pattern-over-size-quota", "CTR013",
     p("aws.ec2", API, eventName=EC2_DESCRIBE), RuleContext(region="us-east-1", state=RO),
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, "2,048"),
    ("retired-service", "CTR014",
     p("aws.opsworks", API, eventName="CreateStack"), US_EAST_1,
     p("aws.cloudformation", API, eventName="CreateStack"), US_EAST_1, "retired"),
    ("unknown-event-name", "CTR003",
     p("aws.organizations", SERVICE, eventName="CreateAcountResult"), US_EAST_1,
     p("aws.organizations", SERVICE, eventName="CreateAccountResult"), US_EAST_1, "CreateAccountResult"),
    ("wrong-case-event-name", "CTR003",
     p("aws.ec2", API, eventName="runinstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, "RunInstances"),
    ("lambda-versioned-name", "CTR003",
     p("aws.lambda", API, eventName="UpdateFunctionCode"), US_EAST_1,
     p("aws.lambda", API, eventName="UpdateFunctionCode20150331v2"), US_EAST_1, "UpdateFunctionCode20150331v2"),
    ("read-only-without-state", "CTR004",
     p("aws.ec2", API, eventName="DescribeInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="DescribeInstances"), RuleContext(region="us-east-1", state=RO), RO),
    ("read-only-prefix-operator", "CTR004",
     p("aws.ec2", API, eventName=[{"prefix": "Describe"}]), US_EAST_1,
     p("aws.ec2", API, eventName=[{"prefix": "Describe"}]), RuleContext(state=RO), RO),
    ("global-event-wrong-region", "CTR005",
     p("aws.iam", API, eventName="CreateUser"), RuleContext(region="eu-west-1"),
     p("aws.iam", API, eventName="CreateUser"), US_EAST_1, "us-east-1"),
    ("organizations-wrong-region", "CTR005",
     p("aws.organizations", SERVICE, eventName="CreateAccountResult"), RuleContext(region="eu-central-1"),
     p("aws.organizations", SERVICE, eventName="CreateAccountResult"),
     RuleContext(region="eu-central-1", default_bus=False), "us-east-1"),
    ("data-event", "CTR006",
     p("aws.s3", API, eventName="PutObject"), US_EAST_1,
     p("aws.s3", API, eventName="PutBucketPolicy"), US_EAST_1, "trail"),
    ("docs-sign-in-spelling", "CTR007",
     p("aws.signin", "AWS Console Signin via CloudTrail", eventName="ConsoleLogin"), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin"), US_EAST_1, SIGN_IN),
    ("china-docs-spelling", "CTR007",
     p("aws.ec2", "Amazon API Call via CloudTrail", eventName="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, API),
    ("wrong-case-detail-type", "CTR007",
     p("aws.ec2", "AWS API call via CloudTrail", eventName="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, API),
    ("lower-case-field", "CTR008",
     p("aws.ec2", API, eventname="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, "eventName"),
    ("snake-case-field", "CTR008",
     p("aws.ec2", API, event_name="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, "eventName"),
    ("pascal-case-field", "CTR008",
     p("aws.ec2", API, EventName="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, "eventName"),
    ("empty-array", "CTR009",
     {"source": [], "detail-type": [API]}, US_EAST_1, {"source": ["aws.ec2"], "detail-type": [API]}, US_EAST_1, "empty"),
    ("non-list-leaf", "CTR009",
     {"source": "aws.ec2"}, US_EAST_1, {"source": ["aws.ec2"]}, US_EAST_1, "source"),
    ("unknown-operator", "CTR009",
     p("aws.ec2", API, eventName=[{"prefixx": "Run"}]), US_EAST_1,
     p("aws.ec2", API, eventName=[{"prefix": "Run"}]), US_EAST_1, "prefix"),
    ("misspelt-record-path", "CTR015",
     p("aws.s3", API, eventName="PutBucketPolicy", requestParameters={"bukcetName": ["my-bucket"]}), US_EAST_1,
     p("aws.s3", API, eventName="PutBucketPolicy", requestParameters={"bucketName": ["my-bucket"]}), US_EAST_1,
     "requestParameters.bucketName"),
    ("string-for-record-boolean", "CTR015",
     p("aws.ec2", API, eventName="RunInstances", requestParameters={"disableApiTermination": ["true"]}), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances", requestParameters={"disableApiTermination": [True]}), US_EAST_1,
     "write true without quotes"),
    ("enum-value-slip", "CTR015",
     p("aws.account", API, eventName="PutAlternateContact", requestParameters={"alternateContactType": ["SECURTY"]}),
     US_EAST_1,
     p("aws.account", API, eventName="PutAlternateContact", requestParameters={"alternateContactType": ["SECURITY"]}),
     US_EAST_1, 'did you mean "SECURITY"'),
    ("filter-inside-json-text-seen-in-records", "CTR015",
     p("aws.events", API, eventName="PutRule", requestParameters={"eventPattern": {"source": ["aws.ec2"]}}), US_EAST_1,
     p("aws.events", API, eventName="PutRule", requestParameters={"eventPattern": [{"wildcard": "*aws.ec2*"}]}),
     US_EAST_1, "wildcard"),
    ("target-reads-another-events-field", "CTR016",
     p("aws.controltower", SERVICE, eventName="UpdateManagedAccount"),
     RuleContext(region="us-east-1", target_paths=(TargetPath(
         "$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId",
         "Targets[0].InputTransformer.InputPathsMap.accountId", "accountId"),)),
     p("aws.controltower", SERVICE, eventName="UpdateManagedAccount"),
     RuleContext(region="us-east-1", target_paths=(TargetPath(
         "$.detail.serviceEventDetails.updateManagedAccountStatus.account.accountId",
         "Targets[0].InputTransformer.InputPathsMap.accountId", "accountId"),)),
     "updateManagedAccountStatus"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "code", "bad", "bad_ctx", "good", "good_ctx", "text"), CASES, ids=[c[0] for c in CASES])
def test_check_fails_and_passes(
    case: str,
    code: str,
    bad: dict[str, Any],
    bad_ctx: RuleContext,
    good: dict[str, Any],
    good_ctx: RuleContext,
    text: str,
) -> None:
    found = [f for f in check_pattern(bad, bad_ctx) if f.code == code]
    assert found, f"{code} not reported for {bad}"
    assert any(text in f.message or text in f.fix for f in found), found
    assert all(f.severity == CHECKS[code].severity for f in found if f.code == code and code not in ("CTR005", "CTR003"))
    assert not check_pattern(good, good_ctx), check_pattern(good, good_ctx)


def test_every_code_has_cases() -> None:
    assert {c[1] for c in CASES} == set(CHECKS)
    pattern_level = {c.code for c in registered() if c.run_pattern is not None}
    rule_level = {code for code, _ in alternatives_checks()}
    assert {code for code, _ in branch_checks()} | pattern_level | rule_level == set(CHECKS)


def test_global_event_unknown_region_is_a_warning() -> None:
    found = check_pattern(p("aws.iam", API, eventName="CreateUser"), RuleContext(region=None))
    assert [(f.code, f.severity) for f in found] == [("CTR005", "warning")]


def test_seed_message_names_the_right_detail_type_and_path() -> None:
    (f,) = check_pattern(p("aws.organizations", API, eventName="CreateAccountResult"), US_EAST_1)
    assert f.code == "CTR001" and f.severity == "error"
    assert "CreateAccountResult" in f.message and SERVICE in f.fix
    assert f.path == "$.detail.eventName[0]"


def test_or_branches_are_checked_separately() -> None:
    pattern = {
        "$or": [
            p("aws.organizations", SERVICE, eventName="CreateAccountResult"),
            p("aws.organizations", SERVICE, eventName="CreateAccount"),
        ]
    }
    found = check_pattern(pattern, US_EAST_1)
    # A value that stands in one alternative only is judged as in a rule of its own: it never fires.
    assert [(f.code, f.severity, f.path) for f in found] == [("CTR001", "error", "$.$or[1].detail.eventName[0]")]


def test_detail_or_keeps_names_with_their_source() -> None:
    pattern = {
        "source": ["aws.cloudtrail", "aws.ec2"],
        "detail-type": [API],
        "detail": {
            "$or": [
                {"eventSource": ["cloudtrail.amazonaws.com"], "eventName": ["StopLogging"]},
                {"eventSource": ["ec2.amazonaws.com"], "eventName": ["StopLogging"]},
            ]
        },
    }
    codes = [f.code for f in check_pattern(pattern, US_EAST_1)]
    assert codes == ["CTR002"]  # ec2 does not log StopLogging


@pytest.mark.parametrize(
    "value",
    ["${Token[TOKEN.123]}", {"Ref": "Src"}, {"Fn::Sub": "aws.${X}"}],
)
def test_unresolved_tokens_are_skipped(value: Any) -> None:
    pattern = {"source": [value], "detail-type": [API], "detail": {"eventName": ["RunInstances"]}}
    assert check_pattern(pattern, US_EAST_1) == []


def test_not_cloudtrail_patterns_are_left_alone() -> None:
    pattern = {"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["stopped"]}}
    assert check_pattern(pattern, RuleContext(region="eu-west-1")) == []
    assert check_pattern({"source": ["my.app"], "detail": {"eventName": ["x"]}}) == []


def test_operators_are_understood() -> None:
    ok = p("aws.organizations", SERVICE, eventName=[{"suffix": "AccountResult"}])
    assert check_pattern(ok, US_EAST_1) == []
    bad = p("aws.organizations", API, eventName=[{"suffix": "AccountResult"}])
    assert [f.code for f in check_pattern(bad, US_EAST_1)] == ["CTR001"]
    anything_but = p("aws.ec2", API, eventName=[{"anything-but": ["RunInstances"]}])
    assert check_pattern(anything_but, US_EAST_1) == []
    wildcard_dt = {"source": ["aws.ec2"], "detail-type": [{"wildcard": "AWS API Call*"}], "detail": {"eventName": ["RunInstances"]}}
    assert check_pattern(wildcard_dt, US_EAST_1) == []
    ignore_case = {"source": ["aws.ec2"], "detail-type": [{"equals-ignore-case": "aws api call via cloudtrail"}],
                   "detail": {"eventName": ["RunInstances"]}}
    assert check_pattern(ignore_case, US_EAST_1) == []


def test_disabled_rule_is_not_told_about_read_only_state() -> None:
    assert check_pattern(p("aws.ec2", API, eventName="DescribeInstances"), RuleContext(state="DISABLED")) == []


def test_ignore() -> None:
    bad = p("aws.organizations", API, eventName="CreateAccountResult")
    assert check_pattern(bad, US_EAST_1, ignore=["CTR001"]) == []


def test_findings_have_fix_and_path() -> None:
    for _, _, bad, ctx, _, _, _ in CASES:
        targets = {t.where for t in ctx.target_paths}
        for f in check_pattern(bad, ctx):
            # A finding about a target's input path (CTR016) points at the target field, not into the pattern.
            assert f.fix and f.message and (f.path.startswith("$") or f.path in targets)
            assert str(f).startswith(f.code)


# The AWS-validated cases (tests/eventpattern/aws): test data of the repository; a missing file fails.
CONFORMANCE = load_aws_cases()


@pytest.mark.parametrize("case", CONFORMANCE, ids=[c["id"] for c in CONFORMANCE])
def test_ctr009_agrees_with_eventbridge(case: dict[str, Any]) -> None:
    findings = check_pattern(case["pattern"], RuleContext(region="us-east-1"))
    ctr009 = [f for f in findings if f.code == "CTR009"]
    assert bool(ctr009) is (case["expect"] == "invalid")


@pytest.mark.parametrize("case", CONFORMANCE, ids=[c["id"] for c in CONFORMANCE])
def test_fast_path_never_disagrees_with_the_validator(case: dict[str, Any]) -> None:
    from ctrules.checks.fastpath import NOT_SIMPLE, shape
    from ctrules.eventpattern import validate_pattern

    if shape(case["pattern"]) != NOT_SIMPLE:
        assert validate_pattern(case["pattern"]) == []


def test_or_alternatives_on_detail_type_do_not_make_a_false_error() -> None:
    pattern = {
        "$or": [{"detail-type": [API]}, {"detail-type": [SERVICE]}],
        "source": ["aws.organizations"],
        "detail": {"eventName": ["CreateAccountResult"]},
    }
    assert [f.severity for f in check_pattern(pattern, US_EAST_1)] == ["warning"]


def test_an_error_in_every_alternative_stays_an_error() -> None:
    pattern = {
        "$or": [{"detail": {"errorCode": ["AccessDenied"]}}, {"detail": {"errorCode": [{"exists": False}]}}],
        "source": ["aws.organizations"],
        "detail-type": [API],
        "detail": {"eventName": ["CreateAccountResult"]},
    }
    found = check_pattern(pattern, US_EAST_1)
    assert found and all(f.severity == "error" and f.code == "CTR001" for f in found)


@pytest.mark.parametrize("region", ["us-gov-west-1", "cn-north-1"])
def test_other_partitions_have_no_us_east_1_rule(region: str) -> None:
    assert check_pattern(p("aws.iam", API, eventName="CreateUser"), RuleContext(region=region)) == []


def test_network_activity_needs_no_read_only_state() -> None:
    pattern = p("aws.secretsmanager", "AWS Network Activity Event via CloudTrail", eventName="GetSecretValue")
    assert check_pattern(pattern, US_EAST_1) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [({"prefix": "Crete"}, ["CTR003"]), ({"wildcard": "Crate*"}, ["CTR003"]), ({"prefix": "Create"}, [])],
)
def test_operators_that_match_no_name(value: dict[str, str], expected: list[str]) -> None:
    found = check_pattern(p("aws.iam", API, eventName=[value]), US_EAST_1)
    assert [f.code for f in found] == expected


@pytest.mark.parametrize(
    ("source", "sdk_name", "logged"),
    [("aws.s3", "PutBucketNotificationConfiguration", "PutBucketNotification"),
     ("aws.lambda", "CreateFunction", "CreateFunction20150331"),
     # The Lambda guide's example record once read plain DeleteFunction; AWS corrected it to the versioned name.
     ("aws.lambda", "DeleteFunction", "DeleteFunction20150331")],
)  # fmt: skip
def test_sdk_names_that_cloudtrail_logs_differently(source: str, sdk_name: str, logged: str) -> None:
    (f,) = check_pattern(p(source, API, eventName=sdk_name), US_EAST_1)
    assert f.code == "CTR003" and logged in f.fix


def test_unknown_source_that_is_no_typo_is_a_warning() -> None:
    found = check_pattern(p("aws.brandnewservice", API, eventName="DoSomething"), US_EAST_1)
    assert [(f.code, f.severity) for f in found] == [("CTR002", "warning")]


def test_lambda_tagging_shared_with_microvms_keeps_its_versioned_names() -> None:
    # Lambda MicroVMs' TagResource is Lambda's own /2017-03-31/tags API (botocore): logged as TagResource20170331v2.
    from ctrules import catalog

    plain = {(e.event_name, e.service) for e in catalog.all_events() if e.event_source == "lambda.amazonaws.com"}
    for op in ("TagResource", "UntagResource", "ListTags"):
        assert (op, "lambda-microvms") not in plain


def test_cloudfront_logs_plain_names_too() -> None:
    assert check_pattern(p("aws.cloudfront", API, eventName="UpdateDistribution"), US_EAST_1) == []


def test_dead_values_in_every_alternative_are_errors() -> None:
    pattern = {
        "source": ["aws.organizations"],
        "detail-type": [API],
        "detail": {"$or": [{"eventName": ["CreateAcount"]}, {"eventName": ["CreatOrganization"]}]},
    }
    assert [f.severity for f in check_pattern(pattern, US_EAST_1)] == ["error", "error"]


def test_paths_sort_naturally() -> None:
    alternatives = [{"eventName": [f"Bad{i}"]} for i in range(12)]
    found = check_pattern({"source": ["aws.ec2"], "detail-type": [API], "detail": {"$or": alternatives}}, US_EAST_1)
    assert [f.path for f in found][:3] == [f"$.detail.$or[{i}].eventName[0]" for i in range(3)]


# Issue 19: what ctrules cannot prove is a warning that says "may not", and a compliant rule beside it is clean.
WARNINGS: list[tuple[str, str, dict[str, Any], RuleContext, dict[str, Any], RuleContext, str]] = [
    ("name-of-another-service-no-slip", "CTR002",
     p("aws.organizations", API, eventName="RunInstances"), US_EAST_1,
     p("aws.ec2", API, eventName="RunInstances"), US_EAST_1, "aws.ec2"),
    ("cloudtrail-source-with-identity-filter-only", "CTR002",
     p("aws.cloudtrail", API, userIdentity={"type": ["Root"]}), US_EAST_1,
     p(None, API, userIdentity={"type": ["Root"]}), US_EAST_1, "drop source"),
    ("cloudtrail-source-to-forward-every-event", "CTR002",
     {"source": ["aws.cloudtrail"]}, US_EAST_1,
     {"detail-type": [API, SIGN_IN, SERVICE]}, US_EAST_1, "drop source"),
    ("cloudtrail-source-excluding-other-services", "CTR002",
     p("aws.cloudtrail", API, eventName=[{"anything-but": ["ConsoleLogin", "AssumeRole"]}]), US_EAST_1,
     p("aws.cloudtrail", API, eventName=[{"anything-but": ["LookupEvents"]}]), US_EAST_1, "drop source"),
    ("unknown-envelope-key", "CTR008",
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"principal": ["x"]}), US_EAST_1,
     p("aws.signin", SIGN_IN, eventName="ConsoleLogin", userIdentity={"principalId": ["x"]}), US_EAST_1, "may not"),
    ("record-path-in-anything-but", "CTR012",
     p("aws.iam", API, eventName="CreateAccessKey",
       userIdentity={"userName": [{"anything-but": {"prefix": "responseElements.accessKey.userName"}}]}), US_EAST_1,
     p("aws.iam", API, eventName="CreateAccessKey", userIdentity={"userName": [{"anything-but": {"prefix": "svc-"}}]}),
     US_EAST_1, "literal text"),
    ("boolean-for-text-boolean-field", "CTR012",
     p("aws.iam", API, eventName="CreateUser", userIdentity={"sessionContext": {"attributes": {
         "mfaAuthenticated": [False]}}}), US_EAST_1,
     p("aws.iam", API, eventName="CreateUser", userIdentity={"sessionContext": {"attributes": {
         "mfaAuthenticated": ["false"]}}}), US_EAST_1, '"false"'),
    ("console-session-flag-as-boolean", "CTR012",
     p("aws.iam", API, eventName="CreateUser", sessionCredentialFromConsole=[True]), US_EAST_1,
     p("aws.iam", API, eventName="CreateUser", sessionCredentialFromConsole=["true"]), US_EAST_1, '"true"'),
    ("stray-slip-into-another-service-without-source", "CTR003",
     p(None, API, eventName=["StopLogging", "DeleteTrial", "UpdateTrail"]), US_EAST_1,
     p(None, API, eventName=["StopLogging", "DeleteTrail", "UpdateTrail"]), US_EAST_1, "DeleteTrail"),
    ("unknown-event-name", "CTR003",
     p("aws.cloudtrail", API, eventName="StopLoggingEverywhere"), US_EAST_1,
     p("aws.cloudtrail", API, eventName="StopLogging"), US_EAST_1, "may not"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "code", "bad", "bad_ctx", "good", "good_ctx", "text"), WARNINGS,
                         ids=[c[0] for c in WARNINGS])  # fmt: skip
def test_unprovable_mistakes_are_warnings(
    case: str,
    code: str,
    bad: dict[str, Any],
    bad_ctx: RuleContext,
    good: dict[str, Any],
    good_ctx: RuleContext,
    text: str,
) -> None:
    found = [f for f in check_pattern(bad, bad_ctx) if f.code == code]
    assert found and all(f.severity == "warning" for f in found), found
    assert any(text in f.message or text in f.fix for f in found), found
    assert all("never" not in f.message for f in found), found
    assert not check_pattern(good, good_ctx), check_pattern(good, good_ctx)


def _golden_patterns() -> list[tuple[dict[str, Any], RuleContext]]:
    import json
    from pathlib import Path

    from scripts.golden import context_of

    out = []
    for path in sorted((Path(__file__).parent / "golden").glob("CTR0*.json")):
        for c in json.loads(path.read_text())["cases"]:
            out.append((c["pattern"], context_of(c)))
    return out


def test_severity_agrees_with_the_words() -> None:
    """A warning never says "never"; an error says why the rule cannot fire (issue 19, item 3)."""
    cases = [(c[2], c[3]) for c in CASES + WARNINGS] + _golden_patterns()
    warnings = errors = 0
    for pattern, ctx in cases:
        for f in check_pattern(pattern, ctx):
            if f.severity == "warning":
                warnings += 1
                assert "never" not in f.message, f
            else:
                errors += 1
    assert warnings >= 15 and errors >= 50


def test_fast_answers_agree_with_the_checks_on_issue_19_mistakes() -> None:
    """The fast path never calls clean a pattern holding one of the new findings (envelope keys and values, record
    paths as values, aws.cloudtrail misread, cross-service slips, impossible names, root sign-ins without names)."""
    import itertools

    from ctrules.checks.fastpath import FLAT, certainly_clean, shape

    details: list[dict[str, Any]] = [
        {}, {"userIdentity": {"type": ["Root"]}}, {"userIdentity": {"tpye": ["Root"]}},
        {"userIdentity": {"type": ["root"]}}, {"recipientAccountId": [1234]}, {"sessionCredentialFromConsole": [True]},
        {"userIdentity": {"userName": [{"anything-but": {"prefix": "responseElements.x.y"}}]}},
        {"ResponseElements": {"x": ["y"]}}, {"responseElements": {"ConsoleLogin": ["SUCCESS"]}},
        {"userIdentity": {"nickname": ["x"]}}, {"serviceEventDetails": {"createAccountStatus": {"state": ["SUCCEDED"]}}},
    ]  # fmt: skip
    names: list[list[Any] | None] = [None, ["StopLogging"], ["DeleteTrial"], ["ConsoleLogin"], ["Stop Logging"],
                                     [{"anything-but": ["ConsoleLogin"]}]]  # fmt: skip
    sources = [None, ["aws.cloudtrail"], ["aws.signin"], ["aws.organizations"]]
    checked = 0
    for src, dt, nm, det in itertools.product(sources, [[API], [SIGN_IN], [API, SIGN_IN]], names, details):
        pattern: dict[str, Any] = {"detail-type": dt, **({"source": src} if src else {})}
        body = {**det, **({"eventName": nm} if nm else {})}
        if body:
            pattern["detail"] = body
        if shape(pattern) != FLAT:
            continue
        for ctx in (US_EAST_1, RuleContext(region="eu-west-1"), RuleContext()):
            checked += 1
            if certainly_clean(pattern, ctx):
                assert check_pattern(pattern, ctx) == [], (pattern, ctx)
    assert checked > 500


@pytest.mark.parametrize(
    ("key", "severity", "field"),
    [("detial", "error", "detail"), ("sourse", "error", "source"), ("detail-typ", "error", "detail-type"),
     ("regoin", "error", "region"), ("Detail", "error", "detail"), ("foo", "warning", None)],
)  # fmt: skip
def test_a_misspelt_envelope_key_is_an_error_that_names_the_field(key: str, severity: str, field: str | None) -> None:
    """No EventBridge event has a top-level key but the envelope's: a slip of one of them never matches."""
    pattern = {"source": ["aws.iam"], "detail-type": [API], key: {"eventName": ["CreateUser"]}}
    (f,) = [f for f in check_pattern(pattern, US_EAST_1) if f.code == "CTR010"]
    assert f.severity == severity
    if field is not None:
        assert f"misspells {field!r}" in f.message and f.fix == f"rename {key!r} to {field!r}"
