"""CTR016: the paths a rule's targets read must exist in the events the rule matches."""

from __future__ import annotations

from typing import Any

import pytest

from ctrules.checks import PatternChecker, RuleContext, check_pattern
from ctrules.checks.ctr016_input_path import fast
from ctrules.checks.fastpath import certainly_clean, gather
from ctrules.checks.findings import ERROR, WARNING, Finding, TargetPath

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
MAP = "Targets[0].InputTransformer.InputPathsMap."


def rule(source: str, detail_type: str, *names: Any, **detail: Any) -> dict[str, Any]:
    return {"source": [source], "detail-type": [detail_type], "detail": {"eventName": list(names), **detail}}


def read(*paths: str, **context: Any) -> RuleContext:
    """A us-east-1 context whose first target maps each path to a variable v0, v1, ..."""
    targets = tuple(TargetPath(p, f"{MAP}v{i}", f"v{i}") for i, p in enumerate(paths))
    return RuleContext(region=context.pop("region", "us-east-1"), target_paths=targets, **context)


def ctr016(pattern: dict[str, Any], ctx: RuleContext) -> list[Finding]:
    return [f for f in check_pattern(pattern, ctx) if f.code == "CTR016"]


CT_UPDATE = rule("aws.controltower", SERVICE, "UpdateManagedAccount")
CT_BOTH = {
    "source": ["aws.controltower"],
    "detail-type": [SERVICE],
    "detail": {"$or": [{"eventName": ["CreateManagedAccount"]}, {"eventName": ["UpdateManagedAccount"]}]},
}
S3 = rule("aws.s3", API, "CreateBucket")
IAM = rule("aws.iam", API, "PutRolePolicy")


# (id, pattern, bad path, severity, text the message or fix must hold, good path)
SIDE_BY_SIDE = [
    ("control-tower-create-status-of-update", CT_UPDATE,
     "$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId", ERROR,
     "$.detail.serviceEventDetails.updateManagedAccountStatus.account.accountId",
     "$.detail.serviceEventDetails.updateManagedAccountStatus.account.accountId"),
    ("did-you-mean", S3, "$.detail.requestParameters.bucketNme", WARNING,
     "'$.detail.requestParameters.bucketName'", "$.detail.requestParameters.bucketName"),
    ("inside-policy-document", IAM, "$.detail.requestParameters.policyDocument.Statement", WARNING,
     "JSON string", "$.detail.requestParameters.policyDocument"),
    ("envelope-typo", S3, "$.detail_type", ERROR, "'$.detail-type'", "$.detail-type"),
    ("record-field-at-top", S3, "$.eventName", ERROR, "'$.detail.eventName'", "$.detail.eventName"),
    ("whole-request", S3, "$.detail.requestParameter", WARNING, "requestParameters", "$.detail.requestParameters"),
    ("whole-event", S3, "$.source.name", ERROR, "", "$"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "bad", "severity", "text", "good"),
    [c[1:] for c in SIDE_BY_SIDE],
    ids=[c[0] for c in SIDE_BY_SIDE],
)
def test_bad_path_is_reported_good_path_is_not(
    pattern: dict[str, Any], bad: str, severity: str, text: str, good: str
) -> None:
    if bad == "$.source.name":
        # An envelope field that is there: what is below it is EventBridge's business (a string has no fields).
        assert ctr016(pattern, read(bad)) == []
    else:
        (f,) = ctr016(pattern, read(bad))
        assert f.severity == severity
        assert f.path == f"{MAP}v0"
        assert text in f.message + f.fix, f
        assert repr(bad) in f.message and "<v0>" in f.message
    assert check_pattern(pattern, read(good)) == []


def test_message_says_the_target_receives_nothing_and_names_the_event() -> None:
    (f,) = ctr016(CT_UPDATE, read("$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId"))
    assert "UpdateManagedAccount" in f.message
    assert "the target receives nothing for <v0>" in f.message
    assert f.fix == "read '$.detail.serviceEventDetails.updateManagedAccountStatus.account.accountId' instead"


def test_input_path_without_a_variable() -> None:
    ctx = RuleContext(
        region="us-east-1",
        target_paths=(TargetPath("$.detail.requestParameters.policyDocument.Statement", "Targets[2].InputPath"),),
    )
    (f,) = ctr016(IAM, ctx)
    assert f.path == "Targets[2].InputPath"
    assert f.message.startswith("InputPath '$.detail.requestParameters.policyDocument.Statement'")
    assert "requestParameters.policyDocument" in f.message and "the target receives nothing for it" in f.message.lower()
    assert f.fix.startswith("read '$.detail.requestParameters.policyDocument'")


def test_derived_shape_is_a_warning_that_says_so() -> None:
    (f,) = ctr016(S3, read("$.detail.requestParameters.bucketNme"))
    assert f.severity == WARNING and "derived" in f.message


def test_redacted_field_is_a_warning() -> None:
    pattern = rule("aws.secretsmanager", API, "GetSecretValue")
    ctx = read("$.detail.responseElements.secretString", state="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
    (f,) = check_pattern(pattern, ctx)
    assert (f.code, f.severity) == ("CTR016", WARNING)
    assert "HIDDEN_DUE_TO_SECURITY_REASONS" in f.message


def test_or_is_the_union_of_the_alternatives() -> None:
    create_only = "$.detail.serviceEventDetails.createManagedAccountStatus.account.accountId"
    assert check_pattern(CT_BOTH, read(create_only)) == []  # CreateManagedAccount carries it
    (f,) = ctr016(CT_BOTH, read("$.detail.serviceEventDetails.managedAccountStatus.account.accountId"))
    assert f.severity == ERROR
    assert "2 events" in f.message and "CreateManagedAccount" in f.message and "UpdateManagedAccount" in f.message
    assert "createManagedAccountStatus" in f.fix and "updateManagedAccountStatus" in f.fix


def test_several_names_in_one_list_are_a_union_too() -> None:
    pattern = rule("aws.controltower", SERVICE, "CreateManagedAccount", "UpdateManagedAccount")
    assert check_pattern(pattern, read("$.detail.serviceEventDetails.updateManagedAccountStatus.state")) == []


def test_name_filter_operators_are_expanded_when_decidable() -> None:
    prefix = rule("aws.controltower", SERVICE, {"prefix": "UpdateManaged"})
    assert [f.code for f in check_pattern(prefix, read("$.detail.serviceEventDetails.createManagedAccountStatus"))] == [
        "CTR016"
    ]
    anything_but = rule("aws.controltower", SERVICE, {"anything-but": ["CreateManagedAccount"]})
    assert check_pattern(anything_but, read("$.detail.serviceEventDetails.createManagedAccountStatus")) == []


def test_detail_type_narrows_the_record() -> None:
    # kms Decrypt is an API call and a service event; only the service event record has serviceEventDetails.
    path = "$.detail.serviceEventDetails"
    assert ctr016(rule("aws.kms", SERVICE, "Decrypt"), read(path)) == []
    (f,) = ctr016(rule("aws.kms", API, "Decrypt"), read(path))
    assert f.severity == ERROR and "serviceEventDetails" in f.message


@pytest.mark.parametrize(
    "pattern",
    [
        {"source": ["aws.s3"], "detail-type": [API]},  # every S3 event: the catalog may not list them all
        rule("aws.s3", API, "CreateBucketz"),  # a name the catalog does not know (CTR003's business)
        rule("aws.s3", API, "${Token[TOKEN.1]}"),
        {"source": ["my.app"], "detail": {"eventName": ["CreateBucket"]}},  # not CloudTrail
    ],
    ids=["no-event-name", "unknown-name", "token", "not-cloudtrail"],
)
def test_silent_when_the_events_are_not_known(pattern: dict[str, Any]) -> None:
    assert ctr016(pattern, read("$.detail.requestParameters.bucketNme")) == []


def test_envelope_paths_are_checked_whatever_the_pattern() -> None:
    (f,) = ctr016({"source": ["my.app"]}, read("$.Source"))
    assert f.severity == ERROR and "'$.source'" in f.fix


@pytest.mark.parametrize(
    "path",
    ["$", "$.detail", "$.detail.*", "$.detail.*.bucketName", "$.*", "$.resources[0]", "$.replay-name",
     "$['detail']['x']", "$..bucketName", "detail.requestParameters.x",
     "$.detail.requestParameters.CreateBucketConfiguration.Tags.Tag[*].Key"],
)  # fmt: skip
def test_paths_with_nothing_to_check_or_unsupported_syntax_are_left_alone(path: str) -> None:
    assert ctr016(S3, read(path)) == []


def test_a_path_whose_steps_before_a_star_are_wrong_is_reported() -> None:
    (f,) = ctr016(S3, read("$.detail.requestParameterz.*"))
    assert "requestParameters" in f.fix


def test_ignore_and_no_targets() -> None:
    bad = read("$.detail.requestParameters.bucketNme")
    assert check_pattern(S3, bad, ignore=["CTR016"]) == []
    assert check_pattern(S3, RuleContext(region="us-east-1")) == []


def test_fast_answer_is_clean_only_without_paths_to_look_at() -> None:
    facts = gather(S3)
    assert facts is not None
    assert fast(facts, RuleContext())
    assert fast(facts, read("$", "$.detail", "$.source", "$['x']"))
    assert not fast(facts, read("$.detail.requestParameters.bucketName"))
    assert not fast(facts, read("$.Source"))
    # The shortcut then leaves the pattern to the full checks, which are clean for a right path.
    assert not certainly_clean(S3, read("$.detail.requestParameters.bucketName"))
    assert check_pattern(S3, read("$.detail.requestParameters.bucketName")) == []


def test_pattern_checker_keeps_contexts_with_different_targets_apart() -> None:
    checker = PatternChecker()
    assert checker.check(S3, read("$.detail.requestParameters.bucketName")) == []
    assert [f.code for f in checker.check(S3, read("$.detail.requestParameters.bucketNme"))] == ["CTR016"]
    assert checker.check(S3, read("$.detail.requestParameters.bucketName")) == []


def test_findings_about_the_pattern_and_the_targets_together() -> None:
    pattern = rule("aws.organizations", API, "CreateAccountResult")  # CTR001: a service event
    found = check_pattern(pattern, read("$.detail.serviceEventDetails.createAccountStatus.accountId"))
    # The detail-type admits no eventType of the event: it matches nothing, so CTR016 has no events to judge.
    assert [f.code for f in found] == ["CTR001"]
