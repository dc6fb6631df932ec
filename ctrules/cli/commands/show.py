"""``ctrules show EVENT``: a catalog entry, its event pattern and the ctrules line that makes the rule.

``--fields`` adds the event's record shape (:mod:`ctrules.catalog.shapes`): the field paths CloudTrail records
under requestParameters, responseElements, additionalEventData and serviceEventDetails, how each is recorded, the
shape's confidence and its evidence. CTR015 and CTR016 findings point here.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ctrules._common import AMAZONAWS_SUFFIX
from ctrules.cli._args import fail
from ctrules.cli.report import EXIT_OK
from ctrules.errors import AmbiguousEventError, CtrulesError

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the ``ctrules`` sub-command parsers."""
    p = sub.add_parser(
        "show",
        help="a catalog entry, its event pattern and the ctrules line for it",
        description="Show a CloudTrail event: catalog entry, event pattern, ctrules construct.",
    )
    p.add_argument("event", metavar="EVENT", help="the CloudTrail eventName, e.g. CreateAccountResult")
    p.add_argument("--service", help="the service, when several log the name (organizations, aws.kms...)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--fields",
        action="store_true",
        help="also list the record's fields under requestParameters, responseElements, additionalEventData and "
        "serviceEventDetails (the paths filters and input paths may use)",
    )
    p.set_defaults(run=run)


def _service_arg(event_source: str, source: str) -> str:
    """The shortest ``service=`` value that names ``event_source``."""
    from ctrules.catalog import event_source_for

    short = event_source[: -len(AMAZONAWS_SUFFIX)] if event_source.endswith(AMAZONAWS_SUFFIX) else event_source
    try:
        if event_source_for(short) == event_source:
            return short
    except CtrulesError:
        pass
    return source


#: How a field is recorded, as ``--fields`` names it.
FIELD_KINDS = {
    "value": "",
    "json-string": "a JSON string: EventBridge cannot match inside it (filter it with a wildcard)",
    "open": "any key may occur below it (map, document or JSON text)",
    "redacted": "sensitive: CloudTrail may record a mask (HIDDEN_DUE_TO_SECURITY_REASONS, ****) instead of the value",
}


def _kind(shape: Any, path: str) -> str:
    """One of :data:`FIELD_KINDS` for a field path of ``shape`` (a :class:`ctrules.catalog.shapes.Shape`)."""
    from ctrules.catalog import shapes

    status = shape.status(path).status
    if status == shapes.REDACTED:
        return "redacted"
    if status == shapes.UNCHECKED:
        return "open"
    below = shape.status(path + ".x").status
    if below == shapes.INSIDE_JSON_STRING:
        return "json-string"
    return "open" if below == shapes.UNCHECKED else "value"


def record_shape(ev: Any) -> dict[str, Any] | None:
    """The record shape of a catalog event as JSON data (None when ctrules claims none)."""
    from ctrules.catalog import shapes

    shape = shapes.fields_of(ev)
    if shape is None:
        return None
    parts = {}
    for part in ("requestParameters", "responseElements", "additionalEventData", "serviceEventDetails"):
        paths = shape.fields(part)
        parts[part] = {"recorded": bool(paths), "fields": [{"path": p, "kind": _kind(shape, p)} for p in paths]}
    return {
        "confidence": shape.confidence,
        "evidence": list(shape.evidence),
        "parts_known": shape.parts_known,
        "parts": parts,
    }


_CONFIDENCE = {
    "seen": "seen (real records of this event carry only these fields)",
    "derived": "derived (from the AWS SDK model, CloudTrail's naming rules and curated facts; no real record "
    "confirms it yet)",
}


def _shape_lines(doc: dict[str, Any] | None) -> list[str]:
    """The ``--fields`` section of the text output."""
    lines = ["", "Record shape (the fields below each part; filters and input paths must use them):"]
    if doc is None:
        lines.append("  ctrules claims no record shape for this event: paths below its record parts are not checked")
        return lines
    lines.append(f"  {'confidence:':<14}{_CONFIDENCE.get(doc['confidence'], doc['confidence'])}")
    evidence = doc["evidence"] or ["(none recorded)"]
    lines.append(f"  {'evidence:':<14}{evidence[0]}")
    lines += [f"  {'':<14}{e}" for e in evidence[1:]]
    if not doc["parts_known"]:
        lines.append("  only the record's top-level fields are known: any key may occur below its parts")
    for part, found in doc["parts"].items():
        fields = found["fields"]
        if not fields:
            lines.append(f"  {part}: not in this event's records")
        elif len(fields) == 1 and fields[0]["path"] == part:
            kind = fields[0]["kind"]
            lines.append(f"  {part}: " + (FIELD_KINDS[kind] if kind != "value" else "recorded without fields"))
        else:
            lines.append(f"  {part}:")
            width = max(len(f["path"]) for f in fields) + 2
            for f in fields:
                note = FIELD_KINDS[f["kind"]]
                lines.append(f"    {f['path']:<{width}}{note}".rstrip())
    return lines


def run(args: argparse.Namespace) -> int:
    """``ctrules show EVENT``: the catalog entry, its pattern and the ctrules line; the exit code."""
    from ctrules.catalog import CONSTRUCT_FOR_EVENT_TYPE, READ_ONLY_RULE_STATE, get, lookup
    from ctrules.patterns import pattern_dict

    if not args.event.strip():
        return fail("show: give a CloudTrail event name, e.g. `ctrules show CreateAccountResult`")
    name, service_arg = args.event, args.service
    own, sep, bare = name.rpartition(":")
    if sep and own:  # "guardduty:DeleteDetector", as the constructs accept it
        if service_arg and service_arg != own:
            return fail(f"show: {name!r} names service {own!r} but --service says {service_arg!r}")
        name, service_arg = bare, own
    try:
        ev = get(name, service=service_arg)
        ambiguous = len(lookup(ev.event_name)) > 1
        service = _service_arg(ev.event_source, ev.source) if ambiguous else None
        pattern = pattern_dict(ev.event_name, service=service)
    except AmbiguousEventError as exc:
        src = exc.likely or "SERVICE"
        first = _service_arg(src.removeprefix("aws.") + AMAZONAWS_SUFFIX, src)
        return fail(f"{exc} (here: ctrules show {args.event} --service {first})")
    except CtrulesError as exc:
        return fail(str(exc))
    construct = CONSTRUCT_FOR_EVENT_TYPE[ev.event_types[0]] if len(ev.event_types) == 1 else "CloudTrailRule"
    call_args = [json.dumps(ev.event_name), json.dumps(ev.event_name)]
    if service is not None:
        call_args.append(f"service={json.dumps(service)}")
    python = f"{construct}(self, {', '.join(call_args)})"
    if args.json:
        doc = {
            "event_name": ev.event_name,
            "event_source": ev.event_source,
            "source": ev.source,
            "event_types": list(ev.event_types),
            "detail_types": list(ev.detail_types),
            "deliverable_detail_types": list(ev.deliverable_detail_types),
            "read_only": ev.read_only,
            "eventbridge_read_only": ev.eventbridge_read_only,
            "required_state": READ_ONLY_RULE_STATE if ev.eventbridge_read_only else None,
            "category": ev.category,
            "home_region": ev.home_region,
            "service": ev.service,
            "verified": ev.verified,
            "origins": list(ev.origins),
            "retired": ev.retired,
            "evidence": list(ev.evidence),
            "pattern": pattern,
            "python": f"from ctrules import {construct}\n{python}",
        }
        if args.fields:
            doc["shape"] = record_shape(ev)
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    read_only = "unknown" if ev.read_only is None else str(ev.read_only).lower()
    if ev.eventbridge_read_only:
        eb = f"read-only: delivered only to rules with State {READ_ONLY_RULE_STATE}"
    else:
        eb = "not read-only: delivered to every enabled rule (State ENABLED)"
    if ev.home_region:
        home = f"{ev.home_region} (global service: EventBridge sees its events only there)"
    else:
        home = "every region (regional service)"
    category = ev.category
    if category == "Data":
        category += " (reaches EventBridge only when a trail logs data events for it)"
    rows: list[tuple[str, str]] = [
        ("eventSource", ev.event_source),
        ("source", ev.source),
        ("eventType", ", ".join(ev.event_types)),
        ("detail-type", ", ".join(ev.detail_types)),
    ]
    extra = [d for d in ev.deliverable_detail_types if d not in ev.detail_types]
    if extra:
        rows.append(("also as", ", ".join(extra)))
    rows += [
        ("readOnly", f"{read_only} (the CloudTrail record's field)"),
        ("EventBridge", eb),
        ("category", category),
        ("home region", home),
        ("service", ev.service or "(no SDK service)"),
        ("verified", "yes" if ev.verified else "no (eventSource inferred from botocore metadata)"),
        ("origins", ", ".join(ev.origins) or "(none recorded)"),
    ]
    if ev.retired and ev.service:
        from ctrules.catalog import retirement

        gone = retirement(ev.service)
        rows.append(("retired", f"{ev.retired}: {gone.note if gone else 'AWS retired this service'}"))
    lines = [f"{ev.event_name} ({ev.source})"]
    lines += [f"  {k + ':':<14}{v}" for k, v in rows]
    if ev.evidence:
        lines.append(f"  {'evidence:':<14}{ev.evidence[0]}")
        lines += [f"  {'':<14}{e}" for e in ev.evidence[1:]]
    else:
        lines.append(f"  {'evidence:':<14}(none recorded)")
    lines += ["", "Event pattern:", json.dumps(pattern, indent=2), "", "ctrules (Python):"]
    lines += [f"from ctrules import {construct}", python]
    if args.fields:
        lines += _shape_lines(record_shape(ev))
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
