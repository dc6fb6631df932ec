"""Reading Serverless Framework ``serverless.yml``: functions' ``eventBridge`` and ``cloudwatchEvent`` events.

``events: - eventBridge: {pattern: ..., eventBus: ..., enabled: ...}`` (and the older
``cloudwatchEvent: {event: ..., enabled: ...}``); the region is ``provider.region`` when literal. A pattern
holding a Serverless variable (``${self:...}``, ``${opt:...}``...) is known only when the service is packaged:
it is counted, not checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ctrules.inputs._model import TemplateRule, json_path, make_rule

__all__ = ["is_serverless", "rules_in_serverless", "serverless_region"]

#: Event types of a function that create an EventBridge rule, and the key holding the pattern.
_EVENT_TYPES = {"eventBridge": "pattern", "cloudwatchEvent": "event"}


def is_serverless(doc: Any) -> bool:
    """True for a Serverless Framework service: ``service`` and ``provider`` (AWS) at the top."""
    if not isinstance(doc, dict) or "service" not in doc or "provider" not in doc:
        return False
    provider = doc["provider"]
    name = provider.get("name") if isinstance(provider, dict) else provider
    return name == "aws"


def serverless_region(doc: Mapping[str, Any]) -> str | None:
    """``provider.region`` when it is a plain region name (not a ``${...}`` variable)."""
    provider = doc.get("provider")
    region = provider.get("region") if isinstance(provider, dict) else None
    return region if isinstance(region, str) and region and "${" not in region else None


def _has_variable(value: Any) -> bool:
    if isinstance(value, str):
        return "${" in value
    if isinstance(value, dict):
        return any(_has_variable(k) or _has_variable(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_variable(v) for v in value)
    return False


def rules_in_serverless(doc: Mapping[str, Any]) -> list[TemplateRule]:
    """Every function event of the service that makes an EventBridge rule with a pattern."""
    region = serverless_region(doc)
    functions = doc.get("functions")
    out: list[TemplateRule] = []
    for fn_name, fn in functions.items() if isinstance(functions, dict) else ():
        events = fn.get("events") if isinstance(fn, dict) else None
        for i, event in enumerate(events if isinstance(events, list) else []):
            if not isinstance(event, dict) or len(event) != 1:
                continue
            ((etype, props),) = event.items()
            key = _EVENT_TYPES.get(str(etype))
            if key is None or not isinstance(props, dict) or props.get(key) is None:
                continue
            label = f"{fn_name}/events[{i}].{etype}"
            enabled = props.get("enabled")
            state: Any = None
            if isinstance(enabled, bool):
                state = "ENABLED" if enabled else "DISABLED"
            elif enabled is not None:
                state = {"variable": enabled}  # a ${...} value: known at deploy time
            bus = props.get("eventBus")
            if isinstance(bus, str) and "${" in bus:
                bus = {"variable": bus}
            rule = make_rule(
                label,
                props[key],
                state,
                bus,
                name=label,
                location=("functions", str(fn_name), "events", i, str(etype), key),
                anchors=("functions", str(fn_name), str(etype), key),
                kind="Serverless function event",
                region=region,
            )
            if rule.problem is None and _has_variable(rule.pattern):
                rule.pattern, rule.deploy_time = None, True
                rule.unknown = "a Serverless variable (${...}) resolved when the service is packaged"
            rule.targets, rule.targets_at = _input_paths(props), rule.location[:-1]
            out.append(rule)
    return out


def _input_paths(props: Mapping[str, Any]) -> tuple[tuple[str, str, str | None], ...]:
    """The event paths the function reads: ``inputPath`` and ``inputTransformer.inputPathsMap`` (CTR016).

    Evidence for the keys: github:serverless/serverless/docs/providers/aws/events/event-bridge.md at commit
    198637349b83289a261cf9b431dc2ef3db8e4f0f ("Using different input types").
    """
    out: list[tuple[str, str, str | None]] = []
    path = props.get("inputPath")
    if isinstance(path, str):
        out.append((path, "inputPath", None))
    transformer = props.get("inputTransformer")
    paths = transformer.get("inputPathsMap") if isinstance(transformer, dict) else None
    for name, value in paths.items() if isinstance(paths, dict) else ():
        if isinstance(name, str) and isinstance(value, str):
            out.append((value, json_path(("inputTransformer", "inputPathsMap", name))[2:], name))
    return tuple(out)
