"""The AWS Config custom rule's handler on recorded-shape invocation events: verdicts per item, ``PutEvaluations``
sent to moto's server (botocore validates the request), and the oversized-item path through
``GetResourceConfigHistory``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.audit.config_rule import MAX_ANNOTATION, evaluate_item, handle

EVENTS = Path(__file__).parent / "data" / "config_events"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return data


def item_of(name: str) -> dict[str, Any]:
    item: dict[str, Any] = json.loads(load(name)["invokingEvent"])["configurationItem"]
    return item


@pytest.mark.parametrize(
    ("name", "compliance", "starts"),
    [
        ("iam-rule-in-eu-west-1.json", "NON_COMPLIANT", "CTR005 $.detail.eventName[0]: eventName 'CreateUser'"),
        ("iam-rule-in-us-east-1.json", "COMPLIANT", ""),
        ("acknowledged-forwarded.json", "COMPLIANT", ""),
        ("s3-data-event.json", "COMPLIANT", ""),  # trails are not read here: CTR006 stays a warning
        ("deleted.json", "NOT_APPLICABLE", ""),
        ("schedule.json", "NOT_APPLICABLE", "a schedule-only rule"),
    ],
)
def test_verdict_per_item(name: str, compliance: str, starts: str) -> None:
    result = evaluate_item(item_of(name))
    assert result.compliance == compliance
    assert result.annotation.startswith(starts) and len(result.annotation) <= MAX_ANNOTATION
    assert result.resource_type == "AWS::Events::Rule" and result.ordering_timestamp == "2026-11-30T10:15:42.118Z"


def test_strict_parameter_fails_warnings_too() -> None:
    assert evaluate_item(item_of("s3-data-event.json"), strict=True).compliance == "NON_COMPLIANT"
    assert evaluate_item(item_of("s3-data-event.json"), strict=True).annotation.startswith("CTR006")


def test_an_acknowledgement_tag_without_reason_is_non_compliant() -> None:
    item = item_of("iam-rule-in-us-east-1.json")
    item["tags"] = {"ctrules:acknowledge": "CTR005"}
    result = evaluate_item(item)
    assert result.compliance == "NON_COMPLIANT" and "without a reason" in result.annotation


def _moto_config_client() -> tuple[Any, list[dict[str, Any]]]:
    import boto3

    sent: list[dict[str, Any]] = []
    config = boto3.client("config", region_name="eu-west-1")

    def record(params: dict[str, Any], model: Any, **_: Any) -> None:
        if model.name == "PutEvaluations":
            sent.append(dict(params))
            # moto implements PutEvaluations only in TestMode ("PutEvaluations without TestMode is not yet
            # implemented"); the request is otherwise the handler's, validated by botocore and answered by moto.
            params["TestMode"] = True

    config.meta.events.register("provide-client-params.config.PutEvaluations", record)
    return config, sent


def test_handler_reports_to_config_through_put_evaluations(aws: str) -> None:
    config, sent = _moto_config_client()
    result = handle(load("iam-rule-in-eu-west-1.json"), config)
    assert result.compliance == "NON_COMPLIANT"
    (params,) = sent
    (evaluation,) = params["Evaluations"]
    assert params["ResultToken"] == load("iam-rule-in-eu-west-1.json")["resultToken"]
    assert evaluation["ComplianceResourceType"] == "AWS::Events::Rule"
    assert evaluation["ComplianceResourceId"] == "iam-watch" and evaluation["ComplianceType"] == "NON_COMPLIANT"
    assert evaluation["Annotation"].startswith("CTR005")


def test_event_left_scope_is_not_applicable(aws: str) -> None:
    config, sent = _moto_config_client()
    event = load("iam-rule-in-eu-west-1.json")
    event["eventLeftScope"] = True
    assert handle(event, config).compliance == "NOT_APPLICABLE"
    assert sent[0]["Evaluations"][0]["ComplianceType"] == "NOT_APPLICABLE"


def test_oversized_item_is_read_from_the_configuration_history() -> None:
    full = item_of("iam-rule-in-eu-west-1.json")

    class Config:
        def __init__(self) -> None:
            self.asked: list[dict[str, Any]] = []
            self.sent: list[dict[str, Any]] = []

        def get_resource_config_history(self, **kwargs: Any) -> dict[str, Any]:
            self.asked.append(kwargs)
            # The API gives the item with accountId/arn and the configuration as a JSON string.
            history = {k: v for k, v in full.items() if k not in ("awsAccountId", "ARN", "configuration")}
            history.update(accountId=full["awsAccountId"], arn=full["ARN"], configuration=json.dumps(full["configuration"]))
            return {"configurationItems": [history]}

        def put_evaluations(self, **kwargs: Any) -> dict[str, Any]:
            self.sent.append(kwargs)
            return {"FailedEvaluations": []}

    config = Config()
    result = handle(load("oversized.json"), config)
    assert config.asked == [{"resourceType": "AWS::Events::Rule", "resourceId": "big-rule", "limit": 1}]
    assert result.compliance == "NON_COMPLIANT" and result.annotation.startswith("CTR005")


def test_the_example_lambda_entry_point(aws: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from examples.config_rule import handler

    config, sent = _moto_config_client()
    monkeypatch.setattr(handler, "_CLIENT", config)
    monkeypatch.setattr(handler, "_TRAILS", {})
    assert handler.handler(load("iam-rule-in-us-east-1.json"), None) == {"compliance": "COMPLIANT", "annotation": ""}
    assert sent[0]["Evaluations"][0]["ComplianceType"] == "COMPLIANT"


@pytest.mark.parametrize(
    ("trail_region", "read", "compliance"),
    [(None, "true", "NON_COMPLIANT"), ("eu-west-1", "true", "COMPLIANT"), (None, "false", "COMPLIANT")],
    ids=["no-trail", "trail-logs-s3", "trails-not-read"],
)
def test_the_example_lambda_reads_its_accounts_trails(
    aws: str, monkeypatch: pytest.MonkeyPatch, trail_region: str | None, read: str, compliance: str
) -> None:
    from examples.config_rule import handler
    from tests.audit.conftest import make_trail

    if trail_region:
        make_trail("data-trail", region=trail_region, data_types=["AWS::S3::Object"])
    config, _ = _moto_config_client()
    monkeypatch.setattr(handler, "_CLIENT", config)
    monkeypatch.setattr(handler, "_TRAILS", {})
    monkeypatch.setenv("CTRULES_READ_TRAILS", read)
    got = handler.handler(load("s3-data-event.json"), None)
    assert got["compliance"] == compliance
    if compliance == "NON_COMPLIANT":
        assert got["annotation"].startswith("CTR006 $.detail.eventName[0]: eventName 'PutObject'")
