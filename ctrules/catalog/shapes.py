"""Record shapes: which field paths a CloudTrail record of a given event carries (lazy, pure Python).

The data (``data/shapes.json.gz``, written by ``scripts/build_shapes.py``) is read on the first call
of this module, never by ``import ctrules.catalog`` nor by the catalog's own first lookup.

Two calls answer every question a check needs:

* :func:`fields_of` ``(event) -> Shape | None``: the shape of one catalog event, or ``None`` when
  ctrules claims none (unknown protocol, event not in the data). ``Shape.confidence`` is ``"seen"``
  when real records of the event carry only fields the shape knows (evidence in ``Shape.evidence``),
  else ``"derived"`` (from botocore's input/output shapes and CloudTrail's naming rules).
* :func:`path_status` ``(event, "requestParameters.bucketName") -> PathStatus``; ``status`` is one of

  - ``known``: the event's records carry this path;
  - ``unknown``: they never do; ``suggestions`` holds "did you mean" paths, best first;
  - ``inside-json-string``: the path goes inside a field CloudTrail records as a JSON *string*
    (IAM ``policyDocument``, or a field every real record of the event holds as JSON text); EventBridge cannot
    match inside it (``at`` is the string field);
  - ``maybe-inside-json-string``: real records of the event disagree: some hold the field as JSON text, some
    as an object (KMS ``PutKeyPolicy`` ``policy``); ``reason`` cites them;
  - ``redacted``: the field is recorded as ``HIDDEN_DUE_TO_SECURITY_REASONS``;
  - ``unchecked``: under a map, a document or free JSON text: any key may occur, nothing is claimed;
  - ``no-shape``: ctrules claims no shape for the event.

  ``PathStatus.ok`` is True for ``known`` and ``unchecked``. A finding should be a warning where
  ``confidence`` is ``derived`` and an error where it is ``seen``.

:meth:`Shape.value_type` ``(path) -> ValueType | None`` tells the JSON type of the values at a path: the SDK
model's type and enumeration (string, boolean, number, timestamp), and the JSON types real records of the event
hold there (which win where they differ: records carry numbers and booleans as strings in places).

Paths are relative to the EventBridge ``detail`` (``requestParameters.x``); a leading ``detail.`` or
``$.detail.`` is dropped, other ``$.`` paths are checked against the envelope (``$.source``). Array
steps (``[0]``, ``[*]``, numeric segments) are skipped: EventBridge matches through arrays.

Example::

    from ctrules.catalog import shapes

    shapes.path_status("CreateAccountResult", "serviceEventDetails.createAccountStatus.accountId").status
    # 'known'
    shapes.path_status("CreateRole", "requestParameters.assumeRolePolicyDocument.Statement").status
    # 'inside-json-string'
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ctrules.catalog.model import ENVELOPE_FIELDS, CatalogEvent

__all__ = [
    "ENVELOPE_FIELDS", "INSIDE_JSON_STRING", "KNOWN", "MAYBE_INSIDE_JSON_STRING", "NO_SHAPE", "REDACTED",
    "STATUSES", "UNCHECKED", "UNKNOWN", "PathStatus", "Shape", "ValueType", "data_info", "fields_of",
    "path_status", "record_backing", "record_envelope"
]  # fmt: skip

KNOWN: Final = "known"
UNKNOWN: Final = "unknown"
INSIDE_JSON_STRING: Final = "inside-json-string"
REDACTED: Final = "redacted"
UNCHECKED: Final = "unchecked"
NO_SHAPE: Final = "no-shape"
MAYBE_INSIDE_JSON_STRING: Final = "maybe-inside-json-string"
STATUSES: Final = (KNOWN, UNKNOWN, INSIDE_JSON_STRING, MAYBE_INSIDE_JSON_STRING, REDACTED, UNCHECKED, NO_SHAPE)

#: The record parts whose shape is per event (the rest is per eventType).
PARTS: Final = ("requestParameters", "responseElements", "additionalEventData", "serviceEventDetails")
_VALUE, _JSON_STRING, _JSON_TEXT, _REDACTED, _OPEN = "s", "j", "J", "r", "*"
#: SDK types of values (leaf codes of the data); ``e<N>`` is a string of the data's enumeration N.
_SDK_TYPES: Final = {"S": "string", "b": "boolean", "n": "number", "t": "timestamp"}
#: JSON types real records hold (letters of the data): ``e`` is a string member of the SDK's enumeration.
RECORD_TYPES: Final = {
    "s": "string", "e": "string", "j": "JSON text", "J": "JSON text (records from two sources or more)",
    "b": "boolean", "n": "number", "z": "null", "o": "object",
}  # fmt: skip
_INDEX = re.compile(r"\[[^\]]*\]")
_LOCK = threading.Lock()
_DATA: _Data | None = None


@dataclass(frozen=True)
class PathStatus:
    """What the records of one event say about one field path (see the module docstring)."""

    status: str
    path: str
    confidence: str | None = None
    suggestions: tuple[str, ...] = ()
    at: str | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True when a filter or input path on this field can see a value."""
        return self.status in (KNOWN, UNCHECKED)


@dataclass(frozen=True)
class ValueType:
    """The JSON type of the values at one path of an event's records.

    :param sdk: the AWS SDK model's type (``string``, ``boolean``, ``number``, ``timestamp``) or None.
    :param enum: the members of the SDK's enumeration of the field (empty when it has none or too many).
    :param record: the JSON types real records of the event hold there (letters of :data:`RECORD_TYPES`; empty
        when no record shows the path): they win over ``sdk``.
    :param evidence: real records of the event that hold the path (``source@commit``, at most three) when
        ``record`` is not empty.
    """

    sdk: str | None
    enum: tuple[str, ...]
    record: frozenset[str]
    evidence: tuple[str, ...]

    @property
    def enum_confirmed(self) -> bool:
        """True when real records hold the field and every value they show is a member of :attr:`enum`."""
        return bool(self.enum) and self.record == frozenset("e")


class _Data:
    """The parsed shape file."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.structs: list[dict[str, Any]] = doc["structs"]
        self.strings: list[str] = doc["strings"]
        self.events: dict[str, dict[str, list[Any]]] = doc["events"]
        self.protocols: dict[str, str] = doc["protocols"]
        self.record_fields: dict[str, Any] = doc["record_fields"]
        self.enums: list[list[str]] = doc.get("enums", [])


def _data() -> _Data:
    global _DATA
    d = _DATA
    if d is None:
        with _LOCK:
            d = _DATA
            if d is None:
                raw = (Path(__file__).parent / "data" / "shapes.json.gz").read_bytes()
                d = _DATA = _Data(json.loads(gzip.decompress(raw)))
    return d


def data_info() -> dict[str, Any]:
    """Header of the shape data: schema, upstream versions, counts."""
    doc = _data().doc
    return {k: doc[k] for k in ("schema", "upstream", "overlay_sha256", "counts")}


@dataclass(frozen=True)
class Shape:
    """The fields CloudTrail records for one event.

    :param event_source: the record's eventSource.
    :param event_name: the record's eventName.
    :param event_types: the eventTypes the event is recorded with (from the catalog).
    :param confidence: ``"seen"`` (real records confirm it) or ``"derived"``.
    :param evidence: records and pages backing the shape.
    :param parts_known: False when only the record's top-level fields are known (an event no SDK models
        and no curated record covers): its ``requestParameters``... are then ``unchecked``.
    """

    event_source: str
    event_name: str
    event_types: tuple[str, ...]
    confidence: str
    evidence: tuple[str, ...]
    parts_known: bool
    _parts: tuple[Any, ...]
    _lenient: bool
    _observed: dict[str, str] | None = None
    _observed_by: tuple[str, ...] = ()
    _cite: dict[str, list[int]] | None = None

    def _sources(self, path: str) -> tuple[str, ...]:
        """The real records (``source@commit``, at most three) that hold ``path``."""
        found = (self._cite or {}).get(path)
        if found is None:
            return self._observed_by[:3]
        return tuple(self._observed_by[i] for i in found)

    def value_type(self, path: str) -> ValueType | None:
        """The :class:`ValueType` of the values at ``path``, or None when the path holds no plain value."""
        segs, envelope = _split(path)
        if envelope or not segs or _status(self, path).status != KNOWN:
            return None
        code = self._leaf(segs)
        letters = (self._observed or {}).get(".".join(segs), "")
        if not isinstance(code, str) and not letters:
            return None
        data = _data()
        sdk = _SDK_TYPES.get(code) if isinstance(code, str) else None
        enum: tuple[str, ...] = ()
        if isinstance(code, str) and code[:1] == "e" and code[1:].isdigit():
            sdk, enum = "string", tuple(data.enums[int(code[1:])])
        return ValueType(sdk, enum, frozenset(letters), self._sources(".".join(segs)) if letters else ())

    def _leaf(self, segs: list[str]) -> Any:
        data = _data()
        for root in self._roots():
            node: Any = root
            lenient = False
            for i, seg in enumerate(segs):
                if isinstance(node, int):
                    node = data.structs[node]
                if not isinstance(node, dict):
                    node = None
                    break
                nxt = node.get(seg)
                if nxt is None and lenient and seg[:1].isupper():
                    nxt = node.get(seg[:1].lower() + seg[1:])
                if i == 0 and seg in ("requestParameters", "responseElements"):
                    lenient = self._lenient
                node = nxt
            if node is not None:
                return data.structs[node] if isinstance(node, int) else node
        return None

    def status(self, path: str) -> PathStatus:
        """The :class:`PathStatus` of ``path`` in this event's records."""
        return _status(self, path)

    def fields(self, part: str | None = None, *, depth: int = 6) -> list[str]:
        """Every known field path (to ``depth`` levels), optionally only under one part, sorted."""
        out: list[str] = []
        for root in self._roots():
            for name, ref in sorted(root.items()):
                if part is not None and name != part:
                    continue
                out.extend(_walk(ref, name, depth))
        return sorted(set(out))

    def _roots(self) -> Iterator[dict[str, Any]]:
        data = _data()
        for t in self.event_types:
            ref = data.record_fields.get(t)
            if ref is None:
                continue
            root = dict(data.structs[ref])
            for name, own in zip(PARTS, self._parts, strict=True):
                if own is not None:
                    root[name] = own
            yield root


def _walk(ref: Any, prefix: str, depth: int, seen: frozenset[int] = frozenset()) -> Iterator[str]:
    if isinstance(ref, int) and depth > 0 and ref not in seen:
        node = _data().structs[ref]
        if not node:
            yield prefix
        for k, v in node.items():
            yield from _walk(v, f"{prefix}.{k}", depth - 1, seen | {ref})
    else:
        yield prefix


_ENVELOPE: dict[str, Any] | None = None


def _decode(ref: Any, seen: frozenset[int] = frozenset()) -> Any:
    if isinstance(ref, int):
        if ref in seen:
            return _OPEN
        return {k: _decode(v, seen | {ref}) for k, v in _data().structs[ref].items()}
    return ref


def _merge(into: dict[str, Any], tree: dict[str, Any]) -> None:
    for k, v in tree.items():
        old = into.get(k)
        if isinstance(old, dict) and isinstance(v, dict):
            _merge(old, v)
        elif old is None or isinstance(v, dict):
            into[k] = v


def record_envelope() -> dict[str, Any]:
    """The fields of the CloudTrail record outside the per-event parts, over every eventType, as a nested dict.

    A key maps to a dict (an object with these keys; a list of objects such as ``resources`` is shown as its
    item), to ``"s"`` (a value), or to ``"*"`` (any key may occur below it, e.g. ``requestParameters``,
    whose fields :func:`path_status` knows per event). Read-only: callers must not change it.
    """
    global _ENVELOPE
    env = _ENVELOPE
    if env is None:
        data = _data()
        merged: dict[str, Any] = {}
        for ref in data.record_fields.values():
            tree = _decode(ref)
            if isinstance(tree, dict):
                _merge(merged, tree)
        env = _ENVELOPE = merged
    return env


def _resolve(event: CatalogEvent | str, service: str | None) -> CatalogEvent:
    if isinstance(event, CatalogEvent):
        return event
    from ctrules.catalog.api import get

    return get(event, service=service)


def record_backing(event: CatalogEvent) -> tuple[bool, int]:
    """Whether real records confirm an event's shape, and how many events of its eventSource they confirm."""
    by_name = _data().events.get(event.event_source, {})
    return bool((by_name.get(event.event_name) or [0] * 5)[4]), sum(1 for r in by_name.values() if r[4])


def fields_of(event: CatalogEvent | str, *, service: str | None = None) -> Shape | None:
    """The :class:`Shape` of ``event`` (a catalog entry or an event name), or ``None`` when unknown.

    :raises ctrules.errors.UnknownEventError: for a name the catalog does not know.
    :raises ctrules.errors.AmbiguousEventError: for a name several services log, without ``service``.
    """
    ev = _resolve(event, service)
    data = _data()
    row = data.events.get(ev.event_source, {}).get(ev.event_name)
    if row is None:
        if not any(t in data.record_fields for t in ev.event_types):
            return None
        row = [None, None, None, None, 0, []]
    parts, seen, evidence = row[:4], row[4], row[5]
    observed: dict[str, Any] = row[6] if len(row) > 6 else {}
    return Shape(
        event_source=ev.event_source,
        event_name=ev.event_name,
        event_types=ev.event_types,
        confidence="seen" if seen else "derived",
        evidence=tuple(data.strings[i] for i in evidence),
        parts_known=any(p is not None for p in parts),
        _parts=tuple(parts),
        _lenient=data.protocols.get(ev.event_source) == "json",
        _observed=observed.get("types"),
        _observed_by=tuple(data.strings[i] for i in observed.get("records", ())),
        _cite=observed.get("cite"),
    )


def path_status(event: CatalogEvent | str, path: str, *, service: str | None = None) -> PathStatus:
    """The :class:`PathStatus` of ``path`` for ``event`` (see the module docstring)."""
    shape = fields_of(event, service=service)
    if shape is None:
        return PathStatus(NO_SHAPE, path, reason="ctrules claims no record shape for this event")
    return _status(shape, path)


def _split(path: str) -> tuple[list[str], bool]:
    """Segments of ``path`` below ``detail`` and whether it addresses the envelope instead."""
    p = _INDEX.sub("", path.strip())
    envelope = False
    if p.startswith("$."):
        p = p[2:]
        envelope = True
    segs = [s for s in p.split(".") if s and not s.isdigit() and s != "*"]
    if segs and segs[0] == "detail":
        return segs[1:], False
    return segs, envelope


def _status(shape: Shape, path: str) -> PathStatus:
    segs, envelope = _split(path)
    conf = shape.confidence
    if envelope:
        if len(segs) == 1 and segs[0] in ENVELOPE_FIELDS:
            return PathStatus(KNOWN, path, conf)
        head = segs[0] if segs else ""
        return PathStatus(
            UNKNOWN, path, conf, _close(head, sorted(ENVELOPE_FIELDS), "$."), "$", "not a field of the envelope"
        )
    if not segs:
        return PathStatus(KNOWN, path, conf)
    best: PathStatus | None = None
    for root in shape._roots():
        found = _walk_path(shape, root, segs, path)
        if found.ok or found.status != UNKNOWN:
            best = found
            break
        if best is None or len(found.suggestions) > len(best.suggestions):
            best = found
    if best is None or best.status != INSIDE_JSON_STRING:  # a curated JSON string (with evidence) stays one
        inside = _inside_json_text(shape, segs, path)
        if inside is not None:
            return inside
    return best or PathStatus(NO_SHAPE, path, conf)


def _inside_json_text(shape: Shape, segs: list[str], path: str) -> PathStatus | None:
    """INSIDE_JSON_STRING (or MAYBE_...) when real records of the event hold a field above the path as JSON text."""
    observed = shape._observed
    if not observed:
        return None
    for i in range(1, len(segs)):
        at = ".".join(segs[:i])
        letters = observed.get(at)
        if not letters or "j" not in letters:
            continue
        cite = ", ".join(shape._sources(at))
        if set(letters) <= {"j", "J", "z"} and "J" in letters:
            why = (
                f"real records of {shape.event_name} hold {at} as a JSON string ({cite}); EventBridge cannot match "
                "keys inside it"
            )
            return PathStatus(INSIDE_JSON_STRING, path, "seen", at=at, reason=why)
        if set(letters) <= {"j", "z"}:
            why = f"one source of real records of {shape.event_name} holds {at} as a JSON string ({cite})"
        else:
            why = (
                f"real records of {shape.event_name} disagree: some hold {at} as a JSON string, some as an object "
                f"({cite})"
            )
        return PathStatus(MAYBE_INSIDE_JSON_STRING, path, "seen", at=at, reason=why)
    return None


def _walk_path(shape: Shape, root: dict[str, Any], segs: list[str], path: str) -> PathStatus:
    data = _data()
    conf = shape.confidence
    node: Any = root
    lenient = False
    for i, seg in enumerate(segs):
        where = ".".join(segs[:i])
        if isinstance(node, int):
            node = data.structs[node]
        if node in (_OPEN, _JSON_TEXT):
            return PathStatus(UNCHECKED, path, conf, at=where, reason="any key may occur below " + where)
        if node == _JSON_STRING:
            return PathStatus(
                INSIDE_JSON_STRING,
                path,
                conf,
                at=where,
                reason=f"{where} is recorded as a JSON string; EventBridge cannot match keys inside it",
            )
        if node == _REDACTED:
            why = f"{where} is recorded as HIDDEN_DUE_TO_SECURITY_REASONS"
            return PathStatus(REDACTED, path, conf, at=where, reason=why)
        if not isinstance(node, dict):
            return PathStatus(UNKNOWN, path, conf, at=where, reason=f"{where} is a value, it has no fields")
        nxt = node.get(seg)
        if nxt is None and lenient and seg[:1].isupper():
            nxt = node.get(seg[:1].lower() + seg[1:])
        if nxt is None:
            prefix = f"{where}." if where else ""
            return PathStatus(
                UNKNOWN,
                path,
                conf,
                _complete(shape, node, _close(seg, list(node), ""), segs[i + 1 :], prefix),
                where,
                f"the records of {shape.event_name} carry no {seg!r}" + (f" under {where}" if where else ""),
            )
        if i == 0 and seg in ("requestParameters", "responseElements"):
            lenient = shape._lenient
        node = nxt
    if node == _REDACTED:
        return PathStatus(REDACTED, path, conf, at=".".join(segs), reason="recorded as HIDDEN_DUE_TO_SECURITY_REASONS")
    if node in (_OPEN, _JSON_TEXT):
        return PathStatus(UNCHECKED, path, conf, at=".".join(segs))
    return PathStatus(KNOWN, path, conf)


def _complete(
    shape: Shape, node: dict[str, Any], names: tuple[str, ...], rest: list[str], prefix: str
) -> tuple[str, ...]:
    """Suggested paths: a close name followed by the rest of the path when the rest fits under it."""
    out: list[str] = []
    for name in names:
        full = [name, *rest]
        fits = rest and _walk_path(shape, {name: node[name]}, full, "").status == KNOWN
        out.append(prefix + ".".join(full if fits else [name]))
    return tuple(out)


def _close(seg: str, names: list[str], prefix: str) -> tuple[str, ...]:
    out = [n for n in names if n.lower() == seg.lower() and n != seg]
    out += [n for n in difflib.get_close_matches(seg, names, n=3, cutoff=0.6) if n not in out]
    return tuple(prefix + n for n in out[:3])
