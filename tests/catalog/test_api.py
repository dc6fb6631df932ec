"""The catalog's lookup API and the seed facts it must get right."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ctrules import AmbiguousEventError, CtrulesError, UnknownEventError, UnknownServiceError, catalog
from ctrules.catalog import DETAIL_TYPES, EVENT_TYPES_BY_DETAIL_TYPE


def test_import_reads_no_data_and_no_cdk() -> None:
    code = (
        "import sys, ctrules, ctrules.catalog, ctrules.checks;"
        "import ctrules.catalog._store as s;"
        "assert s._STORE is None, 'data loaded at import';"
        "assert 'aws_cdk' not in sys.modules, 'aws_cdk imported';"
        "from ctrules import catalog; catalog.get('CreateAccountResult');"
        "assert s._STORE is not None;"
        "assert 'aws_cdk' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("name", "service", "event_types", "source", "detail_type"),
    [
        ("CreateAccount", "organizations", ("AwsApiCall",), "aws.organizations", "AWS API Call via CloudTrail"),
        ("CreateAccountResult", None, ("AwsServiceEvent",), "aws.organizations", "AWS Service Event via CloudTrail"),
        ("ConsoleLogin", None, ("AwsConsoleSignIn",), "aws.signin", "AWS Console Sign In via CloudTrail"),
        ("RunInstances", None, ("AwsApiCall",), "aws.ec2", "AWS API Call via CloudTrail"),
        ("PutMetricData", "cloudwatch", ("AwsApiCall",), "aws.monitoring", "AWS API Call via CloudTrail"),
    ],
)
def test_seed_facts(
    name: str, service: str | None, event_types: tuple[str, ...], source: str, detail_type: str
) -> None:
    ev = catalog.get(name, service=service)
    assert ev.event_types == event_types
    assert ev.source == source
    assert ev.detail_types[0] == detail_type


def test_kms_decrypt_has_two_event_types() -> None:
    ev = catalog.get("Decrypt", service="kms")
    assert set(ev.event_types) == {"AwsApiCall", "AwsServiceEvent"}
    assert set(ev.detail_types) == {"AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"}
    assert ev.read_only is True  # real records say so, the name rule would not


@pytest.mark.parametrize("name", ["CreateUser", "AttachRolePolicy", "DeleteRole"])
def test_global_iam_events_home_us_east_1(name: str) -> None:
    ev = catalog.get(name, service="iam")
    assert ev.home_region == "us-east-1"
    assert ev.is_global


def test_regional_service_has_no_home_region() -> None:
    assert catalog.get("RunInstances").home_region is None
    assert catalog.get("AssumeRole", service="sts").home_region is None  # STS has regional endpoints


def test_organizations_events_home_us_east_1() -> None:
    assert catalog.get("CreateAccountResult").home_region == "us-east-1"


@pytest.mark.parametrize(
    ("operation", "logged"),
    [("UpdateFunctionCode", "UpdateFunctionCode20150331v2"), ("AddPermission", "AddPermission20150331v2")],
)
def test_lambda_logs_versioned_names(operation: str, logged: str) -> None:
    assert catalog.lookup(logged, service="lambda")
    assert not catalog.lookup(operation, service="lambda")
    with pytest.raises(UnknownEventError) as err:
        catalog.get(operation, service="lambda")
    assert logged in err.value.suggestions


@pytest.mark.parametrize("service", ["organizations", "aws.organizations", "organizations.amazonaws.com"])
def test_service_argument_forms(service: str) -> None:
    assert catalog.get("CreateAccountResult", service=service).event_source == "organizations.amazonaws.com"


def test_botocore_name_of_a_shared_event_source() -> None:
    assert catalog.get("CreateLoadBalancer", service="elbv2").source == "aws.elasticloadbalancing"


def test_unknown_event_suggests() -> None:
    with pytest.raises(UnknownEventError) as err:
        catalog.get("CreateAcountResult")
    assert "CreateAccountResult" in err.value.suggestions
    assert "did you mean" in str(err.value)
    assert isinstance(err.value, LookupError) and isinstance(err.value, CtrulesError)


def test_unknown_event_for_service_names_the_right_service() -> None:
    with pytest.raises(UnknownEventError) as err:
        catalog.get("RunInstances", service="organizations")
    assert err.value.other_services == ("aws.ec2",)
    assert "aws.ec2" in str(err.value)


def test_case_insensitive_suggestion_first() -> None:
    assert catalog.suggest("createaccountresult")[0] == "CreateAccountResult"


def test_ambiguous_event_lists_services() -> None:
    with pytest.raises(AmbiguousEventError) as err:
        catalog.get("TagResource")
    assert len(err.value.services) > 10
    assert "service=" in str(err.value)


@pytest.mark.parametrize(
    ("name", "likely"),
    [("CreateUser", "aws.iam"), ("DeleteUser", "aws.iam"), ("CreateAccount", "aws.organizations"),
     ("CreateBucket", "aws.s3"), ("CreateKey", "aws.kms")],
)  # fmt: skip
def test_the_example_fix_names_the_service_real_records_back(name: str, likely: str) -> None:
    """The example service=... of an ambiguous name was the alphabetically first service (CreateUser: Amazon MQ):
    copied, it built a rule for the wrong service. It is now the one whose events real records confirm most."""
    with pytest.raises(AmbiguousEventError) as err:
        catalog.get(name)
    assert err.value.likely == likely and f"e.g. service={likely!r}" in str(err.value)
    assert likely in err.value.services and len(err.value.services) > 1  # every service is still listed


def test_unknown_service() -> None:
    with pytest.raises(UnknownServiceError) as err:
        catalog.events("organisations")
    assert "organizations" in err.value.suggestions


def test_services_and_events() -> None:
    names = catalog.services()
    assert "organizations" in names and "signin" in names
    org = catalog.events("organizations")
    assert {e.event_name for e in org} >= {"CreateAccount", "CreateAccountResult", "CloseAccountResult"}
    assert all(e.source == "aws.organizations" for e in org)


def test_detail_types_both_ways() -> None:
    for event_type, detail_type in DETAIL_TYPES.items():
        assert EVENT_TYPES_BY_DETAIL_TYPE[detail_type] == event_type
    assert DETAIL_TYPES["AwsConsoleSignIn"] == "AWS Console Sign In via CloudTrail"


def test_read_only_notions_are_kept_apart() -> None:
    get_caller = catalog.get("GetSessionToken", service="sts")
    assert get_caller.read_only is True or get_caller.read_only is None
    assert get_caller.eventbridge_read_only is False  # a documented change event despite "Get"
    describe = catalog.get("DescribeInstances", service="ec2")
    assert describe.read_only is True and describe.eventbridge_read_only is True
    run = catalog.get("RunInstances")
    assert run.read_only is False and run.eventbridge_read_only is False


def test_data_events_are_marked() -> None:
    assert catalog.get("PutObject", service="s3").category == "Data"
    assert catalog.get("Invoke", service="lambda").category == "Data"
    assert catalog.get("GetItem", service="dynamodb").category == "Data"
    assert catalog.get("CreateBucket", service="s3").category == "Management"


def test_data_events_are_not_eventbridge_read_only() -> None:
    assert catalog.get("GetObject", service="s3").eventbridge_read_only is False


def test_search() -> None:
    hits = catalog.search("accountresult")
    assert hits[0].event_name in {"CreateAccountResult", "CloseAccountResult"}
    service_events = catalog.search("Rotation", event_type="AwsServiceEvent", service="secretsmanager")
    assert {e.event_name for e in service_events} >= {"RotationSucceeded", "RotationFailed"}


def test_info_has_versions_and_counts() -> None:
    info = catalog.info()
    assert info["upstream"]["botocore"] == "1.44.5"
    assert info["counts"]["by_event_type"]["AwsServiceEvent"] >= 60
    assert info["counts"]["events"] == sum(1 for _ in catalog.all_events())


def test_bucket_level_reads_are_management_events() -> None:
    ev = catalog.get("GetBucketPolicy", service="s3")
    assert ev.category == "Management" and ev.eventbridge_read_only


def test_a_second_event_source_for_the_rds_data_api() -> None:
    assert {e.source for e in catalog.lookup("ExecuteStatement")} >= {"aws.rdsdata", "aws.rdsdataapi"}


def test_s3_and_s3control_aliases_both_kept() -> None:
    assert set(catalog.suggest("PutPublicAccessBlock", service="s3")) >= {
        "PutBucketPublicAccessBlock",
        "PutAccountPublicAccessBlock",
    }


def test_rds_data_api_calls_are_data_events_under_rdsdataapi() -> None:
    by_source = {e.source: e.category for e in catalog.lookup("ExecuteStatement")}
    assert by_source["aws.rdsdataapi"] == "Data" and by_source["aws.rdsdata"] == "Management"


@pytest.mark.parametrize(
    ("name", "service", "source"),
    [
        ("StartConfigurationSession", "appconfigdata", "aws.appconfig"),  # the AppConfig data API logs as appconfig
        ("CreateScalingPlan", "autoscaling-plans", "aws.autoscaling"),
        ("DescribeUser", "ds-data", "aws.ds"),
        ("InvokeAgent", "bedrock-agent-runtime", "aws.bedrock"),
        ("CreateAgent", "bedrock-agent", "aws.bedrock"),
        ("CreateStage", "ivs-realtime", "aws.ivs"),
    ],
)
def test_data_plane_apis_logged_under_their_parent_service(name: str, service: str, source: str) -> None:
    entry = catalog.get(name, service=source)
    assert entry.verified and entry.source == source
    assert catalog.event_source_for(service) == entry.event_source  # the SDK service name leads there too


@pytest.mark.parametrize(
    ("name", "source", "category"),
    [
        ("PutMetricData", "aws.monitoring", "Data"),  # AWS::CloudWatch::Metric
        ("GetMetricData", "aws.monitoring", "Data"),
        ("PutMetricAlarm", "aws.monitoring", "Management"),
        ("SendEmail", "aws.ses", "Data"),  # AWS::SES::EmailIdentity
        ("IsAuthorized", "aws.verifiedpermissions", "Data"),
        ("PutTraceSegments", "aws.xray", "Data"),
        ("GetCertificate", "aws.acm", "Management"),  # ACME protocol calls log under another eventSource
    ],
)
def test_data_event_operations_from_the_services_cloudtrail_pages(name: str, source: str, category: str) -> None:
    assert catalog.get(name, service=source).category == category
