#!/usr/bin/env python3
"""Generate the record shapes of ctrules' catalog: the fields CloudTrail records per event.

Inputs (pinned, so the output is reproducible byte for byte):

* the botocore wheel (``--botocore-wheel``), read as a zip file and never installed: each operation's
  input and output shapes give ``requestParameters`` and ``responseElements``;
* ``ctrules/catalog/data/catalog.json`` (botocore service -> eventSource) and the catalog overlay's
  ``name_quirks.json`` (operations CloudTrail logs under another name);
* ``ctrules/catalog/overlay/service_event_shapes.json``: hand-curated facts with evidence (the record's
  top-level fields, ``serviceEventDetails`` and ``additionalEventData`` of events, fields CloudTrail
  records as JSON strings, fields seen in records that botocore does not model);
* real records (``tests/catalog/records/*.json``, each with its source and commit): an event whose
  records carry only fields the shape knows is marked ``seen``, with the records as evidence.

Naming rules CloudTrail applies (each backed by real records, see the overlay's ``naming`` section):

* json, rest-json, query and smithy-rpc-v2-cbor services: every member, nested ones too, under its
  shape name with the first letter lower-cased (``FunctionName`` -> ``functionName``, ``TTL`` ->
  ``tTL``); some services keep the first letter upper-case, so both first-letter cases are accepted.
  Lists are plain arrays, maps and documents hold any key.
* ec2: members under their ``locationName`` lower-camelled, lists as ``{"items": [...]}`` under the
  member name or its ``...Set`` form; responses carry ``requestId`` and ``_return`` for ``Return``.
* rest-xml S3: ``bucketName``, ``key``, ``Host``; query-string and header members under their location
  names; the operation's sub-resource (``?lifecycle``) as an empty key; the XML body under its element
  names with their case (``ServerSideEncryptionConfiguration.Rule...``) plus ``xmlns``.
  Other rest-xml services (CloudFront, Route 53) follow the json rule.

Output: ``ctrules/catalog/data/shapes.json.gz``, read by ``ctrules/catalog/shapes.py``. Its ``structs`` are
interned objects (a key maps to a row index or a leaf code: ``s`` a value of unknown type, ``S``/``b``/``n``/``t``
a string/boolean/number/timestamp, ``e<N>`` a string of ``enums[N]``, ``j`` a JSON string, ``J`` JSON text, ``r``
redacted, ``*`` any key); ``events[source][name]`` is ``[requestParameters, responseElements, additionalEventData,
serviceEventDetails, seen, evidence]`` plus, for events real records show, ``{"types": {path: letters},
"records": [...], "cite": {path: [record indices]}}``.
``--check`` regenerates in memory and exits 1 when the committed file differs.

Leaves carry the SDK's type of a value (string, boolean, number, timestamp; ``e<N>``: a string of the SDK
enumeration N, kept up to :data:`MAX_ENUM` members) and each event the JSON types its real records hold per path
(``types``; the record wins where the two differ), which also tell fields recorded as JSON text.

One script of ~660 lines on purpose: the naming rules above act on the same converter and shape tree; what it
shares with ``build_catalog.py`` (reading the wheel, ``--check``) is in ``generator_common.py``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent) not in sys.path:  # the sibling module, also when loaded by file path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import generator_common as common

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "ctrules" / "catalog" / "data" / "catalog.json"
QUIRKS = ROOT / "ctrules" / "catalog" / "overlay" / "name_quirks.json"
OVERLAY = ROOT / "ctrules" / "catalog" / "overlay" / "service_event_shapes.json"
RECORDS = ROOT / "tests" / "catalog" / "records"
OUTPUT = ROOT / "ctrules" / "catalog" / "data" / "shapes.json.gz"
SCHEMA = 1

#: Leaf codes of the data (see ctrules/catalog/shapes.py).
SCALAR, JSON_STRING, JSON_TEXT, REDACTED, OPEN = "s", "j", "J", "r", "*"
#: Typed values from the SDK model: a string, a boolean, a number, a timestamp; ``e<N>``: a string of enumeration N.
STRING, BOOLEAN, NUMBER, TIMESTAMP = "S", "b", "n", "t"
LEAVES = (SCALAR, JSON_STRING, JSON_TEXT, REDACTED, OPEN, STRING, BOOLEAN, NUMBER, TIMESTAMP)
TYPED = (STRING, BOOLEAN, NUMBER, TIMESTAMP)
_ENUM_CODE = re.compile(r"e[0-9]+")
#: An SDK enumeration longer than this is not kept (it helps little and weighs much).
MAX_ENUM = 64
_SDK_TYPES = {"string": STRING, "boolean": BOOLEAN, "integer": NUMBER, "long": NUMBER, "float": NUMBER,
              "double": NUMBER, "bigdecimal": NUMBER, "bigint": NUMBER, "short": NUMBER, "byte": NUMBER,
              "timestamp": TIMESTAMP}  # fmt: skip
#: String members that hold a JSON policy document (CloudTrail records some as strings, some parsed).
POLICY_RE = re.compile(r"(?i)(policy|policydocument|policytext|policyjson|accesspolicies)$")
PARTS = ("requestParameters", "responseElements", "additionalEventData", "serviceEventDetails")


class ShapeError(Exception):
    """An input breaks the rules (overlay without evidence, unknown leaf code, ...)."""


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


# --------------------------------------------------------------------------- botocore -> trees


class Converter:
    """Turns one botocore service model into recorded-field trees (dicts; leaves are codes)."""

    def __init__(self, model: dict[str, Any], service: str, enums: dict[tuple[str, ...], int] | None = None) -> None:
        self.enums: dict[tuple[str, ...], int] = {} if enums is None else enums
        self.shapes: dict[str, Any] = model["shapes"]
        self.protocol: str = model["metadata"].get("protocol", "")
        self.service = service
        self.s3 = service in ("s3", "s3control")
        self._memo: dict[tuple[str, str], Any] = {}
        self._wrappers: dict[int, dict[str, Any]] = {}

    # -- generic (json-like) rule
    def tree(self, shape_name: str, mode: str, member_name: str = "") -> Any:
        """The recorded tree of a shape; ``mode`` is ``json``, ``ec2`` or ``xml``."""
        shape = self.shapes[shape_name]
        if shape.get("sensitive"):
            return REDACTED
        t = shape["type"]
        if t == "structure":
            if shape.get("document"):
                return OPEN
            key = (shape_name, mode)
            if key in self._memo:
                return self._memo[key]
            node: dict[str, Any] = {}
            self._memo[key] = node  # recursive shapes point back to the same dict
            for name, member in shape.get("members", {}).items():
                if member.get("streaming") or self.shapes[member["shape"]].get("streaming"):
                    continue
                if member.get("jsonvalue"):
                    node[self.name(name, member, mode)] = JSON_TEXT
                    continue
                self.put(node, name, member, mode)
            return node
        if t == "list":
            return self.tree(shape["member"]["shape"], mode, member_name)
        if t in ("map", "blob"):  # blobs show up as base64 text or as a dump of a Java ByteBuffer
            return OPEN
        if t == "string" and not shape.get("enum") and POLICY_RE.search(member_name):
            return JSON_TEXT
        members = shape.get("enum")
        if t == "string" and members and len(members) <= MAX_ENUM and all(isinstance(m, str) for m in members):
            return f"e{self.enums.setdefault(tuple(members), len(self.enums))}"
        return _SDK_TYPES.get(t, SCALAR)

    def _wrapped(self, item: Any) -> dict[str, Any]:
        """An EC2 list: its items under ``items`` (``item`` in some records) or inline; one dict per item."""
        if not isinstance(item, dict):
            return {"items": item}
        found = self._wrappers.get(id(item))
        if found is None:
            found = {**item, "items": item, "item": item}
            self._wrappers[id(item)] = found
        return found

    def name(self, name: str, member: dict[str, Any], mode: str) -> str:
        if mode == "xml":
            return str(member.get("locationName") or name)
        if mode == "ec2":
            return lower_first(str(member.get("locationName") or name))
        return lower_first(name)

    def put(self, node: dict[str, Any], name: str, member: dict[str, Any], mode: str) -> None:
        target = self.shapes[member["shape"]]
        key = self.name(name, member, mode)
        if mode == "ec2" and target["type"] == "list" and not target.get("sensitive"):
            item = self.tree(target["member"]["shape"], mode, name)
            if is_value(item):
                inner = lower_first(str(target["member"].get("locationName") or member.get("locationName") or name))
                item = {inner: item, "value": item}
            wrapped = self._wrapped(item)
            for alias in ec2_list_names(key):
                node.setdefault(alias, wrapped)
            return
        if mode == "xml" and target["type"] == "list" and not target.get("sensitive"):
            item = self.tree(target["member"]["shape"], mode, name)
            if member.get("flattened") or target.get("flattened"):
                node[str(member.get("locationName") or target["member"].get("locationName") or name)] = item
            else:
                node[key] = {str(target["member"].get("locationName") or "member"): item}
            return
        node[key] = self.tree(member["shape"], mode, name)

    # -- operations
    def request(self, op: dict[str, Any]) -> Any:
        ref = op.get("input")
        if not ref:
            return {}
        shape = self.shapes[ref["shape"]]
        if self.s3:
            return self.s3_request(op, shape)
        mode = "ec2" if self.protocol == "ec2" else "json"
        out = self.tree(ref["shape"], mode)
        if not isinstance(out, dict):
            return out
        out = dict(out)
        if mode == "ec2":  # newer EC2 APIs record the request under its XML root, members as named
            out[op["name"] + "Request"] = self.tree(ref["shape"], "xml")
        return out

    def response(self, op: dict[str, Any]) -> Any:
        ref = op.get("output")
        if not ref:
            return {"_return": SCALAR, "requestId": SCALAR, "requestID": SCALAR} if self.protocol == "ec2" else {}
        shape = self.shapes[ref["shape"]]
        if self.s3:
            return self.s3_members(shape, body_mode="xml")
        if self.protocol == "ec2":
            node = dict(self.tree(ref["shape"], "ec2"))
            node.pop("return", None)
            node.update({"_return": SCALAR, "requestId": SCALAR, "requestID": SCALAR})
            # Some records wrap the response in its XML root element.
            node[op["name"] + "Response"] = {**node, "xmlns": SCALAR}
            return node
        out = self.tree(ref["shape"], "json")
        if not isinstance(out, dict):
            return out
        out = dict(out)
        if self.protocol == "query" and len(out) == 1:
            # Query services differ: IAM keeps the one wrapper (responseElements.user.userName), RDS drops it
            # (responseElements.dBInstanceIdentifier). Both are accepted.
            (inner,) = out.values()
            if isinstance(inner, dict):
                out = {**inner, **out}
        return out

    def s3_request(self, op: dict[str, Any], shape: dict[str, Any]) -> dict[str, Any]:
        node = self.s3_members(shape, body_mode="xml")
        node.update({"Host": SCALAR, "host": SCALAR})
        uri = op.get("http", {}).get("requestUri", "")
        if "?" in uri:
            for part in uri.split("?", 1)[1].split("&"):
                if part:
                    node[part.split("=", 1)[0]] = SCALAR
        return node

    def s3_members(self, shape: dict[str, Any], body_mode: str) -> dict[str, Any]:
        node: dict[str, Any] = {}
        payload = shape.get("payload")
        for name, member in shape.get("members", {}).items():
            loc = member.get("location")
            target = self.shapes[member["shape"]]
            if member.get("streaming") or target.get("streaming"):
                continue
            if loc == "uri":
                node[{"Bucket": "bucketName", "Key": "key"}.get(name, lower_first(name))] = SCALAR
            elif loc in ("querystring", "header", "headers"):
                node[str(member.get("locationName") or name)] = OPEN if loc == "headers" else SCALAR
            elif loc == "statusCode":
                continue
            elif name == payload:
                root = str(member.get("locationName") or target.get("locationName") or name)
                body = self.tree(member["shape"], body_mode, name)
                node[root] = {**body, "xmlns": SCALAR} if isinstance(body, dict) else body
            else:
                self.put(node, name, member, body_mode)
        return node


def is_value(code: Any) -> bool:
    """True for the leaf code of a plain value (typed or not)."""
    return isinstance(code, str) and (code == SCALAR or code in TYPED or bool(_ENUM_CODE.fullmatch(code)))


def ec2_list_names(key: str) -> list[str]:
    """Names CloudTrail uses for an EC2 list member: ``groupId`` -> groupId, groupIdSet, groupsSet..."""
    names = [key, key + "s", key + "Set", key + "sSet"]
    if key.endswith("Id"):
        names.append(key[:-2] + "sSet")
        names.append(key[:-2] + "Set")
    if key.endswith("s"):
        names.append(key[:-1] + "Set")
    return list(dict.fromkeys(names))


# --------------------------------------------------------------------------- trees -> tables


def merge(a: Any, b: Any, _memo: dict[tuple[int, int], Any] | None = None) -> Any:
    """Union of two trees (a later fact may open a leaf into a structure); cycles are kept."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a is b:
            return a
        memo = {} if _memo is None else _memo
        pair = (id(a), id(b))
        if pair in memo:
            return memo[pair]
        out: dict[str, Any] = {}
        memo[pair] = out
        out.update(a)
        for k, v in b.items():
            out[k] = merge(out[k], v, memo) if k in out else v
        return out
    if a == b:
        return a
    if OPEN in (a, b) or JSON_TEXT in (a, b):
        return OPEN if OPEN in (a, b) else JSON_TEXT
    if isinstance(b, dict):
        return b
    if isinstance(a, dict):
        return a
    if is_value(a) and is_value(b) and SCALAR not in (a, b):
        return SCALAR  # two services sharing an eventSource disagree on the type: no type is claimed
    return b if a == SCALAR else a


class Table:
    """Structures interned by content; a recursive tree keeps its cycle through a reserved row."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._by_text: dict[str, int] = {}
        self._active: dict[int, int | None] = {}
        # Completed trees by identity (the tree is kept so its id stays unique): shared subtrees are
        # interned once, not walked again for every event that reaches them.
        self._done: dict[int, tuple[Any, int]] = {}

    def add(self, tree: Any) -> Any:
        if not isinstance(tree, dict):
            if tree not in LEAVES and not (isinstance(tree, str) and _ENUM_CODE.fullmatch(tree)):
                raise ShapeError(f"unknown leaf code {tree!r}")
            return tree
        tid = id(tree)
        done = self._done.get(tid)
        if done is not None:
            return done[1]
        if tid in self._active:  # a cycle: reserve the row of the tree being built
            index = self._active[tid]
            if index is None:
                index = self._active[tid] = len(self.rows)
                self.rows.append({})
            return index
        self._active[tid] = None
        row = {k: self.add(tree[k]) for k in sorted(tree)}
        reserved = self._active.pop(tid)
        text = json.dumps(row, sort_keys=True, separators=(",", ":"))
        if reserved is not None:
            self.rows[reserved] = row
            self._by_text.setdefault(text, reserved)
            found = reserved
        else:
            found = self._by_text.get(text)
            if found is None:
                found = self._by_text[text] = len(self.rows)
                self.rows.append(row)
        # A finished row is final; a reference to a reserved row stays right as the row is filled later.
        self._done[tid] = (tree, found)
        return found


# --------------------------------------------------------------------------- inputs


def read_services(wheel: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        version = common.wheel_version(names)
        versions = common.model_paths(names)
        models = {name: common.newest_model(zf, versions[name])[1] for name in sorted(versions)}
    if not version:
        raise common.not_a_wheel(wheel)
    return version, models


def need_evidence(where: str, evidence: Any) -> list[str]:
    if not isinstance(evidence, list) or not evidence or not all(isinstance(e, str) and e for e in evidence):
        raise ShapeError(f"{where}: needs a non-empty 'evidence' list of strings")
    return list(evidence)


def read_records(folder: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        for i, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            if not isinstance(item, dict) or not {"source", "commit", "record"} <= set(item):
                raise ShapeError(f"{path.name}[{i}]: needs source, commit and record")
            out.append(item)
    return out


# --------------------------------------------------------------------------- checking records


def leaf_paths(value: Any, prefix: str = "") -> Iterable[str]:
    """Every path to a leaf of a JSON value; arrays are transparent (as in EventBridge patterns)."""
    if isinstance(value, dict):
        if not value and prefix:
            yield prefix
        for k, v in value.items():
            yield from leaf_paths(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list):
        if not value and prefix:
            yield prefix
        for v in value:
            yield from leaf_paths(v, prefix)
    elif prefix:
        yield prefix


def accepts(tree: Any, path: list[str], lenient_case: bool) -> bool:
    node = tree
    for seg in path:
        if node in (OPEN, JSON_TEXT):
            return True
        if not isinstance(node, dict):
            return False
        nxt = node.get(seg)
        if nxt is None and lenient_case:
            nxt = node.get(lower_first(seg))
        if nxt is None:
            return False
        node = nxt
    return True


# --------------------------------------------------------------------------- build


def build(wheel: Path, records_dir: Path = RECORDS) -> bytes:
    version, models = read_services(wheel)
    catalog = json.loads(CATALOG.read_bytes())
    service_sources: dict[str, str] = catalog["services"]
    overlay = json.loads(OVERLAY.read_text(encoding="utf-8"))
    logged: dict[tuple[str, str], list[str]] = {}
    for q in json.loads(QUIRKS.read_text(encoding="utf-8")):
        names = list(q["event_names"])
        if not q["replaces_sdk_name"] and q["operation"] not in names:
            names.append(q["operation"])
        logged[(q["service"], q["operation"])] = names

    events: dict[tuple[str, str], dict[str, Any]] = {}
    protocols: dict[str, str] = {}
    enums: dict[tuple[str, ...], int] = {}
    for svc, model in models.items():
        es = service_sources.get(svc)
        if es is None:
            continue
        conv = Converter(model, svc, enums)
        protocol = "s3" if conv.s3 else "ec2" if conv.protocol == "ec2" else "json"
        protocols.setdefault(es, protocol)
        for op_name, op in sorted(model["operations"].items()):
            for event_name in logged.get((svc, op_name), [op_name]):
                key = (es, event_name)
                req, resp = conv.request(op), conv.response(op)
                if key in events:  # elb/elbv2, rds/docdb/neptune, s3/s3control share an eventSource
                    old = events[key]
                    old["requestParameters"] = merge(old["requestParameters"], req)
                    old["responseElements"] = merge(old["responseElements"], resp)
                    continue
                events[key] = {"requestParameters": req, "responseElements": resp, "origin": "botocore"}

    # Curated facts: service events, additionalEventData, fields botocore lacks, JSON strings.
    for item in overlay["events"]:
        for part in PARTS:
            if part in item:
                item[part] = _typed_overlay(item[part], enums)
    for i, item in enumerate(overlay["events"]):
        where = f"service_event_shapes.json events[{i}] {item.get('event_name')!r}"
        evidence = need_evidence(where, item.get("evidence"))
        key = (item["event_source"], item["event_name"])
        entry = events.setdefault(key, {"origin": "overlay"})
        for part in PARTS:
            if part in item:
                entry[part] = merge(entry.get(part, {}), item[part]) if part in entry else item[part]
        entry.setdefault("evidence", []).extend(evidence)
    for i, by_source in enumerate(overlay["additional_event_data_by_source"]):
        need_evidence(f"service_event_shapes.json additional_event_data_by_source[{i}]", by_source.get("evidence"))
        for key, entry in events.items():
            if key[0] == by_source["event_source"]:
                extra = by_source["additionalEventData"]
                old = entry.get("additionalEventData")
                entry["additionalEventData"] = extra if old is None else merge(old, extra)
    for i, js in enumerate(overlay["json_strings"]):
        where = f"service_event_shapes.json json_strings[{i}]"
        need_evidence(where, js.get("evidence"))
        for key, entry in events.items():
            if key[0] != js["event_source"] or (js.get("event_names") and key[1] not in js["event_names"]):
                continue
            for part in ("requestParameters", "responseElements"):
                _mark_json_strings(entry.get(part), set(js["fields"]))

    # Real records: confirm ("seen") the events whose records carry only known fields, and note the JSON type of
    # every value they hold (the record's type wins over the SDK's).
    notes: list[str] = []
    enum_list = [list(members) for members, _ in sorted(enums.items(), key=lambda kv: kv[1])]
    for item in read_records(records_dir):
        rec = item["record"]
        key = (rec.get("eventSource"), rec.get("eventName"))
        entry = events.get(key)  # type: ignore[arg-type]
        if entry is None:
            continue
        lenient = protocols.get(key[0], "json") == "json"
        bad = [
            f"{part}.{p}"
            for part in PARTS
            if isinstance(rec.get(part), dict) and part in entry
            for p in leaf_paths(rec[part])
            if not accepts(entry[part], p.split("."), lenient)
        ]
        source = f"{item['source']}@{item['commit'][:12]}"
        observed = entry.setdefault("observed", {})
        for part in PARTS:
            if isinstance(rec.get(part), dict) and isinstance(entry.get(part), dict):
                for p, letter, value in observe(rec[part], part):
                    if letter == "s":
                        code = node_at(entry, p.split("."), lenient)
                        if isinstance(code, str) and _ENUM_CODE.fullmatch(code) and value in enum_list[int(code[1:])]:
                            letter = "e"  # a member of the SDK's enumeration
                        elif _stringified(code, value):
                            # The SDK's number or boolean as text ("900", "True"): test logs that normalise values
                            # write them so; kept only where two sources agree (_kept_observations).
                            entry.setdefault("stringified_by", {}).setdefault(p, set()).add(item["source"])
                            entry.setdefault("observed_by", set()).add(source)
                            entry.setdefault("observed_src", {}).setdefault(p, set()).add(source)
                            continue
                    observed.setdefault(p, set()).add(letter)
                    if letter == "j":
                        entry.setdefault("json_text_by", {}).setdefault(p, set()).add(item["source"])
                    entry.setdefault("observed_by", set()).add(source)
                    entry.setdefault("observed_src", {}).setdefault(p, set()).add(source)
        if bad:
            entry.setdefault("disagree", []).append(source)
            notes.append(f"{key[0]} {key[1]}: {source} carries {bad[:3]}")
        else:
            entry.setdefault("seen", []).append(source)

    table = Table()
    strings: dict[str, int] = {}

    def sid(s: str) -> int:
        return strings.setdefault(s, len(strings))

    by_source: dict[str, dict[str, list[Any]]] = {}
    counts = {"events": 0, "seen": 0}
    for key in sorted(events):
        entry = events[key]
        refs = [table.add(entry[p]) if p in entry else None for p in PARTS]
        seen = sorted(set(entry.get("seen", []))) if not entry.get("disagree") else []
        evidence = [sid(s) for s in [*entry.get("evidence", []), *seen]]
        row = [*refs, 1 if seen else 0, evidence]
        kept = _kept_observations(entry)
        if kept:
            by = sorted(entry["observed_by"])
            # Per path, the records (indices into ``records``, at most three) that hold it: the evidence to cite.
            cite = {p: [by.index(s) for s in sorted(entry["observed_src"][p])[:3]] for p in kept}
            row.append({"types": kept, "records": [sid(s) for s in by], "cite": cite})
        by_source.setdefault(key[0], {})[key[1]] = row
        counts["events"] += 1
        counts["seen"] += 1 if seen else 0
    record_fields = {t: table.add(tree) for t, tree in sorted(overlay["record_fields"]["by_event_type"].items())}
    need_evidence("record_fields", overlay["record_fields"].get("evidence"))
    doc = {
        "schema": SCHEMA,
        # Only the catalog's services table is read: its hash, not the whole file's, so a new catalog event
        # leaves the shapes file unchanged.
        "upstream": {"botocore": version, "catalog_services_sha256": hashlib.sha256(
            json.dumps(service_sources, sort_keys=True).encode("utf-8")).hexdigest()},
        "overlay_sha256": hashlib.sha256(OVERLAY.read_bytes()).hexdigest(),
        "counts": counts,
        "enums": enum_list,
        "protocols": dict(sorted(protocols.items())),
        "record_fields": record_fields,
        "strings": list(strings),
        "structs": table.rows,
        "events": dict(sorted(by_source.items())),
    }
    NOTES[:] = notes
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    return gzip.compress(text, compresslevel=9, mtime=0)


NOTES: list[str] = []


def observe(value: Any, prefix: str) -> Iterable[tuple[str, str, Any]]:
    """(path, JSON type letter, value) for every value of a record part; arrays are transparent.

    Letters: ``s`` string (``e``: a member of the SDK's enumeration), ``j`` a string holding a JSON object or
    array (a document recorded as text), ``b`` boolean, ``n`` number, ``z`` null, ``o`` object. Keys that hold a
    dot cannot be written as paths: skipped.
    """
    if isinstance(value, dict):
        if prefix.count(".") and value:
            yield prefix, "o", None
        for k, v in value.items():
            if "." not in k and k:
                yield from observe(v, f"{prefix}.{k}")
    elif isinstance(value, list):
        for v in value:
            yield from observe(v, prefix)
    elif isinstance(value, bool):
        yield prefix, "b", value
    elif isinstance(value, (int, float)):
        yield prefix, "n", value
    elif value is None:
        yield prefix, "z", value
    elif isinstance(value, str):
        yield prefix, "j" if _json_text(value) else "s", value


def _json_text(text: str) -> bool:
    t = text.strip()
    if not t or t[0] not in "{[":
        return False
    try:
        return isinstance(json.loads(t), (dict, list))
    except ValueError:
        return False


def node_at(entry: dict[str, Any], segs: list[str], lenient: bool) -> Any:
    """The shape node at a record path (``requestParameters.a.b``), or None when the shape lacks it."""
    node: Any = entry.get(segs[0])
    for seg in segs[1:]:
        if not isinstance(node, dict):
            return None
        nxt = node.get(seg)
        if nxt is None and lenient:
            nxt = node.get(lower_first(seg))
        node = nxt
    return node


_NUMBER_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _stringified(code: Any, value: Any) -> bool:
    """Is ``value`` (a string of a record) the text of the number or boolean the SDK model types the field as?"""
    if not isinstance(value, str):
        return False
    if code == NUMBER:
        return _NUMBER_TEXT.fullmatch(value) is not None
    return code == BOOLEAN and value.lower() in ("true", "false")


def _kept_observations(entry: dict[str, Any]) -> dict[str, str]:
    """The JSON types real records show per path, where they say something: a value (the type of a value is
    record-backed), and objects only at paths some record also holds as JSON text. ``J`` is added where records
    from two sources or more hold JSON text (one source alone is not enough to call the field JSON text); the text
    of a number or boolean the SDK types as such counts as a string only where two sources or more hold it so
    (panther-analysis's test logs, for one, write numbers and booleans as text: "durationSeconds": "900")."""
    observed = {p: set(v) for p, v in entry.get("observed", {}).items()}
    for path, sources in entry.get("stringified_by", {}).items():
        if len(sources) >= 2:
            observed.setdefault(path, set()).add("s")
    out: dict[str, str] = {}
    for path, letters in sorted(observed.items()):
        if letters == {"o"}:
            continue
        sources = entry.get("json_text_by", {}).get(path, ())
        out[path] = "".join(sorted(letters | ({"J"} if len(sources) >= 2 else set())))
    return out


def _typed_overlay(tree: Any, enums: dict[tuple[str, ...], int]) -> Any:
    """An overlay tree with its ``e:A|B|C`` leaves (a documented set of values) turned into enumeration codes."""
    if isinstance(tree, dict):
        return {k: _typed_overlay(v, enums) for k, v in tree.items()}
    if isinstance(tree, str) and tree.startswith("e:"):
        members = tuple(tree[2:].split("|"))
        if not all(members):
            raise ShapeError(f"overlay enumeration {tree!r}: empty member")
        return f"e{enums.setdefault(members, len(enums))}"
    return tree


def _mark_json_strings(tree: Any, fields: set[str]) -> None:
    if not isinstance(tree, dict):
        return
    for k in list(tree):
        if k in fields and (tree[k] == JSON_TEXT or is_value(tree[k])):
            tree[k] = JSON_STRING


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--botocore-wheel", type=Path, required=True, help="the pinned botocore wheel")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--records", type=Path, default=RECORDS, help="folder of real records (evidence)")
    parser.add_argument("--check", action="store_true", help="fail if the committed shape data is stale")
    parser.add_argument("--verbose", action="store_true", help="list records that disagree with a shape")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        data = build(args.botocore_wheel, args.records)
    except (ShapeError, KeyError, json.JSONDecodeError) as exc:
        print(f"build_shapes: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return common.check_output("build_shapes", "shapes", args.output, data)
    if args.verbose:
        for note in NOTES:
            print(note, file=sys.stderr)
    common.write_output(args.output, data)
    doc = json.loads(gzip.decompress(data))
    print(
        f"wrote {common.relative(args.output)}: {len(data):,} bytes gzip ({len(gzip.decompress(data)):,} raw); "
        f"{len(doc['structs']):,} structures; counts {json.dumps(doc['counts'])}; "
        f"{len(NOTES)} records disagree with a shape"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
