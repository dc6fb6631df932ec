"""When an unknown name is *provably* a mistake: wrong case, an IAM action, a one-letter slip of a known name.

ctrules reports an unknown eventName, source or eventSource as an error only when it can prove the rule never
fires: the value is a known value written with another case or separators, an IAM policy action
(``cloudtrail:StopLogging``), or a near-miss of a known value (one edit; two for long names; for names under five
letters, only two neighbouring letters swapped) that differs in letters, not in digits (``...20150331v3`` may be a
newer version of ``...20150331v2``). Anything else may be a real name the catalog does not list yet: a warning says
what the catalog covers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = [
    "MAX_STRAYS",
    "NAME_PUNCTUATION",
    "PLACEHOLDERS",
    "edit_distance",
    "iam_action",
    "impossible_name",
    "provable_slip",
    "slip_into_service",
    "squash",
    "stray_slips",
]

_IAM_ACTION = re.compile(r"^([a-z0-9][a-z0-9-]*):([A-Za-z][A-Za-z0-9]*)$")


def squash(value: str) -> str:
    """Lower case without separators: ``Create_Account`` -> ``createaccount``."""
    return value.replace("_", "").replace("-", "").replace(" ", "").lower()


def iam_action(value: str) -> tuple[str, str] | None:
    """``("cloudtrail", "StopLogging")`` for the IAM action form ``cloudtrail:StopLogging``; else None."""
    m = _IAM_ACTION.match(value)
    return (m.group(1), m.group(2)) if m else None


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), capped at ``limit + 1``.

    Only the diagonal band ``|i - j| <= limit`` is computed: a cell outside it is at least ``limit + 1`` away. A
    common prefix and suffix are set aside first (they change no distance of this kind).
    """
    la, lb = len(a), len(b)
    big = limit + 1
    if abs(la - lb) > limit:
        return big
    start = 0
    while start < la and start < lb and a[start] == b[start]:
        start += 1
    end = 0
    while end < la - start and end < lb - start and a[la - 1 - end] == b[lb - 1 - end]:
        end += 1
    if start or end:
        a, b = a[start : la - end], b[start : lb - end]
        la, lb = len(a), len(b)
    prev2: list[int] = []
    prev = [j if j <= limit else big for j in range(lb + 1)]
    for i in range(1, la + 1):
        cur = [big] * (lb + 1)
        cur[0] = i if i <= limit else big
        best = cur[0]
        ai = a[i - 1]
        for j in range(max(1, i - limit), min(lb, i + limit) + 1):
            bj = b[j - 1]
            v = prev[j - 1] + (ai != bj)
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == bj and prev2[j - 2] + 1 < v:
                v = prev2[j - 2] + 1
            cur[j] = v if v < big else big
            if v < best:
                best = v
        if best > limit:
            return big
        prev2, prev = prev, cur
    return min(prev[lb], big)


def _digits_differ(a: str, b: str) -> bool:
    return [c for c in a if c.isdigit()] != [c for c in b if c.isdigit()]


def _swapped(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _one_letter_apart(a: str, b: str) -> bool:
    """True when one of ``a`` and ``b`` is the other with one more letter (of at least 4 letters in all), each in
    its order: "typ" for "type", "arnn" for "arn"."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) != len(short) + 1 or len(long) < 4 or not long.isalpha():
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def provable_slip(value: str, candidates: Iterable[str]) -> str | None:
    """The known value that ``value`` certainly misspells, or None.

    :param value: the unknown value.
    :param candidates: known values to compare with (e.g. the closest names of the rule's service).
    """
    squashed = squash(value)
    limit = 2 if len(value) >= 14 else 1
    best: tuple[int, str] | None = None
    for c in candidates:
        if c == value:
            continue
        if squash(c) == squashed:
            return c
        if _digits_differ(value, c):
            continue
        if len(value) < 5:
            if len(value) >= 3 and (_swapped(value, c) or _one_letter_apart(value, c)):
                return c  # every letter kept: "tpye" (a swap) or "typ" (one left out) for "type"
            continue
        d = edit_distance(value, c, limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, c)
    return None if best is None else best[1]


#: Characters some CloudTrail event name holds besides ASCII letters and digits ('.' in
#: ``AWSPaymentInstrumentGateway.Get``, '_' in ``CreateInvalidation2014_01_31``), and those a rule may hold for other
#: reasons that other findings explain ('*' a glob, ':' an IAM action); '-' and '/' are left alone (not provable).
NAME_PUNCTUATION = frozenset("._*:-/")

#: Marks of a template placeholder a reader did not resolve (``${var.x}``, ``{{name}}``): such a name is not judged.
PLACEHOLDERS = ("${", "#{", "{{", "%{")


def impossible_name(value: str) -> str | None:
    """Why ``value`` cannot be a CloudTrail event name at all, or None when it may be one.

    Every name in the catalog (16,000+) is made of ASCII letters, digits, '_' and '.'. A value that is empty, holds
    whitespace, a control or invisible character, a lone surrogate (invalid Unicode), a non-ASCII character or
    other punctuation can be no name CloudTrail records.
    """
    if not value:
        return "it is empty"
    if value.isascii() and value.isalnum():
        return None  # ASCII letters and digits only, as nearly every name: nothing to look at one by one
    if any(mark in value for mark in PLACEHOLDERS):
        return None  # a template placeholder a reader did not resolve (${var.x}, {{name}}): not judged here
    for ch in value:
        if ch.isascii() and (ch.isalnum() or ch in NAME_PUNCTUATION):
            continue
        cat = unicodedata.category(ch)
        if cat == "Cs":
            return f"it holds a lone surrogate ({ch!a}), which is not valid Unicode"
        if ch.isspace():
            return f"it holds whitespace ({ch!a})"
        if cat[0] == "C":
            return f"it holds an invisible or control character ({ch!a})"
        if not ch.isascii():
            return f"it holds {ch!a}, and CloudTrail event names are ASCII letters and digits"
        return f"it holds {ch!r}, which no CloudTrail event name contains"
    return None


def slip_into_service(name: str, event_sources: Iterable[str]) -> str | None:
    """The name of one of ``event_sources`` that ``name`` certainly misspells, when ``name`` is logged only by
    other services (``DeleteTrial``, a SageMaker event, beside CloudTrail names: ``DeleteTrail``); else None.

    One rule for the typed constructs (:func:`ctrules.patterns.resolve`) and for ``ctrules lint`` (CTR002): a name
    of another service one slip away from a name of the rule's own services is a typo, not a second service.
    """
    from ctrules.catalog import suggest
    from ctrules.catalog.index import index

    s = index()
    wanted = frozenset(event_sources)
    if not wanted or any(es in wanted for es in s.aliases.get(name, {})):
        return None
    if s.lookup_in(name, wanted):
        return None  # one of those services logs it: a list spanning services, not a slip
    if len(wanted) > 3:
        # Many services: the closest names of the whole catalog (one cached search), kept to those services.
        close = [c for c in suggest(name, limit=12) if c != name and s.lookup_in(c, wanted)]
        return provable_slip(name, close)
    for es in sorted(wanted):
        if es not in s.by_source:
            continue
        slip = provable_slip(name, [c for c in suggest(name, limit=5, service=es) if c != name])
        if slip is not None:
            return slip
    return None


#: More strays than this (names each of a service no other name belongs to) make a list that spans services on
#: purpose, not a list of one service with a typo in it.
MAX_STRAYS = 2


def stray_slips(names: Sequence[tuple[str, frozenset[str]]]) -> list[tuple[int, str]]:
    """``(index, meant name)`` for each name of a list that is logged only by services none of the other names
    belong to and is one slip from a name of theirs (:func:`slip_into_service`).

    The one rule behind the typed constructs (:func:`ctrules.patterns.resolve` refuses such a list) and ``ctrules
    lint`` (CTR003 warns when the rule names no service; with a ``source``, CTR002 applies
    :func:`slip_into_service` itself).

    :param names: each name with the eventSources that log it (names no catalog entry has are left out by the
        caller).
    """
    if len(names) < 2:
        return []
    count: dict[str, int] = {}
    for _, own in names:
        for es in own:
            count[es] = count.get(es, 0) + 1
    # A stray: each of its services is logged by no other name of the list (linear in the list).
    strays = [i for i, (_, own) in enumerate(names) if own and all(count[es] == 1 for es in own)]
    if not strays or len(strays) > MAX_STRAYS:
        return []
    everything = frozenset(count)
    out: list[tuple[int, str]] = []
    for i in strays:
        meant = slip_into_service(names[i][0], everything - names[i][1])
        if meant is not None:
            out.append((i, meant))
    return out
