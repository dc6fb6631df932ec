"""CTR015: filters on requestParameters / responseElements / serviceEventDetails / additionalEventData paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ctrules.catalog import shapes
from ctrules.checks import RuleContext, check_pattern
from ctrules.checks.analysis import branches
from ctrules.checks.ctr015_record_path import MAX_EVENTS, fast, matched_events
from ctrules.checks.fastpath import certainly_clean, gather
from ctrules.checks.findings import ERROR, WARNING, Finding
from ctrules.eventpattern.match import matches

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import ctr015_accuracy as accuracy  # noqa: E402

API = "AWS API Call via CloudTrail"
SERVICE = "AWS Service Event via CloudTrail"
SIGN_IN = "AWS Console Sign In via CloudTrail"
US_EAST_1 = RuleContext(region="us-east-1")


def rule(source: str, detail_type: str, names: list[Any], **detail: Any) -> dict[str, Any]:
    return {"source": [source], "detail-type": [detail_type], "detail": {"eventName": names, **detail}}


def nest(path: str, values: list[Any]) -> dict[str, Any]:
    """``{"a": {"b": values}}`` for ``"a.b"``."""
    node: Any = values
    for seg in reversed(path.split(".")):
        node = {seg: node}
    out: dict[str, Any] = node
    return out


def ctr015(pattern: dict[str, Any], ctx: RuleContext = US_EAST_1) -> list[Finding]:
    return [f for f in check_pattern(pattern, ctx) if f.code == "CTR015"]


# (id, source, detail-type, eventName, bad path, good path, severity, text the fix holds)
SEEDED = [
    ("lower-case", "aws.s3", API, "PutBucketPolicy",
     "requestParameters.bucketname", "requestParameters.bucketName", ERROR, "detail.requestParameters.bucketName"),
    ("upper-case", "aws.s3", API, "PutBucketPolicy",
     "requestParameters.BUCKETNAME", "requestParameters.bucketName", ERROR, "detail.requestParameters.bucketName"),
    ("one-letter-deleted", "aws.iam", API, "CreateUser",
     "requestParameters.usrName", "requestParameters.userName", ERROR, "detail.requestParameters.userName"),
    ("letters-swapped", "aws.s3", API, "PutBucketPolicy",
     "requestParameters.bukcetName", "requestParameters.bucketName", ERROR, "detail.requestParameters.bucketName"),
    ("one-letter-cased-deep", "aws.ec2", API, "AuthorizeSecurityGroupIngress",
     "requestParameters.ipPermissions.items.ipRanges.items.cidrIP",
     "requestParameters.ipPermissions.items.ipRanges.items.cidrIp", ERROR,
     "detail.requestParameters.ipPermissions.items.ipRanges.items.cidrIp"),
    ("camel-case-for-pascal-s3-body", "aws.s3", API, "PutBucketEncryption",
     "requestParameters.serverSideEncryptionConfiguration.Rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm",
     "requestParameters.ServerSideEncryptionConfiguration.Rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm",
     ERROR, "detail.requestParameters.ServerSideEncryptionConfiguration.Rule"),
    ("pascal-case-for-camel-service-event", "aws.organizations", SERVICE, "CreateAccountResult",
     "serviceEventDetails.CreateAccountStatus.state", "serviceEventDetails.createAccountStatus.state", ERROR,
     "detail.serviceEventDetails.createAccountStatus.state"),
    ("pascal-case-for-camel-ec2-derived", "aws.ec2", API, "RunInstances",
     "requestParameters.InstanceType", "requestParameters.instanceType", WARNING, "detail.requestParameters.instanceType"),
    ("control-tower-create-status-on-update", "aws.controltower", SERVICE, "UpdateManagedAccount",
     "serviceEventDetails.createManagedAccountStatus.account.accountId",
     "serviceEventDetails.updateManagedAccountStatus.account.accountId", ERROR,
     "detail.serviceEventDetails.updateManagedAccountStatus.account.accountId"),
    ("sign-in-mfa-case", "aws.signin", SIGN_IN, "ConsoleLogin",
     "additionalEventData.mfaUsed", "additionalEventData.MFAUsed", WARNING, "detail.additionalEventData.MFAUsed"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "source", "dt", "name", "bad", "good", "severity", "fix"), SEEDED,
                         ids=[c[0] for c in SEEDED])  # fmt: skip
def test_seeded_typos_are_caught_and_the_right_path_passes(
    case: str, source: str, dt: str, name: str, bad: str, good: str, severity: str, fix: str
) -> None:
    (f,) = ctr015(rule(source, dt, [name], **nest(bad, ["x"])))
    assert f.severity == severity
    assert f.path == f"$.detail.{bad}"
    assert f"filter on detail.{bad}" in f.message and name in f.message
    # The words agree with the severity: an error says "never", a warning "may not" (issue 19, item 3).
    assert ("never matches" in f.message) if severity == "error" else ("may not match" in f.message)
    assert f"did you mean {fix}" in f.fix
    assert check_pattern(rule(source, dt, [name], **nest(good, ["x"])), US_EAST_1) == []


def test_the_fix_is_the_corrected_filter_with_the_same_values() -> None:
    (f,) = ctr015(rule("aws.controltower", SERVICE, ["UpdateManagedAccount"],
                       serviceEventDetails={"createManagedAccountStatus": {"state": ["SUCCEEDED", "FAILED"]}}))  # fmt: skip
    assert f.fix.endswith(
        'Write {"detail": {"serviceEventDetails": {"updateManagedAccountStatus": {"state": ["SUCCEEDED", "FAILED"]}}}}'
    )


@pytest.mark.parametrize(
    ("name", "path", "string_field"),
    [
        ("CreateRole", "requestParameters.assumeRolePolicyDocument.Statement.Effect",
         "requestParameters.assumeRolePolicyDocument"),
        ("PutRolePolicy", "requestParameters.policyDocument.Statement.Effect", "requestParameters.policyDocument"),
        ("UpdateAssumeRolePolicy", "requestParameters.policyDocument.Statement.Effect",
         "requestParameters.policyDocument"),
    ],
)  # fmt: skip
def test_a_path_inside_a_policy_json_string_is_an_error_with_a_wildcard_fix(
    name: str, path: str, string_field: str
) -> None:
    (f,) = ctr015(rule("aws.iam", API, [name], **nest(path, ["Allow"])))
    assert f.severity == ERROR
    assert f"hold {string_field} as a JSON string" in f.message and "cannot match keys inside" in f.message
    assert '[{"wildcard": "*\\"Effect\\"*\\"Allow\\"*"}]' in f.fix
    # The suggested filter is accepted, and matches a record holding such a document.
    fixed = rule("aws.iam", API, [name], **nest(string_field, [{"wildcard": '*"Effect"*"Allow"*'}]))
    assert check_pattern(fixed, US_EAST_1) == []
    document = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}'
    event = {
        "source": "aws.iam",
        "detail-type": API,
        "detail": {"eventName": name, **_nest_value(string_field, document)},
    }
    assert matches(fixed, event)


def _nest_value(path: str, value: Any) -> dict[str, Any]:
    node: Any = value
    for seg in reversed(path.split(".")):
        node = {seg: node}
    out: dict[str, Any] = node
    return out


def test_wildcard_fix_escapes_stars_and_matches_the_document() -> None:
    path = "requestParameters.policyDocument.Statement.Action"
    (f,) = ctr015(rule("aws.iam", API, ["PutRolePolicy"], **nest(path, ["s3:*"])))
    suggested = json.loads(f.fix.split("e.g. ", 1)[1].split(" (loose", 1)[0])
    assert suggested == {"detail": {"requestParameters": {"policyDocument": [{"wildcard": '*"Action"*"s3:\\*"*'}]}}}
    fixed = {
        "source": ["aws.iam"],
        "detail-type": [API],
        "detail": {"eventName": ["PutRolePolicy"], **suggested["detail"]},
    }

    def event(document: str) -> dict[str, Any]:
        return {"source": "aws.iam", "detail-type": API,
                "detail": {"eventName": "PutRolePolicy", "requestParameters": {"policyDocument": document}}}  # fmt: skip

    assert matches(fixed, event('{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}'))
    assert not matches(fixed, event('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "x"}]}'))


def test_one_event_carrying_the_field_is_enough() -> None:
    # roleName is a field of CreateRole, not of CreateUser: the rule can fire for CreateRole.
    both = rule("aws.iam", API, ["CreateUser", "CreateRole"], requestParameters={"roleName": ["admin"]})
    assert ctr015(both) == []
    (f,) = ctr015(rule("aws.iam", API, ["CreateUser"], requestParameters={"roleName": ["admin"]}))
    # CreateUser's records are seen, but no field is close to roleName: a warning that says so.
    assert f.severity == WARNING and "none is close to this name" in f.message


def test_every_event_lacking_the_field_is_named() -> None:
    pattern = rule("aws.iam", API, ["CreateUser", "CreateRole"], requestParameters={"usrName": ["a"]})
    (f,) = ctr015(pattern)
    assert f.severity == WARNING  # CreateRole has nothing close to usrName
    assert "CreateUser and CreateRole" in f.message or ("CreateUser" in f.message and "CreateRole" in f.message)


def test_exists_false_asks_for_absence_and_is_left_alone() -> None:
    assert ctr015(rule("aws.iam", API, ["CreateUser"], requestParameters={"username": [{"exists": False}]})) == []
    (f,) = ctr015(rule("aws.iam", API, ["CreateUser"], requestParameters={"username": ["a", {"exists": False}]}))
    assert f.severity == WARNING and "lets every such event through" in f.message


def test_a_path_below_a_plain_value_of_a_seen_shape() -> None:
    (f,) = ctr015(rule("aws.iam", API, ["CreateUser"], requestParameters={"userName": {"first": ["a"]}}))
    assert f.severity == ERROR and "plain value at requestParameters.userName" in f.message


def test_redacted_fields_are_not_judged() -> None:
    # botocore marks accessToken sensitive; real records show masks other than HIDDEN_DUE_TO_SECURITY_REASONS and
    # clear values of such members, so the check does not claim the value.
    assert (
        shapes.path_status("CreateToken", "responseElements.accessToken", service="sso-oidc").status == shapes.REDACTED
    )
    assert ctr015(rule("aws.sso-oauth", API, ["CreateToken"], responseElements={"accessToken": ["abc"]})) == []


def test_object_nodes_and_open_maps_pass() -> None:
    assert ctr015(rule("aws.organizations", SERVICE, ["CreateAccountResult"],
                       serviceEventDetails={"createAccountStatus": [{"exists": True}]})) == []  # fmt: skip
    assert ctr015(rule("aws.kms", API, ["Decrypt"],
                       requestParameters={"encryptionContext": {"aws:s3:arn": [{"prefix": "arn:aws:s3:::b"}]}})) == []  # fmt: skip


def test_a_derived_shape_lacking_a_field_with_nothing_close_is_not_reported() -> None:
    assert shapes.fields_of("CreateBucket", service="s3").confidence == "derived"  # type: ignore[union-attr]
    assert ctr015(rule("aws.s3", API, ["CreateBucket"], requestParameters={"somethingElseEntirely": ["x"]})) == []
    assert ctr015(rule("aws.s3", API, ["CreateBucket"], requestParameters={"bucketNme": ["x"]}))


@pytest.mark.parametrize(
    "names",
    [
        [{"anything-but": ["CreateUser"]}],
        [{"exists": True}],
        ["${Token[TOKEN.1]}"],
        ["NotAnIamEventAtAll"],
        ["CreateUser", "NotAnIamEventAtAll"],
    ],
)
def test_silent_when_the_events_cannot_be_told(names: list[Any]) -> None:
    assert ctr015(rule("aws.iam", API, names, requestParameters={"usrName": ["a"]})) == []


def test_silent_without_an_event_name() -> None:
    pattern = {"source": ["aws.iam"], "detail-type": [API], "detail": {"requestParameters": {"usrName": ["a"]}}}
    assert ctr015(pattern) == []


def test_name_filters_are_judged_when_they_match_few_events() -> None:
    small = rule("aws.iam", API, [{"prefix": "CreateUs"}], requestParameters={"usrName": ["a"]})
    (branch,) = branches(small)
    found = matched_events(branch)
    assert found is not None and [e.event_name for e in found] == ["CreateUser"]
    assert [f.severity for f in ctr015(small)] == [ERROR]
    broad = rule("aws.ec2", API, [{"prefix": "Describe"}], requestParameters={"instanceIdd": ["i-1"]})
    (branch,) = branches(broad)
    assert matched_events(branch) is None  # more than MAX_EVENTS names
    assert MAX_EVENTS < 100 and ctr015(broad) == []


def test_an_error_in_one_or_alternative_only_follows_the_merge_rules() -> None:
    pattern = {
        "source": ["aws.iam"],
        "detail-type": [API],
        "detail": {
            "eventName": ["CreateUser"],
            "$or": [{"requestParameters": {"usrName": ["a"]}}, {"userIdentity": {"type": ["Root"]}}],
        },
    }
    (f,) = ctr015(pattern)
    assert f.path == "$.detail.$or[0].requestParameters.usrName"
    assert f.severity == ERROR  # the alternative stands alone: it never matches


def test_fast_answer_is_clean_only_without_parts_or_without_event_name() -> None:
    plain = rule("aws.iam", API, ["CreateUser"], userIdentity={"type": ["Root"]})
    facts = gather(plain)
    assert facts is not None and fast(facts, US_EAST_1)
    assert certainly_clean(plain, US_EAST_1)
    with_part = rule("aws.iam", API, ["CreateUser"], requestParameters={"userName": ["a"]})
    facts = gather(with_part)
    assert facts is not None and not fast(facts, US_EAST_1)
    no_name = {"source": ["aws.iam"], "detail-type": [API], "detail": {"requestParameters": {"usrName": ["a"]}}}
    facts = gather(no_name)
    assert facts is not None and fast(facts, US_EAST_1)


def test_rules_without_record_parts_never_load_the_shape_data() -> None:
    code = (
        "from ctrules.checks import check_pattern, RuleContext\n"
        "p = {'source': ['aws.iam'], 'detail-type': ['AWS API Call via CloudTrail'],"
        " 'detail': {'eventName': ['CreateUser', 'CreateUsr'], 'userIdentity': {'type': ['Root']}}}\n"
        "assert check_pattern(p, RuleContext(region='us-east-1'))\n"
        "import sys\n"
        "print('ctrules.catalog.shapes' in sys.modules and sys.modules['ctrules.catalog.shapes']._DATA is not None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


# -- real records: every rule a real record matches must pass ------------------------------------------------------

RECORDS = [r for recs in accuracy.load_records().values() for r in recs]


@pytest.fixture(scope="module")
def real() -> accuracy.Result:
    """CTR015 on one rule per distinct (event, part path, value) of the stored real records."""
    return accuracy.false_positives(RECORDS)


@pytest.mark.slow
def test_no_error_on_any_real_record_path_and_few_warnings(real: accuracy.Result) -> None:
    assert real.paths > 2000  # the measurement covers the stored records, not a handful
    assert real.errors == []
    assert real.rate(real.warnings) <= 0.01, real.warnings


@pytest.mark.slow
def test_no_finding_at_all_on_real_paths_of_events_whose_shape_is_seen(real: accuracy.Result) -> None:
    seen = set()
    for item in RECORDS:
        event = accuracy.catalog_event(item["record"])
        shape = shapes.fields_of(event) if event is not None else None
        if event is not None and shape is not None and shape.confidence == "seen":
            seen.add(f"{event.event_source} {event.event_name} ")
    assert len(seen) > 100
    # panther-analysis's test logs write some numbers as text ("durationSeconds": "900"): a filter on that text gets
    # the warning that no record confirms a string there, which is right (real records hold the number).
    left = [line for line in real.warnings if any(line.startswith(s) for s in seen)]
    text = [line for line in left if "(github:panther-labs/" in line and "numbers and booleans as strings" in line]
    assert 0 < len(text) <= 5  # AssumeRole's durationSeconds, macie2 ListMembers' maxResults
    assert [line for line in left if line not in text] == []


@pytest.mark.slow
def test_seeded_typos_on_real_paths_are_caught() -> None:
    sample = RECORDS[::12]  # each missed name costs a 'did you mean' search: a sample keeps this test short
    caught = accuracy.typos_caught(sample)
    tried = sum(t for t, _, _ in caught.values())
    found = sum(c for _, c, _ in caught.values())
    assert tried > 500
    assert found / tried >= 0.99, caught


# --------------------------------------------------------------------------- values of a known field (issue 19, item 4)

# (id, source, detail-type, eventName, path, bad values, good values, severity, text the message holds, text the fix holds)
VALUES = [
    ("string-for-record-boolean", "aws.ec2", API, "RunInstances", "requestParameters.disableApiTermination",
     ["true"], [True], ERROR, "is a boolean in real records of RunInstances", "write true without quotes"),
    ("string-for-record-number", "aws.ec2", API, "AuthorizeSecurityGroupIngress",
     "requestParameters.ipPermissions.items.fromPort", ["22"], [22], ERROR, "is a number in real records", "write 22"),
    ("prefix-on-record-number", "aws.ec2", API, "AuthorizeSecurityGroupIngress",
     "requestParameters.ipPermissions.items.fromPort", [{"prefix": "2"}], [{"numeric": [">=", 20]}], ERROR,
     "the 'prefix' filter", "numeric"),
    ("numeric-on-record-string", "aws.s3", API, "PutBucketPolicy", "requestParameters.bucketName",
     [{"numeric": [">", 1]}], ["my-bucket"], ERROR, "is a string in real records of PutBucketPolicy",
     "use exact strings"),
    ("number-for-record-string", "aws.s3", API, "PutBucketPolicy", "requestParameters.bucketName",
     [12345], ["12345"], ERROR, "the number 12345 never matches it", 'quote it: "12345"'),
    ("string-for-sdk-boolean", "aws.s3", API, "PutBucketPublicAccessBlock",
     "requestParameters.PublicAccessBlockConfiguration.BlockPublicAcls", ["false"], [False], WARNING,
     "is a boolean in the AWS SDK model", "write false without quotes"),
    ("enum-slip-record-backed", "aws.account", API, "PutAlternateContact", "requestParameters.alternateContactType",
     ["SECURTY"], ["SECURITY"], ERROR, "misspells 'SECURITY'", 'did you mean "SECURITY"?'),
    ("enum-case-record-backed", "aws.account", API, "PutAlternateContact", "requestParameters.alternateContactType",
     ["Security"], ["SECURITY"], ERROR, "case-sensitively", 'did you mean "SECURITY"?'),
    ("enum-slip-sdk-only", "aws.iam", API, "UpdateAccessKey", "requestParameters.status",
     ["Inactiv"], ["Inactive"], WARNING, "no real record confirms the list", 'did you mean "Inactive"?'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "source", "dt", "name", "path", "bad", "good", "severity", "text", "fix"),
    VALUES,
    ids=[v[0] for v in VALUES],
)
def test_a_value_no_record_can_hold_is_reported_and_a_right_one_passes(
    case: str,
    source: str,
    dt: str,
    name: str,
    path: str,
    bad: list[Any],
    good: list[Any],
    severity: str,
    text: str,
    fix: str,
) -> None:
    (f,) = ctr015(rule(source, dt, [name], **nest(path, bad)))
    assert f.severity == severity
    assert text in f.message and fix in f.fix
    assert f.path == "$.detail." + path + "[0]"
    # The words agree with the severity (issue 19, item 3).
    assert ("never" in f.message) if severity == ERROR else ("may not" in f.message and "never" not in f.message)
    assert ctr015(rule(source, dt, [name], **nest(path, good))) == []


def test_a_wrong_value_beside_a_right_one_is_a_warning() -> None:
    path = "requestParameters.disableApiTermination"
    (f,) = ctr015(rule("aws.ec2", API, ["RunInstances"], **nest(path, [False, "true"])))
    assert f.severity == WARNING and f.path.endswith("[1]") and "can still fire" in f.message
    assert "never" not in f.message and "cannot match it" in f.message


def test_types_are_judged_only_when_every_matched_event_rules_the_value_out() -> None:
    # RunInstances records hold a boolean; an event the rule also names that has no such field type stops the check.
    path = "requestParameters.disableApiTermination"
    assert ctr015(rule("aws.ec2", API, ["RunInstances", "ModifyInstanceAttribute"], **nest(path, ["true"]))) == []


@pytest.mark.parametrize(
    ("source", "name", "path", "status"),
    [
        ("aws.ecr", "PutImage", "requestParameters.imageManifest.schemaVersion", shapes.INSIDE_JSON_STRING),
        ("aws.events", "PutRule", "requestParameters.eventPattern.source", shapes.INSIDE_JSON_STRING),
        ("aws.kms", "PutKeyPolicy", "requestParameters.policy.Statement.Effect", shapes.MAYBE_INSIDE_JSON_STRING),
    ],
)
def test_json_text_learnt_from_records(source: str, name: str, path: str, status: str) -> None:
    """Records from two sources or more that all hold the field as JSON text: an error citing them; records that
    disagree (KMS key policy: text in AWS's pages, an object in another capture): a warning."""
    st = shapes.path_status(name, path, service=source.removeprefix("aws."))
    assert st.status == status and "github:" in st.reason
    (f,) = ctr015(rule(source, API, [name], **nest(path, ["Allow"])))
    assert f.severity == (ERROR if status == shapes.INSIDE_JSON_STRING else WARNING)
    assert "github:" in f.message and "wildcard" in f.fix
    at = path.rsplit(".", 2)[0]
    assert ctr015(rule(source, API, [name], **nest(at, [{"wildcard": "*Allow*"}]))) == []


def test_a_case_slip_of_an_sdk_only_enumeration_is_left_alone() -> None:
    """Services record their own case of SDK values (held-out records: Amazon MQ "ActiveMQ", App Runner "Branch")."""
    assert ctr015(rule("aws.iam", API, ["UpdateAccessKey"], **nest("requestParameters.status", ["inactive"]))) == []
    path = "requestParameters.engineType"
    assert ctr015(rule("aws.amazonmq", API, ["CreateBroker"], **nest(path, ["ActiveMQ"]))) == []
    # Real records of CreateBroker hold "ActiveMQ", outside the SDK's list: the list is not used at all.
    assert ctr015(rule("aws.amazonmq", API, ["CreateBroker"], **nest(path, ["ACTIVEMG"]))) == []


@pytest.mark.parametrize(
    ("names", "path"),
    [
        (["CreateBucket", "PutBucketEncryption"],
         "serverSideEncryptionConfiguration.rules.applyServerSideEncryptionByDefault.sseAlgorithm"),
        (["CreateRole", "UpdateRole"], "assumeRolePolicyDocument.Statement.Action"),
    ],
)  # fmt: skip
def test_an_event_certainly_lacking_the_field_is_not_hidden_by_a_derived_gap(names: list[str], path: str) -> None:
    """Real rules (DougMacdonald-Security/AWS-Cloud-Work, terragrunt s3/Unencrypted and iam/WildcardUserAction):
    one event certainly never carries the path (a slip, a JSON string) and the other's derived shape lacks it with
    nothing close: a warning names both, where the derived gap alone once silenced the finding."""
    source = "aws.s3" if names[0] == "CreateBucket" else "aws.iam"
    detail: dict[str, Any] = {"eventName": names}
    node = detail.setdefault("requestParameters", {})
    *parents, leaf = path.split(".")
    for seg in parents:
        node = node.setdefault(seg, {})
    node[leaf] = ["x"]
    found = [f for f in check_pattern({"source": [source], "detail-type": [API], "detail": detail}, US_EAST_1) if
             f.code == "CTR015"]  # fmt: skip
    assert [f.severity for f in found] == [WARNING]
    assert all(n in found[0].message for n in names) and "derived" in found[0].message
    # The derived shape alone still says nothing: a gap of the SDK model is likelier than a mistake there.
    alone = {"source": [source], "detail-type": [API], "detail": {**detail, "eventName": [names[0] if
             names[0] == "CreateBucket" else names[1]]}}  # fmt: skip
    assert [f for f in check_pattern(alone, US_EAST_1) if f.code == "CTR015"] == []
