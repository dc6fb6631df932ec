"""EventBridge event patterns, pure Python: validation (CTR009's verdict) and matching events like EventBridge.

Canonical imports::

    from ctrules.eventpattern import validate_pattern, SyntaxProblem      # is the pattern valid?
    from ctrules.eventpattern import compile_pattern, matches             # does an event match?
    from ctrules.eventpattern.leaf import leaf_matches, leaf_accepts      # one field's values (the checks)

Nothing here imports the AWS CDK or any third-party package.
"""

from __future__ import annotations

from ctrules.eventpattern.match import CompiledPattern, InvalidPatternError, compile_pattern, matches
from ctrules.eventpattern.validate import operator_item_verdict, validate_pattern
from ctrules.eventpattern.vocab import SyntaxProblem, is_token

__all__ = [
    "CompiledPattern",
    "InvalidPatternError",
    "SyntaxProblem",
    "compile_pattern",
    "is_token",
    "matches",
    "operator_item_verdict",
    "validate_pattern",
]
