#!/usr/bin/env python3
"""Generate ctrules' bundled CloudTrail event catalog.

Inputs (both pinned, so the output is reproducible byte for byte):

* a botocore wheel (``--botocore-wheel``; the Makefile downloads botocore 1.44.5 and checks its
  sha256). Its ``service-2.json`` files give every API operation; ``endpoints.json`` gives the home
  region of global services. The wheel is read as a zip file, never installed.
* older botocore wheels (``--retired-wheel``, repeatable; pinned in the Makefile too): the operations of
  services AWS has retired and newer botocore no longer lists (``overlay/retired_services.json`` names
  them, with the retirement date and evidence).
* the curated overlay under ``ctrules/catalog/overlay/``: hand-added facts, each with evidence.

Each entry records where it comes from (its *origins*): ``sdk`` (a botocore operation), ``record`` (seen in
a real CloudTrail record), ``aws-page`` (listed on an AWS documentation page) or ``curated`` (hand-added
from other evidence). The header states the botocore versions and the catalog date (the pinned wheel's
build date, never the wall clock).

Output: ``ctrules/catalog/data/catalog.json`` (see ``ctrules/catalog/_store.py`` for the layout).

``--check`` regenerates in memory and exits 1 when the committed file differs.

One script of ~700 lines on purpose: the overlay's rules (each checked, with its evidence) and the entries
they shape are one pipeline, read top to bottom; what it shares with ``build_shapes.py`` (reading the wheel,
``--check``) is in ``generator_common.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent) not in sys.path:  # the sibling module, also when loaded by file path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import generator_common as common

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # ctrules itself, for the overlay's schema
    sys.path.insert(1, str(Path(__file__).resolve().parents[1]))
from ctrules.catalog import fact_schema

ROOT = Path(__file__).resolve().parents[1]
OVERLAY = ROOT / "ctrules" / "catalog" / "overlay"
OUTPUT = ROOT / "ctrules" / "catalog" / "data" / "catalog.json"

SCHEMA = 3
EVENT_TYPES = (
    "AwsApiCall",
    "AwsServiceEvent",
    "AwsConsoleSignIn",
    "AwsConsoleAction",
    "AwsCloudTrailInsight",
    "AwsVpceEvent",
)
CATEGORIES = ("Management", "Data", "NetworkActivity")
SUFFIX = ".amazonaws.com"
BOTOCORE_REPO = "github:boto/botocore/botocore/data"

# CloudTrail's readOnly by name: operations starting with these words read and change nothing.
READ_ONLY_PREFIXES = ("Get", "List", "Describe", "Head", "BatchGet", "Lookup", "Search")
REGION_RE = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")

#: Commits of repository paths cited as evidence without an inline ``@commit`` (validated first).
EVIDENCE_COMMITS = "evidence_commits.json"
OVERLAY_FILES = (
    EVIDENCE_COMMITS,
    "event_sources.json",
    "service_events.json",
    "signin_events.json",
    "console_actions.json",
    "name_quirks.json",
    "read_only_overrides.json",
    "eventbridge_read_only.json",
    "data_events.json",
    "event_families.json",
    "documented_events.json",
    "observed_events.json",
    "retired_services.json",
)
#: Overlay files of events (service events, sign-in, console actions, documented and observed events),
#: merged into the catalog by the same loop.
EVENT_FILES = (
    "service_events.json",
    "signin_events.json",
    "console_actions.json",
    "documented_events.json",
    "observed_events.json",
)
#: Values of an event entry's optional ``origin`` field.
ORIGINS = ("record", "aws-page")
#: Where an entry comes from, in bit order (bits 2.. of a row's flags; see ``ctrules/catalog/_store.py``).
PROVENANCE = ("sdk", "record", "aws-page", "curated")
#: The origin of each event file's entries when they name none.
DEFAULT_ORIGIN = {
    "service_events.json": "curated",
    "signin_events.json": "curated",
    "console_actions.json": "curated",
    "documented_events.json": "aws-page",
    "observed_events.json": "record",
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class OverlayError(Exception):
    """An overlay file breaks the rules (missing evidence, unknown eventType, ...)."""


@dataclass
class Entry:
    """One catalog entry while it is being built."""

    event_name: str
    event_source: str
    event_types: set[str]
    read_only: bool | None
    category: str
    service: str | None
    verified: bool
    home_region: str | None
    source_evidence: tuple[str, ...]
    evidence: list[str] = field(default_factory=list)
    eventbridge_read_only: bool = False
    insights: bool = False
    origins: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Service:
    """A botocore service as the generator needs it."""

    name: str
    version: str
    endpoint_prefix: str
    signing_name: str | None
    operations: tuple[str, ...]


# --------------------------------------------------------------------------- botocore


def read_botocore(wheel: Path, only: Iterable[str] | None = None) -> tuple[str, list[Service], dict[str, Any]]:
    """The botocore version, its services (newest API version each; only those named in ``only`` when
    given) and endpoints.json."""
    wanted = None if only is None else set(only)
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        version = common.wheel_version(names)
        versions = common.model_paths(names)
        services: list[Service] = []
        for name in sorted(versions):
            if wanted is not None and name not in wanted:
                continue
            api_version, model = common.newest_model(zf, versions[name])
            meta = model["metadata"]
            services.append(
                Service(
                    name=name,
                    version=api_version,
                    endpoint_prefix=meta.get("endpointPrefix") or name,
                    signing_name=meta.get("signingName"),
                    operations=tuple(sorted(model["operations"])),
                )
            )
        endpoints = json.loads(zf.read("botocore/data/endpoints.json"))
    if not version:
        raise common.not_a_wheel(wheel)
    return version, services, endpoints


def wheel_date(wheel: Path) -> str:
    """The date (YYYY-MM-DD) the wheel was built: the timestamp of its ``dist-info/METADATA`` entry."""
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            if common.METADATA.match(info.filename):
                y, m, d = info.date_time[:3]
                return f"{y:04d}-{m:02d}-{d:02d}"
    raise common.not_a_wheel(wheel)


def service_names(wheel: Path) -> set[str]:
    """The botocore service names in a wheel (without reading their models)."""
    with zipfile.ZipFile(wheel) as zf:
        return set(common.model_paths(zf.namelist()))


def global_home_regions(endpoints: dict[str, Any]) -> dict[str, str]:
    """endpointPrefix -> home region, for services with only a partition-wide endpoint in ``aws``.

    A service is global when its ``partitionEndpoint`` is ``aws-global`` and it has no endpoint named
    after a region (STS and S3 have a global endpoint *and* regional ones: they are regional).
    """
    homes: dict[str, str] = {}
    for partition in endpoints["partitions"]:
        if partition["partition"] != "aws":
            continue
        for prefix, spec in partition["services"].items():
            if spec.get("partitionEndpoint") != "aws-global" or spec.get("isRegionalized") is True:
                continue
            eps = spec.get("endpoints", {})
            if any(REGION_RE.match(k) for k in eps):
                continue
            scope = eps.get("aws-global", {}).get("credentialScope", {})
            if "region" in scope:
                homes[prefix] = scope["region"]
    return homes


# --------------------------------------------------------------------------- overlay


#: Notes about overlay rows that were not applied; printed when generating, not when checking.
NOTES: list[str] = []


#: The validated overlay documents of the current build (see :func:`validate_overlay`).
_DOCS: dict[str, Any] = {}


def known_regions(endpoints: dict[str, Any]) -> list[str]:
    """Every region of every partition in botocore's endpoints.json (what ``home_region`` may name)."""
    return sorted({r for p in endpoints["partitions"] for r in p.get("regions", {})})


def validate_overlay(regions: Iterable[str] | None) -> None:
    """Read and validate every overlay file against its schema (``ctrules/catalog/fact_schema.py``) before any
    value is used: an unknown key, a wrong type, an unknown region or evidence without a source is one error
    at ``file:line``."""
    _DOCS.clear()
    pins_doc = _read_validated(EVIDENCE_COMMITS, regions, {}, ())
    pins, legacy = pins_doc["commits"], pins_doc["not_yet_pinned"]
    for name in OVERLAY_FILES:
        _DOCS[name] = _with_commits(_read_validated(name, regions, pins, legacy), pins)


def _with_commits(value: Any, pins: dict[str, str]) -> Any:
    """``value`` with every evidence path that ``evidence_commits.json`` pins written ``path@commit`` (a
    remark in parentheses kept), so the catalog's evidence names the commit it rests on."""
    if isinstance(value, dict):
        return {k: _with_commits(v, pins) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_commits(v, pins) for v in value]
    if isinstance(value, str) and value.startswith("github:"):
        path, sep, remark = value.partition(" (")
        if path in pins:
            return f"{path}@{pins[path]}{sep}{remark}"
    return value


def _read_validated(name: str, regions: Iterable[str] | None, pins: dict[str, str], legacy: Iterable[str]) -> Any:
    path = OVERLAY / name
    where = common.relative(path)
    if not path.exists():
        raise OverlayError(f"{where}: overlay file missing")
    try:
        return fact_schema.validate(
            name, path.read_text(encoding="utf-8"), where=where, regions=regions, pins=pins, legacy=legacy
        ).value
    except fact_schema.FactError as exc:
        raise OverlayError(str(exc)) from None


def load_overlay(name: str) -> Any:
    """The validated document of an overlay file (read now when :func:`validate_overlay` has not run)."""
    if name not in _DOCS:
        _DOCS[name] = _read_validated(name, None, {}, ())
    return _DOCS[name]


def need_evidence(where: str, evidence: Any) -> list[str]:
    if not isinstance(evidence, list) or not evidence or not all(isinstance(e, str) and e for e in evidence):
        raise OverlayError(f"{where}: every hand-added fact needs a non-empty 'evidence' list of strings")
    return list(evidence)


def check_event_source(where: str, event_source: Any) -> str:
    if not isinstance(event_source, str) or not event_source.endswith(SUFFIX):
        raise OverlayError(f"{where}: event_source {event_source!r} must end with {SUFFIX}")
    return event_source


# --------------------------------------------------------------------------- build


def read_only_by_name(name: str) -> bool:
    """CloudTrail's readOnly guessed from the name (overridden by evidence where records disagree)."""
    return name.startswith(READ_ONLY_PREFIXES)


def resolve_event_source(
    svc: Service, verified_map: dict[str, dict[str, Any]], seen: dict[str, list[str]]
) -> tuple[str, bool, list[str]]:
    """The eventSource of a botocore service, whether evidence confirms it, and that evidence."""
    known = verified_map.get(svc.name)
    if known is not None:
        where = f"event_sources.json services.{svc.name}"
        return check_event_source(where, known["event_source"]), True, need_evidence(where, known["evidence"])
    prefix = svc.endpoint_prefix
    # A dotted prefix (api.ecr, runtime.sagemaker) names a host, not a service: the signing name is the
    # better guess there.
    guess = (svc.signing_name or prefix.split(".")[-1]).lower() if "." in prefix else prefix
    event_source = guess + SUFFIX
    if event_source in seen:
        return event_source, True, list(seen[event_source])
    return event_source, False, []


def load_retired() -> dict[str, dict[str, Any]]:
    """``retired_services.json``: botocore service name -> {retired, evidence, note, event_source}."""
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(load_overlay("retired_services.json")):
        where = f"retired_services.json[{i}] {item.get('service')!r}"
        name = item.get("service")
        if not isinstance(name, str) or not name:
            raise OverlayError(f"{where}: 'service' must be the botocore service name (e.g. \"opsworks\")")
        date = item.get("retired")
        if not isinstance(date, str) or not DATE_RE.match(date):
            raise OverlayError(f"{where}: 'retired' {date!r} must be a date written YYYY-MM-DD")
        if "event_source" in item:
            check_event_source(where, item["event_source"])
        out[name] = {
            "retired": date,
            "evidence": need_evidence(where, item.get("evidence")),
            "note": str(item.get("note", "")),
            "event_source": item.get("event_source"),
        }
    return out


def retired_services(
    retired: dict[str, dict[str, Any]], current: set[str], wheels: Iterable[Path]
) -> list[tuple[Service, str]]:
    """The retired services that the current botocore no longer has, each read from the newest given wheel
    that still has it, with that wheel's botocore version."""
    by_version = sorted(((read_version(w), w) for w in wheels), key=lambda vw: _version_key(vw[0]), reverse=True)
    todo = sorted(set(retired) - current)
    found: list[tuple[Service, str]] = []
    dropped: set[str] = set()
    for version, wheel in by_version:
        names = service_names(wheel)
        dropped |= names - current
        here = [n for n in todo if n in names]
        if here:
            _, svcs, _ = read_botocore(wheel, only=here)
            found.extend((svc, version) for svc in svcs)
            todo = [n for n in todo if n not in here]
    if by_version and todo:
        raise OverlayError(
            f"retired_services.json: {todo} are in none of the retired wheels "
            f"({', '.join(v for v, _ in by_version)}); pin an older botocore that has them or remove the entries"
        )
    if todo:
        NOTES.append(f"note: no --retired-wheel given; retired services {todo} have no events in this catalog")
    unlisted = sorted(dropped - set(retired))
    if unlisted:
        NOTES.append(
            f"note: {len(unlisted)} services of older botocore wheels are not in this one and have no entry in "
            f"retired_services.json (not added): {', '.join(unlisted)}"
        )
    return sorted(found, key=lambda sv: sv[0].name)


def read_version(wheel: Path) -> str:
    """The botocore version of a wheel, from its dist-info folder name."""
    with zipfile.ZipFile(wheel) as zf:
        version = common.wheel_version(zf.namelist())
    if not version:
        raise common.not_a_wheel(wheel)
    return version


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def build(wheel: Path, retired_wheels: Iterable[Path] = ()) -> bytes:
    """The catalog file's bytes."""
    retired_wheels = sorted(retired_wheels, key=lambda w: _version_key(read_version(w)))
    botocore_version, services, endpoints = read_botocore(wheel)
    regions = known_regions(endpoints)
    validate_overlay(regions)
    homes = global_home_regions(endpoints)
    retired = load_retired()
    old_services = retired_services(retired, {svc.name for svc in services}, retired_wheels)

    sources_doc = load_overlay("event_sources.json")
    verified_map: dict[str, dict[str, Any]] = sources_doc.get("services", {})
    seen: dict[str, list[str]] = {
        k: need_evidence(f"event_sources.json seen_event_sources.{k}", v)
        for k, v in sources_doc.get("seen_event_sources", {}).items()
    }
    families = load_overlay("event_families.json")

    quirks: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    # SDK operation names that CloudTrail never logs -> the names it logs instead ("did you mean").
    aliases: dict[tuple[str, str], list[str]] = {}
    for i, q in enumerate(load_overlay("name_quirks.json")):
        where = f"name_quirks.json[{i}]"
        names = q.get("event_names")
        if not isinstance(names, list) or not names:
            raise OverlayError(f"{where}: 'event_names' must be a non-empty list")
        if not isinstance(q.get("replaces_sdk_name"), bool):
            raise OverlayError(f"{where}: 'replaces_sdk_name' must be true or false")
        logged = list(names)
        if not q["replaces_sdk_name"] and q["operation"] not in logged:
            # The documented spellings come in addition to the SDK name (seen in records too).
            logged.append(q["operation"])
        quirks[(q["service"], q["operation"])] = (logged, need_evidence(where, q.get("evidence")))
        if q["replaces_sdk_name"]:
            aliases[(q["service"], q["operation"])] = [n for n in names if n != q["operation"]]

    entries: dict[tuple[str, str], Entry] = {}
    used_quirks: set[tuple[str, str]] = set()
    service_sources: dict[str, str] = {}
    source_home: dict[str, str | None] = {}
    retired_sources: dict[str, str] = {}
    for svc, from_version in [(svc, "") for svc in services] + old_services:
        event_source, verified, src_evidence = resolve_event_source(svc, verified_map, seen)
        if from_version:
            event_source = retired[svc.name]["event_source"] or event_source
            retired_sources[svc.name] = event_source
            home = None
            model = f"{BOTOCORE_REPO}/{svc.name}/{svc.version}/service-2.json (botocore {from_version})"
        else:
            service_sources[svc.name] = event_source
            home = homes.get(svc.endpoint_prefix)
            model = f"{BOTOCORE_REPO}/{svc.name}/{svc.version}/service-2.json"
        source_home.setdefault(event_source, home)
        base_evidence = (model, *src_evidence)
        # Some services log the same API under a second eventSource (RDS Data API: rdsdataapi for
        # current clusters, rdsdata for Aurora Serverless v1).
        also = verified_map.get(svc.name, {}).get("also_event_sources", [])
        for op in svc.operations:
            logged, quirk_evidence = quirks.get((svc.name, op), ([op], []))
            used_quirks.add((svc.name, op))
            for event_name, es in ((n, e) for e in (event_source, *also) for n in logged):
                key = (es, event_name)
                if key in entries:  # two SDK services behind one eventSource (elb/elbv2, rds/docdb...)
                    continue
                entries[key] = Entry(
                    event_name=event_name,
                    event_source=es,
                    event_types={"AwsApiCall"},
                    read_only=read_only_by_name(event_name),
                    category="Management",
                    service=svc.name,
                    verified=verified,
                    home_region=home,
                    source_evidence=base_evidence,
                    evidence=list(quirk_evidence),
                    origins={"sdk" if event_name == op else "curated"},
                )
    unused = sorted(set(quirks) - used_quirks)
    if unused:
        raise OverlayError(f"name_quirks.json: operations not in botocore: {unused}")
    source_service: dict[str, str] = {}
    for svc_name, es in sorted(service_sources.items()):
        source_service.setdefault(es, svc_name)
    for svc_name, es in sorted(retired_sources.items()):
        source_service.setdefault(es, svc_name)

    # Non-API events: service events, console sign-in events, console actions.
    for file in EVENT_FILES:
        for i, item in enumerate(load_overlay(file)):
            where = f"{file}[{i}] {item.get('event_name')!r}"
            es = check_event_source(where, item.get("event_source"))
            types = item.get("event_types")
            if not isinstance(types, list) or not types or any(t not in EVENT_TYPES for t in types):
                raise OverlayError(f"{where}: event_types {types!r} must be a non-empty list of {EVENT_TYPES}")
            evidence = need_evidence(where, item.get("evidence"))
            origin = item.get("origin", DEFAULT_ORIGIN[file])
            if origin not in ORIGINS and not (origin == "curated" and "origin" not in item):
                raise OverlayError(f"{where}: origin {origin!r} must be one of {ORIGINS}")
            category = item.get("category", "Management")
            if category not in CATEGORIES:
                raise OverlayError(f"{where}: category {category!r} not in {CATEGORIES}")
            key = (es, item["event_name"])
            ro = item.get("read_only")
            home = item["home_region"] if "home_region" in item else source_home.get(es)
            existing = entries.get(key)
            if existing is not None:
                existing.event_types.update(types)
                existing.evidence.extend(evidence)
                existing.origins.add(origin)
                existing.verified = True
                # A real record's readOnly wins over the name rule; other files only set it for non-API events.
                if isinstance(ro, bool) and ("AwsApiCall" not in types or origin == "record"):
                    existing.read_only = ro
                continue
            entries[key] = Entry(
                event_name=item["event_name"],
                event_source=es,
                event_types=set(types),
                read_only=ro if isinstance(ro, bool) else None,
                category=category,
                service=source_service.get(es),
                verified=True,
                home_region=home,
                source_evidence=(),
                evidence=evidence,
                origins={origin},
            )

    # Data events.
    data_doc = load_overlay("data_events.json")
    for i, rt in enumerate(data_doc["resource_types"]):
        where = f"data_events.json resource_types[{i}] {rt.get('resource_type')!r}"
        es = check_event_source(where, rt.get("event_source"))
        evidence = need_evidence(where, rt.get("evidence"))
        management = set(rt.get("management_when_called_on_buckets", []))
        if rt.get("all_operations_of_service"):
            targets = [e for k, e in entries.items() if k[0] == es and "AwsApiCall" in e.event_types]
        else:
            ops = [op for op in rt.get("operations", []) if op not in management]
            targets = [entries[(es, op)] for op in ops if (es, op) in entries]
            for e in targets:
                e.origins.add("aws-page")  # the service's CloudTrail page names the operation
        for e in targets:
            e.category = "Data"
            if evidence[0] not in e.evidence:
                e.evidence.extend(evidence)

    # EventBridge's read-only classification (management API calls only).
    eb = load_overlay("eventbridge_read_only.json")
    prefixes = tuple(eb["prefixes"])
    need_evidence("eventbridge_read_only.json prefix_rule_evidence", eb["prefix_rule_evidence"])
    for e in entries.values():
        if e.category == "Management" and "AwsApiCall" in e.event_types and e.event_name.startswith(prefixes):
            e.eventbridge_read_only = True
    skipped: list[str] = []
    for flag, rows in ((False, eb["not_read_only"]), (True, eb["read_only"])):
        for row in rows:
            where = f"eventbridge_read_only.json {row.get('event_name')!r}"
            key = (check_event_source(where, row.get("event_source")), row["event_name"])
            evidence = need_evidence(where, row.get("evidence"))
            target = entries.get(key)
            if target is None:
                # A documented event no SDK lists (console actions, internal calls): add it, unless the
                # table's service could not be mapped to an eventSource with confidence.
                types = row.get("event_types") or ["AwsApiCall"]
                if not flag or row.get("unsure") or any(t not in EVENT_TYPES for t in types):
                    skipped.append(f"{key[0]} {key[1]}")
                    continue
                target = entries[key] = Entry(
                    event_name=key[1],
                    event_source=key[0],
                    event_types=set(types),
                    read_only=True,
                    category="Management",
                    service=source_service.get(key[0]),
                    verified=True,
                    home_region=source_home.get(key[0]),
                    source_evidence=(),
                )
            target.origins.add("aws-page")  # EventBridge's table of management events names it
            target.eventbridge_read_only = flag
            target.evidence.extend(evidence)

    if skipped:
        NOTES.append(
            f"note: {len(skipped)} rows of eventbridge_read_only.json name events whose eventSource is unsure "
            "and that no other source lists; not added"
        )

    # readOnly where real records disagree with the name rule.
    for i, item in enumerate(load_overlay("read_only_overrides.json")):
        where = f"read_only_overrides.json[{i}] {item.get('event_name')!r}"
        key = (check_event_source(where, item.get("event_source")), item["event_name"])
        if key not in entries:
            NOTES.append(f"note: {where}: {key} is in no other source; override not applied")
            continue
        entries[key].read_only = bool(item["read_only"])
        entries[key].evidence.extend(need_evidence(where, item.get("evidence")))

    # CloudTrail Insights: which events it analyses.
    insights = families["insights"]
    for e in entries.values():
        if "AwsApiCall" not in e.event_types:
            continue
        if e.category == "Management":
            key = "applies_to_management_read" if e.read_only else "applies_to_management_write"
            e.insights = bool(insights.get(key))
        elif e.category == "Data":
            e.insights = bool(insights.get("applies_to_data"))

    network = families["network_activity"]
    network_sources = set(network.get("event_sources") or [])
    family_evidence = {
        "insights": need_evidence("event_families.json insights", insights["evidence"]),
        "network_activity": need_evidence(
            "event_families.json network_activity", network.get("event_sources_evidence")
        ),
    }

    alias_rows: dict[str, list[str]] = {}
    for (svc, op), names in sorted(aliases.items()):
        row = alias_rows.setdefault(f"{service_sources[svc]}|{op}", [])
        row.extend(n for n in names if n not in row)  # s3 and s3control share s3.amazonaws.com
    alias_rows = {k: v for k, v in alias_rows.items() if v}
    used_retired = {svc.name: v for svc, v in old_services}
    retired_rows = {
        name: {**r, "from_botocore": used_retired.get(name, botocore_version if name in service_sources else None)}
        for name, r in sorted(retired.items())
    }
    date = wheel_date(wheel)
    return serialize(
        entries,
        aliases=alias_rows,
        service_sources={**retired_sources, **service_sources},
        botocore_services=len(service_sources),
        network_sources=network_sources,
        family_evidence=family_evidence,
        retired=retired_rows,
        header={
            "schema": SCHEMA,
            "regions": regions,
            "date": date,
            "upstream": {
                "botocore": botocore_version,
                "botocore_date": date,
                "botocore_wheel_sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
                "retired_from": {read_version(w): hashlib.sha256(w.read_bytes()).hexdigest() for w in retired_wheels},
            },
            "overlay_sha256": {
                name: hashlib.sha256((OVERLAY / name).read_bytes()).hexdigest() for name in OVERLAY_FILES
            },
        },
    )


def string_id(text: str, taken: dict[str, str]) -> str:
    """A stable id for an evidence string (recorded in ``taken``): the first 8 hex digits of its sha256, or of
    a salted sha256 on the rare collision with an id already taken, so adding a string renumbers no other."""
    salt = 0
    while True:
        digest = hashlib.sha256((text if not salt else f"{salt}\0{text}").encode("utf-8")).hexdigest()[:8]
        if taken.get(digest, text) == text:
            taken[digest] = text
            return digest
        salt += 1


def source_id(e: Entry) -> str:
    """A stable, readable id for an entry's source row: the eventSource without ``.amazonaws.com``, then
    ``/service`` when the botocore service is named otherwise, ``:overlay`` for entries no SDK operation
    gives (their rows carry no model evidence) and ``@region`` when such an entry names a home region."""
    sid = e.event_source.removesuffix(SUFFIX)
    if e.service is not None and e.service != sid:
        sid += "/" + e.service
    if not e.source_evidence:
        sid += ":overlay"
        if e.home_region is not None:
            sid += "@" + e.home_region
    return sid


def serialize(
    entries: dict[tuple[str, str], Entry],
    *,
    aliases: dict[str, list[str]],
    service_sources: dict[str, str],
    botocore_services: int,
    network_sources: set[str],
    family_evidence: dict[str, list[str]],
    retired: dict[str, dict[str, Any]],
    header: dict[str, Any],
) -> bytes:
    """Deterministic JSON with stable ids: evidence strings and source rows are tables keyed by ids that do
    not depend on the other entries, and every table row and event sits on its own line, so adding one fact
    changes a few lines of the file."""
    texts = {s for e in entries.values() for s in (*e.source_evidence, *e.evidence)}
    texts.update(x for r in retired.values() for x in r["evidence"])
    texts.update(x for v in family_evidence.values() for x in v)
    strings: dict[str, str] = {}
    ids = {text: string_id(text, strings) for text in sorted(texts)}  # sorted: a collision's salt is stable
    sid = ids.__getitem__

    sources: dict[str, list[Any]] = {}
    rows: list[list[Any]] = []
    counts: dict[str, int] = {t: 0 for t in EVENT_TYPES}
    by_origin: dict[str, int] = {o: 0 for o in PROVENANCE}
    retired_events = 0
    unverified = 0
    for key in sorted(entries):
        e = entries[key]
        src_row = [
            e.event_source,
            e.service,
            1 if e.verified else 0,
            e.home_region,
            1 if e.event_source in network_sources else 0,
            [sid(s) for s in e.source_evidence],
        ]
        src_id = source_id(e)
        if sources.setdefault(src_id, src_row) != src_row:
            raise OverlayError(f"two source rows share the id {src_id!r}: {sources[src_id]} and {src_row}")
        mask = sum(1 << EVENT_TYPES.index(t) for t in e.event_types)
        flags = (1 if e.eventbridge_read_only else 0) | (2 if e.insights else 0)
        for o in e.origins:
            flags |= 4 << PROVENANCE.index(o)
            by_origin[o] += 1
        if e.service in retired:
            retired_events += 1
        ro = None if e.read_only is None else (1 if e.read_only else 0)
        evidence = [sid(s) for s in dict.fromkeys(e.evidence)]
        rows.append([e.event_name, src_id, mask, ro, flags, CATEGORIES.index(e.category), evidence])
        for t in e.event_types:
            counts[t] += 1
        unverified += 0 if e.verified else 1
    doc = dict(header)
    doc["counts"] = {
        "events": len(rows),
        "by_event_type": counts,
        "verified": len(rows) - unverified,
        "unverified": unverified,
        "event_sources": len({k[0] for k in entries}),
        "botocore_services": botocore_services,
        "by_origin": by_origin,
        "retired_events": retired_events,
        "retired_services": len(retired),
    }
    doc["provenance"] = list(PROVENANCE)
    doc["retired"] = {
        name: [r["retired"], [sid(x) for x in r["evidence"]], r["note"], r["from_botocore"]]
        for name, r in sorted(retired.items())
    }
    doc["event_types"] = list(EVENT_TYPES)
    doc["categories"] = list(CATEGORIES)
    doc["family_evidence"] = {k: [sid(s) for s in v] for k, v in sorted(family_evidence.items())}
    doc["services"] = dict(sorted(service_sources.items()))
    doc["aliases"] = aliases
    doc["sources"] = dict(sorted(sources.items()))
    doc["strings"] = dict(sorted(strings.items()))
    doc["events"] = rows
    return render(doc)


#: Top-level tables written one row per line (the rest of the header is one line per key).
_TABLES = ("aliases", "retired", "services", "sources", "strings")


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def render(doc: dict[str, Any]) -> bytes:
    """The catalog's text: one header key per line, one table row per line, one event per line (events last)."""
    parts: list[str] = []
    for key in sorted(k for k in doc if k != "events"):
        value = doc[key]
        if key in _TABLES and value:
            inner = ",\n".join(f"{_dump(k)}:{_dump(v)}" for k, v in sorted(value.items()))
            parts.append(f"{_dump(key)}:{{\n{inner}\n}}")
        else:
            parts.append(f"{_dump(key)}:{_dump(value)}")
    body = ",\n".join(_dump(r) for r in doc["events"])
    parts.append(f'"events":[\n{body}\n]')
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("ascii")


def main(argv: Iterable[str] | None = None) -> int:
    global OVERLAY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--botocore-wheel", type=Path, required=True, help="the pinned botocore wheel")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--overlay", type=Path, default=OVERLAY, help="the curated overlay folder")
    parser.add_argument(
        "--retired-wheel",
        type=Path,
        action="append",
        default=[],
        help="an older botocore wheel for the services of retired_services.json (repeatable)",
    )
    parser.add_argument("--check", action="store_true", help="fail if the committed catalog is stale")
    args = parser.parse_args(list(argv) if argv is not None else None)
    OVERLAY = args.overlay
    try:
        data = build(args.botocore_wheel, args.retired_wheel)
    except OverlayError as exc:
        print(f"build_catalog: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return common.check_output("build_catalog", "catalog", args.output, data)
    for note in NOTES:
        print(note, file=sys.stderr)
    common.write_output(args.output, data)
    doc = json.loads(data)
    print(f"wrote {common.relative(args.output)}: {len(data):,} bytes; counts {json.dumps(doc['counts'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
