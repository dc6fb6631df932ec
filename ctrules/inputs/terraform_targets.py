"""The event paths Terraform ``aws_cloudwatch_event_target`` resources read, given to their rules (CTR016).

A target names its rule (``rule = aws_cloudwatch_event_rule.x.name``) and may read parts of the event:
``input_path`` and ``input_transformer { input_paths = {...} }``. Each path becomes a ``(path, where, name)``
entry of the rule's :attr:`~ctrules.inputs.TemplateRule.targets`, ``where`` being the target's address and
attribute (``aws_cloudwatch_event_target.notify.input_transformer.input_paths.bucket``).

A target is linked to a rule by its reference to the rule resource (HCL; a plan's ``configuration``), else
by the rule's literal ``name``. A target that cannot be linked to exactly one rule is left out: nothing is
guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ctrules.inputs._model import TemplateRule

if TYPE_CHECKING:  # the HCL evaluator (and its parser) is imported when HCL targets are read, not for a plan
    from ctrules.inputs._hcl_eval import Node, Scope

__all__ = ["TARGET_TYPE", "attach_hcl_targets", "attach_plan_targets", "paths_of"]

#: The Terraform resource type of an EventBridge target.
TARGET_TYPE = "aws_cloudwatch_event_target"
_RULE_TYPE = "aws_cloudwatch_event_rule"
_SIMPLE = re.compile(r"^[A-Za-z0-9_-]+$")
_INDEXES = re.compile(r"\[[^\]]*\]")

Paths = list[tuple[str, str, "str | None"]]


def paths_of(address: str, input_path: Any, transformers: Any) -> Paths:
    """The ``(path, where, name)`` a target reads: its ``input_path`` and its ``input_transformer``'s
    ``input_paths`` (a block as a dict, or the list of them a plan holds). Other values give nothing."""
    out: Paths = []
    if isinstance(input_path, str) and input_path:
        out.append((input_path, f"{address}.input_path", None))
    for block in transformers if isinstance(transformers, list) else [transformers]:
        paths = block.get("input_paths") if isinstance(block, dict) else None
        if not isinstance(paths, dict):
            continue
        for name, value in paths.items():
            if isinstance(name, str) and isinstance(value, str):
                key = f".{name}" if _SIMPLE.match(name) else f'["{name}"]'
                out.append((value, f"{address}.input_transformer.input_paths{key}", name))
    return out


def _attach(rules: Iterable[TemplateRule], links: Iterable[tuple[str, Paths]]) -> None:
    by_address = {r.logical_id: r for r in rules}
    for address, paths in links:
        rule = by_address.get(address)
        if rule is not None and paths:
            rule.targets = (*rule.targets, *paths)


def _base(address: str) -> str:
    return _INDEXES.sub("", address)


def _module_of(address: str, resource_type: str) -> str:
    """``module.a.`` for ``module.a.aws_cloudwatch_event_rule.r`` (``""`` in the root module)."""
    at = address.rfind(resource_type + ".")
    return address[:at] if at > 0 else ""


# ------------------------------------------------------------------------------------------------ plans


def attach_plan_targets(rules: list[TemplateRule], doc: Any) -> None:
    """Add to each rule read from ``terraform show -json`` output the paths of the targets that name it.

    :param rules: the plan's rules (their logical id is the resource address).
    :param doc: the parsed plan or state.
    """
    if not isinstance(doc, dict):
        return
    section = doc.get("planned_values") or doc.get("values")
    root = section.get("root_module") if isinstance(section, dict) else None
    if not isinstance(root, dict):
        return
    names: dict[str, Any] = {}
    targets: list[tuple[str, dict[str, Any]]] = []
    for res in _plan_resources(root):
        address, values = res["address"], res["values"]
        if res.get("type") == _RULE_TYPE:
            names[address] = values.get("name")
        elif res.get("type") == TARGET_TYPE:
            targets.append((address, values))
    if not targets:
        return
    config = doc.get("configuration")
    refs: dict[str, list[str]] = {}
    if isinstance(config, dict):
        _config_refs(config.get("root_module"), "", refs)
    links: list[tuple[str, Paths]] = []
    index = _RuleIndex(names)
    for address, values in targets:
        paths = paths_of(address, values.get("input_path"), values.get("input_transformer"))
        rule = _plan_rule(address, values, index, refs) if paths else None
        if rule is not None:
            links.append((rule, paths))
    _attach(rules, links)


def _plan_resources(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for res in module.get("resources") or []:
        if (
            isinstance(res, dict)
            and isinstance(res.get("address"), str)
            and isinstance(res.get("values"), dict)
            and res.get("mode", "managed") == "managed"
        ):
            yield res
    for child in module.get("child_modules") or []:
        if isinstance(child, dict):
            yield from _plan_resources(child)


def _config_refs(module: Any, prefix: str, out: dict[str, list[str]]) -> None:
    """Target address (module prefix, no indexes) -> what its ``rule`` expression refers to."""
    if not isinstance(module, dict):
        return
    for res in module.get("resources") or []:
        if not isinstance(res, dict) or res.get("type") != TARGET_TYPE or not isinstance(res.get("address"), str):
            continue
        expressions = res.get("expressions")
        rule = expressions.get("rule") if isinstance(expressions, dict) else None
        found = rule.get("references") if isinstance(rule, dict) else None
        if isinstance(found, list):
            out[prefix + res["address"]] = [r for r in found if isinstance(r, str)]
    calls = module.get("module_calls")
    if isinstance(calls, dict):
        for name, call in calls.items():
            if isinstance(call, dict):
                _config_refs(call.get("module"), f"{prefix}module.{name}.", out)


class _RuleIndex:
    """The plan's rules by (module prefix, address without indexes) and by (module prefix, literal name), so that
    linking each target is a lookup, not a scan of every rule (plans with thousands of rules and targets)."""

    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names
        self.by_base: dict[tuple[str, str], list[str]] = {}
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for a, name in names.items():
            prefix = _module_of(a, _RULE_TYPE)
            self.by_base.setdefault((prefix, _base(a)), []).append(a)
            if isinstance(name, str):
                self.by_name.setdefault((prefix, name), []).append(a)


def _plan_rule(address: str, values: dict[str, Any], index: _RuleIndex, refs: dict[str, list[str]]) -> str | None:
    """The address of the one rule a target names, or None."""
    prefix = _module_of(address, TARGET_TYPE)
    candidates: list[str] = []
    referenced = [r for r in refs.get(_base(address), []) if r.startswith(_RULE_TYPE + ".")]
    name = values.get("rule")
    if referenced:
        base = prefix + _base(".".join(min(referenced, key=len).split(".")[:2]))
        candidates = index.by_base.get((prefix, base), [])
        if len(candidates) > 1:
            # count/for_each: the rule of the same index, else the one with the name the target gives.
            at = address[len(_base(address)) :]
            if at and base + at in index.names and _module_of(base + at, _RULE_TYPE) == prefix:
                return base + at
            named = set(index.by_name.get((prefix, name), [])) if isinstance(name, str) else set()
            candidates = [a for a in candidates if a in named]
    elif isinstance(name, str) and name:
        candidates = index.by_name.get((prefix, name), [])
    return candidates[0] if len(candidates) == 1 else None


# -------------------------------------------------------------------------------------------------- HCL


def attach_hcl_targets(rules: list[TemplateRule], trees: Iterable[Node], scope: Scope) -> None:
    """Add to each ``aws_cloudwatch_event_rule`` read from HCL the paths of the targets that name it.

    :param rules: the rules read from the files of one module (their logical id is ``aws_cloudwatch_event_rule.X``).
    :param trees: the parsed files of the module (a target may sit in another file than its rule).
    :param scope: the module's variables and locals.
    """
    from ctrules.inputs._hcl_eval import Unknown, elements, evaluate
    from ctrules.inputs.terraform_hcl import _attributes, _blocks, _body

    rule_names: dict[str, Any] = {}
    targets: list[tuple[str, Node]] = []
    for tree in trees:
        for kind, labels, body in _blocks(_body(tree)):
            if kind != "resource" or len(labels) != 2:
                continue
            if labels[0] == _RULE_TYPE:
                name_node = _attributes(body).get("name")
                rule_names[f"{_RULE_TYPE}.{labels[1]}"] = evaluate(name_node, scope) if name_node is not None else None
            elif labels[0] == TARGET_TYPE:
                targets.append((f"{TARGET_TYPE}.{labels[1]}", body))
    links: list[tuple[str, Paths]] = []
    by_name: dict[str, list[str]] = {}
    for a, n in rule_names.items():
        if isinstance(n, str):
            by_name.setdefault(n, []).append(a)
    for address, body in targets:
        attrs = _attributes(body)
        input_path = evaluate(attrs["input_path"], scope) if "input_path" in attrs else None
        transformers: list[Any] = []
        for kind, _, block in _blocks(body):
            if kind == "input_transformer":
                node = _attributes(block).get("input_paths")
                if node is None:
                    continue
                # Entry by entry: one value known only at plan time leaves the others checkable.
                entries = elements(node)
                value = (
                    {k: evaluate(v, scope) for k, _, v in entries if isinstance(k, str)}
                    if entries is not None
                    else evaluate(node, scope)
                )
                transformers.append({"input_paths": value} if isinstance(value, dict) else None)
        if "input_transformer" in attrs:  # written as an attribute (`input_transformer = {...}`)
            transformers.append(evaluate(attrs["input_transformer"], scope))
        paths = paths_of(address, None if isinstance(input_path, Unknown) else input_path, transformers)
        rule = _hcl_rule(attrs.get("rule"), rule_names, by_name, scope) if paths else None
        if rule is not None:
            links.append((rule, paths))
    _attach(rules, links)


def _hcl_rule(
    node: Node | None, rule_names: dict[str, Any], by_name: dict[str, list[str]], scope: Scope
) -> str | None:
    from ctrules.inputs._hcl_eval import evaluate, reference

    if node is None:
        return None
    ref = reference(node)
    if ref is not None and ref[0] == _RULE_TYPE and ref[1] and isinstance(ref[1][0], str):
        address = f"{_RULE_TYPE}.{ref[1][0]}"
        return address if address in rule_names else None
    value = evaluate(node, scope)
    if isinstance(value, str) and value:
        found = by_name.get(value, [])
        return found[0] if len(found) == 1 else None
    return None
