"""The catalog in memory: the bundled data (``data/catalog.json``), loaded on first use, and its indexes.

Layout of the file (written by ``scripts/build_catalog.py``):

* ``schema``, ``date`` (of the pinned botocore data), ``upstream`` (botocore version and date, wheel
  sha256s, the older wheels of retired services), ``overlay_sha256``, ``counts``;
* ``strings``: evidence strings by stable id (a hash of the text, so adding one renumbers nothing);
* ``sources``: rows ``[event_source, service, verified, home_region, network_activity, [evidence]]`` by
  stable id (e.g. ``ec2``, ``elasticloadbalancing/elbv2``, ``signin:overlay@us-east-1``);
* ``services``: botocore service name -> eventSource (retired services included);
* ``retired``: botocore service name -> ``[date, [evidence], note, botocore version read]``;
* ``events``: rows ``[event_name, source_id, event_type_bits, read_only, flags, category, [evidence]]``
  where flags bit 0 is ``eventbridge_read_only``, bit 1 is ``insights`` and bits 2.. are the entry's
  origins in the order of :data:`~ctrules.catalog.model.ORIGINS`.

Projects may add entries at run time (:meth:`Store.add`); :attr:`Store.generation` counts those changes so
that a cache keyed on catalog contents can tell.

Nothing is read at import time. The first call to :func:`store` parses the file once (a few tens of
milliseconds); the indexes are built on first use, :class:`~ctrules.catalog.model.CatalogEvent` objects on
first use of each entry, and both are cached.
"""

from __future__ import annotations

import atexit
import json
from _thread import allocate_lock
from functools import cached_property
from pathlib import Path

from ctrules.catalog.model import (
    CATEGORIES,
    EVENT_TYPES,
    ORIGINS,
    CatalogEvent,
    deliverable_detail_types,
    source_of,
)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

if TYPE_CHECKING:
    from typing import Any

__all__ = ["Store", "store"]

_LOCK = allocate_lock()  # threading.Lock() itself, without importing threading
_STORE: Store | None = None
_RELEASE_REGISTERED = False
_TYPES_BY_MASK: dict[int, tuple[str, ...]] = {}

#: What the checks' fast path needs of one entry: (deliverable detail-types, eventbridge_read_only,
#: category, home_region). See :meth:`Store.facts`.
Facts = tuple[frozenset[str], bool, str, "str | None"]


_ORIGINS_BY_FLAGS: dict[int, tuple[str, ...]] = {}
_ORIGIN_SHIFT = 2
#: Lookups by name answered by a scan of the rows before :attr:`Store.by_name` is built.
_SCANS_BEFORE_INDEX = 4


def _origins(flags: int) -> tuple[str, ...]:
    bits = flags >> _ORIGIN_SHIFT
    o = _ORIGINS_BY_FLAGS.get(bits)
    if o is None:
        o = tuple(name for i, name in enumerate(ORIGINS) if bits & (1 << i))
        _ORIGINS_BY_FLAGS[bits] = o
    return o


def origin_flag(origin: str) -> int:
    """The flags bit of one origin (see :data:`~ctrules.catalog.model.ORIGINS`)."""
    return 1 << (_ORIGIN_SHIFT + ORIGINS.index(origin))


def _types(mask: int) -> tuple[str, ...]:
    t = _TYPES_BY_MASK.get(mask)
    if t is None:
        t = tuple(name for i, name in enumerate(EVENT_TYPES) if mask & (1 << i))
        _TYPES_BY_MASK[mask] = t
    return t


class Store:
    """The parsed catalog: raw rows plus indexes, with entries materialised on demand."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.rows: list[list[Any]] = doc["events"]
        self.strings: dict[str, str] = doc["strings"]
        self.sources: dict[str, list[Any]] = doc["sources"]
        self.service_sources: dict[str, str] = doc["services"]
        self.retired: dict[str, list[Any]] = doc.get("retired", {})
        #: How many times :meth:`add` changed the catalog in this process.
        self.generation = 0
        #: Row indexes of the entries a project added or changed (:meth:`add`).
        self.added: set[int] = set()
        self._cache: dict[int, CatalogEvent] = {}
        self._facts: dict[int, Facts] = {}
        self._names_of: dict[str, list[str]] = {}
        self._scans = 0

    @cached_property
    def by_name(self) -> dict[str, list[int]]:
        """eventName -> row indexes (built on first use)."""
        by_name: dict[str, list[int]] = {}
        for i, row in enumerate(self.rows):
            lst = by_name.get(row[0])
            if lst is None:
                by_name[row[0]] = [i]
            else:
                lst.append(i)
        return by_name

    def indexes_named(self, name: str) -> list[int]:
        """Row indexes of the entries named ``name``, in row order (empty when none).

        The first few calls scan the rows (a fraction of the cost of indexing every name: a process that looks
        up one name, such as ``ctrules info``, never pays for the index); later calls use :attr:`by_name`.
        """
        if "by_name" not in self.__dict__ and self._scans < _SCANS_BEFORE_INDEX:
            self._scans += 1
            return [i for i, row in enumerate(self.rows) if row[0] == name]
        return self.by_name.get(name, [])

    def event(self, index: int) -> CatalogEvent:
        """The entry at row ``index`` (cached)."""
        ev = self._cache.get(index)
        if ev is not None:
            return ev
        name, src_i, mask, ro, flags, cat, evidence = self.rows[index]
        event_source, service, verified, home, _network, src_evidence = self.sources[src_i]
        strings = self.strings
        retired = self.retired.get(service) if service is not None else None
        ev = CatalogEvent(
            event_name=name,
            event_source=event_source,
            source=source_of(event_source),
            event_types=_types(mask),
            read_only=None if ro is None else bool(ro),
            eventbridge_read_only=bool(flags & 1),
            category=CATEGORIES[cat],
            home_region=home,
            service=service,
            verified=bool(verified),
            evidence=tuple(strings[i] for i in src_evidence) + tuple(strings[i] for i in evidence),
            insights=bool(flags & 2),
            network_activity=bool(_network),
            origins=_origins(flags),
            retired=None if retired is None else retired[0],
        )
        self._cache[index] = ev
        return ev

    def facts(self, index: int) -> Facts:
        """A few facts of the entry at row ``index``, read from the row without building a
        :class:`~ctrules.catalog.model.CatalogEvent` (cached)."""
        found = self._facts.get(index)
        if found is None:
            _, src_i, mask, _ro, flags, cat, _evidence = self.rows[index]
            source_row = self.sources[src_i]
            found = (
                frozenset(deliverable_detail_types(_types(mask), bool(flags & 2), bool(source_row[4]))),
                bool(flags & 1),
                CATEGORIES[cat],
                source_row[3],
            )
            self._facts[index] = found
        return found

    def indexes_in(self, name: str, event_sources: frozenset[str]) -> list[int]:
        """Row indexes of the entries named ``name`` whose eventSource is in ``event_sources``, in row order."""
        by_key = self.by_key
        if len(event_sources) == 1:
            (only,) = event_sources
            i = by_key.get((only, name))
            return [] if i is None else [i]
        found = [by_key[(es, name)] for es in event_sources if (es, name) in by_key]
        found.sort()
        return found

    @cached_property
    def by_source(self) -> dict[str, list[int]]:
        """eventSource -> row indexes."""
        out: dict[str, list[int]] = {}
        for i, row in enumerate(self.rows):
            out.setdefault(self.sources[row[1]][0], []).append(i)
        return out

    def names_of(self, event_source: str) -> list[str]:
        """The event names of one eventSource (cached; empty for an unknown one)."""
        found = self._names_of.get(event_source)
        if found is None:
            rows = self.rows
            found = self._names_of[event_source] = [rows[i][0] for i in self.by_source.get(event_source, ())]
        return found

    @cached_property
    def by_key(self) -> dict[tuple[str, str], int]:
        """(eventSource, eventName) -> row index."""
        sources = self.sources
        return {(sources[row[1]][0], row[0]): i for i, row in enumerate(self.rows)}

    @cached_property
    def source_names(self) -> dict[str, str]:
        """EventBridge source (``aws.x``) -> eventSource, for every eventSource of the catalog."""
        return {source_of(es): es for es in self.by_source}

    @cached_property
    def sorted_sources(self) -> list[str]:
        """Every EventBridge source of the catalog, sorted."""
        return sorted(self.source_names)

    @cached_property
    def sorted_event_sources(self) -> list[str]:
        """Every eventSource of the catalog, sorted."""
        return sorted(self.by_source)

    def lookup_in(self, name: str, event_sources: frozenset[str]) -> tuple[CatalogEvent, ...]:
        """Entries named ``name`` whose eventSource is in ``event_sources``."""
        return tuple(self.event(i) for i in self.indexes_in(name, event_sources))

    @cached_property
    def aliases(self) -> dict[str, dict[str, list[str]]]:
        """SDK operation name -> {eventSource: the names CloudTrail logs instead}."""
        out: dict[str, dict[str, list[str]]] = {}
        for key, names in self.doc.get("aliases", {}).items():
            event_source, _, operation = key.partition("|")
            out.setdefault(operation, {})[event_source] = names
        return out

    @cached_property
    def sorted_names(self) -> list[str]:
        """Every distinct event name, sorted."""
        return sorted(self.by_name)

    @cached_property
    def names_by_length(self) -> dict[int, list[str]]:
        """Distinct event names by length."""
        out: dict[int, list[str]] = {}
        for name in self.by_name:
            out.setdefault(len(name), []).append(name)
        return out

    @cached_property
    def names_by_lower(self) -> dict[str, list[str]]:
        """Lower-cased event name -> the names with that spelling."""
        out: dict[str, list[str]] = {}
        for name in self.by_name:
            out.setdefault(name.lower(), []).append(name)
        return out

    @cached_property
    def network_sources(self) -> frozenset[str]:
        """eventSources that log network activity events."""
        return frozenset(s[0] for s in self.sources.values() if s[4])

    def family_evidence(self, family: str) -> tuple[str, ...]:
        """Evidence for an event family (``insights``, ``network_activity``)."""
        return tuple(self.strings[i] for i in self.doc["family_evidence"].get(family, []))

    def add(
        self,
        event_name: str,
        event_source: str,
        *,
        types_mask: int,
        read_only: bool | None,
        category: str,
        home_region: str | None,
        evidence: tuple[str, ...],
        flags: int,
    ) -> int:
        """Add one entry, or merge it into the existing entry with the same key (eventTypes, evidence and
        flags are added; read_only and category are kept). Returns the row index."""
        by_key, by_source, by_name = self.by_key, self.by_source, self.by_name  # built before the rows change
        strings = self.strings
        ev_ids: list[str] = []
        for text in evidence:
            ev_ids.append(f"user:{len(strings)}")  # hash ids are hex: no clash
            strings[ev_ids[-1]] = text
        i = by_key.get((event_source, event_name))
        if i is not None:
            row = self.rows[i]
            row[2] |= types_mask
            row[4] |= flags
            row[6] = [*row[6], *ev_ids]
        else:
            src_i = self._user_source(event_source, home_region)
            ro = None if read_only is None else int(read_only)
            row = [event_name, src_i, types_mask, ro, flags, CATEGORIES.index(category), ev_ids]
            i = len(self.rows)
            self.rows.append(row)
            by_name.setdefault(event_name, []).append(i)
            by_key[(event_source, event_name)] = i
            by_source.setdefault(event_source, []).append(i)
        self.added.add(i)
        self._changed(i)
        return i

    def _user_source(self, event_source: str, home_region: str | None) -> str:
        """The source row for a project-added entry: the eventSource's first row when the catalog knows it
        (same service and region facts), else a new row."""
        known = self.by_source.get(event_source)
        if known:
            src_i: str = self.rows[known[0]][1]
            if self.sources[src_i][3] == home_region:
                return src_i
        service = next((k for k, v in self.service_sources.items() if v == event_source), None)
        src_id = f"user:{len(self.sources)}"
        self.sources[src_id] = [event_source, service, 1, home_region, 0, []]
        return src_id

    def _changed(self, index: int) -> None:
        """Forget what was derived from the rows (entry ``index`` changed or was added)."""
        self.generation += 1
        self._cache.pop(index, None)
        self._facts.pop(index, None)
        self._names_of.clear()
        for name in ("source_names", "sorted_sources", "sorted_event_sources", "sorted_names",
                     "names_by_length", "names_by_lower", "network_sources"):  # fmt: skip
            self.__dict__.pop(name, None)


def _read() -> dict[str, Any]:
    data = (Path(__file__).parent / "data" / "catalog.json").read_bytes()
    doc: dict[str, Any] = json.loads(data)
    return doc


def store() -> Store:
    """The process-wide catalog, loaded on first call."""
    global _STORE, _RELEASE_REGISTERED
    s = _STORE
    if s is None:
        with _LOCK:
            s = _STORE
            if s is None:
                s = Store(_read())
                _STORE = s
                if not _RELEASE_REGISTERED:
                    atexit.register(_release)
                    _RELEASE_REGISTERED = True
    return s


def _release() -> None:
    """Let the catalog go at interpreter exit (an ``atexit`` hook).

    The parsed data is some 100,000 lists and dicts. Left in place, the cyclic collector's passes at
    shutdown would walk all of them (as long again as parsing the file); dropped first, reference counting
    frees them at once, as it would any other data. A later call to :func:`store` loads the catalog again.
    """
    global _STORE
    _STORE = None
