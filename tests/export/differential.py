"""Running the Rego pack and ctrules' Python core on the same rules, and comparing their findings."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ctrules.export.rego import EXPORTED, in_scope

Key = tuple[str, str, str, str]  # code, logical id, severity, path

#: At most this many rules per template (CloudFormation allows 500 resources).
BATCH = 400


def template(rules: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A template with one AWS::Events::Rule per entry (``pattern``, optional ``state``, ``bus``), R0, R1..."""
    resources: dict[str, Any] = {}
    for i, rule in enumerate(rules):
        props: dict[str, Any] = {"EventPattern": rule["pattern"]}
        if rule.get("state") is not None:
            props["State"] = rule["state"]
        if rule.get("bus") is not None:
            props["EventBusName"] = rule["bus"]
        resources[f"R{i}"] = {"Type": "AWS::Events::Rule", "Properties": props}
    return {"Resources": resources}


def pack_findings(engine: Any, tpl: dict[str, Any], region: str | None) -> Counter[Key]:
    import cloudformation_validate as cv

    report = engine.validate_template(
        cv.TemplateContent(json.dumps(tpl), "template.json"),
        cv.ValidateConfig(
            disable_builtin_rules=True,
            pseudo_parameter_overrides=cv.PseudoParameterOverrides(region=region),
        ),
    )
    out: Counter[Key] = Counter()
    for d in report.diagnostics:
        if d.rule_id.startswith("CTR"):
            assert d.entity is not None and d.property_path is not None
            path = "$" + d.property_path.removeprefix("Properties.EventPattern")
            out[(d.rule_id, d.entity.logical_id, {"ERROR": "error", "WARN": "warning"}[d.severity.name], path)] += 1
    return out


def core_findings(tpl: dict[str, Any], region: str | None) -> Counter[Key]:
    from ctrules.plugin import check_template

    out: Counter[Key] = Counter()
    for rule, f in check_template(tpl, region):
        if f.code in EXPORTED and in_scope(rule.pattern):
            out[(f.code, rule.logical_id, f.severity, f.path)] += 1
    return out


def disagreements(engine: Any, rules: Iterable[dict[str, Any]], region: str | None) -> list[str]:
    """One line per finding only one side reports (with the rule's pattern), over batches of rules."""
    rules = list(rules)
    problems: list[str] = []
    for start in range(0, len(rules), BATCH):
        batch = rules[start : start + BATCH]
        tpl = template(batch)
        pack, core = pack_findings(engine, tpl, region), core_findings(tpl, region)
        for key in sorted((pack - core) + (core - pack)):
            side = "pack only" if pack[key] > core[key] else "core only"
            rule = batch[int(key[1][1:])]
            problems.append(f"{side}: {key} region={region} state={rule.get('state')} pattern={json.dumps(rule['pattern'])}")
    return problems
