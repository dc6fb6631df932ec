"""The CTR checks: plain dict event patterns in, findings out (pure Python; no ``aws_cdk`` import).

This package is the face of the checks: every ``ctrNNN_<slug>.py`` module in it registers one check when the
package is imported (:mod:`ctrules.checks.registry`), and :mod:`ctrules.checks.engine` runs them.

Example::

    from ctrules.checks import RuleContext, check_pattern

    findings = check_pattern(
        {"source": ["aws.organizations"], "detail-type": ["AWS API Call via CloudTrail"],
         "detail": {"eventName": ["CreateAccountResult"]}},
        RuleContext(region="us-east-1"),
    )
    findings[0].code   # 'CTR001'

A shell passes what it knows and what it could not read, and the engine decides which checks apply::

    check_pattern(pattern, RuleContext(region="eu-west-1", unknown=frozenset({"state"})))  # a State intrinsic
    check_pattern(pattern, ctx, only=codes_needing("trails"))   # the checks a trail can silence
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator, Mapping

from ctrules.checks.findings import (
    CONTEXT_NEEDS,
    ERROR,
    WARNING,
    CheckInfo,
    Finding,
    RuleContext,
    Severity,
    TargetPath,
    one_per_problem,
)
from ctrules.checks.registry import NEEDS, codes_needing, registered

#: The check modules: ``ctrNNN_<slug>.py`` in this package, imported (so registered) in code order.
_CHECK_MODULE = re.compile(r"ctr\d{3}_[a-z0-9_]+\.py\Z")


def _check_modules() -> list[str]:
    return sorted(name[:-3] for name in os.listdir(os.path.dirname(__file__)) if _CHECK_MODULE.match(name))


for _name in _check_modules():
    importlib.import_module(f"{__name__}.{_name}")

from ctrules.checks import ctr009_malformed  # noqa: E402  (registered above; the engine needs it by name)
from ctrules.checks.engine import PatternChecker, check_pattern, checks_to_skip  # noqa: E402

__all__ = [
    "CHECKS",
    "CONTEXT_NEEDS",
    "ERROR",
    "NEEDS",
    "WARNING",
    "CheckInfo",
    "Finding",
    "PatternChecker",
    "RuleContext",
    "Severity",
    "TargetPath",
    "check_pattern",
    "checks_to_skip",
    "codes_needing",
    "ctr009_malformed_pattern",
    "malformed_text_finding",
    "one_per_problem",
]

#: The findings of the validity check (CTR009) for a whole pattern.
ctr009_malformed_pattern = ctr009_malformed.run_pattern
#: The validity check's finding for a pattern given as text that is not JSON (``malformed_text_finding(problem)``).
malformed_text_finding = ctr009_malformed.not_json


class _Checks(Mapping[str, CheckInfo]):
    """Every registered check's metadata by code (a live view of the registry, for reports and SARIF)."""

    def __getitem__(self, code: str) -> CheckInfo:
        for c in registered():
            if c.code == code:
                return c.info
        raise KeyError(code)

    def __iter__(self) -> Iterator[str]:
        return iter([c.code for c in registered()])

    def __len__(self) -> int:
        return len(registered())


#: Every check, by code: name, default severity, summary, help, fix, docs anchor.
CHECKS: Mapping[str, CheckInfo] = _Checks()
