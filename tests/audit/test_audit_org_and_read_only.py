"""``ctrules audit --org`` across accounts of moto's organization, and proof that the audit only reads: every AWS
operation it makes (recorded below botocore, whatever client made it) is a Describe/List/Get call the documented IAM
policy grants, and a write through its clients is refused before it is sent."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ctrules.cli.main import main
from tests.audit.conftest import client, make_trail, put_rule
from tests.audit.test_audit_cli import IAM_CREATE_USER, S3_PUT_OBJECT, deploy_judged_scenario

DOCS = Path(__file__).resolve().parents[2] / "docs" / "audit.md"


def member_session(account: str, role: str = "CtrulesAudit") -> Any:
    import boto3

    creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{account}:role/{role}", RoleSessionName="setup")
    c = creds["Credentials"]
    return boto3.Session(
        aws_access_key_id=c["AccessKeyId"],
        aws_secret_access_key=c["SecretAccessKey"],
        aws_session_token=c["SessionToken"],
        region_name="us-east-1",
    )


def make_org(names: list[str]) -> list[str]:
    org = client("organizations")
    org.create_organization(FeatureSet="ALL")
    ids = []
    for name in names:
        status = org.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        ids.append(str(status["AccountId"]))
    return ids


def test_org_audits_every_account_through_the_role(aws: str, capsys: pytest.CaptureFixture[str]) -> None:
    (member,) = make_org(["workload"])
    put_rule("mgmt-iam-eu", IAM_CREATE_USER, region="eu-west-1")
    events = member_session(member).client("events", region_name="eu-west-1")
    events.put_rule(Name="member-iam-eu", EventPattern=json.dumps(IAM_CREATE_USER))
    events.put_targets(Rule="member-iam-eu", Targets=[{"Id": "q", "Arn": "arn:aws:sqs:eu-west-1:1:q"}])
    code = main(["audit", "--org", "--role-name", "CtrulesAudit", "--regions", "eu-west-1", "--format", "json"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert code == 1
    files = {f["file"] for f in doc["findings"]}
    assert files == {
        "arn:aws:events:eu-west-1:123456789012:rule/mgmt-iam-eu",
        f"arn:aws:events:eu-west-1:{member}:rule/member-iam-eu",
    }
    assert re.search(rf"ctrules: \[\d/2\] account {member} \(workload\): 1 region read, 1 rule", err)
    assert f"ctrules: summary: account {member} (workload): 1 error, 0 warnings in 1 rule" in err
    assert "ctrules: summary: account 123456789012 (master): 1 error, 0 warnings in 1 rule" in err


def test_org_account_that_refuses_the_role_is_not_checked(
    aws: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctrules.audit import run

    (member, other) = make_org(["workload", "sandbox"])
    put_rule("mgmt-iam-eu", IAM_CREATE_USER, region="eu-west-1")
    real = run.assume

    def assume(ro: Any, account: str, name: str, *args: Any, **kwargs: Any) -> Any:
        if account == other:
            return run.Account(account, name, None, "AssumeRole: AccessDenied: not authorized to assume", True)
        return real(ro, account, name, *args, **kwargs)

    monkeypatch.setattr(run, "assume", assume)
    code = main(["audit", "--org", "--role-name", "CtrulesAudit", "--regions", "eu-west-1", "--format", "json"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert code == 1
    assert [n["file"] for n in doc["not_checked"]] == [f"{other}/eu-west-1"]
    assert f"account {other} (sandbox): not checked (AssumeRole: AccessDenied" in err
    assert f"summary: account {member} (workload): 0 errors" in err


def _policy_actions() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```json\n(\{.*?\})\n```", text, re.DOTALL)
    assert block, "docs/audit.md shows the IAM policy as a json block"
    policy = json.loads(block.group(1))
    return {a for s in policy["Statement"] for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}


def test_the_audit_makes_only_read_calls_that_the_documented_policy_grants(
    aws: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import botocore.client

    calls: list[tuple[str, str]] = []
    real = botocore.client.BaseClient._make_api_call

    def record(self: Any, operation: str, params: Any) -> Any:
        calls.append((self.meta.service_model.service_name, operation))
        return real(self, operation, params)

    (member,) = make_org(["workload"])
    deploy_judged_scenario()
    make_trail("org-trail", multi_region=True, data_types=["AWS::S3::Object"])
    member_session(member).client("events", region_name="eu-west-1").put_rule(
        Name="m", EventPattern=json.dumps(S3_PUT_OBJECT)
    )
    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", record)
    args = ["audit", "--org", "--role-name", "CtrulesAudit", "--all-regions", "--since", "7d", "--format", "json"]
    assert main(args) == 1
    capsys.readouterr()
    made = set(calls)
    assert made, "the recorder saw the calls"
    for service, operation in made:
        assert operation.startswith(("Describe", "List", "Get")) or (service, operation) == ("sts", "AssumeRole")
    prefix = {"monitoring": "cloudwatch"}
    needed = {f"{prefix.get(s, s)}:{o}" for s, o in made} - {"sts:GetCallerIdentity"}  # needs no permission
    assert needed == _policy_actions()


def test_a_write_through_the_audits_clients_is_refused_before_it_is_sent(aws: str) -> None:
    import boto3

    from ctrules.audit.aws import ReadOnlySession, WriteRefused

    sent: list[str] = []
    ro = ReadOnlySession(boto3.Session(region_name="us-east-1"), on_call=lambda s, o: sent.append(o))
    events = ro.client("events", "us-east-1")
    with pytest.raises(WriteRefused, match="events:PutRule"):
        events.put_rule(Name="sneaky", EventPattern=json.dumps(IAM_CREATE_USER))
    assert client("events").list_rules()["Rules"] == [] and sent == []
    events.list_rules()
    assert sent == ["ListRules"]
    assert events.meta.config.retries["mode"] == "standard"
    with pytest.raises(WriteRefused):
        ro.client("iam")


def test_assumed_role_credentials_renew_before_they_expire() -> None:
    import datetime

    from ctrules.audit.run import _renewing_session

    def creds(key: str, minutes: int) -> dict[str, str]:
        expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        return {"access_key": key, "secret_key": "s", "token": "t", "expiry_time": expiry.isoformat()}

    fetched: list[str] = []

    def fetch() -> dict[str, str]:
        fetched.append("again")
        return creds(f"AKIARENEWED{len(fetched)}", 60)

    fresh = _renewing_session(creds("AKIAFIRST", 60), fetch).get_credentials()
    assert fresh.get_frozen_credentials().access_key == "AKIAFIRST" and fetched == []
    expiring = _renewing_session(creds("AKIAFIRST", 1), fetch).get_credentials()
    assert expiring.get_frozen_credentials().access_key == "AKIARENEWED1" and fetched == ["again"]
