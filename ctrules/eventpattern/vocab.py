"""The vocabulary of EventBridge event patterns: operator names, limits, the problem record, CDK tokens.

Shared by the validator (:mod:`ctrules.eventpattern.validate`) and the matcher
(:mod:`ctrules.eventpattern.match`). Pure standard library.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "ANYTHING_BUT_KEYS",
    "IPV4_RE",
    "IPV6_RE",
    "MASK_RE",
    "MAX_OR_COMBINATIONS",
    "NUMBER_LIMIT",
    "NUMERIC_OPERATORS",
    "OPERATORS",
    "OPERATOR_HINTS",
    "OR_KEY",
    "RESERVED_IN_OR",
    "WILDCARD_COMPLEXITY_LIMIT",
    "SyntaxProblem",
    "is_number",
    "is_token",
    "looks_numeric",
    "split_cidr",
]


@dataclass(frozen=True)
class SyntaxProblem:
    """One reason EventBridge would reject an event pattern.

    Attributes:
        path: JSON path of the offending node, e.g. ``$.detail.eventName[0].prefix`` (``$`` is the root).
        message: What is wrong, quoting the offending value.
        fix: How to fix it.
        limit: A limit on the whole pattern (the ``$or`` combinations), not a malformed part: each part of the
            pattern is sound on its own, so what it means can still be checked.
    """

    path: str
    message: str
    fix: str
    limit: bool = False


# ------------------------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------------------------

#: Operators accepted inside a match object (``[{"prefix": "a"}]``).
OPERATORS: tuple[str, ...] = (
    "prefix",
    "suffix",
    "anything-but",
    "numeric",
    "exists",
    "cidr",
    "equals-ignore-case",
    "wildcard",
)

#: Keys accepted in the object form of ``anything-but``.
ANYTHING_BUT_KEYS: tuple[str, ...] = ("prefix", "suffix", "equals-ignore-case", "wildcard")

#: Operators accepted in a ``numeric`` list.
NUMERIC_OPERATORS: tuple[str, ...] = ("=", "<", "<=", ">", ">=")

#: Field names EventBridge reserves inside ``$or`` alternatives (event-ruler's
#: ``Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP``,
#: github:aws/event-ruler/src/main/software/amazon/event/ruler/Constants.java@337e8d99026d3f6687f783535f157be8bf4ebbb7).
RESERVED_IN_OR: frozenset[str] = frozenset(
    {
        "exactly",
        "equals-ignore-case",
        "prefix",
        "suffix",
        "anything-but",
        "exists",
        "wildcard",
        "numeric",
        "cidr",
        "=",
        "<",
        "<=",
        ">",
        ">=",
        "regex",
        "not-wildcard",
        "not-equals-ignore-case",
        "date-after",
        "date-on-or-after",
        "date-before",
        "date-on-or-before",
        "in-date-range",
        "ip-address-in-range",
        "ip-address-not-in-range",
    }
)

#: Largest magnitude EventBridge accepts for numbers it compares numerically.
NUMBER_LIMIT = 5_000_000_000

#: EventBridge rejects a rule when more wildcard patterns than this can be partially matched at once.
WILDCARD_COMPLEXITY_LIMIT = 10

OR_KEY = "$or"

#: EventBridge rejects a pattern whose ``$or`` lists expand to more rule combinations than this: "APIs that accept an
#: event pattern (PutRule, CreateArchive, UpdateArchive, TestEventPattern) will throw an InvalidEventPatternException
#: if the use of $or results in over 1000 rule combinations" (EventBridge user guide, content filtering, "$or
#: matching": github:awsdocs/amazon-eventbridge-user-guide/doc_source/eb-event-patterns-content-based-filtering.md
#: @fc27724b9d74f1e9c75cf88f7f05bcabcd054263).
MAX_OR_COMBINATIONS = 1000

#: What event-ruler (``Constants.IPv4_REGEX``/``IPv6_REGEX``) takes for an IP address, and a CIDR mask.
IPV4_RE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
IPV6_RE = re.compile(r"[0-9a-fA-F:]*:[0-9a-fA-F:]*")
MASK_RE = re.compile(r"[+-]?[0-9]+")

_TOKEN_RE = re.compile(r"[$#]\{Token\[[^\]]*\]\}")
_CDK_NUMBER_TOKEN_MARKER = 0xFBFF

OPERATOR_HINTS: dict[str, str] = {
    "regex": 'EventBridge has no regular expressions; use "wildcard", "prefix" or "suffix"',
    "contains": 'EventBridge has no "contains"; use {"wildcard": "*text*"}',
    "equals": 'for an exact match use the plain value, e.g. ["text"]',
    "exactly": 'for an exact match use the plain value, e.g. ["text"]',
    "not": 'use "anything-but", e.g. {"anything-but": "value"}',
    "ne": 'use "anything-but", e.g. {"anything-but": "value"}',
    "in": 'list the values directly, e.g. ["a", "b"] (a list means OR)',
    "range": 'use "numeric", e.g. {"numeric": [">=", 1, "<", 10]}',
}


def is_token(value: object) -> bool:
    """True for a value whose content is only known at deploy time.

    That is an unresolved AWS CDK token string (``'${Token[TOKEN.123]}'``, a list token
    ``'#{Token[...]}'``, or any string embedding one), a CDK-encoded number token (a float carrying CDK's
    token marker bits), or a CloudFormation intrinsic object such as ``{"Ref": "Param"}`` or
    ``{"Fn::GetAtt": [...]}``.  The checks in this module skip such values and never report them.
    """
    kind = type(value)
    if kind is list or kind is bool or kind is int or value is None:
        return False  # the common values of a pattern, decided without the ABC test below
    try:
        if isinstance(value, str):
            return "{Token[" in value and _TOKEN_RE.search(value) is not None
        if isinstance(value, float):
            bits: int = struct.unpack(">Q", struct.pack(">d", value))[0]
            return bits >> 48 == _CDK_NUMBER_TOKEN_MARKER
        if isinstance(value, (dict, Mapping)) and len(value) == 1:  # dict first: a plain one skips the ABC test
            (key,) = value.keys()
            return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))
    except Exception:
        return False
    return False


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def split_cidr(text: str) -> list[str]:
    """The parts of a CIDR block around "/", trailing empty parts dropped (as Java's ``String.split``)."""
    parts = text.split("/")
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
