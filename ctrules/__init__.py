"""ctrules: safe CloudTrail-driven EventBridge rules for the AWS CDK.

The catalog (:mod:`ctrules.catalog`) and the checks (:mod:`ctrules.checks`) are pure Python and import
no ``aws_cdk``. The constructs and the ``Validations`` plugin are exported lazily: ``import ctrules``
stays cheap, and ``from ctrules import ServiceEventRule`` loads the CDK only then.
"""

from __future__ import annotations

from ctrules.errors import (
    AmbiguousEventError,
    CtrulesError,
    EventTypeMismatchError,
    InvalidRuleError,
    UnknownEventError,
    UnknownServiceError,
)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING (type checkers take it as True), without importing typing

if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "ApiCallRule": "ctrules.rules",
    "ServiceEventRule": "ctrules.rules",
    "ConsoleSignInRule": "ctrules.rules",
    "ConsoleActionRule": "ctrules.rules",
    "InsightRule": "ctrules.rules",
    "NetworkActivityRule": "ctrules.rules",
    "CloudTrailRule": "ctrules.rules",
    "pattern": "ctrules.rules",
    "pattern_dict": "ctrules.patterns",
    "CloudTrailChecks": "ctrules.plugin",
    "field": "ctrules.fields",
}

__all__ = [
    "AmbiguousEventError",
    "ApiCallRule",
    "CloudTrailChecks",
    "CloudTrailRule",
    "ConsoleActionRule",
    "ConsoleSignInRule",
    "CtrulesError",
    "EventTypeMismatchError",
    "InsightRule",
    "InvalidRuleError",
    "NetworkActivityRule",
    "ServiceEventRule",
    "UnknownEventError",
    "UnknownServiceError",
    "field",
    "pattern",
    "pattern_dict",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from ctrules.fields import field
    from ctrules.patterns import pattern_dict
    from ctrules.plugin import CloudTrailChecks
    from ctrules.rules import (
        ApiCallRule,
        CloudTrailRule,
        ConsoleActionRule,
        ConsoleSignInRule,
        InsightRule,
        NetworkActivityRule,
        ServiceEventRule,
        pattern,
    )


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ctrules' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
