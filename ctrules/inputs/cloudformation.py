"""Reading CloudFormation and SAM templates: ``AWS::Events::Rule`` resources and SAM functions' events."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ctrules.inputs._model import TemplateRule, is_intrinsic, json_path, make_rule
from ctrules.inputs.acknowledgements import from_metadata

__all__ = ["SAM_RESOURCE_TYPES", "SAM_RULE_EVENT_TYPES", "is_sam", "rules_in_template", "target_paths"]

#: SAM event types that create an EventBridge rule.
SAM_RULE_EVENT_TYPES = frozenset({"EventBridgeRule", "CloudWatchEvent"})
#: SAM resources whose ``Events`` can hold such events.
SAM_RESOURCE_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Serverless::StateMachine"})


def rules_in_template(template: Any) -> Iterator[TemplateRule]:
    """Every EventBridge rule with an event pattern in a CloudFormation or SAM template.

    ``AWS::Events::Rule`` resources with an ``EventPattern`` (object or JSON string), and the
    ``EventBridgeRule``/``CloudWatchEvent`` events of SAM functions and state machines (``Pattern``).
    Rules with a schedule only are left out. The acknowledgements in a resource's ``Metadata`` (see
    :mod:`ctrules.inputs.acknowledgements`) apply to its rules. Never raises on any input.

    :param template: the parsed template (anything; a non-template yields nothing).
    """
    resources = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources, dict):
        return
    yield from _hidden_by_transforms(template, resources)
    for key, res in resources.items():
        if isinstance(key, str) and key.startswith(FOR_EACH):
            yield from _rules_in_for_each(key, res, [{}])
            continue
        if not isinstance(res, dict):
            continue
        logical_id = str(key)
        rtype = res.get("Type")
        props = res.get("Properties")
        if rtype == "AWS::Events::Rule" and is_intrinsic(props):  # e.g. Properties: {Fn::Transform: AWS::Include}
            yield _not_read(logical_id, ("Resources", logical_id), "its Properties come from a transform or intrinsic")
            continue
        if not isinstance(props, dict):
            continue
        if rtype == "AWS::Events::Rule":
            if "EventPattern" not in props:
                continue
            metadata = res.get("Metadata")
            cdk_path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
            rule = make_rule(
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
            targets = props.get("Targets")
            if isinstance(targets, list):
                rule.targets = tuple(
                    found for i, t in enumerate(targets) for found in target_paths(t, ("Targets", i))
                )
                rule.targets_at = rule.location[:-1]
            rule.acknowledgements, rule.input_problems = from_metadata(metadata)
            yield rule
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
                sam_rule = make_rule(
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
                # A SAM event's target is the function or state machine; its InputPath/InputTransformer sit
                # beside the Pattern.
                sam_rule.targets = tuple(target_paths(ev_props, ()))
                sam_rule.targets_at = sam_rule.location[:-1]
                sam_rule.acknowledgements, sam_rule.input_problems = from_metadata(res.get("Metadata"))
                yield sam_rule


#: Transforms that add no EventBridge rule a template does not show (SAM and language extensions are read here).
_PLAIN_TRANSFORMS = ("AWS::Serverless-", "AWS::LanguageExtensions", "AWS::CodeDeployBlueGreen", "AWS::SecretsManager-")


def _not_read(name: str, anchors: tuple[str, ...], why: str) -> TemplateRule:
    """A place that may hold rules ctrules cannot see: counted as known only at deploy time, not checked."""
    rule = make_rule(name, None, None, None, name=name, location=anchors, anchors=anchors, kind="AWS::Events::Rule")
    rule.deploy_time, rule.unknown = True, f"{why}: CloudFormation writes it out at deploy time, so it is not checked"
    return rule


def _hidden_by_transforms(template: Mapping[str, Any], resources: Mapping[str, Any]) -> Iterator[TemplateRule]:
    """One not-checked entry per transform that may add or hide resources: a macro named in ``Transform``, and
    ``Fn::Transform`` (``AWS::Include`` of a snippet from S3) among the resources."""
    transform = template.get("Transform")
    for name in transform if isinstance(transform, list) else [transform] if transform is not None else []:
        shown = name if isinstance(name, str) else json.dumps(name, default=str)[:80]
        if not (isinstance(name, str) and name.startswith(_PLAIN_TRANSFORMS)):
            yield _not_read(f"Transform {shown}", ("Transform",), f"the transform {shown} may add or change resources")
    for key, value in resources.items():
        if key == "Fn::Transform":
            what = value.get("Name") if isinstance(value, dict) else None
            params = value.get("Parameters") if isinstance(value, dict) else None
            where = params.get("Location") if isinstance(params, dict) else None
            why = f"resources included by Fn::Transform {what or ''}".rstrip()
            if isinstance(where, str):
                why += f" from {where}"
            yield _not_read("Resources.Fn::Transform", ("Resources", "Fn::Transform"), why)


def target_paths(target: Any, where: tuple[str | int, ...]) -> list[tuple[str, str, str | None]]:
    """The JSON paths into the event that one target reads: ``(path, where, name)`` for its ``InputPath``
    (name ``None``) and each entry of its ``InputTransformer.InputPathsMap`` (name: the variable).

    :param target: a ``Targets`` entry (anything; intrinsics and other values give nothing).
    :param where: the location of the target below the rule's ``Properties`` (``("Targets", 0)``).
    """
    if not isinstance(target, dict):
        return []
    out: list[tuple[str, str, str | None]] = []
    path = target.get("InputPath")
    if isinstance(path, str):
        out.append((path, json_path((*where, "InputPath"))[2:], None))
    transformer = target.get("InputTransformer")
    paths = transformer.get("InputPathsMap") if isinstance(transformer, dict) else None
    if isinstance(paths, dict):
        for name, value in paths.items():
            if isinstance(name, str) and isinstance(value, str):
                at = json_path((*where, "InputTransformer", "InputPathsMap", name))[2:]
                out.append((value, at, name))
    return out


#: The key prefix of a loop of the ``AWS::LanguageExtensions`` transform (``Fn::ForEach::Name``).
FOR_EACH = "Fn::ForEach::"
#: Loops writing out more resources than this are not written out here (their rules are not checked).
_MAX_LOOP_COPIES = 1000


def _rules_in_for_each(loop: str, value: Any, outer: list[dict[str, str]] | None) -> Iterator[TemplateRule]:
    """The rules a ``Fn::ForEach`` loop of resources makes (``[identifier, collection, {logical id: resource}]``).

    The transform writes the loop out when the stack is deployed. ctrules does the same when it can: a literal
    collection gives one rule per value (``${Id}`` and ``&{Id}`` replaced in the logical id and the pattern),
    and a pattern that does not use the identifier is checked once. Any other rule (a collection given by a
    parameter, a pattern built from it) is counted as known only at deploy time and reported as not checked.

    :param outer: the identifier values of the loops around this one, one dict per copy (None: not known).
    """
    if not isinstance(value, list) or len(value) != 3 or not isinstance(value[2], dict):
        return
    identifier, collection = value[0], value[1]
    copies: list[dict[str, str]] | None = None
    fits = isinstance(collection, list) and outer is not None and len(outer) * len(collection) <= _MAX_LOOP_COPIES
    literal = fits and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in collection)
    if literal and outer is not None and isinstance(identifier, str):
        copies = [{**b, identifier: str(v)} for b in outer for v in collection]
    for key, res in value[2].items():
        if isinstance(key, str) and key.startswith(FOR_EACH):
            yield from _rules_in_for_each(f"{loop}/{key}", res, copies)
            continue
        if not isinstance(res, dict):
            continue
        rules = list(rules_in_template({"Resources": {key: res}}))
        if not rules:
            continue
        text = json.dumps(res)
        uses_loop = "${" in text or "&{" in text
        for bindings in (copies or [{}]) if (copies is not None or not uses_loop) else []:
            written = json.loads(_substitute(text, bindings)) if bindings else res
            logical_id = _substitute(str(key), bindings, quote=False)
            for rule in rules_in_template({"Resources": {logical_id: written}}):
                rule.name = rule.logical_id = f"{loop}/{rule.name}"
                rule.location = ("Resources", loop, 2, str(key), *rule.location[2:])
                rule.anchors = ("Resources", loop)
                if rule.targets_at is not None:
                    rule.targets_at = rule.location[:-1]
                yield rule
        if copies is None and uses_loop:
            for rule in rules:
                rule.name = rule.logical_id = f"{loop}/{rule.name}"
                rule.location = ("Resources", loop, 2, str(key), *rule.location[2:])
                rule.anchors = ("Resources", loop)
                rule.pattern, rule.problem, rule.deploy_time = None, None, True
                rule.unknown = (
                    "a rule inside Fn::ForEach whose values come from a parameter or another intrinsic: the "
                    "AWS::LanguageExtensions transform writes it out at deploy time"
                )
                yield rule


def _substitute(text: str, bindings: dict[str, str], *, quote: bool = True) -> str:
    """``${Id}`` -> the value and ``&{Id}`` -> the value's letters and digits (JSON-escaped when ``quote``)."""
    for name, v in bindings.items():
        plain = json.dumps(v)[1:-1] if quote else v
        alnum = "".join(c for c in v if c.isalnum())
        text = text.replace("${" + name + "}", plain).replace("&{" + name + "}", alnum)
    return text


def is_sam(template: Mapping[str, Any]) -> bool:
    """True when the template declares a SAM transform (``AWS::Serverless-2016-10-31``)."""
    transform = template.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return any(isinstance(n, str) and n.startswith("AWS::Serverless") for n in names)
