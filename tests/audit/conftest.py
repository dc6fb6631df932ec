"""A real local AWS endpoint for the audit tests: moto's server on 127.0.0.1 (a free port), reached by boto3 through
``AWS_ENDPOINT_URL``, reset before each test."""

from __future__ import annotations

import json
import logging
import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("boto3")
server_mod = pytest.importorskip("moto.server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = _free_port()
    server = server_mod.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def aws(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh (reset) endpoint, and an environment whose boto3 reaches it with dummy credentials."""
    request = urllib.request.Request(f"{moto_endpoint}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=30):
        pass
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/ctrules-test-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/ctrules-test-credentials")
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    return moto_endpoint


def client(service: str, region: str = "us-east-1") -> Any:
    import boto3

    return boto3.client(service, region_name=region)


def put_rule(
    name: str,
    pattern: dict[str, Any],
    *,
    region: str = "us-east-1",
    state: str = "ENABLED",
    bus: str = "default",
    targets: list[dict[str, Any]] | None = None,
    tags: dict[str, str] | None = None,
) -> str:
    """Deploy a rule (with one SQS target unless ``targets`` says otherwise); returns its ARN."""
    events = client("events", region)
    kwargs: dict[str, Any] = {"Name": name, "EventPattern": json.dumps(pattern), "State": state, "EventBusName": bus}
    if tags:
        kwargs["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    arn = str(events.put_rule(**kwargs)["RuleArn"])
    if targets is None:
        targets = [{"Id": "queue", "Arn": f"arn:aws:sqs:{region}:123456789012:audit-queue"}]
    if targets:
        events.put_targets(Rule=name, EventBusName=bus, Targets=targets)
    return arn


def make_trail(
    name: str,
    *,
    region: str = "us-east-1",
    multi_region: bool = False,
    data_types: list[str] | None = None,
    logging_on: bool = True,
) -> str:
    """Create a trail (and its bucket), optionally with advanced data event selectors; returns its ARN."""
    bucket = f"ctrules-{name}-{region}".lower()
    s3 = client("s3", region)
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    ct = client("cloudtrail", region)
    arn = str(ct.create_trail(Name=name, S3BucketName=bucket, IsMultiRegionTrail=multi_region)["TrailARN"])
    if data_types:
        ct.put_event_selectors(
            TrailName=name,
            AdvancedEventSelectors=[
                {
                    "Name": "data",
                    "FieldSelectors": [
                        {"Field": "eventCategory", "Equals": ["Data"]},
                        {"Field": "resources.type", "Equals": data_types},
                    ],
                }
            ],
        )
    if logging_on:
        ct.start_logging(Name=name)
    return arn
