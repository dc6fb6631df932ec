"""Compatibility re-exports: pattern syntax and leaf matching now live in :mod:`ctrules.eventpattern`.

Canonical homes: validation in :mod:`ctrules.eventpattern.validate` (``validate_pattern``,
``operator_item_verdict``), vocabulary in :mod:`ctrules.eventpattern.vocab` (``SyntaxProblem``, ``is_token``,
``OPERATORS``, ``RESERVED_IN_OR``, ``NUMBER_LIMIT``, …), leaf evaluation in :mod:`ctrules.eventpattern.leaf`
(``leaf_matches``, ``leaf_accepts``) and wildcards in :mod:`ctrules.eventpattern.wildcard`.
"""

from __future__ import annotations

from ctrules.eventpattern.leaf import leaf_accepts, leaf_matches
from ctrules.eventpattern.validate import operator_item_verdict, validate_pattern
from ctrules.eventpattern.vocab import (
    ANYTHING_BUT_KEYS,
    NUMBER_LIMIT,
    NUMERIC_OPERATORS,
    OPERATORS,
    RESERVED_IN_OR,
    WILDCARD_COMPLEXITY_LIMIT,
    SyntaxProblem,
    is_token,
)

__all__ = [
    "ANYTHING_BUT_KEYS",
    "NUMBER_LIMIT",
    "NUMERIC_OPERATORS",
    "OPERATORS",
    "RESERVED_IN_OR",
    "WILDCARD_COMPLEXITY_LIMIT",
    "SyntaxProblem",
    "is_token",
    "leaf_accepts",
    "leaf_matches",
    "operator_item_verdict",
    "validate_pattern",
]
