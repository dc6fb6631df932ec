"""Lookup API of the catalog: :func:`lookup`, :func:`get`, :func:`suggest`, :func:`services`, ...

Pure Python, no ``aws_cdk`` import. The data is loaded on the first call, once per process.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from ctrules.catalog._store import store
from ctrules.catalog.model import CatalogEvent
from ctrules.errors import AmbiguousEventError, UnknownEventError, UnknownServiceError

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "all_events",
    "event_source_for",
    "events",
    "get",
    "info",
    "lookup",
    "search",
    "services",
    "suggest",
]

_SUFFIX = ".amazonaws.com"


def event_source_for(service: str) -> str:
    """The CloudTrail eventSource a ``service`` argument stands for.

    :param service: a botocore service name (``"elbv2"``), an EventBridge source (``"aws.organizations"``),
        an eventSource (``"organizations.amazonaws.com"``) or its short form (``"signin"``).
    :raises UnknownServiceError: when none of these matches (with suggestions).
    """
    s = store()
    raw = service.strip()
    if raw in s.service_sources:
        return s.service_sources[raw]
    base = raw[4:] if raw.startswith("aws.") else raw
    es = base if base.endswith(_SUFFIX) else base + _SUFFIX
    if es in s.by_source:
        return es
    lowered = raw.lower()
    if lowered != raw:
        try:
            return event_source_for(lowered)
        except UnknownServiceError:
            pass
    import difflib

    names = sorted(set(s.service_sources) | {k[: -len(_SUFFIX)] for k in s.by_source})
    raise UnknownServiceError(service, difflib.get_close_matches(base.lower(), names, n=3, cutoff=0.6))


def _require_str(what: str, value: object) -> None:
    """A clear TypeError for a non-string name (``None`` would otherwise look like "no such event")."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str (a CloudTrail name such as 'CreateBucket'), not {type(value).__name__}")


def lookup(event_name: str, *, service: str | None = None) -> tuple[CatalogEvent, ...]:
    """Every catalog entry named ``event_name`` (exact, case-sensitive), optionally for one service.

    :param event_name: the CloudTrail ``eventName``.
    :param service: restricts the result to one eventSource; see :func:`event_source_for`.
    :returns: the entries, sorted by eventSource; empty when none.
    """
    _require_str("event_name", event_name)
    s = store()
    if service is not None:
        i = s.by_key.get((event_source_for(service), event_name))
        return () if i is None else (s.event(i),)
    idx = s.indexes_named(event_name)
    if not idx:
        return ()
    return tuple(s.event(i) for i in idx)


def get(event_name: str, *, service: str | None = None) -> CatalogEvent:
    """The one catalog entry named ``event_name``.

    :raises UnknownEventError: no such event (for that service), with "did you mean" suggestions and
        the services that do log the name.
    :raises AmbiguousEventError: several services log the name and ``service`` was not given.
    :raises TypeError: ``event_name`` is not a string.
    """
    found = lookup(event_name, service=service)
    if len(found) == 1:
        return found[0]
    if not found:
        others: list[str] = []
        if service is not None:
            others = [e.source for e in lookup(event_name)]
        raise UnknownEventError(
            event_name,
            service=service,
            suggestions=suggest(event_name, service=service),
            other_services=others,
        )
    raise AmbiguousEventError(event_name, [e.source for e in found], likely=_likely(found).source)


def _likely(found: Sequence[CatalogEvent]) -> CatalogEvent:
    """Of the entries several services log under one name, the one a rule most likely means: real records confirm
    its shape, else its service shows up most in real records (``CreateUser``: IAM, not Amazon MQ); ties go to the
    first. Only for the example of a fix: the caller still chooses."""
    from ctrules.catalog import shapes  # the shape data: read on this error path only

    backing = [shapes.record_backing(e) for e in found]
    best = max(range(len(found)), key=lambda i: (backing[i], -i))
    return found[best]


def suggest(name: str, limit: int = 5, *, service: str | None = None) -> list[str]:
    """Close catalog event names for a misspelt ``name``, best first.

    A case-insensitive exact match comes first, then names that extend ``name`` (Lambda's
    ``UpdateFunctionCode20150331v2`` for ``UpdateFunctionCode``), then close spellings; all within
    ``service`` when given. Results are cached: linting many rules with the same typo costs one search.
    """
    _require_str("name", name)
    es = event_source_for(service) if service is not None else None
    return list(_suggest(name, limit, es))


@lru_cache(maxsize=4096)
def _suggest(name: str, limit: int, event_source: str | None) -> tuple[str, ...]:
    if limit <= 0:
        return ()
    s = store()
    if event_source is not None:
        rows = s.by_source.get(event_source, [])
        index = _source_index(event_source)
        in_pool: Callable[[str], bool] = index.names_set.__contains__
        extending = sorted({s.rows[i][0] for i in rows if s.rows[i][0].startswith(name) and s.rows[i][0] != name})
    else:
        index = _catalog_index()
        in_pool = s.by_name.__contains__
        names = s.sorted_names
        extending = []
        i = bisect.bisect_right(names, name)
        while i < len(names) and names[i].startswith(name) and len(extending) < limit:
            extending.append(names[i])
            i += 1
    out: list[str] = []
    # An SDK operation name that CloudTrail logs under another name (S3 PutBucketLifecycleConfiguration
    # is logged as PutBucketLifecycle, Lambda UpdateFunctionCode as UpdateFunctionCode20150331v2).
    for es, logged in sorted(s.aliases.get(name, {}).items()):
        if event_source is None or es == event_source:
            out.extend(n for n in logged if n not in out)
    out.extend(c for c in s.names_by_lower.get(name.lower(), []) if c != name and in_pool(c) and c not in out)
    for candidate in sorted(extending, key=lambda p: (len(p), p)):
        if candidate not in out:
            out.append(candidate)
    if len(out) >= limit or len(name) > _MAX_FUZZY_LENGTH:
        return tuple(out[:limit])
    # Typos rarely touch the first letters: names that share them come first, the other near names only
    # when none of those is close enough.
    import difflib  # only for a misspelt name: not on the import path of the catalog

    head = name[:3].lower()
    low = name.lower()
    close: list[tuple[bool, bool, float, float, str]] = []
    matcher = difflib.SequenceMatcher(None, "", low)
    exact_case = difflib.SequenceMatcher(None, "", name)
    for candidate in index.near(name):
        if candidate == name or candidate in out:
            continue
        matcher.set_seq1(candidate.lower())
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            score = matcher.ratio()
            if score >= _CUTOFF:
                # Spelt the same way, case included, ranks first (as a case-sensitive comparison would).
                exact_case.set_seq1(candidate)
                cased = exact_case.ratio()
                close.append((candidate[:3].lower() != head, cased < _CUTOFF, -cased, -score, candidate))
    close.sort()
    if close and not close[0][0]:
        close = [c for c in close if not c[0]]
    out.extend(c[-1] for c in close)
    return tuple(out[:limit])


#: How close (difflib's ratio, case-insensitive) a name must be to be suggested.
_CUTOFF = 0.75
#: Names longer than this get no spelling suggestions (no CloudTrail event name comes close; it bounds
#: the cost of comparing a hostile name).
_MAX_FUZZY_LENGTH = 128
#: How many names, those sharing the most trigrams with the misspelt one, are compared in full.
_NEAR_CANDIDATES = 16


def _trigrams(text: str) -> set[str]:
    padded = f"^{text.lower()}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class _NameIndex:
    """Names by (trigram, length): the few names close to a misspelt one, found without a scan.

    A name within difflib's 0.75 cutoff has a similar length and shares most of its letter triples, so
    only names of a nearby length that share trigrams are counted, and the best-sharing ones compared.
    The trigrams of the names of one length are indexed when a search first needs that length: one
    misspelt name costs the lengths near its own, not the whole catalog (~0.2 s for every name). After
    ``full_after`` searches (a run with many misspelt names) every length is indexed, merged into one
    list per trigram sorted by length, and a search takes a slice of each list.
    """

    def __init__(self, names: list[str], full_after: int = 32) -> None:
        self.names = names
        self.names_set = frozenset(names)
        self.full_after = full_after
        by_length: dict[int, list[int]] = {}
        for i, name in enumerate(names):
            by_length.setdefault(len(name), []).append(i)
        self._by_length = by_length
        self._of: dict[int, dict[str, list[int]]] = {}
        self._searches = 0
        #: trigram -> (its names' indexes by length, their lengths), once every length is indexed.
        self._merged: dict[str, tuple[list[int], list[int]]] | None = None

    def _of_length(self, length: int) -> dict[str, list[int]]:
        """The trigram postings of the names of one length (built on first use; a race builds the same twice)."""
        found = self._of.get(length)
        if found is None:
            found = {}
            names = self.names
            for i in self._by_length.get(length, ()):
                for gram in _trigrams(names[i]):
                    ids = found.get(gram)
                    if ids is None:
                        found[gram] = [i]
                    else:
                        ids.append(i)
            self._of[length] = found
        return found

    def _merge(self) -> dict[str, tuple[list[int], list[int]]]:
        merged: dict[str, list[int]] = {}
        for length in sorted(self._by_length):
            for gram, ids in self._of_length(length).items():
                found = merged.get(gram)
                if found is None:
                    merged[gram] = list(ids)
                else:
                    found.extend(ids)
        names = self.names
        return {gram: (ids, [len(names[i]) for i in ids]) for gram, ids in merged.items()}

    def near(self, name: str) -> list[str]:
        """Up to :data:`_NEAR_CANDIDATES` names of similar length sharing the most trigrams with ``name`` (in the
        order of :attr:`names`). Of names sharing as many, those met first when the trigrams are walked in sorted
        order, each trigram's names by length: never the order a set happens to hold them in (string hashing
        differs from one process to the next), and the same whether the index is merged yet or not."""
        spread = max(3, len(name) // 4)
        shortest, longest = len(name) - spread, len(name) + spread
        grams = sorted(_trigrams(name))
        shared: Counter[int] = Counter()
        self._searches += 1
        merged = self._merged
        if merged is None and self._searches > self.full_after:
            merged = self._merged = self._merge()
        if merged is not None:
            for gram in grams:
                hit = merged.get(gram)
                if hit is not None:
                    ids, lengths = hit
                    shared.update(ids[bisect.bisect_left(lengths, shortest) : bisect.bisect_right(lengths, longest)])
        else:
            tables = [self._of_length(n) for n in range(max(0, shortest), longest + 1) if n in self._by_length]
            for gram in grams:
                for table in tables:
                    found = table.get(gram)
                    if found is not None:
                        shared.update(found)
        return [self.names[i] for i, _ in sorted(shared.most_common(_NEAR_CANDIDATES))]


@lru_cache(maxsize=1)
def _catalog_index() -> _NameIndex:
    return _NameIndex(store().sorted_names)


@lru_cache(maxsize=1024)  # every eventSource of the catalog (a few hundred): a lint run meets many of them
def _source_index(event_source: str) -> _NameIndex:
    s = store()
    return _NameIndex(sorted({s.rows[i][0] for i in s.by_source.get(event_source, [])}))


def services() -> tuple[str, ...]:
    """The short names of every eventSource in the catalog (``"organizations"``, ``"signin"``, ...)."""
    return tuple(sorted(es[: -len(_SUFFIX)] if es.endswith(_SUFFIX) else es for es in store().by_source))


def events(service: str) -> tuple[CatalogEvent, ...]:
    """Every entry of one service, sorted by name. ``service`` as in :func:`event_source_for`."""
    s = store()
    es = event_source_for(service)
    return tuple(s.event(i) for i in s.by_source.get(es, []))


def all_events() -> Iterator[CatalogEvent]:
    """Every entry of the catalog, sorted by (eventSource, eventName)."""
    s = store()
    return (s.event(i) for i in range(len(s.rows)))


def search(
    text: str, *, event_type: str | None = None, service: str | None = None, limit: int | None = None
) -> list[CatalogEvent]:
    """Entries whose name contains ``text`` (case-insensitive), optionally of one eventType/service.

    Exact matches come first, then names starting with ``text``, then the rest; each group by name.
    """
    _require_str("text", text)
    if limit is not None and limit <= 0:
        return []
    s = store()
    needle = text.lower()
    indexes = s.by_source.get(event_source_for(service), []) if service is not None else range(len(s.rows))
    hits: list[tuple[int, str, str, int]] = []
    for i in indexes:
        name = s.rows[i][0]
        low = name.lower()
        if needle not in low:
            continue
        rank = 0 if low == needle else 1 if low.startswith(needle) else 2
        hits.append((rank, name, s.sources[s.rows[i][1]][0], i))
    hits.sort()
    out: list[CatalogEvent] = []
    for _, _, _, i in hits:
        ev = s.event(i)
        if event_type is not None and event_type not in ev.event_types:
            continue
        out.append(ev)
        if limit is not None and len(out) >= limit:
            break
    return out


def info() -> dict[str, Any]:
    """Catalog header: schema version, date, upstream versions, overlay hashes, counts and the known Regions
    (``regions``: every Region of botocore's endpoint data, sorted)."""
    doc = store().doc
    return {k: doc[k] for k in ("schema", "date", "upstream", "overlay_sha256", "counts", "regions") if k in doc}
