"""The audit's verdict for one AWS Config configuration item of an ``AWS::Events::Rule`` (a custom rule's handler).

AWS Config invokes the custom rule's Lambda with an event whose ``invokingEvent`` is a JSON string holding a
``configurationItem`` (``ConfigurationItemChangeNotification``) or, for an item too large to send, a
``configurationItemSummary`` (``OversizedConfigurationItemChangeNotification``), whose item the handler reads with
``GetResourceConfigHistory``; the result goes back with ``PutEvaluations`` and the event's ``resultToken`` (AWS Config
developer guide, "Example Events for AWS Config Rules",
https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html, mirrored
in awsdocs/aws-config-developer-guide doc_source/evaluate-config_develop-rules_example-events.md @ 1df7a420). The
item's ``configuration`` holds the rule as CloudFormation describes it (``Name``, ``Arn``, ``EventPattern``,
``State``, ``EventBusName``, ``Targets`` with ``InputPath``...: awslabs/aws-config-resource-schema
config/properties/resource-types/AWS::Events::Rule.properties.json @ 51a71f8c); the pattern may be an object or a JSON
string, and both are read.

The item is checked by :func:`ctrules.audit.evaluate.evaluate`, as ``ctrules audit`` checks a rule it lists: the
region is the item's ``awsRegion``, the State and targets its own, acknowledgements its ``ctrules:acknowledge`` tags.
Given a trail reader (the example Lambda reads the trails of its own account and region, read-only), data-event
coverage is known and CTR006 is an error when no trail logs the events; without one, CTR006 stays a warning. An
unacknowledged error makes the rule ``NON_COMPLIANT`` (with ``{"strict": "true"}`` as rule parameters, a warning
too); the annotation names the findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ctrules.audit.collect import DeployedRule, RegionInventory
from ctrules.audit.evaluate import evaluate

__all__ = ["RESOURCE_TYPE", "Evaluation", "TrailReader", "evaluate_item", "handle"]

RESOURCE_TYPE = "AWS::Events::Rule"
#: PutEvaluations takes at most 256 characters of annotation (AWS Config API reference, Evaluation).
MAX_ANNOTATION = 256
_GONE = {"ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded"}
#: Reads the trails that apply to an account and region into an inventory (``ctrules.audit.collect.collect_trails``).
TrailReader = Callable[[RegionInventory], None]


@dataclass(frozen=True)
class Evaluation:
    """One result for ``PutEvaluations``."""

    resource_type: str
    resource_id: str
    compliance: str
    annotation: str
    ordering_timestamp: str

    def as_api(self) -> dict[str, Any]:
        """The ``Evaluations`` entry as the API takes it."""
        out: dict[str, Any] = {
            "ComplianceResourceType": self.resource_type,
            "ComplianceResourceId": self.resource_id,
            "ComplianceType": self.compliance,
            "OrderingTimestamp": self.ordering_timestamp,
        }
        if self.annotation:
            out["Annotation"] = self.annotation
        return out


def _annotation(lines: list[str]) -> str:
    text = lines[0] if lines else ""
    if len(lines) > 1:
        text += f" (+{len(lines) - 1} more)"
    return text if len(text) <= MAX_ANNOTATION else text[: MAX_ANNOTATION - 1] + "\u2026"


def evaluate_item(
    item: Mapping[str, Any], *, strict: bool = False, read_trails: TrailReader | None = None
) -> Evaluation:
    """The compliance of one configuration item (``NOT_APPLICABLE`` for a deleted rule, another resource type, or a
    schedule-only rule).

    :param read_trails: reads the trails of the item's account and region (then CTR006 is decided); ``None``: the
        trails are unknown.
    """
    rtype = str(item.get("resourceType") or "")
    rid = str(item.get("resourceId") or "")
    when = str(item.get("configurationItemCaptureTime") or "") or _now()
    config = item.get("configuration")
    if isinstance(config, str):  # GetResourceConfigHistory gives the configuration as a JSON string
        try:
            config = json.loads(config)
        except ValueError:
            config = None
    if rtype != RESOURCE_TYPE or item.get("configurationItemStatus") in _GONE or not isinstance(config, Mapping):
        return Evaluation(rtype or RESOURCE_TYPE, rid, "NOT_APPLICABLE", "", when)
    pattern = config.get("EventPattern")
    if pattern is None or pattern == "":
        return Evaluation(rtype, rid, "NOT_APPLICABLE", "a schedule-only rule: no event pattern", when)
    region = str(item.get("awsRegion") or "")
    account = str(item.get("awsAccountId") or "")
    targets = config.get("Targets")
    tags = item.get("tags")
    rule = DeployedRule(
        account=account,
        region=region,
        arn=str(config.get("Arn") or item.get("ARN") or rid),
        name=str(config.get("Name") or item.get("resourceName") or rid),
        bus=str(config.get("EventBusName") or "default"),
        pattern=pattern if isinstance(pattern, str) else json.dumps(pattern),
        state=config.get("State") if isinstance(config.get("State"), str) else None,
        targets=[t for t in targets if isinstance(t, dict)] if isinstance(targets, list) else None,
        tags={str(k): str(v) for k, v in tags.items()} if isinstance(tags, Mapping) else {},
    )
    inv = RegionInventory(account, region, rules=[rule])
    if read_trails is None:
        inv.trails_error = "trails are not read by this Config rule"
    else:
        read_trails(inv)
    report = evaluate([inv], strict=strict)
    failing = [r for r in report.findings if r.finding.severity == "error" or strict]
    lines = [f"{r.finding.code} {r.finding.path}: {r.finding.message}" for r in failing]
    lines += [f"{p.message}" for p in report.problems]
    if lines:
        return Evaluation(rtype, rid, "NON_COMPLIANT", _annotation(lines), when)
    return Evaluation(rtype, rid, "COMPLIANT", "", when)


def _full_item(summary: Mapping[str, Any], history: Callable[..., Mapping[str, Any]]) -> Mapping[str, Any]:
    """The configuration item behind an oversized notification's summary (``GetResourceConfigHistory``, latest)."""
    got = history(resourceType=summary["resourceType"], resourceId=summary["resourceId"], limit=1)
    items = got.get("configurationItems") or []
    if not items:
        return summary
    item = dict(items[0])
    item.setdefault("awsAccountId", item.get("accountId"))
    item.setdefault("ARN", item.get("arn"))
    return item


def handle(event: Mapping[str, Any], config_client: Any, read_trails: TrailReader | None = None) -> Evaluation:
    """Evaluate the item of one AWS Config rule invocation and report it with ``PutEvaluations``.

    :param event: the Lambda event AWS Config sends.
    :param config_client: a boto3 ``config`` client.
    :param read_trails: see :func:`evaluate_item`.
    """
    invoking = json.loads(event["invokingEvent"])
    params = json.loads(event.get("ruleParameters") or "{}")
    strict = str(params.get("strict", "false")).lower() == "true"
    kind = invoking.get("messageType")
    if kind == "OversizedConfigurationItemChangeNotification":
        item = _full_item(invoking["configurationItemSummary"], config_client.get_resource_config_history)
    elif kind == "ConfigurationItemChangeNotification":
        item = invoking["configurationItem"]
    else:
        raise ValueError(f"this rule is triggered by configuration changes only, not {kind!r}")
    result = evaluate_item(item, strict=strict, read_trails=read_trails)
    if event.get("eventLeftScope"):
        result = Evaluation(result.resource_type, result.resource_id, "NOT_APPLICABLE", "", result.ordering_timestamp)
    config_client.put_evaluations(Evaluations=[result.as_api()], ResultToken=event["resultToken"])
    return result


def _now() -> str:
    import datetime

    return datetime.datetime.now(datetime.timezone.utc).isoformat()
