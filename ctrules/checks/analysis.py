"""Reading an event pattern the way the checks need it: flat ``$or``-free branches, resolved against the catalog.

A pattern may hold ``$or`` at any level; :func:`branches` expands it into flat alternatives. Each
:class:`Branch` knows its leaves by field path and resolves the CloudTrail parts (source, detail-type,
eventSource, eventName) against the catalog. Values that are unresolved CDK tokens or CloudFormation
intrinsics make a leaf *unknown*: the checks then stay silent about it instead of guessing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ctrules._cached import cached_property
from ctrules.catalog import DETAIL_TYPES, CatalogEvent
from ctrules.catalog.index import index as store
from ctrules.eventpattern.leaf import leaf_accepts, leaf_matches
from ctrules.eventpattern.vocab import is_token

__all__ = [
    "MAX_BRANCHES",
    "Branch",
    "Item",
    "alternatives_count",
    "branches",
    "chain_branches",
    "covering_branches",
    "events_matching",
    "name_filter_decidable",
]

#: Up to this many combinations, ``$or`` is expanded in full (:func:`branches`); past it, the checks use
#: :func:`covering_branches` and :func:`chain_branches`, whose number grows with the pattern, not the product.
MAX_BRANCHES = 64

_VALID_DETAIL_TYPES = frozenset(DETAIL_TYPES.values())
_SORTED_DETAIL_TYPES = sorted(_VALID_DETAIL_TYPES)
_SUFFIX = ".amazonaws.com"

Leaf = tuple[list[Any], str]  # (the leaf's list of values, its JSON path)
_LEAF_CACHE: dict[str, frozenset[str] | None] = {}
_MISS = object()


_MATCHES_CACHE: dict[str, tuple[CatalogEvent, ...]] = {}
_SOURCE_TO_ES: dict[frozenset[str], frozenset[str]] = {}


@dataclass(slots=True)  # not frozen: an analysis makes many, and frozen construction is slow
class Item:
    """One value of a leaf list with its JSON path.

    :param value: the value.
    :param leaf_path: the JSON path of its leaf list.
    :param index: its index in the leaf list.
    :param is_literal: a plain string that is not a token.
    """

    value: Any
    leaf_path: str
    index: int
    is_literal: bool = False

    @property
    def path(self) -> str:
        """The JSON path of the value, e.g. ``$.detail.eventName[0]``."""
        return f"{self.leaf_path}[{self.index}]"


Fields = dict[tuple[str, ...], Leaf]


def _product(left: list[Fields], right: list[Fields]) -> list[Fields]:
    """Every combination of one of ``left`` with one of ``right`` (at most :data:`MAX_BRANCHES`)."""
    return [{**r, **a} for r in left for a in right][:MAX_BRANCHES]


def _pair(left: list[Fields], right: list[Fields]) -> list[Fields]:
    """The i-th of ``left`` with the i-th of ``right``, cycling the shorter list."""
    n = max(len(left), len(right))
    return [{**left[i % len(left)], **right[i % len(right)]} for i in range(n)]


def _alternatives(
    obj: dict[str, Any], prefix: tuple[str, ...], jpath: str, join: Callable[[list[Fields], list[Fields]], list[Fields]]
) -> list[Fields]:
    """The ``$or``-free alternatives of ``obj``: each ``$or`` list and sub-object is joined to the fields before it
    by ``join`` (:func:`_product` for :func:`branches`, :func:`_pair` for :func:`covering_branches`)."""
    results: list[Fields] = [{}]
    for key, value in obj.items():
        if not isinstance(key, str):
            continue
        if key == "$or" and isinstance(value, list):
            alternatives: list[Fields] = []
            for i, alt in enumerate(value):
                if isinstance(alt, dict):
                    alternatives.extend(_alternatives(alt, prefix, f"{jpath}.$or[{i}]", join))
            if alternatives:
                results = join(results, alternatives)
        elif isinstance(value, dict):
            if is_token(value):
                continue
            sub = _alternatives(value, (*prefix, key), f"{jpath}.{key}", join)
            # An object leaf with no leaves still names its key (for the record-field check).
            sub = [s or {(*prefix, key, ""): ([], f"{jpath}.{key}")} for s in sub]
            results = join(results, sub)
        else:
            for r in results:
                r[(*prefix, key)] = (value if isinstance(value, list) else [value], f"{jpath}.{key}")
    return results


def _flat(obj: dict[str, Any], prefix: tuple[str, ...], jpath: str, out: dict[tuple[str, ...], Leaf]) -> bool:
    """Collect the leaves of an ``$or``-free pattern into ``out``; False when ``$or`` is present."""
    for key, value in obj.items():
        if key == "$or":
            return False
        kind = type(value)
        if kind is dict:
            if is_token(value):
                continue
            before = len(out)
            if not _flat(value, (*prefix, key), f"{jpath}.{key}", out):
                return False
            if len(out) == before:
                out[(*prefix, key, "")] = ([], f"{jpath}.{key}")
        else:
            out[(*prefix, key)] = (value if kind is list else [value], f"{jpath}.{key}")
    return True


def alternatives_count(obj: Any, cap: int = MAX_BRANCHES + 1) -> int:
    """How many ``$or``-free alternatives a pattern expands to (counting stops past ``cap``)."""
    if not isinstance(obj, dict):
        return 1
    total = 1
    for key, value in obj.items():
        if key == "$or" and isinstance(value, list):
            n = sum(alternatives_count(alt, cap) for alt in value if isinstance(alt, dict)) or 1
        elif isinstance(value, dict):
            n = alternatives_count(value, cap)
        else:
            continue
        total = min(total * n, cap)
    return total


def branches(pattern: dict[str, Any]) -> list[Branch]:
    """The ``$or``-free alternatives of a (syntactically valid) pattern."""
    flat: dict[tuple[str, ...], Leaf] = {}
    if _flat(pattern, (), "$", flat):
        return [Branch(flat)]
    return [Branch(fields) for fields in _alternatives(pattern, (), "$", _product)]


def covering_branches(pattern: dict[str, Any]) -> list[Branch]:
    """Alternatives of a pattern in which every ``$or`` alternative appears at least once.

    Where :func:`branches` takes the product of the ``$or`` lists, this pairs them up (the i-th alternative
    of one with the i-th of the other, cycling the shorter): as many branches as the longest list, so the
    cost is linear in the pattern however many combinations the product has. Every value is checked in a
    real combination; combinations left out are those of two ``$or`` lists side by side.
    """
    return [Branch(fields) for fields in _alternatives(pattern, (), "$", _pair)]


def chain_branches(pattern: dict[str, Any]) -> dict[str, Branch]:
    """For each ``$or`` alternative (by JSON path, ``"$"`` for none), the fields every combination holding it has.

    That is the alternative's own leaves and those of the objects and alternatives around it, with every other
    ``$or`` left out. A combination holding the alternative adds conditions to these fields and never takes
    any away, so the events it matches are a subset: a value that can never match here can never match in
    any combination holding the alternative. One branch per alternative (linear in the pattern).
    """
    out: dict[str, Branch] = {}
    pending: list[tuple[dict[str, Any], tuple[str, ...], str, dict[tuple[str, ...], Leaf]]] = [(pattern, (), "$", {})]
    while pending:
        obj, prefix, jpath, base = pending.pop()
        fields = dict(base)
        nested: list[tuple[dict[str, Any], tuple[str, ...], str]] = []
        _own_fields(obj, prefix, jpath, fields, nested)
        out[jpath] = Branch(fields)
        pending.extend((alt, alt_prefix, alt_path, fields) for alt, alt_prefix, alt_path in nested)
    return out


def _own_fields(
    obj: dict[str, Any],
    prefix: tuple[str, ...],
    jpath: str,
    fields: dict[tuple[str, ...], Leaf],
    nested: list[tuple[dict[str, Any], tuple[str, ...], str]],
) -> None:
    """The leaves of ``obj`` outside any ``$or`` into ``fields``; each ``$or`` alternative met into ``nested``."""
    for key, value in obj.items():
        if not isinstance(key, str):
            continue
        if key == "$or" and isinstance(value, list):
            for i, alt in enumerate(value):
                if isinstance(alt, dict):
                    nested.append((alt, prefix, f"{jpath}.$or[{i}]"))
        elif isinstance(value, dict):
            if is_token(value):
                continue
            before = len(fields) + len(nested)
            _own_fields(value, (*prefix, key), f"{jpath}.{key}", fields, nested)
            if len(fields) + len(nested) == before:
                fields[(*prefix, key, "")] = ([], f"{jpath}.{key}")
        else:
            fields[(*prefix, key)] = (value if isinstance(value, list) else [value], f"{jpath}.{key}")


def _accepted(leaf: list[Any], universe: Callable[[], list[str]], cache_tag: str) -> frozenset[str] | None:
    """The strings of ``universe()`` that a leaf accepts; ``None`` when that cannot be decided."""
    if all(type(v) is str for v in leaf):
        key = cache_tag + "\x00".join(leaf)
        hit = _LEAF_CACHE.get(key, _MISS)
        if hit is not _MISS:
            return hit  # type: ignore[return-value]
        literal: frozenset[str] | None = None if any(is_token(v) for v in leaf) else frozenset(leaf)
        if len(_LEAF_CACHE) > 4096:
            _LEAF_CACHE.clear()
        _LEAF_CACHE[key] = literal
        return literal
    key = cache_tag + json.dumps(leaf, sort_keys=True, default=str)
    if key in _LEAF_CACHE:
        return _LEAF_CACHE[key]
    if any(is_token(v) for v in leaf if isinstance(v, str)) or any(is_token(v) for v in leaf if isinstance(v, dict)):
        result: frozenset[str] | None = None
    else:
        accepted = leaf_accepts(leaf, universe())
        result = None if accepted is None else frozenset(accepted)
    if len(_LEAF_CACHE) > 4096:
        _LEAF_CACHE.clear()
    _LEAF_CACHE[key] = result
    return result


class Branch:
    """One ``$or``-free alternative of a pattern, resolved against the catalog lazily."""

    def __init__(self, fields: dict[tuple[str, ...], Leaf]) -> None:
        self.fields = fields
        self._items: dict[tuple[str, ...], list[Item]] = {}

    def holds(self, path: str) -> bool:
        """True when a finding's JSON path points into this alternative (one of its leaves or keys)."""
        for _, jpath in self.fields.values():
            if path == jpath or path.startswith(jpath + "[") or jpath.startswith(path + "."):
                return True
        return False

    def as_pattern(self) -> dict[str, Any]:
        """The branch as an ``$or``-free pattern (its leaves at their paths)."""
        out: dict[str, Any] = {}
        for path, (values, _) in self.fields.items():
            node = out
            for key in path[:-1]:
                child = node.setdefault(key, {})
                if type(child) is not dict:
                    return {}
                node = child
            node[path[-1]] = values
        return out

    def leaf(self, *path: str) -> Leaf | None:
        """The leaf at a field path, e.g. ``leaf("detail", "eventName")``."""
        return self.fields.get(path)

    def items(self, *path: str) -> list[Item]:
        """The values of the leaf at ``path`` with their JSON paths (empty when absent)."""
        cached = self._items.get(path)
        if cached is not None:
            return cached
        found = self.fields.get(path)
        if found is None:
            out: list[Item] = []
        else:
            values, jpath = found
            out = [Item(v, jpath, i, type(v) is str and not is_token(v)) for i, v in enumerate(values)]
        self._items[path] = out
        return out

    @cached_property
    def detail_keys(self) -> dict[str, str]:
        """Top-level keys of ``detail`` -> JSON path of the key."""
        out: dict[str, str] = {}
        for path, (_, jpath) in self.fields.items():
            if len(path) >= 2 and path[0] == "detail" and path[1]:
                key = path[1]
                if key not in out:
                    # Cut the JSON path right after the key.
                    marker = f".{key}"
                    cut = jpath.find(marker, jpath.find(".detail")) + len(marker)
                    out[key] = jpath[:cut]
        return out

    @cached_property
    def detail_type_literals(self) -> list[Item]:
        """The plain-string detail-types of the branch."""
        return [i for i in self.items("detail-type") if i.is_literal]

    @cached_property
    def is_cloudtrail(self) -> bool:
        """Does the branch target events delivered by CloudTrail?

        Yes when a detail-type mentions CloudTrail, or when there is no detail-type, the sources are
        AWS ones and ``detail`` names a CloudTrail record field such as eventName.
        """
        dts = self.items("detail-type")
        if any(i.is_literal and "cloudtrail" in i.value.lower() for i in dts):
            return True
        if any(isinstance(i.value, dict) for i in dts) and any(
            leaf_matches([i.value], dt) for i in dts if isinstance(i.value, dict) for dt in _VALID_DETAIL_TYPES
        ):
            return True
        sources = self.items("source")
        if any(i.is_literal and not i.value.startswith("aws.") for i in sources):
            return False
        # No CloudTrail detail-type (or a free-text one, e.g. a description): CloudTrail record fields under
        # detail of an AWS source still say the rule is meant for CloudTrail events (CTR007 judges the
        # detail-type, the other checks the rest).
        squashed = {k.lower().replace("_", "").replace("-", "") for k in self.detail_keys}
        return bool(squashed & {"eventname", "eventsource", "insightdetails"}) and (bool(sources) or not dts)

    @cached_property
    def has_record_fields(self) -> bool:
        """Does ``detail`` filter on eventName or eventSource (fields only CloudTrail records have)?"""
        return bool({"eventName", "eventSource"} & self.detail_keys.keys())

    @cached_property
    def accepted_detail_types(self) -> frozenset[str] | None:
        """The CloudTrail detail-types the branch accepts; ``None`` when it does not filter on them."""
        found = self.leaf("detail-type")
        if found is None:
            return None
        accepted = _accepted(found[0], lambda: _SORTED_DETAIL_TYPES, "detail-type:")
        return None if accepted is None else accepted & _VALID_DETAIL_TYPES

    @cached_property
    def allowed_event_sources(self) -> frozenset[str] | None:
        """The eventSources the branch admits (by ``source`` and ``detail.eventSource``); None = any."""
        s = store()
        allowed: frozenset[str] | None = None
        src = self.leaf("source")
        if src is not None:
            sources = _accepted(src[0], lambda: s.sorted_sources, "source:")
            if sources is not None:
                allowed = _SOURCE_TO_ES.get(sources)
                if allowed is None:
                    names = s.source_names
                    allowed = frozenset(
                        names.get(v) or (v[4:] if v.startswith("aws.") else v) + _SUFFIX for v in sources
                    )
                    if len(_SOURCE_TO_ES) > 4096:
                        _SOURCE_TO_ES.clear()
                    _SOURCE_TO_ES[sources] = allowed
        es_leaf = self.leaf("detail", "eventSource")
        if es_leaf is not None:
            ess = _accepted(es_leaf[0], lambda: s.sorted_event_sources, "eventSource:")
            if ess is not None:
                allowed = ess if allowed is None else allowed & ess
        return allowed

    @cached_property
    def literal_names(self) -> list[tuple[Item, tuple[CatalogEvent, ...]]]:
        """Each literal eventName with its catalog entries within the admitted eventSources."""
        s = store()
        allowed = self.allowed_event_sources
        out: list[tuple[Item, tuple[CatalogEvent, ...]]] = []
        for item in self.items("detail", "eventName"):
            if not item.is_literal:
                continue
            if allowed is None:
                found = tuple(s.event(i) for i in s.by_name.get(item.value, ()))
            else:
                found = s.lookup_in(item.value, allowed)
            out.append((item, found))
        return out

    @cached_property
    def operator_names(self) -> list[tuple[Item, tuple[CatalogEvent, ...]]]:
        """Each operator item of eventName with the entries it accepts within the admitted eventSources."""
        return [(i, self.name_matches(i)) for i in self.items("detail", "eventName") if isinstance(i.value, dict)]

    def name_filter_decidable(self, item: Item) -> bool:
        """True when ctrules can tell which catalog names an operator item of eventName accepts."""
        return name_filter_decidable(item.value)

    def name_matches(self, item: Item) -> tuple[CatalogEvent, ...]:
        """Catalog entries (within the admitted eventSources) that an operator item of eventName accepts."""
        return events_matching(item.value, self.allowed_event_sources)


def name_filter_decidable(value: object) -> bool:
    """True when ctrules can tell which catalog names an operator object of eventName accepts.

    ``anything-but``, ``exists`` and numeric filters are left alone: an empty result there says more about
    the filter's intent than about the catalog.
    """
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (op,) = value
    return op in ("prefix", "suffix", "wildcard", "equals-ignore-case") and leaf_matches([value], "") is not None


def events_matching(value: object, allowed: frozenset[str] | None) -> tuple[CatalogEvent, ...]:
    """Catalog entries whose eventSource is in ``allowed`` (None: any) and whose name an eventName
    operator object accepts; empty when that cannot be decided."""
    s = store()

    def universe() -> list[str]:
        if allowed is None:
            return s.sorted_names
        return [name for es in allowed for name in s.names_of(es)]

    tag = "name:*:" if allowed is None else "name:" + ",".join(sorted(allowed)) + ":"
    key = tag + json.dumps(value, sort_keys=True, default=str)
    cached = _MATCHES_CACHE.get(key)
    if cached is not None:
        return cached
    accepted = _accepted([value], universe, tag)
    if accepted is None:
        return ()
    out: list[CatalogEvent] = []
    if allowed is None:
        for name in sorted(accepted):
            out.extend(s.event(i) for i in s.by_name.get(name, []))
    else:
        for name in sorted(accepted):
            out.extend(s.lookup_in(name, allowed))
    result = tuple(out)
    if len(_MATCHES_CACHE) > 1024:
        _MATCHES_CACHE.clear()
    _MATCHES_CACHE[key] = result
    return result
