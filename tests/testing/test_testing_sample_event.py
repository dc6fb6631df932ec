"""ctrules.testing.sample_event: realistic envelopes for any catalog event."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

import ctrules
from ctrules import catalog
from ctrules.errors import AmbiguousEventError, EventTypeMismatchError, UnknownEventError
from ctrules.testing import matches, sample_event

# facts.md: eventType -> detail-type (not ctrules' own table, which is under test).
FACTS = {
    "AwsApiCall": "AWS API Call via CloudTrail",
    "AwsServiceEvent": "AWS Service Event via CloudTrail",
    "AwsConsoleSignIn": "AWS Console Sign In via CloudTrail",
    "AwsConsoleAction": "AWS Console Action via CloudTrail",
    "AwsCloudTrailInsight": "AWS Insight via CloudTrail",
    "AwsVpceEvent": "AWS Network Activity Event via CloudTrail",
}
ENVELOPE_KEYS = ["account", "detail", "detail-type", "id", "region", "resources", "source", "time", "version"]
RECORD_KEYS = {
    "eventVersion",
    "eventTime",
    "eventSource",
    "eventName",
    "awsRegion",
    "eventID",
    "eventType",
    "recipientAccountId",
    "eventCategory",
    "userIdentity",
}


def first(pred: Any) -> catalog.CatalogEvent:
    for ev in catalog.all_events():
        if pred(ev) and len(catalog.lookup(ev.event_name)) == 1:
            return ev
    pytest.skip("no such catalog entry")


def test_service_event_envelope() -> None:
    e = sample_event("CreateAccountResult")
    assert sorted(e) == ENVELOPE_KEYS
    assert e["version"] == "0"
    assert e["detail-type"] == "AWS Service Event via CloudTrail"
    assert e["source"] == "aws.organizations"
    assert e["region"] == "us-east-1"
    assert e["resources"] == []
    assert e["account"] == e["detail"]["recipientAccountId"]
    d = e["detail"]
    assert set(d) >= RECORD_KEYS
    assert d["eventSource"] == "organizations.amazonaws.com"
    assert d["eventName"] == "CreateAccountResult"
    assert d["eventType"] == "AwsServiceEvent"
    assert d["awsRegion"] == "us-east-1"
    assert d["readOnly"] is False
    assert d["managementEvent"] is True
    assert d["eventCategory"] == "Management"
    assert "invokedBy" in d["userIdentity"]
    assert "serviceEventDetails" in d
    json.dumps(e)  # JSON-ready


def test_api_call_envelope() -> None:
    ev = first(lambda e: e.event_types == ("AwsApiCall",) and e.read_only is not None and not e.is_global)
    e = sample_event(ev.event_name)
    assert e["detail-type"] == FACTS["AwsApiCall"]
    assert e["source"] == ev.source
    d = e["detail"]
    assert d["eventType"] == "AwsApiCall"
    assert d["readOnly"] is ev.read_only
    assert d["userIdentity"]["type"] == "AssumedRole"
    assert "requestID" in d


def test_global_event_uses_its_home_region() -> None:
    ev = first(lambda e: e.home_region is not None and e.home_region != "us-east-1")
    e = sample_event(ev.event_name)
    assert e["region"] == e["detail"]["awsRegion"] == ev.home_region


def test_event_type_chooses_the_shape() -> None:
    kms = catalog.get("Decrypt", service="kms")
    if len(kms.event_types) < 2:
        pytest.skip("the catalog records kms Decrypt with one eventType only")
    default = sample_event("Decrypt", service="kms")
    assert default["detail"]["eventType"] == kms.event_types[0]
    for t in kms.event_types:
        e = sample_event("Decrypt", service="kms", event_type=t)
        assert e["detail-type"] == FACTS[t]
        assert e["detail"]["eventType"] == t


def test_insight_shape() -> None:
    ev = first(lambda e: e.insights)
    e = sample_event(ev.event_name, event_type="AwsCloudTrailInsight")
    assert e["detail-type"] == FACTS["AwsCloudTrailInsight"]
    d = e["detail"]
    assert "eventName" not in d and "eventSource" not in d
    assert d["eventType"] == "AwsCloudTrailInsight"
    assert d["eventCategory"] == "Insight"
    assert d["insightDetails"]["eventName"] == ev.event_name
    assert d["insightDetails"]["eventSource"] == ev.event_source
    assert d["insightDetails"]["insightType"] in ("ApiCallRateInsight", "ApiErrorRateInsight")


def test_network_activity_shape() -> None:
    ev = first(lambda e: e.network_activity)
    e = sample_event(ev.event_name, event_type="AwsVpceEvent")
    assert e["detail-type"] == FACTS["AwsVpceEvent"]
    assert e["source"] == ev.source
    d = e["detail"]
    assert d["eventType"] == "AwsVpceEvent"
    assert d["eventCategory"] == "NetworkActivity"
    assert d["vpcEndpointId"].startswith("vpce-")
    assert "readOnly" not in d and "managementEvent" not in d


def test_console_sign_in_shape() -> None:
    ev = first(lambda e: e.event_types[0] == "AwsConsoleSignIn")
    e = sample_event(ev.event_name)
    assert e["detail-type"] == "AWS Console Sign In via CloudTrail"
    assert e["source"] == "aws.signin"
    assert e["detail"]["userIdentity"]["type"] == "IAMUser"
    assert "additionalEventData" in e["detail"]


def test_detail_overrides_merge() -> None:
    e = sample_event(
        "CreateAccountResult",
        errorCode="AccessDenied",
        readOnly=True,
        userIdentity={"type": "Root"},
        serviceEventDetails={"createAccountStatus": {"state": "FAILED"}},
    )
    d = e["detail"]
    assert d["errorCode"] == "AccessDenied"
    assert d["readOnly"] is True
    assert d["userIdentity"] == {
        "accountId": e["account"],
        "invokedBy": "organizations.amazonaws.com",
        "type": "Root",
    }
    # nested dicts merge into the generated fields: the override wins, the other fields stay
    status = d["serviceEventDetails"]["createAccountStatus"]
    assert status["state"] == "FAILED"
    assert status["accountId"] == sample_event("CreateAccountResult")["detail"]["serviceEventDetails"][
        "createAccountStatus"
    ]["accountId"]
    # overrides do not leak into later events
    assert "errorCode" not in sample_event("CreateAccountResult")["detail"]


def test_deterministic() -> None:
    assert sample_event("CreateAccountResult") == sample_event("CreateAccountResult")
    assert (
        sample_event("CreateAccountResult")["id"]
        != sample_event("CreateAccount", service="organizations")["id"]
    )


def test_errors_are_the_catalogs() -> None:
    with pytest.raises(UnknownEventError):
        sample_event("CreateAccountResults")
    ambiguous = next(
        (e.event_name for e in catalog.all_events() if len(catalog.lookup(e.event_name)) > 1), None
    )
    assert ambiguous is not None
    with pytest.raises(AmbiguousEventError):
        sample_event(ambiguous)
    with pytest.raises(EventTypeMismatchError):
        sample_event("CreateAccountResult", event_type="AwsApiCall")


def test_every_sample_event_fires_its_own_pattern() -> None:
    """sample_event and pattern_dict agree, for a seeded sample of the whole catalog."""
    entries = list(catalog.all_events())
    sample = random.Random(7).sample(entries, min(500, len(entries)))
    sample += [e for e in entries if e.event_types != ("AwsApiCall",)]
    bad = []
    for ev in sample:
        svc = None if len(catalog.lookup(ev.event_name)) == 1 else ev.event_source
        for t in ctrules.patterns.types_of(ev):
            event = sample_event(ev.event_name, service=svc, event_type=t)
            assert event["detail-type"] == FACTS[t]
            if not matches(ctrules.pattern_dict(ev.event_name, service=svc, event_type=t), event):
                bad.append((ev.key, t))
    assert not bad, bad[:10]
