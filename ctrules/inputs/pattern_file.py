"""Reading bare event patterns: one pattern, a list of patterns, or a map name -> pattern (JSON or YAML).

Also the AWS CLI's rule descriptions (``aws events describe-rule``: ``EventPattern``, ``State``,
``EventBusName``; ``aws events list-rules``: ``{"Rules": [...]}``). A bare pattern carries no ``State``, bus
or region: ``ctrules lint --state/--bus/--region`` supply them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ctrules.inputs._model import TemplateRule, make_rule

__all__ = ["PATTERN_KIND", "looks_like_pattern", "rules_in_cli_output", "rules_in_pattern_file"]

#: The kind of a rule read from a bare pattern (its context comes from the command line).
PATTERN_KIND = "event pattern"
_CLI_KIND = "AWS CLI rule"
_DISTINCTIVE = frozenset({"source", "detail-type", "detail", "details", "$or"})


def _norm(key: Any) -> str:
    return str(key).lower().replace("_", "-")


def looks_like_pattern(value: Any) -> bool:
    """True for a mapping with ``source``, ``detail-type``, ``detail`` or ``$or`` (any case, ``_`` for ``-``)
    whose value is a list or an object, as in a pattern (so ``package.json``'s ``version`` is not one)."""
    return isinstance(value, dict) and any(
        _norm(k) in _DISTINCTIVE and isinstance(v, (list, dict)) for k, v in value.items()
    )


def rules_in_pattern_file(doc: Any) -> list[TemplateRule] | None:
    """The rules of a bare pattern file, or ``None`` when the document is no pattern, list or map of them."""
    if looks_like_pattern(doc):
        return [_pattern(doc, "pattern", (), ())]
    if isinstance(doc, list) and doc and all(looks_like_pattern(p) for p in doc):
        return [_pattern(p, f"pattern[{i}]", (i,), ()) for i, p in enumerate(doc)]
    if isinstance(doc, dict) and doc and all(looks_like_pattern(p) for p in doc.values()):
        return [_pattern(p, str(k), (str(k),), (str(k),)) for k, p in doc.items()]
    return None


def _pattern(pattern: Any, name: str, location: tuple[str | int, ...], anchors: tuple[str, ...]) -> TemplateRule:
    return make_rule(name, pattern, None, None, name=name, location=location, anchors=anchors, kind=PATTERN_KIND)


def _cli_rule(rule: Mapping[str, Any], location: tuple[str | int, ...], index: int | None) -> TemplateRule | None:
    if "EventPattern" not in rule or rule["EventPattern"] in (None, ""):
        return None
    name = rule.get("Name")
    label = str(name) if isinstance(name, str) and name else "rule" if index is None else f"Rules[{index}]"
    return make_rule(
        label,
        rule["EventPattern"],
        rule.get("State"),
        rule.get("EventBusName"),
        name=label,
        location=(*location, "EventPattern"),
        anchors=(),
        kind=_CLI_KIND,
    )


def rules_in_cli_output(doc: Any) -> list[TemplateRule] | None:
    """Rules of ``aws events describe-rule`` or ``list-rules`` output, or ``None`` when it is neither."""
    if isinstance(doc, dict) and "EventPattern" in doc:
        rule = _cli_rule(doc, (), None)
        return [rule] if rule is not None else []
    rules = doc.get("Rules") if isinstance(doc, dict) and len(doc) <= 2 else None
    if isinstance(rules, list) and all(isinstance(r, dict) and ("Arn" in r or "Name" in r) for r in rules):
        found = (_cli_rule(r, ("Rules", i), i) for i, r in enumerate(rules))
        return [r for r in found if r is not None]
    return None
