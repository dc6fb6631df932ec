"""Trails defined beside the rules: which eventSources' data events they log (so CTR006 can stay silent).

A CloudFormation ``AWS::CloudTrail::Trail`` logs data events through ``EventSelectors`` (``DataResources`` with a
``Type`` such as ``AWS::S3::Object``) or ``AdvancedEventSelectors`` (a ``resources.type`` field selector). The
resource type names the eventSource through the catalog's data-event table
(``ctrules/catalog/overlay/data_events.json``, from the CloudTrail user guide's data events page).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["data_trail_sources", "event_source_of_resource_type"]

_TRAIL = "AWS::CloudTrail::Trail"


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
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


def data_trail_sources(template: Any) -> dict[str, str]:
    """eventSource -> the logical id of a trail of this CloudFormation template that logs its data events."""
    out: dict[str, str] = {}
    found = template.get("Resources") if isinstance(template, Mapping) else None
    if not isinstance(found, Mapping):
        return out
    for logical_id, resource in found.items():
        if not isinstance(resource, Mapping) or resource.get("Type") != _TRAIL:
            continue
        props = resource.get("Properties")
        if not isinstance(props, Mapping):
            continue
        for resource_type in _selected_types(props):
            es = event_source_of_resource_type(resource_type)
            if es is not None:
                out.setdefault(es, str(logical_id))
    return out
