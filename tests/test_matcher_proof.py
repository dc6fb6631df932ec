"""Proof that ctrules' patterns fire, judged by EventBridge matchers rather than by comparing patterns.

Comparing our pattern with the pattern we expect proves nothing. Here a matcher decides whether the
pattern of :func:`ctrules.pattern_dict` matches the envelope EventBridge delivers for each catalog event,
and that the same event under every other CloudTrail detail-type, a wrong source, a wrong eventSource or
a wrong eventName does not match. The judge is ``ctrules.eventpattern`` (checked against EventBridge's
engine aws/event-ruler on its reference cases, tests/eventpattern) and, where installed (the ``dev``
extra), LocalStack's independent matcher too: both must give the same answer.

The envelopes are built here, from the catalog's eventSource/eventName and the detail-type table of
``facts.md`` (not from ctrules' own ``DETAIL_TYPES`` or ``source`` fields, which are under test), and
not with :func:`ctrules.testing.sample_event` (tested in ``tests/testing``).

Known divergences of LocalStack from AWS (facts.md, tests/eventpattern/README.md): wildcard ``*`` needs one
character or more; booleans compare equal to numbers; no same-array-element check. ctrules' patterns use
none of these.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import ctrules
from ctrules import catalog
from ctrules.catalog import CatalogEvent
from ctrules.errors import EventTypeMismatchError
from ctrules.eventpattern.match import matches as ours

try:
    from localstack.utils import event_matcher as localstack_matcher
except ImportError:  # LocalStack is a dev-time cross-check only
    localstack_matcher = None

SEED = 20261123
API_SAMPLE = 2000
INSIGHT_SAMPLE = 300
NETWORK_SAMPLE = 300
PAIR_SAMPLE = 300
ACCOUNT = "111122223333"
SUFFIX = ".amazonaws.com"

API = "AwsApiCall"
SERVICE = "AwsServiceEvent"
SIGN_IN = "AwsConsoleSignIn"
ACTION = "AwsConsoleAction"
INSIGHT = "AwsCloudTrailInsight"
NETWORK = "AwsVpceEvent"

#: eventType -> detail-type, from /work/shared/facts.md (real envelopes for the first three; docs for
#: the rest). Deliberately not ctrules.catalog.DETAIL_TYPES: that table is under test.
FACTS_DETAIL_TYPES = {
    API: "AWS API Call via CloudTrail",
    SERVICE: "AWS Service Event via CloudTrail",
    SIGN_IN: "AWS Console Sign In via CloudTrail",
    ACTION: "AWS Console Action via CloudTrail",
    INSIGHT: "AWS Insight via CloudTrail",
    NETWORK: "AWS Network Activity Event via CloudTrail",  # docs only: facts.md gives no spelling
}
#: Spellings that real events never carry (facts.md): a pattern must not depend on them.
FALSE_DETAIL_TYPES = ("AWS Console Signin via CloudTrail", "Amazon API Call via CloudTrail")
WRONG_SOURCE = "aws.ctrules-no-such-service"


# ------------------------------------------------------------------------------------------- helpers


def fires(pattern: dict[str, Any], event: dict[str, Any]) -> bool:
    verdict = ours(pattern, event)
    if localstack_matcher is not None:
        assert bool(localstack_matcher.matches_event(json.dumps(pattern), json.dumps(event))) is verdict, (
            f"ctrules' matcher and LocalStack's disagree on {json.dumps(pattern)} / {json.dumps(event)}"
        )
    return verdict


def source_of(event_source: str) -> str:
    """facts.md: source is "aws." + the eventSource without ".amazonaws.com"."""
    return "aws." + (event_source[: -len(SUFFIX)] if event_source.endswith(SUFFIX) else event_source)


def envelope(
    event_source: str,
    event_name: str,
    event_type: str,
    *,
    read_only: bool | None = False,
    region: str = "us-east-1",
) -> dict[str, Any]:
    """The envelope EventBridge delivers for one CloudTrail record (shapes from real records)."""
    eid = str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{event_source}.{event_name}.{event_type}"))
    if event_type == INSIGHT:
        detail: dict[str, Any] = {
            "eventVersion": "1.08",
            "eventTime": "2026-01-02T03:04:00Z",
            "awsRegion": region,
            "eventID": eid,
            "eventType": INSIGHT,
            "recipientAccountId": ACCOUNT,
            "sharedEventID": eid,
            "insightDetails": {
                "state": "Start",
                "eventSource": event_source,
                "eventName": event_name,
                "insightType": "ApiCallRateInsight",
                "insightContext": {
                    "statistics": {
                        "baseline": {"average": 0.1},
                        "insight": {"average": 5.0},
                        "insightDuration": 1,
                    },
                    "attributions": [],
                },
            },
            "eventCategory": "Insight",
        }
        source = "aws.cloudtrail"
    else:
        service_side = event_type == SERVICE
        user = {
            "type": "IAMUser",
            "principalId": "AIDAEXAMPLE",
            "arn": f"arn:aws:iam::{ACCOUNT}:user/bob",
            "accountId": ACCOUNT,
            "userName": "bob",
        }
        detail = {
            "eventVersion": "1.10",
            "userIdentity": {"accountId": ACCOUNT, "invokedBy": "AWS Internal"} if service_side else user,
            "eventTime": "2026-01-02T03:04:05Z",
            "eventSource": event_source,
            "eventName": event_name,
            "awsRegion": region,
            "sourceIPAddress": "AWS Internal" if service_side else "192.0.2.10",
            "userAgent": "AWS Internal" if service_side else "aws-sdk-go-v2/1.30",
            "requestParameters": None,
            "responseElements": None,
            "eventID": eid,
            "readOnly": read_only,
            "eventType": event_type,
            "managementEvent": event_type != NETWORK,
            "recipientAccountId": ACCOUNT,
            "eventCategory": "NetworkActivity" if event_type == NETWORK else "Management",
        }
        if service_side:
            detail["serviceEventDetails"] = {}
        if event_type == NETWORK:
            detail.update(vpcEndpointId="vpce-0abc", vpcEndpointAccountId=ACCOUNT)
            del detail["readOnly"], detail["managementEvent"]
        source = source_of(event_source)
    return {
        "version": "0",
        "id": eid,
        "detail-type": FACTS_DETAIL_TYPES[event_type],
        "source": source,
        "account": ACCOUNT,
        "time": "2026-01-02T03:04:06Z",
        "region": region,
        "resources": [],
        "detail": detail,
    }


def of(ev: CatalogEvent, event_type: str) -> dict[str, Any]:
    return envelope(
        ev.event_source,
        ev.event_name,
        event_type,
        read_only=ev.read_only,
        region=ev.home_region or "us-east-1",
    )


def changed(event: dict[str, Any], **top: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(event))
    out.update(top)
    return out


def changed_detail(event: dict[str, Any], *path: str, value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(event))
    node = out["detail"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


_FORMS: Iterator[int] = iter(range(10**9))


def service_arg(ev: CatalogEvent) -> str | None:
    """None for a name only one service logs; otherwise one of the accepted forms, in turn."""
    if len(catalog.lookup(ev.event_name)) == 1:
        return None
    forms = [ev.source, ev.event_source]
    # The botocore name stands for the service's main eventSource; a second one (RDS Data API's
    # rdsdata next to rdsdataapi) is reached by its source or eventSource only.
    if ev.service and catalog.event_source_for(ev.service) == ev.event_source:
        forms.insert(0, ev.service)
    short = ev.event_source[: -len(SUFFIX)]
    # The short form is also accepted, unless it is a botocore name of another eventSource: "sso" is the
    # botocore service of another eventSource than sso.amazonaws.com, and the botocore name wins.
    if catalog.event_source_for(short) == ev.event_source:
        forms.append(short)
    return forms[next(_FORMS) % len(forms)]


def other_event_source(ev: CatalogEvent) -> str:
    return "ec2.amazonaws.com" if ev.event_source != "ec2.amazonaws.com" else "s3.amazonaws.com"


class Failures:
    """Collects every failure of a family, reported at once (first 25)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.checked = 0

    def expect(self, pattern: dict[str, Any], event: dict[str, Any], want: bool, what: str) -> None:
        self.checked += 1
        if fires(pattern, event) != want:
            verb = "does not match" if want else "matches"
            name = json.dumps(event["detail"].get("eventName"))
            got = f"{event['source']} {event['detail-type']!r} {name}"
            self.items.append(f"{what}: pattern {json.dumps(pattern)} {verb} {got}")

    def check(self) -> None:
        assert not self.items, f"{len(self.items)} of {self.checked} checks failed:\n" + "\n".join(
            self.items[:25]
        )


def prove(ev: CatalogEvent, f: Failures) -> None:
    """The catalog entry's pattern fires for each of its eventTypes and for nothing else."""
    svc = service_arg(ev)
    label = f"{ev.event_source} {ev.event_name} (service={svc!r})"
    broad = ctrules.pattern_dict(ev.event_name, service=svc)
    own = {FACTS_DETAIL_TYPES[t] for t in ev.event_types}
    for t in ev.event_types:
        event = of(ev, t)
        narrow = ctrules.pattern_dict(ev.event_name, service=svc, event_type=t)
        f.expect(broad, event, True, f"{label} as {t}")
        f.expect(narrow, event, True, f"{label} as {t}, event_type={t}")
        for t2 in ev.event_types:
            if t2 != t:
                f.expect(narrow, of(ev, t2), False, f"{label}: event_type={t} pattern on a {t2} event")
        for dt in (*FACTS_DETAIL_TYPES.values(), *FALSE_DETAIL_TYPES):
            if dt not in own:
                f.expect(broad, changed(event, **{"detail-type": dt}), False, f"{label} under {dt!r}")
                f.expect(narrow, changed(event, **{"detail-type": dt}), False, f"{label} ({t}) under {dt!r}")
        for wrong in (WRONG_SOURCE, ev.event_source):
            f.expect(broad, changed(event, source=wrong), False, f"{label} with source {wrong!r}")
        f.expect(
            broad,
            changed_detail(event, "eventSource", value=other_event_source(ev)),
            False,
            f"{label} with another eventSource",
        )
        f.expect(
            broad,
            changed_detail(event, "eventName", value=ev.event_name + "Z"),
            False,
            f"{label} with another eventName",
        )


# -------------------------------------------------------------------------------------- the families

ALL: list[CatalogEvent] = list(catalog.all_events())
NON_API = [e for e in ALL if e.event_types != (API,)]
API_ONLY = [e for e in ALL if e.event_types == (API,)]

FAMILIES: dict[str, Callable[[CatalogEvent], bool]] = {
    "service-events": lambda e: e.event_types == (SERVICE,),
    "console-sign-in": lambda e: e.event_types == (SIGN_IN,),
    "console-actions": lambda e: e.event_types == (ACTION,),
    "several-event-types": lambda e: len(e.event_types) > 1,
}


@pytest.mark.skipif(localstack_matcher is None, reason="LocalStack is a dev-time cross-check")
def test_matcher_is_quiet() -> None:
    """LocalStack's matcher imports and answers without printing anything (fresh process)."""
    code = (
        "from localstack.utils.event_matcher import matches_event\n"
        'print(matches_event(\'{"source": ["aws.kms"]}\', \'{"source": "aws.kms"}\'))\n'
    )
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout.splitlines() == ["True"]


def test_every_non_api_entry_is_in_a_family() -> None:
    orphans = [e.key for e in NON_API if not any(pred(e) for pred in FAMILIES.values())]
    assert not orphans, f"catalog entries no proof family covers: {orphans[:10]}"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_non_api_family_fires(family: str) -> None:
    entries = [e for e in NON_API if FAMILIES[family](e)]
    if not entries:
        pytest.skip(f"the catalog has no {family} entries")
    f = Failures()
    for ev in entries:
        prove(ev, f)
    f.check()


@pytest.mark.slow
def test_api_sample_fires() -> None:
    sample = random.Random(SEED).sample(API_ONLY, min(API_SAMPLE, len(API_ONLY)))
    assert len(sample) >= min(API_SAMPLE, len(API_ONLY))
    f = Failures()
    for ev in sample:
        prove(ev, f)
    f.check()
    assert f.checked >= 10 * len(sample)


def test_insights_sample_fires() -> None:
    """InsightRule's pattern: the API sits in detail.insightDetails; no source filter (on purpose)."""
    with_insights = [e for e in ALL if e.insights and API in e.event_types]
    if not with_insights:
        pytest.skip("the catalog marks no event as reported by CloudTrail Insights")
    sample = random.Random(SEED + 1).sample(with_insights, min(INSIGHT_SAMPLE, len(with_insights)))
    f = Failures()
    for ev in sample:
        svc = service_arg(ev)
        label = f"{ev.event_source} {ev.event_name} Insight"
        pattern = ctrules.pattern_dict(ev.event_name, service=svc, event_type=INSIGHT)
        event = of(ev, INSIGHT)
        f.expect(pattern, event, True, label)
        f.expect(pattern, of(ev, API), False, f"{label}: the API call itself")
        for dt in FACTS_DETAIL_TYPES.values():
            if dt != FACTS_DETAIL_TYPES[INSIGHT]:
                f.expect(pattern, changed(event, **{"detail-type": dt}), False, f"{label} under {dt!r}")
        elsewhere = changed_detail(event, "insightDetails", "eventSource", value=other_event_source(ev))
        f.expect(pattern, elsewhere, False, f"{label} about another service")
        other_api = changed_detail(event, "insightDetails", "eventName", value=ev.event_name + "Z")
        f.expect(pattern, other_api, False, f"{label} about another API")
    f.check()


def test_insight_pattern_refused_for_events_insights_never_report() -> None:
    never = [e for e in ALL if not e.insights and len(catalog.lookup(e.event_name)) == 1]
    for ev in random.Random(SEED + 2).sample(never, min(50, len(never))):
        with pytest.raises(EventTypeMismatchError):
            ctrules.pattern_dict(ev.event_name, event_type=INSIGHT)


def test_network_activity_sample_fires() -> None:
    network = [e for e in ALL if e.network_activity]
    if not network:
        pytest.skip("the catalog has no event source that logs network activity")
    sample = random.Random(SEED + 3).sample(network, min(NETWORK_SAMPLE, len(network)))
    f = Failures()
    for ev in sample:
        svc = service_arg(ev)
        label = f"{ev.event_source} {ev.event_name} network activity"
        pattern = ctrules.pattern_dict(ev.event_name, service=svc, event_type=NETWORK)
        event = of(ev, NETWORK)
        f.expect(pattern, event, True, label)
        for t in ev.event_types:
            f.expect(pattern, of(ev, t), False, f"{label}: the {t} event")
        for dt in FACTS_DETAIL_TYPES.values():
            if dt != FACTS_DETAIL_TYPES[NETWORK]:
                f.expect(pattern, changed(event, **{"detail-type": dt}), False, f"{label} under {dt!r}")
        f.expect(pattern, changed(event, source=WRONG_SOURCE), False, f"{label} with a wrong source")
    f.check()


def test_names_of_several_services_fire_only_for_their_own_service() -> None:
    """A list spanning services is grouped by eventSource: no name fires for a service not asked for."""
    unique = [e for e in API_ONLY if len(catalog.lookup(e.event_name)) == 1]
    rng = random.Random(SEED + 4)
    known = {e.key for e in ALL}
    f = Failures()
    pairs = 0
    while pairs < min(PAIR_SAMPLE, len(unique) // 2):
        a, b = rng.sample(unique, 2)
        if a.event_source == b.event_source:
            continue
        pairs += 1
        pattern = ctrules.pattern_dict([a.event_name, b.event_name])
        f.expect(pattern, of(a, API), True, f"[{a.event_name}, {b.event_name}] on {a.event_name}")
        f.expect(pattern, of(b, API), True, f"[{a.event_name}, {b.event_name}] on {b.event_name}")
        if (b.event_source, a.event_name) not in known:
            cross = envelope(b.event_source, a.event_name, API)
            f.expect(
                pattern, cross, False, f"[{a.event_name}, {b.event_name}] on {a.event_name} from {b.source}"
            )
    f.check()


# ------------------------------------------------------------------------------- the seed scenario

#: A CreateAccountResult envelope shaped like real ones (organizations' CloudTrail docs, EventBridge).
REAL_CREATE_ACCOUNT_RESULT: dict[str, Any] = {
    "version": "0",
    "id": "0b8a7e1c-5f3d-4e2a-9c61-7d2f9e4b1a30",
    "detail-type": "AWS Service Event via CloudTrail",
    "source": "aws.organizations",
    "account": ACCOUNT,
    "time": "2026-03-02T09:15:31Z",
    "region": "us-east-1",
    "resources": [],
    "detail": {
        "eventVersion": "1.08",
        "userIdentity": {"accountId": ACCOUNT, "invokedBy": "AWS Internal"},
        "eventTime": "2026-03-02T09:15:27Z",
        "eventSource": "organizations.amazonaws.com",
        "eventName": "CreateAccountResult",
        "awsRegion": "us-east-1",
        "sourceIPAddress": "AWS Internal",
        "userAgent": "AWS Internal",
        "requestParameters": None,
        "responseElements": None,
        "eventID": "5d3c1a7e-2b4f-4c8d-a1e6-0f9b8c7d6e5a",
        "readOnly": False,
        "eventType": "AwsServiceEvent",
        "managementEvent": True,
        "recipientAccountId": ACCOUNT,
        "serviceEventDetails": {
            "createAccountStatus": {
                "id": "car-0123456789abcdef0123456789abcdef",
                "state": "SUCCEEDED",
                "accountName": "****",
                "accountId": "444455556666",
                "requestedTimestamp": "Mar 2, 2026 9:15:24 AM",
                "completedTimestamp": "Mar 2, 2026 9:15:27 AM",
            }
        },
        "eventCategory": "Management",
    },
}

HAND_WRITTEN = {
    "source": ["aws.organizations"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventName": ["CreateAccountResult"]},
}


@pytest.fixture(scope="session")  # not per module: the slow test that uses it runs first, apart from the others
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An example-like stack, synthesized: an SQS queue told about every new account."""
    import aws_cdk as cdk
    from aws_cdk import aws_events_targets as targets
    from aws_cdk import aws_sqs as sqs

    app = cdk.App(outdir=str(tmp_path_factory.mktemp("cdk.out")), analytics_reporting=False)
    stack = cdk.Stack(
        app,
        "ProofStack",
        env=cdk.Environment(account="123456789012", region="us-east-1"),
        synthesizer=cdk.DefaultStackSynthesizer(generate_bootstrap_version_rule=False),
    )
    queue = sqs.Queue(stack, "NewAccounts")
    ctrules.ServiceEventRule(stack, "NewAccount", "CreateAccountResult", targets=[targets.SqsQueue(queue)])
    template: dict[str, Any] = app.synth().get_stack_by_name("ProofStack").template
    return template


def rule_pattern(template: dict[str, Any]) -> dict[str, Any]:
    (rule,) = [r for r in template["Resources"].values() if r["Type"] == "AWS::Events::Rule"]
    pattern: dict[str, Any] = rule["Properties"]["EventPattern"]
    return pattern


def test_seed_hand_written_pattern_never_fires() -> None:
    assert not fires(HAND_WRITTEN, REAL_CREATE_ACCOUNT_RESULT)
    from ctrules.testing import mismatches

    assert mismatches(HAND_WRITTEN, REAL_CREATE_ACCOUNT_RESULT) == [
        "pattern field 'detail-type' ['AWS API Call via CloudTrail'] does not match event value "
        "'AWS Service Event via CloudTrail'"
    ]


def test_seed_typed_rule_fires(seed_template: dict[str, Any]) -> None:
    pattern = rule_pattern(seed_template)
    assert fires(pattern, REAL_CREATE_ACCOUNT_RESULT)
    api_call = changed(REAL_CREATE_ACCOUNT_RESULT, **{"detail-type": "AWS API Call via CloudTrail"})
    assert not fires(pattern, api_call)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Tried to parse AWS.+SQS.+QueuePolicy")
def test_end_to_end_with_moto(seed_template: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Deploy the synthesized template to moto, put the real-shaped event, receive it on SQS."""
    boto3 = pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(key, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    types = sorted({r["Type"] for r in seed_template["Resources"].values()})
    assert types == ["AWS::Events::Rule", "AWS::SQS::Queue", "AWS::SQS::QueuePolicy"]
    with moto.mock_aws():
        cfn = boto3.client("cloudformation", region_name="us-east-1")
        cfn.create_stack(StackName="proof", TemplateBody=json.dumps(seed_template))
        assert cfn.describe_stacks(StackName="proof")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
        sqs = boto3.client("sqs", region_name="us-east-1")
        (url,) = sqs.list_queues()["QueueUrls"]
        bus = boto3.client("events", region_name="us-east-1")

        def put(event: dict[str, Any]) -> None:
            entry = {
                "Source": event["source"],
                "DetailType": event["detail-type"],
                "Detail": json.dumps(event["detail"]),
            }
            assert bus.put_events(Entries=[entry])["FailedEntryCount"] == 0

        # The hand-written rule's idea of the event (an API call) must not be delivered; the real one must.
        put(changed(REAL_CREATE_ACCOUNT_RESULT, **{"detail-type": "AWS API Call via CloudTrail"}))
        put(REAL_CREATE_ACCOUNT_RESULT)
        messages: list[dict[str, Any]] = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(messages) < 2:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
            messages += got.get("Messages", [])
            if not got.get("Messages"):
                break
        assert len(messages) == 1, messages
        body = json.loads(messages[0]["Body"])
        assert body["detail-type"] == "AWS Service Event via CloudTrail"
        assert body["source"] == "aws.organizations"
        assert body["detail"]["eventName"] == "CreateAccountResult"
        assert body["detail"]["serviceEventDetails"]["createAccountStatus"]["state"] == "SUCCEEDED"
