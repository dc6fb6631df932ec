"""Trails defined beside the rules: which eventSources' data events they log (so CTR006 can stay silent).

A CloudFormation ``AWS::CloudTrail::Trail`` logs data events through ``EventSelectors`` (``DataResources`` with a
``Type`` such as ``AWS::S3::Object``) or ``AdvancedEventSelectors`` (a ``resources.type`` field selector). The
resource type names the eventSource through the catalog's data-event table
(``ctrules/catalog/overlay/data_events.json``, from the CloudTrail user guide's data events page).

A Terraform ``aws_cloudtrail`` does the same with ``event_selector { data_resource { type = ... } }`` and
``advanced_event_selector { field_selector { field = "resources.type", equals = [...] } }`` (the AWS provider's
``aws_cloudtrail`` documentation). A trail that is switched off (CloudFormation ``IsLogging: false``, Terraform
``enable_logging = false``) logs nothing and covers nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "add_trail_sources",
    "data_trail_sources",
    "event_source_of_resource_type",
    "selector_event_sources",
    "terraform_trail_sources",
]

_TRAIL = "AWS::CloudTrail::Trail"


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    from importlib import resources  # ~5 ms of imports, paid only when a trail is read

    text = resources.files("ctrules.catalog").joinpath("overlay/data_events.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    return {
        rt["resource_type"]: rt["event_source"]
        for rt in doc.get("resource_types", [])
        if isinstance(rt, dict) and isinstance(rt.get("resource_type"), str) and isinstance(rt.get("event_source"), str)
    }


def event_source_of_resource_type(resource_type: str) -> str | None:
    """The eventSource whose data events a CloudTrail resource type stands for (``AWS::S3::Object`` -> s3)."""
    return _types().get(resource_type)


def _selected_types(props: Mapping[str, Any]) -> Iterator[str]:
    for selector in props.get("EventSelectors") or ():
        if isinstance(selector, Mapping):
            for data in selector.get("DataResources") or ():
                if isinstance(data, Mapping) and isinstance(data.get("Type"), str):
                    yield data["Type"]
    for selector in props.get("AdvancedEventSelectors") or ():
        if not isinstance(selector, Mapping):
            continue
        for field in selector.get("FieldSelectors") or ():
            if isinstance(field, Mapping) and field.get("Field") == "resources.type":
                for value in field.get("Equals") or ():
                    if isinstance(value, str):
                        yield value


def selector_event_sources(selectors: Mapping[str, Any]) -> set[str]:
    """The eventSources whose data events a trail's selectors log: ``EventSelectors`` and ``AdvancedEventSelectors``
    as a CloudFormation trail's properties or a CloudTrail ``GetEventSelectors`` answer hold them (same shape)."""
    return {es for es in map(event_source_of_resource_type, _selected_types(selectors)) if es is not None}


def data_trail_sources(template: Any) -> dict[str, str]:
    """eventSource -> the logical id of a trail of this CloudFormation template that logs its data events."""
    out: dict[str, str] = {}
    found = template.get("Resources") if isinstance(template, Mapping) else None
    if not isinstance(found, Mapping):
        return out
    for logical_id, resource in found.items():
        # ``type(...) is dict`` first: parsed templates hold dicts, and an ABC check costs more than the rest.
        if resource.__class__ is not dict and not isinstance(resource, Mapping):
            continue
        if resource.get("Type") == _TRAIL:
            add_trail_sources(out, str(logical_id), resource.get("Properties"))
    return out


def add_trail_sources(out: dict[str, str], name: str, props: Any) -> None:
    """Add eventSource -> ``name`` to ``out`` (unless there already) for each eventSource whose data events a trail
    with these ``Properties`` logs (see :func:`data_trail_sources`)."""
    if not isinstance(props, Mapping) or _off(props.get("IsLogging")):
        return
    for resource_type in _selected_types(props):
        es = event_source_of_resource_type(resource_type)
        if es is not None:
            out.setdefault(es, name)


def _off(value: Any) -> bool:
    """True for a literal false (CloudFormation also takes the string ``"false"``)."""
    return value is False or (isinstance(value, str) and value.lower() == "false")


def _items(value: Any) -> list[Mapping[str, Any]]:
    """The blocks of a Terraform nested block value: a list of objects (plan, HCL) or one object (JSON syntax)."""
    if isinstance(value, Mapping):
        return [value]
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def terraform_trail_sources(values: Mapping[str, Any]) -> set[str]:
    """The eventSources whose data events a Terraform ``aws_cloudtrail`` logs, from its values (a plan's
    ``values``, or the blocks of a ``.tf`` file as lists of objects)."""
    if _off(values.get("enable_logging")):
        return set()
    types: list[str] = []
    for selector in _items(values.get("event_selector")):
        types.extend(d["type"] for d in _items(selector.get("data_resource")) if isinstance(d.get("type"), str))
    for selector in _items(values.get("advanced_event_selector")):
        for field in _items(selector.get("field_selector")):
            equals = field.get("equals")
            if field.get("field") == "resources.type" and isinstance(equals, list):
                types.extend(v for v in equals if isinstance(v, str))
    return {es for es in map(event_source_of_resource_type, types) if es is not None}
