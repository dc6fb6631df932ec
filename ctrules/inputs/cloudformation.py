"""Reading CloudFormation and SAM templates: ``AWS::Events::Rule`` resources and SAM functions' events."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ctrules.inputs._model import TemplateRule, make_rule

__all__ = ["SAM_RESOURCE_TYPES", "SAM_RULE_EVENT_TYPES", "is_sam", "rules_in_template"]

#: SAM event types that create an EventBridge rule.
SAM_RULE_EVENT_TYPES = frozenset({"EventBridgeRule", "CloudWatchEvent"})
#: SAM resources whose ``Events`` can hold such events.
SAM_RESOURCE_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Serverless::StateMachine"})


def rules_in_template(template: Any) -> Iterator[TemplateRule]:
    """Every EventBridge rule with an event pattern in a CloudFormation or SAM template.

    ``AWS::Events::Rule`` resources with an ``EventPattern`` (object or JSON string), and the
    ``EventBridgeRule``/``CloudWatchEvent`` events of SAM functions and state machines (``Pattern``).
    Rules with a schedule only are left out. Never raises on any input.

    :param template: the parsed template (anything; a non-template yields nothing).
    """
    resources = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources, dict):
        return
    for key, res in resources.items():
        if not isinstance(res, dict):
            continue
        logical_id = str(key)
        rtype = res.get("Type")
        props = res.get("Properties")
        if not isinstance(props, dict):
            continue
        if rtype == "AWS::Events::Rule":
            if "EventPattern" not in props:
                continue
            metadata = res.get("Metadata")
            cdk_path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
            yield make_rule(
                logical_id,
                props["EventPattern"],
                props.get("State"),
                props.get("EventBusName"),
                name=logical_id,
                location=("Resources", logical_id, "Properties", "EventPattern"),
                anchors=("Resources", logical_id),
                kind="AWS::Events::Rule",
                cdk_path=cdk_path if isinstance(cdk_path, str) else None,
            )
        elif rtype in SAM_RESOURCE_TYPES:
            events = props.get("Events")
            if not isinstance(events, dict):
                continue
            for ev_key, event in events.items():
                if not isinstance(event, dict) or event.get("Type") not in SAM_RULE_EVENT_TYPES:
                    continue
                ev_props = event.get("Properties")
                if not isinstance(ev_props, dict) or "Pattern" not in ev_props:
                    continue
                state = ev_props.get("State")
                if state is None and isinstance(ev_props.get("Enabled"), bool):
                    state = "ENABLED" if ev_props["Enabled"] else "DISABLED"
                ev_name = str(ev_key)
                yield make_rule(
                    logical_id,
                    ev_props["Pattern"],
                    state,
                    ev_props.get("EventBusName"),
                    name=f"{logical_id}/{ev_name}",
                    location=(
                        "Resources",
                        logical_id,
                        "Properties",
                        "Events",
                        ev_name,
                        "Properties",
                        "Pattern",
                    ),
                    anchors=("Resources", logical_id, "Events", ev_name),
                    kind=str(rtype),
                )


def is_sam(template: Mapping[str, Any]) -> bool:
    """True when the template declares a SAM transform (``AWS::Serverless-2016-10-31``)."""
    transform = template.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return any(isinstance(n, str) and n.startswith("AWS::Serverless") for n in names)
