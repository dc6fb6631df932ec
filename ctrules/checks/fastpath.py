"""A fast answer for the most common pattern: one that every check would pass.

Most rules in real templates are simple: a CloudTrail detail-type spelt exactly, known sources, literal
eventSource and eventName values (or a ``prefix``/``wildcard`` on eventName), and filters on record fields
(plain values or operators such as ``exists`` and ``anything-but``), perhaps with ``$or``. Three functions
recognise such a pattern without the general machinery:

* :func:`survey` tells, in one walk, that EventBridge certainly accepts the pattern (so CTR009 has nothing
  to say), whether it holds ``$or``, a bound of its size and whether a value holds ``*``; anything unusual
  (two wildcards, tokens, odd keys) gives :data:`NOT_SIMPLE` and the full validator decides. Each distinct
  operator object is validated once (:func:`shape` is its first answer);
* :func:`or_alternatives` spells out the ``$or``-free patterns of a simple pattern with ``$or``;
* :func:`certainly_clean` tells that every registered check would pass an ``$or``-free valid pattern: it
  gathers the pattern's :class:`FlatFacts` (from per-name summaries of the catalog entries, cached) and asks
  each check's own ``fast`` answer (:mod:`ctrules.checks.registry`). A check with no ``fast`` answer turns
  the shortcut off: it fails closed.

None of them ever *finds* anything: whenever a check could have something to say they answer "don't know"
and :func:`ctrules.checks.check_pattern` runs every check as usual. ``tests/checks/test_fastpath.py``
proves on thousands of patterns that their answers always agree with the full checks.

One module of ~500 lines on purpose: the survey, the facts and their caches describe one pattern for the
checks' answers, and every rule of every input passes through them; split, each rule would pay for the
calls between the parts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, KeysView
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from ctrules.catalog import DETAIL_TYPES, INSIGHT, NETWORK_ACTIVITY
from ctrules.catalog.index import index as store
from ctrules.checks.analysis import MAX_BRANCHES, events_matching, name_filter_decidable
from ctrules.checks.common import pattern_text
from ctrules.checks.findings import RuleContext
from ctrules.checks.registry import fast_answers
from ctrules.eventpattern.validate import operator_item_verdict
from ctrules.eventpattern.vocab import MAX_OR_COMBINATIONS, RESERVED_IN_OR, is_token

__all__ = [
    "FLAT", "NOT_SIMPLE", "WITH_OR", "FlatFacts", "answers_clean", "certainly_clean", "gather", "or_alternatives",
    "shape", "survey",
]  # fmt: skip

#: :func:`shape`: the full validator must decide.
NOT_SIMPLE: Final = 0
#: :func:`shape`: valid, no ``$or``.
FLAT: Final = 1
#: :func:`shape`: valid, with ``$or``.
WITH_OR: Final = 2

_VALID_DETAIL_TYPES = frozenset(DETAIL_TYPES.values())
_INSIGHT_ONLY = frozenset({DETAIL_TYPES[INSIGHT]})
_NOT_MANAGEMENT = frozenset({DETAIL_TYPES[INSIGHT], DETAIL_TYPES[NETWORK_ACTIVITY]})
_CACHE_LIMIT = 16384
_MISS: Any = object()

# Operator object (as a hashable key) -> (INVALID, VALID or VALID_WILDCARD (valid, holds a wildcard term), the
# length of its compact JSON text, whether that text holds a "*").
_ITEMS: dict[object, tuple[int, int, bool]] = {}
_INVALID, _VALID, _VALID_WILDCARD = 0, 1, 2
# (eventName, admitted eventSources or None) -> what the checks need of its catalog entries, or None.
_Summary = tuple[frozenset[str], bool, bool, "frozenset[str | None] | None"]
_NAMES: dict[tuple[str, frozenset[str] | None], _Summary | None] = {}
# (operator object as a hashable key, admitted eventSources) -> (matches some entry, their detail-types,
# all read-only, the filter is decidable).
_Operator = tuple[bool, frozenset[str], bool, bool]
_OPERATORS: dict[tuple[object, frozenset[str] | None], _Operator] = {}
# (sources, eventSources) as given -> admitted eventSources, or None when a value is unknown.
_ALLOWED: dict[tuple[tuple[str, ...] | None, tuple[str, ...] | None], frozenset[str] | bool | None] = {}


def _item_key(item: dict[Any, Any]) -> object:
    """A hashable key that tells operator objects apart (``{"exists": True}`` from ``{"exists": 1}``)."""
    if len(item) == 1:
        ((op, operand),) = item.items()
        if type(operand) is str and type(op) is str:
            return (op, operand)
    return repr(item)


def _item_verdict(item: dict[Any, Any]) -> tuple[int, int, bool]:
    """(verdict, compact JSON length, holds a star) of an operator object (cached)."""
    key = _item_key(item)
    found = _ITEMS.get(key)
    if found is None and is_token(item):
        found = _ITEMS[key] = (_INVALID, 0, False)  # known only at deploy time: the full path decides
    if found is None:
        valid, wildcard = operator_item_verdict(item)
        verdict = _INVALID if not valid else _VALID_WILDCARD if wildcard else _VALID
        text = (pattern_text(item) if valid else None) or ""
        found = (verdict, len(text), "*" in text)
        if len(_ITEMS) >= _CACHE_LIMIT:
            _ITEMS.clear()
        _ITEMS[key] = found
    return found


#: :func:`survey` of a pattern that is not simple.
_NOT_SIMPLE_SURVEY: Final = (0, 0, True)


def shape(pattern: object) -> int:
    """:data:`FLAT` or :data:`WITH_OR` when EventBridge certainly accepts ``pattern``, else :data:`NOT_SIMPLE`
    (the first item of :func:`survey`)."""
    return survey(pattern)[0]


def survey(pattern: object) -> tuple[int, int, bool]:
    """``(kind, size, stars)`` of a pattern, in one walk.

    ``kind`` is :data:`FLAT` or :data:`WITH_OR` when EventBridge certainly accepts ``pattern``, else
    :data:`NOT_SIMPLE` (then ``size`` and ``stars`` say nothing). ``size`` is an upper bound of the length of the
    pattern's compact JSON text (each string counted as if every character needed a six-character escape);
    ``stars`` is False when no value (outside field names) holds a ``*``.

    Accepted without the full validator: nested objects (none empty, none a CloudFormation intrinsic)
    whose leaves are non-empty lists of strings, numbers, booleans, null and valid operator objects (at
    most one of them with a wildcard), and ``$or`` lists of at least two such objects free of the names
    EventBridge reserves there, whose lengths multiply to at most EventBridge's combination limit. Field names
    are strings and never start with ``$`` (other than ``$or``).
    """
    if type(pattern) is not dict or not pattern:
        return _NOT_SIMPLE_SURVEY
    result = FLAT
    wildcards = 0
    size = 0
    stars = False
    combinations = 1
    stack: list[tuple[dict[Any, Any], bool]] = [(pattern, False)]
    while stack:
        obj, in_or = stack.pop()
        size += 3  # the braces, and a comma after the object
        for key, value in obj.items():
            if type(key) is not str:
                return _NOT_SIMPLE_SURVEY
            size += 6 * len(key) + 4  # quotes, colon, comma
            kind = type(value)
            if key[:1] == "$":
                if key != "$or" or kind is not list or len(value) < 2:
                    return _NOT_SIMPLE_SURVEY
                # The product of the lists' lengths bounds the combinations they expand to: past EventBridge's
                # limit, the validator counts them.
                combinations *= len(value)
                if combinations > MAX_OR_COMBINATIONS:
                    return _NOT_SIMPLE_SURVEY
                for alternative in value:
                    if type(alternative) is not dict or not alternative:
                        return _NOT_SIMPLE_SURVEY
                    stack.append((alternative, True))
                size += 2
                result = WITH_OR
                continue
            if in_or and key in RESERVED_IN_OR:
                return _NOT_SIMPLE_SURVEY
            if kind is list:
                if not value:
                    return _NOT_SIMPLE_SURVEY
                size += 2
                for v in value:
                    t = type(v)
                    if t is str:
                        size += 6 * len(v) + 3
                        if "*" in v:
                            stars = True
                    elif t is dict:
                        verdict, length, star = _item_verdict(v)
                        if verdict == _VALID_WILDCARD:
                            wildcards += 1  # one wildcard is judged alone; several, across the field
                            if wildcards > 1:
                                return _NOT_SIMPLE_SURVEY
                        elif verdict != _VALID:
                            return _NOT_SIMPLE_SURVEY
                        size += length + 1
                        if star:
                            stars = True
                    elif t is bool or v is None:
                        size += 6
                    elif t is int:
                        size += v.bit_length() // 3 + 3  # digits <= bits * log10(2) + 1, a sign, a comma
                    elif t is float and math.isfinite(v):
                        size += 25  # repr of a finite float: at most 24 characters, and a comma
                    else:
                        return _NOT_SIMPLE_SURVEY
            elif kind is dict:
                if not value:
                    return _NOT_SIMPLE_SURVEY
                if len(value) == 1:
                    (only,) = value
                    if type(only) is str and (only == "Ref" or only.startswith("Fn::")):
                        return _NOT_SIMPLE_SURVEY  # an intrinsic: the validator skips it, and so do the checks
                stack.append((value, in_or))
            else:
                return _NOT_SIMPLE_SURVEY
    return result, size, stars


def or_alternatives(pattern: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The ``$or``-free patterns a valid pattern with ``$or`` stands for (any of them may match), or None.

    None when a field is given both inside and outside an ``$or`` (or in two of them) at one level, or when
    there would be more than :data:`~ctrules.checks.analysis.MAX_BRANCHES` alternatives: then
    :func:`~ctrules.checks.analysis.branches` decides how they combine.
    """
    found = _alternatives(pattern)
    return found if found is not None and len(found) <= MAX_BRANCHES else None


def _alternatives(obj: dict[str, Any]) -> list[dict[str, Any]] | None:
    results: list[dict[str, Any]] = [{}]
    for key, value in obj.items():
        if key == "$or":
            options: list[dict[str, Any]] = []
            for alternative in value:
                expanded = _alternatives(alternative)
                if expanded is None:
                    return None
                options.extend(expanded)
            combined: list[dict[str, Any]] = []
            for r in results:
                for option in options:
                    if not r.keys().isdisjoint(option):
                        return None
                    combined.append({**r, **option})
            results = combined
        elif type(value) is dict:
            subs = _alternatives(value)
            if subs is None:
                return None
            combined = []
            for r in results:
                if key in r:
                    return None
                combined.extend({**r, key: sub} for sub in subs)
            results = combined
        else:
            for r in results:
                if key in r:
                    return None
                r[key] = value
        if len(results) > MAX_BRANCHES:
            return None
    return results


@dataclass(slots=True)
class FlatFacts:
    """What the fast path knows of a simple, valid, ``$or``-free pattern; the checks' ``fast`` answers read it.

    Facts, not verdicts: whether a fact makes a finding is each check's own ``fast`` answer.
    """

    #: Always True: facts are gathered only for patterns :func:`shape` found valid (CTR009 has nothing to say).
    valid: bool
    #: The pattern itself (read-only), for checks that look at every value.
    pattern: dict[str, Any]
    #: The eventSources the sources admit (None: any). Facts are not gathered when a source or eventSource is not
    #: a known literal (CTR002 has something to say then).
    allowed: frozenset[str] | bool | None
    #: The detail-types of the pattern (all of them CloudTrail detail-types).
    accepted: frozenset[str]
    #: The keys of ``detail``.
    detail_keys: KeysView[str]
    #: Every source and eventSource is a known literal and they agree.
    sources_known: bool
    #: eventName filters together with Insights or network-activity detail-types.
    special_types: bool
    #: A literal eventName no entry of the admitted sources has, or a decidable name filter that matches none.
    unknown_name: bool
    #: A name whose entries are never delivered with the accepted detail-types.
    type_mismatch: bool
    #: A name all of whose entries EventBridge treats as read-only.
    read_only_name: bool
    #: A name all of whose entries are data events.
    data_name: bool
    #: Home Regions of names that reach EventBridge in a single Region.
    single_homes: frozenset[str]
    #: The whole pattern :attr:`pattern` is an ``$or`` alternative of (the pattern itself when it has no ``$or``):
    #: what pattern-level checks judge.
    whole: dict[str, Any]
    #: An upper bound of the length of :attr:`whole`'s compact JSON text (:func:`survey`).
    size: int
    #: False when no value of :attr:`whole` holds a ``*`` (:func:`survey`).
    stars: bool


    #: Facts the checks computed themselves (:meth:`get`), by function.
    extra: dict[Callable[[FlatFacts], Any], Any] | None = None

    def get(self, fact: Callable[[FlatFacts], _T]) -> _T:
        """``fact(self)``, computed once for these facts and remembered: how a check asks for a fact of its own
        (e.g. a catalog fact of the pattern's names) without editing :func:`gather`.

        Example (in a check's module)::

            def _all_retired(facts: FlatFacts) -> bool:
                ...  # read facts.pattern and the catalog

            def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
                return not facts.get(_all_retired)
        """
        extra = self.extra
        if extra is None:
            extra = self.extra = {}
        elif fact in extra:
            return extra[fact]  # type: ignore[no-any-return]
        value = extra[fact] = fact(self)
        return value


_T = TypeVar("_T")
_NO_HOMES: frozenset[str] = frozenset()


def certainly_clean(
    pattern: dict[str, Any],
    ctx: RuleContext,
    whole: dict[str, Any] | None = None,
    surveyed: tuple[int, int, bool] | None = None,
) -> bool:
    """True only when every registered check would report nothing for this pattern.

    Derived from the registry: the facts of the pattern (:func:`gather`) are handed to each check's ``fast``
    answer; a check without one switches the shortcut off (fails closed).

    :param pattern: an ``$or``-free pattern EventBridge accepts.
    :param ctx: the rule's context.
    :param whole: the pattern ``pattern`` is an ``$or`` alternative of (default: ``pattern``).
    :param surveyed: :func:`survey` of ``whole``, when known.
    """
    facts = gather(pattern, whole, surveyed)
    return facts is not None and answers_clean(facts, ctx)


def answers_clean(facts: FlatFacts, ctx: RuleContext) -> bool:
    """True when every registered check's own fast answer says clean for these facts (False when a check has none)."""
    answers = fast_answers()
    if answers is None:
        return False
    for answer in answers:  # a loop, not all(generator): this runs for nearly every rule  # noqa: SIM110
        if not answer(facts, ctx):
            return False
    return True


def gather(
    pattern: dict[str, Any],
    whole: dict[str, Any] | None = None,
    surveyed: tuple[int, int, bool] | None = None,
) -> FlatFacts | None:
    """The :class:`FlatFacts` of an ``$or``-free valid pattern, or None when the pattern is not simple enough.

    :param whole: the pattern ``pattern`` is an ``$or`` alternative of (default: ``pattern``).
    :param surveyed: :func:`survey` of ``whole``, when known.
    """
    if whole is None:
        whole = pattern
    if surveyed is None:
        surveyed = survey(whole)
    _, size, stars = surveyed
    detail_types = pattern.get("detail-type")
    try:
        if type(detail_types) is not list or not _VALID_DETAIL_TYPES.issuperset(detail_types):
            return None  # no detail-type, or one that is not CloudTrail's: left to the full checks
    except TypeError:
        return None  # an operator object: left to the full checks
    detail = pattern.get("detail")
    if detail is None:
        detail = {}
    elif type(detail) is not dict:
        return None
    accepted = frozenset(detail_types)
    sources = pattern.get("source")
    event_sources = detail.get("eventSource")
    key = (
        None if sources is None else tuple(sources) if type(sources) is list else (),
        None if event_sources is None else tuple(event_sources) if type(event_sources) is list else (),
    )
    try:
        allowed = _ALLOWED.get(key, _MISS)
    except TypeError:
        return None  # an operator object among the sources: left to the full checks
    if allowed is _MISS:
        allowed = _admitted(sources, event_sources)
        if len(_ALLOWED) >= _CACHE_LIMIT:
            _ALLOWED.clear()
        _ALLOWED[key] = allowed
    if allowed is False:
        return None  # a source or eventSource that is not a known literal: CTR002 has something to say anyway
    event_names = detail.get("eventName")
    if event_names is None:
        return FlatFacts(
            True, pattern, allowed, accepted, detail.keys(), True, False, False, False, False, False, _NO_HOMES,
            whole, size, stars,
        )  # fmt: skip
    if type(event_names) is not list:
        return None
    special = accepted == _INSIGHT_ONLY or not accepted.isdisjoint(_NOT_MANAGEMENT)
    unknown = mismatch = read_only_any = data_any = False
    homes: set[str] | None = None
    for name in event_names:
        if type(name) is not str:
            if type(name) is not dict:
                return None  # a number, boolean or null among the names: left to the full checks
            matches, detail_types_of, read_only, decidable = _operator_summary(name, allowed)
            if matches:
                mismatch = mismatch or accepted.isdisjoint(detail_types_of)
                read_only_any = read_only_any or read_only
            elif allowed is not None and decidable:
                unknown = True
            continue
        summary = _NAMES.get((name, allowed), _MISS)
        if summary is _MISS:
            summary = _summarise(name, allowed)
        if summary is None:
            unknown = True
            continue
        detail_types_of, read_only, data, name_homes = summary
        if accepted.isdisjoint(detail_types_of):
            mismatch = True
        if read_only:
            read_only_any = True
        if data:
            data_any = True
        if name_homes is not None and len(name_homes) == 1:
            if homes is None:
                homes = set()
            homes.update(name_homes)
    return FlatFacts(
        True,
        pattern,
        allowed,
        accepted,
        detail.keys(),
        True,
        special,
        unknown,
        mismatch,
        read_only_any,
        data_any,
        _NO_HOMES if homes is None else frozenset(homes),
        whole,
        size,
        stars,
    )


def _admitted(sources: object, event_sources: object) -> frozenset[str] | bool | None:
    """The eventSources a pattern admits (None: any), or False when a value is not a known literal."""
    s = store()
    allowed: frozenset[str] | None = None
    if sources is not None:
        names = s.source_names
        if type(sources) is not list or not all(type(v) is str and v in names for v in sources):
            return False
        allowed = frozenset(names[v] for v in sources)
    if event_sources is not None:
        if type(event_sources) is not list or not all(type(v) is str and v in s.by_source for v in event_sources):
            return False
        if allowed is not None and not allowed.issuperset(event_sources):
            return False
        allowed = frozenset(event_sources) if allowed is None else allowed & frozenset(event_sources)
    return allowed


def _summarise(name: str, allowed: frozenset[str] | None) -> _Summary | None:
    """What the checks need of the entries named ``name`` (within ``allowed``); None when there are none."""
    s = store()
    indexes = s.by_name.get(name, ()) if allowed is None else s.indexes_in(name, allowed)
    summary: _Summary | None = None
    if indexes:
        facts = [s.facts(i) for i in indexes]
        homes = [f[3] for f in facts]
        summary = (
            frozenset().union(*(f[0] for f in facts)),
            all(f[1] for f in facts),
            all(f[2] == "Data" for f in facts),
            None if None in homes else frozenset(homes),
        )
    if len(_NAMES) >= _CACHE_LIMIT:
        _NAMES.clear()
    _NAMES[(name, allowed)] = summary
    return summary


def _operator_summary(item: dict[Any, Any], allowed: frozenset[str] | None) -> _Operator:
    """(matches some entry, their detail-types, all read-only, decidable) for an operator object of eventName."""
    key = (_item_key(item), allowed)
    summary = _OPERATORS.get(key)
    if summary is None:
        found = events_matching(item, allowed)
        summary = (
            bool(found),
            frozenset(dt for e in found for dt in e.deliverable_detail_types),
            bool(found) and all(e.eventbridge_read_only for e in found),
            name_filter_decidable(item),
        )
        if len(_OPERATORS) >= _CACHE_LIMIT:
            _OPERATORS.clear()
        _OPERATORS[key] = summary
    return summary
