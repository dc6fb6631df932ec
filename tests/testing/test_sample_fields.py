"""sample_event fills requestParameters/responseElements/serviceEventDetails/additionalEventData from the
event's record shape (ctrules/_sample_fields.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import ctrules
from ctrules import _sample_fields, catalog
from ctrules.catalog import shapes
from ctrules.testing import ACCOUNT, matches, mismatches, sample_event

PARTS = ("requestParameters", "responseElements", "serviceEventDetails", "additionalEventData")
HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"


def leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every leaf below ``path``; list elements share their list's path."""
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list) and value:
        for v in value:
            yield from leaves(v, path)
    else:
        yield path, value


def count(detail: dict[str, Any]) -> int:
    """Leaves of the record parts (an absent or null part counts none)."""
    return sum(1 for part in PARTS if detail.get(part) is not None for _ in leaves(detail[part], part))


def depth_of(value: Any) -> int:
    if isinstance(value, dict) and value:
        return 1 + max(depth_of(v) for v in value.values())
    if isinstance(value, list) and value:
        return max(depth_of(v) for v in value)
    return 0


def shaped_events() -> list[catalog.CatalogEvent]:
    out = []
    for ev in catalog.all_events():
        shape = shapes.fields_of(ev)
        if shape is not None and shape.parts_known:
            out.append(ev)
    return out


def service_of(ev: catalog.CatalogEvent) -> str | None:
    return None if len(catalog.lookup(ev.event_name)) == 1 else ev.event_source


def test_broad_sample_leaves_are_known_and_filterable() -> None:
    events = shaped_events()
    sample = events[::50]
    assert len(sample) >= 100, len(sample)
    bad_paths: list[tuple[str, str, str]] = []
    unmatched: list[tuple[str, str]] = []
    filled = 0
    for ev in sample:
        svc = service_of(ev)
        e = sample_event(ev.event_name, service=svc)
        d = e["detail"]
        assert d["eventSource"] == ev.event_source and d["eventName"] == ev.event_name
        assert d["recipientAccountId"] == e["account"] == ACCOUNT
        assert d["awsRegion"] == e["region"] == (ev.home_region or "us-east-1")
        request: tuple[str, Any] | None = None
        for part in PARTS:
            for path, value in leaves(d.get(part), part):
                if value is None and path == part:
                    continue  # an empty part, recorded as null
                filled += 1
                st = shapes.path_status(ev, path)
                if not (st.ok or (st.status == shapes.REDACTED and value == HIDDEN)):
                    bad_paths.append((ev.key, path, st.status))
                if request is None and part == "requestParameters" and isinstance(value, str | int | bool):
                    request = (path, value)
        if request is None:
            continue
        # A rule built for the event and filtering on one generated field's value matches the sample;
        # the same rule with another value does not.
        path, value = request
        pattern = ctrules.pattern_dict(ev.event_name, service=svc)
        node = pattern.setdefault("detail", {})
        *heads, last = path.split(".")
        for head in heads:
            node = node.setdefault(head, {})
        node[last] = [value]
        if not matches(pattern, e):
            unmatched.append((ev.key, "; ".join(mismatches(pattern, e))))
        node[last] = ["not-" + str(value)]
        assert not matches(pattern, e), (ev.key, path)
    assert filled > 1000, filled
    assert not bad_paths, bad_paths[:10]
    assert not unmatched, unmatched[:10]


def test_create_account_result_status() -> None:
    status = sample_event("CreateAccountResult")["detail"]["serviceEventDetails"]["createAccountStatus"]
    assert re.fullmatch(r"\d{12}", status["accountId"])
    assert status["state"] == "SUCCEEDED"
    assert shapes.path_status("CreateAccountResult", "serviceEventDetails.createAccountStatus.state").ok


def test_put_role_policy_document_is_a_json_string() -> None:
    params = sample_event("PutRolePolicy")["detail"]["requestParameters"]
    assert params["roleName"] and params["policyName"]
    doc = params["policyDocument"]
    assert isinstance(doc, str)
    assert json.loads(doc)["Version"] == "2012-10-17"


def test_get_secret_value_secret_is_redacted() -> None:
    if shapes.path_status("GetSecretValue", "responseElements.secretString").status != shapes.REDACTED:
        pytest.skip("the shape does not record secretString as redacted")
    resp = sample_event("GetSecretValue")["detail"]["responseElements"]
    assert resp["secretString"] == HIDDEN
    assert resp["aRN"].startswith(f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:")


def test_run_instances_lists_have_items_form() -> None:
    d = sample_event("RunInstances")["detail"]
    for part in ("requestParameters", "responseElements"):
        items = d[part]["instancesSet"]["items"]
        assert isinstance(items, list) and len(items) == 1 and isinstance(items[0], dict)
    instance = d["responseElements"]["instancesSet"]["items"][0]
    assert re.fullmatch(r"i-0[0-9a-f]{16}", instance["instanceId"])
    assert instance["imageId"].startswith("ami-0")
    # one spelling per field: no alias of groupSet, no XML-root copy of the request
    assert "groupSetSet" not in d["responseElements"] and "groupSets" not in d["responseElements"]
    assert "RunInstancesRequest" not in d["requestParameters"]
    assert "RunInstancesResponse" not in d["responseElements"]
    assert "requestId" in d["responseElements"] and "requestID" not in d["responseElements"]
    put = sample_event("PutObject", service="s3")["detail"]["requestParameters"]
    assert put["Host"] == "amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com" and "host" not in put


def test_value_kinds_by_name() -> None:
    role = sample_event("CreateRole")["detail"]
    assert role["responseElements"]["role"]["arn"] == f"arn:aws:iam::{ACCOUNT}:role/example-role"
    assert role["responseElements"]["role"]["createDate"] == "2026-01-15T12:00:00Z"
    assert isinstance(json.loads(role["requestParameters"]["assumeRolePolicyDocument"]), dict)
    assert isinstance(role["requestParameters"]["maxSessionDuration"], int)
    assert sample_event("RunInstances")["detail"]["requestParameters"]["dryRun"] is False
    bucket = sample_event("PutBucketEncryption")["detail"]["requestParameters"]
    assert bucket["bucketName"] == "amzn-s3-demo-bucket"


def test_deterministic_and_capped() -> None:
    big = ["RunInstances", "CreateRole", "CreateDBInstance", "PutBucketEncryption", "CreateAccountResult"]
    for name in big:
        first = sample_event(name)
        assert first == sample_event(name)
        n = count(first["detail"])
        assert n <= _sample_fields.MAX_LEAVES, (name, n)
        for part in PARTS:
            assert depth_of(first["detail"].get(part)) <= _sample_fields.MAX_DEPTH, (name, part)
    # a big shape fills up to the cap
    run = sample_event("RunInstances")["detail"]
    assert count(run) >= _sample_fields.MAX_LEAVES - 5


def test_overrides_win_over_generated_fields() -> None:
    e = sample_event("PutRolePolicy", requestParameters={"roleName": "prod-admin"}, responseElements={"x": 1})
    params = e["detail"]["requestParameters"]
    assert params["roleName"] == "prod-admin"
    assert params["policyName"] == "example-policy"  # the rest stays
    assert e["detail"]["responseElements"] == {"x": 1}
    assert sample_event("PutRolePolicy")["detail"]["requestParameters"]["roleName"] == "example-role"


def test_events_without_shape_keep_the_old_record() -> None:
    ev = next(
        (
            e
            for e in catalog.all_events()
            if e.event_types[0] == "AwsApiCall" and not getattr(shapes.fields_of(e), "parts_known", False)
        ),
        None,
    )
    if ev is None:
        pytest.skip("every API call of the catalog has a known record shape")
    d = sample_event(ev.event_name, service=service_of(ev))["detail"]
    assert d.get("requestParameters") is None and d.get("responseElements") is None


def test_import_does_not_load_shapes() -> None:
    code = (
        "import sys, ctrules.testing\n"
        "from ctrules.catalog import shapes\n"
        "assert shapes._DATA is None and 'ctrules._sample_fields' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sign_in_defaults_stay_where_the_shape_has_them() -> None:
    login = sample_event("ConsoleLogin")["detail"]
    assert login["responseElements"] == {"ConsoleLogin": "Success"}
    assert login["additionalEventData"]["MFAUsed"] == "Yes"
    other = next(
        (
            e
            for e in catalog.all_events()
            if e.event_types[0] == "AwsConsoleSignIn"
            and not shapes.path_status(e, "additionalEventData.LoginTo").ok
            and isinstance(sample_event(e.event_name, service=service_of(e))["detail"]["additionalEventData"], dict)
        ),
        None,
    )
    if other is None:
        pytest.skip("every sign-in event's records carry additionalEventData.LoginTo")
    assert "LoginTo" not in sample_event(other.event_name, service=service_of(other))["detail"]["additionalEventData"]
