"""Reading Terraform plans and states as JSON (``terraform show -json``): their EventBridge rules and targets.

Each ``aws_cloudwatch_event_rule`` becomes a rule, with the ``input_path``/``input_transformer`` paths of the
``aws_cloudwatch_event_target`` resources that name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ctrules.inputs._model import TemplateRule, make_rule
from ctrules.inputs.terraform_targets import attach_plan_targets
from ctrules.inputs.trails import terraform_trail_sources

__all__ = ["TF_RULE_TYPE", "TF_TRAIL_TYPE", "is_terraform_json", "rules_in_terraform", "trails_in_terraform"]

#: The Terraform resource type of an EventBridge rule.
TF_RULE_TYPE = "aws_cloudwatch_event_rule"
#: The Terraform resource type of a CloudTrail trail.
TF_TRAIL_TYPE = "aws_cloudtrail"


def is_terraform_json(doc: Mapping[str, Any]) -> bool:
    """True when a JSON document is ``terraform show -json`` output (a plan or a state)."""
    tf_keys = ("planned_values", "values", "terraform_version")
    return "format_version" in doc and not doc.keys().isdisjoint(tf_keys)


def _tf_constant_region(expressions: Any, variables: Mapping[str, Any]) -> str | None:
    region = expressions.get("region") if isinstance(expressions, dict) else None
    if not isinstance(region, dict):
        return None
    value = region.get("constant_value")
    if isinstance(value, str) and value:
        return value
    refs = region.get("references")
    if isinstance(refs, list) and refs and isinstance(refs[0], str) and refs[0].startswith("var."):
        var = variables.get(refs[0][4:])
        value = var.get("value") if isinstance(var, dict) else None
        if isinstance(value, str) and value:
            return value
    return None


def _tf_provider_keys(module: Any, prefix: str, out: dict[str, str]) -> None:
    """Resource address -> provider_config_key, from a plan's ``configuration`` modules."""
    if not isinstance(module, dict):
        return
    for res in module.get("resources") or []:
        if isinstance(res, dict) and isinstance(res.get("address"), str):
            key = res.get("provider_config_key")
            if isinstance(key, str):
                out[prefix + res["address"]] = key
    calls = module.get("module_calls")
    if isinstance(calls, dict):
        for name, call in calls.items():
            if isinstance(call, dict):
                _tf_provider_keys(call.get("module"), f"{prefix}module.{name}.", out)


def _strip_indexes(address: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", address)


def rules_in_terraform(doc: Any) -> Iterator[TemplateRule]:
    """Every ``aws_cloudwatch_event_rule`` with an event pattern in ``terraform show -json`` output.

    Reads ``planned_values`` (a plan) or ``values`` (a state), root module and child modules. The region
    of a rule is its own ``region`` attribute (AWS provider 6), else its provider's constant ``region``
    (or a root variable's value) from ``configuration``; ``None`` when the plan does not say.

    :param doc: the parsed JSON (anything; a non-plan yields nothing).
    """
    if not isinstance(doc, dict):
        return
    config = doc.get("configuration")
    config = config if isinstance(config, dict) else {}
    variables = doc.get("variables")
    variables = variables if isinstance(variables, dict) else {}
    regions: dict[str, str | None] = {}  # provider_config_key -> region (None: not a constant)
    providers = config.get("provider_config")
    if isinstance(providers, dict):
        for key, provider in providers.items():
            if not isinstance(provider, dict) or provider.get("name") != "aws":
                continue
            root_vars = variables if ":" not in str(key) else {}
            regions[str(key)] = _tf_constant_region(provider.get("expressions"), root_vars)
    keys: dict[str, str] = {}
    _tf_provider_keys(config.get("root_module"), "", keys)
    default_region = regions.get("aws")
    known = {r for r in regions.values() if r is not None}
    if default_region is None and "aws" not in regions and len(known) == 1:
        default_region = next(iter(known))
    after_apply = _unknown_until_apply(doc.get("resource_changes"))
    for top in ("planned_values", "values"):
        section = doc.get(top)
        root = section.get("root_module") if isinstance(section, dict) else None
        if isinstance(root, dict):
            rules = list(_tf_module(root, (top, "root_module"), regions, keys, default_region, after_apply))
            attach_plan_targets(rules, doc)  # the paths its targets read from the events (CTR016)
            yield from rules
            return


def _unknown_until_apply(changes: Any) -> frozenset[str]:
    """Addresses of rules whose ``event_pattern`` the plan marks as known only after apply (``after_unknown``)."""
    out: set[str] = set()
    for change in changes if isinstance(changes, list) else []:
        if not isinstance(change, dict) or change.get("type") != TF_RULE_TYPE:
            continue
        detail = change.get("change")
        unknown = detail.get("after_unknown") if isinstance(detail, dict) else None
        if (
            isinstance(unknown, dict)
            and unknown.get("event_pattern") is True
            and isinstance(change.get("address"), str)
        ):
            out.add(change["address"])
    return frozenset(out)


def _tf_module(
    module: dict[str, Any],
    location: tuple[str | int, ...],
    regions: Mapping[str, str | None],
    keys: Mapping[str, str],
    default_region: str | None,
    after_apply: frozenset[str] = frozenset(),
) -> Iterator[TemplateRule]:
    resources = module.get("resources")
    for i, res in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(res, dict) or res.get("type") != TF_RULE_TYPE:
            continue
        if res.get("mode", "managed") != "managed":
            continue
        values = res.get("values")
        if not isinstance(values, dict):
            continue
        address = res.get("address")
        if not isinstance(address, str):
            address = f"{TF_RULE_TYPE}.{res.get('name', i)}"
        if values.get("event_pattern") in (None, ""):
            if address in after_apply:  # counted and reported as not checked, not silently left out
                yield TemplateRule(
                    logical_id=address,
                    pattern=None,
                    state=None,
                    default_bus=True,
                    name=address,
                    location=(*location, "resources", i, "values"),
                    deploy_time=True,
                    anchors=(f"address={address}",),
                    kind=TF_RULE_TYPE,
                    unknown="the plan says event_pattern is known only after terraform apply",
                )
            continue  # else a schedule-only rule
        state: Any = values.get("state")
        if not (isinstance(state, str) and state) and isinstance(values.get("is_enabled"), bool):
            state = "ENABLED" if values["is_enabled"] else "DISABLED"
        if state == "":
            state = None
        region = values.get("region")
        if not (isinstance(region, str) and region):
            key = keys.get(_strip_indexes(address))
            if key is not None and key in regions:
                region = regions[key]
            elif key is None or "." not in key.split(":")[-1]:  # the default (unaliased) provider
                region = default_region
            else:
                region = None
        yield make_rule(
            address,
            values["event_pattern"],
            state,
            values.get("event_bus_name"),
            name=address,
            location=(*location, "resources", i, "values", "event_pattern"),
            anchors=(f"address={address}",),
            kind=TF_RULE_TYPE,
            region=region,
        )
    children = module.get("child_modules")
    for j, child in enumerate(children if isinstance(children, list) else []):
        if isinstance(child, dict):
            yield from _tf_module(child, (*location, "child_modules", j), regions, keys, default_region, after_apply)


def trails_in_terraform(doc: Any) -> dict[str, str]:
    """eventSource -> the address of an ``aws_cloudtrail`` of the plan (or state) that logs its data events."""
    out: dict[str, str] = {}
    section = None
    for top in ("planned_values", "values"):
        section = doc.get(top) if isinstance(doc, dict) else None
        if isinstance(section, dict):
            break
    todo = [section.get("root_module")] if isinstance(section, dict) else []
    while todo:
        module = todo.pop(0)
        if not isinstance(module, dict):
            continue
        resources = module.get("resources")
        for res in resources if isinstance(resources, list) else []:
            if not isinstance(res, dict) or res.get("type") != TF_TRAIL_TYPE or res.get("mode", "managed") != "managed":
                continue
            values, address = res.get("values"), res.get("address")
            if isinstance(values, dict) and isinstance(address, str):
                for es in sorted(terraform_trail_sources(values)):
                    out.setdefault(es, address)
        children = module.get("child_modules")
        todo.extend(children if isinstance(children, list) else [])
    return out
